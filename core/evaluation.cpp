#include "core/evaluation.h"

#include "core/dataset_summary.h"
#include "core/error.h"
#include "core/preprocessing.h"
#include "core/python_checkpoint.h"
#include "core/training_checkpoint.h"
#include "core/state_dict.h"
#include "models/network.h"

#include <ATen/autocast_mode.h>

#include <chrono>
#include <cstdio>
#include <sstream>

namespace cifarlab {

namespace {

// Autocast is thread-local, like grad mode: scope it to the evaluating thread and restore after.
class AutocastScope
{
public:
    explicit AutocastScope(bool enabled)
        : m_previous(at::autocast::is_cpu_enabled())
    {
        at::autocast::set_cpu_enabled(enabled);
        if (enabled)
            at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
    }
    ~AutocastScope()
    {
        at::autocast::set_cpu_enabled(m_previous);
        at::autocast::clear_cache();
    }

private:
    bool m_previous;
};

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

} // namespace

EvaluationResult evaluateCheckpoint(const std::string &architecture, const std::string &checkpointPath,
                                    const Dataset &dataset, const EvaluationOptions &options)
{
    const auto &test = dataset.test;
    if (test.count == 0)
        throw Error(dataset.source + ": the test split is empty");
    if (options.batchSize <= 0)
        throw Error("batch size: must be positive, got " + std::to_string(options.batchSize));
    const auto numClasses = dataset.numClasses();

    InputSpec input;
    input.channels = test.channels;
    input.height = test.height;
    input.width = test.width;
    input.numClasses = numClasses;
    std::shared_ptr<Network> net;
    try {
        net = createNetwork(architecture, input);
    } catch (const std::invalid_argument &e) {
        throw Error(e.what());
    }
    loadCheckpointWeights(checkpointPath, *net);
    net->eval();

    configureThreads(options.threads);
    const Normalization normalization = normalizationFor(dataset, parsePreprocess(options.preprocess));
    const bool bf16 = resolvePrecision(options.precision) == Precision::Bf16;

    EvaluationResult result;
    result.count = test.count;
    result.confusion.assign(static_cast<size_t>(numClasses * numClasses), 0);
    result.predictions.resize(static_cast<size_t>(test.count));
    result.confidence.resize(static_cast<size_t>(test.count));

    const auto started = std::chrono::steady_clock::now();
    torch::NoGradGuard noGrad;
    AutocastScope autocast(bf16);
    double lossSum = 0.0;
    for (int64_t begin = 0; begin < test.count; begin += options.batchSize) {
        const int64_t end = std::min(test.count, begin + options.batchSize);
        auto x = normalizeBatch(imageBatchU8(test, begin, end), normalization);
        auto labels = labelBatch(test, begin, end);
        auto logits = net->forward(x).to(torch::kFloat32);
        lossSum += torch::nn::functional::cross_entropy(
                       logits, labels, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                       .item<double>();
        auto probs = torch::softmax(logits, 1);
        auto [conf, pred] = probs.max(1);
        auto predA = pred.accessor<int64_t, 1>();
        auto confA = conf.accessor<float, 1>();
        for (int64_t i = 0; i < end - begin; ++i) {
            const int64_t truth = test.labels[static_cast<size_t>(begin + i)];
            const int64_t p = predA[i];
            result.predictions[static_cast<size_t>(begin + i)] = p;
            result.confidence[static_cast<size_t>(begin + i)] = confA[i];
            result.confusion[static_cast<size_t>(truth * numClasses + p)] += 1;
            if (truth == p)
                ++result.correct;
        }
        if (options.progress)
            options.progress(end, test.count);
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    result.accuracy = static_cast<double>(result.correct) / static_cast<double>(test.count);
    result.loss = lossSum / static_cast<double>(test.count);
    result.perClassAccuracy.resize(static_cast<size_t>(numClasses));
    for (int64_t c = 0; c < numClasses; ++c) {
        int64_t rowTotal = 0;
        for (int64_t p = 0; p < numClasses; ++p)
            rowTotal += result.confusion[static_cast<size_t>(c * numClasses + p)];
        result.perClassAccuracy[static_cast<size_t>(c)]
            = rowTotal == 0 ? 0.0
                            : static_cast<double>(result.confusion[static_cast<size_t>(c * numClasses + c)]) / rowTotal;
    }
    return result;
}

std::string formatConfusion(const std::vector<int64_t> &confusion, const std::vector<std::string> &classNames)
{
    const size_t n = classNames.size();
    if (confusion.size() != n * n)
        throw Error("confusion matrix: size does not match the class count");
    size_t nameWidth = 4;
    for (const auto &name : classNames)
        nameWidth = std::max(nameWidth, name.size());
    std::ostringstream out;
    char cell[32];
    out << std::string(nameWidth, ' ') << "  true \\ predicted\n" << std::string(nameWidth, ' ');
    for (size_t p = 0; p < n; ++p) {
        std::snprintf(cell, sizeof cell, " %6.6s", classNames[p].c_str());
        out << cell;
    }
    out << '\n';
    for (size_t t = 0; t < n; ++t) {
        out << classNames[t] << std::string(nameWidth - classNames[t].size(), ' ');
        for (size_t p = 0; p < n; ++p) {
            std::snprintf(cell, sizeof cell, " %6lld", static_cast<long long>(confusion[t * n + p]));
            out << cell;
        }
        out << '\n';
    }
    return out.str();
}

} // namespace cifarlab
