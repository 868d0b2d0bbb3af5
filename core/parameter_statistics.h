#pragma once

#include "core/training_metrics.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cifarlab {

// "64x3x3x3"; "scalar" for a 0-d tensor.
std::string shapeText(const std::vector<int64_t> &shape);
int64_t elementCount(const std::vector<int64_t> &shape);
// A weight tensor (2-D or more: convolutions, linear layers) rather than a bias or a
// normalization scale; the Weights tab lists these by default.
bool isWeightTensor(const ParameterStatistics &p);

// One row per epoch and parameter tensor: epoch (1-based), parameter, shape, elements, the weight
// statistics, gradient_samples, gradient_rms/min/max, update_ratio. A missing value (a frozen
// parameter's gradient) is an empty field. Histograms are left out.
std::string parameterStatisticsCsv(const std::vector<EpochMetrics> &epochs);

} // namespace cifarlab
