#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cifarlab {

// Throughput measurements behind `cifarlab-cli bench`. Torch-free API: plain numbers out.

// One way of running a network: "fp32-nchw", "fp32-cl" (channels-last) or "bf16-cl" (bf16 autocast,
// channels-last; BatchNorm statistics, the loss and the optimizer stay fp32); on CUDA also "fp16-cl"
// (fp16 autocast with the dynamic gradient scaler that fp16 training uses).
std::vector<std::string> benchModes(bool cuda = false);

struct BenchSettings
{
    int64_t batchSize = 128;
    int steps = 3;         // timed training steps after one untimed warm-up step
    int64_t inferBatch = 500;
    int threads = 0;       // 0 = all cores
    std::string device = "cpu"; // "cpu", "cuda" or "cuda:N"
    bool profile = false;  // also profile `steps` more training steps operator by operator
};

// One operator's share of a profiled training step, from LibTorch's operator profiler.
struct OperatorTime
{
    std::string name;           // "aten::convolution_backward", "aten::native_batch_norm", ...
    double callsPerStep = 0.0;
    double selfMsPerStep = 0.0; // its own time, the operators it called excluded
    double totalMsPerStep = 0.0; // including them
};

struct ModeThroughput
{
    std::string mode;
    double trainImagesPerSecond = 0.0;   // forward, backward and SGD step
    double inferImagesPerSecond = 0.0;   // eval mode, no gradients
    int64_t peakTrainBytes = 0;          // resident memory above the starting point while training (CPU only)
    double profiledStepMs = 0.0;         // with `BenchSettings::profile`: one step's wall time under the profiler
    std::vector<OperatorTime> operators; // with `BenchSettings::profile`: largest self time first
};

// Sums the operator profiler's nested ranges (a list per thread, in order) into each operator's self
// and total time divided by `steps`, largest self time first. Exposed for testing.
struct ProfiledRange
{
    std::string name; // empty for the end of a range
    bool begin = true;
    double microseconds = 0.0;
};
std::vector<OperatorTime> summarizeProfile(const std::vector<std::vector<ProfiledRange>> &threads, int steps);

// True when `device` names a CUDA device ("cuda", "cuda:N"); throws Error for anything but those and "cpu",
// and for a CUDA device that this LibTorch build or machine does not have.
bool benchDeviceIsCuda(const std::string &device);

// Trains `architecture` on random 3x32x32 batches for `settings.steps` steps in `mode`. Throws Error for
// an unknown architecture or mode.
ModeThroughput benchArchitecture(const std::string &architecture, const std::string &mode, const BenchSettings &settings);

// The input pipeline (gather, random crop, flip, cutout, normalize into a channels-last float batch) on
// one epoch of random CIFAR-sized images: images per second.
double benchInputPipeline(int64_t batchSize, int threads);

struct LoadTiming
{
    double coldSeconds = 0.0;   // decoding the source (no cache)
    double cachedSeconds = 0.0; // from the binary cache
    int64_t images = 0;
};
// Loads `path` once decoding everything and once from the cache (written by the first load if needed).
LoadTiming benchDatasetLoad(const std::string &path, int threads);

} // namespace cifarlab
