#include "models/batch_norm.h"

namespace cifarlab {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

torch::Tensor perChannel(const torch::Tensor &v)
{
    return v.view({1, -1, 1, 1});
}

// Forward all-reduces (sum, sum of squares, count) per channel; backward all-reduces the two
// gradient sums the input gradient needs. Weight and bias gradients stay local: the gradient
// all-reduce averages them like every other parameter.
struct SyncBatchNormFunction : public torch::autograd::Function<SyncBatchNormFunction>
{
    static torch::Tensor forward(AutogradContext *ctx, const torch::Tensor &input, const torch::Tensor &weight, const torch::Tensor &bias,
                                 const torch::Tensor &runningMean, const torch::Tensor &runningVar, double momentum, double eps,
                                 const BatchStatisticsReducer *reducer)
    {
        const auto x = input.to(torch::kFloat32);
        const int64_t channels = x.size(1);
        auto packed = torch::cat({x.sum({0, 2, 3}), (x * x).sum({0, 2, 3}),
                                  torch::full({1}, static_cast<double>(x.numel() / channels), x.options())})
                          .to(torch::kFloat64);
        (*reducer)(packed);
        const double count = packed[2 * channels].item<double>();
        const auto mean = packed.narrow(0, 0, channels) / count;
        const auto var = (packed.narrow(0, channels, channels) / count - mean * mean).clamp_min(0.0);
        const auto invstd = (var + eps).rsqrt().to(torch::kFloat32);
        const auto meanF = mean.to(torch::kFloat32);
        {
            torch::NoGradGuard noGrad;
            if (runningMean.defined()) {
                runningMean.mul_(1.0 - momentum).add_(meanF, momentum);
                runningVar.mul_(1.0 - momentum).add_((var * (count / std::max(1.0, count - 1.0))).to(torch::kFloat32), momentum);
            }
        }
        const auto xhat = (x - perChannel(meanF)) * perChannel(invstd);
        auto out = xhat;
        if (weight.defined())
            out = out * perChannel(weight.to(torch::kFloat32));
        if (bias.defined())
            out = out + perChannel(bias.to(torch::kFloat32));
        ctx->save_for_backward({xhat, invstd, weight});
        ctx->saved_data["count"] = count;
        ctx->saved_data["reducer"] = reinterpret_cast<int64_t>(reducer);
        ctx->saved_data["hasBias"] = bias.defined();
        return out.to(input.scalar_type());
    }

    static variable_list backward(AutogradContext *ctx, variable_list gradOutputs)
    {
        const auto saved = ctx->get_saved_variables();
        const auto &xhat = saved[0];
        const auto &invstd = saved[1];
        const auto &weight = saved[2];
        const double count = ctx->saved_data["count"].toDouble();
        const auto *reducer = reinterpret_cast<const BatchStatisticsReducer *>(ctx->saved_data["reducer"].toInt());
        const auto dy = gradOutputs[0].to(torch::kFloat32);
        const int64_t channels = dy.size(1);
        const auto sumDy = dy.sum({0, 2, 3});
        const auto sumDyXhat = (dy * xhat).sum({0, 2, 3});
        auto packed = torch::cat({sumDy, sumDyXhat}).to(torch::kFloat64);
        (*reducer)(packed);
        const auto meanDy = (packed.narrow(0, 0, channels) / count).to(torch::kFloat32);
        const auto meanDyXhat = (packed.narrow(0, channels, channels) / count).to(torch::kFloat32);
        auto scale = invstd;
        if (weight.defined())
            scale = scale * weight.to(torch::kFloat32);
        const auto gradInput = (dy - perChannel(meanDy) - xhat * perChannel(meanDyXhat)) * perChannel(scale);
        torch::Tensor gradWeight, gradBias;
        if (weight.defined() && weight.requires_grad())
            gradWeight = sumDyXhat.to(weight.scalar_type());
        if (ctx->saved_data["hasBias"].toBool())
            gradBias = sumDy;
        return {gradInput.to(gradOutputs[0].scalar_type()), gradWeight, gradBias, torch::Tensor(), torch::Tensor(), torch::Tensor(),
                torch::Tensor(), torch::Tensor()};
    }
};

} // namespace

torch::Tensor BatchNorm2dImpl::forward(const torch::Tensor &input)
{
    if (!m_reducer || !is_training())
        return torch::nn::BatchNorm2dImpl::forward(input);
    const double momentum = options.momentum().has_value() ? *options.momentum() : 0.1;
    if (num_batches_tracked.defined()) {
        torch::NoGradGuard noGrad;
        num_batches_tracked.add_(1);
    }
    return SyncBatchNormFunction::apply(input, weight, bias, running_mean, running_var, momentum, options.eps(), &m_reducer);
}

void BatchNorm2dImpl::setStatisticsReducer(BatchStatisticsReducer reducer)
{
    m_reducer = std::move(reducer);
}

} // namespace cifarlab

// LibTorch keeps this printer of BatchNorm2d's base unexported; a subclass's construction vtable
// needs it, so it is defined here, printing what LibTorch prints.
template<> void torch::nn::BatchNormImplBase<2, torch::nn::BatchNorm2dImpl>::pretty_print(std::ostream &stream) const
{
    stream << std::boolalpha << "torch::nn::BatchNorm2d(" << options.num_features() << ", eps=" << options.eps() << ", momentum=";
    if (options.momentum().has_value())
        stream << *options.momentum();
    else
        stream << "None";
    stream << ", affine=" << options.affine() << ", track_running_stats=" << options.track_running_stats() << ")";
}

namespace cifarlab {

void setBatchStatisticsReducer(torch::nn::Module &network, const BatchStatisticsReducer &reducer)
{
    for (const auto &module : network.modules(/*include_self=*/true))
        if (auto *norm = dynamic_cast<BatchNorm2dImpl *>(module.get()))
            norm->setStatisticsReducer(reducer);
}

} // namespace cifarlab
