#pragma once

// Core-internal (includes torch): dynamic loss scaling for fp16 training, like torch.cuda.amp.GradScaler.
// fp16 gradients underflow to zero below about 6e-8; the loss is multiplied by a large scale before
// backward and every gradient divided by it before the step. A step whose gradients overflowed is
// skipped and the scale halved; after `growthInterval` good steps in a row the scale doubles.
#include <torch/torch.h>

#include <vector>

namespace cifarlab {

// PyTorch's defaults.
struct GradScalerOptions
{
    double initScale = 65536.0;
    double growthFactor = 2.0;
    double backoffFactor = 0.5;
    int64_t growthInterval = 2000;
};

class GradScaler
{
public:
    using Options = GradScalerOptions;

    explicit GradScaler(bool enabled, Options options = Options());

    bool enabled() const { return m_enabled; }
    // loss x scale when enabled, else the loss itself.
    torch::Tensor scale(const torch::Tensor &loss) const;
    // Divides the gradients of `params` by the scale in place and says whether all of them are finite
    // (the step may be taken). True without touching anything when disabled.
    bool unscale(const std::vector<torch::Tensor> &params) const;
    // Backs off after an overflow, grows after enough good steps. Nothing when disabled.
    void update(bool finite);

    double scaleValue() const { return m_scale; }
    int64_t growthTracker() const { return m_growthTracker; }
    int64_t skippedSteps() const { return m_skipped; }
    // The scale has backed off so far that every step overflows: the gradients themselves are not finite.
    bool exhausted() const { return m_enabled && m_scale < kMinScale; }
    // Restores a checkpointed state; a scale that is not a positive finite number is refused.
    void setState(double scale, int64_t growthTracker);

    static constexpr double kMinScale = 1.0 / 65536.0;

private:
    bool m_enabled;
    Options m_options;
    double m_scale;
    int64_t m_growthTracker = 0;
    int64_t m_skipped = 0;
};

} // namespace cifarlab
