#pragma once

#include "core/training_metrics.h"

#include <cstdint>

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
};
EpochMetrics sampleEpoch(int64_t epoch, const SampleEpochOptions &options);

} // namespace cifarlab::test
