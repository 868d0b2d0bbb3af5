#pragma once

// For the micro-benchmarks: the best wall time of a few runs after a warm-up.

#include <algorithm>
#include <chrono>
#include <functional>

namespace cifarlab::bench {

// Milliseconds of the fastest of `runs` calls of `run`, after one untimed call.
inline double bestMilliseconds(const std::function<void()> &run, int runs = 5)
{
    run();
    double best = 1e300;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        run();
        best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

} // namespace cifarlab::bench
