#include "models/batch_norm_gelu.h"

#include "models/network.h"
#include "models/own_kernel_types.h"
#include "models/own_kernels.h"

#include <ATen/TensorIterator.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <utility>
#include <vector>

// On x86-64 the kernels come three times: portable loops in generic vectors for any CPU, the same
// loops built for AVX2 and FMA, and AVX-512 intrinsics, 16 channels a step (the last step of a row
// masked); the widest the CPU runs is chosen at run time. ATen's vector headers are left out on purpose: compiled with AVX-512 enabled, their inline
// functions could be the copies the linker keeps for the whole program.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define CIFARLAB_BATCH_NORM_GELU_AVX512 1
#include <immintrin.h>
#endif

namespace cifarlab {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

std::atomic<bool> g_enabled {true};
std::atomic<KernelIsa> g_widest {KernelIsa::Widest};

constexpr int64_t kLanes = 16;
// Sums are kept in float for this many rows, then added to double sums: float is fast, and a block
// this short loses no precision worth having.
constexpr int64_t kBlockRows = 64;
constexpr float kSqrtHalf = 0.70710678118654752f;
constexpr float kInvSqrt2Pi = 0.39894228040143268f;

// Rows of the per-channel table (float, channels padded to a multiple of kLanes with zeros, so vector
// loads of it never need a mask). Sums are taken of x - center, one value of the channel (its first
// one): with eps 1e-12 a channel of large mean and small spread would lose its variance to
// cancellation in E[x^2] - mean^2. Then xhat = (x - center) * invstd + offset and
// y = (x - center) * scale + shift = xhat * weight + bias.
enum TableRow : int64_t { kCenter, kInvstd, kOffset, kWeight, kBias, kScale, kShift, kTableRows };

int64_t paddedChannels(int64_t channels)
{
    return (channels + kLanes - 1) / kLanes * kLanes;
}

struct Params
{
    int64_t channels = 0;
    const float *center = nullptr, *invstd = nullptr, *offset = nullptr, *weight = nullptr, *bias = nullptr,
                *scale = nullptr, *shift = nullptr;
    // The input gradient is g * scale - (xhat * gradXhat + gradShift), g the gradient of y.
    const float *gradXhat = nullptr, *gradShift = nullptr;
};

Params paramsOf(const torch::Tensor &table, int64_t channels)
{
    const float *t = table.data_ptr<float>();
    const int64_t padded = table.size(1);
    Params p;
    p.channels = channels;
    p.center = t + kCenter * padded;
    p.invstd = t + kInvstd * padded;
    p.offset = t + kOffset * padded;
    p.weight = t + kWeight * padded;
    p.bias = t + kBias * padded;
    p.scale = t + kScale * padded;
    p.shift = t + kShift * padded;
    return p;
}

using kernels::BFloat16Type;
using kernels::FloatType;

// Kernels over rows [begin, end) of the M x C (NHWC) view. Reductions add into double sums per channel.
using StatisticsRows
    = void (*)(const void *x, const Params &p, int64_t begin, int64_t end, double *sum, double *sumSquares);
using ForwardRows = void (*)(const void *x, void *out, const Params &p, int64_t begin, int64_t end);
using ReduceRows = void (*)(const void *x, const void *gradOut, const Params &p, int64_t begin, int64_t end,
    double *sumGrad, double *sumGradXhat);
using InputGradRows
    = void (*)(const void *x, const void *gradOut, void *gradIn, const Params &p, int64_t begin, int64_t end);

struct Kernels
{
    StatisticsRows statistics;
    ForwardRows forward;
    ReduceRows reduce;
    InputGradRows inputGrad;
};

void flushBlock(std::vector<float> &first, std::vector<float> &second, int64_t channels, double *firstSum,
    double *secondSum)
{
    for (int64_t c = 0; c < channels; ++c) {
        firstSum[c] += first[c];
        secondSum[c] += second[c];
    }
    std::fill(first.begin(), first.end(), 0.0f);
    std::fill(second.begin(), second.end(), 0.0f);
}

// The portable kernels: eight channels a step in the compiler's generic vectors (GCC and clang), one
// register in the AVX2 build below, two SSE2 or NEON ones in the baseline build; a row's last channels
// one at a time, by the same templates with T = float. GELU by the AVX-512 kernels' formulas (gateOf
// there), not std::erf: a libm call per element is what kept the loops scalar, ten times slower than
// LibTorch's layers on a CPU without AVX-512.
#if defined(__GNUC__) // clang too
// 32-byte vectors as arguments of functions built without AVX: all of them are inlined. For the rest
// of the file, as GCC reports it where the templates are instantiated (at the file's end).
#pragma GCC diagnostic ignored "-Wpsabi"
#endif
typedef float Floats __attribute__((vector_size(32)));
typedef int32_t Ints __attribute__((vector_size(32)));
typedef uint32_t Words __attribute__((vector_size(32)));
typedef uint16_t Halves __attribute__((vector_size(16)));
constexpr int64_t kWidth = 8;
#define CIFARLAB_INLINE __attribute__((always_inline)) inline

template<typename T> CIFARLAB_INLINE T splat(float v);
template<> CIFARLAB_INLINE float splat<float>(float v)
{
    return v;
}
template<> CIFARLAB_INLINE Floats splat<Floats>(float v)
{
    return Floats {v, v, v, v, v, v, v, v};
}

CIFARLAB_INLINE Ints splatInt(int32_t v)
{
    return Ints {v, v, v, v, v, v, v, v};
}

// a where `lanes` (all bits set or clear per lane, as comparisons give), else b.
CIFARLAB_INLINE float pick(bool lanes, float a, float b)
{
    return lanes ? a : b;
}
CIFARLAB_INLINE Floats pick(Ints lanes, Floats a, Floats b)
{
    return reinterpret_cast<Floats>((lanes & reinterpret_cast<Ints>(a)) | (~lanes & reinterpret_cast<Ints>(b)));
}

CIFARLAB_INLINE float magnitude(float v)
{
    return std::fabs(v);
}
CIFARLAB_INLINE Floats magnitude(Floats v)
{
    return reinterpret_cast<Floats>(reinterpret_cast<Ints>(v) & splatInt(0x7FFFFFFF));
}

// 2^(k + 64) for integral k in [-150, 0], a normal float throughout.
CIFARLAB_INLINE float pow2Plus64(float k)
{
    const int32_t bits = (static_cast<int32_t>(k) + 127 + 64) << 23;
    float v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
}
CIFARLAB_INLINE Floats pow2Plus64(Floats k)
{
    return reinterpret_cast<Floats>((__builtin_convertvector(k, Ints) + splatInt(127 + 64)) << 23);
}

template<typename T> struct Gates
{
    T cdf, pdf;
};

// As the AVX-512 kernels' gateOf: exp(-y^2 / 2) = 2^u by Cephes' exp2f polynomial, u rounded to the
// nearest integer by adding and removing 1.5 * 2^23, 2^k scaled through 2^-64 so that it rounds to
// subnormals and 0 as exp does; Phi(-|y|) by Abramowitz and Stegun 7.1.26.
template<typename T> CIFARLAB_INLINE Gates<T> gatesOf(T y)
{
    const T square = y * y * splat<T>(-0.72134752044448170f);
    const T u = pick(square < splat<T>(-150.0f), splat<T>(-150.0f), square);
    const T k = (u + splat<T>(12582912.0f)) - splat<T>(12582912.0f);
    const T f = u - k;
    T q = splat<T>(1.535336188319500e-4f);
    q = q * f + splat<T>(1.339887440266574e-3f);
    q = q * f + splat<T>(9.618437357674640e-3f);
    q = q * f + splat<T>(5.550332471162809e-2f);
    q = q * f + splat<T>(2.402264791363012e-1f);
    q = q * f + splat<T>(6.931472028550421e-1f);
    const T e = (q * f + splat<T>(1.0f)) * pow2Plus64(k) * splat<T>(0x1p-64f);
    const T t = splat<T>(1.0f) / (magnitude(y) * splat<T>(0.3275911f * kSqrtHalf) + splat<T>(1.0f));
    T poly = splat<T>(0.5307027145f);
    poly = poly * t + splat<T>(-0.7265760135f);
    poly = poly * t + splat<T>(0.7107068705f);
    poly = poly * t + splat<T>(-0.142248368f);
    poly = poly * t + splat<T>(0.127414796f);
    const T lower = poly * t * e; // Phi(-|y|)
    return {pick(y < splat<T>(0.0f), lower, splat<T>(1.0f) - lower), e * splat<T>(kInvSqrt2Pi)};
}

// Loads and stores of one value (T = float) or eight (T = Floats) of the tensor's type or of floats.
template<typename T, typename Type> CIFARLAB_INLINE T load(const typename Type::Bits *p)
{
    if constexpr (std::is_same_v<T, float>) {
        return Type::toFloat(*p);
    } else if constexpr (std::is_same_v<Type, FloatType>) {
        Floats v;
        std::memcpy(&v, p, sizeof v);
        return v;
    } else {
        Halves h;
        std::memcpy(&h, p, sizeof h);
        return reinterpret_cast<Floats>(__builtin_convertvector(h, Words) << 16);
    }
}

template<typename T, typename Type> CIFARLAB_INLINE void store(typename Type::Bits *p, T v)
{
    if constexpr (std::is_same_v<T, float>) {
        *p = Type::fromFloat(v);
    } else if constexpr (std::is_same_v<Type, FloatType>) {
        std::memcpy(p, &v, sizeof v);
    } else {
        // BFloat16Type::fromFloat, eight at a time.
        const Words bits = reinterpret_cast<Words>(v);
        const Words one = reinterpret_cast<Words>(splatInt(1)), half = reinterpret_cast<Words>(splatInt(0x7FFF));
        const Ints rounded = reinterpret_cast<Ints>((bits + half + ((bits >> 16) & one)) >> 16);
        const Ints kept = reinterpret_cast<Ints>(pick(v != v, reinterpret_cast<Floats>(splatInt(0x7FC0)),
            reinterpret_cast<Floats>(rounded)));
        const Halves h = __builtin_convertvector(kept, Halves);
        std::memcpy(p, &h, sizeof h);
    }
}

template<typename T> CIFARLAB_INLINE T loadFloats(const float *p)
{
    return load<T, FloatType>(p);
}

template<typename T> CIFARLAB_INLINE void storeFloats(float *p, T v)
{
    store<T, FloatType>(p, v);
}

// Calls step(lanes, c) for every channel c, eight at a time (lanes a Floats), then one at a time (a
// float). The steps are always_inline lambdas: a call would run in the baseline build.
template<typename Step> CIFARLAB_INLINE void forChannels(int64_t channels, const Step &step)
{
    int64_t c = 0;
    for (; c + kWidth <= channels; c += kWidth)
        step(Floats {}, c);
    for (; c < channels; ++c)
        step(0.0f, c);
}

template<typename Type>
CIFARLAB_INLINE void statisticsRowsImpl(
    const void *input, const Params &p, int64_t begin, int64_t end, double *sum, double *sumSquares)
{
    using Bits = typename Type::Bits;
    const int64_t C = p.channels;
    std::vector<float> blockSum(C, 0.0f), blockSquares(C, 0.0f);
    float *s = blockSum.data(), *q = blockSquares.data();
    for (int64_t start = begin; start < end; start += kBlockRows) {
        const int64_t stop = std::min(end, start + kBlockRows);
        for (int64_t row = start; row < stop; ++row) {
            const Bits *x = static_cast<const Bits *>(input) + row * C;
            forChannels(C, [&](auto lanes, int64_t c) __attribute__((always_inline)) {
                using T = decltype(lanes);
                const T d = load<T, Type>(x + c) - loadFloats<T>(p.center + c);
                storeFloats<T>(s + c, loadFloats<T>(s + c) + d);
                storeFloats<T>(q + c, loadFloats<T>(q + c) + d * d);
            });
        }
        flushBlock(blockSum, blockSquares, C, sum, sumSquares);
    }
}

template<typename Type>
CIFARLAB_INLINE void forwardRowsImpl(const void *input, void *output, const Params &p, int64_t begin, int64_t end)
{
    using Bits = typename Type::Bits;
    const int64_t C = p.channels;
    for (int64_t row = begin; row < end; ++row) {
        const Bits *x = static_cast<const Bits *>(input) + row * C;
        Bits *out = static_cast<Bits *>(output) + row * C;
        forChannels(C, [&](auto lanes, int64_t c) __attribute__((always_inline)) {
            using T = decltype(lanes);
            const T y = (load<T, Type>(x + c) - loadFloats<T>(p.center + c)) * loadFloats<T>(p.scale + c)
                + loadFloats<T>(p.shift + c);
            store<T, Type>(out + c, y * gatesOf(y).cdf);
        });
    }
}

// g, the gradient of y = xhat * weight + bias, and xhat, for channels [c, c + lanes).
template<typename T, typename Type>
CIFARLAB_INLINE T gradOf(const typename Type::Bits *x, const typename Type::Bits *dy, const Params &p, int64_t c, T &xhat)
{
    xhat = (load<T, Type>(x + c) - loadFloats<T>(p.center + c)) * loadFloats<T>(p.invstd + c) + loadFloats<T>(p.offset + c);
    const T y = xhat * loadFloats<T>(p.weight + c) + loadFloats<T>(p.bias + c);
    const Gates<T> gate = gatesOf(y);
    return load<T, Type>(dy + c) * (y * gate.pdf + gate.cdf);
}

template<typename Type>
CIFARLAB_INLINE void reduceRowsImpl(const void *input, const void *gradOutput, const Params &p, int64_t begin,
    int64_t end, double *sumGrad, double *sumGradXhat)
{
    using Bits = typename Type::Bits;
    const int64_t C = p.channels;
    std::vector<float> blockGrad(C, 0.0f), blockGradXhat(C, 0.0f);
    float *s = blockGrad.data(), *q = blockGradXhat.data();
    for (int64_t start = begin; start < end; start += kBlockRows) {
        const int64_t stop = std::min(end, start + kBlockRows);
        for (int64_t row = start; row < stop; ++row) {
            const Bits *x = static_cast<const Bits *>(input) + row * C;
            const Bits *dy = static_cast<const Bits *>(gradOutput) + row * C;
            forChannels(C, [&](auto lanes, int64_t c) __attribute__((always_inline)) {
                using T = decltype(lanes);
                T xhat;
                const T g = gradOf<T, Type>(x, dy, p, c, xhat);
                storeFloats<T>(s + c, loadFloats<T>(s + c) + g);
                storeFloats<T>(q + c, loadFloats<T>(q + c) + g * xhat);
            });
        }
        flushBlock(blockGrad, blockGradXhat, C, sumGrad, sumGradXhat);
    }
}

template<typename Type>
CIFARLAB_INLINE void inputGradRowsImpl(
    const void *input, const void *gradOutput, void *gradInput, const Params &p, int64_t begin, int64_t end)
{
    using Bits = typename Type::Bits;
    const int64_t C = p.channels;
    for (int64_t row = begin; row < end; ++row) {
        const Bits *x = static_cast<const Bits *>(input) + row * C;
        const Bits *dy = static_cast<const Bits *>(gradOutput) + row * C;
        Bits *dx = static_cast<Bits *>(gradInput) + row * C;
        forChannels(C, [&](auto lanes, int64_t c) __attribute__((always_inline)) {
            using T = decltype(lanes);
            T xhat;
            const T g = gradOf<T, Type>(x, dy, p, c, xhat);
            store<T, Type>(dx + c,
                g * loadFloats<T>(p.scale + c) - (xhat * loadFloats<T>(p.gradXhat + c) + loadFloats<T>(p.gradShift + c)));
        });
    }
}

// The same four loops built twice: for any CPU of the target, and with AVX2 and FMA (x86-64 GCC).
#define CIFARLAB_ROW_KERNELS(kSuffix, kTarget)                                                                 \
    template<typename Type>                                                                                   \
    kTarget void statisticsRows##kSuffix(                                                                     \
        const void *input, const Params &p, int64_t begin, int64_t end, double *sum, double *sumSquares)     \
    {                                                                                                         \
        statisticsRowsImpl<Type>(input, p, begin, end, sum, sumSquares);                                      \
    }                                                                                                         \
    template<typename Type>                                                                                   \
    kTarget void forwardRows##kSuffix(const void *input, void *output, const Params &p, int64_t begin, int64_t end) \
    {                                                                                                         \
        forwardRowsImpl<Type>(input, output, p, begin, end);                                                  \
    }                                                                                                         \
    template<typename Type>                                                                                   \
    kTarget void reduceRows##kSuffix(const void *input, const void *gradOutput, const Params &p, int64_t begin, \
        int64_t end, double *sumGrad, double *sumGradXhat)                                                    \
    {                                                                                                         \
        reduceRowsImpl<Type>(input, gradOutput, p, begin, end, sumGrad, sumGradXhat);                        \
    }                                                                                                         \
    template<typename Type>                                                                                   \
    kTarget void inputGradRows##kSuffix(const void *input, const void *gradOutput, void *gradInput,          \
        const Params &p, int64_t begin, int64_t end)                                                          \
    {                                                                                                         \
        inputGradRowsImpl<Type>(input, gradOutput, gradInput, p, begin, end);                                 \
    }                                                                                                         \
    template<typename Type> Kernels kernels##kSuffix()                                                        \
    {                                                                                                         \
        return {&statisticsRows##kSuffix<Type>, &forwardRows##kSuffix<Type>, &reduceRows##kSuffix<Type>,     \
            &inputGradRows##kSuffix<Type>};                                                                   \
    }

CIFARLAB_ROW_KERNELS(Portable, )
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define CIFARLAB_BATCH_NORM_GELU_AVX2 1
CIFARLAB_ROW_KERNELS(Avx2, __attribute__((target("avx2,fma"))))
#endif
#undef CIFARLAB_ROW_KERNELS

#ifdef CIFARLAB_BATCH_NORM_GELU_AVX512
#define CIFARLAB_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl")))
#if defined(__GNUC__) && !defined(__clang__)
// GCC 12's AVX-512 headers start some intrinsics from a deliberately undefined register and then
// warn about it once inlined (GCC bug 105593).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

// Up to 16 channels as floats, loaded from and stored to the tensor's type; the mask leaves out the
// lanes past a row's last channel (they load as 0). Plain stores rather than streaming ones: with
// the tensor memory cache (core/tensor_memory_cache.h) the next layer finds the output in the
// last-level cache, and streaming it to memory made both passes slower on this project's machine.
struct FloatVector
{
    using Bits = float;
    CIFARLAB_AVX512 static __m512 load(const float *p, __mmask16 mask)
    {
        return _mm512_maskz_loadu_ps(mask, p);
    }
    CIFARLAB_AVX512 static void store(float *p, __mmask16 mask, __m512 v)
    {
        _mm512_mask_storeu_ps(p, mask, v);
    }
};

struct BFloat16Vector
{
    using Bits = uint16_t;
    CIFARLAB_AVX512 static __m512 load(const uint16_t *p, __mmask16 mask)
    {
        return _mm512_castsi512_ps(
            _mm512_slli_epi32(_mm512_cvtepu16_epi32(_mm256_maskz_loadu_epi16(mask, p)), 16));
    }
    // BFloat16Type::fromFloat for 16 values.
    CIFARLAB_AVX512 static void store(uint16_t *p, __mmask16 mask, __m512 v)
    {
        const __m512i bits = _mm512_castps_si512(v);
        const __m512i lsb = _mm512_and_si512(_mm512_srli_epi32(bits, 16), _mm512_set1_epi32(1));
        __m512i rounded
            = _mm512_srli_epi32(_mm512_add_epi32(bits, _mm512_add_epi32(lsb, _mm512_set1_epi32(0x7FFF))), 16);
        rounded = _mm512_mask_mov_epi32(
            rounded, _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q), _mm512_set1_epi32(0x7FC0));
        _mm256_mask_storeu_epi16(p, mask, _mm512_cvtepi32_epi16(rounded));
    }
};

CIFARLAB_AVX512 inline __m512 broadcast(float v)
{
    return _mm512_set1_ps(v);
}

// GELU's gate Phi(y) (the normal CDF) and its density phi(y).
// exp(-y^2 / 2) = 2^u: u split into an integer k and f in [-1/2, 1/2], 2^f by Cephes' exp2f polynomial
// (about 1 ulp), held at u = -150, where it rounds to 0 as exp does in float (GELU of a large negative y
// is then -0, as LibTorch's).
// Phi(-|y|) = erfc(z) / 2 with z = |y| / sqrt(2), erfc by Abramowitz and Stegun 7.1.26 (absolute error
// below 1.5e-7): a polynomial in t = 1 / (1 + p z) times exp(-z^2), the very exponential phi needs,
// so one exp serves both.
struct Gate
{
    __m512 cdf, pdf;
};

CIFARLAB_AVX512 inline Gate gateOf(__m512 y)
{
    const __m512 u = _mm512_max_ps(
        _mm512_mul_ps(_mm512_mul_ps(y, y), broadcast(-0.72134752044448170f)), broadcast(-150.0f));
    const __m512 k = _mm512_roundscale_ps(u, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    const __m512 f = _mm512_sub_ps(u, k);
    __m512 q = broadcast(1.535336188319500e-4f);
    q = _mm512_fmadd_ps(q, f, broadcast(1.339887440266574e-3f));
    q = _mm512_fmadd_ps(q, f, broadcast(9.618437357674640e-3f));
    q = _mm512_fmadd_ps(q, f, broadcast(5.550332471162809e-2f));
    q = _mm512_fmadd_ps(q, f, broadcast(2.402264791363012e-1f));
    q = _mm512_fmadd_ps(q, f, broadcast(6.931472028550421e-1f));
    const __m512 e = _mm512_scalef_ps(_mm512_fmadd_ps(q, f, broadcast(1.0f)), k);

    // d = 1 + p |y| / sqrt(2); t = 1 / d to float precision: the estimate and one Newton step.
    const __m512 d = _mm512_fmadd_ps(_mm512_abs_ps(y), broadcast(0.3275911f * kSqrtHalf), broadcast(1.0f));
    __m512 t = _mm512_rcp14_ps(d);
    t = _mm512_mul_ps(t, _mm512_fnmadd_ps(d, t, broadcast(2.0f)));
    // The coefficients halved: the polynomial gives erfc(z) / 2.
    __m512 poly = broadcast(0.5307027145f);
    poly = _mm512_fmadd_ps(poly, t, broadcast(-0.7265760135f));
    poly = _mm512_fmadd_ps(poly, t, broadcast(0.7107068705f));
    poly = _mm512_fmadd_ps(poly, t, broadcast(-0.142248368f));
    poly = _mm512_fmadd_ps(poly, t, broadcast(0.127414796f));
    const __m512 lower = _mm512_mul_ps(_mm512_mul_ps(poly, t), e); // Phi(-|y|)
    // 1 - Phi(-|y|) where y is not negative (NaN included: it stays NaN).
    const __mmask16 upper = _mm512_cmp_ps_mask(y, _mm512_setzero_ps(), _CMP_NLT_UQ);
    return {
        _mm512_mask_sub_ps(lower, upper, broadcast(1.0f), lower), _mm512_mul_ps(e, broadcast(kInvSqrt2Pi))};
}

CIFARLAB_AVX512 inline __m512 geluLanes(__m512 y)
{
    return _mm512_mul_ps(y, gateOf(y).cdf);
}

CIFARLAB_AVX512 inline __m512 geluSlopeLanes(__m512 y)
{
    const Gate gate = gateOf(y);
    return _mm512_fmadd_ps(y, gate.pdf, gate.cdf);
}

// One 16-channel group's values from the table.
struct GroupParams
{
    __m512 center, invstd, offset, weight, bias, scale, shift, gradXhat, gradShift;
};

CIFARLAB_AVX512 inline __m512 loadOptional(const float *p, int64_t c)
{
    return p ? _mm512_loadu_ps(p + c) : _mm512_setzero_ps();
}

CIFARLAB_AVX512 inline GroupParams groupParams(const Params &p, int64_t c)
{
    return {_mm512_loadu_ps(p.center + c), _mm512_loadu_ps(p.invstd + c), _mm512_loadu_ps(p.offset + c),
        _mm512_loadu_ps(p.weight + c), _mm512_loadu_ps(p.bias + c), _mm512_loadu_ps(p.scale + c),
        _mm512_loadu_ps(p.shift + c), loadOptional(p.gradXhat, c), loadOptional(p.gradShift, c)};
}

CIFARLAB_AVX512 inline __mmask16 groupMask(int64_t c, int64_t channels)
{
    return channels - c >= kLanes ? static_cast<__mmask16>(0xFFFF)
                                  : static_cast<__mmask16>((1u << (channels - c)) - 1u);
}

// The kernels go through a few rows at a time, 16 channels at a time: per-channel values and sums
// stay in registers, and the rows (about 4 KiB of each tensor) stay in L1 from one group to the next.
template<typename Bits> int64_t cacheRows(int64_t channels)
{
    return std::clamp<int64_t>(4096 / (channels * static_cast<int64_t>(sizeof(Bits))), 1, kBlockRows);
}

template<typename Vector>
CIFARLAB_AVX512 void statisticsRowsAvx512(
    const void *input, const Params &p, int64_t begin, int64_t end, double *sum, double *sumSquares)
{
    using Bits = typename Vector::Bits;
    const int64_t C = p.channels, step = cacheRows<Bits>(C);
    // Masked-off lanes load 0 and center's padding is 0: they add nothing.
    std::vector<float> blockSum(paddedChannels(C), 0.0f), blockSquares(paddedChannels(C), 0.0f);
    for (int64_t start = begin; start < end; start += kBlockRows) {
        const int64_t stop = std::min(end, start + kBlockRows);
        for (int64_t first = start; first < stop; first += step) {
            const int64_t last = std::min(stop, first + step);
            for (int64_t c = 0; c < C; c += kLanes) {
                const __mmask16 mask = groupMask(c, C);
                const __m512 center = _mm512_loadu_ps(p.center + c);
                __m512 s = _mm512_loadu_ps(blockSum.data() + c), q = _mm512_loadu_ps(blockSquares.data() + c);
                const Bits *x = static_cast<const Bits *>(input) + first * C + c;
                for (int64_t row = first; row < last; ++row, x += C) {
                    const __m512 d = _mm512_sub_ps(Vector::load(x, mask), center);
                    s = _mm512_add_ps(s, d);
                    q = _mm512_fmadd_ps(d, d, q);
                }
                _mm512_storeu_ps(blockSum.data() + c, s);
                _mm512_storeu_ps(blockSquares.data() + c, q);
            }
        }
        flushBlock(blockSum, blockSquares, C, sum, sumSquares);
    }
}

template<typename Vector>
CIFARLAB_AVX512 void forwardRowsAvx512(
    const void *input, void *output, const Params &p, int64_t begin, int64_t end)
{
    using Bits = typename Vector::Bits;
    const int64_t C = p.channels, step = cacheRows<Bits>(C);
    for (int64_t first = begin; first < end; first += step) {
        const int64_t last = std::min(end, first + step);
        for (int64_t c = 0; c < C; c += kLanes) {
            const __mmask16 mask = groupMask(c, C);
            const __m512 center = _mm512_loadu_ps(p.center + c), scale = _mm512_loadu_ps(p.scale + c),
                         shift = _mm512_loadu_ps(p.shift + c);
            const Bits *x = static_cast<const Bits *>(input) + first * C + c;
            Bits *out = static_cast<Bits *>(output) + first * C + c;
            for (int64_t row = first; row < last; ++row, x += C, out += C) {
                const __m512 y = _mm512_fmadd_ps(_mm512_sub_ps(Vector::load(x, mask), center), scale, shift);
                Vector::store(out, mask, geluLanes(y));
            }
        }
    }
}

// g, the gradient of y = xhat * weight + bias, and xhat.
CIFARLAB_AVX512 inline __m512 gradLanes(__m512 x, __m512 dy, const GroupParams &g, __m512 &xhat)
{
    xhat = _mm512_fmadd_ps(_mm512_sub_ps(x, g.center), g.invstd, g.offset);
    return _mm512_mul_ps(dy, geluSlopeLanes(_mm512_fmadd_ps(xhat, g.weight, g.bias)));
}

template<typename Vector>
CIFARLAB_AVX512 void reduceRowsAvx512(const void *input, const void *gradOutput, const Params &p,
    int64_t begin, int64_t end, double *sumGrad, double *sumGradXhat)
{
    using Bits = typename Vector::Bits;
    const int64_t C = p.channels, step = cacheRows<Bits>(C);
    // Masked-off lanes load a zero output gradient: g is 0 there.
    std::vector<float> blockGrad(paddedChannels(C), 0.0f), blockGradXhat(paddedChannels(C), 0.0f);
    for (int64_t start = begin; start < end; start += kBlockRows) {
        const int64_t stop = std::min(end, start + kBlockRows);
        for (int64_t first = start; first < stop; first += step) {
            const int64_t last = std::min(stop, first + step);
            for (int64_t c = 0; c < C; c += kLanes) {
                const __mmask16 mask = groupMask(c, C);
                const GroupParams g = groupParams(p, c);
                __m512 s = _mm512_loadu_ps(blockGrad.data() + c),
                       q = _mm512_loadu_ps(blockGradXhat.data() + c);
                const Bits *x = static_cast<const Bits *>(input) + first * C + c;
                const Bits *dy = static_cast<const Bits *>(gradOutput) + first * C + c;
                for (int64_t row = first; row < last; ++row, x += C, dy += C) {
                    __m512 xhat;
                    const __m512 grad = gradLanes(Vector::load(x, mask), Vector::load(dy, mask), g, xhat);
                    s = _mm512_add_ps(s, grad);
                    q = _mm512_fmadd_ps(grad, xhat, q);
                }
                _mm512_storeu_ps(blockGrad.data() + c, s);
                _mm512_storeu_ps(blockGradXhat.data() + c, q);
            }
        }
        flushBlock(blockGrad, blockGradXhat, C, sumGrad, sumGradXhat);
    }
}

template<typename Vector>
CIFARLAB_AVX512 void inputGradRowsAvx512(
    const void *input, const void *gradOutput, void *gradInput, const Params &p, int64_t begin, int64_t end)
{
    using Bits = typename Vector::Bits;
    const int64_t C = p.channels, step = cacheRows<Bits>(C);
    for (int64_t first = begin; first < end; first += step) {
        const int64_t last = std::min(end, first + step);
        for (int64_t c = 0; c < C; c += kLanes) {
            const __mmask16 mask = groupMask(c, C);
            const GroupParams g = groupParams(p, c);
            const Bits *x = static_cast<const Bits *>(input) + first * C + c;
            const Bits *dy = static_cast<const Bits *>(gradOutput) + first * C + c;
            Bits *dx = static_cast<Bits *>(gradInput) + first * C + c;
            for (int64_t row = first; row < last; ++row, x += C, dy += C, dx += C) {
                __m512 xhat;
                const __m512 grad = gradLanes(Vector::load(x, mask), Vector::load(dy, mask), g, xhat);
                Vector::store(
                    dx, mask, _mm512_fmsub_ps(grad, g.scale, _mm512_fmadd_ps(xhat, g.gradXhat, g.gradShift)));
            }
        }
    }
}

template<typename Vector> Kernels avx512Kernels()
{
    return {&statisticsRowsAvx512<Vector>, &forwardRowsAvx512<Vector>, &reduceRowsAvx512<Vector>,
        &inputGradRowsAvx512<Vector>};
}

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#endif

Kernels kernelsFor(at::ScalarType dtype)
{
    const bool bf16 = dtype == torch::kBFloat16;
#ifdef CIFARLAB_BATCH_NORM_GELU_AVX512
    if (g_widest == KernelIsa::Widest && cpuHasAvx512())
        return bf16 ? avx512Kernels<BFloat16Vector>() : avx512Kernels<FloatVector>();
#endif
#ifdef CIFARLAB_BATCH_NORM_GELU_AVX2
    if (g_widest != KernelIsa::Portable && cpuHasAvx2())
        return bf16 ? kernelsAvx2<BFloat16Type>() : kernelsAvx2<FloatType>();
#endif
    return bf16 ? kernelsPortable<BFloat16Type>() : kernelsPortable<FloatType>();
}

// Each thread's share is at least this many elements (about 0.1 ms of a pass): smaller tensors are
// not worth handing out.
constexpr int64_t kMinElementsPerThread = 1 << 17;

int64_t chunksFor(int64_t rows, int64_t channels)
{
    const int64_t byWork = rows * channels / kMinElementsPerThread;
    return std::max<int64_t>(1, std::min<int64_t>({at::get_num_threads(), byWork, rows}));
}

// body(chunk, begin, end) for `chunks` equal slices of [0, rows), over LibTorch's intra-op threads.
// Not through at::parallel_for: that is OpenMP code in ATen's headers, and in a file compiled without
// -fopenmp (models/ is) it runs everything on the calling thread. A TensorIterator's for_each runs it
// inside LibTorch: iterating over a tensor of one byte per slice hands each thread its slices. (Threads
// of our own would compete with OpenMP's workers, which spin for a while after each parallel
// operator: in an airbench step that took the whole gain away.)
template<typename Body> void forEachChunk(int64_t rows, int64_t chunks, const Body &body)
{
    const auto run = [&](int64_t chunk) { body(chunk, rows * chunk / chunks, rows * (chunk + 1) / chunks); };
    if (chunks <= 1) {
        run(0);
        return;
    }
    auto slots = torch::empty({chunks}, torch::kUInt8);
    const char *first = static_cast<const char *>(slots.data_ptr());
    auto iter = at::TensorIterator::nullary_op(slots);
    iter.for_each(
        [&](char **data, const int64_t *strides, int64_t size) {
            for (int64_t i = 0; i < size; ++i)
                run(data[0] + i * strides[0] - first);
        },
        1);
}

// body(begin, end, first, second) adds rows [begin, end) into two double sums per channel. Each chunk
// has sums of its own, added in chunk order afterwards: the same result for the same thread count.
template<typename Body>
std::pair<std::vector<double>, std::vector<double>> reduceOverRows(
    int64_t rows, int64_t channels, const Body &body)
{
    const int64_t chunks = chunksFor(rows, channels);
    std::vector<double> partial(static_cast<size_t>(chunks * 2 * channels), 0.0);
    forEachChunk(rows, chunks, [&](int64_t chunk, int64_t begin, int64_t end) {
        double *sums = partial.data() + chunk * 2 * channels;
        body(begin, end, sums, sums + channels);
    });
    std::vector<double> first(channels, 0.0), second(channels, 0.0);
    for (int64_t chunk = 0; chunk < chunks; ++chunk)
        for (int64_t c = 0; c < channels; ++c) {
            first[c] += partial[chunk * 2 * channels + c];
            second[c] += partial[chunk * 2 * channels + channels + c];
        }
    return {std::move(first), std::move(second)};
}

// body(begin, end) over all rows.
template<typename Body> void forEachRows(int64_t rows, int64_t channels, const Body &body)
{
    forEachChunk(
        rows, chunksFor(rows, channels), [&](int64_t, int64_t begin, int64_t end) { body(begin, end); });
}

int64_t rowsOf(const torch::Tensor &x)
{
    return x.size(0) * x.size(2) * x.size(3);
}

torch::Tensor channelsLastLike(const torch::Tensor &x)
{
    return torch::empty(x.sizes(), x.options().memory_format(torch::MemoryFormat::ChannelsLast));
}

// Batch statistics of x into the per-channel table, and the norm's running statistics updated as
// LibTorch's batch_norm updates them (in double, unbiased variance).
torch::Tensor normalizeTable(BatchNorm2dImpl &norm, const torch::Tensor &x)
{
    const int64_t C = x.size(1), rows = rowsOf(x);
    auto table = torch::zeros({kTableRows, paddedChannels(C)}, torch::kFloat32);
    float *t = table.data_ptr<float>();
    const int64_t padded = table.size(1);
    float *center = t + kCenter * padded;
    if (x.scalar_type() == torch::kBFloat16) {
        const auto *first = static_cast<const uint16_t *>(x.data_ptr());
        for (int64_t c = 0; c < C; ++c)
            center[c] = BFloat16Type::toFloat(first[c]);
    } else {
        std::memcpy(center, x.data_ptr(), static_cast<size_t>(C) * sizeof(float));
    }
    const Params p = paramsOf(table, C);
    const Kernels kernels = kernelsFor(x.scalar_type());
    const void *input = x.data_ptr();
    const auto [sum, sumSquares]
        = reduceOverRows(rows, C, [&](int64_t begin, int64_t end, double *s, double *q) {
              kernels.statistics(input, p, begin, end, s, q);
          });

    const double n = static_cast<double>(rows), eps = norm.options.eps(), momentum = *norm.options.momentum();
    const float *weight = norm.weight.data_ptr<float>(), *bias = norm.bias.data_ptr<float>();
    auto runningMean = torch::empty({C}, torch::kFloat32), runningVar = torch::empty({C}, torch::kFloat32);
    const float *oldMean = norm.running_mean.data_ptr<float>(), *oldVar = norm.running_var.data_ptr<float>();
    float *newMean = runningMean.data_ptr<float>(), *newVar = runningVar.data_ptr<float>();
    for (int64_t c = 0; c < C; ++c) {
        const double shiftedMean = sum[c] / n;
        const double var = std::max(0.0, sumSquares[c] / n - shiftedMean * shiftedMean);
        const double invstd = 1.0 / std::sqrt(var + eps), offset = -shiftedMean * invstd;
        t[kInvstd * padded + c] = static_cast<float>(invstd);
        t[kOffset * padded + c] = static_cast<float>(offset);
        t[kWeight * padded + c] = weight[c];
        t[kBias * padded + c] = bias[c];
        t[kScale * padded + c] = static_cast<float>(invstd * weight[c]);
        t[kShift * padded + c] = static_cast<float>(bias[c] + offset * weight[c]);
        const double mean = static_cast<double>(center[c]) + shiftedMean;
        newMean[c] = static_cast<float>(momentum * mean + (1.0 - momentum) * oldMean[c]);
        newVar[c] = static_cast<float>(momentum * var * n / (n - 1.0) + (1.0 - momentum) * oldVar[c]);
    }
    torch::NoGradGuard noGrad;
    norm.running_mean.copy_(runningMean);
    norm.running_var.copy_(runningVar);
    if (norm.num_batches_tracked.defined())
        norm.num_batches_tracked.add_(1);
    return table;
}

torch::Tensor forwardOutput(const torch::Tensor &x, const torch::Tensor &table)
{
    auto out = channelsLastLike(x);
    const int64_t C = x.size(1);
    const Params p = paramsOf(table, C);
    const Kernels kernels = kernelsFor(x.scalar_type());
    const void *input = x.data_ptr();
    void *output = out.data_ptr();
    forEachRows(
        rowsOf(x), C, [&](int64_t begin, int64_t end) { kernels.forward(input, output, p, begin, end); });
    return out;
}

// Inputs: x, weight, bias (the norm's) and the per-channel table normalizeTable made.
struct BatchNormGeluFunction : public torch::autograd::Function<BatchNormGeluFunction>
{
    static torch::Tensor forward(AutogradContext *ctx, const torch::Tensor &x, const torch::Tensor &weight,
        const torch::Tensor &bias, const torch::Tensor &table)
    {
        ctx->save_for_backward({x, table});
        return forwardOutput(x, table);
    }

    static variable_list backward(AutogradContext *ctx, variable_list gradOutputs)
    {
        const bool needInput = ctx->needs_input_grad(0), needWeight = ctx->needs_input_grad(1),
                   needBias = ctx->needs_input_grad(2);
        if (!gradOutputs[0].defined() || !(needInput || needWeight || needBias))
            return {torch::Tensor(), torch::Tensor(), torch::Tensor(), torch::Tensor()};
        const auto saved = ctx->get_saved_variables();
        const auto &x = saved[0];
        const auto &table = saved[1];
        const int64_t C = x.size(1), rows = rowsOf(x);
        const auto gradOut = gradOutputs[0].to(x.scalar_type()).contiguous(torch::MemoryFormat::ChannelsLast);
        const void *input = x.data_ptr(), *gradData = gradOut.data_ptr();
        Params p = paramsOf(table, C);
        const Kernels reduceKernels = kernelsFor(x.scalar_type());
        const auto [sumGrad, sumGradXhat]
            = reduceOverRows(rows, C, [&](int64_t begin, int64_t end, double *s, double *q) {
                  reduceKernels.reduce(input, gradData, p, begin, end, s, q);
              });

        const auto perChannel = [C](const std::vector<double> &values) {
            auto tensor = torch::empty({C}, torch::kFloat32);
            std::transform(values.begin(), values.end(), tensor.data_ptr<float>(),
                [](double v) { return static_cast<float>(v); });
            return tensor;
        };
        torch::Tensor gradInput, gradWeight, gradBias;
        if (needWeight)
            gradWeight = perChannel(sumGradXhat);
        if (needBias)
            gradBias = perChannel(sumGrad);
        if (needInput) {
            const int64_t padded = table.size(1);
            auto factors = torch::zeros({2, padded}, torch::kFloat32);
            float *gradXhat = factors.data_ptr<float>(), *gradShift = gradXhat + padded;
            const double n = static_cast<double>(rows);
            for (int64_t c = 0; c < C; ++c) {
                gradXhat[c] = static_cast<float>(sumGradXhat[c] / n * p.scale[c]);
                gradShift[c] = static_cast<float>(sumGrad[c] / n * p.scale[c]);
            }
            p.gradXhat = gradXhat;
            p.gradShift = gradShift;
            gradInput = channelsLastLike(x);
            void *gradInputData = gradInput.data_ptr();
            const Kernels kernels = kernelsFor(x.scalar_type());
            forEachRows(rows, C, [&](int64_t begin, int64_t end) {
                kernels.inputGrad(input, gradData, gradInputData, p, begin, end);
            });
        }
        return {gradInput, gradWeight, gradBias, torch::Tensor()};
    }
};

bool isChannelVector(const torch::Tensor &t, int64_t channels)
{
    return t.defined() && t.device().is_cpu() && t.scalar_type() == torch::kFloat32 && t.dim() == 1
        && t.size(0) == channels && t.is_contiguous();
}

bool fusedRouteApplies(const BatchNorm2dImpl &norm, const GELUImpl &activ, const torch::Tensor &x)
{
    if (!g_enabled || !ownKernelsEnabled() || detail::summaryRecording() || !norm.is_training()
        || norm.hasStatisticsReducer() || !norm.options.momentum().has_value()
        || activ.options.approximate() != "none")
        return false;
    if (!x.defined() || x.dim() != 4 || !x.device().is_cpu() || x.layout() != torch::kStrided
        || (x.scalar_type() != torch::kFloat32 && x.scalar_type() != torch::kBFloat16)
        || !x.is_contiguous(torch::MemoryFormat::ChannelsLast))
        return false;
    const int64_t C = x.size(1);
    // A single value per channel has no unbiased variance: LibTorch's error says so.
    return C > 0 && C == norm.options.num_features() && rowsOf(x) > 1 && isChannelVector(norm.weight, C)
        && isChannelVector(norm.bias, C) && isChannelVector(norm.running_mean, C)
        && isChannelVector(norm.running_var, C);
}

} // namespace

torch::Tensor batchNormGelu(BatchNorm2d &norm, GELU &activ, const torch::Tensor &x)
{
    if (!fusedRouteApplies(*norm, *activ, x))
        return traced(activ, traced(norm, x));
    const auto table = normalizeTable(*norm, x);
    const auto &weight = norm->weight, &bias = norm->bias;
    if (torch::GradMode::is_enabled()
        && (x.requires_grad() || weight.requires_grad() || bias.requires_grad()))
        return BatchNormGeluFunction::apply(x, weight, bias, table);
    return forwardOutput(x, table);
}

void setBatchNormGeluEnabled(bool enabled)
{
    g_enabled = enabled;
}

void setBatchNormGeluIsa(KernelIsa widest)
{
    g_widest = widest;
}

} // namespace cifarlab
