#include "models/resnext.h"

namespace cifarlab {

namespace nn = torch::nn;

ResNeXtBlockImpl::ResNeXtBlockImpl(
    int64_t inPlanes, int64_t cardinality, int64_t bottleneckWidth, int64_t stride)
{
    const int64_t groupWidth = cardinality * bottleneckWidth;
    const int64_t outPlanes = kExpansion * groupWidth;
    // Registration order fixes the state_dict order: conv1, bn1, conv2, bn2, conv3, bn3, shortcut.
    m_conv1 = register_module("conv1", nn::Conv2d(nn::Conv2dOptions(inPlanes, groupWidth, 1).bias(false)));
    m_bn1 = register_module("bn1", BatchNorm2d(groupWidth));
    m_relu1 = register_module("relu1", nn::ReLU(nn::ReLUOptions(true)));
    m_conv2 = register_module("conv2",
        nn::Conv2d(nn::Conv2dOptions(groupWidth, groupWidth, 3)
                       .stride(stride)
                       .padding(1)
                       .groups(cardinality)
                       .bias(false)));
    m_bn2 = register_module("bn2", BatchNorm2d(groupWidth));
    m_relu2 = register_module("relu2", nn::ReLU(nn::ReLUOptions(true)));
    m_conv3 = register_module("conv3", nn::Conv2d(nn::Conv2dOptions(groupWidth, outPlanes, 1).bias(false)));
    m_bn3 = register_module("bn3", BatchNorm2d(outPlanes));
    if (stride != 1 || inPlanes != outPlanes) {
        m_shortcut = register_module("shortcut",
            nn::Sequential(nn::Conv2d(nn::Conv2dOptions(inPlanes, outPlanes, 1).stride(stride).bias(false)),
                BatchNorm2d(outPlanes)));
    }
    m_relu3 = register_module("relu3", nn::ReLU(nn::ReLUOptions(true)));
}

torch::Tensor ResNeXtBlockImpl::forward(torch::Tensor x)
{
    torch::Tensor out = traced(m_relu1, traced(m_bn1, traced(m_conv1, x)));
    out = traced(m_relu2, traced(m_bn2, traced(m_conv2, out)));
    out = traced(m_bn3, traced(m_conv3, out));
    out = out + (m_shortcut ? tracedSequential(m_shortcut, x) : x);
    return traced(m_relu3, out);
}

ResNeXt29::ResNeXt29(const InputSpec &input)
    : Network("resnext29_32x4d", input, 1)
{
    m_conv1 = register_module("conv1", nn::Conv2d(nn::Conv2dOptions(input.channels, 64, 1).bias(false)));
    m_bn1 = register_module("bn1", BatchNorm2d(64));
    m_relu = register_module("relu", nn::ReLU(nn::ReLUOptions(true)));
    int64_t inPlanes = 64;
    int64_t bottleneckWidth = kBottleneckWidth;
    for (int stage = 0; stage < 3; ++stage) {
        nn::Sequential layer;
        for (int block = 0; block < 3; ++block) {
            const int64_t stride = (stage > 0 && block == 0) ? 2 : 1;
            layer->push_back(ResNeXtBlock(inPlanes, kCardinality, bottleneckWidth, stride));
            inPlanes = ResNeXtBlockImpl::kExpansion * kCardinality * bottleneckWidth;
        }
        m_layers.push_back(register_module("layer" + std::to_string(stage + 1), layer));
        bottleneckWidth *= 2;
    }
    m_avgpool = register_module("avgpool", nn::AdaptiveAvgPool2d(1));
    m_flatten = register_module("flatten", nn::Flatten());
    m_linear = register_module("linear", nn::Linear(inPlanes, input.numClasses));
}

torch::Tensor ResNeXt29::forward(torch::Tensor x)
{
    x = traced(m_relu, traced(m_bn1, traced(m_conv1, x)));
    for (auto &layer : m_layers)
        x = tracedSequential(layer, x);
    x = traced(m_flatten, traced(m_avgpool, x));
    return traced(m_linear, x);
}

} // namespace cifarlab
