#include "core/weights_export.h"

#include "core/error.h"
#include "core/python_checkpoint.h"
#include "core/training_checkpoint.h"
#include "core/state_dict.h"
#include "models/network.h"

namespace cifarlab {

ExportReport exportWeights(const std::string &architecture, const InputSpec &input, const std::string &checkpointPath,
                           const std::string &outPath)
{
    std::shared_ptr<Network> net;
    try {
        net = createNetwork(architecture, input);
    } catch (const std::invalid_argument &e) {
        throw Error(e.what());
    }
    loadCheckpointWeights(checkpointPath, *net);
    savePythonStateDict(outPath, *net);
    ExportReport report;
    for (const auto &p : net->parameters()) {
        report.parameters += p.numel();
    }
    report.entries = static_cast<int64_t>(moduleStateDict(*net).entries.size());
    return report;
}

} // namespace cifarlab
