#include "ui/histogram_ridge_view.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace cifarlab {

namespace {

// The newest ridges matter most; older ones fade out behind them.
constexpr int kMaxRidges = 24;

bool hasData(const HistogramRidgeView::Ridge &r)
{
    return !r.fractions.empty() && std::isfinite(r.min) && std::isfinite(r.max);
}

} // namespace

QString statisticText(double value)
{
    if (std::isnan(value))
        return QStringLiteral("–");
    const double magnitude = std::fabs(value);
    // Lower-case exponents, as the CLI prints them ("1.0e-05"; QLocale writes "1.0E-05").
    if (value != 0.0 && (magnitude < 1e-3 || magnitude >= 1e5))
        return QLocale().toString(value, 'e', 1).replace(QLatin1Char('E'), QLatin1Char('e'));
    return QLocale().toString(value, 'g', 3);
}

HistogramRidgeView::HistogramRidgeView(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setFocusPolicy(Qt::TabFocus);
    updateAccessibleText();
}

void HistogramRidgeView::setRidges(std::vector<Ridge> ridges, int current, const QString &emptyText)
{
    if (ridges.size() > static_cast<size_t>(kMaxRidges)) {
        const auto drop = static_cast<std::ptrdiff_t>(ridges.size() - kMaxRidges);
        // Keep the shown ridge even when it is old: drop the oldest others instead.
        const std::ptrdiff_t keepFrom = current >= 0 ? std::min<std::ptrdiff_t>(drop, current) : drop;
        ridges.erase(ridges.begin(), ridges.begin() + keepFrom);
        current = current >= 0 ? current - static_cast<int>(keepFrom) : current;
        if (ridges.size() > static_cast<size_t>(kMaxRidges))
            ridges.resize(kMaxRidges);
    }
    m_ridges = std::move(ridges);
    m_current = current >= 0 && current < static_cast<int>(m_ridges.size()) ? current : -1;
    m_emptyText = emptyText;
    bool any = false;
    for (const Ridge &r : m_ridges) {
        if (!hasData(r))
            continue;
        m_axisMin = any ? std::min(m_axisMin, r.min) : r.min;
        m_axisMax = any ? std::max(m_axisMax, r.max) : r.max;
        any = true;
    }
    if (!any)
        m_axisMin = m_axisMax = 0.0;
    updateAccessibleText();
    update();
}

QSize HistogramRidgeView::sizeHint() const
{
    return {fontMetrics().averageCharWidth() * 48, fontMetrics().height() * 12};
}

QSize HistogramRidgeView::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * 24, fontMetrics().height() * 6};
}

void HistogramRidgeView::updateAccessibleText()
{
    if (m_current < 0 || !hasData(m_ridges[static_cast<size_t>(m_current)])) {
        setAccessibleDescription(m_emptyText);
        return;
    }
    const Ridge &r = m_ridges[static_cast<size_t>(m_current)];
    setAccessibleDescription(tr("Epoch %1: values from %2 to %3").arg(r.epoch).arg(statisticText(r.min), statisticText(r.max)));
}

void HistogramRidgeView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const QFontMetrics fm = fontMetrics();
    const bool any = std::any_of(m_ridges.begin(), m_ridges.end(), hasData);
    if (!any) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
        return;
    }
    const int labelWidth = fm.horizontalAdvance(tr("epoch %1").arg(888)) + 8;
    const QRectF plot(QPointF(8, 6), QPointF(width() - labelWidth - 4, height() - fm.height() - 10));
    if (plot.width() < 20 || plot.height() < 20)
        return;
    double lo = m_axisMin, hi = m_axisMax;
    if (!(hi > lo)) { // every value equal: a spike in the middle of a small window
        const double pad = std::max(std::fabs(lo) * 0.5, 1e-6);
        lo -= pad;
        hi += pad;
    }
    const auto xOf = [&](double v) { return plot.left() + (v - lo) / (hi - lo) * plot.width(); };

    // Each ridge gets its own baseline; the front ridge (the newest) sits at the bottom.
    const int n = static_cast<int>(m_ridges.size());
    const double ridgeHeight = plot.height() * (n > 1 ? 0.55 : 1.0);
    const double step = n > 1 ? (plot.height() - ridgeHeight) / (n - 1) : 0.0;
    const QColor accent = pal.color(QPalette::Highlight);
    const QColor text = pal.color(QPalette::Text);
    for (int i = 0; i < n; ++i) {
        const Ridge &r = m_ridges[static_cast<size_t>(i)];
        const double baseline = plot.bottom() - (n - 1 - i) * step;
        if (!hasData(r))
            continue;
        const int bins = static_cast<int>(r.fractions.size());
        const float peak = *std::max_element(r.fractions.begin(), r.fractions.end());
        if (peak <= 0.0f)
            continue;
        QPainterPath path;
        const double binWidth = (r.max - r.min) / bins;
        if (!(r.max > r.min)) {
            const double x = xOf(r.min);
            path.moveTo(x - 1.5, baseline);
            path.lineTo(x, baseline - ridgeHeight);
            path.lineTo(x + 1.5, baseline);
        } else {
            path.moveTo(xOf(r.min), baseline);
            for (int b = 0; b < bins; ++b) {
                const double y = baseline - ridgeHeight * (r.fractions[static_cast<size_t>(b)] / peak);
                path.lineTo(xOf(r.min + (b + 0.5) * binWidth), y);
            }
            path.lineTo(xOf(r.max), baseline);
        }
        path.closeSubpath();
        const bool isCurrent = i == m_current;
        // Older ridges fade towards the background; the shown one is solid.
        const double age = n > 1 ? static_cast<double>(n - 1 - i) / (n - 1) : 0.0;
        QColor fill = isCurrent ? accent : text;
        fill.setAlphaF(static_cast<float>(isCurrent ? 0.55 : 0.10 + 0.15 * (1.0 - age)));
        QColor line = isCurrent ? accent.darker(120) : text;
        line.setAlphaF(static_cast<float>(isCurrent ? 1.0 : 0.25 + 0.35 * (1.0 - age)));
        p.setBrush(fill);
        p.setPen(QPen(line, isCurrent ? 1.6 : 1.0));
        p.drawPath(path);
        if (isCurrent || i == 0 || i == n - 1) {
            p.setPen(isCurrent ? accent.darker(120) : pal.color(QPalette::PlaceholderText));
            p.drawText(QRectF(plot.right() + 6, baseline - fm.height(), labelWidth, fm.height()),
                       Qt::AlignLeft | Qt::AlignBottom, tr("epoch %1").arg(r.epoch));
        }
    }
    // Value axis: both ends, and zero when it lies inside.
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(QPointF(plot.left(), plot.bottom() + 1), QPointF(plot.right(), plot.bottom() + 1));
    p.setPen(pal.color(QPalette::Text));
    const double textTop = plot.bottom() + 3;
    p.drawText(QRectF(plot.left(), textTop, plot.width() / 2, fm.height()), Qt::AlignLeft, statisticText(lo));
    p.drawText(QRectF(plot.center().x(), textTop, plot.width() / 2, fm.height()), Qt::AlignRight, statisticText(hi));
    if (lo < 0.0 && hi > 0.0) {
        const double x0 = xOf(0.0);
        p.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DashLine));
        p.drawLine(QPointF(x0, plot.top()), QPointF(x0, plot.bottom() + 1));
        const double zeroWidth = fm.horizontalAdvance(QStringLiteral("0")) + 4;
        // Only when it does not collide with the end labels.
        if (x0 - plot.left() > fm.horizontalAdvance(statisticText(lo)) + zeroWidth
            && plot.right() - x0 > fm.horizontalAdvance(statisticText(hi)) + zeroWidth) {
            p.setPen(pal.color(QPalette::Text));
            p.drawText(QRectF(x0 - zeroWidth / 2, textTop, zeroWidth, fm.height()), Qt::AlignHCenter, QStringLiteral("0"));
        }
    }
}

} // namespace cifarlab
