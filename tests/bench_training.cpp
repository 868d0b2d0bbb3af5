// Prints training and input-pipeline throughput (images/s). Not a test: numbers depend on the machine.
//   bench_training [--steps N] [--batch N] [--arch a,b,...] [--precision fp32|bf16|both] [--threads N]
#include "core/augmentation.h"
#include "core/preprocessing.h"
#include "core/runtime.h"
#include "models/network.h"

#include <ATen/autocast_mode.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

using namespace cifarlab;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double pipelineImagesPerSecond(int64_t batch)
{
    // Random pixels in a CIFAR-sized split: gather, crop, flip, cutout and normalize one epoch.
    ImageSplit split;
    split.count = 50000;
    split.channels = 3;
    split.height = 32;
    split.width = 32;
    split.images.resize(static_cast<size_t>(split.count * 3 * 32 * 32));
    for (size_t i = 0; i < split.images.size(); ++i)
        split.images[i] = static_cast<uint8_t>((i * 2654435761u) >> 24);
    auto order = torch::randperm(split.count, torch::kInt64);
    AugmentationSpec spec = AugmentationSpec::fromNames({"crop", "flip", "cutout"}, 4, 8);
    Normalization norm;
    norm.mean = {0.49, 0.48, 0.45};
    norm.std = {0.25, 0.24, 0.26};
    const auto start = Clock::now();
    double checksum = 0;
    int64_t done = 0;
    for (int64_t b = 0; b + batch <= split.count; b += batch) {
        auto f = makeBatch(split, order.data_ptr<int64_t>() + b, batch, spec, norm, static_cast<uint64_t>(b), true);
        checksum += f.data_ptr<float>()[0];
        done += batch;
    }
    const double s = seconds(start);
    return checksum == 12345.678 ? 0 : static_cast<double>(done) / s;
}

double trainImagesPerSecond(const std::string &arch, int64_t batch, int steps, bool bf16)
{
    auto net = createNetwork(arch, InputSpec{});
    {
        torch::NoGradGuard g;
        for (auto &p : net->parameters())
            if (p.dim() == 4)
                p.set_data(p.contiguous(torch::MemoryFormat::ChannelsLast));
    }
    net->train();
    torch::optim::SGD opt(net->parameters(), torch::optim::SGDOptions(0.01).momentum(0.9).nesterov(true).weight_decay(5e-4));
    auto x = torch::randn({batch, 3, 32, 32}).contiguous(torch::MemoryFormat::ChannelsLast);
    auto y = torch::randint(0, 10, {batch}, torch::kInt64);
    at::autocast::set_cpu_enabled(bf16);
    at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
    auto step = [&] {
        opt.zero_grad();
        auto logits = net->forward(x).to(torch::kFloat32);
        auto loss = torch::nn::functional::cross_entropy(logits, y);
        loss.backward();
        opt.step();
        at::autocast::clear_cache();
    };
    step(); // warm-up: allocations and kernel selection
    const auto start = Clock::now();
    for (int i = 0; i < steps; ++i)
        step();
    const double s = seconds(start);
    at::autocast::set_cpu_enabled(false);
    return static_cast<double>(batch * steps) / s;
}

} // namespace

int main(int argc, char **argv)
{
    int steps = 5;
    int64_t batch = 128;
    int threads = 0;
    std::string archs = "baseline,baseline-plus,resnet18,resnext29_32x4d,densenet121";
    std::string precision = "both";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--steps"))
            steps = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--batch"))
            batch = std::atoll(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--arch"))
            archs = argv[i + 1];
        else if (!std::strcmp(argv[i], "--precision"))
            precision = argv[i + 1];
        else if (!std::strcmp(argv[i], "--threads"))
            threads = std::atoi(argv[i + 1]);
    }
    configureThreads(threads);
    std::printf("threads: %d, batch %lld, %d timed steps, CPU bf16 native: %s\n", at::get_num_threads(), static_cast<long long>(batch),
                steps, cpuHasFastBf16() ? "yes" : "no");
    std::printf("input pipeline (gather + crop + flip + cutout + normalize, channels-last): %.0f images/s\n",
                pipelineImagesPerSecond(256));
    std::stringstream list(archs);
    std::string arch;
    std::printf("%-18s %14s %14s\n", "architecture", "fp32 img/s", "bf16 img/s");
    while (std::getline(list, arch, ',')) {
        const double fp32 = precision == "bf16" ? 0.0 : trainImagesPerSecond(arch, batch, steps, false);
        const double bf16 = precision == "fp32" ? 0.0 : trainImagesPerSecond(arch, batch, steps, true);
        std::printf("%-18s %14.1f %14.1f\n", arch.c_str(), fp32, bf16);
        std::fflush(stdout);
    }
    return 0;
}
