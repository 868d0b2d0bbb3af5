#pragma once

// Torch-using (core/ and tests only): the outputs of a forward pass's layers, for attribution maps.

#include <torch/types.h>

#include <vector>

namespace torch::nn {
class Module;
} // namespace torch::nn

namespace cifarlab {

// While alive, records the output of every leaf layer that the architectures call through traced() on
// this thread, in call order. The outputs stay in the autograd graph, so a score can be
// differentiated with respect to them. Scopes nest; each sees only the calls made while it is the
// innermost.
class ActivationCapture
{
public:
    struct Entry
    {
        const torch::nn::Module *module = nullptr;
        torch::Tensor output;
    };

    // keepLast > 0 keeps only that many of the latest entries, so that a pass over many images does
    // not hold every layer's output (the embedding needs only the classifier's input).
    explicit ActivationCapture(size_t keepLast = 0);
    ~ActivationCapture();
    ActivationCapture(const ActivationCapture &) = delete;
    ActivationCapture &operator=(const ActivationCapture &) = delete;

    const std::vector<Entry> &entries() const { return m_entries; }
    // The last 4-d output with more than one spatial position: the feature map global pooling
    // reduces, where Grad-CAM looks. nullptr when there is none.
    const Entry *lastFeatureMap() const;

    void add(const torch::nn::Module &module, const torch::Tensor &output);

private:
    std::vector<Entry> m_entries;
    ActivationCapture *m_previous = nullptr;
    size_t m_keepLast = 0;
};

} // namespace cifarlab
