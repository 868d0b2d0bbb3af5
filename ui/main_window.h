#pragma once

#include "core/dataset.h"
#include "core/dataset_summary.h"

#include <QFutureWatcher>
#include <QMainWindow>

#include <memory>

class QLabel;
class QListWidget;
class QStandardItemModel;
class QTableView;
class QTableWidget;
class QTabWidget;
class QProgressBar;
class QPushButton;

namespace cifarlab {

class LayerTableModel;

struct LoadedDataset
{
    std::shared_ptr<const Dataset> dataset;
    DatasetSummary summary;
    QString error;
    double seconds = 0.0;
};

// The dashboard's main window: datasets and architectures on the left, details in tabs.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Starts loading `path` in the background; the Dataset tab fills in when it is done.
    void openDataset(const QString &path);
    bool isLoading() const;
    QString currentArchitecture() const;
    void selectArchitecture(const QString &name);
    std::shared_ptr<const Dataset> dataset() const { return m_dataset; }

Q_SIGNALS:
    void datasetLoaded(const QString &source);
    void datasetFailed(const QString &message);

private:
    QWidget *buildSidePanel();
    QWidget *buildDatasetTab();
    QWidget *buildArchitectureTab();
    void refreshDatasetList();
    void rememberDataset(const QString &path, const QString &name, const QString &format);
    void onDatasetLoaded();
    void showDataset(const LoadedDataset &loaded);
    void refreshArchitecture();
    void chooseDatasetFile();
    void chooseDatasetFolder();

    QListWidget *m_datasetList = nullptr;
    QListWidget *m_architectureList = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_datasetTitle = nullptr;
    QLabel *m_datasetFacts = nullptr;
    QTableWidget *m_classTable = nullptr;
    QStandardItemModel *m_sampleModel = nullptr;
    QLabel *m_architectureTitle = nullptr;
    QLabel *m_architectureTotals = nullptr;
    LayerTableModel *m_layerModel = nullptr;
    QTableView *m_layerView = nullptr;
    QProgressBar *m_loadProgress = nullptr;
    QFutureWatcher<LoadedDataset> m_loadWatcher;
    std::shared_ptr<const Dataset> m_dataset;
};

} // namespace cifarlab
