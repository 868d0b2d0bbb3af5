#pragma once

// Torch-free: whether CifarLab's own CPU kernels replace LibTorch's operators.

namespace cifarlab {

// The 2x2 max-pool (models/max_pool.h), the small-map convolution (models/small_map_conv.h) and the
// fused batch norm + GELU (models/batch_norm_gelu.h) are on unless the environment sets
// CIFARLAB_OWN_KERNELS=0 (or off) when the process starts; LibTorch's own operators then run, to compare
// speed or rule them out.
bool ownKernelsEnabled();

// Whether the CPU runs AVX-512 F, BW and VL instructions, which the own kernels' vector paths use (they
// fall back to portable loops elsewhere). Always false off x86-64.
bool cpuHasAvx512();

// Whether /proc/cpuinfo lists AVX512-BF16 dot products, and AMX tiles (Linux; false elsewhere).
bool cpuHasAvx512Bf16();
bool cpuHasAmx();

} // namespace cifarlab
