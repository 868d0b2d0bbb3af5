#include "models/max_pool.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

using namespace cifarlab;

namespace {

constexpr auto kChannelsLast = torch::MemoryFormat::ChannelsLast;

struct Result
{
    torch::Tensor y, dx;
    std::string node; // the output's grad_fn
};

Result run(const torch::Tensor &input, const torch::Tensor &dy, bool ours)
{
    // detach() keeps the strides (clone() would make a strided view dense).
    auto x = input.detach().requires_grad_(true);
    auto y = ours ? maxPool2x2(x) : torch::max_pool2d(x, 2);
    const std::string node = y.grad_fn() ? y.grad_fn()->name() : "";
    y.backward(dy);
    return {y.detach(), x.grad(), node};
}

// Equal values and dtype, NaN where the other has NaN (a NaN's bits may differ: torch canonicalises bf16
// NaNs).
::testing::AssertionResult same(const torch::Tensor &actual, const torch::Tensor &expected)
{
    if (actual.sizes() != expected.sizes() || actual.scalar_type() != expected.scalar_type())
        return ::testing::AssertionFailure()
            << "shape or dtype differs: " << actual.sizes() << " " << actual.scalar_type() << " vs "
            << expected.sizes() << " " << expected.scalar_type();
    const auto nanA = torch::isnan(actual), nanE = torch::isnan(expected);
    if (!torch::equal(nanA, nanE))
        return ::testing::AssertionFailure() << "NaNs at different places";
    const auto zero = torch::zeros({}, actual.options());
    if (!torch::equal(torch::where(nanA, zero, actual), torch::where(nanE, zero, expected)))
        return ::testing::AssertionFailure() << "values differ, max |diff| "
                                             << (actual.to(torch::kFloat64) - expected.to(torch::kFloat64))
                                                    .abs()
                                                    .nan_to_num(0)
                                                    .max()
                                                    .item<double>();
    return ::testing::AssertionSuccess();
}

// Ours against torch::max_pool2d on the same input and output gradient; fast: which path should run.
void expectMatchesTorch(const torch::Tensor &x, bool fast)
{
    const auto yShape = torch::max_pool2d(x, 2).sizes().vec();
    const auto dy = torch::randn(yShape).to(x.scalar_type());
    const auto expected = run(x, dy, false);
    const auto actual = run(x, dy, true);
    EXPECT_TRUE(same(actual.y, expected.y));
    EXPECT_TRUE(same(actual.dx, expected.dx));
    if (fast) {
        EXPECT_NE(actual.node.find("MaxPool2x2"), std::string::npos) << actual.node;
        EXPECT_TRUE(actual.y.is_contiguous(kChannelsLast));
        EXPECT_TRUE(actual.dx.is_contiguous(kChannelsLast));
    } else {
        EXPECT_EQ(actual.node, expected.node);
    }
}

// Channel counts below, at (streamed stores) and past the 16-channel vector steps; one and many threads'
// work.
const std::vector<std::vector<int64_t>> kShapes = {{2, 3, 7, 7}, {2, 5, 8, 6}, {3, 4, 31, 31}, {1, 1, 2, 2},
    {1, 1, 3, 5}, {2, 40, 5, 6}, {2, 64, 9, 9}, {4, 64, 31, 31}, {2, 33, 3, 2}, {3, 16, 6, 7}};

// Runs check with each build of the kernels: AVX-512 and AVX2 (where the CPU has them) and portable.
template<typename Check> void forEachKernel(const Check &check)
{
    const std::pair<KernelIsa, const char *> builds[] = {
        {KernelIsa::Widest, "AVX-512"}, {KernelIsa::Avx2, "AVX2"}, {KernelIsa::Portable, "portable"}};
    for (const auto &[isa, name] : builds) {
        SCOPED_TRACE(std::string(name) + " kernels where available");
        setMaxPool2x2Isa(isa);
        check();
    }
    setMaxPool2x2Isa(KernelIsa::Widest);
}

std::string describe(const std::vector<int64_t> &shape, torch::ScalarType dtype)
{
    std::string text = c10::toString(dtype);
    for (const int64_t s : shape)
        text += " " + std::to_string(s);
    return text;
}

} // namespace

// Odd and even maps.
TEST(MaxPool2x2, MatchesTorchValuesAndGradients)
{
    torch::manual_seed(1);
    forEachKernel([] {
        for (const auto dtype : {torch::kFloat32, torch::kBFloat16})
            for (const auto &shape : kShapes) {
                SCOPED_TRACE(describe(shape, dtype));
                expectMatchesTorch(torch::randn(shape).to(dtype).contiguous(kChannelsLast), true);
            }
    });
}

// Windows with repeated maxima (including +0 against -0 and all -inf) take torch's first one.
TEST(MaxPool2x2, TiesPickTorchsPosition)
{
    torch::manual_seed(2);
    const float inf = std::numeric_limits<float>::infinity();
    forEachKernel([inf] {
        for (const auto dtype : {torch::kFloat32, torch::kBFloat16})
            for (const auto &shape : kShapes) {
                SCOPED_TRACE(describe(shape, dtype));
                expectMatchesTorch(torch::randint(0, 3, shape).to(dtype).contiguous(kChannelsLast), true);
                const auto signedZeros
                    = torch::where(torch::rand(shape) < 0.5, torch::tensor(-0.0f), torch::tensor(0.0f));
                expectMatchesTorch(signedZeros.to(dtype).contiguous(kChannelsLast), true);
                const auto infinities
                    = torch::where(torch::rand(shape) < 0.7, torch::tensor(-inf), torch::randn(shape));
                expectMatchesTorch(infinities.to(dtype).contiguous(kChannelsLast), true);
            }
    });
}

// One to four NaNs in a window: the output is NaN and the gradient goes where torch sends it.
TEST(MaxPool2x2, NanPropagatesLikeTorch)
{
    torch::manual_seed(3);
    const float nan = std::numeric_limits<float>::quiet_NaN();
    forEachKernel([nan] {
        for (const auto dtype : {torch::kFloat32, torch::kBFloat16}) {
            for (const auto &shape : kShapes)
                for (const double share : {0.1, 0.5, 0.9}) {
                    SCOPED_TRACE(describe(shape, dtype) + " NaN share " + std::to_string(share));
                    const auto x
                        = torch::where(torch::rand(shape) < share, torch::tensor(nan), torch::randn(shape));
                    expectMatchesTorch(x.to(dtype).contiguous(kChannelsLast), true);
                }
            // Negative NaNs too: still NaN, same gradient.
            auto x = torch::randn({1, 16, 4, 4});
            x.index_put_({0, 1, 2, 3}, -nan);
            x.index_put_({0, 2, 0, 0}, -nan);
            x.index_put_({0, 2, 1, 1}, nan);
            expectMatchesTorch(x.to(dtype).contiguous(kChannelsLast), true);
        }
    });
}

// Any other layout or dtype is torch's own max-pool.
TEST(MaxPool2x2, OtherInputsFallBackToTorch)
{
    torch::manual_seed(4);
    {
        SCOPED_TRACE("NCHW float");
        expectMatchesTorch(torch::randn({2, 5, 7, 8}), false);
    }
    {
        SCOPED_TRACE("NCHW bf16");
        expectMatchesTorch(torch::randn({2, 5, 7, 8}).to(torch::kBFloat16), false);
    }
    {
        SCOPED_TRACE("channels-last double");
        expectMatchesTorch(torch::randn({2, 5, 7, 8}, torch::kFloat64).contiguous(kChannelsLast), false);
    }
    {
        SCOPED_TRACE("strided view of a channels-last tensor");
        expectMatchesTorch(torch::randn({2, 5, 8, 9}).contiguous(kChannelsLast).narrow(3, 1, 6), false);
    }
    {
        SCOPED_TRACE("3-d");
        expectMatchesTorch(torch::randn({5, 7, 8}), false);
    }
}

// Without autograd the values are the same and nothing is recorded.
TEST(MaxPool2x2, NoGradReturnsTheSameValues)
{
    torch::manual_seed(5);
    forEachKernel([] {
        for (const auto dtype : {torch::kFloat32, torch::kBFloat16})
            for (const int64_t channels : {16, 21}) {
                SCOPED_TRACE(describe({3, channels, 9, 10}, dtype));
                const auto x = torch::randn({3, channels, 9, 10})
                                   .to(dtype)
                                   .contiguous(kChannelsLast)
                                   .requires_grad_(true);
                const auto expected = torch::max_pool2d(x.detach(), 2);
                {
                    torch::NoGradGuard noGrad;
                    const auto y = maxPool2x2(x);
                    EXPECT_TRUE(same(y, expected));
                    EXPECT_FALSE(y.requires_grad());
                    EXPECT_TRUE(y.is_contiguous(kChannelsLast));
                }
                const auto y = maxPool2x2(x.detach());
                EXPECT_TRUE(same(y, expected));
                EXPECT_FALSE(y.requires_grad());
            }
    });
}

// A plain nn::MaxPool2d(2) layer runs through the fast kernel; any other pooling layer through its own forward.
TEST(MaxPool2x2, LayerRoutesOnlyPlainTwoByTwoPools)
{
    torch::nn::MaxPool2d plain(torch::nn::MaxPool2dOptions(2));
    EXPECT_TRUE(isPlainMaxPool2x2(plain));
    const auto x = torch::randn({2, 8, 6, 7}).contiguous(kChannelsLast).requires_grad_(true);
    const auto y = maxPool(plain, x);
    EXPECT_TRUE(torch::equal(y, plain(x)));
    ASSERT_TRUE(y.grad_fn());
    EXPECT_NE(y.grad_fn()->name().find("MaxPool2x2"), std::string::npos) << y.grad_fn()->name();
    for (const auto &options : {torch::nn::MaxPool2dOptions(3), torch::nn::MaxPool2dOptions(2).stride(1),
                                torch::nn::MaxPool2dOptions(2).padding(1), torch::nn::MaxPool2dOptions(2).dilation(2),
                                torch::nn::MaxPool2dOptions(2).ceil_mode(true)}) {
        torch::nn::MaxPool2d other(options);
        EXPECT_FALSE(isPlainMaxPool2x2(other));
        const auto z = maxPool(other, x);
        EXPECT_TRUE(torch::equal(z, other(x)));
        EXPECT_EQ(z.grad_fn()->name(), other(x).grad_fn()->name());
    }
}
