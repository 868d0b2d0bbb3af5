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

torch::Tensor labelBatch(const ImageSplit &split, int64_t begin, int64_t end)
{
    auto *data = const_cast<int64_t *>(split.labels.data() + begin);
    return torch::from_blob(data, {end - begin}, torch::kInt64);
}

} // namespace cifarlab
