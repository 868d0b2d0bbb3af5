// The dashboard and runs it did not start or did not finish: a run the CLI is writing, followed
// live; a stopped run resumed from the Runs dock; the window closed while training.
#include "core/experiment_store.h"
#include "core/parameter_statistics.h"
#include "core/training_config.h"
#include "support/learnable_data.h"
#include "support/temp_dir.h"
#include "support/dashboard_fixture.h"
#include "support/ui_application.h"
#include "models/registry.h"
#include "ui/config_panel.h"
#include "ui/confusion_tab.h"
#include "ui/live_tab.h"
#include "ui/log_tab.h"
#include "ui/main_window.h"
#include "ui/weights_tab.h"
#include "ui/runs_panel.h"
#include "ui/training_controller.h"

#include <QAbstractButton>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProcess>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

using namespace cifarlab;

namespace {

struct Fixture : test::DashboardFixture
{
    explicit Fixture(int64_t trainCount = 400) : test::DashboardFixture("test_ui_dashboard_runs", trainCount) {}
};

void prepare(MainWindow &window, const Fixture &f, double epochs, int batchSize)
{
    test::prepareDashboard(window, f, epochs, batchSize);
}

// An airbench run on the fixture's dataset, recorded without training, with this stored config.
int64_t storeRun(const Fixture &f, const std::string &name, const std::string &configJson)
{
    ExperimentStore store(f.store);
    RunRecord record;
    record.name = name;
    record.architecture = "airbench";
    record.datasetSource = f.data;
    record.configJson = configJson;
    return store.createRun(record);
}

} // namespace

TEST(DashboardRuns, FollowsARunTheCliIsWriting)
{
    Fixture f(3000);
    constexpr int kEpochs = 6;
    QProcess cli;
    cli.start(QStringLiteral(CIFARLAB_CLI_PATH),
              {QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("baseline-plus"), QStringLiteral("--data"),
               QString::fromStdString(f.data), QStringLiteral("--store"), QString::fromStdString(f.store),
               QStringLiteral("--preset"), QStringLiteral("quick"), QStringLiteral("--epochs"), QString::number(kEpochs),
               QStringLiteral("--batch-size"), QStringLiteral("16"), QStringLiteral("--threads"), QStringLiteral("1"),
               QStringLiteral("--precision"), QStringLiteral("fp32")});
    ASSERT_TRUE(cli.waitForStarted(10000));

    // Wait until the CLI has finished one epoch, then open its run while it keeps training.
    int64_t runId = 0;
    ASSERT_TRUE(test::waitUntil([&] {
        if (!QFileInfo::exists(QString::fromStdString(f.store + "/runs.sqlite")))
            return false;
        ExperimentStore store(f.store);
        const auto runs = store.listRuns();
        if (runs.empty() || runs[0].epochsDone < 1)
            return false;
        runId = runs[0].id;
        return true;
    }, 120000)) << "the CLI did not finish an epoch";

    MainWindow window(QString::fromStdString(f.store));
    window.resize(1400, 900);
    window.show();
    ASSERT_TRUE(window.openRun(runId));
    window.liveTab()->flush();
    const int epochsAtOpen = window.liveTab()->epochPointCount();
    ASSERT_GE(epochsAtOpen, 1);
    ASSERT_LT(epochsAtOpen, kEpochs) << "the CLI finished before the window opened its run";

    ASSERT_TRUE(cli.waitForFinished(300000));
    EXPECT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();
    // The window polls the store: every epoch and batch of the finished run arrives without reopening.
    EXPECT_TRUE(test::waitUntil([&] {
        window.liveTab()->flush();
        return window.liveTab()->epochPointCount() == kEpochs;
    }, 15000)) << window.liveTab()->epochPointCount();
    ExperimentStore store(f.store);
    EXPECT_EQ(window.liveTab()->batchPointCount(), static_cast<int>(store.batchMetrics(runId).size()));
    EXPECT_EQ(window.confusionTab()->epochCount(), kEpochs);
    // Each poll read only the new epochs; together they are the whole run, statistics included.
    EXPECT_EQ(window.weightsTab()->epochCount(), kEpochs);
    EXPECT_EQ(window.weightsTab()->csv().toStdString(), parameterStatisticsCsv(store.epochMetrics(runId, true)));
}

// The Runs dock's "Train Again with These Settings": the run's whole recipe, its architecture and
// its dataset come back into the window, and Start would train exactly that config.
TEST(DashboardRuns, TrainAgainFillsTheFormWithTheRunsSettings)
{
    Fixture f;
    TrainingConfig recipe;
    recipe.architecture = "airbench";
    applyPreset(recipe, "best");
    recipe.dataPath = f.data;
    recipe.epochs = 2.5;
    recipe.stepMilestones = {0.3};
    recipe.stepGamma = 0.25;
    recipe.evalBatchSize = 77;
    recipe.keepEveryCheckpoint = true;
    recipe.tta = "mirror";
    recipe.seed = 5;
    recipe.threads = 1;
    const int64_t runId = storeRun(f, "wide-airbench", configToJson(recipe));
    const int64_t brokenId = storeRun(f, "broken", "{not json");

    MainWindow window(QString::fromStdString(f.store));
    window.resize(1400, 900);
    window.show();
    window.selectArchitecture(QStringLiteral("baseline"));
    window.configPanel()->applyPreset(QStringLiteral("quick"));
    QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
    Q_EMIT window.runsPanel()->reuseSettingsRequested(runId);
    ASSERT_TRUE(loaded.wait(30000)) << "the run's dataset was not opened";
    EXPECT_EQ(loaded.takeFirst().at(0).toString().toStdString(), f.data);
    EXPECT_EQ(window.currentArchitecture(), QStringLiteral("airbench"));
    EXPECT_TRUE(window.configPanel()->runName().isEmpty());

    TrainingConfig base;
    base.dataPath = window.dataset()->source;
    base.architecture = window.currentArchitecture().toStdString();
    EXPECT_EQ(configToJson(window.configPanel()->config(base)), configToJson(recipe));
    EXPECT_TRUE(window.validationMessage().isEmpty()) << window.validationMessage().toStdString();

    // A run whose stored config cannot be read changes nothing.
    EXPECT_FALSE(window.reuseRunSettings(brokenId));
    EXPECT_FALSE(window.reuseRunSettings(999));
    EXPECT_EQ(configToJson(window.configPanel()->config(base)), configToJson(recipe));
}

// The Architecture tab describes airbench at the opened run's width and ensemble size, then at the
// form's once the form changes.
TEST(DashboardRuns, ArchitectureTabFollowsTheRunsWidth)
{
    Fixture f;
    TrainingConfig wide;
    wide.architecture = "airbench";
    applyPreset(wide, "best");
    wide.dataPath = f.data;
    const int64_t runId = storeRun(f, "wide", configToJson(wide));
    MainWindow window(QString::fromStdString(f.store));
    window.resize(1400, 900);
    window.show();
    window.configPanel()->applyPreset(QStringLiteral("fast"));
    auto *title = window.findChild<QLabel *>(QStringLiteral("architectureTitle"));
    auto *totals = window.findChild<QLabel *>(QStringLiteral("architectureTotals"));
    ASSERT_TRUE(title && totals);
    const auto parameters = [](double width, int64_t members = 1) {
        return QLocale().toString(static_cast<qlonglong>(summarizeArchitecture("airbench", {}, width, members).parameters));
    };
    window.selectArchitecture(QStringLiteral("airbench"));
    EXPECT_EQ(title->text(), QStringLiteral("airbench"));
    EXPECT_TRUE(totals->text().contains(parameters(1.0))) << totals->text().toStdString();

    ASSERT_TRUE(window.openRun(runId));
    ASSERT_GT(wide.widthScale, 1.0);
    const QString widened = QLocale().toString(wide.widthScale) + QStringLiteral("x as wide");
    EXPECT_TRUE(title->text().contains(widened)) << title->text().toStdString();
    // `best` trains a pair: the title says so and the totals count both networks.
    ASSERT_EQ(wide.ensembleMembers, 2);
    EXPECT_TRUE(title->text().contains(QStringLiteral("ensemble of 2"))) << title->text().toStdString();
    EXPECT_TRUE(totals->text().contains(parameters(wide.widthScale, 2))) << totals->text().toStdString();

    // The form (the fast preset: one network) takes over once it changes.
    window.findChild<QDoubleSpinBox *>(QStringLiteral("widthScaleSpin"))->setValue(1.25);
    EXPECT_TRUE(title->text().contains(QStringLiteral("1.25x"))) << title->text().toStdString();
    EXPECT_FALSE(title->text().contains(QStringLiteral("ensemble"))) << title->text().toStdString();
    EXPECT_TRUE(totals->text().contains(parameters(1.25))) << totals->text().toStdString();
    EXPECT_NE(parameters(1.25), parameters(1.0));
}

TEST(DashboardRuns, ResumesAStoppedRunFromTheRunsDock)
{
    Fixture f;
    MainWindow window(QString::fromStdString(f.store));
    prepare(window, f, 3, 4); // 100 batches per epoch
    window.show();
    QSignalSpy finished(&window, &MainWindow::trainingFinished);
    ASSERT_TRUE(window.startTraining());
    ASSERT_TRUE(test::waitUntil([&] {
        window.liveTab()->flush();
        return window.liveTab()->epochPointCount() >= 1;
    }, 60000));
    window.stopTraining();
    ASSERT_TRUE(finished.wait(60000));
    const auto stopped = finished.takeFirst().at(0).value<TrainingOutcome>();
    ASSERT_EQ(stopped.status, RunStatus::Stopped);

    // The dock's "Resume training" action.
    Q_EMIT window.runsPanel()->resumeRequested(stopped.runId);
    EXPECT_TRUE(window.isTraining());
    ASSERT_TRUE(finished.wait(120000));
    const auto resumed = finished.takeFirst().at(0).value<TrainingOutcome>();
    EXPECT_EQ(resumed.runId, stopped.runId);
    EXPECT_EQ(resumed.status, RunStatus::Completed) << resumed.message.toStdString();

    ExperimentStore store(f.store);
    const RunRecord record = store.run(stopped.runId);
    EXPECT_EQ(record.status, RunStatus::Completed);
    EXPECT_EQ(record.epochsDone, 3);
    EXPECT_EQ(store.listRuns().size(), 1u); // continued, not a new run
    window.liveTab()->flush();
    EXPECT_EQ(window.liveTab()->epochPointCount(), 3);
    EXPECT_EQ(window.liveTab()->batchPointCount(), 300);

    // The Log tab has what the run said through both sessions, in order, ending with its outcome.
    const LogTab *log = window.logTab();
    EXPECT_EQ(log->runId(), stopped.runId);
    EXPECT_EQ(log->entryCount(), static_cast<int>(store.runLog(stopped.runId).size()));
    const QString text = log->visibleText();
    qsizetype at = -1;
    for (const char *expected : {"loading ", "training started", "epoch 1/3: ", "stopped at epoch ", "resumed from ", "epoch 3/3: ", "completed 3 epochs",
                                 "final test accuracy "}) {
        const qsizetype next = text.indexOf(QLatin1String(expected), at + 1);
        EXPECT_GT(next, at) << expected << " missing or out of order in:\n" << text.toStdString();
        at = std::max(at, next);
    }
}

TEST(DashboardRuns, ClosingWhileTrainingAsksThenStopsWithACheckpoint)
{
    Fixture f;
    MainWindow window(QString::fromStdString(f.store));
    prepare(window, f, 400, 4);
    window.show();
    QSignalSpy finished(&window, &MainWindow::trainingFinished);
    ASSERT_TRUE(window.startTraining());
    ASSERT_TRUE(test::waitUntil([&] {
        window.liveTab()->flush();
        return window.liveTab()->batchPointCount() > 5;
    }, 30000));

    // First answer No: the window stays and training goes on.
    bool asked = false;
    auto answer = [&asked](QMessageBox::StandardButton button) {
        QTimer::singleShot(100, [&asked, button] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            ASSERT_NE(box, nullptr);
            asked = true;
            box->button(button)->click();
        });
    };
    answer(QMessageBox::No);
    window.close();
    EXPECT_TRUE(asked);
    EXPECT_TRUE(window.isVisible());
    EXPECT_TRUE(window.isTraining());

    asked = false;
    answer(QMessageBox::Yes);
    window.close();
    EXPECT_TRUE(asked);
    ASSERT_TRUE(finished.wait(30000));
    EXPECT_EQ(finished.takeFirst().at(0).value<TrainingOutcome>().status, RunStatus::Stopped);
    EXPECT_TRUE(test::waitUntil([&] { return !window.isVisible(); }, 30000));

    ExperimentStore store(f.store);
    const auto runs = store.listRuns();
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].status, RunStatus::Stopped);
    EXPECT_TRUE(QFileInfo::exists(QString::fromStdString(store.runFolder(runs[0].id) + "/checkpoint-latest.pt")));
}
