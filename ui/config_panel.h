#pragma once

#include "core/training_config.h"

#include <QWidget>

#include <map>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace cifarlab {

// Every recipe field of a TrainingConfig as a form: a preset selector, tooltips, and validation as you
// type (core's validateConfig names the bad field; Start stays disabled until the form is valid).
// Data path and architecture come from elsewhere in the window.
class ConfigPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ConfigPanel(QWidget *parent = nullptr);

    // The form's values on top of `base` (which supplies data path and architecture).
    TrainingConfig config(const TrainingConfig &base = {}) const;
    void setConfig(const TrainingConfig &config);
    void applyPreset(const QString &preset);
    QString preset() const;
    QString runName() const;
    void setRunName(const QString &name);

    // Empty when valid, else core's one-line message, e.g. "--lr: must be positive, got 0".
    QString validate(const TrainingConfig &base) const;

    // Sets the learning rate exactly (the box shows it rounded), as from the learning-rate finder.
    void setLearningRate(double learningRate);

    // JSON of the whole form, for QSettings.
    QString toJson() const;
    bool restoreJson(const QString &json);

Q_SIGNALS:
    void changed();
    void findLearningRateRequested();

private:
    void emitChanged();
    QWidget *makeAdvancedSection();
    // Greys out the advanced fields the chosen optimizer, schedule and lookahead do not use.
    void updateRelevance();

    QComboBox *m_preset = nullptr;
    QLineEdit *m_runName = nullptr;
    QDoubleSpinBox *m_epochs = nullptr;
    QDoubleSpinBox *m_timeBudget = nullptr;
    QCheckBox *m_fitWidth = nullptr;
    QSpinBox *m_batchSize = nullptr;
    QComboBox *m_optimizer = nullptr;
    QDoubleSpinBox *m_learningRate = nullptr;
    QToolButton *m_findLearningRate = nullptr;
    QDoubleSpinBox *m_momentum = nullptr;
    QCheckBox *m_nesterov = nullptr;
    QDoubleSpinBox *m_weightDecay = nullptr;
    QComboBox *m_schedule = nullptr;
    QDoubleSpinBox *m_warmup = nullptr;
    QDoubleSpinBox *m_labelSmoothing = nullptr;
    std::map<std::string, QCheckBox *> m_augment;
    QSpinBox *m_cropPadding = nullptr;
    QSpinBox *m_cutoutSize = nullptr;
    QComboBox *m_preprocess = nullptr;
    QComboBox *m_precision = nullptr;
    QCheckBox *m_channelsLast = nullptr;
    QComboBox *m_convolution = nullptr;
    QSpinBox *m_threads = nullptr;
    QComboBox *m_device = nullptr;
    QSpinBox *m_processes = nullptr;
    QSpinBox *m_seed = nullptr;
    // Advanced: the airbench recipes' settings and the rest of TrainingConfig.
    QToolButton *m_advancedToggle = nullptr;
    QWidget *m_advanced = nullptr;
    QDoubleSpinBox *m_muonLearningRate = nullptr;
    QDoubleSpinBox *m_muonMomentum = nullptr;
    QDoubleSpinBox *m_lrStart = nullptr;
    QDoubleSpinBox *m_lrEnd = nullptr;
    QDoubleSpinBox *m_stepGamma = nullptr;
    QLineEdit *m_milestones = nullptr;
    QComboBox *m_lossReduction = nullptr;
    QDoubleSpinBox *m_biasLrScale = nullptr;
    QCheckBox *m_lookahead = nullptr;
    QSpinBox *m_lookaheadEvery = nullptr;
    QSpinBox *m_lookaheadStart = nullptr;
    QCheckBox *m_dropLast = nullptr;
    QDoubleSpinBox *m_widthScale = nullptr;
    QSpinBox *m_ensembleMembers = nullptr;
    QSpinBox *m_blockDepth = nullptr;
    QComboBox *m_memberAugmentation = nullptr;
    QComboBox *m_memberOrder = nullptr;
    QDoubleSpinBox *m_memberDistillation = nullptr;
    QComboBox *m_tta = nullptr;
    QSpinBox *m_evalBatchSize = nullptr;
    QCheckBox *m_keepEveryCheckpoint = nullptr;
    bool m_applying = false;
    TrainingConfig m_recipe; // the last config shown: exact values and fields without widgets
};

} // namespace cifarlab
