#pragma once

#include <string>

namespace cifarlab {

enum class Precision { Auto, Fp32, Bf16 };

// Torch defaults to one intra-op thread on some machines; we always set it explicitly.
int defaultThreadCount();
void configureThreads(int threads); // 0 = all cores

// True when the CPU runs bf16 matrix math natively (AVX512-BF16 or AMX-BF16).
bool cpuHasFastBf16();
Precision resolvePrecision(Precision requested);
Precision parsePrecision(const std::string &text); // "auto", "fp32", "bf16"; throws Error
std::string precisionName(Precision precision);
// CUDA devices the LibTorch in use can see (0 for a CPU-only build).
int cudaDeviceCount();

} // namespace cifarlab
