#include "ui/runs_panel.h"

#include "core/experiment_store.h"

#include <QAction>
#include <QDateTime>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace cifarlab {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kSortRole = Qt::UserRole + 2;
constexpr int kRefreshMs = 2000;

QString duration(double seconds)
{
    const auto s = static_cast<qint64>(seconds + 0.5);
    if (s < 60)
        return QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString statusText(RunStatus status)
{
    switch (status) {
    case RunStatus::Created: return RunsPanel::tr("created");
    case RunStatus::Running: return RunsPanel::tr("running");
    case RunStatus::Paused: return RunsPanel::tr("paused");
    case RunStatus::Completed: return RunsPanel::tr("completed");
    case RunStatus::Stopped: return RunsPanel::tr("stopped");
    case RunStatus::Cancelled: return RunsPanel::tr("cancelled");
    case RunStatus::Diverged: return RunsPanel::tr("diverged");
    case RunStatus::Failed: return RunsPanel::tr("failed");
    }
    return {};
}

QStandardItem *cell(const QString &text, const QVariant &sortKey, Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    item->setData(sortKey, kSortRole);
    item->setTextAlignment(align);
    return item;
}

} // namespace

RunsPanel::RunsPanel(const QString &storeFolder, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("runsPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_message = new QLabel;
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    m_model = new QStandardItemModel(this);
    m_model->setHorizontalHeaderLabels({tr("Run"), tr("Status"), tr("Architecture"), tr("Dataset"), tr("Best test"),
                                        tr("Epochs"), tr("Duration"), tr("Started")});
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(kSortRole);
    m_view = new QTableView;
    m_view->setTabKeyNavigation(false); // Tab leaves the table; the arrow keys move between rows
    m_view->setObjectName(QStringLiteral("runsView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(7, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->setVisible(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setAccessibleName(tr("Runs"));
    m_view->setToolTip(tr("Double-click a run to open it; Ctrl+click or Shift+click several and press Ctrl+K to "
                          "compare them; right-click to resume, rename, export or delete."));
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);

    try {
        m_store = std::make_unique<ExperimentStore>(storeFolder.toStdString());
    } catch (const std::exception &e) {
        m_storeError = QString::fromStdString(e.what());
        m_message->setText(tr("The run history is unavailable: %1").arg(m_storeError));
        m_message->setVisible(true);
    }

    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        Q_EMIT openRequested(m_proxy->data(index.siblingAtColumn(0), kIdRole).toLongLong());
    });
    connect(m_view, &QTableView::customContextMenuRequested, this, &RunsPanel::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (!m_rebuilding)
            Q_EMIT selectionChanged();
    });
    m_compareAction = new QAction(tr("&Compare Selected Runs"), this);
    m_compareAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_compareAction->setToolTip(tr("Show the selected runs side by side in the Compare tab (Ctrl+K)"));
    connect(m_compareAction, &QAction::triggered, this, &RunsPanel::compareRequested);
    m_view->installEventFilter(this);
    m_timer = new QTimer(this);
    m_timer->setInterval(kRefreshMs);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    m_timer->start();
    refresh();
    m_view->resizeColumnsToContents();
}

RunsPanel::~RunsPanel() = default;

bool RunsPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_view || event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    if (key->modifiers() & ~Qt::KeypadModifier)
        return false;
    const QModelIndex current = m_view->currentIndex();
    const qint64 id = current.isValid() ? m_proxy->data(current.siblingAtColumn(0), kIdRole).toLongLong() : -1;
    switch (key->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (id > 0)
            Q_EMIT openRequested(id);
        return true;
    case Qt::Key_F2:
        if (id > 0)
            renameRun(id);
        return true;
    case Qt::Key_Delete:
        deleteRuns(selectedRuns());
        return true;
    default:
        return false;
    }
}

void RunsPanel::refresh()
{
    if (!m_store)
        return;
    std::vector<RunRecord> runs;
    try {
        runs = m_store->listRuns();
    } catch (const std::exception &e) {
        m_message->setText(tr("Cannot read the run history: %1").arg(QString::fromStdString(e.what())));
        m_message->setVisible(true);
        return;
    }
    m_message->setVisible(false);
    // Rebuild only when something changed, so selection and scrolling stay put.
    QString signature;
    for (const auto &r : runs)
        signature += QStringLiteral("%1|%2|%3|%4;").arg(r.id).arg(QString::fromStdString(r.updatedAt)).arg(QString::fromStdString(r.name)).arg(r.epochsDone);
    if (signature == m_lastSignature)
        return;
    m_lastSignature = signature;

    const QList<qint64> selected = selectedRuns();
    const QLocale locale;
    // The rebuild drops and restores the selection; listeners only hear about real changes.
    m_rebuilding = true;
    m_model->removeRows(0, m_model->rowCount());
    for (const auto &r : runs) {
        QList<QStandardItem *> row;
        auto *name = cell(QString::fromStdString(r.name), QString::fromStdString(r.name));
        name->setData(static_cast<qlonglong>(r.id), kIdRole);
        name->setToolTip(tr("Run %1, %2\n%3").arg(r.id).arg(QString::fromStdString(r.datasetSource), QString::fromStdString(r.message)));
        row << name;
        auto *status = cell(statusText(r.status), QString::fromStdString(runStatusName(r.status)));
        if (r.status == RunStatus::Failed || r.status == RunStatus::Diverged)
            status->setForeground(QColor(200, 40, 40));
        else if (r.status == RunStatus::Running)
            status->setForeground(QColor(20, 140, 60));
        if (!r.message.empty())
            status->setToolTip(QString::fromStdString(r.message));
        row << status;
        row << cell(QString::fromStdString(r.architecture), QString::fromStdString(r.architecture));
        row << cell(QString::fromStdString(r.datasetName), QString::fromStdString(r.datasetName));
        row << cell(r.epochsDone > 0 ? QStringLiteral("%1%").arg(r.bestTestAccuracy * 100.0, 0, 'f', 2) : QStringLiteral("-"),
                    r.bestTestAccuracy, Qt::AlignRight | Qt::AlignVCenter);
        row << cell(QString::number(r.epochsDone), static_cast<qlonglong>(r.epochsDone), Qt::AlignRight | Qt::AlignVCenter);
        row << cell(r.wallSeconds > 0 ? duration(r.wallSeconds) : QStringLiteral("-"), r.wallSeconds,
                    Qt::AlignRight | Qt::AlignVCenter);
        const QString when = QString::fromStdString(r.startedAt.empty() ? r.createdAt : r.startedAt);
        const QDateTime time = QDateTime::fromString(when, Qt::ISODateWithMs).toLocalTime();
        row << cell(locale.toString(time, QLocale::ShortFormat), when);
        m_model->appendRow(row);
    }
    for (qint64 id : selected)
        selectRun(id);
    m_rebuilding = false;
    if (selectedRuns() != selected)
        Q_EMIT selectionChanged(); // a selected run was deleted by another process
    Q_EMIT runsChanged();
}

QList<qint64> RunsPanel::runIds() const
{
    QList<qint64> ids;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        ids << m_proxy->index(row, 0).data(kIdRole).toLongLong();
    return ids;
}

QList<qint64> RunsPanel::selectedRuns() const
{
    // In the order shown (selectedRows() follows the order of clicking), so the compare view's
    // order matches the table's.
    QList<qint64> ids;
    const QItemSelectionModel *selection = m_view->selectionModel();
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        if (selection->isRowSelected(row, QModelIndex()))
            ids << m_proxy->index(row, 0).data(kIdRole).toLongLong();
    return ids;
}

void RunsPanel::selectRun(qint64 runId)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data(kIdRole).toLongLong() == runId) {
            m_view->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
            m_view->scrollTo(index);
        }
    }
}

void RunsPanel::selectRuns(const QList<qint64> &runIds)
{
    QItemSelection selection;
    QModelIndex first;
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (runIds.contains(index.data(kIdRole).toLongLong())) {
            selection.select(index, index);
            if (!first.isValid())
                first = index;
        }
    }
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (first.isValid()) {
        m_view->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
        m_view->scrollTo(first);
    }
}

void RunsPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    const qint64 id = m_proxy->data(index.siblingAtColumn(0), kIdRole).toLongLong();
    QList<qint64> ids = selectedRuns();
    if (!ids.contains(id)) {
        // What the menu acts on is what the table shows selected (Compare uses the selection).
        selectRuns({id});
        ids = {id};
    }
    QMenu menu(this);
    // The keys shown are those eventFilter() handles on the table.
    menu.addAction(tr("Open"), QKeySequence(Qt::Key_Return), this, [this, id] { Q_EMIT openRequested(id); });
    menu.addAction(tr("Classify Images..."), this, [this, id] { Q_EMIT classifyRequested(id); });
    menu.addAction(tr("Resume training"), this, [this, id] { Q_EMIT resumeRequested(id); });
    menu.addAction(tr("Train Again with These Settings"), this, [this, id] { Q_EMIT reuseSettingsRequested(id); });
    menu.addAction(tr("Rename..."), QKeySequence(Qt::Key_F2), this, [this, id] { renameRun(id); });
    menu.addSeparator();
    menu.addAction(m_compareAction);
    menu.addAction(ids.size() > 1 ? tr("Export %1 Runs as Bundle...").arg(ids.size()) : tr("Export as Bundle..."), this,
                   [this, ids] { Q_EMIT exportRequested(ids); });
    menu.addSeparator();
    menu.addAction(ids.size() > 1 ? tr("Delete %1 runs...").arg(ids.size()) : tr("Delete..."),
                   QKeySequence(QKeySequence::Delete), this, [this, ids] { deleteRuns(ids); });
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void RunsPanel::renameRun(qint64 runId)
{
    if (!m_store)
        return;
    try {
        const RunRecord record = m_store->run(runId);
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Rename Run"), tr("New name:"), QLineEdit::Normal,
                                                   QString::fromStdString(record.name), &ok);
        if (!ok || name.trimmed().isEmpty())
            return;
        m_store->renameRun(runId, name.trimmed().toStdString());
    } catch (const std::exception &e) {
        QMessageBox::warning(this, tr("Cannot rename the run"), QString::fromStdString(e.what()));
    }
    refresh();
}

void RunsPanel::deleteRuns(const QList<qint64> &runIds)
{
    if (!m_store || runIds.isEmpty())
        return;
    const auto answer = QMessageBox::question(
        this, tr("Delete Runs"),
        tr("Delete %n run(s) with their metrics and checkpoints? This cannot be undone.", nullptr, runIds.size()));
    if (answer != QMessageBox::Yes)
        return;
    for (qint64 id : runIds) {
        try {
            m_store->deleteRun(id);
        } catch (const std::exception &e) {
            QMessageBox::warning(this, tr("Cannot delete the run"), QString::fromStdString(e.what()));
        }
    }
    refresh();
}

} // namespace cifarlab
