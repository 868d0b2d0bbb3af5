#pragma once

// Torch-using (for models, core and tests): convolutions on tiny feature maps as one matrix product.

#include <torch/torch.h>

namespace cifarlab {

// True when `conv` is a square, odd-sized, stride-1, undilated, ungrouped convolution with "same" zero
// padding: one whose output map is its input map.
bool isSameSizeConv(const torch::nn::Conv2d &conv);

// True when `conv` is a square, odd, stride-1, "same"-padded, ungrouped, undilated convolution and
// `x` a channels-last CPU feature map with no more positions than the kernel has taps (airbench's
// 3x3 maps).
bool smallMapConvApplies(const torch::nn::Conv2d &conv, const torch::Tensor &x);

// What conv->forward(x) computes, as x (N x H*W*C_in, the NHWC view) times the dense
// (H*W*C_in) x (H*W*C_out) matrix the convolution is on an H x W map. On such a map that matrix costs
// no more multiply-adds than the convolution, and its products run twice as fast as oneDNN's direct
// convolution there (forward and backward 48 against 97 ms at batch 1024, 256 channels, bf16, AMX).
// Requires smallMapConvApplies(conv, x).
torch::Tensor smallMapConv(const torch::nn::Conv2d &conv, const torch::Tensor &x);

// conv->forward(x), or a faster route to the same result, unless CIFARLAB_OWN_KERNELS=0
// (models/own_kernels.h): smallMapConv where it applies, in bf16 and when gradients will be computed
// (in float32 LibTorch's products go to BLAS, slower than oneDNN's convolution); else
// winogradConv3x3 (models/winograd_conv.h) where the thread's tile is set, for 3x3 convolutions with at
// least 48 input channels, in bf16, or in float32 where winogradPaysInFloat32.
torch::Tensor convolve(torch::nn::Conv2d conv, const torch::Tensor &x);

// convolve(conv, x) as a traced() layer call (models/network.h): what the architectures call for
// their same-size convolutions, so that summaries and activation captures still see the layer.
torch::Tensor tracedConvolve(torch::nn::Conv2d &conv, const torch::Tensor &x);

// For tests: false keeps convolve() on conv->forward.
void setSmallMapConvEnabled(bool enabled);

} // namespace cifarlab
