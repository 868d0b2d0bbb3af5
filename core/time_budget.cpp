#include "core/time_budget.h"

#include <algorithm>
#include <cmath>

namespace cifarlab {

int64_t stepsWithinBudget(const BudgetEstimate &e, int64_t plannedSteps)
{
    if (plannedSteps <= 0)
        return 0;
    if (!(e.secondsPerStep > 0) || !std::isfinite(e.secondsPerStep) || e.stepsPerEpoch <= 0)
        return plannedSteps;
    const double eval = std::max(0.0, e.evalSeconds);
    // The final pass's extra views come off the top; every epoch, the last one too, pays one pass.
    double left = e.budgetSeconds - e.elapsedSeconds - eval * static_cast<double>(std::max(0, e.finalViews - 1));
    const double epochCost = static_cast<double>(e.stepsPerEpoch) * e.secondsPerStep + eval;
    if (!(left > 0) || !std::isfinite(left))
        return 0;
    const double fullEpochs = std::floor(left / epochCost);
    if (fullEpochs * static_cast<double>(e.stepsPerEpoch) >= static_cast<double>(plannedSteps))
        return plannedSteps;
    left -= fullEpochs * epochCost;
    // A partial last epoch: its steps and its test pass.
    const double partial = left > eval ? std::floor((left - eval) / e.secondsPerStep) : 0.0;
    const int64_t steps = static_cast<int64_t>(fullEpochs) * e.stepsPerEpoch
                          + std::min<int64_t>(e.stepsPerEpoch - 1, static_cast<int64_t>(partial));
    return std::clamp<int64_t>(steps, 0, plannedSteps);
}

double epochStepPace(double trainSeconds, int64_t stepsTimed, double firstStepSeconds)
{
    if (firstStepSeconds > 0 && stepsTimed > 1 && firstStepSeconds < trainSeconds)
        return (trainSeconds - firstStepSeconds) / static_cast<double>(stepsTimed - 1);
    return trainSeconds / static_cast<double>(std::max<int64_t>(1, stepsTimed));
}

namespace {

double median(std::vector<double> values)
{
    if (values.empty())
        return 0.0;
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    if (values.size() % 2 == 1)
        return *middle;
    return (*middle + *std::max_element(values.begin(), middle)) / 2.0;
}

} // namespace

double probeSecondsPerStep(const ProbeTimings &t, int64_t imagesPerStep)
{
    const double perImage = median(t.passSeconds) / static_cast<double>(std::max<int64_t>(1, t.imagesPerPass));
    return perImage * static_cast<double>(std::max<int64_t>(0, imagesPerStep)) + median(t.optimizerSeconds);
}

double secondsForSteps(const BudgetEstimate &e, int64_t steps)
{
    const int64_t perEpoch = std::max<int64_t>(1, e.stepsPerEpoch);
    const double eval = std::max(0.0, e.evalSeconds);
    const double epochs = static_cast<double>((std::max<int64_t>(0, steps) + perEpoch - 1) / perEpoch);
    return static_cast<double>(steps) * e.secondsPerStep + eval * (epochs + static_cast<double>(std::max(0, e.finalViews - 1)));
}

std::vector<double> budgetWidthCandidates(double widthScale)
{
    std::vector<double> widths;
    for (const double factor : {1.0, 0.875, 0.75, 0.625, 0.5}) {
        const double w = widthScale * factor;
        if (w >= 0.25 || widths.empty())
            widths.push_back(w);
    }
    return widths;
}

} // namespace cifarlab
