#include "ui/lr_finder_dialog.h"

#include "core/dataset_loader.h"
#include "core/trainer.h"
#include "ui/comparison_charts.h"
#include "ui/lr_finder_chart_view.h"

#include <QDialogButtonBox>
#include <QDoubleValidator>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <mutex>

namespace cifarlab {

// What the worker and the dialog share: the worker may outlive a closed dialog by one batch.
struct LrFinderShared
{
    std::mutex mutex;
    std::vector<LrFinderPoint> pending;
    Trainer *trainer = nullptr; // set while the sweep runs, for cancel()
    bool cancelled = false;
    std::string error;
};

namespace {

constexpr int kReplotMs = 40;

// What the form shows is what training gets: suggestions are rounded to two significant digits.
double roundSignificant(double value, int digits)
{
    if (!(value > 0))
        return 0.0;
    const double scale = std::pow(10.0, digits - 1 - static_cast<int>(std::floor(std::log10(value))));
    return std::round(value * scale) / scale;
}

QLineEdit *rateEdit(double value)
{
    auto *edit = new QLineEdit(formatLearningRate(value, 3));
    auto *validator = new QDoubleValidator(1e-12, 1e6, 12, edit);
    validator->setNotation(QDoubleValidator::ScientificNotation);
    edit->setValidator(validator);
    edit->setMaximumWidth(110);
    return edit;
}

} // namespace

LrFinderDialog::LrFinderDialog(const TrainingConfig &config, std::shared_ptr<const Dataset> dataset, QWidget *parent)
    : QDialog(parent)
    , m_config(config)
    , m_dataset(std::move(dataset))
{
    m_config.worldSize = 1; // the sweep runs in this process
    setObjectName(QStringLiteral("lrFinderDialog"));
    setWindowTitle(tr("Learning-Rate Finder: %1").arg(QString::fromStdString(m_config.architecture)));
    auto *layout = new QVBoxLayout(this);

    auto *intro = new QLabel(tr("Trains a fresh %1 with this recipe for a few batches while the learning rate grows "
                                "exponentially, and reads a peak rate off the loss curve (the range test of Smith, "
                                "and fastai's lr_find). Nothing is recorded in the store.")
                                 .arg(QString::fromStdString(m_config.architecture)));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_chart = new LrFinderChartView;
    layout->addWidget(m_chart, 1);

    const LrFinderOptions defaults;
    auto *range = new QHBoxLayout;
    m_startLr = rateEdit(defaults.startLr);
    m_startLr->setObjectName(QStringLiteral("lrFinderStart"));
    m_startLr->setToolTip(tr("Learning rate of the first batch."));
    m_endLr = rateEdit(defaults.endLr);
    m_endLr->setObjectName(QStringLiteral("lrFinderEnd"));
    m_endLr->setToolTip(tr("Learning rate of the last batch; the sweep stops earlier once the loss blows up."));
    m_iterations = new QSpinBox;
    m_iterations->setObjectName(QStringLiteral("lrFinderIterations"));
    m_iterations->setRange(20, 10000);
    m_iterations->setValue(static_cast<int>(defaults.iterations));
    m_iterations->setToolTip(tr("Batches in the sweep: more give a smoother curve and take longer."));
    range->addWidget(new QLabel(tr("From")));
    range->addWidget(m_startLr);
    range->addWidget(new QLabel(tr("to")));
    range->addWidget(m_endLr);
    range->addWidget(new QLabel(tr("in")));
    range->addWidget(m_iterations);
    range->addWidget(new QLabel(tr("batches of %n images", nullptr, static_cast<int>(m_config.batchSize))));
    range->addSpacing(12);
    m_runButton = new QPushButton(tr("Run"));
    m_runButton->setObjectName(QStringLiteral("lrFinderRun"));
    range->addWidget(m_runButton);
    m_progress = new QProgressBar;
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(10);
    range->addWidget(m_progress, 1);
    layout->addLayout(range);

    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("lrFinderStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    auto *choiceBox = new QGroupBox(tr("Learning rate to use"));
    auto *choices = new QHBoxLayout(choiceBox);
    m_valley = new QRadioButton;
    m_valley->setObjectName(QStringLiteral("lrFinderValley"));
    m_valley->setToolTip(tr("The middle of the longest stretch where the loss keeps falling (fastai's default)."));
    m_steepest = new QRadioButton;
    m_steepest->setObjectName(QStringLiteral("lrFinderSteepest"));
    m_steepest->setToolTip(tr("Where the loss falls fastest per decade of learning rate (preselected: of the three it "
                              "trained best on CIFAR-10, with SGD and with AdamW)."));
    m_minimum = new QRadioButton;
    m_minimum->setObjectName(QStringLiteral("lrFinderMinimum"));
    m_minimum->setToolTip(tr("A tenth of the rate at the lowest loss: well before the blow-up (preselected when the "
                             "steepest fall lies at the bottom of the curve, at the brink of the blow-up)."));
    m_pickedChoice = new QRadioButton;
    m_pickedChoice->setObjectName(QStringLiteral("lrFinderPicked"));
    m_pickedChoice->setToolTip(tr("Click the curve to pick any rate."));
    m_steepest->setChecked(true);
    for (QRadioButton *b : {m_valley, m_steepest, m_minimum, m_pickedChoice})
        choices->addWidget(b);
    choices->addStretch(1);
    layout->addWidget(choiceBox);

    auto *buttons = new QDialogButtonBox;
    m_useButton = buttons->addButton(tr("Use Learning Rate"), QDialogButtonBox::AcceptRole);
    m_useButton->setObjectName(QStringLiteral("lrFinderUse"));
    auto *saveButton = buttons->addButton(tr("Save Chart..."), QDialogButtonBox::ActionRole);
    saveButton->setObjectName(QStringLiteral("lrFinderSave"));
    buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);

    connect(m_runButton, &QPushButton::clicked, this, [this] { isRunning() ? stopSweep() : startSweep(); });
    connect(m_chart, &LrFinderChartView::learningRatePicked, this, &LrFinderDialog::pickOnCurve);
    for (QRadioButton *b : {m_valley, m_steepest, m_minimum, m_pickedChoice})
        connect(b, &QRadioButton::toggled, this, &LrFinderDialog::updateChoices);
    connect(m_useButton, &QPushButton::clicked, this, [this] {
        const double lr = chosenLearningRate();
        if (lr <= 0)
            return;
        Q_EMIT learningRateChosen(lr);
        accept();
    });
    connect(saveButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save Learning-Rate Finder Chart"),
                                                          QStringLiteral("lr-finder-%1.png").arg(QString::fromStdString(m_config.architecture)),
                                                          tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
        if (path.isEmpty())
            return;
        QString error;
        if (!saveLrFinderChart(path, m_result, subtitle(), QSize(900, 560), 192, &error))
            QMessageBox::warning(this, tr("Save Chart"), error);
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &LrFinderDialog::reject);
    connect(&m_watcher, &QFutureWatcher<LrFinderResult>::finished, this, &LrFinderDialog::onSweepFinished);

    m_replot = new QTimer(this);
    m_replot->setInterval(kReplotMs);
    connect(m_replot, &QTimer::timeout, this, &LrFinderDialog::drainPoints);
    m_chart->setResult(m_result, subtitle());
    updateChoices();
    resize(900, 720);
}

LrFinderDialog::~LrFinderDialog()
{
    stopSweep();
}

bool LrFinderDialog::isRunning() const
{
    return m_shared != nullptr;
}

QString LrFinderDialog::subtitle() const
{
    const QString dataset = m_dataset ? QString::fromStdString(m_dataset->name) : QString();
    return tr("%1 on %2 %3 batch %4 %3 %5 %3 %n batches", nullptr, static_cast<int>(m_result.points.size()))
        .arg(QString::fromStdString(m_config.architecture), dataset, QString(QChar(0x00B7)))
        .arg(m_config.batchSize)
        .arg(QString::fromStdString(m_config.optimizer));
}

void LrFinderDialog::startSweep()
{
    if (isRunning())
        return;
    LrFinderOptions options;
    bool okStart = false, okEnd = false;
    options.startLr = QLocale().toDouble(m_startLr->text(), &okStart);
    options.endLr = QLocale().toDouble(m_endLr->text(), &okEnd);
    options.iterations = m_iterations->value();
    QString problem;
    if (!okStart)
        problem = tr("The first learning rate is not a number.");
    else if (!okEnd)
        problem = tr("The last learning rate is not a number.");
    else if (!(options.endLr > options.startLr) || !(options.startLr > 0))
        problem = tr("The last learning rate must be above the first, and both above 0.");
    if (!m_dataset)
        problem = tr("Load a dataset first.");
    if (!problem.isEmpty()) {
        m_status->setText(problem);
        return;
    }
    m_result = LrFinderResult();
    m_picked = 0.0;
    m_chart->setPicked(0.0);
    m_chart->setResult(m_result, subtitle());
    m_progress->setRange(0, static_cast<int>(options.iterations));
    m_progress->setValue(0);
    m_status->setText(tr("Building the network and starting the sweep..."));
    auto shared = std::make_shared<LrFinderShared>();
    m_shared = shared;
    const TrainingConfig config = m_config;
    const std::shared_ptr<const Dataset> dataset = m_dataset;
    m_watcher.setFuture(QtConcurrent::run([shared, config, dataset, options]() -> LrFinderResult {
        try {
            std::shared_ptr<const Dataset> data = dataset;
            if (config.resize > 0 && (dataset->train.height != config.resize || dataset->train.width != config.resize)) {
                auto resized = std::make_shared<Dataset>(*dataset);
                resizeDataset(*resized, config.resize, config.threads);
                data = resized;
            }
            Trainer trainer(config, data, std::string());
            struct Registration
            {
                LrFinderShared &shared;
                ~Registration()
                {
                    std::lock_guard<std::mutex> lock(shared.mutex);
                    shared.trainer = nullptr;
                }
            } registration{*shared};
            {
                std::lock_guard<std::mutex> lock(shared->mutex);
                if (shared->cancelled) {
                    LrFinderResult none;
                    none.cancelled = true;
                    none.message = "cancelled before the first batch";
                    return none;
                }
                shared->trainer = &trainer;
            }
            return trainer.findLearningRate(options, [shared](const LrFinderPoint &p) {
                std::lock_guard<std::mutex> lock(shared->mutex);
                shared->pending.push_back(p);
            });
        } catch (const std::exception &e) {
            std::lock_guard<std::mutex> lock(shared->mutex);
            shared->error = e.what();
            return LrFinderResult();
        }
    }));
    m_replot->start();
    m_runButton->setText(tr("Stop"));
    for (QWidget *w : {static_cast<QWidget *>(m_startLr), static_cast<QWidget *>(m_endLr), static_cast<QWidget *>(m_iterations)})
        w->setEnabled(false);
    updateChoices();
}

void LrFinderDialog::stopSweep()
{
    if (!m_shared)
        return;
    std::lock_guard<std::mutex> lock(m_shared->mutex);
    m_shared->cancelled = true;
    if (m_shared->trainer)
        m_shared->trainer->cancel();
}

void LrFinderDialog::reject()
{
    stopSweep();
    QDialog::reject();
}

void LrFinderDialog::drainPoints()
{
    if (!m_shared)
        return;
    std::vector<LrFinderPoint> points;
    {
        std::lock_guard<std::mutex> lock(m_shared->mutex);
        points.swap(m_shared->pending);
    }
    if (points.empty())
        return;
    m_result.points.insert(m_result.points.end(), points.begin(), points.end());
    const LrFinderPoint &last = m_result.points.back();
    m_progress->setValue(static_cast<int>(last.iteration + 1));
    m_status->setText(tr("Batch %1 of %2: learning rate %3, loss %4")
                          .arg(last.iteration + 1)
                          .arg(m_progress->maximum())
                          .arg(formatLearningRate(last.learningRate, 3), QLocale().toString(last.smoothedLoss, 'f', 4)));
    m_chart->setResult(m_result, subtitle());
}

void LrFinderDialog::onSweepFinished()
{
    m_replot->stop();
    std::string error;
    {
        std::lock_guard<std::mutex> lock(m_shared->mutex);
        error = m_shared->error;
    }
    m_shared.reset();
    m_result = m_watcher.result();
    m_runButton->setText(tr("Run"));
    for (QWidget *w : {static_cast<QWidget *>(m_startLr), static_cast<QWidget *>(m_endLr), static_cast<QWidget *>(m_iterations)})
        w->setEnabled(true);
    m_progress->setValue(static_cast<int>(m_result.points.size()));
    m_chart->setResult(m_result, subtitle());
    if (m_result.suggestions.valley > 0 && !m_pickedChoice->isChecked())
        (recommendedSuggestion(m_result.suggestions) == LrSuggestionKind::Minimum ? m_minimum : m_steepest)->setChecked(true);
    const int batches = static_cast<int>(m_result.points.size());
    QString ending;
    if (m_result.cancelled)
        ending = tr("Stopped after %n batches.", nullptr, batches);
    else if (m_result.diverged && !m_result.points.empty())
        ending = tr("The loss blew up at learning rate %1 after %n batches.", nullptr, batches)
                     .arg(formatLearningRate(m_result.points.back().learningRate, 3));
    else
        ending = tr("Swept the whole range in %n batches.", nullptr, batches);
    if (!error.empty())
        m_status->setText(tr("The sweep could not run: %1").arg(QString::fromStdString(error)));
    else if (m_result.suggestions.valley <= 0)
        m_status->setText(tr("%1 Too few batches to read a learning rate off: sweep more batches or a wider range.").arg(ending));
    else
        m_status->setText(tr("%1 (%2 s) Pick a rate below and click Use Learning Rate, or click the curve.")
                              .arg(ending, QLocale().toString(m_result.seconds, 'f', 1)));
    updateChoices();
    Q_EMIT sweepFinished();
}

void LrFinderDialog::pickOnCurve(double learningRate)
{
    if (isRunning())
        return;
    m_picked = roundSignificant(learningRate, 2);
    m_chart->setPicked(m_picked);
    m_pickedChoice->setChecked(true);
    updateChoices();
}

double LrFinderDialog::chosenLearningRate() const
{
    if (isRunning())
        return 0.0;
    const LrSuggestions &s = m_result.suggestions;
    if (m_pickedChoice->isChecked())
        return m_picked;
    if (m_steepest->isChecked())
        return roundSignificant(s.steepest, 2);
    if (m_minimum->isChecked())
        return roundSignificant(s.minimum, 2);
    return roundSignificant(s.valley, 2);
}

void LrFinderDialog::updateChoices()
{
    const LrSuggestions &s = isRunning() ? LrSuggestions() : m_result.suggestions;
    const QString none = QStringLiteral("\u2014");
    m_valley->setText(tr("Valley: %1").arg(s.valley > 0 ? formatLearningRate(s.valley) : none));
    m_steepest->setText(tr("Steepest: %1").arg(s.steepest > 0 ? formatLearningRate(s.steepest) : none));
    m_minimum->setText(tr("Minimum %1 10: %2").arg(QChar(0x00F7)).arg(s.minimum > 0 ? formatLearningRate(s.minimum) : none));
    m_pickedChoice->setText(tr("On the curve: %1").arg(m_picked > 0 ? formatLearningRate(m_picked) : none));
    m_valley->setEnabled(s.valley > 0);
    m_steepest->setEnabled(s.steepest > 0);
    m_minimum->setEnabled(s.minimum > 0);
    m_pickedChoice->setEnabled(m_picked > 0 && !isRunning());
    const double lr = chosenLearningRate();
    m_useButton->setEnabled(lr > 0);
    m_useButton->setToolTip(lr > 0 ? tr("Sets the form's learning rate to %1.").arg(formatLearningRate(lr)) : QString());
}

} // namespace cifarlab
