#include "core/lr_schedule.h"

#include <algorithm>
#include <cmath>

namespace cifarlab {

namespace {
constexpr double kPi = 3.14159265358979323846;
}

double LrSchedule::at(int64_t step) const
{
    const double total = static_cast<double>(std::max<int64_t>(1, totalSteps));
    const double t = std::clamp(static_cast<double>(step) / total, 0.0, 1.0);
    if (kind == "step") {
        double lr = baseLr;
        for (double m : milestones)
            if (t >= m)
                lr *= stepGamma;
        return lr;
    }
    if (kind == "cosine")
        return baseLr * 0.5 * (1.0 + std::cos(kPi * t));
    if (kind == "triangular") {
        // airbench's shape: linear up over the first warmupFraction of the steps, then linear down.
        const int64_t warmupSteps = static_cast<int64_t>(static_cast<double>(totalSteps) * warmupFraction);
        if (step < warmupSteps) {
            const double f = static_cast<double>(step) / static_cast<double>(warmupSteps);
            return baseLr * (startFactor * (1.0 - f) + f);
        }
        const double f = std::clamp(static_cast<double>(step - warmupSteps)
                                        / static_cast<double>(std::max<int64_t>(1, totalSteps - warmupSteps)),
                                    0.0, 1.0);
        return baseLr * ((1.0 - f) + endFactor * f);
    }
    if (kind == "onecycle") {
        // Linear warm-up from base/25 to base, then cosine annealing to base/1e4 (PyTorch's OneCycleLR shape).
        const double initial = baseLr / 25.0;
        const double final = baseLr / 1e4;
        const double w = std::max(1e-9, warmupFraction);
        if (t < w)
            return initial + (baseLr - initial) * (t / w);
        const double u = (t - w) / std::max(1e-9, 1.0 - w);
        return final + (baseLr - final) * 0.5 * (1.0 + std::cos(kPi * u));
    }
    return baseLr;
}

} // namespace cifarlab
