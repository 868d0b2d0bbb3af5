// airbench and the pieces of its recipe: the whitening layer, frozen parameters, the triangular
// schedule, reflect-padded translation, alternating flips, lookahead and an exact resume.
#include "core/augmentation.h"
#include "core/checkpoint_network.h"
#include "core/error.h"
#include "core/lr_schedule.h"
#include "core/preprocessing.h"
#include "core/split_evaluation.h"
#include "core/tensor_memory_cache.h"
#include "core/trainer.h"
#include "core/training_checkpoint.h"
#include "core/tta_mode.h"
#include "core/weights_export.h"
#include "models/airbench.h"
#include "models/registry.h"
#include "support/learnable_data.h"
#include "support/recorded_run.h"
#include "support/small_recipe.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <mutex>

using namespace cifarlab;
namespace F = torch::nn::functional;

namespace {

// Images with strong correlations between neighbouring pixels and channels (a smooth field plus
// noise), as natural images have: a whitening layer has real work to do on them.
torch::Tensor correlatedImages(int64_t n, int64_t channels, int64_t side)
{
    torch::manual_seed(7);
    auto smooth = F::interpolate(torch::randn({n, 1, side / 4, side / 4}),
                                 F::InterpolateFuncOptions().size(std::vector<int64_t> {side, side}).mode(torch::kBilinear).align_corners(false));
    auto tint = torch::randn({1, channels, 1, 1}) * 0.3 + 1.0;
    return smooth * tint * 2.0 + torch::randn({n, channels, side, side}) * 0.5;
}

// The paper's SGD recipe (the "airbench94" preset): its lookahead and schedule are tested here; the
// Muon recipe of "fast" and "best" in test_muon.cpp.
TrainingConfig paperConfig()
{
    TrainingConfig c;
    c.dataPath = "generated";
    c.architecture = "airbench";
    applyPreset(c, "airbench94");
    c.epochs = 6;
    c.batchSize = 64; // 10 steps per epoch on 640 images
    c.precision = Precision::Fp32;
    c.channelsLast = false;
    c.threads = 1;
    c.seed = 3;
    c.evalBatchSize = 100;
    return c;
}

std::shared_ptr<const Dataset> tinyData()
{
    return std::make_shared<const Dataset>(test::makeLearnableDataset(640, 200, 4, 3, 16));
}

using Recorded = test::RecordedRun;
using test::recordInto;

std::shared_ptr<Airbench> loadAirbench(const std::string &checkpoint)
{
    auto net = std::make_shared<Airbench>(InputSpec {3, 16, 16, 4});
    loadCheckpointWeights(checkpoint, *net);
    return net;
}

torch::Tensor param(const std::shared_ptr<Airbench> &net, const std::string &name)
{
    return net->named_parameters()[name].detach().clone();
}

} // namespace

TEST(Airbench, ShapeAndFrozenParameters)
{
    Airbench net(InputSpec {3, 32, 32, 10});
    const auto named = net.named_parameters();
    EXPECT_EQ(named["whiten.weight"].sizes().vec(), (std::vector<int64_t> {24, 3, 2, 2}));
    EXPECT_FALSE(named["whiten.weight"].requires_grad());
    EXPECT_TRUE(named["whiten.bias"].requires_grad());
    EXPECT_TRUE(named["whiten.bias"].eq(0).all().item<bool>());
    EXPECT_EQ(named["block1.conv1.weight"].sizes().vec(), (std::vector<int64_t> {64, 24, 3, 3}));
    EXPECT_EQ(named["block2.conv1.weight"].sizes().vec(), (std::vector<int64_t> {256, 64, 3, 3}));
    EXPECT_EQ(named["block3.conv2.weight"].sizes().vec(), (std::vector<int64_t> {256, 256, 3, 3}));
    EXPECT_EQ(named["head.weight"].sizes().vec(), (std::vector<int64_t> {10, 256}));
    EXPECT_EQ(named.find("head.bias"), nullptr);
    for (const auto &item : named) {
        if (item.key().find("norm") != std::string::npos && item.key().find(".weight") != std::string::npos) {
            EXPECT_FALSE(item.value().requires_grad()) << item.key();
            EXPECT_TRUE(item.value().eq(1).all().item<bool>()) << item.key();
        }
    }
    // Convolutions start as identities on their first input-channel filters.
    const auto w = named["block2.conv2.weight"];
    EXPECT_EQ(w[5][5][1][1].item<float>(), 1.0f);
    EXPECT_EQ(w[5][6][1][1].item<float>(), 0.0f);
    EXPECT_EQ(w[5][5][0][0].item<float>(), 0.0f);
    // Batch norm settings of the paper.
    for (const auto &module : net.modules(/*include_self=*/false)) {
        if (auto *bn = dynamic_cast<torch::nn::BatchNorm2dImpl *>(module.get())) {
            EXPECT_DOUBLE_EQ(bn->options.eps(), 1e-12);
            EXPECT_DOUBLE_EQ(bn->options.momentum().value(), 0.4);
        }
    }
    Airbench wide(InputSpec {3, 32, 32, 10}, 1.5);
    EXPECT_EQ(wide.named_parameters()["block2.conv1.weight"].size(0), 384);
    EXPECT_THROW(Airbench(InputSpec {3, 32, 32, 10}, 0.1), std::invalid_argument);
}

// A depth of 3 gives each group airbench96's third convolution and BatchNorm, whose output is added
// to the group's first activation before the last GELU; depth 2 keeps airbench94's names.
TEST(Airbench, ThirdConvolutionPerGroupAddsAirbench96sResidual)
{
    const InputSpec spec {3, 32, 32, 10};
    Airbench two(spec);
    Airbench three(spec, 1.0, 3);
    EXPECT_EQ(two.blockDepth(), 2);
    EXPECT_EQ(three.blockDepth(), 3);
    const auto p2 = two.named_parameters();
    const auto p3 = three.named_parameters();
    EXPECT_EQ(p2.find("block1.conv3.weight"), nullptr);
    int64_t extra = 0;
    for (const auto &[block, width] : std::vector<std::pair<std::string, int64_t>> {{"block1", 64}, {"block2", 256}, {"block3", 256}}) {
        ASSERT_NE(p3.find(block + ".conv3.weight"), nullptr) << block;
        EXPECT_EQ(p3[block + ".conv3.weight"].sizes().vec(), (std::vector<int64_t> {width, width, 3, 3}));
        EXPECT_FALSE(p3[block + ".norm3.weight"].requires_grad()) << "BN scales stay frozen";
        EXPECT_TRUE(p3[block + ".norm3.bias"].requires_grad());
        extra += width * width * 9 + 2 * width;
    }
    int64_t count2 = 0, count3 = 0;
    for (const auto &p : two.parameters())
        count2 += p.numel();
    for (const auto &p : three.parameters())
        count3 += p.numel();
    EXPECT_EQ(count3 - count2, extra);
    // The summary counts trainable parameters: the new convolutions and BatchNorm biases, not the frozen scales.
    EXPECT_EQ(summarizeArchitecture("airbench", spec, 1.0, 1, 3).parameters - summarizeArchitecture("airbench", spec).parameters,
              9 * (64 * 64 + 256 * 256 + 256 * 256) + (64 + 256 + 256));
    EXPECT_EQ(three.forward(torch::randn({2, 3, 32, 32})).sizes().vec(), (std::vector<int64_t> {2, 10}));
    EXPECT_THROW(Airbench(spec, 1.0, 4), std::invalid_argument);
    NetworkOptions deep;
    deep.blockDepth = 3;
    EXPECT_THROW(createNetwork("resnet18", spec, deep), std::invalid_argument);

    // The shortcut: with the second and third convolutions at zero (and BatchNorm's fresh running
    // statistics passing values through in eval mode), a group of three returns the GELU of its first
    // activation, where a group of two returns GELU(0) everywhere.
    torch::NoGradGuard noGrad;
    AirbenchGroup group3(8, 8, 3);
    AirbenchGroup group2(8, 8, 2);
    for (auto *g : {&group3, &group2}) {
        (*g)->eval();
        for (auto &item : (*g)->named_parameters()) {
            if (item.key() == "conv2.weight" || item.key() == "conv3.weight")
                item.value().zero_();
        }
    }
    group2->named_parameters()["conv1.weight"].copy_(group3->named_parameters()["conv1.weight"]);
    const auto x = torch::randn({2, 8, 8, 8});
    const auto first = torch::gelu(F::max_pool2d(F::conv2d(x, group3->named_parameters()["conv1.weight"], F::Conv2dFuncOptions().padding(1)),
                                                 F::MaxPool2dFuncOptions(2)));
    EXPECT_TRUE(torch::allclose(group3->forward(x), torch::gelu(first), 1e-5, 1e-6));
    EXPECT_TRUE(group2->forward(x).abs().max().item<float>() < 1e-6f);
}

TEST(Airbench, WhitenedPatchesHaveIdentityCovariance)
{
    const auto images = correlatedImages(64, 3, 16);
    Airbench net(InputSpec {3, 16, 16, 10});
    net.initializeFromData(images);

    // The patch covariance really is far from the identity before whitening ...
    const auto patches = Airbench::patches(images);
    const auto raw = patches.t().mm(patches) / static_cast<double>(patches.size(0));
    EXPECT_GT((raw - torch::eye(12, torch::kFloat64)).abs().max().item<double>(), 0.5);

    // ... and the first half of the filters maps it to (nearly) the identity: eigenvalue / (eigenvalue + eps).
    const auto w = net.whiten()->weight.detach().to(torch::kFloat64).reshape({24, 12});
    const auto whitened = patches.mm(w.narrow(0, 0, 12).t());
    const auto covariance = whitened.t().mm(whitened) / static_cast<double>(whitened.size(0));
    const auto eigenvalues = at::linalg_eigvalsh(raw, "U");
    const double smallest = eigenvalues.min().item<double>();
    ASSERT_GT(smallest, 100 * Airbench::kWhitenEps) << "test data must be well conditioned";
    const auto identity = torch::eye(12, torch::kFloat64);
    EXPECT_LT((covariance - identity).abs().max().item<double>(), Airbench::kWhitenEps / smallest + 1e-6)
        << covariance;
    // The other half are the negatives.
    EXPECT_TRUE(torch::allclose(w.narrow(0, 12, 12), -w.narrow(0, 0, 12)));
    // The layer computes exactly that: conv output (minus bias) over all 2x2 patches.
    torch::NoGradGuard noGrad;
    const auto out = F::conv2d(images, net.whiten()->weight).permute({0, 2, 3, 1}).reshape({-1, 24}).to(torch::kFloat64);
    EXPECT_TRUE(torch::allclose(out.narrow(1, 0, 12), whitened, 1e-4, 1e-4));
}

TEST(Airbench, TriangularScheduleRisesThenFalls)
{
    LrSchedule s;
    s.kind = "triangular";
    s.baseLr = 2.0;
    s.totalSteps = 100;
    s.warmupFraction = 0.23;
    s.startFactor = 0.2;
    s.endFactor = 0.07;
    EXPECT_DOUBLE_EQ(s.at(0), 0.4);
    EXPECT_DOUBLE_EQ(s.at(23), 2.0);
    EXPECT_NEAR(s.at(11), 2.0 * (0.2 + 0.8 * 11.0 / 23.0), 1e-12);
    EXPECT_NEAR(s.at(100), 0.14, 1e-12);
    EXPECT_NEAR(s.at(23 + 77 / 2.0), 2.0 * (1.0 + 0.07) / 2.0, 0.02);
    for (int64_t i = 1; i < 23; ++i)
        EXPECT_GT(s.at(i), s.at(i - 1));
    for (int64_t i = 24; i <= 100; ++i)
        EXPECT_LT(s.at(i), s.at(i - 1));
}

TEST(Airbench, TranslationReflectsAndAlternateFlipMirrorsEveryOtherEpoch)
{
    const Dataset data = test::makeLearnableDataset(64, 8, 4, 3, 12);
    const ImageSplit &split = data.train;
    Normalization norm;
    norm.mean = {0.5, 0.5, 0.5};
    norm.std = {0.25, 0.25, 0.25};
    std::vector<int64_t> indices(64);
    for (int64_t i = 0; i < 64; ++i)
        indices[static_cast<size_t>(i)] = i;
    const auto plain = makeBatch(split, indices.data(), 64, AugmentationSpec {}, norm, 0, false);

    // Every translated image is the reflect-padded original cropped at one of the 25 offsets.
    AugmentationSpec translate = AugmentationSpec::fromNames({"translate"}, 2, 0);
    const auto shifted = makeBatch(split, indices.data(), 64, translate, norm, 99, false);
    const auto padded = F::pad(plain, F::PadFuncOptions({2, 2, 2, 2}).mode(torch::kReflect));
    int64_t moved = 0;
    for (int64_t i = 0; i < 64; ++i) {
        bool found = false;
        for (int dy = 0; dy <= 4 && !found; ++dy)
            for (int dx = 0; dx <= 4 && !found; ++dx)
                if (torch::equal(shifted[i], padded[i].narrow(1, dy, 12).narrow(2, dx, 12))) {
                    found = true;
                    moved += (dy != 2 || dx != 2) ? 1 : 0;
                }
        EXPECT_TRUE(found) << "image " << i << " is not a reflect-padded shift";
    }
    EXPECT_GT(moved, 40);

    // flip-alternate: a fixed random half is mirrored in even epochs, the other half in odd ones.
    AugmentationSpec alternate = AugmentationSpec::fromNames({"flip-alternate"}, 0, 0);
    alternate.flipSeed = 1234;
    alternate.epoch = 0;
    const auto even = makeBatch(split, indices.data(), 64, alternate, norm, 1, false);
    const auto evenAgain = makeBatch(split, indices.data(), 64, alternate, norm, 2, false);
    alternate.epoch = 1;
    const auto odd = makeBatch(split, indices.data(), 64, alternate, norm, 3, false);
    EXPECT_TRUE(torch::equal(even, evenAgain)) << "the mirror bit belongs to the image, not the batch";
    int64_t mirroredInEven = 0;
    for (int64_t i = 0; i < 64; ++i) {
        const bool evenMirrored = torch::equal(even[i], plain[i].flip({2}));
        const bool evenPlain = torch::equal(even[i], plain[i]);
        ASSERT_TRUE(evenMirrored || evenPlain) << i;
        mirroredInEven += evenMirrored ? 1 : 0;
        EXPECT_TRUE(torch::equal(odd[i], evenMirrored ? plain[i] : plain[i].flip({2}))) << i;
    }
    EXPECT_GT(mirroredInEven, 16);
    EXPECT_LT(mirroredInEven, 48);
}

TEST(Airbench, TrainsOnATinyDatasetWithThePaperRecipe)
{
    test::TempDir dir;
    TrainingConfig c = paperConfig();
    c.keepEveryCheckpoint = true;
    Trainer trainer(c, tinyData(), dir.path());
    Recorded r;
    const TrainingResult result = trainer.run(recordInto(r));
    ASSERT_EQ(result.status, RunStatus::Completed) << result.message;
    ASSERT_EQ(r.epochs.size(), 6u);
    EXPECT_EQ(r.batches.size(), 60u); // drop-last: 640 / 64 per epoch
    EXPECT_GT(result.finalTestAccuracy, 0.9);
    EXPECT_LT(r.epochs.back().trainLoss, r.epochs.front().trainLoss);
    // Summed loss is reported per image, comparable to the mean-loss recipes.
    EXPECT_LT(r.batches.front().loss, 3.0);
    // Learning rate: triangular, the first step at 0.2 x peak.
    EXPECT_NEAR(r.batches.front().learningRate, 0.2 * c.learningRate, 1e-12);

    // Frozen parameters never move, the whitening bias stops after epoch 3, BN scales stay 1.
    const auto e1 = loadAirbench(dir.file("checkpoint-epoch-1.pt"));
    const auto e3 = loadAirbench(dir.file("checkpoint-epoch-3.pt"));
    const auto e4 = loadAirbench(dir.file("checkpoint-epoch-4.pt"));
    const auto e6 = loadAirbench(dir.file("checkpoint-epoch-6.pt"));
    EXPECT_TRUE(torch::equal(param(e1, "whiten.weight"), param(e6, "whiten.weight")));
    EXPECT_FALSE(torch::equal(param(e1, "whiten.bias"), param(e3, "whiten.bias")));
    EXPECT_TRUE(torch::equal(param(e3, "whiten.bias"), param(e4, "whiten.bias")));
    EXPECT_TRUE(torch::equal(param(e3, "whiten.bias"), param(e6, "whiten.bias")));
    EXPECT_TRUE(param(e6, "block2.norm1.weight").eq(1).all().item<bool>());
    EXPECT_FALSE(torch::equal(param(e1, "block2.norm1.bias"), param(e6, "block2.norm1.bias")));
    // The whitening filters come from the training images: not the random initialisation.
    Airbench fresh(InputSpec {3, 16, 16, 4});
    EXPECT_FALSE(torch::allclose(param(e1, "whiten.weight"), fresh.whiten()->weight.detach()));
}

// A run with three convolutions per group trains, and both its training checkpoint (through its
// config) and its exported weights (through their "conv3" keys) load back as the same network.
TEST(Airbench, ThreeConvolutionsPerGroupTrainAndLoadBack)
{
    test::TempDir dir;
    TrainingConfig c = test::smallMuonRecipe(3);
    c.blockDepth = 3;
    const auto data = tinyData();
    Trainer trainer(c, data, dir.path());
    TrainingConfig shallow = c;
    shallow.blockDepth = 2;
    EXPECT_GT(trainer.modelFacts().parameters, Trainer(shallow, data, std::string()).modelFacts().parameters);
    const TrainingResult result = trainer.run({});
    ASSERT_EQ(result.status, RunStatus::Completed) << result.message;
    EXPECT_GT(result.finalTestAccuracy, 0.9);

    const InputSpec input {3, 16, 16, 4};
    const CheckpointNetwork loaded = loadCheckpointNetwork("airbench", input, dir.file("checkpoint-latest.pt"));
    EXPECT_EQ(loaded.blockDepth, 3);
    const std::string exported = dir.file("weights.pt");
    exportWeights("airbench", input, dir.file("checkpoint-latest.pt"), exported);
    const CheckpointNetwork fromWeights = loadCheckpointNetwork("airbench", input, exported);
    EXPECT_EQ(fromWeights.blockDepth, 3);
    loaded.network->eval();
    fromWeights.network->eval();
    torch::NoGradGuard noGrad;
    const auto x = torch::randn({4, 3, 16, 16});
    EXPECT_TRUE(torch::allclose(loaded.network->forward(x), fromWeights.network->forward(x), 1e-5, 1e-6));
}

// With too short a budget for any width, a run that fits its width trains the narrowest candidate,
// exactly as a run configured at that width; with a roomy one it keeps its width and its results.
TEST(Airbench, TimeBudgetFitsTheWidthBeforeTraining)
{
    const auto data = tinyData();
    TrainingConfig c = paperConfig();
    c.epochs = 1;
    c.timeBudgetMinutes = 1e-6;
    c.fitWidthToBudget = true;
    std::vector<std::pair<std::string, std::string>> changes;
    auto run = [&](const TrainingConfig &config, Recorded &recorded, ModelFacts &facts) {
        test::TempDir dir;
        Trainer trainer(config, data, dir.path());
        TrainerCallbacks cb = recordInto(recorded);
        cb.onConfigChanged = [&](const std::string &json, const std::string &message) { changes.emplace_back(json, message); };
        const TrainingResult result = trainer.run(cb);
        facts = trainer.modelFacts();
        return result;
    };
    Recorded fitted;
    ModelFacts fittedFacts;
    ASSERT_EQ(run(c, fitted, fittedFacts).status, RunStatus::Completed);
    ASSERT_FALSE(changes.empty());
    EXPECT_DOUBLE_EQ(configFromJson(changes[0].first).widthScale, 0.5);
    EXPECT_TRUE(configFromJson(changes[0].first).fitWidthToBudget);
    EXPECT_NE(changes[0].second.find("at width 1 would take about"), std::string::npos) << changes[0].second;
    EXPECT_NE(changes[0].second.find("none fits, so airbench trains at width 0.5"), std::string::npos) << changes[0].second;

    TrainingConfig narrow = c;
    narrow.widthScale = 0.5;
    narrow.fitWidthToBudget = false;
    Recorded direct;
    ModelFacts directFacts;
    ASSERT_EQ(run(narrow, direct, directFacts).status, RunStatus::Completed);
    EXPECT_EQ(fittedFacts.parameters, directFacts.parameters);
    EXPECT_LT(fittedFacts.parameters, Trainer(c, data, std::string()).modelFacts().parameters);
    ASSERT_EQ(fitted.epochs.size(), 1u);
    ASSERT_EQ(direct.epochs.size(), 1u);
    EXPECT_DOUBLE_EQ(fitted.epochs[0].testLoss, direct.epochs[0].testLoss);
    EXPECT_DOUBLE_EQ(fitted.epochs[0].testAccuracy, direct.epochs[0].testAccuracy);

    // A roomy budget: the probe keeps the width, and the run is the one it would have been without it.
    c.timeBudgetMinutes = 1e6;
    changes.clear();
    Recorded roomy;
    ModelFacts roomyFacts;
    ASSERT_EQ(run(c, roomy, roomyFacts).status, RunStatus::Completed);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_DOUBLE_EQ(configFromJson(changes[0].first).widthScale, 1.0);
    EXPECT_NE(changes[0].second.find("so the width stays 1"), std::string::npos) << changes[0].second;
    c.fitWidthToBudget = false;
    changes.clear();
    Recorded plain;
    ModelFacts plainFacts;
    ASSERT_EQ(run(c, plain, plainFacts).status, RunStatus::Completed);
    EXPECT_TRUE(changes.empty());
    EXPECT_EQ(roomyFacts.parameters, plainFacts.parameters);
    ASSERT_EQ(roomy.epochs.size(), 1u);
    ASSERT_EQ(plain.epochs.size(), 1u);
    EXPECT_DOUBLE_EQ(roomy.epochs[0].testLoss, plain.epochs[0].testLoss);
    EXPECT_DOUBLE_EQ(roomy.epochs[0].testAccuracy, plain.epochs[0].testAccuracy);
}

// Each epoch ends with a test pass of other batch sizes. Emptying the tensor cache around it made
// the next epoch's first step page-fault all its activations in again (341k page faults per epoch
// boundary of `fast`); once the lookahead copy exists (epoch 4), later epochs need no new buffers.
TEST(Airbench, LaterEpochsReuseTheCachedBuffers)
{
    test::TempDir dir;
    TrainingConfig c = paperConfig();
    std::vector<TensorMemoryCacheStats> atEpochEnd;
    TrainerCallbacks callbacks;
    callbacks.onEpoch = [&atEpochEnd](const EpochMetrics &) { atEpochEnd.push_back(tensorMemoryCacheStats()); };
    ASSERT_EQ(Trainer(c, tinyData(), dir.path()).run(callbacks).status, RunStatus::Completed);
    ASSERT_EQ(atEpochEnd.size(), 6u);
    if (!atEpochEnd[0].enabled)
        GTEST_SKIP() << "the tensor cache is switched off by CIFARLAB_TENSOR_CACHE";
    EXPECT_TRUE(atEpochEnd[0].installed);
    EXPECT_GT(atEpochEnd[0].misses, 0); // 64 x 64 x 16 x 16 fp32 activations: 4 MiB each
    EXPECT_GT(atEpochEnd[5].hits, atEpochEnd[3].hits);
    EXPECT_EQ(atEpochEnd[5].misses, atEpochEnd[3].misses);
}

TEST(Airbench, LookaheadPullsTheModelBackAtEveryEpochEnd)
{
    // 8 steps per epoch, lookahead every 5: epoch 4 ends at step 32, between two updates, so only
    // the epoch-end pull makes the saved model equal the slow copy.
    test::TempDir dir;
    TrainingConfig c = paperConfig();
    c.epochs = 5;
    c.batchSize = 80;
    c.keepEveryCheckpoint = true;
    ASSERT_EQ(Trainer(c, tinyData(), dir.path()).run({}).status, RunStatus::Completed);
    for (const std::string epoch : {"3", "4", "5"}) {
        Airbench net(InputSpec {3, 16, 16, 4});
        const TrainingPosition pos = loadTrainingCheckpoint(dir.file("checkpoint-epoch-" + epoch + ".pt"), net, nullptr);
        if (epoch == "3") {
            EXPECT_TRUE(pos.lookahead.empty()); // it starts with epoch 3 (0-based), the fourth
            continue;
        }
        const auto params = net.named_parameters();
        const auto buffers = net.named_buffers();
        size_t compared = 0;
        for (const auto &[name, slow] : pos.lookahead) {
            const torch::Tensor *current = params.find(name) ? params.find(name) : buffers.find(name);
            ASSERT_NE(current, nullptr) << name;
            EXPECT_TRUE(torch::equal(slow, current->detach())) << "epoch " << epoch << ": " << name;
            ++compared;
        }
        EXPECT_GT(compared, 20u) << "epoch " << epoch; // weights and BN statistics
    }
}

TEST(Airbench, ResumedPaperRecipeRunEqualsUninterruptedRun)
{
    // Stopped after lookahead has started (epoch 3 on): its slow weights must survive the checkpoint.
    const auto data = tinyData();
    TrainingConfig c = paperConfig();
    c.epochs = 5;
    c.tta = "mirror-translate";

    test::TempDir full;
    Recorded uninterrupted;
    const auto whole = Trainer(c, data, full.path()).run(recordInto(uninterrupted));
    ASSERT_EQ(whole.status, RunStatus::Completed);
    ASSERT_EQ(uninterrupted.epochs.size(), 5u);

    test::TempDir part;
    {
        Trainer trainer(c, data, part.path());
        TrainerCallbacks cb;
        cb.onBatch = [&](const BatchMetrics &m) {
            if (m.epoch == 3 && m.batch == 6)
                trainer.stop();
        };
        ASSERT_EQ(trainer.run(cb).status, RunStatus::Stopped);
    }
    Recorded second;
    Trainer resumed(c, data, part.path());
    const auto result = resumed.run(recordInto(second), part.path() + "/checkpoint-latest.pt");
    ASSERT_EQ(result.status, RunStatus::Completed);
    ASSERT_EQ(second.epochs.size(), 2u);
    for (size_t k = 0; k < 2; ++k) {
        const EpochMetrics &a = uninterrupted.epochs[3 + k];
        const EpochMetrics &b = second.epochs[k];
        EXPECT_DOUBLE_EQ(a.trainLoss, b.trainLoss) << "epoch " << 4 + k;
        EXPECT_DOUBLE_EQ(a.testLoss, b.testLoss) << "epoch " << 4 + k;
        EXPECT_DOUBLE_EQ(a.testAccuracy, b.testAccuracy) << "epoch " << 4 + k;
        EXPECT_EQ(a.testPredictions, b.testPredictions) << "epoch " << 4 + k;
    }
    EXPECT_DOUBLE_EQ(whole.finalTestAccuracy, result.finalTestAccuracy);
}

TEST(Airbench, TestTimeAugmentationChangesOnlyTheFinalEvaluation)
{
    const auto data = tinyData();
    TrainingConfig c = paperConfig();
    c.epochs = 2;
    test::TempDir plainDir, ttaDir;
    Recorded plain, tta;
    c.tta = "none";
    Trainer(c, data, plainDir.path()).run(recordInto(plain));
    c.tta = "mirror-translate";
    Trainer(c, data, ttaDir.path()).run(recordInto(tta));
    ASSERT_EQ(plain.epochs.size(), 2u);
    ASSERT_EQ(tta.epochs.size(), 2u);
    EXPECT_DOUBLE_EQ(plain.epochs[0].testLoss, tta.epochs[0].testLoss); // per-epoch evaluations stay plain
    EXPECT_NE(plain.epochs[1].testLoss, tta.epochs[1].testLoss);        // the final one averages 6 views
    EXPECT_DOUBLE_EQ(plain.epochs[1].trainLoss, tta.epochs[1].trainLoss);
}

// A time budget charges the final evaluation finalEvaluationViews() test passes; each mode must make
// exactly that many forward passes, and the views must be the image, its mirror and the 1-pixel shifts.
TEST(Airbench, TestTimeAugmentationMakesTheViewsTheBudgetCharges)
{
    torch::manual_seed(5);
    const auto x = torch::rand({2, 3, 6, 6});
    for (const auto &mode : ttaModeNames()) {
        std::vector<torch::Tensor> views;
        const auto logits = forwardWithTta(
            [&views](const torch::Tensor &v) {
                views.push_back(v.clone());
                return v.sum({2, 3}); // a "network" that sees every pixel
            },
            x, mode, /*channelsLast=*/false);
        EXPECT_EQ(static_cast<int>(views.size()), finalEvaluationViews(mode)) << mode;
        ASSERT_EQ(logits.sizes(), (std::vector<int64_t>{2, 3})) << mode;
        // The passes may come in any order; each expected view must be among them once.
        auto viewsWhere = [&views](const std::function<bool(const torch::Tensor &)> &is) {
            return std::count_if(views.begin(), views.end(), is);
        };
        auto equalTo = [](const torch::Tensor &t) { return [t](const torch::Tensor &v) { return torch::equal(v, t); }; };
        // Reflect-padded 1-pixel shifts: the up-left view starts one row and column before the image.
        auto upLeft = [&x](const torch::Tensor &v) {
            return torch::equal(v.narrow(2, 1, 5).narrow(3, 1, 5), x.narrow(2, 0, 5).narrow(3, 0, 5));
        };
        auto downRight = [&x](const torch::Tensor &v) {
            return torch::equal(v.narrow(2, 0, 5).narrow(3, 0, 5), x.narrow(2, 1, 5).narrow(3, 1, 5));
        };
        auto mirrorOf = [](const std::function<bool(const torch::Tensor &)> &is) {
            return [is](const torch::Tensor &v) { return is(v.flip({3})); };
        };
        EXPECT_EQ(viewsWhere(equalTo(x)), 1) << mode;
        EXPECT_EQ(viewsWhere(equalTo(x.flip({3}))), mode == "none" ? 0 : 1) << mode;
        const int shifted = mode == "mirror-translate" ? 1 : 0;
        EXPECT_EQ(viewsWhere(upLeft), shifted) << mode;
        EXPECT_EQ(viewsWhere(mirrorOf(upLeft)), shifted) << mode;
        EXPECT_EQ(viewsWhere(downRight), shifted) << mode;
        EXPECT_EQ(viewsWhere(mirrorOf(downRight)), shifted) << mode;
    }
    EXPECT_THROW(forwardWithTta([](const torch::Tensor &v) { return v; }, x, "rotate", false), Error);
}

// The channels-last GELU takes a faster kernel; its values, gradients and memory format must be
// those of torch::gelu, in bf16 (where the slow path was) and fp32, and for a plain NCHW tensor.
TEST(Airbench, ChannelsLastGeluMatchesTorchGelu)
{
    torch::manual_seed(3);
    for (const auto type : {torch::kBFloat16, torch::kFloat32}) {
        for (const auto format : {torch::MemoryFormat::ChannelsLast, torch::MemoryFormat::Contiguous}) {
            const auto input = (torch::randn({4, 16, 7, 5}) * 3).to(type).contiguous(format);
            const auto upstream = torch::randn({4, 16, 7, 5}).to(type).contiguous(format);
            auto a = input.detach().requires_grad_(true);
            auto b = input.detach().requires_grad_(true);
            const auto ours = GELU()->forward(a);
            const auto reference = torch::gelu(b);
            ours.backward(upstream);
            reference.backward(upstream);
            const double tolerance = type == torch::kBFloat16 ? 1e-2 : 1e-6;
            EXPECT_TRUE(torch::allclose(ours.to(torch::kFloat32), reference.to(torch::kFloat32), tolerance, tolerance));
            EXPECT_TRUE(torch::allclose(a.grad().to(torch::kFloat32), b.grad().to(torch::kFloat32), tolerance, tolerance));
            EXPECT_EQ(ours.scalar_type(), type);
            EXPECT_TRUE(ours.is_contiguous(format));
            EXPECT_EQ(ours.sizes(), input.sizes());
        }
    }
    // The tanh approximation is an option of the module, as of torch::nn::GELU.
    const auto x = torch::randn({2, 8, 3, 3}).contiguous(torch::MemoryFormat::ChannelsLast);
    EXPECT_TRUE(torch::allclose(GELU(torch::nn::GELUOptions().approximate("tanh"))->forward(x), torch::gelu(x, "tanh"), 1e-6, 1e-6));
}

