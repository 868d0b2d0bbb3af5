#include "models/batch_norm_gelu.h"

#include "core/split_evaluation.h"
#include "models/activation_capture.h"
#include "models/airbench.h"
#include "models/winograd_conv.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

using namespace cifarlab;

namespace {

constexpr auto kChannelsLast = torch::MemoryFormat::ChannelsLast;

// A norm's parameters and running statistics, to build the same layer twice.
struct NormSetup
{
    int64_t channels = 0;
    double eps = 1e-5, momentum = 0.1;
    bool weightGrad = true, biasGrad = true;
    torch::Tensor weight, bias, runningMean, runningVar;
};

NormSetup randomSetup(int64_t channels)
{
    NormSetup s;
    s.channels = channels;
    s.weight = torch::rand({channels}) + 0.5;
    s.bias = torch::randn({channels}) * 0.5;
    s.runningMean = torch::randn({channels});
    s.runningVar = torch::rand({channels}) + 0.5;
    return s;
}

BatchNorm2d makeNorm(const NormSetup &s)
{
    BatchNorm2d norm(torch::nn::BatchNorm2dOptions(s.channels).eps(s.eps).momentum(s.momentum));
    torch::NoGradGuard noGrad;
    norm->weight.copy_(s.weight);
    norm->bias.copy_(s.bias);
    norm->running_mean.copy_(s.runningMean);
    norm->running_var.copy_(s.runningVar);
    norm->weight.set_requires_grad(s.weightGrad);
    norm->bias.set_requires_grad(s.biasGrad);
    return norm;
}

struct Outcome
{
    torch::Tensor y, dx, dWeight, dBias, runningMean, runningVar, batches;
    std::string node; // the output's grad_fn
};

// gelu(norm(x)) and its gradients for output gradient dy; fused: batchNormGelu's fused route allowed
// (else the layers' own forwards, which batchNormGelu falls back to).
Outcome run(BatchNorm2d norm, GELU activ, const torch::Tensor &input, const torch::Tensor &dy, bool fused)
{
    setBatchNormGeluEnabled(fused);
    // detach() keeps the strides (clone() would make a strided view dense).
    auto x = input.detach().requires_grad_(true);
    auto y = batchNormGelu(norm, activ, x);
    setBatchNormGeluEnabled(true);
    Outcome o;
    o.node = y.grad_fn() ? y.grad_fn()->name() : "";
    y.backward(dy);
    o.y = y.detach();
    o.dx = x.grad();
    o.dWeight = norm->weight.grad();
    o.dBias = norm->bias.grad();
    o.runningMean = norm->running_mean.clone();
    o.runningVar = norm->running_var.clone();
    o.batches = norm->num_batches_tracked.clone();
    return o;
}

double maxDiff(const torch::Tensor &a, const torch::Tensor &b)
{
    return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>();
}

// Largest |a - b| over the largest |b|.
double relativeError(const torch::Tensor &a, const torch::Tensor &b)
{
    return maxDiff(a, b) / b.to(torch::kFloat64).abs().max().clamp_min(1e-12).item<double>();
}

// |a - b| <= tolerance * (|b| + 1) everywhere.
::testing::AssertionResult close(const torch::Tensor &a, const torch::Tensor &b, double tolerance)
{
    if (!a.defined() || !b.defined())
        return a.defined() == b.defined() ? ::testing::AssertionSuccess()
                                          : ::testing::AssertionFailure() << "one of the two is undefined";
    if (a.sizes() != b.sizes())
        return ::testing::AssertionFailure() << "shapes differ: " << a.sizes() << " vs " << b.sizes();
    const auto a64 = a.to(torch::kFloat64), b64 = b.to(torch::kFloat64);
    const auto excess = ((a64 - b64).abs() - tolerance * (b64.abs() + 1)).max().item<double>();
    if (!(excess <= 0))
        return ::testing::AssertionFailure()
            << "max |diff| " << maxDiff(a, b) << " exceeds " << tolerance << " * (|ref| + 1)";
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult identical(const torch::Tensor &a, const torch::Tensor &b)
{
    if (a.defined() != b.defined())
        return ::testing::AssertionFailure() << "one of the two is undefined";
    if (a.defined() && (a.sizes() != b.sizes() || !torch::equal(a, b)))
        return ::testing::AssertionFailure() << "values differ";
    return ::testing::AssertionSuccess();
}

// Runs check(kernel) with each build of the kernels: AVX-512 and AVX2 (where the CPU has them; the
// portable one runs in their place elsewhere) and the portable one; kernel names them for recorded
// properties.
template<typename Check> void forEachKernel(const Check &check)
{
    const std::pair<KernelIsa, const char *> builds[] = {
        {KernelIsa::Widest, "Avx512"}, {KernelIsa::Avx2, "Avx2"}, {KernelIsa::Portable, "Portable"}};
    for (const auto &[isa, name] : builds) {
        SCOPED_TRACE(std::string(name) + " kernels where available");
        setBatchNormGeluIsa(isa);
        check(std::string(name));
    }
    setBatchNormGeluIsa(KernelIsa::Widest);
}

std::string scientific(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2e", value);
    return buffer;
}

std::string describe(const std::vector<int64_t> &shape)
{
    std::string text;
    for (const int64_t s : shape)
        text += (text.empty() ? "" : "x") + std::to_string(s);
    return text;
}

bool isFusedNode(const std::string &node)
{
    return node.find("BatchNormGelu") != std::string::npos;
}

// Channel counts below, at and past the 16-channel vector steps; one thread's work and (the last two,
// 128K elements a thread) two threads'.
const std::vector<std::vector<int64_t>> kShapes = {{4, 64, 16, 16}, {8, 256, 8, 8}, {3, 20, 5, 7},
    {2, 17, 1, 1}, {5, 48, 3, 3}, {2, 7, 4, 4}, {64, 33, 6, 6}, {16, 64, 16, 16}, {32, 40, 15, 15}};

} // namespace

TEST(BatchNormGelu, MatchesTorchInFloat32)
{
    torch::manual_seed(1);
    forEachKernel([](const std::string &kernel) {
        double worst[4] = {0, 0, 0, 0};
        for (size_t i = 0; i < kShapes.size(); ++i) {
            const auto &shape = kShapes[i];
            SCOPED_TRACE(describe(shape));
            auto setup = randomSetup(shape[1]);
            setup.weightGrad = i % 2 == 0; // airbench's weight is frozen
            const auto x = (torch::randn(shape) * 2 + 0.5).contiguous(kChannelsLast);
            // The output gradient in either layout.
            auto dy = torch::randn(shape);
            if (i % 3 != 0)
                dy = dy.contiguous(kChannelsLast);
            // The reference gets it channels-last: LibTorch 1.13's gelu_backward returns garbage for a
            // gradient whose layout differs from its input's, which cifarlab::GELU's NHWC view makes
            // of an NCHW gradient.
            const auto expected = run(makeNorm(setup), GELU(), x, dy.contiguous(kChannelsLast), false);
            const auto actual = run(makeNorm(setup), GELU(), x, dy, true);
            EXPECT_TRUE(isFusedNode(actual.node)) << actual.node;
            EXPECT_FALSE(isFusedNode(expected.node)) << expected.node;
            EXPECT_EQ(actual.y.scalar_type(), torch::kFloat32);
            EXPECT_TRUE(actual.y.is_contiguous(kChannelsLast));
            EXPECT_TRUE(actual.dx.is_contiguous(kChannelsLast));
            EXPECT_TRUE(close(actual.y, expected.y, 1e-5));
            EXPECT_TRUE(close(actual.dx, expected.dx, 1e-4));
            EXPECT_LT(relativeError(actual.dBias, expected.dBias), 1e-4);
            EXPECT_EQ(actual.dWeight.defined(), setup.weightGrad);
            if (setup.weightGrad) {
                EXPECT_LT(relativeError(actual.dWeight, expected.dWeight), 1e-4);
            }
            EXPECT_TRUE(close(actual.runningMean, expected.runningMean, 1e-6));
            EXPECT_TRUE(close(actual.runningVar, expected.runningVar, 1e-6));
            EXPECT_EQ(actual.batches.item<int64_t>(), 1);
            EXPECT_EQ(expected.batches.item<int64_t>(), 1);
            worst[0] = std::max(worst[0], maxDiff(actual.y, expected.y));
            worst[1] = std::max(worst[1], maxDiff(actual.dx, expected.dx));
            worst[2] = std::max(worst[2], relativeError(actual.dBias, expected.dBias));
            worst[3] = std::max(worst[3], maxDiff(actual.runningVar, expected.runningVar));
        }
        ::testing::Test::RecordProperty(kernel + "maxDiffOutput", scientific(worst[0]));
        ::testing::Test::RecordProperty(kernel + "maxDiffInputGrad", scientific(worst[1]));
        ::testing::Test::RecordProperty(kernel + "relErrBiasGrad", scientific(worst[2]));
        ::testing::Test::RecordProperty(kernel + "maxDiffRunningVar", scientific(worst[3]));
    });
}

// Without gradients (but in training mode) only the forward runs; the running statistics still move.
TEST(BatchNormGelu, ForwardWithoutGradientsUpdatesRunningStatistics)
{
    torch::manual_seed(2);
    const auto setup = randomSetup(32);
    const auto x = torch::randn({4, 32, 6, 6}).contiguous(kChannelsLast);
    auto fused = makeNorm(setup), plain = makeNorm(setup);
    GELU activ;
    torch::NoGradGuard noGrad;
    const auto actual = batchNormGelu(fused, activ, x);
    const auto expected = activ->forward(plain->forward(x));
    EXPECT_FALSE(actual.requires_grad());
    EXPECT_TRUE(close(actual, expected, 1e-5));
    EXPECT_TRUE(close(fused->running_mean, plain->running_mean, 1e-6));
    EXPECT_TRUE(close(fused->running_var, plain->running_var, 1e-6));
    EXPECT_EQ(fused->num_batches_tracked.item<int64_t>(), 1);
}

// bf16 in, bf16 out: against the float32 computation on the same bf16 values, within bf16 rounding.
TEST(BatchNormGelu, Bf16AgreesWithFloat32OnTheSameValues)
{
    torch::manual_seed(3);
    forEachKernel([](const std::string &kernel) {
        double worst[3] = {0, 0, 0};
        for (const auto &shape : kShapes) {
            SCOPED_TRACE(describe(shape));
            const auto setup = randomSetup(shape[1]);
            const auto x = (torch::randn(shape) * 2 + 0.5).to(torch::kBFloat16).contiguous(kChannelsLast);
            const auto dy = torch::randn(shape).to(torch::kBFloat16).contiguous(kChannelsLast);
            const auto expected
                = run(makeNorm(setup), GELU(), x.to(torch::kFloat32), dy.to(torch::kFloat32), false);
            const auto actual = run(makeNorm(setup), GELU(), x, dy, true);
            EXPECT_TRUE(isFusedNode(actual.node)) << actual.node;
            EXPECT_EQ(actual.y.scalar_type(), torch::kBFloat16);
            EXPECT_EQ(actual.dx.scalar_type(), torch::kBFloat16);
            EXPECT_EQ(actual.dBias.scalar_type(), torch::kFloat32);
            EXPECT_TRUE(actual.y.is_contiguous(kChannelsLast));
            EXPECT_TRUE(actual.dx.is_contiguous(kChannelsLast));
            EXPECT_TRUE(close(actual.y, expected.y, 1e-2));
            EXPECT_TRUE(close(actual.dx, expected.dx, 1e-2));
            EXPECT_LT(relativeError(actual.dBias, expected.dBias), 1e-3);
            EXPECT_LT(relativeError(actual.dWeight, expected.dWeight), 1e-3);
            EXPECT_TRUE(close(actual.runningMean, expected.runningMean, 1e-5));
            EXPECT_TRUE(close(actual.runningVar, expected.runningVar, 1e-5));
            worst[0] = std::max(worst[0], relativeError(actual.y, expected.y));
            worst[1] = std::max(worst[1], relativeError(actual.dx, expected.dx));
            worst[2] = std::max(worst[2], relativeError(actual.dBias, expected.dBias));
        }
        ::testing::Test::RecordProperty(kernel + "relErrOutput", scientific(worst[0]));
        ::testing::Test::RecordProperty(kernel + "relErrInputGrad", scientific(worst[1]));
        ::testing::Test::RecordProperty(kernel + "relErrBiasGrad", scientific(worst[2]));
    });
}

// Rounding to bf16 is to nearest even, as c10::BFloat16's: outputs that land exactly on bf16 values
// (GELU of 0 and of large inputs) match LibTorch's bits, and NaN stays NaN.
TEST(BatchNormGelu, Bf16OutputsOfExactValuesMatchLibTorch)
{
    forEachKernel([](const std::string &) {
        NormSetup setup;
        setup.channels = 16;
        setup.eps = 0.0;
        setup.weight = torch::full({16}, 1000.0);
        setup.bias = torch::zeros({16});
        setup.runningMean = torch::zeros({16});
        setup.runningVar = torch::ones({16});
        // Each channel +-1 around 0: xhat +-1, y +-1000, gelu exactly 1000 or 0.
        auto x = torch::ones({2, 16, 2, 2});
        x.index_put_({torch::indexing::Slice(), torch::indexing::Slice(), 0}, -1.0);
        x = x.to(torch::kBFloat16).contiguous(kChannelsLast);
        const auto dy = torch::ones_like(x);
        const auto expected = run(makeNorm(setup), GELU(), x, dy, false);
        const auto actual = run(makeNorm(setup), GELU(), x, dy, true);
        EXPECT_TRUE(torch::equal(actual.y, expected.y));
    });
}

// airbench's eps 1e-12 on a channel of mean 100 and spread 1e-2: the variance (and so the output)
// survives, where E[x^2] - mean^2 in float would lose it.
TEST(BatchNormGelu, LargeMeanAndTinySpreadKeepTheirStatistics)
{
    torch::manual_seed(4);
    forEachKernel([](const std::string &kernel) {
        const int64_t channels = 24;
        auto setup = randomSetup(channels);
        setup.eps = 1e-12;
        setup.momentum = 0.4;
        auto x = torch::randn({16, channels, 8, 8});
        x.select(1, 3).mul_(1e-2).add_(100.0);
        x.select(1, 17).mul_(1e-3).add_(-30.0);
        x = x.contiguous(kChannelsLast);
        const auto dy = torch::randn({16, channels, 8, 8});
        const auto actual = run(makeNorm(setup), GELU(), x, dy, true);
        EXPECT_TRUE(isFusedNode(actual.node)) << actual.node;

        // The reference in double.
        const auto x64 = x.to(torch::kFloat64);
        const auto mean = x64.mean({0, 2, 3});
        const auto var = (x64 - mean.view({1, -1, 1, 1})).square().mean({0, 2, 3});
        const double n = 16 * 8 * 8;
        const auto runningMean = setup.runningMean.to(torch::kFloat64) * 0.6 + mean * 0.4;
        const auto runningVar = setup.runningVar.to(torch::kFloat64) * 0.6 + var * (n / (n - 1)) * 0.4;
        const auto xhat = (x64 - mean.view({1, -1, 1, 1})) / (var + 1e-12).sqrt().view({1, -1, 1, 1});
        const auto y = xhat * setup.weight.to(torch::kFloat64).view({1, -1, 1, 1})
            + setup.bias.to(torch::kFloat64).view({1, -1, 1, 1});
        const auto out = y * 0.5 * (1 + torch::erf(y / std::sqrt(2.0)));
        EXPECT_TRUE(close(actual.runningMean, runningMean, 1e-6));
        EXPECT_LT(relativeError(actual.runningVar.narrow(0, 3, 1), runningVar.narrow(0, 3, 1)), 1e-4);
        EXPECT_LT(relativeError(actual.runningVar.narrow(0, 17, 1), runningVar.narrow(0, 17, 1)), 1e-4);
        EXPECT_TRUE(close(actual.runningVar, runningVar, 1e-5));
        EXPECT_TRUE(close(actual.y, out, 1e-4));
        ::testing::Test::RecordProperty(kernel + "maxDiffOutputVsDouble", scientific(maxDiff(actual.y, out)));
        ::testing::Test::RecordProperty(kernel + "relErrVarChannel3",
            scientific(relativeError(actual.runningVar.narrow(0, 3, 1), runningVar.narrow(0, 3, 1))));
    });
}

// Where the fused route does not apply, batchNormGelu is the two layers' own forwards: bit for bit
// the same outputs, gradients and statistics as calling them.
TEST(BatchNormGelu, FallsBackToTheLayersWhereItDoesNotApply)
{
    torch::manual_seed(5);
    struct Case
    {
        std::string name;
        torch::Tensor x;
        std::function<void(BatchNorm2d &)> prepare;
        std::string approximate = "none";
    };
    const auto channelsLast = [](const torch::Tensor &t) { return t.contiguous(kChannelsLast); };
    const std::vector<Case> cases = {
        {"NCHW", torch::randn({4, 16, 5, 5}), [](BatchNorm2d &) {}},
        {"eval mode", channelsLast(torch::randn({4, 16, 5, 5})), [](BatchNorm2d &norm) { norm->eval(); }},
        {"float64", channelsLast(torch::randn({4, 16, 5, 5}, torch::kFloat64)),
            [](BatchNorm2d &norm) { norm->to(torch::kFloat64); }},
        {"statistics reducer", channelsLast(torch::randn({4, 16, 5, 5})),
            [](BatchNorm2d &norm) { norm->setStatisticsReducer([](torch::Tensor &) {}); }},
        {"tanh GELU", channelsLast(torch::randn({4, 16, 5, 5})), [](BatchNorm2d &) {}, "tanh"},
        {"strided view", torch::randn({4, 16, 5, 10}).contiguous(kChannelsLast).narrow(3, 0, 5),
            [](BatchNorm2d &) {}},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.name);
        const auto setup = randomSetup(16);
        auto fusedNorm = makeNorm(setup), plainNorm = makeNorm(setup);
        c.prepare(fusedNorm);
        c.prepare(plainNorm);
        GELU activ(torch::nn::GELUOptions().approximate(c.approximate));
        auto a = c.x.detach().requires_grad_(true), b = c.x.detach().requires_grad_(true);
        const auto actual = batchNormGelu(fusedNorm, activ, a);
        const auto expected = activ->forward(plainNorm->forward(b));
        EXPECT_FALSE(isFusedNode(actual.grad_fn()->name())) << actual.grad_fn()->name();
        EXPECT_TRUE(identical(actual, expected));
        const auto dy = torch::randn_like(c.x); // in x's layout (see MatchesTorchInFloat32)
        actual.backward(dy);
        expected.backward(dy);
        EXPECT_TRUE(identical(a.grad(), b.grad()));
        EXPECT_TRUE(identical(fusedNorm->bias.grad(), plainNorm->bias.grad()));
        EXPECT_TRUE(identical(fusedNorm->running_mean, plainNorm->running_mean));
        EXPECT_TRUE(identical(fusedNorm->running_var, plainNorm->running_var));
        EXPECT_TRUE(identical(fusedNorm->num_batches_tracked, plainNorm->num_batches_tracked));
    }
}

// Summaries and activation captures see airbench's norm and GELU layers as before.
TEST(BatchNormGelu, SummariesAndCapturesStillSeeBothLayers)
{
    const auto net = std::make_shared<Airbench>(InputSpec {3, 16, 16, 4});
    convertToChannelsLast(*net);
    const auto summary = summarizeNetwork(*net);
    std::vector<std::string> names;
    for (const auto &layer : summary.layers)
        names.push_back(layer.name);
    for (const std::string name : {"block1.norm1", "block1.activ1", "block2.norm2", "block3.activ2"})
        EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;

    net->train();
    const auto x = torch::randn({4, 3, 16, 16}).contiguous(kChannelsLast);
    ActivationCapture capture;
    net->forward(x);
    int norms = 0, activations = 0;
    for (const auto &entry : capture.entries()) {
        norms += dynamic_cast<const BatchNorm2dImpl *>(entry.module) != nullptr;
        activations += dynamic_cast<const GELUImpl *>(entry.module) != nullptr;
    }
    EXPECT_EQ(norms, 6);
    EXPECT_EQ(activations, 7); // the whitening layer's too
}

namespace {

struct AirbenchStep
{
    torch::Tensor loss, buffers; // buffers: the floating-point ones (running statistics), flattened
    std::vector<torch::Tensor> grads;
};

// One training forward and backward of a fresh channels-last airbench (the same one every call).
AirbenchStep airbenchStep(bool bf16, bool fused)
{
    torch::manual_seed(11);
    Airbench net(InputSpec {3, 16, 16, 4});
    convertToChannelsLast(net);
    net.train();
    const auto x = torch::randn({32, 3, 16, 16}).contiguous(kChannelsLast);
    const auto labels = torch::randint(0, 4, {32});
    setBatchNormGeluEnabled(fused);
    torch::Tensor logits;
    {
        AutocastGuard autocast(bf16 ? Precision::Bf16 : Precision::Fp32, false);
        logits = net.forward(x);
    }
    setBatchNormGeluEnabled(true);
    const auto loss = torch::nn::functional::cross_entropy(logits.to(torch::kFloat32), labels);
    loss.backward();
    AirbenchStep step;
    step.loss = loss.detach();
    for (const auto &p : net.parameters())
        if (p.grad().defined())
            step.grads.push_back(p.grad().clone());
    std::vector<torch::Tensor> buffers;
    for (const auto &item : net.named_buffers())
        if (item.value().is_floating_point())
            buffers.push_back(item.value().flatten());
    step.buffers = torch::cat(buffers);
    return step;
}

} // namespace

// A whole airbench training step, channels-last float32, trains the same with the fused kernel as
// without: loss, every parameter gradient and the running statistics.
TEST(BatchNormGelu, AirbenchTrainsTheSameEitherWay)
{
    const auto plain = airbenchStep(false, false), fused = airbenchStep(false, true);
    ASSERT_EQ(plain.grads.size(), fused.grads.size());
    EXPECT_LT(relativeError(fused.loss, plain.loss), 1e-5);
    double worst = 0;
    for (size_t i = 0; i < plain.grads.size(); ++i) {
        SCOPED_TRACE("parameter " + std::to_string(i));
        EXPECT_LT(relativeError(fused.grads[i], plain.grads[i]), 1e-4);
        worst = std::max(worst, relativeError(fused.grads[i], plain.grads[i]));
    }
    EXPECT_TRUE(close(fused.buffers, plain.buffers, 1e-5));
    ::testing::Test::RecordProperty("worstRelErrGrad", scientific(worst));
}

// Under bf16 autocast the gradients of this small network already differ from float32 by up to 40%
// (of a parameter's largest gradient) in either route. The fused route rounds less (the normalized
// values never go through bf16): it must be as close to float32 as the two layers are.
TEST(BatchNormGelu, AirbenchUnderBf16AutocastIsAsCloseToFloat32AsTheLayers)
{
    const WinogradTileScope direct(0); // Winograd's rounding would swamp the difference under test
    const auto reference = airbenchStep(false, false);
    const auto plain = airbenchStep(true, false), fused = airbenchStep(true, true);
    ASSERT_EQ(plain.grads.size(), fused.grads.size());
    EXPECT_LT(relativeError(fused.loss, plain.loss), 2e-3);
    for (size_t i = 0; i < plain.grads.size(); ++i) {
        SCOPED_TRACE("parameter " + std::to_string(i));
        EXPECT_TRUE(torch::isfinite(fused.grads[i]).all().item<bool>());
        EXPECT_LE(relativeError(fused.grads[i], reference.grads[i]),
            1.25 * relativeError(plain.grads[i], reference.grads[i]) + 1e-2);
    }
    EXPECT_TRUE(close(fused.buffers, plain.buffers, 2e-2));
    ::testing::Test::RecordProperty("maxDiffRunningStats", scientific(maxDiff(fused.buffers, plain.buffers)));
}
