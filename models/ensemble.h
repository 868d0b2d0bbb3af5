#pragma once

// Torch-using header: for core/ and tests only.

#include "models/network.h"

#include <memory>
#include <vector>

namespace cifarlab {

// Several independently initialized networks of one architecture trained side by side and judged
// together (a deep ensemble). Training: forward() returns every member's logits stacked along the
// batch (member-major, K*B rows), so each member is fitted to the labels by its own loss exactly as
// if it trained alone. Evaluation: the log of the members' mean softmax, so softmax, argmax and the
// cross-entropy of the output are the ensemble's. Parameters are named "members.<k>.<member's name>".
class Ensemble : public Network
{
public:
    explicit Ensemble(std::vector<std::shared_ptr<Network>> members);
    torch::Tensor forward(torch::Tensor x) override;
    // Training on views of their own: `x` holds one block of B rows per member (K*B rows), member k
    // sees block k; the result is member-major like forward()'s in training.
    torch::Tensor forwardEach(const torch::Tensor &x);

    void initializeFromData(const torch::Tensor &images) override;
    void beginEpoch(int64_t epoch) override;
    int64_t trainingOutputsPerInput() const override { return static_cast<int64_t>(m_members.size()); }

    const std::vector<std::shared_ptr<Network>> &members() const { return m_members; }

    // The ensemble's log-probabilities from its members' logits stacked as K x B x classes.
    static torch::Tensor combine(const torch::Tensor &memberLogits);
    // Online co-distillation's term: each member's cross-entropy against the other members' mean
    // predicted distribution of the same image, which takes no gradient (K x B x classes logits;
    // summed over the K*B rows, or averaged with `sum` false).
    static torch::Tensor peerCrossEntropy(const torch::Tensor &memberLogits, bool sum);

private:
    std::vector<std::shared_ptr<Network>> m_members;
};

} // namespace cifarlab
