#pragma once

// Torch-using header: for core/ and tests only (the UI includes registry.h).

#include "models/batch_norm.h"
#include "models/network.h"

namespace cifarlab {

// BN -> ReLU -> 1x1 conv to 4*growth -> BN -> ReLU -> 3x3 conv to growth, concatenated in front of the input.
class DenseBottleneckImpl : public torch::nn::Module
{
public:
    DenseBottleneckImpl(int64_t inPlanes, int64_t growthRate);
    torch::Tensor forward(torch::Tensor x);

private:
    BatchNorm2d m_bn1 {nullptr};
    torch::nn::ReLU m_relu1 {nullptr};
    torch::nn::Conv2d m_conv1 {nullptr};
    BatchNorm2d m_bn2 {nullptr};
    torch::nn::ReLU m_relu2 {nullptr};
    torch::nn::Conv2d m_conv2 {nullptr};
};
TORCH_MODULE(DenseBottleneck);

// BN -> ReLU -> 1x1 conv (compression) -> 2x2 average pool.
class DenseTransitionImpl : public torch::nn::Module
{
public:
    DenseTransitionImpl(int64_t inPlanes, int64_t outPlanes);
    torch::Tensor forward(torch::Tensor x);

private:
    BatchNorm2d m_bn {nullptr};
    torch::nn::ReLU m_relu {nullptr};
    torch::nn::Conv2d m_conv {nullptr};
    torch::nn::AvgPool2d m_pool {nullptr};
};
TORCH_MODULE(DenseTransition);

// DenseNet-121, CIFAR variant (kuangliu/pytorch-cifar): growth rate 32, dense blocks of 6, 12, 24 and 16
// bottlenecks, compression 0.5, 3x3 stem conv to 64 channels, final BN -> ReLU -> global average pool ->
// linear. Adaptive pooling replaces the original's fixed 4x4 pool so any input of at least 8x8 works; for
// 32x32 the two are identical.
class DenseNet121 : public Network
{
public:
    static constexpr int64_t kGrowthRate = 32;
    static constexpr double kReduction = 0.5;

    explicit DenseNet121(const InputSpec &input);
    torch::Tensor forward(torch::Tensor x) override;

private:
    torch::nn::Conv2d m_conv1 {nullptr};
    std::vector<torch::nn::Sequential> m_dense;
    std::vector<DenseTransition> m_trans;
    BatchNorm2d m_bn {nullptr};
    torch::nn::ReLU m_relu {nullptr};
    torch::nn::AdaptiveAvgPool2d m_avgpool {nullptr};
    torch::nn::Flatten m_flatten {nullptr};
    torch::nn::Linear m_linear {nullptr};
};

} // namespace cifarlab
