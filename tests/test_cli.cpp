// End-to-end tests of cifarlab-cli as a user runs it: exit codes, messages, training, kill -9.
#include "core/confusion_pairs.h"
#include "core/experiment_store.h"
#include "core/training_config.h"
#include "support/cli_runner.h"
#include "support/learnable_data.h"
#include "support/temp_dir.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

using namespace cifarlab;

namespace {

using test::CliResult;
using test::runCli;

double reportedAccuracy(const QString &out)
{
    static const QRegularExpression re(QStringLiteral("test accuracy: (\\d+\\.\\d\\d)%"));
    const auto m = re.match(out);
    return m.hasMatch() ? m.captured(1).toDouble() : -1.0;
}

QString sharedFile(const char *relative)
{
    const QString path = QStringLiteral(CIFARLAB_SHARED_DIR "/") + QString::fromLatin1(relative);
    return std::filesystem::exists(path.toStdString()) ? path : QString();
}

// A 2-epoch run of airbench's fast preset on a small IDX folder in `dir`, with `extra` flags (a
// width, an ensemble): what the evaluate and export-weights tests of such runs start from.
struct TinyAirbenchRun
{
    CliResult train;
    QString store;
    QString data;
};

TinyAirbenchRun trainTinyAirbench(const test::TempDir &dir, const QStringList &extra)
{
    TinyAirbenchRun run;
    run.data = QString::fromStdString(test::writeLearnableIdxFolder(dir.path(), 128, 64, 28));
    run.store = QString::fromStdString(dir.file("store"));
    run.train = runCli(QStringList {QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("airbench"), QStringLiteral("--data"),
                                    run.data, QStringLiteral("--store"), run.store, QStringLiteral("--preset"), QStringLiteral("fast"),
                                    QStringLiteral("--epochs"), QStringLiteral("2"), QStringLiteral("--batch-size"), QStringLiteral("32"),
                                    QStringLiteral("--precision"), QStringLiteral("fp32"), QStringLiteral("--threads"), QStringLiteral("1")}
                       + extra);
    return run;
}

} // namespace

TEST(Cli, HelpListsEveryCommand)
{
    const auto r = runCli({QStringLiteral("--help")});
    EXPECT_EQ(r.exitCode, 0);
    for (const char *c : {"models", "summary", "datasets", "data-info", "download", "evaluate", "export-weights", "train", "resume", "runs"})
        EXPECT_TRUE(r.out.contains(QString::fromLatin1(c))) << c;
    const auto trainHelp = runCli({QStringLiteral("train"), QStringLiteral("--help")});
    EXPECT_EQ(trainHelp.exitCode, 0);
    for (const char *f : {"--arch", "--data", "--store", "--preset", "--epochs", "--batch-size", "--optimizer", "--lr", "--momentum",
                          "--weight-decay", "--schedule", "--label-smoothing", "--augment", "--preprocess", "--precision",
                          "--threads", "--device", "--seed", "--json"})
        EXPECT_TRUE(trainHelp.out.contains(QString::fromLatin1(f))) << f;
}

TEST(Cli, ModelsListsTheSixArchitectures)
{
    const auto r = runCli({QStringLiteral("models")});
    EXPECT_EQ(r.exitCode, 0);
    for (const char *a : {"baseline", "baseline-plus", "resnet18", "resnext29_32x4d", "densenet121", "airbench"})
        EXPECT_TRUE(r.out.contains(QString::fromLatin1(a))) << a;
    EXPECT_TRUE(r.out.contains(QStringLiteral("11173962"))) << r.out.toStdString();
}

TEST(Cli, BadInputExitsWithTwoAndOneLineReason)
{
    struct Case
    {
        QStringList args;
        const char *expected;
    };
    test::TempDir dir;
    const std::vector<Case> cases = {
        {{QStringLiteral("frobnicate")}, "unknown command"},
        {{QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("vgg99"), QStringLiteral("--data"), QString::fromStdString(dir.path())}, "--arch"},
        {{QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--data"), QString::fromStdString(dir.path()), QStringLiteral("--lr"), QStringLiteral("-0.1")}, "--lr"},
        {{QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--data"), QString::fromStdString(dir.path()), QStringLiteral("--batch-size"), QStringLiteral("0")}, "--batch-size"},
        {{QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--data"), QString::fromStdString(dir.path()), QStringLiteral("--epochs"), QStringLiteral("0")}, "--epochs"},
        {{QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("baseline")}, "--data"},
        {{QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--data"), QString::fromStdString(dir.path()), QStringLiteral("--ensemble"), QStringLiteral("9")}, "--ensemble"},
        {{QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--data"), QString::fromStdString(dir.path()), QStringLiteral("--ensemble"), QStringLiteral("1.5")}, "--ensemble"},
        {{QStringLiteral("evaluate"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--checkpoint"), QString::fromStdString(dir.file("missing.ckpt")), QStringLiteral("--data"), QString::fromStdString(dir.path())}, "error:"},
        {{QStringLiteral("evaluate"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--checkpoint"), QStringLiteral("x"), QStringLiteral("--data"), QStringLiteral("x"), QStringLiteral("--precision"), QStringLiteral("fp8")}, "precision"},
        {{QStringLiteral("summary"), QStringLiteral("--arch"), QStringLiteral("resnet18"), QStringLiteral("--input"), QStringLiteral("3x32")}, "--input"},
        {{QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("999"), QStringLiteral("--store"), QString::fromStdString(dir.file("store"))}, "no such run"},
    };
    for (const auto &c : cases) {
        const auto r = runCli(c.args);
        EXPECT_EQ(r.exitCode, 2) << c.args.join(QLatin1Char(' ')).toStdString() << "\n" << r.err.toStdString();
        EXPECT_TRUE(r.err.contains(QString::fromLatin1(c.expected))) << r.err.toStdString();
        EXPECT_EQ(r.err.trimmed().count(QLatin1Char('\n')), 0) << r.err.toStdString();
    }
}

TEST(Cli, BenchMeasuresEachArchitectureModeAndTheDatasetLoad)
{
    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 200, 50, 28);
    const auto r = runCli({QStringLiteral("bench"), QStringLiteral("--arch"), QStringLiteral("baseline,airbench"), QStringLiteral("--modes"),
                           QStringLiteral("fp32-nchw,bf16-cl"), QStringLiteral("--batch-size"), QStringLiteral("8"), QStringLiteral("--steps"),
                           QStringLiteral("1"), QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--data"),
                           QString::fromStdString(data), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    EXPECT_EQ(o.value(QStringLiteral("threads")).toInt(), 1);
    EXPECT_EQ(o.value(QStringLiteral("batch_size")).toInt(), 8);
    EXPECT_TRUE(QRegularExpression(QStringLiteral("^[12]\\.[0-9]+\\.[0-9]+$")).match(o.value(QStringLiteral("libtorch")).toString()).hasMatch())
        << o.value(QStringLiteral("libtorch")).toString().toStdString();
    EXPECT_GT(o.value(QStringLiteral("input_pipeline_images_per_second")).toDouble(), 0.0);
    EXPECT_EQ(o.value(QStringLiteral("load_images")).toInt(), 250);
    EXPECT_GT(o.value(QStringLiteral("load_cold_seconds")).toDouble(), 0.0);
    EXPECT_GT(o.value(QStringLiteral("load_cached_seconds")).toDouble(), 0.0);
    const QJsonArray rows = o.value(QStringLiteral("architectures")).toArray();
    ASSERT_EQ(rows.size(), 4);
    const char *expected[][2] = {{"baseline", "fp32-nchw"}, {"baseline", "bf16-cl"}, {"airbench", "fp32-nchw"}, {"airbench", "bf16-cl"}};
    for (int i = 0; i < 4; ++i) {
        const QJsonObject row = rows[i].toObject();
        EXPECT_EQ(row.value(QStringLiteral("architecture")).toString(), QString::fromLatin1(expected[i][0]));
        EXPECT_EQ(row.value(QStringLiteral("mode")).toString(), QString::fromLatin1(expected[i][1]));
        EXPECT_GT(row.value(QStringLiteral("train_images_per_second")).toDouble(), 0.0);
        EXPECT_GT(row.value(QStringLiteral("infer_images_per_second")).toDouble(), 0.0);
        EXPECT_GE(row.value(QStringLiteral("peak_train_bytes")).toDouble(), 0.0);
    }
    const auto table = runCli({QStringLiteral("bench"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--modes"),
                               QStringLiteral("fp32-cl"), QStringLiteral("--batch-size"), QStringLiteral("4"), QStringLiteral("--steps"),
                               QStringLiteral("1")});
    ASSERT_EQ(table.exitCode, 0) << table.err.toStdString();
    EXPECT_TRUE(table.out.contains(QStringLiteral("input pipeline"))) << table.out.toStdString();
    EXPECT_TRUE(table.out.contains(QStringLiteral("fp32-cl"))) << table.out.toStdString();

    // --profile: the operators of the step, the convolution among them, in the table and the JSON.
    const auto profiled = runCli({QStringLiteral("bench"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--modes"),
                                  QStringLiteral("fp32-nchw"), QStringLiteral("--batch-size"), QStringLiteral("16"), QStringLiteral("--steps"),
                                  QStringLiteral("2"), QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--profile")});
    ASSERT_EQ(profiled.exitCode, 0) << profiled.err.toStdString();
    EXPECT_TRUE(profiled.out.contains(QStringLiteral("profiled step"))) << profiled.out.toStdString();
    EXPECT_TRUE(profiled.out.contains(QStringLiteral("aten::"))) << profiled.out.toStdString();
    const auto profiledJson = runCli({QStringLiteral("bench"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--modes"),
                                      QStringLiteral("fp32-nchw"), QStringLiteral("--batch-size"), QStringLiteral("16"), QStringLiteral("--steps"),
                                      QStringLiteral("2"), QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--profile"),
                                      QStringLiteral("--json")});
    ASSERT_EQ(profiledJson.exitCode, 0) << profiledJson.err.toStdString();
    const QJsonObject profiledRow =
        QJsonDocument::fromJson(profiledJson.out.toUtf8()).object().value(QStringLiteral("architectures")).toArray().at(0).toObject();
    EXPECT_GT(profiledRow.value(QStringLiteral("profiled_step_ms")).toDouble(), 0.0);
    const QJsonArray ops = profiledRow.value(QStringLiteral("operators")).toArray();
    ASSERT_FALSE(ops.isEmpty());
    double previous = ops.at(0).toObject().value(QStringLiteral("self_ms_per_step")).toDouble();
    bool sawConvolution = false;
    for (const auto &value : ops) {
        const QJsonObject op = value.toObject();
        const double self = op.value(QStringLiteral("self_ms_per_step")).toDouble();
        EXPECT_LE(self, previous + 1e-9) << "sorted by self time";
        EXPECT_LE(self, op.value(QStringLiteral("total_ms_per_step")).toDouble() + 1e-9);
        previous = self;
        if (op.value(QStringLiteral("name")).toString() == QStringLiteral("aten::convolution")) {
            sawConvolution = true;
            // The baseline has two convolutions, each called once per step.
            EXPECT_DOUBLE_EQ(op.value(QStringLiteral("calls_per_step")).toDouble(), 2.0);
        }
    }
    EXPECT_TRUE(sawConvolution);

    // Channels-last: the baseline's pools run CifarLab's own kernel, LibTorch's with CIFARLAB_OWN_KERNELS=0.
    const QStringList channelsLast = {QStringLiteral("bench"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--modes"),
                                      QStringLiteral("fp32-cl"), QStringLiteral("--batch-size"), QStringLiteral("16"), QStringLiteral("--steps"),
                                      QStringLiteral("1"), QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--profile"),
                                      QStringLiteral("--json")};
    const auto operatorNames = [](const CliResult &result) {
        QStringList names;
        const QJsonObject row = QJsonDocument::fromJson(result.out.toUtf8()).object().value(QStringLiteral("architectures")).toArray().at(0).toObject();
        for (const auto &value : row.value(QStringLiteral("operators")).toArray())
            names << value.toObject().value(QStringLiteral("name")).toString();
        return names;
    };
    const auto own = runCli(channelsLast);
    ASSERT_EQ(own.exitCode, 0) << own.err.toStdString();
    EXPECT_FALSE(operatorNames(own).contains(QStringLiteral("aten::max_pool2d_with_indices"))) << own.out.toStdString();
    test::CliRunOptions libtorchKernels;
    libtorchKernels.environment << QStringLiteral("CIFARLAB_OWN_KERNELS=0");
    const auto theirs = runCli(channelsLast, libtorchKernels);
    ASSERT_EQ(theirs.exitCode, 0) << theirs.err.toStdString();
    EXPECT_TRUE(operatorNames(theirs).contains(QStringLiteral("aten::max_pool2d_with_indices"))) << theirs.out.toStdString();

    const auto badArch = runCli({QStringLiteral("bench"), QStringLiteral("--arch"), QStringLiteral("vgg99")});
    EXPECT_EQ(badArch.exitCode, 2);
    EXPECT_TRUE(badArch.err.contains(QStringLiteral("--arch"))) << badArch.err.toStdString();
    const auto badMode = runCli({QStringLiteral("bench"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--modes"),
                                 QStringLiteral("fp16")});
    EXPECT_EQ(badMode.exitCode, 2);
    EXPECT_TRUE(badMode.err.contains(QStringLiteral("--modes"))) << badMode.err.toStdString();
}

TEST(Cli, TrainsRecordsAndListsARun)
{
    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 600, 200, 28);
    const QString store = QString::fromStdString(dir.file("store"));
    const auto r = runCli({QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--data"),
                           QString::fromStdString(data), QStringLiteral("--store"), store, QStringLiteral("--preset"), QStringLiteral("quick"),
                           QStringLiteral("--epochs"), QStringLiteral("3"), QStringLiteral("--batch-size"), QStringLiteral("32"),
                           QStringLiteral("--lr"), QStringLiteral("0.05"), QStringLiteral("--precision"), QStringLiteral("fp32"),
                           QStringLiteral("--name"), QStringLiteral("first")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const double acc = reportedAccuracy(r.out);
    EXPECT_GT(acc, 80.0) << r.out.toStdString();

    ExperimentStore s(store.toStdString());
    const auto runs = s.listRuns();
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].name, "first");
    EXPECT_EQ(runs[0].status, RunStatus::Completed);
    EXPECT_EQ(runs[0].epochsDone, 3);
    EXPECT_NEAR(100.0 * runs[0].finalTestAccuracy, acc, 0.006);
    EXPECT_EQ(s.epochMetrics(runs[0].id, true).size(), 3u);
    EXPECT_EQ(s.batchMetrics(runs[0].id).size(), 3u * 19u); // ceil(600 / 32) per epoch

    const auto list = runCli({QStringLiteral("runs"), QStringLiteral("--store"), store});
    EXPECT_EQ(list.exitCode, 0);
    EXPECT_TRUE(list.out.contains(QStringLiteral("first")));

    // `runs show` ends with the final epoch's most confused pairs, as the store has them.
    const auto show = runCli({QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("first"), QStringLiteral("--store"), store});
    ASSERT_EQ(show.exitCode, 0) << show.err.toStdString();
    EXPECT_TRUE(show.out.contains(QStringLiteral("epoch   3  train loss"))) << show.out.toStdString();
    const auto stored = s.epochMetrics(runs[0].id, true);
    const auto pairs = mostConfusedPairs(stored.back().testConfusion, static_cast<int>(runs[0].classNames.size()), 5);
    EXPECT_EQ(show.out.contains(QStringLiteral("most confused at epoch 3")), !pairs.empty()) << show.out.toStdString();
    if (!pairs.empty()) {
        const QString first = QStringLiteral("%1 -> %2").arg(QString::fromStdString(runs[0].classNames[pairs[0].trueClass]).leftJustified(14),
                                                             QString::fromStdString(runs[0].classNames[pairs[0].predictedClass]));
        EXPECT_TRUE(show.out.contains(first)) << first.toStdString() << "\n" << show.out.toStdString();
    }
    // A name longer than the name column widens it: the other columns stay under their headings.
    const QString longName = QStringLiteral("baseline-with-a-name-longer-than-the-column");
    ASSERT_EQ(runCli({QStringLiteral("runs"), QStringLiteral("rename"), QStringLiteral("first"), longName, QStringLiteral("--store"), store}).exitCode, 0);
    const auto wide = runCli({QStringLiteral("runs"), QStringLiteral("--store"), store}).out.split(QLatin1Char('\n'));
    ASSERT_GE(wide.size(), 2) << list.out.toStdString();
    EXPECT_TRUE(wide[1].contains(longName)) << wide[1].toStdString();
    const std::vector<std::pair<QString, QString>> columns = {
        {QStringLiteral("architecture"), QStringLiteral("baseline ")}, {QStringLiteral("status"), QStringLiteral("completed")},
        {QStringLiteral("created"), QStringLiteral("20")}};
    for (const auto &[heading, value] : columns) {
        const auto at = wide[0].indexOf(heading);
        ASSERT_GT(at, 0) << heading.toStdString();
        EXPECT_TRUE(wide[1].mid(at).startsWith(value)) << heading.toStdString() << "\n" << wide[0].toStdString() << "\n" << wide[1].toStdString();
    }
    const auto rename = runCli({QStringLiteral("runs"), QStringLiteral("rename"), longName, QStringLiteral("lenet"), QStringLiteral("--store"), store});
    EXPECT_EQ(rename.exitCode, 0) << rename.err.toStdString();
    const auto del = runCli({QStringLiteral("runs"), QStringLiteral("delete"), QStringLiteral("lenet"), QStringLiteral("--store"), store});
    EXPECT_EQ(del.exitCode, 0) << del.err.toStdString();
    EXPECT_TRUE(ExperimentStore(store.toStdString()).listRuns().empty());
}

TEST(Cli, ConfigFileSitsBetweenItsPresetAndTheFlags)
{
    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 64, 32, 28);
    const std::string config = dir.file("recipe.json");
    {
        QFile f(QString::fromStdString(config));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(R"({"preset": "seed", "architecture": "baseline", "epochs": 1, "batchSize": 16, "learningRate": 0.02,
                    "dataPath": ")" + QByteArray::fromStdString(data) + R"("})");
    }
    const QString store = QString::fromStdString(dir.file("store"));
    const auto r = runCli({QStringLiteral("train"), QStringLiteral("--config"), QString::fromStdString(config), QStringLiteral("--store"),
                           store, QStringLiteral("--lr"), QStringLiteral("0.03"), QStringLiteral("--threads"), QStringLiteral("1")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const auto runs = ExperimentStore(store.toStdString()).listRuns();
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].architecture, "baseline");
    const TrainingConfig used = configFromJson(runs[0].configJson);
    TrainingConfig seed;
    applyPreset(seed, "seed");
    EXPECT_EQ(used.preset, "seed");
    EXPECT_EQ(used.preprocess, seed.preprocess); // from the file's preset
    EXPECT_EQ(used.momentum, seed.momentum);
    EXPECT_EQ(used.batchSize, 16); // from the file
    EXPECT_EQ(used.epochs, 1.0);
    EXPECT_EQ(used.dataPath, data);
    EXPECT_DOUBLE_EQ(used.learningRate, 0.03); // the flag wins over the file
    EXPECT_EQ(used.threads, 1);
}

// A run whose budget the first epoch uses up ends there, says so, and the store keeps the length it
// trained, so that `resume` and the comparisons see the run as it was.
TEST(Cli, TimeBudgetEndsTheRunEarlyAndTheStoreKeepsItsLength)
{
    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 64, 32, 28);
    const QString store = QString::fromStdString(dir.file("store"));
    const auto r = runCli({QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--data"),
                           QString::fromStdString(data), QStringLiteral("--store"), store, QStringLiteral("--epochs"), QStringLiteral("4"),
                           QStringLiteral("--batch-size"), QStringLiteral("16"), QStringLiteral("--time-budget"), QStringLiteral("0.000001"),
                           QStringLiteral("--threads"), QStringLiteral("1")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("time budget 1e-06 min"))) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("stops after 1 of 4 epochs"))) << r.err.toStdString();
    const auto runs = ExperimentStore(store.toStdString()).listRuns();
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].status, RunStatus::Completed);
    EXPECT_EQ(runs[0].epochsDone, 1);
    const TrainingConfig used = configFromJson(runs[0].configJson);
    EXPECT_DOUBLE_EQ(used.epochs, 1.0);
    EXPECT_DOUBLE_EQ(used.timeBudgetMinutes, 1e-6);

    // The budget's message outlives the console: the run's log keeps it in order with the rest.
    const auto log = runCli({QStringLiteral("runs"), QStringLiteral("log"), QString::number(runs[0].id), QStringLiteral("--store"), store});
    ASSERT_EQ(log.exitCode, 0) << log.err.toStdString();
    qsizetype at = -1;
    for (const char *expected : {"loading ", "training started", "time budget 1e-06 min", "completed 1 epoch\n", "final test accuracy "}) {
        const qsizetype next = log.out.indexOf(QLatin1String(expected));
        EXPECT_GT(next, at) << expected << " missing or out of order in:\n" << log.out.toStdString();
        at = std::max(at, next);
    }
    // The epoch's summary, as the console printed it, between the start and the end.
    const qsizetype epochLine = log.out.indexOf(QStringLiteral("epoch 1/"));
    EXPECT_GT(epochLine, log.out.indexOf(QStringLiteral("training started"))) << log.out.toStdString();
    EXPECT_LT(epochLine, log.out.indexOf(QStringLiteral("completed 1 epoch\n"))) << log.out.toStdString();
    EXPECT_TRUE(log.out.contains(QRegularExpression(QStringLiteral(
        R"(epoch 1/\d+: train loss \d+\.\d{4} acc \d+\.\d\d% \| test loss \d+\.\d{4} acc \d+\.\d\d% \| \d+\.\d s, \d+ img/s\n)"))))
        << log.out.toStdString();
    EXPECT_TRUE(log.out.startsWith(QStringLiteral("20"))) << log.out.toStdString(); // each line starts with its time
    const auto show = runCli({QStringLiteral("runs"), QStringLiteral("show"), QString::number(runs[0].id), QStringLiteral("--store"), store});
    EXPECT_TRUE(show.out.contains(QStringLiteral("stops after 1 of 4 epochs"))) << show.out.toStdString();
    const auto json = runCli({QStringLiteral("runs"), QStringLiteral("log"), QString::number(runs[0].id), QStringLiteral("--store"), store,
                              QStringLiteral("--json")});
    ASSERT_EQ(json.exitCode, 0) << json.err.toStdString();
    const QStringList lines = json.out.trimmed().split(QLatin1Char('\n'));
    ASSERT_EQ(lines.size(), log.out.trimmed().split(QLatin1Char('\n')).size());
    for (int i = 0; i < lines.size(); ++i) {
        const QJsonObject o = QJsonDocument::fromJson(lines[i].toUtf8()).object();
        EXPECT_EQ(o.value(QStringLiteral("seq")).toInt(-1), i) << lines[i].toStdString();
        EXPECT_FALSE(o.value(QStringLiteral("at")).toString().isEmpty());
        EXPECT_FALSE(o.value(QStringLiteral("message")).toString().isEmpty());
    }

    const auto negative = runCli({QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--data"),
                                  QString::fromStdString(data), QStringLiteral("--store"), store, QStringLiteral("--time-budget"),
                                  QStringLiteral("-5")});
    EXPECT_EQ(negative.exitCode, 2);
    EXPECT_TRUE(negative.err.contains(QStringLiteral("--time-budget"))) << negative.err.toStdString();
}

// Every stored setting can be given as a flag, and the flag a validation error names exists.
TEST(Cli, EveryStoredSettingHasATrainFlag)
{
    const auto help = runCli({QStringLiteral("train"), QStringLiteral("--help")});
    ASSERT_EQ(help.exitCode, 0) << help.err.toStdString();
    std::set<std::string> keysWithFlags;
    static const QRegularExpression flagPattern(QStringLiteral("^\\s+(?:-\\w, )?(--[a-z0-9-]+)"));
    for (const QString &line : help.out.split(QLatin1Char('\n'))) {
        const auto m = flagPattern.match(line);
        if (m.hasMatch())
            keysWithFlags.insert(configKeyOfFlag(m.captured(1).toStdString()));
    }
    const QJsonObject stored = QJsonDocument::fromJson(QByteArray::fromStdString(configToJson(TrainingConfig {}))).object();
    for (const QString &key : stored.keys())
        EXPECT_TRUE(keysWithFlags.count(key.toStdString())) << "no train flag sets '" << key.toStdString() << "'";

    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 64, 32, 28);
    const QString store = QString::fromStdString(dir.file("store"));
    const auto r = runCli({QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--data"),
                           QString::fromStdString(data), QStringLiteral("--store"), store, QStringLiteral("--epochs"), QStringLiteral("2"),
                           QStringLiteral("--schedule"), QStringLiteral("step"), QStringLiteral("--step-gamma"), QStringLiteral("0.5"),
                           QStringLiteral("--milestones"), QStringLiteral("0.25, 0.6"), QStringLiteral("--eval-batch-size"),
                           QStringLiteral("7"), QStringLiteral("--keep-every-checkpoint"), QStringLiteral("on"), QStringLiteral("--threads"),
                           QStringLiteral("1")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const auto runs = ExperimentStore(store.toStdString()).listRuns();
    ASSERT_EQ(runs.size(), 1u);
    const TrainingConfig used = configFromJson(runs[0].configJson);
    EXPECT_EQ(used.schedule, "step");
    EXPECT_DOUBLE_EQ(used.stepGamma, 0.5);
    EXPECT_EQ(used.stepMilestones, (std::vector<double>{0.25, 0.6}));
    EXPECT_EQ(used.evalBatchSize, 7);
    EXPECT_TRUE(used.keepEveryCheckpoint);
    // Both epochs' checkpoints survive, beside the latest and the best.
    int epochCheckpoints = 0;
    for (const auto &entry : std::filesystem::directory_iterator(ExperimentStore(store.toStdString()).runFolder(runs[0].id)))
        epochCheckpoints += entry.path().filename().string().rfind("checkpoint-epoch", 0) == 0;
    EXPECT_EQ(epochCheckpoints, 2);

    const auto unordered = runCli({QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--data"),
                                   QString::fromStdString(data), QStringLiteral("--store"), store, QStringLiteral("--milestones"),
                                   QStringLiteral("0.6,0.25")});
    EXPECT_EQ(unordered.exitCode, 2);
    EXPECT_EQ(unordered.err.trimmed().toStdString(), "error: --milestones: must be strictly ascending, got 0.6 before 0.25");
    const auto notANumber = runCli({QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--data"),
                                    QString::fromStdString(data), QStringLiteral("--store"), store, QStringLiteral("--milestones"),
                                    QStringLiteral("half")});
    EXPECT_EQ(notANumber.exitCode, 2);
    EXPECT_EQ(notANumber.err.trimmed().toStdString(), "error: --milestones: expected fractions of training such as 0.5,0.75, got 'half'");
}

// The preset is resolved for each architecture of the command: `best` widens and pairs airbench only.
TEST(Cli, PresetWidthsFollowEachArchitecture)
{
    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 64, 32, 28);
    const QString store = QString::fromStdString(dir.file("store"));
    const auto r = runCli({QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("airbench,baseline"), QStringLiteral("--data"),
                           QString::fromStdString(data), QStringLiteral("--store"), store, QStringLiteral("--preset"), QStringLiteral("best"),
                           QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--threads"), QStringLiteral("1")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    TrainingConfig best;
    best.architecture = "airbench";
    applyPreset(best, "best");
    ASSERT_GT(best.widthScale, 1.0);
    const auto runs = ExperimentStore(store.toStdString()).listRuns();
    ASSERT_EQ(runs.size(), 2u);
    for (const auto &run : runs) {
        const TrainingConfig used = configFromJson(run.configJson);
        EXPECT_EQ(used.preset, "best");
        EXPECT_DOUBLE_EQ(used.widthScale, run.architecture == "airbench" ? best.widthScale : 1.0) << run.architecture;
        EXPECT_EQ(used.ensembleMembers, run.architecture == "airbench" ? best.ensembleMembers : 1) << run.architecture;
        EXPECT_DOUBLE_EQ(used.learningRate, best.learningRate);
    }
}

// `best` fits airbench's width to its budget before training: with a budget no width fits, the run
// trains the narrowest candidate, and the store records that width and that network's size.
TEST(Cli, FitWidthTrainsANarrowerAirbenchAndTheStoreKeepsIt)
{
    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 64, 32, 28);
    const QString store = QString::fromStdString(dir.file("store"));
    const QStringList common = {QStringLiteral("--data"), QString::fromStdString(data), QStringLiteral("--store"), store,
                                QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--threads"), QStringLiteral("1")};
    const auto r = runCli(QStringList {QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("airbench"), QStringLiteral("--preset"),
                                       QStringLiteral("best"), QStringLiteral("--time-budget"), QStringLiteral("0.000001")}
                          + common);
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("at width 2 would take about"))) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("none fits, so airbench trains at width 1 "))) << r.err.toStdString();
    const auto direct = runCli(QStringList {QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("airbench"), QStringLiteral("--preset"),
                                            QStringLiteral("best"), QStringLiteral("--width-scale"), QStringLiteral("1"), QStringLiteral("--fit-width"),
                                            QStringLiteral("off")}
                               + common);
    ASSERT_EQ(direct.exitCode, 0) << direct.err.toStdString();
    const auto runs = ExperimentStore(store.toStdString()).listRuns(); // newest first
    ASSERT_EQ(runs.size(), 2u);
    const TrainingConfig fitted = configFromJson(runs[1].configJson);
    EXPECT_DOUBLE_EQ(fitted.widthScale, 1.0);
    EXPECT_TRUE(fitted.fitWidthToBudget);
    EXPECT_DOUBLE_EQ(configFromJson(runs[0].configJson).widthScale, 1.0);
    EXPECT_EQ(runs[1].parameters, runs[0].parameters);
    EXPECT_GT(runs[1].parameters, 0);

    const auto noBudget = runCli(QStringList {QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("airbench"),
                                              QStringLiteral("--fit-width"), QStringLiteral("on")}
                                 + common);
    EXPECT_EQ(noBudget.exitCode, 2);
    EXPECT_TRUE(noBudget.err.contains(QStringLiteral("--fit-width: needs a time budget"))) << noBudget.err.toStdString();
    const auto fixedWidth = runCli(QStringList {QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("baseline"),
                                                QStringLiteral("--fit-width"), QStringLiteral("on"), QStringLiteral("--time-budget"),
                                                QStringLiteral("5")}
                                   + common);
    EXPECT_EQ(fixedWidth.exitCode, 2);
    EXPECT_TRUE(fixedWidth.err.contains(QStringLiteral("--fit-width: only airbench"))) << fixedWidth.err.toStdString();
    // `--preset best --time-budget 0` simply has nothing to fit.
    const auto unlimited = runCli(QStringList {QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("airbench"),
                                               QStringLiteral("--preset"), QStringLiteral("best"), QStringLiteral("--time-budget"),
                                               QStringLiteral("0"), QStringLiteral("--width-scale"), QStringLiteral("1")}
                                  + common);
    ASSERT_EQ(unlimited.exitCode, 0) << unlimited.err.toStdString();
    EXPECT_FALSE(unlimited.err.contains(QStringLiteral("time budget"))) << unlimited.err.toStdString();
    EXPECT_EQ(ExperimentStore(store.toStdString()).listRuns().size(), 3u);
}

TEST(Cli, BadValueIsNamedWhereItWasWritten)
{
    test::TempDir dir;
    const std::string config = dir.file("recipe.json");
    {
        QFile f(QString::fromStdString(config));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(R"({"architecture": "baseline", "dataPath": "x", "momentum": 1.5, "epochs": 2})");
    }
    const QString store = QString::fromStdString(dir.file("store"));
    // From the file: its key, then the flag that would override it.
    const auto fromFile = runCli({QStringLiteral("train"), QStringLiteral("--config"), QString::fromStdString(config),
                                  QStringLiteral("--store"), store});
    EXPECT_EQ(fromFile.exitCode, 2);
    EXPECT_EQ(fromFile.err.trimmed().toStdString(), "error: " + config + ": momentum (--momentum): must be in [0, 1), got 1.5");
    // From a flag over the same file: the flag.
    const auto fromFlag = runCli({QStringLiteral("train"), QStringLiteral("--config"), QString::fromStdString(config),
                                  QStringLiteral("--store"), store, QStringLiteral("--momentum"), QStringLiteral("0.9"),
                                  QStringLiteral("--epochs"), QStringLiteral("-1")});
    EXPECT_EQ(fromFlag.exitCode, 2);
    EXPECT_TRUE(fromFlag.err.startsWith(QStringLiteral("error: --epochs: must be in (0, "))) << fromFlag.err.toStdString();
    EXPECT_TRUE(configKeyOfFlag("--nonsense").empty());
    EXPECT_EQ(configKeyOfFlag("--lr"), "learningRate");
}

TEST(Cli, JsonModeEmitsOneObjectPerEvent)
{
    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 200, 100, 28);
    const auto r = runCli({QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--data"),
                           QString::fromStdString(data), QStringLiteral("--store"), QString::fromStdString(dir.file("store")),
                           QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--batch-size"), QStringLiteral("50"),
                           QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    int batches = 0, epochs = 0, results = 0;
    for (const QString &line : r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        QJsonParseError error;
        const auto doc = QJsonDocument::fromJson(line.toUtf8(), &error);
        ASSERT_EQ(error.error, QJsonParseError::NoError) << line.toStdString();
        const QString event = doc.object().value(QStringLiteral("event")).toString();
        batches += event == QLatin1String("batch");
        epochs += event == QLatin1String("epoch");
        if (event == QLatin1String("result")) {
            ++results;
            EXPECT_EQ(doc.object().value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
            EXPECT_TRUE(doc.object().contains(QStringLiteral("test_accuracy")));
        }
    }
    EXPECT_EQ(batches, 4);
    EXPECT_EQ(epochs, 1);
    EXPECT_EQ(results, 1);
}

TEST(Cli, StoreSurvivesAKilledWriterAndTheRunResumes)
{
    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 2000, 200, 28);
    const QString store = QString::fromStdString(dir.file("store"));
    QProcess p;
    p.start(QStringLiteral(CIFARLAB_CLI_PATH),
            {QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("baseline-plus"), QStringLiteral("--data"),
             QString::fromStdString(data), QStringLiteral("--store"), store, QStringLiteral("--epochs"), QStringLiteral("40"),
             QStringLiteral("--batch-size"), QStringLiteral("16"), QStringLiteral("--precision"), QStringLiteral("fp32"),
             QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--json")});
    ASSERT_TRUE(p.waitForStarted());
    QByteArray seen;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (!seen.contains("\"event\":\"epoch\"") && std::chrono::steady_clock::now() < deadline && p.state() == QProcess::Running) {
        p.waitForReadyRead(200);
        seen += p.readAllStandardOutput();
    }
    ASSERT_TRUE(seen.contains("\"event\":\"epoch\"")) << "no epoch finished before the deadline";
    // Mid-epoch 2, with batch metrics being written.
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    p.kill(); // SIGKILL
    p.waitForFinished();

    {
        ExperimentStore s(store.toStdString());
        EXPECT_EQ(s.integrityCheck(), "ok");
        const auto runs = s.listRuns();
        ASSERT_EQ(runs.size(), 1u);
        EXPECT_GE(s.epochMetrics(runs[0].id, false).size(), 1u);
    }
    const auto r = runCli({QStringLiteral("resume"), QStringLiteral("1"), QStringLiteral("--store"), store, QStringLiteral("--epochs"),
                           QStringLiteral("3")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_GE(reportedAccuracy(r.out), 0.0) << r.out.toStdString();
    ExperimentStore s(store.toStdString());
    EXPECT_EQ(s.integrityCheck(), "ok");
    const auto run = s.run(1);
    EXPECT_EQ(run.status, RunStatus::Completed);
    EXPECT_EQ(run.epochsDone, 3);
    EXPECT_EQ(s.epochMetrics(1, false).size(), 3u);
}

TEST(Cli, EvaluatesTheSeedCheckpointOnRealCifar10)
{
    const QString checkpoint = sharedFile("checkpoints/seed-baseline-lenet-epoch20.ckpt");
    const QString data = sharedFile("datasets/cifar10-jpeg.zip");
    if (checkpoint.isEmpty() || data.isEmpty())
        GTEST_SKIP() << "../shared/ with the seed checkpoint and the CIFAR-10 zip is absent (a user's clone has none)";
    const auto r = runCli({QStringLiteral("evaluate"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--checkpoint"),
                           checkpoint, QStringLiteral("--data"), data, QStringLiteral("--preprocess"), QStringLiteral("per-image-standardize")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const double acc = reportedAccuracy(r.out);
    // The study reported 64.81% on the original test set; JPEG re-encoding costs about 1.3 points.
    EXPECT_GT(acc, 62.0);
    EXPECT_LT(acc, 66.0);
    EXPECT_TRUE(r.out.contains(QStringLiteral("confusion matrix")));
    // A 64% LeNet confuses cats and dogs more than anything else, as the study's matrices showed.
    static const QRegularExpression firstPair(QStringLiteral("most confused \\(true -> predicted\\):\\n\\s+(\\w+)\\s+->\\s+(\\w+)"));
    const auto pair = firstPair.match(r.out);
    ASSERT_TRUE(pair.hasMatch()) << r.out.toStdString();
    EXPECT_EQ(QSet<QString>({pair.captured(1), pair.captured(2)}), QSet<QString>({QStringLiteral("cat"), QStringLiteral("dog")}))
        << r.out.toStdString();

    test::TempDir dir;
    const QString out = QString::fromStdString(dir.file("baseline.pt"));
    const auto e = runCli({QStringLiteral("export-weights"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--checkpoint"),
                           checkpoint, QStringLiteral("--out"), out});
    ASSERT_EQ(e.exitCode, 0) << e.err.toStdString();
    // The exported file evaluates to exactly the same accuracy.
    const auto again = runCli({QStringLiteral("evaluate"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--checkpoint"),
                               out, QStringLiteral("--data"), data, QStringLiteral("--preprocess"), QStringLiteral("per-image-standardize")});
    ASSERT_EQ(again.exitCode, 0) << again.err.toStdString();
    EXPECT_DOUBLE_EQ(reportedAccuracy(again.out), acc);
}

TEST(Cli, EvaluatesAndExportsAWidenedRunAtItsWidth)
{
    // A widened run (the `best` preset widens airbench): evaluate and export-weights must build it at that
    // width without being told, and evaluate --run must reproduce the run's final number with its TTA.
    test::TempDir dir;
    const TinyAirbenchRun tiny = trainTinyAirbench(dir, {QStringLiteral("--width-scale"), QStringLiteral("1.5")});
    ASSERT_EQ(tiny.train.exitCode, 0) << tiny.train.err.toStdString();
    const QString &store = tiny.store;
    const QString &dataArg = tiny.data;
    const auto runs = ExperimentStore(store.toStdString()).listRuns();
    ASSERT_EQ(runs.size(), 1u);
    ASSERT_EQ(configFromJson(runs[0].configJson).tta, "mirror-translate");
    const double final = 100.0 * runs[0].finalTestAccuracy;

    const auto e = runCli({QStringLiteral("evaluate"), QStringLiteral("--run"), QString::number(runs[0].id), QStringLiteral("--store"), store,
                           QStringLiteral("--threads"), QStringLiteral("1")});
    ASSERT_EQ(e.exitCode, 0) << e.err.toStdString();
    EXPECT_TRUE(e.out.contains(QStringLiteral("airbench at 1.5x width"))) << e.out.toStdString();
    EXPECT_TRUE(e.out.contains(QStringLiteral("test-time augmentation: mirror-translate"))) << e.out.toStdString();
    EXPECT_NEAR(reportedAccuracy(e.out), final, 0.006) << e.out.toStdString();

    const QString checkpoint = QString::fromStdString(ExperimentStore(store.toStdString()).runFolder(runs[0].id) + "/checkpoint-latest.pt");
    const QString exported = QString::fromStdString(dir.file("wide.pt"));
    const auto x = runCli({QStringLiteral("export-weights"), QStringLiteral("--arch"), QStringLiteral("airbench"), QStringLiteral("--checkpoint"),
                           checkpoint, QStringLiteral("--out"), exported, QStringLiteral("--input"), QStringLiteral("1x28x28")});
    ASSERT_EQ(x.exitCode, 0) << x.err.toStdString();
    EXPECT_TRUE(x.out.contains(QStringLiteral("airbench at 1.5x width"))) << x.out.toStdString();

    // The exported state_dict has no config: its filter counts give the width.
    const auto again = runCli({QStringLiteral("evaluate"), QStringLiteral("--arch"), QStringLiteral("airbench"), QStringLiteral("--checkpoint"),
                               exported, QStringLiteral("--data"), dataArg, QStringLiteral("--tta"), QStringLiteral("mirror-translate"),
                               QStringLiteral("--threads"), QStringLiteral("1")});
    ASSERT_EQ(again.exitCode, 0) << again.err.toStdString();
    EXPECT_TRUE(again.out.contains(QStringLiteral("airbench at 1.5x width"))) << again.out.toStdString();
    EXPECT_NEAR(reportedAccuracy(again.out), final, 0.006);

    // Without TTA the number is the plain forward pass; a width the weights do not have is refused.
    const auto plain = runCli({QStringLiteral("evaluate"), QStringLiteral("--arch"), QStringLiteral("airbench"), QStringLiteral("--checkpoint"),
                               exported, QStringLiteral("--data"), dataArg, QStringLiteral("--threads"), QStringLiteral("1")});
    ASSERT_EQ(plain.exitCode, 0) << plain.err.toStdString();
    EXPECT_TRUE(plain.out.contains(QStringLiteral("test-time augmentation: none")));
    const auto wrong = runCli({QStringLiteral("evaluate"), QStringLiteral("--arch"), QStringLiteral("airbench"), QStringLiteral("--checkpoint"),
                               exported, QStringLiteral("--data"), dataArg, QStringLiteral("--width-scale"), QStringLiteral("1")});
    EXPECT_NE(wrong.exitCode, 0);
    EXPECT_TRUE(wrong.err.contains(QStringLiteral("[96, "))) << wrong.err.toStdString();
    const auto badTta = runCli({QStringLiteral("evaluate"), QStringLiteral("--arch"), QStringLiteral("airbench"), QStringLiteral("--checkpoint"),
                                exported, QStringLiteral("--data"), dataArg, QStringLiteral("--tta"), QStringLiteral("sideways")});
    EXPECT_EQ(badTta.exitCode, 2);
    EXPECT_TRUE(badTta.err.contains(QStringLiteral("--tta"))) << badTta.err.toStdString();
}

TEST(Cli, EvaluatesAndExportsAnEnsembleRunAsAnEnsemble)
{
    // An ensemble run: evaluate --run reproduces its number from the run's checkpoint, export-weights
    // writes every member, and the exported state_dict evaluates as the same ensemble.
    test::TempDir dir;
    const TinyAirbenchRun tiny = trainTinyAirbench(dir, {QStringLiteral("--ensemble"), QStringLiteral("2")});
    ASSERT_EQ(tiny.train.exitCode, 0) << tiny.train.err.toStdString();
    const QString &store = tiny.store;
    const QString &dataArg = tiny.data;
    const auto runs = ExperimentStore(store.toStdString()).listRuns();
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(configFromJson(runs[0].configJson).ensembleMembers, 2);
    const double final = 100.0 * runs[0].finalTestAccuracy;

    const auto e = runCli({QStringLiteral("evaluate"), QStringLiteral("--run"), QString::number(runs[0].id), QStringLiteral("--store"), store,
                           QStringLiteral("--threads"), QStringLiteral("1")});
    ASSERT_EQ(e.exitCode, 0) << e.err.toStdString();
    EXPECT_TRUE(e.out.contains(QStringLiteral("architecture: airbench, ensemble of 2"))) << e.out.toStdString();
    EXPECT_NEAR(reportedAccuracy(e.out), final, 0.006) << e.out.toStdString();

    const QString checkpoint = QString::fromStdString(ExperimentStore(store.toStdString()).runFolder(runs[0].id) + "/checkpoint-latest.pt");
    const QString exported = QString::fromStdString(dir.file("pair.pt"));
    const auto x = runCli({QStringLiteral("export-weights"), QStringLiteral("--arch"), QStringLiteral("airbench"), QStringLiteral("--checkpoint"),
                           checkpoint, QStringLiteral("--out"), exported, QStringLiteral("--input"), QStringLiteral("1x28x28")});
    ASSERT_EQ(x.exitCode, 0) << x.err.toStdString();
    EXPECT_TRUE(x.out.contains(QStringLiteral("airbench, ensemble of 2"))) << x.out.toStdString();
    const auto again = runCli({QStringLiteral("evaluate"), QStringLiteral("--arch"), QStringLiteral("airbench"), QStringLiteral("--checkpoint"),
                               exported, QStringLiteral("--data"), dataArg, QStringLiteral("--tta"), QStringLiteral("mirror-translate"),
                               QStringLiteral("--threads"), QStringLiteral("1")});
    ASSERT_EQ(again.exitCode, 0) << again.err.toStdString();
    EXPECT_TRUE(again.out.contains(QStringLiteral("ensemble of 2"))) << again.out.toStdString();
    EXPECT_NEAR(reportedAccuracy(again.out), final, 0.006);
}

namespace {

// Width and height from a PNG's IHDR chunk; {0, 0} when the file is not a PNG.
std::pair<uint32_t, uint32_t> pngSize(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {0, 0};
    const QByteArray head = file.read(24);
    if (head.size() < 24 || !head.startsWith("\x89PNG\r\n\x1a\n") || head.mid(12, 4) != "IHDR")
        return {0, 0};
    auto be = [&head](int at) {
        return (uint32_t(uint8_t(head[at])) << 24) | (uint32_t(uint8_t(head[at + 1])) << 16) | (uint32_t(uint8_t(head[at + 2])) << 8)
            | uint32_t(uint8_t(head[at + 3]));
    };
    return {be(16), be(20)};
}

} // namespace

// A Baseline+ run of `epochs` on 256 + 64 generated 28x28 images, in a store under `dir` (returned).
QString trainSmallRun(const test::TempDir &dir, int epochs)
{
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 256, 64, 28);
    const QString store = QString::fromStdString(dir.file("store"));
    const auto r = runCli({QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("baseline-plus"), QStringLiteral("--data"),
                           QString::fromStdString(data), QStringLiteral("--store"), store, QStringLiteral("--preset"), QStringLiteral("quick"),
                           QStringLiteral("--epochs"), QString::number(epochs), QStringLiteral("--batch-size"), QStringLiteral("32"),
                           QStringLiteral("--threads"), QStringLiteral("1")});
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    return store;
}

TEST(Cli, GradCamWritesEachImageBesideItsMap)
{
    test::TempDir dir;
    const QString store = trainSmallRun(dir, 2);
    const QString out = QString::fromStdString(dir.file("maps"));
    const auto g = runCli({QStringLiteral("grad-cam"), QStringLiteral("--run"), QStringLiteral("1"), QStringLiteral("--store"), store,
                           QStringLiteral("--images"), QStringLiteral("0,3"), QStringLiteral("--out"), out});
    ASSERT_EQ(g.exitCode, 0) << g.err.toStdString();
    const QStringList lines = g.out.trimmed().split(QLatin1Char('\n'));
    ASSERT_EQ(lines.size(), 2) << g.out.toStdString();
    int files = 0;
    for (const auto &entry : std::filesystem::directory_iterator(out.toStdString())) {
        ++files;
        const QString name = QString::fromStdString(entry.path().filename().string());
        EXPECT_TRUE(name.startsWith(QStringLiteral("gradcam-0-")) || name.startsWith(QStringLiteral("gradcam-3-"))) << name.toStdString();
        EXPECT_TRUE(g.out.contains(name)) << name.toStdString();
        // The image enlarged 8 times, a gap of 8, and the map over it.
        const auto size = pngSize(QString::fromStdString(entry.path().string()));
        EXPECT_EQ(size.first, 28u * 8u * 2u + 8u) << name.toStdString();
        EXPECT_EQ(size.second, 28u * 8u) << name.toStdString();
    }
    EXPECT_EQ(files, 2);
    EXPECT_TRUE(lines[0].contains(QStringLiteral("from pool3 (3x3)"))) << lines[0].toStdString();

    // Another class to explain, named like the dataset's, goes into the file name.
    const auto named = runCli({QStringLiteral("grad-cam"), QStringLiteral("--run"), QStringLiteral("1"), QStringLiteral("--store"), store,
                               QStringLiteral("--images"), QStringLiteral("1"), QStringLiteral("--class"), QStringLiteral("7"),
                               QStringLiteral("--out"), out, QStringLiteral("--scale"), QStringLiteral("2")});
    ASSERT_EQ(named.exitCode, 0) << named.err.toStdString();
    EXPECT_TRUE(named.out.contains(QStringLiteral("evidence for 7"))) << named.out.toStdString();

    for (const auto &[args, message] : std::vector<std::pair<QStringList, QString>> {
             {{QStringLiteral("--images"), QStringLiteral("64")}, QStringLiteral("not one of the 64 test images")},
             {{QStringLiteral("--images"), QStringLiteral("x")}, QStringLiteral("--images")},
             {{QStringLiteral("--images"), QStringLiteral("1"), QStringLiteral("--class"), QStringLiteral("unicorn")}, QStringLiteral("--class")},
             {{}, QStringLiteral("--images is required")}}) {
        QStringList all = {QStringLiteral("grad-cam"), QStringLiteral("--run"), QStringLiteral("1"), QStringLiteral("--store"), store,
                           QStringLiteral("--out"), out};
        all << args;
        const auto bad = runCli(all);
        EXPECT_EQ(bad.exitCode, 2) << message.toStdString();
        EXPECT_TRUE(bad.err.contains(message)) << bad.err.toStdString();
    }
}

// A gray PGM of `width` x `height` with a gradient, readable by OpenCV.
void writePgm(const std::string &path, int width, int height)
{
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    QFile f(QString::fromStdString(path));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    QByteArray bytes = QByteArray("P5\n") + QByteArray::number(width) + ' ' + QByteArray::number(height) + "\n255\n";
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            bytes.append(static_cast<char>((x * 7 + y * 3) % 256));
    ASSERT_EQ(f.write(bytes), bytes.size());
}

TEST(Cli, EmbedMapsTestImagesAndReportsHowEachClassClusters)
{
    test::TempDir dir;
    const QString store = trainSmallRun(dir, 2);
    const QStringList base = {QStringLiteral("embed"), QStringLiteral("--run"), QStringLiteral("1"), QStringLiteral("--store"), store};

    // PCA of all 64 test images (the default 2,000 covers them), with the CSV.
    const QString csv = QString::fromStdString(dir.file("map.csv"));
    const auto pca = runCli(base + QStringList {QStringLiteral("--method"), QStringLiteral("pca"), QStringLiteral("--csv"), csv});
    ASSERT_EQ(pca.exitCode, 0) << pca.err.toStdString();
    const QStringList lines = pca.out.trimmed().split(QLatin1Char('\n'));
    ASSERT_EQ(lines.size(), 3 + 1 + 1 + 10) << pca.out.toStdString(); // header lines, blank, table head, ten classes
    EXPECT_TRUE(lines[0].startsWith(QStringLiteral("baseline-plus "))) << lines[0].toStdString();
    EXPECT_TRUE(lines[0].endsWith(QStringLiteral(": 64 test images through dropout (256 features)"))) << lines[0].toStdString();
    static const QRegularExpression variance(QStringLiteral("^PCA: the two axes hold [0-9.]+% and [0-9.]+% of the variance, in [0-9.]+ s$"));
    EXPECT_TRUE(variance.match(lines[1]).hasMatch()) << lines[1].toStdString();
    static const QRegularExpression knn(QStringLiteral("^k-NN accuracy \\(8 neighbours\\): [0-9.]+% in feature space, [0-9.]+% in the map$"));
    EXPECT_TRUE(knn.match(lines[2]).hasMatch()) << lines[2].toStdString();
    EXPECT_TRUE(lines[4].startsWith(QStringLiteral("class "))) << lines[4].toStdString();
    static const QRegularExpression classRow(QStringLiteral("^\\S+\\s+\\d+\\s+[0-9.]+%\\s+[0-9.]+%  (-|\\S+ \\([0-9.]+% of neighbours\\))$"));
    int images = 0;
    for (int i = 5; i < lines.size(); ++i) {
        EXPECT_TRUE(classRow.match(lines[i]).hasMatch()) << lines[i].toStdString();
        images += lines[i].split(QLatin1Char(' '), Qt::SkipEmptyParts)[1].toInt();
    }
    EXPECT_EQ(images, 64);
    QFile file(csv);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QStringList rows = QString::fromUtf8(file.readAll()).trimmed().split(QLatin1Char('\n'));
    ASSERT_EQ(rows.size(), 1 + 64);
    EXPECT_EQ(rows[0], QStringLiteral("image,true_class,predicted_class,confidence,correct,x,y,neighbours"));
    EXPECT_TRUE(rows[1].startsWith(QStringLiteral("0,"))) << rows[1].toStdString();
    EXPECT_EQ(rows[1].split(QLatin1Char(','))[7].split(QLatin1Char(' ')).size(), 8);

    // t-SNE of 30 images as JSON: the points carry their neighbours' image indices.
    const auto t = runCli(base + QStringList {QStringLiteral("--images"), QStringLiteral("30"), QStringLiteral("--perplexity"), QStringLiteral("5"),
                                              QStringLiteral("--iterations"), QStringLiteral("300"), QStringLiteral("--neighbours"), QStringLiteral("3"),
                                              QStringLiteral("--json")});
    ASSERT_EQ(t.exitCode, 0) << t.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(t.out.toUtf8()).object();
    EXPECT_EQ(o.value(QStringLiteral("method")).toString(), QStringLiteral("tsne"));
    EXPECT_EQ(o.value(QStringLiteral("layer")).toString(), QStringLiteral("dropout"));
    EXPECT_EQ(o.value(QStringLiteral("iterations")).toInt(), 300);
    EXPECT_GT(o.value(QStringLiteral("klDivergence")).toDouble(), 0.0);
    const QJsonArray points = o.value(QStringLiteral("points")).toArray();
    ASSERT_EQ(points.size(), 30);
    QSet<qint64> drawn;
    for (const QJsonValue &v : points)
        drawn.insert(v.toObject().value(QStringLiteral("image")).toInteger());
    for (const QJsonValue &v : points) {
        const QJsonArray near = v.toObject().value(QStringLiteral("neighbours")).toArray();
        ASSERT_EQ(near.size(), 3);
        for (const QJsonValue &n : near)
            EXPECT_TRUE(drawn.contains(n.toInteger())) << n.toInteger();
    }

    // Refusals, each one line with exit code 2, before any network runs.
    for (const auto &[args, message] : std::vector<std::pair<QStringList, QString>> {
             {base + QStringList {QStringLiteral("--method"), QStringLiteral("umap")}, QStringLiteral("error: --method: expected pca or tsne, got 'umap'")},
             {base + QStringList {QStringLiteral("--perplexity"), QStringLiteral("30")}, QStringLiteral("error: --perplexity: must be 2-21 for 64 images, got 30")},
             {base + QStringList {QStringLiteral("--iterations"), QStringLiteral("10")}, QStringLiteral("error: --iterations: expected an integer from 250 to 10000, got '10'")},
             {{QStringLiteral("embed"), QStringLiteral("--run"), QStringLiteral("9"), QStringLiteral("--store"), store}, QStringLiteral("error: --run: no run '9' in ")},
             {base + QStringList {QStringLiteral("--csv"), QString::fromStdString(dir.file("no/such/folder/m.csv")), QStringLiteral("--method"), QStringLiteral("pca")},
              QStringLiteral("error: --csv: cannot write ")},
         }) {
        const auto r = runCli(args);
        EXPECT_EQ(r.exitCode, 2) << args.join(QLatin1Char(' ')).toStdString();
        EXPECT_TRUE(r.err.startsWith(message)) << r.err.toStdString();
        EXPECT_EQ(r.err.trimmed().count(QLatin1Char('\n')), 0) << r.err.toStdString();
    }
}

TEST(Cli, WeightsListsEachLayerPerEpoch)
{
    test::TempDir dir;
    const QString store = trainSmallRun(dir, 2);
    const QStringList base = {QStringLiteral("weights"), QStringLiteral("--run"), QStringLiteral("1"), QStringLiteral("--store"), store};

    // The last epoch's weight tensors: Baseline+'s three convolutions and two linear layers.
    const auto w = runCli(base);
    ASSERT_EQ(w.exitCode, 0) << w.err.toStdString();
    const QStringList lines = w.out.trimmed().split(QLatin1Char('\n'));
    ASSERT_EQ(lines.size(), 2 + 5 + 1) << w.out.toStdString();
    EXPECT_TRUE(lines[0].contains(QStringLiteral("epoch 2 of 2: 5 parameter tensors (8 biases and normalization parameters hidden")))
        << lines[0].toStdString();
    EXPECT_TRUE(lines[2].startsWith(QStringLiteral("conv1.weight"))) << lines[2].toStdString();
    EXPECT_TRUE(lines[2].contains(QStringLiteral(" 32x1x3x3 "))) << lines[2].toStdString();
    // Four numbers, then the update ratio of each of the 2 epochs as a block character.
    static const QRegularExpression row(QStringLiteral("^\\S+\\s+\\S+(\\s+[-+.e0-9]+){4}  [\u2581-\u2588]{2}$"));
    for (int i = 2; i < 7; ++i)
        EXPECT_TRUE(row.match(lines[i]).hasMatch()) << lines[i].toStdString();
    EXPECT_TRUE(lines[7].startsWith(QStringLiteral("update ratio scale: "))) << lines[7].toStdString();

    // --all and --epoch: the first epoch's thirteen tensors; --csv: every tensor at every epoch.
    const QString csv = QString::fromStdString(dir.file("weights.csv"));
    const auto all = runCli(base + QStringList {QStringLiteral("--all"), QStringLiteral("--epoch"), QStringLiteral("1"), QStringLiteral("--csv"), csv});
    ASSERT_EQ(all.exitCode, 0) << all.err.toStdString();
    EXPECT_TRUE(all.out.startsWith(QStringLiteral("run 1 "))) << all.out.toStdString();
    EXPECT_TRUE(all.out.contains(QStringLiteral("epoch 1 of 2: 13 parameter tensors\n"))) << all.out.toStdString();
    EXPECT_TRUE(all.out.contains(QStringLiteral("\nbn1.weight "))) << all.out.toStdString();
    QFile file(csv);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QStringList rows = QString::fromUtf8(file.readAll()).trimmed().split(QLatin1Char('\n'));
    ASSERT_EQ(rows.size(), 1 + 2 * 13);
    EXPECT_EQ(rows[0], QStringLiteral("epoch,parameter,shape,elements,weight_rms,weight_mean,weight_std,weight_min,weight_max,"
                                      "gradient_samples,gradient_rms,gradient_min,gradient_max,update_ratio"));
    EXPECT_TRUE(rows[1].startsWith(QStringLiteral("1,conv1.weight,32x1x3x3,288,"))) << rows[1].toStdString();
    EXPECT_TRUE(rows[14].startsWith(QStringLiteral("2,conv1.weight,"))) << rows[14].toStdString();
    // 256 images in batches of 32: 8 steps per epoch, every one sampled.
    EXPECT_EQ(rows[1].split(QLatin1Char(','))[9], QStringLiteral("8"));

    // JSON: the histograms too, each summing to one.
    const auto j = runCli(base + QStringList {QStringLiteral("--json")});
    ASSERT_EQ(j.exitCode, 0) << j.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(j.out.toUtf8()).object();
    EXPECT_EQ(o.value(QStringLiteral("epoch")).toInt(), 2);
    EXPECT_EQ(o.value(QStringLiteral("histogramBins")).toInt(), 32);
    const QJsonArray parameters = o.value(QStringLiteral("parameters")).toArray();
    ASSERT_EQ(parameters.size(), 5);
    for (const QJsonValue &v : parameters) {
        const QJsonObject p = v.toObject();
        for (const char *key : {"weightHistogram", "gradientHistogram"}) {
            const QJsonArray h = p.value(QLatin1String(key)).toArray();
            ASSERT_EQ(h.size(), 32) << key;
            double sum = 0.0;
            for (const QJsonValue &f : h)
                sum += f.toDouble();
            EXPECT_NEAR(sum, 1.0, 1e-5) << key;
        }
        EXPECT_GT(p.value(QStringLiteral("updateRatio")).toDouble(), 0.0);
        EXPECT_EQ(p.value(QStringLiteral("gradientSamples")).toInt(), 8);
    }

    // Refusals, each one line with exit code 2.
    {
        ExperimentStore s(store.toStdString());
        RunRecord old;
        old.name = "old";
        old.architecture = "baseline";
        const int64_t id = s.createRun(old);
        EpochMetrics e;
        e.epoch = 0;
        e.epochs = 1;
        s.recordEpoch(id, e, 0);
        ASSERT_EQ(id, 2);
    }
    for (const auto &[args, message] : std::vector<std::pair<QStringList, QString>> {
             {base + QStringList {QStringLiteral("--epoch"), QStringLiteral("3")}, QStringLiteral("error: --epoch: expected an integer from 1 to 2, got '3'")},
             {{QStringLiteral("weights"), QStringLiteral("--run"), QStringLiteral("9"), QStringLiteral("--store"), store},
              QStringLiteral("error: --run: no run '9' in ")},
             {{QStringLiteral("weights"), QStringLiteral("--run"), QStringLiteral("2"), QStringLiteral("--store"), store},
              QStringLiteral("error: --run: run 2 has no weight statistics (it was trained before CifarLab recorded them)")},
             {base + QStringList {QStringLiteral("--csv"), QString::fromStdString(dir.file("no/such/folder/w.csv"))},
              QStringLiteral("error: --csv: cannot write ")},
         }) {
        const auto r = runCli(args);
        EXPECT_EQ(r.exitCode, 2) << args.join(QLatin1Char(' ')).toStdString();
        EXPECT_TRUE(r.err.startsWith(message)) << r.err.toStdString();
        EXPECT_EQ(r.err.trimmed().count(QLatin1Char('\n')), 0) << r.err.toStdString();
    }
}

TEST(Cli, PredictClassifiesFilesAndFolders)
{
    test::TempDir dir;
    const QString store = trainSmallRun(dir, 1);
    // Class names of the IDX data are its digits: a file in folder "3" is scored against class 3.
    writePgm(dir.file("photos/3/a.pgm"), 56, 56);
    writePgm(dir.file("photos/misc/wide.pgm"), 90, 30);
    const QString photos = QString::fromStdString(dir.file("photos"));
    const QString csv = QString::fromStdString(dir.file("out.csv"));
    const QString maps = QString::fromStdString(dir.file("maps"));
    const QStringList base = {QStringLiteral("predict"), QStringLiteral("--run"), QStringLiteral("1"), QStringLiteral("--store"), store};

    const auto p = runCli(base + QStringList {photos, QStringLiteral("--top"), QStringLiteral("2"), QStringLiteral("--csv"), csv,
                                              QStringLiteral("--grad-cam"), maps});
    ASSERT_EQ(p.exitCode, 0) << p.err.toStdString();
    EXPECT_TRUE(p.out.contains(QStringLiteral("input: 1x28x28 (crop)"))) << p.out.toStdString();
    EXPECT_TRUE(p.out.contains(QStringLiteral("3/a.pgm (56x56)"))) << p.out.toStdString();
    EXPECT_TRUE(p.out.contains(QStringLiteral("misc/wide.pgm (90x30)"))) << p.out.toStdString();
    // Two classes with their probabilities per image.
    static const QRegularExpression ranked(QStringLiteral("\n  \\S+ \\d+\\.\\d%, \\S+ \\d+\\.\\d%"));
    EXPECT_EQ(p.out.count(ranked), 2) << p.out.toStdString();
    EXPECT_TRUE(p.out.contains(QStringLiteral("classified 2 of 2 images"))) << p.out.toStdString();
    EXPECT_TRUE(p.out.contains(QStringLiteral("; 1 in folders named after a class: "))) << p.out.toStdString();

    QFile table(csv);
    ASSERT_TRUE(table.open(QIODevice::ReadOnly));
    const QStringList rows = QString::fromUtf8(table.readAll()).trimmed().split(QLatin1Char('\n'));
    ASSERT_EQ(rows.size(), 3);
    EXPECT_TRUE(rows[0].startsWith(QStringLiteral("path,true_class,predicted,confidence,p_0,p_1,"))) << rows[0].toStdString();
    EXPECT_EQ(rows[0].split(QLatin1Char(',')).size(), 4 + 10 + 1);
    EXPECT_EQ(rows[1].split(QLatin1Char(',')).size(), 4 + 10 + 1);
    EXPECT_TRUE(rows[1].contains(QStringLiteral("a.pgm,3,"))) << rows[1].toStdString();
    double sum = 0;
    for (int c = 0; c < 10; ++c)
        sum += rows[1].split(QLatin1Char(','))[4 + c].toDouble();
    EXPECT_NEAR(sum, 1.0, 1e-4);
    int pngs = 0;
    for (const auto &entry : std::filesystem::directory_iterator(maps.toStdString())) {
        ++pngs;
        EXPECT_EQ(pngSize(QString::fromStdString(entry.path().string())), std::make_pair(28u * 8u * 2u + 8u, 28u * 8u));
        EXPECT_TRUE(p.out.contains(QString::fromStdString(entry.path().filename().string())));
    }
    EXPECT_EQ(pngs, 2);

    // A file that cannot be read is listed with its reason, the others still classified, and the exit code says so.
    {
        QFile broken(QString::fromStdString(dir.file("photos/misc/broken.png")));
        ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
        broken.write("\x89PNG\r\n\x1a\nshort");
    }
    const auto j = runCli(base + QStringList {photos, QStringLiteral("--json"), QStringLiteral("--fit"), QStringLiteral("pad")});
    EXPECT_EQ(j.exitCode, 2);
    EXPECT_TRUE(j.err.contains(QStringLiteral("1 of 3 files could not be classified"))) << j.err.toStdString();
    const QStringList events = j.out.trimmed().split(QLatin1Char('\n'));
    ASSERT_EQ(events.size(), 4) << j.out.toStdString();
    const QJsonObject first = QJsonDocument::fromJson(events[0].toUtf8()).object();
    EXPECT_EQ(first[QStringLiteral("trueClass")].toString(), QStringLiteral("3"));
    EXPECT_EQ(first[QStringLiteral("top")].toArray().size(), 3);
    EXPECT_GT(first[QStringLiteral("confidence")].toDouble(), 0.0);
    const QJsonObject broken = QJsonDocument::fromJson(events[1].toUtf8()).object();
    EXPECT_TRUE(broken[QStringLiteral("error")].toString().endsWith(QStringLiteral("broken.png: truncated PNG data")))
        << events[1].toStdString();
    const QJsonObject summary = QJsonDocument::fromJson(events[3].toUtf8()).object();
    EXPECT_EQ(summary[QStringLiteral("event")].toString(), QStringLiteral("summary"));
    EXPECT_EQ(summary[QStringLiteral("classified")].toInt(), 2);
    EXPECT_EQ(summary[QStringLiteral("failed")].toInt(), 1);
    EXPECT_EQ(summary[QStringLiteral("labelled")].toInt(), 1);

    for (const auto &[args, message] : std::vector<std::pair<QStringList, QString>> {
             {{}, QStringLiteral("give image files or folders to classify")},
             {{QString::fromStdString(dir.file("nowhere"))}, QStringLiteral("nowhere: no such file or folder")},
             {{photos, QStringLiteral("--fit"), QStringLiteral("stretch")}, QStringLiteral("--fit: expected crop, squash or pad")},
             {{photos, QStringLiteral("--tta"), QStringLiteral("spin")}, QStringLiteral("--tta: unknown mode 'spin'")},
             {{photos, QStringLiteral("--top"), QStringLiteral("0")}, QStringLiteral("--top")}}) {
        const auto bad = runCli(base + args);
        EXPECT_EQ(bad.exitCode, 2) << message.toStdString();
        EXPECT_TRUE(bad.err.contains(message)) << bad.err.toStdString();
    }
}

TEST(Cli, InterruptStopsCleanlyWithACheckpoint)
{
    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 2000, 200, 28);
    const QString store = QString::fromStdString(dir.file("store"));
    QProcess p;
    p.start(QStringLiteral(CIFARLAB_CLI_PATH),
            {QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("baseline-plus"), QStringLiteral("--data"),
             QString::fromStdString(data), QStringLiteral("--store"), store, QStringLiteral("--epochs"), QStringLiteral("40"),
             QStringLiteral("--batch-size"), QStringLiteral("16"), QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--json")});
    ASSERT_TRUE(p.waitForStarted());
    QByteArray seen;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!seen.contains("\"event\":\"batch\"") && std::chrono::steady_clock::now() < deadline && p.state() == QProcess::Running) {
        p.waitForReadyRead(200);
        seen += p.readAllStandardOutput();
    }
    ASSERT_TRUE(seen.contains("\"event\":\"batch\""));
    p.terminate(); // SIGTERM, handled like Ctrl-C
    ASSERT_TRUE(p.waitForFinished(60000));
    seen += p.readAllStandardOutput();
    EXPECT_EQ(p.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(p.exitCode(), 0);
    EXPECT_TRUE(seen.contains("\"status\":\"stopped\"")) << seen.toStdString();
    ExperimentStore s(store.toStdString());
    EXPECT_EQ(s.run(1).status, RunStatus::Stopped);
    EXPECT_TRUE(std::filesystem::exists(s.runFolder(1) + "/checkpoint-latest.pt"));
}

TEST(Cli, LrFindSuggestsARateAndWritesItsCurve)
{
    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 256, 64, 28);
    const QString plot = QString::fromStdString(dir.file("lr.png"));
    const QString svg = QString::fromStdString(dir.file("lr.svg"));
    const QString csv = QString::fromStdString(dir.file("lr.csv"));
    const QStringList common = {QStringLiteral("lr-find"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--data"),
                                QString::fromStdString(data), QStringLiteral("--batch-size"), QStringLiteral("32"),
                                QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--precision"), QStringLiteral("fp32")};
    const auto r = runCli(common + QStringList{QStringLiteral("--start-lr"), QStringLiteral("1e-4"), QStringLiteral("--end-lr"),
                                               QStringLiteral("100"), QStringLiteral("--iterations"), QStringLiteral("40"),
                                               QStringLiteral("--plot"), plot, QStringLiteral("--csv"), csv});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString() << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("suggested learning rate: "))) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QRegularExpression(QStringLiteral("\\((steepest|minimum / 10)\\); valley ")))) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("--lr "))) << r.out.toStdString();
    const auto size = pngSize(plot);
    EXPECT_EQ(size.first, 900u);
    EXPECT_EQ(size.second, 560u);
    QFile file(csv);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).trimmed().split(QLatin1Char('\n'));
    ASSERT_GE(lines.size(), 21);
    EXPECT_LE(lines.size(), 41);
    EXPECT_EQ(lines[0], QStringLiteral("batch,learning_rate,loss,smoothed_loss"));
    EXPECT_TRUE(lines[1].startsWith(QStringLiteral("0,0.0001,"))) << lines[1].toStdString();
    // The printed suggestion is one of the swept rates.
    const QString printed = r.out.section(QStringLiteral("suggested learning rate: "), 1).section(QLatin1Char(' '), 0, 0);
    bool ok = false;
    const double suggested = printed.toDouble(&ok);
    ASSERT_TRUE(ok) << printed.toStdString();
    EXPECT_GT(suggested, 1e-4);
    EXPECT_LT(suggested, 100.0);

    // --json: one line per batch, then the result.
    const auto j = runCli(common + QStringList{QStringLiteral("--iterations"), QStringLiteral("20"), QStringLiteral("--json"),
                                               QStringLiteral("--plot"), svg});
    ASSERT_EQ(j.exitCode, 0) << j.err.toStdString() << j.out.toStdString();
    const QStringList events = j.out.trimmed().split(QLatin1Char('\n'));
    ASSERT_GE(events.size(), 2);
    EXPECT_TRUE(events.front().contains(QStringLiteral("\"event\":\"point\""))) << events.front().toStdString();
    EXPECT_TRUE(events.back().contains(QStringLiteral("\"event\":\"result\""))) << events.back().toStdString();
    EXPECT_TRUE(events.back().contains(QStringLiteral("\"valley\":"))) << events.back().toStdString();
    EXPECT_TRUE(events.back().contains(QRegularExpression(QStringLiteral("\"suggestion\":\"(steepest|minimum / 10)\""))))
        << events.back().toStdString();
    EXPECT_GT(QFileInfo(svg).size(), 1000);

    for (const auto &[args, message] : std::vector<std::pair<QStringList, QString>> {
             {{QStringLiteral("--iterations"), QStringLiteral("5")}, QStringLiteral("--iterations: expected 20 to 10000")},
             {{QStringLiteral("--start-lr"), QStringLiteral("1"), QStringLiteral("--end-lr"), QStringLiteral("0.1")}, QStringLiteral("--end-lr:")},
             {{QStringLiteral("--start-lr"), QStringLiteral("-1")}, QStringLiteral("--start-lr:")},
             {{QStringLiteral("--plot"), QString::fromStdString(dir.file("lr.bmp"))}, QStringLiteral("--plot:")},
             {{QStringLiteral("--arch"), QStringLiteral("baseline,resnet18")}, QStringLiteral("one architecture at a time")},
             {{QStringLiteral("--nproc"), QStringLiteral("2")}, QStringLiteral("one process")},
         }) {
        const auto bad = runCli(common + args);
        EXPECT_EQ(bad.exitCode, 2) << args.join(QLatin1Char(' ')).toStdString() << ": " << bad.err.toStdString();
        EXPECT_TRUE(bad.err.contains(message)) << bad.err.toStdString();
        EXPECT_EQ(bad.err.count(QLatin1Char('\n')), 1) << bad.err.toStdString();
    }
}
