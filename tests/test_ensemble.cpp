// Ensembles: a training forward stacks the members' logits, an evaluation forward is their mean
// softmax, a trained member equals the same network trained alone, checkpoints load back as
// ensembles from a training checkpoint or a plain state_dict, a stopped pair resumes exactly, and
// members given views or image orders of their own each train on theirs, and co-distilled members
// learn from each other's predictions.
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
#include <functional>
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

// The first `count` test images as a float tensor in [0, 1], the networks' input.
torch::Tensor testImages(const Dataset &data, int64_t count)
{
    std::vector<uint8_t> bytes(data.test.images.begin(), data.test.images.begin() + count * data.test.imageBytes());
    const auto x = torch::from_blob(bytes.data(), {count, kInput.channels, kInput.height, kInput.width}, torch::kUInt8);
    return x.to(torch::kFloat32) / 255.0;
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
    const auto x = testImages(*data, 8);
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

namespace {

std::shared_ptr<Ensemble> trainedPair(const std::string &folder)
{
    const auto loaded = loadCheckpointNetwork("airbench", kInput, folder + "/checkpoint-latest.pt");
    return std::dynamic_pointer_cast<Ensemble>(loaded.network);
}

// Trains `c`'s pair into `folder`, records the run into `recorded`, and checks that the pair learns the
// task in its 3 epochs and that its steps count images, not views: 10 steps of 64 per epoch.
void expectPairLearns(const TrainingConfig &c, const std::shared_ptr<const Dataset> &data, const std::string &folder,
                      test::RecordedRun &recorded)
{
    const TrainingResult result = Trainer(c, data, folder).run(test::recordInto(recorded));
    ASSERT_EQ(result.status, RunStatus::Completed) << result.message;
    EXPECT_GT(result.finalTestAccuracy, 0.9);
    ASSERT_EQ(recorded.epochs.size(), 3u);
    EXPECT_LT(recorded.epochs.back().trainLoss, recorded.epochs.front().trainLoss);
    EXPECT_EQ(recorded.batches.size(), 30u);
}

// Trains the recipe's pair as it is and with `vary` applied. Member 0 trains as a single network
// would either way, so it ends where the plain pair's member 0 ends (each member learns only from its
// own loss); member 1 ends elsewhere; the varied pair still learns the task (expectPairLearns). The
// two runs' records go to `plain` and `varied`.
void expectOnlyMemberOneChanges(const std::function<void(TrainingConfig &)> &vary, test::RecordedRun &plain, test::RecordedRun &varied)
{
    const auto data = tinyData();
    TrainingConfig c = recipe();
    c.ensembleMembers = 2;
    test::TempDir plainDir;
    const TrainingResult shared = Trainer(c, data, plainDir.path()).run(test::recordInto(plain));
    ASSERT_EQ(shared.status, RunStatus::Completed) << shared.message;

    vary(c);
    test::TempDir variedDir;
    ASSERT_NO_FATAL_FAILURE(expectPairLearns(c, data, variedDir.path(), varied));

    const auto plainPair = trainedPair(plainDir.path());
    const auto variedPair = trainedPair(variedDir.path());
    ASSERT_TRUE(plainPair && variedPair);
    const auto plain0 = plainPair->members()[0]->named_parameters();
    const auto varied0 = variedPair->members()[0]->named_parameters();
    for (const auto &entry : plain0)
        EXPECT_TRUE(torch::allclose(varied0[entry.key()], entry.value(), 1e-4, 1e-5)) << entry.key();
    EXPECT_FALSE(torch::allclose(variedPair->members()[1]->named_parameters()["head.weight"],
                                 plainPair->members()[1]->named_parameters()["head.weight"], 1e-3, 1e-4));
}

void expectRejected(const TrainingConfig &c, const std::string &flag)
{
    try {
        validateConfig(c);
        ADD_FAILURE() << "a config with an unknown " << flag << " was accepted";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find(flag), std::string::npos) << e.what();
    }
}

} // namespace

// With views of their own, member 1 trains on other flips, shifts and cutouts of the same images.
TEST(Ensemble, OwnViewsPerMemberChangeOnlyTheOtherMembersData)
{
    TrainingConfig c = recipe();
    c.memberAugmentation = "own";
    EXPECT_EQ(configFromJson(configToJson(c)).memberAugmentation, "own");
    test::RecordedRun plain, varied;
    expectOnlyMemberOneChanges([](TrainingConfig &config) { config.memberAugmentation = "own"; }, plain, varied);
    c.memberAugmentation = "separate";
    expectRejected(c, "--member-augment");
}

// With an order of their own, member 1 shuffles the set its own way, so it trains on other images.
// The training metrics score each member on its own images: accuracies stay fractions of the rows.
TEST(Ensemble, OwnOrderPerMemberChangesOnlyTheOtherMembersImages)
{
    TrainingConfig c = recipe();
    c.memberOrder = "own";
    EXPECT_EQ(configFromJson(configToJson(c)).memberOrder, "own");
    test::RecordedRun plain, varied;
    expectOnlyMemberOneChanges([](TrainingConfig &config) { config.memberOrder = "own"; }, plain, varied);
    ASSERT_EQ(varied.epochs.size(), 3u);
    EXPECT_GT(varied.epochs.back().trainAccuracy, 0.8);
    EXPECT_LE(varied.epochs.back().trainAccuracy, 1.0);
    for (const auto &batch : varied.batches)
        EXPECT_LE(batch.accuracy, 1.0);
    // Member 1's first batch holds other images: the pair's first loss differs, but not by much.
    ASSERT_FALSE(varied.batches.empty() || plain.batches.empty());
    EXPECT_NE(varied.batches.front().loss, plain.batches.front().loss);
    EXPECT_NEAR(varied.batches.front().loss, plain.batches.front().loss, 0.5);
    c.memberOrder = "random";
    expectRejected(c, "--member-order");
}

// Member k's target is the mean softmax of the others: value and gradient by hand. No gradient flows
// into the target, so member k's logits get p_k - target_k and nothing from the others' terms.
TEST(Ensemble, PeerCrossEntropyTargetsTheOtherMembersMeanPrediction)
{
    torch::manual_seed(3);
    const auto logits = (torch::randn({3, 4, 5}, torch::kFloat64) * 2.0).requires_grad_();
    const auto loss = Ensemble::peerCrossEntropy(logits, true);
    loss.backward();

    const auto p = torch::softmax(logits.detach(), 2);
    double expected = 0.0;
    for (int64_t k = 0; k < 3; ++k) {
        const auto target = (p.sum(0) - p[k]) / 2.0;
        expected -= (target * torch::log_softmax(logits.detach()[k], 1)).sum().item<double>();
        EXPECT_TRUE(torch::allclose(logits.grad()[k], p[k] - target, 1e-10, 1e-12)) << "member " << k;
    }
    EXPECT_NEAR(loss.item<double>(), expected, 1e-9);
    EXPECT_NEAR(Ensemble::peerCrossEntropy(logits.detach(), false).item<double>(), expected / 12.0, 1e-9);
    // Members that agree exactly are at the minimum: their gradient vanishes.
    const auto same = torch::randn({1, 4, 5}, torch::kFloat64).repeat({2, 1, 1}).requires_grad_();
    Ensemble::peerCrossEntropy(same, true).backward();
    EXPECT_LT(same.grad().abs().max().item<double>(), 1e-12);
    EXPECT_THROW(Ensemble::peerCrossEntropy(torch::randn({1, 4, 5}), true), std::invalid_argument);
    EXPECT_THROW(Ensemble::peerCrossEntropy(torch::randn({8, 5}), true), std::invalid_argument);
}

namespace {

// Mean total-variation distance between the two members' predicted distributions on the test images.
double memberDisagreement(const Ensemble &pair, const Dataset &data)
{
    const auto x = testImages(data, data.test.count);
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> p;
    for (const auto &member : pair.members()) {
        member->eval();
        p.push_back(torch::softmax(member->forward(x), 1));
    }
    return ((p[0] - p[1]).abs().sum(1) * 0.5).mean().item<double>();
}

} // namespace

// Co-distilled members still learn the task, and predict more alike than members that learn only
// from the labels. Member 0 no longer trains as it would alone. Own orders give the members no
// shared images to learn from each other on: that combination is refused.
TEST(Ensemble, CoDistilledMembersLearnTheTaskAndAgreeMore)
{
    const auto data = tinyData();
    TrainingConfig c = recipe();
    c.ensembleMembers = 2;
    test::TempDir plainDir;
    ASSERT_EQ(Trainer(c, data, plainDir.path()).run({}).status, RunStatus::Completed);

    c.memberDistillation = 0.5;
    EXPECT_EQ(configFromJson(configToJson(c)).memberDistillation, 0.5);
    test::TempDir distilledDir;
    test::RecordedRun recorded;
    ASSERT_NO_FATAL_FAILURE(expectPairLearns(c, data, distilledDir.path(), recorded));

    const auto plainPair = trainedPair(plainDir.path());
    const auto distilledPair = trainedPair(distilledDir.path());
    ASSERT_TRUE(plainPair && distilledPair);
    EXPECT_FALSE(torch::allclose(distilledPair->members()[0]->named_parameters()["head.weight"],
                                 plainPair->members()[0]->named_parameters()["head.weight"], 1e-3, 1e-4));
    const double plainGap = memberDisagreement(*plainPair, *data);
    const double distilledGap = memberDisagreement(*distilledPair, *data);
    EXPECT_GT(plainGap, 0.0);
    EXPECT_LT(distilledGap, plainGap) << "plain " << plainGap << ", co-distilled " << distilledGap;

    c.memberOrder = "own";
    expectRejected(c, "--member-distill");
    c.memberOrder = "shared";
    c.memberDistillation = 1.0;
    expectRejected(c, "--member-distill");
    c.memberDistillation = -0.1;
    expectRejected(c, "--member-distill");
    // A single network has no members to learn from: the setting is ignored, as the other member options are.
    c.memberDistillation = 0.5;
    c.ensembleMembers = 1;
    EXPECT_NO_THROW(validateConfig(c));
}
