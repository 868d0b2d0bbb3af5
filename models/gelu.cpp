#include "models/gelu.h"

namespace cifarlab {

torch::Tensor gelu(const torch::Tensor &input, const std::string &approximate)
{
    if (input.dim() == 4 && !input.is_contiguous() && input.is_contiguous(torch::MemoryFormat::ChannelsLast))
        return torch::gelu(input.permute({0, 2, 3, 1}), approximate).permute({0, 3, 1, 2});
    return torch::gelu(input, approximate);
}

torch::Tensor GELUImpl::forward(const torch::Tensor &input)
{
    return gelu(input, options.approximate());
}

} // namespace cifarlab
