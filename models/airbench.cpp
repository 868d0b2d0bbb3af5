#include "models/airbench.h"

#include "models/batch_norm_gelu.h"
#include "models/max_pool.h"
#include "models/small_map_conv.h"

#include <cmath>
#include <stdexcept>

namespace cifarlab {

namespace nn = torch::nn;

namespace {

constexpr int64_t kWhitenKernel = 2;

nn::Conv2d identityConv(int64_t in, int64_t out)
{
    nn::Conv2d conv(nn::Conv2dOptions(in, out, 3).padding(1).bias(false));
    torch::NoGradGuard noGrad;
    // Identity on the first `in` filters: each group starts close to passing its input through.
    nn::init::dirac_(conv->weight.narrow(0, 0, std::min(in, out)));
    return conv;
}

BatchNorm2d frozenScaleNorm(int64_t channels)
{
    BatchNorm2d norm(nn::BatchNorm2dOptions(channels).eps(Airbench::kBatchNormEps).momentum(Airbench::kBatchNormMomentum));
    norm->weight.set_requires_grad(false);
    return norm;
}

int64_t scaled(int64_t width, double scale)
{
    return std::max<int64_t>(1, static_cast<int64_t>(std::lround(static_cast<double>(width) * scale)));
}

} // namespace

AirbenchGroupImpl::AirbenchGroupImpl(int64_t inChannels, int64_t outChannels, int64_t depth)
{
    m_conv1 = register_module("conv1", identityConv(inChannels, outChannels));
    m_pool = register_module("pool", nn::MaxPool2d(nn::MaxPool2dOptions(2)));
    m_norm1 = register_module("norm1", frozenScaleNorm(outChannels));
    m_activ1 = register_module("activ1", GELU());
    m_conv2 = register_module("conv2", identityConv(outChannels, outChannels));
    m_norm2 = register_module("norm2", frozenScaleNorm(outChannels));
    m_activ2 = register_module("activ2", GELU());
    // Registered only for depth 3, so two-convolution groups keep airbench94's parameter names.
    if (depth >= 3) {
        m_conv3 = register_module("conv3", identityConv(outChannels, outChannels));
        m_norm3 = register_module("norm3", frozenScaleNorm(outChannels));
        m_activ3 = register_module("activ3", GELU());
    }
}

torch::Tensor AirbenchGroupImpl::forward(torch::Tensor x)
{
    const auto pool = [this](const torch::Tensor &in) { return maxPool(m_pool, in); };
    x = batchNormGelu(m_norm1, m_activ1, tracedAs(m_pool, tracedConvolve(m_conv1, x), pool));
    if (!m_conv3)
        return batchNormGelu(m_norm2, m_activ2, tracedConvolve(m_conv2, x));
    const torch::Tensor shortcut = x;
    x = batchNormGelu(m_norm2, m_activ2, tracedConvolve(m_conv2, x));
    x = traced(m_norm3, tracedConvolve(m_conv3, x));
    return traced(m_activ3, x + shortcut);
}

Airbench::Airbench(const InputSpec &input, double widthScale, int64_t blockDepth)
    : Network("airbench", input, 9)
    , m_blockDepth(blockDepth)
{
    if (!(widthScale >= 0.25 && widthScale <= 8.0))
        throw std::invalid_argument("airbench: width scale must be in [0.25, 8], got " + std::to_string(widthScale));
    if (blockDepth < kMinBlockDepth || blockDepth > kMaxBlockDepth)
        throw std::invalid_argument("airbench: convolutions per group must be 2 or 3, got " + std::to_string(blockDepth));
    const int64_t whitenWidth = 2 * input.channels * kWhitenKernel * kWhitenKernel;
    const int64_t w1 = scaled(64, widthScale), w2 = scaled(256, widthScale), w3 = scaled(256, widthScale);
    m_whiten = register_module("whiten", nn::Conv2d(nn::Conv2dOptions(input.channels, whitenWidth, kWhitenKernel).bias(true)));
    m_whiten->weight.set_requires_grad(false);
    {
        // The whitened channels start centred: LibTorch's default bias draw would shift each one
        // by up to +-0.29 before the GELU (airbench zeroes it too).
        torch::NoGradGuard noGrad;
        m_whiten->bias.zero_();
    }
    m_activ = register_module("activ", GELU());
    m_block1 = register_module("block1", AirbenchGroup(whitenWidth, w1, blockDepth));
    m_block2 = register_module("block2", AirbenchGroup(w1, w2, blockDepth));
    m_block3 = register_module("block3", AirbenchGroup(w2, w3, blockDepth));
    m_pool = register_module("pool", nn::AdaptiveMaxPool2d(nn::AdaptiveMaxPool2dOptions(1)));
    m_flatten = register_module("flatten", nn::Flatten());
    m_head = register_module("head", nn::Linear(nn::LinearOptions(w3, input.numClasses).bias(false)));
}

torch::Tensor Airbench::forward(torch::Tensor x)
{
    x = traced(m_activ, traced(m_whiten, x));
    x = traced(m_block3, traced(m_block2, traced(m_block1, x)));
    x = traced(m_flatten, traced(m_pool, x));
    return traced(m_head, x) * kHeadScale;
}

torch::Tensor Airbench::patches(const torch::Tensor &images)
{
    const int64_t c = images.size(1);
    // N x C x H' x W' x k x k -> (N*H'*W') x (C*k*k), each row one patch in the conv weight's layout.
    auto p = images.to(torch::kFloat32).contiguous().unfold(2, kWhitenKernel, 1).unfold(3, kWhitenKernel, 1);
    return p.permute({0, 2, 3, 1, 4, 5}).reshape({-1, c * kWhitenKernel * kWhitenKernel}).to(torch::kFloat64);
}

void Airbench::initializeFromData(const torch::Tensor &images)
{
    if (images.dim() != 4 || images.size(1) != inputSpec().channels || images.size(0) < 1)
        throw std::invalid_argument("airbench: whitening needs N x " + std::to_string(inputSpec().channels)
                                    + " x H x W images");
    const auto x = patches(images);
    // Second moment of the patches (not centred), as in the paper; eigen-decomposed in double.
    const auto covariance = x.t().mm(x) / static_cast<double>(x.size(0));
    auto [eigenvalues, eigenvectors] = at::linalg_eigh(covariance, "U");
    eigenvalues = eigenvalues.flip(0);
    eigenvectors = eigenvectors.t().flip(0); // rows: eigenvectors, largest eigenvalue first
    const auto scaledVectors = eigenvectors / (eigenvalues.clamp_min(0) + kWhitenEps).sqrt().unsqueeze(1);
    const auto &w = m_whiten->weight;
    const auto filters = torch::cat({scaledVectors, -scaledVectors}).to(torch::kFloat32).view(w.sizes());
    torch::NoGradGuard noGrad;
    w.copy_(filters);
}

void Airbench::beginEpoch(int64_t epoch)
{
    m_whiten->bias.set_requires_grad(epoch < kWhitenBiasEpochs);
}

} // namespace cifarlab
