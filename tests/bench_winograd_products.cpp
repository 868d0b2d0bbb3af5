// What Winograd's algorithm would leave of airbench's convolutions on this CPU: oneDNN's direct bf16
// convolution (forward, channels-last) against the batched matrix products that Winograd F(2x2,3x3)
// and F(4x4,3x3) would run instead, plus a copy of their input and output, the least any transform
// of them costs. No transform is implemented; this measures the ceiling before anyone writes one.
// Usage: bench_winograd_products [threads] [batch]   (best of 5 runs after one warm-up)
#include "core/runtime.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>

namespace {

double bestMs(const std::function<void()> &run)
{
    constexpr int kRuns = 5;
    run();
    double best = 1e300;
    for (int i = 0; i < kRuns; ++i) {
        const auto start = std::chrono::steady_clock::now();
        run();
        best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
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
    torch::NoGradGuard noGrad;
    std::printf("threads %d, batch %lld, bf16, channels-last; times in ms, best of 5\n\n", at::get_num_threads(),
        static_cast<long long>(batch));
    std::printf("%-15s %-9s %9s %8s %9s %11s %9s %9s %9s\n", "airbench layer", "method", "products", "flops", "time",
        "GFLOP/s", "copy", "MB", "sum");

    // airbench's 3x3 convolutions, each on its input's map (stride 1, padding 1)
    const Layer layers[] = {{"24->64 @31", 24, 64, 31}, {"64->64 @15", 64, 64, 15}, {"64->256 @15", 64, 256, 15},
        {"256->256 @7", 256, 256, 7}, {"256->256 @3", 256, 256, 3}};
    for (const Layer &layer : layers) {
        const auto x = torch::randn({batch, layer.in, layer.side, layer.side})
                           .to(torch::kBFloat16)
                           .contiguous(at::MemoryFormat::ChannelsLast);
        const auto w = torch::randn({layer.out, layer.in, 3, 3}).to(torch::kBFloat16).contiguous(at::MemoryFormat::ChannelsLast);
        const double directFlops = 2.0 * batch * layer.side * layer.side * layer.in * layer.out * 9;
        const double direct = bestMs([&] { (void)torch::conv2d(x, w, {}, 1, 1); });
        std::printf("%-15s %-9s %9s %7.2fx %9.1f %11.0f %9s %9s %9.1f\n", layer.name, "direct", "", 1.0, direct,
            directFlops / direct / 1e6, "", "", direct);

        for (int64_t m : {2, 4}) {
            // F(mxm,3x3): (m+2)^2 products of (tiles x in) by (in x out), one per point of a tile
            const int64_t points = (m + 2) * (m + 2);
            const int64_t tilesPerSide = (layer.side + m - 1) / m;
            const int64_t tiles = batch * tilesPerSide * tilesPerSide;
            const auto u = torch::randn({points, tiles, layer.in}).to(torch::kBFloat16);
            const auto v = torch::randn({points, layer.in, layer.out}).to(torch::kBFloat16);
            auto product = torch::bmm(u, v);
            // into a buffer of its own: a fresh 100+ MB result would be faulted in on every call
            const double products = bestMs([&] { torch::bmm_out(product, u, v); });
            auto uCopy = torch::empty_like(u);
            auto productCopy = torch::empty_like(product);
            const double copies = bestMs([&] {
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
    std::printf("\nflops: how many times fewer multiply-adds than the direct convolution; copy: one copy of the\n"
                "transformed input and of the products (bf16), the least the two transforms must move; sum: products + copy\n");
    return 0;
}
