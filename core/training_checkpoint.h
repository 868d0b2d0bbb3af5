#pragma once

// Core-internal (includes torch): the training checkpoint, everything needed to continue a run.
#include <torch/torch.h>

#include <string>
#include <utility>
#include <vector>

namespace cifarlab {

struct TrainingPosition
{
    int64_t epoch = 0;      // epoch to continue in (0-based)
    int64_t batch = 0;      // next batch within that epoch
    int64_t globalStep = 0; // optimizer steps done
    double bestTestAccuracy = -1.0;
    int64_t bestEpoch = -1;
    double elapsedSeconds = 0.0;
    // Partial-epoch accumulators, so a run stopped mid-epoch reports the same epoch metrics.
    double trainLossSum = 0.0;
    int64_t trainCorrect = 0;
    int64_t trainSeen = 0;
    torch::Tensor trainConfusion; // int64 numClasses^2, may be undefined
    std::string configJson;
    std::string architecture;
    // Lookahead's slow weights (floating-point state_dict entries by name); empty when not in use.
    std::vector<std::pair<std::string, torch::Tensor>> lookahead;
    // The epoch's gradient and step samples so far (ParameterStatisticsCollector::state()); may be undefined.
    torch::Tensor parameterStatistics;
    // fp16 training's gradient scaler; scale 0 when not in use.
    double gradScale = 0.0;
    int64_t gradGrowthTracker = 0;
};

// Written to `path + ".tmp"` and renamed over `path`, so the previous checkpoint stays valid until
// the new one is complete.
void saveTrainingCheckpoint(const std::string &path, torch::nn::Module &model, torch::optim::Optimizer *optimizer,
                            const TrainingPosition &position);
// Restores the model (and the optimizer when given). Throws Error naming the file on any mismatch.
TrainingPosition loadTrainingCheckpoint(const std::string &path, torch::nn::Module &model,
                                        torch::optim::Optimizer *optimizer);
// The run configuration (JSON) a CifarLab training checkpoint was written with. Throws Error naming
// the file when it is not one.
std::string readTrainingCheckpointConfig(const std::string &path);
// True if `path` is a CifarLab training checkpoint (as opposed to a Python torch.save file).
bool isTrainingCheckpoint(const std::string &path);

} // namespace cifarlab

namespace cifarlab {
// Loads only the weights from either kind of checkpoint: ours, or a Python torch.save file
// (through the restricted unpickler). Mismatches are reported key by key.
void loadCheckpointWeights(const std::string &path, torch::nn::Module &model);
} // namespace cifarlab
