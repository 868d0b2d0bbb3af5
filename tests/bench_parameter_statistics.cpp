// What recording the Weights tab's statistics costs per sampled step and per epoch, for each
// architecture (CIFAR-10 input): the gradient RMS and histogram, the weight copy and the step's
// update ratio around a plain SGD step, and the end-of-epoch summary of every parameter tensor.
// Usage: bench_parameter_statistics [threads]
#include "core/parameter_statistics_collector.h"
#include "core/runtime.h"
#include "models/network.h"
#include "models/registry.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace {

double msSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char **argv)
{
    using namespace cifarlab;
    configureThreads(argc > 1 ? std::atoi(argv[1]) : 0);
    std::printf("%-16s %10s %8s %14s %14s %16s\n", "architecture", "parameters", "tensors", "ms per sample", "ms summary",
                "ms per epoch");
    for (const ArchitectureInfo &info : listArchitectures()) {
        const std::string &name = info.name;
        InputSpec input;
        auto net = createNetwork(name, input);
        int64_t count = 0, tensors = 0;
        for (auto &p : net->parameters()) {
            count += p.numel();
            ++tensors;
            if (p.requires_grad())
                p.mutable_grad() = torch::randn_like(p) * 1e-3;
        }
        ParameterStatisticsCollector collector(*net);
        constexpr int kSamples = 20;
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < kSamples; ++i) {
            collector.beforeStep();
            {
                torch::NoGradGuard noGrad;
                for (auto &p : net->parameters())
                    if (p.grad().defined())
                        p.sub_(p.grad() * 0.1);
            }
            collector.afterStep();
        }
        const double perSample = msSince(start) / kSamples;
        const auto summaryStart = std::chrono::steady_clock::now();
        const auto summary = collector.summarize();
        const double summaryMs = msSince(summaryStart);
        std::printf("%-16s %10lld %8lld %14.2f %14.2f %16.1f\n", name.c_str(), static_cast<long long>(count),
                    static_cast<long long>(tensors), perSample, summaryMs,
                    perSample * static_cast<double>(ParameterStatisticsCollector::kSamplesPerEpoch) + summaryMs);
        if (summary.size() != static_cast<size_t>(tensors))
            return 1;
    }
    return 0;
}
