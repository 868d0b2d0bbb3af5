#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cifarlab {

// The learning-rate range test (Smith 2015, fastai's lr_find): train a fresh model for a few batches
// while the learning rate grows exponentially, and read the rate off the loss curve.
struct LrFinderOptions
{
    double startLr = 1e-7;
    double endLr = 10.0;
    int64_t iterations = 100;   // batches; the rate reaches endLr at the last one
    double divergeFactor = 4.0; // stop once the smoothed loss exceeds this times its minimum
    double smoothing = 0.98;    // exponential moving average of the loss, bias-corrected
};

struct LrFinderPoint
{
    int64_t iteration = 0;
    double learningRate = 0.0;
    double loss = 0.0;         // this batch's training loss (per image)
    double smoothedLoss = 0.0; // what the suggestions read
};

// Rates read off a curve, each 0 when the curve is too short to tell (fewer than 10 usable points).
struct LrSuggestions
{
    double valley = 0.0;   // fastai's default: inside the longest stretch where the loss keeps falling
    double steepest = 0.0; // where the loss falls fastest per decade of rate
    double minimum = 0.0;  // a tenth of the rate at the lowest loss
};

enum class LrSuggestionKind { Valley, Steepest, Minimum };

// The suggestion to train with. Measured on CIFAR-10 (docs/results.md, 5 epochs of one-cycle at each
// suggestion): the steepest fall trained best of the three with SGD and with AdamW; fastai's valley,
// chosen for fine-tuning with Adam, was too low to train from scratch. A steepest fall above a third
// of the lowest loss's rate is a last dip at the brink of the blow-up (a network that barely learns at
// low rates shows nothing else): then a tenth of the minimum.
LrSuggestionKind recommendedSuggestion(const LrSuggestions &suggestions);
double suggestionValue(const LrSuggestions &suggestions, LrSuggestionKind kind);
const char *suggestionName(LrSuggestionKind kind); // "valley", "steepest", "minimum / 10"

struct LrFinderResult
{
    std::vector<LrFinderPoint> points;
    LrSuggestions suggestions;
    bool diverged = false;  // stopped early because the loss blew up (the usual, expected end)
    bool cancelled = false; // stopped by cancel(); the points so far are kept
    std::string message;    // how the sweep ended, in a sentence
    double seconds = 0.0;
};

// The rate of iteration `i` of `options`: startLr * (endLr / startLr)^(i / (iterations - 1)).
double lrFinderRate(const LrFinderOptions &options, int64_t iteration);

// Throws Error naming the flag (--start-lr, --end-lr, --iterations) for a range that cannot work.
void validateLrFinderOptions(const LrFinderOptions &options);

// The recorded point nearest to `learningRate` on the log scale the curve is read on; null when none.
const LrFinderPoint *nearestLrFinderPoint(const std::vector<LrFinderPoint> &points, double learningRate);

// Suggestions from a recorded curve. Like fastai, the first tenth of the points (the loss has not
// moved yet) and the last five (the blow-up) are left out.
LrSuggestions suggestLearningRates(const std::vector<LrFinderPoint> &points);

} // namespace cifarlab
