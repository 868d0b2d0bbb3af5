#pragma once

#include "core/dataset.h"
#include "core/lr_finder.h"
#include "core/training_config.h"

#include <QDialog>
#include <QFutureWatcher>

#include <memory>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTimer;

namespace cifarlab {

class LrFinderChartView;
struct LrFinderShared;

// The learning-rate range test for the recipe in the form: runs core's finder on a worker thread,
// replots its curve on a timer as batches arrive, and offers the suggested rates (or one picked on
// the curve) for the form's Learning rate.
class LrFinderDialog : public QDialog
{
    Q_OBJECT

public:
    LrFinderDialog(const TrainingConfig &config, std::shared_ptr<const Dataset> dataset, QWidget *parent = nullptr);
    ~LrFinderDialog() override; // cancels a running sweep (it ends at its next batch)

    void startSweep();
    void stopSweep();
    bool isRunning() const;
    const LrFinderResult &result() const { return m_result; }
    double chosenLearningRate() const; // 0 when there is nothing to choose yet

Q_SIGNALS:
    void sweepFinished();
    void learningRateChosen(double learningRate);

protected:
    void reject() override;

private:
    void onSweepFinished();
    void drainPoints();
    void updateChoices();
    void pickOnCurve(double learningRate);
    QString subtitle() const;

    TrainingConfig m_config;
    std::shared_ptr<const Dataset> m_dataset;
    std::shared_ptr<LrFinderShared> m_shared;
    QFutureWatcher<LrFinderResult> m_watcher;
    LrFinderResult m_result;
    double m_picked = 0.0;

    LrFinderChartView *m_chart = nullptr;
    QLineEdit *m_startLr = nullptr;
    QLineEdit *m_endLr = nullptr;
    QSpinBox *m_iterations = nullptr;
    QPushButton *m_runButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QRadioButton *m_valley = nullptr;
    QRadioButton *m_steepest = nullptr;
    QRadioButton *m_minimum = nullptr;
    QRadioButton *m_pickedChoice = nullptr;
    QPushButton *m_useButton = nullptr;
    QTimer *m_replot = nullptr;
};

} // namespace cifarlab
