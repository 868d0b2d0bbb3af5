#pragma once

#include "core/training_metrics.h"

#include <QString>
#include <QWidget>

#include <cstdint>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QStackedWidget;
class QTableWidget;
class QToolButton;

namespace cifarlab {

class EpochSlider;
class HistogramRidgeView;
class HistoryStripDelegate;

// The Weights tab (TensorBoard's histograms and distributions, per parameter tensor): a sortable
// table of the parameters at one epoch with a heat strip of the chosen measure over all epochs
// (update-to-weight ratio, gradient RMS, weight RMS or spread, on a log colour scale shared by all
// rows), and for the selected parameter its statistics and its weight and gradient histograms
// over the epochs. An epoch slider scrubs the run's history.
class WeightsTab : public QWidget
{
    Q_OBJECT

public:
    enum Column { kNameColumn, kShapeColumn, kWeightRmsColumn, kGradientRmsColumn, kUpdateRatioColumn, kHistoryColumn,
                  kColumnCount };
    enum class Measure { UpdateRatio, GradientRms, WeightRms, WeightStd };

    explicit WeightsTab(QWidget *parent = nullptr);
    ~WeightsTab() override;

    void clear();
    // Keeps only the parameter statistics (never the per-image vectors). When the slider is at the
    // latest epoch it follows the new one; otherwise it stays put.
    void appendEpoch(const EpochMetrics &epoch);
    void setEpochs(const std::vector<EpochMetrics> &epochs);

    int epochCount() const { return static_cast<int>(m_history.size()); }
    int shownEpoch() const; // index into the history, -1 when empty
    void showEpoch(int index);
    Measure measure() const;
    void setMeasure(Measure measure);
    // Whether 1-D parameters (biases, normalization scales) are listed beside the weight tensors.
    bool showsAllParameters() const;
    void setShowAllParameters(bool all);
    QString selectedParameter() const;
    // False when no listed parameter has that name.
    bool selectParameter(const QString &name);
    bool hasStatistics() const;

    QTableWidget *table() const { return m_table; }
    HistogramRidgeView *weightsView() const { return m_weights; }
    HistogramRidgeView *gradientsView() const { return m_gradients; }
    QLabel *detailsLabel() const { return m_details; }
    // The History colours' ends as shown ("3.7e-05", "0.012"); empty when nothing is coloured.
    QString scaleText() const;
    // Every parameter at every epoch as CSV (the same text as `cifarlab-cli weights --csv`).
    QString csv() const;

private:
    // The epoch number and parameter statistics only (never the per-image vectors).
    static EpochMetrics statisticsOf(const EpochMetrics &epoch);
    static double valueOf(const ParameterStatistics &p, Measure measure);
    // The tensor called `name` in `epoch`, looked for first at index `hint`; null when absent.
    static const ParameterStatistics *find(const EpochMetrics &epoch, const std::string &name, size_t hint = 0);
    void rebuildTable();
    void refreshDetails();
    void exportData();

    // Epoch number and parameter statistics only.
    std::vector<EpochMetrics> m_history;
    QComboBox *m_measure = nullptr;
    QCheckBox *m_allParameters = nullptr;
    EpochSlider *m_epochs = nullptr;
    QToolButton *m_export = nullptr;
    QLabel *m_scaleLow = nullptr;  // the History colours' legend: low end, bar, high end
    QLabel *m_scaleBar = nullptr;
    QLabel *m_scaleHigh = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    QTableWidget *m_table = nullptr;
    HistoryStripDelegate *m_strip = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_details = nullptr;
    HistogramRidgeView *m_weights = nullptr;
    HistogramRidgeView *m_gradients = nullptr;
};

} // namespace cifarlab
