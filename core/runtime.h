#pragma once

#include <cstdint>
#include <string>

namespace cifarlab {

// Fp16 is CUDA only (LibTorch 1.13's CPU autocast is bf16 only) and trains with a gradient scaler.
enum class Precision { Auto, Fp32, Bf16, Fp16 };

// Torch defaults to one intra-op thread on some machines; we always set it explicitly.
int defaultThreadCount();
void configureThreads(int threads); // 0 = all cores

// True when the CPU runs bf16 matrix math natively (AVX512-BF16 or AMX-BF16).
bool cpuHasFastBf16();
// Auto becomes bf16 on a CUDA device and on CPUs with fast bf16, fp32 elsewhere.
Precision resolvePrecision(Precision requested, bool cuda = false);
Precision parsePrecision(const std::string &text); // "auto", "fp32", "bf16", "fp16"; throws Error
std::string precisionName(Precision precision);
// Winograd's tile size (4) that "auto" 3x3 convolutions use in bf16 on this CPU, or 0 for oneDNN's
// direct convolution (models/winograd_conv.h).
int autoWinogradTile();
// The least batch from which those Winograd convolutions cover a map's remainder (side mod 4) with
// F(3x3,3x3) edge tiles (INT64_MAX: never; models/winograd_conv.h).
int64_t winogradEdgeTileBatch();
// The tile TrainingConfig::convolution asks for: "direct" 0, "winograd" 4, "auto" autoWinogradTile().
// Throws Error for another name.
int winogradTileFor(const std::string &convolution);
// The LibTorch this build compiled against ("1.13.0", "2.11.0"), for reports of measurements.
std::string libtorchVersion();
// CUDA devices the LibTorch in use can see (0 for a CPU-only build).
int cudaDeviceCount();
// "cpu" is -1, "cuda" 0, "cuda:N" N; any other name throws Error naming --device. Syntax only,
// so a config for a GPU machine can be checked anywhere.
int deviceIndex(const std::string &device);
// deviceIndex(), and an Error when the CUDA device it names does not exist here. Every run on a CUDA
// device comes through here (trainer, bench), so this is also where cuDNN's autotuner is switched on.
int requireDevice(const std::string &device);

} // namespace cifarlab
