#pragma once

// Torch-using (for models, core and tests): 2x2 stride-2 max-pool with a lean CPU kernel for channels-last
// input.

#include "models/own_kernels.h"

#include <torch/torch.h>

namespace cifarlab {

// y = max_pool2d(x, 2) for a 4-d tensor (floor mode, no padding): same values, same gradient. LibTorch
// 1.13's CPU kernel writes an int64 index per output and its backward zero-fills the whole input
// gradient before scattering into it (13% of an airbench step). For channels-last bf16/float CPU
// tensors this one keeps a 1-byte window position per output instead and writes every input gradient
// element exactly once; any other dtype, layout or device goes to torch::max_pool2d.
// Not twice differentiable: the gradient it returns has no graph of its own.
torch::Tensor maxPool2x2(const torch::Tensor &x);

// For tests and benches: the widest kernel build to use (models/own_kernels.h; by default the widest
// this CPU runs).
void setMaxPool2x2Isa(KernelIsa widest);

// pool->forward(x), through maxPool2x2 when `pool` is a plain 2x2 stride-2 max-pool. The layer stays a
// torch::nn::MaxPool2d, so summaries, diagrams and state dicts see the usual layer. CIFARLAB_OWN_KERNELS=0
// in the environment keeps LibTorch's kernel (models/own_kernels.h).
bool isPlainMaxPool2x2(const torch::nn::MaxPool2d &pool);
torch::Tensor maxPool(torch::nn::MaxPool2d pool, const torch::Tensor &x);

} // namespace cifarlab
