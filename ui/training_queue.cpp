#include "ui/training_queue.h"

#include "core/training_config.h"
#include "models/registry.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QSignalBlocker>
#include <QUuid>
#include <QVBoxLayout>

#include <algorithm>

namespace cifarlab {

namespace {

constexpr int kIndexRole = Qt::UserRole + 1;

const std::pair<QueueJobState, const char *> kStateNames[] = {
    {QueueJobState::Pending, "pending"},   {QueueJobState::Running, "running"}, {QueueJobState::Completed, "completed"},
    {QueueJobState::Failed, "failed"},     {QueueJobState::Stopped, "stopped"}, {QueueJobState::Interrupted, "interrupted"},
};

QueueJobState stateFromName(const QString &name)
{
    for (const auto &entry : kStateNames)
        if (name == QLatin1String(entry.second))
            return entry.first;
    return QueueJobState::Pending;
}

QString stateText(const QueuedJob &job)
{
    const QString run = job.runId > 0 ? QueuePanel::tr(" (run %1)").arg(job.runId) : QString();
    switch (job.state) {
    case QueueJobState::Pending: return QueuePanel::tr("waiting");
    case QueueJobState::Running: return QueuePanel::tr("training") + run;
    case QueueJobState::Completed: return QueuePanel::tr("done") + run;
    case QueueJobState::Failed: return QueuePanel::tr("failed") + run;
    case QueueJobState::Stopped: return QueuePanel::tr("stopped") + run;
    case QueueJobState::Interrupted: return QueuePanel::tr("interrupted") + run;
    }
    return {};
}

// Epochs and batch size for the list, read from the stored config (empty if it does not parse).
QString recipeText(const QueuedJob &job, QString *dataPath = nullptr)
{
    try {
        const TrainingConfig config = configFromJson(job.configJson.toStdString());
        if (dataPath)
            *dataPath = QString::fromStdString(config.dataPath);
        return config.epochs == 1.0 ? QueuePanel::tr("1 epoch, batch %1").arg(config.batchSize)
                                    : QueuePanel::tr("%1 epochs, batch %2").arg(config.epochs).arg(config.batchSize);
    } catch (const std::exception &) {
        return {};
    }
}

} // namespace

QString QueuedJob::label() const
{
    if (!name.isEmpty())
        return name;
    return preset.isEmpty() ? architecture : QStringLiteral("%1 · %2").arg(architecture, preset);
}

// ---------------------------------------------------------------------------------------------

TrainingQueue::TrainingQueue(const QString &settingsKey, QObject *parent)
    : QObject(parent)
    , m_key(settingsKey)
{
}

int TrainingQueue::pendingCount() const
{
    return static_cast<int>(std::count_if(m_jobs.begin(), m_jobs.end(),
                                          [](const QueuedJob &j) { return j.state == QueueJobState::Pending; }));
}

int TrainingQueue::interruptedCount() const
{
    return static_cast<int>(std::count_if(m_jobs.begin(), m_jobs.end(),
                                          [](const QueuedJob &j) { return j.state == QueueJobState::Interrupted; }));
}

int TrainingQueue::indexOf(const QString &id) const
{
    if (id.isEmpty())
        return -1;
    for (int i = 0; i < m_jobs.size(); ++i)
        if (m_jobs[i].id == id)
            return i;
    return -1;
}

QString TrainingQueue::add(QueuedJob job)
{
    if (job.id.isEmpty())
        job.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    job.state = QueueJobState::Pending;
    job.runId = 0;
    job.message.clear();
    m_jobs.append(job);
    commit();
    if (m_running)
        scheduleAdvance(); // a running queue that had just run dry picks the new job up
    return job.id;
}

bool TrainingQueue::remove(int index)
{
    if (index < 0 || index >= m_jobs.size() || m_jobs[index].id == m_currentId)
        return false;
    m_jobs.removeAt(index);
    commit();
    return true;
}

bool TrainingQueue::move(int index, int delta)
{
    const int target = index + delta;
    if (index < 0 || index >= m_jobs.size() || target < 0 || target >= m_jobs.size())
        return false;
    m_jobs.move(index, target);
    commit();
    return true;
}

bool TrainingQueue::runAgain(int index)
{
    if (index < 0 || index >= m_jobs.size() || m_jobs[index].id == m_currentId)
        return false;
    QueuedJob &job = m_jobs[index];
    if (job.state == QueueJobState::Pending || job.state == QueueJobState::Running)
        return false;
    job.state = QueueJobState::Pending;
    job.runId = 0;
    job.message.clear();
    commit();
    if (m_running)
        scheduleAdvance();
    return true;
}

void TrainingQueue::start()
{
    if (m_running)
        return;
    m_running = true;
    m_stopAfterCurrent = false;
    m_finishedRuns.clear();
    commit();
    scheduleAdvance();
}

void TrainingQueue::pause()
{
    if (!m_running)
        return;
    m_running = false;
    m_stopAfterCurrent = false;
    commit();
    Q_EMIT queuePaused(tr("The queue is paused."));
}

void TrainingQueue::setStopAfterCurrent(bool stop)
{
    if (m_stopAfterCurrent == stop)
        return;
    m_stopAfterCurrent = stop;
    commit();
}

bool TrainingQueue::resumeInterrupted(int index, QString *error)
{
    if (index < 0 || index >= m_jobs.size() || m_jobs[index].state != QueueJobState::Interrupted || !m_currentId.isEmpty()) {
        if (error)
            *error = tr("This job cannot be resumed now.");
        return false;
    }
    QueuedJob &job = m_jobs[index];
    m_running = true;
    m_stopAfterCurrent = false;
    m_finishedRuns.clear();
    if (job.runId <= 0 || !m_resumer) {
        // Its run was never created: start it from scratch.
        job.state = QueueJobState::Pending;
        job.message.clear();
        commit();
        scheduleAdvance();
        return true;
    }
    m_currentId = job.id;
    job.state = QueueJobState::Running;
    job.message.clear();
    commit();
    QString why;
    if (!m_resumer(job.runId, &why)) {
        const int i = indexOf(m_currentId);
        m_currentId.clear();
        if (i >= 0) {
            m_jobs[i].state = QueueJobState::Interrupted;
            m_jobs[i].message = why;
        }
        m_running = false;
        commit();
        if (error)
            *error = why;
        return false;
    }
    Q_EMIT jobStarted(job.id);
    return true;
}

void TrainingQueue::onRunCreated(qint64 runId)
{
    const int i = indexOf(m_currentId);
    if (i < 0)
        return;
    m_jobs[i].runId = runId;
    commit();
}

void TrainingQueue::onTrainingFinished(RunStatus status, qint64 runId, const QString &message)
{
    const int i = indexOf(m_currentId);
    if (i < 0) {
        // Someone else's run ended while the queue waited for it.
        if (m_running)
            scheduleAdvance();
        return;
    }
    QueuedJob &job = m_jobs[i];
    const QString id = job.id;
    m_currentId.clear();
    if (runId > 0)
        job.runId = runId;
    job.message = message;
    const bool userStop = status == RunStatus::Stopped || status == RunStatus::Cancelled;
    if (userStop && m_shuttingDown) {
        job.state = QueueJobState::Interrupted;
        job.message = tr("CifarLab quit while this job was training; its run kept a checkpoint to resume from.");
        commit();
        return;
    }
    if (job.runId > 0)
        m_finishedRuns << job.runId;
    if (status == RunStatus::Completed) {
        m_jobs.removeAt(i); // done: the Runs dock has it now
    } else {
        job.state = userStop ? QueueJobState::Stopped : QueueJobState::Failed;
    }
    QString pausedBecause;
    if (userStop)
        pausedBecause = tr("The queue paused because its run was stopped.");
    else if (m_stopAfterCurrent)
        pausedBecause = tr("The queue paused after the current run, as asked.");
    if (!pausedBecause.isEmpty()) {
        m_running = false;
        m_stopAfterCurrent = false;
    }
    commit();
    Q_EMIT jobFinished(id, runId, status);
    if (!pausedBecause.isEmpty())
        Q_EMIT queuePaused(pausedBecause);
    else if (m_running)
        scheduleAdvance();
}

void TrainingQueue::onStartFailed(const QString &message)
{
    const int i = indexOf(m_currentId);
    if (i < 0)
        return;
    m_currentId.clear();
    m_jobs[i].state = QueueJobState::Failed;
    m_jobs[i].message = message;
    commit();
    if (m_running)
        scheduleAdvance();
}

void TrainingQueue::scheduleAdvance()
{
    // Never from inside the finished handler chain: the window finishes its own bookkeeping first.
    if (m_advanceQueued)
        return;
    m_advanceQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_advanceQueued = false;
        advance();
    });
}

void TrainingQueue::advance()
{
    if (!m_running || !m_currentId.isEmpty() || m_shuttingDown)
        return;
    if (m_busy && m_busy())
        return; // onTrainingFinished of that run calls back here
    int next = -1;
    for (int i = 0; i < m_jobs.size() && next < 0; ++i)
        if (m_jobs[i].state == QueueJobState::Pending)
            next = i;
    if (next < 0) {
        m_running = false;
        m_stopAfterCurrent = false;
        commit();
        Q_EMIT queueFinished(m_finishedRuns);
        return;
    }
    QueuedJob &job = m_jobs[next];
    job.state = QueueJobState::Running;
    job.message.clear();
    job.runId = 0;
    m_currentId = job.id;
    commit();
    const QueuedJob copy = job; // the starter may change the queue (signals)
    QString error;
    if (!m_starter || !m_starter(copy, &error)) {
        onStartFailed(error.isEmpty() ? tr("The job could not be started.") : error);
        return;
    }
    Q_EMIT jobStarted(copy.id);
}

void TrainingQueue::commit()
{
    save();
    Q_EMIT changed();
}

void TrainingQueue::load()
{
    QSettings settings;
    m_jobs = fromJson(settings.value(m_key + QStringLiteral("/jobs")).toString());
    bool changedState = false;
    for (auto &job : m_jobs) {
        // It was training when the application ended (quit, crash or kill): offer to resume it.
        if (job.state == QueueJobState::Running) {
            job.state = QueueJobState::Interrupted;
            if (job.message.isEmpty())
                job.message = tr("CifarLab ended while this job was training.");
            changedState = true;
        }
    }
    m_currentId.clear();
    m_running = false;
    m_stopAfterCurrent = false;
    if (changedState)
        save();
    Q_EMIT changed();
}

void TrainingQueue::save() const
{
    QSettings settings;
    settings.setValue(m_key + QStringLiteral("/jobs"), toJson(m_jobs));
    settings.setValue(m_key + QStringLiteral("/running"), m_running);
}

QString TrainingQueue::stateName(QueueJobState state)
{
    for (const auto &entry : kStateNames)
        if (entry.first == state)
            return QLatin1String(entry.second);
    return {};
}

QString TrainingQueue::toJson(const QList<QueuedJob> &jobs)
{
    QJsonArray array;
    for (const auto &job : jobs) {
        QJsonObject o;
        o.insert(QStringLiteral("id"), job.id);
        o.insert(QStringLiteral("name"), job.name);
        o.insert(QStringLiteral("architecture"), job.architecture);
        o.insert(QStringLiteral("preset"), job.preset);
        // The config as an object (not a string in a string), so the settings file stays readable.
        o.insert(QStringLiteral("config"), QJsonDocument::fromJson(job.configJson.toUtf8()).object());
        o.insert(QStringLiteral("state"), stateName(job.state));
        if (job.runId > 0)
            o.insert(QStringLiteral("runId"), job.runId);
        if (!job.message.isEmpty())
            o.insert(QStringLiteral("message"), job.message);
        array.append(o);
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<QueuedJob> TrainingQueue::fromJson(const QString &json)
{
    QList<QueuedJob> jobs;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const auto &value : array) {
        const QJsonObject o = value.toObject();
        QueuedJob job;
        job.id = o.value(QStringLiteral("id")).toString();
        if (job.id.isEmpty())
            job.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        job.name = o.value(QStringLiteral("name")).toString();
        job.architecture = o.value(QStringLiteral("architecture")).toString();
        job.preset = o.value(QStringLiteral("preset")).toString();
        job.configJson = QString::fromUtf8(QJsonDocument(o.value(QStringLiteral("config")).toObject()).toJson(QJsonDocument::Compact));
        job.state = stateFromName(o.value(QStringLiteral("state")).toString());
        job.runId = static_cast<qint64>(o.value(QStringLiteral("runId")).toDouble());
        job.message = o.value(QStringLiteral("message")).toString();
        jobs.append(job);
    }
    return jobs;
}

// ---------------------------------------------------------------------------------------------

QueuePanel::QueuePanel(TrainingQueue *queue, QWidget *parent)
    : QWidget(parent)
    , m_queue(queue)
{
    setObjectName(QStringLiteral("queuePanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);

    auto tool = [this](const QString &text, const QString &tip, QStyle::StandardPixmap icon, const char *name) {
        auto *b = new QToolButton;
        b->setText(text);
        b->setToolTip(tip);
        b->setAccessibleName(QString(text).remove(QLatin1Char('&')));
        b->setObjectName(QLatin1String(name));
        if (icon != QStyle::SP_CustomBase)
            b->setIcon(style()->standardIcon(icon));
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setAutoRaise(true);
        return b;
    };
    m_run = tool(tr("Run Queue"), tr("Train the waiting jobs one after another"), QStyle::SP_MediaPlay, "runQueueButton");
    m_stopAfter = tool(tr("Stop After Current"), tr("Let the current run finish, then pause the queue"),
                       QStyle::SP_MediaStop, "stopAfterCurrentButton");
    m_stopAfter->setCheckable(true);
    m_up = tool(tr("Up"), tr("Move the selected job up (Ctrl+Up)"), QStyle::SP_ArrowUp, "queueUpButton");
    m_down = tool(tr("Down"), tr("Move the selected job down (Ctrl+Down)"), QStyle::SP_ArrowDown, "queueDownButton");
    m_up->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_down->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_remove = tool(tr("Remove"), tr("Remove the selected job (Delete)"), QStyle::SP_DialogDiscardButton, "queueRemoveButton");
    m_remove->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_again = tool(tr("Run Again"), tr("Put a failed, stopped or interrupted job back in the queue"),
                   QStyle::SP_BrowserReload, "queueAgainButton");
    m_again->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_add = tool(tr("Add"), tr("Add the current recipe, or several architectures and presets at once"),
                 QStyle::SP_CustomBase, "queueAddButton");
    m_add->setPopupMode(QToolButton::MenuButtonPopup);
    m_add->addAction(tr("Add Current Recipe"), this, &QueuePanel::addCurrentRequested);
    m_add->addAction(tr("Add Several..."), this, &QueuePanel::addSeveralRequested);
    connect(m_add, &QToolButton::clicked, this, &QueuePanel::addCurrentRequested);

    auto *bar = new QHBoxLayout;
    bar->setSpacing(2);
    bar->addWidget(m_run);
    bar->addWidget(m_stopAfter);
    bar->addSpacing(8);
    bar->addWidget(m_up);
    bar->addWidget(m_down);
    bar->addWidget(m_again);
    bar->addWidget(m_remove);
    bar->addSpacing(8);
    // The state in a few words beside the buttons: the dock is short, every line counts.
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("queueSummary"));
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QPalette dim = m_summary->palette();
    dim.setColor(QPalette::WindowText, dim.color(QPalette::PlaceholderText));
    m_summary->setPalette(dim);
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_add);
    layout->addLayout(bar);

    m_banner = new QWidget;
    m_banner->setObjectName(QStringLiteral("queueInterruptedBanner"));
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(0, 0, 0, 0);
    m_bannerText = new QLabel;
    m_bannerText->setWordWrap(true);
    m_resume = new QPushButton(tr("Resume"));
    m_resume->setObjectName(QStringLiteral("queueResumeButton"));
    m_resume->setToolTip(tr("Continue the interrupted run from its checkpoint, then the rest of the queue"));
    m_startOver = new QPushButton(tr("Start Over"));
    m_startOver->setToolTip(tr("Train the interrupted job again from the beginning"));
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_resume);
    bannerLayout->addWidget(m_startOver);
    layout->addWidget(m_banner);

    m_view = new QTreeWidget;
    m_view->setObjectName(QStringLiteral("queueView"));
    m_view->setAccessibleName(tr("Training queue"));
    m_view->setRootIsDecorated(false);
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(true);
    m_view->setColumnCount(4);
    m_view->setHeaderLabels({tr("Job"), tr("Status"), tr("Recipe"), tr("Dataset")});
    m_view->header()->setStretchLastSection(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    layout->addWidget(m_view, 1);

    auto *upAction = new QAction(this);
    upAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Up));
    upAction->setShortcutContext(Qt::WidgetShortcut);
    connect(upAction, &QAction::triggered, this, [this] { moveSelected(-1); });
    auto *downAction = new QAction(this);
    downAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Down));
    downAction->setShortcutContext(Qt::WidgetShortcut);
    connect(downAction, &QAction::triggered, this, [this] { moveSelected(1); });
    auto *deleteAction = new QAction(this);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    connect(deleteAction, &QAction::triggered, this, &QueuePanel::removeSelected);
    m_view->addActions({upAction, downAction, deleteAction});

    connect(m_run, &QToolButton::clicked, this, [this] {
        if (m_queue->isRunning())
            m_queue->pause();
        else
            m_queue->start();
    });
    connect(m_stopAfter, &QToolButton::toggled, this, [this](bool on) { m_queue->setStopAfterCurrent(on); });
    connect(m_up, &QToolButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveSelected(1); });
    connect(m_remove, &QToolButton::clicked, this, &QueuePanel::removeSelected);
    connect(m_again, &QToolButton::clicked, this, [this] { m_queue->runAgain(selectedIndex()); });
    connect(m_resume, &QPushButton::clicked, this, [this] {
        for (int i = 0; i < m_queue->count(); ++i) {
            if (m_queue->jobs()[i].state == QueueJobState::Interrupted) {
                QString error;
                if (!m_queue->resumeInterrupted(i, &error))
                    Q_EMIT errorOccurred(tr("Cannot resume the job"), error);
                return;
            }
        }
    });
    connect(m_startOver, &QPushButton::clicked, this, [this] {
        for (int i = 0; i < m_queue->count(); ++i)
            if (m_queue->jobs()[i].state == QueueJobState::Interrupted)
                m_queue->runAgain(i);
    });
    connect(m_view, &QTreeWidget::itemSelectionChanged, this, &QueuePanel::updateButtons);
    connect(m_queue, &TrainingQueue::changed, this, &QueuePanel::rebuild);
    rebuild();
}

int QueuePanel::selectedIndex() const
{
    const auto items = m_view->selectedItems();
    return items.isEmpty() ? -1 : items.first()->data(0, kIndexRole).toInt();
}

void QueuePanel::rebuild()
{
    const int selected = selectedIndex();
    const QString selectedId = selected >= 0 && selected < m_queue->count() ? m_queue->jobs()[selected].id : QString();
    m_view->clear();
    const QPalette &pal = palette();
    for (int i = 0; i < m_queue->count(); ++i) {
        const QueuedJob &job = m_queue->jobs()[i];
        QString dataPath;
        const QString recipe = recipeText(job, &dataPath);
        auto *item = new QTreeWidgetItem({QStringLiteral("%1. %2").arg(i + 1).arg(job.label()), stateText(job), recipe,
                                          dataPath.section(QLatin1Char('/'), -1)});
        item->setData(0, kIndexRole, i);
        item->setToolTip(0, tr("%1 with the %2 recipe").arg(job.architecture, job.preset));
        item->setToolTip(1, job.message.isEmpty() ? stateText(job) : job.message);
        item->setToolTip(2, recipe);
        item->setToolTip(3, dataPath);
        if (job.state == QueueJobState::Running) {
            QFont bold = item->font(0);
            bold.setBold(true);
            for (int c = 0; c < 4; ++c)
                item->setFont(c, bold);
        } else if (job.state == QueueJobState::Failed || job.state == QueueJobState::Interrupted) {
            item->setForeground(1, QColor(200, 40, 40));
        } else if (job.state == QueueJobState::Stopped) {
            item->setForeground(1, pal.color(QPalette::PlaceholderText));
        }
        m_view->addTopLevelItem(item);
        if (job.id == selectedId)
            item->setSelected(true);
    }
    for (int c = 0; c < 3; ++c)
        m_view->resizeColumnToContents(c);
    m_view->setColumnWidth(0, std::min(m_view->columnWidth(0), 240));

    const int interrupted = m_queue->interruptedCount();
    m_banner->setVisible(interrupted > 0);
    if (interrupted > 0) {
        QString label;
        for (const auto &job : m_queue->jobs())
            if (job.state == QueueJobState::Interrupted && label.isEmpty())
                label = job.runId > 0 ? tr("%1 (run %2)").arg(job.label()).arg(job.runId) : job.label();
        m_bannerText->setText(tr("%1 was interrupted when CifarLab quit.").arg(label));
    }
    const int pending = m_queue->pendingCount();
    if (m_queue->count() == 0) {
        m_summary->setText(tr("empty"));
        m_summary->setToolTip(tr("Use \"Add to Queue\" next to Start, or Add here, to queue training runs."));
    } else if (m_queue->isRunning()) {
        m_summary->setText(pending == 1 ? tr("running, 1 waits") : tr("running, %1 wait").arg(pending));
        m_summary->setToolTip(tr("The jobs train one after another; the queue pauses when you stop a run."));
    } else {
        m_summary->setText(pending == 1 ? tr("paused, 1 waits") : tr("paused, %1 wait").arg(pending));
        m_summary->setToolTip(tr("Click Run Queue to train the waiting jobs one after another."));
    }
    updateButtons();
}

void QueuePanel::updateButtons()
{
    const int index = selectedIndex();
    const bool valid = index >= 0 && index < m_queue->count();
    const bool running = m_queue->isRunning();
    const bool current = valid && index == m_queue->currentIndex();
    m_run->setText(running ? tr("Pause Queue") : tr("Run Queue"));
    m_run->setIcon(style()->standardIcon(running ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_run->setToolTip(running ? tr("Start no further job; the current run trains on")
                              : tr("Train the waiting jobs one after another"));
    m_run->setEnabled(running || m_queue->pendingCount() > 0);
    m_stopAfter->setEnabled(running);
    {
        const QSignalBlocker blocker(m_stopAfter);
        m_stopAfter->setChecked(m_queue->stopsAfterCurrent());
    }
    m_up->setEnabled(valid && index > 0);
    m_down->setEnabled(valid && index + 1 < m_queue->count());
    m_remove->setEnabled(valid && !current);
    const QueueJobState state = valid ? m_queue->jobs()[index].state : QueueJobState::Pending;
    m_again->setEnabled(valid && !current && state != QueueJobState::Pending && state != QueueJobState::Running);
    const bool idle = m_queue->currentIndex() < 0;
    m_resume->setEnabled(idle);
    m_startOver->setEnabled(idle);
}

void QueuePanel::moveSelected(int delta)
{
    const int index = selectedIndex();
    if (index < 0)
        return;
    const QString id = m_queue->jobs()[index].id;
    if (!m_queue->move(index, delta))
        return;
    const int now = m_queue->indexOf(id);
    if (QTreeWidgetItem *item = m_view->topLevelItem(now)) {
        m_view->setCurrentItem(item);
        item->setSelected(true);
    }
}

void QueuePanel::removeSelected()
{
    const int index = selectedIndex();
    if (index >= 0 && !m_queue->remove(index))
        Q_EMIT errorOccurred(tr("Cannot remove the job"), tr("The job is training; stop it first."));
}

// ---------------------------------------------------------------------------------------------

QueueBatchDialog::QueueBatchDialog(const QString &currentArchitecture, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Add Several to the Queue"));
    setObjectName(QStringLiteral("queueBatchDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Tick the architecture and recipe pairs to train; each becomes one job, on the dataset "
                                "that is open now. \"Current recipe\" is the form on the left."));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    QStringList presets = {QString()};
    for (const auto &p : presetNames())
        presets << QString::fromStdString(p);
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(16);
    for (int c = 0; c < presets.size(); ++c) {
        auto *header = new QLabel(presets[c].isEmpty() ? tr("Current recipe") : presets[c]);
        QFont bold = header->font();
        bold.setBold(true);
        header->setFont(bold);
        grid->addWidget(header, 0, c + 1, Qt::AlignHCenter);
    }
    int row = 1;
    for (const auto &a : listArchitectures()) {
        const QString arch = QString::fromStdString(a.name);
        auto *name = new QLabel(QString::fromStdString(a.displayName));
        name->setToolTip(QString::fromStdString(a.description));
        grid->addWidget(name, row, 0);
        for (int c = 0; c < presets.size(); ++c) {
            auto *box = new QCheckBox;
            const QString presetName = presets[c].isEmpty() ? tr("current recipe") : presets[c];
            box->setAccessibleName(tr("%1 with %2").arg(QString::fromStdString(a.displayName), presetName));
            box->setToolTip(box->accessibleName());
            box->setChecked(arch == currentArchitecture && presets[c].isEmpty());
            connect(box, &QCheckBox::toggled, this, &QueueBatchDialog::updateCount);
            grid->addWidget(box, row, c + 1, Qt::AlignHCenter);
            m_boxes[{arch, presets[c]}] = box;
            m_order.append({arch, presets[c]});
        }
        ++row;
    }
    layout->addLayout(grid);

    auto *form = new QFormLayout;
    m_epochs = new QDoubleSpinBox;
    m_epochs->setRange(0.0, 10000.0);
    m_epochs->setDecimals(2);
    m_epochs->setSpecialValueText(tr("as the recipe says"));
    m_epochs->setToolTip(tr("Train every job for this many epochs instead of its recipe's (0 = the recipe's)"));
    form->addRow(tr("&Epochs:"), m_epochs);
    layout->addLayout(form);

    m_count = new QLabel;
    layout->addWidget(m_count);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    updateCount();
}

QList<QPair<QString, QString>> QueueBatchDialog::selection() const
{
    QList<QPair<QString, QString>> chosen;
    for (const auto &key : m_order)
        if (m_boxes.at({key.first, key.second})->isChecked())
            chosen.append(key);
    return chosen;
}

void QueueBatchDialog::setChecked(const QString &architecture, const QString &preset, bool checked)
{
    const auto it = m_boxes.find({architecture, preset});
    if (it != m_boxes.end())
        it->second->setChecked(checked);
}

double QueueBatchDialog::epochs() const
{
    return m_epochs->value();
}

void QueueBatchDialog::updateCount()
{
    const int n = static_cast<int>(selection().size());
    m_count->setText(n == 1 ? tr("1 job will be added.") : tr("%1 jobs will be added.").arg(n));
    m_ok->setEnabled(n > 0);
    m_ok->setText(n == 1 ? tr("Add 1 Job") : tr("Add %1 Jobs").arg(n));
}

} // namespace cifarlab
