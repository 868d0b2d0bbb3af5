#include "core/parameter_statistics_collector.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

using namespace cifarlab;

namespace {

struct TwoLayers : torch::nn::Module
{
    TwoLayers()
    {
        weight = register_parameter("weight", torch::tensor({{1.0, -2.0}, {3.0, 0.5}}, torch::kFloat32));
        bias = register_parameter("bias", torch::zeros({2}));
        frozen = register_parameter("scale", torch::ones({3}), /*requires_grad=*/false);
    }
    torch::Tensor weight, bias, frozen;
};

// One SGD step of rate `lr` with the given gradients, sampled like the trainer does.
void sampledStep(ParameterStatisticsCollector &collector, TwoLayers &net, const torch::Tensor &gw, const torch::Tensor &gb,
                 double lr)
{
    net.weight.mutable_grad() = gw.clone();
    net.bias.mutable_grad() = gb.clone();
    collector.beforeStep();
    {
        torch::NoGradGuard noGrad;
        net.weight.sub_(gw * lr);
        net.bias.sub_(gb * lr);
    }
    collector.afterStep();
}

} // namespace

TEST(ParameterStatistics, HistogramBinsSpanTheValuesAndSumToOne)
{
    std::vector<float> fractions;
    double lo = 0, hi = 0;
    histogramOf(torch::tensor({0.0, 1.0, 2.0, 3.0}), fractions, lo, hi);
    EXPECT_EQ(lo, 0.0);
    EXPECT_EQ(hi, 3.0);
    ASSERT_EQ(fractions.size(), static_cast<size_t>(kParameterHistogramBins));
    // Bin width 3/32: 1 lands in bin 10, 2 in bin 21, the maximum in the last bin.
    for (int b = 0; b < kParameterHistogramBins; ++b) {
        const bool filled = b == 0 || b == 10 || b == 21 || b == kParameterHistogramBins - 1;
        EXPECT_FLOAT_EQ(fractions[static_cast<size_t>(b)], filled ? 0.25f : 0.0f) << "bin " << b;
    }
    histogramOf(torch::full({5}, 0.7, torch::kFloat64), fractions, lo, hi);
    EXPECT_DOUBLE_EQ(lo, 0.7);
    EXPECT_DOUBLE_EQ(hi, 0.7);
    EXPECT_FLOAT_EQ(fractions[kParameterHistogramBins / 2], 1.0f);
    EXPECT_FLOAT_EQ(std::accumulate(fractions.begin(), fractions.end(), 0.0f), 1.0f);
}

TEST(ParameterStatistics, WeightsGradientsAndStepsAreSummarizedExactly)
{
    TwoLayers net;
    ParameterStatisticsCollector collector(net);
    const auto gw1 = torch::tensor({{0.5, 0.0}, {0.0, -0.5}});
    const auto gw2 = torch::tensor({{1.0, 1.0}, {1.0, 1.0}});
    const auto gb = torch::tensor({0.25, -0.25});
    const double w0 = std::sqrt(1.0 + 4.0 + 9.0 + 0.25);
    sampledStep(collector, net, gw1, gb, 0.1);
    const double w1 = net.weight.to(torch::kFloat64).norm().item<double>();
    sampledStep(collector, net, gw2, gb, 0.1);

    const std::vector<ParameterStatistics> stats = collector.summarize();
    ASSERT_EQ(stats.size(), 3u);
    const ParameterStatistics &w = stats[0], &b = stats[1], &frozen = stats[2];
    EXPECT_EQ(w.name, "weight");
    EXPECT_EQ(w.shape, (std::vector<int64_t> {2, 2}));
    EXPECT_EQ(b.name, "bias");
    EXPECT_EQ(frozen.name, "scale");

    // Weights now: [[1-0.05-0.1, -2-0.1], [3-0.1, 0.5+0.05-0.1]].
    const std::vector<double> now = {0.85, -2.1, 2.9, 0.45};
    double sum = 0, squares = 0;
    for (double v : now) {
        sum += v;
        squares += v * v;
    }
    const double mean = sum / 4.0;
    EXPECT_NEAR(w.weightMean, mean, 1e-6);
    EXPECT_NEAR(w.weightRms, std::sqrt(squares / 4.0), 1e-6);
    EXPECT_NEAR(w.weightStd, std::sqrt(squares / 4.0 - mean * mean), 1e-6);
    EXPECT_NEAR(w.weightMin, -2.1, 1e-6);
    EXPECT_NEAR(w.weightMax, 2.9, 1e-6);
    EXPECT_NEAR(std::accumulate(w.weightHistogram.begin(), w.weightHistogram.end(), 0.0), 1.0, 1e-6);
    EXPECT_FLOAT_EQ(w.weightHistogram.front(), 0.25f);
    EXPECT_FLOAT_EQ(w.weightHistogram.back(), 0.25f);

    // Gradient RMS: the mean of the two steps' RMS; the histogram and range are the last step's.
    EXPECT_EQ(w.gradientSamples, 2);
    EXPECT_NEAR(w.gradientRms, (std::sqrt(0.5 / 4.0) + 1.0) / 2.0, 1e-9);
    EXPECT_DOUBLE_EQ(w.gradientMin, 1.0);
    EXPECT_DOUBLE_EQ(w.gradientMax, 1.0);
    EXPECT_FLOAT_EQ(w.gradientHistogram[kParameterHistogramBins / 2], 1.0f);
    // Update ratio: |lr g| / |w before the step|, averaged over the steps.
    EXPECT_NEAR(w.updateRatio, (0.1 * std::sqrt(0.5) / w0 + 0.1 * 2.0 / w1) / 2.0, 1e-6);

    // The bias started at zero: a gradient, but no ratio for the first step; the second has one.
    EXPECT_EQ(b.gradientSamples, 2);
    EXPECT_NEAR(b.gradientRms, 0.25, 1e-9);
    EXPECT_NEAR(b.updateRatio, 0.1 * std::sqrt(0.125) / std::sqrt(2.0 * 0.025 * 0.025), 1e-5);

    // A frozen parameter has weights but no gradient statistics.
    EXPECT_EQ(frozen.gradientSamples, 0);
    EXPECT_TRUE(std::isnan(frozen.gradientRms));
    EXPECT_TRUE(std::isnan(frozen.updateRatio));
    EXPECT_TRUE(frozen.gradientHistogram.empty());
    EXPECT_DOUBLE_EQ(frozen.weightRms, 1.0);
    EXPECT_DOUBLE_EQ(frozen.weightStd, 0.0);
    EXPECT_FLOAT_EQ(frozen.weightHistogram[kParameterHistogramBins / 2], 1.0f);
}

TEST(ParameterStatistics, StateCarriesTheSamplesAcrossACheckpoint)
{
    TwoLayers net;
    ParameterStatisticsCollector collector(net);
    sampledStep(collector, net, torch::ones({2, 2}), torch::ones({2}), 0.01);
    const torch::Tensor state = collector.state();

    ParameterStatisticsCollector resumed(net);
    resumed.setState(state);
    const auto a = collector.summarize(), b = resumed.summarize();
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].gradientSamples, b[i].gradientSamples);
        EXPECT_TRUE((std::isnan(a[i].updateRatio) && std::isnan(b[i].updateRatio)) || a[i].updateRatio == b[i].updateRatio);
        EXPECT_EQ(a[i].gradientHistogram, b[i].gradientHistogram);
    }
    // A state of another network's shape is not believed: the samples start over.
    resumed.setState(torch::zeros({7, 3}, torch::kFloat64));
    EXPECT_EQ(resumed.summarize()[0].gradientSamples, 0);
    collector.reset();
    EXPECT_EQ(collector.summarize()[0].gradientSamples, 0);
}

TEST(ParameterStatistics, AtMostSixteenEvenlySpacedStepsPerEpochAreSampled)
{
    const auto sampled = [](int64_t batches) {
        int64_t n = 0;
        for (int64_t b = 0; b < batches; ++b)
            n += ParameterStatisticsCollector::isSampled(b, batches) ? 1 : 0;
        return n;
    };
    EXPECT_EQ(sampled(5), 5);
    EXPECT_EQ(sampled(16), 16);
    EXPECT_EQ(sampled(20), 10);   // every other step
    EXPECT_EQ(sampled(25), 12);   // the best preset's batch 2000: every other step
    EXPECT_EQ(sampled(48), 16);   // airbench's fast preset: every third step
    EXPECT_EQ(sampled(391), 15);  // batch 128 on CIFAR-10: every 25th step
    EXPECT_EQ(sampled(50000), 16); // the study's one image at a time
    EXPECT_TRUE(ParameterStatisticsCollector::isSampled(2, 48));
    EXPECT_FALSE(ParameterStatisticsCollector::isSampled(0, 48));
}
