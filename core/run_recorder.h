#pragma once

#include "core/training_metrics.h"

#include <chrono>
#include <cstdint>
#include <vector>

namespace cifarlab {

class ExperimentStore;

// Sits between the training engine's callbacks and the store. Batch metrics are buffered and
// written at most once per flush interval (checked on each onBatch) and always before an epoch
// is recorded, so a crash loses at most the last interval of batch metrics and nothing of a
// finished epoch. Must be used from the store's thread; the store must outlive the recorder.
class RunRecorder
{
public:
    RunRecorder(ExperimentStore &store, int64_t runId, int64_t numClasses,
        std::chrono::milliseconds flushInterval = std::chrono::milliseconds(1000));
    // Flushes; a failure at that point is logged (a destructor cannot throw).
    ~RunRecorder();
    RunRecorder(const RunRecorder &) = delete;
    RunRecorder &operator=(const RunRecorder &) = delete;

    void onBatch(const BatchMetrics &metrics);
    // Flushes pending batches, then records the epoch (with its details) in one transaction.
    void onEpoch(const EpochMetrics &metrics);
    // Writes pending batch metrics now. On failure they stay buffered and the Error propagates.
    void flush();

    int64_t runId() const { return m_runId; }
    size_t pendingBatches() const { return m_pending.size(); }

private:
    ExperimentStore &m_store;
    int64_t m_runId;
    int64_t m_numClasses;
    std::chrono::milliseconds m_flushInterval;
    std::chrono::steady_clock::time_point m_lastFlush;
    std::vector<BatchMetrics> m_pending;
};

} // namespace cifarlab
