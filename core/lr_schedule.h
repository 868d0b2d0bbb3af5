#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cifarlab {

// Learning rate as a pure function of the step, so a resumed run gets exactly the same schedule.
struct LrSchedule
{
    std::string kind = "constant"; // constant | step | cosine | onecycle | triangular
    double baseLr = 0.1;
    int64_t totalSteps = 1;
    double warmupFraction = 0.15;  // onecycle, triangular
    double startFactor = 0.2;      // triangular: base * startFactor -> base -> base * endFactor
    double endFactor = 0.07;
    double stepGamma = 0.1;        // step
    std::vector<double> milestones; // step: fractions of totalSteps

    double at(int64_t step) const;
};

} // namespace cifarlab
