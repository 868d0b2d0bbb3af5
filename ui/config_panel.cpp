#include "ui/config_panel.h"

#include "core/error.h"
#include "core/runtime.h"
#include "models/registry.h"

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
#include <QLocale>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>

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

// "0.5, 0.75" -> {0.5, 0.75}; nullopt when a part is not a number (empty text: no milestones).
std::optional<std::vector<double>> parseMilestones(const QString &text)
{
    std::vector<double> milestones;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const double value = part.trimmed().toDouble(&ok);
        if (!ok)
            return std::nullopt;
        milestones.push_back(value);
    }
    return milestones;
}

QString milestonesText(const std::vector<double> &milestones)
{
    QStringList parts;
    for (const double m : milestones)
        parts << QString::number(m, 'g', 17);
    return parts.join(QStringLiteral(", "));
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
    m_preset->addItem(tr("fast: airbench with Muon, about 91% in minutes (use with airbench)"), QStringLiteral("fast"));
    m_preset->addItem(tr("airbench94: the paper's SGD recipe (use with airbench)"), QStringLiteral("airbench94"));
    m_preset->addItem(tr("best: a pair of wider airbench nets, trained longer"), QStringLiteral("best"));
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
    m_timeBudget = doubleBox(0, 1e6, 0, 5);
    m_timeBudget->setObjectName(QStringLiteral("timeBudgetSpin"));
    m_timeBudget->setSuffix(tr(" min"));
    m_timeBudget->setSpecialValueText(tr("no limit"));
    m_timeBudget->setToolTip(tr("Minutes the run may take. At the end of each epoch, fewer epochs are scheduled if the ones "
                                "above would not end in time at that pace (and more again, up to the ones above, when a "
                                "later epoch runs faster); the schedule stretches to the new length."));
    m_fitWidth = new QCheckBox(tr("Narrow airbench to fit the budget"));
    m_fitWidth->setObjectName(QStringLiteral("fitWidthCheck"));
    m_fitWidth->setToolTip(tr("airbench only. Before training, a few steps time the network on this computer; if the "
                              "epochs above would not fit the budget, airbench trains at the widest of 7/8, 3/4, 5/8 or 1/2 of "
                              "its width that fits "
                              "(on this data a narrower network does better than too few epochs)."));
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
    m_schedule->addItem(tr("step (multiplied at milestones)"), QStringLiteral("step"));
    m_schedule->addItem(tr("constant"), QStringLiteral("constant"));
    m_schedule->addItem(tr("triangular (linear up, linear down)"), QStringLiteral("triangular"));
    m_schedule->setObjectName(QStringLiteral("scheduleCombo"));
    m_warmup = doubleBox(0.0, 0.99, 2, 0.05);
    m_warmup->setToolTip(tr("Share of the steps spent warming up (one-cycle and triangular)."));
    m_labelSmoothing = doubleBox(0.0, 0.99, 2, 0.05);
    m_labelSmoothing->setToolTip(tr("Spreads this share of each target over all classes."));
    auto *momentumRow = new QHBoxLayout;
    momentumRow->addWidget(m_momentum, 1);
    momentumRow->addWidget(m_nesterov);
    optim->addRow(tr("Epochs:"), m_epochs);
    optim->addRow(tr("Time budget:"), m_timeBudget);
    optim->addRow(QString(), m_fitWidth);
    optim->addRow(tr("Batch size:"), m_batchSize);
    optim->addRow(tr("Optimizer:"), m_optimizer);
    m_findLearningRate = new QToolButton;
    m_findLearningRate->setObjectName(QStringLiteral("findLearningRateButton"));
    m_findLearningRate->setText(tr("Find..."));
    m_findLearningRate->setToolTip(tr("Learning-rate finder: sweep the rate over a few batches with this recipe and "
                                      "pick it off the loss curve."));
    connect(m_findLearningRate, &QToolButton::clicked, this, &ConfigPanel::findLearningRateRequested);
    auto *learningRateRow = new QHBoxLayout;
    learningRateRow->addWidget(m_learningRate, 1);
    learningRateRow->addWidget(m_findLearningRate);
    optim->addRow(tr("Learning rate:"), learningRateRow);
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
    m_convolution = new QComboBox;
    m_convolution->setObjectName(QStringLiteral("convolutionCombo"));
    m_convolution->addItem(autoWinogradTile() != 0 ? tr("auto (Winograd on this CPU)") : tr("auto (direct on this CPU)"),
                           QStringLiteral("auto"));
    m_convolution->addItem(tr("direct (oneDNN)"), QStringLiteral("direct"));
    m_convolution->addItem(tr("Winograd F(4x4,3x3)"), QStringLiteral("winograd"));
    m_convolution->setToolTip(tr("How 3x3 convolutions are computed. Winograd's algorithm needs 4 times fewer "
                                 "multiply-adds but rounds more; auto uses it on CPUs with AVX2 or AVX-512 and no AMX. "
                                 "With AVX512-BF16 it trains airbench about 1.7 times and ResNet-18 1.4 times faster in bf16; "
                                 "in float32 (the default on CPUs without AVX512-BF16) it trains airbench 1.15-1.8 times and "
                                 "ResNet-18 1.35-1.55 times faster at batches of 256 and more, for about twice the memory. Where "
                                 "the first step takes the process past 3/4 of the memory limit, auto goes on with direct "
                                 "convolutions."));
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
    runtime->addRow(tr("Convolutions:"), m_convolution);
    runtime->addRow(tr("Threads:"), m_threads);
    runtime->addRow(tr("Device:"), m_device);
    runtime->addRow(tr("Processes:"), m_processes);
    runtime->addRow(tr("Seed:"), m_seed);
    layout->addWidget(runtimeBox);
    layout->addWidget(makeAdvancedSection());
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
    for (auto *box : {m_epochs, m_timeBudget, m_learningRate, m_momentum, m_weightDecay, m_warmup, m_labelSmoothing})
        connect(box, qOverload<double>(&QDoubleSpinBox::valueChanged), this, edited);
    for (auto *box : {m_batchSize, m_cropPadding, m_cutoutSize, m_threads, m_processes, m_seed})
        connect(box, qOverload<int>(&QSpinBox::valueChanged), this, edited);
    for (auto *combo : {m_optimizer, m_schedule, m_preprocess, m_precision, m_convolution, m_device})
        connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, edited);
    for (auto *box : {m_muonLearningRate, m_muonMomentum, m_lrStart, m_lrEnd, m_stepGamma, m_biasLrScale, m_widthScale,
                      m_memberDistillation})
        connect(box, qOverload<double>(&QDoubleSpinBox::valueChanged), this, edited);
    for (auto *box : {m_lookaheadEvery, m_lookaheadStart, m_evalBatchSize, m_ensembleMembers, m_blockDepth})
        connect(box, qOverload<int>(&QSpinBox::valueChanged), this, edited);
    for (auto *combo : {m_lossReduction, m_tta, m_memberAugmentation, m_memberOrder})
        connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, edited);
    for (auto *check : {m_nesterov, m_channelsLast, m_lookahead, m_dropLast, m_keepEveryCheckpoint, m_fitWidth})
        connect(check, &QCheckBox::toggled, this, edited);
    connect(m_milestones, &QLineEdit::textEdited, this, edited);
    connect(m_optimizer, qOverload<int>(&QComboBox::currentIndexChanged), this, &ConfigPanel::updateRelevance);
    connect(m_schedule, qOverload<int>(&QComboBox::currentIndexChanged), this, &ConfigPanel::updateRelevance);
    connect(m_lookahead, &QCheckBox::toggled, this, &ConfigPanel::updateRelevance);
    connect(m_timeBudget, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &ConfigPanel::updateRelevance);
    connect(m_ensembleMembers, qOverload<int>(&QSpinBox::valueChanged), this, &ConfigPanel::updateRelevance);
    connect(m_memberOrder, qOverload<int>(&QComboBox::currentIndexChanged), this, &ConfigPanel::updateRelevance);
    updateRelevance();
    for (auto &entry : m_augment)
        connect(entry.second, &QCheckBox::toggled, this, edited);
    connect(m_runName, &QLineEdit::textChanged, this, [this] { emitChanged(); });
}

void ConfigPanel::setLearningRate(double learningRate)
{
    if (!(learningRate > 0))
        return;
    const TrainingConfig current = config();
    m_recipe.learningRate = learningRate;
    {
        const QSignalBlocker blockRate(m_learningRate);
        m_learningRate->setValue(learningRate);
        // The finder sweeps every parameter group together, so Muon's filter rate keeps its ratio.
        if (current.optimizer == "muon" && current.learningRate > 0) {
            m_recipe.muonLearningRate = current.muonLearningRate * learningRate / current.learningRate;
            const QSignalBlocker blockMuon(m_muonLearningRate);
            m_muonLearningRate->setValue(m_recipe.muonLearningRate);
        }
        const QSignalBlocker blockPreset(m_preset);
        selectData(m_preset, kCustom);
    }
    emitChanged();
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
    // Data-parallel tuning has no widget: it comes from the last preset or run put in the form.
    c.syncBatchNorm = m_recipe.syncBatchNorm;
    c.bucketMegabytes = m_recipe.bucketMegabytes;
    c.dropLast = m_dropLast->isChecked();
    c.lrStartFactor = exactOr(m_lrStart, m_recipe.lrStartFactor);
    c.lrEndFactor = exactOr(m_lrEnd, m_recipe.lrEndFactor);
    c.lossReduction = m_lossReduction->currentData().toString().toStdString();
    c.normBiasLrScale = exactOr(m_biasLrScale, m_recipe.normBiasLrScale);
    c.muonLearningRate = exactOr(m_muonLearningRate, m_recipe.muonLearningRate);
    c.muonMomentum = exactOr(m_muonMomentum, m_recipe.muonMomentum);
    c.lookahead = m_lookahead->isChecked();
    c.lookaheadEvery = m_lookaheadEvery->value();
    c.lookaheadStartEpoch = m_lookaheadStart->value();
    c.tta = m_tta->currentData().toString().toStdString();
    c.stepGamma = exactOr(m_stepGamma, m_recipe.stepGamma);
    // Text that is not a list of numbers keeps the last good milestones; validate() reports it.
    c.stepMilestones = parseMilestones(m_milestones->text()).value_or(m_recipe.stepMilestones);
    c.evalBatchSize = m_evalBatchSize->value();
    c.keepEveryCheckpoint = m_keepEveryCheckpoint->isChecked();
    c.widthScale = base.architecture == "airbench" ? exactOr(m_widthScale, m_recipe.widthScale) : 1.0;
    c.blockDepth = base.architecture == "airbench" ? m_blockDepth->value() : 2;
    c.ensembleMembers = m_ensembleMembers->value();
    c.memberAugmentation = m_memberAugmentation->currentData().toString().toStdString();
    c.memberOrder = m_memberOrder->currentData().toString().toStdString();
    // Members with orders of their own have no shared images to learn from each other on (the box is
    // disabled then).
    c.memberDistillation = c.memberOrder == "shared" ? exactOr(m_memberDistillation, m_recipe.memberDistillation) : 0.0;
    c.epochs = exactOr(m_epochs, m_recipe.epochs);
    c.timeBudgetMinutes = exactOr(m_timeBudget, m_recipe.timeBudgetMinutes);
    // Without a budget there is nothing to fit (the box is disabled then, its tick kept for later).
    c.fitWidthToBudget = base.architecture == "airbench" && c.timeBudgetMinutes > 0 && m_fitWidth->isChecked();
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
    c.convolution = m_convolution->currentData().toString().toStdString();
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
    m_timeBudget->setValue(c.timeBudgetMinutes);
    m_fitWidth->setChecked(c.fitWidthToBudget);
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
    selectData(m_convolution, QString::fromStdString(c.convolution));
    m_threads->setValue(c.threads);
    selectData(m_device, QString::fromStdString(c.device));
    m_processes->setValue(static_cast<int>(std::clamp<int64_t>(c.worldSize, 1, 64)));
    m_seed->setValue(static_cast<int>(std::min<uint64_t>(c.seed, 2147483647u)));
    m_muonLearningRate->setValue(c.muonLearningRate);
    m_muonMomentum->setValue(c.muonMomentum);
    m_lrStart->setValue(c.lrStartFactor);
    m_lrEnd->setValue(c.lrEndFactor);
    m_stepGamma->setValue(c.stepGamma);
    m_milestones->setText(milestonesText(c.stepMilestones));
    selectData(m_lossReduction, QString::fromStdString(c.lossReduction));
    m_biasLrScale->setValue(c.normBiasLrScale);
    m_lookahead->setChecked(c.lookahead);
    m_lookaheadEvery->setValue(static_cast<int>(std::clamp<int64_t>(c.lookaheadEvery, 1, 1000000)));
    m_lookaheadStart->setValue(static_cast<int>(std::clamp<int64_t>(c.lookaheadStartEpoch, 0, 100000)));
    m_dropLast->setChecked(c.dropLast);
    m_widthScale->setValue(c.widthScale);
    m_blockDepth->setValue(static_cast<int>(std::clamp<int64_t>(c.blockDepth, 2, 3)));
    m_ensembleMembers->setValue(static_cast<int>(std::clamp<int64_t>(c.ensembleMembers, 1, kMaxEnsembleMembers)));
    selectData(m_memberAugmentation, QString::fromStdString(c.memberAugmentation));
    selectData(m_memberOrder, QString::fromStdString(c.memberOrder));
    m_memberDistillation->setValue(c.memberDistillation);
    selectData(m_tta, QString::fromStdString(c.tta));
    m_evalBatchSize->setValue(static_cast<int>(std::clamp<int64_t>(c.evalBatchSize, 1, 65536)));
    m_keepEveryCheckpoint->setChecked(c.keepEveryCheckpoint);
    m_applying = false;
    updateRelevance();
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

QWidget *ConfigPanel::makeAdvancedSection()
{
    auto *section = new QWidget;
    auto *outer = new QVBoxLayout(section);
    outer->setContentsMargins(0, 0, 0, 0);
    m_advancedToggle = new QToolButton;
    m_advancedToggle->setObjectName(QStringLiteral("advancedToggle"));
    m_advancedToggle->setText(tr("Advanced settings"));
    m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedToggle->setArrowType(Qt::RightArrow);
    m_advancedToggle->setCheckable(true);
    m_advancedToggle->setAutoRaise(true);
    m_advancedToggle->setToolTip(tr("The airbench recipes' settings, test-time augmentation and checkpointing"));
    outer->addWidget(m_advancedToggle);

    m_advanced = new QGroupBox;
    m_advanced->setObjectName(QStringLiteral("advancedBox"));
    auto *form = new QFormLayout(m_advanced);
    const auto pair = [](QWidget *first, const QString &between, QWidget *second) {
        auto *row = new QHBoxLayout;
        row->addWidget(first, 1);
        row->addWidget(new QLabel(between));
        row->addWidget(second, 1);
        return row;
    };

    m_muonLearningRate = doubleBox(0.0, 10.0, 4, 0.01);
    m_muonLearningRate->setObjectName(QStringLiteral("muonLearningRateSpin"));
    m_muonLearningRate->setToolTip(tr("Muon: learning rate of the convolution filters (their steps are orthogonalised)."));
    m_muonMomentum = doubleBox(0.0, 0.999, 3, 0.05);
    m_muonMomentum->setToolTip(tr("Muon: momentum of the convolution filters; the other parameters use the momentum above."));
    form->addRow(tr("Muon rate:"), pair(m_muonLearningRate, tr("momentum"), m_muonMomentum));

    m_lrStart = doubleBox(0.0, 1.0, 3, 0.05);
    m_lrStart->setToolTip(tr("Triangular schedule: first learning rate as a share of the peak."));
    m_lrEnd = doubleBox(0.0, 1.0, 3, 0.01);
    m_lrEnd->setObjectName(QStringLiteral("lrEndSpin"));
    m_lrEnd->setToolTip(tr("Triangular schedule: last learning rate as a share of the peak."));
    form->addRow(tr("Triangular from:"), pair(m_lrStart, tr("to"), m_lrEnd));

    m_stepGamma = doubleBox(0.0001, 1.0, 4, 0.05);
    m_stepGamma->setToolTip(tr("Step schedule: the learning rate is multiplied by this at each milestone."));
    m_milestones = new QLineEdit;
    m_milestones->setObjectName(QStringLiteral("milestonesEdit"));
    m_milestones->setToolTip(tr("Step schedule: fractions of training, ascending, separated by commas (0.5, 0.75)."));
    form->addRow(tr("Step: times"), pair(m_stepGamma, tr("at"), m_milestones));

    m_lossReduction = new QComboBox;
    m_lossReduction->addItem(tr("mean over the batch"), QStringLiteral("mean"));
    m_lossReduction->addItem(tr("sum over the batch (airbench)"), QStringLiteral("sum"));
    m_lossReduction->setToolTip(tr("A summed loss makes the gradient grow with the batch; airbench's rates expect it."));
    form->addRow(tr("Loss:"), m_lossReduction);

    m_biasLrScale = doubleBox(0.001, 10000.0, 3, 1.0);
    m_biasLrScale->setToolTip(tr("BatchNorm biases learn this many times faster, with the same absolute weight decay."));
    form->addRow(tr("BN bias rate ×:"), m_biasLrScale);

    m_lookahead = new QCheckBox(tr("Lookahead every"));
    m_lookahead->setObjectName(QStringLiteral("lookaheadCheck"));
    m_lookahead->setToolTip(tr("Pull the weights towards a slow moving average every few steps (airbench94)."));
    m_lookaheadEvery = new QSpinBox;
    m_lookaheadEvery->setRange(1, 1000000);
    m_lookaheadEvery->setSuffix(tr(" steps"));
    m_lookaheadStart = new QSpinBox;
    m_lookaheadStart->setRange(0, 100000);
    m_lookaheadStart->setToolTip(tr("First epoch with lookahead (0 = the first)."));
    auto *lookaheadRow = new QHBoxLayout;
    lookaheadRow->addWidget(m_lookahead);
    lookaheadRow->addWidget(m_lookaheadEvery, 1);
    lookaheadRow->addWidget(new QLabel(tr("from epoch")));
    lookaheadRow->addWidget(m_lookaheadStart, 1);
    form->addRow(tr("Averaging:"), lookaheadRow);

    m_dropLast = new QCheckBox(tr("Drop the last incomplete batch of each epoch"));
    m_dropLast->setToolTip(tr("Every step then sees a full batch (BatchNorm statistics stay comparable)."));
    form->addRow(QString(), m_dropLast);

    m_widthScale = doubleBox(0.25, 8.0, 2, 0.25);
    m_widthScale->setObjectName(QStringLiteral("widthScaleSpin"));
    TrainingConfig bestAirbench;
    bestAirbench.architecture = "airbench";
    cifarlab::applyPreset(bestAirbench, "best");
    m_widthScale->setToolTip(
        tr("airbench only: every layer this many times as wide (the best preset uses %1).")
            .arg(QLocale().toString(bestAirbench.widthScale)));
    form->addRow(tr("Width ×:"), m_widthScale);

    m_blockDepth = new QSpinBox;
    m_blockDepth->setObjectName(QStringLiteral("blockDepthSpin"));
    m_blockDepth->setRange(2, 3);
    m_blockDepth->setToolTip(tr("airbench only: convolutions per conv group. 3 adds airbench96's residual third "
                                "convolution to each group (about 1.4 times the arithmetic of 2)."));
    form->addRow(tr("Convolutions per group:"), m_blockDepth);

    m_ensembleMembers = new QSpinBox;
    m_ensembleMembers->setObjectName(QStringLiteral("ensembleSpin"));
    m_ensembleMembers->setRange(1, static_cast<int>(kMaxEnsembleMembers));
    m_ensembleMembers->setSpecialValueText(tr("1 (single network)"));
    m_ensembleMembers->setToolTip(tr("Train this many independently initialized copies of the network side by side, each "
                                     "by its own loss, and predict with their mean softmax. Each copy costs a full "
                                     "network's time and memory (the best preset trains %n).",
                                     nullptr, static_cast<int>(bestAirbench.ensembleMembers)));
    form->addRow(tr("Ensemble:"), m_ensembleMembers);

    m_memberAugmentation = new QComboBox;
    m_memberAugmentation->setObjectName(QStringLiteral("memberAugmentationCombo"));
    m_memberAugmentation->addItem(tr("the same for every member"), QStringLiteral("shared"));
    m_memberAugmentation->addItem(tr("each member its own"), QStringLiteral("own"));
    m_memberAugmentation->setToolTip(tr("Ensembles: whether every member sees the same flips, shifts and cutouts of a "
                                        "batch, or each draws its own (more different members; the first draws what "
                                        "a single network would)."));
    form->addRow(tr("Members' augmentation:"), m_memberAugmentation);

    m_memberOrder = new QComboBox;
    m_memberOrder->setObjectName(QStringLiteral("memberOrderCombo"));
    m_memberOrder->addItem(tr("the same for every member"), QStringLiteral("shared"));
    m_memberOrder->addItem(tr("each member its own"), QStringLiteral("own"));
    m_memberOrder->setToolTip(tr("Ensembles: whether every member trains on the same images in the same order, or "
                                 "each shuffles the training set its own way every epoch (the first keeps a single "
                                 "network's order). Training accuracy then scores each member on its own images."));
    form->addRow(tr("Members' data order:"), m_memberOrder);

    m_memberDistillation = doubleBox(0.0, 0.95, 2, 0.05);
    m_memberDistillation->setObjectName(QStringLiteral("memberDistillationSpin"));
    m_memberDistillation->setSpecialValueText(tr("off"));
    m_memberDistillation->setToolTip(tr("Ensembles: each member's training target takes this share from the other "
                                        "members' mean prediction of the same image, the rest from its label (online "
                                        "co-distillation). Needs the same data order for every member."));
    form->addRow(tr("Members learn from each other:"), m_memberDistillation);

    m_tta = new QComboBox;
    m_tta->setObjectName(QStringLiteral("ttaCombo"));
    m_tta->addItem(tr("none"), QStringLiteral("none"));
    m_tta->addItem(tr("image and mirror"), QStringLiteral("mirror"));
    m_tta->addItem(tr("mirror and 1-pixel shifts (6 views)"), QStringLiteral("mirror-translate"));
    m_tta->setToolTip(tr("Test-time augmentation of the final evaluation: the logits of these views are averaged. "
                         "The per-epoch evaluations stay single-view."));
    form->addRow(tr("Final evaluation:"), m_tta);

    m_evalBatchSize = new QSpinBox;
    m_evalBatchSize->setRange(1, 65536);
    m_evalBatchSize->setToolTip(tr("Images per batch when evaluating (no gradients: larger is faster)."));
    form->addRow(tr("Evaluation batch:"), m_evalBatchSize);

    m_keepEveryCheckpoint = new QCheckBox(tr("Keep every epoch's checkpoint"));
    m_keepEveryCheckpoint->setToolTip(tr("Otherwise only the latest and the best checkpoint are kept."));
    form->addRow(QString(), m_keepEveryCheckpoint);

    m_advanced->setVisible(false);
    outer->addWidget(m_advanced);
    connect(m_advancedToggle, &QToolButton::toggled, this, [this](bool open) {
        m_advanced->setVisible(open);
        m_advancedToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });
    return section;
}

void ConfigPanel::updateRelevance()
{
    const QString optimizer = m_optimizer->currentData().toString();
    const QString schedule = m_schedule->currentData().toString();
    m_muonLearningRate->setEnabled(optimizer == QLatin1String("muon"));
    m_muonMomentum->setEnabled(optimizer == QLatin1String("muon"));
    m_lrStart->setEnabled(schedule == QLatin1String("triangular"));
    m_lrEnd->setEnabled(schedule == QLatin1String("triangular"));
    m_warmup->setEnabled(schedule == QLatin1String("triangular") || schedule == QLatin1String("onecycle"));
    m_stepGamma->setEnabled(schedule == QLatin1String("step"));
    m_milestones->setEnabled(schedule == QLatin1String("step"));
    m_lookaheadEvery->setEnabled(m_lookahead->isChecked());
    m_lookaheadStart->setEnabled(m_lookahead->isChecked());
    m_fitWidth->setEnabled(m_timeBudget->value() > 0);
    m_memberAugmentation->setEnabled(m_ensembleMembers->value() > 1);
    m_memberOrder->setEnabled(m_ensembleMembers->value() > 1);
    m_memberDistillation->setEnabled(m_ensembleMembers->value() > 1
                                     && m_memberOrder->currentData().toString() == QLatin1String("shared"));
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
    if (!parseMilestones(m_milestones->text()))
        return tr("Step milestones: expected fractions of training separated by commas, such as 0.5, 0.75");
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
