#pragma once

#include "models/registry.h"

#include <string>

namespace cifarlab {

struct ExportReport
{
    int64_t entries = 0;
    int64_t parameters = 0;
    double widthScale = 1.0; // the width the checkpoint was trained at
    int64_t ensembleMembers = 1; // more than 1: an ensemble's weights ("members.<k>." keys)
};

// Reads a checkpoint (Python torch.save or ours), checks it fits `architecture` key by key, and
// writes its state_dict as a plain dict of tensors that Python's torch.load reads. widthScale 0 takes
// the width the checkpoint was trained at (see loadCheckpointNetwork).
ExportReport exportWeights(const std::string &architecture, const InputSpec &input, const std::string &checkpointPath,
                           const std::string &outPath, double widthScale = 0.0);

} // namespace cifarlab
