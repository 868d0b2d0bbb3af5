#include "core/grad_scaler.h"

#include "core/error.h"

#include <cmath>
#include <limits>

namespace cifarlab {

GradScaler::GradScaler(bool enabled, Options options)
    : m_enabled(enabled)
    , m_options(options)
    , m_scale(options.initScale)
{
}

torch::Tensor GradScaler::scale(const torch::Tensor &loss) const
{
    return m_enabled ? loss * m_scale : loss;
}

bool GradScaler::unscale(const std::vector<torch::Tensor> &params) const
{
    if (!m_enabled)
        return true;
    torch::NoGradGuard noGrad;
    const double inverse = 1.0 / m_scale;
    // One flag per device, read once at the end: a read per tensor would wait for the GPU each time.
    torch::Tensor overflow;
    for (const auto &p : params) {
        auto g = p.grad();
        if (!g.defined())
            continue;
        g.mul_(inverse);
        auto bad = g.isfinite().logical_not().any();
        if (overflow.defined() && bad.device() != overflow.device())
            bad = bad.to(overflow.device());
        overflow = overflow.defined() ? overflow.logical_or(bad) : bad;
    }
    return !overflow.defined() || !overflow.item<bool>();
}

void GradScaler::update(bool finite)
{
    if (!m_enabled)
        return;
    if (!finite) {
        m_scale *= m_options.backoffFactor;
        m_growthTracker = 0;
        ++m_skipped;
        return;
    }
    if (++m_growthTracker >= m_options.growthInterval) {
        const double grown = m_scale * m_options.growthFactor;
        // Stay inside fp32, where the scaled loss is computed.
        if (std::isfinite(grown) && grown <= static_cast<double>(std::numeric_limits<float>::max()))
            m_scale = grown;
        m_growthTracker = 0;
    }
}

void GradScaler::setState(double scale, int64_t growthTracker)
{
    if (!(scale > 0.0) || !std::isfinite(scale) || growthTracker < 0)
        throw Error("gradient scaler: invalid saved state (scale " + std::to_string(scale) + ", growth tracker "
                    + std::to_string(growthTracker) + ")");
    m_scale = scale;
    m_growthTracker = growthTracker;
}

} // namespace cifarlab
