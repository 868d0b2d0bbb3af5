#pragma once

#include "core/runtime.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cifarlab {

// Everything that defines a training run. Plain data: the GUI edits it, the CLI fills it from flags,
// the store saves it as JSON, and validateConfig() names the first bad field before anything starts.
struct TrainingConfig
{
    std::string dataPath;             // dataset file or folder
    int64_t resize = 0;               // ImageFolder resize (0 = native size)
    std::string architecture = "resnet18";
    std::string preset;               // name of the preset it came from, informative
    double epochs = 30;               // may be fractional (e.g. 9.9): the last epoch is partial
    int64_t batchSize = 128;
    bool dropLast = false;
    std::string optimizer = "sgd";    // "sgd" | "adamw"
    double learningRate = 0.1;
    double momentum = 0.9;
    bool nesterov = true;
    double weightDecay = 5e-4;
    std::string schedule = "onecycle"; // "constant" | "step" | "cosine" | "onecycle"
    double warmupFraction = 0.15;      // one-cycle: share of steps spent warming up
    double stepGamma = 0.1;            // step: multiply by this ...
    std::vector<double> stepMilestones = {0.5, 0.75}; // ... at these fractions of training
    double labelSmoothing = 0.1;
    std::vector<std::string> augment = {"crop", "flip"}; // "crop", "flip", "cutout", "rotate", "perspective"
    int64_t cropPadding = 4;
    int64_t cutoutSize = 8;
    std::string preprocess = "dataset-normalize"; // | "per-image-standardize"
    Precision precision = Precision::Auto;
    bool channelsLast = true;
    int threads = 0;                   // 0 = all cores
    std::string device = "cpu";        // "cpu" | "cuda" | "cuda:N"
    uint64_t seed = 0;
    int64_t evalBatchSize = 1000;
    bool keepEveryCheckpoint = false;  // else only the latest and the best survive
};

// Throws Error naming the field: "--lr: must be positive, got -0.1".
void validateConfig(const TrainingConfig &config);

std::vector<std::string> presetNames();
// Applies a named recipe on top of `config` (architecture and data are kept). Throws Error if unknown.
void applyPreset(TrainingConfig &config, const std::string &preset);

std::string configToJson(const TrainingConfig &config);
TrainingConfig configFromJson(const std::string &json); // throws Error naming the bad field

} // namespace cifarlab
