#pragma once

// Torch-using API of the architectures: for core/ and tests only. The UI must include registry.h instead,
// which stays free of torch headers.

#include "models/registry.h"

#include <torch/torch.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace cifarlab {

// Base of every architecture. Parameter and buffer names follow the PyTorch originals, so a PyTorch
// state_dict maps onto named_parameters()/named_buffers() key for key.
class Network : public torch::nn::Module
{
public:
    virtual torch::Tensor forward(torch::Tensor x) = 0;

    const std::string &architecture() const { return m_architecture; }
    const InputSpec &inputSpec() const { return m_input; }

    // Data-dependent set-up before the first step of a new run (never on resume, where the checkpoint
    // holds the result): `images` are normalized training images, N x C x H x W float32.
    virtual void initializeFromData(const torch::Tensor &images) {}
    // Start of every epoch, resumed ones included: for architecture-specific schedules such as
    // freezing a layer after a few epochs.
    virtual void beginEpoch(int64_t epoch) {}
    // Rows of a training-mode forward per input image: an ensemble returns each member's logits
    // (stacked member-major), which the trainer scores against the labels repeated this many times.
    virtual int64_t trainingOutputsPerInput() const { return 1; }

protected:
    // Validates `input` against the smallest spatial size the architecture can reduce to 1x1 or more.
    Network(const std::string &architecture, const InputSpec &input, int64_t minSide);

private:
    std::string m_architecture;
    InputSpec m_input;
};

struct NetworkOptions
{
    double widthScale = 1.0; // channel widths multiplied by this (architectures that support it)
    int64_t ensembleMembers = 1; // more than 1: that many independently initialized copies (models/ensemble.h)
    int64_t blockDepth = 2; // convolutions per conv group (airbench: 2, or 3 for airbench96's residual third)
};

// Builds an untrained network. Throws std::invalid_argument for an unknown name, an unusable input or
// an option the architecture does not support.
std::shared_ptr<Network> createNetwork(const std::string &name, const InputSpec &input, const NetworkOptions &options = {});

// Entries in PyTorch's state_dict order: per module its own parameters, then its own buffers, then its
// children depth-first. Includes BN's num_batches_tracked (int64). Tensors alias the module's storage.
std::vector<std::pair<std::string, torch::Tensor>> stateDict(const torch::nn::Module &module);

// Runs one zero image through `network` (eval mode, no grad; the training flag is restored) and records
// every leaf module it calls through traced()/tracedSequential().
ModelSummary summarizeNetwork(Network &network);

namespace detail {
bool summaryRecording();
void recordLayer(const torch::nn::Module &module, const torch::Tensor &output);
} // namespace detail

// Architectures call their layers through these so summarizeNetwork sees each call; outside a summary
// the cost is one thread-local check per layer.
template<typename Holder> torch::Tensor traced(Holder &layer, const torch::Tensor &x)
{
    torch::Tensor y = layer->forward(x);
    if (detail::summaryRecording())
        detail::recordLayer(*layer, y);
    return y;
}

// traced() for a layer whose output `compute(x)` produces by another route than its own forward.
template<typename Holder, typename Compute> torch::Tensor tracedAs(Holder &layer, const torch::Tensor &x, Compute &&compute)
{
    torch::Tensor y = compute(x);
    if (detail::summaryRecording())
        detail::recordLayer(*layer, y);
    return y;
}

// Sequential::forward would bypass the recorder, so step through the children here.
torch::Tensor tracedSequential(torch::nn::Sequential &sequence, torch::Tensor x);

} // namespace cifarlab
