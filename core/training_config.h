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
    // Minutes the run may take (0 = no limit). At each epoch's end the trainer schedules fewer epochs
    // than planned if those would not end in time at that epoch's pace; the schedule stretches to fit.
    double timeBudgetMinutes = 0;
    // With a time budget, airbench only: before training, a few probe steps time the network on this
    // machine, and if the planned epochs would not fit the budget it trains at 3/4 or 1/2 of widthScale.
    // Without a budget it does nothing.
    bool fitWidthToBudget = false;
    int64_t batchSize = 128;
    bool dropLast = false;
    std::string optimizer = "sgd";    // "sgd" | "adamw" | "muon" (Muon for conv filters, SGD for the rest)
    double learningRate = 0.1;
    double momentum = 0.9;
    bool nesterov = true;
    double weightDecay = 5e-4;
    double muonLearningRate = 0.24;   // muon: the filters' rate (their steps are orthogonalised, unit scale)
    double muonMomentum = 0.6;        // muon: the filters' momentum (the other groups take `momentum`)
    std::string schedule = "onecycle"; // "constant" | "step" | "cosine" | "onecycle" | "triangular"
    double warmupFraction = 0.15;      // one-cycle, triangular: share of steps spent warming up
    double lrStartFactor = 0.2;        // triangular: from lr * this up to lr ...
    double lrEndFactor = 0.07;         // ... and down to lr * this at the end
    double stepGamma = 0.1;            // step: multiply by this ...
    std::vector<double> stepMilestones = {0.5, 0.75}; // ... at these fractions of training
    double labelSmoothing = 0.1;
    std::string lossReduction = "mean"; // "mean" | "sum" (airbench: the gradient grows with the batch)
    double normBiasLrScale = 1.0;       // BatchNorm biases learn this much faster, with the same absolute decay
    bool lookahead = false;             // every lookaheadEvery steps, pull the weights towards their slow average
    int64_t lookaheadEvery = 5;
    int64_t lookaheadStartEpoch = 3;
    std::string tta = "none";           // final evaluation: "none" | "mirror" | "mirror-translate"
    double widthScale = 1.0;            // channel widths x this (airbench only)
    // More than 1: that many independently initialized copies of the architecture train side by side
    // on the same batches, each by its own loss, and predict together (mean softmax; models/ensemble.h)
    int64_t ensembleMembers = 1;
    int64_t blockDepth = 2; // airbench: convolutions per group, 2 or 3 (airbench96's residual third)
    // Ensembles: "shared" (every member sees the same augmented batch) or "own" (each member draws its
    // own flips, shifts and cutouts of the batch's images; member 0 draws what a single network would)
    std::string memberAugmentation = "shared";
    // Ensembles: "shared" (every member trains on the same images in the same order) or "own" (each
    // member shuffles the training set its own way each epoch; member 0 keeps a single network's order)
    std::string memberOrder = "shared";
    // Ensembles: this share of each member's training target is the other members' mean prediction
    // of the same image (not differentiated through; online co-distillation), the rest the label
    double memberDistillation = 0.0;
    // "crop" (zero padding), "translate" (reflect padding), "flip" (random per batch), "flip-alternate"
    // (random once per image, then the whole set mirrored every other epoch), "cutout", "rotate", "perspective"
    std::vector<std::string> augment = {"crop", "flip"};
    int64_t cropPadding = 4;
    int64_t cutoutSize = 8;
    std::string preprocess = "dataset-normalize"; // | "per-image-standardize"
    Precision precision = Precision::Auto;
    bool channelsLast = true;
    // 3x3 convolutions (bf16 and float32): "direct" (oneDNN), "winograd" (F(4x4,3x3), models/winograd_conv.h) or
    // "auto" (Winograd on CPUs with AVX2 or AVX-512 and without AMX, where it is the faster one)
    std::string convolution = "auto";
    int threads = 0;                   // 0 = all cores
    std::string device = "cpu";        // "cpu" | "cuda" | "cuda:N"
    uint64_t seed = 0;
    int64_t evalBatchSize = 1000;
    bool keepEveryCheckpoint = false;  // else only the latest and the best survive
    // Data parallelism: batchSize is per process, so the global batch is batchSize x worldSize.
    int64_t worldSize = 1;             // processes training together (local or on several hosts)
    bool syncBatchNorm = false;        // BatchNorm batch statistics over all processes, else per process
    double bucketMegabytes = 25;       // gradients are all-reduced in buckets of about this size
};

// Throws Error naming the field: "--lr: must be positive, got -0.1".
void validateConfig(const TrainingConfig &config);
// Throws Error ("--augment: unknown value ...") for a name that is not an augmentation.
void requireAugmentationName(const std::string &name);
// The config-file key a validation flag stands for ("--lr" -> "learningRate"); empty if none.
std::string configKeyOfFlag(const std::string &flag);

std::vector<std::string> presetNames();
// Applies a named recipe on top of `config` (architecture and data are kept). Throws Error if unknown.
void applyPreset(TrainingConfig &config, const std::string &preset);

std::string configToJson(const TrainingConfig &config);
TrainingConfig configFromJson(const std::string &json); // throws Error naming the bad field
// Keys present in `json` replace those of `base`; the rest of `base` stays (a config file over a preset).
TrainingConfig configFromJson(const std::string &json, const TrainingConfig &base);

} // namespace cifarlab
