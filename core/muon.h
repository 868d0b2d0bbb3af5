#pragma once

// Core-internal (includes torch): Muon (Jordan et al., 2024) for convolution filters, SGD for the rest.
// A Muon group's update is its Nesterov momentum orthogonalised by a Newton-Schulz iteration (every
// singular value pushed towards 1), applied to a weight first rescaled to a fixed norm; the other
// groups take ordinary SGD steps. It is an SGD underneath (the same options, the same momentum
// buffers, the same checkpoint format), so a run saved with it resumes like any SGD run.
#include <torch/torch.h>

#include <vector>

namespace cifarlab {

// Approximately U V^T for G = U S V^T (G has 2 dimensions): airbench's quintic iteration, whose
// coefficients trade exact convergence for speed; singular values end between about 0.5 and 1.5.
// `dtype` is what the iteration multiplies in (the result is float32 either way): bf16, as in the
// published Muon, costs a quarter to a sixth of float32 on a CPU with AVX512-BF16 (measured on Zen 5).
torch::Tensor newtonSchulzOrthogonalize(const torch::Tensor &g, int steps = 3, torch::ScalarType dtype = torch::kFloat32);

class Muon : public torch::optim::SGD
{
public:
    // orthogonalized[i] says whether param group i takes Muon steps (its weight decay must be 0);
    // orthogonalizeIn is the Newton-Schulz iteration's dtype (float32 or bfloat16).
    Muon(std::vector<torch::optim::OptimizerParamGroup> groups, torch::optim::SGDOptions defaults,
         std::vector<bool> orthogonalized, torch::ScalarType orthogonalizeIn = torch::kFloat32);

    torch::Tensor step(LossClosure closure = nullptr) override;

private:
    std::vector<bool> m_orthogonalized;
    torch::ScalarType m_orthogonalizeIn;
};

} // namespace cifarlab
