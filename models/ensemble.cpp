#include "models/ensemble.h"

#include <cmath>
#include <stdexcept>

namespace cifarlab {

namespace {

const std::shared_ptr<Network> &firstMember(const std::vector<std::shared_ptr<Network>> &members)
{
    if (members.size() < 2)
        throw std::invalid_argument("an ensemble needs at least 2 members, got " + std::to_string(members.size()));
    for (const auto &m : members)
        if (!m)
            throw std::invalid_argument("an ensemble member is missing");
    return members.front();
}

} // namespace

Ensemble::Ensemble(std::vector<std::shared_ptr<Network>> members)
    : Network(firstMember(members)->architecture(), members.front()->inputSpec(), 1)
    , m_members(std::move(members))
{
    auto list = register_module("members", torch::nn::ModuleList());
    for (const auto &m : m_members)
        list->push_back(m);
}

torch::Tensor Ensemble::combine(const torch::Tensor &memberLogits)
{
    const auto logProbabilities = torch::log_softmax(memberLogits.to(torch::kFloat32), 2);
    return torch::logsumexp(logProbabilities, 0) - std::log(static_cast<double>(memberLogits.size(0)));
}

torch::Tensor Ensemble::peerCrossEntropy(const torch::Tensor &memberLogits, bool sum)
{
    if (memberLogits.dim() != 3 || memberLogits.size(0) < 2)
        throw std::invalid_argument("co-distillation needs K x B x classes logits of at least 2 members");
    const int64_t members = memberLogits.size(0);
    // bf16 logits are scored in float32, float64 ones (tests) keep their precision.
    const auto logits = memberLogits.scalar_type() == torch::kFloat64 ? memberLogits : memberLogits.to(torch::kFloat32);
    const auto logProbabilities = torch::log_softmax(logits, 2);
    const auto probabilities = logProbabilities.detach().exp();
    const auto others = (probabilities.sum(0, true) - probabilities) / static_cast<double>(members - 1);
    const auto perRow = -(others * logProbabilities).sum(2);
    return sum ? perRow.sum() : perRow.mean();
}

torch::Tensor Ensemble::forward(torch::Tensor x)
{
    std::vector<torch::Tensor> outputs;
    outputs.reserve(m_members.size());
    for (const auto &m : m_members)
        outputs.push_back(m->forward(x));
    if (is_training())
        return torch::cat(outputs, 0);
    return combine(torch::stack(outputs, 0));
}

torch::Tensor Ensemble::forwardEach(const torch::Tensor &x)
{
    const auto members = static_cast<int64_t>(m_members.size());
    if (x.dim() == 0 || x.size(0) % members != 0)
        throw std::invalid_argument("an ensemble of " + std::to_string(members) + " needs one block of rows per member, got "
                                    + std::to_string(x.dim() == 0 ? 0 : x.size(0)) + " rows");
    const int64_t rows = x.size(0) / members;
    std::vector<torch::Tensor> outputs;
    outputs.reserve(m_members.size());
    for (int64_t k = 0; k < members; ++k)
        outputs.push_back(m_members[static_cast<size_t>(k)]->forward(x.narrow(0, k * rows, rows)));
    return torch::cat(outputs, 0);
}

void Ensemble::initializeFromData(const torch::Tensor &images)
{
    for (const auto &m : m_members)
        m->initializeFromData(images);
}

void Ensemble::beginEpoch(int64_t epoch)
{
    for (const auto &m : m_members)
        m->beginEpoch(epoch);
}

} // namespace cifarlab
