#include "core/image_classifier.h"

#include "core/augmentation.h"
#include "core/checkpoint_network.h"
#include "core/error.h"
#include "core/image_decode.h"
#include "core/memory_limit.h"
#include "core/preprocessing.h"
#include "core/split_evaluation.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdio>
#include <cctype>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <numeric>
#include <system_error>

namespace cifarlab {

namespace fs = std::filesystem;

namespace {

constexpr int64_t kChunk = 256; // files decoded, then classified, at a time

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool hasImageExtension(const fs::path &path)
{
    static const std::vector<std::string> kExtensions = {".jpg", ".jpeg", ".jpe", ".png", ".bmp", ".dib", ".webp",
                                                         ".tif", ".tiff", ".ppm", ".pgm", ".pbm", ".pnm"};
    const std::string ext = lower(path.extension().string());
    return std::find(kExtensions.begin(), kExtensions.end(), ext) != kExtensions.end();
}

bool isHidden(const fs::path &path)
{
    const std::string name = path.filename().string();
    return !name.empty() && name[0] == '.';
}

int interpolationFor(const cv::Size &from, const cv::Size &to)
{
    // Area averaging when shrinking (no aliasing), bilinear when enlarging.
    return to.width < from.width || to.height < from.height ? cv::INTER_AREA : cv::INTER_LINEAR;
}

cv::Mat fitImage(const cv::Mat &src, int height, int width, ImageFit fit, const cv::Scalar &fill)
{
    const cv::Size target(width, height);
    cv::Mat out;
    switch (fit) {
    case ImageFit::Squash:
        cv::resize(src, out, target, 0, 0, interpolationFor(src.size(), target));
        break;
    case ImageFit::Crop: {
        const double aspect = static_cast<double>(width) / height;
        int w = src.cols, h = src.rows;
        if (static_cast<double>(w) / h > aspect)
            w = std::max(1, static_cast<int>(std::lround(h * aspect)));
        else
            h = std::max(1, static_cast<int>(std::lround(w / aspect)));
        const cv::Mat region = src(cv::Rect((src.cols - w) / 2, (src.rows - h) / 2, w, h));
        cv::resize(region, out, target, 0, 0, interpolationFor(region.size(), target));
        break;
    }
    case ImageFit::Pad: {
        const double scale = std::min(static_cast<double>(width) / src.cols, static_cast<double>(height) / src.rows);
        const cv::Size inner(std::clamp(static_cast<int>(std::lround(src.cols * scale)), 1, width),
                             std::clamp(static_cast<int>(std::lround(src.rows * scale)), 1, height));
        cv::Mat scaled;
        cv::resize(src, scaled, inner, 0, 0, interpolationFor(src.size(), inner));
        out = cv::Mat(target, src.type(), fill);
        scaled.copyTo(out(cv::Rect((width - inner.width) / 2, (height - inner.height) / 2, inner.width, inner.height)));
        break;
    }
    }
    return out;
}

} // namespace

ImageFit parseImageFit(const std::string &text)
{
    if (text == "crop")
        return ImageFit::Crop;
    if (text == "squash")
        return ImageFit::Squash;
    if (text == "pad")
        return ImageFit::Pad;
    throw Error("--fit: expected crop, squash or pad, got '" + text + "'");
}

std::string imageFitName(ImageFit fit)
{
    switch (fit) {
    case ImageFit::Crop:
        return "crop";
    case ImageFit::Squash:
        return "squash";
    case ImageFit::Pad:
        return "pad";
    }
    return "crop";
}

std::vector<std::string> collectImageFiles(const std::vector<std::string> &paths)
{
    std::vector<std::string> files;
    for (const std::string &path : paths) {
        std::error_code ec;
        const fs::file_status status = fs::status(path, ec);
        if (ec || !fs::exists(status))
            throw Error(path + ": no such file or folder");
        if (!fs::is_directory(status)) {
            files.push_back(path);
            continue;
        }
        std::vector<std::string> found;
        fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
        if (ec)
            throw Error(path + ": cannot list the folder: " + ec.message());
        for (; it != end; it.increment(ec)) {
            if (ec)
                throw Error(path + ": cannot list the folder: " + ec.message());
            if (isHidden(it->path())) {
                if (it->is_directory(ec))
                    it.disable_recursion_pending();
                continue;
            }
            if (it->is_regular_file(ec) && hasImageExtension(it->path()))
                found.push_back(it->path().string());
        }
        if (found.empty())
            throw Error(path + ": no images in the folder (looked for .jpg, .jpeg, .png, .bmp, .webp, .tif, .tiff, "
                               ".ppm, .pgm, .pbm, .pnm)");
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

std::vector<int32_t> ClassifiedImage::ranking(int k) const
{
    std::vector<int32_t> order(probabilities.size());
    std::iota(order.begin(), order.end(), 0);
    const size_t n = std::min(order.size(), static_cast<size_t>(std::max(0, k)));
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n), order.end(),
                      [this](int32_t a, int32_t b) {
                          return probabilities[static_cast<size_t>(a)] > probabilities[static_cast<size_t>(b)]
                              || (probabilities[static_cast<size_t>(a)] == probabilities[static_cast<size_t>(b)] && a < b);
                      });
    order.resize(n);
    return order;
}

std::string classificationCsv(const std::vector<const ClassifiedImage *> &images, const std::vector<std::string> &classNames)
{
    const auto field = [](const std::string &text) {
        if (text.find_first_of(",\"\r\n") == std::string::npos)
            return text;
        std::string quoted = "\"";
        for (const char c : text)
            quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        return quoted + "\"";
    };
    const auto number = [](float value) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.6g", static_cast<double>(value));
        return std::string(buffer);
    };
    std::string out = "path,true_class,predicted,confidence";
    for (const std::string &name : classNames)
        out += "," + field("p_" + name);
    out += ",error\n";
    for (const ClassifiedImage *image : images) {
        out += field(image->path) + ",";
        if (image->trueClass >= 0 && image->trueClass < static_cast<int64_t>(classNames.size()))
            out += field(classNames[static_cast<size_t>(image->trueClass)]);
        const bool ok = image->ok() && image->probabilities.size() == classNames.size();
        if (ok) {
            out += "," + field(classNames[static_cast<size_t>(image->predictedClass)]) + ","
                + number(image->probabilities[static_cast<size_t>(image->predictedClass)]);
            for (const float p : image->probabilities)
                out += "," + number(p);
            out += ",\n";
        } else {
            out += ",," + std::string(classNames.size(), ',') + "," + field(image->error) + "\n";
        }
    }
    return out;
}

struct ImageClassifier::Impl
{
    std::string architecture;
    std::string checkpointPath;
    std::shared_ptr<const Dataset> data;
    ClassifierOptions options;
    std::shared_ptr<Network> net;
    double widthScale = 1.0;
    Normalization normalization;
    cv::Scalar fill;     // the training images' mean colour, in OpenCV's channel order
    int64_t channels = 0, height = 0, width = 0;
    mutable std::mutex mutex;
    mutable std::unique_ptr<GradCam> gradCam;

    // Reads `path` and fits it to the input; throws Error naming the file.
    cv::Mat load(const std::string &path, int64_t &sourceWidth, int64_t &sourceHeight) const
    {
        cv::Mat image = readImageFile(path);
        sourceWidth = image.cols;
        sourceHeight = image.rows;
        if (channels == 1 && image.channels() == 3)
            cv::cvtColor(image, image, cv::COLOR_BGR2GRAY);
        else if (channels == 3 && image.channels() == 1)
            cv::cvtColor(image, image, cv::COLOR_GRAY2BGR);
        return fitImage(image, static_cast<int>(height), static_cast<int>(width), options.fit, fill);
    }

    int64_t trueClassOf(const std::string &path) const
    {
        const std::string folder = lower(fs::path(path).parent_path().filename().string());
        for (size_t c = 0; c < data->classNames.size(); ++c)
            if (!folder.empty() && lower(data->classNames[c]) == folder)
                return static_cast<int64_t>(c);
        return -1;
    }
};

ImageClassifier::ImageClassifier(const std::string &architecture, const std::string &checkpointPath,
                                 std::shared_ptr<const Dataset> trainingData, const ClassifierOptions &options)
    : m_impl(std::make_unique<Impl>())
{
    if (!trainingData || (trainingData->train.count == 0 && trainingData->test.count == 0))
        throw Error("classify: the network's dataset has no images to take its input size and statistics from");
    Impl &d = *m_impl;
    const ImageSplit &shape = trainingData->test.count > 0 ? trainingData->test : trainingData->train;
    if (shape.channels != 1 && shape.channels != 3)
        throw Error("classify: the network takes " + std::to_string(shape.channels)
                    + "-channel images; files can be classified for 1- or 3-channel datasets only");
    requireTtaMode(options.tta);
    d.architecture = architecture;
    d.checkpointPath = checkpointPath;
    d.options = options;
    d.channels = shape.channels;
    d.height = shape.height;
    d.width = shape.width;
    InputSpec input;
    input.channels = shape.channels;
    input.height = shape.height;
    input.width = shape.width;
    input.numClasses = trainingData->numClasses();
    const CheckpointNetwork loaded = loadCheckpointNetwork(architecture, input, checkpointPath, options.widthScale);
    d.net = loaded.network;
    d.widthScale = loaded.widthScale;
    d.net->eval();
    convertToChannelsLast(*d.net);
    // The channel means fill padded borders whatever the preprocessing; one pass over the training
    // images serves both when the network was trained on dataset-normalized inputs.
    const Normalization means = normalizationFor(*trainingData, Preprocess::DatasetNormalize);
    const Preprocess preprocess = parsePreprocess(options.preprocess);
    d.normalization = preprocess == Preprocess::DatasetNormalize ? means : normalizationFor(*trainingData, preprocess);
    if (d.channels == 3)
        d.fill = cv::Scalar(255.0 * means.mean[2], 255.0 * means.mean[1], 255.0 * means.mean[0]);
    else
        d.fill = cv::Scalar(255.0 * means.mean[0]);
    d.data = std::move(trainingData);
}

ImageClassifier::~ImageClassifier() = default;

const std::vector<std::string> &ImageClassifier::classNames() const
{
    return m_impl->data->classNames;
}

double ImageClassifier::widthScale() const
{
    return m_impl->widthScale;
}

const ClassifierOptions &ImageClassifier::options() const
{
    return m_impl->options;
}

Classification ImageClassifier::classify(const std::vector<std::string> &files,
                                         const std::function<void(int64_t done, int64_t total)> &progress) const
{
    const Impl &d = *m_impl;
    std::lock_guard<std::mutex> lock(d.mutex);
    const int64_t total = static_cast<int64_t>(files.size());
    const int64_t plane = d.height * d.width, imageBytes = d.channels * plane;
    checkMemory(total * imageBytes, "classifying " + std::to_string(total) + " images");

    Classification result;
    result.images.resize(files.size());
    ImageSplit &fitted = result.fitted;
    fitted.channels = d.channels;
    fitted.height = d.height;
    fitted.width = d.width;
    fitted.images.reserve(static_cast<size_t>(total * imageBytes));

    const int numClasses = static_cast<int>(d.data->numClasses());
    torch::NoGradGuard noGrad;
    AutocastGuard autocast(resolvePrecision(d.options.precision), false);
    const auto forward = [&d](const torch::Tensor &v) { return d.net->forward(v); };
    for (int64_t begin = 0; begin < total; begin += kChunk) {
        const int64_t end = std::min(total, begin + kChunk);
        std::vector<cv::Mat> pixels(static_cast<size_t>(end - begin));
        at::parallel_for(begin, end, 1, [&](int64_t from, int64_t to) {
            for (int64_t i = from; i < to; ++i) {
                ClassifiedImage &image = result.images[static_cast<size_t>(i)];
                image.path = files[static_cast<size_t>(i)];
                image.trueClass = d.trueClassOf(image.path);
                try {
                    pixels[static_cast<size_t>(i - begin)] = d.load(image.path, image.sourceWidth, image.sourceHeight);
                } catch (const std::exception &e) {
                    image.error = e.what();
                }
            }
        });

        std::vector<int64_t> batch;
        for (int64_t i = begin; i < end; ++i) {
            ClassifiedImage &image = result.images[static_cast<size_t>(i)];
            if (!image.ok())
                continue;
            const cv::Mat &m = pixels[static_cast<size_t>(i - begin)];
            image.fittedIndex = fitted.count++;
            batch.push_back(image.fittedIndex);
            fitted.labels.push_back(image.trueClass);
            const size_t offset = fitted.images.size();
            fitted.images.resize(offset + static_cast<size_t>(imageBytes));
            uint8_t *dst = fitted.images.data() + offset;
            for (int64_t y = 0; y < d.height; ++y) {
                const uint8_t *row = m.ptr<uint8_t>(static_cast<int>(y));
                for (int64_t x = 0; x < d.width; ++x)
                    for (int64_t c = 0; c < d.channels; ++c) // OpenCV's BGR to the datasets' RGB planes
                        dst[c * plane + y * d.width + x] = row[x * d.channels + (d.channels == 3 ? 2 - c : 0)];
            }
        }
        if (!batch.empty()) {
            const torch::Tensor x = makeBatch(fitted, batch.data(), static_cast<int64_t>(batch.size()), AugmentationSpec {},
                                              d.normalization, 0, true);
            const torch::Tensor logits = forwardWithTta(forward, x, d.options.tta, true).to(torch::kFloat32);
            const torch::Tensor probabilities = torch::softmax(logits, 1).contiguous();
            const float *p = probabilities.data_ptr<float>();
            size_t row = 0;
            for (int64_t i = begin; i < end; ++i) {
                ClassifiedImage &image = result.images[static_cast<size_t>(i)];
                if (!image.ok())
                    continue;
                image.probabilities.assign(p + row * numClasses, p + (row + 1) * numClasses);
                image.predictedClass = static_cast<int32_t>(
                    std::max_element(image.probabilities.begin(), image.probabilities.end()) - image.probabilities.begin());
                ++row;
            }
        }
        if (progress)
            progress(end, total);
    }
    for (const ClassifiedImage &image : result.images) {
        if (!image.ok()) {
            ++result.failed;
            continue;
        }
        ++result.classified;
        if (image.trueClass >= 0) {
            ++result.labelled;
            result.correct += image.predictedClass == image.trueClass ? 1 : 0;
        }
    }
    return result;
}

GradCamMap ImageClassifier::explain(const Classification &classification, size_t index, int32_t targetClass) const
{
    const Impl &d = *m_impl;
    if (index >= classification.images.size())
        throw Error("Grad-CAM: image " + std::to_string(index) + " is not one of the "
                    + std::to_string(classification.images.size()) + " classified files");
    const ClassifiedImage &image = classification.images[index];
    if (!image.ok())
        throw Error("Grad-CAM: " + image.error);
    std::lock_guard<std::mutex> lock(d.mutex);
    if (!d.gradCam)
        d.gradCam = std::make_unique<GradCam>(d.architecture, d.checkpointPath, d.data, d.options.preprocess, d.widthScale);
    return d.gradCam->computeFor(classification.fitted, image.fittedIndex, targetClass);
}

} // namespace cifarlab
