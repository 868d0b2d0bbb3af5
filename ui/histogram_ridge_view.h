#pragma once

#include <QString>
#include <QWidget>

#include <vector>

namespace cifarlab {

// One parameter's value distribution over the epochs (TensorBoard's "offset" histograms): each
// epoch's histogram is a ridge, the oldest at the back, the shown epoch drawn in the accent colour
// in front with its range on the axis.
class HistogramRidgeView : public QWidget
{
    Q_OBJECT

public:
    struct Ridge
    {
        int epoch = 0;          // 1-based, for the labels
        double min = 0.0, max = 0.0;
        std::vector<float> fractions; // equal bins of [min, max]; empty: nothing to draw
    };

    explicit HistogramRidgeView(QWidget *parent = nullptr);

    // Ridges in epoch order; `current` indexes the highlighted one (-1: none). `emptyText` is shown
    // when no ridge has data.
    void setRidges(std::vector<Ridge> ridges, int current, const QString &emptyText);
    const std::vector<Ridge> &ridges() const { return m_ridges; }
    int current() const { return m_current; }
    // The value axis: the union of the ridges' ranges.
    double axisMin() const { return m_axisMin; }
    double axisMax() const { return m_axisMax; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void updateAccessibleText();

    std::vector<Ridge> m_ridges;
    int m_current = -1;
    QString m_emptyText;
    double m_axisMin = 0.0, m_axisMax = 0.0;
};

// Compact numbers for statistics that span decades: "0.0123", "1.2e-05", "-3.4".
QString statisticText(double value);

} // namespace cifarlab
