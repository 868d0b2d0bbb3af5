#pragma once

// Torch-using (for models, core and tests): BatchNorm2d whose batch statistics may span processes.

#include <torch/torch.h>

#include <functional>

namespace cifarlab {

// Sums a tensor in place over every process of a data-parallel job (core supplies it; models know
// nothing of how).
using BatchStatisticsReducer = std::function<void(torch::Tensor &)>;

// torch::nn::BatchNorm2d, same options, parameters, buffers and names. Given a reducer, training
// batches are normalized with the mean and variance of the whole job's batch, as PyTorch's
// SyncBatchNorm does; evaluation and single-process training are the plain BatchNorm2d.
class BatchNorm2dImpl : public torch::nn::BatchNorm2dImpl
{
public:
    using torch::nn::BatchNorm2dImpl::BatchNorm2dImpl;
    torch::Tensor forward(const torch::Tensor &input);
    void setStatisticsReducer(BatchStatisticsReducer reducer);
    bool hasStatisticsReducer() const { return static_cast<bool>(m_reducer); }

private:
    BatchStatisticsReducer m_reducer;
};
TORCH_MODULE(BatchNorm2d);

// Gives every BatchNorm2d of `network` the reducer (an empty one turns synchronisation off).
void setBatchStatisticsReducer(torch::nn::Module &network, const BatchStatisticsReducer &reducer);

} // namespace cifarlab
