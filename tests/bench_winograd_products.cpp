// What Winograd's algorithm would leave of airbench's convolutions on this CPU: oneDNN's direct bf16
// convolution (forward, channels-last) against the batched matrix products that Winograd F(2x2,3x3)
// and F(4x4,3x3) would run instead, plus a copy of their input and output, the least any transform
// of them costs. No transform is implemented; this measures the ceiling before anyone writes one.
// Then the price in precision: both algorithms emulated with fp32 transforms and bf16 products,
// their relative error against an fp64 convolution of the same bf16 inputs, beside oneDNN's.
// Usage: bench_winograd_products [threads] [batch]   (best of 5 runs after one warm-up)
#include "core/runtime.h"
#include "core/tensor_memory_cache.h"
#include "support/best_time.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

namespace {

using cifarlab::bench::bestMilliseconds;

// Winograd's matrices (Lavin and Gray 2016) for m = 2 and 4: input transform B^T, filter transform
// G, output transform A^T.
struct WinogradMatrices
{
    torch::Tensor bt, g, at;
};

torch::Tensor matrix(const std::vector<double> &values, int64_t rows, int64_t cols)
{
    return torch::tensor(values, torch::kFloat64).view({rows, cols}).to(torch::kFloat32);
}

WinogradMatrices winogradMatrices(int64_t m)
{
    if (m == 2)
        return {matrix({1, 0, -1, 0, 0, 1, 1, 0, 0, -1, 1, 0, 0, 1, 0, -1}, 4, 4),
            matrix({1, 0, 0, .5, .5, .5, .5, -.5, .5, 0, 0, 1}, 4, 3),
            matrix({1, 1, 1, 0, 0, 1, -1, -1}, 2, 4)};
    return {matrix({4, 0, -5, 0, 1, 0, 0, -4, -4, 1, 1, 0, 0, 4, -4, -1, 1, 0, 0, -2, -1, 2, 1, 0, 0, 2, -1,
                       -2, 1, 0, 0, 4, 0, -5, 0, 1},
                6, 6),
        matrix({1. / 4, 0, 0, -1. / 6, -1. / 6, -1. / 6, -1. / 6, 1. / 6, -1. / 6, 1. / 24, 1. / 12, 1. / 6,
                   1. / 24, -1. / 12, 1. / 6, 0, 0, 1},
            6, 3),
        matrix({1, 1, 1, 1, 1, 0, 0, 1, -1, 2, -2, 0, 0, 1, 1, 4, 4, 0, 0, 1, -1, 8, -8, 1}, 4, 6)};
}

torch::Tensor roundedToBf16(const torch::Tensor &t)
{
    return t.to(torch::kBFloat16).to(torch::kFloat32);
}

// A 3x3 convolution (stride 1, padding 1) by Winograd F(mxm,3x3): transforms in fp32, the products on
// bf16 operands accumulating in fp32, the output rounded to bf16 as a bf16 convolution's is.
torch::Tensor winogradConv(const torch::Tensor &x, const torch::Tensor &w, int64_t m)
{
    const WinogradMatrices t = winogradMatrices(m);
    const int64_t side = x.size(2), tiles = (side + m - 1) / m, padEnd = tiles * m + 1 - side;
    const auto padded = torch::constant_pad_nd(x, {1, padEnd, 1, padEnd});
    const auto d = padded.unfold(2, m + 2, m).unfold(3, m + 2, m); // N C tiles tiles m+2 m+2
    const auto u = roundedToBf16(torch::einsum("ij,nctwjk,lk->nctwil", {t.bt, d, t.bt}));
    const auto v = roundedToBf16(torch::einsum("ij,ocjk,lk->ocil", {t.g, w, t.g}));
    const auto products = torch::einsum("nctwil,ocil->notwil", {u, v});
    const auto y = torch::einsum("ij,notwjk,lk->notwil", {t.at, products, t.at})
                       .permute({0, 1, 2, 4, 3, 5})
                       .reshape({x.size(0), w.size(0), tiles * m, tiles * m});
    return roundedToBf16(y.slice(2, 0, side).slice(3, 0, side));
}

double relativeError(const torch::Tensor &y, const torch::Tensor &reference)
{
    return ((y.to(torch::kFloat64) - reference).norm() / reference.norm()).item<double>();
}

struct Layer
{
    const char *name;
    int64_t in, out, side;
};

} // namespace

int main(int argc, char **argv)
{
    cifarlab::configureThreads(argc > 1 ? std::atoi(argv[1]) : 0);
    const int64_t batch = argc > 2 ? std::atoll(argv[2]) : 2000;
    if (batch <= 0) {
        std::fprintf(stderr, "bench_winograd_products: batch must be positive\n");
        return 2;
    }
    // As in training: without the cache every 100+ MB result, direct or not, is faulted in afresh.
    cifarlab::configureTensorMemoryCache();
    torch::NoGradGuard noGrad;
    std::printf("threads %d, batch %lld, bf16, channels-last; times in ms, best of 5\n\n",
        at::get_num_threads(), static_cast<long long>(batch));
    std::printf("%-15s %-9s %9s %8s %9s %11s %9s %9s %9s\n", "airbench layer", "method", "products", "flops",
        "time", "GFLOP/s", "copy", "MB", "sum");

    // airbench's 3x3 convolutions, each on its input's map (stride 1, padding 1)
    const Layer layers[] = {{"24->64 @31", 24, 64, 31}, {"64->64 @15", 64, 64, 15},
        {"64->256 @15", 64, 256, 15}, {"256->256 @7", 256, 256, 7}, {"256->256 @3", 256, 256, 3}};
    for (const Layer &layer : layers) {
        const auto x = torch::randn({batch, layer.in, layer.side, layer.side})
                           .to(torch::kBFloat16)
                           .contiguous(at::MemoryFormat::ChannelsLast);
        const auto w = torch::randn({layer.out, layer.in, 3, 3})
                           .to(torch::kBFloat16)
                           .contiguous(at::MemoryFormat::ChannelsLast);
        const double directFlops = 2.0 * batch * layer.side * layer.side * layer.in * layer.out * 9;
        const double direct = bestMilliseconds([&] { (void)torch::conv2d(x, w, {}, 1, 1); });
        std::printf("%-15s %-9s %9s %7.2fx %9.1f %11.0f %9s %9s %9.1f\n", layer.name, "direct", "", 1.0,
            direct, directFlops / direct / 1e6, "", "", direct);

        for (int64_t m : {2, 4}) {
            // F(mxm,3x3): (m+2)^2 products of (tiles x in) by (in x out), one per point of a tile
            const int64_t points = (m + 2) * (m + 2);
            const int64_t tilesPerSide = (layer.side + m - 1) / m;
            const int64_t tiles = batch * tilesPerSide * tilesPerSide;
            const auto u = torch::randn({points, tiles, layer.in}).to(torch::kBFloat16);
            const auto v = torch::randn({points, layer.in, layer.out}).to(torch::kBFloat16);
            auto product = torch::bmm(u, v);
            // into one buffer: the best case for the products, whatever the allocator does
            const double products = bestMilliseconds([&] { torch::bmm_out(product, u, v); });
            auto uCopy = torch::empty_like(u);
            auto productCopy = torch::empty_like(product);
            const double copies = bestMilliseconds([&] {
                uCopy.copy_(u);
                productCopy.copy_(product);
            });
            const double flops = 2.0 * points * tiles * layer.in * layer.out;
            const double megabytes = static_cast<double>(u.numel() + product.numel()) * 2 / 1e6;
            const char *method = m == 2 ? "F(2x2)" : "F(4x4)";
            std::printf("%-15s %-9s %9lld %7.2fx %9.1f %11.0f %9.1f %9.0f %9.1f\n", "", method,
                static_cast<long long>(points), directFlops / flops, products, flops / products / 1e6, copies,
                megabytes, products + copies);
        }
    }
    std::printf(
        "\nflops: how many times fewer multiply-adds than the direct convolution; copy: one copy of the\n"
        "transformed input and of the products (bf16), the least the two transforms must move; sum: products "
        "+ copy\n");

    std::printf("\nrelative error (L2) against fp64 on the same bf16 inputs, 16 images of GELU(N(0,1)), "
                "filters N(0,1/(9 in)):\n");
    std::printf("%-15s %12s %12s %12s\n", "airbench layer", "direct bf16", "F(2x2) bf16", "F(4x4) bf16");
    torch::manual_seed(0);
    for (const Layer &layer : layers) {
        const auto x = roundedToBf16(torch::gelu(torch::randn({16, layer.in, layer.side, layer.side})));
        const auto w = roundedToBf16(
            torch::randn({layer.out, layer.in, 3, 3}) / std::sqrt(9.0 * static_cast<double>(layer.in)));
        const auto reference = torch::conv2d(x.to(torch::kFloat64), w.to(torch::kFloat64), {}, 1, 1);
        const auto direct = torch::conv2d(x.to(torch::kBFloat16).contiguous(at::MemoryFormat::ChannelsLast),
            w.to(torch::kBFloat16).contiguous(at::MemoryFormat::ChannelsLast), {}, 1, 1);
        std::printf("%-15s %12.2e %12.2e %12.2e\n", layer.name, relativeError(direct, reference),
            relativeError(winogradConv(x, w, 2), reference), relativeError(winogradConv(x, w, 4), reference));
    }
    return 0;
}
