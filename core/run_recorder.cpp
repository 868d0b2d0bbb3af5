#include "core/run_recorder.h"

#include "core/experiment_store.h"

#include <QtGlobal>

#include <exception>

namespace cifarlab {

RunRecorder::RunRecorder(
    ExperimentStore &store, int64_t runId, int64_t numClasses, std::chrono::milliseconds flushInterval)
    : m_store(store)
    , m_runId(runId)
    , m_numClasses(numClasses)
    , m_flushInterval(flushInterval)
    , m_lastFlush(std::chrono::steady_clock::now())
{ }

RunRecorder::~RunRecorder()
{
    try {
        flush();
    } catch (const std::exception &e) {
        qWarning("run %lld: %zu batch metrics were not stored: %s", static_cast<long long>(m_runId),
            m_pending.size(), e.what());
    }
}

void RunRecorder::onBatch(const BatchMetrics &metrics)
{
    m_pending.push_back(metrics);
    if (std::chrono::steady_clock::now() - m_lastFlush >= m_flushInterval)
        flush();
}

void RunRecorder::onEpoch(const EpochMetrics &metrics)
{
    flush();
    m_store.recordEpoch(m_runId, metrics, m_numClasses);
}

void RunRecorder::flush()
{
    if (!m_pending.empty())
        m_store.appendBatchMetrics(m_runId, m_pending);
    m_pending.clear();
    m_lastFlush = std::chrono::steady_clock::now();
}

} // namespace cifarlab
