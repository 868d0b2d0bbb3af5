#include "ui/live_tab.h"
#include "ui/elided_label.h"
#include "ui/svg_export.h"

#include <QApplication>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QCursor>
#include <QEvent>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QGraphicsItem>
#include <QGraphicsLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QScatterSeries>
#include <QSlider>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <utility>

namespace cifarlab {

namespace {

constexpr int kReplotIntervalMs = 40;
constexpr size_t kMaxBuckets = 1000;   // raw envelope: at most 2 points per bucket
constexpr int kSliderSteps = 999;       // slider value / 1000 = smoothing
constexpr double kMaxSmoothing = 0.999;
constexpr double kLogFloor = 1e-4;      // losses at or below this are drawn at it in log scale

enum BatchSeriesKind { kLossRaw, kLossSmooth, kLearningRate, kAccuracyRaw, kAccuracySmooth };
enum EpochSeriesKind { kTrainLoss, kTestLoss, kTrainAccuracy, kTestAccuracy };

struct Colors
{
    QColor train;
    QColor test;
    QColor learningRate;
    QColor text;
    QColor muted;
    QColor grid;
    QColor axisLine;
    QColor boundary;
    QColor background;
};

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

Colors colorsFor(const QPalette &palette)
{
    const bool dark = isDark(palette);
    Colors c;
    // Train = blue, test = orange, lr = gray; brighter variants on dark backgrounds.
    c.train = dark ? QColor(94, 162, 245) : QColor(31, 110, 196);
    c.test = dark ? QColor(255, 163, 72) : QColor(235, 118, 14);
    c.learningRate = dark ? QColor(150, 150, 150) : QColor(125, 125, 125);
    c.text = palette.color(QPalette::WindowText);
    c.muted = c.text;
    c.muted.setAlpha(165);
    c.grid = c.text;
    c.grid.setAlpha(dark ? 30 : 24);
    c.axisLine = c.text;
    c.axisLine.setAlpha(70);
    c.boundary = c.text;
    c.boundary.setAlpha(dark ? 42 : 34);
    c.background = palette.color(QPalette::Base);
    return c;
}

// Display transform of a y value: scale (fraction -> percent) and optional log10.
struct Transform
{
    double scale = 1.0;
    bool log = false;
    double apply(double value) const
    {
        value *= scale;
        return log ? std::log10(std::max(value, kLogFloor)) : value;
    }
    double invert(double value) const { return log ? std::pow(10.0, value) : value; }
};

// Power-of-two bucket sizes keep bucket edges fixed while points stream in, so the rendered
// envelope does not shimmer from one replot to the next.
size_t bucketSize(size_t count)
{
    size_t size = 1;
    while ((count + size - 1) / size > kMaxBuckets)
        size *= 2;
    return size;
}

// One bucket [start, end): its min and max in index order (envelope) or its mean (smooth data).
void appendBucket(const std::vector<double> &xs, const std::vector<double> &ys, size_t start, size_t end,
                  const Transform &t, bool envelope, QList<QPointF> &out)
{
    if (envelope) {
        size_t lo = end;
        size_t hi = end;
        for (size_t i = start; i < end; ++i) {
            if (!std::isfinite(ys[i]))
                continue;
            if (lo == end || ys[i] < ys[lo])
                lo = i;
            if (hi == end || ys[i] > ys[hi])
                hi = i;
        }
        if (lo == end)
            return;
        const size_t first = std::min(lo, hi);
        const size_t second = std::max(lo, hi);
        out.append(QPointF(xs[first], t.apply(ys[first])));
        if (second != first)
            out.append(QPointF(xs[second], t.apply(ys[second])));
        return;
    }
    double sumX = 0.0;
    double sumY = 0.0;
    int count = 0;
    for (size_t i = start; i < end; ++i) {
        if (!std::isfinite(ys[i]))
            continue;
        sumX += xs[i];
        sumY += ys[i];
        ++count;
    }
    if (count > 0)
        out.append(QPointF(sumX / count, t.apply(sumY / count)));
}

std::pair<double, double> yExtent(const QList<QPointF> &points)
{
    double lo = std::numeric_limits<double>::max();
    double hi = std::numeric_limits<double>::lowest();
    for (const QPointF &p : points) {
        lo = std::min(lo, p.y());
        hi = std::max(hi, p.y());
    }
    return {lo, hi};
}

// TensorBoard's "ignore outliers in chart scaling": the quantiles 0.5 % .. 99.5 % of the raw
// values (sampled, so it stays cheap for 250,000 points). A few loss spikes of a tiny batch then do
// not flatten the curve; they are still drawn, clipped at the plot edge. Small runs use all points.
std::pair<double, double> robustExtent(const std::vector<double> &values, std::vector<double> &scratch)
{
    constexpr size_t kSample = 20000;
    constexpr size_t kTrimFrom = 400;
    scratch.clear();
    const size_t stride = std::max<size_t>(1, values.size() / kSample);
    for (size_t i = 0; i < values.size(); i += stride)
        if (std::isfinite(values[i]))
            scratch.push_back(values[i]);
    if (scratch.empty())
        return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
    if (scratch.size() < kTrimFrom) {
        const auto [lo, hi] = std::minmax_element(scratch.begin(), scratch.end());
        return {*lo, *hi};
    }
    const size_t loIndex = scratch.size() / 200;
    const size_t hiIndex = scratch.size() - 1 - scratch.size() / 200;
    std::nth_element(scratch.begin(), scratch.begin() + static_cast<std::ptrdiff_t>(hiIndex), scratch.end());
    const double hi = scratch[hiIndex];
    std::nth_element(scratch.begin(), scratch.begin() + static_cast<std::ptrdiff_t>(loIndex),
                     scratch.begin() + static_cast<std::ptrdiff_t>(hiIndex));
    return {scratch[loIndex], hi};
}

// 1, 2, 5 x 10^k step giving about `target` intervals over `span`.
double niceStep(double span, int target)
{
    if (!(span > 0.0))
        return 1.0;
    const double raw = span / std::max(1, target);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double norm = raw / magnitude;
    const double nice = norm < 1.5 ? 1.0 : norm < 3.0 ? 2.0 : norm < 7.0 ? 5.0 : 10.0;
    return nice * magnitude;
}

int decimalsFor(double step)
{
    return std::clamp(static_cast<int>(-std::floor(std::log10(step) + 1e-9)), 0, 6);
}

} // namespace

// A graphics item drawn inside the chart at a chosen depth (behind or above the series), so the
// extras are part of the chart: they follow resizes and show up in grab(), PNG and SVG exports.
// It takes no mouse or hover events, so hovering the series underneath still works.
class ChartLayer : public QGraphicsItem
{
public:
    using PaintFunction = std::function<void(QPainter *)>;

    ChartLayer(QChart *chart, qreal z, PaintFunction paint)
        : QGraphicsItem(chart), m_chart(chart), m_paint(std::move(paint))
    {
        setZValue(z);
        setAcceptedMouseButtons(Qt::NoButton);
        setAcceptHoverEvents(false);
        m_rect = chart->rect();
    }

    void syncGeometry()
    {
        prepareGeometryChange();
        m_rect = m_chart->rect();
        update();
    }

    QRectF boundingRect() const override { return m_rect; }

    // The top layer frames the chart while its view has keyboard focus.
    void setFocusRing(bool enabled) { m_focusRing = enabled; }

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *widget) override
    {
        painter->save();
        m_paint(painter);
        painter->restore();
        // `widget` is the view's viewport on screen and null in exports, which never show focus.
        const QWidget *view = widget ? widget->parentWidget() : nullptr;
        if (m_focusRing && view && view->hasFocus()) {
            painter->save();
            painter->setRenderHint(QPainter::Antialiasing, false);
            painter->setPen(QPen(view->palette().color(QPalette::Highlight), 1, Qt::DashLine));
            painter->setBrush(Qt::NoBrush);
            painter->drawRect(m_rect.adjusted(1, 1, -2, -2));
            painter->restore();
        }
    }

private:
    QChart *m_chart;
    PaintFunction m_paint;
    QRectF m_rect;
    bool m_focusRing = false;
};

namespace {

// Between the grid (z 2) and the series (z 4) of Qt Charts' presenter; above everything for labels.
constexpr qreal kUnderSeriesZ = 2.5;
constexpr qreal kOverSeriesZ = 20.0;

} // namespace

void LiveTab::Decimation::update(const std::vector<double> &xs, const std::vector<double> &ys, double yScale,
                                 bool logY, bool minMaxEnvelope, QList<QPointF> &out)
{
    const size_t n = std::min(xs.size(), ys.size());
    const size_t size = bucketSize(n);
    if (size != bucket || yScale != scale || logY != log || minMaxEnvelope != envelope || done * size > n) {
        bucket = size;
        done = 0;
        scale = yScale;
        log = logY;
        envelope = minMaxEnvelope;
        points.clear();
        points.reserve(static_cast<qsizetype>(2 * kMaxBuckets + 2));
    }
    Transform t;
    t.scale = scale;
    t.log = log;
    const size_t whole = n / size;
    for (; done < whole; ++done)
        appendBucket(xs, ys, done * size, (done + 1) * size, t, envelope, points);
    out = points;
    if (whole * size < n)
        appendBucket(xs, ys, whole * size, n, t, envelope, out);
    // End exactly on the newest point so the head of a live curve is where training is.
    if (n > 0 && std::isfinite(ys[n - 1]) && (out.isEmpty() || out.last().x() != xs[n - 1]))
        out.append(QPointF(xs[n - 1], t.apply(ys[n - 1])));
}

double LiveTab::Ema::push(double value, double smoothing)
{
    if (!std::isfinite(value))
        return value;
    last = last * smoothing + (1.0 - smoothing) * value;
    weightPower *= smoothing;
    const double debias = 1.0 - weightPower;
    return debias > 0.0 ? last / debias : value;
}

LiveTab::LiveTab(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("liveTab"));
    m_timer.setInterval(kReplotIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &LiveTab::onTimer);
    buildUi();
    applyTheme();
    replot();
}

LiveTab::~LiveTab()
{
    // Charts first, while every member their layers and signal handlers use is still alive.
    m_timer.stop();
    delete m_chartArea;
    m_chartArea = nullptr;
}

void LiveTab::buildUi()
{
    auto *root = new QVBoxLayout(this);
    const int gap = fontMetrics().height() / 3;
    root->setContentsMargins(gap, gap, gap, gap);
    root->setSpacing(gap);

    // Toolbar: smoothing, log scale, one-line summary of where the run stands.
    auto *bar = new QHBoxLayout;
    bar->setSpacing(fontMetrics().horizontalAdvance(QLatin1Char('M')));
    auto *smoothingLabel = new QLabel(tr("Smoothing"), this);
    smoothingLabel->setObjectName(QStringLiteral("smoothingLabel"));
    m_smoothingSlider = new QSlider(Qt::Horizontal, this);
    m_smoothingSlider->setObjectName(QStringLiteral("smoothingSlider"));
    m_smoothingSlider->setRange(0, kSliderSteps);
    m_smoothingSlider->setValue(static_cast<int>(std::lround(m_smoothing * 1000.0)));
    m_smoothingSlider->setFixedWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 14);
    m_smoothingSlider->setToolTip(tr("Exponential moving average of the per-batch curves (0 = raw)"));
    smoothingLabel->setBuddy(m_smoothingSlider);
    m_smoothingValue = new QLabel(this);
    m_smoothingValue->setObjectName(QStringLiteral("smoothingValue"));
    m_smoothingValue->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0.000")));
    m_smoothingValue->setText(QString::number(m_smoothing, 'f', 3));
    m_logScaleCheck = new QCheckBox(tr("Log-scale loss"), this);
    m_logScaleCheck->setObjectName(QStringLiteral("logScaleCheck"));
    m_summary = new ElidedLabel(QString(), this);
    m_summary->setObjectName(QStringLiteral("liveSummary"));
    m_summary->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto *smoothingRow = new QHBoxLayout;
    smoothingRow->setSpacing(gap);
    smoothingRow->addWidget(smoothingLabel);
    smoothingRow->addWidget(m_smoothingSlider);
    smoothingRow->addWidget(m_smoothingValue);
    bar->addLayout(smoothingRow);
    bar->addWidget(m_logScaleCheck);
    bar->addWidget(m_summary, 1);
    root->addLayout(bar);

    connect(m_smoothingSlider, &QSlider::valueChanged, this,
            [this](int value) { setSmoothing(static_cast<double>(value) / 1000.0); });
    connect(m_logScaleCheck, &QCheckBox::toggled, this, &LiveTab::setLogScale);

    m_chartArea = new QWidget(this);
    m_chartArea->setObjectName(QStringLiteral("liveCharts"));
    auto *grid = new QGridLayout(m_chartArea);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(gap);
    root->addWidget(m_chartArea, 1);

    m_batchLossPanel = makePanel(QStringLiteral("batchLossView"), tr("Loss per batch"),
                            tr("Start a run to see the loss per batch"));
    m_batchAccuracyPanel = makePanel(QStringLiteral("batchAccuracyView"), tr("Accuracy per batch"),
                                tr("Start a run to see the accuracy per batch"));
    m_epochLossPanel = makePanel(QStringLiteral("epochLossView"), tr("Loss per epoch"),
                            tr("Train and test loss appear after the first epoch"));
    m_epochAccuracyPanel = makePanel(QStringLiteral("epochAccuracyView"), tr("Accuracy per epoch"),
                                tr("Train and test accuracy appear after the first epoch"));
    for (Panel *panel : {&m_batchLossPanel, &m_batchAccuracyPanel, &m_epochLossPanel, &m_epochAccuracyPanel})
        connect(panel->chart, &QChart::plotAreaChanged, this, [this, panel](const QRectF &) { positionHeader(*panel); });
    grid->addWidget(m_batchLossPanel.view, 0, 0);
    grid->addWidget(m_batchAccuracyPanel.view, 0, 1);
    grid->addWidget(m_epochLossPanel.view, 1, 0);
    grid->addWidget(m_epochAccuracyPanel.view, 1, 1);
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);

    auto addLine = [](Panel &panel, const QString &objectName, const QString &name, QAbstractAxis *axisY) {
        auto *series = new QLineSeries;
        series->setObjectName(objectName);
        series->setName(name);
        panel.chart->addSeries(series);
        series->attachAxis(panel.axisX);
        series->attachAxis(axisY ? axisY : panel.axisY);
        return series;
    };

    // Per batch: raw first so the smoothed line is drawn on top of it.
    m_batchLossRaw = addLine(m_batchLossPanel, QStringLiteral("batchLossRaw"), tr("raw"), nullptr);
    m_batchLossSmooth = addLine(m_batchLossPanel, QStringLiteral("batchLossSmooth"), tr("smoothed"), nullptr);
    m_learningRateAxis = new QValueAxis;
    m_learningRateAxis->setObjectName(QStringLiteral("learningRateAxis"));
    m_learningRateAxis->setTitleText(tr("learning rate"));
    m_batchLossPanel.chart->addAxis(m_learningRateAxis, Qt::AlignRight);
    m_learningRateAxis->setVisible(false);
    addLogAxis(m_batchLossPanel);
    addLogAxis(m_epochLossPanel);
    m_learningRate = addLine(m_batchLossPanel, QStringLiteral("learningRate"), tr("learning rate"), m_learningRateAxis);
    m_batchAccuracyRaw = addLine(m_batchAccuracyPanel, QStringLiteral("batchAccRaw"), tr("raw"), nullptr);
    m_batchAccuracySmooth = addLine(m_batchAccuracyPanel, QStringLiteral("batchAccSmooth"), tr("smoothed"), nullptr);
    m_batchLossPanel.reference = m_batchLossRaw;
    m_batchAccuracyPanel.reference = m_batchAccuracyRaw;

    // Per epoch: train and test with markers, plus a ring on the best test accuracy.
    m_epochTrainLoss = addLine(m_epochLossPanel, QStringLiteral("epochTrainLoss"), tr("train"), nullptr);
    m_epochTestLoss = addLine(m_epochLossPanel, QStringLiteral("epochTestLoss"), tr("test"), nullptr);
    m_epochTrainAccuracy = addLine(m_epochAccuracyPanel, QStringLiteral("epochTrainAcc"), tr("train"), nullptr);
    m_epochTestAccuracy = addLine(m_epochAccuracyPanel, QStringLiteral("epochTestAcc"), tr("test"), nullptr);
    m_bestMarker = new QScatterSeries;
    m_bestMarker->setObjectName(QStringLiteral("bestEpochMarker"));
    m_epochAccuracyPanel.chart->addSeries(m_bestMarker);
    m_bestMarker->attachAxis(m_epochAccuracyPanel.axisX);
    m_bestMarker->attachAxis(m_epochAccuracyPanel.axisY);
    m_epochLossPanel.reference = m_epochTrainLoss;
    m_epochAccuracyPanel.reference = m_epochTrainAccuracy;

    const std::pair<QLineSeries *, int> batchSeries[] = {{m_batchLossRaw, kLossRaw},
                                                         {m_batchLossSmooth, kLossSmooth},
                                                         {m_learningRate, kLearningRate},
                                                         {m_batchAccuracyRaw, kAccuracyRaw},
                                                         {m_batchAccuracySmooth, kAccuracySmooth}};
    for (const auto &[series, kind] : batchSeries) {
        const int k = kind;
        connect(series, &QXYSeries::hovered, this,
                [this, k](const QPointF &point, bool state) { showBatchTooltip(point, state, k); });
    }
    const std::pair<QLineSeries *, int> epochSeries[] = {{m_epochTrainLoss, kTrainLoss},
                                                         {m_epochTestLoss, kTestLoss},
                                                         {m_epochTrainAccuracy, kTrainAccuracy},
                                                         {m_epochTestAccuracy, kTestAccuracy}};
    for (const auto &[series, kind] : epochSeries) {
        const int k = kind;
        connect(series, &QXYSeries::hovered, this,
                [this, k](const QPointF &point, bool state) { showEpochTooltip(point, state, k); });
    }

    auto addLayers = [](Panel &panel, ChartLayer::PaintFunction under, ChartLayer::PaintFunction over) {
        panel.under = new ChartLayer(panel.chart, kUnderSeriesZ, std::move(under));
        panel.over = new ChartLayer(panel.chart, kOverSeriesZ, std::move(over));
        panel.over->setFocusRing(true);
        ChartLayer *u = panel.under;
        ChartLayer *o = panel.over;
        QObject::connect(panel.chart, &QChart::plotAreaChanged, panel.chart, [u, o](const QRectF &) {
            u->syncGeometry();
            o->syncGeometry();
        });
    };
    addLayers(
        m_batchLossPanel, [this](QPainter *p) { paintBatchUnder(p, m_batchLossPanel); },
        [this](QPainter *p) { paintOverlay(p, m_batchLossPanel, false); });
    addLayers(
        m_batchAccuracyPanel, [this](QPainter *p) { paintBatchUnder(p, m_batchAccuracyPanel); },
        [this](QPainter *p) { paintOverlay(p, m_batchAccuracyPanel, false); });
    addLayers(
        m_epochLossPanel, [this](QPainter *p) { paintEpochUnder(p, m_epochLossPanel); },
        [this](QPainter *p) { paintOverlay(p, m_epochLossPanel, false); });
    addLayers(
        m_epochAccuracyPanel, [this](QPainter *p) { paintEpochUnder(p, m_epochAccuracyPanel); },
        [this](QPainter *p) { paintOverlay(p, m_epochAccuracyPanel, true); });

    // Tab reaches each chart (a screen reader reads its title and latest numbers); repaint the
    // focus frame when focus enters or leaves one.
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *old, QWidget *now) {
        for (Panel *panel : {&m_batchLossPanel, &m_batchAccuracyPanel, &m_epochLossPanel, &m_epochAccuracyPanel})
            if (panel->view == old || panel->view == now)
                panel->over->update();
    });
}

LiveTab::Panel LiveTab::makePanel(const QString &objectName, const QString &title, const QString &hint)
{
    Panel panel;
    panel.chart = new QChart;
    panel.chart->setBackgroundRoundness(0);
    // Title (drawn by the overlay) on the left and legend on the right share one header row,
    // instead of QChart's centred title with the legend on a second row below it.
    panel.title = title;
    panel.chart->legend()->setAlignment(Qt::AlignTop);
    panel.chart->legend()->detachFromChart();
    panel.chart->legend()->setBackgroundVisible(false);
    panel.chart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    panel.view = new QChartView(panel.chart, m_chartArea); // the view owns the chart
    panel.view->setObjectName(objectName);
    panel.view->setRenderHint(QPainter::Antialiasing);
    panel.view->setFrameShape(QFrame::NoFrame);
    panel.view->setFocusPolicy(Qt::StrongFocus);
    panel.view->setAccessibleName(title);
    panel.view->setAccessibleDescription(hint);
    panel.view->setMinimumSize(fontMetrics().averageCharWidth() * 30, fontMetrics().height() * 10);
    panel.hint = hint;
    panel.axisX = new QValueAxis;
    panel.axisX->setTitleText(tr("epoch"));
    panel.chart->addAxis(panel.axisX, Qt::AlignBottom);
    auto *axisY = new QValueAxis;
    panel.chart->addAxis(axisY, Qt::AlignLeft);
    panel.axisY = axisY;
    // Empty until the first data arrives (see setPanelHasData).
    panel.axisX->setVisible(false);
    axisY->setVisible(false);
    panel.chart->legend()->setVisible(false);
    return panel;
}

void LiveTab::applyTheme()
{
    const QPalette pal = palette();
    const Colors c = colorsFor(pal);
    QFont labelFont = font();
    if (labelFont.pointSizeF() > 0)
        labelFont.setPointSizeF(labelFont.pointSizeF() * 0.92);

    for (Panel *panel : {&m_batchLossPanel, &m_batchAccuracyPanel, &m_epochLossPanel, &m_epochAccuracyPanel}) {
        QChart *chart = panel->chart;
        // The theme first (it resets colours), then our palette-derived styling on top.
        chart->setTheme(isDark(pal) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
        chart->setBackgroundBrush(c.background);
        chart->setBackgroundPen(Qt::NoPen);
        chart->setBackgroundRoundness(0);
        chart->setPlotAreaBackgroundVisible(false);
        chart->setDropShadowEnabled(false);
        const int m = fontMetrics().height() / 4;
        chart->setMargins(QMargins(m, headerHeight(), m * 2, m));
        chart->layout()->setContentsMargins(0, 0, 0, 0);
        QLegend *legend = chart->legend();
        legend->setFont(labelFont);
        legend->setLabelColor(c.text);
        legend->setBrush(Qt::NoBrush);
        legend->setPen(Qt::NoPen);
        const bool batchChart = panel == &m_batchLossPanel || panel == &m_batchAccuracyPanel;
        for (QAbstractAxis *axis : chart->axes()) {
            // Batch charts draw their own epoch boundaries instead of vertical grid lines.
            const bool grid = axis != m_learningRateAxis && !(batchChart && axis->orientation() == Qt::Horizontal);
            styleAxis(axis, grid);
        }
        panel->view->setBackgroundBrush(c.background);
    }
    m_learningRateAxis->setLabelsBrush(c.learningRate);
    m_learningRateAxis->setTitleBrush(c.learningRate);
    m_learningRateAxis->setLineVisible(false);

    const qreal markerSize = std::max(5.0, QFontMetricsF(font()).height() * 0.4);
    auto linePen = [](const QColor &color, qreal width, Qt::PenStyle style = Qt::SolidLine) {
        return QPen(color, width, style, Qt::RoundCap, Qt::RoundJoin);
    };
    applyRawPens();
    m_batchLossSmooth->setPen(linePen(c.train, 2.0));
    m_batchAccuracySmooth->setPen(linePen(c.train, 2.0));
    QColor lr = c.learningRate;
    lr.setAlpha(200);
    m_learningRate->setPen(linePen(lr, 1.3, Qt::DashLine));
    for (QLineSeries *series : {m_epochTrainLoss, m_epochTrainAccuracy, m_epochTestLoss, m_epochTestAccuracy}) {
        const bool train = series == m_epochTrainLoss || series == m_epochTrainAccuracy;
        series->setPen(linePen(train ? c.train : c.test, 2.0));
        series->setPointsVisible(true);
        series->setMarkerSize(markerSize);
    }
    // A ring around the best test point.
    m_bestMarker->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    m_bestMarker->setMarkerSize(markerSize * 2.3);
    m_bestMarker->setColor(Qt::transparent);
    m_bestMarker->setPen(QPen(c.test, 2.0));

    // The best-epoch ring is explained by its on-chart label, not by a legend entry.
    for (QLegendMarker *marker : m_epochAccuracyPanel.chart->legend()->markers(m_bestMarker))
        marker->setVisible(false);
    for (Panel *panel : {&m_batchLossPanel, &m_batchAccuracyPanel, &m_epochLossPanel, &m_epochAccuracyPanel})
        positionHeader(*panel);
}

void LiveTab::applyRawPens()
{
    // Many raw points per pixel column (and decimated min/max zig-zags) overlap: draw them fainter.
    QColor color = colorsFor(palette()).train;
    const int lightAlpha[] = {75, 52, 28};
    const int darkAlpha[] = {85, 60, 36};
    color.setAlpha(isDark(palette()) ? darkAlpha[m_rawDensity] : lightAlpha[m_rawDensity]);
    const QPen pen(color, 1.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    m_batchLossRaw->setPen(pen);
    m_batchAccuracyRaw->setPen(pen);
}

int LiveTab::headerHeight() const
{
    QFont titleFont = font();
    titleFont.setBold(true);
    return static_cast<int>(std::ceil(QFontMetricsF(titleFont).height() * 1.9));
}

void LiveTab::positionHeader(Panel &panel)
{
    // The legend is detached: lay it out in a wide box first, measure the markers it placed
    // (its size hint ignores hidden markers' absence and row layout), then right-align it.
    QLegend *legend = panel.chart->legend();
    const QRectF chartRect = panel.chart->rect();
    const double right = chartRect.right() - panel.chart->margins().right();
    const double left = chartRect.left() + chartRect.width() * 0.3;
    const double height = headerHeight();
    if (right - left < 10.0)
        return;
    legend->setGeometry(QRectF(left, 0.0, right - left, height));
    legend->layout()->invalidate();
    legend->layout()->activate();
    const QRectF used = legend->childrenBoundingRect();
    if (used.isValid() && used.width() < right - left) {
        // The detached layout wraps early (it assumes the next marker is as wide as the current
        // one), so keep spare width past the right edge where nothing is drawn.
        legend->setGeometry(
            QRectF(right - used.right(), height / 2.0 - used.center().y(), used.right() + used.width(), height));
        legend->layout()->invalidate();
        legend->layout()->activate();
    }
    legend->update();
}

void LiveTab::styleAxis(QAbstractAxis *axis, bool grid) const
{
    const Colors c = colorsFor(palette());
    QFont labelFont = font();
    if (labelFont.pointSizeF() > 0)
        labelFont.setPointSizeF(labelFont.pointSizeF() * 0.92);
    axis->setLabelsFont(labelFont);
    axis->setLabelsBrush(c.muted);
    axis->setTitleFont(labelFont);
    axis->setTitleBrush(c.muted);
    axis->setLinePen(QPen(c.axisLine, 1.0));
    axis->setGridLinePen(QPen(c.grid, 1.0));
    axis->setGridLineVisible(grid);
    axis->setMinorGridLineVisible(false);
    axis->setShadesVisible(false);
    if (auto *value = qobject_cast<QValueAxis *>(axis))
        value->setMinorTickCount(0);
}

void LiveTab::addLogAxis(Panel &panel)
{
    // Log scale plots log10(loss) on the series' own value axis (hidden then) and shows this
    // category axis instead, with 1-2-5 labels placed at log10 positions: QLogValueAxis would only
    // label whole decades, often a single "1" for a loss curve. Both axes stay in the chart for
    // good: removing a QtCharts axis leaves its labels on screen until the event loop deletes them.
    panel.logAxis = new QCategoryAxis;
    panel.logAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    panel.chart->addAxis(panel.logAxis, Qt::AlignLeft);
    panel.logAxis->setVisible(false);
}

void LiveTab::updateAxisVisibility(Panel &panel)
{
    for (QAbstractAxis *axis : panel.chart->axes()) {
        bool visible = panel.hasData;
        if (axis == panel.axisY && panel.logAxis)
            visible = visible && !m_logScale;
        else if (axis == panel.logAxis)
            visible = visible && m_logScale;
        else if (axis == m_learningRateAxis)
            visible = visible && m_learningRate->isVisible();
        axis->setVisible(visible);
    }
}

void LiveTab::resetBuffers()
{
    m_timer.stop();
    m_batchX.clear();
    m_batchLoss.clear();
    m_batchAccuracy.clear();
    m_batchLearningRate.clear();
    m_lossSmooth.clear();
    m_accuracySmooth.clear();
    m_lossEma = Ema();
    m_accuracyEma = Ema();
    for (Decimation *d : {&m_lossRawDecimation, &m_lossSmoothDecimation, &m_learningRateDecimation,
                          &m_accuracyRawDecimation, &m_accuracySmoothDecimation})
        d->invalidate();
    m_epochs.clear();
    m_lastBatch = BatchMetrics();
    m_fullBatchesPerEpoch = 0;
    m_plannedEpochs = 0;
}

void LiveTab::clear()
{
    resetBuffers();
    replot();
}

void LiveTab::appendBatchPoint(const BatchMetrics &batch)
{
    m_fullBatchesPerEpoch = std::max(m_fullBatchesPerEpoch, batch.batchesPerEpoch);
    // A fractional last epoch reports fewer batches; dividing by the full count keeps its x honest.
    const double x = m_fullBatchesPerEpoch > 0
                         ? static_cast<double>(batch.epoch) +
                               static_cast<double>(batch.batch + 1) / static_cast<double>(m_fullBatchesPerEpoch)
                         : static_cast<double>(batch.epoch + 1);
    m_batchX.push_back(x);
    m_batchLoss.push_back(batch.loss);
    m_batchAccuracy.push_back(batch.accuracy);
    m_batchLearningRate.push_back(batch.learningRate);
    m_lastBatch = batch;
    if (batch.totalSteps > 0 && m_fullBatchesPerEpoch > 0)
        m_plannedEpochs = std::max(m_plannedEpochs, static_cast<int>((batch.totalSteps + m_fullBatchesPerEpoch - 1) /
                                                                     m_fullBatchesPerEpoch));
}

void LiveTab::appendEpochPoint(const EpochMetrics &epoch)
{
    EpochPoint point;
    point.epoch = static_cast<int>(epoch.epoch);
    point.trainLoss = epoch.trainLoss;
    point.trainAccuracy = epoch.trainAccuracy;
    point.testLoss = epoch.testLoss;
    point.testAccuracy = epoch.testAccuracy;
    point.learningRate = epoch.learningRate;
    m_epochs.push_back(point);
    m_plannedEpochs = std::max(m_plannedEpochs, static_cast<int>(epoch.epochs));
}

void LiveTab::appendBatch(const BatchMetrics &batch)
{
    appendBatchPoint(batch);
    scheduleReplot();
}

void LiveTab::appendEpoch(const EpochMetrics &epoch)
{
    appendEpochPoint(epoch);
    scheduleReplot();
}

void LiveTab::setHistory(const std::vector<BatchMetrics> &batches, const std::vector<EpochMetrics> &epochs)
{
    resetBuffers();
    // The full count first, so every x of a run whose last epoch is partial uses it.
    for (const BatchMetrics &batch : batches)
        m_fullBatchesPerEpoch = std::max(m_fullBatchesPerEpoch, batch.batchesPerEpoch);
    m_batchX.reserve(batches.size());
    m_batchLoss.reserve(batches.size());
    m_batchAccuracy.reserve(batches.size());
    m_batchLearningRate.reserve(batches.size());
    for (const BatchMetrics &batch : batches)
        appendBatchPoint(batch);
    m_epochs.reserve(epochs.size());
    for (const EpochMetrics &epoch : epochs)
        appendEpochPoint(epoch);
    replot();
}

void LiveTab::flush()
{
    replot();
}

int LiveTab::batchPointCount() const
{
    return static_cast<int>(m_batchX.size());
}

int LiveTab::epochPointCount() const
{
    return static_cast<int>(m_epochs.size());
}

int LiveTab::renderedBatchPoints() const
{
    return static_cast<int>(m_batchLossRaw->count());
}

double LiveTab::smoothing() const
{
    return m_smoothing;
}

void LiveTab::setSmoothing(double smoothing)
{
    smoothing = std::clamp(smoothing, 0.0, kMaxSmoothing);
    const int sliderValue = static_cast<int>(std::lround(smoothing * 1000.0));
    if (m_smoothingSlider->value() != sliderValue) {
        const QSignalBlocker blocker(m_smoothingSlider);
        m_smoothingSlider->setValue(sliderValue);
    }
    m_smoothingValue->setText(QString::number(smoothing, 'f', 3));
    if (smoothing == m_smoothing)
        return;
    m_smoothing = smoothing;
    resmoothAll();
    scheduleReplot();
}

bool LiveTab::logScale() const
{
    return m_logScale;
}

void LiveTab::setLogScale(bool enabled)
{
    if (m_logScaleCheck->isChecked() != enabled) {
        const QSignalBlocker blocker(m_logScaleCheck);
        m_logScaleCheck->setChecked(enabled);
    }
    if (enabled == m_logScale)
        return;
    m_logScale = enabled;
    updateAxisVisibility(m_batchLossPanel);
    updateAxisVisibility(m_epochLossPanel);
    scheduleReplot();
}

void LiveTab::scheduleReplot()
{
    m_dirty = true;
    if (!m_timer.isActive())
        m_timer.start();
}

void LiveTab::onTimer()
{
    // A hidden tab keeps buffering and replots once when shown; an idle one stops ticking.
    if (!m_dirty || !isVisible()) {
        m_timer.stop();
        return;
    }
    replot();
}

void LiveTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        scheduleReplot();
}

void LiveTab::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Tick density follows the plot size.
    if (!m_batchX.empty() || !m_epochs.empty())
        scheduleReplot();
}

void LiveTab::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    const bool look = event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange ||
                      event->type() == QEvent::StyleChange;
    if (look && m_batchLossRaw && m_chartArea) { // not before buildUi, not while being destroyed
        applyTheme();
        scheduleReplot();
    }
}

void LiveTab::extendSmoothing()
{
    const size_t n = m_batchX.size();
    m_lossSmooth.reserve(m_batchX.capacity());
    m_accuracySmooth.reserve(m_batchX.capacity());
    for (size_t i = m_lossSmooth.size(); i < n; ++i) {
        m_lossSmooth.push_back(m_lossEma.push(m_batchLoss[i], m_smoothing));
        m_accuracySmooth.push_back(m_accuracyEma.push(m_batchAccuracy[i], m_smoothing));
    }
}

void LiveTab::resmoothAll()
{
    m_lossSmooth.clear();
    m_accuracySmooth.clear();
    m_lossEma = Ema();
    m_accuracyEma = Ema();
    m_lossSmoothDecimation.invalidate();
    m_accuracySmoothDecimation.invalidate();
    extendSmoothing();
}

double LiveTab::lossValue(double value) const
{
    return m_logScale ? std::log10(std::max(value, kLogFloor)) : value;
}

void LiveTab::replot()
{
    m_dirty = false;
    extendSmoothing();
    double lastX = m_batchX.empty() ? 0.0 : m_batchX.back();
    if (!m_epochs.empty())
        lastX = std::max(lastX, static_cast<double>(m_epochs.back().epoch + 1));
    // The x axis spans whole epochs of data so far (epoch index e ends at x = e + 1), the same on
    // all four charts so batch and epoch curves line up vertically.
    const double xMax = std::max(1.0, std::ceil(lastX - 1e-9));
    replotBatchCharts(xMax);
    replotEpochCharts(xMax);
    updateSummary();
    for (Panel *panel : {&m_batchLossPanel, &m_batchAccuracyPanel, &m_epochLossPanel, &m_epochAccuracyPanel}) {
        panel->under->update();
        panel->over->update();
    }
}

void LiveTab::setPanelHasData(Panel &panel, bool hasData)
{
    if (panel.hasData == hasData)
        return;
    panel.hasData = hasData;
    // Empty charts show a hint instead of an empty axis box.
    updateAxisVisibility(panel);
    panel.chart->legend()->setVisible(hasData);
    positionHeader(panel);
}

void LiveTab::setXRange(Panel &panel, double xMax) const
{
    const QRectF plot = panel.chart->plotArea();
    const double labelWidth = QFontMetricsF(font()).horizontalAdvance(QStringLiteral("000.0")) * 1.6;
    const int target = std::clamp(plot.width() > 0 ? static_cast<int>(plot.width() / labelWidth) : 8, 2, 12);
    double step = niceStep(xMax, target);
    if (xMax >= 2.0)
        step = std::max(1.0, step); // whole epochs once there are several
    // A little room on the right so the last marker is not cut in half by the plot edge.
    const double pad = xMax * 0.015;
    panel.axisX->setTickType(QValueAxis::TicksDynamic);
    panel.axisX->setTickAnchor(0.0);
    panel.axisX->setTickInterval(step);
    panel.axisX->setLabelFormat(QStringLiteral("%.") + QString::number(decimalsFor(step)) + QStringLiteral("f"));
    panel.axisX->setRange(0.0, xMax + pad);
}

void LiveTab::setLinearYRange(Panel &panel, double lo, double hi, bool percent) const
{
    QValueAxis *axis = panel.axisY;
    if (!std::isfinite(lo) || !std::isfinite(hi)) {
        lo = 0.0;
        hi = 1.0;
    }
    const bool nonNegative = lo >= 0.0; // losses and accuracies: no axis below zero
    if (hi - lo < 1e-9) {
        const double pad = std::max(std::abs(hi) * 0.05, percent ? 1.0 : 1e-3);
        lo -= pad;
        hi += pad;
    }
    const QRectF plot = panel.chart->plotArea();
    const double rowHeight = QFontMetricsF(font()).height() * 2.8;
    const int target = std::clamp(plot.height() > 0 ? static_cast<int>(plot.height() / rowHeight) : 5, 3, 8);
    const double headroom = (hi - lo) * 0.03;
    const double step = niceStep(hi - lo + 2 * headroom, target);
    double top = std::ceil((hi + headroom) / step - 1e-9) * step;
    double bottom = std::floor((lo - headroom) / step + 1e-9) * step;
    if (nonNegative)
        bottom = std::max(0.0, bottom);
    if (percent)
        top = std::min(100.0, top);
    if (top <= bottom)
        top = bottom + step;
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0.0);
    axis->setTickInterval(step);
    const QString format = QStringLiteral("%.") + QString::number(decimalsFor(step)) + QStringLiteral("f");
    axis->setLabelFormat(percent ? format + QStringLiteral("%%") : format);
    // A hair of slack so rounding (3 * 0.2 = 0.6000000000000001) cannot drop the end labels.
    axis->setRange(bottom - step * 1e-6, top + step * 1e-6);
}

void LiveTab::setLogYRange(Panel &panel, double lo, double hi) const
{
    QCategoryAxis *axis = panel.logAxis;
    if (!axis)
        return;
    lo = std::max(std::isfinite(lo) ? lo : 1.0, kLogFloor);
    hi = std::max(std::isfinite(hi) ? hi : 1.0, lo * 1.01);
    const double decades = std::log10(hi) - std::log10(lo);
    std::vector<double> mantissas;
    int decadeStep = 1;
    if (decades <= 0.8)
        mantissas = {1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0};
    else if (decades <= 2.2)
        mantissas = {1.0, 2.0, 5.0};
    else if (decades <= 4.5)
        mantissas = {1.0, 3.0};
    else {
        mantissas = {1.0};
        decadeStep = std::max(1, static_cast<int>(std::ceil(decades / 6.0)));
    }
    std::vector<double> ticks;
    const int first = static_cast<int>(std::floor(std::log10(lo))) - 1;
    const int last = static_cast<int>(std::ceil(std::log10(hi))) + 1;
    for (int d = first; d <= last; ++d) {
        if (((d % decadeStep) + decadeStep) % decadeStep != 0)
            continue;
        for (double m : mantissas)
            ticks.push_back(m * std::pow(10.0, d));
    }
    // Range: from the tick at or below the data to the tick at or above it.
    double bottom = ticks.front();
    double top = ticks.back();
    for (double t : ticks)
        if (t <= lo * (1.0 + 1e-9))
            bottom = t;
    for (auto it = ticks.rbegin(); it != ticks.rend(); ++it)
        if (*it >= hi * (1.0 - 1e-9))
            top = *it;
    QStringList labels;
    std::vector<double> values;
    for (double t : ticks) {
        if (t < bottom * (1.0 - 1e-9) || t > top * (1.0 + 1e-9))
            continue;
        labels.append(QString::number(t, 'g', 3));
        values.push_back(std::log10(t));
    }
    const double lb = std::log10(bottom);
    const double lt = std::log10(top);
    // Rebuild the categories only when they change: a replot every 40 ms must stay cheap.
    if (axis->categoriesLabels() != labels || std::abs(axis->min() - lb) > 1e-12 || std::abs(axis->max() - lt) > 1e-12) {
        for (const QString &label : axis->categoriesLabels())
            axis->remove(label);
        axis->setStartValue(lb - 1e-9);
        for (qsizetype i = 0; i < labels.size(); ++i)
            axis->append(labels[i], values[static_cast<size_t>(i)]);
        axis->setRange(lb, lt);
    }
    panel.axisY->setRange(lb, lt);
}

void LiveTab::replotBatchCharts(double xMax)
{
    const size_t n = m_batchX.size();
    setPanelHasData(m_batchLossPanel, n > 0);
    setPanelHasData(m_batchAccuracyPanel, n > 0);
    if (n == 0) {
        for (QLineSeries *series :
             {m_batchLossRaw, m_batchLossSmooth, m_learningRate, m_batchAccuracyRaw, m_batchAccuracySmooth})
            series->clear();
        return;
    }
    Transform loss;
    loss.log = m_logScale;
    QList<QPointF> points;

    const int density = n <= kMaxBuckets ? 0 : n <= 8 * kMaxBuckets ? 1 : 2;
    if (density != m_rawDensity) {
        m_rawDensity = density;
        applyRawPens();
    }

    m_lossRawDecimation.update(m_batchX, m_batchLoss, 1.0, m_logScale, true, points);
    m_batchLossRaw->replace(points);
    m_lossSmoothDecimation.update(m_batchX, m_lossSmooth, 1.0, m_logScale, false, points);
    m_batchLossSmooth->replace(points);
    // The y range: robust raw extent plus the whole smoothed curve, in loss units.
    auto [lossLo, lossHi] = robustExtent(m_batchLoss, m_scratch);
    if (!points.isEmpty()) {
        const auto [smoothLo, smoothHi] = yExtent(points);
        lossLo = std::isfinite(lossLo) ? std::min(lossLo, loss.invert(smoothLo)) : loss.invert(smoothLo);
        lossHi = std::isfinite(lossHi) ? std::max(lossHi, loss.invert(smoothHi)) : loss.invert(smoothHi);
    }

    m_learningRateDecimation.update(m_batchX, m_batchLearningRate, 1.0, false, false, points);
    const double lrMax = points.isEmpty() ? 0.0 : yExtent(points).second;
    const bool showLr = lrMax > 0.0;
    if (showLr)
        m_learningRate->replace(points);
    else
        m_learningRate->clear();
    if (m_learningRate->isVisible() != showLr) {
        m_learningRate->setVisible(showLr);
        m_learningRateAxis->setVisible(showLr);
        for (QLegendMarker *marker : m_batchLossPanel.chart->legend()->markers(m_learningRate))
            marker->setVisible(showLr);
        positionHeader(m_batchLossPanel);
    }
    if (showLr) {
        const double step = niceStep(lrMax * 1.05, 4);
        const double top = std::ceil(lrMax * 1.05 / step - 1e-9) * step;
        m_learningRateAxis->setTickType(QValueAxis::TicksDynamic);
        m_learningRateAxis->setTickAnchor(0.0);
        m_learningRateAxis->setTickInterval(step);
        m_learningRateAxis->setLabelFormat(QStringLiteral("%g"));
        m_learningRateAxis->setRange(0.0, top + step * 1e-6);
    }

    m_accuracyRawDecimation.update(m_batchX, m_batchAccuracy, 100.0, false, true, points);
    m_batchAccuracyRaw->replace(points);
    m_accuracySmoothDecimation.update(m_batchX, m_accuracySmooth, 100.0, false, false, points);
    m_batchAccuracySmooth->replace(points);
    auto [accLo, accHi] = robustExtent(m_batchAccuracy, m_scratch);
    accLo *= 100.0;
    accHi *= 100.0;
    if (!points.isEmpty()) {
        const auto [smoothLo, smoothHi] = yExtent(points);
        accLo = std::isfinite(accLo) ? std::min(accLo, smoothLo) : smoothLo;
        accHi = std::isfinite(accHi) ? std::max(accHi, smoothHi) : smoothHi;
    }

    setXRange(m_batchLossPanel, xMax);
    setXRange(m_batchAccuracyPanel, xMax);
    if (m_logScale)
        setLogYRange(m_batchLossPanel, lossLo, lossHi);
    else
        setLinearYRange(m_batchLossPanel, lossLo, lossHi, false);
    setLinearYRange(m_batchAccuracyPanel, accLo, accHi, true);
}

void LiveTab::replotEpochCharts(double xMax)
{
    const bool hasData = !m_epochs.empty();
    setPanelHasData(m_epochLossPanel, hasData);
    setPanelHasData(m_epochAccuracyPanel, hasData);
    QList<QPointF> trainLoss;
    QList<QPointF> testLoss;
    QList<QPointF> trainAccuracy;
    QList<QPointF> testAccuracy;
    double lossLo = std::numeric_limits<double>::max();
    double lossHi = std::numeric_limits<double>::lowest();
    double accLo = lossLo;
    double accHi = lossHi;
    auto add = [](QList<QPointF> &list, double x, double y, double &lo, double &hi) {
        if (!std::isfinite(y))
            return;
        list.append(QPointF(x, y));
        lo = std::min(lo, y);
        hi = std::max(hi, y);
    };
    for (const EpochPoint &e : m_epochs) {
        const double x = e.epoch + 1.0;
        add(trainLoss, x, e.trainLoss, lossLo, lossHi);
        add(testLoss, x, e.testLoss, lossLo, lossHi);
        add(trainAccuracy, x, e.trainAccuracy * 100.0, accLo, accHi);
        add(testAccuracy, x, e.testAccuracy * 100.0, accLo, accHi);
    }
    const double lossRawLo = lossLo;
    const double lossRawHi = lossHi;
    for (QList<QPointF> *list : {&trainLoss, &testLoss})
        for (QPointF &p : *list)
            p.setY(lossValue(p.y()));
    m_epochTrainLoss->replace(trainLoss);
    m_epochTestLoss->replace(testLoss);
    m_epochTrainAccuracy->replace(trainAccuracy);
    m_epochTestAccuracy->replace(testAccuracy);

    const int best = bestEpochIndex();
    if (best >= 0) {
        const EpochPoint &e = m_epochs[static_cast<size_t>(best)];
        m_bestMarker->replace(QList<QPointF>{QPointF(e.epoch + 1.0, e.testAccuracy * 100.0)});
        m_bestMarker->setName(bestEpochLabel());
    } else {
        m_bestMarker->clear();
        m_bestMarker->setName(QString());
    }
    if (!hasData)
        return;
    setXRange(m_epochLossPanel, xMax);
    setXRange(m_epochAccuracyPanel, xMax);
    if (m_logScale)
        setLogYRange(m_epochLossPanel, lossRawLo, lossRawHi);
    else
        setLinearYRange(m_epochLossPanel, lossRawLo, lossRawHi, false);
    setLinearYRange(m_epochAccuracyPanel, accLo, accHi, true);
}

int LiveTab::bestEpochIndex() const
{
    int best = -1;
    for (size_t i = 0; i < m_epochs.size(); ++i) {
        const double acc = m_epochs[i].testAccuracy;
        // The first epoch reaching the maximum wins ties: that is when the model got there.
        if (std::isfinite(acc) && (best < 0 || acc > m_epochs[static_cast<size_t>(best)].testAccuracy))
            best = static_cast<int>(i);
    }
    return best;
}

QString LiveTab::bestEpochLabel() const
{
    const int best = bestEpochIndex();
    if (best < 0)
        return QString();
    const EpochPoint &e = m_epochs[static_cast<size_t>(best)];
    return tr("best %1% @ %2").arg(e.testAccuracy * 100.0, 0, 'f', 1).arg(e.epoch + 1);
}

void LiveTab::updateSummary()
{
    if (m_batchX.empty() && m_epochs.empty()) {
        m_summary->setText(tr("Waiting for the first batch"));
        for (Panel *panel : {&m_batchLossPanel, &m_batchAccuracyPanel, &m_epochLossPanel, &m_epochAccuracyPanel})
            panel->view->setAccessibleDescription(panel->hint);
        return;
    }
    QStringList parts;
    if (!m_batchX.empty()) {
        const int epochs = std::max<int>(m_plannedEpochs, static_cast<int>(m_lastBatch.epoch + 1));
        parts << tr("Epoch %1/%2, batch %3/%4")
                     .arg(m_lastBatch.epoch + 1)
                     .arg(epochs)
                     .arg(m_lastBatch.batch + 1)
                     .arg(m_lastBatch.batchesPerEpoch);
        parts << tr("loss %1").arg(m_lossSmooth.back(), 0, 'f', 4);
        parts << tr("accuracy %1%").arg(m_accuracySmooth.back() * 100.0, 0, 'f', 1);
        if (m_lastBatch.learningRate > 0.0)
            parts << tr("lr %1").arg(m_lastBatch.learningRate, 0, 'g', 3);
    } else {
        parts << tr("Epoch %1/%2").arg(m_epochs.back().epoch + 1).arg(std::max<int>(m_plannedEpochs, m_epochs.back().epoch + 1));
    }
    const int best = bestEpochIndex();
    if (best >= 0)
        parts << tr("best test %1% @ %2")
                     .arg(m_epochs[static_cast<size_t>(best)].testAccuracy * 100.0, 0, 'f', 1)
                     .arg(m_epochs[static_cast<size_t>(best)].epoch + 1);
    m_summary->setText(parts.join(QStringLiteral("  \u00b7  ")));
    // The charts' accessible descriptions: where the run stands, or why a chart is still empty.
    const QString spoken = parts.join(QStringLiteral(", "));
    for (Panel *panel : {&m_batchLossPanel, &m_batchAccuracyPanel, &m_epochLossPanel, &m_epochAccuracyPanel})
        panel->view->setAccessibleDescription(panel->hasData ? spoken : panel->hint);
}

void LiveTab::paintBatchUnder(QPainter *painter, const Panel &panel)
{
    if (!panel.hasData || m_batchX.empty())
        return;
    const QRectF plot = panel.chart->plotArea();
    const double xMax = panel.axisX->max();
    if (plot.width() <= 0 || xMax <= 0)
        return;
    const Colors c = colorsFor(palette());
    painter->setClipRect(plot);
    painter->setRenderHint(QPainter::Antialiasing, false);
    QPen pen(c.boundary, 1.0);
    pen.setCosmetic(true);
    painter->setPen(pen);
    // Every epoch boundary inside the data, thinned out when they would crowd closer than ~6 px.
    const double spacing = plot.width() / xMax;
    const int every = std::max(1, static_cast<int>(std::ceil(6.0 / std::max(spacing, 1e-9))));
    const double lastX = m_batchX.back();
    for (int k = every; k < lastX - 1e-9; k += every) {
        const double px = std::round(panel.chart->mapToPosition(QPointF(k, 0.0), panel.reference).x()) + 0.5;
        painter->drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()));
    }
}

void LiveTab::paintEpochUnder(QPainter *painter, const Panel &panel)
{
    const int best = bestEpochIndex();
    if (!panel.hasData || best < 0 || m_epochs.size() < 2)
        return;
    const QRectF plot = panel.chart->plotArea();
    const Colors c = colorsFor(palette());
    QColor color = c.test;
    color.setAlpha(&panel == &m_epochAccuracyPanel ? 170 : 110);
    QPen pen(color, 1.2, Qt::DashLine);
    pen.setDashPattern({4.0, 3.0});
    painter->setClipRect(plot);
    painter->setPen(pen);
    const double x = m_epochs[static_cast<size_t>(best)].epoch + 1.0;
    const double px = panel.chart->mapToPosition(QPointF(x, 0.0), panel.reference).x();
    painter->drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()));
}

void LiveTab::paintOverlay(QPainter *painter, const Panel &panel, bool bestLabel)
{
    const Colors c = colorsFor(palette());
    QFont titleFont = font();
    titleFont.setBold(true);
    painter->setFont(titleFont);
    painter->setPen(c.text);
    const QRectF header(panel.chart->margins().left() + fontMetrics().averageCharWidth(), 0.0,
                        panel.chart->rect().width() / 2.0, headerHeight());
    painter->drawText(header, Qt::AlignLeft | Qt::AlignVCenter, panel.title);
    if (!panel.hasData) {
        // Empty state: a quiet sentence where the curves will appear.
        QRectF area = panel.chart->plotArea();
        if (area.width() <= 0 || area.height() <= 0)
            area = panel.chart->rect();
        QFont hintFont = font();
        painter->setFont(hintFont);
        painter->setPen(c.muted);
        painter->drawText(area.adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, panel.hint);
        return;
    }
    if (!bestLabel || m_epochs.size() < 2)
        return;
    const int best = bestEpochIndex();
    if (best < 0)
        return;
    const EpochPoint &e = m_epochs[static_cast<size_t>(best)];
    const QRectF plot = panel.chart->plotArea();
    const QPointF at = panel.chart->mapToPosition(QPointF(e.epoch + 1.0, e.testAccuracy * 100.0), m_epochTestAccuracy);
    QFont labelFont = font();
    labelFont.setBold(true);
    if (labelFont.pointSizeF() > 0)
        labelFont.setPointSizeF(labelFont.pointSizeF() * 0.92);
    const QFontMetricsF fm(labelFont);
    const QString text = bestEpochLabel();
    const double padX = fm.height() * 0.4;
    const double padY = fm.height() * 0.15;
    const QSizeF size(fm.horizontalAdvance(text) + 2 * padX, fm.height() + 2 * padY);
    // At the top of the dashed best-epoch line, on whichever side has room: the band above the
    // best test accuracy is where the curves are least likely to run.
    const double gap = fm.averageCharWidth() * 0.8;
    QRectF box(QPointF(at.x() + gap, plot.top() + fm.height() * 0.3), size);
    if (box.right() > plot.right())
        box.moveRight(at.x() - gap);
    if (box.left() < plot.left())
        box.moveLeft(plot.left());
    painter->setRenderHint(QPainter::Antialiasing, true);
    QColor fill = c.background;
    fill.setAlpha(235);
    QColor border = c.test;
    border.setAlpha(200);
    painter->setPen(QPen(border, 1.0));
    painter->setBrush(fill);
    painter->drawRoundedRect(box, size.height() / 2, size.height() / 2);
    painter->setFont(labelFont);
    painter->setPen(c.test);
    painter->drawText(box, Qt::AlignCenter, text);
}

void LiveTab::showBatchTooltip(const QPointF &point, bool state, int kind)
{
    if (!state || m_batchX.empty()) {
        QToolTip::hideText();
        return;
    }
    // Snap to the nearest received batch: the hovered point is interpolated along the line.
    auto it = std::lower_bound(m_batchX.begin(), m_batchX.end(), point.x());
    size_t i = static_cast<size_t>(std::distance(m_batchX.begin(), it));
    if (i >= m_batchX.size())
        i = m_batchX.size() - 1;
    else if (i > 0 && point.x() - m_batchX[i - 1] < m_batchX[i] - point.x())
        --i;
    const QString epoch = QString::number(m_batchX[i], 'f', 2);
    QString text;
    switch (kind) {
    case kLearningRate:
        text = tr("epoch %1: learning rate %2").arg(epoch).arg(m_batchLearningRate[i], 0, 'g', 4);
        break;
    case kAccuracyRaw:
    case kAccuracySmooth:
        text = tr("epoch %1: accuracy %2%").arg(epoch).arg(m_batchAccuracy[i] * 100.0, 0, 'f', 1) +
               QLatin1Char('\n') + tr("smoothed %1%").arg(m_accuracySmooth[i] * 100.0, 0, 'f', 1);
        break;
    default:
        text = tr("epoch %1: loss %2").arg(epoch).arg(m_batchLoss[i], 0, 'f', 4) + QLatin1Char('\n') +
               tr("smoothed %1").arg(m_lossSmooth[i], 0, 'f', 4);
        break;
    }
    QToolTip::showText(QCursor::pos(), text, this);
}

void LiveTab::showEpochTooltip(const QPointF &point, bool state, int kind)
{
    if (!state || m_epochs.empty()) {
        QToolTip::hideText();
        return;
    }
    const EpochPoint *nearest = &m_epochs.front();
    for (const EpochPoint &e : m_epochs)
        if (std::abs(e.epoch + 1.0 - point.x()) < std::abs(nearest->epoch + 1.0 - point.x()))
            nearest = &e;
    const bool loss = kind == kTrainLoss || kind == kTestLoss;
    QString text;
    if (loss)
        text = tr("epoch %1: train loss %2, test loss %3")
                   .arg(nearest->epoch + 1)
                   .arg(nearest->trainLoss, 0, 'f', 4)
                   .arg(nearest->testLoss, 0, 'f', 4);
    else
        text = tr("epoch %1: train accuracy %2%, test accuracy %3%")
                   .arg(nearest->epoch + 1)
                   .arg(nearest->trainAccuracy * 100.0, 0, 'f', 2)
                   .arg(nearest->testAccuracy * 100.0, 0, 'f', 2);
    QToolTip::showText(QCursor::pos(), text, this);
}

bool LiveTab::saveImage(const QString &path) const
{
    // Lay out a never-shown tab so the charts have their real sizes.
    if (layout())
        layout()->activate();
    QSize size = m_chartArea->size();
    if (size.width() < 2 || size.height() < 2)
        return false;
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QStringLiteral("svg"))
        return paintToSvg(path, size, logicalDpiX(), tr("CifarLab training curves"), QString(), [&](QPainter &svg) {
            svg.fillRect(QRect(QPoint(0, 0), size), palette().color(QPalette::Window));
            m_chartArea->render(&svg, QPoint(), QRegion(), QWidget::DrawChildren);
        });
    constexpr qreal kRatio = 2.0; // sharp on high-DPI screens and in documents
    QImage image(size * kRatio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(kRatio);
    image.fill(palette().color(QPalette::Window));
    {
        QPainter painter(&image);
        m_chartArea->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
    }
    const QByteArray format = suffix.isEmpty() ? QByteArrayLiteral("PNG") : suffix.toLatin1();
    return image.save(path, format.constData());
}

} // namespace cifarlab
