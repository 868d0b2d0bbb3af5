#pragma once

#include "core/dataset.h"

#include <cstdint>
#include <functional>
#include <string>

namespace cifarlab {

struct LoadOptions
{
    int64_t resize = 0; // > 0: every image becomes resize x resize (any format); 0 = native size
    int threads = 0; // decoding/resizing threads, 0 = all cores
    bool useCache = true; // ImageFolder only: binary formats read faster than a cache would
    std::string cacheDir; // ImageFolder cache, empty = the default (see image_folder_loader.h)
    std::function<void(const std::string &stage, double fraction)> progress; // on the calling thread
};

// The format `path` holds, judged cheaply from file names: "cifar10-binary", "cifar100-binary",
// "idx", "image-folder", or "" when none fits. Never throws.
std::string detectDatasetFormat(const std::string &path);

// Loads CIFAR-10/100 binary (folder, parent folder or official .tar.gz), an IDX folder (MNIST,
// Fashion-MNIST; raw or .gz) or an ImageFolder (folder or .zip with train/ and test/), by detection.
// Throws Error for a missing path, an unrecognized format (listing the accepted ones), or bad data.
Dataset loadDataset(const std::string &path, const LoadOptions &options = {});

// Resizes every image of both splits to size x size (area averaging when shrinking, bilinear when
// growing). No-op when the images already have that size.
void resizeDataset(
    Dataset &dataset, int64_t size, int threads = 0, const std::function<void(double)> &progress = {});

} // namespace cifarlab
