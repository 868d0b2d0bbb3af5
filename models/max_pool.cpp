#include "models/max_pool.h"

#include "models/own_kernel_types.h"
#include "models/own_kernels.h"

#include <atomic>
#include <cstdint>
#include <cstring>
#include <type_traits>

// On x86-64 the kernels come three times: portable loops for the ISA the library is compiled for (GCC
// vectorizes them), the same loops built for AVX2, and AVX-512 intrinsics, 16 channels a step; the
// widest the CPU runs is chosen at run time.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define CIFARLAB_MAX_POOL_AVX512 1
#include <immintrin.h>
#endif

namespace cifarlab {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

// Channels are handled in blocks of this many: a loop with a constant trip count is vectorized at
// -O2 too (GCC's cheap cost model refuses loops that need a scalar epilogue).
constexpr int64_t kBlock = 32;

// Values are compared as floats; a bf16 maximum is one of its inputs, so converting it back is exact.
using kernels::BFloat16Type;
using kernels::FloatType;

struct Geometry
{
    int64_t height, width, channels, outHeight, outWidth;
};

// One window position per channel, in torch's order: the first of the four ((0,0), (0,1), (1,0),
// (1,1)) holding the maximum, or the last NaN, as ATen's `val > max || isnan(val)` scan picks it.
template<typename Type, bool kArgmax>
__attribute__((always_inline)) inline void poolChannels(const typename Type::Bits *__restrict a,
    const typename Type::Bits *__restrict b, const typename Type::Bits *__restrict c,
    const typename Type::Bits *__restrict d, typename Type::Bits *__restrict out, uint8_t *__restrict argmax,
    int64_t count)
{
    for (int64_t i = 0; i < count; ++i) {
        const float va = Type::toFloat(a[i]), vb = Type::toFloat(b[i]), vc = Type::toFloat(c[i]),
                    vd = Type::toFloat(d[i]);
        float max = va;
        int32_t at = 0;
        const bool takeB = vb > max || vb != vb;
        max = takeB ? vb : max;
        at = takeB ? 1 : at;
        const bool takeC = vc > max || vc != vc;
        max = takeC ? vc : max;
        at = takeC ? 2 : at;
        const bool takeD = vd > max || vd != vd;
        max = takeD ? vd : max;
        at = takeD ? 3 : at;
        out[i] = Type::fromFloat(max);
        if (kArgmax)
            argmax[i] = static_cast<uint8_t>(at);
    }
}

template<typename Type, bool kArgmax>
__attribute__((always_inline)) inline void forwardRowsImpl(
    const void *input, void *output, uint8_t *argmax, const Geometry &g, int64_t begin, int64_t end)
{
    using Bits = typename Type::Bits;
    const int64_t C = g.channels;
    for (int64_t row = begin; row < end; ++row) {
        const int64_t n = row / g.outHeight, oh = row % g.outHeight;
        const Bits *top = static_cast<const Bits *>(input) + (n * g.height + 2 * oh) * g.width * C;
        const Bits *bottom = top + g.width * C;
        Bits *out = static_cast<Bits *>(output) + row * g.outWidth * C;
        uint8_t *at = kArgmax ? argmax + row * g.outWidth * C : nullptr;
        for (int64_t ow = 0; ow < g.outWidth; ++ow) {
            const Bits *a = top + 2 * ow * C, *c = bottom + 2 * ow * C;
            Bits *o = out + ow * C;
            uint8_t *k = kArgmax ? at + ow * C : nullptr;
            int64_t ch = 0;
            for (; ch + kBlock <= C; ch += kBlock)
                poolChannels<Type, kArgmax>(
                    a + ch, a + C + ch, c + ch, c + C + ch, o + ch, kArgmax ? k + ch : nullptr, kBlock);
            if (ch < C)
                poolChannels<Type, kArgmax>(
                    a + ch, a + C + ch, c + ch, c + C + ch, o + ch, kArgmax ? k + ch : nullptr, C - ch);
        }
    }
}

// The gradient goes to the window position argmax names, zero to the other three.
template<typename Bits>
__attribute__((always_inline)) inline void scatterChannels(const Bits *__restrict grad,
    const uint8_t *__restrict argmax, Bits *__restrict a, Bits *__restrict b, Bits *__restrict c,
    Bits *__restrict d, int64_t count)
{
    for (int64_t i = 0; i < count; ++i) {
        const Bits value = grad[i];
        const uint8_t at = argmax[i];
        a[i] = at == 0 ? value : Bits(0);
        b[i] = at == 1 ? value : Bits(0);
        c[i] = at == 2 ? value : Bits(0);
        d[i] = at == 3 ? value : Bits(0);
    }
}

// Rows of the output gradient: each writes its two input rows, the last also the row floor mode
// dropped, so every input gradient element is written once.
template<typename Bits>
__attribute__((always_inline)) inline void backwardRowsImpl(const void *gradOutput, const uint8_t *argmax,
    void *gradInput, const Geometry &g, int64_t begin, int64_t end)
{
    const int64_t C = g.channels;
    const int64_t rowLength = g.width * C;
    for (int64_t row = begin; row < end; ++row) {
        const int64_t n = row / g.outHeight, oh = row % g.outHeight;
        Bits *top = static_cast<Bits *>(gradInput) + (n * g.height + 2 * oh) * rowLength;
        Bits *bottom = top + rowLength;
        const Bits *grad = static_cast<const Bits *>(gradOutput) + row * g.outWidth * C;
        const uint8_t *at = argmax + row * g.outWidth * C;
        for (int64_t ow = 0; ow < g.outWidth; ++ow) {
            Bits *a = top + 2 * ow * C, *c = bottom + 2 * ow * C;
            const Bits *gr = grad + ow * C;
            const uint8_t *k = at + ow * C;
            int64_t ch = 0;
            for (; ch + kBlock <= C; ch += kBlock)
                scatterChannels<Bits>(gr + ch, k + ch, a + ch, a + C + ch, c + ch, c + C + ch, kBlock);
            if (ch < C)
                scatterChannels<Bits>(gr + ch, k + ch, a + ch, a + C + ch, c + ch, c + C + ch, C - ch);
        }
        if (g.width > 2 * g.outWidth) {
            std::memset(top + 2 * g.outWidth * C, 0, static_cast<size_t>(C) * sizeof(Bits));
            std::memset(bottom + 2 * g.outWidth * C, 0, static_cast<size_t>(C) * sizeof(Bits));
        }
        if (oh == g.outHeight - 1 && g.height > 2 * g.outHeight)
            std::memset(bottom + rowLength, 0, static_cast<size_t>(rowLength) * sizeof(Bits));
    }
}

using ForwardRows = void (*)(const void *, void *, uint8_t *, const Geometry &, int64_t, int64_t);
using BackwardRows = void (*)(const void *, const uint8_t *, void *, const Geometry &, int64_t, int64_t);

template<typename Type, bool kArgmax>
void forwardRows(
    const void *input, void *output, uint8_t *argmax, const Geometry &g, int64_t begin, int64_t end)
{
    forwardRowsImpl<Type, kArgmax>(input, output, argmax, g, begin, end);
}

template<typename Bits>
void backwardRows(const void *gradOutput, const uint8_t *argmax, void *gradInput, const Geometry &g,
    int64_t begin, int64_t end)
{
    backwardRowsImpl<Bits>(gradOutput, argmax, gradInput, g, begin, end);
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define CIFARLAB_MAX_POOL_AVX2 1
// The portable loops in 256-bit registers, for CPUs without AVX-512.
template<typename Type, bool kArgmax>
__attribute__((target("avx2,fma"))) void forwardRowsAvx2(
    const void *input, void *output, uint8_t *argmax, const Geometry &g, int64_t begin, int64_t end)
{
    forwardRowsImpl<Type, kArgmax>(input, output, argmax, g, begin, end);
}

template<typename Bits>
__attribute__((target("avx2,fma"))) void backwardRowsAvx2(const void *gradOutput, const uint8_t *argmax,
    void *gradInput, const Geometry &g, int64_t begin, int64_t end)
{
    backwardRowsImpl<Bits>(gradOutput, argmax, gradInput, g, begin, end);
}
#endif

#ifdef CIFARLAB_MAX_POOL_AVX512
#define CIFARLAB_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl")))
#if defined(__GNUC__) && !defined(__clang__)
// GCC 12's AVX-512 headers start some intrinsics from a deliberately undefined register and then
// warn about it once inlined (GCC bug 105593).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

// 16 channels as floats, loaded from and stored to the tensor's type. Streaming (non-temporal)
// stores skip reading the destination's cache lines first; on this project's machine they write
// about three times as fast, and activations of a 1,024-image batch do not stay in cache anyway.
struct FloatVector
{
    using Type = FloatType;
    using Raw = __m512;
    CIFARLAB_AVX512 static Raw load(const float *p) { return _mm512_loadu_ps(p); }
    CIFARLAB_AVX512 static __m512 toFloat(Raw raw) { return raw; }
    CIFARLAB_AVX512 static Raw fromFloat(__m512 v) { return v; }
    CIFARLAB_AVX512 static Raw keep(__mmask16 mask, Raw raw) { return _mm512_maskz_mov_ps(mask, raw); }
    template<bool kStream> CIFARLAB_AVX512 static void store(float *p, Raw raw)
    {
        if (kStream)
            _mm512_stream_ps(p, raw);
        else
            _mm512_storeu_ps(p, raw);
    }
};

struct BFloat16Vector
{
    using Type = BFloat16Type;
    using Raw = __m256i;
    CIFARLAB_AVX512 static Raw load(const uint16_t *p)
    {
        return _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p));
    }
    CIFARLAB_AVX512 static __m512 toFloat(Raw raw)
    {
        return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(raw), 16));
    }
    CIFARLAB_AVX512 static Raw fromFloat(__m512 v)
    {
        return _mm512_cvtepi32_epi16(_mm512_srli_epi32(_mm512_castps_si512(v), 16));
    }
    CIFARLAB_AVX512 static Raw keep(__mmask16 mask, Raw raw) { return _mm256_maskz_mov_epi16(mask, raw); }
    template<bool kStream> CIFARLAB_AVX512 static void store(uint16_t *p, Raw raw)
    {
        if (kStream)
            _mm256_stream_si256(reinterpret_cast<__m256i *>(p), raw);
        else
            _mm256_storeu_si256(reinterpret_cast<__m256i *>(p), raw);
    }
};

constexpr int64_t kLanes = 16;

template<bool kStream> CIFARLAB_AVX512 inline void storeBytes(uint8_t *p, __m128i bytes)
{
    if (kStream)
        _mm_stream_si128(reinterpret_cast<__m128i *>(p), bytes);
    else
        _mm_storeu_si128(reinterpret_cast<__m128i *>(p), bytes);
}

// One step of poolChannels' scan for 16 channels.
template<typename Vector>
CIFARLAB_AVX512 inline void takeLanes(
    const typename Vector::Type::Bits *p, char position, __m512 &max, __m128i &at)
{
    const __m512 v = Vector::toFloat(Vector::load(p));
    const __mmask16 take
        = _mm512_kor(_mm512_cmp_ps_mask(v, max, _CMP_GT_OQ), _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q));
    max = _mm512_mask_mov_ps(max, take, v);
    at = _mm_mask_mov_epi8(at, take, _mm_set1_epi8(position));
}

// poolChannels for 16 channels.
template<typename Vector, bool kArgmax, bool kStream>
CIFARLAB_AVX512 inline void poolLanes(const typename Vector::Type::Bits *a,
    const typename Vector::Type::Bits *b, const typename Vector::Type::Bits *c,
    const typename Vector::Type::Bits *d, typename Vector::Type::Bits *out, uint8_t *argmax)
{
    __m512 max = Vector::toFloat(Vector::load(a));
    __m128i at = _mm_setzero_si128();
    takeLanes<Vector>(b, 1, max, at);
    takeLanes<Vector>(c, 2, max, at);
    takeLanes<Vector>(d, 3, max, at);
    Vector::template store<kStream>(out, Vector::fromFloat(max));
    if (kArgmax)
        storeBytes<kStream>(argmax, at);
}

// kStream: channels a multiple of 16 and the output (and argmax) 64-byte aligned.
template<typename Vector, bool kArgmax, bool kStream>
CIFARLAB_AVX512 void forwardRowsAvx512(
    const void *input, void *output, uint8_t *argmax, const Geometry &g, int64_t begin, int64_t end)
{
    using Bits = typename Vector::Type::Bits;
    const int64_t C = g.channels;
    for (int64_t row = begin; row < end; ++row) {
        const int64_t n = row / g.outHeight, oh = row % g.outHeight;
        const Bits *top = static_cast<const Bits *>(input) + (n * g.height + 2 * oh) * g.width * C;
        const Bits *bottom = top + g.width * C;
        Bits *out = static_cast<Bits *>(output) + row * g.outWidth * C;
        uint8_t *at = kArgmax ? argmax + row * g.outWidth * C : nullptr;
        for (int64_t ow = 0; ow < g.outWidth; ++ow) {
            const Bits *a = top + 2 * ow * C, *c = bottom + 2 * ow * C;
            Bits *o = out + ow * C;
            uint8_t *k = kArgmax ? at + ow * C : nullptr;
            int64_t ch = 0;
            for (; ch + kLanes <= C; ch += kLanes)
                poolLanes<Vector, kArgmax, kStream>(
                    a + ch, a + C + ch, c + ch, c + C + ch, o + ch, kArgmax ? k + ch : nullptr);
            if (ch < C)
                poolChannels<typename Vector::Type, kArgmax>(
                    a + ch, a + C + ch, c + ch, c + C + ch, o + ch, kArgmax ? k + ch : nullptr, C - ch);
        }
    }
    if (kStream)
        _mm_sfence(); // streamed stores are weakly ordered: make them visible before the threads join
}

template<typename Vector, bool kStream>
CIFARLAB_AVX512 inline void zeroLanes(typename Vector::Type::Bits *p, int64_t count)
{
    int64_t i = 0;
    for (; i + kLanes <= count; i += kLanes)
        Vector::template store<kStream>(p + i, typename Vector::Raw {});
    std::memset(p + i, 0, static_cast<size_t>(count - i) * sizeof *p);
}

// kStream: channels a multiple of 16 and the input gradient 64-byte aligned.
template<typename Vector, bool kStream>
CIFARLAB_AVX512 void backwardRowsAvx512(const void *gradOutput, const uint8_t *argmax, void *gradInput,
    const Geometry &g, int64_t begin, int64_t end)
{
    using Bits = typename Vector::Type::Bits;
    const int64_t C = g.channels;
    const int64_t rowLength = g.width * C;
    const __m128i zero = _mm_setzero_si128(), one = _mm_set1_epi8(1), two = _mm_set1_epi8(2),
                  three = _mm_set1_epi8(3);
    for (int64_t row = begin; row < end; ++row) {
        const int64_t n = row / g.outHeight, oh = row % g.outHeight;
        Bits *top = static_cast<Bits *>(gradInput) + (n * g.height + 2 * oh) * rowLength;
        Bits *bottom = top + rowLength;
        const Bits *grad = static_cast<const Bits *>(gradOutput) + row * g.outWidth * C;
        const uint8_t *at = argmax + row * g.outWidth * C;
        for (int64_t ow = 0; ow < g.outWidth; ++ow) {
            Bits *a = top + 2 * ow * C, *c = bottom + 2 * ow * C;
            const Bits *gr = grad + ow * C;
            const uint8_t *k = at + ow * C;
            int64_t ch = 0;
            for (; ch + kLanes <= C; ch += kLanes) {
                const auto value = Vector::load(gr + ch);
                const __m128i position = _mm_loadu_si128(reinterpret_cast<const __m128i *>(k + ch));
                Vector::template store<kStream>(
                    a + ch, Vector::keep(_mm_cmpeq_epi8_mask(position, zero), value));
                Vector::template store<kStream>(
                    a + C + ch, Vector::keep(_mm_cmpeq_epi8_mask(position, one), value));
                Vector::template store<kStream>(
                    c + ch, Vector::keep(_mm_cmpeq_epi8_mask(position, two), value));
                Vector::template store<kStream>(
                    c + C + ch, Vector::keep(_mm_cmpeq_epi8_mask(position, three), value));
            }
            if (ch < C)
                scatterChannels<Bits>(gr + ch, k + ch, a + ch, a + C + ch, c + ch, c + C + ch, C - ch);
        }
        if (g.width > 2 * g.outWidth) {
            zeroLanes<Vector, kStream>(top + 2 * g.outWidth * C, C);
            zeroLanes<Vector, kStream>(bottom + 2 * g.outWidth * C, C);
        }
        if (oh == g.outHeight - 1 && g.height > 2 * g.outHeight)
            zeroLanes<Vector, kStream>(bottom + rowLength, rowLength);
    }
    if (kStream)
        _mm_sfence();
}

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#endif

std::atomic<KernelIsa> g_widest {KernelIsa::Widest};

bool streams(int64_t channels, const void *p, const void *q = nullptr)
{
    return channels % 16 == 0 && reinterpret_cast<uintptr_t>(p) % 64 == 0
        && reinterpret_cast<uintptr_t>(q) % 64 == 0;
}

template<typename Type, bool kArgmax> ForwardRows forwardKernel(bool stream)
{
#ifdef CIFARLAB_MAX_POOL_AVX512
    if (g_widest == KernelIsa::Widest && cpuHasAvx512()) {
        using Vector = std::conditional_t<std::is_same_v<Type, FloatType>, FloatVector, BFloat16Vector>;
        return stream ? &forwardRowsAvx512<Vector, kArgmax, true>
                      : &forwardRowsAvx512<Vector, kArgmax, false>;
    }
#endif
#ifdef CIFARLAB_MAX_POOL_AVX2
    if (g_widest != KernelIsa::Portable && cpuHasAvx2())
        return &forwardRowsAvx2<Type, kArgmax>;
#endif
    return &forwardRows<Type, kArgmax>;
}

template<typename Type> BackwardRows backwardKernel(bool stream)
{
#ifdef CIFARLAB_MAX_POOL_AVX512
    if (g_widest == KernelIsa::Widest && cpuHasAvx512()) {
        using Vector = std::conditional_t<std::is_same_v<Type, FloatType>, FloatVector, BFloat16Vector>;
        return stream ? &backwardRowsAvx512<Vector, true> : &backwardRowsAvx512<Vector, false>;
    }
#endif
#ifdef CIFARLAB_MAX_POOL_AVX2
    if (g_widest != KernelIsa::Portable && cpuHasAvx2())
        return &backwardRowsAvx2<typename Type::Bits>;
#endif
    return &backwardRows<typename Type::Bits>;
}

Geometry geometryOf(at::IntArrayRef sizes)
{
    return {sizes[2], sizes[3], sizes[1], sizes[2] / 2, sizes[3] / 2};
}

// About 32K input elements per task, as ATen's own kernels split their work.
int64_t grainOf(const Geometry &g)
{
    return std::max<int64_t>(1, at::internal::GRAIN_SIZE / std::max<int64_t>(1, 4 * g.outWidth * g.channels));
}

bool fastPathApplies(const torch::Tensor &x)
{
    return x.dim() == 4 && x.device().is_cpu() && x.layout() == torch::kStrided
        && (x.scalar_type() == torch::kFloat32 || x.scalar_type() == torch::kBFloat16)
        && x.is_contiguous(torch::MemoryFormat::ChannelsLast) && x.numel() > 0 && x.size(2) >= 2
        && x.size(3) >= 2;
}

// argmax: undefined, or a uint8 tensor of the output's element count to receive the window positions.
torch::Tensor poolForward(const torch::Tensor &x, const torch::Tensor &argmax)
{
    const Geometry g = geometryOf(x.sizes());
    auto y = torch::empty({x.size(0), g.channels, g.outHeight, g.outWidth},
        x.options().memory_format(torch::MemoryFormat::ChannelsLast));
    const void *input = x.data_ptr();
    void *output = y.data_ptr();
    uint8_t *positions = argmax.defined() ? argmax.data_ptr<uint8_t>() : nullptr;
    const bool bf16 = x.scalar_type() == torch::kBFloat16, stream = streams(g.channels, output, positions);
    ForwardRows kernel;
    if (positions)
        kernel = bf16 ? forwardKernel<BFloat16Type, true>(stream) : forwardKernel<FloatType, true>(stream);
    else
        kernel = bf16 ? forwardKernel<BFloat16Type, false>(stream) : forwardKernel<FloatType, false>(stream);
    at::parallel_for(0, x.size(0) * g.outHeight, grainOf(g),
        [&](int64_t begin, int64_t end) { kernel(input, output, positions, g, begin, end); });
    return y;
}

torch::Tensor poolBackward(const torch::Tensor &gradOutput, const torch::Tensor &argmax,
    at::IntArrayRef inputSizes, at::ScalarType dtype)
{
    const Geometry g = geometryOf(inputSizes);
    const auto grad = gradOutput.to(dtype).contiguous(torch::MemoryFormat::ChannelsLast);
    auto gradInput
        = torch::empty(inputSizes, grad.options().memory_format(torch::MemoryFormat::ChannelsLast));
    const void *gradData = grad.data_ptr();
    const uint8_t *positions = argmax.data_ptr<uint8_t>();
    void *gradInputData = gradInput.data_ptr();
    const bool stream = streams(g.channels, gradInputData);
    const BackwardRows kernel = dtype == torch::kBFloat16 ? backwardKernel<BFloat16Type>(stream)
                                                          : backwardKernel<FloatType>(stream);
    at::parallel_for(0, inputSizes[0] * g.outHeight, grainOf(g),
        [&](int64_t begin, int64_t end) { kernel(gradData, positions, gradInputData, g, begin, end); });
    return gradInput;
}

struct MaxPool2x2Function : public torch::autograd::Function<MaxPool2x2Function>
{
    static torch::Tensor forward(AutogradContext *ctx, const torch::Tensor &x)
    {
        const Geometry g = geometryOf(x.sizes());
        // In the output's NHWC order.
        auto argmax = torch::empty(
            {x.size(0), g.outHeight, g.outWidth, g.channels}, x.options().dtype(torch::kUInt8));
        auto y = poolForward(x, argmax);
        ctx->save_for_backward({argmax});
        ctx->saved_data["sizes"] = x.sizes().vec();
        ctx->saved_data["dtype"] = static_cast<int64_t>(x.scalar_type());
        return y;
    }

    static variable_list backward(AutogradContext *ctx, variable_list gradOutputs)
    {
        if (!gradOutputs[0].defined())
            return {torch::Tensor()};
        const auto argmax = ctx->get_saved_variables()[0];
        const auto sizes = ctx->saved_data["sizes"].toIntVector();
        const auto dtype = static_cast<at::ScalarType>(ctx->saved_data["dtype"].toInt());
        return {poolBackward(gradOutputs[0], argmax, sizes, dtype)};
    }
};

} // namespace

torch::Tensor maxPool2x2(const torch::Tensor &x)
{
    if (!fastPathApplies(x))
        return torch::max_pool2d(x, 2);
    if (x.requires_grad() && torch::GradMode::is_enabled())
        return MaxPool2x2Function::apply(x);
    return poolForward(x, torch::Tensor());
}

bool isPlainMaxPool2x2(const torch::nn::MaxPool2d &pool)
{
    const auto &o = pool->options;
    const auto two = [](const torch::ExpandingArray<2> &a, int64_t v) { return (*a)[0] == v && (*a)[1] == v; };
    return two(o.kernel_size(), 2) && two(o.stride(), 2) && two(o.padding(), 0) && two(o.dilation(), 1) && !o.ceil_mode();
}

torch::Tensor maxPool(torch::nn::MaxPool2d pool, const torch::Tensor &x)
{
    return ownKernelsEnabled() && isPlainMaxPool2x2(pool) ? maxPool2x2(x) : pool->forward(x);
}

void setMaxPool2x2Isa(KernelIsa widest)
{
    g_widest = widest;
}

} // namespace cifarlab
