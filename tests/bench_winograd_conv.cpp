// 3x3 convolutions (airbench's, ResNet-18's or Baseline+'s) by oneDNN's direct kernel against
// models/winograd_conv's F(4x4,3x3) (with F(3x3,3x3) tiles at the edges of maps whose side is not a
// multiple of 4), its products computed by one batched product per tile class (bmm), by one oneDNN 1x1
// convolution per point, or by the default route (the 1x1 convolutions in float32, with bmm for wide
// layers' backward products without AVX-512): forward and forward+backward times at training's batch,
// then each method's relative error against float64 for the output and both gradients.
// Usage: bench_winograd_conv [threads] [batch] [bf16|fp32] [widest|avx2|portable]
//                            [airbench|resnet18|baseline-plus]
// (best of 5 runs after one warm-up); the fourth argument caps the transforms' build (the widest this
// CPU runs by default), to time the narrower builds on a wider CPU; the fifth picks the network's
// layers (those whose input has at least 48 channels take Winograd's route in training,
// models/small_map_conv.h).
#include "core/runtime.h"
#include "core/tensor_memory_cache.h"
#include "support/best_time.h"
#include "models/winograd_conv.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

namespace {

using cifarlab::bench::bestMilliseconds;

struct Layer
{
    const char *name;
    int64_t in, out, side;
};

enum Method
{
    kDirect,
    kBatched, // Winograd, products by bmm
    kPerPoint, // Winograd, products by 1x1 convolutions
    kDefault // Winograd, the products' default route (models/winograd_conv.h)
};
constexpr Method kMethods[] = {kDirect, kBatched, kPerPoint, kDefault};
constexpr int kMethodCount = 4;
const char *const kMethodNames[] = {"direct", "W bmm", "W 1x1", "W default"};

torch::Tensor convolution(const torch::Tensor &x, const torch::Tensor &w, Method method)
{
    if (method == kDirect)
        return torch::conv2d(x, w.to(x.scalar_type()), {}, 1, 1);
    cifarlab::setWinogradProducts(method == kBatched ? cifarlab::WinogradProducts::Batched
            : method == kPerPoint                   ? cifarlab::WinogradProducts::PerPoint
                                                    : cifarlab::WinogradProducts::Default);
    return cifarlab::winogradConv3x3(x, w, {});
}

double relativeError(const torch::Tensor &value, const torch::Tensor &reference)
{
    const auto r = reference.to(torch::kFloat64);
    return ((value.to(torch::kFloat64) - r).norm() / r.norm()).item<double>();
}

} // namespace

int main(int argc, char **argv)
{
    cifarlab::configureThreads(argc > 1 ? std::atoi(argv[1]) : 0);
    const int64_t batch = argc > 2 ? std::atoll(argv[2]) : 2000;
    const std::string type = argc > 3 ? argv[3] : "bf16";
    const std::string isa = argc > 4 ? argv[4] : "widest";
    const std::string network = argc > 5 ? argv[5] : "airbench";
    const std::vector<Layer> airbench = {{"24->64 @31", 24, 64, 31}, {"64->64 @15", 64, 64, 15},
        {"64->256 @15", 64, 256, 15}, {"256->256 @7", 256, 256, 7}};
    const std::vector<Layer> resnet18 = {{"64->64 @32", 64, 64, 32}, {"128->128 @16", 128, 128, 16},
        {"256->256 @8", 256, 256, 8}, {"512->512 @4", 512, 512, 4}};
    const std::vector<Layer> baselinePlus = {{"32->64 @16", 32, 64, 16}, {"64->128 @8", 64, 128, 8}};
    if (batch <= 0 || (type != "bf16" && type != "fp32") || (isa != "widest" && isa != "avx2" && isa != "portable")
        || (network != "airbench" && network != "resnet18" && network != "baseline-plus")) {
        std::fprintf(stderr, "usage: bench_winograd_conv [threads] [batch > 0] [bf16|fp32] [widest|avx2|portable] "
                             "[airbench|resnet18|baseline-plus]\n");
        return 2;
    }
    const std::vector<Layer> &layers = network == "resnet18" ? resnet18
        : network == "baseline-plus"                         ? baselinePlus
                                                             : airbench;
    cifarlab::setWinogradIsa(isa == "avx2" ? cifarlab::KernelIsa::Avx2
            : isa == "portable"            ? cifarlab::KernelIsa::Portable
                                           : cifarlab::KernelIsa::Widest);
    const auto dtype = type == "bf16" ? torch::kBFloat16 : torch::kFloat32;
    cifarlab::configureTensorMemoryCache(); // as in training
    cifarlab::setWinogradEdgeTileMinBatch(-1); // edge tiles from training's batch on, as in training
    std::printf("%s's layers, threads %d, batch %lld, %s activations, float32 filters, channels-last, transforms' "
                "build: %s; ms, best of 5\n\n",
        network.c_str(), at::get_num_threads(), static_cast<long long>(batch), type.c_str(), isa.c_str());
    std::printf("%-14s %-10s %9s %9s %9s %9s\n", "layer", "method", "forward", "x direct", "fwd+bwd", "x direct");

    double totals[kMethodCount][2] = {};
    for (const Layer &layer : layers) {
        const auto x = torch::randn({batch, layer.in, layer.side, layer.side})
                           .to(dtype)
                           .contiguous(at::MemoryFormat::ChannelsLast)
                           .requires_grad_();
        const auto w = (torch::randn({layer.out, layer.in, 3, 3}) / std::sqrt(9.0 * layer.in)).requires_grad_();
        const auto dy = torch::randn({batch, layer.out, layer.side, layer.side})
                            .to(dtype)
                            .contiguous(at::MemoryFormat::ChannelsLast);
        double direct[2] = {};
        for (int i = 0; i < kMethodCount; ++i) {
            const Method method = kMethods[i];
            const double forward = bestMilliseconds([&] {
                torch::NoGradGuard noGrad;
                (void)convolution(x, w, method);
            });
            const double both = bestMilliseconds([&] {
                x.mutable_grad() = torch::Tensor();
                w.mutable_grad() = torch::Tensor();
                convolution(x, w, method).backward(dy);
            });
            if (method == kDirect) {
                direct[0] = forward;
                direct[1] = both;
            }
            totals[i][0] += forward;
            totals[i][1] += both;
            std::printf("%-14s %-10s %9.1f %8.2fx %9.1f %8.2fx\n", method == kDirect ? layer.name : "",
                kMethodNames[i], forward, forward / direct[0], both, both / direct[1]);
        }
    }
    for (int i = 0; i < kMethodCount; ++i)
        std::printf("%-14s %-10s %9.1f %8.2fx %9.1f %8.2fx\n", i == 0 ? "all layers" : "", kMethodNames[i], totals[i][0],
            totals[i][0] / totals[0][0], totals[i][1], totals[i][1] / totals[0][1]);

    std::printf("\nrelative error (L2) against float64 on the same inputs, 16 images of GELU(N(0,1)):\n");
    std::printf("%-14s %-10s %10s %10s %10s\n", "layer", "method", "output", "d input", "d filters");
    torch::manual_seed(0);
    cifarlab::setWinogradEdgeTileMinBatch(0); // the tiling of training's batch on these 16 images
    for (const Layer &layer : layers) {
        const auto x0 = torch::gelu(torch::randn({16, layer.in, layer.side, layer.side})).to(dtype);
        const auto w0 = torch::randn({layer.out, layer.in, 3, 3}) / std::sqrt(9.0 * layer.in);
        const auto dy = torch::randn({16, layer.out, layer.side, layer.side}).to(dtype);
        const auto xr = x0.to(torch::kFloat64).requires_grad_();
        const auto wr = w0.to(torch::kFloat64).requires_grad_();
        const auto yr = torch::conv2d(xr, wr, {}, 1, 1);
        yr.backward(dy.to(torch::kFloat64));
        for (int i = 0; i < kMethodCount; ++i) {
            const Method method = kMethods[i];
            const auto x = x0.contiguous(at::MemoryFormat::ChannelsLast).requires_grad_();
            const auto w = w0.clone().requires_grad_();
            const auto y = convolution(x, w, method);
            y.backward(dy.contiguous(at::MemoryFormat::ChannelsLast));
            std::printf("%-14s %-10s %10.2e %10.2e %10.2e\n", method == kDirect ? layer.name : "", kMethodNames[i],
                relativeError(y, yr), relativeError(x.grad(), xr.grad()),
                relativeError(w.grad(), wr.grad()));
        }
    }
    cifarlab::setWinogradProducts(cifarlab::WinogradProducts::Default);
    cifarlab::setWinogradEdgeTileMinBatch(-1);
    return 0;
}
