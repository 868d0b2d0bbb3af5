#include "ui/prediction_delegate.h"

#include "ui/prediction_model.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QPalette>
#include <QPixmap>

#include <algorithm>

namespace cifarlab {

namespace {

int padding(const QFontMetrics &metrics)
{
    return std::max(3, metrics.height() / 4);
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace

PredictionDelegate::PredictionDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

QColor PredictionDelegate::wrongColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28);
}

QColor PredictionDelegate::rightColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x6c, 0xd6, 0x8c) : QColor(0x2e, 0x7d, 0x32);
}

void PredictionDelegate::setThumbnailSize(int pixels)
{
    m_thumbnailSize = std::max(1, pixels);
}

void PredictionDelegate::setShowPredictions(bool show)
{
    m_showPredictions = show;
}

QSize PredictionDelegate::cellSize(const QFontMetrics &metrics) const
{
    const int pad = padding(metrics);
    // Wide enough for the longest verdict ("automobile 100%") even when thumbnails are small.
    const int textWidth = std::max(metrics.averageCharWidth() * 12,
        metrics.horizontalAdvance(m_longestLabel + QStringLiteral(" 100%")) + metrics.averageCharWidth());
    const int lines = m_showPredictions ? 2 : 1;
    return {std::max(m_thumbnailSize, textWidth) + 2 * pad,
        pad + m_thumbnailSize + pad / 2 + lines * metrics.height() + pad};
}

QSize PredictionDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    return cellSize(option.fontMetrics);
}

void PredictionDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!index.isValid())
        return;
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();

    const QFontMetrics &metrics = option.fontMetrics;
    const int pad = padding(metrics);
    const QSize cell = cellSize(metrics);
    QRect box(QPoint(0, 0), cell);
    box.moveCenter(option.rect.center());
    box.moveTop(option.rect.top());

    const bool selected = option.state.testFlag(QStyle::State_Selected);
    const QPalette::ColorGroup group = !option.state.testFlag(QStyle::State_Enabled) ? QPalette::Disabled
        : option.state.testFlag(QStyle::State_Active)                                ? QPalette::Active
                                                                                     : QPalette::Inactive;
    painter->save();
    // The whole cell is the selection (styles like Fusion only highlight an item's text).
    if (selected || option.state.testFlag(QStyle::State_MouseOver)) {
        QColor fill = option.palette.color(group, QPalette::Highlight);
        if (!selected)
            fill.setAlphaF(0.18);
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        const qreal radius = pad * 0.8;
        painter->drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
        painter->setRenderHint(QPainter::Antialiasing, false);
    }
    if (option.state.testFlag(QStyle::State_HasFocus) && !selected && widget && widget->hasFocus()) {
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(option);
        focus.rect = box;
        focus.backgroundColor = option.palette.color(group, QPalette::Base);
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
    }

    const QRect thumbRect(
        box.left() + (box.width() - m_thumbnailSize) / 2, box.top() + pad, m_thumbnailSize, m_thumbnailSize);
    const QPixmap pixmap = qvariant_cast<QPixmap>(index.data(Qt::DecorationRole));
    if (!pixmap.isNull()) {
        const QSizeF size = pixmap.deviceIndependentSize();
        const QPointF topLeft(thumbRect.left() + (thumbRect.width() - size.width()) / 2.0,
            thumbRect.top() + (thumbRect.height() - size.height()) / 2.0);
        painter->drawPixmap(topLeft, pixmap);
    }

    const QVariant correctValue = index.data(PredictionModel::CorrectRole);
    const bool predicted = correctValue.isValid();
    const bool correct = correctValue.toBool();
    const QColor textColor
        = option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);

    if (predicted && !correct) {
        // A red frame makes mistakes findable at a glance, even at thumbnail size.
        QPen frame(wrongColor(option.palette), 2);
        frame.setJoinStyle(Qt::MiterJoin);
        painter->setPen(frame);
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(QRectF(thumbRect).adjusted(-1, -1, 1, 1));
    }

    const int textLeft = box.left() + pad;
    const int textWidth = box.width() - 2 * pad;
    QRect line(textLeft, thumbRect.bottom() + 1 + pad / 2, textWidth, metrics.height());
    painter->setFont(option.font);
    painter->setPen(textColor);
    const QString truth = index.data(PredictionModel::TrueNameRole).toString();
    painter->drawText(
        line, Qt::AlignHCenter | Qt::AlignVCenter, metrics.elidedText(truth, Qt::ElideRight, textWidth));

    if (predicted && m_showPredictions) {
        line.translate(0, metrics.height());
        const QVariant confidence = index.data(PredictionModel::ConfidenceRole);
        const QString percent = confidence.isValid()
            ? tr("%1%").arg(QLocale().toString(qRound(100.0 * confidence.toDouble())))
            : QString();
        QString verdict;
        if (correct) {
            verdict = percent.isEmpty() ? tr("\u2713") : tr("\u2713 %1").arg(percent);
        } else {
            const int room
                = textWidth - (percent.isEmpty() ? 0 : metrics.horizontalAdvance(QLatin1Char(' ') + percent));
            const QString name = metrics.elidedText(index.data(PredictionModel::PredictedNameRole).toString(),
                Qt::ElideRight, std::max(room, metrics.averageCharWidth() * 3));
            verdict = percent.isEmpty() ? name : tr("%1 %2").arg(name, percent);
        }
        painter->setPen(
            selected ? textColor : (correct ? rightColor(option.palette) : wrongColor(option.palette)));
        painter->drawText(line, Qt::AlignHCenter | Qt::AlignVCenter,
            metrics.elidedText(verdict, Qt::ElideRight, textWidth));
    }
    painter->restore();
}

} // namespace cifarlab
