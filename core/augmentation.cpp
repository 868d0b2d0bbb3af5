#include "core/augmentation.h"

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
        s.flip |= n == "flip";
        s.cutout |= n == "cutout";
        s.rotate |= n == "rotate";
        s.perspective |= n == "perspective";
    }
    return s;
}

torch::Tensor augmentU8(const torch::Tensor &images, const AugmentationSpec &spec, torch::Generator &generator)
{
    auto x = images;
    const int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    const auto longOpts = torch::TensorOptions().dtype(torch::kInt64);
    if (spec.crop && spec.cropPadding > 0) {
        // Random translation as one gather over the zero-padded batch.
        const int64_t p = spec.cropPadding;
        const int64_t pw = w + 2 * p;
        auto padded = torch::constant_pad_nd(x, {p, p, p, p}, 0).reshape({n, c, (h + 2 * p) * pw});
        auto dy = torch::randint(0, 2 * p + 1, {n, 1, 1}, generator, longOpts);
        auto dx = torch::randint(0, 2 * p + 1, {n, 1, 1}, generator, longOpts);
        auto rows = torch::arange(h, longOpts).view({1, h, 1});
        auto cols = torch::arange(w, longOpts).view({1, 1, w});
        auto index = ((rows + dy) * pw + (cols + dx)).view({n, 1, h * w}).expand({n, c, h * w});
        x = padded.gather(2, index).view({n, c, h, w});
    }
    if (spec.flip) {
        auto mask = torch::rand({n, 1, 1, 1}, generator) < 0.5;
        x = torch::where(mask, x.flip({3}), x);
    }
    if (spec.cutout && spec.cutoutSize > 0) {
        const int64_t half = spec.cutoutSize / 2;
        auto cy = torch::randint(0, h, {n, 1, 1, 1}, generator, longOpts);
        auto cx = torch::randint(0, w, {n, 1, 1, 1}, generator, longOpts);
        auto rows = torch::arange(h, longOpts).view({1, 1, h, 1});
        auto cols = torch::arange(w, longOpts).view({1, 1, 1, w});
        const int64_t size = spec.cutoutSize;
        auto top = cy - half, left = cx - half;
        auto inside = (rows >= top).logical_and(rows < top + size).logical_and(cols >= left).logical_and(cols < left + size);
        x = x.masked_fill(inside, 0);
    }
    return x.contiguous();
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
