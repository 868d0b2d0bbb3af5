#pragma once

#include "core/dataset.h"
#include "core/runtime.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace cifarlab {

struct EvaluationOptions
{
    std::string preprocess = "dataset-normalize"; // or "per-image-standardize"
    Precision precision = Precision::Fp32;
    int64_t batchSize = 500;
    int threads = 0;                               // 0 = all cores
    double widthScale = 0.0;                       // 0 = the width the checkpoint was trained at
    std::string tta = "none";                      // "none" | "mirror" | "mirror-translate"
    bool channelsLast = true;                      // as training runs: faster, and the same numbers
    std::function<void(int64_t done, int64_t total)> progress;
};

struct EvaluationResult
{
    int64_t count = 0;
    int64_t correct = 0;
    double accuracy = 0.0; // fraction in [0,1]
    double loss = 0.0;     // mean cross-entropy
    std::vector<double> perClassAccuracy;
    std::vector<int64_t> confusion; // numClasses x numClasses, row = true class, column = predicted
    std::vector<int64_t> predictions;
    std::vector<float> confidence; // softmax probability of the predicted class
    std::vector<float> imageLoss;  // per-image cross-entropy
    int32_t topK = 0;              // min(5, classes)
    std::vector<int32_t> topClasses;     // count * topK, most probable first
    std::vector<float> topProbabilities; // count * topK
    double widthScale = 1.0; // the width the network was built at
    int64_t ensembleMembers = 1; // more than 1: an ensemble of that many networks
    double seconds = 0.0;
};

// Loads a checkpoint (a Python torch.save file or our own export) into `architecture` built for the
// dataset's input and evaluates it on the test split. Throws Error with a one-line reason.
EvaluationResult evaluateCheckpoint(const std::string &architecture, const std::string &checkpointPath,
                                    const Dataset &dataset, const EvaluationOptions &options);

// Throws Error naming --tta unless `tta` is one of the test-time augmentations: none, mirror or
// mirror-translate.
void requireTtaMode(const std::string &tta);

// Confusion matrix as aligned text with class names, for terminals and logs.
std::string formatConfusion(const std::vector<int64_t> &confusion, const std::vector<std::string> &classNames);

} // namespace cifarlab
