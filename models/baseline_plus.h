#pragma once

// Torch-using header: for core/ and tests only (the UI includes registry.h).

#include "models/batch_norm.h"
#include "models/network.h"

namespace cifarlab {

// The baseline with the improvements the original study explored: three 3x3 conv stages widened to
// 32/64/128 channels, each conv -> batch norm -> ReLU -> 2x2 max-pool, then fc1 (256) -> ReLU -> dropout 0.5
// -> fc2. Like the baseline, fc1's input follows the input size (128*4*4 for 32x32).
class BaselinePlus : public Network
{
public:
    explicit BaselinePlus(const InputSpec &input);
    torch::Tensor forward(torch::Tensor x) override;

    static constexpr double kDropout = 0.5;

private:
    struct Stage
    {
        torch::nn::Conv2d conv {nullptr};
        BatchNorm2d bn {nullptr};
        torch::nn::ReLU relu {nullptr};
        torch::nn::MaxPool2d pool {nullptr};
    };

    std::vector<Stage> m_stages;
    torch::nn::Flatten m_flatten {nullptr};
    torch::nn::Linear m_fc1 {nullptr};
    torch::nn::ReLU m_relu {nullptr};
    torch::nn::Dropout m_dropout {nullptr};
    torch::nn::Linear m_fc2 {nullptr};
};

} // namespace cifarlab
