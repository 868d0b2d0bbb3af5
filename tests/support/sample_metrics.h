#pragma once

#include "core/training_metrics.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cifarlab::test {

// Deterministic metrics with awkward values (thirds, 1e-15 offsets, counts beyond 32 bits) for
// tests that write them somewhere and read them back (the store, bundles).
BatchMetrics sampleBatch(int64_t epoch, int64_t batch, int64_t batchesPerEpoch);

struct SampleEpochOptions
{
    int64_t classes = 10;
    int64_t images = 0;          // per-image predictions, confidences and losses
    bool details = true;         // per-class accuracy, confusions, predictions
    int32_t topK = 3;
    bool nonFiniteLosses = false; // images 3 and 4 get NaN and +inf losses (needs images > 4)
    bool parameters = true;       // with details: a trained and a frozen parameter's statistics
};
EpochMetrics sampleEpoch(int64_t epoch, const SampleEpochOptions &options);

// Field by field and bit for bit (NaN equals NaN); on a difference, `why` names the field.
bool sameParameters(const std::vector<ParameterStatistics> &a, const std::vector<ParameterStatistics> &b,
                    std::string *why = nullptr);

} // namespace cifarlab::test
