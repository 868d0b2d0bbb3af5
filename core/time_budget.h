#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cifarlab {

// What an epoch of a run with a time budget measured, for fitting the rest of the run into the budget.
struct BudgetEstimate
{
    double budgetSeconds = 0;  // the whole run's
    double elapsedSeconds = 0; // spent so far, this epoch's test pass included (pauses excluded)
    double secondsPerStep = 0; // this epoch's training steps
    double evalSeconds = 0;    // one single-view test pass
    int finalViews = 1;        // views of the final test pass (test-time augmentation)
    int64_t stepsPerEpoch = 1;
};

// Training steps that still fit after this epoch, at most `plannedSteps`: each later epoch costs its
// steps and a test pass at this epoch's pace, and the final pass costs `finalViews` passes.
int64_t stepsWithinBudget(const BudgetEstimate &estimate, int64_t plannedSteps);

// Seconds per training step that an epoch of `stepsTimed` steps in `trainSeconds` measured, for the
// fit. The process's first step pays one-off costs that no later step pays again (kernels chosen,
// buffers faulted in: 3x a step for best's pair), so when this epoch ran it (`firstStepSeconds` > 0)
// among others, it is left out; priced into every later epoch, it had cut a 13-epoch run to 12.
double epochStepPace(double trainSeconds, int64_t stepsTimed, double firstStepSeconds);

// What the width probe timed: each training pass (forward and backward) of `imagesPerPass` images and
// each optimizer step after it.
struct ProbeTimings
{
    std::vector<double> passSeconds;
    std::vector<double> optimizerSeconds;
    int64_t imagesPerPass = 1;
};

// Seconds a training step of `imagesPerStep` images will take at the probe's pace: the median pass
// priced per image (one pass slowed by another process moves nothing) plus the median optimizer
// step, priced per step (Muon's iteration works on the weights, whatever the batch; in float32 it
// was a tenth of best's step, which the probe had left out).
double probeSecondsPerStep(const ProbeTimings &timings, int64_t imagesPerStep);

// What `steps` training steps cost at this pace, with a test pass per epoch begun and the final
// pass's extra views: the cost stepsWithinBudget() fits into the budget.
double secondsForSteps(const BudgetEstimate &estimate, int64_t steps);

// The widths a run that fits its width to the budget tries, widest first: the configured one, then
// 7/8, 3/4, 5/8 and 1/2 of it, none under airbench's smallest (1/4). Width buys accuracy on this data
// while epochs are plenty, and too few epochs lose more than a narrower network; steps of 1/8 (not
// 1/4) so that a host a little too slow for the full width trains the next width down, not a
// network with 44% less arithmetic and a quarter of the hour unused.
std::vector<double> budgetWidthCandidates(double widthScale);

} // namespace cifarlab
