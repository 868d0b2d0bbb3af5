#include "core/error.h"
#include "core/lr_schedule.h"
#include "core/memory_limit.h"
#include "core/runtime.h"
#include "core/tensor_memory_cache.h"
#include "core/trainer.h"
#include "core/training_config.h"
#include "support/learnable_data.h"
#include "support/recorded_run.h"
#include "support/sample_metrics.h"
#include "support/temp_dir.h"
#include "models/winograd_conv.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <thread>

using namespace cifarlab;

namespace {

TrainingConfig smallConfig(const std::string &arch = "baseline")
{
    TrainingConfig c;
    c.dataPath = "generated";
    c.architecture = arch;
    c.epochs = 3;
    c.batchSize = 32;
    c.optimizer = "sgd";
    c.learningRate = 0.05;
    c.momentum = 0.9;
    c.nesterov = true;
    c.weightDecay = 5e-4;
    c.schedule = "onecycle";
    c.labelSmoothing = 0.0;
    c.augment = {"flip"};
    c.preprocess = "dataset-normalize";
    c.precision = Precision::Fp32;
    c.channelsLast = false;
    c.threads = 1;
    c.seed = 42;
    c.evalBatchSize = 100;
    return c;
}

std::shared_ptr<const Dataset> smallData(int64_t classes = 4)
{
    return std::make_shared<const Dataset>(test::makeLearnableDataset(640, 200, classes, 3, 16));
}

using Recorded = test::RecordedRun;
using test::recordInto;

} // namespace

TEST(Trainer, TinyNetworkConverges)
{
    test::TempDir dir;
    Trainer trainer(smallConfig(), smallData(), dir.path());
    Recorded r;
    const TrainingResult result = trainer.run(recordInto(r));
    EXPECT_EQ(result.status, RunStatus::Completed);
    ASSERT_EQ(r.epochs.size(), 3u);
    EXPECT_GT(result.finalTestAccuracy, 0.9);
    EXPECT_GT(r.epochs.back().trainAccuracy, r.epochs.front().trainAccuracy - 1e-9);
    EXPECT_LT(r.epochs.back().testLoss, r.epochs.front().testLoss);
    EXPECT_EQ(r.batches.size(), 3u * 20u); // 640 / 32 per epoch
    // Epoch details are complete and consistent.
    const EpochMetrics &last = r.epochs.back();
    int64_t confusionTotal = 0, trainConfusionTotal = 0;
    for (auto v : last.testConfusion)
        confusionTotal += v;
    for (auto v : last.trainConfusion)
        trainConfusionTotal += v;
    EXPECT_EQ(confusionTotal, 200);
    EXPECT_EQ(trainConfusionTotal, 640);
    ASSERT_EQ(last.testPredictions.size(), 200u);
    ASSERT_EQ(last.testConfidence.size(), 200u);
    ASSERT_EQ(last.testImageLoss.size(), 200u);
    ASSERT_EQ(last.perClassAccuracy.size(), 4u);
    int64_t correct = 0;
    for (size_t i = 0; i < 200; ++i)
        correct += last.testPredictions[i] == static_cast<int32_t>(i % 4) ? 1 : 0;
    EXPECT_NEAR(static_cast<double>(correct) / 200.0, last.testAccuracy, 1e-12);
    // Top-4 of 4 classes: the first is the prediction with its confidence, probabilities descend and sum to 1.
    ASSERT_EQ(last.topK, 4);
    ASSERT_EQ(last.testTopClasses.size(), 800u);
    ASSERT_EQ(last.testTopProbabilities.size(), 800u);
    for (size_t i = 0; i < 200; ++i) {
        EXPECT_EQ(last.testTopClasses[i * 4], last.testPredictions[i]);
        EXPECT_FLOAT_EQ(last.testTopProbabilities[i * 4], last.testConfidence[i]);
        float sum = 0.0f;
        for (size_t k = 0; k < 4; ++k) {
            sum += last.testTopProbabilities[i * 4 + k];
            if (k > 0) {
                EXPECT_LE(last.testTopProbabilities[i * 4 + k], last.testTopProbabilities[i * 4 + k - 1]);
            }
        }
        EXPECT_NEAR(sum, 1.0f, 1e-4f);
    }
    EXPECT_TRUE(std::filesystem::exists(trainer.latestCheckpointPath()));
    EXPECT_TRUE(std::filesystem::exists(trainer.bestCheckpointPath()));
    EXPECT_FALSE(std::filesystem::exists(trainer.latestCheckpointPath() + ".tmp"));
    // Every parameter tensor is summarized each epoch, its gradients sampled at every other one of
    // the 20 steps (at most 16 per epoch).
    ASSERT_EQ(last.parameters.size(), 10u); // the LeNet's 5 layers, weight and bias each
    EXPECT_EQ(last.parameters.front().name, "conv1.weight");
    EXPECT_EQ(last.parameters.front().shape, (std::vector<int64_t> {6, 3, 5, 5}));
    for (const ParameterStatistics &p : last.parameters) {
        SCOPED_TRACE(p.name);
        EXPECT_EQ(p.gradientSamples, 10);
        EXPECT_GT(p.gradientRms, 0.0);
        EXPECT_GT(p.updateRatio, 0.0);
        EXPECT_LT(p.updateRatio, 1.0);
        EXPECT_LE(p.weightMin, p.weightMean);
        EXPECT_LE(p.weightMean, p.weightMax);
        EXPECT_GT(p.weightRms, 0.0);
        float weightMass = 0.0f, gradientMass = 0.0f;
        for (float f : p.weightHistogram)
            weightMass += f;
        for (float f : p.gradientHistogram)
            gradientMass += f;
        EXPECT_NEAR(weightMass, 1.0f, 1e-5f);
        EXPECT_NEAR(gradientMass, 1.0f, 1e-5f);
    }
}

TEST(Trainer, Bf16ChannelsLastTrainsResNetBlock)
{
    test::TempDir dir;
    TrainingConfig c = smallConfig("resnet18");
    c.epochs = 0.25;
    c.precision = Precision::Bf16;
    c.channelsLast = true;
    c.augment = {"crop", "flip", "cutout"};
    Trainer trainer(c, smallData(), dir.path());
    Recorded r;
    const TrainingResult result = trainer.run(recordInto(r));
    EXPECT_EQ(result.status, RunStatus::Completed);
    EXPECT_EQ(r.batches.size(), 5u); // a quarter of 20 batches
    for (const auto &b : r.batches)
        EXPECT_TRUE(std::isfinite(b.loss));
}

TEST(Trainer, ResumedRunEqualsUninterruptedRun)
{
    const auto data = smallData();
    TrainingConfig c = smallConfig("baseline-plus"); // has dropout and batch norm: both must replay exactly
    c.epochs = 2;
    c.augment = {"crop", "flip", "cutout", "rotate", "perspective"};

    test::TempDir full;
    Recorded uninterrupted;
    Trainer(c, data, full.path()).run(recordInto(uninterrupted));
    ASSERT_EQ(uninterrupted.epochs.size(), 2u);

    test::TempDir part;
    Recorded first;
    {
        Trainer trainer(c, data, part.path());
        TrainerCallbacks cb = recordInto(first);
        cb.onBatch = [&](const BatchMetrics &m) {
            first.batches.push_back(m);
            if (m.epoch == 1 && m.batch == 6)
                trainer.stop();
        };
        const auto result = trainer.run(cb);
        ASSERT_EQ(result.status, RunStatus::Stopped);
    }
    Recorded second;
    Trainer resumed(c, data, part.path());
    const auto result = resumed.run(recordInto(second), part.path() + "/checkpoint-latest.pt");
    ASSERT_EQ(result.status, RunStatus::Completed);
    ASSERT_EQ(first.epochs.size(), 1u);
    ASSERT_EQ(second.epochs.size(), 1u);
    ASSERT_FALSE(second.batches.empty());
    EXPECT_EQ(second.batches.front().epoch, 1);
    EXPECT_EQ(second.batches.front().batch, 7);
    const EpochMetrics &a = uninterrupted.epochs[1];
    const EpochMetrics &b = second.epochs[0];
    EXPECT_DOUBLE_EQ(a.trainLoss, b.trainLoss);
    EXPECT_DOUBLE_EQ(a.trainAccuracy, b.trainAccuracy);
    EXPECT_DOUBLE_EQ(a.testLoss, b.testLoss);
    EXPECT_DOUBLE_EQ(a.testAccuracy, b.testAccuracy);
    EXPECT_EQ(a.testConfusion, b.testConfusion);
    EXPECT_EQ(a.trainConfusion, b.trainConfusion);
    EXPECT_EQ(a.testPredictions, b.testPredictions);
    // The statistics' samples before the stop travel in the checkpoint.
    std::string why;
    EXPECT_TRUE(test::sameParameters(a.parameters, b.parameters, &why)) << why;
    ASSERT_FALSE(b.parameters.empty());
    EXPECT_EQ(b.parameters.front().gradientSamples, 10);
}

// At each epoch's end a time budget fits the rest of the run: here nothing fits after the first, so
// the run ends with that epoch and gives it the final evaluation (test-time augmentation included).
TEST(Trainer, TimeBudgetShortensTheRunAfterItsFirstEpoch)
{
    const auto data = smallData();
    TrainingConfig c = smallConfig();
    c.schedule = "constant"; // the first epoch is then the same whatever the run's length
    c.tta = "mirror";
    c.epochs = 1;
    test::TempDir oneDir;
    Recorded one;
    ASSERT_EQ(Trainer(c, data, oneDir.path()).run(recordInto(one)).status, RunStatus::Completed);
    ASSERT_EQ(one.epochs.size(), 1u);

    c.epochs = 3;
    c.timeBudgetMinutes = 1e-6;
    test::TempDir dir;
    Recorded budgeted;
    std::vector<std::pair<std::string, std::string>> changes;
    TrainerCallbacks cb = recordInto(budgeted);
    cb.onConfigChanged = [&](const std::string &json, const std::string &message) { changes.emplace_back(json, message); };
    const TrainingResult result = Trainer(c, data, dir.path()).run(cb);
    EXPECT_EQ(result.status, RunStatus::Completed);
    EXPECT_EQ(result.epochsDone, 1);
    EXPECT_EQ(budgeted.batches.size(), 20u);
    ASSERT_EQ(budgeted.epochs.size(), 1u);
    EXPECT_EQ(budgeted.epochs[0].epochs, 1); // the epoch already reports the new length
    EXPECT_DOUBLE_EQ(budgeted.epochs[0].testLoss, one.epochs[0].testLoss);
    EXPECT_DOUBLE_EQ(budgeted.epochs[0].testAccuracy, one.epochs[0].testAccuracy);
    ASSERT_EQ(changes.size(), 1u);
    const TrainingConfig fitted = configFromJson(changes[0].first);
    EXPECT_DOUBLE_EQ(fitted.epochs, 1.0);
    EXPECT_DOUBLE_EQ(fitted.timeBudgetMinutes, 1e-6);
    EXPECT_NE(changes[0].second.find("time budget"), std::string::npos) << changes[0].second;
    EXPECT_NE(changes[0].second.find("stops after 1 of 3 epochs"), std::string::npos) << changes[0].second;

    // A budget the planned run fits leaves it alone.
    c.timeBudgetMinutes = 1e6;
    test::TempDir roomyDir;
    Recorded roomy;
    changes.clear();
    cb = recordInto(roomy);
    cb.onConfigChanged = [&](const std::string &json, const std::string &message) { changes.emplace_back(json, message); };
    EXPECT_EQ(Trainer(c, data, roomyDir.path()).run(cb).epochsDone, 3);
    EXPECT_EQ(roomy.epochs.size(), 3u);
    EXPECT_TRUE(changes.empty());
}

// `auto` keeps Winograd's convolutions while the first step leaves room under the memory limit and
// goes on with direct ones where it took the process past 3/4 of it; an explicit choice is kept, and
// a network none of whose convolutions took Winograd's route has nothing to leave.
TEST(Trainer, AutoConvolutionsLeaveWinogradWhereTheFirstStepNearsTheMemoryLimit)
{
    if (winogradTileFor("auto") == 0)
        GTEST_SKIP() << "auto picks direct convolutions on this CPU (AMX, or no AVX2)";
    struct LimitRestorer
    {
        ~LimitRestorer() { setMemoryLimitBytes(0); }
    } restoreLimit;
    // ResNet-18's stride-1 3x3 layers take Winograd's route at any batch in bf16, and in float32 (where
    // the CPU has no fast bf16) at batch 128, where their products are large enough.
    const bool bf16 = resolvePrecision(Precision::Auto, false) == Precision::Bf16;
    const int64_t batch = bf16 ? 32 : 128;
    const auto data = std::make_shared<const Dataset>(test::makeLearnableDataset(2 * batch, 100, 4, 3, bf16 ? 16 : 32));
    TrainingConfig c = smallConfig("resnet18");
    c.epochs = 1;
    c.batchSize = batch;
    c.precision = Precision::Auto;
    c.channelsLast = true;
    c.threads = 0;
    c.evalBatchSize = 100;
    c.convolution = "auto";

    struct Outcome
    {
        TrainingResult result;
        std::vector<int64_t> winogradPerStep; // convolutions that took Winograd's route in each step
        std::vector<std::string> changes;
    };
    auto train = [&](int64_t limitBytes) {
        setMemoryLimitBytes(limitBytes);
        test::TempDir dir;
        Recorded recorded;
        Outcome o;
        int64_t before = winogradConvolutions();
        TrainerCallbacks cb = recordInto(recorded);
        cb.onBatch = [&](const BatchMetrics &) {
            o.winogradPerStep.push_back(winogradConvolutions() - before);
            before = winogradConvolutions();
        };
        cb.onConfigChanged = [&o](const std::string &, const std::string &message) { o.changes.push_back(message); };
        o.result = Trainer(c, data, dir.path()).run(cb);
        return o;
    };
    auto saysConvolutions = [](const Outcome &o) {
        return std::any_of(o.changes.begin(), o.changes.end(),
                           [](const std::string &m) { return m.rfind("convolutions:", 0) == 0; });
    };
    const auto tightLimit = [] { return std::max<int64_t>(residentBytes(), 64 << 20); };

    // The process is already at its limit: Winograd for the first step only.
    const Outcome tight = train(tightLimit());
    ASSERT_EQ(tight.result.status, RunStatus::Completed) << tight.result.message;
    ASSERT_EQ(tight.winogradPerStep.size(), 2u);
    EXPECT_GT(tight.winogradPerStep[0], 0);
    EXPECT_EQ(tight.winogradPerStep[1], 0);
    ASSERT_GE(tight.changes.size(), 1u);
    EXPECT_NE(tight.changes[0].find("auto goes on with direct convolutions"), std::string::npos) << tight.changes[0];
    EXPECT_NE(tight.changes[0].find("memory limit"), std::string::npos) << tight.changes[0];
    EXPECT_EQ(winogradTile(), defaultWinogradTile()) << "the run's choice ends with the run";

    // Room to spare: Winograd throughout, nothing said.
    const Outcome roomy = train(int64_t(1) << 50);
    ASSERT_EQ(roomy.result.status, RunStatus::Completed) << roomy.result.message;
    ASSERT_EQ(roomy.winogradPerStep.size(), 2u);
    EXPECT_EQ(roomy.winogradPerStep[1], roomy.winogradPerStep[0]);
    EXPECT_GT(roomy.winogradPerStep[1], 0);
    EXPECT_TRUE(roomy.changes.empty());

    // Asked for by name, Winograd stays however short memory is.
    c.convolution = "winograd";
    const Outcome chosen = train(tightLimit());
    ASSERT_EQ(chosen.winogradPerStep.size(), 2u);
    EXPECT_EQ(chosen.winogradPerStep[1], chosen.winogradPerStep[0]);
    EXPECT_FALSE(saysConvolutions(chosen));

    // The baseline's 5x5 convolutions never take Winograd's route: nothing to leave, nothing said.
    TrainingConfig baseline = smallConfig();
    baseline.epochs = 0.1;
    baseline.convolution = "auto";
    setMemoryLimitBytes(tightLimit());
    test::TempDir dir;
    std::vector<std::string> changes;
    TrainerCallbacks cb;
    cb.onConfigChanged = [&](const std::string &, const std::string &message) { changes.push_back(message); };
    ASSERT_EQ(Trainer(baseline, smallData(), dir.path()).run(cb).status, RunStatus::Completed);
    for (const std::string &change : changes)
        EXPECT_NE(change.rfind("convolutions:", 0), 0u) << change;
}

// The tensor cache keeps the training buffers through each test pass; where the first pass leaves
// the process past 3/4 of the memory limit, it is emptied around the later passes instead.
TEST(Trainer, TestPassesFreeTheCachedTrainingBuffersWhereMemoryIsShort)
{
    struct LimitRestorer
    {
        ~LimitRestorer() { setMemoryLimitBytes(0); }
    } restoreLimit;
    const auto data = std::make_shared<const Dataset>(test::makeLearnableDataset(128, 100, 4, 3, 16));
    TrainingConfig c = smallConfig("resnet18");
    c.epochs = 2;
    c.convolution = "direct";
    c.evalBatchSize = 100; // ResNet-18's first maps: megabytes, which the cache keeps
    c.threads = 0;
    auto train = [&](int64_t limitBytes, std::vector<int64_t> &cachedAfterTestPass, std::vector<std::string> &changes) {
        setMemoryLimitBytes(limitBytes);
        test::TempDir dir;
        Recorded recorded;
        TrainerCallbacks cb = recordInto(recorded);
        cb.onEpoch = [&](const EpochMetrics &) { cachedAfterTestPass.push_back(tensorMemoryCacheStats().cachedBytes); };
        cb.onConfigChanged = [&](const std::string &, const std::string &message) { changes.push_back(message); };
        return Trainer(c, data, dir.path()).run(cb);
    };

    std::vector<int64_t> roomyCached;
    std::vector<std::string> roomyChanges;
    ASSERT_EQ(train(int64_t(1) << 50, roomyCached, roomyChanges).status, RunStatus::Completed);
    if (!tensorMemoryCacheStats().enabled)
        GTEST_SKIP() << "the tensor cache is switched off (CIFARLAB_TENSOR_CACHE)";
    ASSERT_EQ(roomyCached.size(), 2u);
    for (int64_t bytes : roomyCached)
        EXPECT_GT(bytes, 0) << "room to spare: both phases' buffers stay cached";
    EXPECT_TRUE(roomyChanges.empty());

    std::vector<int64_t> tightCached;
    std::vector<std::string> tightChanges;
    ASSERT_EQ(train(std::max<int64_t>(residentBytes(), 64 << 20), tightCached, tightChanges).status, RunStatus::Completed);
    ASSERT_EQ(tightCached.size(), 2u);
    // What stays cached is what the epoch's end allocated after the pass (statistics, checkpoint).
    for (size_t i = 0; i < tightCached.size(); ++i)
        EXPECT_LT(2 * tightCached[i], roomyCached[i]) << "epoch " << i + 1;
    ASSERT_EQ(tightChanges.size(), 1u);
    EXPECT_NE(tightChanges[0].find("memory: the first test pass took the process to"), std::string::npos) << tightChanges[0];
}

// A budget that ends the run after a later epoch decides before that epoch's test pass (it knows the
// last pass's time); that pass is then the final evaluation, test-time augmentation included.
TEST(Trainer, TimeBudgetEndingALaterEpochGivesItTheFinalEvaluation)
{
    const auto data = smallData();
    TrainingConfig c = smallConfig();
    c.schedule = "constant";
    c.tta = "mirror";
    c.epochs = 2;
    test::TempDir twoDir;
    Recorded two;
    ASSERT_EQ(Trainer(c, data, twoDir.path()).run(recordInto(two)).status, RunStatus::Completed);
    ASSERT_EQ(two.epochs.size(), 2u);

    // The first epoch is quick, so three fit into 15 s; the second sleeps past the budget.
    c.epochs = 3;
    c.timeBudgetMinutes = 0.25;
    test::TempDir dir;
    Recorded budgeted;
    std::vector<std::string> changes;
    TrainerCallbacks cb = recordInto(budgeted);
    const auto record = cb.onBatch;
    cb.onBatch = [&record](const BatchMetrics &m) {
        record(m);
        if (m.epoch == 1)
            std::this_thread::sleep_for(std::chrono::milliseconds(800));
    };
    cb.onConfigChanged = [&](const std::string &, const std::string &message) { changes.push_back(message); };
    const TrainingResult result = Trainer(c, data, dir.path()).run(cb);
    EXPECT_EQ(result.status, RunStatus::Completed);
    EXPECT_EQ(result.epochsDone, 2);
    ASSERT_EQ(budgeted.epochs.size(), 2u);
    EXPECT_EQ(budgeted.epochs[1].epochs, 2);
    EXPECT_DOUBLE_EQ(budgeted.epochs[0].testLoss, two.epochs[0].testLoss); // a plain pass
    EXPECT_DOUBLE_EQ(budgeted.epochs[1].testLoss, two.epochs[1].testLoss); // the mirrored final one
    EXPECT_DOUBLE_EQ(budgeted.epochs[1].testAccuracy, two.epochs[1].testAccuracy);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_NE(changes[0].find("stops after 2 of 3 epochs"), std::string::npos) << changes[0];
}

// A slow epoch (another job on the machine) shortens the run; when the next one runs at its usual
// pace, the budget gives the run back the epochs it planned, and never more.
TEST(Trainer, TimeBudgetLengthensTheRunAgainWhenALaterEpochIsFaster)
{
    const auto data = smallData();
    TrainingConfig c = smallConfig();
    c.schedule = "constant";
    c.epochs = 4;
    // The first epoch sleeps 12 s: at its pace 4 epochs need 48 s, so the run shrinks to about 2.5;
    // at the second's pace (under a second on an idle machine, a few seconds beside another job) the
    // planned 4 fit in the 30 s again.
    c.timeBudgetMinutes = 0.5;
    test::TempDir dir;
    Recorded budgeted;
    std::vector<std::pair<std::string, std::string>> changes;
    TrainerCallbacks cb = recordInto(budgeted);
    const auto record = cb.onBatch;
    cb.onBatch = [&record](const BatchMetrics &m) {
        record(m);
        if (m.epoch == 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(600));
    };
    cb.onConfigChanged = [&](const std::string &json, const std::string &message) { changes.emplace_back(json, message); };
    const TrainingResult result = Trainer(c, data, dir.path()).run(cb);
    EXPECT_EQ(result.status, RunStatus::Completed);
    EXPECT_EQ(result.epochsDone, 4);
    EXPECT_EQ(budgeted.batches.size(), 80u);
    ASSERT_EQ(budgeted.epochs.size(), 4u);
    EXPECT_LT(budgeted.epochs[0].epochs, 4); // the first epoch reports the shortened length
    EXPECT_EQ(budgeted.epochs[1].epochs, 4);
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_LT(configFromJson(changes[0].first).epochs, 4.0);
    EXPECT_NE(changes[0].second.find("stops after"), std::string::npos) << changes[0].second;
    EXPECT_NE(changes[0].second.find("of 4 epochs"), std::string::npos) << changes[0].second;
    EXPECT_DOUBLE_EQ(configFromJson(changes[1].first).epochs, 4.0);
    EXPECT_NE(changes[1].second.find("goes on again to 4 of 4 epochs"), std::string::npos) << changes[1].second;
}

TEST(Trainer, PauseHoldsAtABatchBoundaryAndResumeContinues)
{
    test::TempDir dir;
    TrainingConfig c = smallConfig();
    c.epochs = 1;
    Trainer trainer(c, smallData(), dir.path());
    Recorded r;
    std::atomic<int> batches{0};
    TrainerCallbacks cb = recordInto(r);
    cb.onBatch = [&](const BatchMetrics &) {
        if (++batches == 3)
            trainer.pause();
    };
    TrainingResult result;
    std::thread worker([&] { result = trainer.run(cb); });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (batches < 3 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const int whilePaused = batches;
    EXPECT_EQ(whilePaused, 3);
    EXPECT_TRUE(trainer.isPaused());
    {
        std::lock_guard<std::mutex> lock(r.mutex);
        ASSERT_FALSE(r.statuses.empty());
        EXPECT_EQ(r.statuses.back(), RunStatus::Paused);
    }
    trainer.resume();
    worker.join();
    EXPECT_EQ(result.status, RunStatus::Completed);
    EXPECT_EQ(batches, 20);
}

TEST(Trainer, StopFromAnotherThreadSavesACheckpointAndCancelDoesNot)
{
    {
        test::TempDir dir;
        Trainer trainer(smallConfig(), smallData(), dir.path());
        TrainerCallbacks cb;
        cb.onBatch = [&](const BatchMetrics &m) {
            if (m.batch == 4)
                std::thread([&] { trainer.stop(); }).join();
        };
        const auto result = trainer.run(cb);
        EXPECT_EQ(result.status, RunStatus::Stopped);
        EXPECT_TRUE(std::filesystem::exists(trainer.latestCheckpointPath()));
    }
    {
        test::TempDir dir;
        Trainer trainer(smallConfig(), smallData(), dir.path());
        TrainerCallbacks cb;
        cb.onBatch = [&](const BatchMetrics &m) {
            if (m.batch == 4)
                trainer.cancel();
        };
        const auto result = trainer.run(cb);
        EXPECT_EQ(result.status, RunStatus::Cancelled);
        EXPECT_FALSE(std::filesystem::exists(trainer.latestCheckpointPath()));
    }
}

TEST(Trainer, DivergenceStopsTheRunAndKeepsTheLastGoodCheckpoint)
{
    test::TempDir dir;
    const auto data = smallData();
    TrainingConfig c = smallConfig();
    c.epochs = 1;
    Trainer(c, data, dir.path()).run({});
    const std::string checkpoint = dir.file("checkpoint-latest.pt");
    ASSERT_TRUE(std::filesystem::exists(checkpoint));
    const auto before = std::filesystem::last_write_time(checkpoint);
    const auto sizeBefore = std::filesystem::file_size(checkpoint);

    // Continue with an absurd learning rate: the loss overflows within a few batches.
    c.epochs = 3;
    c.schedule = "constant";
    c.learningRate = 100;
    c.momentum = 0.99;
    Trainer trainer(c, data, dir.path());
    Recorded r;
    const auto result = trainer.run(recordInto(r), checkpoint);
    EXPECT_EQ(result.status, RunStatus::Diverged);
    EXPECT_NE(result.message.find("diverged"), std::string::npos) << result.message;
    EXPECT_NE(result.message.find("last good checkpoint"), std::string::npos);
    EXPECT_TRUE(r.epochs.empty());
    ASSERT_FALSE(r.statuses.empty());
    EXPECT_EQ(r.statuses.back(), RunStatus::Diverged);
    // Caught within one step: every step taken had a finite loss, and the one reported is the next.
    ASSERT_FALSE(r.batches.empty());
    for (const auto &b : r.batches)
        EXPECT_TRUE(std::isfinite(b.loss)) << "step " << b.globalStep;
    const BatchMetrics &lastGood = r.batches.back();
    const bool nextEpoch = lastGood.batch + 1 == lastGood.batchesPerEpoch;
    const std::string where = "at epoch " + std::to_string(lastGood.epoch + (nextEpoch ? 2 : 1)) + ", batch "
                              + std::to_string(nextEpoch ? 1 : lastGood.batch + 2);
    EXPECT_NE(result.message.find(where), std::string::npos) << result.message;
    EXPECT_EQ(std::filesystem::last_write_time(checkpoint), before);
    EXPECT_EQ(std::filesystem::file_size(checkpoint), sizeBefore);
    // The kept checkpoint still resumes.
    c.learningRate = 0.01;
    c.momentum = 0.9;
    EXPECT_EQ(Trainer(c, data, dir.path()).run({}, checkpoint).status, RunStatus::Completed);
}

TEST(Trainer, InvalidConfigsAreRejectedBeforeAnythingStarts)
{
    test::TempDir dir;
    const auto data = smallData();
    auto expectRejected = [&](TrainingConfig c, const std::string &flag) {
        try {
            Trainer t(c, data, dir.path());
            ADD_FAILURE() << "accepted a bad " << flag;
        } catch (const Error &e) {
            EXPECT_NE(std::string(e.what()).find(flag), std::string::npos) << e.what();
        }
    };
    TrainingConfig c = smallConfig();
    c.learningRate = -0.1;
    expectRejected(c, "--lr");
    c = smallConfig();
    c.batchSize = 0;
    expectRejected(c, "--batch-size");
    c = smallConfig();
    c.epochs = 0;
    expectRejected(c, "--epochs");
    c = smallConfig();
    c.architecture = "vgg99";
    expectRejected(c, "--arch");
    c = smallConfig();
    c.device = "tpu";
    expectRejected(c, "--device");
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(LrSchedule, ShapesMatchTheirDefinitions)
{
    LrSchedule s;
    s.baseLr = 1.0;
    s.totalSteps = 100;
    s.kind = "constant";
    EXPECT_DOUBLE_EQ(s.at(50), 1.0);
    s.kind = "cosine";
    EXPECT_DOUBLE_EQ(s.at(0), 1.0);
    EXPECT_NEAR(s.at(50), 0.5, 1e-12);
    EXPECT_NEAR(s.at(100), 0.0, 1e-12);
    s.kind = "step";
    s.milestones = {0.5, 0.75};
    s.stepGamma = 0.1;
    EXPECT_DOUBLE_EQ(s.at(49), 1.0);
    EXPECT_NEAR(s.at(50), 0.1, 1e-12);
    EXPECT_NEAR(s.at(80), 0.01, 1e-12);
    s.kind = "onecycle";
    s.warmupFraction = 0.2;
    EXPECT_NEAR(s.at(0), 1.0 / 25.0, 1e-12);
    EXPECT_NEAR(s.at(20), 1.0, 1e-12);
    EXPECT_LT(s.at(99), 0.01);
    EXPECT_GT(s.at(10), s.at(0));
}

#include "core/augmentation.h"
#include "core/preprocessing.h"

namespace {

// Reference implementations with plain tensor ops, against which the fused pipeline is checked.
torch::Tensor imageBatchU8(const ImageSplit &split, int64_t begin, int64_t end)
{
    auto *data = const_cast<uint8_t *>(split.image(begin));
    return torch::from_blob(data, {end - begin, split.channels, split.height, split.width}, torch::kUInt8);
}

torch::Tensor normalizeBatch(const torch::Tensor &imagesU8, const Normalization &normalization)
{
    auto x = imagesU8.to(torch::kFloat32).div_(255.0);
    if (normalization.mode == Preprocess::PerImageStandardize) {
        auto mean = x.mean({2, 3}, true);
        auto stdev = x.std({2, 3}, /*unbiased=*/false, /*keepdim=*/true);
        return x.sub_(mean).div_(stdev.add_(1e-4));
    }
    const auto channels = x.size(1);
    auto mean = torch::tensor(std::vector<float>(normalization.mean.begin(), normalization.mean.end())).view({1, channels, 1, 1});
    auto stdev = torch::tensor(std::vector<float>(normalization.std.begin(), normalization.std.end())).view({1, channels, 1, 1});
    return x.sub_(mean).div_(stdev);
}

} // namespace

TEST(InputPipeline, UnaugmentedBatchEqualsTheReferenceNormalization)
{
    const Dataset d = test::makeLearnableDataset(40, 10, 4, 3, 16);
    std::vector<int64_t> indices = {5, 0, 39, 17};
    const auto reference = torch::stack({imageBatchU8(d.train, 5, 6)[0], imageBatchU8(d.train, 0, 1)[0],
                                         imageBatchU8(d.train, 39, 40)[0], imageBatchU8(d.train, 17, 18)[0]});
    for (const Preprocess mode : {Preprocess::DatasetNormalize, Preprocess::PerImageStandardize}) {
        Normalization n;
        n.mode = mode;
        n.mean = {0.3, 0.4, 0.5};
        n.std = {0.2, 0.25, 0.3};
        const auto expected = normalizeBatch(reference, n);
        for (const bool channelsLast : {false, true}) {
            const auto got = makeBatch(d.train, indices.data(), 4, AugmentationSpec{}, n, 1, channelsLast);
            EXPECT_EQ(got.is_contiguous(torch::MemoryFormat::ChannelsLast), channelsLast);
            EXPECT_TRUE(torch::allclose(got, expected, 1e-4, 1e-4)) << preprocessName(mode) << " channelsLast=" << channelsLast;
        }
    }
}

TEST(InputPipeline, AugmentationIsAMirrorAShiftAndACutoutReplayedBySeed)
{
    const Dataset d = test::makeLearnableDataset(64, 10, 4, 3, 16);
    std::vector<int64_t> indices(64);
    for (int64_t i = 0; i < 64; ++i)
        indices[static_cast<size_t>(i)] = i;
    Normalization n;
    n.mean = {0, 0, 0};
    n.std = {1.0 / 255.0, 1.0 / 255.0, 1.0 / 255.0}; // output = raw byte values
    const auto original = imageBatchU8(d.train, 0, 64).to(torch::kFloat32);

    const auto flipped = makeBatch(d.train, indices.data(), 64, AugmentationSpec::fromNames({"flip"}, 4, 8), n, 9, false);
    int mirrored = 0;
    for (int64_t i = 0; i < 64; ++i) {
        const bool same = torch::equal(flipped[i], original[i]);
        const bool mirror = torch::equal(flipped[i], original[i].flip({2}));
        EXPECT_TRUE(same || mirror) << i;
        mirrored += mirror && !same;
    }
    EXPECT_GT(mirrored, 10);
    EXPECT_LT(mirrored, 54);

    const auto shifted = makeBatch(d.train, indices.data(), 64, AugmentationSpec::fromNames({"crop"}, 2, 8), n, 9, false);
    for (int64_t i = 0; i < 64; ++i) {
        bool found = false;
        for (int dy = -2; dy <= 2 && !found; ++dy)
            for (int dx = -2; dx <= 2 && !found; ++dx) {
                auto expected = torch::zeros_like(original[i]);
                const int64_t y0 = std::max(0, -dy), y1 = std::min<int64_t>(16, 16 - dy);
                const int64_t x0 = std::max(0, -dx), x1 = std::min<int64_t>(16, 16 - dx);
                expected.slice(1, y0, y1).slice(2, x0, x1).copy_(original[i].slice(1, y0 + dy, y1 + dy).slice(2, x0 + dx, x1 + dx));
                found = torch::equal(shifted[i], expected);
            }
        EXPECT_TRUE(found) << "image " << i << " is not a translation by at most 2 pixels";
    }

    const auto cut = makeBatch(d.train, indices.data(), 64, AugmentationSpec::fromNames({"cutout"}, 4, 4), n, 9, false);
    for (int64_t i = 0; i < 64; ++i) {
        const auto zeroed = (cut[i] != original[i]).sum().item<int64_t>();
        EXPECT_LE(zeroed, 3 * 16); // at most a 4x4 square in each of 3 channels
        EXPECT_TRUE(torch::equal(cut[i] * (cut[i] == original[i]), cut[i])); // changed pixels are zero
    }
    // The same seed replays the same batch; another seed does not.
    const auto spec = AugmentationSpec::fromNames({"crop", "flip", "cutout"}, 4, 8);
    EXPECT_TRUE(torch::equal(makeBatch(d.train, indices.data(), 64, spec, n, 77, true), makeBatch(d.train, indices.data(), 64, spec, n, 77, true)));
    EXPECT_FALSE(torch::equal(makeBatch(d.train, indices.data(), 64, spec, n, 77, true), makeBatch(d.train, indices.data(), 64, spec, n, 78, true)));
}
