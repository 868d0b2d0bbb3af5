#pragma once

#include "core/dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cifarlab {

struct SplitSummary
{
    int64_t count = 0;
    std::vector<int64_t> perClassCount; // numClasses entries
    std::vector<double> mean; // per channel, pixels scaled to [0, 1]
    std::vector<double> std; // per channel, population std (divides by N), in [0, 1] units
};

struct DatasetSummary
{
    std::string name, format, source;
    int64_t channels = 0, height = 0, width = 0, numClasses = 0;
    std::vector<std::string> classNames;
    SplitSummary train, test;
};

// Counts and per-channel statistics of both splits in one pass over the pixels each (exact: per-value
// histograms, no rounding drift). The train mean/std are what dataset normalization uses.
// Throws Error when a label is outside [0, numClasses).
DatasetSummary summarizeDataset(const Dataset &dataset);

// Multi-line, human-readable text for the CLI, ending in a newline.
std::string formatSummary(const DatasetSummary &summary);

} // namespace cifarlab
