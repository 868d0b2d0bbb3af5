#include "core/checkpoint_network.h"

#include "core/error.h"
#include "core/python_checkpoint.h"
#include "core/state_dict.h"
#include "core/training_checkpoint.h"
#include "core/training_config.h"
#include "models/airbench.h"

#include <algorithm>
#include <filesystem>

namespace cifarlab {

namespace {

std::shared_ptr<Network> build(const std::string &architecture, const InputSpec &input, double widthScale, int64_t members,
                               int64_t depth)
{
    NetworkOptions options;
    options.widthScale = widthScale;
    options.ensembleMembers = members;
    options.blockDepth = depth;
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

// airbench96's groups have a third convolution ("block1.conv3.weight", in an ensemble under
// "members.<k>."); other architectures and airbench94's groups have two.
int64_t depthInStateDict(const std::string &architecture, const StateDict &sd)
{
    if (architecture != "airbench")
        return 2;
    static const std::string kKey = "block1.conv3.weight";
    for (const auto &[name, tensor] : sd.entries) {
        if (name.size() >= kKey.size() && name.compare(name.size() - kKey.size(), kKey.size(), kKey) == 0)
            return 3;
    }
    return 2;
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
std::shared_ptr<Network> buildInferred(const std::string &architecture, const InputSpec &input, double &widthScale, int64_t &members,
                                       int64_t &depth)
{
    if (widthScale != 1.0 || members != 1 || depth != 2) {
        try {
            return build(architecture, input, widthScale, members, depth);
        } catch (const Error &) {
            widthScale = 1.0;
            members = std::clamp<int64_t>(members, 1, kMaxEnsembleMembers);
            depth = std::clamp<int64_t>(depth, Airbench::kMinBlockDepth, Airbench::kMaxBlockDepth);
        }
    }
    try {
        return build(architecture, input, 1.0, members, depth);
    } catch (const Error &) {
        members = 1;
    }
    try {
        return build(architecture, input, 1.0, 1, depth);
    } catch (const Error &) {
        depth = 2;
    }
    return build(architecture, input, 1.0, 1, 2);
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
        result.blockDepth = same ? config.blockDepth : 2;
        if (widthScale > 0.0) {
            result.widthScale = widthScale;
            result.network = build(architecture, input, widthScale, result.ensembleMembers, result.blockDepth);
        } else {
            result.widthScale = same ? config.widthScale : 1.0;
            result.network = buildInferred(architecture, input, result.widthScale, result.ensembleMembers, result.blockDepth);
        }
        loadTrainingCheckpoint(checkpointPath, *result.network, nullptr);
        return result;
    }
    const StateDict sd = loadPythonStateDict(checkpointPath);
    result.ensembleMembers = membersInStateDict(sd);
    result.blockDepth = depthInStateDict(architecture, sd);
    if (widthScale > 0.0) {
        result.widthScale = widthScale;
        result.network = build(architecture, input, widthScale, result.ensembleMembers, result.blockDepth);
    } else {
        double baseWidth = 1.0;
        int64_t baseMembers = result.ensembleMembers;
        int64_t baseDepth = result.blockDepth;
        result.widthScale = widthFromStateDict(sd, *buildInferred(architecture, input, baseWidth, baseMembers, baseDepth));
        result.network = buildInferred(architecture, input, result.widthScale, result.ensembleMembers, result.blockDepth);
    }
    applyStateDict(*result.network, sd, /*strict=*/true);
    return result;
}

} // namespace cifarlab
