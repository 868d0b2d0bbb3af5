#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace cifarlab {

// Small copyable structs that travel from the training thread to listeners (GUI via queued
// signals, CLI, store). No torch types here.

struct BatchMetrics
{
    int64_t epoch = 0;        // 0-based
    int64_t batch = 0;        // 0-based within the epoch
    int64_t batchesPerEpoch = 0;
    int64_t globalStep = 0;   // 0-based over the run
    int64_t totalSteps = 0;
    double loss = 0.0;
    double accuracy = 0.0;    // fraction in [0,1]
    double learningRate = 0.0;
    double imagesPerSecond = 0.0;
    double elapsedSeconds = 0.0;
};

// Bins of the weight and gradient histograms in ParameterStatistics.
constexpr int kParameterHistogramBins = 32;

// One parameter tensor over one epoch (TensorBoard's histograms and distributions): its weights
// at the epoch's end, and its gradients and optimizer steps sampled at evenly spaced steps.
struct ParameterStatistics
{
    std::string name;            // state_dict key, "layer1.0.conv1.weight"
    std::vector<int64_t> shape;
    double weightRms = 0.0, weightMean = 0.0, weightStd = 0.0, weightMin = 0.0, weightMax = 0.0;
    // Fractions of the elements in kParameterHistogramBins equal bins of [weightMin, weightMax]
    // (all in the middle bin when every element is equal).
    std::vector<float> weightHistogram;
    int64_t gradientSamples = 0; // steps sampled with a gradient; 0 when frozen all epoch
    double gradientRms = std::numeric_limits<double>::quiet_NaN(); // mean over the samples
    double gradientMin = std::numeric_limits<double>::quiet_NaN(); // of the last sample
    double gradientMax = std::numeric_limits<double>::quiet_NaN();
    std::vector<float> gradientHistogram; // the last sample's, over [gradientMin, gradientMax]
    // Mean over the samples of |w_after - w_before| / |w_before| for one optimizer step (the
    // "update to weight" ratio; around 1e-3 is the usual healthy value for SGD).
    double updateRatio = std::numeric_limits<double>::quiet_NaN();
};

struct EpochMetrics
{
    int64_t epoch = 0;        // 0-based
    int64_t epochs = 0;       // total (rounded up)
    double trainLoss = 0.0;
    double trainAccuracy = 0.0;
    double testLoss = 0.0;
    double testAccuracy = 0.0;
    double learningRate = 0.0;
    double seconds = 0.0;      // this epoch's wall time (training + evaluation)
    double elapsedSeconds = 0.0;
    double imagesPerSecond = 0.0; // training throughput this epoch
    std::vector<double> perClassAccuracy;     // test
    std::vector<int64_t> testConfusion;       // numClasses^2, row = true, column = predicted
    std::vector<int64_t> trainConfusion;      // accumulated during the epoch
    std::vector<int32_t> testPredictions;     // per test image
    std::vector<float> testConfidence;        // probability of the predicted class
    std::vector<float> testImageLoss;         // per test image cross-entropy
    int32_t topK = 0;                         // min(5, classes); 0 when not recorded
    std::vector<int32_t> testTopClasses;      // count * topK, most probable first
    std::vector<float> testTopProbabilities;  // count * topK, matching testTopClasses
    std::vector<ParameterStatistics> parameters; // every parameter tensor; empty when not recorded
};

enum class RunStatus { Created, Running, Paused, Completed, Stopped, Cancelled, Diverged, Failed };

std::string runStatusName(RunStatus status);
RunStatus runStatusFromName(const std::string &name);

} // namespace cifarlab
