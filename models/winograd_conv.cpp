#include "models/winograd_conv.h"

#include "models/own_kernel_types.h"
#include "models/own_kernels.h"
#include "models/small_map_conv.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
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

// F(3x3,3x3) for the map's last row or column of tiles where its size is not a multiple of 4 (7 = 4 + 3,
// 15 = 3 * 4 + 3): alpha 5 instead of a second overhanging alpha-6 tile, so 121 products instead of 144
// per 7x7 map. Points 0, -1, 2/3, 2 and infinity: 0.9% relative bf16 error (scripts/winograd_points.py).
template<>
struct Transform<3>
{
    static constexpr int kAlpha = 5;
    static constexpr float kBT[5][5] = {{4.0f / 3, -4.0f / 3, -5.0f / 3, 1, 0}, {0, 4.0f / 3, -8.0f / 3, 1, 0},
        {0, -2, -1, 1, 0}, {0, -2.0f / 3, 1.0f / 3, 1, 0}, {0, 4.0f / 3, -4.0f / 3, -5.0f / 3, 1}};
    static constexpr float kAT[3][5] = {{1, 1, 1, 1, 0}, {0, -1, 2.0f / 3, 2, 0}, {0, 1, 4.0f / 9, 4, 1}};
    static constexpr float kG[5][3] = {{0.75f, 0, 0}, {-0.2f, 0.2f, -0.2f}, {-27.0f / 40, -9.0f / 20, -0.3f},
        {0.125f, 0.25f, 0.5f}, {0, 0, 1}};
};

// One class of tiles: those of one output size (kTileY x kTileX), in a grid of tilesY x tilesX per image
// whose first tile's output starts at (rowBase, colBase).
struct Geometry
{
    int64_t n, h, w, c;     // the map (NHWC) and its channels
    int64_t tilesY, tilesX; // tiles per column and row
    int64_t rowBase, colBase;
    int tileY, tileX;
    int64_t tiles() const { return n * tilesY * tilesX; }
    int64_t alphaSquared() const { return int64_t(tileY + 2) * (tileX + 2); }
};

constexpr int kWinogradTile = 4; // F(4x4,3x3); F(2x2,3x3) was slower than oneDNN on Zen 5
constexpr int kEdgeTile = 3;
constexpr int kChannelBlock = 16;
constexpr int kMaxClasses = 4;

#define CIFARLAB_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl")))
#define CIFARLAB_AVX2 __attribute__((target("avx2,fma")))
// Fully unrolled, the constant matrices fold into the code; clang builds (fuzzing, sanitizers) keep the
// loops, as unrolling under their instrumentation takes minutes to compile.
#if defined(__clang__)
#define CIFARLAB_UNROLL
#else
#define CIFARLAB_UNROLL _Pragma("GCC unroll 8")
#endif

// Every kernel works on one tile and a block of kBlock channels (contiguous in NHWC and in the
// transformed layout), with float32 locals; a block of constant length is what GCC vectorizes. Rows
// transform by the kTileY matrices, columns by the kTileX ones.

// V[(i, j), p, c] = (B^T d B)[i, j] for the tile p of the input.
template<int kTileY, int kTileX, int kBlock, typename Type>
__attribute__((always_inline)) inline void inputTile(
    const typename Type::Bits *x, typename Type::Bits *v, const Geometry &g, int64_t p, int64_t c0)
{
    using TY = Transform<kTileY>;
    using TX = Transform<kTileX>;
    constexpr int AY = TY::kAlpha, AX = TX::kAlpha;
    const int64_t n = p / (g.tilesY * g.tilesX), ty = p / g.tilesX % g.tilesY, tx = p % g.tilesX;
    float d[AY][AX][kBlock];
    CIFARLAB_UNROLL for (int a = 0; a < AY; ++a)
    {
        const int64_t row = g.rowBase + ty * kTileY + a - 1;
        CIFARLAB_UNROLL for (int b = 0; b < AX; ++b)
        {
            const int64_t col = g.colBase + tx * kTileX + b - 1;
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
    float t[AY][AX][kBlock];
    CIFARLAB_UNROLL for (int i = 0; i < AY; ++i) CIFARLAB_UNROLL for (int b = 0; b < AX; ++b)
    {
        float acc[kBlock] = {};
        CIFARLAB_UNROLL for (int a = 0; a < AY; ++a) if (TY::kBT[i][a] != 0.0f) for (int k = 0; k < kBlock; ++k) acc[k] +=
            TY::kBT[i][a] * d[a][b][k];
        for (int k = 0; k < kBlock; ++k)
            t[i][b][k] = acc[k];
    }
    const int64_t plane = g.tiles() * g.c;
    CIFARLAB_UNROLL for (int i = 0; i < AY; ++i) CIFARLAB_UNROLL for (int j = 0; j < AX; ++j)
    {
        float acc[kBlock] = {};
        CIFARLAB_UNROLL for (int b = 0; b < AX; ++b) if (TX::kBT[j][b] != 0.0f) for (int k = 0; k < kBlock; ++k) acc[k] +=
            TX::kBT[j][b] * t[i][b][k];
        auto *dst = v + (i * AX + j) * plane + p * g.c + c0;
        for (int k = 0; k < kBlock; ++k)
            dst[k] = Type::fromFloat(acc[k]);
    }
}

// The adjoint: dd = B dV B^T of tile p, added into the image's float32 gradient buffer (H x W x C).
// dV is a table of alpha^2 pointers, one tiles x C matrix per point.
template<int kTileY, int kTileX, int kBlock, typename Type>
__attribute__((always_inline)) inline void inputTileBackward(
    const typename Type::Bits *const *dv, float *buffer, const Geometry &g, int64_t p, int64_t c0)
{
    using TY = Transform<kTileY>;
    using TX = Transform<kTileX>;
    constexpr int AY = TY::kAlpha, AX = TX::kAlpha;
    const int64_t ty = p / g.tilesX % g.tilesY, tx = p % g.tilesX;
    float s[AY][AX][kBlock];
    CIFARLAB_UNROLL for (int i = 0; i < AY; ++i) CIFARLAB_UNROLL for (int j = 0; j < AX; ++j)
    {
        const auto *src = dv[i * AX + j] + p * g.c + c0;
        for (int k = 0; k < kBlock; ++k)
            s[i][j][k] = Type::toFloat(src[k]);
    }
    float t[AY][AX][kBlock]; // t[i][b] = sum_j s[i][j] BT[j][b]
    CIFARLAB_UNROLL for (int i = 0; i < AY; ++i) CIFARLAB_UNROLL for (int b = 0; b < AX; ++b)
    {
        float acc[kBlock] = {};
        CIFARLAB_UNROLL for (int j = 0; j < AX; ++j) if (TX::kBT[j][b] != 0.0f) for (int k = 0; k < kBlock; ++k) acc[k] +=
            TX::kBT[j][b] * s[i][j][k];
        for (int k = 0; k < kBlock; ++k)
            t[i][b][k] = acc[k];
    }
    CIFARLAB_UNROLL for (int a = 0; a < AY; ++a)
    {
        const int64_t row = g.rowBase + ty * kTileY + a - 1;
        if (row < 0 || row >= g.h)
            continue;
        CIFARLAB_UNROLL for (int b = 0; b < AX; ++b)
        {
            const int64_t col = g.colBase + tx * kTileX + b - 1;
            if (col < 0 || col >= g.w)
                continue;
            float acc[kBlock] = {};
            CIFARLAB_UNROLL for (int i = 0; i < AY; ++i) if (TY::kBT[i][a] != 0.0f) for (int k = 0; k < kBlock; ++k) acc[k] +=
                TY::kBT[i][a] * t[i][b][k];
            float *dst = buffer + (row * g.w + col) * g.c + c0;
            for (int k = 0; k < kBlock; ++k)
                dst[k] += acc[k];
        }
    }
}

// y tile p = A^T M A, the in-map part of it written to y (NHWC). M is a table of alpha^2 pointers, one
// tiles x K matrix per point (the products need not share one buffer).
template<int kTileY, int kTileX, int kBlock, typename Type>
__attribute__((always_inline)) inline void outputTile(
    const typename Type::Bits *const *m, typename Type::Bits *y, const Geometry &g, int64_t p, int64_t c0)
{
    using TY = Transform<kTileY>;
    using TX = Transform<kTileX>;
    constexpr int AY = TY::kAlpha, AX = TX::kAlpha;
    const int64_t n = p / (g.tilesY * g.tilesX), ty = p / g.tilesX % g.tilesY, tx = p % g.tilesX;
    float s[AY][AX][kBlock];
    CIFARLAB_UNROLL for (int i = 0; i < AY; ++i) CIFARLAB_UNROLL for (int j = 0; j < AX; ++j)
    {
        const auto *src = m[i * AX + j] + p * g.c + c0;
        for (int k = 0; k < kBlock; ++k)
            s[i][j][k] = Type::toFloat(src[k]);
    }
    float t[AY][kTileX][kBlock]; // t[i][xx] = sum_j s[i][j] AT[xx][j]
    CIFARLAB_UNROLL for (int i = 0; i < AY; ++i) CIFARLAB_UNROLL for (int xx = 0; xx < kTileX; ++xx)
    {
        float acc[kBlock] = {};
        CIFARLAB_UNROLL for (int j = 0; j < AX; ++j) if (TX::kAT[xx][j] != 0.0f) for (int k = 0; k < kBlock; ++k) acc[k] +=
            TX::kAT[xx][j] * s[i][j][k];
        for (int k = 0; k < kBlock; ++k)
            t[i][xx][k] = acc[k];
    }
    CIFARLAB_UNROLL for (int yy = 0; yy < kTileY; ++yy)
    {
        const int64_t row = g.rowBase + ty * kTileY + yy;
        if (row >= g.h)
            continue;
        CIFARLAB_UNROLL for (int xx = 0; xx < kTileX; ++xx)
        {
            const int64_t col = g.colBase + tx * kTileX + xx;
            if (col >= g.w)
                continue;
            float acc[kBlock] = {};
            CIFARLAB_UNROLL for (int i = 0; i < AY; ++i) if (TY::kAT[yy][i] != 0.0f) for (int k = 0; k < kBlock; ++k) acc[k] +=
                TY::kAT[yy][i] * t[i][xx][k];
            auto *dst = y + ((n * g.h + row) * g.w + col) * g.c + c0;
            for (int k = 0; k < kBlock; ++k)
                dst[k] = Type::fromFloat(acc[k]);
        }
    }
}

// The adjoint: dM tile p = A dY A^T, dY zero outside the map.
template<int kTileY, int kTileX, int kBlock, typename Type>
__attribute__((always_inline)) inline void outputTileBackward(
    const typename Type::Bits *dy, typename Type::Bits *dm, const Geometry &g, int64_t p, int64_t c0)
{
    using TY = Transform<kTileY>;
    using TX = Transform<kTileX>;
    constexpr int AY = TY::kAlpha, AX = TX::kAlpha;
    const int64_t n = p / (g.tilesY * g.tilesX), ty = p / g.tilesX % g.tilesY, tx = p % g.tilesX;
    const int64_t plane = g.tiles() * g.c;
    float s[kTileY][kTileX][kBlock];
    CIFARLAB_UNROLL for (int yy = 0; yy < kTileY; ++yy) CIFARLAB_UNROLL for (int xx = 0; xx < kTileX; ++xx)
    {
        const int64_t row = g.rowBase + ty * kTileY + yy, col = g.colBase + tx * kTileX + xx;
        if (row < g.h && col < g.w) {
            const auto *src = dy + ((n * g.h + row) * g.w + col) * g.c + c0;
            for (int k = 0; k < kBlock; ++k)
                s[yy][xx][k] = Type::toFloat(src[k]);
        } else {
            for (int k = 0; k < kBlock; ++k)
                s[yy][xx][k] = 0.0f;
        }
    }
    float t[AY][kTileX][kBlock]; // t[i][xx] = sum_yy AT[yy][i] s[yy][xx]
    CIFARLAB_UNROLL for (int i = 0; i < AY; ++i) CIFARLAB_UNROLL for (int xx = 0; xx < kTileX; ++xx)
    {
        float acc[kBlock] = {};
        CIFARLAB_UNROLL for (int yy = 0; yy < kTileY; ++yy) if (TY::kAT[yy][i] != 0.0f) for (int k = 0; k < kBlock; ++k) acc[k] +=
            TY::kAT[yy][i] * s[yy][xx][k];
        for (int k = 0; k < kBlock; ++k)
            t[i][xx][k] = acc[k];
    }
    CIFARLAB_UNROLL for (int i = 0; i < AY; ++i) CIFARLAB_UNROLL for (int j = 0; j < AX; ++j)
    {
        float acc[kBlock] = {};
        CIFARLAB_UNROLL for (int xx = 0; xx < kTileX; ++xx) if (TX::kAT[xx][j] != 0.0f) for (int k = 0; k < kBlock; ++k) acc[k] +=
            TX::kAT[xx][j] * t[i][xx][k];
        auto *dst = dm + (i * AX + j) * plane + p * g.c + c0;
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

// src: the map (Input, OutputBackward) or the class's table of per-point pointers (Output, InputBackward).
template<Kernel kKernel, int kTileY, int kTileX, int kWidth, typename Type>
__attribute__((always_inline)) inline void runChannels(const void *src, void *out, const Geometry &g, int64_t p, int64_t c0)
{
    using Bits = typename Type::Bits;
    if constexpr (kKernel == Kernel::InputBackward)
        inputTileBackward<kTileY, kTileX, kWidth, Type>(static_cast<const Bits *const *>(src), static_cast<float *>(out), g, p, c0);
    else if constexpr (kKernel == Kernel::Input)
        inputTile<kTileY, kTileX, kWidth, Type>(static_cast<const Bits *>(src), static_cast<Bits *>(out), g, p, c0);
    else if constexpr (kKernel == Kernel::Output)
        outputTile<kTileY, kTileX, kWidth, Type>(static_cast<const Bits *const *>(src), static_cast<Bits *>(out), g, p, c0);
    else
        outputTileBackward<kTileY, kTileX, kWidth, Type>(static_cast<const Bits *>(src), static_cast<Bits *>(out), g, p, c0);
}

// One tile, every channel: blocks of kChannelBlock channels, then the rest one at a time.
template<Kernel kKernel, int kTileY, int kTileX, typename Type>
__attribute__((always_inline)) inline void runTile(const void *src, void *out, const Geometry &g, int64_t p)
{
    int64_t c0 = 0;
    for (; c0 + kChannelBlock <= g.c; c0 += kChannelBlock)
        runChannels<kKernel, kTileY, kTileX, kChannelBlock, Type>(src, out, g, p, c0);
    for (; c0 < g.c; ++c0)
        runChannels<kKernel, kTileY, kTileX, 1, Type>(src, out, g, p, c0);
}

template<Kernel kKernel, typename Type>
__attribute__((always_inline)) inline void runTileOfClass(const void *src, void *out, const Geometry &g, int64_t p)
{
    if (g.tileY == kWinogradTile && g.tileX == kWinogradTile)
        runTile<kKernel, kWinogradTile, kWinogradTile, Type>(src, out, g, p);
    else if (g.tileY == kWinogradTile)
        runTile<kKernel, kWinogradTile, kEdgeTile, Type>(src, out, g, p);
    else if (g.tileX == kWinogradTile)
        runTile<kKernel, kEdgeTile, kWinogradTile, Type>(src, out, g, p);
    else
        runTile<kKernel, kEdgeTile, kEdgeTile, Type>(src, out, g, p);
}

// The classes of tiles that cover one map: 4x4 only, or with 4x3, 3x4 and 3x3 ones at its edges.
struct Plan
{
    Geometry classes[kMaxClasses];
    int count = 0;
};

// A pass over tiles [begin, end) of class `index` (InputBackward: images [begin, end), every class, as
// the classes' input tiles overlap). `in`: the map (Input, OutputBackward), the class's per-point
// pointers (Output) or every class's, one after the other (InputBackward).
template<Kernel kKernel, typename Type>
__attribute__((always_inline)) inline void runRange(
    const void *const *in, void *out, const Plan &plan, int index, int64_t begin, int64_t end)
{
    using Bits = typename Type::Bits;
    if constexpr (kKernel == Kernel::InputBackward) {
        const Geometry &first = plan.classes[0];
        auto *dst = static_cast<Bits *>(out);
        const int64_t imageSize = first.h * first.w * first.c;
        std::vector<float> buffer(static_cast<size_t>(imageSize));
        for (int64_t n = begin; n < end; ++n) {
            std::fill(buffer.begin(), buffer.end(), 0.0f);
            const void *const *points = in;
            for (int k = 0; k < plan.count; ++k) {
                const Geometry &g = plan.classes[k];
                const int64_t tilesPerImage = g.tilesY * g.tilesX;
                for (int64_t p = n * tilesPerImage; p < (n + 1) * tilesPerImage; ++p)
                    runTileOfClass<kKernel, Type>(points, buffer.data(), g, p);
                points += g.alphaSquared();
            }
            Bits *image = dst + n * imageSize;
            for (int64_t e = 0; e < imageSize; ++e)
                image[e] = Type::fromFloat(buffer[static_cast<size_t>(e)]);
        }
    } else {
        const void *src = kKernel == Kernel::Output ? static_cast<const void *>(in) : in[0];
        const Geometry &g = plan.classes[index];
        for (int64_t p = begin; p < end; ++p)
            runTileOfClass<kKernel, Type>(src, out, g, p);
    }
}

using RangeKernel = void (*)(const void *const *, void *, const Plan &, int, int64_t, int64_t);

template<Kernel kKernel, typename Type>
void portable(const void *const *in, void *out, const Plan &plan, int index, int64_t begin, int64_t end)
{
    runRange<kKernel, Type>(in, out, plan, index, begin, end);
}

// GCC only: clang builds are the fuzzing and sanitizer ones, where a second copy of every kernel
// would only cost compile time.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define CIFARLAB_WINOGRAD_AVX512 1
template<Kernel kKernel, typename Type>
CIFARLAB_AVX512 void vectorized(const void *const *in, void *out, const Plan &plan, int index, int64_t begin, int64_t end)
{
    runRange<kKernel, Type>(in, out, plan, index, begin, end);
}

// The same loops in 256-bit registers, for CPUs without AVX-512 (most laptops): the baseline x86-64
// build would run them in SSE2's 128-bit ones.
template<Kernel kKernel, typename Type>
CIFARLAB_AVX2 void vectorizedAvx2(const void *const *in, void *out, const Plan &plan, int index, int64_t begin, int64_t end)
{
    runRange<kKernel, Type>(in, out, plan, index, begin, end);
}
#endif

std::atomic<KernelIsa> g_widestIsa {KernelIsa::Widest};

template<Kernel kKernel, typename Type>
RangeKernel pickIsa()
{
#ifdef CIFARLAB_WINOGRAD_AVX512
    const auto widest = g_widestIsa.load(std::memory_order_relaxed);
    if (widest == KernelIsa::Widest && cpuHasAvx512())
        return &vectorized<kKernel, Type>;
    if (widest != KernelIsa::Portable && cpuHasAvx2())
        return &vectorizedAvx2<kKernel, Type>;
#endif
    return &portable<kKernel, Type>;
}

template<Kernel kKernel>
RangeKernel pickKernel(at::ScalarType dtype)
{
    return dtype == at::kBFloat16 ? pickIsa<kKernel, BFloat16Type>() : pickIsa<kKernel, FloatType>();
}

// Input and OutputBackward write class `index`'s tensor `out` from `ins[0]` (the map); Output writes
// the map `out` from class `index`'s per-point pointers `ins`; InputBackward writes the map `out` from
// every class's per-point pointers, one class after the other.
template<Kernel kKernel>
void runKernel(const std::vector<const void *> &ins, void *out, const Plan &plan, int index, at::ScalarType dtype)
{
    const auto kernel = pickKernel<kKernel>(dtype);
    const Geometry &g = plan.classes[index];
    const void *const *src = ins.data();
    const int64_t range = kKernel == Kernel::InputBackward ? g.n : g.tiles();
    const int64_t grain = kKernel == Kernel::InputBackward ? 1 : std::max<int64_t>(1, 4096 / std::max<int64_t>(1, g.c));
    at::parallel_for(0, range, grain, [&](int64_t begin, int64_t end) { kernel(src, out, plan, index, begin, end); });
}

// The filter transform, three times larger with edge tiles (121 points per filter instead of 36), is
// paid once per call and the products they save once per image: at 7x7, edge tiles ran the forward
// pass 7% slower at 500 images, level at 1,000 and faster at 2,000 (tests/bench_winograd_conv).
constexpr int64_t kEdgeTileMinBatch = 1000;
constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

int64_t edgeTileMinBatchFromEnvironment()
{
    const char *value = std::getenv("CIFARLAB_WINOGRAD_EDGE");
    return value && std::string(value) == "0" ? kNever : kEdgeTileMinBatch;
}

std::atomic<int64_t> g_edgeTileMinBatch {edgeTileMinBatchFromEnvironment()};

// Rows (and likewise columns): full 4-tiles, then one 3-tile for a remainder, or, without edge tiles,
// one more overhanging 4-tile.
Plan planOf(int64_t n, int64_t h, int64_t w, int64_t c, bool edge)
{
    struct Span
    {
        int tile;
        int64_t count, base;
    };
    const auto spans = [edge](int64_t size) {
        std::vector<Span> result;
        const int64_t full = edge ? size / kWinogradTile : (size + kWinogradTile - 1) / kWinogradTile;
        if (full > 0)
            result.push_back({kWinogradTile, full, 0});
        if (edge && size % kWinogradTile != 0)
            result.push_back({kEdgeTile, 1, full * kWinogradTile});
        return result;
    };
    Plan plan;
    for (const Span &y : spans(h)) {
        for (const Span &x : spans(w))
            plan.classes[plan.count++] = {n, h, w, c, y.count, x.count, y.base, x.base, y.tile, x.tile};
    }
    return plan;
}

// Input (V) or OutputBackward (dM): from an NHWC map, one alpha^2 x tiles x C tensor per tile class.
template<Kernel kKernel>
variable_list transformPerClass(const torch::Tensor &nhwc, const Plan &plan)
{
    variable_list result;
    for (int k = 0; k < plan.count; ++k) {
        const Geometry &g = plan.classes[k];
        auto t = torch::empty({g.alphaSquared(), g.tiles(), g.c}, nhwc.options().memory_format(torch::MemoryFormat::Contiguous));
        runKernel<kKernel>({nhwc.data_ptr()}, t.data_ptr(), plan, k, nhwc.scalar_type());
        result.push_back(t);
    }
    return result;
}

// How the products run. LibTorch 1.13's float32 bmm goes through BLAS one matrix at a time, at 100-180
// GFLOP/s on Zen 5, while oneDNN's 1x1 convolution of a tiles x C matrix runs at 330-370, so in float32
// each point's product is a 1x1 convolution. In bf16, bmm (oneDNN's matmul) keeps up with the 1x1
// convolutions and makes one call per tile class instead of one per point, which wins with edge tiles
// (tests/bench_winograd_conv).
WinogradProducts productsFromEnvironment()
{
    const char *value = std::getenv("CIFARLAB_WINOGRAD_PRODUCTS");
    const std::string text = value ? value : "";
    if (text == "bmm")
        return WinogradProducts::Batched;
    if (text == "conv")
        return WinogradProducts::PerPoint;
    return WinogradProducts::Default;
}

std::atomic<WinogradProducts> g_products {productsFromEnvironment()};

std::atomic<int64_t> g_convolutions {0};

bool perPointProducts(at::ScalarType dtype)
{
    const WinogradProducts products = g_products.load(std::memory_order_relaxed);
    return products == WinogradProducts::Default ? dtype == at::kFloat : products == WinogradProducts::PerPoint;
}

// Without AVX-512, oneDNN's backward passes of these 1x1 convolutions (one "image" of tiles x 1
// pixels) slow down as the filters grow: under ONEDNN_MAX_CPU_ISA=AVX2, float32, batch 1,024, the
// 256->256 layer's forward and backward took 1,825 ms with them against 417-424 with bmm's, 64->256
// 609 against 468, while 64->64 took 182 against 220-260 (tests/bench_winograd_conv). So there the
// backward products of wider layers go to bmm.
constexpr int64_t kPerPointBackwardMaxFilters = 64 * 128;

// A tiles x C matrix (contiguous) as the 1 x C x tiles x 1 channels-last map a 1x1 convolution reads.
torch::Tensor asPointMap(const torch::Tensor &rows)
{
    return rows.view({1, rows.size(0), 1, rows.size(1)}).permute({0, 3, 1, 2});
}

// out[p] = a[p] b[p] for every point p (a: alpha^2 x tiles x I, contiguous; b: alpha^2 x I x O), each a
// tiles x O matrix whose address is appended to `pointers`. Returns the tensors that hold them.
std::vector<torch::Tensor> pointProducts(
    const torch::Tensor &a, const torch::Tensor &b, bool perPoint, std::vector<const void *> &pointers)
{
    std::vector<torch::Tensor> result;
    const int64_t points = a.size(0), inputs = a.size(2), outputs = b.size(2);
    if (!perPoint) {
        result.push_back(torch::bmm(a, b));
        const auto *base = static_cast<const char *>(result.back().data_ptr());
        const int64_t bytes = a.size(1) * outputs * result.back().element_size();
        for (int64_t p = 0; p < points; ++p)
            pointers.push_back(base + p * bytes);
        return result;
    }
    // Each point's O x I filter, all in one copy (none in the backward pass, whose b is u transposed).
    const auto transposed = b.transpose(1, 2).contiguous();
    for (int64_t p = 0; p < points; ++p) {
        const auto filters = transposed[p].view({outputs, inputs, 1, 1});
        auto m = torch::conv2d(asPointMap(a[p]), filters);
        if (!m.is_contiguous(torch::MemoryFormat::ChannelsLast))
            m = m.contiguous(torch::MemoryFormat::ChannelsLast);
        pointers.push_back(m.data_ptr());
        result.push_back(std::move(m));
    }
    return result;
}

// dU[p] = V[p]^T dM[p]: alpha^2 x C x K (per point: oneDNN's filter gradient of the 1x1 convolution).
torch::Tensor filterGradient(const torch::Tensor &v, const torch::Tensor &dm, bool perPoint)
{
    if (!perPoint)
        return torch::bmm(v.transpose(1, 2), dm);
    const int64_t points = v.size(0), c = v.size(2), k = dm.size(2);
    const auto shape = torch::empty({k, c, 1, 1}, v.options());
    std::vector<torch::Tensor> parts;
    for (int64_t p = 0; p < points; ++p) {
        auto grads = at::convolution_backward(asPointMap(dm[p]), asPointMap(v[p]), shape, c10::nullopt, {1, 1}, {0, 0},
            {1, 1}, false, {0, 0}, 1, {false, true, false});
        parts.push_back(std::get<1>(grads).view({k, c}));
    }
    return torch::stack(parts).transpose(1, 2);
}

// y (N x K x H x W, channels-last) = A^T [(U) . (B^T x B)] A over the tile classes of x; u (sum of the
// classes' alpha^2 x C x K, in x's dtype) holds every class's transformed filters.
struct WinogradFunction : public torch::autograd::Function<WinogradFunction>
{
    static torch::Tensor forward(AutogradContext *ctx, const torch::Tensor &x, const torch::Tensor &u, bool edge)
    {
        const int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3), k = u.size(2);
        const bool perPoint = perPointProducts(x.scalar_type());
        const auto inputPlan = planOf(n, h, w, c, edge);
        const auto outputPlan = planOf(n, h, w, k, edge);
        const auto vs = transformPerClass<Kernel::Input>(x.permute({0, 2, 3, 1}).contiguous(), inputPlan);
        const auto us = classFilters(u, inputPlan);
        auto y = torch::empty({n, k, h, w}, x.options().memory_format(torch::MemoryFormat::ChannelsLast));
        for (int index = 0; index < outputPlan.count; ++index) {
            std::vector<const void *> pointers;
            const auto products = pointProducts(vs[static_cast<size_t>(index)], us[static_cast<size_t>(index)], perPoint, pointers);
            runKernel<Kernel::Output>(pointers, y.data_ptr(), outputPlan, index, x.scalar_type());
        }
        variable_list saved {u};
        saved.insert(saved.end(), vs.begin(), vs.end());
        ctx->save_for_backward(saved);
        ctx->saved_data["sizes"] = x.sizes().vec();
        ctx->saved_data["edge"] = edge;
        ctx->saved_data["perPoint"] = winogradPerPointBackward(x.scalar_type(), c, k);
        return y;
    }

    static variable_list backward(AutogradContext *ctx, variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const auto &u = saved[0];
        const variable_list vs(saved.begin() + 1, saved.end());
        const auto sizes = ctx->saved_data["sizes"].toIntVector();
        const bool edge = ctx->saved_data["edge"].toBool(), perPoint = ctx->saved_data["perPoint"].toBool();
        const int64_t n = sizes[0], c = sizes[1], h = sizes[2], w = sizes[3], k = u.size(2);
        const auto inputPlan = planOf(n, h, w, c, edge);
        const auto outputPlan = planOf(n, h, w, k, edge);
        const auto dtype = u.scalar_type();
        auto dms = transformPerClass<Kernel::OutputBackward>(grads[0].to(dtype).permute({0, 2, 3, 1}).contiguous(), outputPlan);
        const auto us = classFilters(u, inputPlan);
        // Class by class, each dM released once used, so that dM and dV are not all held at once.
        std::vector<torch::Tensor> duParts, dvs;
        std::vector<const void *> pointers;
        for (int index = 0; index < inputPlan.count; ++index) {
            auto &dm = dms[static_cast<size_t>(index)];
            if (ctx->needs_input_grad(1))
                duParts.push_back(filterGradient(vs[static_cast<size_t>(index)], dm, perPoint));
            if (ctx->needs_input_grad(0)) {
                auto part = pointProducts(dm, us[static_cast<size_t>(index)].transpose(1, 2), perPoint, pointers);
                dvs.insert(dvs.end(), part.begin(), part.end());
            }
            dm = torch::Tensor();
        }
        torch::Tensor dx, du;
        if (!duParts.empty())
            du = torch::cat(duParts);
        if (!dvs.empty()) {
            dx = torch::empty({n, c, h, w}, u.options().memory_format(torch::MemoryFormat::ChannelsLast));
            runKernel<Kernel::InputBackward>(pointers, dx.data_ptr(), inputPlan, 0, dtype);
        }
        return {dx, du, torch::Tensor()};
    }

    // Each class's alpha^2 x C x K block of u.
    static std::vector<torch::Tensor> classFilters(const torch::Tensor &u, const Plan &plan)
    {
        std::vector<torch::Tensor> result;
        int64_t offset = 0;
        for (int index = 0; index < plan.count; ++index) {
            const int64_t points = plan.classes[index].alphaSquared();
            result.push_back(u.narrow(0, offset, points));
            offset += points;
        }
        return result;
    }
};

// G (alpha x 3) of F(tile x tile, 3x3).
torch::Tensor filterMatrix(int tile)
{
    if (tile == kWinogradTile)
        return torch::from_blob(const_cast<float *>(&Transform<kWinogradTile>::kG[0][0]), {tile + 2, 3}, torch::kFloat32).clone();
    return torch::from_blob(const_cast<float *>(&Transform<kEdgeTile>::kG[0][0]), {tile + 2, 3}, torch::kFloat32).clone();
}

int tileFromEnvironment()
{
    if (!ownKernelsEnabled())
        return 0;
    if (const char *value = std::getenv("CIFARLAB_WINOGRAD")) {
        const std::string text(value);
        return text == "4" || text == "1" || text == "on" ? 4 : 0;
    }
    // Where it trains faster: in bf16 on AVX512-BF16 without AMX (airbench 1.7 times), and in float32,
    // the default on CPUs without fast bf16, with AVX2 or AVX-512 (airbench's float32 step at batch 2,000
    // about 1.6-1.8 times under ONEDNN_MAX_CPU_ISA=AVX2 or AVX512_CORE). AMX's direct bf16 convolutions
    // are faster still; without AVX2 the transforms' portable build is too slow.
    return cpuHasAvx2() && !cpuHasAmx() ? 4 : 0;
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
    g_convolutions.fetch_add(1, std::memory_order_relaxed);
    const bool edge = n >= g_edgeTileMinBatch.load(std::memory_order_relaxed);
    const auto plan = planOf(n, h, w, c, edge);
    // U = G_y g G_x^T for every filter and tile class, as alpha_y * alpha_x matrices C x K: with the
    // filters as one (C*K x 9) matrix, one product with the classes' Kronecker products of G_y and G_x
    // yields all of them in their final layout (a broadcast matmul over K*C tiny 3x3 matrices spends
    // more time in BLAS's per-call setup than in arithmetic, and a product per class repeats it).
    std::vector<torch::Tensor> krons;
    int64_t points = 0;
    for (int index = 0; index < plan.count; ++index) {
        const Geometry &g = plan.classes[index];
        krons.push_back(torch::einsum("ia,jb->ijab", {filterMatrix(g.tileY), filterMatrix(g.tileX)}).reshape({g.alphaSquared(), 9}));
        points += g.alphaSquared();
    }
    const auto filters = weight.to(torch::kFloat32).permute({1, 0, 2, 3}).reshape({c * k, 9});
    const auto u = torch::cat(krons).to(weight.device()).matmul(filters.t()).to(x.scalar_type()).view({points, c, k});
    auto y = WinogradFunction::apply(x, u, edge);
    if (bias.defined())
        y = y + bias.to(y.scalar_type()).view({1, k, 1, 1});
    return y;
}

// In float32 the products are oneDNN 1x1 convolutions, one per point (pointProducts), or bmm for
// wide layers' backward products without AVX-512: 108 or more calls per convolution, whose overhead
// small products do not repay. So float32 takes Winograd where one point's product, tiles x C x K,
// has at least 2^25 multiply-adds: ResNet-18's layers from batch 128, airbench's 64->256 and 256->256
// from 128 and its 64->64 from 512, Baseline+'s 64->128 from 1,024. Training steps (cifarlab-cli bench,
// fp32-cl, AVX2 and AVX-512 without bf16): airbench 1.0-1.2 times faster at batch 128 and 1.2-1.35 at
// 256; with 2^24 (its 64->64 too) 1.1-1.25 at 256, and 3-27% slower at 64. Baseline+'s 64->128 at batch
// 256 (8.4M) ran its step 18% slower.
constexpr int64_t kWinogradFloat32MinProduct = int64_t(1) << 25;

bool winogradPaysInFloat32(int64_t images, int64_t height, int64_t width, int64_t channels, int64_t filters)
{
    const int64_t tiles = images * ((height + kWinogradTile - 1) / kWinogradTile)
        * ((width + kWinogradTile - 1) / kWinogradTile);
    return tiles * channels * filters >= kWinogradFloat32MinProduct;
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

int64_t winogradConvolutions()
{
    return g_convolutions.load(std::memory_order_relaxed);
}

int64_t winogradEdgeTileMinBatch()
{
    return g_edgeTileMinBatch.load(std::memory_order_relaxed);
}

void setWinogradEdgeTileMinBatch(int64_t images)
{
    g_edgeTileMinBatch = images < 0 ? edgeTileMinBatchFromEnvironment() : images;
}

WinogradProducts winogradProducts()
{
    return g_products.load(std::memory_order_relaxed);
}

bool winogradPerPointBackward(at::ScalarType dtype, int64_t c, int64_t k)
{
    const WinogradProducts products = g_products.load(std::memory_order_relaxed);
    if (products != WinogradProducts::Default)
        return products == WinogradProducts::PerPoint;
    return dtype == at::kFloat && (cpuHasAvx512() || c * k <= kPerPointBackwardMaxFilters);
}

void setWinogradProducts(WinogradProducts products)
{
    g_products = products == WinogradProducts::Default ? productsFromEnvironment() : products;
}

void setWinogradIsa(KernelIsa widest)
{
    g_widestIsa = widest;
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
