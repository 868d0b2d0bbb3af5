#pragma once

// Core-internal: includes torch. The UI never includes this header.

#include <torch/types.h>

#include <string>
#include <utility>
#include <vector>

namespace torch::nn {
class Module;
} // namespace torch::nn

namespace cifarlab {

// A model's weights by full dotted name ("layer1.0.bn1.running_mean"), in PyTorch's state_dict order.
struct StateDict
{
    std::vector<std::pair<std::string, torch::Tensor>> entries;

    // nullptr when absent.
    const torch::Tensor *find(const std::string &name) const;
    std::vector<std::string> names() const;
};

// What applyStateDict found when matching a state_dict against a module, key by key.
struct LoadReport
{
    std::vector<std::string> missing; // in the model, not in the checkpoint
    std::vector<std::string> unexpected; // in the checkpoint, not in the model
    std::vector<std::string> shapeMismatches; // "fc1.weight: checkpoint [120, 256] vs model [120, 400]"

    bool ok() const { return missing.empty() && unexpected.empty() && shapeMismatches.empty(); }
    // One line listing every problem, or "state_dict matches the model".
    std::string describe() const;
};

// Parameters and buffers (BatchNorm running stats and num_batches_tracked included) in the order
// PyTorch's Module.state_dict() uses: each module's own parameters, then its own buffers, then its
// children in registration order. Tensors share memory with the module.
StateDict moduleStateDict(const torch::nn::Module &module);

// Copies `sd` into the module's parameters and buffers by full dotted name, without recording
// gradients. Any NaN/Inf value in `sd` is an Error naming the key. With `strict`, a missing or
// unexpected key or a shape mismatch is an Error listing every problem, and nothing is copied;
// without it, the entries that fit are copied and the report lists the rest.
LoadReport applyStateDict(torch::nn::Module &module, const StateDict &sd, bool strict = true);

// "[120, 400]"
std::string formatShape(at::IntArrayRef sizes);

} // namespace cifarlab
