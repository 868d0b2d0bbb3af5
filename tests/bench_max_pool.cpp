// What a 2x2 max-pool costs in airbench's training step: LibTorch's max_pool2d against maxPool2x2,
// forward and backward, on bf16 channels-last activations of a 1,024-image batch (median of 8 runs).
// Usage: bench_max_pool [threads]
#include "core/runtime.h"
#include "core/tensor_memory_cache.h"
#include "models/max_pool.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double msBetween(Clock::time_point start, Clock::time_point end)
{
    return std::chrono::duration<double, std::milli>(end - start).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

struct Timing
{
    double forward, backward;
};

Timing measure(const std::function<torch::Tensor(const torch::Tensor &)> &pool, const torch::Tensor &x,
    const torch::Tensor &dy)
{
    constexpr int kWarmUp = 3, kRuns = 8;
    std::vector<double> forward, backward;
    for (int i = 0; i < kWarmUp + kRuns; ++i) {
        const auto start = Clock::now();
        auto y = pool(x);
        const auto middle = Clock::now();
        // grad() rather than backward(): no accumulation into x.grad to time.
        auto dx = torch::autograd::grad({y}, {x}, {dy});
        const auto end = Clock::now();
        if (i >= kWarmUp) {
            forward.push_back(msBetween(start, middle));
            backward.push_back(msBetween(middle, end));
        }
    }
    return {median(forward), median(backward)};
}

} // namespace

int main(int argc, char **argv)
{
    using namespace cifarlab;
    configureThreads(argc > 1 ? std::atoi(argv[1]) : 0);
    configureTensorMemoryCache();
    std::printf("%-18s %24s %24s %8s\n", "bf16 channels-last", "max_pool2d fwd+bwd ms",
        "maxPool2x2 fwd+bwd ms", "speed-up");
    const std::vector<std::vector<int64_t>> shapes
        = {{1024, 64, 31, 31}, {1024, 256, 15, 15}, {1024, 256, 7, 7}};
    for (const auto &shape : shapes) {
        torch::manual_seed(0);
        const auto x = torch::randn(shape)
                           .to(torch::kBFloat16)
                           .contiguous(torch::MemoryFormat::ChannelsLast)
                           .requires_grad_(true);
        const auto dy = torch::randn({shape[0], shape[1], shape[2] / 2, shape[3] / 2})
                            .to(torch::kBFloat16)
                            .contiguous(torch::MemoryFormat::ChannelsLast);
        const Timing native = measure([](const torch::Tensor &t) { return torch::max_pool2d(t, 2); }, x, dy);
        const Timing ours = measure([](const torch::Tensor &t) { return maxPool2x2(t); }, x, dy);
        char name[64];
        std::snprintf(name, sizeof name, "%lldx%lldx%lldx%lld", static_cast<long long>(shape[0]),
            static_cast<long long>(shape[1]), static_cast<long long>(shape[2]),
            static_cast<long long>(shape[3]));
        std::printf("%-18s %8.1f + %6.1f = %6.1f %8.1f + %6.1f = %6.1f %7.1fx\n", name, native.forward,
            native.backward, native.forward + native.backward, ours.forward, ours.backward,
            ours.forward + ours.backward,
            (native.forward + native.backward) / (ours.forward + ours.backward));
        std::fflush(stdout);
    }
    return 0;
}
