#include "core/runtime.h"

#include "core/error.h"
#include "models/own_kernels.h"
#include "models/winograd_conv.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <torch/cuda.h>
#include <torch/version.h>

#include <thread>

namespace cifarlab {

int defaultThreadCount()
{
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : static_cast<int>(n);
}

void configureThreads(int threads)
{
    const int n = threads > 0 ? threads : defaultThreadCount();
    if (at::get_num_threads() != n)
        at::set_num_threads(n);
}

bool cpuHasFastBf16()
{
    // Under oneDNN's ISA ceiling too (models/own_kernels.h), so that ONEDNN_MAX_CPU_ISA=AVX2 also
    // defaults to float32 as a CPU without these instructions would.
    return cpuHasAvx512Bf16() || cpuHasAmx();
}

int autoWinogradTile()
{
    return defaultWinogradTile();
}

int64_t winogradEdgeTileBatch()
{
    return winogradEdgeTileMinBatch();
}

int winogradTileFor(const std::string &convolution)
{
    if (convolution == "auto")
        return autoWinogradTile();
    if (convolution == "direct")
        return 0;
    if (convolution == "winograd")
        return 4;
    throw Error("convolution: unknown value '" + convolution + "' (expected auto, direct or winograd)");
}

Precision resolvePrecision(Precision requested, bool cuda)
{
    if (requested != Precision::Auto)
        return requested;
    return cuda || cpuHasFastBf16() ? Precision::Bf16 : Precision::Fp32;
}

Precision parsePrecision(const std::string &text)
{
    if (text == "auto")
        return Precision::Auto;
    if (text == "fp32")
        return Precision::Fp32;
    if (text == "bf16")
        return Precision::Bf16;
    if (text == "fp16")
        return Precision::Fp16;
    throw Error("precision: unknown value '" + text + "' (expected auto, fp32, bf16 or fp16)");
}

std::string precisionName(Precision precision)
{
    switch (precision) {
    case Precision::Auto:
        return "auto";
    case Precision::Fp32:
        return "fp32";
    case Precision::Bf16:
        return "bf16";
    case Precision::Fp16:
        return "fp16";
    }
    return "fp32";
}

std::string libtorchVersion()
{
    return std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "."
        + std::to_string(TORCH_VERSION_PATCH);
}

int cudaDeviceCount()
{
    return static_cast<int>(torch::cuda::device_count());
}

int deviceIndex(const std::string &device)
{
    if (device == "cpu")
        return -1;
    if (device == "cuda")
        return 0;
    const std::string prefix = "cuda:";
    const bool indexed = device.size() > prefix.size() && device.size() <= prefix.size() + 4
        && device.compare(0, prefix.size(), prefix) == 0
        && device.find_first_not_of("0123456789", prefix.size()) == std::string::npos;
    if (!indexed)
        throw Error("--device: unknown value '" + device + "' (expected cpu, cuda or cuda:N)");
    return std::stoi(device.substr(prefix.size()));
}

int requireDevice(const std::string &device)
{
    const int index = deviceIndex(device);
    if (index < 0)
        return index;
    const int count = cudaDeviceCount();
    if (count == 0)
        throw Error("--device: " + device + " requested, but this LibTorch build or machine has no CUDA device");
    if (index >= count)
        throw Error("--device: " + device + " requested, but only " + std::to_string(count) + " CUDA device(s) exist");
    // Batches keep one shape for a whole run: cuDNN's autotuner times each convolution's algorithms
    // once and keeps the fastest.
    at::globalContext().setBenchmarkCuDNN(true);
    return index;
}

} // namespace cifarlab
