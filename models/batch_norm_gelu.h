#pragma once

// Torch-using (for models, core and tests): training-mode BatchNorm2d followed by exact GELU as one CPU
// kernel for channels-last input.

#include "models/batch_norm.h"
#include "models/gelu.h"
#include "models/own_kernels.h"

#include <torch/torch.h>

namespace cifarlab {

// gelu(norm(x)) with norm in training mode: same outputs, gradients and running statistics as
// traced(activ, traced(norm, x)), fused for channels-last CPU tensors.
// Apart, the two layers make about eight passes over each activation and keep the normalized tensor
// for GELU's backward (a fifth of an airbench step at batch 1,024). Fused, the forward reads x twice
// (statistics, then output) and the backward reads the output gradient and x twice (reduction, then
// input gradient), recomputing the normalized values and GELU's slope; only x and per-channel values
// are kept. It applies to a 4-d channels-last bf16 or float32 CPU tensor, a training-mode norm with
// float32 affine parameters, running statistics and a momentum, no statistics reducer, and the exact
// (erf) GELU, while no summary or activation capture records layers; anything else, and
// CIFARLAB_OWN_KERNELS=0 (models/own_kernels.h), takes the two layers' own forwards.
// Not twice differentiable: the gradients it returns have no graph of their own.
torch::Tensor batchNormGelu(BatchNorm2d &norm, GELU &activ, const torch::Tensor &x);

// Test hooks: false makes batchNormGelu take the unfused route (the default, true, fuses); the widest
// kernel build it may use (models/own_kernels.h; by default the widest this CPU runs).
void setBatchNormGeluEnabled(bool enabled);
void setBatchNormGeluIsa(KernelIsa widest);

} // namespace cifarlab
