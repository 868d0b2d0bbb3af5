#pragma once

// Core-internal (includes torch through models/network.h).
#include "models/network.h"

#include <memory>
#include <string>

namespace cifarlab {

struct CheckpointNetwork
{
    std::shared_ptr<Network> network;
    double widthScale = 1.0; // the width it was built at
    int64_t ensembleMembers = 1; // more than 1: an ensemble (models/ensemble.h) of that many
    int64_t blockDepth = 2; // airbench's convolutions per group
};

// Builds `architecture` for `input` at the width `checkpointPath` was trained at and loads its
// weights. widthScale > 0 asks for that width; 0 finds it, so that a run of the `best` preset (airbench
// 1.5x as wide) loads without the user knowing its width: a CifarLab training checkpoint records it
// in its config, and in a plain state_dict (Python's torch.save, export-weights) the filter counts
// show it. An ensemble's member count comes from the config or from its "members.<k>." keys, and
// airbench's convolutions per group from the config or from its "block1.conv3." keys. Throws Error with
// a one-line reason, listing every mismatching key.
CheckpointNetwork loadCheckpointNetwork(const std::string &architecture, const InputSpec &input,
                                        const std::string &checkpointPath, double widthScale = 0.0);

} // namespace cifarlab
