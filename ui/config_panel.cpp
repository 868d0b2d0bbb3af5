#include "ui/config_panel.h"

#include "core/error.h"
#include "core/runtime.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace cifarlab {

namespace {

const char *const kAugmentations[] = {"crop", "translate", "flip", "flip-alternate", "cutout", "rotate", "perspective"};

// A spin box shows a recipe value rounded to its decimals (airbench's rate is 0.00146484...): unless
// the user changed the box, the recipe's exact value is kept.
double exactOr(const QDoubleSpinBox *box, double recipe)
{
    const double shown = QString::number(std::clamp(recipe, box->minimum(), box->maximum()), 'f', box->decimals()).toDouble();
    return box->value() == shown ? recipe : box->value();
}
const QString kCustom = QStringLiteral("custom");

QDoubleSpinBox *doubleBox(double low, double high, int decimals, double step)
{
    auto *box = new QDoubleSpinBox;
    box->setRange(low, high);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    box->setKeyboardTracking(true);
    box->setAccelerated(true);
    return box;
}

void selectData(QComboBox *combo, const QString &value)
{
    const int index = combo->findData(value);
    if (index >= 0)
        combo->setCurrentIndex(index);
}

} // namespace

ConfigPanel::ConfigPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *top = new QFormLayout;
    m_preset = new QComboBox;
    m_preset->setObjectName(QStringLiteral("presetCombo"));
    m_preset->addItem(tr("seed: the original study (SGD 0.001, batch 4)"), QStringLiteral("seed"));
    m_preset->addItem(tr("standard: one-cycle SGD, crop+flip, bf16"), QStringLiteral("standard"));
    m_preset->addItem(tr("quick: 3 epochs for a first look"), QStringLiteral("quick"));
    m_preset->addItem(tr("fast: airbench recipe, about 91% in minutes (use with airbench)"), QStringLiteral("fast"));
    m_preset->addItem(tr("best: wider airbench trained longer"), QStringLiteral("best"));
    m_preset->addItem(tr("custom"), kCustom);
    m_preset->setToolTip(tr("A named recipe fills in every field below; editing a field makes it custom."));
    m_runName = new QLineEdit;
    m_runName->setObjectName(QStringLiteral("runName"));
    m_runName->setPlaceholderText(tr("automatic (architecture-id)"));
    m_runName->setToolTip(tr("Name of the run in the Runs list; leave empty for an automatic name."));
    top->addRow(tr("Preset:"), m_preset);
    top->addRow(tr("Run name:"), m_runName);
    layout->addLayout(top);

    auto *optimBox = new QGroupBox(tr("Optimization"));
    auto *optim = new QFormLayout(optimBox);
    m_epochs = doubleBox(0.01, 10000, 2, 1);
    m_epochs->setObjectName(QStringLiteral("epochsSpin"));
    m_epochs->setToolTip(tr("Passes over the training set; a fraction trains a partial last epoch."));
    m_batchSize = new QSpinBox;
    m_batchSize->setRange(1, 65536);
    m_batchSize->setObjectName(QStringLiteral("batchSizeSpin"));
    m_batchSize->setToolTip(tr("Images per optimizer step."));
    m_optimizer = new QComboBox;
    m_optimizer->addItem(tr("SGD with momentum"), QStringLiteral("sgd"));
    m_optimizer->addItem(tr("AdamW"), QStringLiteral("adamw"));
    m_optimizer->addItem(tr("Muon (filters) + SGD"), QStringLiteral("muon"));
    m_optimizer->setObjectName(QStringLiteral("optimizerCombo"));
    m_learningRate = doubleBox(0.0, 100.0, 5, 0.01);
    m_learningRate->setObjectName(QStringLiteral("learningRateSpin"));
    m_learningRate->setToolTip(tr("Peak learning rate (the schedule scales it)."));
    m_momentum = doubleBox(0.0, 0.999, 3, 0.01);
    m_momentum->setToolTip(tr("SGD momentum, or AdamW's beta1."));
    m_nesterov = new QCheckBox(tr("Nesterov"));
    m_nesterov->setToolTip(tr("Nesterov momentum (SGD only)."));
    m_weightDecay = doubleBox(0.0, 10.0, 5, 0.0001);
    m_weightDecay->setToolTip(tr("L2 penalty (decoupled for AdamW)."));
    m_schedule = new QComboBox;
    m_schedule->addItem(tr("one-cycle (warm-up, cosine down)"), QStringLiteral("onecycle"));
    m_schedule->addItem(tr("cosine"), QStringLiteral("cosine"));
    m_schedule->addItem(tr("step (x0.1 at 50% and 75%)"), QStringLiteral("step"));
    m_schedule->addItem(tr("constant"), QStringLiteral("constant"));
    m_schedule->addItem(tr("triangular (linear up, linear down)"), QStringLiteral("triangular"));
    m_schedule->setObjectName(QStringLiteral("scheduleCombo"));
    m_warmup = doubleBox(0.0, 0.99, 2, 0.05);
    m_warmup->setToolTip(tr("Share of the steps spent warming up (one-cycle and cosine)."));
    m_labelSmoothing = doubleBox(0.0, 0.99, 2, 0.05);
    m_labelSmoothing->setToolTip(tr("Spreads this share of each target over all classes."));
    auto *momentumRow = new QHBoxLayout;
    momentumRow->addWidget(m_momentum, 1);
    momentumRow->addWidget(m_nesterov);
    optim->addRow(tr("Epochs:"), m_epochs);
    optim->addRow(tr("Batch size:"), m_batchSize);
    optim->addRow(tr("Optimizer:"), m_optimizer);
    optim->addRow(tr("Learning rate:"), m_learningRate);
    optim->addRow(tr("Momentum:"), momentumRow);
    optim->addRow(tr("Weight decay:"), m_weightDecay);
    optim->addRow(tr("Schedule:"), m_schedule);
    optim->addRow(tr("Warm-up share:"), m_warmup);
    optim->addRow(tr("Label smoothing:"), m_labelSmoothing);
    layout->addWidget(optimBox);

    auto *dataBox = new QGroupBox(tr("Data"));
    auto *data = new QFormLayout(dataBox);
    auto *augmentGrid = new QGridLayout;
    const QString augmentTips[] = {tr("Random crop after zero padding"),
                                   tr("Random shift with mirrored borders (reflect padding)"), tr("Random horizontal flip"),
                                   tr("Each image mirrored in every other epoch, so it is seen both ways"),
                                   tr("Erase a random square (cutout)"), tr("Random rotation up to 15 degrees (the study's set)"),
                                   tr("Random perspective distortion (the study's set)")};
    const QString augmentLabels[] = {tr("crop"), tr("translate"), tr("flip"), tr("alternate flip"), tr("cutout"), tr("rotate"), tr("perspective")};
    int i = 0;
    for (const char *name : kAugmentations) {
        auto *check = new QCheckBox(augmentLabels[i]);
        check->setToolTip(augmentTips[i]);
        check->setObjectName(QStringLiteral("augment_%1").arg(QLatin1String(name)));
        m_augment[name] = check;
        augmentGrid->addWidget(check, i / 3, i % 3);
        ++i;
    }
    m_cropPadding = new QSpinBox;
    m_cropPadding->setRange(0, 64);
    m_cropPadding->setToolTip(tr("Padding in pixels before the random crop."));
    m_cutoutSize = new QSpinBox;
    m_cutoutSize->setRange(1, 256);
    m_cutoutSize->setToolTip(tr("Side of the erased square in pixels."));
    auto *sizes = new QHBoxLayout;
    sizes->addWidget(new QLabel(tr("pad")));
    sizes->addWidget(m_cropPadding);
    sizes->addWidget(new QLabel(tr("cutout")));
    sizes->addWidget(m_cutoutSize);
    m_preprocess = new QComboBox;
    m_preprocess->addItem(tr("dataset mean/std"), QStringLiteral("dataset-normalize"));
    m_preprocess->addItem(tr("per-image standardization"), QStringLiteral("per-image-standardize"));
    m_preprocess->setToolTip(tr("How pixels are normalized; the study standardized each image."));
    data->addRow(tr("Augment:"), augmentGrid);
    data->addRow(tr("Sizes:"), sizes);
    data->addRow(tr("Normalize:"), m_preprocess);
    layout->addWidget(dataBox);

    auto *runtimeBox = new QGroupBox(tr("Runtime"));
    auto *runtime = new QFormLayout(runtimeBox);
    m_precision = new QComboBox;
    m_precision->addItem(cpuHasFastBf16() ? tr("auto (bf16 on this CPU)") : tr("auto (fp32 on this CPU)"),
                         QStringLiteral("auto"));
    m_precision->addItem(tr("fp32"), QStringLiteral("fp32"));
    m_precision->addItem(tr("bf16 autocast"), QStringLiteral("bf16"));
    if (cudaDeviceCount() > 0)
        m_precision->addItem(tr("fp16 autocast (CUDA, with loss scaling)"), QStringLiteral("fp16"));
    m_precision->setToolTip(tr("bf16 autocast roughly doubles convolution speed on CPUs with AVX512-BF16 or AMX."));
    m_channelsLast = new QCheckBox(tr("channels-last memory format"));
    m_channelsLast->setToolTip(tr("NHWC tensors: faster convolutions with oneDNN."));
    m_threads = new QSpinBox;
    m_threads->setRange(0, 1024);
    m_threads->setSpecialValueText(tr("all cores (%1)").arg(defaultThreadCount()));
    m_threads->setToolTip(tr("Threads for training; 0 uses every core."));
    m_device = new QComboBox;
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    for (int d = 0; d < cudaDeviceCount(); ++d)
        m_device->addItem(tr("CUDA device %1").arg(d), QStringLiteral("cuda:%1").arg(d));
    m_device->setToolTip(m_device->count() > 1 ? tr("Where the network trains.")
                                               : tr("This LibTorch has no CUDA devices; training runs on the CPU."));
    m_processes = new QSpinBox;
    m_processes->setObjectName(QStringLiteral("processesSpin"));
    m_processes->setRange(1, 64);
    m_processes->setToolTip(tr("Data-parallel training: this many processes on this computer, each with its share of "
                               "the cores and the batch size above, gradients averaged after every step."));
    m_seed = new QSpinBox;
    m_seed->setRange(0, 2147483647);
    m_seed->setToolTip(tr("Same seed, same data and config: the same run, even after a resume."));
    runtime->addRow(tr("Precision:"), m_precision);
    runtime->addRow(QString(), m_channelsLast);
    runtime->addRow(tr("Threads:"), m_threads);
    runtime->addRow(tr("Device:"), m_device);
    runtime->addRow(tr("Processes:"), m_processes);
    runtime->addRow(tr("Seed:"), m_seed);
    layout->addWidget(runtimeBox);
    layout->addStretch(1);

    TrainingConfig initial;
    cifarlab::applyPreset(initial, "standard");
    setConfig(initial);

    connect(m_preset, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        if (m_applying)
            return;
        const QString name = m_preset->currentData().toString();
        if (name != kCustom)
            applyPreset(name);
    });
    const auto edited = [this] {
        if (m_applying)
            return;
        const QSignalBlocker blocker(m_preset);
        selectData(m_preset, kCustom);
        emitChanged();
    };
    for (auto *box : {m_epochs, m_learningRate, m_momentum, m_weightDecay, m_warmup, m_labelSmoothing})
        connect(box, qOverload<double>(&QDoubleSpinBox::valueChanged), this, edited);
    for (auto *box : {m_batchSize, m_cropPadding, m_cutoutSize, m_threads, m_processes, m_seed})
        connect(box, qOverload<int>(&QSpinBox::valueChanged), this, edited);
    for (auto *combo : {m_optimizer, m_schedule, m_preprocess, m_precision, m_device})
        connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, edited);
    connect(m_nesterov, &QCheckBox::toggled, this, edited);
    connect(m_channelsLast, &QCheckBox::toggled, this, edited);
    for (auto &entry : m_augment)
        connect(entry.second, &QCheckBox::toggled, this, edited);
    connect(m_runName, &QLineEdit::textChanged, this, [this] { emitChanged(); });
}

void ConfigPanel::emitChanged()
{
    Q_EMIT changed();
}

TrainingConfig ConfigPanel::config(const TrainingConfig &base) const
{
    TrainingConfig c = base;
    const QString preset = m_preset->currentData().toString();
    c.preset = preset == kCustom ? std::string() : preset.toStdString();
    // Recipe fields without a widget of their own come from the last preset or opened run.
    c.dropLast = m_recipe.dropLast;
    c.lrStartFactor = m_recipe.lrStartFactor;
    c.lrEndFactor = m_recipe.lrEndFactor;
    c.lossReduction = m_recipe.lossReduction;
    c.normBiasLrScale = m_recipe.normBiasLrScale;
    c.muonLearningRate = m_recipe.muonLearningRate;
    c.muonMomentum = m_recipe.muonMomentum;
    c.lookahead = m_recipe.lookahead;
    c.lookaheadEvery = m_recipe.lookaheadEvery;
    c.lookaheadStartEpoch = m_recipe.lookaheadStartEpoch;
    c.tta = m_recipe.tta;
    c.syncBatchNorm = m_recipe.syncBatchNorm;
    c.bucketMegabytes = m_recipe.bucketMegabytes;
    c.stepGamma = m_recipe.stepGamma;
    c.stepMilestones = m_recipe.stepMilestones;
    c.evalBatchSize = m_recipe.evalBatchSize;
    c.keepEveryCheckpoint = m_recipe.keepEveryCheckpoint;
    c.widthScale = base.architecture == "airbench" ? m_recipe.widthScale : 1.0;
    c.epochs = exactOr(m_epochs, m_recipe.epochs);
    c.batchSize = m_batchSize->value();
    c.optimizer = m_optimizer->currentData().toString().toStdString();
    c.learningRate = exactOr(m_learningRate, m_recipe.learningRate);
    c.momentum = exactOr(m_momentum, m_recipe.momentum);
    c.nesterov = m_nesterov->isChecked();
    c.weightDecay = exactOr(m_weightDecay, m_recipe.weightDecay);
    c.schedule = m_schedule->currentData().toString().toStdString();
    c.warmupFraction = exactOr(m_warmup, m_recipe.warmupFraction);
    c.labelSmoothing = exactOr(m_labelSmoothing, m_recipe.labelSmoothing);
    c.augment.clear();
    for (const char *name : kAugmentations)
        if (m_augment.at(name)->isChecked())
            c.augment.push_back(name);
    c.cropPadding = m_cropPadding->value();
    c.cutoutSize = m_cutoutSize->value();
    c.preprocess = m_preprocess->currentData().toString().toStdString();
    c.precision = parsePrecision(m_precision->currentData().toString().toStdString());
    c.channelsLast = m_channelsLast->isChecked();
    c.threads = m_threads->value();
    c.device = m_device->currentData().toString().toStdString();
    c.worldSize = m_processes->value();
    c.seed = static_cast<uint64_t>(m_seed->value());
    return c;
}

void ConfigPanel::setConfig(const TrainingConfig &c)
{
    m_applying = true;
    m_recipe = c;
    selectData(m_preset, c.preset.empty() ? kCustom : QString::fromStdString(c.preset));
    m_epochs->setValue(c.epochs);
    m_batchSize->setValue(static_cast<int>(c.batchSize));
    selectData(m_optimizer, QString::fromStdString(c.optimizer));
    m_learningRate->setValue(c.learningRate);
    m_momentum->setValue(c.momentum);
    m_nesterov->setChecked(c.nesterov);
    m_weightDecay->setValue(c.weightDecay);
    selectData(m_schedule, QString::fromStdString(c.schedule));
    m_warmup->setValue(c.warmupFraction);
    m_labelSmoothing->setValue(c.labelSmoothing);
    for (auto &entry : m_augment)
        entry.second->setChecked(std::find(c.augment.begin(), c.augment.end(), entry.first) != c.augment.end());
    m_cropPadding->setValue(static_cast<int>(c.cropPadding));
    m_cutoutSize->setValue(static_cast<int>(c.cutoutSize));
    selectData(m_preprocess, QString::fromStdString(c.preprocess));
    selectData(m_precision, QString::fromStdString(precisionName(c.precision)));
    m_channelsLast->setChecked(c.channelsLast);
    m_threads->setValue(c.threads);
    selectData(m_device, QString::fromStdString(c.device));
    m_processes->setValue(static_cast<int>(std::clamp<int64_t>(c.worldSize, 1, 64)));
    m_seed->setValue(static_cast<int>(std::min<uint64_t>(c.seed, 2147483647u)));
    m_applying = false;
    emitChanged();
}

void ConfigPanel::applyPreset(const QString &preset)
{
    TrainingConfig c = config();
    // The panel has no architecture: take airbench's widths into the recipe, config() drops them
    // for architectures with fixed widths.
    c.architecture = "airbench";
    try {
        cifarlab::applyPreset(c, preset.toStdString());
    } catch (const Error &) {
        return;
    }
    setConfig(c);
}

QString ConfigPanel::preset() const
{
    const QString name = m_preset->currentData().toString();
    return name == kCustom ? QString() : name;
}

QString ConfigPanel::runName() const
{
    return m_runName->text().trimmed();
}

void ConfigPanel::setRunName(const QString &name)
{
    m_runName->setText(name);
}

QString ConfigPanel::validate(const TrainingConfig &base) const
{
    try {
        validateConfig(config(base));
    } catch (const std::exception &e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

QString ConfigPanel::toJson() const
{
    TrainingConfig base;
    base.dataPath = "-";
    return QString::fromStdString(configToJson(config(base)));
}

bool ConfigPanel::restoreJson(const QString &json)
{
    try {
        setConfig(configFromJson(json.toStdString()));
    } catch (const std::exception &) {
        return false;
    }
    return true;
}

} // namespace cifarlab
