#pragma once

#include "core/lr_finder.h"
#include "ui/comparison_charts.h"

#include <QWidget>

namespace cifarlab {

// The learning-rate finder's curve on screen: the same painting as the exported file, the value
// under the pointer as a tooltip, and a click that picks the rate under it.
class LrFinderChartView : public QWidget
{
    Q_OBJECT

public:
    explicit LrFinderChartView(QWidget *parent = nullptr);

    void setResult(const LrFinderResult &result, const QString &subtitle);
    void setPicked(double learningRate); // 0 = none
    // Rate at a widget x coordinate; 0 when no curve is drawn.
    double learningRateAt(double x) const { return m_geometry.learningRateAt(x); }
    QRectF plotFrame() const { return m_geometry.frame; }
    QSize sizeHint() const override { return {760, 470}; }
    QSize minimumSizeHint() const override { return {420, 280}; }

Q_SIGNALS:
    void learningRatePicked(double learningRate);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    LrFinderResult m_result;
    QString m_subtitle;
    LrFinderChartGeometry m_geometry;
    double m_picked = 0.0;
};

} // namespace cifarlab
