#include "ui/lr_finder_chart_view.h"

#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <cmath>

namespace cifarlab {

LrFinderChartView::LrFinderChartView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("lrFinderChart"));
    setMouseTracking(true);
    setCursor(Qt::CrossCursor);
    setAccessibleName(tr("Learning-rate finder curve"));
}

void LrFinderChartView::setResult(const LrFinderResult &result, const QString &subtitle)
{
    m_result = result;
    m_subtitle = subtitle;
    const LrSuggestions &s = result.suggestions;
    setAccessibleDescription(s.valley > 0 ? tr("%n batches; suggested learning rate %1 (valley), %2 (steepest), %3 (minimum / 10)",
                                               nullptr, static_cast<int>(result.points.size()))
                                                .arg(formatLearningRate(s.valley), formatLearningRate(s.steepest),
                                                     formatLearningRate(s.minimum))
                                          : tr("%n batches recorded", nullptr, static_cast<int>(result.points.size())));
    update();
}

void LrFinderChartView::setPicked(double learningRate)
{
    m_picked = learningRate;
    update();
}

void LrFinderChartView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const bool dark = palette().color(QPalette::Base).lightnessF() < 0.5;
    m_geometry = paintLrFinderChart(painter, QRectF(rect()), m_result, m_subtitle, dark);
    if (m_picked > 0 && m_geometry.frame.width() > 0) {
        const double t = (std::log10(m_picked) - std::log10(m_geometry.minLr)) / (std::log10(m_geometry.maxLr) - std::log10(m_geometry.minLr));
        const double x = m_geometry.frame.left() + t * m_geometry.frame.width();
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setPen(QPen(palette().color(QPalette::Text), 1.5, Qt::DashDotLine));
        painter.drawLine(QPointF(x, m_geometry.frame.top()), QPointF(x, m_geometry.frame.bottom()));
    }
}

void LrFinderChartView::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF at = event->position();
    const double lr = m_geometry.frame.contains(at) ? learningRateAt(at.x()) : 0.0;
    const LrFinderPoint *p = nearestLrFinderPoint(m_result.points, lr);
    if (!p) {
        QToolTip::hideText();
        return;
    }
    const QLocale locale;
    QToolTip::showText(event->globalPosition().toPoint(),
                       tr("Batch %1: learning rate %2\nloss %3, smoothed %4\nClick to use this rate")
                           .arg(p->iteration + 1)
                           .arg(formatLearningRate(p->learningRate, 3), locale.toString(p->loss, 'f', 4),
                                locale.toString(p->smoothedLoss, 'f', 4)),
                       this);
}

void LrFinderChartView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_geometry.frame.contains(event->position()))
        return;
    const LrFinderPoint *p = nearestLrFinderPoint(m_result.points, learningRateAt(event->position().x()));
    if (p)
        Q_EMIT learningRatePicked(p->learningRate);
}

} // namespace cifarlab
