#pragma once

#include "core/training_metrics.h"

#include <string>

namespace cifarlab {

// "epoch 3/12: train loss 1.2593 acc 82.47% | test loss 0.8603 acc 78.28% | 288.3 s, 188 img/s": what the
// console prints at each epoch's end and the run's log keeps.
std::string epochSummary(const EpochMetrics &m);

} // namespace cifarlab
