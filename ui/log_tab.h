#pragma once

#include "core/experiment_store.h"

#include <QDateTime>
#include <QString>
#include <QWidget>

#include <cstdint>
#include <vector>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTimer;
class QTreeWidget;

namespace cifarlab {

// The Log tab: what the viewed run said as it went (data loading, the changes a time budget or the
// memory limit made, warnings, pauses, its outcome), one line each with its local time and the time
// since the run's first line. The lines come from the store, so a run trained from the CLI or
// imported from a bundle reads the same as one trained here. Warnings and failures are marked; a
// filter narrows the lines; Ctrl+C copies the selected ones and Save writes the shown ones as text.
class LogTab : public QWidget
{
    Q_OBJECT

public:
    enum Column { kTimeColumn, kSinceStartColumn, kMessageColumn, kColumnCount };

    explicit LogTab(QWidget *parent = nullptr);

    // No run shown: the placeholder says why.
    void clear();
    // The whole log of run `runId`.
    void setEntries(qint64 runId, const std::vector<RunLogEntry> &entries);
    // Lines the run wrote since; entries already shown (by seq) are skipped.
    void appendEntries(const std::vector<RunLogEntry> &entries);

    qint64 runId() const { return m_runId; }
    // The seq to read from next (one past the last shown).
    int64_t nextSeq() const { return m_nextSeq; }
    int entryCount() const;
    QString filterText() const;
    void setFilterText(const QString &text);
    // The lines the filter lets through, as "time  +since  message" lines (what Save writes).
    QString visibleText() const;
    // The selected lines in the same form (what Ctrl+C copies).
    QString selectedText() const;
    bool saveTo(const QString &path, QString *error) const;

    QTreeWidget *view() const { return m_view; }

private:
    void addEntry(const RunLogEntry &entry);
    void applyFilter();
    void updatePlaceholder();
    void chooseSaveFile();
    QString lineText(int row) const;

    QLineEdit *m_filter = nullptr;
    QPushButton *m_saveButton = nullptr;
    QLabel *m_count = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;
    QTreeWidget *m_view = nullptr;
    QTimer *m_relayout = nullptr;
    qint64 m_runId = 0;
    int64_t m_nextSeq = 0;
    QDateTime m_start;
};

} // namespace cifarlab
