#include "ui/top_classes_view.h"

#include "ui/prediction_delegate.h"

#include <QCoreApplication>
#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace cifarlab {

QString probabilityText(double probability, int decimals)
{
    return QCoreApplication::translate("cifarlab::ImagesTab", "%1%").arg(QLocale().toString(100.0 * probability, 'f', decimals));
}

TopClassesView::TopClassesView(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void TopClassesView::setRows(std::vector<Row> rows)
{
    m_rows = std::move(rows);
    QStringList parts;
    for (const auto &row : m_rows)
        parts << QStringLiteral("%1 %2").arg(row.name, probabilityText(row.probability, 1));
    setAccessibleName(parts.join(QStringLiteral(", ")));
    updateGeometry();
    update();
}

QSize TopClassesView::sizeHint() const
{
    return {fontMetrics().averageCharWidth() * 30, static_cast<int>(m_rows.size()) * rowHeight()};
}

QSize TopClassesView::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * 16, sizeHint().height()};
}

void TopClassesView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics metrics = fontMetrics();
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    int nameWidth = 0;
    for (const auto &row : m_rows)
        nameWidth = std::max(nameWidth, boldMetrics.horizontalAdvance(row.name));
    nameWidth = std::min(nameWidth, width() * 2 / 5);
    const int gap = metrics.averageCharWidth();
    const int percentWidth = metrics.horizontalAdvance(probabilityText(1.0, 1));
    const int barLeft = nameWidth + gap;
    const int barWidth = std::max(1, width() - barLeft - gap - percentWidth);
    const int barHeight = std::max(4, metrics.height() * 3 / 5);

    const QPalette &pal = palette();
    QColor track = pal.color(QPalette::Text);
    track.setAlphaF(0.08);
    QColor neutral = pal.color(QPalette::Text);
    neutral.setAlphaF(0.35);

    int y = 0;
    for (const auto &row : m_rows) {
        const QRect rowRect(0, y, width(), rowHeight());
        painter.setFont(row.isTrue ? bold : font());
        painter.setPen(
            row.isTrue ? PredictionDelegate::rightColor(pal) : pal.color(QPalette::WindowText));
        const QString name
            = (row.isTrue ? boldMetrics : metrics).elidedText(row.name, Qt::ElideRight, nameWidth);
        painter.drawText(
            QRect(0, y, nameWidth, rowRect.height()), Qt::AlignLeft | Qt::AlignVCenter, name);

        const QRectF trackRect(barLeft, y + (rowRect.height() - barHeight) / 2.0, barWidth, barHeight);
        const qreal radius = barHeight / 3.0;
        painter.setPen(Qt::NoPen);
        painter.setBrush(track);
        painter.drawRoundedRect(trackRect, radius, radius);
        QColor fill = neutral;
        if (row.isTrue)
            fill = PredictionDelegate::rightColor(pal);
        else if (row.isPredicted)
            fill = PredictionDelegate::wrongColor(pal);
        const double p = std::clamp(std::isnan(row.probability) ? 0.0 : row.probability, 0.0, 1.0);
        if (p > 0) {
            painter.setBrush(fill);
            QRectF bar = trackRect;
            bar.setWidth(std::max(barHeight * 0.5, trackRect.width() * p));
            painter.drawRoundedRect(bar, radius, radius);
        }

        painter.setFont(font());
        painter.setPen(pal.color(QPalette::WindowText));
        painter.drawText(QRect(width() - percentWidth, y, percentWidth, rowRect.height()),
            Qt::AlignRight | Qt::AlignVCenter, probabilityText(p, 1));
        y += rowRect.height();
    }
}

int TopClassesView::rowHeight() const
{
    return fontMetrics().height() + std::max(2, fontMetrics().height() / 4);
}

} // namespace cifarlab
