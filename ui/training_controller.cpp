#include "ui/training_controller.h"

#include "core/error.h"
#include "core/training_session.h"

#include <QMetaObject>
#include <QThread>

namespace cifarlab {

void registerMetaTypes()
{
    qRegisterMetaType<BatchMetrics>();
    qRegisterMetaType<EpochMetrics>();
    qRegisterMetaType<RunStatus>();
    qRegisterMetaType<TrainingOutcome>();
    qRegisterMetaType<std::vector<BatchMetrics>>();
}

TrainingController::TrainingController(const QString &storeFolder, QObject *parent)
    : QObject(parent)
    , m_storeFolder(storeFolder)
{
    registerMetaTypes();
}

TrainingController::~TrainingController()
{
    if (m_thread) {
        stop();
        m_thread->wait();
        delete m_thread;
    }
}

bool TrainingController::isRunning() const
{
    return m_thread != nullptr && !m_thread->isFinished();
}

template <typename Work>
bool TrainingController::launch(Work work)
{
    if (isRunning())
        return false;
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    m_paused = false;
    m_runId = 0;
    {
        std::lock_guard<std::mutex> lock(m_bufferMutex);
        m_pendingBatches.clear();
        m_deliveryQueued = false;
    }
    auto session = std::make_shared<TrainingSession>(m_storeFolder.toStdString());
    m_session = session;

    SessionCallbacks callbacks;
    callbacks.onRunCreated = [this](int64_t id) {
        m_runId = id;
        Q_EMIT runCreated(id);
    };
    callbacks.onLog = [this](const std::string &message) { Q_EMIT logMessage(QString::fromStdString(message)); };
    callbacks.trainer.onBatch = [this](const BatchMetrics &m) {
        bool post = false;
        {
            std::lock_guard<std::mutex> lock(m_bufferMutex);
            m_pendingBatches.push_back(m);
            post = !m_deliveryQueued;
            m_deliveryQueued = true;
        }
        if (post)
            QMetaObject::invokeMethod(this, [this] { deliverBatches(); }, Qt::QueuedConnection);
    };
    callbacks.trainer.onEpoch = [this](const EpochMetrics &m) {
        // Batches of this epoch reach the GUI before the epoch itself.
        QMetaObject::invokeMethod(this, [this] { deliverBatches(); }, Qt::QueuedConnection);
        Q_EMIT epochArrived(m);
    };
    callbacks.trainer.onStatus = [this](RunStatus status, const std::string &message) {
        m_paused = status == RunStatus::Paused;
        Q_EMIT statusChanged(status, QString::fromStdString(message));
    };

    m_thread = QThread::create([this, session, callbacks, work] {
        TrainingOutcome outcome;
        try {
            const SessionResult result = work(*session, callbacks);
            outcome.runId = result.runId;
            outcome.status = result.training.status;
            outcome.message = QString::fromStdString(result.training.message);
            outcome.finalTestAccuracy = result.training.finalTestAccuracy;
            outcome.bestTestAccuracy = result.training.bestTestAccuracy;
            outcome.seconds = result.training.seconds;
            outcome.imagesPerSecond = result.training.imagesPerSecond;
        } catch (const std::exception &e) {
            outcome.runId = m_runId.load();
            outcome.status = RunStatus::Failed;
            outcome.message = QString::fromStdString(e.what());
        }
        m_paused = false;
        m_outcome = outcome; // read by the GUI thread only after joining this one
    });
    // `finished` goes out once the thread has ended, so whoever hears it sees isRunning() false and
    // may start the next run or close the window at once. QThread::finished comes from the ending
    // thread itself, just before it ends: the queued handler joins it (a moment at most).
    QThread *thread = m_thread;
    connect(
        thread, &QThread::finished, this,
        [this, thread] {
            if (thread != m_thread)
                return;
            thread->wait();
            deliverBatches();
            Q_EMIT finished(m_outcome);
        },
        Qt::QueuedConnection);
    m_thread->setObjectName(QStringLiteral("cifarlab-training"));
    m_thread->start();
    return true;
}

bool TrainingController::start(const TrainingConfig &config, const QString &runName)
{
    const std::string name = runName.toStdString();
    return launch([config, name](TrainingSession &session, const SessionCallbacks &callbacks) {
        return session.train(config, name, callbacks);
    });
}

bool TrainingController::resumeRun(const QString &idOrName, double newEpochs)
{
    const std::string run = idOrName.toStdString();
    return launch([run, newEpochs](TrainingSession &session, const SessionCallbacks &callbacks) {
        return session.resume(run, callbacks, newEpochs);
    });
}

void TrainingController::deliverBatches()
{
    std::vector<BatchMetrics> batches;
    {
        std::lock_guard<std::mutex> lock(m_bufferMutex);
        batches.swap(m_pendingBatches);
        m_deliveryQueued = false;
    }
    if (!batches.empty())
        Q_EMIT batchesArrived(batches);
}

void TrainingController::pause()
{
    if (isRunning() && m_session)
        m_session->pause();
}

void TrainingController::resume()
{
    if (isRunning() && m_session)
        m_session->resumeTraining();
}

void TrainingController::stop()
{
    if (isRunning() && m_session)
        m_session->stop();
}

void TrainingController::cancel()
{
    if (isRunning() && m_session)
        m_session->cancel();
}

bool TrainingController::wait(int msecs)
{
    return !m_thread || m_thread->wait(QDeadlineTimer(msecs));
}

} // namespace cifarlab
