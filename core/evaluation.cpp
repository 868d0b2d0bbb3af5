#include "core/evaluation.h"

#include "core/checkpoint_network.h"
#include "core/error.h"
#include "core/preprocessing.h"
#include "core/split_evaluation.h"
#include "core/tensor_memory_cache.h"
#include "models/network.h"

#include <chrono>
#include <cstdio>
#include <sstream>

namespace cifarlab {


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
    requireTtaMode(options.tta); // before the network loads
    const CheckpointNetwork loaded = loadCheckpointNetwork(architecture, input, checkpointPath, options.widthScale);
    const std::shared_ptr<Network> &net = loaded.network;
    if (options.channelsLast)
        convertToChannelsLast(*net);

    configureThreads(options.threads);
    configureTensorMemoryCache();
    const Normalization normalization = normalizationFor(dataset, parsePreprocess(options.preprocess));
    SplitEvaluationOptions splitOptions;
    splitOptions.batchSize = options.batchSize;
    splitOptions.precision = resolvePrecision(options.precision);
    splitOptions.progress = options.progress;
    splitOptions.channelsLast = options.channelsLast;
    const auto started = std::chrono::steady_clock::now();
    SplitEvaluation e = evaluateSplit(
        *net,
        [&net, &options](const torch::Tensor &x) {
            return forwardWithTta([&net](const torch::Tensor &v) { return net->forward(v); }, x, options.tta, options.channelsLast);
        },
        test, numClasses, normalization, splitOptions);

    EvaluationResult result;
    result.widthScale = loaded.widthScale;
    result.ensembleMembers = loaded.ensembleMembers;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    result.count = e.count;
    result.correct = e.correct;
    result.accuracy = e.accuracy;
    result.loss = e.loss;
    result.perClassAccuracy = std::move(e.perClassAccuracy);
    result.confusion = std::move(e.confusion);
    result.predictions.assign(e.predictions.begin(), e.predictions.end());
    result.confidence = std::move(e.confidence);
    result.imageLoss = std::move(e.imageLoss);
    result.topK = e.topK;
    result.topClasses = std::move(e.topClasses);
    result.topProbabilities = std::move(e.topProbabilities);
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
