#pragma once

// Torch-free: whether CifarLab's own CPU kernels replace LibTorch's operators.

namespace cifarlab {

// The 2x2 max-pool (models/max_pool.h), the small-map convolution (models/small_map_conv.h) and the
// fused batch norm + GELU (models/batch_norm_gelu.h) are on unless the environment sets
// CIFARLAB_OWN_KERNELS=0 (or off) when the process starts; LibTorch's own operators then run, to compare
// speed or rule them out.
bool ownKernelsEnabled();

// Every query below also obeys oneDNN's ISA ceiling, ONEDNN_MAX_CPU_ISA (or DNNL_MAX_CPU_ISA) as read
// at process start: with ONEDNN_MAX_CPU_ISA=AVX2 this CPU's convolutions, CifarLab's own kernels and
// its bf16 default all behave as on a CPU without AVX-512 (an ordinary laptop's), for measuring that.

// Whether the CPU runs AVX-512 F, BW and VL instructions, which the own kernels' vector paths use (they
// fall back to AVX2 or portable loops elsewhere). Always false off x86-64.
bool cpuHasAvx512();

// Whether the CPU runs AVX2 and FMA instructions. Always false off x86-64.
bool cpuHasAvx2();

// Whether /proc/cpuinfo lists AVX512-BF16 dot products, and AMX tiles (Linux; false elsewhere).
bool cpuHasAvx512Bf16();
bool cpuHasAmx();

// The widest vector instructions a kernel with several builds may use: by default the widest this CPU
// runs (AVX-512, else AVX2 with FMA, else the portable build), or at most AVX2, or the portable build.
// For tests and benches, to run the narrower builds on a wider CPU.
enum class KernelIsa
{
    Widest,
    Avx2,
    Portable
};

} // namespace cifarlab
