#include "models/densenet.h"

#include <cmath>

namespace cifarlab {

namespace nn = torch::nn;

DenseBottleneckImpl::DenseBottleneckImpl(int64_t inPlanes, int64_t growthRate)
{
    // Registration order fixes the state_dict order: bn1, conv1, bn2, conv2.
    m_bn1 = register_module("bn1", BatchNorm2d(inPlanes));
    m_relu1 = register_module("relu1", nn::ReLU(nn::ReLUOptions(true)));
    m_conv1
        = register_module("conv1", nn::Conv2d(nn::Conv2dOptions(inPlanes, 4 * growthRate, 1).bias(false)));
    m_bn2 = register_module("bn2", BatchNorm2d(4 * growthRate));
    m_relu2 = register_module("relu2", nn::ReLU(nn::ReLUOptions(true)));
    m_conv2 = register_module(
        "conv2", nn::Conv2d(nn::Conv2dOptions(4 * growthRate, growthRate, 3).padding(1).bias(false)));
}

torch::Tensor DenseBottleneckImpl::forward(torch::Tensor x)
{
    torch::Tensor out = traced(m_conv1, traced(m_relu1, traced(m_bn1, x)));
    // oneDNN's direct convolution even where Winograd's is on: with 32 output channels its products are
    // too thin (bf16 training 57 against 62 images/s, 28% more memory; docs/benchmarks.md).
    out = traced(m_conv2, traced(m_relu2, traced(m_bn2, out)));
    // New features first, as in the original, so the channel order of trained weights matches.
    return torch::cat({out, x}, 1);
}

DenseTransitionImpl::DenseTransitionImpl(int64_t inPlanes, int64_t outPlanes)
{
    m_bn = register_module("bn", BatchNorm2d(inPlanes));
    m_relu = register_module("relu", nn::ReLU(nn::ReLUOptions(true)));
    m_conv = register_module("conv", nn::Conv2d(nn::Conv2dOptions(inPlanes, outPlanes, 1).bias(false)));
    m_pool = register_module("pool", nn::AvgPool2d(nn::AvgPool2dOptions(2)));
}

torch::Tensor DenseTransitionImpl::forward(torch::Tensor x)
{
    return traced(m_pool, traced(m_conv, traced(m_relu, traced(m_bn, x))));
}

// Three 2x2 average pools need 8x8 to leave one pixel.
DenseNet121::DenseNet121(const InputSpec &input)
    : Network("densenet121", input, 8)
{
    const int64_t blocks[] = {6, 12, 24, 16};
    int64_t planes = 2 * kGrowthRate;
    m_conv1 = register_module(
        "conv1", nn::Conv2d(nn::Conv2dOptions(input.channels, planes, 3).padding(1).bias(false)));
    // Registered interleaved (dense1, trans1, dense2, ...) because that is the state_dict order.
    for (int i = 0; i < 4; ++i) {
        nn::Sequential dense;
        for (int64_t b = 0; b < blocks[i]; ++b) {
            dense->push_back(DenseBottleneck(planes, kGrowthRate));
            planes += kGrowthRate;
        }
        m_dense.push_back(register_module("dense" + std::to_string(i + 1), dense));
        if (i < 3) {
            const auto outPlanes = static_cast<int64_t>(std::floor(static_cast<double>(planes) * kReduction));
            m_trans.push_back(
                register_module("trans" + std::to_string(i + 1), DenseTransition(planes, outPlanes)));
            planes = outPlanes;
        }
    }
    m_bn = register_module("bn", BatchNorm2d(planes));
    m_relu = register_module("relu", nn::ReLU(nn::ReLUOptions(true)));
    m_avgpool = register_module("avgpool", nn::AdaptiveAvgPool2d(1));
    m_flatten = register_module("flatten", nn::Flatten());
    m_linear = register_module("linear", nn::Linear(planes, input.numClasses));
}

torch::Tensor DenseNet121::forward(torch::Tensor x)
{
    x = traced(m_conv1, x);
    for (size_t i = 0; i < m_dense.size(); ++i) {
        x = tracedSequential(m_dense[i], x);
        if (i < m_trans.size())
            x = m_trans[i]->forward(x);
    }
    x = traced(m_relu, traced(m_bn, x));
    x = traced(m_flatten, traced(m_avgpool, x));
    return traced(m_linear, x);
}

} // namespace cifarlab
