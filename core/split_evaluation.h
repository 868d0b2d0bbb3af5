#pragma once

// Core-internal (includes torch): one evaluation loop over a split, shared by the trainer's
// per-epoch test pass and `cifarlab-cli evaluate`.
#include "core/dataset.h"
#include "core/evaluation.h"
#include "core/preprocessing.h"
#include "core/runtime.h"

#include <torch/torch.h>

#include <functional>
#include <string>
#include <vector>

namespace cifarlab {

// Autocast for the current thread (it is thread-local, like grad mode), restored on exit: bf16 or
// fp16 (CUDA only) for a resolved precision, nothing for fp32. Throws Error for fp16 on the CPU.
class AutocastGuard
{
public:
    AutocastGuard(Precision precision, bool cuda);
    ~AutocastGuard();
    AutocastGuard(const AutocastGuard &) = delete;
    AutocastGuard &operator=(const AutocastGuard &) = delete;

private:
    bool m_cpu;
    bool m_cuda;
    at::ScalarType m_cpuType;
    at::ScalarType m_cudaType;
};

struct SplitEvaluation
{
    int64_t count = 0;
    int64_t correct = 0;
    double loss = 0.0;     // mean cross-entropy
    double accuracy = 0.0; // fraction
    std::vector<int64_t> confusion; // numClasses^2, row = true class
    std::vector<double> perClassAccuracy;
    std::vector<int32_t> predictions;
    std::vector<float> confidence; // softmax probability of the predicted class
    std::vector<float> imageLoss;
    int32_t topK = 0; // min(5, numClasses)
    std::vector<int32_t> topClasses;     // count * topK
    std::vector<float> topProbabilities; // count * topK
};

struct SplitEvaluationOptions
{
    int64_t batchSize = 500;
    Precision precision = Precision::Fp32; // resolved (not Auto)
    bool channelsLast = false;
    torch::Device device = torch::kCPU;
    std::function<void(int64_t done, int64_t total)> progress;
};

// Normalization as training uses it: for DatasetNormalize the training split's channel statistics
// (the test split's when there is no training split), a zero std read as 1.
Normalization normalizationFor(const Dataset &dataset, Preprocess mode);

// Stores the 4-d parameters (convolution filters) channels-last, for channels-last inputs.
void convertToChannelsLast(torch::nn::Module &net);

// Test-time augmentation: "none" is `forward(x)`; "mirror" averages the logits of the images and
// their mirrors; "mirror-translate" weighs that pair 1/2 and, 1/4 each, the same pair for the images
// shifted one pixel up-left and down-right (reflect padding), as airbench94 does. Throws Error for
// another mode.
torch::Tensor forwardWithTta(const std::function<torch::Tensor(const torch::Tensor &)> &forward, const torch::Tensor &x,
                             const std::string &tta, bool channelsLast);

// Runs `net` in eval mode without gradients over every image of `split` (the training flag is
// restored afterwards).
SplitEvaluation evaluateSplit(torch::nn::Module &net, const std::function<torch::Tensor(const torch::Tensor &)> &forward,
                              const ImageSplit &split, int64_t numClasses, const Normalization &normalization,
                              const SplitEvaluationOptions &options);

} // namespace cifarlab
