#pragma once

#include <QWidget>

#include <memory>

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
    QList<qint64> selectedRuns() const;
    void selectRun(qint64 runId);
    ExperimentStore *store() const { return m_store.get(); } // null when the store could not be opened
    QString storeError() const { return m_storeError; }

Q_SIGNALS:
    void openRequested(qint64 runId);
    void resumeRequested(qint64 runId);
    void runsChanged();

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
    QString m_lastSignature;
};

} // namespace cifarlab
