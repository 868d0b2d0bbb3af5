#include "core/epoch_summary.h"

#include <cstdio>

namespace cifarlab {

std::string epochSummary(const EpochMetrics &m)
{
    char line[200];
    std::snprintf(line, sizeof line, "epoch %lld/%lld: train loss %.4f acc %.2f%% | test loss %.4f acc %.2f%% | %.1f s, %.0f img/s",
                  static_cast<long long>(m.epoch + 1), static_cast<long long>(m.epochs), m.trainLoss, 100.0 * m.trainAccuracy,
                  m.testLoss, 100.0 * m.testAccuracy, m.seconds, m.imagesPerSecond);
    return line;
}

} // namespace cifarlab
