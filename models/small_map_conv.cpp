#include "models/small_map_conv.h"

#include "models/autocast_state.h"
#include "models/network.h"
#include "models/own_kernels.h"
#include "models/winograd_conv.h"

#include <atomic>
#include <stdexcept>
#include <variant>
#include <vector>

namespace cifarlab {

namespace {

std::atomic<bool> g_enabled {true};

constexpr int64_t kWinogradMinChannels = 48;

// taps x (positions * positions): 1 where tap t of the kernel carries input position q to output
// position p on an h x w map with "same" padding.
torch::Tensor tapMatrix(int64_t k, int64_t h, int64_t w)
{
    const int64_t positions = h * w;
    const int64_t half = k / 2;
    std::vector<float> taps(static_cast<size_t>(k * k * positions * positions), 0.0f);
    for (int64_t q = 0; q < positions; ++q) {
        for (int64_t p = 0; p < positions; ++p) {
            const int64_t dy = q / w - p / w + half, dx = q % w - p % w + half;
            if (dy >= 0 && dy < k && dx >= 0 && dx < k)
                taps[static_cast<size_t>(((dy * k + dx) * positions + q) * positions + p)] = 1.0f;
        }
    }
    return torch::from_blob(taps.data(), {k * k, positions * positions}, torch::kFloat32).clone();
}

} // namespace

bool isSameSizeConv(const torch::nn::Conv2d &conv)
{
    const auto &o = conv->options;
    const auto kernel = *o.kernel_size();
    const auto stride = *o.stride();
    const auto dilation = *o.dilation();
    // LibTorch 1.13's options hold c10::variant, 2.x's std::variant: argument lookup picks the match.
    using std::get_if;
    using std::holds_alternative;
    const auto *padding = get_if<torch::ExpandingArray<2>>(&o.padding());
    return kernel[0] == kernel[1] && kernel[0] % 2 == 1 && stride[0] == 1 && stride[1] == 1 && dilation[0] == 1
        && dilation[1] == 1 && o.groups() == 1 && padding && (**padding)[0] == kernel[0] / 2 && (**padding)[1] == kernel[0] / 2
        && holds_alternative<torch::enumtype::kZeros>(o.padding_mode());
}

bool smallMapConvApplies(const torch::nn::Conv2d &conv, const torch::Tensor &x)
{
    if (x.dim() != 4 || !x.device().is_cpu() || !isSameSizeConv(conv))
        return false;
    const int64_t kernel = (*conv->options.kernel_size())[0];
    // Channels-last only: the input gradient comes back in that layout, and LibTorch 1.13's oneDNN
    // GELU backward reads a channels-last gradient of an NCHW input as if it were NCHW (garbage).
    return x.size(2) * x.size(3) <= kernel * kernel && x.size(1) == conv->options.in_channels()
        && x.is_contiguous(torch::MemoryFormat::ChannelsLast);
}

torch::Tensor smallMapConv(const torch::nn::Conv2d &conv, const torch::Tensor &x)
{
    if (!smallMapConvApplies(conv, x))
        throw std::invalid_argument("smallMapConv: the convolution or its input does not qualify");
    const int64_t n = x.size(0), cin = x.size(1), h = x.size(2), w = x.size(3);
    const int64_t k = (*conv->options.kernel_size())[0];
    const int64_t cout = conv->options.out_channels();
    const int64_t positions = h * w;
    const auto &weight = conv->weight;
    // dense[(q, ci), (p, co)] = weight[co, ci, tap(q -> p)]: a product with a 0/1 matrix, so autograd
    // sums each tap's gradient over the position pairs it serves.
    const auto perTap = weight.permute({2, 3, 1, 0}).reshape({k * k, cin * cout});
    const auto taps = tapMatrix(k, h, w).to(weight.device());
    const auto dense = taps.t().matmul(perTap).view({positions, positions, cin, cout}).permute({0, 2, 1, 3}).reshape(
        {positions * cin, positions * cout});
    auto y = x.permute({0, 2, 3, 1}).reshape({n, positions * cin}).matmul(dense).view({n, h, w, cout}).permute({0, 3, 1, 2});
    if (conv->options.bias())
        y = y + conv->bias.to(y.scalar_type()).view({1, cout, 1, 1});
    return y;
}

torch::Tensor convolve(torch::nn::Conv2d conv, const torch::Tensor &x)
{
    // Only where a backward pass follows: oneDNN's forward on these maps is as fast as the product,
    // and inference would pay for building the dense matrix on every call.
    // And only in bf16 (bf16 input, or float32 under bf16 autocast): LibTorch's float32 products go to
    // BLAS, slower there than oneDNN's convolution.
    const bool training = torch::GradMode::is_enabled() && (x.requires_grad() || conv->weight.requires_grad());
    const bool bf16 = x.scalar_type() == at::kBFloat16
        || (autocast::isEnabled(c10::kCPU) && autocast::dtype(c10::kCPU) == at::kBFloat16);
    if (g_enabled && training && bf16 && ownKernelsEnabled() && smallMapConvApplies(conv, x))
        return smallMapConv(conv, x);
    // Winograd in bf16, or in float32 where the products are large enough. On few input channels the
    // products are too thin to run fast (24->64 on 31x31: slower than oneDNN, tests/bench_winograd_conv).
    const bool fp32 = x.scalar_type() == at::kFloat && !autocast::isEnabled(c10::kCPU) && x.dim() == 4
        && winogradPaysInFloat32(x.size(0), x.size(2), x.size(3), x.size(1), conv->options.out_channels());
    if (winogradTile() != 0 && (bf16 || fp32) && x.size(1) >= kWinogradMinChannels && winogradApplies(conv, x)) {
        const auto input = bf16 && x.scalar_type() != at::kBFloat16 ? x.to(at::kBFloat16) : x;
        return winogradConv3x3(input, conv->weight, conv->options.bias() ? conv->bias : torch::Tensor());
    }
    return conv->forward(x);
}

torch::Tensor tracedConvolve(torch::nn::Conv2d &conv, const torch::Tensor &x)
{
    return tracedAs(conv, x, [&conv](const torch::Tensor &in) { return convolve(conv, in); });
}

void setSmallMapConvEnabled(bool enabled)
{
    g_enabled = enabled;
}

} // namespace cifarlab
