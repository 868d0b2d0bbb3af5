#include "core/augmentation_preview.h"

#include "core/augmentation.h"
#include "core/error.h"
#include "core/preprocessing.h"
#include "core/training_config.h"

#include <algorithm>

namespace cifarlab {

namespace {

constexpr int64_t kMaxDraws = 64;

uint64_t drawSeed(uint64_t seed, int64_t draw)
{
    uint64_t z = seed + 0x9E3779B97F4A7C15ULL * static_cast<uint64_t>(draw + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

} // namespace

std::vector<std::vector<uint8_t>> augmentationPreview(const ImageSplit &split, const AugmentationPreviewRequest &request)
{
    if (request.draws < 1 || request.draws > kMaxDraws)
        throw Error("draws: expected 1 to " + std::to_string(kMaxDraws) + ", got " + std::to_string(request.draws));
    for (const std::string &name : request.augment)
        requireAugmentationName(name);
    for (const int64_t index : request.indices)
        if (index < 0 || index >= split.count)
            throw Error("image " + std::to_string(index) + " is not one of the " + std::to_string(split.count) + " training images");
    std::vector<std::vector<uint8_t>> out(request.indices.size() * static_cast<size_t>(request.draws));
    if (request.indices.empty())
        return out;

    const auto channels = static_cast<size_t>(split.channels);
    Normalization normalization;
    normalization.mode = Preprocess::DatasetNormalize;
    normalization.mean = request.mean.size() == channels ? request.mean : std::vector<double>(channels, 0.0);
    normalization.std = request.std.size() == channels ? request.std : std::vector<double>(channels, 1.0);
    for (double &s : normalization.std)
        if (!(s > 0))
            s = 1.0;
    const auto mean = torch::tensor(normalization.mean, torch::kFloat32).view({1, -1, 1, 1});
    const auto stdev = torch::tensor(normalization.std, torch::kFloat32).view({1, -1, 1, 1});
    const auto count = static_cast<int64_t>(request.indices.size());
    for (int64_t d = 0; d < request.draws; ++d) {
        AugmentationSpec spec = AugmentationSpec::fromNames(request.augment, request.cropPadding, request.cutoutSize);
        spec.epoch = d;
        spec.flipSeed = request.seed;
        const uint64_t seed = drawSeed(request.seed, d);
        torch::Tensor x = makeBatch(split, request.indices.data(), count, spec, normalization, seed, false);
        if (spec.needsFloat()) {
            auto generator = at::detail::createCPUGenerator(seed ^ 0x5bd1e995ULL);
            x = augmentGeometric(x, spec, generator);
        }
        const torch::Tensor bytes = ((x * stdev + mean) * 255.0).round().clamp(0, 255).to(torch::kUInt8).contiguous();
        const auto imageBytes = static_cast<size_t>(split.imageBytes());
        for (int64_t i = 0; i < count; ++i) {
            const uint8_t *p = bytes.data_ptr<uint8_t>() + static_cast<size_t>(i) * imageBytes;
            out[static_cast<size_t>(i * request.draws + d)].assign(p, p + imageBytes);
        }
    }
    return out;
}

} // namespace cifarlab
