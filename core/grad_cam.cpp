#include "core/grad_cam.h"

#include "core/augmentation.h"
#include "core/checkpoint_network.h"
#include "core/error.h"
#include "core/split_evaluation.h"
#include "models/activation_capture.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <mutex>
#include <unordered_map>

namespace cifarlab {

namespace F = torch::nn::functional;

struct GradCam::Impl
{
    std::shared_ptr<Network> net;
    std::unordered_map<const torch::nn::Module *, std::string> names;
    std::shared_ptr<const Dataset> dataset;
    Normalization normalization;
    mutable std::mutex mutex;
};

GradCam::GradCam(const std::string &architecture, const std::string &checkpointPath, std::shared_ptr<const Dataset> dataset,
                 const std::string &preprocess, double widthScale)
    : m_impl(std::make_unique<Impl>())
{
    if (!dataset || dataset->test.count == 0)
        throw Error((dataset ? dataset->source : std::string("Grad-CAM")) + ": the test split is empty");
    InputSpec input;
    input.channels = dataset->test.channels;
    input.height = dataset->test.height;
    input.width = dataset->test.width;
    input.numClasses = dataset->numClasses();
    m_impl->net = loadCheckpointNetwork(architecture, input, checkpointPath, widthScale).network;
    m_impl->net->eval();
    for (const auto &item : m_impl->net->named_modules())
        m_impl->names.emplace(item.value().get(), item.key());
    m_impl->normalization = normalizationFor(*dataset, parsePreprocess(preprocess));
    m_impl->dataset = std::move(dataset);
}

GradCam::~GradCam() = default;

GradCamMap GradCam::compute(int64_t index, int32_t targetClass) const
{
    const ImageSplit &test = m_impl->dataset->test;
    if (index < 0 || index >= test.count)
        throw Error("Grad-CAM: image " + std::to_string(index) + " is not one of the " + std::to_string(test.count)
                    + " test images");
    return computeFor(test, index, targetClass);
}

GradCamMap GradCam::computeFor(const ImageSplit &images, int64_t index, int32_t targetClass) const
{
    const Impl &d = *m_impl;
    const ImageSplit &test = d.dataset->test;
    const int64_t numClasses = d.dataset->numClasses();
    if (images.channels != test.channels || images.height != test.height || images.width != test.width)
        throw Error("Grad-CAM: the images are " + std::to_string(images.channels) + " x " + std::to_string(images.height)
                    + " x " + std::to_string(images.width) + ", the network takes " + std::to_string(test.channels)
                    + " x " + std::to_string(test.height) + " x " + std::to_string(test.width));
    if (index < 0 || index >= images.count)
        throw Error("Grad-CAM: image " + std::to_string(index) + " is not one of the " + std::to_string(images.count)
                    + " images");
    if (targetClass < -1 || targetClass >= numClasses)
        throw Error("Grad-CAM: class " + std::to_string(targetClass) + " is not one of the " + std::to_string(numClasses)
                    + " classes");
    std::lock_guard<std::mutex> lock(d.mutex);
    // fp32 and NCHW whatever the training used: gradients, not speed, matter for one image.
    torch::AutoGradMode grad(true);
    const torch::Tensor x = makeBatch(images, &index, 1, AugmentationSpec {}, d.normalization, 0, false);
    ActivationCapture capture;
    const torch::Tensor logits = d.net->forward(x).to(torch::kFloat32);
    const auto *feature = capture.lastFeatureMap();
    if (!feature)
        throw Error("Grad-CAM: " + d.net->architecture() + " has no spatial feature map to explain");
    const torch::Tensor probabilities = torch::softmax(logits.detach(), 1)[0].contiguous();

    GradCamMap map;
    map.imageIndex = index;
    map.predictedClass = static_cast<int32_t>(probabilities.argmax().item<int64_t>());
    map.targetClass = targetClass >= 0 ? targetClass : map.predictedClass;
    map.probabilities.assign(probabilities.data_ptr<float>(), probabilities.data_ptr<float>() + probabilities.numel());
    const auto name = d.names.find(feature->module);
    map.layer = name != d.names.end() ? name->second : feature->module->name();

    const torch::Tensor activation = feature->output;
    if (!activation.requires_grad())
        throw Error("Grad-CAM: the layers up to " + map.layer + " are frozen, so no gradient reaches them");
    const torch::Tensor gradient = torch::autograd::grad({logits[0][map.targetClass]}, {activation})[0];
    const torch::Tensor weights = gradient.to(torch::kFloat32).mean({2, 3}, /*keepdim=*/true);
    torch::Tensor cam = torch::relu((weights * activation.detach().to(torch::kFloat32)).sum(1, /*keepdim=*/true));
    map.layerHeight = cam.size(2);
    map.layerWidth = cam.size(3);
    cam = F::interpolate(cam, F::InterpolateFuncOptions()
                                  .size(std::vector<int64_t> {x.size(2), x.size(3)})
                                  .mode(torch::kBilinear)
                                  .align_corners(false));
    const float peak = cam.max().item<float>();
    if (peak > 0.0f)
        cam = cam / peak;
    cam = cam.clamp(0.0, 1.0).contiguous();
    map.height = x.size(2);
    map.width = x.size(3);
    map.values.assign(cam.data_ptr<float>(), cam.data_ptr<float>() + cam.numel());
    return map;
}

void writeGradCamPng(const std::string &path, const ImageSplit &split, const GradCamMap &map, int scale)
{
    if (map.imageIndex < 0 || map.imageIndex >= split.count || map.height != split.height || map.width != split.width
        || map.values.size() != static_cast<size_t>(map.height * map.width))
        throw Error(path + ": the Grad-CAM map does not belong to this image");
    if (scale < 1 || scale > 64)
        throw Error("Grad-CAM: scale must be 1-64, got " + std::to_string(scale));
    const int h = static_cast<int>(split.height), w = static_cast<int>(split.width);
    const uint8_t *pixels = split.image(map.imageIndex);
    cv::Mat bgr(h, w, CV_8UC3);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const int64_t p = static_cast<int64_t>(y) * w + x;
            const int64_t plane = static_cast<int64_t>(h) * w;
            const uint8_t r = pixels[p];
            const uint8_t g = split.channels >= 3 ? pixels[plane + p] : r;
            const uint8_t b = split.channels >= 3 ? pixels[2 * plane + p] : r;
            bgr.at<cv::Vec3b>(y, x) = cv::Vec3b(b, g, r);
        }
    const cv::Size size(w * scale, h * scale);
    cv::Mat image, gray;
    cv::resize(bgr, image, size, 0, 0, cv::INTER_NEAREST);
    cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
    cv::cvtColor(gray, gray, cv::COLOR_GRAY2BGR);
    cv::Mat values(h, w, CV_32F, const_cast<float *>(map.values.data()));
    cv::Mat smooth;
    cv::resize(values, smooth, size, 0, 0, cv::INTER_LINEAR);
    cv::Mat levels, heat;
    smooth.convertTo(levels, CV_8U, 255.0);
    cv::applyColorMap(levels, heat, cv::COLORMAP_INFERNO);
    cv::Mat overlay(size, CV_8UC3);
    for (int y = 0; y < size.height; ++y)
        for (int x = 0; x < size.width; ++x) {
            const float alpha = (60.0f + 170.0f * std::clamp(smooth.at<float>(y, x), 0.0f, 1.0f)) / 255.0f;
            const cv::Vec3b &g = gray.at<cv::Vec3b>(y, x), &c = heat.at<cv::Vec3b>(y, x);
            cv::Vec3b &o = overlay.at<cv::Vec3b>(y, x);
            for (int k = 0; k < 3; ++k)
                o[k] = cv::saturate_cast<uint8_t>(g[k] * (1.0f - alpha) + c[k] * alpha);
        }
    const cv::Mat gap(size.height, std::max(2, scale), CV_8UC3, cv::Scalar(255, 255, 255));
    cv::Mat sideBySide;
    cv::hconcat(std::vector<cv::Mat> {image, gap, overlay}, sideBySide);
    bool written = false;
    try {
        written = cv::imwrite(path, sideBySide);
    } catch (const cv::Exception &e) {
        throw Error(path + ": cannot write the image (" + e.msg + ")");
    }
    if (!written)
        throw Error(path + ": cannot write the image");
}

} // namespace cifarlab
