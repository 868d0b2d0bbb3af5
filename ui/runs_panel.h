#pragma once

#include <QWidget>

#include <memory>

class QAction;
class QLabel;
class QStandardItemModel;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace cifarlab {

class ExperimentStore;

// The Runs dock: every run in the store, newest first, refreshed every two seconds so runs that a
// CLI process is writing show their progress. Owns its own store connection on the GUI thread.
class RunsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit RunsPanel(const QString &storeFolder, QWidget *parent = nullptr);
    ~RunsPanel() override;

    void refresh();
    QList<qint64> runIds() const;        // in the order shown
    QList<qint64> selectedRuns() const; // in the order shown
    void selectRun(qint64 runId);       // adds to the selection
    void selectRuns(const QList<qint64> &runIds); // replaces the selection
    // "Compare Selected Runs" (Ctrl+K): in the context menu; the window puts it in its menu too.
    QAction *compareAction() const { return m_compareAction; }
    ExperimentStore *store() const { return m_store.get(); } // null when the store could not be opened
    QString storeError() const { return m_storeError; }

Q_SIGNALS:
    void openRequested(qint64 runId);
    void resumeRequested(qint64 runId);
    // Put the run's recipe, architecture and dataset back into the form (DIGITS' "clone job").
    void reuseSettingsRequested(qint64 runId);
    // Classify the user's own image files with the run (Classify Images).
    void classifyRequested(qint64 runId);
    void compareRequested();
    void exportRequested(const QList<qint64> &runIds);
    void runsChanged();
    // The user (or selectRun/selectRuns) changed which runs are selected; never emitted by the
    // periodic rebuild, which restores the same selection.
    void selectionChanged();

protected:
    // Keyboard equivalents of double-click and the context menu, on the table: Enter opens the
    // current run, F2 renames it, Delete deletes the selected runs.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showContextMenu(const QPoint &pos);
    void renameRun(qint64 runId);
    void deleteRuns(const QList<qint64> &runIds);

    std::unique_ptr<ExperimentStore> m_store;
    QString m_storeError;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_message = nullptr;
    QTimer *m_timer = nullptr;
    QAction *m_compareAction = nullptr;
    QString m_lastSignature;
    bool m_rebuilding = false;
};

} // namespace cifarlab
