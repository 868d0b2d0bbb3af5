#pragma once

#include "core/dataset.h"
#include "core/run_comparison.h"
#include "ui/comparison_charts.h"

#include <QWidget>

#include <memory>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QListView;
class QListWidget;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;
class QTabWidget;
class QTimer;
class QToolButton;
class QTreeWidget;

namespace cifarlab {

class ExperimentStore;

// One comparison chart on screen: paints with paintComparisonChart (the same code as the exported
// files), in the window's palette.
class ComparisonChartView : public QWidget
{
    Q_OBJECT

public:
    explicit ComparisonChartView(QWidget *parent = nullptr);

    // The comparison is owned by the tab and outlives the view's use of it; null shows the placeholder.
    void setComparison(const RunComparison *comparison);
    void setChart(ComparisonChart chart);
    void setOptions(const ComparisonChartOptions &options);
    void setPlaceholder(const QString &text);
    ComparisonChart chart() const { return m_chart; }
    bool showsChart() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    // The chart's title is its accessible name; the runs it shows (or why it is empty) the description.
    void updateAccessibleText();

    const RunComparison *m_comparison = nullptr;
    ComparisonChart m_chart = ComparisonChart::AccuracyBars;
    ComparisonChartOptions m_options;
    QString m_placeholder;
};

// The Compare tab: the runs selected in the Runs dock side by side. A chart picker, the chart, the
// A/B pairing with the settings that differ, every number per run in a sortable table, the test
// images the runs disagree on, and exports (chart PNG/SVG/PDF, CSV, configs JSON, PDF/HTML report).
// Loading reads the store on the GUI thread, so it happens only while the tab is visible.
class CompareTab : public QWidget
{
    Q_OBJECT

public:
    // Roles of the summary table's cells: the CSV text as exported (full precision) and the sort key.
    static constexpr int RawValueRole = Qt::UserRole + 3;
    static constexpr int SortValueRole = Qt::UserRole + 2;

    explicit CompareTab(QWidget *parent = nullptr);
    ~CompareTab() override;

    // The store to read runs from (the Runs dock's connection, GUI thread); may be null.
    void setStore(ExperimentStore *store);
    // The runs to compare, in this order. Loads now when the tab is visible, else when it is shown.
    void setRuns(const QList<qint64> &runIds);
    QList<qint64> runIds() const { return m_ids; }
    // Re-reads the runs when one of them changed in the store (a run still training).
    void refreshRuns();
    // Reloads unconditionally (also when hidden); false with errorMessage() when a run cannot be read.
    bool reload();
    QString errorMessage() const { return m_error; }
    // The loaded dataset: images are shown when it is the runs' dataset.
    void setDataset(std::shared_ptr<const Dataset> dataset);

    const RunComparison &comparison() const { return m_comparison; }
    ComparisonChart currentChart() const;
    void setChart(ComparisonChart chart);
    bool isChartEnabled(ComparisonChart chart) const; // as the picker shows it
    ComparisonChartOptions chartOptions() const;
    void setAccuracyThreshold(double fraction);
    void setPair(int runA, int runB); // indices into comparison().runs

    ComparisonChartView *chartView() const { return m_chartView; }
    QTableView *summaryView() const { return m_table; }
    // Images shown in the two strips (all of them, the strips may show fewer).
    const std::vector<int64_t> &rightInAWrongInBImages() const { return m_rightWrong; }
    const std::vector<int64_t> &wrongInAllImages() const { return m_allWrong; }
    bool imagesAvailable() const { return m_imagesAvailable; }

    // The selected cells of the summary table: header row, then one line per row, tab-separated,
    // the store's full-precision values. Also what Ctrl+C puts on the clipboard.
    QString selectedCellsText() const;
    void copySelection();

    // Exports without dialogs (the buttons ask for the file first). False with a one-line error.
    bool exportChart(const QString &path, int dpi = 96, QString *error = nullptr) const;
    // summary CSV at `path`, epochs CSV beside it as <base>-epochs.csv (returned in epochsPath).
    bool exportData(const QString &path, QString *epochsPath = nullptr, QString *error = nullptr) const;
    bool exportConfigs(const QString &path, QString *error = nullptr) const;
    bool exportReportPdf(const QString &path, QString *error = nullptr) const;
    bool exportReportHtml(const QString &folder, QString *error = nullptr) const;

Q_SIGNALS:
    void statusMessage(const QString &message);
    void errorOccurred(const QString &title, const QString &message);
    // The comparison was (re)loaded: after a selection change or a live run's new epoch.
    void comparisonChanged();

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildSidebar();
    QWidget *buildToolbar();
    QWidget *buildImagesPage();
    QString runsSignature() const;
    void applyComparison();
    void fillPairCombos();
    void updateChartList();
    void updateChart();
    void updateDifferences();
    void updateTable();
    void updateImages();
    void updateHeader();
    void updateExportButtons();
    void onPairChanged();
    void chooseChartExport();
    void chooseDataExport();
    void chooseConfigsExport();
    void chooseReportPdf();
    void chooseReportHtml();
    QString suggestedName(const QString &stem, const QString &extension) const;

    ExperimentStore *m_store = nullptr;
    QList<qint64> m_ids;
    RunComparison m_comparison;
    QString m_signature;
    QString m_error;
    bool m_dirty = false;
    std::shared_ptr<const Dataset> m_dataset;
    std::vector<int64_t> m_rightWrong;
    std::vector<int64_t> m_allWrong;
    bool m_imagesAvailable = false;
    QString m_exportFolder;
    QTimer *m_liveTimer = nullptr; // follows runs that are still training, also with the Runs dock hidden

    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QPushButton *m_exportChart = nullptr;
    QPushButton *m_exportData = nullptr;
    QPushButton *m_exportConfigs = nullptr;
    QPushButton *m_report = nullptr;

    QListWidget *m_chartList = nullptr;
    QDoubleSpinBox *m_threshold = nullptr;
    QComboBox *m_runA = nullptr;
    QComboBox *m_runB = nullptr;
    QToolButton *m_swap = nullptr;
    QLabel *m_differencesNote = nullptr;
    QTreeWidget *m_differences = nullptr;

    ComparisonChartView *m_chartView = nullptr;
    QTabWidget *m_bottomTabs = nullptr;
    QStandardItemModel *m_summaryModel = nullptr;
    QSortFilterProxyModel *m_summaryProxy = nullptr;
    QTableView *m_table = nullptr;
    QStringList m_rawHeader; // summaryCsv's column names, for copying

    QLabel *m_imagesNote = nullptr;
    QLabel *m_rightWrongTitle = nullptr;
    QListView *m_rightWrongView = nullptr;
    QStandardItemModel *m_rightWrongModel = nullptr;
    QLabel *m_allWrongTitle = nullptr;
    QListView *m_allWrongView = nullptr;
    QStandardItemModel *m_allWrongModel = nullptr;
};

} // namespace cifarlab
