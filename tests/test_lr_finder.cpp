#include "core/error.h"
#include "core/lr_finder.h"
#include "core/trainer.h"
#include "support/learnable_data.h"
#include "support/recorded_run.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace cifarlab;

namespace {

TrainingConfig tinyConfig()
{
    TrainingConfig c;
    c.dataPath = "generated";
    c.architecture = "baseline";
    c.epochs = 3;
    c.batchSize = 32;
    c.optimizer = "sgd";
    c.learningRate = 0.05;
    c.momentum = 0.9;
    c.nesterov = true;
    c.weightDecay = 5e-4;
    c.schedule = "onecycle";
    c.augment = {"flip"};
    c.preprocess = "dataset-normalize";
    c.precision = Precision::Fp32;
    c.channelsLast = false;
    c.threads = 1;
    c.seed = 7;
    c.evalBatchSize = 100;
    return c;
}

std::shared_ptr<const Dataset> tinyData()
{
    return std::make_shared<const Dataset>(test::makeLearnableDataset(640, 200, 4, 3, 16));
}

// A curve with known features over 1e-6 .. 1: flat until 1e-4, falling gently to 1e-3, steeply
// (four times faster per decade) to 1e-2, gently again to its lowest point at 5e-2, then blowing up.
std::vector<LrFinderPoint> syntheticCurve(int64_t count)
{
    LrFinderOptions range;
    range.startLr = 1e-6;
    range.endLr = 1.0;
    range.iterations = count;
    std::vector<LrFinderPoint> points;
    for (int64_t i = 0; i < count; ++i) {
        const double lr = lrFinderRate(range, i);
        const double d = std::log10(lr);
        double loss = 2.3;
        if (d > -4)
            loss -= 0.1 * (std::min(d, -3.0) + 4);
        if (d > -3)
            loss -= 0.4 * (std::min(d, -2.0) + 3);
        if (d > -2)
            loss -= 0.1 * (std::min(d, std::log10(5e-2)) + 2);
        if (d > std::log10(5e-2))
            loss += 3.0 * (d - std::log10(5e-2));
        points.push_back({i, lr, loss, loss});
    }
    return points;
}

} // namespace

TEST(LrFinder, RatesGrowGeometricallyFromStartToEnd)
{
    LrFinderOptions o;
    o.startLr = 1e-5;
    o.endLr = 1e1;
    o.iterations = 61;
    EXPECT_DOUBLE_EQ(lrFinderRate(o, 0), 1e-5);
    EXPECT_NEAR(lrFinderRate(o, 60), 10.0, 1e-9);
    EXPECT_NEAR(lrFinderRate(o, 30), 1e-2, 1e-12); // halfway on the log scale
    for (int64_t i = 1; i < 61; ++i)
        EXPECT_NEAR(lrFinderRate(o, i) / lrFinderRate(o, i - 1), std::pow(10.0, 0.1), 1e-9);
}

TEST(LrFinder, SuggestionsReadTheFeaturesOfACurve)
{
    const auto points = syntheticCurve(121);
    const LrSuggestions s = suggestLearningRates(points);
    // The lowest point is at 5e-2 (a 1.122x grid step away at most); a tenth of it is suggested.
    EXPECT_NEAR(std::log10(s.minimum), std::log10(5e-3), 0.06);
    // The steepest fall is the 1e-3 .. 1e-2 stretch.
    EXPECT_GE(s.steepest, 1e-3 * 0.99);
    EXPECT_LT(s.steepest, 1e-2);
    // The valley lies inside the falling part, before the lowest point.
    EXPECT_GT(s.valley, 1e-4);
    EXPECT_LT(s.valley, 5e-2);

    // A network that barely learns at low rates: flat, then a dip that steepens right up to the
    // blow-up. Its steepest fall is at the brink, which is not the rate to train with.
    std::vector<LrFinderPoint> cliff = syntheticCurve(121);
    for (auto &p : cliff) {
        const double d = std::log10(p.learningRate);
        p.smoothedLoss = 2.3 - (d > -1.5 && d <= -0.5 ? 0.05 * (d + 1.5) * (d + 1.5) : 0.0) + (d > -0.5 ? 2.0 * (d + 0.5) : 0.0);
    }
    const LrSuggestions c = suggestLearningRates(cliff);
    EXPECT_NEAR(std::log10(c.minimum), -1.5, 0.06); // lowest at 10^-0.5, a tenth of it
    EXPECT_GT(c.steepest, std::pow(10.0, -0.5) / 3.0) << "the dip at the brink";
    EXPECT_EQ(recommendedSuggestion(c), LrSuggestionKind::Minimum) << "so a tenth of the minimum is recommended";
    EXPECT_EQ(recommendedSuggestion(s), LrSuggestionKind::Steepest) << "a fall well below the minimum is trusted";

    // Too short a curve gives no suggestion rather than a wrong one.
    const LrSuggestions none = suggestLearningRates(syntheticCurve(14));
    EXPECT_EQ(none.valley, 0.0);
    EXPECT_EQ(none.steepest, 0.0);
    EXPECT_EQ(none.minimum, 0.0);
    EXPECT_EQ(suggestLearningRates({}).valley, 0.0);
}

TEST(LrFinder, SuggestionKindsMapToTheirRates)
{
    LrSuggestions s;
    s.valley = 1e-3;
    s.steepest = 2e-2;
    s.minimum = 5e-3;
    EXPECT_EQ(suggestionValue(s, LrSuggestionKind::Valley), 1e-3);
    EXPECT_EQ(suggestionValue(s, LrSuggestionKind::Steepest), 2e-2);
    EXPECT_EQ(suggestionValue(s, LrSuggestionKind::Minimum), 5e-3);
    EXPECT_STREQ(suggestionName(LrSuggestionKind::Steepest), "steepest");
}

TEST(LrFinder, BadRangesAreRefusedNamingTheFlag)
{
    const auto refusal = [](const LrFinderOptions &o) {
        try {
            validateLrFinderOptions(o);
        } catch (const Error &e) {
            return std::string(e.what());
        }
        return std::string();
    };
    LrFinderOptions o;
    EXPECT_EQ(refusal(o), "");
    o.startLr = 0;
    EXPECT_EQ(refusal(o).rfind("--start-lr:", 0), 0u) << refusal(o);
    o = LrFinderOptions();
    o.endLr = o.startLr;
    EXPECT_EQ(refusal(o).rfind("--end-lr:", 0), 0u) << refusal(o);
    o = LrFinderOptions();
    o.endLr = std::nan("");
    EXPECT_EQ(refusal(o).rfind("--end-lr:", 0), 0u) << refusal(o);
    o = LrFinderOptions();
    o.iterations = 19;
    EXPECT_EQ(refusal(o).rfind("--iterations:", 0), 0u) << refusal(o);
    o.iterations = 10001;
    EXPECT_EQ(refusal(o).rfind("--iterations:", 0), 0u) << refusal(o);

    // The trainer checks them before it touches the model.
    test::TempDir dir;
    Trainer trainer(tinyConfig(), tinyData(), dir.path());
    o = LrFinderOptions();
    o.iterations = 5;
    EXPECT_THROW(trainer.findLearningRate(o), Error);
}

TEST(LrFinder, TinyNetworkSweepStopsAtTheBlowUpAndItsSuggestionTrains)
{
    test::TempDir dir;
    const auto data = tinyData();
    LrFinderOptions o;
    o.startLr = 1e-3;
    o.endLr = 1e2; // SGD with momentum 0.9 cannot survive rates near the top
    o.iterations = 80;
    o.smoothing = 0.9; // a short sweep: the default 0.98 would lag behind the fall
    std::vector<LrFinderPoint> seen;
    LrFinderResult r;
    {
        Trainer trainer(tinyConfig(), data, dir.path());
        r = trainer.findLearningRate(o, [&seen](const LrFinderPoint &p) { seen.push_back(p); });
    }
    EXPECT_TRUE(r.diverged) << r.message;
    EXPECT_FALSE(r.cancelled);
    ASSERT_GE(r.points.size(), 30u) << r.message;
    EXPECT_LT(r.points.size(), 80u) << "the sweep should stop once the loss blows up";
    ASSERT_EQ(seen.size(), r.points.size());
    double lowest = r.points.front().smoothedLoss;
    for (size_t i = 0; i < r.points.size(); ++i) {
        EXPECT_EQ(r.points[i].iteration, static_cast<int64_t>(i));
        EXPECT_DOUBLE_EQ(r.points[i].learningRate, lrFinderRate(o, static_cast<int64_t>(i)));
        EXPECT_DOUBLE_EQ(seen[i].loss, r.points[i].loss);
        EXPECT_TRUE(std::isfinite(r.points[i].loss));
        lowest = std::min(lowest, r.points[i].smoothedLoss);
    }
    // Bias-corrected smoothing: the first smoothed value is the first loss itself.
    EXPECT_NEAR(r.points.front().smoothedLoss, r.points.front().loss, 1e-9);
    // The network learned on the way (the loss fell well below log(4) = 1.39 of chance) ...
    EXPECT_LT(lowest, 0.85 * r.points.front().smoothedLoss);
    // ... and the suggestions lie inside the range, below where it blew up.
    const double blowUp = r.points.back().learningRate;
    for (const double lr : {r.suggestions.valley, r.suggestions.steepest, r.suggestions.minimum}) {
        EXPECT_GT(lr, o.startLr);
        EXPECT_LT(lr, blowUp);
    }

    // dlib's test: the suggested rate trains the tiny network.
    TrainingConfig c = tinyConfig();
    c.learningRate = r.suggestions.valley;
    Trainer trainer(c, data, dir.path() + "/train");
    test::RecordedRun recorded;
    const TrainingResult result = trainer.run(test::recordInto(recorded));
    EXPECT_EQ(result.status, RunStatus::Completed);
    EXPECT_GT(result.finalTestAccuracy, 0.9) << "lr " << c.learningRate << ", steepest " << r.suggestions.steepest;
}

TEST(LrFinder, CancelEndsTheSweepKeepingItsPoints)
{
    test::TempDir dir;
    Trainer trainer(tinyConfig(), tinyData(), dir.path());
    LrFinderOptions o;
    o.iterations = 50;
    const LrFinderResult r = trainer.findLearningRate(o, [&trainer](const LrFinderPoint &p) {
        if (p.iteration == 6)
            trainer.cancel();
    });
    EXPECT_TRUE(r.cancelled);
    EXPECT_FALSE(r.diverged);
    EXPECT_EQ(r.points.size(), 7u);
    EXPECT_NE(r.message.find("cancelled after 7 of 50 batches"), std::string::npos) << r.message;
    EXPECT_EQ(r.suggestions.valley, 0.0); // seven points are too few to read
}

TEST(LrFinder, MuonAndSummedLossSweepAirbench)
{
    // airbench's recipe: Muon groups scale together with the swept rate, and the summed loss is
    // reported per image, so the curve starts near log(classes).
    test::TempDir dir;
    TrainingConfig c = tinyConfig();
    c.architecture = "airbench";
    c.optimizer = "muon";
    c.lossReduction = "sum";
    c.learningRate = 1e-3;
    c.muonLearningRate = 0.1;
    c.normBiasLrScale = 64;
    c.batchSize = 64;
    c.augment = {"flip-alternate", "translate"};
    c.cropPadding = 2;
    Trainer trainer(c, tinyData(), dir.path());
    LrFinderOptions o;
    o.startLr = 1e-6;
    o.endLr = 1e-1;
    o.iterations = 24;
    const LrFinderResult r = trainer.findLearningRate(o);
    ASSERT_FALSE(r.points.empty());
    EXPECT_NEAR(r.points.front().loss, std::log(4.0), 0.5);
    for (const auto &p : r.points)
        EXPECT_TRUE(std::isfinite(p.smoothedLoss));
}
