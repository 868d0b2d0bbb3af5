#pragma once

// Torch-using (for models, core and tests): 3x3 convolutions by Winograd's minimal filtering algorithm.

#include "models/own_kernels.h"

#include <torch/torch.h>

#include <cstdint>

namespace cifarlab {

// y = conv2d(x, weight, bias, stride 1, padding 1) by Winograd's F(4x4,3x3) (Lavin and Gray, "Fast
// Algorithms for Convolutional Neural Networks", 2016): each 6x6 input tile and each filter are
// transformed, the convolution becomes 36 batched matrix products over the channels, and the products
// are transformed back into 4x4 output tiles: 4 times fewer multiply-adds than the direct convolution,
// less the tiles' overhang of the map. Where a side is not a multiple of 4, its last tile is an
// F(3x3,3x3) one (5 points instead of 6; see winogradEdgeTiles). x is N x C x H x W; its channels-last layout is the fast one.
// The transforms run in float32 and the products (see WinogradProducts) in x's dtype (bf16: operands rounded to bf16,
// accumulated in float32), so in bf16 it carries about five times the rounding error of a direct bf16
// convolution (ten times with Lavin's interpolation points; see winograd_conv.cpp). Differentiable in x, weight and bias (once).
torch::Tensor winogradConv3x3(const torch::Tensor &x, const torch::Tensor &weight, const torch::Tensor &bias);

// Whether winogradConv3x3 can stand in for `conv` on `x`: a 3x3, stride-1, padding-1, ungrouped,
// undilated, zero-padded convolution of a 4-d channels-last CPU map at least 4 x 4.
bool winogradApplies(const torch::nn::Conv2d &conv, const torch::Tensor &x);

// Whether a float32 3x3 convolution of images x channels x height x width into filters maps is large
// enough for Winograd's route to beat oneDNN's direct one: each of its per-point products, output
// tiles x channels x filters, needs at least 2^25 multiply-adds.
bool winogradPaysInFloat32(int64_t images, int64_t height, int64_t width, int64_t channels, int64_t filters);

// The tile size convolve() uses for bf16 and float32 convolutions on the calling thread: 0 (LibTorch's direct
// convolution) or 4 (winogradConv3x3). Unless a thread sets its own, the process default:
// CIFARLAB_WINOGRAD in the environment (0 or 4) if set, else 4 on CPUs with AVX2 (or AVX-512) and without AMX (where F(4x4,3x3)
// trains airbench about 1.6-1.8 times faster, in bf16 or float32) and 0 elsewhere; always 0 with CIFARLAB_OWN_KERNELS=0.
int winogradTile();
int defaultWinogradTile();
// The calling thread's tile: 0, 4, or -1 for the process default. Like autocast, per thread: a
// trainer sets it on its own thread.
void setWinogradTile(int tile);

// How many convolutions winogradConv3x3 has computed in this process, on any thread: the trainer
// asks whether a step took Winograd's route at all before it blames that route for the step's memory.
int64_t winogradConvolutions();

// The least batch for which winogradConv3x3 covers a side's remainder (size mod 4) with an F(3x3,3x3)
// tile rather than an overhanging F(4x4,3x3) one: 121 products per 7x7 map instead of 144, 529 per
// 15x15 one instead of 576, for a filter transform three times the size. Process-wide: 1,000 images,
// or never with CIFARLAB_WINOGRAD_EDGE=0 in the environment. The setter is for tests and benches: 0
// always, INT64_MAX never, a negative value restores the default.
int64_t winogradEdgeTileMinBatch();
void setWinogradEdgeTileMinBatch(int64_t images);

// How winogradConv3x3 computes its products: by default one oneDNN 1x1 convolution per point in float32
// (about three times as fast as LibTorch's float32 bmm) and one batched product (bmm) per tile class in
// bf16 (as fast, in fewer calls); on CPUs without AVX-512 the float32 backward products of layers with
// more than 64 x 128 filters go to bmm too (oneDNN's AVX2 backward passes of such 1x1 convolutions are
// slower). CIFARLAB_WINOGRAD_PRODUCTS=conv or bmm forces one of them everywhere.
// Process-wide; the setter is for tests and benches, Default restores the environment's choice.
enum class WinogradProducts
{
    Default,
    PerPoint,
    Batched
};
WinogradProducts winogradProducts();
void setWinogradProducts(WinogradProducts products);
// Whether the backward products of a C->K layer in `dtype` run as 1x1 convolutions (else bmm).
bool winogradPerPointBackward(at::ScalarType dtype, int64_t c, int64_t k);

// The widest vector instructions the transforms may use (models/own_kernels.h). Process-wide; for
// tests and benches.
void setWinogradIsa(KernelIsa widest);

// Sets the calling thread's tile for its lifetime and restores the previous one.
class WinogradTileScope
{
public:
    explicit WinogradTileScope(int tile);
    ~WinogradTileScope();
    WinogradTileScope(const WinogradTileScope &) = delete;
    WinogradTileScope &operator=(const WinogradTileScope &) = delete;

private:
    int m_previous;
};

} // namespace cifarlab
