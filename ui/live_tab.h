#pragma once

#include "core/training_metrics.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <QTimer>
#include <QWidget>

#include <vector>

QT_BEGIN_NAMESPACE
class QAbstractAxis;
class QCategoryAxis;
class QChart;
class QChartView;
class QCheckBox;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QSlider;
class QValueAxis;
class QXYSeries;
QT_END_NAMESPACE

namespace cifarlab {

class ChartLayer;

// Live training curves: loss and accuracy per batch (raw + smoothed, learning rate) and per epoch
// (train and test, best epoch). Metrics are only buffered on arrival; a 40 ms timer replots a
// decimated copy, so a 250,000-batch run stays cheap to draw while every raw point is kept.
class LiveTab : public QWidget
{
    Q_OBJECT

public:
    explicit LiveTab(QWidget *parent = nullptr);
    ~LiveTab() override;

    void clear();
    void appendBatch(const BatchMetrics &batch);
    void appendEpoch(const EpochMetrics &epoch);
    void setHistory(const std::vector<BatchMetrics> &batches, const std::vector<EpochMetrics> &epochs);
    void flush();

    int batchPointCount() const;
    int epochPointCount() const;
    int renderedBatchPoints() const;

    double smoothing() const;
    void setSmoothing(double smoothing);
    bool logScale() const;
    void setLogScale(bool enabled);

    bool saveImage(const QString &path) const;

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    // Scalars only: the per-image vectors of EpochMetrics are never copied here.
    struct EpochPoint
    {
        int epoch = 0; // 0-based
        double trainLoss = 0.0;
        double trainAccuracy = 0.0;
        double testLoss = 0.0;
        double testAccuracy = 0.0;
        double learningRate = 0.0;
    };

    // Debiased exponential moving average (TensorBoard's smoothing).
    struct Ema
    {
        double last = 0.0;
        double weightPower = 1.0; // smoothing^count, for the debias term
        double push(double value, double smoothing);
    };

    // Decimated copy of one buffer. Whole buckets are cached, so a replot during a long run only
    // recomputes the last, growing bucket.
    struct Decimation
    {
        size_t bucket = 0; // 0: nothing cached
        size_t done = 0;   // whole buckets in `points`
        double scale = 1.0;
        bool log = false;
        bool envelope = false;
        QList<QPointF> points;

        void invalidate() { bucket = 0; }
        void update(const std::vector<double> &xs, const std::vector<double> &ys, double yScale, bool logY,
                    bool minMaxEnvelope, QList<QPointF> &out);
    };

    struct Panel
    {
        QChartView *view = nullptr;
        QChart *chart = nullptr;
        QValueAxis *axisX = nullptr;
        QValueAxis *axisY = nullptr;          // the series' vertical axis (log10 values in log scale)
        QCategoryAxis *logAxis = nullptr;     // loss charts: labels for log scale, same range
        QXYSeries *reference = nullptr; // maps data to chart coordinates for the layers
        ChartLayer *under = nullptr; // epoch boundaries, best-epoch line (behind the series)
        ChartLayer *over = nullptr;  // empty-state hint, best-epoch label
        QString title;
        QString hint;
        bool hasData = false;
    };

    void buildUi();
    Panel makePanel(const QString &objectName, const QString &title, const QString &hint);
    void applyTheme();
    void applyRawPens();
    void positionHeader(Panel &panel);
    int headerHeight() const;
    void styleAxis(QAbstractAxis *axis, bool grid) const;
    void addLogAxis(Panel &panel);
    void updateAxisVisibility(Panel &panel);
    void scheduleReplot();
    void onTimer();
    void appendBatchPoint(const BatchMetrics &batch);
    void appendEpochPoint(const EpochMetrics &epoch);
    void extendSmoothing();
    void resmoothAll();
    void resetBuffers();
    void replot();
    void replotBatchCharts(double xMax);
    void replotEpochCharts(double xMax);
    void setPanelHasData(Panel &panel, bool hasData);
    void setXRange(Panel &panel, double xMax) const;
    void setLinearYRange(Panel &panel, double lo, double hi, bool percent) const;
    void setLogYRange(Panel &panel, double lo, double hi) const;
    int bestEpochIndex() const;
    QString bestEpochLabel() const;
    void updateSummary();
    void paintBatchUnder(QPainter *painter, const Panel &panel);
    void paintEpochUnder(QPainter *painter, const Panel &panel);
    void paintOverlay(QPainter *painter, const Panel &panel, bool bestLabel);
    void showBatchTooltip(const QPointF &point, bool state, int kind);
    void showEpochTooltip(const QPointF &point, bool state, int kind);
    double lossValue(double value) const;

    // Raw buffers: every point ever received.
    std::vector<double> m_batchX; // fractional epoch: epoch + (batch + 1) / batchesPerEpoch
    std::vector<double> m_batchLoss;
    std::vector<double> m_batchAccuracy; // fraction
    std::vector<double> m_batchLearningRate;
    std::vector<double> m_lossSmooth;
    std::vector<double> m_accuracySmooth;
    Decimation m_lossRawDecimation;
    Decimation m_lossSmoothDecimation;
    Decimation m_learningRateDecimation;
    Decimation m_accuracyRawDecimation;
    Decimation m_accuracySmoothDecimation;
    Ema m_lossEma;
    Ema m_accuracyEma;
    std::vector<EpochPoint> m_epochs;
    BatchMetrics m_lastBatch;
    int64_t m_fullBatchesPerEpoch = 0; // the largest seen: a fractional last epoch has fewer
    int m_plannedEpochs = 0;

    double m_smoothing = 0.9;
    bool m_logScale = false;
    bool m_dirty = false;
    int m_rawDensity = 0; // 0..2: the more raw points per pixel, the fainter they are drawn
    std::vector<double> m_scratch;
    QTimer m_timer;

    Panel m_batchLossPanel;
    Panel m_batchAccuracyPanel;
    Panel m_epochLossPanel;
    Panel m_epochAccuracyPanel;
    QWidget *m_chartArea = nullptr;
    QLineSeries *m_batchLossRaw = nullptr;
    QLineSeries *m_batchLossSmooth = nullptr;
    QLineSeries *m_learningRate = nullptr;
    QValueAxis *m_learningRateAxis = nullptr;
    QLineSeries *m_batchAccuracyRaw = nullptr;
    QLineSeries *m_batchAccuracySmooth = nullptr;
    QLineSeries *m_epochTrainLoss = nullptr;
    QLineSeries *m_epochTestLoss = nullptr;
    QLineSeries *m_epochTrainAccuracy = nullptr;
    QLineSeries *m_epochTestAccuracy = nullptr;
    QScatterSeries *m_bestMarker = nullptr;

    QSlider *m_smoothingSlider = nullptr;
    QLabel *m_smoothingValue = nullptr;
    QCheckBox *m_logScaleCheck = nullptr;
    QLabel *m_summary = nullptr;
};

} // namespace cifarlab
