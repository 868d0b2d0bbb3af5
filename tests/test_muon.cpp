// Muon: the Newton-Schulz orthogonalisation, its step next to plain SGD groups, its checkpointed
// state, and a tiny airbench trained with the airbench94-Muon recipe, stopped and resumed exactly.
#include "core/muon.h"
#include "core/trainer.h"
#include "core/training_checkpoint.h"
#include "models/airbench.h"
#include "support/learnable_data.h"
#include "support/recorded_run.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

using namespace cifarlab;

namespace {

// U diag(s) V^T with s spread over two orders of magnitude: a badly conditioned gradient.
torch::Tensor illConditioned(int64_t rows, int64_t cols, torch::Tensor &u, torch::Tensor &v)
{
    torch::manual_seed(11);
    const int64_t k = std::min(rows, cols);
    u = std::get<0>(at::linalg_qr(torch::randn({rows, k}, torch::kFloat64)));
    v = std::get<0>(at::linalg_qr(torch::randn({cols, k}, torch::kFloat64)));
    const auto s = torch::logspace(0, -2, k, 10.0, torch::kFloat64);
    return u.mm(torch::diag(s)).mm(v.t()).to(torch::kFloat32);
}

TrainingConfig muonConfig()
{
    // The fast preset, airbench94_muon's recipe (batch 2000 there, 64 here): Muon at 0.24 for the
    // filters, SGD (momentum 0.85) for the head and at 64x for the biases, a linear decay to zero.
    TrainingConfig c;
    c.dataPath = "generated";
    c.architecture = "airbench";
    applyPreset(c, "fast");
    c.optimizer = "muon";
    c.muonLearningRate = 0.24;
    c.muonMomentum = 0.6;
    c.learningRate = 0.67 * 81.0 / 65536.0; // the head's 0.67 at airbench94's head scale of 1/9
    c.weightDecay = 2e-6 * 64 / c.learningRate;
    c.normBiasLrScale = 64.0;
    c.schedule = "triangular";
    c.warmupFraction = 0.0;
    c.lrEndFactor = 0.0;
    c.lookahead = false;
    c.epochs = 6;
    c.batchSize = 64; // 10 steps per epoch on 640 images
    c.precision = Precision::Fp32;
    c.channelsLast = false;
    c.threads = 1;
    c.seed = 5;
    c.evalBatchSize = 100;
    return c;
}

std::shared_ptr<const Dataset> tinyData()
{
    return std::make_shared<const Dataset>(test::makeLearnableDataset(640, 200, 4, 3, 16));
}

} // namespace

TEST(Muon, NewtonSchulzKeepsTheSingularVectorsAndEvensOutTheValues)
{
    for (const auto &[rows, cols] : std::vector<std::pair<int64_t, int64_t>> {{24, 96}, {96, 24}}) {
        torch::Tensor u, v;
        const auto g = illConditioned(rows, cols, u, v);
        const auto x = newtonSchulzOrthogonalize(g).to(torch::kFloat64);
        ASSERT_EQ(x.sizes(), g.sizes());
        // In the gradient's own singular bases the result is diagonal ...
        const auto inBasis = u.t().mm(x).mm(v);
        const auto diagonal = inBasis.diagonal();
        const double offDiagonal = (inBasis - torch::diag(diagonal)).abs().max().item<double>();
        EXPECT_LT(offDiagonal, 1e-3) << rows << "x" << cols;
        // ... and values that spanned 1 to 0.01 now lie within a factor of 6 of each other after
        // three steps (airbench's quintic trades exact convergence to 1 for a steep slope at zero).
        EXPECT_GT(diagonal.min().item<double>(), 0.2) << rows << "x" << cols;
        EXPECT_LT(diagonal.max().item<double>() / diagonal.min().item<double>(), 6.0) << rows << "x" << cols;
        EXPECT_LT(diagonal.max().item<double>(), 1.3) << rows << "x" << cols;
        const auto raw = u.t().mm(g.to(torch::kFloat64)).mm(v).diagonal();
        EXPECT_NEAR(raw.max().item<double>() / raw.min().item<double>(), 100.0, 1e-2);
    }
    // The transpose of a tall matrix's result is the wide one's: the iteration runs on the short side.
    const auto g = torch::randn({30, 7});
    EXPECT_TRUE(torch::allclose(newtonSchulzOrthogonalize(g).t(), newtonSchulzOrthogonalize(g.t()), 1e-5, 1e-6));
    EXPECT_THROW(newtonSchulzOrthogonalize(torch::randn({2, 3, 4})), std::invalid_argument);
}

TEST(Muon, NewtonSchulzInBf16MatchesFloat32WithinItsRounding)
{
    // A bf16 run orthogonalises in bf16 (as the published Muon does): the same iteration, its
    // result float32 and within bf16's rounding of the float32 iteration's.
    for (const auto &[rows, cols] : std::vector<std::pair<int64_t, int64_t>> {{24, 96}, {96, 24}, {64, 576}}) {
        torch::Tensor u, v;
        const auto g = illConditioned(rows, cols, u, v);
        const auto exact = newtonSchulzOrthogonalize(g);
        const auto x = newtonSchulzOrthogonalize(g, 3, torch::kBFloat16);
        ASSERT_EQ(x.scalar_type(), torch::kFloat32);
        ASSERT_EQ(x.sizes(), g.sizes());
        const double relative = ((x - exact).norm() / exact.norm()).item<double>();
        EXPECT_LT(relative, 0.05) << rows << "x" << cols;
        EXPECT_GT(relative, 0.0) << rows << "x" << cols << ": the iteration did not run in bf16";
        // Still orthogonalised: diagonal in the gradient's singular bases, each value where float32
        // puts it give or take bf16's rounding (for 1 to 0.01, three steps leave 0.15 to 1.2).
        const auto inBasis = u.t().mm(x.to(torch::kFloat64)).mm(v);
        const auto diagonal = inBasis.diagonal();
        const auto exactDiagonal = u.t().mm(exact.to(torch::kFloat64)).mm(v).diagonal();
        EXPECT_LT((inBasis - torch::diag(diagonal)).abs().max().item<double>(), 0.05) << rows << "x" << cols;
        EXPECT_LT((diagonal - exactDiagonal).abs().max().item<double>(), 0.05) << rows << "x" << cols;
        EXPECT_GT(diagonal.min().item<double>(), 0.1) << rows << "x" << cols;
        EXPECT_LT(diagonal.max().item<double>(), 1.3) << rows << "x" << cols;
    }
    EXPECT_THROW(newtonSchulzOrthogonalize(torch::randn({4, 6}), 3, torch::kHalf), std::invalid_argument);

    // The optimizer takes its iteration's dtype from its constructor.
    torch::manual_seed(3);
    auto filters = torch::randn({16, 8, 3, 3}).requires_grad_();
    const auto before = filters.detach().clone();
    const auto grad = torch::randn({16, 8, 3, 3});
    std::vector<torch::optim::OptimizerParamGroup> groups;
    groups.emplace_back(std::vector<torch::Tensor> {filters},
                        std::make_unique<torch::optim::SGDOptions>(torch::optim::SGDOptions(0.24).momentum(0.6).nesterov(true)));
    Muon muon(std::move(groups), torch::optim::SGDOptions(0.1), {true}, torch::kBFloat16);
    filters.mutable_grad() = grad.clone();
    muon.step();
    const auto normalized = before * (std::sqrt(16.0) / before.norm().item<double>());
    const auto direction = (grad * 1.6).reshape({16, -1});
    const auto inBf16 = newtonSchulzOrthogonalize(direction, 3, torch::kBFloat16).view({16, 8, 3, 3});
    EXPECT_TRUE(torch::allclose(filters.detach(), normalized - 0.24 * inBf16, 1e-5, 1e-6));
    const auto inFloat32 = newtonSchulzOrthogonalize(direction).view({16, 8, 3, 3});
    EXPECT_FALSE(torch::allclose(filters.detach(), normalized - 0.24 * inFloat32, 1e-5, 1e-6));

    std::vector<torch::optim::OptimizerParamGroup> half;
    half.emplace_back(std::vector<torch::Tensor> {torch::randn({4, 2, 3, 3}).requires_grad_()},
                      std::make_unique<torch::optim::SGDOptions>(torch::optim::SGDOptions(0.1)));
    EXPECT_THROW(Muon(std::move(half), torch::optim::SGDOptions(0.1), {true}, torch::kHalf), std::invalid_argument);
}

TEST(Muon, FilterStepIsOrthogonalisedAndTheOtherGroupsAreSgd)
{
    torch::manual_seed(2);
    auto filters = torch::randn({8, 4, 3, 3}).requires_grad_();
    auto head = torch::randn({3, 8}).requires_grad_();
    auto headCopy = head.detach().clone().requires_grad_();
    const auto filtersBefore = filters.detach().clone();
    const auto filterGrad = torch::randn({8, 4, 3, 3});
    const auto headGrad = torch::randn({3, 8});

    const auto sgdOptions = torch::optim::SGDOptions(0.05).momentum(0.85).nesterov(true).weight_decay(0.1);
    std::vector<torch::optim::OptimizerParamGroup> groups;
    groups.emplace_back(std::vector<torch::Tensor> {head}, std::make_unique<torch::optim::SGDOptions>(sgdOptions));
    groups.emplace_back(std::vector<torch::Tensor> {filters},
                        std::make_unique<torch::optim::SGDOptions>(torch::optim::SGDOptions(0.24).momentum(0.6).nesterov(true)));
    Muon muon(std::move(groups), sgdOptions, {false, true});
    torch::optim::SGD sgd(std::vector<torch::Tensor> {headCopy}, sgdOptions);

    filters.mutable_grad() = filterGrad.clone();
    head.mutable_grad() = headGrad.clone();
    headCopy.mutable_grad() = headGrad.clone();
    muon.step();
    sgd.step();

    EXPECT_TRUE(torch::allclose(head.detach(), headCopy.detach(), 1e-6, 1e-7));
    // First step: the buffer is the gradient, the Nesterov direction (1 + momentum) x gradient; the
    // weight is rescaled to norm sqrt(8) before the step.
    const auto normalized = filtersBefore * (std::sqrt(8.0) / filtersBefore.norm().item<double>());
    const auto update = newtonSchulzOrthogonalize((filterGrad * 1.6).reshape({8, -1})).view({8, 4, 3, 3});
    EXPECT_TRUE(torch::allclose(filters.detach(), normalized - 0.24 * update, 1e-5, 1e-6));
    // The step's size does not depend on the gradient's scale.
    filters.mutable_grad() = filterGrad * 1000.0;
    const auto beforeSecond = filters.detach().clone();
    muon.step();
    EXPECT_LT((filters.detach() - beforeSecond).norm().item<double>(), 2.0);

    // A weight decay on an orthogonalised group is refused: the norm is fixed there.
    std::vector<torch::optim::OptimizerParamGroup> bad;
    bad.emplace_back(std::vector<torch::Tensor> {torch::randn({4, 2, 3, 3}).requires_grad_()},
                     std::make_unique<torch::optim::SGDOptions>(torch::optim::SGDOptions(0.1).weight_decay(0.01)));
    EXPECT_THROW(Muon(std::move(bad), torch::optim::SGDOptions(0.1), {true}), std::invalid_argument);
}

TEST(Muon, MomentumBuffersSurviveSaveAndLoad)
{
    auto makeParams = [] {
        torch::manual_seed(4);
        return std::vector<torch::Tensor> {torch::randn({6, 3, 3, 3}).requires_grad_(), torch::randn({5}).requires_grad_()};
    };
    auto makeMuon = [](std::vector<torch::Tensor> &p) {
        std::vector<torch::optim::OptimizerParamGroup> groups;
        groups.emplace_back(std::vector<torch::Tensor> {p[1]},
                            std::make_unique<torch::optim::SGDOptions>(torch::optim::SGDOptions(0.1).momentum(0.85).nesterov(true)));
        groups.emplace_back(std::vector<torch::Tensor> {p[0]},
                            std::make_unique<torch::optim::SGDOptions>(torch::optim::SGDOptions(0.2).momentum(0.6).nesterov(true)));
        return std::make_unique<Muon>(std::move(groups), torch::optim::SGDOptions(0.1), std::vector<bool> {false, true});
    };
    auto stepWith = [](Muon &m, std::vector<torch::Tensor> &p, double seed) {
        p[0].mutable_grad() = torch::full({6, 3, 3, 3}, 0.1) + torch::arange(162).view({6, 3, 3, 3}).sin() * seed;
        p[1].mutable_grad() = torch::arange(5).to(torch::kFloat32) * seed;
        m.step();
    };
    auto a = makeParams();
    auto muonA = makeMuon(a);
    stepWith(*muonA, a, 1.0);
    stepWith(*muonA, a, 2.0);
    std::stringstream saved;
    torch::save(*muonA, saved);

    auto b = makeParams();
    {
        torch::NoGradGuard noGrad;
        b[0].copy_(a[0]);
        b[1].copy_(a[1]);
    }
    auto muonB = makeMuon(b);
    torch::load(*muonB, saved);
    stepWith(*muonA, a, 3.0);
    stepWith(*muonB, b, 3.0);
    EXPECT_TRUE(torch::equal(a[0], b[0]));
    EXPECT_TRUE(torch::equal(a[1], b[1]));
}

TEST(Muon, TrainsAirbenchAndResumesExactly)
{
    const auto data = tinyData();
    const TrainingConfig c = muonConfig();
    test::TempDir full;
    test::RecordedRun whole;
    const auto result = Trainer(c, data, full.path()).run(test::recordInto(whole));
    ASSERT_EQ(result.status, RunStatus::Completed) << result.message;
    ASSERT_EQ(whole.epochs.size(), 6u);
    EXPECT_GT(result.finalTestAccuracy, 0.9);
    EXPECT_LT(whole.epochs.back().trainLoss, whole.epochs.front().trainLoss);
    EXPECT_NEAR(whole.batches.front().learningRate, c.learningRate, 1e-12); // linear decay, no warm-up
    EXPECT_NEAR(whole.batches.back().learningRate, c.learningRate / 60.0, 1e-12);

    // Every trained filter bank keeps the norm sqrt(out channels) (up to the last, tiny step).
    Airbench net(InputSpec {3, 16, 16, 4});
    loadTrainingCheckpoint(full.path() + "/checkpoint-latest.pt", net, nullptr);
    int filterBanks = 0;
    for (const auto &entry : net.named_parameters()) {
        const auto &p = entry.value();
        if (p.dim() != 4 || entry.key() == "whiten.weight")
            continue;
        EXPECT_NEAR(p.norm().item<double>() / std::sqrt(static_cast<double>(p.size(0))), 1.0, 0.02) << entry.key();
        ++filterBanks;
    }
    EXPECT_EQ(filterBanks, 6);

    test::TempDir part;
    {
        Trainer trainer(c, data, part.path());
        test::RecordedRun first;
        TrainerCallbacks cb = test::recordInto(first);
        cb.onBatch = [&](const BatchMetrics &m) {
            if (m.epoch == 2 && m.batch == 4)
                trainer.stop();
        };
        ASSERT_EQ(trainer.run(cb).status, RunStatus::Stopped);
    }
    test::RecordedRun second;
    const auto resumed = Trainer(c, data, part.path()).run(test::recordInto(second), part.path() + "/checkpoint-latest.pt");
    ASSERT_EQ(resumed.status, RunStatus::Completed) << resumed.message;
    ASSERT_EQ(second.epochs.size(), 4u);
    for (size_t k = 0; k < 4; ++k) {
        EXPECT_DOUBLE_EQ(whole.epochs[2 + k].trainLoss, second.epochs[k].trainLoss) << "epoch " << 3 + k;
        EXPECT_DOUBLE_EQ(whole.epochs[2 + k].testAccuracy, second.epochs[k].testAccuracy) << "epoch " << 3 + k;
    }
    EXPECT_DOUBLE_EQ(result.finalTestAccuracy, resumed.finalTestAccuracy);
}
