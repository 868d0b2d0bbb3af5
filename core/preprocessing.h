#pragma once

// Core-internal (includes torch): turns in-memory uint8 images into model inputs.
#include "core/dataset.h"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace cifarlab {

enum class Preprocess {
    PerImageStandardize, // the original study: (x - mean) / (std + 1e-4) per image and channel
    DatasetNormalize     // (x - mean_c) / std_c with the training set's channel statistics
};

Preprocess parsePreprocess(const std::string &text); // "per-image-standardize" | "dataset-normalize"
std::string preprocessName(Preprocess preprocess);

// Labels [begin, end) of a split as an int64 tensor that shares the split's memory.
torch::Tensor labelBatch(const ImageSplit &split, int64_t begin, int64_t end);

struct Normalization
{
    Preprocess mode = Preprocess::DatasetNormalize;
    std::vector<double> mean; // per channel, in [0,1]; used by DatasetNormalize
    std::vector<double> std;
};

} // namespace cifarlab
