#include "core/checkpoint_network.h"

#include "core/error.h"
#include "core/python_checkpoint.h"
#include "core/state_dict.h"
#include "core/training_checkpoint.h"
#include "core/training_config.h"

#include <filesystem>

namespace cifarlab {

namespace {

std::shared_ptr<Network> build(const std::string &architecture, const InputSpec &input, double widthScale)
{
    NetworkOptions options;
    options.widthScale = widthScale;
    try {
        return createNetwork(architecture, input, options);
    } catch (const std::invalid_argument &e) {
        throw Error(e.what());
    }
}

// The ratio of the checkpoint's filter count to the width-1 model's, taken from the widest layer
// that differs so that rounding of the narrow ones cannot skew it. 1.0 when nothing differs.
double widthFromStateDict(const StateDict &sd, const Network &base)
{
    double width = 1.0;
    int64_t widest = 0;
    for (const auto &[name, tensor] : moduleStateDict(base).entries) {
        const torch::Tensor *stored = sd.find(name);
        if (!stored || stored->dim() == 0 || tensor.dim() == 0 || stored->size(0) == tensor.size(0))
            continue;
        if (tensor.size(0) > widest) {
            widest = tensor.size(0);
            width = static_cast<double>(stored->size(0)) / static_cast<double>(tensor.size(0));
        }
    }
    return width;
}

// A width this architecture cannot take falls back to 1.0: the load then names the mismatching keys,
// which says more than "fixed widths" would.
std::shared_ptr<Network> buildInferred(const std::string &architecture, const InputSpec &input, double &widthScale)
{
    if (widthScale != 1.0) {
        try {
            return build(architecture, input, widthScale);
        } catch (const Error &) {
            widthScale = 1.0;
        }
    }
    return build(architecture, input, 1.0);
}

} // namespace

CheckpointNetwork loadCheckpointNetwork(const std::string &architecture, const InputSpec &input,
                                        const std::string &checkpointPath, double widthScale)
{
    if (!std::filesystem::exists(checkpointPath))
        throw Error(checkpointPath + ": no such checkpoint");
    CheckpointNetwork result;
    if (widthScale > 0.0) {
        result.widthScale = widthScale;
        result.network = build(architecture, input, widthScale);
        loadCheckpointWeights(checkpointPath, *result.network);
        return result;
    }
    if (isTrainingCheckpoint(checkpointPath)) {
        TrainingConfig config;
        try {
            config = configFromJson(readTrainingCheckpointConfig(checkpointPath));
        } catch (const Error &) {
            config.widthScale = 1.0; // an unreadable config: the weights' load says what is wrong
        }
        result.widthScale = config.architecture == architecture ? config.widthScale : 1.0;
        result.network = buildInferred(architecture, input, result.widthScale);
        loadTrainingCheckpoint(checkpointPath, *result.network, nullptr);
        return result;
    }
    const StateDict sd = loadPythonStateDict(checkpointPath);
    result.widthScale = widthFromStateDict(sd, *build(architecture, input, 1.0));
    result.network = buildInferred(architecture, input, result.widthScale);
    applyStateDict(*result.network, sd, /*strict=*/true);
    return result;
}

} // namespace cifarlab
