#include "support/sample_metrics.h"

#include <cmath>
#include <iterator>
#include <limits>
#include <utility>

namespace cifarlab::test {

BatchMetrics sampleBatch(int64_t epoch, int64_t batch, int64_t batchesPerEpoch)
{
    BatchMetrics m;
    m.epoch = epoch;
    m.batch = batch;
    m.batchesPerEpoch = batchesPerEpoch;
    m.globalStep = epoch * batchesPerEpoch + batch;
    m.totalSteps = 1000 * batchesPerEpoch;
    m.loss = 2.302585092994046 / (1.0 + static_cast<double>(m.globalStep) / 7.0);
    m.accuracy = 1.0 / 3.0 + static_cast<double>(m.globalStep) * 1e-9;
    m.learningRate = 0.1 * std::cos(static_cast<double>(m.globalStep) * 0.01);
    m.imagesPerSecond = 1234.5678 + static_cast<double>(batch);
    m.elapsedSeconds = 0.1 * static_cast<double>(m.globalStep) + 1e-12;
    return m;
}

EpochMetrics sampleEpoch(int64_t epoch, const SampleEpochOptions &o)
{
    EpochMetrics m;
    m.epoch = epoch;
    m.epochs = 30;
    m.trainLoss = 1.0 / (static_cast<double>(epoch) + 3.0);
    m.trainAccuracy = 0.5 + static_cast<double>(epoch) / 1000.0;
    m.testLoss = 1.1 / (static_cast<double>(epoch) + 3.0);
    // Peaks at epoch 2 so "best" and "final" differ.
    m.testAccuracy = 0.6 - 0.01 * static_cast<double>((epoch - 2) * (epoch - 2)) + 1e-15;
    m.learningRate = 0.1 / static_cast<double>(epoch + 1);
    m.seconds = 12.25 + static_cast<double>(epoch);
    m.elapsedSeconds = 13.0 * static_cast<double>(epoch + 1);
    m.imagesPerSecond = 4321.125;
    if (!o.details)
        return m;
    for (int64_t c = 0; c < o.classes; ++c)
        m.perClassAccuracy.push_back(static_cast<double>(c) / 9.0 + static_cast<double>(epoch) * 1e-3);
    for (int64_t i = 0; i < o.classes * o.classes; ++i) {
        m.testConfusion.push_back((i * 7 + epoch * 13) % 101);
        m.trainConfusion.push_back((i * 11 + epoch) % 997);
    }
    if (m.trainConfusion.size() > 5)
        m.trainConfusion[5] = (int64_t(1) << 40) + epoch; // beyond 32 bits
    for (int64_t i = 0; i < o.images; ++i) {
        m.testPredictions.push_back(static_cast<int32_t>((i * 3 + epoch) % o.classes));
        m.testConfidence.push_back(static_cast<float>(i % 100) / 100.0f + 0.001f);
        m.testImageLoss.push_back(static_cast<float>(i) * 0.01f + static_cast<float>(epoch));
    }
    if (o.nonFiniteLosses && o.images > 4) {
        m.testImageLoss[3] = std::numeric_limits<float>::quiet_NaN(); // a diverged image
        m.testImageLoss[4] = std::numeric_limits<float>::infinity();
    }
    m.topK = o.topK;
    for (int64_t i = 0; i < o.images * o.topK; ++i) {
        m.testTopClasses.push_back(static_cast<int32_t>((i + epoch) % o.classes));
        m.testTopProbabilities.push_back(1.0f / static_cast<float>(1 + i % 3));
    }
    if (o.parameters) {
        ParameterStatistics trained;
        trained.name = "layer1.0.conv1.weight";
        trained.shape = {64, 3, 3, 3};
        trained.weightRms = 0.125 + static_cast<double>(epoch) / 3.0;
        trained.weightMean = -1e-15;
        trained.weightStd = 1.0 / 7.0;
        trained.weightMin = -0.5;
        trained.weightMax = 0.75;
        trained.weightHistogram.assign(kParameterHistogramBins, 1.0f / kParameterHistogramBins);
        trained.gradientSamples = 16;
        trained.gradientRms = 3e-4 / static_cast<double>(epoch + 1);
        trained.gradientMin = -2e-3;
        trained.gradientMax = 1.5e-3;
        trained.gradientHistogram.assign(kParameterHistogramBins, 0.0f);
        trained.gradientHistogram[static_cast<size_t>(epoch % kParameterHistogramBins)] = 1.0f;
        trained.updateRatio = 1.0 / 3000.0;
        ParameterStatistics frozen; // no gradient all epoch: NaN gradient statistics, no histogram
        frozen.name = "bn1.weight";
        frozen.shape = {64};
        frozen.weightRms = frozen.weightMean = frozen.weightMin = frozen.weightMax = 1.0;
        frozen.weightHistogram.assign(kParameterHistogramBins, 0.0f);
        frozen.weightHistogram[kParameterHistogramBins / 2] = 1.0f;
        m.parameters = {trained, frozen};
    }
    return m;
}

namespace {

bool sameBits(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

} // namespace

bool sameParameters(const std::vector<ParameterStatistics> &a, const std::vector<ParameterStatistics> &b, std::string *why)
{
    const auto differ = [why](const std::string &what) {
        if (why)
            *why = what;
        return false;
    };
    if (a.size() != b.size())
        return differ("count " + std::to_string(a.size()) + " vs " + std::to_string(b.size()));
    for (size_t i = 0; i < a.size(); ++i) {
        const ParameterStatistics &x = a[i], &y = b[i];
        const std::string at = "parameter " + std::to_string(i) + " (" + x.name + "): ";
        if (x.name != y.name || x.shape != y.shape)
            return differ(at + "name or shape");
        const std::pair<double, double> values[] = {{x.weightRms, y.weightRms}, {x.weightMean, y.weightMean},
            {x.weightStd, y.weightStd}, {x.weightMin, y.weightMin}, {x.weightMax, y.weightMax},
            {x.gradientRms, y.gradientRms}, {x.gradientMin, y.gradientMin}, {x.gradientMax, y.gradientMax},
            {x.updateRatio, y.updateRatio}};
        for (size_t v = 0; v < std::size(values); ++v)
            if (!sameBits(values[v].first, values[v].second))
                return differ(at + "value " + std::to_string(v) + ": " + std::to_string(values[v].first) + " vs "
                    + std::to_string(values[v].second));
        if (x.gradientSamples != y.gradientSamples)
            return differ(at + "gradient samples");
        if (x.weightHistogram != y.weightHistogram || x.gradientHistogram != y.gradientHistogram)
            return differ(at + "histogram");
    }
    return true;
}

} // namespace cifarlab::test
