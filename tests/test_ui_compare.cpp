// Comparing runs in the dashboard, offscreen: runs selected in the Runs dock fill the Compare tab
// (table, chart, A/B settings, the images they disagree on), exports write the store's numbers,
// Ctrl+C copies tab-separated cells; the training queue runs jobs in order, persists itself in
// QSettings and comes back after a restart; a run bundle exported and imported adds a run.
#include "core/dataset_loader.h"
#include "core/experiment_store.h"
#include "core/training_config.h"
#include "support/learnable_data.h"
#include "support/temp_dir.h"
#include "support/ui_application.h"
#include "ui/compare_tab.h"
#include "ui/config_panel.h"
#include "ui/main_window.h"
#include "ui/runs_panel.h"
#include "ui/training_controller.h"
#include "ui/training_queue.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>
#include <QUrl>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace cifarlab;

namespace {

QApplication &application()
{
    return test::uiApplication("test_ui_compare");
}

constexpr int64_t kTrain = 300;
constexpr int64_t kTest = 90;
constexpr int kEpochs = 3;

// Is run `k` right about test image i? Each run gets a different, known share right.
bool rightAbout(int k, int64_t i)
{
    return (i + k) % (k + 2) != 0;
}

// A store with runs written through ExperimentStore, shaped like real ones: config JSON, three
// epochs with confusion matrices and per-image predictions on the fixture's test split.
struct StoreFixture
{
    test::TempDir dir;
    std::string data;
    std::string store;
    Dataset dataset;
    std::vector<int64_t> ids;

    explicit StoreFixture(int runs)
    {
        application();
        QSettings().remove(QStringLiteral("queue"));
        data = test::writeLearnableIdxFolder(dir.path(), kTrain, kTest, 28);
        store = dir.file("store");
        dataset = loadDataset(data);
        ExperimentStore s(store);
        const int64_t classes = dataset.numClasses();
        for (int k = 0; k < runs; ++k) {
            TrainingConfig config;
            config.dataPath = dataset.source;
            config.architecture = k == 0 ? "baseline" : "baseline-plus";
            config.epochs = kEpochs;
            config.batchSize = 32;
            config.learningRate = 0.1 / (k + 1);
            config.augment = k == 2 ? std::vector<std::string>{"crop"} : std::vector<std::string>{"crop", "flip"};
            RunRecord r;
            r.name = "run-" + std::to_string(k);
            r.architecture = config.architecture;
            r.datasetName = dataset.name;
            r.datasetSource = dataset.source;
            r.preset = "custom";
            r.configJson = configToJson(config);
            r.classNames = dataset.classNames;
            r.parameters = 62006 + 500000 * k;
            r.modelBytes = r.parameters * 4;
            const int64_t id = s.createRun(r);
            s.setStatus(id, RunStatus::Running);
            for (int e = 0; e < kEpochs; ++e) {
                EpochMetrics m;
                m.epoch = e;
                m.epochs = kEpochs;
                m.trainLoss = 2.0 - 0.4 * e - 0.1 * k;
                m.trainAccuracy = 0.3 + 0.15 * e + 0.05 * k + 0.0123456789;
                m.testLoss = 2.1 - 0.35 * e - 0.1 * k;
                m.learningRate = config.learningRate;
                m.seconds = 10.0 + k;
                m.elapsedSeconds = (10.0 + k) * (e + 1);
                m.imagesPerSecond = 1000.0 + 100 * k;
                m.testConfusion.assign(static_cast<size_t>(classes * classes), 0);
                int64_t right = 0;
                for (int64_t i = 0; i < kTest; ++i) {
                    const int64_t label = dataset.test.labels[static_cast<size_t>(i)];
                    // The last epoch has the run's pattern; earlier ones are a bit worse.
                    const bool ok = e == kEpochs - 1 ? rightAbout(k, i) : rightAbout(k, i) && i % (e + 3) != 0;
                    const int64_t predicted = ok ? label : (label + 1) % classes;
                    m.testPredictions.push_back(static_cast<int32_t>(predicted));
                    m.testConfidence.push_back(0.7f);
                    m.testImageLoss.push_back(ok ? 0.3f : 1.5f);
                    m.testConfusion[static_cast<size_t>(label * classes + predicted)] += 1;
                    right += ok ? 1 : 0;
                }
                m.testAccuracy = static_cast<double>(right) / static_cast<double>(kTest);
                s.recordEpoch(id, m, classes);
            }
            s.setStatus(id, RunStatus::Completed);
            ids.push_back(id);
        }
    }
};

QList<qint64> toList(const std::vector<int64_t> &ids)
{
    return QList<qint64>(ids.begin(), ids.end());
}

int columnOf(const QAbstractItemModel *model, const QString &rawName)
{
    for (int c = 0; c < model->columnCount(); ++c)
        if (model->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString() == rawName)
            return c;
    return -1;
}

int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    return static_cast<int>(colours.size());
}

// Splits one CSV line (no quoted commas in the columns the tests read).
QStringList csvFields(const QString &line)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    for (QChar c : line) {
        if (c == QLatin1Char('"'))
            quoted = !quoted;
        else if (c == QLatin1Char(',') && !quoted) {
            fields << field;
            field.clear();
        } else
            field += c;
    }
    fields << field;
    return fields;
}

void openDataset(MainWindow &window, const std::string &path)
{
    QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
    window.openDataset(QString::fromStdString(path));
    ASSERT_TRUE(loaded.wait(30000));
}

} // namespace

TEST(CompareTab, SelectedRunsFillTheTableAndTheChart)
{
    StoreFixture f(3);
    MainWindow window(QString::fromStdString(f.store));
    window.resize(1400, 900);
    window.show();
    ASSERT_EQ(window.runsPanel()->runIds().size(), 3);

    // Ctrl+K / "Compare Selected Runs" on a selection switches to the tab.
    window.runsPanel()->selectRuns(toList(f.ids));
    window.runsPanel()->compareAction()->trigger();
    CompareTab *compare = window.compareTab();
    EXPECT_EQ(window.tabs()->currentWidget(), compare);
    ASSERT_EQ(compare->comparison().runs.size(), 3u);
    EXPECT_EQ(compare->runIds(), toList(f.ids)); // oldest first
    EXPECT_TRUE(compare->errorMessage().isEmpty()) << compare->errorMessage().toStdString();

    QAbstractItemModel *table = compare->summaryView()->model();
    ASSERT_EQ(table->rowCount(), 3);
    const int idColumn = columnOf(table, QStringLiteral("run_id"));
    const int bestColumn = columnOf(table, QStringLiteral("best_test_accuracy"));
    const int paramsColumn = columnOf(table, QStringLiteral("parameters"));
    ASSERT_GE(idColumn, 0);
    ASSERT_GE(bestColumn, 0);
    ASSERT_GE(paramsColumn, 0);
    ExperimentStore store(f.store);
    for (int row = 0; row < 3; ++row) {
        const qint64 id = table->index(row, idColumn).data(CompareTab::RawValueRole).toLongLong();
        const RunRecord record = store.run(id);
        // Exactly the store's number behind the cell, and the cell shows it as a percentage.
        EXPECT_EQ(table->index(row, bestColumn).data(CompareTab::RawValueRole).toString().toDouble(), record.bestTestAccuracy);
        EXPECT_EQ(table->index(row, bestColumn).data().toString(),
                  QStringLiteral("%1%").arg(record.bestTestAccuracy * 100.0, 0, 'f', 2));
        EXPECT_EQ(table->index(row, paramsColumn).data(CompareTab::RawValueRole).toLongLong(), record.parameters);
    }
    // Sortable: descending by best test accuracy puts the best run first.
    compare->summaryView()->sortByColumn(bestColumn, Qt::DescendingOrder);
    double best = 0.0;
    for (const auto &run : compare->comparison().runs)
        best = std::max(best, run.record.bestTestAccuracy);
    EXPECT_EQ(table->index(0, bestColumn).data(CompareTab::RawValueRole).toString().toDouble(), best);

    // The chart paints something (axes, bars, legend), not a blank rectangle.
    compare->setChart(ComparisonChart::TestAccuracyCurves);
    EXPECT_TRUE(compare->chartView()->showsChart());
    QApplication::processEvents();
    const QImage chart = compare->chartView()->grab().toImage();
    ASSERT_FALSE(chart.isNull());
    EXPECT_GT(chart.width(), 300);
    EXPECT_GT(distinctColours(chart), 12);
    EXPECT_FALSE(compare->chartView()->accessibleName().isEmpty());
    // In a dark palette the chart is drawn on the dark base, not on white.
    QPalette dark = compare->chartView()->palette();
    dark.setColor(QPalette::Base, QColor(30, 30, 30));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    compare->chartView()->setPalette(dark);
    const QImage darkChart = compare->chartView()->grab().toImage();
    EXPECT_LT(QColor(darkChart.pixel(2, 2)).lightness(), 80);
    EXPECT_GT(distinctColours(darkChart), 12);
    compare->chartView()->setPalette(QPalette());

    // The A/B pair lists the settings that differ: runs 0 and 2 differ in lr, architecture, augment.
    compare->setPair(0, 2);
    auto *differences = compare->findChild<QTreeWidget *>(QStringLiteral("differencesView"));
    ASSERT_NE(differences, nullptr);
    QStringList fields;
    for (int i = 0; i < differences->topLevelItemCount(); ++i)
        fields << differences->topLevelItem(i)->text(0);
    EXPECT_TRUE(fields.contains(QStringLiteral("lr"))) << fields.join(QLatin1Char(',')).toStdString();
    EXPECT_TRUE(fields.contains(QStringLiteral("augment"))) << fields.join(QLatin1Char(',')).toStdString();
    EXPECT_TRUE(compare->isChartEnabled(ComparisonChart::Ablation));
}

TEST(CompareTab, OneRunDisablesThePairCharts)
{
    StoreFixture f(2);
    MainWindow window(QString::fromStdString(f.store));
    window.resize(1400, 900);
    window.show();
    // Ctrl+K anywhere in the window compares the dock's selection.
    window.runsPanel()->selectRuns({f.ids[0]});
    window.activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
    EXPECT_EQ(window.tabs()->currentWidget(), window.compareTab());
    window.compareRuns({f.ids[0]});
    CompareTab *compare = window.compareTab();
    ASSERT_EQ(compare->comparison().runs.size(), 1u);
    EXPECT_TRUE(compare->isChartEnabled(ComparisonChart::AccuracyBars));
    EXPECT_FALSE(compare->isChartEnabled(ComparisonChart::Ablation));
    EXPECT_FALSE(compare->isChartEnabled(ComparisonChart::DifferenceConfusion));
    auto *list = compare->findChild<QListWidget *>(QStringLiteral("chartList"));
    ASSERT_NE(list, nullptr);
    for (int i = 0; i < list->count(); ++i) {
        const QListWidgetItem *item = list->item(i);
        if (!item->flags().testFlag(Qt::ItemIsEnabled)) {
            EXPECT_FALSE(item->toolTip().isEmpty()) << item->text().toStdString(); // the reason
        }
    }
    // Asked for anyway, a pair chart shows why it cannot be drawn, and cannot be exported.
    compare->setChart(ComparisonChart::Ablation);
    EXPECT_FALSE(compare->chartView()->showsChart());
    auto *exportChart = compare->findChild<QPushButton *>(QStringLiteral("exportChartButton"));
    ASSERT_NE(exportChart, nullptr);
    EXPECT_FALSE(exportChart->isEnabled());
    QString error;
    EXPECT_FALSE(compare->exportChart(QString::fromStdString(f.dir.file("ablation.png")), 96, &error));
    EXPECT_FALSE(error.isEmpty());
    compare->setChart(ComparisonChart::AccuracyBars);
    EXPECT_TRUE(exportChart->isEnabled());

    // Selecting a second run in the dock while the tab is visible updates it.
    window.runsPanel()->selectRun(f.ids[1]);
    ASSERT_EQ(compare->comparison().runs.size(), 2u);
    EXPECT_TRUE(compare->isChartEnabled(ComparisonChart::Ablation));
    EXPECT_EQ(compare->summaryView()->model()->rowCount(), 2);
}

TEST(CompareTab, ExportsWriteTheStoresNumbers)
{
    StoreFixture f(3);
    MainWindow window(QString::fromStdString(f.store));
    window.show();
    window.compareRuns(toList(f.ids));
    CompareTab *compare = window.compareTab();
    ASSERT_EQ(compare->comparison().runs.size(), 3u);

    const QString summary = QString::fromStdString(f.dir.file("out/summary.csv"));
    QDir().mkpath(QFileInfo(summary).absolutePath());
    QString epochsPath;
    QString error;
    ASSERT_TRUE(compare->exportData(summary, &epochsPath, &error)) << error.toStdString();
    QFile file(summary);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 4);
    const QStringList header = csvFields(lines[0]);
    const int idColumn = static_cast<int>(header.indexOf(QStringLiteral("run_id")));
    const int bestColumn = static_cast<int>(header.indexOf(QStringLiteral("best_test_accuracy")));
    const int finalTrainColumn = static_cast<int>(header.indexOf(QStringLiteral("final_train_accuracy")));
    ASSERT_GE(idColumn, 0);
    ASSERT_GE(bestColumn, 0);
    ASSERT_GE(finalTrainColumn, 0);
    ExperimentStore store(f.store);
    for (int row = 1; row < lines.size(); ++row) {
        const QStringList fields = csvFields(lines[row]);
        const RunRecord record = store.run(fields[idColumn].toLongLong());
        EXPECT_EQ(fields[bestColumn].toDouble(), record.bestTestAccuracy);
        EXPECT_EQ(fields[finalTrainColumn].toDouble(), record.finalTrainAccuracy);
    }
    QFile epochs(epochsPath);
    ASSERT_TRUE(epochs.open(QIODevice::ReadOnly)) << epochsPath.toStdString();
    EXPECT_EQ(QString::fromUtf8(epochs.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 1 + 3 * kEpochs);

    // Configs JSON and the chart in every format.
    const QString configs = QString::fromStdString(f.dir.file("out/configs.json"));
    ASSERT_TRUE(compare->exportConfigs(configs, &error)) << error.toStdString();
    EXPECT_GT(QFileInfo(configs).size(), 100);
    for (const char *name : {"chart.png", "chart.svg", "chart.pdf"}) {
        const QString path = QString::fromStdString(f.dir.file(std::string("out/") + name));
        ASSERT_TRUE(compare->exportChart(path, 150, &error)) << name << ": " << error.toStdString();
        EXPECT_GT(QFileInfo(path).size(), 500) << name;
    }
    const QImage png(QString::fromStdString(f.dir.file("out/chart.png")));
    EXPECT_EQ(png.width(), 900 * 150 / 96);
}

TEST(CompareTab, CtrlCCopiesTabSeparatedCellsWithAHeader)
{
    StoreFixture f(2);
    MainWindow window(QString::fromStdString(f.store));
    window.show();
    window.compareRuns(toList(f.ids));
    CompareTab *compare = window.compareTab();
    QTableView *view = compare->summaryView();
    QAbstractItemModel *model = view->model();
    ASSERT_EQ(model->rowCount(), 2);
    const int idColumn = columnOf(model, QStringLiteral("run_id"));
    const int bestColumn = columnOf(model, QStringLiteral("best_test_accuracy"));
    ASSERT_GE(bestColumn, 0);
    view->sortByColumn(idColumn, Qt::AscendingOrder);
    QItemSelection selection;
    selection.select(model->index(0, idColumn), model->index(1, idColumn));
    selection.select(model->index(0, bestColumn), model->index(1, bestColumn));
    view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    // Shortcuts go to the focus widget of the active window.
    window.activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&window));
    view->setFocus();
    QApplication::clipboard()->clear();
    QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
    const QString text = QApplication::clipboard()->text();
    const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 3) << text.toStdString();
    EXPECT_EQ(lines[0], QStringLiteral("run_id\tbest_test_accuracy"));
    ExperimentStore store(f.store);
    for (int row = 0; row < 2; ++row) {
        const QStringList cells = lines[row + 1].split(QLatin1Char('\t'));
        ASSERT_EQ(cells.size(), 2);
        EXPECT_EQ(cells[0].toLongLong(), f.ids[static_cast<size_t>(row)]);
        EXPECT_EQ(cells[1].toDouble(), store.run(f.ids[static_cast<size_t>(row)]).bestTestAccuracy);
    }
    // The table's context menu offers Copy.
    bool hasCopy = false;
    for (QAction *action : view->actions())
        hasCopy = hasCopy || action->shortcut() == QKeySequence(QKeySequence::Copy);
    EXPECT_TRUE(hasCopy);
    EXPECT_EQ(view->contextMenuPolicy(), Qt::ActionsContextMenu);
}

TEST(CompareTab, ImagesTheRunsDisagreeOnNeedTheirDataset)
{
    StoreFixture f(3);
    MainWindow window(QString::fromStdString(f.store));
    window.show();
    window.compareRuns(toList(f.ids));
    CompareTab *compare = window.compareTab();
    // Without the dataset: a note instead of thumbnails.
    if (!window.dataset()) {
        EXPECT_FALSE(compare->imagesAvailable());
        auto *note = compare->findChild<QLabel *>(QStringLiteral("compareImagesNote"));
        ASSERT_NE(note, nullptr);
        EXPECT_FALSE(note->text().isEmpty());
    }
    openDataset(window, f.data);
    ASSERT_TRUE(compare->imagesAvailable());
    compare->setPair(1, 0); // right in run 1, wrong in run 0
    std::vector<int64_t> expected;
    std::vector<int64_t> allWrong;
    for (int64_t i = 0; i < kTest; ++i) {
        if (rightAbout(1, i) && !rightAbout(0, i))
            expected.push_back(i);
        if (!rightAbout(0, i) && !rightAbout(1, i) && !rightAbout(2, i))
            allWrong.push_back(i);
    }
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(compare->rightInAWrongInBImages(), expected);
    EXPECT_EQ(compare->wrongInAllImages(), allWrong);
    auto *strip = compare->findChild<QListView *>(QStringLiteral("rightInAWrongInBView"));
    ASSERT_NE(strip, nullptr);
    EXPECT_EQ(strip->model()->rowCount(), static_cast<int>(expected.size()));
    EXPECT_FALSE(strip->accessibleName().isEmpty());
    EXPECT_FALSE(strip->model()->index(0, 0).data(Qt::DecorationRole).isNull());
}

TEST(CompareTab, ARunStillTrainingUpdatesAsItsEpochsArrive)
{
    StoreFixture f(2);
    int64_t live = 0;
    {
        // A run another process is writing: one epoch so far.
        ExperimentStore s(f.store);
        RunRecord r = s.run(f.ids[0]);
        r.id = 0;
        r.name = "still-training";
        live = s.createRun(r);
        s.setStatus(live, RunStatus::Running);
        EpochMetrics m;
        m.epochs = kEpochs;
        m.testAccuracy = 0.4;
        m.trainAccuracy = 0.35;
        m.elapsedSeconds = 5.0;
        s.recordEpoch(live, m, f.dataset.numClasses());
    }
    MainWindow window(QString::fromStdString(f.store));
    window.show();
    window.compareRuns({f.ids[1], live});
    CompareTab *compare = window.compareTab();
    ASSERT_EQ(compare->comparison().runs.size(), 2u);
    ASSERT_EQ(compare->comparison().runs[1].record.id, live);
    EXPECT_EQ(compare->comparison().runs[1].epochs.size(), 1u);
    auto *subtitle = compare->findChild<QLabel *>(QStringLiteral("compareSubtitle"));
    ASSERT_NE(subtitle, nullptr);
    EXPECT_TRUE(subtitle->text().contains(QStringLiteral("still-training"))) << subtitle->text().toStdString();

    QSignalSpy changed(compare, &CompareTab::comparisonChanged);
    {
        ExperimentStore s(f.store);
        EpochMetrics m;
        m.epoch = 1;
        m.epochs = kEpochs;
        m.testAccuracy = 0.55;
        m.trainAccuracy = 0.5;
        m.elapsedSeconds = 10.0;
        s.recordEpoch(live, m, f.dataset.numClasses());
    }
    // The Runs dock's periodic refresh notices the new epoch; the comparison follows.
    window.runsPanel()->refresh();
    ASSERT_GE(changed.count(), 1);
    ASSERT_EQ(compare->comparison().runs.size(), 2u);
    EXPECT_EQ(compare->comparison().runs[1].epochs.size(), 2u);
    EXPECT_EQ(compare->comparison().runs[1].record.bestTestAccuracy, 0.55);
    // Nothing new: no reload.
    changed.clear();
    compare->refreshRuns();
    EXPECT_EQ(changed.count(), 0);
}

TEST(CompareTab, Screenshot)
{
    const QString folder = qEnvironmentVariable("CIFARLAB_UI_SHOTS");
    if (folder.isEmpty())
        GTEST_SKIP() << "set CIFARLAB_UI_SHOTS to a folder to write screenshots";
    StoreFixture f(3);
    MainWindow window(QString::fromStdString(f.store));
    window.resize(1500, 950);
    window.show();
    openDataset(window, f.data);
    window.compareRuns(toList(f.ids));
    QTest::qWait(200);
    QDir().mkpath(folder);
    EXPECT_TRUE(window.grab().save(folder + QStringLiteral("/compare-synthetic.png")));
    window.compareTab()->findChild<QTabWidget *>(QStringLiteral("compareBottomTabs"))->setCurrentIndex(1);
    QTest::qWait(100);
    EXPECT_TRUE(window.grab().save(folder + QStringLiteral("/compare-synthetic-images.png")));

    // The queue dock with a few jobs, and the dialog that adds several.
    QSettings().remove(QStringLiteral("queue"));
    window.selectArchitecture(QStringLiteral("baseline"));
    window.addCurrentToQueue();
    window.addToQueue({{QStringLiteral("baseline-plus"), QStringLiteral("quick")}, {QStringLiteral("resnet18"), QStringLiteral("standard")}}, 5);
    QTest::qWait(100);
    EXPECT_TRUE(window.grab().save(folder + QStringLiteral("/compare-queue.png")));
    QueueBatchDialog dialog(QStringLiteral("baseline"), &window);
    dialog.setChecked(QStringLiteral("resnet18"), QStringLiteral("standard"), true);
    dialog.show();
    QTest::qWait(100);
    EXPECT_TRUE(dialog.grab().save(folder + QStringLiteral("/queue-dialog.png")));
    QSettings().remove(QStringLiteral("queue"));
}

namespace {

// A tiny recipe for `baseline` on the fixture's dataset (as the dashboard tests use).
void prepareRecipe(MainWindow &window, const std::string &data, double epochs, int batchSize)
{
    window.resize(1400, 900);
    openDataset(window, data);
    window.selectArchitecture(QStringLiteral("baseline"));
    auto *panel = window.configPanel();
    panel->applyPreset(QStringLiteral("quick"));
    panel->findChild<QDoubleSpinBox *>(QStringLiteral("epochsSpin"))->setValue(epochs);
    panel->findChild<QSpinBox *>(QStringLiteral("batchSizeSpin"))->setValue(batchSize);
    panel->findChild<QDoubleSpinBox *>(QStringLiteral("learningRateSpin"))->setValue(0.05);
}

QList<QueuedJob> storedQueue()
{
    return TrainingQueue::fromJson(QSettings().value(QStringLiteral("queue/jobs")).toString());
}

} // namespace

TEST(TrainingQueue, RunsJobsInOrderAndEmptiesItself)
{
    application();
    QSettings().remove(QStringLiteral("queue"));
    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 200, 60, 28);
    const std::string storePath = dir.file("store");
    MainWindow window(QString::fromStdString(storePath));
    prepareRecipe(window, data, 1, 50);
    window.show();

    window.configPanel()->setRunName(QStringLiteral("first"));
    ASSERT_TRUE(window.addCurrentToQueue());
    window.configPanel()->setRunName(QStringLiteral("second"));
    ASSERT_TRUE(window.addCurrentToQueue());
    TrainingQueue *queue = window.queue();
    ASSERT_EQ(queue->count(), 2);
    EXPECT_TRUE(window.queueDock()->isVisible());
    EXPECT_EQ(window.queuePanel()->view()->topLevelItemCount(), 2);
    // Saved after every change.
    QList<QueuedJob> saved = storedQueue();
    ASSERT_EQ(saved.size(), 2);
    EXPECT_EQ(saved[0].name, QStringLiteral("first"));
    EXPECT_EQ(saved[1].state, QueueJobState::Pending);
    EXPECT_EQ(configFromJson(saved[0].configJson.toStdString()).batchSize, 50);

    // Reorder and back: the list follows.
    ASSERT_TRUE(queue->move(0, 1));
    EXPECT_EQ(storedQueue()[0].name, QStringLiteral("second"));
    ASSERT_TRUE(queue->move(1, -1));
    EXPECT_EQ(storedQueue()[0].name, QStringLiteral("first"));

    QSignalSpy started(queue, &TrainingQueue::jobStarted);
    QSignalSpy finishedJobs(queue, &TrainingQueue::jobFinished);
    QSignalSpy done(queue, &TrainingQueue::queueFinished);
    queue->start();
    ASSERT_TRUE(test::waitUntil([&] { return window.isTraining(); }, 10000));
    EXPECT_EQ(storedQueue()[0].state, QueueJobState::Running);
    ASSERT_TRUE(done.wait(240000));
    EXPECT_EQ(started.count(), 2);
    EXPECT_EQ(finishedJobs.count(), 2);
    const QList<qint64> runIds = done.takeFirst().at(0).value<QList<qint64>>();
    ASSERT_EQ(runIds.size(), 2);

    ExperimentStore store(storePath);
    const RunRecord first = store.run(runIds[0]);
    const RunRecord second = store.run(runIds[1]);
    EXPECT_EQ(first.name, "first");
    EXPECT_EQ(second.name, "second");
    EXPECT_EQ(first.status, RunStatus::Completed) << first.message;
    EXPECT_EQ(second.status, RunStatus::Completed) << second.message;
    EXPECT_LT(first.id, second.id);
    EXPECT_LE(first.finishedAt, second.startedAt); // one after the other
    EXPECT_EQ(queue->count(), 0);
    EXPECT_FALSE(queue->isRunning());
    EXPECT_TRUE(storedQueue().isEmpty());
    EXPECT_EQ(QSettings().value(QStringLiteral("queue/jobs")).toString(), QStringLiteral("[]"));

    // The finished runs are selected in the dock; Ctrl+K compares them.
    QList<qint64> selected = window.runsPanel()->selectedRuns();
    std::sort(selected.begin(), selected.end());
    EXPECT_EQ(selected, runIds);
    window.runsPanel()->compareAction()->trigger();
    EXPECT_EQ(window.compareTab()->comparison().runs.size(), 2u);
}

TEST(TrainingQueue, AUserStopPausesTheQueue)
{
    application();
    QSettings().remove(QStringLiteral("queue"));
    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 200, 60, 28);
    MainWindow window(QString::fromStdString(dir.file("store")));
    prepareRecipe(window, data, 200, 4);
    window.show();
    ASSERT_TRUE(window.addCurrentToQueue());
    ASSERT_TRUE(window.addCurrentToQueue());
    TrainingQueue *queue = window.queue();
    QSignalSpy finished(&window, &MainWindow::trainingFinished);
    QSignalSpy created(window.controller(), &TrainingController::runCreated);
    queue->start();
    ASSERT_TRUE(created.wait(30000));
    window.stopTraining();
    ASSERT_TRUE(finished.wait(30000));
    QApplication::processEvents();
    EXPECT_FALSE(queue->isRunning());
    EXPECT_FALSE(window.isTraining());
    ASSERT_EQ(queue->count(), 2);
    EXPECT_EQ(queue->jobs()[0].state, QueueJobState::Stopped);
    EXPECT_GT(queue->jobs()[0].runId, 0);
    EXPECT_EQ(queue->jobs()[1].state, QueueJobState::Pending);
    EXPECT_EQ(storedQueue()[0].state, QueueJobState::Stopped);
    QTest::qWait(300);
    EXPECT_FALSE(window.isTraining()); // the next job did not start
}

TEST(TrainingQueue, AddsSeveralArchitecturesAndPresetsAtOnce)
{
    application();
    QSettings().remove(QStringLiteral("queue"));
    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 100, 30, 28);
    MainWindow window(QString::fromStdString(dir.file("store")));
    prepareRecipe(window, data, 1, 50);
    const int added = window.addToQueue({{QStringLiteral("baseline"), QStringLiteral("quick")},
                                         {QStringLiteral("baseline-plus"), QStringLiteral("seed")},
                                         {QStringLiteral("baseline-plus"), QString()}},
                                        2);
    ASSERT_EQ(added, 3);
    const QList<QueuedJob> jobs = window.queue()->jobs();
    ASSERT_EQ(jobs.size(), 3);
    EXPECT_EQ(jobs[0].name, QStringLiteral("baseline-quick"));
    EXPECT_EQ(jobs[1].name, QStringLiteral("baseline-plus-seed"));
    const TrainingConfig quick = configFromJson(jobs[0].configJson.toStdString());
    const TrainingConfig seed = configFromJson(jobs[1].configJson.toStdString());
    const TrainingConfig form = configFromJson(jobs[2].configJson.toStdString());
    EXPECT_EQ(quick.architecture, "baseline");
    EXPECT_EQ(seed.architecture, "baseline-plus");
    EXPECT_EQ(quick.epochs, 2);
    EXPECT_EQ(seed.epochs, 2);
    EXPECT_EQ(seed.batchSize, 4);  // the seed recipe, not the form's 50
    EXPECT_EQ(form.batchSize, 50); // the form's recipe
    EXPECT_EQ(QString::fromStdString(quick.dataPath), QString::fromStdString(window.dataset()->source));
    EXPECT_EQ(storedQueue().size(), 3);
    ASSERT_TRUE(window.queue()->remove(1));
    EXPECT_EQ(storedQueue().size(), 2);
    EXPECT_EQ(window.queuePanel()->view()->topLevelItemCount(), 2);
    QSettings().remove(QStringLiteral("queue"));
}

TEST(TrainingQueue, ARestoredQueueShowsItsJobsAndOffersTheInterruptedOne)
{
    application();
    test::TempDir dir;
    TrainingConfig config;
    config.dataPath = dir.file("data");
    config.architecture = "baseline";
    QueuedJob waiting;
    waiting.name = QStringLiteral("waiting-job");
    waiting.architecture = QStringLiteral("baseline");
    waiting.preset = QStringLiteral("quick");
    waiting.configJson = QString::fromStdString(configToJson(config));
    QueuedJob running = waiting;
    running.name = QStringLiteral("running-job");
    running.state = QueueJobState::Running;
    running.runId = 7;
    QSettings().setValue(QStringLiteral("queue/jobs"), TrainingQueue::toJson({running, waiting}));

    MainWindow window(QString::fromStdString(dir.file("store")));
    window.show();
    TrainingQueue *queue = window.queue();
    ASSERT_EQ(queue->count(), 2);
    EXPECT_EQ(queue->jobs()[0].name, QStringLiteral("running-job"));
    EXPECT_EQ(queue->jobs()[0].state, QueueJobState::Interrupted);
    EXPECT_EQ(queue->jobs()[0].runId, 7);
    EXPECT_EQ(queue->jobs()[1].state, QueueJobState::Pending);
    EXPECT_FALSE(queue->isRunning()); // nothing starts by itself
    EXPECT_FALSE(window.isTraining());
    EXPECT_TRUE(window.queueDock()->isVisible());
    QTreeWidget *view = window.queuePanel()->view();
    ASSERT_EQ(view->topLevelItemCount(), 2);
    EXPECT_TRUE(view->topLevelItem(0)->text(0).contains(QStringLiteral("running-job")));
    auto *banner = window.queuePanel()->findChild<QWidget *>(QStringLiteral("queueInterruptedBanner"));
    ASSERT_NE(banner, nullptr);
    EXPECT_TRUE(banner->isVisible());
    // Marked in the settings too, so a second restart does not lose it either.
    EXPECT_EQ(storedQueue()[0].state, QueueJobState::Interrupted);
    QSettings().remove(QStringLiteral("queue"));
}

TEST(TrainingQueue, AnInterruptedJobResumesItsRunAfterARestart)
{
    application();
    QSettings().remove(QStringLiteral("queue"));
    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 200, 60, 28);
    const std::string storePath = dir.file("store");
    qint64 runId = 0;
    {
        MainWindow window(QString::fromStdString(storePath));
        prepareRecipe(window, data, 40, 4);
        window.show();
        ASSERT_TRUE(window.addCurrentToQueue());
        QSignalSpy finished(&window, &MainWindow::trainingFinished);
        window.queue()->start();
        ASSERT_TRUE(test::waitUntil([&] { return window.queue()->jobs().value(0).runId > 0 && window.isTraining(); }, 30000));
        QTest::qWait(200);
        window.stopTraining(); // leaves a checkpoint, as quitting does
        ASSERT_TRUE(finished.wait(30000));
        runId = window.queue()->jobs().value(0).runId;
    }
    ASSERT_GT(runId, 0);
    // As a crash or kill would leave it: the job still marked as running.
    QList<QueuedJob> jobs = storedQueue();
    ASSERT_EQ(jobs.size(), 1);
    jobs[0].state = QueueJobState::Running;
    QSettings().setValue(QStringLiteral("queue/jobs"), TrainingQueue::toJson(jobs));

    MainWindow window(QString::fromStdString(storePath));
    window.show();
    ASSERT_EQ(window.queue()->count(), 1);
    EXPECT_EQ(window.queue()->jobs()[0].state, QueueJobState::Interrupted);
    auto *resume = window.queuePanel()->findChild<QPushButton *>(QStringLiteral("queueResumeButton"));
    ASSERT_NE(resume, nullptr);
    ASSERT_TRUE(resume->isVisible());
    QSignalSpy done(window.queue(), &TrainingQueue::queueFinished);
    QTest::mouseClick(resume, Qt::LeftButton);
    EXPECT_TRUE(window.isTraining());
    ASSERT_TRUE(done.wait(120000));
    EXPECT_EQ(done.takeFirst().at(0).value<QList<qint64>>(), QList<qint64>{runId});
    EXPECT_EQ(window.queue()->count(), 0);
    ExperimentStore store(storePath);
    const RunRecord record = store.run(runId);
    EXPECT_EQ(record.status, RunStatus::Completed) << record.message;
    EXPECT_EQ(record.epochsDone, 40);
    EXPECT_EQ(store.listRuns().size(), 1u); // resumed, not trained again
}

TEST(RunBundle, TwoBundlesDroppedOnTheWindowAreImportedOneAfterTheOther)
{
    StoreFixture f(2);
    MainWindow source(QString::fromStdString(f.store));
    QStringList zips;
    for (int i = 0; i < 2; ++i) {
        zips << QString::fromStdString(f.dir.file("run" + std::to_string(i) + ".cifarlab.zip"));
        QSignalSpy exported(&source, &MainWindow::bundleExported);
        ASSERT_TRUE(source.exportBundle({f.ids[static_cast<size_t>(i)]}, zips.last()));
        ASSERT_TRUE(exported.wait(60000));
    }

    MainWindow window(QString::fromStdString(f.dir.file("other-store")));
    window.show();
    ASSERT_TRUE(window.runsPanel()->runIds().isEmpty());
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(zips[0]), QUrl::fromLocalFile(zips[1])});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    static_cast<QObject *>(&window)->event(&enter);
    EXPECT_TRUE(enter.isAccepted());
    QSignalSpy imported(&window, &MainWindow::bundleImported);
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    static_cast<QObject *>(&window)->event(&drop);
    EXPECT_TRUE(drop.isAccepted());
    ASSERT_TRUE(test::waitUntil([&] { return imported.count() == 2; }, 60000)) << imported.count();
    for (const auto &args : imported)
        EXPECT_TRUE(args.at(1).toString().isEmpty()) << args.at(1).toString().toStdString();
    EXPECT_EQ(window.runsPanel()->runIds().size(), 2);
    EXPECT_FALSE(window.isBundleBusy());
}

TEST(RunBundle, ExportAndImportAddsARunToTheDock)
{
    StoreFixture f(1);
    MainWindow window(QString::fromStdString(f.store));
    window.show();
    ASSERT_EQ(window.runsPanel()->runIds().size(), 1);
    const QString zip = QString::fromStdString(f.dir.file("one.cifarlab.zip"));

    QSignalSpy exported(&window, &MainWindow::bundleExported);
    ASSERT_TRUE(window.exportBundle({f.ids[0]}, zip));
    EXPECT_TRUE(window.isBundleBusy());
    ASSERT_TRUE(exported.wait(60000));
    EXPECT_TRUE(exported.takeFirst().at(1).toString().isEmpty());
    EXPECT_TRUE(QFileInfo::exists(zip));
    EXPECT_FALSE(window.isBundleBusy());

    QSignalSpy imported(&window, &MainWindow::bundleImported);
    ASSERT_TRUE(window.importBundle(zip));
    ASSERT_TRUE(imported.wait(60000));
    const auto args = imported.takeFirst();
    EXPECT_TRUE(args.at(1).toString().isEmpty()) << args.at(1).toString().toStdString();
    const QList<qint64> ids = args.at(0).value<QList<qint64>>();
    ASSERT_EQ(ids.size(), 1);
    EXPECT_EQ(window.runsPanel()->runIds().size(), 2);
    EXPECT_EQ(window.runsPanel()->selectedRuns(), ids);

    // The imported run compares equal to the original.
    window.compareRuns({f.ids[0], ids[0]});
    const auto &runs = window.compareTab()->comparison().runs;
    ASSERT_EQ(runs.size(), 2u);
    EXPECT_EQ(runs[0].record.bestTestAccuracy, runs[1].record.bestTestAccuracy);
    EXPECT_EQ(runs[0].epochs.size(), runs[1].epochs.size());

    // A file that is not a bundle: the error arrives, nothing is added.
    const QString bad = QString::fromStdString(f.dir.file("bad.cifarlab.zip"));
    QFile junk(bad);
    ASSERT_TRUE(junk.open(QIODevice::WriteOnly));
    junk.write("not a zip");
    junk.close();
    ASSERT_TRUE(window.importBundle(bad));
    ASSERT_TRUE(imported.wait(30000));
    EXPECT_FALSE(imported.takeFirst().at(1).toString().isEmpty());
    EXPECT_EQ(window.runsPanel()->runIds().size(), 2);
}
