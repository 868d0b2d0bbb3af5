#include "core/split_evaluation.h"

#include "core/alternatives.h"
#include "core/augmentation.h"
#include "core/dataset_summary.h"
#include "core/error.h"
#include "core/tta_mode.h"
#include "models/autocast_state.h"

#include <algorithm>

namespace cifarlab {

AutocastGuard::AutocastGuard(Precision precision, bool cuda)
    : m_cpu(autocast::isEnabled(c10::kCPU))
    , m_cuda(autocast::isEnabled(c10::kCUDA))
    , m_cpuType(autocast::dtype(c10::kCPU))
    , m_cudaType(autocast::dtype(c10::kCUDA))
{
    if (precision == Precision::Fp16 && !cuda)
        throw Error("--precision: fp16 needs a CUDA device (CPU autocast runs bf16 only; use bf16 or fp32)");
    const bool enabled = precision == Precision::Bf16 || precision == Precision::Fp16;
    const auto type = precision == Precision::Fp16 ? at::kHalf : at::kBFloat16;
    const auto device = cuda ? c10::kCUDA : c10::kCPU;
    autocast::setEnabled(device, enabled);
    autocast::setDtype(device, type);
}

AutocastGuard::~AutocastGuard()
{
    autocast::setEnabled(c10::kCPU, m_cpu);
    autocast::setEnabled(c10::kCUDA, m_cuda);
    autocast::setDtype(c10::kCPU, m_cpuType);
    autocast::setDtype(c10::kCUDA, m_cudaType);
    at::autocast::clear_cache();
}

Normalization normalizationFor(const Dataset &dataset, Preprocess mode)
{
    Normalization n;
    n.mode = mode;
    if (mode == Preprocess::DatasetNormalize) {
        const auto summary = summarizeDataset(dataset);
        const auto &split = dataset.train.count > 0 ? summary.train : summary.test;
        n.mean = split.mean;
        n.std = split.std;
        for (auto &s : n.std)
            if (s <= 0.0)
                s = 1.0;
    }
    return n;
}

void convertToChannelsLast(torch::nn::Module &net)
{
    torch::NoGradGuard noGrad;
    for (auto &p : net.parameters())
        if (p.dim() == 4)
            p.set_data(p.contiguous(torch::MemoryFormat::ChannelsLast));
}

void requireTtaMode(const std::string &tta)
{
    const auto &modes = ttaModeNames();
    if (std::find(modes.begin(), modes.end(), tta) != modes.end())
        return;
    throw Error("--tta: unknown mode '" + tta + "' (expected " + joinAlternatives(modes) + ")");
}

torch::Tensor forwardWithTta(const std::function<torch::Tensor(const torch::Tensor &)> &forward, const torch::Tensor &x,
                             const std::string &tta, bool channelsLast)
{
    if (tta == "none")
        return forward(x);
    requireTtaMode(tta);
    namespace F = torch::nn::functional;
    const auto format = channelsLast ? torch::MemoryFormat::ChannelsLast : torch::MemoryFormat::Contiguous;
    auto mirrored = [&](const torch::Tensor &v) {
        return (forward(v).to(torch::kFloat32) + forward(v.flip({3}).contiguous(format)).to(torch::kFloat32)) * 0.5;
    };
    torch::Tensor logits = mirrored(x);
    if (tta == "mirror-translate") {
        const int64_t h = x.size(2), w = x.size(3);
        const auto padded = F::pad(x, F::PadFuncOptions({1, 1, 1, 1}).mode(torch::kReflect));
        const auto upLeft = padded.narrow(2, 0, h).narrow(3, 0, w).contiguous(format);
        const auto downRight = padded.narrow(2, 2, h).narrow(3, 2, w).contiguous(format);
        logits = logits * 0.5 + (mirrored(upLeft) + mirrored(downRight)) * 0.25;
    }
    return logits;
}

SplitEvaluation evaluateSplit(torch::nn::Module &net, const std::function<torch::Tensor(const torch::Tensor &)> &forward,
                              const ImageSplit &split, int64_t numClasses, const Normalization &normalization,
                              const SplitEvaluationOptions &options)
{
    namespace F = torch::nn::functional;
    SplitEvaluation r;
    r.count = split.count;
    r.confusion.assign(static_cast<size_t>(numClasses * numClasses), 0);
    r.predictions.resize(static_cast<size_t>(split.count));
    r.confidence.resize(static_cast<size_t>(split.count));
    r.imageLoss.resize(static_cast<size_t>(split.count));
    r.topK = static_cast<int32_t>(std::min<int64_t>(5, numClasses));
    r.topClasses.resize(static_cast<size_t>(split.count * r.topK));
    r.topProbabilities.resize(static_cast<size_t>(split.count * r.topK));
    r.perClassAccuracy.assign(static_cast<size_t>(numClasses), 0.0);
    if (split.count == 0)
        return r;

    const bool wasTraining = net.is_training();
    net.eval();
    torch::NoGradGuard noGrad;
    AutocastGuard autocast(options.precision, options.device.is_cuda());
    std::vector<int64_t> indices(static_cast<size_t>(split.count));
    for (int64_t i = 0; i < split.count; ++i)
        indices[static_cast<size_t>(i)] = i;
    double lossSum = 0.0;
    const int64_t batchSize = std::max<int64_t>(1, options.batchSize);
    for (int64_t begin = 0; begin < split.count; begin += batchSize) {
        const int64_t end = std::min(split.count, begin + batchSize);
        auto x = makeBatch(split, indices.data() + begin, end - begin, AugmentationSpec{}, normalization, 0, options.channelsLast)
                     .to(options.device);
        auto labels = labelBatch(split, begin, end);
        auto logits = forward(x).to(torch::kCPU, torch::kFloat32);
        auto losses = F::cross_entropy(logits, labels, F::CrossEntropyFuncOptions().reduction(torch::kNone));
        auto probabilities = torch::softmax(logits, 1);
        auto [conf, pred] = probabilities.max(1);
        auto [topP, topC] = probabilities.topk(r.topK, 1);
        topC = topC.to(torch::kInt32).contiguous();
        topP = topP.contiguous();
        std::copy_n(topC.data_ptr<int32_t>(), topC.numel(), r.topClasses.data() + begin * r.topK);
        std::copy_n(topP.data_ptr<float>(), topP.numel(), r.topProbabilities.data() + begin * r.topK);
        lossSum += losses.sum().item<double>();
        auto lossA = losses.accessor<float, 1>();
        auto predA = pred.accessor<int64_t, 1>();
        auto confA = conf.accessor<float, 1>();
        for (int64_t i = 0; i < end - begin; ++i) {
            const auto k = static_cast<size_t>(begin + i);
            const int64_t truth = split.labels[k];
            r.predictions[k] = static_cast<int32_t>(predA[i]);
            r.confidence[k] = confA[i];
            r.imageLoss[k] = lossA[i];
            r.confusion[static_cast<size_t>(truth * numClasses + predA[i])] += 1;
            r.correct += truth == predA[i] ? 1 : 0;
        }
        if (options.progress)
            options.progress(end, split.count);
    }
    if (wasTraining)
        net.train();
    r.loss = lossSum / static_cast<double>(split.count);
    r.accuracy = static_cast<double>(r.correct) / static_cast<double>(split.count);
    for (int64_t c = 0; c < numClasses; ++c) {
        int64_t row = 0;
        for (int64_t p = 0; p < numClasses; ++p)
            row += r.confusion[static_cast<size_t>(c * numClasses + p)];
        r.perClassAccuracy[static_cast<size_t>(c)]
            = row ? static_cast<double>(r.confusion[static_cast<size_t>(c * numClasses + c)]) / static_cast<double>(row) : 0.0;
    }
    return r;
}

} // namespace cifarlab
