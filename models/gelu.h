#pragma once

// Torch-using (for models, core and tests): GELU that stays on LibTorch's fast kernel for channels-last input.

#include <torch/torch.h>

namespace cifarlab {

// torch::nn::GELU, same options and output. LibTorch 1.13 runs GELU and its backward on a
// channels-last bf16 tensor through a slow strided loop (about 6x the time of the same elements laid
// out contiguously, measured on airbench's activations); a channels-last tensor is an NHWC tensor in
// memory, so the activation is applied to that contiguous NHWC view instead. Elementwise, so the
// values are identical.
class GELUImpl : public torch::nn::GELUImpl
{
public:
    using torch::nn::GELUImpl::GELUImpl;
    torch::Tensor forward(const torch::Tensor &input);
};
TORCH_MODULE(GELU);

// The same for a bare tensor.
torch::Tensor gelu(const torch::Tensor &input, const std::string &approximate = "none");

} // namespace cifarlab
