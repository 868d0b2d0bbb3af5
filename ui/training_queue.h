#pragma once

#include "core/training_metrics.h"

#include <QDialog>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QWidget>

#include <functional>
#include <map>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QToolButton;
class QTreeWidget;

namespace cifarlab {

enum class QueueJobState { Pending, Running, Completed, Failed, Stopped, Interrupted };

// One queued training run: everything needed to start it later, also after a restart.
struct QueuedJob
{
    QString id;           // stable across reordering and restarts
    QString name;         // run name; empty = automatic (architecture-id)
    QString architecture;
    QString preset;       // informative ("standard", or "custom")
    QString configJson;   // the full TrainingConfig (configToJson), data path included
    QueueJobState state = QueueJobState::Pending;
    qint64 runId = 0;     // once its run exists in the store
    QString message;      // why it failed, stopped or was interrupted

    QString label() const; // the run name, else "architecture · preset"
};

// The training queue: jobs run one after another through a starter the window provides (the same
// path as its Start button). Completed jobs leave the queue (the Runs dock keeps them); failed,
// stopped and interrupted ones stay until they are run again or removed. A user Stop/Cancel pauses
// the queue. Every change is written to QSettings (JSON) at once; a job that was running when the
// application quit comes back as Interrupted, to be resumed or started over.
class TrainingQueue : public QObject
{
    Q_OBJECT

public:
    // Starts the job's training; false with a one-line error when it cannot start.
    using Starter = std::function<bool(const QueuedJob &job, QString *error)>;
    // Continues an interrupted job's run from its checkpoint.
    using Resumer = std::function<bool(qint64 runId, QString *error)>;

    explicit TrainingQueue(const QString &settingsKey = QStringLiteral("queue"), QObject *parent = nullptr);

    void setStarter(Starter starter) { m_starter = std::move(starter); }
    void setResumer(Resumer resumer) { m_resumer = std::move(resumer); }
    // True while some run (the user's own) trains: the queue waits for it to finish.
    void setBusyCheck(std::function<bool()> busy) { m_busy = std::move(busy); }

    const QList<QueuedJob> &jobs() const { return m_jobs; }
    int count() const { return static_cast<int>(m_jobs.size()); }
    int pendingCount() const;
    int interruptedCount() const;
    int indexOf(const QString &id) const;

    QString add(QueuedJob job); // returns its id
    bool remove(int index);     // never the running job
    bool move(int index, int delta);
    bool runAgain(int index);   // a failed/stopped/interrupted job back to pending

    bool isRunning() const { return m_running; }
    void start();               // "Run queue"
    void pause();               // no new job starts; the current one trains on
    bool stopsAfterCurrent() const { return m_stopAfterCurrent; }
    void setStopAfterCurrent(bool stop);
    int currentIndex() const { return indexOf(m_currentId); }
    // Runs the queue finished since it was last started (for the compare view).
    QList<qint64> finishedRuns() const { return m_finishedRuns; }
    // Resumes an interrupted job's run, then carries on with the queue.
    bool resumeInterrupted(int index, QString *error = nullptr);

    // From the window: the training it started (or any other) reports here.
    void onRunCreated(qint64 runId);
    void onTrainingFinished(RunStatus status, qint64 runId, const QString &message);
    // The starter began something asynchronous (loading the job's dataset) that failed.
    void onStartFailed(const QString &message);
    // The application is quitting: a job stopped now is interrupted, not stopped by the user.
    void setShuttingDown(bool shuttingDown) { m_shuttingDown = shuttingDown; }

    void load();
    void save() const;
    QString settingsKey() const { return m_key; }
    static QString toJson(const QList<QueuedJob> &jobs);
    static QList<QueuedJob> fromJson(const QString &json);
    static QString stateName(QueueJobState state);

Q_SIGNALS:
    void changed();
    void jobStarted(const QString &jobId);
    void jobFinished(const QString &jobId, qint64 runId, cifarlab::RunStatus status);
    // No pending job is left; `runIds` are the runs it finished since it was started.
    void queueFinished(const QList<qint64> &runIds);
    void queuePaused(const QString &reason);

private:
    void advance();
    void scheduleAdvance();
    void commit(); // save + changed

    QString m_key;
    QList<QueuedJob> m_jobs;
    QString m_currentId;
    QList<qint64> m_finishedRuns;
    bool m_running = false;
    bool m_stopAfterCurrent = false;
    bool m_shuttingDown = false;
    bool m_advanceQueued = false;
    Starter m_starter;
    Resumer m_resumer;
    std::function<bool()> m_busy;
};

// The Queue dock: the jobs in order with their state, and the buttons to run, reorder and prune them.
class QueuePanel : public QWidget
{
    Q_OBJECT

public:
    explicit QueuePanel(TrainingQueue *queue, QWidget *parent = nullptr);

    QTreeWidget *view() const { return m_view; }
    int selectedIndex() const; // -1 when none

Q_SIGNALS:
    void addCurrentRequested();
    void addSeveralRequested();
    void errorOccurred(const QString &title, const QString &message);

private:
    void rebuild();
    void updateButtons();
    void moveSelected(int delta);
    void removeSelected();

    TrainingQueue *m_queue = nullptr;
    QTreeWidget *m_view = nullptr;
    QWidget *m_banner = nullptr;
    QLabel *m_bannerText = nullptr;
    QPushButton *m_resume = nullptr;
    QPushButton *m_startOver = nullptr;
    QToolButton *m_run = nullptr;
    QToolButton *m_stopAfter = nullptr;
    QToolButton *m_up = nullptr;
    QToolButton *m_down = nullptr;
    QToolButton *m_remove = nullptr;
    QToolButton *m_again = nullptr;
    QToolButton *m_add = nullptr;
    QLabel *m_summary = nullptr;
};

// "Add several to the queue": architectures x presets as a grid of checkboxes, one job per tick.
class QueueBatchDialog : public QDialog
{
    Q_OBJECT

public:
    // The current form counts as a preset column ("current recipe"), named by an empty string.
    explicit QueueBatchDialog(const QString &currentArchitecture, QWidget *parent = nullptr);

    // (architecture, preset) per ticked box, row by row; preset empty = the current recipe.
    QList<QPair<QString, QString>> selection() const;
    void setChecked(const QString &architecture, const QString &preset, bool checked);
    double epochs() const; // 0 = as the recipe says

private:
    void updateCount();

    std::map<std::pair<QString, QString>, QCheckBox *> m_boxes;
    QList<QPair<QString, QString>> m_order;
    QDoubleSpinBox *m_epochs = nullptr;
    QLabel *m_count = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace cifarlab
