#pragma once

#include "core/training_metrics.h"
#include "ui/confusion_matrix_widget.h"

#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <vector>

class QComboBox;
class QLabel;
class QSlider;
class QTableWidget;
class QToolButton;

namespace cifarlab {

class EpochSlider;

// The Confusion tab: the matrix of one epoch (test or train split, counts or normalized), an
// epoch slider that scrubs the run's history, and beside it a sortable per-class table and the most
// confused pairs (a click on a pair, like one on a cell, asks for its images).
class ConfusionTab : public QWidget
{
    Q_OBJECT

public:
    enum TableColumn { kClassColumn, kRecallColumn, kPrecisionColumn, kCountColumn, kColumnCount };
    enum PairColumn { kPairTrueColumn, kPairPredictedColumn, kPairCountColumn, kPairColumnCount };
    static constexpr int kMostConfusedPairs = 10;

    explicit ConfusionTab(QWidget *parent = nullptr);
    ~ConfusionTab() override;

    void setClassNames(const QStringList &names);
    void clear();
    // Keeps only the confusion matrices and per-class accuracy (never the per-image vectors).
    // When the slider is at the latest epoch it follows the new one; otherwise it stays put.
    void appendEpoch(const EpochMetrics &epoch);
    void setEpochs(const std::vector<EpochMetrics> &epochs);

    int epochCount() const { return static_cast<int>(m_history.size()); }
    // Index into the history (0 = first appended), -1 when empty.
    int shownEpoch() const;
    void showEpoch(int index);
    ConfusionMatrixWidget *matrixWidget() const { return m_matrix; }
    bool showingTrainSplit() const;

Q_SIGNALS:
    void cellActivated(int trueClass, int predictedClass, bool trainSplit);

private:
    struct Snapshot
    {
        int64_t epoch = 0;
        int64_t epochs = 0;
        double testAccuracy = 0.0;
        double trainAccuracy = 0.0;
        std::vector<double> perClassAccuracy;
        std::vector<int64_t> testConfusion;
        std::vector<int64_t> trainConfusion;
    };

    static Snapshot snapshotOf(const EpochMetrics &epoch);
    void refresh();
    void refreshTable(const Snapshot *snapshot, const std::vector<int64_t> &counts);
    void refreshPairs(const std::vector<int64_t> &counts);
    void exportImage();

    ConfusionMatrixWidget *m_matrix = nullptr;
    QComboBox *m_normalization = nullptr;
    QComboBox *m_split = nullptr;
    EpochSlider *m_epochs = nullptr;
    QLabel *m_accuracy = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_pairsHeader = nullptr;
    QTableWidget *m_pairs = nullptr; // fastai's most_confused: the largest off-diagonal cells
    QToolButton *m_export = nullptr;
    QStringList m_classNames;
    std::vector<Snapshot> m_history;
};

} // namespace cifarlab
