#include "models/resnet.h"

#include "models/small_map_conv.h"

namespace cifarlab {

namespace nn = torch::nn;

BasicBlockImpl::BasicBlockImpl(int64_t inPlanes, int64_t planes, int64_t stride)
{
    // Registration order fixes the state_dict order: conv1, bn1, conv2, bn2, shortcut.
    m_conv1 = register_module(
        "conv1", nn::Conv2d(nn::Conv2dOptions(inPlanes, planes, 3).stride(stride).padding(1).bias(false)));
    m_bn1 = register_module("bn1", BatchNorm2d(planes));
    m_relu1 = register_module("relu1", nn::ReLU(nn::ReLUOptions(true)));
    m_conv2 = register_module(
        "conv2", nn::Conv2d(nn::Conv2dOptions(planes, planes, 3).stride(1).padding(1).bias(false)));
    m_bn2 = register_module("bn2", BatchNorm2d(planes));
    if (stride != 1 || inPlanes != planes) {
        m_shortcut = register_module("shortcut",
            nn::Sequential(nn::Conv2d(nn::Conv2dOptions(inPlanes, planes, 1).stride(stride).bias(false)),
                BatchNorm2d(planes)));
    }
    m_relu2 = register_module("relu2", nn::ReLU(nn::ReLUOptions(true)));
}

torch::Tensor BasicBlockImpl::forward(torch::Tensor x)
{
    // tracedConvolve: Winograd's algorithm for the stride-1 convolutions where --convolution picks it.
    torch::Tensor out = traced(m_relu1, traced(m_bn1, tracedConvolve(m_conv1, x)));
    out = traced(m_bn2, tracedConvolve(m_conv2, out));
    out = out + (m_shortcut ? tracedSequential(m_shortcut, x) : x);
    return traced(m_relu2, out);
}

ResNet18::ResNet18(const InputSpec &input)
    : Network("resnet18", input, 1)
{
    m_conv1 = register_module(
        "conv1", nn::Conv2d(nn::Conv2dOptions(input.channels, 64, 3).stride(1).padding(1).bias(false)));
    m_bn1 = register_module("bn1", BatchNorm2d(64));
    m_relu = register_module("relu", nn::ReLU(nn::ReLUOptions(true)));
    int64_t inPlanes = 64;
    const int64_t planes[] = {64, 128, 256, 512};
    for (int i = 0; i < 4; ++i) {
        nn::Sequential layer;
        for (int block = 0; block < 2; ++block) {
            const int64_t stride = (i > 0 && block == 0) ? 2 : 1;
            layer->push_back(BasicBlock(inPlanes, planes[i], stride));
            inPlanes = planes[i];
        }
        m_layers.push_back(register_module("layer" + std::to_string(i + 1), layer));
    }
    m_avgpool = register_module("avgpool", nn::AdaptiveAvgPool2d(1));
    m_flatten = register_module("flatten", nn::Flatten());
    m_linear = register_module("linear", nn::Linear(512, input.numClasses));
}

torch::Tensor ResNet18::forward(torch::Tensor x)
{
    x = traced(m_relu, traced(m_bn1, traced(m_conv1, x)));
    for (auto &layer : m_layers)
        x = tracedSequential(layer, x);
    x = traced(m_flatten, traced(m_avgpool, x));
    return traced(m_linear, x);
}

} // namespace cifarlab
