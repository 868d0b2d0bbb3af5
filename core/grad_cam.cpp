#include "core/grad_cam.h"

#include "core/augmentation.h"
#include "core/checkpoint_network.h"
#include "core/error.h"
#include "core/split_evaluation.h"
#include "models/activation_capture.h"

#include <mutex>
#include <unordered_map>

namespace cifarlab {

namespace F = torch::nn::functional;

struct GradCam::Impl
{
    std::string checkpointPath;
    std::shared_ptr<Network> net;
    std::unordered_map<const torch::nn::Module *, std::string> names;
    ImageSplit test;
    int64_t numClasses = 0;
    Normalization normalization;
    mutable std::mutex mutex;
};

GradCam::GradCam(const std::string &architecture, const std::string &checkpointPath, const Dataset &dataset,
                 const std::string &preprocess, double widthScale)
    : m_impl(std::make_unique<Impl>())
{
    if (dataset.test.count == 0)
        throw Error(dataset.source + ": the test split is empty");
    InputSpec input;
    input.channels = dataset.test.channels;
    input.height = dataset.test.height;
    input.width = dataset.test.width;
    input.numClasses = dataset.numClasses();
    m_impl->checkpointPath = checkpointPath;
    m_impl->net = loadCheckpointNetwork(architecture, input, checkpointPath, widthScale).network;
    m_impl->net->eval();
    for (const auto &item : m_impl->net->named_modules())
        m_impl->names.emplace(item.value().get(), item.key());
    m_impl->test = dataset.test;
    m_impl->numClasses = dataset.numClasses();
    m_impl->normalization = normalizationFor(dataset, parsePreprocess(preprocess));
}

GradCam::~GradCam() = default;

const std::string &GradCam::checkpointPath() const
{
    return m_impl->checkpointPath;
}

GradCamMap GradCam::compute(int64_t index, int32_t targetClass) const
{
    const Impl &d = *m_impl;
    if (index < 0 || index >= d.test.count)
        throw Error("Grad-CAM: image " + std::to_string(index) + " is not one of the " + std::to_string(d.test.count)
                    + " test images");
    if (targetClass < -1 || targetClass >= d.numClasses)
        throw Error("Grad-CAM: class " + std::to_string(targetClass) + " is not one of the " + std::to_string(d.numClasses)
                    + " classes");
    std::lock_guard<std::mutex> lock(d.mutex);
    // fp32 and NCHW whatever the training used: gradients, not speed, matter for one image.
    torch::AutoGradMode grad(true);
    const torch::Tensor x = makeBatch(d.test, &index, 1, AugmentationSpec {}, d.normalization, 0, false);
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

} // namespace cifarlab
