#pragma once

// Core-internal (includes torch): batch-wide augmentation on whole tensors, no per-image loops.
#include <torch/torch.h>

#include <string>
#include <vector>

namespace cifarlab {

struct AugmentationSpec
{
    bool crop = false;      // random shift by up to cropPadding, zeros shifted in
    bool translate = false; // the same shift with reflect padding (airbench)
    int64_t cropPadding = 4;
    bool flip = false;      // each image mirrored with probability 1/2, drawn per batch
    // Each image's mirror bit is drawn once per run from (flipSeed, image index), then the whole set is
    // mirrored on every odd epoch: every image is seen both ways in every two epochs.
    bool alternateFlip = false;
    uint64_t flipSeed = 0;
    int64_t epoch = 0;
    bool cutout = false;
    int64_t cutoutSize = 8;
    bool rotate = false;      // the original study: random rotation up to +-kRotateDegrees
    bool perspective = false; // the original study: random perspective distortion

    static AugmentationSpec fromNames(const std::vector<std::string> &names, int64_t cropPadding, int64_t cutoutSize);
    bool any() const { return crop || translate || flip || alternateFlip || cutout || rotate || perspective; }
    bool needsFloat() const { return rotate || perspective; }
};

// float N x C x H x W -> float: random rotation and perspective through one grid_sample.
torch::Tensor augmentGeometric(const torch::Tensor &images, const AugmentationSpec &spec, torch::Generator &generator);

} // namespace cifarlab

namespace cifarlab {

struct Normalization;
struct ImageSplit;

// The fast path of the input pipeline: gathers `count` images of `split` by index, applies random
// translation, mirror and cutout, and normalizes, in one pass over the uint8 data, in parallel over
// images. Randomness comes from `seed` alone, so a batch can be replayed exactly. Output is float32
// N x C x H x W, channels-last in memory when asked.
torch::Tensor makeBatch(const ImageSplit &split, const int64_t *indices, int64_t count, const AugmentationSpec &spec,
                        const Normalization &normalization, uint64_t seed, bool channelsLast);

} // namespace cifarlab
