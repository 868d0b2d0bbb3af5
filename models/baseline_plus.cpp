#include "models/baseline_plus.h"

#include "models/max_pool.h"
#include "models/small_map_conv.h"

#include <iterator>

namespace cifarlab {

namespace {
constexpr int64_t kWidths[] = {32, 64, 128};
constexpr int64_t kHidden = 256;
} // namespace

// Three 2x2 pools need 8x8 to leave one pixel.
BaselinePlus::BaselinePlus(const InputSpec &input)
    : Network("baseline-plus", input, 8)
{
    namespace nn = torch::nn;
    int64_t channels = input.channels;
    int64_t height = input.height;
    int64_t width = input.width;
    for (size_t i = 0; i < std::size(kWidths); ++i) {
        const std::string n = std::to_string(i + 1);
        Stage stage;
        // No conv bias: the batch norm right after it has its own shift.
        stage.conv = register_module(
            "conv" + n, nn::Conv2d(nn::Conv2dOptions(channels, kWidths[i], 3).padding(1).bias(false)));
        stage.bn = register_module("bn" + n, BatchNorm2d(kWidths[i]));
        stage.relu = register_module("relu" + n, nn::ReLU(nn::ReLUOptions(true)));
        stage.pool = register_module("pool" + n, nn::MaxPool2d(nn::MaxPool2dOptions(2)));
        m_stages.push_back(stage);
        channels = kWidths[i];
        height /= 2;
        width /= 2;
    }
    m_flatten = register_module("flatten", nn::Flatten());
    m_fc1 = register_module("fc1", nn::Linear(channels * height * width, kHidden));
    m_relu = register_module("relu4", nn::ReLU(nn::ReLUOptions(true)));
    m_dropout = register_module("dropout", nn::Dropout(kDropout));
    m_fc2 = register_module("fc2", nn::Linear(kHidden, input.numClasses));
}

torch::Tensor BaselinePlus::forward(torch::Tensor x)
{
    for (auto &stage : m_stages) {
        const auto pool = [&stage](const torch::Tensor &in) { return maxPool(stage.pool, in); };
        x = tracedAs(stage.pool, traced(stage.relu, traced(stage.bn, tracedConvolve(stage.conv, x))), pool);
    }
    x = traced(m_flatten, x);
    x = traced(m_dropout, traced(m_relu, traced(m_fc1, x)));
    return traced(m_fc2, x);
}

} // namespace cifarlab
