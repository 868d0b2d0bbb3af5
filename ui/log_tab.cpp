#include "ui/log_tab.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QStackedWidget>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cstdlib>

namespace cifarlab {

namespace {

constexpr int kSeqRole = Qt::UserRole;
constexpr int kSecondsRole = Qt::UserRole + 1;

// "+0:42", "+12:03", "+1:02:03": the run's own clock, as its progress line counts.
QString sinceStart(qint64 seconds)
{
    const QString sign = seconds < 0 ? QStringLiteral("-") : QStringLiteral("+");
    seconds = std::abs(seconds);
    const qint64 h = seconds / 3600;
    const qint64 m = (seconds / 60) % 60;
    const qint64 s = seconds % 60;
    if (h > 0)
        return QStringLiteral("%1%2:%3:%4")
            .arg(sign)
            .arg(h)
            .arg(m, 2, 10, QLatin1Char('0'))
            .arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1%2:%3").arg(sign).arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

// A tree view asks its delegate for row heights without the column's width, so wrapped text would
// be measured as one line; this measures the message at the width its column has.
class WrappingDelegate : public QStyledItemDelegate
{
public:
    explicit WrappingDelegate(QTreeView *view)
        : QStyledItemDelegate(view)
        , m_view(view)
    { }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        opt.features |= QStyleOptionViewItem::WrapText;
        opt.rect = QRect(0, 0, std::max(1, m_view->header()->sectionSize(index.column())), 1);
        const QWidget *widget = m_view;
        return widget->style()->sizeFromContents(QStyle::CT_ItemViewItem, &opt, QSize(), widget);
    }

private:
    QTreeView *m_view;
};

enum class Severity { Info, Warning, Error };

// The trainer's and the session's own wording: warnings say so, failures start with the status.
Severity severityOf(const QString &message)
{
    if (message.startsWith(QLatin1String("failed")) || message.startsWith(QLatin1String("diverged")))
        return Severity::Error;
    if (message.startsWith(QLatin1String("warning")))
        return Severity::Warning;
    return Severity::Info;
}

} // namespace

LogTab::LogTab(QWidget *parent)
    : QWidget(parent)
{
    m_filter = new QLineEdit;
    m_filter->setObjectName(QStringLiteral("logFilter"));
    m_filter->setPlaceholderText(tr("Filter the log"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter the log"));
    m_filter->setToolTip(tr("Show only the lines that contain this text (case does not matter)"));
    connect(m_filter, &QLineEdit::textChanged, this, &LogTab::applyFilter);

    m_count = new QLabel;
    m_count->setObjectName(QStringLiteral("logCount"));

    m_saveButton = new QPushButton(tr("&Save Log..."));
    m_saveButton->setObjectName(QStringLiteral("saveLogButton"));
    m_saveButton->setToolTip(tr("Write the lines shown as a text file"));
    connect(m_saveButton, &QPushButton::clicked, this, &LogTab::chooseSaveFile);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_count);
    bar->addWidget(m_saveButton);

    m_view = new QTreeWidget;
    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setAccessibleName(tr("Run log"));
    m_view->setColumnCount(kColumnCount);
    m_view->setHeaderLabels({tr("Time"), tr("Since start"), tr("Message")});
    m_view->headerItem()->setToolTip(kTimeColumn, tr("Local time the line was written"));
    m_view->headerItem()->setToolTip(kSinceStartColumn, tr("Time since the run's first line"));
    m_view->setRootIsDecorated(false);
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(false);
    m_view->setWordWrap(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setTextElideMode(Qt::ElideNone);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->setSectionResizeMode(kTimeColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(kSinceStartColumn, QHeaderView::ResizeToContents);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->setItemDelegateForColumn(kMessageColumn, new WrappingDelegate(m_view));
    // Row heights are measured at the message column's width; a tree view keeps them when the column
    // changes width, so long messages would stay cut off. Coalesced: a drag resizes many times.
    m_relayout = new QTimer(this);
    m_relayout->setSingleShot(true);
    m_relayout->setInterval(0);
    connect(m_relayout, &QTimer::timeout, m_view, &QTreeView::doItemsLayout);
    connect(m_view->header(), &QHeaderView::sectionResized, this, [this](int column) {
        if (column == kMessageColumn)
            m_relayout->start();
    });

    auto *copy = new QAction(tr("&Copy"), m_view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copy, &QAction::triggered, this, [this] {
        const QString text = selectedText();
        if (!text.isEmpty())
            QApplication::clipboard()->setText(text);
    });
    m_view->addAction(copy);
    auto *selectAll = new QAction(tr("Select &All"), m_view);
    selectAll->setShortcut(QKeySequence::SelectAll);
    selectAll->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(selectAll, &QAction::triggered, m_view, &QTreeWidget::selectAll);
    m_view->addAction(selectAll);

    m_placeholder = new QLabel;
    m_placeholder->setObjectName(QStringLiteral("logPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setEnabled(false);

    m_stack = new QStackedWidget;
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_view);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);
    clear();
}

void LogTab::clear()
{
    m_runId = 0;
    m_nextSeq = 0;
    m_start = QDateTime();
    m_view->clear();
    updatePlaceholder();
}

void LogTab::setEntries(qint64 runId, const std::vector<RunLogEntry> &entries)
{
    clear();
    m_runId = runId;
    appendEntries(entries);
    updatePlaceholder();
}

void LogTab::appendEntries(const std::vector<RunLogEntry> &entries)
{
    const bool following = m_view->topLevelItemCount() == 0
        || m_view->verticalScrollBar()->value() == m_view->verticalScrollBar()->maximum();
    bool added = false;
    for (const RunLogEntry &entry : entries) {
        if (entry.seq < m_nextSeq)
            continue;
        addEntry(entry);
        m_nextSeq = entry.seq + 1;
        added = true;
    }
    if (!added)
        return;
    applyFilter();
    // Like a terminal: a reader at the bottom sees new lines arrive, one scrolled up is left alone.
    if (following)
        m_view->scrollToBottom();
}

void LogTab::addEntry(const RunLogEntry &entry)
{
    QDateTime at = QDateTime::fromString(QString::fromStdString(entry.at), Qt::ISODateWithMs);
    const QString message = QString::fromStdString(entry.message);
    auto *item = new QTreeWidgetItem;
    item->setData(kTimeColumn, kSeqRole, static_cast<qlonglong>(entry.seq));
    if (at.isValid()) {
        if (!m_start.isValid())
            m_start = at;
        const qint64 seconds = m_start.secsTo(at);
        item->setText(kTimeColumn, at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        item->setToolTip(kTimeColumn, at.toUTC().toString(Qt::ISODateWithMs));
        item->setText(kSinceStartColumn, sinceStart(seconds));
        item->setData(kSinceStartColumn, kSecondsRole, seconds);
    } else {
        // A hand-edited store or bundle: keep the line, show what the time field held.
        item->setText(kTimeColumn, QString::fromStdString(entry.at));
    }
    // A wrapped message's time reads at its first line, as in a terminal.
    item->setTextAlignment(kTimeColumn, Qt::AlignLeft | Qt::AlignTop);
    item->setTextAlignment(kSinceStartColumn, Qt::AlignRight | Qt::AlignTop);
    item->setTextAlignment(kMessageColumn, Qt::AlignLeft | Qt::AlignTop);
    item->setText(kMessageColumn, message);
    switch (severityOf(message)) {
    case Severity::Error:
        item->setIcon(kMessageColumn, style()->standardIcon(QStyle::SP_MessageBoxCritical));
        break;
    case Severity::Warning:
        item->setIcon(kMessageColumn, style()->standardIcon(QStyle::SP_MessageBoxWarning));
        break;
    case Severity::Info:
        break;
    }
    m_view->addTopLevelItem(item);
}

int LogTab::entryCount() const
{
    return m_view->topLevelItemCount();
}

QString LogTab::filterText() const
{
    return m_filter->text();
}

void LogTab::setFilterText(const QString &text)
{
    m_filter->setText(text);
}

void LogTab::applyFilter()
{
    const QString needle = m_filter->text().trimmed();
    int shown = 0;
    for (int i = 0; i < m_view->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_view->topLevelItem(i);
        const bool match
            = needle.isEmpty() || item->text(kMessageColumn).contains(needle, Qt::CaseInsensitive);
        item->setHidden(!match);
        shown += match ? 1 : 0;
    }
    const int total = m_view->topLevelItemCount();
    // English has no translation file, so its singular is spelt out rather than left to "%n line(s)".
    if (needle.isEmpty())
        m_count->setText(total == 1 ? tr("1 line") : tr("%n lines", nullptr, total));
    else
        m_count->setText(
            total == 1 ? tr("%1 of 1 line").arg(shown) : tr("%1 of %n lines", nullptr, total).arg(shown));
    m_saveButton->setEnabled(shown > 0);
}

void LogTab::updatePlaceholder()
{
    if (m_runId == 0)
        m_placeholder->setText(tr("Open a run in the Runs dock, or start one, to read its log."));
    else
        m_placeholder->setText(
            tr("Run %1 has written nothing to its log yet. Runs recorded before CifarLab kept logs "
               "have none.")
                .arg(m_runId));
    const bool empty = m_view->topLevelItemCount() == 0;
    m_stack->setCurrentWidget(empty ? static_cast<QWidget *>(m_placeholder) : m_view);
    m_filter->setEnabled(!empty);
    applyFilter();
}

QString LogTab::lineText(int row) const
{
    const QTreeWidgetItem *item = m_view->topLevelItem(row);
    QString line = item->text(kTimeColumn);
    if (!item->text(kSinceStartColumn).isEmpty())
        line += QStringLiteral("  ") + item->text(kSinceStartColumn);
    return line + QStringLiteral("  ") + item->text(kMessageColumn);
}

QString LogTab::visibleText() const
{
    QString text;
    for (int i = 0; i < m_view->topLevelItemCount(); ++i)
        if (!m_view->topLevelItem(i)->isHidden())
            text += lineText(i) + QLatin1Char('\n');
    return text;
}

QString LogTab::selectedText() const
{
    QString text;
    for (int i = 0; i < m_view->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_view->topLevelItem(i);
        if (!item->isHidden() && item->isSelected())
            text += lineText(i) + QLatin1Char('\n');
    }
    return text;
}

bool LogTab::saveTo(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(visibleText().toUtf8()) < 0
        || !file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void LogTab::chooseSaveFile()
{
    const QString suggested = m_runId > 0 ? tr("run-%1-log.txt").arg(m_runId) : tr("log.txt");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Log"), suggested, tr("Text files (*.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveTo(path, &error))
        QMessageBox::warning(this, tr("Cannot save the log"), error);
}

} // namespace cifarlab
