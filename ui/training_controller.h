#pragma once

#include "core/training_config.h"
#include "core/training_metrics.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

class QThread;

namespace cifarlab {

class TrainingSession;

// What a finished (or failed) run reports back to the window.
struct TrainingOutcome
{
    qint64 runId = 0;
    RunStatus status = RunStatus::Failed;
    QString message;
    double finalTestAccuracy = 0.0;
    double bestTestAccuracy = 0.0;
    double seconds = 0.0;
    double imagesPerSecond = 0.0;
};

// Drives one TrainingSession on a worker thread. The worker never waits for the GUI: batch metrics
// are buffered and handed over in bunches (at most one pending delivery at a time), epochs and status
// changes arrive as queued signals that carry plain structs.
class TrainingController : public QObject
{
    Q_OBJECT

public:
    explicit TrainingController(const QString &storeFolder, QObject *parent = nullptr);
    ~TrainingController() override; // stops a running session (with a checkpoint) and waits for it

    QString storeFolder() const { return m_storeFolder; }
    bool isRunning() const;
    bool isPaused() const { return m_paused.load(); }
    qint64 currentRun() const { return m_runId.load(); }

    // Both return false (and do nothing) while a run is active.
    bool start(const TrainingConfig &config, const QString &runName);
    bool resumeRun(const QString &idOrName, double newEpochs = 0.0);

    void pause();
    void resume();
    void stop();
    void cancel();
    // Blocks the caller until the worker has finished (true) or `msecs` passed (false).
    bool wait(int msecs);

Q_SIGNALS:
    void runCreated(qint64 runId);
    void batchesArrived(const std::vector<cifarlab::BatchMetrics> &batches);
    void epochArrived(const cifarlab::EpochMetrics &epoch);
    void statusChanged(cifarlab::RunStatus status, const QString &message);
    void logMessage(const QString &message);
    void finished(const cifarlab::TrainingOutcome &outcome);

private:
    template <typename Work>
    bool launch(Work work);
    void deliverBatches();

    QString m_storeFolder;
    QThread *m_thread = nullptr;
    std::shared_ptr<TrainingSession> m_session;
    std::atomic<bool> m_paused {false};
    std::atomic<qint64> m_runId {0};
    std::mutex m_bufferMutex;
    std::vector<BatchMetrics> m_pendingBatches;
    bool m_deliveryQueued = false;
    TrainingOutcome m_outcome; // written by the worker as its last act
};

void registerMetaTypes();

} // namespace cifarlab

Q_DECLARE_METATYPE(cifarlab::BatchMetrics)
Q_DECLARE_METATYPE(cifarlab::EpochMetrics)
Q_DECLARE_METATYPE(cifarlab::RunStatus)
Q_DECLARE_METATYPE(cifarlab::TrainingOutcome)
Q_DECLARE_METATYPE(std::vector<cifarlab::BatchMetrics>)
