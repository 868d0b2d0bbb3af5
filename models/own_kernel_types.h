#pragma once

// Torch-free scalar views for the own CPU kernels: each element type's storage bits and their
// conversion to and from float, so one templated loop serves float32 and bf16 tensors.

#include <cstdint>
#include <cstring>

namespace cifarlab::kernels {

struct FloatType
{
    using Bits = float;
    static float toFloat(float v) { return v; }
    static float fromFloat(float v) { return v; }
};

struct BFloat16Type
{
    using Bits = uint16_t;
    static float toFloat(uint16_t v)
    {
        const uint32_t wide = static_cast<uint32_t>(v) << 16;
        float f;
        std::memcpy(&f, &wide, sizeof f);
        return f;
    }
    // Round to nearest even, NaN kept NaN, as c10::BFloat16 converts. A float that came from a bf16
    // (low half zero) converts back unchanged, so a max-pool's copied maximum stays exact.
    static uint16_t fromFloat(float v)
    {
        uint32_t wide;
        std::memcpy(&wide, &v, sizeof wide);
        const auto rounded = static_cast<uint16_t>((wide + 0x7FFFu + ((wide >> 16) & 1u)) >> 16);
        return v != v ? uint16_t{0x7FC0} : rounded;
    }
};

} // namespace cifarlab::kernels
