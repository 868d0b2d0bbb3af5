#pragma once

#include "core/dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cifarlab {

// What a recipe's augmentation makes of some training images (fastai's show_batch), drawn by the
// training pipeline itself (makeBatch, then rotation/perspective) and turned back into bytes.
struct AugmentationPreviewRequest
{
    std::vector<std::string> augment; // TrainingConfig::augment names
    int64_t cropPadding = 4;
    int64_t cutoutSize = 8;
    // The normalization training applies (per channel, in [0,1]): fill values of rotations and
    // perspective warps are its zero, i.e. the mean colour. Empty = mean 0, std 1.
    std::vector<double> mean;
    std::vector<double> std;
    std::vector<int64_t> indices; // images of the split
    int64_t draws = 6;            // draw d is augmented as in epoch d (alternating flips show both ways)
    uint64_t seed = 0;
};

// indices.size() x draws images (image-major), each C x H x W uint8 like the split's. Throws Error
// for an index outside the split, an unknown augmentation name, or fewer than 1 draw.
std::vector<std::vector<uint8_t>> augmentationPreview(const ImageSplit &split, const AugmentationPreviewRequest &request);

} // namespace cifarlab
