#include "core/alternatives.h"
#include "core/error.h"
#include "core/time_budget.h"
#include "core/training_config.h"
#include "core/training_metrics.h"
#include "core/tta_mode.h"
#include "support/error_of.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace cifarlab {
namespace {

using test::errorOf;

TrainingConfig validConfig()
{
    TrainingConfig c;
    c.dataPath = "/data/cifar-10-batches-bin";
    return c;
}

void expectSameConfig(const TrainingConfig &a, const TrainingConfig &b)
{
    EXPECT_EQ(a.dataPath, b.dataPath);
    EXPECT_EQ(a.resize, b.resize);
    EXPECT_EQ(a.architecture, b.architecture);
    EXPECT_EQ(a.preset, b.preset);
    EXPECT_EQ(a.epochs, b.epochs);
    EXPECT_EQ(a.timeBudgetMinutes, b.timeBudgetMinutes);
    EXPECT_EQ(a.fitWidthToBudget, b.fitWidthToBudget);
    EXPECT_EQ(a.batchSize, b.batchSize);
    EXPECT_EQ(a.dropLast, b.dropLast);
    EXPECT_EQ(a.optimizer, b.optimizer);
    EXPECT_EQ(a.learningRate, b.learningRate);
    EXPECT_EQ(a.momentum, b.momentum);
    EXPECT_EQ(a.nesterov, b.nesterov);
    EXPECT_EQ(a.weightDecay, b.weightDecay);
    EXPECT_EQ(a.schedule, b.schedule);
    EXPECT_EQ(a.warmupFraction, b.warmupFraction);
    EXPECT_EQ(a.stepGamma, b.stepGamma);
    EXPECT_EQ(a.stepMilestones, b.stepMilestones);
    EXPECT_EQ(a.labelSmoothing, b.labelSmoothing);
    EXPECT_EQ(a.lrStartFactor, b.lrStartFactor);
    EXPECT_EQ(a.lrEndFactor, b.lrEndFactor);
    EXPECT_EQ(a.lossReduction, b.lossReduction);
    EXPECT_EQ(a.normBiasLrScale, b.normBiasLrScale);
    EXPECT_EQ(a.lookahead, b.lookahead);
    EXPECT_EQ(a.lookaheadEvery, b.lookaheadEvery);
    EXPECT_EQ(a.lookaheadStartEpoch, b.lookaheadStartEpoch);
    EXPECT_EQ(a.tta, b.tta);
    EXPECT_EQ(a.widthScale, b.widthScale);
    EXPECT_EQ(a.ensembleMembers, b.ensembleMembers);
    EXPECT_EQ(a.blockDepth, b.blockDepth);
    EXPECT_EQ(a.memberAugmentation, b.memberAugmentation);
    EXPECT_EQ(a.memberOrder, b.memberOrder);
    EXPECT_EQ(a.memberDistillation, b.memberDistillation);
    EXPECT_EQ(a.augment, b.augment);
    EXPECT_EQ(a.cropPadding, b.cropPadding);
    EXPECT_EQ(a.cutoutSize, b.cutoutSize);
    EXPECT_EQ(a.preprocess, b.preprocess);
    EXPECT_EQ(a.precision, b.precision);
    EXPECT_EQ(a.channelsLast, b.channelsLast);
    EXPECT_EQ(a.convolution, b.convolution);
    EXPECT_EQ(a.threads, b.threads);
    EXPECT_EQ(a.device, b.device);
    EXPECT_EQ(a.seed, b.seed);
    EXPECT_EQ(a.evalBatchSize, b.evalBatchSize);
    EXPECT_EQ(a.keepEveryCheckpoint, b.keepEveryCheckpoint);
    EXPECT_EQ(a.worldSize, b.worldSize);
    EXPECT_EQ(a.syncBatchNorm, b.syncBatchNorm);
    EXPECT_EQ(a.bucketMegabytes, b.bucketMegabytes);
}

TEST(TrainingConfig, DefaultsAndEveryPresetAreValid)
{
    EXPECT_NO_THROW(validateConfig(validConfig()));
    for (const std::string &preset : presetNames()) {
        TrainingConfig c = validConfig();
        applyPreset(c, preset);
        EXPECT_NO_THROW(validateConfig(c)) << preset;
    }
    TrainingConfig edge = validConfig();
    edge.epochs = 9.9;
    edge.device = "cuda:1";
    edge.threads = 1024;
    edge.batchSize = 65536;
    edge.momentum = 0;
    edge.augment = {"crop", "flip", "cutout", "rotate", "perspective"};
    edge.stepMilestones = {};
    edge.worldSize = 1024;
    edge.bucketMegabytes = 1024;
    EXPECT_NO_THROW(validateConfig(edge));
}

struct BadField
{
    const char *flag;
    std::function<void(TrainingConfig &)> spoil;
};

TEST(TrainingConfig, EachBadFieldIsRejectedNamingItsFlag)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const std::vector<BadField> cases = {
        {"--data", [](TrainingConfig &c) { c.dataPath.clear(); }},
        {"--arch", [](TrainingConfig &c) { c.architecture.clear(); }},
        {"--epochs", [](TrainingConfig &c) { c.epochs = 0; }},
        {"--epochs", [](TrainingConfig &c) { c.epochs = 10001; }},
        {"--epochs", [nan](TrainingConfig &c) { c.epochs = nan; }},
        {"--time-budget", [](TrainingConfig &c) { c.timeBudgetMinutes = -1; }},
        {"--time-budget", [nan](TrainingConfig &c) { c.timeBudgetMinutes = nan; }},
        {"--time-budget", [inf](TrainingConfig &c) { c.timeBudgetMinutes = inf; }},
        {"--fit-width",
            [](TrainingConfig &c) {
                c.architecture = "resnet18";
                c.timeBudgetMinutes = 30;
                c.fitWidthToBudget = true;
            }},
        {"--batch-size", [](TrainingConfig &c) { c.batchSize = 0; }},
        {"--batch-size", [](TrainingConfig &c) { c.batchSize = 65537; }},
        {"--optimizer", [](TrainingConfig &c) { c.optimizer = "adam"; }},
        {"--lr", [](TrainingConfig &c) { c.learningRate = -0.1; }},
        {"--lr", [](TrainingConfig &c) { c.learningRate = 0; }},
        {"--lr", [inf](TrainingConfig &c) { c.learningRate = inf; }},
        {"--lr", [nan](TrainingConfig &c) { c.learningRate = nan; }},
        {"--lr", [](TrainingConfig &c) { c.learningRate = 100.5; }},
        {"--momentum", [](TrainingConfig &c) { c.momentum = 1.0; }},
        {"--momentum", [](TrainingConfig &c) { c.momentum = -0.1; }},
        {"--weight-decay", [](TrainingConfig &c) { c.weightDecay = -1e-4; }},
        {"--weight-decay", [nan](TrainingConfig &c) { c.weightDecay = nan; }},
        {"--schedule", [](TrainingConfig &c) { c.schedule = "linear"; }},
        {"--warmup", [](TrainingConfig &c) { c.warmupFraction = 1.0; }},
        {"--warmup", [](TrainingConfig &c) { c.warmupFraction = -0.01; }},
        {"--milestones",
            [](TrainingConfig &c) {
                c.stepMilestones = {0.75, 0.5};
            }},
        {"--milestones",
            [](TrainingConfig &c) {
                c.stepMilestones = {0.5, 1.0};
            }},
        {"--milestones", [](TrainingConfig &c) { c.stepMilestones = {0.0}; }},
        {"--milestones",
            [](TrainingConfig &c) {
                c.stepMilestones = {0.5, 0.5};
            }},
        {"--step-gamma", [](TrainingConfig &c) { c.stepGamma = 0; }},
        {"--label-smoothing", [](TrainingConfig &c) { c.labelSmoothing = 1.0; }},
        {"--label-smoothing", [](TrainingConfig &c) { c.labelSmoothing = -0.1; }},
        {"--augment",
            [](TrainingConfig &c) {
                c.augment = {"crop", "mixup"};
            }},
        {"--augment",
            [](TrainingConfig &c) {
                c.augment = {"flip", "flip"};
            }},
        {"--cutout-size",
            [](TrainingConfig &c) {
                c.augment = {"cutout"};
                c.cutoutSize = 0;
            }},
        {"--crop-padding", [](TrainingConfig &c) { c.cropPadding = -1; }},
        {"--preprocess", [](TrainingConfig &c) { c.preprocess = "normalize"; }},
        {"--threads", [](TrainingConfig &c) { c.threads = -1; }},
        {"--threads", [](TrainingConfig &c) { c.threads = 1025; }},
        {"--device", [](TrainingConfig &c) { c.device = "gpu"; }},
        {"--device", [](TrainingConfig &c) { c.device = "cuda:"; }},
        {"--device", [](TrainingConfig &c) { c.device = "cuda:-1"; }},
        {"--device", [](TrainingConfig &c) { c.device = "cuda:1x"; }},
        {"--resize", [](TrainingConfig &c) { c.resize = -32; }},
        {"--eval-batch-size", [](TrainingConfig &c) { c.evalBatchSize = 0; }},
        {"--world-size", [](TrainingConfig &c) { c.worldSize = 0; }},
        {"--world-size", [](TrainingConfig &c) { c.worldSize = 1025; }},
        {"--bucket-mb", [](TrainingConfig &c) { c.bucketMegabytes = 0; }},
        {"--bucket-mb", [nan](TrainingConfig &c) { c.bucketMegabytes = nan; }},
        {"--bucket-mb", [](TrainingConfig &c) { c.bucketMegabytes = 2048; }},
        {"--lr-start", [](TrainingConfig &c) { c.lrStartFactor = 1.5; }},
        {"--lr-end", [nan](TrainingConfig &c) { c.lrEndFactor = nan; }},
        {"--loss-reduction", [](TrainingConfig &c) { c.lossReduction = "max"; }},
        {"--bias-lr-scale", [](TrainingConfig &c) { c.normBiasLrScale = 0; }},
        {"--lookahead-every", [](TrainingConfig &c) { c.lookaheadEvery = 0; }},
        {"--lookahead-start", [](TrainingConfig &c) { c.lookaheadStartEpoch = -1; }},
        {"--tta", [](TrainingConfig &c) { c.tta = "rotate"; }},
        {"--convolution", [](TrainingConfig &c) { c.convolution = "fft"; }},
        {"--width-scale", [](TrainingConfig &c) { c.widthScale = 0.1; }},
        {"--width-scale",
            [](TrainingConfig &c) {
                c.architecture = "resnet18";
                c.widthScale = 2;
            }},
        {"--block-depth", [](TrainingConfig &c) { c.blockDepth = 4; }},
        {"--block-depth",
            [](TrainingConfig &c) {
                c.architecture = "resnet18";
                c.blockDepth = 3;
            }},
        {"--augment",
            [](TrainingConfig &c) {
                c.augment = {"crop", "translate"};
            }},
        {"--augment",
            [](TrainingConfig &c) {
                c.augment = {"flip-alternate", "flip"};
            }},
    };
    for (const BadField &bad : cases) {
        TrainingConfig c = validConfig();
        bad.spoil(c);
        const std::string message = errorOf([&] { validateConfig(c); });
        EXPECT_EQ(message.rfind(std::string(bad.flag) + ": ", 0), 0u)
            << "expected " << bad.flag << ", got: " << message;
        EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    }
}

TEST(TrainingConfig, MessagesSayWhatIsWrong)
{
    TrainingConfig c = validConfig();
    c.learningRate = -0.1;
    EXPECT_EQ(errorOf([&] { validateConfig(c); }), "--lr: must be positive, got -0.1");
    c = validConfig();
    c.optimizer = "adam";
    EXPECT_EQ(
        errorOf([&] { validateConfig(c); }), "--optimizer: unknown value 'adam' (expected sgd, adamw or muon)");
    c = validConfig();
    c.augment = {"crop", "mixup"};
    EXPECT_EQ(errorOf([&] { validateConfig(c); }),
        "--augment: unknown value 'mixup' (expected crop, translate, flip, flip-alternate, cutout, rotate or perspective)");
    c = validConfig();
    c.batchSize = 0;
    EXPECT_EQ(errorOf([&] { validateConfig(c); }), "--batch-size: must be in [1, 65536], got 0");
}

TEST(TrainingConfig, AlternativesReadAsAList)
{
    EXPECT_EQ(joinAlternatives({}), "");
    EXPECT_EQ(joinAlternatives({"sgd"}), "sgd");
    EXPECT_EQ(joinAlternatives({"sgd", "muon"}), "sgd or muon");
    EXPECT_EQ(joinAlternatives({"none", "mirror", "mirror-translate"}), "none, mirror or mirror-translate");
    // The TTA option lists the modes of the one table the budget counts views from.
    TrainingConfig c = validConfig();
    c.tta = "rotate";
    EXPECT_EQ(errorOf([&] { validateConfig(c); }),
        "--tta: unknown value 'rotate' (expected " + joinAlternatives(ttaModeNames()) + ")");
}

TEST(TrainingConfig, Airbench94PresetIsThePaperInPyTorchUnits)
{
    TrainingConfig c = validConfig();
    c.architecture = "airbench";
    applyPreset(c, "airbench94");
    EXPECT_EQ(c.preset, "airbench94");
    EXPECT_EQ(c.architecture, "airbench");
    EXPECT_DOUBLE_EQ(c.epochs, 9.9);
    EXPECT_EQ(c.batchSize, 1024);
    EXPECT_TRUE(c.dropLast);
    EXPECT_EQ(c.optimizer, "sgd");
    EXPECT_TRUE(c.nesterov);
    EXPECT_DOUBLE_EQ(c.momentum, 0.85);
    // lr 11.5 and decay 0.0153 per 1024 examples: lr = 11.5 / (1024 * (1 + 1 / 0.15)) and
    // lr * decay = 0.0153 * 1024 / (1024 * (1 + 1 / 0.15)).
    const double scale = 1024.0 * (1.0 + 1.0 / 0.15);
    EXPECT_NEAR(c.learningRate, 11.5 / scale, 1e-15);
    EXPECT_NEAR(c.learningRate * c.weightDecay, 0.0153 * 1024.0 / scale, 1e-15);
    EXPECT_DOUBLE_EQ(c.normBiasLrScale, 64.0);
    EXPECT_EQ(c.schedule, "triangular");
    EXPECT_DOUBLE_EQ(c.warmupFraction, 0.23);
    EXPECT_DOUBLE_EQ(c.lrStartFactor, 0.2);
    EXPECT_DOUBLE_EQ(c.lrEndFactor, 0.07);
    EXPECT_DOUBLE_EQ(c.labelSmoothing, 0.2);
    EXPECT_EQ(c.lossReduction, "sum");
    EXPECT_TRUE(c.lookahead);
    EXPECT_EQ(c.lookaheadEvery, 5);
    EXPECT_EQ(c.lookaheadStartEpoch, 3);
    EXPECT_EQ(c.augment, (std::vector<std::string> {"translate", "flip-alternate"}));
    EXPECT_EQ(c.cropPadding, 2);
    EXPECT_EQ(c.preprocess, "dataset-normalize");
    EXPECT_EQ(c.tta, "mirror-translate");
    EXPECT_DOUBLE_EQ(c.widthScale, 1.0);
    EXPECT_NO_THROW(validateConfig(c));

    // Going back to another preset resets every airbench-only field.
    applyPreset(c, "standard");
    EXPECT_FALSE(c.dropLast);
    EXPECT_FALSE(c.lookahead);
    EXPECT_EQ(c.lossReduction, "mean");
    EXPECT_EQ(c.tta, "none");
    EXPECT_DOUBLE_EQ(c.normBiasLrScale, 1.0);
    EXPECT_DOUBLE_EQ(c.widthScale, 1.0);
}

TEST(TrainingConfig, BestPresetIsAirbench94MuonWidened)
{
    TrainingConfig c = validConfig();
    c.architecture = "airbench";
    applyPreset(c, "best");
    EXPECT_EQ(c.preset, "best");
    EXPECT_DOUBLE_EQ(c.widthScale, 2.0);
    EXPECT_DOUBLE_EQ(c.epochs, 12.0);
    // Under the hour on any host: a slower CPU trains a narrower network, or fewer of the 12 epochs.
    EXPECT_DOUBLE_EQ(c.timeBudgetMinutes, 55.0);
    EXPECT_TRUE(c.fitWidthToBudget);
    EXPECT_EQ(c.batchSize, 2000);
    EXPECT_TRUE(c.dropLast);
    EXPECT_EQ(c.optimizer, "muon");
    EXPECT_DOUBLE_EQ(c.muonLearningRate, 0.24);
    EXPECT_DOUBLE_EQ(c.muonMomentum, 0.6);
    EXPECT_DOUBLE_EQ(c.momentum, 0.85);
    EXPECT_TRUE(c.nesterov);
    // The head's 0.67 at a 1/256 output scale is 0.67 * 81 / 65536 at airbench's 1/9; the BN biases
    // get 64x that (airbench94_muon's 0.053); the decay is 2e-6 per example, absolute per step.
    EXPECT_NEAR(c.learningRate, 0.67 * 81.0 / 65536.0, 1e-15);
    EXPECT_NEAR(c.learningRate * c.normBiasLrScale, 0.053, 1e-4);
    EXPECT_NEAR(c.learningRate * c.weightDecay, 2e-6 * 2000, 1e-15);
    EXPECT_EQ(c.schedule, "triangular");
    EXPECT_DOUBLE_EQ(c.warmupFraction, 0.0);
    EXPECT_DOUBLE_EQ(c.lrEndFactor, 0.0);
    EXPECT_FALSE(c.lookahead);
    EXPECT_EQ(c.lossReduction, "sum");
    // The pair wants less smoothing than one net: its averaged softmax is softer already.
    EXPECT_DOUBLE_EQ(c.labelSmoothing, 0.1);
    EXPECT_EQ(c.augment, (std::vector<std::string> {"translate", "flip-alternate"}));
    EXPECT_EQ(c.tta, "mirror-translate");
    EXPECT_EQ(c.convolution, "auto") << "Winograd's where faster: the pair fits the hour so";
    EXPECT_EQ(c.ensembleMembers, 2);
    EXPECT_NO_THROW(validateConfig(c));

    // Other architectures keep their widths; airbench94 afterwards is plain SGD again at its own scale.
    TrainingConfig other = validConfig();
    other.architecture = "resnet18";
    applyPreset(other, "best");
    EXPECT_DOUBLE_EQ(other.widthScale, 1.0);
    EXPECT_FALSE(other.fitWidthToBudget);
    EXPECT_EQ(other.ensembleMembers, 1);
    EXPECT_DOUBLE_EQ(other.labelSmoothing, 0.2) << "one net keeps the recipe's smoothing";
    EXPECT_NO_THROW(validateConfig(other));
    applyPreset(c, "airbench94");
    EXPECT_EQ(c.convolution, "auto");
    EXPECT_EQ(c.optimizer, "sgd");
    EXPECT_DOUBLE_EQ(c.timeBudgetMinutes, 0.0);
    EXPECT_FALSE(c.fitWidthToBudget);
    EXPECT_DOUBLE_EQ(c.widthScale, 1.0);
    EXPECT_EQ(c.ensembleMembers, 1);
    EXPECT_DOUBLE_EQ(c.lrEndFactor, 0.07);
    EXPECT_EQ(c.batchSize, 1024);
}

TEST(TrainingConfig, FastPresetIsTheMuonRecipeAtFullWidthForTenEpochs)
{
    TrainingConfig best = validConfig();
    best.architecture = "airbench";
    applyPreset(best, "best");
    TrainingConfig c = best;
    applyPreset(c, "fast");
    EXPECT_EQ(c.preset, "fast");
    EXPECT_DOUBLE_EQ(c.epochs, 10.0);
    EXPECT_DOUBLE_EQ(c.widthScale, 1.0);
    EXPECT_DOUBLE_EQ(c.timeBudgetMinutes, 0.0);
    // Apart from the length, its budget, the width, the ensemble, the pair's smoothing and the name,
    // fast is best.
    EXPECT_EQ(c.convolution, best.convolution);
    EXPECT_EQ(c.ensembleMembers, 1);
    c.ensembleMembers = best.ensembleMembers;
    EXPECT_DOUBLE_EQ(c.labelSmoothing, 0.2);
    c.labelSmoothing = best.labelSmoothing;
    c.epochs = best.epochs;
    c.timeBudgetMinutes = best.timeBudgetMinutes;
    EXPECT_FALSE(c.fitWidthToBudget);
    c.fitWidthToBudget = best.fitWidthToBudget;
    c.widthScale = best.widthScale;
    c.preset = best.preset;
    expectSameConfig(c, best);
    EXPECT_EQ(c.optimizer, "muon");
    EXPECT_EQ(c.batchSize, 2000);
    EXPECT_FALSE(c.lookahead);
    EXPECT_NO_THROW(validateConfig(c));
}

TEST(TrainingConfig, PresetNames)
{
    EXPECT_EQ(presetNames(), (std::vector<std::string> {"seed", "standard", "quick", "fast", "airbench94", "best"}));
}

TEST(TrainingConfig, SeedPresetIsTheOriginalStudyBatched)
{
    TrainingConfig c = validConfig();
    c.architecture = "baseline";
    c.device = "cuda:0";
    c.seed = 42;
    applyPreset(c, "seed");
    EXPECT_EQ(c.preset, "seed");
    EXPECT_EQ(c.architecture, "baseline");
    EXPECT_EQ(c.dataPath, "/data/cifar-10-batches-bin");
    EXPECT_EQ(c.device, "cuda:0");
    EXPECT_EQ(c.seed, 42u);
    EXPECT_EQ(c.optimizer, "sgd");
    EXPECT_DOUBLE_EQ(c.learningRate, 0.001);
    EXPECT_DOUBLE_EQ(c.momentum, 0.9);
    EXPECT_FALSE(c.nesterov);
    EXPECT_DOUBLE_EQ(c.weightDecay, 5e-4);
    EXPECT_EQ(c.schedule, "constant");
    EXPECT_EQ(c.labelSmoothing, 0.0);
    EXPECT_EQ(c.augment, (std::vector<std::string> {"flip", "rotate", "perspective"}));
    EXPECT_EQ(c.preprocess, "per-image-standardize");
    EXPECT_EQ(c.precision, Precision::Fp32);
    EXPECT_EQ(c.batchSize, 4);
    EXPECT_EQ(c.epochs, 20);
}

TEST(TrainingConfig, StandardAndQuickPresets)
{
    TrainingConfig c = validConfig();
    c.architecture = "resnet50";
    applyPreset(c, "standard");
    EXPECT_EQ(c.preset, "standard");
    EXPECT_EQ(c.architecture, "resnet50");
    EXPECT_EQ(c.optimizer, "sgd");
    EXPECT_DOUBLE_EQ(c.learningRate, 0.1);
    EXPECT_DOUBLE_EQ(c.momentum, 0.9);
    EXPECT_TRUE(c.nesterov);
    EXPECT_DOUBLE_EQ(c.weightDecay, 5e-4);
    EXPECT_EQ(c.schedule, "onecycle");
    EXPECT_DOUBLE_EQ(c.warmupFraction, 0.15);
    EXPECT_DOUBLE_EQ(c.labelSmoothing, 0.1);
    EXPECT_EQ(c.augment, (std::vector<std::string> {"crop", "flip"}));
    EXPECT_EQ(c.preprocess, "dataset-normalize");
    EXPECT_EQ(c.precision, Precision::Auto);
    EXPECT_EQ(c.batchSize, 256);
    EXPECT_EQ(c.epochs, 30);

    TrainingConfig quick = validConfig();
    quick.architecture = "resnet50";
    applyPreset(quick, "quick");
    EXPECT_EQ(quick.preset, "quick");
    EXPECT_EQ(quick.epochs, 3);
    EXPECT_EQ(quick.batchSize, 256);
    // Apart from the length and the name, quick is standard.
    quick.epochs = c.epochs;
    quick.preset = c.preset;
    expectSameConfig(quick, c);
}

TEST(TrainingConfig, PresetResultDoesNotDependOnAnEarlierPreset)
{
    TrainingConfig direct = validConfig();
    applyPreset(direct, "seed");
    TrainingConfig layered = validConfig();
    applyPreset(layered, "standard");
    layered.cutoutSize = 3;
    layered.stepMilestones = {0.2};
    applyPreset(layered, "seed");
    expectSameConfig(layered, direct);
}

TEST(TrainingConfig, UnknownPresetIsRejectedAndLeavesConfigAlone)
{
    TrainingConfig c = validConfig();
    c.learningRate = 0.05;
    EXPECT_EQ(errorOf([&] { applyPreset(c, "turbo"); }),
        "--preset: unknown preset 'turbo' (expected seed, standard, quick, fast, airbench94 or best)");
    EXPECT_EQ(c.learningRate, 0.05);
    EXPECT_EQ(c.preset, "");
}

TrainingConfig unusualConfig()
{
    TrainingConfig c;
    c.dataPath = "/data/ünïcode folder/\"quoted\".tar.gz";
    c.resize = 64;
    c.architecture = "densenet121";
    c.preset = "quick";
    c.epochs = 9.9;
    c.timeBudgetMinutes = 42.5;
    c.batchSize = 77;
    c.dropLast = true;
    c.optimizer = "adamw";
    c.learningRate = 0.0123456789012345;
    c.momentum = 0.1 + 0.2; // not representable exactly: the round trip must keep every bit
    c.nesterov = false;
    c.weightDecay = 1e-7;
    c.schedule = "step";
    c.warmupFraction = 0.05;
    c.stepGamma = 0.3;
    c.stepMilestones = {0.1, 0.3333333333333333, 0.9};
    c.labelSmoothing = 0.05;
    c.lrStartFactor = 0.125;
    c.lrEndFactor = 0.0333333333333333;
    c.lossReduction = "sum";
    c.normBiasLrScale = 63.5;
    c.lookahead = true;
    c.lookaheadEvery = 7;
    c.lookaheadStartEpoch = 2;
    c.tta = "mirror";
    c.widthScale = 1.5;
    c.ensembleMembers = 3;
    c.blockDepth = 3;
    c.memberAugmentation = "own";
    c.memberOrder = "own";
    c.memberDistillation = 0.1 + 0.2;
    c.augment = {"cutout", "rotate", "translate", "flip-alternate"};
    c.cropPadding = 2;
    c.cutoutSize = 12;
    c.preprocess = "per-image-standardize";
    c.precision = Precision::Bf16;
    c.channelsLast = false;
    c.convolution = "winograd";
    c.threads = 7;
    c.device = "cuda:3";
    c.seed = 18446744073709551615ull;
    c.evalBatchSize = 333;
    c.keepEveryCheckpoint = true;
    c.worldSize = 3;
    c.syncBatchNorm = true;
    c.bucketMegabytes = 0.1 + 0.2;
    return c;
}

TEST(TrainingConfig, JsonRoundTripKeepsEveryField)
{
    const TrainingConfig original = unusualConfig();
    const TrainingConfig back = configFromJson(configToJson(original));
    expectSameConfig(back, original);

    TrainingConfig smallSeed = unusualConfig();
    smallSeed.seed = 12345;
    smallSeed.precision = Precision::Fp32;
    expectSameConfig(configFromJson(configToJson(smallSeed)), smallSeed);
    EXPECT_NE(configToJson(smallSeed).find("\"seed\":12345"), std::string::npos);

    expectSameConfig(configFromJson(configToJson(TrainingConfig())), TrainingConfig());

    TrainingConfig fitted = validConfig();
    fitted.architecture = "airbench";
    fitted.timeBudgetMinutes = 20;
    fitted.fitWidthToBudget = true;
    expectSameConfig(configFromJson(configToJson(fitted)), fitted);
    EXPECT_NE(configToJson(fitted).find("\"fitWidthToBudget\":true"), std::string::npos);
}

TEST(TrainingConfig, JsonMissingKeysKeepDefaultsAndUnknownKeysAreIgnored)
{
    expectSameConfig(configFromJson("{}"), TrainingConfig());
    const TrainingConfig c
        = configFromJson(R"({"batchSize": 64, "futureOption": {"x": [1, 2]}, "lr": "ignored"})");
    TrainingConfig expected;
    expected.batchSize = 64;
    expectSameConfig(c, expected);
}

TEST(TrainingConfig, JsonWrongTypesAreRejectedNamingTheKey)
{
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"batchSize": "64"})", "batchSize"},
        {R"({"batchSize": 64.5})", "batchSize"},
        {R"({"epochs": true})", "epochs"},
        {R"({"dataPath": 3})", "dataPath"},
        {R"({"nesterov": 1})", "nesterov"},
        {R"({"augment": "crop"})", "augment"},
        {R"({"augment": ["crop", 2]})", "augment"},
        {R"({"stepMilestones": [0.5, "x"]})", "stepMilestones"},
        {R"({"precision": "fp8"})", "precision"},
        {R"({"threads": 4294967296})", "threads"},
        {R"({"seed": -1})", "seed"},
        {R"({"seed": "12x"})", "seed"},
        {R"({"seed": "99999999999999999999"})", "seed"},
        {R"({"worldSize": 2.5})", "worldSize"},
        {R"({"syncBatchNorm": "on"})", "syncBatchNorm"},
        {R"({"bucketMegabytes": "25"})", "bucketMegabytes"},
    };
    for (const auto &[json, key] : cases) {
        const std::string message = errorOf([&] { configFromJson(json); });
        EXPECT_NE(message.find("'" + key + "'"), std::string::npos) << json << " -> " << message;
    }
}

TEST(TrainingConfig, JsonThatIsNotAnObjectIsRejected)
{
    EXPECT_EQ(errorOf([] { configFromJson("[1, 2]"); }), "config json: expected an object");
    const std::string message = errorOf([] { configFromJson("{\"batchSize\": "); });
    EXPECT_EQ(message.rfind("config json: ", 0), 0u) << message;
    EXPECT_NE(message.find("offset"), std::string::npos) << message;
}

BudgetEstimate firstEpoch()
{
    // 10 steps of 2 s per epoch, a 5 s test pass; the first epoch and its pass took 25 s.
    BudgetEstimate e;
    e.budgetSeconds = 1000;
    e.elapsedSeconds = 25;
    e.secondsPerStep = 2;
    e.evalSeconds = 5;
    e.finalViews = 1;
    e.stepsPerEpoch = 10;
    return e;
}

TEST(TimeBudget, WholeEpochsAndAPartialOneFitTheTimeLeft)
{
    BudgetEstimate e = firstEpoch();
    // 975 s left, 25 s per epoch: 39 whole epochs.
    EXPECT_EQ(stepsWithinBudget(e, 1000), 390);
    // Six views: five more passes (25 s) come off the top, so one epoch fewer.
    e.finalViews = 6;
    EXPECT_EQ(stepsWithinBudget(e, 1000), 380);
    // 17 s beyond whole epochs: a partial epoch of (17 - 5) / 2 = 6 steps and its test pass.
    e = firstEpoch();
    e.elapsedSeconds = 25 - 17;
    EXPECT_EQ(stepsWithinBudget(e, 1000), 396);
    // Less than a test pass beyond whole epochs: no partial epoch.
    e.elapsedSeconds = 25 - 4;
    EXPECT_EQ(stepsWithinBudget(e, 1000), 390);
}

TEST(TimeBudget, NeverLengthensAndStopsWhenNothingIsLeft)
{
    BudgetEstimate e = firstEpoch();
    EXPECT_EQ(stepsWithinBudget(e, 120), 120); // the planned run fits: unchanged
    EXPECT_EQ(stepsWithinBudget(e, 0), 0);
    e.elapsedSeconds = 1000;
    EXPECT_EQ(stepsWithinBudget(e, 120), 0);
    e.elapsedSeconds = 990; // 10 s left: not a whole epoch, but 2 steps and a test pass
    EXPECT_EQ(stepsWithinBudget(e, 120), 2);
    e.elapsedSeconds = 996;
    EXPECT_EQ(stepsWithinBudget(e, 120), 0);
    // Nothing measured (a zero or broken step time): keep the plan rather than guess.
    e = firstEpoch();
    e.secondsPerStep = 0;
    EXPECT_EQ(stepsWithinBudget(e, 120), 120);
    e.secondsPerStep = std::numeric_limits<double>::quiet_NaN();
    EXPECT_EQ(stepsWithinBudget(e, 120), 120);
}

// The process's first step (kernels chosen, buffers faulted in) is left out of its epoch's pace, so
// the one-off cost is not charged again to every later epoch.
TEST(TimeBudget, TheProcesssFirstStepIsLeftOutOfItsEpochsPace)
{
    // 10 steps in 48 s, the first of them 30 s: the other nine took 2 s each.
    EXPECT_DOUBLE_EQ(epochStepPace(48, 10, 30), 2.0);
    // Epochs without the process's first step (later ones, a resumed run's) are priced whole.
    EXPECT_DOUBLE_EQ(epochStepPace(20, 10, 0), 2.0);
    // A single step, or a first step no shorter than the epoch's time, leaves nothing else to price.
    EXPECT_DOUBLE_EQ(epochStepPace(30, 1, 30), 30.0);
    EXPECT_DOUBLE_EQ(epochStepPace(30, 0, 0), 30.0);
    EXPECT_DOUBLE_EQ(epochStepPace(30, 10, 31), 3.0);
    // What it changes: with the first epoch's 48 s priced whole (4.8 s a step) the fit would cut a
    // 120-step plan; at the 2 s the steps really take it keeps the whole plan (12 more epochs of 25 s in the 347 s left).
    BudgetEstimate e = firstEpoch();
    e.budgetSeconds = 400;
    e.elapsedSeconds = 48 + 5;
    e.secondsPerStep = epochStepPace(48, 10, 30);
    EXPECT_EQ(stepsWithinBudget(e, 120), 120);
    e.secondsPerStep = 48.0 / 10.0;
    EXPECT_LT(stepsWithinBudget(e, 120), 120);
}

TEST(TimeBudget, TheProbePricesPassesPerImageAndOptimizerStepsPerStep)
{
    // Three passes of 500 images, one slowed by another process, and three optimizer steps, one slow.
    ProbeTimings t;
    t.imagesPerPass = 500;
    t.passSeconds = {1.0, 4.0, 1.1};
    t.optimizerSeconds = {0.25, 0.2, 3.0};
    // The medians, 1.1 s a pass and 0.25 s a step: a batch of 2,000 images costs four passes' images
    // and one optimizer step, not four.
    EXPECT_NEAR(probeSecondsPerStep(t, 2000), 1.1 * 4 + 0.25, 1e-12);
    EXPECT_NEAR(probeSecondsPerStep(t, 500), 1.1 + 0.25, 1e-12);
    // Two timings: their mean; none: nothing to price.
    t.passSeconds = {1.0, 1.2};
    t.optimizerSeconds = {};
    EXPECT_NEAR(probeSecondsPerStep(t, 1000), 2.2, 1e-12);
    EXPECT_DOUBLE_EQ(probeSecondsPerStep(ProbeTimings {}, 1000), 0.0);
}

// The cost the width probe reports is the one the fitting spends: a run of exactly that many seconds fits.
TEST(TimeBudget, SecondsForStepsIsWhatTheFitSpends)
{
    BudgetEstimate e;
    e.secondsPerStep = 2;
    e.evalSeconds = 5;
    e.finalViews = 6;
    e.stepsPerEpoch = 10;
    EXPECT_DOUBLE_EQ(secondsForSteps(e, 25), 25 * 2 + 5 * (3 + 5));
    e.budgetSeconds = secondsForSteps(e, 25);
    EXPECT_EQ(stepsWithinBudget(e, 25), 25);
    e.budgetSeconds -= 1;
    EXPECT_LT(stepsWithinBudget(e, 25), 25);
}

TEST(TimeBudget, WidthCandidatesNarrowByEighthsDownToAirbenchsSmallest)
{
    EXPECT_EQ(budgetWidthCandidates(2.0), (std::vector<double> {2.0, 1.75, 1.5, 1.25, 1.0}));
    EXPECT_EQ(budgetWidthCandidates(1.0), (std::vector<double> {1.0, 0.875, 0.75, 0.625, 0.5}));
    EXPECT_EQ(budgetWidthCandidates(0.4), (std::vector<double> {0.4, 0.4 * 0.875, 0.4 * 0.75, 0.4 * 0.625}));
    EXPECT_EQ(budgetWidthCandidates(0.25), (std::vector<double> {0.25}));
}

TEST(TimeBudget, ViewsOfTheFinalEvaluation)
{
    EXPECT_EQ(finalEvaluationViews("none"), 1);
    EXPECT_EQ(finalEvaluationViews("mirror"), 2);
    EXPECT_EQ(finalEvaluationViews("mirror-translate"), 6);
}

TEST(RunStatus, NamesRoundTrip)
{
    const std::vector<std::pair<RunStatus, std::string>> all = {
        {RunStatus::Created, "created"},
        {RunStatus::Running, "running"},
        {RunStatus::Paused, "paused"},
        {RunStatus::Completed, "completed"},
        {RunStatus::Stopped, "stopped"},
        {RunStatus::Cancelled, "cancelled"},
        {RunStatus::Diverged, "diverged"},
        {RunStatus::Failed, "failed"},
    };
    for (const auto &[status, name] : all) {
        EXPECT_EQ(runStatusName(status), name);
        EXPECT_EQ(runStatusFromName(name), status);
    }
    const std::string message = errorOf([] { runStatusFromName("done"); });
    EXPECT_NE(message.find("'done'"), std::string::npos) << message;
}

} // namespace
} // namespace cifarlab
