#include "core/benchmark.h"

#include "core/alternatives.h"
#include "core/augmentation.h"
#include "core/dataset_loader.h"
#include "core/error.h"
#include "core/grad_scaler.h"
#include "core/memory_limit.h"
#include "core/preprocessing.h"
#include "core/runtime.h"
#include "core/tensor_memory_cache.h"
#include "core/split_evaluation.h"
#include "models/network.h"

#include <torch/csrc/autograd/profiler_legacy.h>

#include <algorithm>
#include <chrono>
#include <malloc.h>
#include <fstream>
#include <functional>
#include <map>
#include <string>

namespace cifarlab {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Returns memory freed by earlier measurements to the system first, so the starting point is honest.
// Linux keeps a resident-set high-water mark (VmHWM) that writing "5" to clear_refs resets: the peak of
// one measurement without a child process.
void resetPeakMemory()
{
    releaseTensorMemoryCache();
    malloc_trim(0);
    std::ofstream("/proc/self/clear_refs") << "5";
}

// LibTorch's legacy operator profiler, which needs no Kineto: its push and pop events per thread.
std::vector<std::vector<ProfiledRange>> profileRanges(const std::function<void()> &work)
{
    namespace profiler = torch::autograd::profiler;
    profiler::enableProfilerLegacy(profiler::ProfilerConfig(profiler::ProfilerState::CPU));
    try {
        work();
    } catch (...) {
        profiler::disableProfilerLegacy();
        throw;
    }
    const auto events = profiler::disableProfilerLegacy();
    std::vector<std::vector<ProfiledRange>> threads;
    for (const auto &list : events) {
        std::vector<ProfiledRange> ranges;
        for (const auto &e : list) {
            if (e.kind() == profiler::EventKind::PushRange)
                ranges.push_back({e.name(), true, e.cpuUs()});
            else if (e.kind() == profiler::EventKind::PopRange)
                ranges.push_back({std::string(), false, e.cpuUs()});
        }
        threads.push_back(std::move(ranges));
    }
    return threads;
}

} // namespace

std::vector<OperatorTime> summarizeProfile(const std::vector<std::vector<ProfiledRange>> &threads, int steps)
{
    struct Open
    {
        std::string name;
        double start;
        double children;
    };
    struct Sum
    {
        int64_t calls = 0;
        double self = 0.0;
        double total = 0.0;
    };
    std::map<std::string, Sum> sums;
    for (const auto &ranges : threads) {
        std::vector<Open> stack;
        for (const auto &r : ranges) {
            if (r.begin) {
                stack.push_back({r.name, r.microseconds, 0.0});
                continue;
            }
            if (stack.empty())
                continue; // a range opened before profiling began
            const Open open = stack.back();
            stack.pop_back();
            const double elapsed = std::max(0.0, r.microseconds - open.start);
            Sum &sum = sums[open.name];
            sum.calls += 1;
            sum.total += elapsed;
            sum.self += std::max(0.0, elapsed - open.children);
            if (!stack.empty())
                stack.back().children += elapsed;
        }
    }
    const double perStep = 1.0 / std::max(1, steps);
    std::vector<OperatorTime> out;
    for (const auto &[name, sum] : sums)
        out.push_back({name, static_cast<double>(sum.calls) * perStep, sum.self * perStep / 1000.0, sum.total * perStep / 1000.0});
    std::stable_sort(out.begin(), out.end(), [](const OperatorTime &a, const OperatorTime &b) { return a.selfMsPerStep > b.selfMsPerStep; });
    return out;
}

std::vector<std::string> benchModes(bool cuda)
{
    if (cuda)
        return {"fp32-nchw", "fp32-cl", "bf16-cl", "fp16-cl"};
    return {"fp32-nchw", "fp32-cl", "bf16-cl"};
}

bool benchDeviceIsCuda(const std::string &device)
{
    return requireDevice(device) >= 0;
}

ModeThroughput benchArchitecture(const std::string &architecture, const std::string &mode, const BenchSettings &settings)
{
    const bool cuda = benchDeviceIsCuda(settings.device);
    const auto modes = benchModes(cuda);
    if (std::find(modes.begin(), modes.end(), mode) == modes.end())
        throw Error("--modes: unknown mode '" + mode + "' on " + settings.device + " (expected " + joinAlternatives(modes) + ")");
    if (!hasArchitecture(architecture))
        throw Error("--arch: unknown architecture '" + architecture + "' (see cifarlab-cli models)");
    configureThreads(settings.threads);
    configureTensorMemoryCache();
    const torch::Device device(settings.device);
    const Precision precision = mode == "bf16-cl" ? Precision::Bf16 : mode == "fp16-cl" ? Precision::Fp16 : Precision::Fp32;
    const bool channelsLast = mode != "fp32-nchw";
    // Kernels run asynchronously on a GPU: a clock read is only meaningful after the queue drains.
    auto sync = [&] {
        if (cuda)
            torch::cuda::synchronize(device.has_index() ? device.index() : -1);
    };
    const auto format = channelsLast ? torch::MemoryFormat::ChannelsLast : torch::MemoryFormat::Contiguous;

    resetPeakMemory();
    const int64_t rssBefore = residentBytes();
    torch::manual_seed(0);
    auto net = createNetwork(architecture, InputSpec {});
    net->to(device);
    if (channelsLast)
        convertToChannelsLast(*net);
    std::vector<torch::Tensor> trainable;
    for (const auto &p : net->parameters())
        if (p.requires_grad())
            trainable.push_back(p);
    torch::optim::SGD optimizer(trainable, torch::optim::SGDOptions(0.01).momentum(0.9).nesterov(true).weight_decay(5e-4));
    const auto x = torch::randn({settings.batchSize, 3, 32, 32}).to(device).contiguous(format);
    const auto y = torch::randint(0, 10, {settings.batchSize}, torch::kInt64).to(device);
    GradScaler scaler(precision == Precision::Fp16);
    net->train();
    auto step = [&] {
        optimizer.zero_grad();
        torch::Tensor logits;
        {
            AutocastGuard autocast(precision, cuda);
            logits = net->forward(x);
        }
        scaler.scale(torch::nn::functional::cross_entropy(logits.to(torch::kFloat32), y)).backward();
        const bool finite = scaler.unscale(trainable);
        scaler.update(finite);
        if (finite)
            optimizer.step();
    };
    step(); // allocations and kernel selection
    sync();
    const auto trainStart = Clock::now();
    for (int i = 0; i < settings.steps; ++i)
        step();
    sync();
    ModeThroughput result;
    result.mode = mode;
    result.trainImagesPerSecond = static_cast<double>(settings.batchSize * settings.steps) / secondsSince(trainStart);
    result.peakTrainBytes = cuda ? 0 : std::max<int64_t>(0, peakResidentBytes() - rssBefore);
    if (settings.profile) {
        // After the timed steps, so the profiler's own cost stays out of the images/s.
        const auto profileStart = Clock::now();
        const auto ranges = profileRanges([&] {
            for (int i = 0; i < settings.steps; ++i)
                step();
            sync();
        });
        result.profiledStepMs = secondsSince(profileStart) * 1000.0 / settings.steps;
        result.operators = summarizeProfile(ranges, settings.steps);
    }

    net->eval();
    torch::NoGradGuard noGrad;
    AutocastGuard autocast(precision, cuda);
    const auto xi = torch::randn({settings.inferBatch, 3, 32, 32}).to(device).contiguous(format);
    net->forward(xi);
    sync();
    const auto inferStart = Clock::now();
    const int inferRounds = 2;
    for (int i = 0; i < inferRounds; ++i)
        net->forward(xi);
    sync();
    result.inferImagesPerSecond = static_cast<double>(settings.inferBatch * inferRounds) / secondsSince(inferStart);
    return result;
}

double benchInputPipeline(int64_t batchSize, int threads)
{
    configureThreads(threads);
    ImageSplit split;
    split.count = 50000;
    split.channels = 3;
    split.height = 32;
    split.width = 32;
    split.images.resize(static_cast<size_t>(split.count * 3 * 32 * 32));
    for (size_t i = 0; i < split.images.size(); ++i)
        split.images[i] = static_cast<uint8_t>((i * 2654435761u) >> 24);
    const auto order = torch::randperm(split.count, torch::kInt64);
    const AugmentationSpec spec = AugmentationSpec::fromNames({"crop", "flip", "cutout"}, 4, 8);
    Normalization norm;
    norm.mean = {0.49, 0.48, 0.45};
    norm.std = {0.25, 0.24, 0.26};
    const auto start = Clock::now();
    int64_t done = 0;
    for (int64_t b = 0; b + batchSize <= split.count; b += batchSize) {
        makeBatch(split, order.data_ptr<int64_t>() + b, batchSize, spec, norm, static_cast<uint64_t>(b), true);
        done += batchSize;
    }
    return static_cast<double>(done) / secondsSince(start);
}

LoadTiming benchDatasetLoad(const std::string &path, int threads)
{
    LoadTiming timing;
    LoadOptions cold;
    cold.threads = threads;
    cold.useCache = false;
    auto start = Clock::now();
    const Dataset decoded = loadDataset(path, cold);
    timing.coldSeconds = secondsSince(start);
    timing.images = decoded.train.count + decoded.test.count;
    LoadOptions cached;
    cached.threads = threads;
    loadDataset(path, cached); // writes the cache when it is missing or stale
    start = Clock::now();
    loadDataset(path, cached);
    timing.cachedSeconds = secondsSince(start);
    return timing;
}

} // namespace cifarlab
