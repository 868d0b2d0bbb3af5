#include "core/augmentation.h"

#include <algorithm>
#include <cmath>

namespace cifarlab {

namespace {
constexpr double kRotateDegrees = 15.0;
constexpr double kPerspectiveDistortion = 0.3; // torchvision's RandomPerspective default scale
constexpr double kPi = 3.14159265358979323846;
} // namespace

AugmentationSpec AugmentationSpec::fromNames(const std::vector<std::string> &names, int64_t cropPadding, int64_t cutoutSize)
{
    AugmentationSpec s;
    s.cropPadding = cropPadding;
    s.cutoutSize = cutoutSize;
    for (const auto &n : names) {
        s.crop |= n == "crop";
        s.translate |= n == "translate";
        s.flip |= n == "flip";
        s.alternateFlip |= n == "flip-alternate";
        s.cutout |= n == "cutout";
        s.rotate |= n == "rotate";
        s.perspective |= n == "perspective";
    }
    return s;
}

torch::Tensor augmentGeometric(const torch::Tensor &images, const AugmentationSpec &spec, torch::Generator &generator)
{
    if (!spec.rotate && !spec.perspective)
        return images;
    const int64_t n = images.size(0), h = images.size(2), w = images.size(3);
    const auto opts = torch::TensorOptions().dtype(torch::kFloat32);
    // Each image gets a 3x3 homography in normalized coordinates: rotation, then perspective jitter.
    auto hom = torch::eye(3, opts).unsqueeze(0).repeat({n, 1, 1});
    if (spec.rotate) {
        auto angle = (torch::rand({n}, generator) * 2 - 1) * (kRotateDegrees * kPi / 180.0);
        auto cosA = angle.cos(), sinA = angle.sin();
        auto rot = torch::zeros({n, 3, 3}, opts);
        rot.select(1, 0).select(1, 0).copy_(cosA);
        rot.select(1, 0).select(1, 1).copy_(-sinA);
        rot.select(1, 1).select(1, 0).copy_(sinA);
        rot.select(1, 1).select(1, 1).copy_(cosA);
        rot.select(1, 2).select(1, 2).fill_(1.0);
        hom = torch::bmm(rot, hom);
    }
    if (spec.perspective) {
        // Half of the images get a perspective tilt (torchvision applies it with p = 0.5).
        auto apply = (torch::rand({n}, generator) < 0.5).to(torch::kFloat32);
        auto g = (torch::rand({n, 2}, generator) * 2 - 1) * (kPerspectiveDistortion * 0.5) * apply.unsqueeze(1);
        auto persp = torch::eye(3, opts).unsqueeze(0).repeat({n, 1, 1});
        persp.select(1, 2).narrow(1, 0, 2).copy_(g);
        hom = torch::bmm(persp, hom);
    }
    auto ys = torch::linspace(-1, 1, h, opts);
    auto xs = torch::linspace(-1, 1, w, opts);
    auto grid = torch::meshgrid({ys, xs}, "ij");
    auto base = torch::stack({grid[1], grid[0], torch::ones({h, w}, opts)}, -1).view({1, h * w, 3}).expand({n, h * w, 3});
    auto mapped = torch::bmm(base, hom.transpose(1, 2));
    auto xy = mapped.narrow(2, 0, 2) / mapped.narrow(2, 2, 1).clamp_min(1e-3);
    namespace F = torch::nn::functional;
    return F::grid_sample(images, xy.view({n, h, w, 2}),
                          F::GridSampleFuncOptions().mode(torch::kBilinear).padding_mode(torch::kZeros).align_corners(false));
}

} // namespace cifarlab

#include "core/dataset.h"
#include "core/preprocessing.h"

#include <ATen/Parallel.h>

#include <array>
#include <random>

namespace cifarlab {

namespace {

// Index into [0, n) of a signal reflected at its ends without repeating the edge (PyTorch's 'reflect').
inline int64_t reflectIndex(int64_t i, int64_t n)
{
    if (i < 0)
        return -i;
    if (i >= n)
        return 2 * (n - 1) - i;
    return i;
}

uint64_t imageFlipBit(uint64_t seed, int64_t index)
{
    uint64_t z = seed + 0x9E3779B97F4A7C15ULL * static_cast<uint64_t>(index + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return (z ^ (z >> 31)) >> 63;
}

} // namespace

torch::Tensor makeBatch(const ImageSplit &split, const int64_t *indices, int64_t count, const AugmentationSpec &spec,
                        const Normalization &normalization, uint64_t seed, bool channelsLast)
{
    const int64_t c = split.channels, h = split.height, w = split.width, plane = h * w;
    const bool perImage = normalization.mode == Preprocess::PerImageStandardize;
    // Dataset normalization is a per-channel lookup table over the 256 byte values.
    std::vector<std::array<float, 256>> lut(static_cast<size_t>(c));
    if (!perImage) {
        for (int64_t ch = 0; ch < c; ++ch)
            for (int v = 0; v < 256; ++v)
                lut[static_cast<size_t>(ch)][static_cast<size_t>(v)] = static_cast<float>(
                    (v / 255.0 - normalization.mean[static_cast<size_t>(ch)]) / normalization.std[static_cast<size_t>(ch)]);
    }

    struct Draw
    {
        int dy = 0, dx = 0, cy = -1000, cx = -1000;
        bool flip = false;
    };
    std::vector<Draw> draws(static_cast<size_t>(count));
    std::mt19937_64 rng(seed);
    const bool reflect = spec.translate && !spec.crop;
    // Reflection never repeats the edge pixel, so the shift must stay below the side.
    const int p = static_cast<int>(std::min<int64_t>(spec.crop || spec.translate ? spec.cropPadding : 0,
                                                     reflect ? std::min(h, w) - 1 : spec.cropPadding));
    std::uniform_int_distribution<int> shift(-p, p);
    std::uniform_int_distribution<int> row(0, static_cast<int>(h) - 1);
    std::uniform_int_distribution<int> col(0, static_cast<int>(w) - 1);
    for (size_t i = 0; i < draws.size(); ++i) {
        Draw &d = draws[i];
        if (p > 0) {
            d.dy = shift(rng);
            d.dx = shift(rng);
        }
        if (spec.flip)
            d.flip = (rng() & 1) != 0;
        if (spec.alternateFlip)
            d.flip = ((imageFlipBit(spec.flipSeed, indices[i]) ^ static_cast<uint64_t>(spec.epoch)) & 1) != 0;
        if (spec.cutout && spec.cutoutSize > 0) {
            d.cy = row(rng) - static_cast<int>(spec.cutoutSize / 2);
            d.cx = col(rng) - static_cast<int>(spec.cutoutSize / 2);
        }
    }

    auto out = torch::empty({count, c, h, w}, torch::TensorOptions().dtype(torch::kFloat32)
                                                   .memory_format(channelsLast ? torch::MemoryFormat::ChannelsLast
                                                                               : torch::MemoryFormat::Contiguous));
    float *dst = out.data_ptr<float>();
    const int64_t cutout = spec.cutoutSize;
    at::parallel_for(0, count, 8, [&](int64_t begin, int64_t end) {
        std::vector<uint8_t> buffer(static_cast<size_t>(plane));
        for (int64_t i = begin; i < end; ++i) {
            const Draw &d = draws[static_cast<size_t>(i)];
            const uint8_t *src = split.image(indices[i]);
            for (int64_t ch = 0; ch < c; ++ch) {
                const uint8_t *sp = src + ch * plane;
                for (int64_t y = 0; y < h; ++y) {
                    const int64_t sy = reflect ? reflectIndex(y + d.dy, h) : y + d.dy;
                    const bool rowInside = sy >= 0 && sy < h;
                    const bool rowCut = y >= d.cy && y < d.cy + cutout;
                    uint8_t *bp = buffer.data() + y * w;
                    for (int64_t x = 0; x < w; ++x) {
                        const int64_t shifted = (d.flip ? w - 1 - x : x) + d.dx;
                        const int64_t sx = reflect ? reflectIndex(shifted, w) : shifted;
                        const bool cut = rowCut && x >= d.cx && x < d.cx + cutout;
                        bp[x] = (rowInside && sx >= 0 && sx < w && !cut) ? sp[sy * w + sx] : 0;
                    }
                }
                float scale = 1.0f, offset = 0.0f;
                if (perImage) {
                    // (x - mean) / (std + 1e-4) with x in [0,1] and the population std, as in the study.
                    double sum = 0, sumSq = 0;
                    for (int64_t k = 0; k < plane; ++k) {
                        const double v = buffer[static_cast<size_t>(k)] / 255.0;
                        sum += v;
                        sumSq += v * v;
                    }
                    const double mean = sum / static_cast<double>(plane);
                    const double var = std::max(0.0, sumSq / static_cast<double>(plane) - mean * mean);
                    const double denom = std::sqrt(var) + 1e-4;
                    scale = static_cast<float>(1.0 / (255.0 * denom));
                    offset = static_cast<float>(-mean / denom);
                }
                const auto &table = lut[static_cast<size_t>(ch)];
                for (int64_t k = 0; k < plane; ++k) {
                    const uint8_t v = buffer[static_cast<size_t>(k)];
                    const float value = perImage ? v * scale + offset : table[v];
                    const int64_t o = channelsLast ? (i * plane + k) * c + ch : (i * c + ch) * plane + k;
                    dst[o] = value;
                }
            }
        }
    });
    return out;
}

} // namespace cifarlab
