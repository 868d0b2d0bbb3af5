#include "core/lr_finder.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace cifarlab {

namespace {

constexpr int64_t kMaxIterations = 10000; // the suggestions' valley search is quadratic in the points
constexpr size_t kMinUsablePoints = 10;
constexpr int64_t kMinIterations = 20; // enough for the suggestions after the skipped ends
// The steepest fall is trusted up to a third of the lowest loss's rate: a network that barely learns
// at low rates shows its steepest fall in a last dip at the brink of the blow-up.
constexpr double kSteepestCap = 3.0;

std::string number(double value)
{
    std::ostringstream out;
    out << value;
    return out.str();
}

} // namespace

double lrFinderRate(const LrFinderOptions &options, int64_t iteration)
{
    if (options.iterations <= 1)
        return options.startLr;
    const double t = static_cast<double>(iteration) / static_cast<double>(options.iterations - 1);
    return options.startLr * std::pow(options.endLr / options.startLr, t);
}

void validateLrFinderOptions(const LrFinderOptions &options)
{
    if (!(options.startLr > 0.0) || !std::isfinite(options.startLr))
        throw Error("--start-lr: expected a positive learning rate, got " + number(options.startLr));
    if (!(options.endLr > options.startLr) || !std::isfinite(options.endLr))
        throw Error("--end-lr: expected a learning rate above --start-lr (" + number(options.startLr) + "), got "
                    + number(options.endLr));
    if (options.iterations < kMinIterations || options.iterations > kMaxIterations)
        throw Error("--iterations: expected " + std::to_string(kMinIterations) + " to " + std::to_string(kMaxIterations)
                    + " batches, got " + std::to_string(options.iterations));
    if (!(options.divergeFactor > 1.0))
        throw Error("--diverge-factor: expected a factor above 1, got " + number(options.divergeFactor));
    if (!(options.smoothing >= 0.0 && options.smoothing < 1.0))
        throw Error("--smoothing: expected a value in [0, 1), got " + number(options.smoothing));
}

LrSuggestionKind recommendedSuggestion(const LrSuggestions &suggestions)
{
    const double lowestRate = suggestions.minimum * 10.0;
    return suggestions.steepest <= lowestRate / kSteepestCap ? LrSuggestionKind::Steepest : LrSuggestionKind::Minimum;
}

double suggestionValue(const LrSuggestions &suggestions, LrSuggestionKind kind)
{
    switch (kind) {
    case LrSuggestionKind::Valley:
        return suggestions.valley;
    case LrSuggestionKind::Steepest:
        return suggestions.steepest;
    case LrSuggestionKind::Minimum:
        return suggestions.minimum;
    }
    return 0.0;
}

const char *suggestionName(LrSuggestionKind kind)
{
    switch (kind) {
    case LrSuggestionKind::Valley:
        return "valley";
    case LrSuggestionKind::Steepest:
        return "steepest";
    case LrSuggestionKind::Minimum:
        return "minimum / 10";
    }
    return "";
}

const LrFinderPoint *nearestLrFinderPoint(const std::vector<LrFinderPoint> &points, double learningRate)
{
    if (!(learningRate > 0))
        return nullptr;
    const LrFinderPoint *best = nullptr;
    double distance = 0.0;
    for (const LrFinderPoint &p : points) {
        const double d = std::abs(std::log(p.learningRate) - std::log(learningRate));
        if (!best || d < distance) {
            best = &p;
            distance = d;
        }
    }
    return best;
}

LrSuggestions suggestLearningRates(const std::vector<LrFinderPoint> &points)
{
    LrSuggestions out;
    const size_t skipStart = points.size() / 10;
    const size_t skipEnd = 5;
    if (points.size() < skipStart + skipEnd + kMinUsablePoints)
        return out;
    std::vector<double> lr, loss;
    for (size_t i = skipStart; i + skipEnd < points.size(); ++i) {
        lr.push_back(points[i].learningRate);
        loss.push_back(points[i].smoothedLoss);
    }
    const size_t n = loss.size();

    out.minimum = lr[static_cast<size_t>(std::min_element(loss.begin(), loss.end()) - loss.begin())] / 10.0;

    size_t steepest = 0;
    double steepestSlope = 0.0;
    for (size_t i = 0; i + 1 < n; ++i) {
        const double slope = (loss[i + 1] - loss[i]) / (std::log(lr[i + 1]) - std::log(lr[i]));
        if (i == 0 || slope < steepestSlope) {
            steepestSlope = slope;
            steepest = i;
        }
    }
    out.steepest = lr[steepest];

    // The longest chain of ever lower losses (not necessarily adjacent points, so noise does not
    // break it). Its span is taken as its length back from where it ends, so the flat, noisy start
    // that lends the chain a few early points does not stretch it; the suggestion is its middle.
    std::vector<size_t> chain(n, 1);
    size_t end = 0;
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = 0; j < i; ++j)
            if (loss[i] < loss[j])
                chain[i] = std::max(chain[i], chain[j] + 1);
        if (chain[i] > chain[end])
            end = i;
    }
    const size_t begin = end + 1 - chain[end];
    out.valley = lr[begin + (end - begin) / 2];
    return out;
}

} // namespace cifarlab
