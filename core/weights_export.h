#pragma once

#include "models/registry.h"

#include <string>

namespace cifarlab {

struct ExportReport
{
    int64_t entries = 0;
    int64_t parameters = 0;
};

// Reads a checkpoint (Python torch.save or ours), checks it fits `architecture` key by key, and
// writes its state_dict as a plain dict of tensors that Python's torch.load reads.
ExportReport exportWeights(const std::string &architecture, const InputSpec &input, const std::string &checkpointPath,
                           const std::string &outPath);

} // namespace cifarlab
