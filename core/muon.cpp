#include "core/muon.h"

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace cifarlab {

namespace {

// The key torch's own optimizers file a parameter's state under: its TensorImpl's address, printed
// in LibTorch 1.13, the pointer itself in 2.x. Picked by the state map's key type.
[[maybe_unused]] std::string stateKeyAs(const void *impl, std::string *)
{
    std::ostringstream text;
    text << impl;
    return text.str();
}

[[maybe_unused]] void *stateKeyAs(void *impl, void **)
{
    return impl;
}

} // namespace

torch::Tensor newtonSchulzOrthogonalize(const torch::Tensor &g, int steps, torch::ScalarType dtype)
{
    if (g.dim() != 2)
        throw std::invalid_argument("newtonSchulzOrthogonalize: needs a matrix");
    if (dtype != torch::kFloat32 && dtype != torch::kBFloat16)
        throw std::invalid_argument("newtonSchulzOrthogonalize: iterates in float32 or bfloat16");
    constexpr double a = 3.4445, b = -4.7750, c = 2.0315;
    // The iteration works on the Gram matrix of the shorter side, so it costs little for wide filters.
    const bool tall = g.size(0) > g.size(1);
    auto x = tall ? g.t().to(torch::kFloat32) : g.to(torch::kFloat32);
    // Every singular value <= 1, inside the iteration's basin; the norm in float32 whatever the dtype.
    x = (x / (x.norm() + 1e-7)).to(dtype);
    for (int i = 0; i < steps; ++i) {
        const auto gram = x.mm(x.t());
        const auto poly = gram * b + gram.mm(gram) * c;
        x = x * a + poly.mm(x);
    }
    x = x.to(torch::kFloat32);
    return tall ? x.t().contiguous() : x;
}

Muon::Muon(std::vector<torch::optim::OptimizerParamGroup> groups, torch::optim::SGDOptions defaults,
           std::vector<bool> orthogonalized, torch::ScalarType orthogonalizeIn)
    : torch::optim::SGD(std::move(groups), defaults)
    , m_orthogonalized(std::move(orthogonalized))
    , m_orthogonalizeIn(orthogonalizeIn)
{
    if (orthogonalizeIn != torch::kFloat32 && orthogonalizeIn != torch::kBFloat16)
        throw std::invalid_argument("Muon: the Newton-Schulz iteration runs in float32 or bfloat16");
    m_orthogonalized.resize(param_groups().size(), false);
    for (size_t i = 0; i < param_groups().size(); ++i)
        if (m_orthogonalized[i]
            && static_cast<const torch::optim::SGDOptions &>(param_groups()[i].options()).weight_decay() != 0.0)
            throw std::invalid_argument("Muon: an orthogonalised group keeps its weight norm fixed and takes no weight decay");
}

torch::Tensor Muon::step(LossClosure closure)
{
    torch::NoGradGuard noGrad;
    torch::Tensor loss;
    if (closure) {
        torch::AutoGradMode enable(true);
        loss = closure();
    }
    // The SGD groups first, as SGD itself does them.
    std::vector<std::vector<torch::Tensor>> saved(param_groups().size());
    for (size_t i = 0; i < param_groups().size(); ++i)
        if (m_orthogonalized[i])
            std::swap(saved[i], param_groups()[i].params());
    torch::optim::SGD::step();
    for (size_t i = 0; i < param_groups().size(); ++i)
        if (m_orthogonalized[i])
            std::swap(saved[i], param_groups()[i].params());

    for (size_t i = 0; i < param_groups().size(); ++i) {
        if (!m_orthogonalized[i])
            continue;
        auto &group = param_groups()[i];
        const auto &options = static_cast<const torch::optim::SGDOptions &>(group.options());
        for (auto &p : group.params()) {
            if (!p.grad().defined())
                continue;
            const auto &grad = p.grad();
            using Key = std::decay_t<decltype(state_)>::key_type;
            auto &slot = state_[stateKeyAs(p.unsafeGetTensorImpl(), static_cast<Key *>(nullptr))];
            if (!slot) {
                auto fresh = std::make_unique<torch::optim::SGDParamState>();
                fresh->momentum_buffer(torch::zeros_like(grad));
                slot = std::move(fresh);
            }
            auto &buffer = static_cast<torch::optim::SGDParamState &>(*slot).momentum_buffer();
            buffer.mul_(options.momentum()).add_(grad);
            const auto direction = options.nesterov() ? grad.add(buffer, options.momentum()) : buffer;
            // The weight keeps the norm sqrt(out channels): only its direction learns, so the
            // orthogonalised step's size means the same all through training.
            // A tensor op, not item(): no host sync per filter bank on a GPU.
            p.mul_(p.norm().add_(1e-12).reciprocal_().mul_(std::sqrt(static_cast<double>(p.size(0)))));
            const auto update = newtonSchulzOrthogonalize(direction.reshape({p.size(0), -1}), 3, m_orthogonalizeIn).view(p.sizes());
            p.add_(update, -options.lr());
        }
    }
    return loss;
}

} // namespace cifarlab
