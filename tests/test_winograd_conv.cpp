#include "models/winograd_conv.h"

#include "core/split_evaluation.h"
#include "models/network.h"
#include "models/small_map_conv.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <limits>
#include <string>

using namespace cifarlab;

namespace {

struct Result
{
    torch::Tensor y, dx, dw, db;
};

// LibTorch's convolution or winogradConv3x3
Result run(const torch::Tensor &input, const torch::Tensor &weight, const torch::Tensor &bias, const torch::Tensor &dy, bool winograd)
{
    auto x = input.detach().clone().requires_grad_(true);
    auto w = weight.detach().clone().requires_grad_(true);
    auto b = bias.defined() ? bias.detach().clone().requires_grad_(true) : torch::Tensor();
    auto y = winograd ? winogradConv3x3(x, w, b) : torch::conv2d(x, w.to(x.scalar_type()), b.defined() ? b.to(x.scalar_type()) : b, 1, 1);
    y.backward(dy);
    return {y.detach(), x.grad(), w.grad(), b.defined() ? b.grad() : torch::Tensor()};
}

double relativeError(const torch::Tensor &a, const torch::Tensor &b)
{
    const auto reference = b.to(torch::kFloat64);
    return ((a.to(torch::kFloat64) - reference).norm() / reference.norm().clamp_min(1e-30)).item<double>();
}

constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

// F(3x3,3x3) edge tiles for every batch or none, for the test's lifetime.
class EdgeTileScope
{
public:
    explicit EdgeTileScope(bool always) { setWinogradEdgeTileMinBatch(always ? 0 : kNever); }
    ~EdgeTileScope() { setWinogradEdgeTileMinBatch(-1); }
};

} // namespace

// In float32 it computes the convolution and its three gradients, on maps that the tiles cover exactly
// and on maps they overhang (sides 4k + 1, 2 and 3), with channels in blocks of 16, one at a time, and
// both; with the remainders covered by F(3x3,3x3) edge tiles and by overhanging F(4x4,3x3) ones.
TEST(WinogradConv, MatchesTheConvolutionAndItsGradientsInFloat32)
{
    torch::manual_seed(7);
    struct Case
    {
        int64_t n, c, k, h, w;
        bool bias;
    };
    for (const bool edge : {true, false}) {
        SCOPED_TRACE(edge ? "edge tiles" : "F(4x4,3x3) tiles only");
        const EdgeTileScope scope(edge);
        for (const Case c : {Case {2, 3, 5, 4, 4, false}, Case {3, 8, 4, 7, 5, true}, Case {2, 16, 32, 8, 8, false},
                 Case {2, 24, 16, 31, 31, false}, Case {1, 32, 8, 15, 9, true}, Case {2, 35, 18, 6, 11, true},
                 Case {2, 16, 16, 5, 10, false}, Case {1, 17, 9, 3, 13, true}, Case {2, 96, 96, 7, 6, true}}) {
            SCOPED_TRACE(std::to_string(c.c) + "->" + std::to_string(c.k) + " on " + std::to_string(c.h) + "x" + std::to_string(c.w));
            const auto x = torch::randn({c.n, c.c, c.h, c.w}).contiguous(torch::MemoryFormat::ChannelsLast);
            const auto weight = torch::randn({c.k, c.c, 3, 3});
            const auto bias = c.bias ? torch::randn({c.k}) : torch::Tensor();
            const auto dy = torch::randn({c.n, c.k, c.h, c.w});
            const auto expected = run(x, weight, bias, dy, false);
            const auto actual = run(x, weight, bias, dy, true);
            ASSERT_EQ(actual.y.sizes(), expected.y.sizes());
            EXPECT_LT(relativeError(actual.y, expected.y), 1e-5);
            EXPECT_LT(relativeError(actual.dx, expected.dx), 1e-5);
            EXPECT_LT(relativeError(actual.dw, expected.dw), 1e-5);
            if (c.bias) {
                EXPECT_LT(relativeError(actual.db, expected.db), 1e-5);
            }
            EXPECT_TRUE(actual.y.is_contiguous(torch::MemoryFormat::ChannelsLast));
            EXPECT_TRUE(actual.dx.is_contiguous(torch::MemoryFormat::ChannelsLast));
            EXPECT_EQ(actual.dx.scalar_type(), torch::kFloat32);
        }
    }
    // NCHW input gives the same values.
    const auto x = torch::randn({2, 8, 6, 6});
    const auto weight = torch::randn({4, 8, 3, 3});
    EXPECT_LT(relativeError(winogradConv3x3(x, weight, {}), torch::conv2d(x, weight, {}, 1, 1)), 1e-5);
}

// In bf16 the products round their operands: about 1.2% from float64 (a direct bf16 convolution: about
// 0.2%; Lavin's points 0, +-1, +-2: about 2.5%, which the 2% bound rules out), and the gradients come
// back in the input's dtype.
TEST(WinogradConv, Bf16ErrorIsBounded)
{
    for (const bool edge : {true, false}) {
        SCOPED_TRACE(edge ? "edge tiles" : "F(4x4,3x3) tiles only");
        const EdgeTileScope scope(edge);
        torch::manual_seed(9);
        const auto x = torch::gelu(torch::randn({8, 64, 15, 15})).to(torch::kBFloat16).contiguous(torch::MemoryFormat::ChannelsLast);
        const auto weight = torch::randn({64, 64, 3, 3}) / 24.0;
        const auto dy = torch::randn({8, 64, 15, 15}).to(torch::kBFloat16);
        const auto reference = run(x.to(torch::kFloat64), weight.to(torch::kFloat64), {}, dy.to(torch::kFloat64), false);
        const auto f4 = run(x, weight, {}, dy, true);
        EXPECT_EQ(f4.y.scalar_type(), torch::kBFloat16);
        EXPECT_EQ(f4.dx.scalar_type(), torch::kBFloat16);
        EXPECT_EQ(f4.dw.scalar_type(), torch::kFloat32);
        EXPECT_LT(relativeError(f4.y, reference.y), 2e-2);
        EXPECT_LT(relativeError(f4.dx, reference.dx), 2e-2);
        EXPECT_LT(relativeError(f4.dw, reference.dw), 2e-2);
    }
}

// Edge tiles apply from the batch the setting names, and a pass's backward uses its forward's tiling
// even if the setting changes in between.
TEST(WinogradConv, EdgeTilesFollowTheBatchThreshold)
{
    torch::manual_seed(3);
    const char *environment = std::getenv("CIFARLAB_WINOGRAD_EDGE");
    const int64_t byDefault = environment && std::string(environment) == "0" ? kNever : 1000;
    EXPECT_EQ(winogradEdgeTileMinBatch(), byDefault);
    const auto x = torch::randn({4, 8, 7, 7}).contiguous(torch::MemoryFormat::ChannelsLast);
    const auto weight = torch::randn({8, 8, 3, 3});
    const auto dy = torch::randn({4, 8, 7, 7});
    const auto expected = run(x, weight, {}, dy, false);
    setWinogradEdgeTileMinBatch(4);
    EXPECT_EQ(winogradEdgeTileMinBatch(), 4);
    auto xi = x.detach().clone().requires_grad_(true);
    auto wi = weight.detach().clone().requires_grad_(true);
    const auto y = winogradConv3x3(xi, wi, {});
    setWinogradEdgeTileMinBatch(kNever);
    y.backward(dy);
    EXPECT_LT(relativeError(y, expected.y), 1e-5);
    EXPECT_LT(relativeError(xi.grad(), expected.dx), 1e-5);
    EXPECT_LT(relativeError(wi.grad(), expected.dw), 1e-5);
    // 3 images are under a threshold of 4, so the F(4x4,3x3) tiles alone compute it.
    setWinogradEdgeTileMinBatch(4);
    const auto three = x.slice(0, 0, 3);
    EXPECT_LT(relativeError(winogradConv3x3(three, weight, {}), torch::conv2d(three, weight, {}, 1, 1)), 1e-5);
    setWinogradEdgeTileMinBatch(-1);
    EXPECT_EQ(winogradEdgeTileMinBatch(), byDefault);
}

TEST(WinogradConv, RejectsWhatItCannotCompute)
{
    const auto x = torch::randn({2, 4, 8, 8});
    EXPECT_THROW(winogradConv3x3(x, torch::randn({4, 4, 5, 5}), {}), std::invalid_argument);
    EXPECT_THROW(winogradConv3x3(x, torch::randn({4, 3, 3, 3}), {}), std::invalid_argument);
    EXPECT_THROW(winogradConv3x3(x.to(torch::kFloat64), torch::randn({4, 4, 3, 3}), {}), std::invalid_argument);
    const auto cl = torch::MemoryFormat::ChannelsLast;
    torch::nn::Conv2d conv(torch::nn::Conv2dOptions(4, 4, 3).padding(1).bias(false));
    EXPECT_TRUE(winogradApplies(conv, x.contiguous(cl)));
    EXPECT_FALSE(winogradApplies(conv, x)) << "NCHW";
    EXPECT_FALSE(winogradApplies(conv, torch::randn({2, 4, 3, 3}).contiguous(cl))) << "smaller than a tile";
    torch::nn::Conv2d strided(torch::nn::Conv2dOptions(4, 4, 3).padding(1).stride(2));
    EXPECT_FALSE(winogradApplies(strided, x.contiguous(cl)));
    torch::nn::Conv2d valid(torch::nn::Conv2dOptions(4, 4, 3));
    EXPECT_FALSE(winogradApplies(valid, x.contiguous(cl)));
    torch::nn::Conv2d wide(torch::nn::Conv2dOptions(4, 4, 5).padding(2));
    EXPECT_FALSE(winogradApplies(wide, x.contiguous(cl)));
}

// Float32 takes Winograd where a point's product (output tiles x channels x filters) reaches 2^25
// multiply-adds: each of ResNet-18's 3x3 layers from batch 128, airbench's 64->256 and 256->256 from
// 128 and its 64->64 from 512, Baseline+'s 64->128 from 1,024 (winograd_conv.cpp has the timings).
TEST(WinogradConv, Float32TakesItForLargeProductsOnly)
{
    const struct
    {
        int64_t side, channels, filters, fromBatch;
    } layers[] = {{32, 64, 64, 128}, {16, 128, 128, 128}, {8, 256, 256, 128}, {4, 512, 512, 128}, {15, 64, 256, 128},
        {7, 256, 256, 128}, {15, 64, 64, 512}, {8, 64, 128, 1024}};
    for (const auto &l : layers) {
        EXPECT_TRUE(winogradPaysInFloat32(l.fromBatch, l.side, l.side, l.channels, l.filters))
            << l.channels << "->" << l.filters << " @" << l.side << ", " << l.fromBatch << " images";
        EXPECT_FALSE(winogradPaysInFloat32(l.fromBatch - 1, l.side, l.side, l.channels, l.filters))
            << l.channels << "->" << l.filters << " @" << l.side << ", " << l.fromBatch - 1 << " images";
    }
    // Partial tiles count whole: a 7x7 map has 4 tiles of 4x4, as an 8x8 one.
    EXPECT_EQ(winogradPaysInFloat32(300, 7, 7, 128, 128), winogradPaysInFloat32(300, 8, 8, 128, 128));
    EXPECT_FALSE(winogradPaysInFloat32(0, 32, 32, 512, 512));
}

// With the tile set, bf16 convolutions of 48 channels or more on maps of 4x4 and more go through
// Winograd in training and inference, and float32 ones where winogradPaysInFloat32 (here from 512
// images on); thin ones, smaller float32 batches, and every one with the tile 0 keep LibTorch's convolution.
TEST(WinogradConv, ConvolveUsesItWhenSet)
{
    torch::manual_seed(13);
    torch::nn::Conv2d conv(torch::nn::Conv2dOptions(128, 128, 3).padding(1).bias(false));
    const auto x = torch::randn({512, 128, 8, 8}).contiguous(torch::MemoryFormat::ChannelsLast);
    setWinogradTile(4);
    torch::Tensor viaWinograd, fp32;
    {
        AutocastGuard autocast(Precision::Bf16, false);
        viaWinograd = convolve(conv, x);
    }
    fp32 = convolve(conv, x);
    setWinogradTile(0);
    torch::Tensor direct;
    {
        AutocastGuard autocast(Precision::Bf16, false);
        direct = convolve(conv, x);
    }
    const auto fp32Direct = convolve(conv, x);
    setWinogradTile(-1);
    EXPECT_EQ(viaWinograd.scalar_type(), torch::kBFloat16);
    EXPECT_FALSE(torch::equal(viaWinograd, direct)) << "Winograd rounds differently from oneDNN";
    EXPECT_LT(relativeError(viaWinograd, direct), 5e-2);
    EXPECT_EQ(fp32.scalar_type(), torch::kFloat32);
    EXPECT_FALSE(torch::equal(fp32, conv->forward(x))) << "float32 goes through Winograd too";
    EXPECT_LT(relativeError(fp32, conv->forward(x)), 1e-5);
    EXPECT_TRUE(torch::equal(fp32Direct, conv->forward(x)));
    {
        const WinogradTileScope winograd(4);
        const auto small = x.narrow(0, 0, 511);
        EXPECT_TRUE(torch::equal(convolve(conv, small), conv->forward(small))) << "float32 under 512 images: direct";
    }

    torch::nn::Conv2d thin(torch::nn::Conv2dOptions(24, 16, 3).padding(1).bias(false));
    const auto few = torch::randn({4, 24, 8, 8}).contiguous(torch::MemoryFormat::ChannelsLast);
    const WinogradTileScope winograd(4);
    EXPECT_TRUE(torch::equal(convolve(thin, few), thin->forward(few))) << "24 input channels: oneDNN is faster";
    AutocastGuard autocast(Precision::Bf16, false);
    EXPECT_TRUE(torch::equal(convolve(thin, few), thin->forward(few))) << "24 input channels: oneDNN is faster";
}

// The two ways of computing the products (one 1x1 convolution per point, one bmm per tile class) give
// the same output and gradients, with and without edge tiles, in both precisions.
TEST(WinogradConv, ProductRoutinesAgree)
{
    torch::manual_seed(17);
    const auto weight = torch::randn({24, 16, 3, 3}) / 12.0;
    const auto bias = torch::randn({24});
    EXPECT_EQ(winogradProducts(), WinogradProducts::Default);
    for (const auto dtype : {torch::kFloat32, torch::kBFloat16}) {
        for (const bool always : {true, false}) {
            const EdgeTileScope edge(always);
            const auto input = torch::randn({3, 16, 7, 10}).to(dtype);
            const auto dy = torch::randn({3, 24, 7, 10}).to(dtype);
            Result results[2];
            for (const auto products : {WinogradProducts::PerPoint, WinogradProducts::Batched}) {
                setWinogradProducts(products);
                EXPECT_EQ(winogradProducts(), products);
                results[products == WinogradProducts::Batched] = run(input, weight, bias, dy, true);
            }
            setWinogradProducts(WinogradProducts::Default);
            const double bound = dtype == torch::kFloat32 ? 1e-6 : 1e-2;
            const std::string where = std::string(dtype == torch::kFloat32 ? "float32" : "bf16") + (always ? ", edge tiles" : "");
            EXPECT_LT(relativeError(results[0].y, results[1].y), bound) << where;
            EXPECT_LT(relativeError(results[0].dx, results[1].dx), bound) << where;
            EXPECT_LT(relativeError(results[0].dw, results[1].dw), bound) << where;
            EXPECT_LT(relativeError(results[0].db, results[1].db), bound) << where;
        }
    }
    EXPECT_EQ(winogradProducts(), WinogradProducts::Default);
}

// Without AVX-512 (here or under the AVX2 ceiling of the WinogradConvUnderAvx2 run), float32 layers wider
// than 64 x 128 filters take bmm for their backward products; narrower ones, AVX-512 CPUs and forced routes
// keep the 1x1 convolutions; bf16 always takes bmm.
TEST(WinogradConv, BackwardProductsFollowTheCpu)
{
    ASSERT_EQ(winogradProducts(), WinogradProducts::Default);
    EXPECT_TRUE(winogradPerPointBackward(torch::kFloat32, 64, 64));
    EXPECT_TRUE(winogradPerPointBackward(torch::kFloat32, 64, 128));
    EXPECT_EQ(winogradPerPointBackward(torch::kFloat32, 64, 256), cpuHasAvx512());
    EXPECT_EQ(winogradPerPointBackward(torch::kFloat32, 96, 96), cpuHasAvx512());
    EXPECT_FALSE(winogradPerPointBackward(torch::kBFloat16, 64, 64));
    setWinogradProducts(WinogradProducts::PerPoint);
    EXPECT_TRUE(winogradPerPointBackward(torch::kFloat32, 256, 256));
    EXPECT_TRUE(winogradPerPointBackward(torch::kBFloat16, 256, 256));
    setWinogradProducts(WinogradProducts::Batched);
    EXPECT_FALSE(winogradPerPointBackward(torch::kFloat32, 16, 16));
    setWinogradProducts(WinogradProducts::Default);
    if (const char *ceiling = std::getenv("ONEDNN_MAX_CPU_ISA"); ceiling && std::string(ceiling) == "AVX2") {
        EXPECT_FALSE(cpuHasAvx512()) << "the ceiling must hide AVX-512";
    }
}

// The transforms' AVX-512, AVX2 and portable builds compute the same thing: the same loops, rounded
// alike up to the compiler's fused multiply-adds. Each narrower path runs where the CPU has it.
TEST(WinogradConv, InstructionSetsAgree)
{
    torch::manual_seed(23);
    const auto weight = torch::randn({32, 48, 3, 3}) / 20.0;
    const auto bias = torch::randn({32});
    for (const auto dtype : {torch::kFloat32, torch::kBFloat16}) {
        for (const bool always : {true, false}) {
            const EdgeTileScope edge(always);
            const auto input = torch::randn({2, 48, 9, 7}).to(dtype).contiguous(torch::MemoryFormat::ChannelsLast);
            const auto dy = torch::randn({2, 32, 9, 7}).to(dtype);
            setWinogradIsa(KernelIsa::Portable);
            const auto portable = run(input, weight, bias, dy, true);
            setWinogradIsa(KernelIsa::Avx2);
            const auto avx2 = run(input, weight, bias, dy, true);
            setWinogradIsa(KernelIsa::Widest);
            const auto widest = run(input, weight, bias, dy, true);
            // bf16: a fused multiply-add may round a transformed value to the neighbouring bf16 number
            const double bound = dtype == torch::kFloat32 ? 1e-6 : 1e-2;
            const std::string where = std::string(dtype == torch::kFloat32 ? "float32" : "bf16") + (always ? ", edge tiles" : "");
            for (const auto *other : {&avx2, &widest}) {
                const std::string which = where + (other == &avx2 ? ", AVX2 against portable" : ", widest against portable");
                EXPECT_LT(relativeError(other->y, portable.y), bound) << which;
                EXPECT_LT(relativeError(other->dx, portable.dx), bound) << which;
                EXPECT_LT(relativeError(other->dw, portable.dw), bound) << which;
                EXPECT_LT(relativeError(other->db, portable.db), bound) << which;
            }
            // and all of them the convolution
            const auto direct = run(input.to(torch::kFloat32), weight, bias, dy.to(torch::kFloat32), false);
            EXPECT_LT(relativeError(portable.y, direct.y), dtype == torch::kFloat32 ? 1e-5 : 5e-2) << where;
        }
    }
}

TEST(WinogradConv, TileScopeRestoresTheThreadsSetting)
{
    setWinogradTile(0);
    {
        const WinogradTileScope scope(4);
        EXPECT_EQ(winogradTile(), 4);
        const WinogradTileScope inner(-1);
        EXPECT_EQ(winogradTile(), defaultWinogradTile());
    }
    EXPECT_EQ(winogradTile(), 0);
    setWinogradTile(-1);
    EXPECT_EQ(winogradTile(), defaultWinogradTile());
    EXPECT_THROW(setWinogradTile(2), std::invalid_argument);
}

// A whole training step in bf16 of each architecture whose 3x3 convolutions go through convolve():
// with F(4x4,3x3) the output and the gradients are finite and about as far from float32 as with the
// direct convolutions (a small network's bf16 gradients already differ from float32 by tens of
// percent; see test_batch_norm_gelu), and the output differs from the direct one, so Winograd ran.
class ConvolvingArchitecture : public ::testing::TestWithParam<const char *>
{
};

TEST_P(ConvolvingArchitecture, StepInBf16IsAboutAsCloseToFloat32AsTheDirectOne)
{
    struct Step
    {
        torch::Tensor output, grads;
    };
    const auto step = [](bool bf16, int tile) {
        torch::manual_seed(17);
        const auto net = createNetwork(GetParam(), InputSpec {3, 32, 32, 10});
        convertToChannelsLast(*net);
        net->train();
        const auto x = torch::randn({8, 3, 32, 32}).contiguous(torch::MemoryFormat::ChannelsLast);
        const WinogradTileScope scope(tile);
        torch::Tensor y;
        {
            AutocastGuard autocast(bf16 ? Precision::Bf16 : Precision::Fp32, false);
            y = net->forward(x);
        }
        y.to(torch::kFloat32).square().sum().backward();
        std::vector<torch::Tensor> g;
        for (const auto &p : net->parameters())
            if (p.grad().defined())
                g.push_back(p.grad().flatten());
        return Step {y.detach().to(torch::kFloat32), torch::cat(g)};
    };
    const auto reference = step(false, 0), direct = step(true, 0), winograd = step(true, 4);
    EXPECT_TRUE(torch::isfinite(winograd.output).all().item<bool>());
    EXPECT_TRUE(torch::isfinite(winograd.grads).all().item<bool>());
    EXPECT_FALSE(torch::equal(winograd.output, direct.output)) << "the 3x3 convolutions went through Winograd";
    const double outputDirect = relativeError(direct.output, reference.output);
    const double outputWinograd = relativeError(winograd.output, reference.output);
    const double gradsDirect = relativeError(direct.grads, reference.grads);
    const double gradsWinograd = relativeError(winograd.grads, reference.grads);
    // One bf16 Winograd convolution carries about five times a direct one's rounding error
    // (scripts/winograd_points.py); ResNet-18's eleven in a row give four times its output error.
    EXPECT_LT(outputWinograd, 6 * outputDirect + 0.02);
    EXPECT_LT(gradsWinograd, 2 * gradsDirect + 0.05);
    ::testing::Test::RecordProperty("errors", std::to_string(outputDirect) + " " + std::to_string(outputWinograd) + " "
                                                  + std::to_string(gradsDirect) + " " + std::to_string(gradsWinograd));
}

INSTANTIATE_TEST_SUITE_P(WinogradConv, ConvolvingArchitecture,
    ::testing::Values("airbench", "baseline-plus", "resnet18"),
    [](const ::testing::TestParamInfo<const char *> &info) {
        std::string name;
        for (const char *c = info.param; *c; ++c)
            if (std::isalnum(static_cast<unsigned char>(*c)))
                name += *c;
        return name;
    });
