#pragma once

#include "core/training_config.h"

#include <cstdint>

namespace cifarlab::test {

// The fast preset's Muon recipe shrunk for unit tests: 3 epochs at batch 64 (10 steps per epoch on
// 640 images), fp32 NCHW on one thread, so a run is quick and identical on every machine.
inline TrainingConfig smallMuonRecipe(uint64_t seed = 5)
{
    TrainingConfig c;
    c.dataPath = "generated";
    c.architecture = "airbench";
    applyPreset(c, "fast");
    c.epochs = 3;
    c.batchSize = 64;
    c.precision = Precision::Fp32;
    c.channelsLast = false;
    c.threads = 1;
    c.seed = seed;
    c.evalBatchSize = 100;
    c.tta = "none";
    return c;
}

} // namespace cifarlab::test
