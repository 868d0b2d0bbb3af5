#include "core/preprocessing.h"

#include "core/error.h"

namespace cifarlab {

Preprocess parsePreprocess(const std::string &text)
{
    if (text == "per-image-standardize")
        return Preprocess::PerImageStandardize;
    if (text == "dataset-normalize")
        return Preprocess::DatasetNormalize;
    throw Error("preprocess: unknown value '" + text + "' (expected per-image-standardize or dataset-normalize)");
}

std::string preprocessName(Preprocess preprocess)
{
    return preprocess == Preprocess::PerImageStandardize ? "per-image-standardize" : "dataset-normalize";
}

torch::Tensor imageBatchU8(const ImageSplit &split, int64_t begin, int64_t end)
{
    // from_blob needs a non-const pointer; the tensor is only ever read.
    auto *data = const_cast<uint8_t *>(split.image(begin));
    return torch::from_blob(data, {end - begin, split.channels, split.height, split.width}, torch::kUInt8);
}

torch::Tensor labelBatch(const ImageSplit &split, int64_t begin, int64_t end)
{
    auto *data = const_cast<int64_t *>(split.labels.data() + begin);
    return torch::from_blob(data, {end - begin}, torch::kInt64);
}

torch::Tensor normalizeBatch(const torch::Tensor &imagesU8, const Normalization &normalization)
{
    auto x = imagesU8.to(torch::kFloat32).div_(255.0);
    if (normalization.mode == Preprocess::PerImageStandardize) {
        // Population std, as numpy's default in the original study.
        auto mean = x.mean({2, 3}, true);
        auto stdev = x.std({2, 3}, /*unbiased=*/false, /*keepdim=*/true);
        return x.sub_(mean).div_(stdev.add_(1e-4));
    }
    const auto channels = x.size(1);
    if (static_cast<int64_t>(normalization.mean.size()) != channels
        || static_cast<int64_t>(normalization.std.size()) != channels)
        throw Error("normalization: mean/std have " + std::to_string(normalization.mean.size()) + " channels, images have "
                    + std::to_string(channels));
    auto mean = torch::tensor(std::vector<float>(normalization.mean.begin(), normalization.mean.end())).view({1, channels, 1, 1});
    auto stdev = torch::tensor(std::vector<float>(normalization.std.begin(), normalization.std.end())).view({1, channels, 1, 1});
    return x.sub_(mean).div_(stdev);
}

} // namespace cifarlab
