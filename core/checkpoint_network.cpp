#include "core/checkpoint_network.h"

#include "core/error.h"
#include "core/python_checkpoint.h"
#include "core/state_dict.h"
#include "core/training_checkpoint.h"
#include "core/training_config.h"

#include <algorithm>
#include <filesystem>

namespace cifarlab {

namespace {

std::shared_ptr<Network> build(const std::string &architecture, const InputSpec &input, double widthScale, int64_t members)
{
    NetworkOptions options;
    options.widthScale = widthScale;
    options.ensembleMembers = members;
    try {
        return createNetwork(architecture, input, options);
    } catch (const std::invalid_argument &e) {
        throw Error(e.what());
    }
}

// An ensemble's keys are "members.<k>.<member's key>": the highest k + 1, or 1 for a single network.
int64_t membersInStateDict(const StateDict &sd)
{
    static const std::string kPrefix = "members.";
    int64_t members = 1;
    for (const auto &[name, tensor] : sd.entries) {
        if (name.compare(0, kPrefix.size(), kPrefix) != 0)
            continue;
        const size_t dot = name.find('.', kPrefix.size());
        const std::string index = name.substr(kPrefix.size(), dot == std::string::npos ? std::string::npos : dot - kPrefix.size());
        if (index.empty() || index.size() > 2 || index.find_first_not_of("0123456789") != std::string::npos)
            continue;
        members = std::max<int64_t>(members, std::stoll(index) + 1);
    }
    return std::min<int64_t>(members, kMaxEnsembleMembers);
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

// A width or member count this architecture cannot take falls back to 1: the load then names the
// mismatching keys, which says more than "fixed widths" would.
std::shared_ptr<Network> buildInferred(const std::string &architecture, const InputSpec &input, double &widthScale, int64_t &members)
{
    if (widthScale != 1.0 || members != 1) {
        try {
            return build(architecture, input, widthScale, members);
        } catch (const Error &) {
            widthScale = 1.0;
            members = std::clamp<int64_t>(members, 1, kMaxEnsembleMembers);
        }
    }
    try {
        return build(architecture, input, 1.0, members);
    } catch (const Error &) {
        members = 1;
    }
    return build(architecture, input, 1.0, 1);
}

} // namespace

CheckpointNetwork loadCheckpointNetwork(const std::string &architecture, const InputSpec &input,
                                        const std::string &checkpointPath, double widthScale)
{
    if (!std::filesystem::exists(checkpointPath))
        throw Error(checkpointPath + ": no such checkpoint");
    CheckpointNetwork result;
    if (isTrainingCheckpoint(checkpointPath)) {
        TrainingConfig config;
        try {
            config = configFromJson(readTrainingCheckpointConfig(checkpointPath));
        } catch (const Error &) {
            config = TrainingConfig {}; // an unreadable config: the weights' load says what is wrong
        }
        const bool same = config.architecture == architecture;
        result.ensembleMembers = same ? config.ensembleMembers : 1;
        if (widthScale > 0.0) {
            result.widthScale = widthScale;
            result.network = build(architecture, input, widthScale, result.ensembleMembers);
        } else {
            result.widthScale = same ? config.widthScale : 1.0;
            result.network = buildInferred(architecture, input, result.widthScale, result.ensembleMembers);
        }
        loadTrainingCheckpoint(checkpointPath, *result.network, nullptr);
        return result;
    }
    const StateDict sd = loadPythonStateDict(checkpointPath);
    result.ensembleMembers = membersInStateDict(sd);
    if (widthScale > 0.0) {
        result.widthScale = widthScale;
        result.network = build(architecture, input, widthScale, result.ensembleMembers);
    } else {
        double baseWidth = 1.0;
        int64_t baseMembers = result.ensembleMembers;
        result.widthScale = widthFromStateDict(sd, *buildInferred(architecture, input, baseWidth, baseMembers));
        result.network = buildInferred(architecture, input, result.widthScale, result.ensembleMembers);
    }
    applyStateDict(*result.network, sd, /*strict=*/true);
    return result;
}

} // namespace cifarlab
