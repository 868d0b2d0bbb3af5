// The Log tab: a run's log lines with their times, filtered, copied and saved; and the main window
// showing the viewed run's log, following a run another process is writing.

#include "core/experiment_store.h"
#include "support/temp_dir.h"
#include "support/ui_application.h"
#include "ui/log_tab.h"
#include "ui/main_window.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeWidget>

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace cifarlab;

namespace {

QApplication &app()
{
    return test::uiApplication("test_ui_log_tab");
}

std::vector<RunLogEntry> sampleLog()
{
    return {{0, "2026-12-07T10:00:00.000Z", "loading /data/cifar10-jpeg.zip"},
        {1, "2026-12-07T10:00:06.500Z", "loaded 50000 training and 10000 test images"},
        {2, "2026-12-07T10:00:07.000Z", "training started"},
        {3, "2026-12-07T10:02:59.000Z",
            "convolutions: the first step took the process to 5.8 GiB, over 3/4 of the memory limit of 6.4 "
            "GiB "
            "(--memory-limit), so auto goes on with direct convolutions"},
        {4, "2026-12-07T11:05:03.000Z", "warning: worker 1 exited with code 3"},
        {5, "2026-12-07T11:05:04.000Z", "failed: disk full"}};
}

QTreeWidgetItem *row(const LogTab &tab, int i)
{
    return tab.view()->topLevelItem(i);
}

} // namespace

TEST(LogTab, ShowsEachLineWithItsTimeAndTheTimeSinceTheFirst)
{
    app();
    LogTab tab;
    EXPECT_EQ(tab.entryCount(), 0);
    EXPECT_FALSE(tab.findChild<QLabel *>(QStringLiteral("logPlaceholder"))->text().isEmpty());

    tab.setEntries(7, sampleLog());
    ASSERT_EQ(tab.entryCount(), 6);
    EXPECT_EQ(tab.runId(), 7);
    EXPECT_EQ(tab.nextSeq(), 6);
    EXPECT_EQ(row(tab, 0)->text(LogTab::kSinceStartColumn), QStringLiteral("+0:00"));
    EXPECT_EQ(row(tab, 1)->text(LogTab::kSinceStartColumn), QStringLiteral("+0:06"));
    EXPECT_EQ(row(tab, 3)->text(LogTab::kSinceStartColumn), QStringLiteral("+2:59"));
    EXPECT_EQ(row(tab, 4)->text(LogTab::kSinceStartColumn), QStringLiteral("+1:05:03"));
    // Local time, to the second; the tooltip keeps the stored UTC time.
    const QDateTime first
        = QDateTime::fromString(QStringLiteral("2026-12-07T10:00:00.000Z"), Qt::ISODateWithMs);
    EXPECT_EQ(row(tab, 0)->text(LogTab::kTimeColumn),
        first.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    EXPECT_EQ(row(tab, 0)->toolTip(LogTab::kTimeColumn), QStringLiteral("2026-12-07T10:00:00.000Z"));
    EXPECT_EQ(row(tab, 3)->text(LogTab::kMessageColumn).toStdString(), sampleLog()[3].message);
    // Warnings and failures are marked, the rest is not.
    EXPECT_TRUE(row(tab, 0)->icon(LogTab::kMessageColumn).isNull());
    EXPECT_FALSE(row(tab, 4)->icon(LogTab::kMessageColumn).isNull());
    EXPECT_FALSE(row(tab, 5)->icon(LogTab::kMessageColumn).isNull());
    EXPECT_NE(row(tab, 4)->icon(LogTab::kMessageColumn).cacheKey(),
        row(tab, 5)->icon(LogTab::kMessageColumn).cacheKey());

    // New lines are appended once each, whatever a poll hands over twice.
    std::vector<RunLogEntry> more = sampleLog();
    more.push_back({6, "2026-12-07T11:06:00.000Z", "stopped at epoch 3, batch 7; checkpoint saved"});
    tab.appendEntries(more);
    EXPECT_EQ(tab.entryCount(), 7);
    EXPECT_EQ(tab.nextSeq(), 7);
    EXPECT_EQ(row(tab, 6)->text(LogTab::kSinceStartColumn), QStringLiteral("+1:06:00"));

    // A damaged time keeps its line.
    tab.appendEntries({{7, "yesterday", "resumed"}});
    EXPECT_EQ(row(tab, 7)->text(LogTab::kTimeColumn), QStringLiteral("yesterday"));
    EXPECT_EQ(row(tab, 7)->text(LogTab::kMessageColumn), QStringLiteral("resumed"));

    tab.clear();
    EXPECT_EQ(tab.entryCount(), 0);
    EXPECT_EQ(tab.runId(), 0);
    EXPECT_EQ(tab.nextSeq(), 0);
}

TEST(LogTab, FilterCopyAndSaveTakeTheLinesShown)
{
    app();
    LogTab tab;
    tab.setEntries(3, sampleLog());
    auto *count = tab.findChild<QLabel *>(QStringLiteral("logCount"));
    ASSERT_NE(count, nullptr);
    EXPECT_TRUE(count->text().contains(QLatin1String("6"))) << count->text().toStdString();

    tab.setFilterText(QStringLiteral("LOADED"));
    int shown = 0;
    for (int i = 0; i < tab.entryCount(); ++i)
        shown += row(tab, i)->isHidden() ? 0 : 1;
    EXPECT_EQ(shown, 1);
    EXPECT_TRUE(count->text().contains(QLatin1String("1")) && count->text().contains(QLatin1String("6")))
        << count->text().toStdString();
    const QString visible = tab.visibleText();
    EXPECT_EQ(visible.count(QLatin1Char('\n')), 1);
    EXPECT_TRUE(visible.contains(QStringLiteral("+0:06  loaded 50000 training and 10000 test images")))
        << visible.toStdString();

    tab.setFilterText(QStringLiteral("nothing like this"));
    EXPECT_TRUE(tab.visibleText().isEmpty());
    EXPECT_FALSE(tab.findChild<QPushButton *>(QStringLiteral("saveLogButton"))->isEnabled());
    tab.setFilterText(QString());
    EXPECT_EQ(tab.visibleText().count(QLatin1Char('\n')), 6);

    // Ctrl+C copies the selected lines, in order.
    row(tab, 4)->setSelected(true);
    row(tab, 1)->setSelected(true);
    EXPECT_EQ(tab.selectedText().count(QLatin1Char('\n')), 2);
    QAction *copy = nullptr;
    for (QAction *a : tab.view()->actions())
        if (a->shortcut() == QKeySequence(QKeySequence::Copy))
            copy = a;
    ASSERT_NE(copy, nullptr);
    copy->trigger();
    const QString copied = QApplication::clipboard()->text();
    EXPECT_EQ(copied, tab.selectedText());
    EXPECT_LT(
        copied.indexOf(QLatin1String("loaded 50000")), copied.indexOf(QLatin1String("warning: worker 1")));

    test::TempDir dir;
    const QString path = QString::fromStdString(dir.file("run-3-log.txt"));
    QString error;
    ASSERT_TRUE(tab.saveTo(path, &error)) << error.toStdString();
    QFile saved(path);
    ASSERT_TRUE(saved.open(QIODevice::ReadOnly));
    EXPECT_EQ(QString::fromUtf8(saved.readAll()), tab.visibleText());
    // An unwritable path is an error naming it, not a silent loss.
    const QString bad = QString::fromStdString(dir.file("no/such/folder/log.txt"));
    EXPECT_FALSE(tab.saveTo(bad, &error));
    EXPECT_TRUE(error.contains(bad)) << error.toStdString();
}

TEST(LogTab, TheWindowShowsTheViewedRunsLogAndFollowsNewLines)
{
    app();
    test::TempDir dir;
    const std::string folder = dir.file("store");
    int64_t quiet = 0;
    int64_t live = 0;
    {
        ExperimentStore store(folder);
        RunRecord record;
        record.name = "quiet";
        record.architecture = "baseline";
        quiet = store.createRun(record);
        record.name = "live";
        live = store.createRun(record);
        store.appendLog(live, "loading data.zip");
        store.setStatus(live, RunStatus::Running, "training started");
        store.appendLog(live, "training started");
    }
    MainWindow window(QString::fromStdString(folder));
    window.resize(1200, 800);
    window.show();
    LogTab *tab = window.logTab();
    ASSERT_NE(tab, nullptr);
    EXPECT_EQ(window.tabs()->tabText(window.tabs()->indexOf(tab)), QStringLiteral("L&og"));

    ASSERT_TRUE(window.openRun(quiet));
    EXPECT_EQ(tab->runId(), quiet);
    EXPECT_EQ(tab->entryCount(), 0);
    EXPECT_TRUE(
        tab->findChild<QLabel *>(QStringLiteral("logPlaceholder"))->text().contains(QString::number(quiet)));

    // A run another process is writing: its lines arrive with the window's poll of the store.
    ASSERT_TRUE(window.openRun(live));
    EXPECT_EQ(tab->runId(), live);
    ASSERT_EQ(tab->entryCount(), 2);
    EXPECT_EQ(row(*tab, 1)->text(LogTab::kMessageColumn), QStringLiteral("training started"));
    {
        ExperimentStore store(folder);
        store.appendLog(live, "time budget 55 min: 12 epochs would take about 64.6 min here");
        store.setStatus(live, RunStatus::Completed, "completed 12 epochs");
        store.appendLog(live, "completed 12 epochs");
    }
    EXPECT_TRUE(test::waitUntil([&] { return tab->entryCount() == 4; }, 10000)) << tab->entryCount();
    EXPECT_EQ(row(*tab, 3)->text(LogTab::kMessageColumn), QStringLiteral("completed 12 epochs"));

    // Going back to the other run shows its (empty) log again, not a mix.
    ASSERT_TRUE(window.openRun(quiet));
    EXPECT_EQ(tab->entryCount(), 0);

    // A run its time budget ended after 1 of 12 planned epochs reads as done at its own length,
    // though its batches counted the steps of 12.
    int64_t trimmed = 0;
    {
        ExperimentStore store(folder);
        RunRecord record;
        record.name = "trimmed";
        record.architecture = "airbench";
        record.classNames = {"a", "b"};
        trimmed = store.createRun(record);
        std::vector<BatchMetrics> batches;
        for (int64_t b = 0; b < 25; ++b) {
            BatchMetrics m;
            m.globalStep = b;
            m.batch = b;
            m.batchesPerEpoch = 25;
            m.totalSteps = 300;
            m.loss = 1.0;
            m.accuracy = 0.5;
            batches.push_back(m);
        }
        store.appendBatchMetrics(trimmed, batches);
        EpochMetrics epoch;
        epoch.epochs = 12;
        epoch.testAccuracy = 0.64;
        store.recordEpoch(trimmed, epoch, 2);
        store.setStatus(trimmed, RunStatus::Completed, "completed 1 epoch");
    }
    auto *progress = window.findChild<QProgressBar *>(QStringLiteral("runProgress"));
    ASSERT_NE(progress, nullptr);
    ASSERT_TRUE(window.openRun(trimmed));
    EXPECT_EQ(progress->value(), progress->maximum());
    EXPECT_EQ(progress->text(), QStringLiteral("epoch 1/1 · 100%")) << progress->text().toStdString();
    // The run's header counts it in the singular.
    auto *summary = window.findChild<QLabel *>(QStringLiteral("runStatus"));
    ASSERT_NE(summary, nullptr);
    EXPECT_TRUE(summary->text().endsWith(QStringLiteral(" · 1 epoch"))) << summary->text().toStdString();
}
