// fp16 training's pieces that run without a GPU: the dynamic gradient scaler, the fp16 precision
// setting and where it is refused, its checkpoint state, and the bench's CUDA modes.
#include "core/benchmark.h"
#include "core/error.h"
#include "core/grad_scaler.h"
#include "core/runtime.h"
#include "core/split_evaluation.h"
#include "core/training_checkpoint.h"
#include "core/training_config.h"
#include "models/autocast_state.h"
#include "support/error_of.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>

using namespace cifarlab;

namespace {

using test::errorOf;

// A small fp32 regression whose gradients are known to be finite.
struct TinyModel
{
    torch::nn::Linear layer {torch::nn::LinearOptions(4, 3)};
    torch::Tensor x;
    torch::Tensor y;

    TinyModel()
    {
        torch::manual_seed(7);
        layer = torch::nn::Linear(torch::nn::LinearOptions(4, 3));
        x = torch::randn({8, 4});
        y = torch::randint(0, 3, {8}, torch::kInt64);
    }
    torch::Tensor loss() { return torch::nn::functional::cross_entropy(layer->forward(x), y); }
    std::vector<torch::Tensor> params() { return layer->parameters(); }
    std::vector<torch::Tensor> grads()
    {
        std::vector<torch::Tensor> out;
        for (const auto &p : layer->parameters())
            out.push_back(p.grad().clone());
        return out;
    }
    void zeroGrad()
    {
        for (auto &p : layer->parameters())
            if (p.grad().defined())
                p.grad().zero_();
    }
};

} // namespace

TEST(GradScaler, DisabledChangesNothing)
{
    GradScaler scaler(false);
    TinyModel m;
    const auto loss = m.loss();
    EXPECT_TRUE(scaler.scale(loss).equal(loss));
    scaler.scale(loss).backward();
    const auto before = m.grads();
    EXPECT_TRUE(scaler.unscale(m.params()));
    const auto after = m.grads();
    for (size_t i = 0; i < before.size(); ++i)
        EXPECT_TRUE(before[i].equal(after[i]));
    scaler.update(false);
    EXPECT_EQ(scaler.skippedSteps(), 0);
    EXPECT_FALSE(scaler.exhausted());
}

TEST(GradScaler, UnscaledGradientsEqualThoseOfTheUnscaledLoss)
{
    TinyModel m;
    m.loss().backward();
    const auto reference = m.grads();
    m.zeroGrad();

    GradScaler scaler(true);
    EXPECT_DOUBLE_EQ(scaler.scaleValue(), 65536.0);
    const auto loss = m.loss();
    EXPECT_NEAR(scaler.scale(loss).item<double>(), loss.item<double>() * 65536.0, 1e-2);
    scaler.scale(loss).backward();
    EXPECT_GT(m.grads()[0].abs().max().item<double>(), 100.0 * reference[0].abs().max().item<double>());
    EXPECT_TRUE(scaler.unscale(m.params()));
    const auto unscaled = m.grads();
    for (size_t i = 0; i < reference.size(); ++i)
        EXPECT_TRUE(torch::allclose(unscaled[i], reference[i], 1e-5, 1e-7)) << "parameter " << i;
}

TEST(GradScaler, OverflowSkipsTheStepAndBacksOff)
{
    for (const double bad : {std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::quiet_NaN()}) {
        TinyModel m;
        GradScaler scaler(true);
        scaler.scale(m.loss()).backward();
        m.layer->bias.grad()[1] = bad;
        EXPECT_FALSE(scaler.unscale(m.params())) << bad;
        scaler.update(false);
        EXPECT_DOUBLE_EQ(scaler.scaleValue(), 32768.0);
        EXPECT_EQ(scaler.growthTracker(), 0);
        EXPECT_EQ(scaler.skippedSteps(), 1);
    }
}

TEST(GradScaler, ParametersWithoutGradientsAreIgnored)
{
    TinyModel m;
    auto frozen = torch::zeros({2}, torch::requires_grad());
    GradScaler scaler(true);
    scaler.scale(m.loss()).backward();
    auto params = m.params();
    params.push_back(frozen);
    EXPECT_TRUE(scaler.unscale(params));
    EXPECT_FALSE(frozen.grad().defined());
}

TEST(GradScaler, GrowsAfterTheIntervalOfGoodSteps)
{
    GradScaler::Options options;
    options.initScale = 8.0;
    options.growthInterval = 3;
    GradScaler scaler(true, options);
    scaler.update(true);
    scaler.update(true);
    EXPECT_DOUBLE_EQ(scaler.scaleValue(), 8.0);
    EXPECT_EQ(scaler.growthTracker(), 2);
    scaler.update(true);
    EXPECT_DOUBLE_EQ(scaler.scaleValue(), 16.0);
    EXPECT_EQ(scaler.growthTracker(), 0);
    // An overflow in between starts the count again.
    scaler.update(true);
    scaler.update(true);
    scaler.update(false);
    EXPECT_DOUBLE_EQ(scaler.scaleValue(), 8.0);
    scaler.update(true);
    scaler.update(true);
    EXPECT_DOUBLE_EQ(scaler.scaleValue(), 8.0);
    scaler.update(true);
    EXPECT_DOUBLE_EQ(scaler.scaleValue(), 16.0);
}

TEST(GradScaler, NeverGrowsPastFloatRange)
{
    GradScaler::Options options;
    options.initScale = static_cast<double>(std::numeric_limits<float>::max()) / 1.5;
    options.growthInterval = 1;
    GradScaler scaler(true, options);
    scaler.update(true);
    EXPECT_DOUBLE_EQ(scaler.scaleValue(), options.initScale);
}

TEST(GradScaler, PersistentOverflowIsExhaustion)
{
    GradScaler scaler(true);
    int backoffs = 0;
    while (!scaler.exhausted() && backoffs < 100) {
        scaler.update(false);
        ++backoffs;
    }
    // 65536 halved 33 times is 2^-17, the first scale below 2^-16.
    EXPECT_EQ(backoffs, 33);
    EXPECT_TRUE(scaler.exhausted());
}

TEST(GradScaler, StateRoundTripsAndBadStateIsRefused)
{
    GradScaler scaler(true);
    scaler.setState(1024.0, 17);
    EXPECT_DOUBLE_EQ(scaler.scaleValue(), 1024.0);
    EXPECT_EQ(scaler.growthTracker(), 17);
    for (const double bad : {0.0, -2.0, std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()})
        EXPECT_NE(errorOf([&] { scaler.setState(bad, 0); }).find("gradient scaler: invalid saved state"), std::string::npos);
    EXPECT_NE(errorOf([&] { scaler.setState(2.0, -1); }), "");
    EXPECT_DOUBLE_EQ(scaler.scaleValue(), 1024.0);
}

TEST(GradScaler, CheckpointKeepsTheScalerState)
{
    test::TempDir dir;
    torch::nn::Linear model(torch::nn::LinearOptions(4, 3));
    TrainingPosition pos;
    pos.architecture = "tiny";
    pos.gradScale = 2048.0;
    pos.gradGrowthTracker = 123;
    saveTrainingCheckpoint(dir.file("a.pt"), *model, nullptr, pos);
    const auto loaded = loadTrainingCheckpoint(dir.file("a.pt"), *model, nullptr);
    EXPECT_DOUBLE_EQ(loaded.gradScale, 2048.0);
    EXPECT_EQ(loaded.gradGrowthTracker, 123);

    // A run without fp16 writes no scaler state and reads back "not in use".
    TrainingPosition plain;
    plain.architecture = "tiny";
    saveTrainingCheckpoint(dir.file("b.pt"), *model, nullptr, plain);
    EXPECT_EQ(loadTrainingCheckpoint(dir.file("b.pt"), *model, nullptr).gradScale, 0.0);
}

TEST(MixedPrecision, Fp16ParsesAndNamesItself)
{
    EXPECT_EQ(parsePrecision("fp16"), Precision::Fp16);
    EXPECT_EQ(precisionName(Precision::Fp16), "fp16");
    EXPECT_EQ(resolvePrecision(Precision::Fp16), Precision::Fp16);
    EXPECT_EQ(resolvePrecision(Precision::Auto, true), Precision::Bf16);
    EXPECT_EQ(resolvePrecision(Precision::Auto, false), cpuHasFastBf16() ? Precision::Bf16 : Precision::Fp32);
    EXPECT_EQ(errorOf([] { parsePrecision("fp8"); }), "precision: unknown value 'fp8' (expected auto, fp32, bf16 or fp16)");
}

TEST(MixedPrecision, Fp16IsRefusedOnTheCpuAndAcceptedOnCuda)
{
    TrainingConfig c;
    c.dataPath = "generated";
    c.precision = Precision::Fp16;
    c.device = "cpu";
    EXPECT_EQ(errorOf([&] { validateConfig(c); }),
              "--precision: fp16 needs --device cuda (CPU autocast runs bf16 only; use bf16 or fp32)");
    c.device = "cuda:0";
    EXPECT_NO_THROW(validateConfig(c));
    const TrainingConfig back = configFromJson(configToJson(c));
    EXPECT_EQ(back.precision, Precision::Fp16);
    EXPECT_EQ(back.device, "cuda:0");
}

TEST(MixedPrecision, AutocastGuardRefusesFp16OnTheCpuAndRestoresState)
{
    EXPECT_NE(errorOf([] { AutocastGuard guard(Precision::Fp16, false); }).find("fp16 needs a CUDA device"), std::string::npos);
    const bool enabledBefore = autocast::isEnabled(c10::kCPU);
    const auto typeBefore = autocast::dtype(c10::kCPU);
    {
        AutocastGuard guard(Precision::Bf16, false);
        EXPECT_TRUE(autocast::isEnabled(c10::kCPU));
        EXPECT_EQ(autocast::dtype(c10::kCPU), at::kBFloat16);
        const auto y = torch::mm(torch::randn({4, 4}), torch::randn({4, 4}));
        EXPECT_EQ(y.scalar_type(), at::kBFloat16);
    }
    EXPECT_EQ(autocast::isEnabled(c10::kCPU), enabledBefore);
    EXPECT_EQ(autocast::dtype(c10::kCPU), typeBefore);
    {
        AutocastGuard guard(Precision::Fp32, false);
        EXPECT_EQ(torch::mm(torch::randn({4, 4}), torch::randn({4, 4})).scalar_type(), at::kFloat);
    }
}

TEST(MixedPrecision, BenchModesAndDevices)
{
    EXPECT_EQ(benchModes(false), (std::vector<std::string>{"fp32-nchw", "fp32-cl", "bf16-cl"}));
    EXPECT_EQ(benchModes(true), (std::vector<std::string>{"fp32-nchw", "fp32-cl", "bf16-cl", "fp16-cl"}));
    EXPECT_FALSE(benchDeviceIsCuda("cpu"));
    EXPECT_EQ(errorOf([] { benchDeviceIsCuda("gpu"); }), "--device: unknown value 'gpu' (expected cpu, cuda or cuda:N)");
    EXPECT_EQ(errorOf([] { benchDeviceIsCuda("cuda:x"); }), "--device: unknown value 'cuda:x' (expected cpu, cuda or cuda:N)");
    BenchSettings settings;
    EXPECT_EQ(errorOf([&] { benchArchitecture("baseline", "fp16-cl", settings); }),
              "--modes: unknown mode 'fp16-cl' on cpu (expected fp32-nchw, fp32-cl or bf16-cl)");
    if (cudaDeviceCount() == 0) {
        EXPECT_EQ(errorOf([] { benchDeviceIsCuda("cuda"); }),
                  "--device: cuda requested, but this LibTorch build or machine has no CUDA device");
    } else {
        EXPECT_TRUE(benchDeviceIsCuda("cuda"));
        settings.device = "cuda";
        settings.steps = 2;
        const ModeThroughput t = benchArchitecture("baseline", "fp16-cl", settings);
        EXPECT_GT(t.trainImagesPerSecond, 0.0);
        EXPECT_GT(t.inferImagesPerSecond, 0.0);
    }
}
