#include "core/weights_export.h"

#include "core/checkpoint_network.h"
#include "core/python_checkpoint.h"
#include "core/state_dict.h"
#include "models/network.h"

namespace cifarlab {

ExportReport exportWeights(const std::string &architecture, const InputSpec &input, const std::string &checkpointPath,
                           const std::string &outPath, double widthScale)
{
    const CheckpointNetwork loaded = loadCheckpointNetwork(architecture, input, checkpointPath, widthScale);
    const std::shared_ptr<Network> &net = loaded.network;
    savePythonStateDict(outPath, *net);
    ExportReport report;
    report.widthScale = loaded.widthScale;
    report.ensembleMembers = loaded.ensembleMembers;
    for (const auto &p : net->parameters()) {
        report.parameters += p.numel();
    }
    report.entries = static_cast<int64_t>(moduleStateDict(*net).entries.size());
    return report;
}

} // namespace cifarlab
