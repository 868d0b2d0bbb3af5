#pragma once

#include "core/dataset.h"
#include "core/dataset_summary.h"
#include "core/embedding.h"
#include "core/training_metrics.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QList>
#include <QMainWindow>
#include <QPair>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

class QAction;
class QDockWidget;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QStandardItemModel;
class QTableView;
class QTableWidget;
class QTabWidget;
class QTimer;
class QToolButton;

namespace cifarlab {

class ArchitectureDiagram;
class AugmentationPreview;
class CompareTab;
class ConfigPanel;
class ConfusionTab;
class EmbeddingTab;
class WeightsTab;
class GradCam;
class ImagesTab;
class LayerTableModel;
class LiveTab;
class LogTab;
class ClassifyDialog;
class LrFinderDialog;
class QueuePanel;
class RunsPanel;
class TrainingController;
class TrainingQueue;
struct QueuedJob;
struct TrainingConfig;
struct TrainingOutcome;

struct LoadedDataset
{
    std::shared_ptr<const Dataset> dataset;
    DatasetSummary summary;
    QString error;
    double seconds = 0.0;
};

// The dashboard: experiment panel on the left (dataset, architecture, recipe, Start/Pause/Stop, Add to
// Queue), Live / Confusion / Images / Weights / Embedding / Compare / Dataset / Architecture tabs in the middle, the run history
// and the training queue docked below. Training runs on the controller's worker thread; this window only
// hears queued signals.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // storeFolder empty = the user's store (CIFARLAB_HOME or the XDG data folder).
    explicit MainWindow(const QString &storeFolder = QString(), QWidget *parent = nullptr);
    ~MainWindow() override;

    // Starts loading `path` in the background; the Dataset tab fills in when it is done.
    void openDataset(const QString &path);
    bool isLoading() const;
    QString currentArchitecture() const;
    void selectArchitecture(const QString &name);
    std::shared_ptr<const Dataset> dataset() const { return m_dataset; }

    // Training with the current dataset, architecture and form. False (with the reason in the status
    // bar and validationMessage()) when something is missing or invalid.
    bool startTraining();
    // The learning-rate finder for the form's recipe, already sweeping (window-modal); nullptr with the
    // reason in the status bar when the form could not start a run either.
    LrFinderDialog *openLearningRateFinder();
    // Classify Images for the run shown (its best checkpoint) or the evaluated checkpoint, with
    // `paths` already added; nullptr with the reason in the status bar when there is no network.
    ClassifyDialog *openClassifier(const QStringList &paths = {});
    // What a drop on the window does: .cifarlab.zip bundles are imported (one after another), a dataset
    // (folder, .zip, .tar.gz) is opened, and image files or folders of them are classified with the run
    // shown.
    void openDroppedPaths(const QStringList &paths);
    void pauseTraining();
    void resumeTraining();
    void stopTraining();
    bool isTraining() const;
    QString validationMessage() const;

    // Shows a stored run in the Live, Confusion and Images tabs (following it while another process
    // writes it). False with a message when it cannot be read.
    bool openRun(qint64 runId);
    qint64 viewedRun() const { return m_viewedRun; }
    bool resumeRun(qint64 runId);
    // Fills the form with a stored run's recipe and selects its architecture and dataset, ready for
    // Start (nothing starts by itself). False with a message when the run cannot be read.
    bool reuseRunSettings(qint64 runId);
    // Evaluates a checkpoint on the current dataset in the background; evaluationFinished follows.
    void evaluateCheckpoint(const QString &checkpoint, const QString &architecture, const QString &preprocess,
                            const QString &tta = QStringLiteral("none"));

    // Maps the test images with the shown run's latest checkpoint (or the evaluated one) in the
    // background; embeddingFinished follows. False (nothing started) when there is nothing to map.
    bool computeEmbedding(const EmbeddingOptions &options);
    void cancelEmbedding();
    bool isComputingEmbedding() const { return m_embeddingBusy; }

    // Selects the runs in the Runs dock and shows them side by side in the Compare tab.
    void compareRuns(const QList<qint64> &runIds);

    // The training queue: the form's recipe as a job, or one job per (architecture, preset) pair
    // (preset empty = the form's recipe; epochs > 0 overrides). False/0 with the reason in the status bar.
    bool addCurrentToQueue();
    int addToQueue(const QList<QPair<QString, QString>> &architecturePresets, double epochs = 0.0);

    // Run bundles, in the background with a progress dialog; bundleExported/bundleImported follow.
    // False (and no signal) when nothing was started.
    bool exportBundle(const QList<qint64> &runIds, const QString &path);
    bool importBundle(const QString &path);
    bool isBundleBusy() const { return m_bundleBusy; }

    LiveTab *liveTab() const { return m_liveTab; }
    ConfusionTab *confusionTab() const { return m_confusionTab; }
    ImagesTab *imagesTab() const { return m_imagesTab; }
    WeightsTab *weightsTab() const { return m_weightsTab; }
    EmbeddingTab *embeddingTab() const { return m_embeddingTab; }
    LogTab *logTab() const { return m_logTab; }
    CompareTab *compareTab() const { return m_compareTab; }
    TrainingQueue *queue() const { return m_queue; }
    QueuePanel *queuePanel() const { return m_queuePanel; }
    QDockWidget *queueDock() const { return m_queueDock; }
    ConfigPanel *configPanel() const { return m_configPanel; }
    RunsPanel *runsPanel() const { return m_runsPanel; }
    TrainingController *controller() const { return m_controller; }
    QTabWidget *tabs() const { return m_tabs; }
    QString storeFolder() const { return m_storeFolder; }

Q_SIGNALS:
    void datasetLoaded(const QString &source);
    void datasetFailed(const QString &message);
    void trainingFinished(const cifarlab::TrainingOutcome &outcome);
    void runOpened(qint64 runId);
    void evaluationFinished(double accuracy, const QString &error);
    // A Grad-CAM map for the Images tab was computed (error empty) or failed.
    void attributionFinished(int imageIndex, const QString &error);
    // The Embedding tab's map was computed (error empty), failed or was cancelled.
    void embeddingFinished(const QString &error);
    void bundleExported(const QString &path, const QString &error);
    void bundleImported(const QList<qint64> &runIds, const QString &error);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildMenus();
    QWidget *buildSidePanel();
    QWidget *buildRunHeader();
    QWidget *buildDatasetTab();
    QWidget *buildArchitectureTab();
    void refreshDatasetList();
    void selectInitialDataset();
    void rememberDataset(const QString &path, const QString &name, const QString &format);
    void onDatasetLoaded();
    void showDataset(const LoadedDataset &loaded);
    void refreshArchitecture();
    // airbench's width in the Architecture tab: the opened run's until the form's width changes,
    // else the form's (what Start would train); 1 for architectures with fixed widths.
    double architectureWidthScale(const QString &name) const;
    double formWidthScale() const;
    int64_t formBlockDepth() const;
    int64_t architectureEnsembleMembers() const;
    // airbench's convolutions per group in the Architecture tab, chosen as its width is.
    int64_t architectureBlockDepth(const QString &name) const;
    // The Architecture tab describes another network than the one it shows.
    bool architectureOutdated() const;
    void onFormChanged();
    void chooseDatasetFile();
    void chooseDatasetFolder();
    void downloadCifar10();
    void chooseCheckpointToEvaluate();
    void exportCurrentView();
    void chooseBundleExport(const QList<qint64> &runIds);
    void chooseBundleImport();
    void chooseSeveralForQueue();
    // Validation of the form alone (dataset, architecture, recipe), whether or not a run trains.
    QString formProblem() const;
    TrainingConfig formBase() const;
    bool launchTraining(const TrainingConfig &config, const QString &runName, bool showLive);
    bool startQueuedJob(const QueuedJob &job, QString *error);
    void onQueueJobFinished(qint64 runId);
    void onQueueFinished(const QList<qint64> &runIds);
    void updateQueueActions();
    void showQueueDock();
    QList<qint64> selectedRunsInOrder() const;
    void showAbout();
    void setLanguage(const QString &code);

    void resetViews(const std::vector<std::string> &classNames);
    void onRunCreated(qint64 runId);
    void onBatches(const std::vector<BatchMetrics> &batches);
    void onEpoch(const EpochMetrics &epoch);
    void onStatus(RunStatus status, const QString &message);
    void onFinished(const TrainingOutcome &outcome);
    void updateControls();
    void updateProgress(const BatchMetrics &batch);
    void pollViewedRun();
    // The progress bar of a completed run of `epochs` epochs.
    void showCompleted(int64_t epochs);
    // Reads the viewed run's new log lines from the store (the trainer writes them there first).
    void refreshLog();
    void applyStoredEpochs(const std::vector<EpochMetrics> &epochs, bool images);
    void showError(const QString &title, const QString &message);
    void loadSettings();
    void saveSettings() const;

    QString m_storeFolder;
    TrainingController *m_controller = nullptr;

    QListWidget *m_datasetList = nullptr;
    QPushButton *m_downloadButton = nullptr;
    QListWidget *m_architectureList = nullptr;
    ConfigPanel *m_configPanel = nullptr;
    QPushButton *m_startButton = nullptr;
    QPushButton *m_pauseButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QToolButton *m_queueButton = nullptr;
    QLabel *m_validation = nullptr;
    QAction *m_startAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_resumeAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_addToQueueAction = nullptr;
    QAction *m_runQueueAction = nullptr;
    QAction *m_stopQueueAction = nullptr;

    QLabel *m_runTitle = nullptr;
    QLabel *m_runStatus = nullptr;
    QProgressBar *m_runProgress = nullptr;

    QTabWidget *m_tabs = nullptr;
    LiveTab *m_liveTab = nullptr;
    ConfusionTab *m_confusionTab = nullptr;
    WeightsTab *m_weightsTab = nullptr;
    LogTab *m_logTab = nullptr;
    EmbeddingTab *m_embeddingTab = nullptr;
    ImagesTab *m_imagesTab = nullptr;
    CompareTab *m_compareTab = nullptr;
    QLabel *m_datasetTitle = nullptr;
    QLabel *m_datasetFacts = nullptr;
    QTableWidget *m_classTable = nullptr;
    AugmentationPreview *m_augmentationPreview = nullptr;
    QStandardItemModel *m_sampleModel = nullptr;
    QLabel *m_architectureTitle = nullptr;
    QLabel *m_architectureTotals = nullptr;
    LayerTableModel *m_layerModel = nullptr;
    QTableView *m_layerView = nullptr;
    ArchitectureDiagram *m_diagram = nullptr;
    QDockWidget *m_runsDock = nullptr;
    RunsPanel *m_runsPanel = nullptr;
    TrainingQueue *m_queue = nullptr;
    QueuePanel *m_queuePanel = nullptr;
    QDockWidget *m_queueDock = nullptr;
    QProgressBar *m_loadProgress = nullptr;

    QFutureWatcher<LoadedDataset> m_loadWatcher;
    std::shared_ptr<const Dataset> m_dataset;
    QString m_pendingDataset; // asked for while another load was running

    qint64 m_viewedRun = 0;
    std::optional<double> m_runWidthScale; // width of the opened airbench run
    double m_formWidthScale = 1.0;         // the form's airbench width when last seen
    double m_shownWidthScale = 1.0;        // the width the Architecture tab describes
    std::optional<int64_t> m_runEnsembleMembers; // ensemble size of the opened run
    int64_t m_formEnsembleMembers = 1;           // the form's ensemble size when last seen
    int64_t m_shownEnsembleMembers = 1;          // the ensemble size the Architecture tab describes
    std::optional<int64_t> m_runBlockDepth; // convolutions per group of the opened airbench run
    int64_t m_formBlockDepth = 2;           // the form's when last seen
    int64_t m_shownBlockDepth = 2;          // what the Architecture tab describes
    bool m_followingRun = false; // another process writes the viewed run
    int64_t m_seenSteps = 0;
    int64_t m_seenEpochs = 0;
    QTimer *m_pollTimer = nullptr;
    std::vector<EpochMetrics> m_pendingImageEpochs; // waiting for the run's dataset to load
    QString m_pendingImageSource;
    // A queued job waits for its dataset to load before it starts.
    std::unique_ptr<TrainingConfig> m_queuedConfig;
    QString m_queuedRunName;
    bool m_bundleBusy = false;
    QFuture<void> m_bundleFuture;
    bool m_closing = false;

    // Grad-CAM for the Images tab: one computation at a time, the latest request waits, and the
    // loaded network is kept until the checkpoint, the dataset or the run changes.
    struct AttributionSource
    {
        QString checkpoint;
        QString architecture;
        QString preprocess;
        QString unavailable; // why there is no map, when set
    };
    AttributionSource attributionSource() const;
    void onAttributionRequested(int imageIndex, int targetClass);
    void launchAttribution();
    AttributionSource m_evaluatedSource; // the checkpoint the views show, after Evaluate Checkpoint
    std::shared_ptr<GradCam> m_gradCam;
    QString m_gradCamKey;
    bool m_attributionBusy = false;
    std::optional<std::pair<int, int>> m_attributionPending;

    // The Embedding tab: one computation at a time (a request made meanwhile waits); the map belongs
    // to one checkpoint on one dataset, and another one clears it and cancels its computation.
    void updateEmbeddingSource();
    void launchEmbedding();
    QString m_embeddingKey;
    std::optional<EmbeddingOptions> m_embeddingPending;
    std::shared_ptr<std::atomic<bool>> m_embeddingCancel;
    QFuture<void> m_embeddingFuture;
    bool m_embeddingBusy = false;
    int m_embeddingGeneration = 0; // results of an older generation are dropped
};

} // namespace cifarlab
