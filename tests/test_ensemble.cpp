// Ensembles: a training forward stacks the members' logits, an evaluation forward is their mean
// softmax, a trained member equals the same network trained alone, checkpoints load back as
// ensembles from a training checkpoint or a plain state_dict, a stopped pair resumes exactly, and
// members given views or image orders of their own each train on theirs.
#include "core/checkpoint_network.h"
#include "core/error.h"
#include "core/trainer.h"
#include "core/training_checkpoint.h"
#include "core/training_config.h"
#include "core/weights_export.h"
#include "models/airbench.h"
#include "models/ensemble.h"
#include "support/learnable_data.h"
#include "support/recorded_run.h"
#include "support/small_recipe.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace cifarlab;

namespace {

const InputSpec kInput {3, 16, 16, 4};

std::shared_ptr<Ensemble> ensembleOf(const std::string &architecture, int64_t members)
{
    NetworkOptions options;
    options.ensembleMembers = members;
    auto net = std::dynamic_pointer_cast<Ensemble>(createNetwork(architecture, kInput, options));
    EXPECT_TRUE(net) << "createNetwork built no Ensemble";
    return net;
}

// The fast preset's Muon recipe at 10 steps per epoch on 640 images, fp32 on one thread.
TrainingConfig recipe()
{
    return test::smallMuonRecipe(5);
}

std::shared_ptr<const Dataset> tinyData()
{
    return std::make_shared<const Dataset>(test::makeLearnableDataset(640, 200, 4, 3, 16));
}

} // namespace

TEST(Ensemble, TrainingForwardStacksMembersAndEvaluationAveragesTheirProbabilities)
{
    torch::manual_seed(1);
    const auto net = ensembleOf("airbench", 3); // no dropout: a training forward is deterministic
    ASSERT_TRUE(net);
    ASSERT_EQ(net->members().size(), 3u);
    EXPECT_EQ(net->architecture(), "airbench");
    EXPECT_EQ(net->trainingOutputsPerInput(), 3);
    const auto x = torch::randn({5, 3, 16, 16});

    net->eval();
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> probabilities;
    for (const auto &m : net->members())
        probabilities.push_back(torch::softmax(m->forward(x), 1));
    // Independently initialized: the members disagree before training.
    EXPECT_FALSE(torch::allclose(probabilities[0], probabilities[1], 1e-3, 1e-3));
    const auto mean = (probabilities[0] + probabilities[1] + probabilities[2]) / 3.0;
    const auto out = net->forward(x);
    ASSERT_EQ(out.sizes(), (std::vector<int64_t> {5, 4}));
    EXPECT_TRUE(torch::allclose(torch::softmax(out, 1), mean, 1e-5, 1e-6));
    EXPECT_TRUE(torch::allclose(out.exp().sum(1), torch::ones({5}), 1e-5, 1e-6)); // log-probabilities

    // Training mode (BN batch statistics, so the members run on the same batch): member-major rows.
    net->train();
    const auto stacked = net->forward(x);
    ASSERT_EQ(stacked.sizes(), (std::vector<int64_t> {15, 4}));
    for (size_t k = 0; k < 3; ++k)
        EXPECT_TRUE(torch::allclose(stacked.narrow(0, static_cast<int64_t>(k) * 5, 5), net->members()[k]->forward(x), 1e-5, 1e-6))
            << "member " << k;
}

TEST(Ensemble, ParametersAreNamedPerMemberAndCountedForEach)
{
    const auto single = summarizeArchitecture("airbench", kInput, 0.5);
    const auto pair = summarizeArchitecture("airbench", kInput, 0.5, 2);
    EXPECT_EQ(pair.parameters, 2 * single.parameters);
    EXPECT_EQ(pair.macs, 2 * single.macs);
    EXPECT_EQ(pair.layers.size(), 2 * single.layers.size());
    EXPECT_EQ(pair.outputShape, single.outputShape);

    const auto net = ensembleOf("airbench", 2);
    ASSERT_TRUE(net);
    const auto names = net->named_parameters().keys();
    EXPECT_NE(std::find(names.begin(), names.end(), "members.0.whiten.weight"), names.end());
    EXPECT_NE(std::find(names.begin(), names.end(), "members.1.head.weight"), names.end());
    EXPECT_EQ(names.size(), 2 * Airbench(kInput).named_parameters().size());
}

TEST(Ensemble, MemberCountOutsideTwoToEightIsRejected)
{
    NetworkOptions options;
    for (int64_t members : {int64_t {0}, int64_t {-1}, kMaxEnsembleMembers + 1}) {
        options.ensembleMembers = members;
        EXPECT_THROW(createNetwork("baseline", kInput, options), std::invalid_argument) << members;
    }
    TrainingConfig c = recipe();
    c.ensembleMembers = 9;
    try {
        validateConfig(c);
        FAIL() << "9 members were accepted";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("--ensemble"), std::string::npos) << e.what();
    }
    c.ensembleMembers = 2;
    EXPECT_NO_THROW(validateConfig(c));
    EXPECT_EQ(configFromJson(configToJson(c)).ensembleMembers, 2);
}

// Each member's loss is its own: with the seed and batches of a single run, member 0 of a trained
// pair ends where that single network ends, and the pair predicts better than either member alone
// would on average (it is scored by its mean softmax).
TEST(Ensemble, EachMemberTrainsAsItWouldAloneAndCheckpointsLoadBack)
{
    const auto data = tinyData();
    TrainingConfig c = recipe();
    test::TempDir alone;
    const TrainingResult single = Trainer(c, data, alone.path()).run({});
    ASSERT_EQ(single.status, RunStatus::Completed) << single.message;

    c.ensembleMembers = 2;
    test::TempDir both;
    test::RecordedRun recorded;
    Trainer trainer(c, data, both.path());
    EXPECT_EQ(trainer.modelFacts().parameters, 2 * Trainer(recipe(), data, std::string()).modelFacts().parameters);
    const TrainingResult pair = trainer.run(test::recordInto(recorded));
    ASSERT_EQ(pair.status, RunStatus::Completed) << pair.message;
    EXPECT_GT(pair.finalTestAccuracy, 0.9);
    ASSERT_EQ(recorded.epochs.size(), 3u);
    // Losses are per image and member, on the single run's scale.
    EXPECT_LT(recorded.batches.front().loss, 3.0);
    EXPECT_LT(recorded.epochs.back().trainLoss, recorded.epochs.front().trainLoss);

    const CheckpointNetwork loaded = loadCheckpointNetwork("airbench", kInput, both.path() + "/checkpoint-latest.pt");
    EXPECT_EQ(loaded.ensembleMembers, 2);
    const auto ensemble = std::dynamic_pointer_cast<Ensemble>(loaded.network);
    ASSERT_TRUE(ensemble);
    const CheckpointNetwork solo = loadCheckpointNetwork("airbench", kInput, alone.path() + "/checkpoint-latest.pt");
    EXPECT_EQ(solo.ensembleMembers, 1);
    const auto member0 = ensemble->members()[0]->named_parameters();
    const auto trainedAlone = solo.network->named_parameters();
    ASSERT_EQ(member0.size(), trainedAlone.size());
    for (const auto &entry : trainedAlone)
        EXPECT_TRUE(torch::allclose(member0[entry.key()], entry.value(), 1e-4, 1e-5)) << entry.key();
    EXPECT_FALSE(torch::allclose(ensemble->members()[1]->named_parameters()["head.weight"], trainedAlone["head.weight"]));

    // A plain state_dict (export-weights) has no config: the "members.<k>." keys say it is a pair.
    const std::string exported = both.path() + "/pair.pt";
    exportWeights("airbench", kInput, both.path() + "/checkpoint-latest.pt", exported);
    const CheckpointNetwork fromStateDict = loadCheckpointNetwork("airbench", kInput, exported);
    EXPECT_EQ(fromStateDict.ensembleMembers, 2);
    std::vector<uint8_t> bytes(data->test.images.begin(), data->test.images.begin() + 8 * data->test.imageBytes());
    const auto x = torch::from_blob(bytes.data(), {8, 3, 16, 16}, torch::kUInt8).to(torch::kFloat32) / 255.0;
    ensemble->eval();
    fromStateDict.network->eval();
    torch::NoGradGuard noGrad;
    EXPECT_TRUE(torch::allclose(ensemble->forward(x), fromStateDict.network->forward(x), 1e-5, 1e-6));
    // Asked for a single network, the pair's weights do not fit and the error says which keys.
    try {
        Airbench plain(kInput);
        loadCheckpointWeights(exported, plain);
        FAIL() << "a pair's weights loaded into one network";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("members.0."), std::string::npos) << e.what();
    }
}

// A pair stopped mid-run resumes exactly: both members' weights, BN statistics and optimizer state
// come back from the checkpoint.
TEST(Ensemble, ResumedPairEqualsUninterruptedPair)
{
    const auto data = tinyData();
    TrainingConfig c = recipe();
    c.ensembleMembers = 2;
    test::TempDir full;
    test::RecordedRun uninterrupted;
    const auto whole = Trainer(c, data, full.path()).run(test::recordInto(uninterrupted));
    ASSERT_EQ(whole.status, RunStatus::Completed) << whole.message;
    ASSERT_EQ(uninterrupted.epochs.size(), 3u);

    test::TempDir part;
    {
        Trainer trainer(c, data, part.path());
        TrainerCallbacks cb;
        cb.onBatch = [&](const BatchMetrics &m) {
            if (m.epoch == 1 && m.batch == 4)
                trainer.stop();
        };
        ASSERT_EQ(trainer.run(cb).status, RunStatus::Stopped);
    }
    test::RecordedRun second;
    const auto resumed = Trainer(c, data, part.path()).run(test::recordInto(second), part.path() + "/checkpoint-latest.pt");
    ASSERT_EQ(resumed.status, RunStatus::Completed) << resumed.message;
    ASSERT_EQ(second.epochs.size(), 2u);
    for (size_t k = 0; k < 2; ++k) {
        EXPECT_DOUBLE_EQ(uninterrupted.epochs[1 + k].trainLoss, second.epochs[k].trainLoss) << "epoch " << 2 + k;
        EXPECT_DOUBLE_EQ(uninterrupted.epochs[1 + k].testLoss, second.epochs[k].testLoss) << "epoch " << 2 + k;
        EXPECT_EQ(uninterrupted.epochs[1 + k].testPredictions, second.epochs[k].testPredictions) << "epoch " << 2 + k;
    }
    EXPECT_DOUBLE_EQ(whole.finalTestAccuracy, resumed.finalTestAccuracy);
}

TEST(Ensemble, ForwardEachGivesEveryMemberItsOwnBlockOfRows)
{
    torch::manual_seed(2);
    const auto net = ensembleOf("airbench", 2);
    ASSERT_TRUE(net);
    net->train();
    const auto x = torch::randn({10, 3, 16, 16});
    const auto out = net->forwardEach(x);
    ASSERT_EQ(out.sizes(), (std::vector<int64_t> {10, 4}));
    for (int64_t k = 0; k < 2; ++k)
        EXPECT_TRUE(torch::allclose(out.narrow(0, k * 5, 5), net->members()[static_cast<size_t>(k)]->forward(x.narrow(0, k * 5, 5)), 1e-5, 1e-6))
            << "member " << k;
    // Member 1 saw other images than member 0: its rows are not what it gives for member 0's block.
    EXPECT_FALSE(torch::allclose(out.narrow(0, 5, 5), net->members()[1]->forward(x.narrow(0, 0, 5)), 1e-3, 1e-3));
    EXPECT_THROW(net->forwardEach(torch::randn({9, 3, 16, 16})), std::invalid_argument);
}

// With views of their own, member 0 still draws a single network's augmentations and ends where the
// shared pair's member 0 ends (each member learns only from its own loss); member 1 trains on other
// views, so it ends elsewhere, and the pair still learns the task.
TEST(Ensemble, OwnViewsPerMemberChangeOnlyTheOtherMembersData)
{
    const auto data = tinyData();
    TrainingConfig c = recipe();
    c.ensembleMembers = 2;
    test::TempDir sharedDir;
    const TrainingResult shared = Trainer(c, data, sharedDir.path()).run({});
    ASSERT_EQ(shared.status, RunStatus::Completed) << shared.message;

    c.memberAugmentation = "own";
    EXPECT_EQ(configFromJson(configToJson(c)).memberAugmentation, "own");
    test::TempDir ownDir;
    test::RecordedRun recorded;
    const TrainingResult own = Trainer(c, data, ownDir.path()).run(test::recordInto(recorded));
    ASSERT_EQ(own.status, RunStatus::Completed) << own.message;
    EXPECT_GT(own.finalTestAccuracy, 0.9);
    ASSERT_EQ(recorded.epochs.size(), 3u);
    EXPECT_LT(recorded.epochs.back().trainLoss, recorded.epochs.front().trainLoss);
    // Images, not views, are counted: 10 steps of 64 per epoch.
    EXPECT_EQ(recorded.batches.size(), 30u);

    const auto pairOf = [](const std::string &folder) {
        const auto loaded = loadCheckpointNetwork("airbench", kInput, folder + "/checkpoint-latest.pt");
        return std::dynamic_pointer_cast<Ensemble>(loaded.network);
    };
    const auto sharedPair = pairOf(sharedDir.path());
    const auto ownPair = pairOf(ownDir.path());
    ASSERT_TRUE(sharedPair && ownPair);
    const auto shared0 = sharedPair->members()[0]->named_parameters();
    const auto own0 = ownPair->members()[0]->named_parameters();
    for (const auto &entry : shared0)
        EXPECT_TRUE(torch::allclose(own0[entry.key()], entry.value(), 1e-4, 1e-5)) << entry.key();
    EXPECT_FALSE(torch::allclose(ownPair->members()[1]->named_parameters()["head.weight"],
                                 sharedPair->members()[1]->named_parameters()["head.weight"], 1e-3, 1e-4));

    c.memberAugmentation = "separate";
    try {
        validateConfig(c);
        FAIL() << "an unknown member augmentation was accepted";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("--member-augment"), std::string::npos) << e.what();
    }
}

// With an order of their own, member 0 still trains on a single network's batches and ends where the
// shared pair's member 0 ends; member 1 shuffles the set its own way, so it ends elsewhere. The
// training metrics score each member on its own images: accuracies stay fractions of the rows.
TEST(Ensemble, OwnOrderPerMemberChangesOnlyTheOtherMembersImages)
{
    const auto data = tinyData();
    TrainingConfig c = recipe();
    c.ensembleMembers = 2;
    test::TempDir sharedDir;
    test::RecordedRun sharedRecorded;
    const TrainingResult shared = Trainer(c, data, sharedDir.path()).run(test::recordInto(sharedRecorded));
    ASSERT_EQ(shared.status, RunStatus::Completed) << shared.message;

    c.memberOrder = "own";
    EXPECT_EQ(configFromJson(configToJson(c)).memberOrder, "own");
    test::TempDir ownDir;
    test::RecordedRun recorded;
    const TrainingResult own = Trainer(c, data, ownDir.path()).run(test::recordInto(recorded));
    ASSERT_EQ(own.status, RunStatus::Completed) << own.message;
    EXPECT_GT(own.finalTestAccuracy, 0.9);
    ASSERT_EQ(recorded.epochs.size(), 3u);
    EXPECT_LT(recorded.epochs.back().trainLoss, recorded.epochs.front().trainLoss);
    EXPECT_GT(recorded.epochs.back().trainAccuracy, 0.8);
    EXPECT_LE(recorded.epochs.back().trainAccuracy, 1.0);
    ASSERT_EQ(recorded.batches.size(), 30u);
    for (const auto &batch : recorded.batches)
        EXPECT_LE(batch.accuracy, 1.0);
    // Both pairs saw the same images overall, so their first batches' losses are alike, not equal.
    EXPECT_NE(recorded.batches.front().loss, sharedRecorded.batches.front().loss);
    EXPECT_NEAR(recorded.batches.front().loss, sharedRecorded.batches.front().loss, 0.5);

    const auto pairOf = [](const std::string &folder) {
        const auto loaded = loadCheckpointNetwork("airbench", kInput, folder + "/checkpoint-latest.pt");
        return std::dynamic_pointer_cast<Ensemble>(loaded.network);
    };
    const auto sharedPair = pairOf(sharedDir.path());
    const auto ownPair = pairOf(ownDir.path());
    ASSERT_TRUE(sharedPair && ownPair);
    const auto shared0 = sharedPair->members()[0]->named_parameters();
    const auto own0 = ownPair->members()[0]->named_parameters();
    for (const auto &entry : shared0)
        EXPECT_TRUE(torch::allclose(own0[entry.key()], entry.value(), 1e-4, 1e-5)) << entry.key();
    EXPECT_FALSE(torch::allclose(ownPair->members()[1]->named_parameters()["head.weight"],
                                 sharedPair->members()[1]->named_parameters()["head.weight"], 1e-3, 1e-4));

    c.memberOrder = "random";
    try {
        validateConfig(c);
        FAIL() << "an unknown member order was accepted";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("--member-order"), std::string::npos) << e.what();
    }
}
