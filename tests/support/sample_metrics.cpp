#include "support/sample_metrics.h"

#include <cmath>
#include <limits>

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
    return m;
}

} // namespace cifarlab::test
