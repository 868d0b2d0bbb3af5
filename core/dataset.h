#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cifarlab {

// One split of a dataset, fully in memory. Images are uint8 in N x C x H x W order
// (channel-planar, RGB or gray), labels are class indices into Dataset::classNames.
struct ImageSplit
{
    int64_t count = 0;
    int64_t channels = 0;
    int64_t height = 0;
    int64_t width = 0;
    std::vector<uint8_t> images;       // count * channels * height * width
    std::vector<int64_t> labels;       // count
    std::vector<int64_t> coarseLabels; // CIFAR-100 only (superclass), else empty

    int64_t imageBytes() const { return channels * height * width; }
    const uint8_t *image(int64_t i) const { return images.data() + i * imageBytes(); }
};

// The one in-memory representation every loader produces.
struct Dataset
{
    std::string name;   // human name, e.g. "CIFAR-10", "Fashion-MNIST", or the folder name
    std::string format; // "cifar10-binary", "cifar100-binary", "image-folder", "idx"
    std::string source; // file or folder it was read from
    std::vector<std::string> classNames;
    std::vector<std::string> coarseClassNames; // CIFAR-100 only
    ImageSplit train;
    ImageSplit test;

    int64_t numClasses() const { return static_cast<int64_t>(classNames.size()); }
};

} // namespace cifarlab
