#pragma once

#include <QString>
#include <QWidget>

#include <cstdint>
#include <vector>

class QLabel;
class QSlider;

namespace cifarlab {

// The row that scrubs a run's history in the Confusion and Weights tabs: a slider over the
// recorded epochs and "Epoch 3 of 10" beside it. It follows each new epoch unless the user moved
// it back.
class EpochSlider : public QWidget
{
    Q_OBJECT

public:
    // `objectPrefix` names the children ("confusion": confusionEpochSlider, confusionEpochLabel).
    explicit EpochSlider(const QString &objectPrefix, QWidget *parent = nullptr);

    // These three never emit indexChanged(): the tab that calls them redraws itself.
    void clear();
    // `epoch` is 0-based (EpochMetrics::epoch); `plannedEpochs` the run's length as far as known.
    void append(int64_t epoch, int64_t plannedEpochs);
    void setEpochs(const std::vector<int64_t> &epochs, int64_t plannedEpochs); // shows the newest

    int count() const { return static_cast<int>(m_epochs.size()); }
    int index() const; // into the recorded epochs, -1 when there are none
    void setIndex(int index); // clamped; emits indexChanged() when it moves
    QSlider *slider() const { return m_slider; }

Q_SIGNALS:
    void indexChanged(int index);

private:
    void refresh();

    std::vector<int64_t> m_epochs;
    int64_t m_planned = 0;
    QSlider *m_slider = nullptr;
    QLabel *m_label = nullptr;
};

} // namespace cifarlab
