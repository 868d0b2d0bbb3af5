#pragma once

// Torch-using header: for core/ and tests only (the UI includes registry.h).

#include "models/batch_norm.h"
#include "models/gelu.h"
#include "models/network.h"

namespace cifarlab {

// conv -> max-pool 2 -> BN -> GELU -> conv -> BN -> GELU, the building block of airbench. With a depth
// of 3 (airbench96's group) a third conv -> BN follows, the first GELU's output is added back, and a
// GELU ends the group.
class AirbenchGroupImpl : public torch::nn::Module
{
public:
    AirbenchGroupImpl(int64_t inChannels, int64_t outChannels, int64_t depth = 2);
    torch::Tensor forward(torch::Tensor x);

private:
    torch::nn::Conv2d m_conv1 {nullptr};
    torch::nn::MaxPool2d m_pool {nullptr};
    BatchNorm2d m_norm1 {nullptr};
    GELU m_activ1 {nullptr};
    torch::nn::Conv2d m_conv2 {nullptr};
    BatchNorm2d m_norm2 {nullptr};
    GELU m_activ2 {nullptr};
    torch::nn::Conv2d m_conv3 {nullptr};
    BatchNorm2d m_norm3 {nullptr};
    GELU m_activ3 {nullptr};
};
TORCH_MODULE(AirbenchGroup);

// airbench94 (K. Jordan, "94% on CIFAR-10 in 3.29 Seconds on a Single GPU", arXiv 2404.00498), written
// from the paper: a frozen 2x2 patch-whitening convolution whose bias trains for the first epochs only,
// GELU, three conv groups (64/256/256 times the width scale), a global max-pool and a bias-free linear
// head scaled by 1/9. Batch norms have a frozen scale of 1, eps 1e-12 and running-stat momentum 0.4;
// convolutions start as identities on their first input-channel filters. `blockDepth` 3 gives each
// group airbench96's residual third convolution.
class Airbench : public Network
{
public:
    explicit Airbench(const InputSpec &input, double widthScale = 1.0, int64_t blockDepth = 2);
    torch::Tensor forward(torch::Tensor x) override;

    // Whitening filters from the covariance of all 2x2 patches of `images` (normalized, N x C x H x W).
    void initializeFromData(const torch::Tensor &images) override;
    void beginEpoch(int64_t epoch) override;

    static constexpr int64_t kWhitenBiasEpochs = 3;
    static constexpr double kWhitenEps = 5e-4;
    static constexpr double kHeadScale = 1.0 / 9.0;
    static constexpr double kBatchNormMomentum = 0.4; // PyTorch convention: weight of the new batch
    static constexpr double kBatchNormEps = 1e-12;
    static constexpr int64_t kMinBlockDepth = 2;
    static constexpr int64_t kMaxBlockDepth = 3;

    int64_t blockDepth() const { return m_blockDepth; }

    const torch::nn::Conv2d &whiten() const { return m_whiten; }
    // The patch matrix (patches x C*2*2) of `images` whose covariance the whitening layer inverts.
    static torch::Tensor patches(const torch::Tensor &images);

private:
    int64_t m_blockDepth = 2;
    torch::nn::Conv2d m_whiten {nullptr};
    GELU m_activ {nullptr};
    AirbenchGroup m_block1 {nullptr};
    AirbenchGroup m_block2 {nullptr};
    AirbenchGroup m_block3 {nullptr};
    torch::nn::AdaptiveMaxPool2d m_pool {nullptr};
    torch::nn::Flatten m_flatten {nullptr};
    torch::nn::Linear m_head {nullptr};
};

} // namespace cifarlab
