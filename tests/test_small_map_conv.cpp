#include "models/small_map_conv.h"

#include "core/split_evaluation.h"

#include <gtest/gtest.h>

using namespace cifarlab;

namespace {

torch::nn::Conv2d sameConv(int64_t in, int64_t out, int64_t k, bool bias)
{
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, k).padding(k / 2).bias(bias));
}

struct Gradients
{
    torch::Tensor y, dx, dw, db;
};

Gradients run(torch::nn::Conv2d conv, const torch::Tensor &input, const torch::Tensor &dy, bool dense)
{
    conv->zero_grad();
    auto x = input.detach().clone().requires_grad_(true);
    auto y = dense ? smallMapConv(conv, x) : conv->forward(x);
    y.backward(dy);
    return {y.detach(), x.grad(), conv->weight.grad().clone(), conv->options.bias() ? conv->bias.grad().clone() : torch::Tensor()};
}

double relativeError(const torch::Tensor &a, const torch::Tensor &b)
{
    return ((a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max() / b.to(torch::kFloat64).abs().max().clamp_min(1e-12)).item<double>();
}

} // namespace

// The dense product computes the convolution and its gradients on every tiny map, in either layout.
TEST(SmallMapConv, MatchesTheConvolutionAndItsGradients)
{
    torch::manual_seed(3);
    struct Case
    {
        int64_t k, h, w;
        bool bias, channelsLast;
    };
    for (const Case c : {Case {3, 3, 3, false, true}, Case {3, 3, 3, true, true}, Case {3, 2, 3, false, true}, Case {3, 1, 1, true, true},
                         Case {5, 4, 5, false, true}, Case {1, 1, 1, false, false}}) {
        SCOPED_TRACE("k " + std::to_string(c.k) + ", map " + std::to_string(c.h) + "x" + std::to_string(c.w));
        auto conv = sameConv(6, 5, c.k, c.bias);
        auto x = torch::randn({4, 6, c.h, c.w});
        if (c.channelsLast)
            x = x.contiguous(torch::MemoryFormat::ChannelsLast);
        ASSERT_TRUE(smallMapConvApplies(conv, x));
        const auto dy = torch::randn({4, 5, c.h, c.w});
        const auto expected = run(conv, x, dy, false);
        const auto actual = run(conv, x, dy, true);
        EXPECT_EQ(actual.y.sizes(), expected.y.sizes());
        EXPECT_LT(relativeError(actual.y, expected.y), 1e-5);
        EXPECT_LT(relativeError(actual.dx, expected.dx), 1e-5);
        EXPECT_LT(relativeError(actual.dw, expected.dw), 1e-5);
        if (c.bias) {
            EXPECT_LT(relativeError(actual.db, expected.db), 1e-5);
        }
        // Channels-last in, channels-last out and back, as for the convolution.
        EXPECT_TRUE(actual.y.is_contiguous(torch::MemoryFormat::ChannelsLast));
        EXPECT_TRUE(actual.dx.is_contiguous(torch::MemoryFormat::ChannelsLast));
        EXPECT_TRUE(convolve(conv, x).allclose(expected.y, 1e-4, 1e-5));
    }
}

// Under bf16 autocast both routes multiply the same bf16 values: they agree to bf16 rounding.
TEST(SmallMapConv, AgreesUnderBf16Autocast)
{
    torch::manual_seed(5);
    auto conv = sameConv(64, 64, 3, false);
    const auto x = torch::randn({16, 64, 3, 3}).contiguous(torch::MemoryFormat::ChannelsLast);
    torch::Tensor expected, actual;
    {
        AutocastGuard autocast(Precision::Bf16, false);
        expected = conv->forward(x);
        actual = smallMapConv(conv, x);
    }
    EXPECT_EQ(actual.scalar_type(), expected.scalar_type());
    EXPECT_LT(relativeError(actual, expected), 2e-2);
}

// Anything else goes through the layer's own forward.
TEST(SmallMapConv, AppliesOnlyToSameStrideOneConvolutionsOnTinyMaps)
{
    auto conv = sameConv(8, 8, 3, false);
    const auto cl = torch::MemoryFormat::ChannelsLast;
    EXPECT_TRUE(smallMapConvApplies(conv, torch::zeros({2, 8, 3, 3}).contiguous(cl)));
    EXPECT_FALSE(smallMapConvApplies(conv, torch::zeros({2, 8, 3, 3}))) << "NCHW: its gradient would come back channels-last";
    EXPECT_FALSE(smallMapConvApplies(conv, torch::zeros({2, 8, 7, 7}).contiguous(cl))) << "49 positions cost 5x the convolution";
    EXPECT_FALSE(smallMapConvApplies(conv, torch::zeros({2, 8, 3}))) << "not a batch of maps";
    torch::nn::Conv2d strided(torch::nn::Conv2dOptions(8, 8, 3).padding(1).stride(2));
    EXPECT_FALSE(smallMapConvApplies(strided, torch::zeros({2, 8, 3, 3}).contiguous(cl)));
    torch::nn::Conv2d valid(torch::nn::Conv2dOptions(8, 8, 3));
    EXPECT_FALSE(smallMapConvApplies(valid, torch::zeros({2, 8, 3, 3}).contiguous(cl)));
    torch::nn::Conv2d grouped(torch::nn::Conv2dOptions(8, 8, 3).padding(1).groups(2));
    EXPECT_FALSE(smallMapConvApplies(grouped, torch::zeros({2, 8, 3, 3}).contiguous(cl)));
    torch::nn::Conv2d dilated(torch::nn::Conv2dOptions(8, 8, 3).padding(1).dilation(2));
    EXPECT_FALSE(smallMapConvApplies(dilated, torch::zeros({2, 8, 3, 3}).contiguous(cl)));
    torch::nn::Conv2d circular(torch::nn::Conv2dOptions(8, 8, 3).padding(1).padding_mode(torch::kCircular));
    EXPECT_FALSE(smallMapConvApplies(circular, torch::zeros({2, 8, 3, 3}).contiguous(cl)));
    torch::nn::Conv2d even(torch::nn::Conv2dOptions(8, 8, 2).padding(1));
    EXPECT_FALSE(smallMapConvApplies(even, torch::zeros({2, 8, 2, 2}).contiguous(cl)));
    EXPECT_THROW(smallMapConv(conv, torch::zeros({2, 8, 7, 7})), std::invalid_argument);
    const auto big = torch::randn({2, 8, 7, 7});
    EXPECT_TRUE(torch::equal(convolve(conv, big), conv->forward(big)));
    // Nor in float32, training included: LibTorch's float32 products go to BLAS, slower than oneDNN.
    const auto trained = torch::randn({2, 8, 3, 3}).contiguous(cl).requires_grad_(true);
    EXPECT_TRUE(torch::equal(convolve(conv, trained), conv->forward(trained)));
    // Without gradients (inference) the layer's own forward runs: no dense matrix to build.
    const auto tiny = torch::randn({2, 8, 3, 3}).contiguous(cl);
    torch::NoGradGuard noGrad;
    EXPECT_TRUE(torch::equal(convolve(conv, tiny), conv->forward(tiny)));
}

#include "models/airbench.h"

// airbench on 16x16 images meets 3x3 and 1x1 maps: both routes give the same outputs and gradients
// (the dense one runs in bf16 only; in float32 both runs take the convolution, which must hold too).
TEST(SmallMapConv, AirbenchTrainsTheSameEitherWay)
{
    for (const auto &[bf16, channelsLast] : {std::pair {false, false}, std::pair {false, true}, std::pair {true, true}}) {
        SCOPED_TRACE(std::string(bf16 ? "bf16" : "fp32") + (channelsLast ? ", channels-last" : ", NCHW"));
        torch::manual_seed(11);
        Airbench net(InputSpec {3, 16, 16, 4});
        const auto format = channelsLast ? torch::MemoryFormat::ChannelsLast : torch::MemoryFormat::Contiguous;
        if (channelsLast)
            convertToChannelsLast(net);
        const auto x = torch::randn({32, 3, 16, 16}).contiguous(format);
        std::vector<torch::Tensor> outputs, grads;
        for (const bool dense : {false, true}) {
            setSmallMapConvEnabled(dense);
            net.zero_grad();
            torch::Tensor y;
            {
                AutocastGuard autocast(bf16 ? Precision::Bf16 : Precision::Fp32, false);
                y = net.forward(x);
            }
            y.to(torch::kFloat32).square().sum().backward();
            outputs.push_back(y.detach().to(torch::kFloat32));
            std::vector<torch::Tensor> g;
            for (const auto &p : net.parameters())
                if (p.grad().defined())
                    g.push_back(p.grad().flatten());
            grads.push_back(torch::cat(g));
        }
        setSmallMapConvEnabled(true);
        EXPECT_TRUE(torch::isfinite(outputs[1]).all().item<bool>());
        EXPECT_TRUE(torch::isfinite(grads[1]).all().item<bool>());
        EXPECT_LT(relativeError(outputs[1], outputs[0]), bf16 ? 3e-2 : 1e-4);
        EXPECT_LT(relativeError(grads[1], grads[0]), bf16 ? 5e-2 : 1e-4);
    }
}
