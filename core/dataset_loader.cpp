#include "core/dataset_loader.h"

#include "core/cifar_binary_loader.h"
#include "core/error.h"
#include "core/memory_limit.h"
#include "core/idx_loader.h"
#include "core/image_folder_loader.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <filesystem>
#include <cctype>
#include <thread>
#include <vector>

namespace cifarlab {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kResizeBatch = 4096; // images per progress report

int threadCount(int requested)
{
    if (requested > 0)
        return requested;
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

void resizeSplit(ImageSplit &split, int64_t size, int threads, int64_t &done, int64_t total,
    const std::function<void(double)> &progress)
{
    if (split.count == 0 || (split.height == size && split.width == size)) {
        done += split.count;
        return;
    }
    const int interpolation = size <= split.height && size <= split.width ? cv::INTER_AREA : cv::INTER_LINEAR;
    const int64_t inBytes = split.imageBytes();
    const int64_t outPlane = size * size;
    const int64_t outBytes = split.channels * outPlane;
    checkMemory(split.count * outBytes, "resizing " + std::to_string(split.count) + " images to " + std::to_string(size) + "x" + std::to_string(size));
    std::vector<uint8_t> resized(static_cast<size_t>(split.count * outBytes));

    auto work = [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) {
            for (int64_t c = 0; c < split.channels; ++c) {
                // Planar layout: each channel is its own single-channel image, no interleaving needed.
                const cv::Mat src(static_cast<int>(split.height), static_cast<int>(split.width), CV_8UC1,
                    split.images.data() + i * inBytes + c * split.height * split.width);
                cv::Mat dst(static_cast<int>(size), static_cast<int>(size), CV_8UC1,
                    resized.data() + i * outBytes + c * outPlane);
                cv::resize(src, dst, dst.size(), 0, 0, interpolation);
            }
        }
    };
    const int workers = threadCount(threads);
    for (int64_t begin = 0; begin < split.count; begin += kResizeBatch) {
        const int64_t end = std::min(split.count, begin + kResizeBatch);
        const int64_t per = (end - begin + workers - 1) / workers;
        std::vector<std::thread> pool;
        for (int w = 1; w < workers && begin + w * per < end; ++w)
            pool.emplace_back(work, begin + w * per, std::min(end, begin + (w + 1) * per));
        work(begin, std::min(end, begin + per));
        for (auto &t : pool)
            t.join();
        done += end - begin;
        if (progress)
            progress(static_cast<double>(done) / static_cast<double>(total));
    }
    split.images = std::move(resized);
    split.height = size;
    split.width = size;
}

std::string expectedFormats()
{
    return "expected CIFAR-10/100 binary (a cifar-10-batches-bin or cifar-100-binary folder, a folder "
           "holding "
           "one, or cifar-10-binary.tar.gz / cifar-100-binary.tar.gz), an IDX folder "
           "(train-images-idx3-ubyte, "
           "train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, raw or .gz), or an "
           "ImageFolder (train/ and test/ with one subfolder per class, as a folder or a .zip)";
}

} // namespace

std::string detectDatasetFormat(const std::string &path)
{
    std::error_code ec;
    if (path.empty() || !fs::exists(path, ec))
        return {};
    try {
        const std::string cifar = detectCifarBinary(path);
        if (!cifar.empty())
            return cifar;
        if (looksLikeIdx(path))
            return "idx";
        if (looksLikeImageFolder(path))
            return "image-folder";
    } catch (const std::exception &) {
        // Unreadable entries just mean "not recognized" here; loading reports the details.
    }
    return {};
}

Dataset loadDataset(const std::string &path, const LoadOptions &options)
{
    std::error_code ec;
    if (path.empty())
        throw Error("dataset path is empty; " + expectedFormats());
    if (!fs::exists(path, ec))
        throw Error(path + ": no such file or folder");

    const std::string format = detectDatasetFormat(path);
    auto stage = [&](const std::string &name) -> std::function<void(double)> {
        if (!options.progress)
            return {};
        return [&options, name](double fraction) { options.progress(name, fraction); };
    };

    // A .zip that is no ImageFolder (damaged, or laid out otherwise) is best explained by the zip
    // reader itself.
    std::string lower = fs::path(path).extension().string();
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    const bool zipFile = lower == ".zip" && fs::is_regular_file(path, ec);

    Dataset dataset;
    if (format == "cifar10-binary" || format == "cifar100-binary") {
        dataset = loadCifarBinary(
            path, stage(format == "cifar10-binary" ? "Reading CIFAR-10" : "Reading CIFAR-100"));
    } else if (format == "idx") {
        dataset = loadIdx(path, stage("Reading IDX files"));
    } else if (format == "image-folder" || zipFile) {
        ImageFolderOptions folderOptions;
        folderOptions.resize = options.resize;
        folderOptions.threads = options.threads;
        folderOptions.useCache = options.useCache;
        folderOptions.cacheDir = options.cacheDir;
        folderOptions.progress = stage("Decoding images");
        dataset = loadImageFolder(path, folderOptions);
    } else {
        throw Error(path + ": not a recognized dataset; " + expectedFormats());
    }
    if (options.resize > 0)
        resizeDataset(dataset, options.resize, options.threads, stage("Resizing images"));
    return dataset;
}

void resizeDataset(Dataset &dataset, int64_t size, int threads, const std::function<void(double)> &progress)
{
    if (size <= 0)
        throw Error("resize: size must be positive, got " + std::to_string(size));
    const int64_t total = dataset.train.count + dataset.test.count;
    int64_t done = 0;
    resizeSplit(dataset.train, size, threads, done, total, progress);
    resizeSplit(dataset.test, size, threads, done, total, progress);
}

} // namespace cifarlab
