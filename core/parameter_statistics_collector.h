#pragma once

// Core-internal (includes torch): samples a network's gradients and optimizer steps during an
// epoch and summarizes every parameter tensor at its end (EpochMetrics::parameters).
#include "core/training_metrics.h"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace cifarlab {

class ParameterStatisticsCollector
{
public:
    // At most this many steps per epoch are sampled, evenly spaced; each costs a copy of the weights.
    static constexpr int64_t kSamplesPerEpoch = 16;

    explicit ParameterStatisticsCollector(torch::nn::Module &net);

    // Whether step `batch` (0-based) of an epoch of `batchesPerEpoch` steps is sampled. Depends
    // only on the position, so a resumed run samples the same steps.
    static bool isSampled(int64_t batch, int64_t batchesPerEpoch);

    // Around a sampled optimizer step: before it (gradients final, unscaled), then after it.
    void beforeStep();
    void afterStep();

    // Forgets the samples (a new epoch).
    void reset();
    // The network's parameters now, with the samples since reset().
    std::vector<ParameterStatistics> summarize() const;

    // The samples as one float64 tensor, for a checkpoint taken mid-epoch; setState() takes back
    // what state() gave and ignores (resets on) a tensor of another shape.
    torch::Tensor state() const;
    void setState(const torch::Tensor &state);

private:
    std::vector<std::string> m_names;
    std::vector<torch::Tensor> m_parameters;
    // Per parameter: gradient RMS sum, gradient samples, update-ratio sum, update-ratio samples,
    // the last gradient's min and max, then its histogram (kParameterHistogramBins fractions).
    torch::Tensor m_samples;
    std::vector<torch::Tensor> m_before;
};

// Fractions of `values` in kParameterHistogramBins equal bins of [min, max] (all in the middle bin
// when min == max), with min and max; `values` must not be empty.
void histogramOf(const torch::Tensor &values, std::vector<float> &fractions, double &min, double &max);

} // namespace cifarlab
