#pragma once

// Torch-using header: for core/ and tests only (the UI includes registry.h).

#include "models/network.h"

namespace cifarlab {

// The original study's LeNet-style baseline: two 5x5 convolutions with max-pooling and ReLU, then three
// fully connected layers. Parameter names match the study's checkpoint (conv1, conv2, fc1..fc3).
class Baseline : public Network
{
public:
    explicit Baseline(const InputSpec &input);
    torch::Tensor forward(torch::Tensor x) override;

private:
    torch::nn::Conv2d m_conv1 {nullptr};
    torch::nn::MaxPool2d m_pool1 {nullptr};
    torch::nn::ReLU m_relu1 {nullptr};
    torch::nn::Conv2d m_conv2 {nullptr};
    torch::nn::MaxPool2d m_pool2 {nullptr};
    torch::nn::ReLU m_relu2 {nullptr};
    torch::nn::Flatten m_flatten {nullptr};
    torch::nn::Linear m_fc1 {nullptr};
    torch::nn::ReLU m_relu3 {nullptr};
    torch::nn::Linear m_fc2 {nullptr};
    torch::nn::ReLU m_relu4 {nullptr};
    torch::nn::Linear m_fc3 {nullptr};
};

} // namespace cifarlab
