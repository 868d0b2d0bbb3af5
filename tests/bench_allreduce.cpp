// All-reduce cost on this machine: two ranks (threads of this process, each with its own Gloo
// context and loopback TCP connections) sum a gradient of a given size, whole or in DDP-sized
// buckets. Prints one line per size; built, never run by ctest.
#include "core/distributed_group.h"

#include <chrono>
#include <cstdio>
#include <future>
#include <memory>
#include <vector>

using namespace cifarlab;

int main()
{
    DistributedOptions options;
    options.worldSize = 2;
    options.masterPort = 0;
    options.spawnLocalWorkers = true;
    options.timeoutSeconds = 60;
    DistributedGroup zero(options);
    options.rank = 1;
    options.spawnLocalWorkers = false;
    options.masterPort = zero.port();
    DistributedGroup one(options);
    auto both = [&](auto step) {
        auto other = std::async(std::launch::async, [&] { step(one); });
        step(zero);
        other.get();
    };
    both([](DistributedGroup &g) { g.connect(); });

    // airbench (1.97M), ResNeXt-29 (4.8M), ResNet-18 (11.2M parameters).
    for (const int64_t parameters : {1970000L, 4800000L, 11200000L}) {
        for (const int64_t bucketBytes : {int64_t(25) << 20, parameters * 4}) {
            std::vector<std::vector<torch::Tensor>> buckets(2);
            for (auto &b : buckets)
                for (int64_t left = parameters; left > 0; left -= bucketBytes / 4)
                    b.push_back(torch::ones({std::min(left, bucketBytes / 4)}));
            const int repeats = 10;
            auto run = [&] {
                both([&](DistributedGroup &g) {
                    for (auto &t : buckets[static_cast<size_t>(g.rank())])
                        g.allreduceSumAsync(t);
                    g.waitPending();
                });
            };
            run(); // warm-up: Gloo builds its algorithm caches
            const auto start = std::chrono::steady_clock::now();
            for (int i = 0; i < repeats; ++i)
                run();
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / repeats;
            std::printf("%lld parameters (%.1f MB), %zu bucket(s): %.1f ms per all-reduce, %.2f GB/s algorithm bandwidth\n",
                        static_cast<long long>(parameters), parameters * 4 / 1e6, buckets[0].size(), seconds * 1e3,
                        parameters * 4 / seconds / 1e9);
        }
    }
    return 0;
}
