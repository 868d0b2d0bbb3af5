#include "ui/main_window.h"

#include "ui/dataset_image.h"

#include "core/dataset_discovery.h"
#include "core/dataset_download.h"
#include "core/dataset_loader.h"
#include "core/error.h"
#include "core/evaluation.h"
#include "core/experiment_store.h"
#include "core/grad_cam.h"
#include "core/run_bundle.h"
#include "core/training_config.h"
#include "core/version.h"
#include "models/registry.h"
#include "ui/architecture_diagram.h"
#include "ui/augmentation_preview.h"
#include "ui/classify_dialog.h"
#include "ui/dropped_paths.h"
#include "ui/compare_tab.h"
#include "ui/config_panel.h"
#include "ui/confusion_tab.h"
#include "ui/elided_label.h"
#include "ui/embedding_tab.h"
#include "ui/embedding_view.h"
#include "ui/images_tab.h"
#include "ui/weights_tab.h"
#include "ui/log_tab.h"
#include "ui/layer_table_model.h"
#include "ui/live_tab.h"
#include "ui/comparison_charts.h"
#include "ui/lr_finder_dialog.h"
#include "ui/runs_panel.h"
#include "ui/training_controller.h"
#include "ui/training_queue.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QUrl>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPixmap>
#include <QProgressBar>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <utility>

namespace cifarlab {

namespace {

constexpr int kSampleCount = 96;
constexpr int kThumbnailScale = 3;
constexpr int kPathRole = Qt::UserRole + 1;
constexpr int kPollMs = 2000;

QString channelStats(const std::vector<double> &values)
{
    QStringList parts;
    for (double v : values)
        parts << QString::number(v, 'f', 4);
    return parts.join(QStringLiteral(", "));
}

QString clock(double seconds)
{
    const auto s = static_cast<qint64>(std::max(0.0, seconds) + 0.5);
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QStringList toQStringList(const std::vector<std::string> &names)
{
    QStringList list;
    for (const auto &n : names)
        list << QString::fromStdString(n);
    return list;
}

QString statusWord(RunStatus status)
{
    switch (status) {
    case RunStatus::Created: return MainWindow::tr("Starting");
    case RunStatus::Running: return MainWindow::tr("Training");
    case RunStatus::Paused: return MainWindow::tr("Paused");
    case RunStatus::Completed: return MainWindow::tr("Completed");
    case RunStatus::Stopped: return MainWindow::tr("Stopped (checkpoint saved)");
    case RunStatus::Cancelled: return MainWindow::tr("Cancelled");
    case RunStatus::Diverged: return MainWindow::tr("Diverged");
    case RunStatus::Failed: return MainWindow::tr("Failed");
    }
    return {};
}

} // namespace

MainWindow::MainWindow(const QString &storeFolder, QWidget *parent)
    : QMainWindow(parent)
    , m_storeFolder(storeFolder.isEmpty() ? QString::fromStdString(ExperimentStore::defaultFolder()) : storeFolder)
{
    setWindowTitle(tr("CifarLab"));
    setAcceptDrops(true); // datasets, run bundles and images to classify
    setObjectName(QStringLiteral("MainWindow"));
    registerMetaTypes();
    m_controller = new TrainingController(m_storeFolder, this);

    m_liveTab = new LiveTab;
    m_confusionTab = new ConfusionTab;
    m_imagesTab = new ImagesTab;
    connect(m_imagesTab, &ImagesTab::attributionRequested, this, &MainWindow::onAttributionRequested);
    m_weightsTab = new WeightsTab;
    m_embeddingTab = new EmbeddingTab;
    connect(m_embeddingTab, &EmbeddingTab::computeRequested, this,
            [this](const EmbeddingOptions &options) { computeEmbedding(options); });
    connect(m_embeddingTab, &EmbeddingTab::cancelRequested, this, &MainWindow::cancelEmbedding);
    connect(m_embeddingTab, &EmbeddingTab::showImageRequested, this, [this](int imageIndex) {
        m_imagesTab->selectImage(imageIndex);
        m_tabs->setCurrentWidget(m_imagesTab);
    });
    m_logTab = new LogTab;
    m_compareTab = new CompareTab;
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_liveTab, tr("&Live"));
    m_tabs->addTab(m_confusionTab, tr("&Confusion"));
    m_tabs->addTab(m_imagesTab, tr("&Images"));
    m_tabs->addTab(m_weightsTab, tr("&Weights"));
    m_tabs->setTabToolTip(m_tabs->indexOf(m_weightsTab), tr("Each layer's weights, gradients and step sizes, epoch by epoch"));
    m_tabs->addTab(m_embeddingTab, tr("&Embedding"));
    m_tabs->setTabToolTip(m_tabs->indexOf(m_embeddingTab),
                          tr("The test images mapped by what the network learned (t-SNE or PCA of its features)"));
    m_tabs->addTab(m_logTab, tr("L&og"));
    m_tabs->setTabToolTip(m_tabs->indexOf(m_logTab), tr("What the run said as it went: data loading, the changes a time budget or "
                                                        "the memory limit made, warnings, pauses and its outcome"));
    m_tabs->addTab(m_compareTab, tr("Co&mpare"));
    m_tabs->setTabToolTip(m_tabs->indexOf(m_compareTab), tr("The runs selected in the Runs dock side by side (Ctrl+K)"));
    m_tabs->addTab(buildDatasetTab(), tr("&Dataset"));
    m_tabs->addTab(buildArchitectureTab(), tr("&Architecture"));

    auto *center = new QWidget;
    auto *centerLayout = new QVBoxLayout(center);
    centerLayout->setContentsMargins(0, 0, 0, 0);
    centerLayout->setSpacing(0);
    centerLayout->addWidget(buildRunHeader());
    centerLayout->addWidget(m_tabs, 1);
    // The map's source is checked again whenever the tab is looked at (a checkpoint may have appeared).
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_embeddingTab)
            updateEmbeddingSource();
    });

    auto *splitter = new QSplitter;
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(buildSidePanel());
    splitter->addWidget(center);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({340, 1000});
    setCentralWidget(splitter);

    m_runsPanel = new RunsPanel(m_storeFolder);
    m_runsDock = new QDockWidget(tr("Runs"), this);
    m_runsDock->setObjectName(QStringLiteral("runsDock"));
    m_runsDock->setWidget(m_runsPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_runsDock);
    resizeDocks({m_runsDock}, {fontMetrics().lineSpacing() * 8}, Qt::Vertical);
    m_compareTab->setStore(m_runsPanel->store());

    m_queue = new TrainingQueue(QStringLiteral("queue"), this);
    m_queuePanel = new QueuePanel(m_queue);
    m_queueDock = new QDockWidget(tr("Queue"), this);
    m_queueDock->setObjectName(QStringLiteral("queueDock"));
    m_queueDock->setWidget(m_queuePanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_queueDock);
    splitDockWidget(m_runsDock, m_queueDock, Qt::Horizontal);

    buildMenus();

    m_loadProgress = new QProgressBar;
    m_loadProgress->setRange(0, 0);
    m_loadProgress->setMaximumWidth(200);
    m_loadProgress->setVisible(false);
    statusBar()->addPermanentWidget(m_loadProgress);

    m_pollTimer = new QTimer(this);
    m_pollTimer->setInterval(kPollMs);
    connect(m_pollTimer, &QTimer::timeout, this, &MainWindow::pollViewedRun);

    connect(&m_loadWatcher, &QFutureWatcher<LoadedDataset>::finished, this, &MainWindow::onDatasetLoaded);
    connect(m_controller, &TrainingController::runCreated, this, &MainWindow::onRunCreated);
    connect(m_controller, &TrainingController::batchesArrived, this, &MainWindow::onBatches);
    connect(m_controller, &TrainingController::epochArrived, this, &MainWindow::onEpoch);
    connect(m_controller, &TrainingController::statusChanged, this, &MainWindow::onStatus);
    connect(m_controller, &TrainingController::finished, this, &MainWindow::onFinished);
    connect(m_controller, &TrainingController::logMessage, this, [this](const QString &message) {
        statusBar()->showMessage(message, 5000);
        refreshLog();
    });
    connect(m_configPanel, &ConfigPanel::changed, this, &MainWindow::onFormChanged);
    connect(m_configPanel, &ConfigPanel::findLearningRateRequested, this, &MainWindow::openLearningRateFinder);
    connect(m_confusionTab, &ConfusionTab::cellActivated, this, [this](int trueClass, int predicted, bool train) {
        if (train) {
            statusBar()->showMessage(tr("Images are shown for the test split only"), 5000);
            return;
        }
        m_imagesTab->showPair(trueClass, predicted);
        m_tabs->setCurrentWidget(m_imagesTab);
    });
    connect(m_runsPanel, &RunsPanel::openRequested, this, [this](qint64 id) { openRun(id); });
    connect(m_runsPanel, &RunsPanel::resumeRequested, this, [this](qint64 id) { resumeRun(id); });
    connect(m_runsPanel, &RunsPanel::reuseSettingsRequested, this, [this](qint64 id) { reuseRunSettings(id); });
    connect(m_runsPanel, &RunsPanel::classifyRequested, this, [this](qint64 id) {
        if (!openRun(id))
            return;
        // The run's dataset (its classes and statistics) may still be loading.
        if (isLoading())
            connect(this, &MainWindow::datasetLoaded, this, [this] { QTimer::singleShot(0, this, [this] { openClassifier(); }); },
                    Qt::SingleShotConnection);
        else
            openClassifier();
    });
    connect(m_runsPanel, &RunsPanel::exportRequested, this, &MainWindow::chooseBundleExport);

    // Compare: the Runs dock's selection is the comparison; a live run's epochs refresh it.
    connect(m_runsPanel, &RunsPanel::selectionChanged, this, [this] { m_compareTab->setRuns(selectedRunsInOrder()); });
    connect(m_runsPanel, &RunsPanel::compareRequested, this, [this] { compareRuns(m_runsPanel->selectedRuns()); });
    connect(m_runsPanel, &RunsPanel::runsChanged, m_compareTab, &CompareTab::refreshRuns);
    connect(m_controller, &TrainingController::epochArrived, this, [this] {
        if (m_compareTab->runIds().contains(m_controller->currentRun()))
            m_compareTab->refreshRuns();
    });
    connect(m_compareTab, &CompareTab::statusMessage, this, [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(m_compareTab, &CompareTab::errorOccurred, this, &MainWindow::showError);

    // Queue: jobs start through the same path as Start; the window reports back how they end.
    m_queue->setStarter([this](const QueuedJob &job, QString *error) { return startQueuedJob(job, error); });
    m_queue->setResumer([this](qint64 runId, QString *error) {
        if (resumeRun(runId))
            return true;
        if (error)
            *error = tr("Run %1 could not be resumed; use Start Over to train the job again.").arg(runId);
        return false;
    });
    m_queue->setBusyCheck([this] { return m_controller->isRunning(); });
    connect(m_controller, &TrainingController::runCreated, m_queue, &TrainingQueue::onRunCreated);
    connect(this, &MainWindow::trainingFinished, m_queue, [this](const TrainingOutcome &outcome) {
        m_queue->onTrainingFinished(outcome.status, outcome.runId, outcome.message);
    });
    connect(m_queue, &TrainingQueue::jobFinished, this, [this](const QString &, qint64 runId) { onQueueJobFinished(runId); });
    connect(m_queue, &TrainingQueue::queueFinished, this, &MainWindow::onQueueFinished);
    connect(m_queue, &TrainingQueue::queuePaused, this, [this](const QString &reason) { statusBar()->showMessage(reason, 10000); });
    connect(m_queue, &TrainingQueue::changed, this, &MainWindow::updateQueueActions);
    connect(m_queuePanel, &QueuePanel::addCurrentRequested, this, [this] { addCurrentToQueue(); });
    connect(m_queuePanel, &QueuePanel::addSeveralRequested, this, &MainWindow::chooseSeveralForQueue);
    connect(m_queuePanel, &QueuePanel::errorOccurred, this, &MainWindow::showError);

    refreshArchitecture();
    resize(1440, 900);
    m_queue->load();
    m_queueDock->setVisible(false);
    loadSettings();
    if (m_queue->count() > 0)
        showQueueDock();
    if (m_queue->interruptedCount() > 0)
        statusBar()->showMessage(tr("A queued job was interrupted when CifarLab quit: resume it or start it over in the Queue dock."), 15000);
    selectInitialDataset();
    updateControls();
}

MainWindow::~MainWindow()
{
    // No embedding thread outlives the window (it stops at its next check of the flag).
    cancelEmbedding();
    m_embeddingFuture.waitForFinished();
    m_loadWatcher.waitForFinished();
    m_bundleFuture.waitForFinished();
    if (m_controller->isRunning()) {
        m_controller->stop();
        m_controller->wait(-1);
    }
}

void MainWindow::buildMenus()
{
    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    auto *openFile = fileMenu->addAction(tr("&Open Dataset File..."), this, &MainWindow::chooseDatasetFile);
    openFile->setShortcut(QKeySequence::Open);
    fileMenu->addAction(tr("Open Dataset &Folder..."), this, &MainWindow::chooseDatasetFolder);
    fileMenu->addAction(tr("&Download CIFAR-10..."), this, &MainWindow::downloadCifar10);
    fileMenu->addSeparator();
    auto *evaluate = fileMenu->addAction(tr("&Evaluate Checkpoint..."), this, &MainWindow::chooseCheckpointToEvaluate);
    evaluate->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    auto *classify = fileMenu->addAction(tr("&Classify Images..."), this, [this] { openClassifier(); });
    classify->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    classify->setStatusTip(tr("Classify your own image files with the run shown (or the evaluated checkpoint)"));
    auto *exportView = fileMenu->addAction(tr("E&xport Current View..."), this, &MainWindow::exportCurrentView);
    exportView->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    fileMenu->addSeparator();
    auto *exportBundleAction = fileMenu->addAction(tr("Export Runs as &Bundle..."), this,
                                                   [this] { chooseBundleExport(m_runsPanel->selectedRuns()); });
    exportBundleAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    exportBundleAction->setStatusTip(tr("Save the runs selected in the Runs dock, with metrics and checkpoints, as one file"));
    auto *importBundleAction = fileMenu->addAction(tr("&Import Bundle..."), this, &MainWindow::chooseBundleImport);
    importBundleAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    importBundleAction->setStatusTip(tr("Add the runs of a .cifarlab.zip bundle to the run history"));
    fileMenu->addSeparator();
    auto *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    auto *trainMenu = menuBar()->addMenu(tr("&Training"));
    m_startAction = trainMenu->addAction(tr("&Start"), this, [this] { startTraining(); });
    m_startAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_pauseAction = trainMenu->addAction(tr("&Pause"), this, &MainWindow::pauseTraining);
    m_pauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_resumeAction = trainMenu->addAction(tr("&Resume"), this, &MainWindow::resumeTraining);
    m_resumeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_stopAction = trainMenu->addAction(tr("S&top (save checkpoint)"), this, &MainWindow::stopTraining);
    m_stopAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    trainMenu->addSeparator();
    m_addToQueueAction = trainMenu->addAction(tr("Add to &Queue"), this, [this] { addCurrentToQueue(); });
    m_addToQueueAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    trainMenu->addAction(tr("Add Se&veral to Queue..."), this, &MainWindow::chooseSeveralForQueue);
    m_runQueueAction = trainMenu->addAction(tr("R&un Queue"), this, [this] {
        if (m_queue->isRunning())
            m_queue->pause();
        else
            m_queue->start();
    });
    m_stopQueueAction = trainMenu->addAction(tr("Stop Queue After &Current Run"), this,
                                             [this](bool checked) { m_queue->setStopAfterCurrent(checked); });
    m_stopQueueAction->setCheckable(true);

    auto *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addAction(m_runsDock->toggleViewAction());
    m_runsDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    viewMenu->addAction(m_queueDock->toggleViewAction());
    viewMenu->addAction(m_runsPanel->compareAction());
    viewMenu->addSeparator();
    auto *languageMenu = viewMenu->addMenu(tr("&Language"));
    auto *languages = new QActionGroup(this);
    const QString current = QSettings().value(QStringLiteral("language")).toString();
    const std::pair<QString, QString> options[] = {{QString(), tr("System default")},
                                                   {QStringLiteral("en"), QStringLiteral("English")},
                                                   {QStringLiteral("de"), QStringLiteral("Deutsch")},
                                                   {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
    for (const auto &option : options) {
        auto *action = languageMenu->addAction(option.second);
        action->setCheckable(true);
        action->setChecked(option.first == current);
        languages->addAction(action);
        const QString code = option.first;
        connect(action, &QAction::triggered, this, [this, code] { setLanguage(code); });
    }

    auto *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About CifarLab"), this, &MainWindow::showAbout);
    helpMenu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

QWidget *MainWindow::buildSidePanel()
{
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);

    auto *dataBox = new QGroupBox(tr("Dataset"));
    auto *dataLayout = new QVBoxLayout(dataBox);
    m_datasetList = new QListWidget;
    m_datasetList->setObjectName(QStringLiteral("datasetList"));
    m_datasetList->setAccessibleName(tr("Datasets found on this computer"));
    m_datasetList->setMaximumHeight(fontMetrics().height() * 6);
    dataLayout->addWidget(m_datasetList);
    auto *buttons = new QHBoxLayout;
    auto *openFileButton = new QPushButton(tr("Open File..."));
    openFileButton->setToolTip(tr("Open a CIFAR .tar.gz or an ImageFolder .zip"));
    auto *openFolderButton = new QPushButton(tr("Open Folder..."));
    openFolderButton->setToolTip(tr("Open a CIFAR binary, ImageFolder or MNIST/IDX folder"));
    m_downloadButton = new QPushButton(tr("Download CIFAR-10"));
    m_downloadButton->setToolTip(tr("Fetch CIFAR-10 (163 MB) from its publisher and verify its checksum"));
    buttons->addWidget(openFileButton);
    buttons->addWidget(openFolderButton);
    dataLayout->addLayout(buttons);
    dataLayout->addWidget(m_downloadButton);
    connect(openFileButton, &QPushButton::clicked, this, &MainWindow::chooseDatasetFile);
    connect(openFolderButton, &QPushButton::clicked, this, &MainWindow::chooseDatasetFolder);
    connect(m_downloadButton, &QPushButton::clicked, this, &MainWindow::downloadCifar10);
    connect(m_datasetList, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            openDataset(item->data(kPathRole).toString());
    });

    auto *archBox = new QGroupBox(tr("Architecture"));
    auto *archLayout = new QVBoxLayout(archBox);
    m_architectureList = new QListWidget;
    m_architectureList->setObjectName(QStringLiteral("architectureList"));
    m_architectureList->setAccessibleName(tr("Architectures"));
    const QLocale locale;
    for (const auto &a : listArchitectures()) {
        QString label = QString::fromStdString(a.displayName);
        try {
            const ModelSummary s = summarizeArchitecture(a.name);
            label += QLatin1Char('\n')
                + tr("%1 M params · %2 MB · %3 M MACs")
                      .arg(static_cast<double>(s.parameters) / 1e6, 0, 'f', 2)
                      .arg(static_cast<double>(s.sizeBytes) / (1024.0 * 1024.0), 0, 'f', 1)
                      .arg(static_cast<double>(s.macs) / 1e6, 0, 'f', 0);
        } catch (const std::exception &) {
        }
        auto *item = new QListWidgetItem(label);
        item->setData(kPathRole, QString::fromStdString(a.name));
        item->setToolTip(QString::fromStdString(a.description));
        m_architectureList->addItem(item);
    }
    m_architectureList->setCurrentRow(0);
    m_architectureList->setMaximumHeight(fontMetrics().lineSpacing() * 2 * m_architectureList->count() + 12);
    m_architectureList->setMinimumHeight(m_architectureList->maximumHeight());
    archLayout->addWidget(m_architectureList);
    connect(m_architectureList, &QListWidget::currentItemChanged, this, [this] {
        refreshArchitecture();
        updateControls();
    });

    auto *recipeBox = new QGroupBox(tr("Training recipe"));
    auto *recipeLayout = new QVBoxLayout(recipeBox);
    m_configPanel = new ConfigPanel;
    recipeLayout->addWidget(m_configPanel);

    layout->addWidget(dataBox);
    layout->addWidget(archBox);
    layout->addWidget(recipeBox, 1);

    auto *scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Tab goes to the fields inside (the area scrolls to them), not to the area itself.
    scroll->setFocusPolicy(Qt::NoFocus);

    // Start/Pause/Stop stay visible below the scrolling form.
    auto *controls = new QWidget;
    auto *controlLayout = new QVBoxLayout(controls);
    m_validation = new QLabel;
    m_validation->setObjectName(QStringLiteral("validationMessage"));
    m_validation->setWordWrap(true);
    QPalette warn = m_validation->palette();
    warn.setColor(QPalette::WindowText, QColor(200, 40, 40));
    m_validation->setPalette(warn);
    auto *row = new QHBoxLayout;
    m_startButton = new QPushButton(tr("Start"));
    m_startButton->setObjectName(QStringLiteral("startButton"));
    m_startButton->setToolTip(tr("Start training (Ctrl+Return)"));
    m_startButton->setDefault(true);
    QFont bold = m_startButton->font();
    bold.setBold(true);
    m_startButton->setFont(bold);
    m_pauseButton = new QPushButton(tr("Pause"));
    m_pauseButton->setObjectName(QStringLiteral("pauseButton"));
    m_pauseButton->setToolTip(tr("Pause at the next batch (Ctrl+P); click again to resume (Ctrl+Shift+P)"));
    m_stopButton = new QPushButton(tr("Stop"));
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    m_stopButton->setToolTip(tr("Stop after this batch and save a checkpoint to resume from (Ctrl+.)"));
    m_queueButton = new QToolButton;
    m_queueButton->setObjectName(QStringLiteral("addToQueueButton"));
    m_queueButton->setText(tr("Add to Queue"));
    m_queueButton->setToolTip(tr("Queue this recipe to train after the current run (Ctrl+Shift+Return); the arrow adds "
                                 "several architectures and presets at once"));
    m_queueButton->setPopupMode(QToolButton::MenuButtonPopup);
    m_queueButton->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    m_queueButton->addAction(tr("Add Current Recipe"), this, [this] { addCurrentToQueue(); });
    m_queueButton->addAction(tr("Add Several..."), this, &MainWindow::chooseSeveralForQueue);
    connect(m_queueButton, &QToolButton::clicked, this, [this] { addCurrentToQueue(); });
    row->addWidget(m_startButton, 2);
    row->addWidget(m_queueButton, 2);
    row->addWidget(m_pauseButton, 1);
    row->addWidget(m_stopButton, 1);
    controlLayout->addWidget(m_validation);
    controlLayout->addLayout(row);
    connect(m_startButton, &QPushButton::clicked, this, [this] { startTraining(); });
    connect(m_pauseButton, &QPushButton::clicked, this, [this] {
        if (m_controller->isPaused())
            resumeTraining();
        else
            pauseTraining();
    });
    connect(m_stopButton, &QPushButton::clicked, this, &MainWindow::stopTraining);

    auto *panel = new QWidget;
    panel->setObjectName(QStringLiteral("experimentPanel"));
    auto *panelLayout = new QVBoxLayout(panel);
    panelLayout->setContentsMargins(0, 0, 0, 0);
    panelLayout->addWidget(scroll, 1);
    panelLayout->addWidget(controls);
    // Never clip the form: the panel is at least as wide as its content.
    panel->setMinimumWidth(content->sizeHint().width() + scroll->verticalScrollBar()->sizeHint().width() + 4);
    return panel;
}

QWidget *MainWindow::buildRunHeader()
{
    auto *header = new QWidget;
    header->setObjectName(QStringLiteral("runHeader"));
    auto *layout = new QHBoxLayout(header);
    layout->setContentsMargins(8, 6, 8, 6);
    m_runTitle = new QLabel(tr("No run yet"));
    m_runTitle->setObjectName(QStringLiteral("runTitle"));
    QFont titleFont = m_runTitle->font();
    titleFont.setBold(true);
    m_runTitle->setFont(titleFont);
    m_runProgress = new QProgressBar;
    m_runProgress->setObjectName(QStringLiteral("runProgress"));
    m_runProgress->setRange(0, 1000);
    m_runProgress->setValue(0);
    m_runProgress->setTextVisible(true);
    m_runProgress->setFormat(QStringLiteral("%p%"));
    m_runProgress->setMinimumWidth(fontMetrics().averageCharWidth() * 24);
    m_runStatus = new ElidedLabel(tr("Pick a dataset and an architecture, then click Start."));
    m_runStatus->setObjectName(QStringLiteral("runStatus"));
    layout->addWidget(m_runTitle);
    layout->addWidget(m_runProgress, 1);
    layout->addWidget(m_runStatus, 2);
    return header;
}

QWidget *MainWindow::buildDatasetTab()
{
    auto *tab = new QWidget;
    auto *layout = new QVBoxLayout(tab);
    m_datasetTitle = new QLabel(tr("No dataset loaded"));
    QFont titleFont = m_datasetTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_datasetTitle->setFont(titleFont);
    m_datasetFacts = new QLabel(tr("Pick a dataset on the left, or open a CIFAR binary folder/.tar.gz, "
                                   "an ImageFolder folder/.zip or an MNIST-style IDX folder."));
    m_datasetFacts->setWordWrap(true);
    m_datasetFacts->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_classTable = new QTableWidget(0, 3);
    // Tab leaves the table (the arrow keys move between cells): no keyboard trap.
    m_classTable->setTabKeyNavigation(false);
    m_classTable->setHorizontalHeaderLabels({tr("Class"), tr("Train images"), tr("Test images")});
    m_classTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_classTable->verticalHeader()->setVisible(false);
    m_classTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_classTable->setAccessibleName(tr("Images per class"));
    m_classTable->setObjectName(QStringLiteral("classTable"));

    m_sampleModel = new QStandardItemModel(this);
    auto *samples = new QListView;
    samples->setModel(m_sampleModel);
    samples->setViewMode(QListView::IconMode);
    samples->setResizeMode(QListView::Adjust);
    samples->setUniformItemSizes(true);
    samples->setMovement(QListView::Static);
    samples->setSpacing(4);
    samples->setIconSize(QSize(64, 64));
    samples->setAccessibleName(tr("Sample test images"));
    samples->setObjectName(QStringLiteral("sampleView"));

    auto *split = new QSplitter(Qt::Horizontal);
    auto *classBox = new QGroupBox(tr("Classes"));
    (new QVBoxLayout(classBox))->addWidget(m_classTable);
    auto *sampleBox = new QGroupBox(tr("Sample of the test images"));
    (new QVBoxLayout(sampleBox))->addWidget(samples);
    split->addWidget(classBox);
    split->addWidget(sampleBox);
    split->setSizes({330, 600});

    auto *augmentationBox = new QGroupBox(tr("Training images as the recipe augments them"));
    m_augmentationPreview = new AugmentationPreview;
    (new QVBoxLayout(augmentationBox))->addWidget(m_augmentationPreview);
    auto *vertical = new QSplitter(Qt::Vertical);
    vertical->addWidget(split);
    vertical->addWidget(augmentationBox);
    vertical->setSizes({400, 420});

    layout->addWidget(m_datasetTitle);
    layout->addWidget(m_datasetFacts);
    layout->addWidget(vertical, 1);
    return tab;
}

QWidget *MainWindow::buildArchitectureTab()
{
    auto *tab = new QWidget;
    auto *layout = new QVBoxLayout(tab);
    m_architectureTitle = new QLabel;
    m_architectureTitle->setObjectName(QStringLiteral("architectureTitle"));
    QFont titleFont = m_architectureTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_architectureTitle->setFont(titleFont);
    m_architectureTotals = new QLabel;
    m_architectureTotals->setWordWrap(true);
    m_architectureTotals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_layerModel = new LayerTableModel(this);
    m_layerView = new QTableView;
    m_layerView->setTabKeyNavigation(false); // Tab leaves the table; the arrow keys move between cells
    m_layerView->setModel(m_layerModel);
    m_layerView->setAlternatingRowColors(true);
    m_layerView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_layerView->verticalHeader()->setVisible(false);
    m_layerView->horizontalHeader()->setStretchLastSection(true);
    m_layerView->setAccessibleName(tr("Per-layer summary"));
    m_layerView->setObjectName(QStringLiteral("layerTable"));
    m_architectureTotals->setObjectName(QStringLiteral("architectureTotals"));

    m_diagram = new ArchitectureDiagram;
    m_diagram->setObjectName(QStringLiteral("architectureDiagram"));
    auto *diagramScroll = new QScrollArea;
    diagramScroll->setWidget(m_diagram);
    diagramScroll->setWidgetResizable(true);
    diagramScroll->setFocusPolicy(Qt::NoFocus); // the diagram takes focus and scrolls to its current block
    auto *exportDiagram = new QPushButton(tr("Export Diagram..."));
    exportDiagram->setToolTip(tr("Save the block diagram as PNG, SVG or PDF"));
    connect(exportDiagram, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Diagram"), QStringLiteral("architecture.svg"),
                                                          tr("SVG (*.svg);;PNG (*.png);;PDF (*.pdf)"));
        if (!path.isEmpty() && !m_diagram->saveImage(path))
            showError(tr("Export failed"), tr("Could not write %1").arg(path));
    });
    auto *diagramBox = new QWidget;
    auto *diagramLayout = new QVBoxLayout(diagramBox);
    diagramLayout->setContentsMargins(0, 0, 0, 0);
    diagramLayout->addWidget(diagramScroll, 1);
    diagramLayout->addWidget(exportDiagram, 0, Qt::AlignRight);

    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_layerView);
    split->addWidget(diagramBox);
    split->setSizes({560, 520});

    layout->addWidget(m_architectureTitle);
    layout->addWidget(m_architectureTotals);
    layout->addWidget(split, 1);
    return tab;
}

void MainWindow::refreshDatasetList()
{
    const QString current = m_datasetList->currentItem() ? m_datasetList->currentItem()->data(kPathRole).toString() : QString();
    const QSignalBlocker blocker(m_datasetList);
    m_datasetList->clear();
    bool haveCifar10 = false;
    const QString setting = QSettings().value(QStringLiteral("dataFolder")).toString();
    for (const auto &d : discoverDatasets(setting.toStdString())) {
        auto *item = new QListWidgetItem(QStringLiteral("%1  (%2)").arg(QString::fromStdString(d.name), QString::fromStdString(d.format)));
        item->setData(kPathRole, QString::fromStdString(d.path));
        item->setToolTip(QString::fromStdString(d.path));
        m_datasetList->addItem(item);
        haveCifar10 = haveCifar10 || d.name == "CIFAR-10";
        if (QString::fromStdString(d.path) == current)
            m_datasetList->setCurrentItem(item);
    }
    m_downloadButton->setVisible(!haveCifar10);
}

void MainWindow::selectInitialDataset()
{
    refreshDatasetList();
    const QString last = QSettings().value(QStringLiteral("lastDataset")).toString();
    int choice = -1;
    for (int i = 0; i < m_datasetList->count(); ++i) {
        const QString path = m_datasetList->item(i)->data(kPathRole).toString();
        if (!last.isEmpty() && path == last)
            choice = i;
    }
    if (choice < 0)
        for (int i = 0; i < m_datasetList->count() && choice < 0; ++i)
            if (m_datasetList->item(i)->text().startsWith(QStringLiteral("CIFAR-10 ")))
                choice = i;
    if (choice < 0 && m_datasetList->count() > 0)
        choice = 0;
    if (choice >= 0)
        m_datasetList->setCurrentRow(choice);
    else if (!last.isEmpty() && QFileInfo::exists(last))
        openDataset(last);
}

void MainWindow::rememberDataset(const QString &path, const QString &name, const QString &format)
{
    for (int i = 0; i < m_datasetList->count(); ++i) {
        if (m_datasetList->item(i)->data(kPathRole).toString() == path) {
            const QSignalBlocker blocker(m_datasetList);
            m_datasetList->setCurrentRow(i);
            return;
        }
    }
    auto *item = new QListWidgetItem(QStringLiteral("%1  (%2)").arg(name, format));
    item->setData(kPathRole, path);
    item->setToolTip(path);
    const QSignalBlocker blocker(m_datasetList);
    m_datasetList->addItem(item);
    m_datasetList->setCurrentItem(item);
}

void MainWindow::openDataset(const QString &path)
{
    if (m_loadWatcher.isRunning()) {
        // Never block the event loop: load this one when the current load finishes.
        m_pendingDataset = path;
        return;
    }
    const auto *current = m_datasetList->currentItem();
    if (current && current->data(kPathRole).toString() != path) {
        const QSignalBlocker blocker(m_datasetList);
        m_datasetList->setCurrentRow(-1);
    }
    m_loadProgress->setVisible(true);
    statusBar()->showMessage(tr("Loading %1...").arg(path));
    m_loadWatcher.setFuture(QtConcurrent::run([path] {
        LoadedDataset result;
        QElapsedTimer timer;
        timer.start();
        try {
            auto dataset = std::make_shared<Dataset>(loadDataset(path.toStdString()));
            result.summary = summarizeDataset(*dataset);
            result.dataset = std::move(dataset);
        } catch (const std::exception &e) {
            result.error = QString::fromUtf8(e.what());
        }
        result.seconds = static_cast<double>(timer.elapsed()) / 1000.0;
        return result;
    }));
}

bool MainWindow::isLoading() const
{
    return m_loadWatcher.isRunning() || !m_pendingDataset.isEmpty();
}

void MainWindow::onDatasetLoaded()
{
    m_loadProgress->setVisible(false);
    const LoadedDataset loaded = m_loadWatcher.result();
    if (!m_pendingDataset.isEmpty()) {
        const QString next = m_pendingDataset;
        m_pendingDataset.clear();
        openDataset(next);
        return;
    }
    if (!loaded.error.isEmpty()) {
        statusBar()->showMessage(tr("Could not load the dataset"), 10000);
        showError(tr("Could not load the dataset"), loaded.error);
        if (m_queuedConfig) {
            m_queuedConfig.reset();
            m_queue->onStartFailed(loaded.error);
        }
        Q_EMIT datasetFailed(loaded.error);
        return;
    }
    m_dataset = loaded.dataset;
    const QString source = QString::fromStdString(m_dataset->source);
    rememberDataset(source, QString::fromStdString(m_dataset->name), QString::fromStdString(m_dataset->format));
    showDataset(loaded);
    refreshArchitecture();
    if (!m_controller->isRunning() && m_viewedRun == 0)
        m_imagesTab->setDataset(m_dataset);
    if (!m_pendingImageSource.isEmpty() && m_pendingImageSource == source) {
        m_imagesTab->setDataset(m_dataset);
        m_imagesTab->setEpochs(m_pendingImageEpochs);
        m_pendingImageEpochs.clear();
        m_pendingImageSource.clear();
    }
    m_compareTab->setDataset(m_dataset);
    updateEmbeddingSource();
    statusBar()->showMessage(tr("Loaded %1 in %2 s").arg(source).arg(loaded.seconds, 0, 'f', 2), 10000);
    updateControls();
    Q_EMIT datasetLoaded(source);
    if (m_queuedConfig) {
        // The queued job that waited for this dataset starts now.
        const TrainingConfig config = *m_queuedConfig;
        m_queuedConfig.reset();
        if (m_controller->isRunning() || !launchTraining(config, m_queuedRunName, m_tabs->currentWidget() != m_compareTab))
            m_queue->onStartFailed(tr("A run is in progress."));
    }
}

void MainWindow::showDataset(const LoadedDataset &loaded)
{
    const Dataset &d = *loaded.dataset;
    const DatasetSummary &s = loaded.summary;
    const QLocale locale;
    m_datasetTitle->setText(QString::fromStdString(d.name));
    m_datasetFacts->setText(tr("%1 training and %2 test images, %3 x %4 pixels, %5 channel(s), %6 classes. "
                               "Format: %7. Source: %8\nTraining mean per channel: %9; std: %10")
                                .arg(locale.toString(static_cast<qlonglong>(d.train.count)),
                                     locale.toString(static_cast<qlonglong>(d.test.count)))
                                .arg(s.width)
                                .arg(s.height)
                                .arg(s.channels)
                                .arg(s.numClasses)
                                .arg(QString::fromStdString(d.format), QDir::toNativeSeparators(QDir::cleanPath(QString::fromStdString(d.source))),
                                     channelStats(s.train.mean), channelStats(s.train.std)));
    const TrainingConfig recipe = m_configPanel->config();
    m_augmentationPreview->setRecipe(recipe.augment, recipe.cropPadding, recipe.cutoutSize);
    m_augmentationPreview->setDataset(loaded.dataset, s.train.mean, s.train.std);
    m_classTable->setRowCount(static_cast<int>(d.classNames.size()));
    for (size_t c = 0; c < d.classNames.size(); ++c) {
        const int row = static_cast<int>(c);
        m_classTable->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(d.classNames[c])));
        const auto trainCount = c < s.train.perClassCount.size() ? s.train.perClassCount[c] : 0;
        const auto testCount = c < s.test.perClassCount.size() ? s.test.perClassCount[c] : 0;
        auto *trainItem = new QTableWidgetItem(locale.toString(static_cast<qlonglong>(trainCount)));
        auto *testItem = new QTableWidgetItem(locale.toString(static_cast<qlonglong>(testCount)));
        trainItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        testItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_classTable->setItem(row, 1, trainItem);
        m_classTable->setItem(row, 2, testItem);
    }
    m_sampleModel->clear();
    // Items (not just the grid) as wide as the longest class name: the view elides a label to its
    // item's size hint, which otherwise follows the icon.
    QSize sampleSize;
    if (auto *view = findChild<QListView *>(QStringLiteral("sampleView"))) {
        const QFontMetrics metrics = view->fontMetrics();
        int textWidth = 0;
        for (const std::string &name : d.classNames)
            textWidth = std::max(textWidth, metrics.horizontalAdvance(QString::fromStdString(name)));
        const int icon = view->iconSize().width();
        sampleSize = QSize(std::max(icon, textWidth) + metrics.averageCharWidth() * 2,
                           view->iconSize().height() + metrics.height() + metrics.height() / 2);
        view->setGridSize(sampleSize + QSize(view->spacing(), view->spacing()));
    }
    // Spread the samples over the whole split: folders are sorted by class, so the first images
    // would all be one class.
    const int64_t n = std::min<int64_t>(kSampleCount, d.test.count);
    for (int64_t k = 0; k < n; ++k) {
        const int64_t i = k * d.test.count / n;
        const QImage image = splitImage(d.test, i);
        const QPixmap pixmap = QPixmap::fromImage(image.scaled(image.width() * kThumbnailScale, image.height() * kThumbnailScale,
                                                               Qt::KeepAspectRatio, Qt::FastTransformation));
        const int64_t label = d.test.labels[static_cast<size_t>(i)];
        auto *item = new QStandardItem(QIcon(pixmap), QString::fromStdString(d.classNames[static_cast<size_t>(label)]));
        item->setEditable(false);
        if (sampleSize.isValid())
            item->setSizeHint(sampleSize);
        item->setToolTip(tr("Test image %1: %2").arg(i).arg(QString::fromStdString(d.classNames[static_cast<size_t>(label)])));
        m_sampleModel->appendRow(item);
    }
}

QString MainWindow::currentArchitecture() const
{
    const auto *item = m_architectureList->currentItem();
    return item ? item->data(kPathRole).toString() : QString();
}

void MainWindow::selectArchitecture(const QString &name)
{
    for (int i = 0; i < m_architectureList->count(); ++i)
        if (m_architectureList->item(i)->data(kPathRole).toString() == name)
            m_architectureList->setCurrentRow(i);
}

double MainWindow::formWidthScale() const
{
    TrainingConfig base;
    base.architecture = "airbench";
    return m_configPanel->config(base).widthScale;
}

int64_t MainWindow::formBlockDepth() const
{
    TrainingConfig base;
    base.architecture = "airbench";
    return m_configPanel->config(base).blockDepth;
}

double MainWindow::architectureWidthScale(const QString &name) const
{
    if (name != QLatin1String("airbench"))
        return 1.0;
    return m_runWidthScale ? *m_runWidthScale : formWidthScale();
}

int64_t MainWindow::architectureEnsembleMembers() const
{
    return m_runEnsembleMembers ? *m_runEnsembleMembers : m_configPanel->config().ensembleMembers;
}

int64_t MainWindow::architectureBlockDepth(const QString &name) const
{
    if (name != QLatin1String("airbench"))
        return 2;
    return m_runBlockDepth ? *m_runBlockDepth : formBlockDepth();
}

bool MainWindow::architectureOutdated() const
{
    const QString name = currentArchitecture();
    return architectureWidthScale(name) != m_shownWidthScale || architectureEnsembleMembers() != m_shownEnsembleMembers
        || architectureBlockDepth(name) != m_shownBlockDepth;
}

void MainWindow::onFormChanged()
{
    const TrainingConfig recipe = m_configPanel->config();
    m_augmentationPreview->setRecipe(recipe.augment, recipe.cropPadding, recipe.cutoutSize);
    const double width = formWidthScale();
    const int64_t depth = formBlockDepth();
    if (width != m_formWidthScale || recipe.ensembleMembers != m_formEnsembleMembers || depth != m_formBlockDepth) {
        m_formWidthScale = width;
        m_formEnsembleMembers = recipe.ensembleMembers;
        m_formBlockDepth = depth;
        m_runWidthScale.reset();
        m_runEnsembleMembers.reset();
        m_runBlockDepth.reset();
    }
    if (architectureOutdated())
        refreshArchitecture();
    updateControls();
}

void MainWindow::refreshArchitecture()
{
    const QString name = currentArchitecture();
    if (name.isEmpty())
        return;
    const double widthScale = architectureWidthScale(name);
    m_shownWidthScale = widthScale;
    // The table and diagram show one network; the title and totals count an ensemble's copies.
    const int64_t members = architectureEnsembleMembers();
    m_shownEnsembleMembers = members;
    const int64_t depth = architectureBlockDepth(name);
    m_shownBlockDepth = depth;
    InputSpec input;
    if (m_dataset && m_dataset->test.count > 0) {
        input.channels = m_dataset->test.channels;
        input.height = m_dataset->test.height;
        input.width = m_dataset->test.width;
        input.numClasses = m_dataset->numClasses();
    }
    try {
        const ModelSummary summary = summarizeArchitecture(name.toStdString(), input, widthScale, 1, depth);
        m_layerModel->setSummary(summary);
        m_layerView->resizeColumnsToContents();
        m_diagram->setSummary(summary);
        m_diagram->setClassNames(m_dataset ? toQStringList(m_dataset->classNames) : QStringList());
        const QLocale locale;
        const auto *item = m_architectureList->currentItem();
        QString title = item->text().section(QLatin1Char('\n'), 0, 0);
        if (widthScale != 1.0)
            title = tr("%1, %2x as wide").arg(title, locale.toString(widthScale));
        m_diagram->setTitle(title); // the diagram draws one network, its totals one network's
        if (members > 1)
            title = tr("%1, ensemble of %2").arg(title).arg(members);
        m_architectureTitle->setText(title);
        // The registry describes the architecture at its own width; a widened one says what changed.
        QString description = item->toolTip();
        if (widthScale != 1.0) {
            QStringList widths;
            for (const auto &layer : summary.layers)
                if (layer.type == "Conv2d" && QString::fromStdString(layer.name).endsWith(QLatin1String(".conv1"))
                    && !layer.outputShape.empty())
                    widths << locale.toString(static_cast<qlonglong>(layer.outputShape[0]));
            if (!widths.isEmpty())
                description += QLatin1Char('\n')
                    + tr("At %1x width the convolution groups are %2 channels wide.")
                          .arg(locale.toString(widthScale), widths.join(QLatin1Char('/')));
        }
        if (members > 1)
            description += QLatin1Char('\n')
                + tr("An ensemble of %1 such networks, trained side by side and averaged: the totals below count all "
                     "of them, the layers one.")
                      .arg(members);
        const double copies = static_cast<double>(members);
        m_architectureTotals->setText(tr("%1\nInput %2 x %3 x %4, %5 classes: %6 trainable parameters, %7 MB, "
                                         "%8 million multiply-adds per image, %9 layers.")
                                          .arg(description)
                                          .arg(input.channels)
                                          .arg(input.height)
                                          .arg(input.width)
                                          .arg(input.numClasses)
                                          .arg(locale.toString(static_cast<qlonglong>(summary.parameters * members)))
                                          .arg(copies * static_cast<double>(summary.sizeBytes) / (1024.0 * 1024.0), 0, 'f', 2)
                                          .arg(copies * static_cast<double>(summary.macs) / 1e6, 0, 'f', 1)
                                          .arg(summary.layers.size()));
    } catch (const std::exception &e) {
        m_layerModel->setSummary({});
        m_diagram->clear();
        m_architectureTotals->setText(tr("Cannot build %1 for this input: %2").arg(name, QString::fromUtf8(e.what())));
    }
}

void MainWindow::chooseDatasetFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Dataset"), QString(),
                                                      tr("Datasets (*.zip *.tar.gz *.tgz);;All files (*)"));
    if (!path.isEmpty())
        openDataset(path);
}

void MainWindow::chooseDatasetFolder()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("Open Dataset Folder"));
    if (!path.isEmpty())
        openDataset(path);
}

void MainWindow::downloadCifar10()
{
    const QString target = QSettings().value(QStringLiteral("dataFolder"), QString::fromStdString(defaultDataFolder())).toString();
    auto *dialog = new QProgressDialog(tr("Downloading CIFAR-10 into %1...").arg(target), tr("Cancel"), 0, 1000, this);
    dialog->setWindowTitle(tr("Download CIFAR-10"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setMinimumDuration(0);
    dialog->setValue(0);
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    connect(dialog, &QProgressDialog::canceled, this, [cancelled] { *cancelled = true; });
    auto *watcher = new QFutureWatcher<QString>(this);
    QPointer<QProgressDialog> guard(dialog);
    watcher->setFuture(QtConcurrent::run([target, cancelled, this, guard]() -> QString {
        DownloadOptions options;
        options.cancelled = [cancelled] { return cancelled->load(); };
        options.progress = [this, guard](int64_t received, int64_t total) {
            QMetaObject::invokeMethod(this, [guard, received, total] {
                if (!guard)
                    return;
                if (total > 0)
                    guard->setValue(static_cast<int>(received * 1000 / total));
                guard->setLabelText(MainWindow::tr("Downloading CIFAR-10: %1 of %2 MB")
                                        .arg(static_cast<double>(received) / 1e6, 0, 'f', 1)
                                        .arg(total > 0 ? QString::number(static_cast<double>(total) / 1e6, 'f', 1) : QStringLiteral("?")));
            });
        };
        try {
            return QString::fromStdString(downloadFile(downloadSource("cifar10"), target.toStdString(), options));
        } catch (const std::exception &e) {
            return QStringLiteral("error:") + QString::fromStdString(e.what());
        }
    }));
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, guard, cancelled] {
        const QString result = watcher->result();
        watcher->deleteLater();
        if (guard)
            guard->close();
        if (result.startsWith(QStringLiteral("error:"))) {
            if (!cancelled->load())
                showError(tr("Download failed"), result.mid(6) + tr("\n\nYou can also open a local copy with File > Open."));
            return;
        }
        refreshDatasetList();
        openDataset(result);
    });
}

void MainWindow::chooseCheckpointToEvaluate()
{
    if (!m_dataset) {
        showError(tr("No dataset"), tr("Open the dataset to evaluate on first."));
        return;
    }
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Evaluate Checkpoint"));
    auto *form = new QFormLayout(&dialog);
    auto *path = new QLineEdit;
    auto *browse = new QToolButton;
    browse->setText(tr("..."));
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(path, 1);
    pathRow->addWidget(browse);
    auto *arch = new QComboBox;
    for (const auto &a : listArchitectures())
        arch->addItem(QString::fromStdString(a.displayName), QString::fromStdString(a.name));
    arch->setCurrentIndex(std::max(0, arch->findData(currentArchitecture())));
    auto *preprocess = new QComboBox;
    preprocess->addItem(tr("dataset mean/std"), QStringLiteral("dataset-normalize"));
    preprocess->addItem(tr("per-image standardization (the original study)"), QStringLiteral("per-image-standardize"));
    form->addRow(tr("Checkpoint:"), pathRow);
    form->addRow(tr("Architecture:"), arch);
    auto *tta = new QComboBox;
    tta->setObjectName(QStringLiteral("evaluateTtaCombo"));
    tta->addItem(tr("none"), QStringLiteral("none"));
    tta->addItem(tr("mirror"), QStringLiteral("mirror"));
    tta->addItem(tr("mirror and 1-pixel shifts (6 views)"), QStringLiteral("mirror-translate"));
    tta->setToolTip(tr("Average the predictions of flipped and shifted copies of each test image, as the fast and best "
                       "presets do for their final number."));
    form->addRow(tr("Preprocessing:"), preprocess);
    form->addRow(tr("Test-time augmentation:"), tta);
    form->addRow(tr("Dataset:"), new QLabel(QString::fromStdString(m_dataset->name + " (" + m_dataset->source + ")")));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(browse, &QToolButton::clicked, &dialog, [&dialog, path] {
        const QString file = QFileDialog::getOpenFileName(&dialog, MainWindow::tr("Checkpoint"), QString(),
                                                          MainWindow::tr("Checkpoints (*.pt *.pth *.ckpt *.tar);;All files (*)"));
        if (!file.isEmpty())
            path->setText(file);
    });
    if (dialog.exec() != QDialog::Accepted || path->text().trimmed().isEmpty())
        return;
    evaluateCheckpoint(path->text().trimmed(), arch->currentData().toString(), preprocess->currentData().toString(),
                       tta->currentData().toString());
}

void MainWindow::evaluateCheckpoint(const QString &checkpoint, const QString &architecture, const QString &preprocess,
                                    const QString &tta)
{
    if (!m_dataset) {
        Q_EMIT evaluationFinished(0.0, tr("no dataset is loaded"));
        return;
    }
    auto dataset = m_dataset;
    statusBar()->showMessage(tr("Evaluating %1...").arg(checkpoint));
    m_loadProgress->setVisible(true);
    struct Outcome
    {
        EvaluationResult result;
        QString error;
    };
    auto *watcher = new QFutureWatcher<Outcome>(this);
    watcher->setFuture(QtConcurrent::run([dataset, checkpoint, architecture, preprocess, tta] {
        Outcome o;
        try {
            EvaluationOptions options;
            options.preprocess = preprocess.toStdString();
            options.tta = tta.toStdString();
            options.precision = Precision::Auto;
            o.result = cifarlab::evaluateCheckpoint(architecture.toStdString(), checkpoint.toStdString(), *dataset, options);
        } catch (const std::exception &e) {
            o.error = QString::fromStdString(e.what());
        }
        return o;
    }));
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, dataset, checkpoint, architecture, preprocess] {
        Outcome o = watcher->result();
        watcher->deleteLater();
        m_loadProgress->setVisible(false);
        if (!o.error.isEmpty()) {
            showError(tr("Evaluation failed"), o.error);
            Q_EMIT evaluationFinished(0.0, o.error);
            return;
        }
        EpochMetrics m;
        m.epoch = 0;
        m.epochs = 1;
        m.testAccuracy = o.result.accuracy;
        m.testLoss = o.result.loss;
        m.perClassAccuracy = o.result.perClassAccuracy;
        m.testConfusion = o.result.confusion;
        m.testPredictions.assign(o.result.predictions.begin(), o.result.predictions.end());
        m.testConfidence = o.result.confidence;
        m.testImageLoss = o.result.imageLoss;
        m.topK = o.result.topK;
        m.testTopClasses = o.result.topClasses;
        m.testTopProbabilities = o.result.topProbabilities;
        m_pollTimer->stop();
        m_viewedRun = 0;
        m_followingRun = false;
        m_evaluatedSource = {checkpoint, architecture, preprocess, QString()};
        resetViews(dataset->classNames);
        m_imagesTab->setDataset(dataset);
        m_confusionTab->setEpochs({m});
        m_imagesTab->setEpochs({m});
        m_weightsTab->setEpochs({m});
        updateEmbeddingSource();
        const QString model = o.result.widthScale == 1.0
            ? architecture
            : tr("%1, %2x as wide").arg(architecture, QLocale().toString(o.result.widthScale, 'g', 4));
        m_runTitle->setText(tr("Evaluation: %1 (%2)").arg(QFileInfo(checkpoint).fileName(), model));
        m_runStatus->setText(tr("test accuracy: %1% on %2 images, loss %3, %4 s")
                                 .arg(o.result.accuracy * 100.0, 0, 'f', 2)
                                 .arg(o.result.count)
                                 .arg(o.result.loss, 0, 'f', 4)
                                 .arg(o.result.seconds, 0, 'f', 1));
        m_runProgress->setValue(m_runProgress->maximum());
        m_tabs->setCurrentWidget(m_confusionTab);
        statusBar()->showMessage(tr("test accuracy: %1%").arg(o.result.accuracy * 100.0, 0, 'f', 2), 10000);
        Q_EMIT evaluationFinished(o.result.accuracy, QString());
    });
}

MainWindow::AttributionSource MainWindow::attributionSource() const
{
    AttributionSource source;
    ExperimentStore *store = m_runsPanel->store();
    if (m_viewedRun > 0 && store) {
        try {
            const RunRecord record = store->run(m_viewedRun);
            const QString checkpoint = QString::fromStdString(store->runFolder(m_viewedRun) + "/checkpoint-latest.pt");
            if (!QFileInfo::exists(checkpoint)) {
                source.unavailable = tr("The map needs the run's checkpoint, written at the end of each epoch.");
                return source;
            }
            source.checkpoint = checkpoint;
            source.architecture = QString::fromStdString(record.architecture);
            source.preprocess = QString::fromStdString(configFromJson(record.configJson).preprocess);
        } catch (const std::exception &e) {
            source.unavailable = tr("The run cannot be read: %1").arg(QString::fromUtf8(e.what()));
        }
        return source;
    }
    if (!m_evaluatedSource.checkpoint.isEmpty())
        return m_evaluatedSource;
    source.unavailable = tr("Open a run or evaluate a checkpoint to see where its network looked.");
    return source;
}

void MainWindow::onAttributionRequested(int imageIndex, int targetClass)
{
    const AttributionSource source = attributionSource();
    if (!source.unavailable.isEmpty()) {
        m_imagesTab->setAttributionUnavailable(source.unavailable);
        Q_EMIT attributionFinished(imageIndex, source.unavailable);
        return;
    }
    m_attributionPending = std::make_pair(imageIndex, targetClass);
    if (!m_attributionBusy)
        launchAttribution();
}

void MainWindow::launchAttribution()
{
    if (!m_attributionPending)
        return;
    const auto [imageIndex, targetClass] = *m_attributionPending;
    m_attributionPending.reset();
    const AttributionSource source = attributionSource();
    const std::shared_ptr<const Dataset> dataset = m_imagesTab->model()->dataset();
    if (!source.unavailable.isEmpty() || !dataset) {
        const QString reason = dataset ? source.unavailable : tr("The run's dataset is not loaded.");
        m_imagesTab->setAttributionUnavailable(reason);
        Q_EMIT attributionFinished(imageIndex, reason);
        return;
    }
    // A new checkpoint (the next epoch's), dataset or run means loading the network again.
    const QString key = source.checkpoint + QLatin1Char('|') + source.architecture + QLatin1Char('|') + source.preprocess
        + QLatin1Char('|') + QString::number(QFileInfo(source.checkpoint).lastModified().toMSecsSinceEpoch())
        + QLatin1Char('|') + QString::number(reinterpret_cast<quintptr>(dataset.get()));
    std::shared_ptr<GradCam> cached = key == m_gradCamKey ? m_gradCam : nullptr;
    struct Outcome
    {
        GradCamMap map;
        std::shared_ptr<GradCam> gradCam;
        QString error;
    };
    m_attributionBusy = true;
    auto *watcher = new QFutureWatcher<Outcome>(this);
    watcher->setFuture(QtConcurrent::run([source, dataset, cached, imageIndex = imageIndex, targetClass = targetClass] {
        Outcome o;
        try {
            o.gradCam = cached ? cached
                               : std::make_shared<GradCam>(source.architecture.toStdString(), source.checkpoint.toStdString(),
                                                           dataset, source.preprocess.toStdString());
            o.map = o.gradCam->compute(imageIndex, targetClass);
        } catch (const std::exception &e) {
            o.error = QString::fromUtf8(e.what());
        }
        return o;
    }));
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, key, imageIndex = imageIndex] {
        const Outcome o = watcher->result();
        watcher->deleteLater();
        m_attributionBusy = false;
        if (o.gradCam) {
            m_gradCam = o.gradCam;
            m_gradCamKey = key;
        }
        if (o.error.isEmpty())
            m_imagesTab->showAttribution(o.map);
        else
            m_imagesTab->showAttributionError(imageIndex, o.error);
        Q_EMIT attributionFinished(imageIndex, o.error);
        launchAttribution(); // the latest request made meanwhile, if any
    });
}

void MainWindow::updateEmbeddingSource()
{
    const std::shared_ptr<const Dataset> dataset = m_imagesTab->model()->dataset();
    const bool anything = m_viewedRun > 0 || !m_evaluatedSource.checkpoint.isEmpty();
    const AttributionSource source = anything ? attributionSource() : AttributionSource();
    const bool available = anything && source.unavailable.isEmpty() && dataset;
    // A map belongs to one checkpoint file on one dataset; anything else clears it.
    const QString key = available ? source.checkpoint + QLatin1Char('|') + source.architecture + QLatin1Char('|')
            + QString::number(reinterpret_cast<quintptr>(dataset.get()))
                                  : QString();
    if (key != m_embeddingKey) {
        cancelEmbedding();
        ++m_embeddingGeneration; // whatever the running computation returns is dropped
        m_embeddingKey = key;
        m_embeddingTab->clear();
    } else if (!available) {
        m_embeddingTab->clear(); // nothing to map, so no map either; the reason follows
    }
    m_embeddingTab->setDataset(dataset);
    if (!anything)
        return; // clear() says why: no run
    if (!source.unavailable.isEmpty()) {
        m_embeddingTab->setUnavailable(source.unavailable);
        return;
    }
    if (!dataset) {
        m_embeddingTab->setUnavailable(tr("The run's dataset is not loaded yet."));
        return;
    }
    if (m_viewedRun > 0) {
        int epochs = 0;
        if (ExperimentStore *store = m_runsPanel->store()) {
            try {
                epochs = static_cast<int>(store->run(m_viewedRun).epochsDone);
            } catch (const std::exception &) {
                // The summary then names the run without its epoch.
            }
        }
        m_embeddingTab->setSource(tr("run %1's latest checkpoint").arg(m_viewedRun), epochs);
    } else {
        m_embeddingTab->setSource(QFileInfo(source.checkpoint).fileName(), 0);
    }
}

bool MainWindow::computeEmbedding(const EmbeddingOptions &options)
{
    updateEmbeddingSource();
    if (!m_embeddingTab->canCompute()) {
        const QString reason = m_embeddingTab->emptyText();
        statusBar()->showMessage(reason, 8000);
        return false;
    }
    m_embeddingTab->setComputing();
    m_embeddingPending = options;
    if (!m_embeddingBusy)
        launchEmbedding();
    return true;
}

void MainWindow::cancelEmbedding()
{
    m_embeddingPending.reset();
    if (m_embeddingCancel)
        m_embeddingCancel->store(true);
    if (!m_embeddingBusy && m_embeddingTab->isComputing()) {
        m_embeddingTab->setCancelled();
        Q_EMIT embeddingFinished(tr("Cancelled"));
    }
}

void MainWindow::launchEmbedding()
{
    if (!m_embeddingPending)
        return;
    const EmbeddingOptions options = *m_embeddingPending;
    m_embeddingPending.reset();
    const AttributionSource source = attributionSource();
    const std::shared_ptr<const Dataset> dataset = m_imagesTab->model()->dataset();
    if (!source.unavailable.isEmpty() || !dataset) {
        const QString reason = dataset ? source.unavailable : tr("The run's dataset is not loaded yet.");
        m_embeddingTab->setFailed(reason);
        Q_EMIT embeddingFinished(reason);
        return;
    }
    const int generation = m_embeddingGeneration;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_embeddingCancel = cancel;
    struct Outcome
    {
        Embedding embedding;
        QString error;
        bool cancelled = false;
    };
    auto outcome = std::make_shared<Outcome>();
    // Called on the worker thread: at most ten updates a second (and every new stage) reach the GUI thread.
    struct Throttle
    {
        std::chrono::steady_clock::time_point last;
        std::string stage;
    };
    auto throttle = std::make_shared<Throttle>();
    EmbeddingProgress progress = [this, generation, throttle](double fraction, const std::string &stage) {
        const auto now = std::chrono::steady_clock::now();
        if (stage == throttle->stage && now - throttle->last < std::chrono::milliseconds(100) && fraction < 1.0)
            return;
        throttle->last = now;
        throttle->stage = stage;
        QMetaObject::invokeMethod(
            this,
            [this, generation, fraction, text = QString::fromStdString(stage)] {
                if (generation == m_embeddingGeneration)
                    m_embeddingTab->setProgress(fraction, text);
            },
            Qt::QueuedConnection);
    };
    const std::string architecture = source.architecture.toStdString();
    const std::string checkpoint = source.checkpoint.toStdString();
    const std::string preprocess = source.preprocess.toStdString();
    m_embeddingBusy = true;
    m_embeddingFuture = QtConcurrent::run([=] {
        try {
            outcome->embedding
                = cifarlab::computeEmbedding(architecture, checkpoint, dataset, preprocess, options, progress, cancel.get());
        } catch (const EmbeddingCancelled &) {
            outcome->cancelled = true;
        } catch (const std::exception &e) {
            outcome->error = QString::fromUtf8(e.what());
        }
    });
    auto *watcher = new QFutureWatcher<void>(this);
    connect(watcher, &QFutureWatcher<void>::finished, this, [this, watcher, outcome, generation] {
        watcher->deleteLater();
        m_embeddingBusy = false;
        // A result for a run or checkpoint no longer shown is dropped.
        if (generation == m_embeddingGeneration && m_embeddingTab->isComputing() && !m_embeddingPending) {
            if (outcome->cancelled) {
                m_embeddingTab->setCancelled();
                Q_EMIT embeddingFinished(tr("Cancelled"));
            } else if (!outcome->error.isEmpty()) {
                m_embeddingTab->setFailed(outcome->error);
                Q_EMIT embeddingFinished(outcome->error);
            } else {
                const auto embedding = std::make_shared<const Embedding>(std::move(outcome->embedding));
                m_embeddingTab->setEmbedding(embedding);
                statusBar()->showMessage(tr("Mapped %1 test images").arg(QLocale().toString(static_cast<qlonglong>(embedding->count()))), 8000);
                Q_EMIT embeddingFinished(QString());
            }
        }
        launchEmbedding(); // the latest request made meanwhile, if any
    });
    watcher->setFuture(m_embeddingFuture);
}

void MainWindow::exportCurrentView()
{
    QWidget *current = m_tabs->currentWidget();
    const QString suggestion = current == m_liveTab ? QStringLiteral("curves.png")
        : current == m_confusionTab                 ? QStringLiteral("confusion.png")
        : current == m_imagesTab                    ? QStringLiteral("images.png")
        : current == m_weightsTab                   ? QStringLiteral("weights.png")
        : current == m_embeddingTab                 ? QStringLiteral("embedding.png")
        : current == m_compareTab                   ? comparisonChartFileStem(m_compareTab->currentChart()) + QStringLiteral(".png")
                                                    : QStringLiteral("architecture.svg");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export View"), suggestion, tr("PNG (*.png);;SVG (*.svg)"));
    if (path.isEmpty())
        return;
    bool ok = false;
    if (current == m_liveTab)
        ok = m_liveTab->saveImage(path);
    else if (current == m_confusionTab)
        ok = m_confusionTab->matrixWidget()->saveImage(path);
    else if (current == m_imagesTab)
        ok = m_imagesTab->grab().save(path);
    else if (current == m_weightsTab)
        ok = m_weightsTab->grab().save(path);
    else if (current == m_embeddingTab)
        ok = m_embeddingTab->hasMap() ? m_embeddingTab->view()->saveImage(path) : m_embeddingTab->grab().save(path);
    else if (current == m_compareTab)
        ok = m_compareTab->exportChart(path);
    else
        ok = m_diagram->saveImage(path);
    if (!ok)
        showError(tr("Export failed"), tr("Could not write %1").arg(path));
    else
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About CifarLab"),
                       tr("<h3>CifarLab %1</h3><p>Train, watch and compare image classifiers on your own machine.</p>"
                          "<p>Built with Qt %2 and LibTorch. Runs are stored in<br><tt>%3</tt></p>")
                           .arg(QString::fromLatin1(versionString()), QString::fromLatin1(qVersion()), m_storeFolder.toHtmlEscaped()));
}

void MainWindow::setLanguage(const QString &code)
{
    QSettings().setValue(QStringLiteral("language"), code);
    statusBar()->showMessage(tr("The language changes the next time CifarLab starts."), 8000);
}

bool MainWindow::startTraining()
{
    const QString problem = validationMessage();
    if (!problem.isEmpty()) {
        m_validation->setText(problem);
        statusBar()->showMessage(problem, 8000);
        return false;
    }
    const TrainingConfig base = formBase();
    const TrainingConfig config = m_configPanel->config(base);
    if (!launchTraining(config, m_configPanel->runName(), true))
        return false;
    saveSettings();
    return true;
}

// The one way a training starts, from Start or from the queue.
bool MainWindow::launchTraining(const TrainingConfig &config, const QString &runName, bool showLive)
{
    m_pollTimer->stop();
    m_followingRun = false;
    m_viewedRun = 0;
    m_evaluatedSource = {};
    connect(m_controller, &TrainingController::batchesArrived, this, &MainWindow::onBatches, Qt::UniqueConnection);
    connect(m_controller, &TrainingController::epochArrived, this, &MainWindow::onEpoch, Qt::UniqueConnection);
    const bool loaded = m_dataset && m_dataset->source == config.dataPath;
    resetViews(loaded ? m_dataset->classNames : std::vector<std::string>());
    if (loaded)
        m_imagesTab->setDataset(m_dataset);
    updateEmbeddingSource();
    if (!m_controller->start(config, runName))
        return false;
    const QString datasetName = loaded ? QString::fromStdString(m_dataset->name)
                                       : QFileInfo(QString::fromStdString(config.dataPath)).fileName();
    m_runTitle->setText(tr("%1 on %2").arg(QString::fromStdString(config.architecture), datasetName));
    m_runStatus->setText(tr("Loading the dataset and building the network..."));
    if (showLive)
        m_tabs->setCurrentWidget(m_liveTab);
    updateControls();
    return true;
}

void MainWindow::pauseTraining()
{
    m_controller->pause();
}

void MainWindow::resumeTraining()
{
    m_controller->resume();
}

void MainWindow::stopTraining()
{
    if (!m_controller->isRunning())
        return;
    m_controller->stop();
    m_runStatus->setText(tr("Stopping after this batch and saving a checkpoint..."));
}

bool MainWindow::isTraining() const
{
    return m_controller->isRunning();
}

// The loaded dataset and the selected architecture, which the form's recipe completes.
TrainingConfig MainWindow::formBase() const
{
    TrainingConfig base;
    base.dataPath = m_dataset ? m_dataset->source : std::string();
    base.architecture = currentArchitecture().toStdString();
    return base;
}

void MainWindow::openDroppedPaths(const QStringList &paths)
{
    auto bundles = std::make_shared<QStringList>();
    QStringList others;
    for (const QString &path : paths)
        (path.endsWith(QLatin1String(".cifarlab.zip"), Qt::CaseInsensitive) ? *bundles : others) << path;
    if (!bundles->isEmpty()) {
        // One bundle at a time: each is read in the background.
        if (bundles->size() > 1) {
            auto *chain = new QObject(this);
            connect(this, &MainWindow::bundleImported, chain, [this, bundles, chain] {
                if (bundles->isEmpty())
                    chain->deleteLater();
                else
                    importBundle(bundles->takeFirst());
            });
        }
        importBundle(bundles->takeFirst());
    }
    if (others.isEmpty())
        return;
    if (others.size() == 1 && !detectDatasetFormat(others.first().toStdString()).empty())
        openDataset(others.first());
    else
        openClassifier(others);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedLocalPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList paths = droppedLocalPaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    openDroppedPaths(paths);
}

ClassifyDialog *MainWindow::openClassifier(const QStringList &paths)
{
    ClassifySource source;
    source.data = m_imagesTab->model()->dataset();
    ExperimentStore *store = m_runsPanel->store();
    try {
        if (m_viewedRun > 0 && store) {
            const RunRecord record = store->run(m_viewedRun);
            const TrainingConfig config = configFromJson(record.configJson);
            const QString folder = QString::fromStdString(store->runFolder(m_viewedRun));
            // The best epoch's weights, as `cifarlab-cli predict --run` and `evaluate --run` take.
            source.checkpoint = folder + QStringLiteral("/checkpoint-best.pt");
            if (!QFileInfo::exists(source.checkpoint))
                source.checkpoint = folder + QStringLiteral("/checkpoint-latest.pt");
            if (!QFileInfo::exists(source.checkpoint)) {
                statusBar()->showMessage(tr("Classify Images: run %1 has no checkpoint yet (one is written at the end of each epoch).")
                                             .arg(m_viewedRun),
                                         8000);
                return nullptr;
            }
            source.architecture = QString::fromStdString(record.architecture);
            source.preprocess = QString::fromStdString(config.preprocess);
            source.tta = QString::fromStdString(config.tta);
            source.widthScale = config.widthScale;
            source.title = tr("Run %1: %2 on %3, best test accuracy %4")
                               .arg(m_viewedRun)
                               .arg(QString::fromStdString(record.name), QString::fromStdString(record.datasetName),
                                    QLocale().toString(100.0 * record.bestTestAccuracy, 'f', 2) + QLatin1Char('%'));
        } else if (!m_evaluatedSource.checkpoint.isEmpty()) {
            source.checkpoint = m_evaluatedSource.checkpoint;
            source.architecture = m_evaluatedSource.architecture;
            source.preprocess = m_evaluatedSource.preprocess;
            source.title = tr("%1: %2").arg(source.architecture, QFileInfo(source.checkpoint).fileName());
        } else {
            statusBar()->showMessage(tr("Classify Images: open a run (or evaluate a checkpoint) to classify images with it."), 8000);
            return nullptr;
        }
    } catch (const std::exception &e) {
        statusBar()->showMessage(tr("Classify Images: %1").arg(QString::fromUtf8(e.what())), 8000);
        return nullptr;
    }
    if (!source.data) {
        statusBar()->showMessage(tr("Classify Images: the run's dataset is not loaded."), 8000);
        return nullptr;
    }
    auto *dialog = new ClassifyDialog(source, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->addPaths(paths);
    return dialog;
}

LrFinderDialog *MainWindow::openLearningRateFinder()
{
    const QString problem = validationMessage();
    if (!problem.isEmpty()) {
        statusBar()->showMessage(tr("Learning-rate finder: %1").arg(problem), 8000);
        return nullptr;
    }
    const TrainingConfig base = formBase();
    auto *dialog = new LrFinderDialog(m_configPanel->config(base), m_dataset, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &LrFinderDialog::learningRateChosen, this, [this](double learningRate) {
        m_configPanel->setLearningRate(learningRate);
        statusBar()->showMessage(tr("Learning rate set to %1 from the learning-rate finder").arg(formatLearningRate(learningRate, 3)), 8000);
    });
    dialog->open();
    dialog->startSweep();
    return dialog;
}

QString MainWindow::validationMessage() const
{
    if (m_controller->isRunning())
        return tr("A run is in progress.");
    if (!m_dataset)
        return isLoading() ? tr("The dataset is still loading.") : tr("Open a dataset first.");
    if (currentArchitecture().isEmpty())
        return tr("Pick an architecture.");
    const TrainingConfig base = formBase();
    return m_configPanel->validate(base);
}

void MainWindow::updateControls()
{
    const bool running = m_controller->isRunning();
    const bool paused = running && m_controller->isPaused();
    const QString problem = running ? QString() : validationMessage();
    m_validation->setText(problem);
    m_validation->setVisible(!problem.isEmpty());
    m_startButton->setEnabled(!running && problem.isEmpty());
    m_startAction->setEnabled(m_startButton->isEnabled());
    m_pauseButton->setEnabled(running);
    m_pauseButton->setText(paused ? tr("Resume") : tr("Pause"));
    m_pauseAction->setEnabled(running && !paused);
    m_resumeAction->setEnabled(paused);
    m_stopButton->setEnabled(running);
    m_stopAction->setEnabled(running);
    m_configPanel->setEnabled(!running);
    m_datasetList->setEnabled(!running);
    m_architectureList->setEnabled(!running);
    // Queueing the form is fine while a run trains: the job waits for it.
    const QString formIssue = formProblem();
    m_queueButton->setEnabled(formIssue.isEmpty());
    m_queueButton->setToolTip(formIssue.isEmpty() ? tr("Queue this recipe to train after the current run (Ctrl+Shift+Return); "
                                                       "the arrow adds several architectures and presets at once")
                                                  : formIssue);
    m_addToQueueAction->setEnabled(formIssue.isEmpty());
    updateQueueActions();
}

void MainWindow::updateQueueActions()
{
    if (!m_runQueueAction)
        return;
    m_runQueueAction->setText(m_queue->isRunning() ? tr("Pa&use Queue") : tr("R&un Queue"));
    m_runQueueAction->setEnabled(m_queue->isRunning() || m_queue->pendingCount() > 0);
    m_stopQueueAction->setEnabled(m_queue->isRunning());
    m_stopQueueAction->setChecked(m_queue->stopsAfterCurrent());
}

QString MainWindow::formProblem() const
{
    if (!m_dataset)
        return isLoading() ? tr("The dataset is still loading.") : tr("Open a dataset first.");
    if (currentArchitecture().isEmpty())
        return tr("Pick an architecture.");
    const TrainingConfig base = formBase();
    return m_configPanel->validate(base);
}

void MainWindow::resetViews(const std::vector<std::string> &classNames)
{
    m_liveTab->clear();
    m_confusionTab->clear();
    m_confusionTab->setClassNames(toQStringList(classNames));
    m_imagesTab->clear();
    m_weightsTab->clear();
    m_logTab->clear();
    m_runProgress->setValue(0);
    m_seenSteps = 0;
    m_seenEpochs = 0;
}

void MainWindow::onRunCreated(qint64 runId)
{
    m_viewedRun = runId;
    m_runsPanel->refresh();
    // A queue whose runs are being compared adds its new run to the comparison (it updates as it
    // trains); otherwise the new run is highlighted, unless that would change the comparison on screen.
    bool extendComparison = false;
    if (m_queue->currentIndex() >= 0)
        for (qint64 id : m_queue->finishedRuns())
            extendComparison = extendComparison || m_compareTab->runIds().contains(id);
    if (extendComparison)
        m_runsPanel->selectRun(runId);
    else if (m_tabs->currentWidget() != m_compareTab)
        m_runsPanel->selectRuns({runId});
    if (m_runsPanel->store()) {
        try {
            const RunRecord r = m_runsPanel->store()->run(runId);
            m_runTitle->setText(tr("Run %1: %2").arg(runId).arg(QString::fromStdString(r.name)));
        } catch (const std::exception &) {
        }
    }
    refreshLog();
    updateEmbeddingSource();
}

void MainWindow::onBatches(const std::vector<BatchMetrics> &batches)
{
    for (const auto &b : batches)
        m_liveTab->appendBatch(b);
    if (!batches.empty())
        updateProgress(batches.back());
}

void MainWindow::updateProgress(const BatchMetrics &b)
{
    const double done = b.totalSteps > 0 ? static_cast<double>(b.globalStep + 1) / static_cast<double>(b.totalSteps) : 0.0;
    m_runProgress->setValue(static_cast<int>(done * m_runProgress->maximum()));
    const double eta = done > 0 ? b.elapsedSeconds * (1.0 - done) / done : 0.0;
    // The steps after this epoch, over this epoch's length: a fractional run's last epoch is short,
    // so dividing all steps by its length would overcount (9.9 epochs read "10/12" in their last).
    const int64_t afterThisEpoch = std::max<int64_t>(0, b.totalSteps - (b.globalStep + 1) - (b.batchesPerEpoch - b.batch - 1));
    const int64_t epochs
        = b.batchesPerEpoch > 0 ? b.epoch + 1 + (afterThisEpoch + b.batchesPerEpoch - 1) / b.batchesPerEpoch : 0;
    const QLocale locale;
    m_runProgress->setFormat(tr("epoch %1/%2 · %p%").arg(b.epoch + 1).arg(epochs));
    m_runStatus->setText(tr("batch %1/%2 · loss %3 · acc %4% · %5 img/s · elapsed %6 · ETA %7")
                             .arg(b.batch + 1)
                             .arg(b.batchesPerEpoch)
                             .arg(b.loss, 0, 'f', 3)
                             .arg(b.accuracy * 100.0, 0, 'f', 1)
                             .arg(locale.toString(b.imagesPerSecond, 'f', 0))
                             .arg(clock(b.elapsedSeconds), clock(eta)));
}

void MainWindow::onEpoch(const EpochMetrics &epoch)
{
    m_liveTab->appendEpoch(epoch);
    m_confusionTab->appendEpoch(epoch);
    m_imagesTab->appendEpoch(epoch);
    m_weightsTab->appendEpoch(epoch);
    updateEmbeddingSource(); // a new checkpoint: a map of an earlier one is now out of date
    refreshLog();            // the epoch's line
    statusBar()->showMessage(tr("Epoch %1: test accuracy %2%, train accuracy %3%")
                                 .arg(epoch.epoch + 1)
                                 .arg(epoch.testAccuracy * 100.0, 0, 'f', 2)
                                 .arg(epoch.trainAccuracy * 100.0, 0, 'f', 2),
                             10000);
}

void MainWindow::onStatus(RunStatus status, const QString &message)
{
    if (status == RunStatus::Paused)
        m_runStatus->setText(tr("Paused: %1").arg(message));
    updateControls();
    refreshLog();
}

void MainWindow::onFinished(const TrainingOutcome &outcome)
{
    updateControls();
    m_runsPanel->refresh();
    updateEmbeddingSource(); // the run's final checkpoint
    refreshLog();            // the outcome's line
    QString text = tr("%1 · final test accuracy %2% · best %3% · %4")
                       .arg(statusWord(outcome.status))
                       .arg(outcome.finalTestAccuracy * 100.0, 0, 'f', 2)
                       .arg(outcome.bestTestAccuracy * 100.0, 0, 'f', 2)
                       .arg(clock(outcome.seconds));
    if (outcome.status == RunStatus::Completed) {
        m_runProgress->setValue(m_runProgress->maximum()); // the format stays where the store cannot say
        if (ExperimentStore *store = m_runsPanel->store()) {
            try {
                showCompleted(store->run(outcome.runId).epochsDone);
            } catch (const std::exception &) {
            }
        }
    }
    if (outcome.status == RunStatus::Failed || outcome.status == RunStatus::Diverged) {
        text = tr("%1: %2").arg(statusWord(outcome.status), outcome.message);
        if (!m_closing)
            showError(statusWord(outcome.status), outcome.message);
    }
    m_runStatus->setText(text);
    statusBar()->showMessage(text, 15000);
    Q_EMIT trainingFinished(outcome);
    if (m_closing)
        close();
}

bool MainWindow::openRun(qint64 runId)
{
    const bool liveRun = m_controller->isRunning() && m_controller->currentRun() == runId;
    if (liveRun && m_viewedRun == runId) {
        m_tabs->setCurrentWidget(m_liveTab);
        return true;
    }
    ExperimentStore *store = m_runsPanel->store();
    if (!store) {
        showError(tr("Cannot open the run"), m_runsPanel->storeError());
        return false;
    }
    RunRecord record;
    std::vector<BatchMetrics> batches;
    std::vector<EpochMetrics> epochs;
    std::vector<RunLogEntry> log;
    try {
        record = store->run(runId);
        batches = store->batchMetrics(runId);
        epochs = store->epochMetrics(runId, true);
        log = store->runLog(runId);
    } catch (const std::exception &e) {
        showError(tr("Cannot open the run"), QString::fromStdString(e.what()));
        return false;
    }
    if (liveRun) {
        // Back to the run in progress: its history from the store, then the live signals again.
        connect(m_controller, &TrainingController::batchesArrived, this, &MainWindow::onBatches, Qt::UniqueConnection);
        connect(m_controller, &TrainingController::epochArrived, this, &MainWindow::onEpoch, Qt::UniqueConnection);
    } else if (m_controller->isRunning()) {
        statusBar()->showMessage(tr("Showing run %1; the training in progress continues in the background").arg(runId), 8000);
        // The live signals keep arriving; stop feeding them into a view of another run.
        disconnect(m_controller, &TrainingController::batchesArrived, this, &MainWindow::onBatches);
        disconnect(m_controller, &TrainingController::epochArrived, this, &MainWindow::onEpoch);
    }
    m_viewedRun = runId;
    // The Architecture tab and the list then describe the run being looked at.
    if (!m_controller->isRunning()) {
        m_runWidthScale.reset();
        m_runEnsembleMembers.reset();
        m_runBlockDepth.reset();
        try {
            const TrainingConfig config = configFromJson(record.configJson);
            if (config.architecture == "airbench") {
                m_runWidthScale = config.widthScale;
                m_runBlockDepth = config.blockDepth;
            }
            m_runEnsembleMembers = config.ensembleMembers;
        } catch (const std::exception &) {
            // An unreadable config leaves the form's width in the Architecture tab.
        }
        m_formWidthScale = formWidthScale();
        m_formEnsembleMembers = m_configPanel->config().ensembleMembers;
        m_formBlockDepth = formBlockDepth();
        selectArchitecture(QString::fromStdString(record.architecture));
        if (architectureOutdated())
            refreshArchitecture();
    }
    resetViews(record.classNames);
    m_liveTab->setHistory(batches, epochs);
    m_confusionTab->setEpochs(epochs);
    m_weightsTab->setEpochs(epochs);
    m_logTab->setEntries(runId, log);
    m_seenSteps = batches.empty() ? 0 : batches.back().globalStep + 1;
    m_seenEpochs = static_cast<int64_t>(epochs.size());
    applyStoredEpochs(epochs, true);
    if (!batches.empty())
        updateProgress(batches.back());
    m_runTitle->setText(tr("Run %1: %2").arg(runId).arg(QString::fromStdString(record.name)));
    const QString epochsDone = record.epochsDone == 1 ? tr("1 epoch") : tr("%1 epochs").arg(record.epochsDone);
    const QString summary = tr("%1 · %2 on %3 · best test accuracy %4% (epoch %5) · %6")
                                .arg(statusWord(record.status), QString::fromStdString(record.architecture),
                                     QString::fromStdString(record.datasetName))
                                .arg(record.bestTestAccuracy * 100.0, 0, 'f', 2)
                                .arg(record.bestEpoch + 1)
                                .arg(epochsDone);
    m_runStatus->setText(summary);
    if (record.status == RunStatus::Completed)
        showCompleted(record.epochsDone);
    m_followingRun = !liveRun && (record.status == RunStatus::Running || record.status == RunStatus::Paused || record.status == RunStatus::Created);
    if (m_followingRun)
        m_pollTimer->start();
    else
        m_pollTimer->stop();
    updateEmbeddingSource();
    m_tabs->setCurrentWidget(m_liveTab);
    Q_EMIT runOpened(runId);
    return true;
}

void MainWindow::applyStoredEpochs(const std::vector<EpochMetrics> &epochs, bool images)
{
    if (!images)
        return;
    ExperimentStore *store = m_runsPanel->store();
    if (!store || m_viewedRun == 0)
        return;
    const RunRecord record = store->run(m_viewedRun);
    const QString source = QString::fromStdString(record.datasetSource);
    if (m_dataset && (QString::fromStdString(m_dataset->source) == source || record.datasetSource.empty())) {
        m_imagesTab->setDataset(m_dataset);
        m_imagesTab->setEpochs(epochs);
        return;
    }
    // The run used another dataset: load it (in the background) before its images can be shown.
    m_pendingImageSource = source;
    m_pendingImageEpochs = epochs;
    if (QFileInfo::exists(source) && !m_controller->isRunning())
        openDataset(source);
    else
        statusBar()->showMessage(tr("The run's dataset %1 is not available; its images cannot be shown").arg(source), 10000);
}

void MainWindow::pollViewedRun()
{
    ExperimentStore *store = m_runsPanel->store();
    if (!store || m_viewedRun == 0 || !m_followingRun) {
        m_pollTimer->stop();
        return;
    }
    try {
        const RunRecord record = store->run(m_viewedRun);
        const auto batches = store->batchMetrics(m_viewedRun, m_seenSteps);
        for (const auto &b : batches)
            m_liveTab->appendBatch(b);
        if (!batches.empty()) {
            m_seenSteps = batches.back().globalStep + 1;
            updateProgress(batches.back());
        }
        if (record.epochsDone > m_seenEpochs) {
            // Only the new epochs: each one's predictions and statistics are read once.
            const auto epochs = store->epochMetrics(m_viewedRun, true, m_seenEpochs);
            for (const EpochMetrics &epoch : epochs) {
                m_liveTab->appendEpoch(epoch);
                m_confusionTab->appendEpoch(epoch);
                m_weightsTab->appendEpoch(epoch);
                if (m_pendingImageSource.isEmpty())
                    m_imagesTab->appendEpoch(epoch);
                else
                    m_pendingImageEpochs.push_back(epoch);
            }
            if (!epochs.empty())
                m_seenEpochs = epochs.back().epoch + 1;
            updateEmbeddingSource();
        }
        refreshLog();
        if (record.status != RunStatus::Running && record.status != RunStatus::Paused && record.status != RunStatus::Created) {
            m_followingRun = false;
            m_pollTimer->stop();
            m_runStatus->setText(tr("%1 · best test accuracy %2%").arg(statusWord(record.status)).arg(record.bestTestAccuracy * 100.0, 0, 'f', 2));
        }
    } catch (const std::exception &e) {
        statusBar()->showMessage(tr("Cannot follow run %1: %2").arg(m_viewedRun).arg(QString::fromStdString(e.what())), 8000);
    }
}

void MainWindow::showCompleted(int64_t epochs)
{
    // A run's batches count the steps planned when they ran; a time budget may have ended it earlier.
    m_runProgress->setValue(m_runProgress->maximum());
    m_runProgress->setFormat(tr("epoch %1/%2 · %p%").arg(epochs).arg(epochs));
}

void MainWindow::refreshLog()
{
    ExperimentStore *store = m_runsPanel->store();
    if (!store || m_viewedRun == 0)
        return;
    try {
        if (m_logTab->runId() != m_viewedRun)
            m_logTab->setEntries(m_viewedRun, store->runLog(m_viewedRun));
        else
            m_logTab->appendEntries(store->runLog(m_viewedRun, m_logTab->nextSeq()));
    } catch (const std::exception &) {
        // A busy or vanished store: the next line, status change or poll reads the log again.
    }
}

bool MainWindow::resumeRun(qint64 runId)
{
    if (m_controller->isRunning()) {
        showError(tr("A run is in progress"), tr("Stop the current run before resuming another one."));
        return false;
    }
    if (!openRun(runId))
        return false;
    m_pollTimer->stop();
    m_followingRun = false;
    connect(m_controller, &TrainingController::batchesArrived, this, &MainWindow::onBatches, Qt::UniqueConnection);
    connect(m_controller, &TrainingController::epochArrived, this, &MainWindow::onEpoch, Qt::UniqueConnection);
    if (!m_controller->resumeRun(QString::number(runId)))
        return false;
    m_tabs->setCurrentWidget(m_liveTab);
    updateControls();
    return true;
}

bool MainWindow::reuseRunSettings(qint64 runId)
{
    ExperimentStore *store = m_runsPanel->store();
    if (!store) {
        showError(tr("Cannot use the run's settings"), m_runsPanel->storeError());
        return false;
    }
    RunRecord record;
    TrainingConfig config;
    try {
        record = store->run(runId);
        config = configFromJson(record.configJson);
    } catch (const std::exception &e) {
        showError(tr("Cannot use the run's settings"), QString::fromStdString(e.what()));
        return false;
    }
    m_configPanel->setConfig(config);
    m_configPanel->setRunName(QString());
    QString message = tr("The settings of run %1 are in the form: press Start to train again").arg(runId);
    if (m_controller->isRunning()) {
        message = tr("The settings of run %1 are in the form; its architecture and dataset can be chosen when the "
                     "current training ends").arg(runId);
    } else {
        selectArchitecture(QString::fromStdString(record.architecture));
        const QString source = QString::fromStdString(config.dataPath.empty() ? record.datasetSource : config.dataPath);
        if (!source.isEmpty() && (!m_dataset || QString::fromStdString(m_dataset->source) != source)) {
            if (QFileInfo::exists(source))
                openDataset(source);
            else
                message = tr("The settings of run %1 are in the form, but its dataset %2 is not available: open a "
                             "dataset, then press Start").arg(runId).arg(source);
        }
    }
    statusBar()->showMessage(message, 15000);
    updateControls();
    return true;
}

QList<qint64> MainWindow::selectedRunsInOrder() const
{
    // Oldest first: the baseline before its variations, whatever the dock's sort order is.
    QList<qint64> ids = m_runsPanel->selectedRuns();
    std::sort(ids.begin(), ids.end());
    return ids;
}

void MainWindow::showQueueDock()
{
    const bool wasHidden = m_queueDock->isHidden();
    m_queueDock->show();
    m_queueDock->raise();
    // Share the bottom with the Runs dock once laid out (resizing a hidden dock does nothing).
    if (wasHidden)
        QTimer::singleShot(0, this, [this] {
            resizeDocks({m_runsDock, m_queueDock}, {width() * 11 / 20, width() * 9 / 20}, Qt::Horizontal);
        });
}

void MainWindow::compareRuns(const QList<qint64> &runIds)
{
    if (!runIds.isEmpty() && runIds != m_runsPanel->selectedRuns())
        m_runsPanel->selectRuns(runIds);
    m_compareTab->setRuns(selectedRunsInOrder());
    m_tabs->setCurrentWidget(m_compareTab);
    if (m_compareTab->runIds().isEmpty())
        statusBar()->showMessage(tr("Select the runs to compare in the Runs dock (Ctrl+click or Shift+click)"), 8000);
}

bool MainWindow::addCurrentToQueue()
{
    const QString problem = formProblem();
    if (!problem.isEmpty()) {
        statusBar()->showMessage(tr("Cannot queue this recipe: %1").arg(problem), 8000);
        return false;
    }
    const TrainingConfig base = formBase();
    const TrainingConfig config = m_configPanel->config(base);
    QueuedJob job;
    job.name = m_configPanel->runName();
    job.architecture = currentArchitecture();
    job.preset = m_configPanel->preset();
    job.configJson = QString::fromStdString(configToJson(config));
    m_queue->add(job);
    showQueueDock();
    statusBar()->showMessage(tr("Queued %1 (%n job(s) waiting)", nullptr, m_queue->pendingCount()).arg(job.label()), 8000);
    return true;
}

int MainWindow::addToQueue(const QList<QPair<QString, QString>> &architecturePresets, double epochs)
{
    const QString problem = formProblem();
    if (!problem.isEmpty()) {
        statusBar()->showMessage(tr("Cannot queue these jobs: %1").arg(problem), 8000);
        return 0;
    }
    const QString formName = m_configPanel->runName();
    QStringList errors;
    int added = 0;
    for (const auto &pair : architecturePresets) {
        TrainingConfig base;
        base.dataPath = m_dataset->source;
        base.architecture = pair.first.toStdString();
        TrainingConfig config = m_configPanel->config(base);
        QueuedJob job;
        job.architecture = pair.first;
        job.preset = pair.second.isEmpty() ? m_configPanel->preset() : pair.second;
        try {
            if (!pair.second.isEmpty()) {
                applyPreset(config, pair.second.toStdString());
                config.preset = pair.second.toStdString();
            }
            if (epochs > 0.0)
                config.epochs = epochs;
            validateConfig(config);
        } catch (const std::exception &e) {
            errors << QStringLiteral("%1 / %2: %3").arg(pair.first, job.preset, QString::fromStdString(e.what()));
            continue;
        }
        // Names that tell the runs apart in the Runs dock and the compare legends.
        QString name = formName.isEmpty() ? pair.first : formName + QLatin1Char('-') + pair.first;
        if (!pair.second.isEmpty())
            name += QLatin1Char('-') + pair.second;
        else if (formName.isEmpty())
            name.clear(); // the form's recipe with an automatic name, as Start would do
        job.name = name;
        job.configJson = QString::fromStdString(configToJson(config));
        m_queue->add(job);
        ++added;
    }
    if (added > 0) {
        showQueueDock();
        statusBar()->showMessage(tr("Queued %n job(s)", nullptr, added), 8000);
    }
    if (!errors.isEmpty())
        showError(tr("Some jobs were not queued"), errors.join(QLatin1Char('\n')));
    return added;
}

void MainWindow::chooseSeveralForQueue()
{
    const QString problem = formProblem();
    if (!problem.isEmpty()) {
        showError(tr("Cannot queue jobs"), problem);
        return;
    }
    QueueBatchDialog dialog(currentArchitecture(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    addToQueue(dialog.selection(), dialog.epochs());
}

bool MainWindow::startQueuedJob(const QueuedJob &job, QString *error)
{
    TrainingConfig config;
    try {
        config = configFromJson(job.configJson.toStdString());
        validateConfig(config);
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
    if (m_controller->isRunning()) {
        if (error)
            *error = tr("A run is in progress.");
        return false;
    }
    const bool showLive = m_tabs->currentWidget() != m_compareTab;
    if (m_dataset && m_dataset->source == config.dataPath && !isLoading())
        return launchTraining(config, job.name, showLive);
    // Another dataset: load it first (the views need it), then start in onDatasetLoaded.
    const QString path = QString::fromStdString(config.dataPath);
    if (!QFileInfo::exists(path)) {
        if (error)
            *error = tr("The dataset %1 does not exist.").arg(path);
        return false;
    }
    m_queuedConfig = std::make_unique<TrainingConfig>(config);
    m_queuedRunName = job.name;
    if (!m_loadWatcher.isRunning() || m_pendingDataset != path)
        openDataset(path);
    statusBar()->showMessage(tr("Loading %1 for the queued job %2...").arg(path, job.label()), 10000);
    return true;
}

void MainWindow::onQueueJobFinished(qint64 runId)
{
    if (runId <= 0)
        return;
    // The queue's runs are being compared: the finished one joins them.
    bool compared = false;
    for (qint64 id : m_queue->finishedRuns())
        compared = compared || (id != runId && m_compareTab->runIds().contains(id));
    m_runsPanel->refresh();
    if (compared)
        m_runsPanel->selectRun(runId);
}

void MainWindow::onQueueFinished(const QList<qint64> &runIds)
{
    m_runsPanel->refresh();
    if (!runIds.isEmpty())
        m_runsPanel->selectRuns(runIds);
    statusBar()->showMessage(tr("The queue is done: %n run(s) trained, selected in the Runs dock (Ctrl+K compares them)",
                                nullptr, static_cast<int>(runIds.size())),
                             15000);
}

void MainWindow::chooseBundleExport(const QList<qint64> &runIds)
{
    if (runIds.isEmpty()) {
        showError(tr("No runs selected"), tr("Select the runs to export in the Runs dock first."));
        return;
    }
    QSettings settings;
    const QString folder = settings.value(QStringLiteral("bundleFolder"), QDir::homePath()).toString();
    QString suggestion = QStringLiteral("runs-%1.cifarlab.zip").arg(runIds.size() == 1 ? QString::number(runIds.first())
                                                                                        : QStringLiteral("%1").arg(runIds.size()));
    QString path = QFileDialog::getSaveFileName(this, tr("Export Runs as Bundle"), QDir(folder).filePath(suggestion),
                                                tr("CifarLab bundles (*.cifarlab.zip)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".cifarlab.zip"), Qt::CaseInsensitive)) {
        if (path.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive))
            path.chop(4);
        path += QStringLiteral(".cifarlab.zip");
    }
    settings.setValue(QStringLiteral("bundleFolder"), QFileInfo(path).absolutePath());
    exportBundle(runIds, path);
}

void MainWindow::chooseBundleImport()
{
    QSettings settings;
    const QString folder = settings.value(QStringLiteral("bundleFolder"), QDir::homePath()).toString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Bundle"), folder,
                                                      tr("CifarLab bundles (*.cifarlab.zip);;Zip files (*.zip)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("bundleFolder"), QFileInfo(path).absolutePath());
    importBundle(path);
}

namespace {

// A progress dialog for a background bundle task; it never blocks the event loop.
QProgressDialog *bundleProgressDialog(QWidget *parent, const QString &title, const QString &text)
{
    auto *dialog = new QProgressDialog(text, QString(), 0, 1000, parent);
    dialog->setWindowTitle(title);
    dialog->setCancelButton(nullptr);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(300);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    dialog->setValue(0);
    return dialog;
}

BundleProgress bundleProgress(QObject *receiver, const QPointer<QProgressDialog> &dialog)
{
    BundleProgress progress;
    progress.onProgress = [receiver, dialog](double fraction, const std::string &what) {
        const QString text = QString::fromStdString(what);
        QMetaObject::invokeMethod(receiver, [dialog, fraction, text] {
            if (!dialog)
                return;
            dialog->setValue(static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 1000.0));
            if (!text.isEmpty())
                dialog->setLabelText(text);
        });
    };
    return progress;
}

} // namespace

bool MainWindow::exportBundle(const QList<qint64> &runIds, const QString &path)
{
    if (m_bundleBusy) {
        showError(tr("Export Runs as Bundle"), tr("Another bundle is being written or read; wait for it to finish."));
        return false;
    }
    if (runIds.isEmpty())
        return false;
    m_bundleBusy = true;
    QPointer<QProgressDialog> dialog = bundleProgressDialog(
        this, tr("Export Runs as Bundle"),
        tr("Writing %n run(s) to %1...", nullptr, static_cast<int>(runIds.size())).arg(QFileInfo(path).fileName()));
    const std::string store = m_storeFolder.toStdString();
    const std::vector<int64_t> ids(runIds.begin(), runIds.end());
    const BundleProgress progress = bundleProgress(this, dialog);
    auto *watcher = new QFutureWatcher<QString>(this);
    const QFuture<QString> future = QtConcurrent::run([store, ids, path, progress]() -> QString {
        try {
            // The window's store connection belongs to the GUI thread: this task opens its own.
            const ExperimentStore own(store);
            exportRunBundle(own, ids, path.toStdString(), progress);
            return QString();
        } catch (const std::exception &e) {
            return QString::fromStdString(e.what());
        }
    });
    m_bundleFuture = future;
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, dialog, path] {
        const QString error = watcher->result();
        watcher->deleteLater();
        m_bundleBusy = false;
        if (dialog)
            dialog->close();
        if (!error.isEmpty())
            showError(tr("Export failed"), error);
        else
            statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 8000);
        Q_EMIT bundleExported(path, error);
    });
    watcher->setFuture(future);
    return true;
}

bool MainWindow::importBundle(const QString &path)
{
    if (m_bundleBusy) {
        showError(tr("Import Bundle"), tr("Another bundle is being written or read; wait for it to finish."));
        return false;
    }
    m_bundleBusy = true;
    QPointer<QProgressDialog> dialog
        = bundleProgressDialog(this, tr("Import Bundle"), tr("Reading %1...").arg(QFileInfo(path).fileName()));
    const std::string store = m_storeFolder.toStdString();
    const BundleProgress progress = bundleProgress(this, dialog);
    struct Imported
    {
        QList<qint64> ids;
        QString error;
    };
    auto *watcher = new QFutureWatcher<Imported>(this);
    const QFuture<Imported> future = QtConcurrent::run([store, path, progress] {
        Imported result;
        try {
            ExperimentStore own(store);
            for (int64_t id : importRunBundle(own, path.toStdString(), progress))
                result.ids << id;
        } catch (const std::exception &e) {
            result.error = QString::fromStdString(e.what());
        }
        return result;
    });
    m_bundleFuture = future;
    connect(watcher, &QFutureWatcher<Imported>::finished, this, [this, watcher, dialog] {
        const Imported result = watcher->result();
        watcher->deleteLater();
        m_bundleBusy = false;
        if (dialog)
            dialog->close();
        if (!result.error.isEmpty()) {
            showError(tr("Import failed"), result.error);
        } else {
            m_runsPanel->refresh();
            m_runsPanel->selectRuns(result.ids);
            statusBar()->showMessage(tr("Imported %n run(s); they are selected in the Runs dock", nullptr,
                                        static_cast<int>(result.ids.size())),
                                     8000);
        }
        Q_EMIT bundleImported(result.ids, result.error);
    });
    watcher->setFuture(future);
    return true;
}

void MainWindow::showError(const QString &title, const QString &message)
{
    // Never a blocking exec(): the event loop (and any training listener) keeps running.
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (isVisible())
        box->open();
    else
        box->deleteLater();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_controller->isRunning()) {
        if (!m_closing) {
            const auto answer = QMessageBox::question(this, tr("Training in progress"),
                                                      tr("A run is training. Stop it (a checkpoint is saved, so it can be "
                                                         "resumed later) and quit?"),
                                                      QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
            if (answer != QMessageBox::Yes) {
                event->ignore();
                return;
            }
            m_closing = true;
            m_queue->setShuttingDown(true);
            m_controller->stop();
            m_runStatus->setText(tr("Stopping and saving a checkpoint before quitting..."));
        }
        // onFinished closes the window again once the checkpoint is written.
        event->ignore();
        return;
    }
    cancelEmbedding();
    saveSettings();
    event->accept();
}

void MainWindow::loadSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    const QString config = settings.value(QStringLiteral("lastConfig")).toString();
    if (!config.isEmpty())
        m_configPanel->restoreJson(config);
    const QString arch = settings.value(QStringLiteral("lastArchitecture")).toString();
    if (!arch.isEmpty())
        selectArchitecture(arch);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("lastConfig"), m_configPanel->toJson());
    settings.setValue(QStringLiteral("lastArchitecture"), currentArchitecture());
    if (m_dataset)
        settings.setValue(QStringLiteral("lastDataset"), QString::fromStdString(m_dataset->source));
}

} // namespace cifarlab
