#pragma once

#include "core/trainer.h"

#include <mutex>
#include <vector>

namespace cifarlab::test {

// Everything a Trainer reported, collected from its callbacks (which run on the training thread).
struct RecordedRun
{
    std::mutex mutex;
    std::vector<BatchMetrics> batches;
    std::vector<EpochMetrics> epochs;
    std::vector<RunStatus> statuses;
};

inline TrainerCallbacks recordInto(RecordedRun &r)
{
    TrainerCallbacks cb;
    cb.onBatch = [&r](const BatchMetrics &m) {
        std::lock_guard<std::mutex> lock(r.mutex);
        r.batches.push_back(m);
    };
    cb.onEpoch = [&r](const EpochMetrics &m) {
        std::lock_guard<std::mutex> lock(r.mutex);
        r.epochs.push_back(m);
    };
    cb.onStatus = [&r](RunStatus s, const std::string &) {
        std::lock_guard<std::mutex> lock(r.mutex);
        r.statuses.push_back(s);
    };
    return cb;
}

} // namespace cifarlab::test
