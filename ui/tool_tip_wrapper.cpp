#include "ui/tool_tip_wrapper.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QFontMetrics>
#include <QHeaderView>
#include <QHelpEvent>
#include <QStringList>
#include <QTextBoundaryFinder>
#include <QTextDocument> // Qt::mightBeRichText
#include <QToolTip>
#include <QWidget>

namespace cifarlab {

namespace {

// Greedy line filling over the script's break opportunities (spaces, between CJK characters); a
// word wider than a line gets a line of its own.
QStringList breakParagraph(const QString &paragraph, const QFontMetrics &metrics, int width)
{
    QStringList lines;
    QString line;
    QTextBoundaryFinder finder(QTextBoundaryFinder::Line, paragraph);
    qsizetype start = 0;
    while (start < paragraph.size()) {
        qsizetype end = finder.toNextBoundary();
        // No break after a hyphen: "AVX-512" and "ResNet-18" stay whole.
        while (end > 0 && end < paragraph.size() && paragraph.at(end - 1) == QLatin1Char('-'))
            end = finder.toNextBoundary();
        if (end < 0)
            end = paragraph.size();
        const QString piece = paragraph.mid(start, end - start);
        start = end;
        if (!line.isEmpty() && metrics.horizontalAdvance(line + piece.trimmed()) > width) {
            lines.append(line.trimmed());
            line.clear();
        }
        line += piece;
    }
    lines.append(line.trimmed());
    return lines;
}

// The narrowest lines that take no more lines than filling them to `width`, so the last line is
// not a lone word under a full one.
QStringList balancedLines(const QString &paragraph, const QFontMetrics &metrics, int width)
{
    QStringList best = breakParagraph(paragraph, metrics, width);
    int low = width / 2;
    int high = width;
    while (high - low > 4) {
        const int middle = (low + high) / 2;
        QStringList lines = breakParagraph(paragraph, metrics, middle);
        if (lines.size() <= best.size()) {
            best = std::move(lines);
            high = middle;
        } else {
            low = middle;
        }
    }
    return best;
}

} // namespace

ToolTipWrapper::ToolTipWrapper(QObject *parent)
    : QObject(parent)
{ }

int ToolTipWrapper::readingWidth(const QFont &font)
{
    return QFontMetrics(font).averageCharWidth() * kReadingWidthCharacters;
}

QString ToolTipWrapper::wrapped(const QString &tip, const QFont &font)
{
    if (tip.isEmpty() || Qt::mightBeRichText(tip))
        return tip;
    const QFontMetrics metrics(font);
    const int width = readingWidth(font);
    const QStringList paragraphs = tip.split(QLatin1Char('\n'));
    bool wide = false;
    for (const QString &paragraph : paragraphs)
        wide = wide || metrics.horizontalAdvance(paragraph) > width;
    if (!wide)
        return tip;
    QStringList lines;
    for (const QString &paragraph : paragraphs)
        lines += metrics.horizontalAdvance(paragraph) > width ? balancedLines(paragraph, metrics, width)
                                                              : QStringList {paragraph};
    return lines.join(QLatin1Char('\n'));
}

QString ToolTipWrapper::wrapped(const QString &tip)
{
    return wrapped(tip, QToolTip::font());
}

bool ToolTipWrapper::eventFilter(QObject *watched, QEvent *event)
{
    // Widgets that draw their own tips (heat map cells, diagram blocks) keep the property empty and
    // handle the event themselves; this only takes what QWidget::event or an item view would show.
    if (event->type() != QEvent::ToolTip || !watched->isWidgetType())
        return false;
    auto *widget = static_cast<QWidget *>(watched);
    auto *help = static_cast<QHelpEvent *>(event);
    // An item view shows its items' tips (the model's ToolTipRole) over its viewport; its headers
    // keep theirs (they are titles).
    QString tip = widget->toolTip();
    QRect area;
    auto *view = qobject_cast<QAbstractItemView *>(widget->parentWidget());
    if (view && view->viewport() == widget && !qobject_cast<QHeaderView *>(view)) {
        const QModelIndex index = view->indexAt(help->pos());
        if (!index.isValid())
            return false;
        tip = index.data(Qt::ToolTipRole).toString();
        area = view->visualRect(index);
    }
    const QString shown = wrapped(tip);
    if (shown == tip)
        return false;
    QToolTip::showText(help->globalPos(), shown, widget, area, widget->toolTipDuration());
    return true;
}

} // namespace cifarlab
