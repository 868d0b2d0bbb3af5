#pragma once

// Torch-using header: for core/ and tests only (the UI includes registry.h).

#include "models/batch_norm.h"
#include "models/network.h"

namespace cifarlab {

// ResNeXt bottleneck: 1x1 conv to the group width, grouped 3x3 conv (stride), 1x1 conv to twice the group
// width, each with BN; plus the input (through a 1x1 conv + BN when the shape changes).
class ResNeXtBlockImpl : public torch::nn::Module
{
public:
    static constexpr int64_t kExpansion = 2;

    ResNeXtBlockImpl(int64_t inPlanes, int64_t cardinality, int64_t bottleneckWidth, int64_t stride);
    torch::Tensor forward(torch::Tensor x);

private:
    torch::nn::Conv2d m_conv1 {nullptr};
    BatchNorm2d m_bn1 {nullptr};
    torch::nn::ReLU m_relu1 {nullptr};
    torch::nn::Conv2d m_conv2 {nullptr};
    BatchNorm2d m_bn2 {nullptr};
    torch::nn::ReLU m_relu2 {nullptr};
    torch::nn::Conv2d m_conv3 {nullptr};
    BatchNorm2d m_bn3 {nullptr};
    torch::nn::Sequential m_shortcut {nullptr}; // empty: identity
    torch::nn::ReLU m_relu3 {nullptr};
};
TORCH_MODULE(ResNeXtBlock);

// ResNeXt-29 (32x4d), CIFAR variant (kuangliu/pytorch-cifar): 1x1 stem conv to 64 channels, three stages
// of three blocks with cardinality 32 and a bottleneck width of 4 that doubles per stage (group widths 128,
// 256, 512), global average pool, linear. Adaptive pooling replaces the original's fixed 8x8 pool so any
// input size works; for 32x32 the two are identical.
class ResNeXt29 : public Network
{
public:
    static constexpr int64_t kCardinality = 32;
    static constexpr int64_t kBottleneckWidth = 4;

    explicit ResNeXt29(const InputSpec &input);
    torch::Tensor forward(torch::Tensor x) override;

private:
    torch::nn::Conv2d m_conv1 {nullptr};
    BatchNorm2d m_bn1 {nullptr};
    torch::nn::ReLU m_relu {nullptr};
    std::vector<torch::nn::Sequential> m_layers;
    torch::nn::AdaptiveAvgPool2d m_avgpool {nullptr};
    torch::nn::Flatten m_flatten {nullptr};
    torch::nn::Linear m_linear {nullptr};
};

} // namespace cifarlab
