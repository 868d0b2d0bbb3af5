#pragma once

// Core-internal (includes torch): batch-wide augmentation on whole tensors, no per-image loops.
#include <torch/torch.h>

#include <string>
#include <vector>

namespace cifarlab {

struct AugmentationSpec
{
    bool crop = false;
    int64_t cropPadding = 4;
    bool flip = false;
    bool cutout = false;
    int64_t cutoutSize = 8;
    bool rotate = false;      // the original study: random rotation up to +-kRotateDegrees
    bool perspective = false; // the original study: random perspective distortion

    static AugmentationSpec fromNames(const std::vector<std::string> &names, int64_t cropPadding, int64_t cutoutSize);
    bool any() const { return crop || flip || cutout || rotate || perspective; }
    bool needsFloat() const { return rotate || perspective; }
};

// uint8 N x C x H x W -> uint8, same shape: random translation (zero padding), mirror, cutout.
torch::Tensor augmentU8(const torch::Tensor &images, const AugmentationSpec &spec, torch::Generator &generator);
// float N x C x H x W -> float: random rotation and perspective through one grid_sample.
torch::Tensor augmentGeometric(const torch::Tensor &images, const AugmentationSpec &spec, torch::Generator &generator);

} // namespace cifarlab
