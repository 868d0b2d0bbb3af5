#pragma once

// Torch-free: whether CifarLab's own CPU kernels replace LibTorch's operators.

namespace cifarlab {

// The 2x2 max-pool (models/max_pool.h) and the small-map convolution (models/small_map_conv.h) are on
// unless the environment sets CIFARLAB_OWN_KERNELS=0 (or off) when the process starts; LibTorch's own
// operators then run, to compare speed or rule them out.
bool ownKernelsEnabled();

} // namespace cifarlab
