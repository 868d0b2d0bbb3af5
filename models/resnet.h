#pragma once

// Torch-using header: for core/ and tests only (the UI includes registry.h).

#include "models/batch_norm.h"
#include "models/network.h"

namespace cifarlab {

// conv3x3 -> BN -> ReLU -> conv3x3 -> BN, plus the input (through a 1x1 conv + BN when the shape changes).
class BasicBlockImpl : public torch::nn::Module
{
public:
    BasicBlockImpl(int64_t inPlanes, int64_t planes, int64_t stride);
    torch::Tensor forward(torch::Tensor x);

private:
    torch::nn::Conv2d m_conv1 {nullptr};
    BatchNorm2d m_bn1 {nullptr};
    torch::nn::ReLU m_relu1 {nullptr};
    torch::nn::Conv2d m_conv2 {nullptr};
    BatchNorm2d m_bn2 {nullptr};
    torch::nn::Sequential m_shortcut {nullptr}; // empty: identity
    torch::nn::ReLU m_relu2 {nullptr};
};
TORCH_MODULE(BasicBlock);

// ResNet-18, CIFAR variant (kuangliu/pytorch-cifar): 3x3 stem without max-pool, four stages of two
// BasicBlocks (64, 128, 256, 512 channels), global average pool, linear. Adaptive pooling replaces the
// original's fixed 4x4 pool so any input size works; for 32x32 the two are identical.
class ResNet18 : public Network
{
public:
    explicit ResNet18(const InputSpec &input);
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
