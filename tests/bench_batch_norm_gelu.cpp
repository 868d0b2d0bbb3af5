// What training-mode BatchNorm2d + GELU cost in airbench's training step: the two layers (LibTorch's
// batch norm, cifarlab::GELU's channels-last route) against the fused batchNormGelu, forward and
// backward, on bf16 (as under autocast) or float32 channels-last activations with float32 norm
// parameters (median of 5 runs after a warm-up).
// Usage: bench_batch_norm_gelu [batch (1024)] [threads (0: all cores)] [bf16|fp32 (bf16)]
#include "core/runtime.h"
#include "core/tensor_memory_cache.h"
#include "models/batch_norm_gelu.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
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

// As in airbench: the norm's scale frozen, its bias trained.
cifarlab::BatchNorm2d airbenchNorm(int64_t channels)
{
    cifarlab::BatchNorm2d norm(torch::nn::BatchNorm2dOptions(channels).eps(1e-12).momentum(0.4));
    norm->weight.set_requires_grad(false);
    return norm;
}

Timing measure(
    const std::function<torch::Tensor(cifarlab::BatchNorm2d &, cifarlab::GELU &, const torch::Tensor &)>
        &layers,
    const torch::Tensor &x, const torch::Tensor &dy)
{
    constexpr int kWarmUp = 1, kRuns = 5;
    auto norm = airbenchNorm(x.size(1));
    cifarlab::GELU activ;
    std::vector<double> forward, backward;
    for (int i = 0; i < kWarmUp + kRuns; ++i) {
        const auto start = Clock::now();
        auto y = layers(norm, activ, x);
        const auto middle = Clock::now();
        // grad() rather than backward(): no accumulation into x.grad to time.
        auto grads = torch::autograd::grad({y}, {x, norm->bias}, {dy});
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
    const int64_t batch = argc > 1 ? std::atoll(argv[1]) : 1024;
    configureThreads(argc > 2 ? std::atoi(argv[2]) : 0);
    const std::string type = argc > 3 ? argv[3] : "bf16";
    if (type != "bf16" && type != "fp32") {
        std::fprintf(stderr, "bench_batch_norm_gelu: the type is bf16 or fp32, not %s\n", type.c_str());
        return 2;
    }
    const auto dtype = type == "bf16" ? torch::kBFloat16 : torch::kFloat32;
    configureTensorMemoryCache();
    std::printf("%s channels-last, %d threads, median of 5 (ms)\n", type.c_str(), at::get_num_threads());
    std::printf("%-14s %-20s %17s %17s %17s %9s\n", "layer", "shape", "torch fwd / bwd", "fused fwd / bwd",
        "torch / fused", "speed-up");
    struct Case
    {
        const char *layer;
        std::vector<int64_t> shape;
    };
    // airbench's activations on 32x32 input: the 2x2 whitening leaves 31x31, each group pools by 2.
    const std::vector<Case> cases = {{"block1", {batch, 64, 15, 15}}, {"block2", {batch, 256, 7, 7}},
        {"block3", {batch, 256, 3, 3}}};
    for (const auto &c : cases) {
        torch::manual_seed(0);
        const auto x = (torch::randn(c.shape) * 2 + 0.3)
                           .to(dtype)
                           .contiguous(torch::MemoryFormat::ChannelsLast)
                           .requires_grad_(true);
        const auto dy
            = torch::randn(c.shape).to(dtype).contiguous(torch::MemoryFormat::ChannelsLast);
        const Timing torchTiming
            = measure([](BatchNorm2d &norm, GELU &activ,
                          const torch::Tensor &t) { return activ->forward(norm->forward(t)); },
                x, dy);
        const Timing fusedTiming
            = measure([](BatchNorm2d &norm, GELU &activ,
                          const torch::Tensor &t) { return batchNormGelu(norm, activ, t); },
                x, dy);
        std::string shape;
        for (const int64_t s : c.shape)
            shape += (shape.empty() ? "" : "x") + std::to_string(s);
        const double torchTotal = torchTiming.forward + torchTiming.backward;
        const double fusedTotal = fusedTiming.forward + fusedTiming.backward;
        std::printf("%-14s %-20s %8.1f / %6.1f %8.1f / %6.1f %8.1f / %6.1f %8.1fx\n", c.layer, shape.c_str(),
            torchTiming.forward, torchTiming.backward, fusedTiming.forward, fusedTiming.backward, torchTotal,
            fusedTotal, torchTotal / fusedTotal);
        std::fflush(stdout);
    }
    return 0;
}
