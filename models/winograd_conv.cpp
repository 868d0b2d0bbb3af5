#include "models/winograd_conv.h"

#include "models/own_kernel_types.h"
#include "models/own_kernels.h"
#include "models/small_map_conv.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace cifarlab {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;
using kernels::BFloat16Type;
using kernels::FloatType;

// Transform matrices for Y = A^T [(G g G^T) . (B^T d B)] A, for correlation, as conv2d computes it
// (Lavin and Gray, 2016), built by the Toom-Cook construction on the points 0, +-3/2, +-2/3 and
// infinity instead of Lavin's 0, +-1, +-2. The same sparsity, so the same work, but in bf16 the
// rounding of the transformed operands is amplified less: 1.1% relative error against 2.5% for
// Lavin's points (emulated and measured: docs/benchmarks.md, "Winograd's interpolation points").
template<int kTile>
struct Transform;

template<>
struct Transform<4>
{
    static constexpr int kAlpha = 6;
    static constexpr float kBT[6][6] = {{1, 0, -97.0f / 36, 0, 1, 0}, {0, -2.0f / 3, -4.0f / 9, 1.5f, 1, 0},
        {0, 2.0f / 3, -4.0f / 9, -1.5f, 1, 0}, {0, -1.5f, -2.25f, 2.0f / 3, 1, 0}, {0, 1.5f, -2.25f, -2.0f / 3, 1, 0},
        {0, 1, 0, -97.0f / 36, 0, 1}};
    static constexpr float kAT[4][6] = {{1, 1, 1, 1, 1, 0}, {0, 1.5f, -1.5f, 2.0f / 3, -2.0f / 3, 0},
        {0, 2.25f, 2.25f, 4.0f / 9, 4.0f / 9, 0}, {0, 3.375f, -3.375f, 8.0f / 27, -8.0f / 27, 1}};
    static constexpr float kG[6][3] = {{1, 0, 0}, {8.0f / 65, 12.0f / 65, 18.0f / 65}, {8.0f / 65, -12.0f / 65, 18.0f / 65},
        {-81.0f / 130, -27.0f / 65, -18.0f / 65}, {-81.0f / 130, 27.0f / 65, -18.0f / 65}, {0, 0, 1}};
};

struct Geometry
{
    int64_t n, h, w, c;  // the map (NHWC) and its channels
    int64_t tilesY, tilesX; // tiles per column and row
    int64_t tiles() const { return n * tilesY * tilesX; }
};

constexpr int kWinogradTile = 4; // F(4x4,3x3); F(2x2,3x3) was slower than oneDNN on Zen 5
constexpr int kChannelBlock = 16;

#define CIFARLAB_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl")))
// Fully unrolled, the constant matrices fold into the code; clang builds (fuzzing, sanitizers) keep the
// loops, as unrolling under their instrumentation takes minutes to compile.
#if defined(__clang__)
#define CIFARLAB_UNROLL
#else
#define CIFARLAB_UNROLL _Pragma("GCC unroll 8")
#endif

// Every kernel works on one tile and a block of kBlock channels (contiguous in NHWC and in the
// transformed layout), with float32 locals; a block of constant length is what GCC vectorizes.

// V[(i, j), p, c] = (B^T d B)[i, j] for the tile p of the input.
template<int kTile, int kBlock, typename Type>
__attribute__((always_inline)) inline void inputTile(
    const typename Type::Bits *x, typename Type::Bits *v, const Geometry &g, int64_t p, int64_t c0)
{
    using T = Transform<kTile>;
    constexpr int A = T::kAlpha;
    const int64_t n = p / (g.tilesY * g.tilesX), ty = p / g.tilesX % g.tilesY, tx = p % g.tilesX;
    float d[A][A][kBlock];
    CIFARLAB_UNROLL for (int a = 0; a < A; ++a)
    {
        const int64_t row = ty * kTile + a - 1;
        CIFARLAB_UNROLL for (int b = 0; b < A; ++b)
        {
            const int64_t col = tx * kTile + b - 1;
            if (row >= 0 && row < g.h && col >= 0 && col < g.w) {
                const auto *src = x + ((n * g.h + row) * g.w + col) * g.c + c0;
                for (int k = 0; k < kBlock; ++k)
                    d[a][b][k] = Type::toFloat(src[k]);
            } else {
                for (int k = 0; k < kBlock; ++k)
                    d[a][b][k] = 0.0f;
            }
        }
    }
    float t[A][A][kBlock];
    CIFARLAB_UNROLL for (int i = 0; i < A; ++i) CIFARLAB_UNROLL for (int b = 0; b < A; ++b)
    {
        float acc[kBlock] = {};
        CIFARLAB_UNROLL for (int a = 0; a < A; ++a) if (T::kBT[i][a] != 0.0f) for (int k = 0; k < kBlock; ++k) acc[k] +=
            T::kBT[i][a] * d[a][b][k];
        for (int k = 0; k < kBlock; ++k)
            t[i][b][k] = acc[k];
    }
    const int64_t plane = g.tiles() * g.c;
    CIFARLAB_UNROLL for (int i = 0; i < A; ++i) CIFARLAB_UNROLL for (int j = 0; j < A; ++j)
    {
        float acc[kBlock] = {};
        CIFARLAB_UNROLL for (int b = 0; b < A; ++b) if (T::kBT[j][b] != 0.0f) for (int k = 0; k < kBlock; ++k) acc[k] +=
            T::kBT[j][b] * t[i][b][k];
        auto *dst = v + (i * A + j) * plane + p * g.c + c0;
        for (int k = 0; k < kBlock; ++k)
            dst[k] = Type::fromFloat(acc[k]);
    }
}

// The adjoint: dd = B dV B^T of tile p, added into the image's float32 gradient buffer (H x W x C).
template<int kTile, int kBlock, typename Type>
__attribute__((always_inline)) inline void inputTileBackward(
    const typename Type::Bits *dv, float *buffer, const Geometry &g, int64_t p, int64_t c0)
{
    using T = Transform<kTile>;
    constexpr int A = T::kAlpha;
    const int64_t ty = p / g.tilesX % g.tilesY, tx = p % g.tilesX;
    const int64_t plane = g.tiles() * g.c;
    float s[A][A][kBlock];
    CIFARLAB_UNROLL for (int i = 0; i < A; ++i) CIFARLAB_UNROLL for (int j = 0; j < A; ++j)
    {
        const auto *src = dv + (i * A + j) * plane + p * g.c + c0;
        for (int k = 0; k < kBlock; ++k)
            s[i][j][k] = Type::toFloat(src[k]);
    }
    float t[A][A][kBlock]; // t[i][b] = sum_j s[i][j] BT[j][b]
    CIFARLAB_UNROLL for (int i = 0; i < A; ++i) CIFARLAB_UNROLL for (int b = 0; b < A; ++b)
    {
        float acc[kBlock] = {};
        CIFARLAB_UNROLL for (int j = 0; j < A; ++j) if (T::kBT[j][b] != 0.0f) for (int k = 0; k < kBlock; ++k) acc[k] +=
            T::kBT[j][b] * s[i][j][k];
        for (int k = 0; k < kBlock; ++k)
            t[i][b][k] = acc[k];
    }
    CIFARLAB_UNROLL for (int a = 0; a < A; ++a)
    {
        const int64_t row = ty * kTile + a - 1;
        if (row < 0 || row >= g.h)
            continue;
        CIFARLAB_UNROLL for (int b = 0; b < A; ++b)
        {
            const int64_t col = tx * kTile + b - 1;
            if (col < 0 || col >= g.w)
                continue;
            float acc[kBlock] = {};
            CIFARLAB_UNROLL for (int i = 0; i < A; ++i) if (T::kBT[i][a] != 0.0f) for (int k = 0; k < kBlock; ++k) acc[k] +=
                T::kBT[i][a] * t[i][b][k];
            float *dst = buffer + (row * g.w + col) * g.c + c0;
            for (int k = 0; k < kBlock; ++k)
                dst[k] += acc[k];
        }
    }
}

// y tile p = A^T M A, the in-map part of it written to y (NHWC).
template<int kTile, int kBlock, typename Type>
__attribute__((always_inline)) inline void outputTile(
    const typename Type::Bits *m, typename Type::Bits *y, const Geometry &g, int64_t p, int64_t c0)
{
    using T = Transform<kTile>;
    constexpr int A = T::kAlpha;
    const int64_t n = p / (g.tilesY * g.tilesX), ty = p / g.tilesX % g.tilesY, tx = p % g.tilesX;
    const int64_t plane = g.tiles() * g.c;
    float s[A][A][kBlock];
    CIFARLAB_UNROLL for (int i = 0; i < A; ++i) CIFARLAB_UNROLL for (int j = 0; j < A; ++j)
    {
        const auto *src = m + (i * A + j) * plane + p * g.c + c0;
        for (int k = 0; k < kBlock; ++k)
            s[i][j][k] = Type::toFloat(src[k]);
    }
    float t[A][kTile][kBlock]; // t[i][xx] = sum_j s[i][j] AT[xx][j]
    CIFARLAB_UNROLL for (int i = 0; i < A; ++i) CIFARLAB_UNROLL for (int xx = 0; xx < kTile; ++xx)
    {
        float acc[kBlock] = {};
        CIFARLAB_UNROLL for (int j = 0; j < A; ++j) if (T::kAT[xx][j] != 0.0f) for (int k = 0; k < kBlock; ++k) acc[k] +=
            T::kAT[xx][j] * s[i][j][k];
        for (int k = 0; k < kBlock; ++k)
            t[i][xx][k] = acc[k];
    }
    CIFARLAB_UNROLL for (int yy = 0; yy < kTile; ++yy)
    {
        const int64_t row = ty * kTile + yy;
        if (row >= g.h)
            continue;
        CIFARLAB_UNROLL for (int xx = 0; xx < kTile; ++xx)
        {
            const int64_t col = tx * kTile + xx;
            if (col >= g.w)
                continue;
            float acc[kBlock] = {};
            CIFARLAB_UNROLL for (int i = 0; i < A; ++i) if (T::kAT[yy][i] != 0.0f) for (int k = 0; k < kBlock; ++k) acc[k] +=
                T::kAT[yy][i] * t[i][xx][k];
            auto *dst = y + ((n * g.h + row) * g.w + col) * g.c + c0;
            for (int k = 0; k < kBlock; ++k)
                dst[k] = Type::fromFloat(acc[k]);
        }
    }
}

// The adjoint: dM tile p = A dY A^T, dY zero outside the map.
template<int kTile, int kBlock, typename Type>
__attribute__((always_inline)) inline void outputTileBackward(
    const typename Type::Bits *dy, typename Type::Bits *dm, const Geometry &g, int64_t p, int64_t c0)
{
    using T = Transform<kTile>;
    constexpr int A = T::kAlpha;
    const int64_t n = p / (g.tilesY * g.tilesX), ty = p / g.tilesX % g.tilesY, tx = p % g.tilesX;
    const int64_t plane = g.tiles() * g.c;
    float s[kTile][kTile][kBlock];
    CIFARLAB_UNROLL for (int yy = 0; yy < kTile; ++yy) CIFARLAB_UNROLL for (int xx = 0; xx < kTile; ++xx)
    {
        const int64_t row = ty * kTile + yy, col = tx * kTile + xx;
        if (row < g.h && col < g.w) {
            const auto *src = dy + ((n * g.h + row) * g.w + col) * g.c + c0;
            for (int k = 0; k < kBlock; ++k)
                s[yy][xx][k] = Type::toFloat(src[k]);
        } else {
            for (int k = 0; k < kBlock; ++k)
                s[yy][xx][k] = 0.0f;
        }
    }
    float t[A][kTile][kBlock]; // t[i][xx] = sum_yy AT[yy][i] s[yy][xx]
    CIFARLAB_UNROLL for (int i = 0; i < A; ++i) CIFARLAB_UNROLL for (int xx = 0; xx < kTile; ++xx)
    {
        float acc[kBlock] = {};
        CIFARLAB_UNROLL for (int yy = 0; yy < kTile; ++yy) if (T::kAT[yy][i] != 0.0f) for (int k = 0; k < kBlock; ++k) acc[k] +=
            T::kAT[yy][i] * s[yy][xx][k];
        for (int k = 0; k < kBlock; ++k)
            t[i][xx][k] = acc[k];
    }
    CIFARLAB_UNROLL for (int i = 0; i < A; ++i) CIFARLAB_UNROLL for (int j = 0; j < A; ++j)
    {
        float acc[kBlock] = {};
        CIFARLAB_UNROLL for (int xx = 0; xx < kTile; ++xx) if (T::kAT[xx][j] != 0.0f) for (int k = 0; k < kBlock; ++k) acc[k] +=
            T::kAT[xx][j] * t[i][xx][k];
        auto *dst = dm + (i * A + j) * plane + p * g.c + c0;
        for (int k = 0; k < kBlock; ++k)
            dst[k] = Type::fromFloat(acc[k]);
    }
}

enum class Kernel
{
    Input,
    InputBackward,
    Output,
    OutputBackward
};

// One kernel's pass over tiles [begin, end) (InputBackward: images [begin, end)), every channel:
// blocks of kChannelBlock channels, then the rest one at a time.
template<Kernel kKernel, int kTile, int kWidth, typename Type>
__attribute__((always_inline)) inline void runChannels(const typename Type::Bits *src, void *out, const Geometry &g, int64_t p, int64_t c0)
{
    using Bits = typename Type::Bits;
    if constexpr (kKernel == Kernel::InputBackward)
        inputTileBackward<kTile, kWidth, Type>(src, static_cast<float *>(out), g, p, c0);
    else if constexpr (kKernel == Kernel::Input)
        inputTile<kTile, kWidth, Type>(src, static_cast<Bits *>(out), g, p, c0);
    else if constexpr (kKernel == Kernel::Output)
        outputTile<kTile, kWidth, Type>(src, static_cast<Bits *>(out), g, p, c0);
    else
        outputTileBackward<kTile, kWidth, Type>(src, static_cast<Bits *>(out), g, p, c0);
}

template<Kernel kKernel, int kTile, typename Type>
__attribute__((always_inline)) inline void runTile(const typename Type::Bits *src, void *out, const Geometry &g, int64_t p)
{
    int64_t c0 = 0;
    for (; c0 + kChannelBlock <= g.c; c0 += kChannelBlock)
        runChannels<kKernel, kTile, kChannelBlock, Type>(src, out, g, p, c0);
    for (; c0 < g.c; ++c0)
        runChannels<kKernel, kTile, 1, Type>(src, out, g, p, c0);
}

template<Kernel kKernel, int kTile, typename Type>
__attribute__((always_inline)) inline void runBlocks(const void *in, void *out, const Geometry &g, int64_t begin, int64_t end)
{
    using Bits = typename Type::Bits;
    const auto *src = static_cast<const Bits *>(in);
    if constexpr (kKernel == Kernel::InputBackward) {
        auto *dst = static_cast<Bits *>(out);
        const int64_t imageSize = g.h * g.w * g.c;
        std::vector<float> buffer(static_cast<size_t>(imageSize));
        const int64_t tilesPerImage = g.tilesY * g.tilesX;
        for (int64_t n = begin; n < end; ++n) {
            std::fill(buffer.begin(), buffer.end(), 0.0f);
            for (int64_t p = n * tilesPerImage; p < (n + 1) * tilesPerImage; ++p)
                runTile<kKernel, kTile, Type>(src, buffer.data(), g, p);
            Bits *image = dst + n * imageSize;
            for (int64_t e = 0; e < imageSize; ++e)
                image[e] = Type::fromFloat(buffer[static_cast<size_t>(e)]);
        }
    } else {
        for (int64_t p = begin; p < end; ++p)
            runTile<kKernel, kTile, Type>(src, out, g, p);
    }
}

using RangeKernel = void (*)(const void *, void *, const Geometry &, int64_t, int64_t);

template<Kernel kKernel, typename Type>
void portable(const void *in, void *out, const Geometry &g, int64_t begin, int64_t end)
{
    runBlocks<kKernel, kWinogradTile, Type>(in, out, g, begin, end);
}

// GCC only: clang builds are the fuzzing and sanitizer ones, where a second copy of every kernel
// would only cost compile time.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define CIFARLAB_WINOGRAD_AVX512 1
template<Kernel kKernel, typename Type>
CIFARLAB_AVX512 void vectorized(const void *in, void *out, const Geometry &g, int64_t begin, int64_t end)
{
    runBlocks<kKernel, kWinogradTile, Type>(in, out, g, begin, end);
}
#endif

template<Kernel kKernel, typename Type>
RangeKernel pickIsa()
{
#ifdef CIFARLAB_WINOGRAD_AVX512
    if (cpuHasAvx512())
        return &vectorized<kKernel, Type>;
#endif
    return &portable<kKernel, Type>;
}

template<Kernel kKernel>
RangeKernel pickKernel(at::ScalarType dtype)
{
    return dtype == at::kBFloat16 ? pickIsa<kKernel, BFloat16Type>() : pickIsa<kKernel, FloatType>();
}

template<Kernel kKernel>
void runKernel(const torch::Tensor &in, torch::Tensor &out, const Geometry &g)
{
    const auto kernel = pickKernel<kKernel>(in.scalar_type());
    const void *src = in.data_ptr();
    void *dst = out.data_ptr();
    const int64_t range = kKernel == Kernel::InputBackward ? g.n : g.tiles();
    const int64_t grain = kKernel == Kernel::InputBackward ? 1 : std::max<int64_t>(1, 4096 / std::max<int64_t>(1, g.c));
    at::parallel_for(0, range, grain, [&](int64_t begin, int64_t end) { kernel(src, dst, g, begin, end); });
}

Geometry geometryOf(int64_t n, int64_t h, int64_t w, int64_t c)
{
    return {n, h, w, c, (h + kWinogradTile - 1) / kWinogradTile, (w + kWinogradTile - 1) / kWinogradTile};
}

constexpr int64_t kAlpha = Transform<kWinogradTile>::kAlpha;

// x (NCHW sizes, any layout) -> V (alpha^2 x tiles x C).
struct InputTransform : public torch::autograd::Function<InputTransform>
{
    static torch::Tensor forward(AutogradContext *ctx, const torch::Tensor &x)
    {
        const auto nhwc = x.permute({0, 2, 3, 1}).contiguous();
        const auto g = geometryOf(x.size(0), x.size(2), x.size(3), x.size(1));
        auto v = torch::empty({kAlpha * kAlpha, g.tiles(), g.c}, x.options().memory_format(torch::MemoryFormat::Contiguous));
        runKernel<Kernel::Input>(nhwc, v, g);
        ctx->saved_data["sizes"] = x.sizes().vec();
        return v;
    }

    static variable_list backward(AutogradContext *ctx, variable_list grads)
    {
        const auto sizes = ctx->saved_data["sizes"].toIntVector();
        const auto g = geometryOf(sizes[0], sizes[2], sizes[3], sizes[1]);
        const auto dv = grads[0].contiguous();
        auto dx = torch::empty({g.n, g.c, g.h, g.w}, dv.options().memory_format(torch::MemoryFormat::ChannelsLast));
        runKernel<Kernel::InputBackward>(dv, dx, g);
        return {dx};
    }
};

// M (alpha^2 x tiles x K) -> y (N x K x H x W, channels-last).
struct OutputTransform : public torch::autograd::Function<OutputTransform>
{
    static torch::Tensor forward(AutogradContext *ctx, const torch::Tensor &m, int64_t n, int64_t h, int64_t w)
    {
        const auto g = geometryOf(n, h, w, m.size(2));
        const auto src = m.contiguous();
        auto y = torch::empty({n, g.c, h, w}, m.options().memory_format(torch::MemoryFormat::ChannelsLast));
        runKernel<Kernel::Output>(src, y, g);
        ctx->saved_data["sizes"] = std::vector<int64_t> {n, g.c, h, w};
        return y;
    }

    static variable_list backward(AutogradContext *ctx, variable_list grads)
    {
        const auto sizes = ctx->saved_data["sizes"].toIntVector();
        const auto g = geometryOf(sizes[0], sizes[2], sizes[3], sizes[1]);
        const auto dy = grads[0].permute({0, 2, 3, 1}).contiguous();
        auto dm = torch::empty({kAlpha * kAlpha, g.tiles(), g.c}, dy.options().memory_format(torch::MemoryFormat::Contiguous));
        runKernel<Kernel::OutputBackward>(dy, dm, g);
        return {dm, torch::Tensor(), torch::Tensor(), torch::Tensor()};
    }
};

torch::Tensor filterMatrix()
{
    return torch::from_blob(const_cast<float *>(&Transform<kWinogradTile>::kG[0][0]), {kAlpha, 3}, torch::kFloat32).clone();
}

int tileFromEnvironment()
{
    if (!ownKernelsEnabled())
        return 0;
    if (const char *value = std::getenv("CIFARLAB_WINOGRAD")) {
        const std::string text(value);
        return text == "4" || text == "1" || text == "on" ? 4 : 0;
    }
    return cpuHasAvx512Bf16() && !cpuHasAmx() ? 4 : 0;
}

thread_local int t_tile = -1;

} // namespace

torch::Tensor winogradConv3x3(const torch::Tensor &x, const torch::Tensor &weight, const torch::Tensor &bias)
{
    if (x.dim() != 4 || weight.dim() != 4 || weight.size(2) != 3 || weight.size(3) != 3 || weight.size(1) != x.size(1))
        throw std::invalid_argument("winogradConv3x3: needs N x C x H x W input and K x C x 3 x 3 filters");
    if (!x.device().is_cpu() || (x.scalar_type() != at::kFloat && x.scalar_type() != at::kBFloat16))
        throw std::invalid_argument("winogradConv3x3: needs a float32 or bf16 CPU tensor");
    const int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3), k = weight.size(0);
    const auto v = InputTransform::apply(x);
    // U = G g G^T for every filter, as alpha^2 matrices C x K.
    const auto gm = filterMatrix().to(weight.device());
    const auto u = gm.matmul(weight.to(torch::kFloat32)).matmul(gm.t()).permute({2, 3, 1, 0}).reshape({kAlpha * kAlpha, c, k});
    const auto m = torch::bmm(v, u.to(x.scalar_type()));
    auto y = OutputTransform::apply(m, n, h, w);
    if (bias.defined())
        y = y + bias.to(y.scalar_type()).view({1, k, 1, 1});
    return y;
}

bool winogradApplies(const torch::nn::Conv2d &conv, const torch::Tensor &x)
{
    return x.dim() == 4 && x.device().is_cpu() && isSameSizeConv(conv) && (*conv->options.kernel_size())[0] == 3
        && x.size(1) == conv->options.in_channels() && x.size(2) >= 4 && x.size(3) >= 4
        && x.is_contiguous(torch::MemoryFormat::ChannelsLast);
}

int defaultWinogradTile()
{
    static const int tile = tileFromEnvironment();
    return tile;
}

int winogradTile()
{
    return t_tile >= 0 ? t_tile : defaultWinogradTile();
}

void setWinogradTile(int tile)
{
    if (tile != -1 && tile != 0 && tile != kWinogradTile)
        throw std::invalid_argument("setWinogradTile: tile must be -1, 0 or 4, got " + std::to_string(tile));
    t_tile = tile;
}

WinogradTileScope::WinogradTileScope(int tile)
    : m_previous(t_tile)
{
    setWinogradTile(tile);
}

WinogradTileScope::~WinogradTileScope()
{
    t_tile = m_previous;
}

} // namespace cifarlab
