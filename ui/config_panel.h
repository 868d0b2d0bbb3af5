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

    // JSON of the whole form, for QSettings.
    QString toJson() const;
    bool restoreJson(const QString &json);

Q_SIGNALS:
    void changed();

private:
    void emitChanged();

    QComboBox *m_preset = nullptr;
    QLineEdit *m_runName = nullptr;
    QDoubleSpinBox *m_epochs = nullptr;
    QSpinBox *m_batchSize = nullptr;
    QComboBox *m_optimizer = nullptr;
    QDoubleSpinBox *m_learningRate = nullptr;
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
    QSpinBox *m_threads = nullptr;
    QComboBox *m_device = nullptr;
    QSpinBox *m_processes = nullptr;
    QSpinBox *m_seed = nullptr;
    bool m_applying = false;
    TrainingConfig m_recipe; // the last config shown: exact values and fields without widgets
};

} // namespace cifarlab
