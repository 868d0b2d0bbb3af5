#include "core/error.h"
#include "core/experiment_store.h"
#include "core/run_recorder.h"
#include "support/error_of.h"
#include "support/sample_metrics.h"
#include "support/temp_dir.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>
#include <QtEndian>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <limits>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cifarlab {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using test::TempDir;

constexpr int64_t kClasses = 10;

using test::errorOf;

// A plain connection of our own, like the GUI or the sqlite3 tool would open next to the store.
class RawDb
{
public:
    explicit RawDb(const std::string &path)
        : m_name(QStringLiteral("raw-test-%1").arg(s_counter.fetch_add(1)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(QString::fromStdString(path));
        if (!db.open())
            throw std::runtime_error("cannot open " + path);
    }
    ~RawDb()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    RawDb(const RawDb &) = delete;
    RawDb &operator=(const RawDb &) = delete;

    bool exec(const std::string &sql)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        return query.exec(QString::fromStdString(sql));
    }
    QVariant scalar(const std::string &sql)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.exec(QString::fromStdString(sql)) || !query.next())
            return {};
        return query.value(0);
    }

private:
    static inline std::atomic<int> s_counter {0};
    QString m_name;
};

RunRecord sampleRun(const std::string &name)
{
    RunRecord r;
    r.name = name;
    r.architecture = "resnet18";
    r.datasetName = "CIFAR-10";
    r.datasetSource = "/data/cifar-10-batches-bin";
    r.preset = "standard";
    r.configJson = R"({"batchSize":256})";
    r.hostInfo = "test host, 2 cores";
    r.classNames = {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};
    r.tags = {"baseline"};
    r.parameters = 11173962;
    r.modelBytes = 44695848;
    return r;
}

BatchMetrics sampleBatch(int64_t epoch, int64_t batch, int64_t batchesPerEpoch)
{
    return test::sampleBatch(epoch, batch, batchesPerEpoch);
}

EpochMetrics sampleEpoch(int64_t epoch, int64_t images, bool details = true)
{
    return test::sampleEpoch(epoch, {kClasses, images, details, 3, false});
}

// Bitwise equality, so NaN compares equal to NaN.
bool sameDouble(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

void expectSameBatch(const BatchMetrics &a, const BatchMetrics &b)
{
    EXPECT_EQ(a.epoch, b.epoch);
    EXPECT_EQ(a.batch, b.batch);
    EXPECT_EQ(a.batchesPerEpoch, b.batchesPerEpoch);
    EXPECT_EQ(a.globalStep, b.globalStep);
    EXPECT_EQ(a.totalSteps, b.totalSteps);
    EXPECT_TRUE(sameDouble(a.loss, b.loss)) << a.loss << " vs " << b.loss;
    EXPECT_EQ(a.accuracy, b.accuracy);
    EXPECT_EQ(a.learningRate, b.learningRate);
    EXPECT_EQ(a.imagesPerSecond, b.imagesPerSecond);
    EXPECT_EQ(a.elapsedSeconds, b.elapsedSeconds);
}

void expectSameEpoch(const EpochMetrics &a, const EpochMetrics &b, bool details)
{
    EXPECT_EQ(a.epoch, b.epoch);
    EXPECT_EQ(a.epochs, b.epochs);
    EXPECT_EQ(a.trainLoss, b.trainLoss);
    EXPECT_EQ(a.trainAccuracy, b.trainAccuracy);
    EXPECT_EQ(a.testLoss, b.testLoss);
    EXPECT_EQ(a.testAccuracy, b.testAccuracy);
    EXPECT_EQ(a.learningRate, b.learningRate);
    EXPECT_EQ(a.seconds, b.seconds);
    EXPECT_EQ(a.elapsedSeconds, b.elapsedSeconds);
    EXPECT_EQ(a.imagesPerSecond, b.imagesPerSecond);
    if (!details) {
        EXPECT_TRUE(a.perClassAccuracy.empty());
        EXPECT_TRUE(a.testConfusion.empty());
        EXPECT_TRUE(a.trainConfusion.empty());
        EXPECT_TRUE(a.testPredictions.empty());
        EXPECT_TRUE(a.testConfidence.empty());
        EXPECT_TRUE(a.testImageLoss.empty());
        EXPECT_TRUE(a.testTopClasses.empty());
        EXPECT_TRUE(a.parameters.empty());
        return;
    }
    std::string why;
    EXPECT_TRUE(test::sameParameters(a.parameters, b.parameters, &why)) << why;
    EXPECT_EQ(a.perClassAccuracy, b.perClassAccuracy);
    EXPECT_EQ(a.testConfusion, b.testConfusion);
    EXPECT_EQ(a.trainConfusion, b.trainConfusion);
    EXPECT_EQ(a.testPredictions, b.testPredictions);
    EXPECT_EQ(a.testConfidence, b.testConfidence);
    EXPECT_EQ(a.testImageLoss, b.testImageLoss);
    EXPECT_EQ(a.topK, b.topK);
    EXPECT_EQ(a.testTopClasses, b.testTopClasses);
    EXPECT_EQ(a.testTopProbabilities, b.testTopProbabilities);
}

bool isIsoUtc(const std::string &text)
{
    static const std::regex pattern(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
    return std::regex_match(text, pattern);
}

TEST(ExperimentStore, CreatesFolderSchemaAndUsesWal)
{
    TempDir tmp;
    const std::string folder = tmp.file("home/nested");
    ExperimentStore store(folder);
    EXPECT_TRUE(fs::is_directory(folder));
    EXPECT_TRUE(fs::equivalent(store.folder(), folder));
    EXPECT_EQ(store.databasePath(), store.folder() + "/runs.sqlite");
    EXPECT_TRUE(fs::is_regular_file(store.databasePath()));
    EXPECT_EQ(store.integrityCheck(), "ok");
    EXPECT_TRUE(store.listRuns().empty());

    RawDb raw(store.databasePath());
    EXPECT_EQ(raw.scalar("PRAGMA journal_mode").toString(), QStringLiteral("wal"));
    EXPECT_EQ(raw.scalar("PRAGMA user_version").toInt(), ExperimentStore::schemaVersion());
    EXPECT_GE(ExperimentStore::schemaVersion(), 1);
    for (const char *table : {"runs", "batch_metrics", "epoch_metrics", "confusion", "predictions"}) {
        EXPECT_EQ(
            raw.scalar(std::string("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '")
                   + table + "'")
                .toInt(),
            1)
            << table;
    }
}

TEST(ExperimentStore, ReopeningKeepsDataAndSchema)
{
    TempDir tmp;
    int64_t id = 0;
    {
        ExperimentStore store(tmp.path());
        id = store.createRun(sampleRun("first"));
    }
    ExperimentStore again(tmp.path());
    EXPECT_EQ(again.run(id).name, "first");
    EXPECT_EQ(again.integrityCheck(), "ok");
}

TEST(ExperimentStore, CreateListAndUpdateRuns)
{
    TempDir tmp;
    ExperimentStore store(tmp.path());
    const RunRecord initial = sampleRun("alpha");
    const int64_t a = store.createRun(initial);
    const int64_t b = store.createRun(sampleRun("beta"));
    const int64_t c = store.createRun(sampleRun("gamma"));
    EXPECT_LT(a, b);
    EXPECT_LT(b, c);

    const std::vector<RunRecord> runs = store.listRuns();
    ASSERT_EQ(runs.size(), 3u);
    EXPECT_EQ(runs[0].name, "gamma");
    EXPECT_EQ(runs[1].name, "beta");
    EXPECT_EQ(runs[2].name, "alpha");

    EXPECT_EQ(store.runFolder(a), store.folder() + "/runs/" + std::to_string(a));
    EXPECT_TRUE(fs::is_directory(store.runFolder(a)));

    const RunRecord r = store.run(a);
    EXPECT_EQ(r.id, a);
    EXPECT_EQ(r.name, initial.name);
    EXPECT_EQ(r.architecture, initial.architecture);
    EXPECT_EQ(r.datasetName, initial.datasetName);
    EXPECT_EQ(r.datasetSource, initial.datasetSource);
    EXPECT_EQ(r.preset, initial.preset);
    EXPECT_EQ(r.configJson, initial.configJson);
    EXPECT_EQ(r.status, RunStatus::Created);
    EXPECT_EQ(r.message, "");
    EXPECT_TRUE(isIsoUtc(r.createdAt)) << r.createdAt;
    EXPECT_EQ(r.updatedAt, r.createdAt);
    EXPECT_EQ(r.startedAt, "");
    EXPECT_EQ(r.finishedAt, "");
    EXPECT_EQ(r.epochsDone, 0);
    EXPECT_EQ(r.bestEpoch, -1);
    EXPECT_EQ(r.parameters, initial.parameters);
    EXPECT_EQ(r.modelBytes, initial.modelBytes);
    EXPECT_EQ(r.hostInfo, initial.hostInfo);
    EXPECT_EQ(r.classNames, initial.classNames);
    EXPECT_EQ(r.tags, initial.tags);

    RunRecord changed = r;
    changed.name = "alpha (renamed via update)";
    changed.architecture = "densenet121";
    changed.datasetName = "CIFAR-100";
    changed.datasetSource = "/other/place";
    changed.preset = "seed";
    changed.configJson = R"({"epochs":20})";
    changed.status = RunStatus::Diverged;
    changed.message = "loss is NaN at step 12";
    changed.startedAt = "2024-01-02T03:04:05.678Z";
    changed.finishedAt = "2024-01-02T04:05:06.789Z";
    changed.epochsDone = 7;
    changed.bestTestAccuracy = 0.8123456789;
    changed.bestEpoch = 5;
    changed.finalTrainAccuracy = 0.91;
    changed.finalTestAccuracy = 0.79;
    changed.finalTestLoss = std::numeric_limits<double>::quiet_NaN();
    changed.wallSeconds = 3600.5;
    changed.imagesPerSecond = 2500.25;
    changed.parameters = 123;
    changed.modelBytes = 456;
    changed.hostInfo = "other host";
    changed.classNames = {"a", "b \"quoted\"", "ü"};
    changed.tags = {};
    store.updateRun(changed);

    const RunRecord u = store.run(a);
    EXPECT_EQ(u.name, changed.name);
    EXPECT_EQ(u.architecture, changed.architecture);
    EXPECT_EQ(u.datasetName, changed.datasetName);
    EXPECT_EQ(u.datasetSource, changed.datasetSource);
    EXPECT_EQ(u.preset, changed.preset);
    EXPECT_EQ(u.configJson, changed.configJson);
    EXPECT_EQ(u.status, changed.status);
    EXPECT_EQ(u.message, changed.message);
    EXPECT_EQ(u.createdAt, r.createdAt);
    EXPECT_TRUE(isIsoUtc(u.updatedAt));
    EXPECT_GE(u.updatedAt, r.updatedAt);
    EXPECT_EQ(u.startedAt, changed.startedAt);
    EXPECT_EQ(u.finishedAt, changed.finishedAt);
    EXPECT_EQ(u.epochsDone, changed.epochsDone);
    EXPECT_EQ(u.bestTestAccuracy, changed.bestTestAccuracy);
    EXPECT_EQ(u.bestEpoch, changed.bestEpoch);
    EXPECT_EQ(u.finalTrainAccuracy, changed.finalTrainAccuracy);
    EXPECT_EQ(u.finalTestAccuracy, changed.finalTestAccuracy);
    EXPECT_TRUE(std::isnan(u.finalTestLoss));
    EXPECT_EQ(u.wallSeconds, changed.wallSeconds);
    EXPECT_EQ(u.imagesPerSecond, changed.imagesPerSecond);
    EXPECT_EQ(u.parameters, changed.parameters);
    EXPECT_EQ(u.modelBytes, changed.modelBytes);
    EXPECT_EQ(u.hostInfo, changed.hostInfo);
    EXPECT_EQ(u.classNames, changed.classNames);
    EXPECT_TRUE(u.tags.empty());
    // The other runs are untouched.
    EXPECT_EQ(store.run(b).name, "beta");
}

TEST(ExperimentStore, StatusChangesStampStartAndFinish)
{
    TempDir tmp;
    ExperimentStore store(tmp.path());
    const int64_t id = store.createRun(sampleRun("run"));
    store.setStatus(id, RunStatus::Running);
    const RunRecord running = store.run(id);
    EXPECT_EQ(running.status, RunStatus::Running);
    EXPECT_TRUE(isIsoUtc(running.startedAt)) << running.startedAt;
    EXPECT_EQ(running.finishedAt, "");

    store.setStatus(id, RunStatus::Paused, "paused by user");
    EXPECT_EQ(store.run(id).status, RunStatus::Paused);
    EXPECT_EQ(store.run(id).message, "paused by user");
    store.setStatus(id, RunStatus::Running);
    EXPECT_EQ(store.run(id).startedAt, running.startedAt); // resuming keeps the first start

    store.setStatus(id, RunStatus::Failed, "out of memory");
    const RunRecord failed = store.run(id);
    EXPECT_EQ(failed.status, RunStatus::Failed);
    EXPECT_EQ(failed.message, "out of memory");
    EXPECT_TRUE(isIsoUtc(failed.finishedAt)) << failed.finishedAt;
    EXPECT_GE(failed.finishedAt, failed.startedAt);

    store.setStatus(id, RunStatus::Running);
    EXPECT_EQ(store.run(id).finishedAt, "");
    EXPECT_EQ(store.run(id).message, "");
}

TEST(ExperimentStore, RenameTagsFindAndDelete)
{
    TempDir tmp;
    ExperimentStore store(tmp.path());
    const int64_t keep = store.createRun(sampleRun("keep"));
    const int64_t id = store.createRun(sampleRun("doomed"));
    store.renameRun(id, "renamed");
    EXPECT_EQ(store.run(id).name, "renamed");
    store.setTags(id, {"ablation", "lr=0.1", "ünïcode"});
    EXPECT_EQ(store.run(id).tags, (std::vector<std::string> {"ablation", "lr=0.1", "ünïcode"}));

    ASSERT_TRUE(store.findRun("renamed").has_value());
    EXPECT_EQ(store.findRun("renamed")->id, id);
    ASSERT_TRUE(store.findRun(std::to_string(id)).has_value());
    EXPECT_EQ(store.findRun(std::to_string(id))->name, "renamed");
    EXPECT_FALSE(store.findRun("doomed").has_value());
    EXPECT_FALSE(store.findRun("999").has_value());
    EXPECT_FALSE(store.findRun("").has_value());

    store.appendBatchMetrics(id, {sampleBatch(0, 0, 10), sampleBatch(0, 1, 10)});
    store.recordEpoch(id, sampleEpoch(0, 20), kClasses);
    store.appendBatchMetrics(keep, {sampleBatch(0, 0, 10)});
    store.recordEpoch(keep, sampleEpoch(0, 20), kClasses);
    const std::string folder = store.runFolder(id);
    std::ofstream(folder + "/checkpoint.pt") << "weights";
    ASSERT_TRUE(fs::exists(folder + "/checkpoint.pt"));

    store.deleteRun(id);
    EXPECT_FALSE(fs::exists(folder));
    EXPECT_EQ(errorOf([&] { store.run(id); }), "run " + std::to_string(id) + ": no such run");
    EXPECT_TRUE(store.batchMetrics(id).empty());
    EXPECT_TRUE(store.epochMetrics(id, true).empty());
    RawDb raw(store.databasePath());
    for (const char *table : {"batch_metrics", "epoch_metrics", "confusion", "predictions"})
        EXPECT_EQ(
            raw.scalar(std::string("SELECT count(*) FROM ") + table + " WHERE run_id = " + std::to_string(id))
                .toInt(),
            0)
            << table;

    // The other run is intact and ids are never reused.
    EXPECT_EQ(store.batchMetrics(keep).size(), 1u);
    EXPECT_EQ(store.epochMetrics(keep, true).size(), 1u);
    EXPECT_TRUE(fs::is_directory(store.runFolder(keep)));
    EXPECT_GT(store.createRun(sampleRun("next")), id);
    EXPECT_EQ(store.integrityCheck(), "ok");
}

TEST(ExperimentStore, AmbiguousNameIsAnError)
{
    TempDir tmp;
    ExperimentStore store(tmp.path());
    const int64_t a = store.createRun(sampleRun("twin"));
    const int64_t b = store.createRun(sampleRun("twin"));
    const std::string message = errorOf([&] { store.findRun("twin"); });
    EXPECT_EQ(
        message, "run 'twin': ambiguous name, matches runs " + std::to_string(b) + ", " + std::to_string(a));
    // A numeric id wins over a run named like a number.
    const int64_t numeric = store.createRun(sampleRun(std::to_string(a)));
    ASSERT_TRUE(store.findRun(std::to_string(a)).has_value());
    EXPECT_EQ(store.findRun(std::to_string(a))->id, a);
    EXPECT_NE(numeric, a);
}

TEST(ExperimentStore, UnknownRunsAreErrors)
{
    TempDir tmp;
    ExperimentStore store(tmp.path());
    const std::string expected = "run 99: no such run";
    EXPECT_EQ(errorOf([&] { store.run(99); }), expected);
    RunRecord r = sampleRun("x");
    r.id = 99;
    EXPECT_EQ(errorOf([&] { store.updateRun(r); }), expected);
    EXPECT_EQ(errorOf([&] { store.setStatus(99, RunStatus::Running); }), expected);
    EXPECT_EQ(errorOf([&] { store.renameRun(99, "y"); }), expected);
    EXPECT_EQ(errorOf([&] { store.setTags(99, {"t"}); }), expected);
    EXPECT_EQ(errorOf([&] { store.deleteRun(99); }), expected);
    EXPECT_EQ(errorOf([&] { store.appendBatchMetrics(99, {sampleBatch(0, 0, 1)}); }), expected);
    EXPECT_EQ(errorOf([&] { store.recordEpoch(99, sampleEpoch(0, 5), kClasses); }), expected);
    EXPECT_TRUE(store.batchMetrics(99).empty());
    EXPECT_TRUE(store.epochMetrics(99, true).empty());
}

TEST(ExperimentStore, BatchMetricsRoundTripExactlyAndRewritesReplace)
{
    TempDir tmp;
    ExperimentStore store(tmp.path());
    const int64_t id = store.createRun(sampleRun("batches"));
    std::vector<BatchMetrics> written;
    for (int64_t b = 0; b < 50; ++b)
        written.push_back(sampleBatch(0, b, 50));
    written[17].loss = std::numeric_limits<double>::quiet_NaN(); // a diverging step
    written[18].loss = std::numeric_limits<double>::infinity();
    // Two flushes, out of order within the second one.
    store.appendBatchMetrics(id, std::vector<BatchMetrics>(written.begin(), written.begin() + 20));
    std::vector<BatchMetrics> second(written.begin() + 20, written.end());
    std::reverse(second.begin(), second.end());
    store.appendBatchMetrics(id, second);
    store.appendBatchMetrics(id, {});

    std::vector<BatchMetrics> read = store.batchMetrics(id);
    ASSERT_EQ(read.size(), written.size());
    for (size_t i = 0; i < read.size(); ++i)
        expectSameBatch(read[i], written[i]);

    // A resumed run rewrites steps 40..49: replaced, not duplicated, no error.
    std::vector<BatchMetrics> rewrite;
    for (int64_t b = 40; b < 50; ++b) {
        BatchMetrics m = sampleBatch(0, b, 50);
        m.loss = 0.125 * static_cast<double>(b);
        rewrite.push_back(m);
        written[static_cast<size_t>(b)] = m;
    }
    store.appendBatchMetrics(id, rewrite);
    read = store.batchMetrics(id);
    ASSERT_EQ(read.size(), written.size());
    for (size_t i = 0; i < read.size(); ++i)
        expectSameBatch(read[i], written[i]);

    // A viewer following the run asks only for the steps it has not seen.
    const std::vector<BatchMetrics> tail = store.batchMetrics(id, 45);
    ASSERT_EQ(tail.size(), 5u);
    for (size_t i = 0; i < tail.size(); ++i)
        expectSameBatch(tail[i], written[45 + i]);
    EXPECT_TRUE(store.batchMetrics(id, 50).empty());
}

TEST(ExperimentStore, EpochMetricsRoundTripWithDetailsAndUpdateTheRun)
{
    TempDir tmp;
    ExperimentStore store(tmp.path());
    const int64_t id = store.createRun(sampleRun("epochs"));
    std::vector<EpochMetrics> written;
    for (int64_t e = 0; e < 5; ++e) {
        written.push_back(sampleEpoch(e, 257));
        store.recordEpoch(id, written.back(), kClasses);
    }
    const std::vector<EpochMetrics> detailed = store.epochMetrics(id, true);
    ASSERT_EQ(detailed.size(), written.size());
    for (size_t i = 0; i < detailed.size(); ++i)
        expectSameEpoch(detailed[i], written[i], true);
    const std::vector<EpochMetrics> plain = store.epochMetrics(id, false);
    ASSERT_EQ(plain.size(), written.size());
    for (size_t i = 0; i < plain.size(); ++i)
        expectSameEpoch(plain[i], written[i], false);

    const RunRecord r = store.run(id);
    EXPECT_EQ(r.epochsDone, 5);
    EXPECT_EQ(r.bestEpoch, 2);
    EXPECT_EQ(r.bestTestAccuracy, written[2].testAccuracy);
    EXPECT_EQ(r.finalTrainAccuracy, written[4].trainAccuracy);
    EXPECT_EQ(r.finalTestAccuracy, written[4].testAccuracy);
    EXPECT_EQ(r.finalTestLoss, written[4].testLoss);
    // A run in progress shows its last epoch's duration and pace, not a value frozen earlier.
    EXPECT_EQ(r.wallSeconds, written[4].elapsedSeconds);
    EXPECT_EQ(r.imagesPerSecond, written[4].imagesPerSecond);

    // The blobs are plain little-endian arrays that any tool can read.
    RawDb raw(store.databasePath());
    const std::string where = " WHERE run_id = " + std::to_string(id) + " AND epoch = 3";
    EXPECT_EQ(raw.scalar("SELECT n FROM confusion" + where + " AND split = 'train'").toLongLong(), kClasses);
    const QByteArray counts
        = raw.scalar("SELECT counts FROM confusion" + where + " AND split = 'train'").toByteArray();
    ASSERT_EQ(counts.size(), kClasses * kClasses * 8);
    EXPECT_EQ(qFromLittleEndian<qint64>(counts.constData() + 5 * 8), written[3].trainConfusion[5]);
    EXPECT_EQ(qFromLittleEndian<qint64>(counts.constData() + 6 * 8), written[3].trainConfusion[6]);
    const QByteArray predicted = raw.scalar("SELECT predicted FROM predictions" + where).toByteArray();
    ASSERT_EQ(predicted.size(), 257 * 4);
    EXPECT_EQ(qFromLittleEndian<qint32>(predicted.constData() + 4 * 100), written[3].testPredictions[100]);
    const QByteArray confidence = raw.scalar("SELECT confidence FROM predictions" + where).toByteArray();
    ASSERT_EQ(confidence.size(), 257 * 4);
    const quint32 bits = qFromLittleEndian<quint32>(confidence.constData() + 4 * 42);
    float value = 0;
    std::memcpy(&value, &bits, sizeof value);
    EXPECT_EQ(value, written[3].testConfidence[42]);
    const QJsonDocument perClass = QJsonDocument::fromJson(
        raw.scalar("SELECT per_class_json FROM epoch_metrics" + where).toByteArray());
    ASSERT_TRUE(perClass.isArray());
    ASSERT_EQ(perClass.array().size(), kClasses);
    EXPECT_EQ(perClass.array().at(4).toDouble(), written[3].perClassAccuracy[4]);
}

TEST(ExperimentStore, EpochsFromAGivenEpochOnWithTheirDetails)
{
    TempDir tmp;
    ExperimentStore store(tmp.path());
    const int64_t id = store.createRun(sampleRun("follow"));
    for (int64_t e = 0; e < 4; ++e)
        store.recordEpoch(id, sampleEpoch(e, 10), kClasses);
    // A viewer that has seen two epochs asks for the rest only.
    const auto rest = store.epochMetrics(id, true, 2);
    ASSERT_EQ(rest.size(), 2u);
    expectSameEpoch(rest[0], sampleEpoch(2, 10), true);
    expectSameEpoch(rest[1], sampleEpoch(3, 10), true);
    EXPECT_EQ(store.epochMetrics(id, false, 3).size(), 1u);
    EXPECT_TRUE(store.epochMetrics(id, true, 4).empty());
    EXPECT_EQ(store.epochMetrics(id, true, 0).size(), 4u);
}

TEST(ExperimentStore, RewrittenEpochReplacesRowAndDetails)
{
    TempDir tmp;
    ExperimentStore store(tmp.path());
    const int64_t id = store.createRun(sampleRun("resumed"));
    for (int64_t e = 0; e < 4; ++e)
        store.recordEpoch(id, sampleEpoch(e, 30), kClasses);
    // Resumed from the epoch-2 checkpoint: epoch 3 again, without per-image details this time.
    EpochMetrics again = sampleEpoch(3, 0, false);
    again.testAccuracy = 0.99;
    again.testConfusion = sampleEpoch(3, 0).testConfusion;
    store.recordEpoch(id, again, kClasses);

    const std::vector<EpochMetrics> epochs = store.epochMetrics(id, true);
    ASSERT_EQ(epochs.size(), 4u);
    EXPECT_EQ(epochs[3].testAccuracy, 0.99);
    EXPECT_EQ(epochs[3].testConfusion, again.testConfusion);
    EXPECT_TRUE(epochs[3].trainConfusion.empty());
    EXPECT_TRUE(epochs[3].testPredictions.empty());
    EXPECT_TRUE(epochs[3].perClassAccuracy.empty());
    expectSameEpoch(epochs[2], sampleEpoch(2, 30), true);
    const RunRecord r = store.run(id);
    EXPECT_EQ(r.epochsDone, 4);
    EXPECT_EQ(r.bestEpoch, 3);
    EXPECT_EQ(r.bestTestAccuracy, 0.99);
}

TEST(ExperimentStore, MismatchedDetailSizesAreRejected)
{
    TempDir tmp;
    ExperimentStore store(tmp.path());
    const int64_t id = store.createRun(sampleRun("bad"));
    EpochMetrics wrongConfusion = sampleEpoch(0, 10);
    wrongConfusion.testConfusion.pop_back();
    const std::string message = errorOf([&] { store.recordEpoch(id, wrongConfusion, kClasses); });
    EXPECT_EQ(message,
        "run " + std::to_string(id)
            + " epoch 0: confusion matrix has 99 entries, expected 100 for 10 classes");
    EpochMetrics wrongPredictions = sampleEpoch(0, 10);
    wrongPredictions.testImageLoss.resize(9);
    EXPECT_NE(errorOf([&] { store.recordEpoch(id, wrongPredictions, kClasses); }).find("differ in length"),
        std::string::npos);
    EpochMetrics wrongTop = sampleEpoch(0, 10);
    wrongTop.testTopProbabilities.pop_back();
    EXPECT_NE(errorOf([&] { store.recordEpoch(id, wrongTop, kClasses); }).find("differ in length"),
        std::string::npos);
    EXPECT_TRUE(store.epochMetrics(id, true).empty());
    EXPECT_EQ(store.run(id).epochsDone, 0);
}

TEST(ExperimentStore, TwoInstancesOnOneFolderLikeGuiAndCli)
{
    TempDir tmp;
    ExperimentStore cli(tmp.path());
    ExperimentStore gui(tmp.path());
    EXPECT_TRUE(gui.listRuns().empty());
    const int64_t id = cli.createRun(sampleRun("shared"));
    cli.setStatus(id, RunStatus::Running);
    cli.appendBatchMetrics(id, {sampleBatch(0, 0, 2), sampleBatch(0, 1, 2)});
    cli.recordEpoch(id, sampleEpoch(0, 40), kClasses);

    ASSERT_EQ(gui.listRuns().size(), 1u);
    EXPECT_EQ(gui.run(id).status, RunStatus::Running);
    EXPECT_EQ(gui.batchMetrics(id).size(), 2u);
    ASSERT_EQ(gui.epochMetrics(id, true).size(), 1u);
    expectSameEpoch(gui.epochMetrics(id, true)[0], sampleEpoch(0, 40), true);

    // The GUI renames while the CLI keeps writing.
    gui.renameRun(id, "renamed in gui");
    cli.recordEpoch(id, sampleEpoch(1, 40), kClasses);
    EXPECT_EQ(cli.run(id).name, "renamed in gui");
    EXPECT_EQ(gui.run(id).epochsDone, 2);

    // WAL: a writer holding an open transaction does not block readers, who see the last commit.
    RawDb writer(cli.databasePath());
    ASSERT_TRUE(writer.exec("BEGIN IMMEDIATE"));
    ASSERT_TRUE(writer.exec("UPDATE runs SET name = 'uncommitted' WHERE id = " + std::to_string(id)));
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(gui.run(id).name, "renamed in gui");
    EXPECT_EQ(gui.epochMetrics(id, true).size(), 2u);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
    ASSERT_TRUE(writer.exec("COMMIT"));
    EXPECT_EQ(gui.run(id).name, "uncommitted");
    EXPECT_EQ(cli.integrityCheck(), "ok");
}

TEST(ExperimentStore, WriterWaitsForAnotherWriterInsteadOfFailing)
{
    TempDir tmp;
    ExperimentStore store(tmp.path());
    const int64_t id = store.createRun(sampleRun("busy"));
    const std::string path = store.databasePath();
    std::promise<void> locked;
    std::thread other([&] {
        RawDb writer(path);
        writer.exec("BEGIN IMMEDIATE");
        writer.exec("UPDATE runs SET message = 'other process' WHERE id = " + std::to_string(id));
        locked.set_value();
        std::this_thread::sleep_for(300ms);
        writer.exec("COMMIT");
    });
    locked.get_future().wait();
    const auto start = std::chrono::steady_clock::now();
    EXPECT_NO_THROW(store.appendBatchMetrics(id, {sampleBatch(0, 0, 1)}));
    EXPECT_NO_THROW(store.setStatus(id, RunStatus::Running, "mine"));
    const auto waited = std::chrono::steady_clock::now() - start;
    other.join();
    EXPECT_GE(waited, 150ms);
    EXPECT_EQ(store.run(id).message, "mine");
    EXPECT_EQ(store.batchMetrics(id).size(), 1u);
}

TEST(ExperimentStore, UnwritableFolderIsAnErrorNamingThePath)
{
    TempDir tmp;
    // Below a regular file: fails for root too.
    std::ofstream(tmp.file("file.txt")) << "not a folder";
    const std::string underFile = tmp.file("file.txt/store");
    std::string message = errorOf([&] { ExperimentStore store(underFile); });
    EXPECT_NE(message.find(underFile), std::string::npos) << message;
    EXPECT_EQ(message.rfind("store ", 0), 0u) << message;

    // Below a read-only folder: root ignores permissions, so only checked for other users.
    if (geteuid() != 0) {
        const std::string locked = tmp.file("locked");
        fs::create_directory(locked);
        fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
        message = errorOf([&] { ExperimentStore store(locked + "/store"); });
        EXPECT_NE(message.find(locked + "/store"), std::string::npos) << message;
        message = errorOf([&] { ExperimentStore store(locked); });
        EXPECT_NE(message.find(locked), std::string::npos) << message;
        fs::permissions(locked, fs::perms::owner_all);
    }
}

TEST(ExperimentStore, GarbageDatabaseFileIsAnError)
{
    TempDir tmp;
    std::ofstream out(tmp.file("runs.sqlite"), std::ios::binary);
    for (int i = 0; i < 512; ++i)
        out << "this is not sqlite ";
    out.close();
    const std::string message = errorOf([&] { ExperimentStore store(tmp.path()); });
    EXPECT_NE(message.find(tmp.path()), std::string::npos) << message;
    EXPECT_NE(message.find("runs.sqlite"), std::string::npos) << message;
    EXPECT_NE(message.find("not a database"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST(ExperimentStore, NewerSchemaIsRefused)
{
    TempDir tmp;
    {
        ExperimentStore store(tmp.path());
    }
    {
        RawDb raw(tmp.file("runs.sqlite"));
        ASSERT_TRUE(raw.exec("PRAGMA user_version = 99"));
    }
    const std::string message = errorOf([&] { ExperimentStore store(tmp.path()); });
    EXPECT_NE(message.find("schema version 99"), std::string::npos) << message;
}

TEST(ExperimentStore, VersionOneDatabaseIsMigratedAndKeepsItsPredictions)
{
    TempDir tmp;
    int64_t id = 0;
    {
        ExperimentStore store(tmp.path());
        id = store.createRun(sampleRun("old"));
        EpochMetrics epoch = sampleEpoch(0, 10);
        epoch.topK = 0;
        epoch.testTopClasses.clear();
        epoch.testTopProbabilities.clear();
        store.recordEpoch(id, epoch, kClasses);
    }
    {
        // What a database written by the first release looks like: no top-k columns.
        RawDb raw(tmp.file("runs.sqlite"));
        ASSERT_TRUE(raw.exec("ALTER TABLE predictions DROP COLUMN top_k"));
        ASSERT_TRUE(raw.exec("ALTER TABLE predictions DROP COLUMN top_classes"));
        ASSERT_TRUE(raw.exec("ALTER TABLE predictions DROP COLUMN top_probabilities"));
        ASSERT_TRUE(raw.exec("DROP TABLE parameter_stats"));
        ASSERT_TRUE(raw.exec("DROP TABLE run_log"));
        ASSERT_TRUE(raw.exec("PRAGMA user_version = 1"));
    }
    ExperimentStore store(tmp.path());
    const auto epochs = store.epochMetrics(id, true);
    ASSERT_EQ(epochs.size(), 1u);
    EXPECT_EQ(epochs[0].testPredictions.size(), 10u);
    EXPECT_EQ(epochs[0].topK, 0);
    EXPECT_TRUE(epochs[0].testTopClasses.empty());
    store.recordEpoch(id, sampleEpoch(1, 10), kClasses);
    expectSameEpoch(store.epochMetrics(id, true).at(1), sampleEpoch(1, 10), true);
}

TEST(ExperimentStore, VersionTwoDatabaseGainsParameterStatistics)
{
    TempDir tmp;
    int64_t id = 0;
    {
        ExperimentStore store(tmp.path());
        id = store.createRun(sampleRun("before the Weights tab"));
        EpochMetrics epoch = sampleEpoch(0, 10);
        epoch.parameters.clear();
        store.recordEpoch(id, epoch, kClasses);
    }
    {
        RawDb raw(tmp.file("runs.sqlite"));
        ASSERT_TRUE(raw.exec("DROP TABLE parameter_stats"));
        ASSERT_TRUE(raw.exec("DROP TABLE run_log"));
        ASSERT_TRUE(raw.exec("PRAGMA user_version = 2"));
    }
    ExperimentStore store(tmp.path());
    EXPECT_TRUE(store.epochMetrics(id, true).at(0).parameters.empty());
    store.recordEpoch(id, sampleEpoch(1, 10), kClasses);
    const EpochMetrics back = store.epochMetrics(id, true).at(1);
    ASSERT_EQ(back.parameters.size(), 2u);
    EXPECT_TRUE(std::isnan(back.parameters[1].gradientRms)); // a frozen parameter's NaN survives as NULL
    expectSameEpoch(back, sampleEpoch(1, 10), true);
    // A rewritten epoch without statistics loses the old ones; deleting the run removes the rest.
    EpochMetrics bare = sampleEpoch(1, 10);
    bare.parameters.clear();
    store.recordEpoch(id, bare, kClasses);
    EXPECT_TRUE(store.epochMetrics(id, true).at(1).parameters.empty());
    store.recordEpoch(id, sampleEpoch(2, 10), kClasses);
    store.deleteRun(id);
    RawDb raw(tmp.file("runs.sqlite"));
    EXPECT_EQ(raw.scalar("SELECT COUNT(*) FROM parameter_stats").toInt(), 0);
}

TEST(ExperimentStore, RunLogKeepsLinesInOrderWithTheirTimes)
{
    TempDir tmp;
    ExperimentStore store(tmp.path());
    const int64_t id = store.createRun(sampleRun("logged"));
    const int64_t other = store.createRun(sampleRun("other"));
    EXPECT_TRUE(store.runLog(id).empty());

    const std::string before = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();
    store.appendLog(id, "loading data.zip");
    store.appendLog(other, "another run's line");
    store.appendLog(id, "warning: ünïcode, \"quotes\", commas\nand a second line");
    const std::string after = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();
    // Imported lines keep their times; an empty time is stamped now.
    store.appendLog(id, std::vector<RunLogEntry> {{0, "2024-05-01T12:00:00.000Z", "imported"}, {0, "", "stamped"}});
    store.appendLog(id, std::vector<RunLogEntry> {});

    const std::vector<RunLogEntry> log = store.runLog(id);
    ASSERT_EQ(log.size(), 4u);
    for (size_t i = 0; i < log.size(); ++i)
        EXPECT_EQ(log[i].seq, static_cast<int64_t>(i));
    EXPECT_EQ(log[0].message, "loading data.zip");
    EXPECT_EQ(log[1].message, "warning: ünïcode, \"quotes\", commas\nand a second line");
    EXPECT_EQ(log[2].message, "imported");
    EXPECT_EQ(log[2].at, "2024-05-01T12:00:00.000Z");
    EXPECT_EQ(log[3].message, "stamped");
    // ISO 8601 UTC with milliseconds, between the clock readings around the write (they sort as text).
    EXPECT_EQ(log[0].at.size(), before.size());
    EXPECT_GE(log[0].at, before);
    EXPECT_LE(log[1].at, after);
    EXPECT_GE(log[3].at, after);

    // A viewer following the run asks only for what is new.
    const std::vector<RunLogEntry> tail = store.runLog(id, 2);
    ASSERT_EQ(tail.size(), 2u);
    EXPECT_EQ(tail[0].seq, 2);
    EXPECT_TRUE(store.runLog(id, 4).empty());
    ASSERT_EQ(store.runLog(other).size(), 1u);
    EXPECT_EQ(store.runLog(other)[0].seq, 0);

    EXPECT_EQ(errorOf([&] { store.appendLog(999, "nobody"); }), "run 999: no such run");
    store.deleteRun(id);
    EXPECT_TRUE(store.runLog(id).empty());
    RawDb raw(store.databasePath());
    EXPECT_EQ(raw.scalar("SELECT COUNT(*) FROM run_log WHERE run_id = " + std::to_string(id)).toInt(), 0);
    EXPECT_EQ(store.runLog(other).size(), 1u);
}

TEST(ExperimentStore, VersionThreeDatabaseGainsRunLogs)
{
    TempDir tmp;
    int64_t id = 0;
    {
        ExperimentStore store(tmp.path());
        id = store.createRun(sampleRun("before the Log tab"));
        store.recordEpoch(id, sampleEpoch(0, 10), kClasses);
    }
    {
        RawDb raw(tmp.file("runs.sqlite"));
        ASSERT_TRUE(raw.exec("DROP TABLE run_log"));
        ASSERT_TRUE(raw.exec("PRAGMA user_version = 3"));
    }
    ExperimentStore store(tmp.path());
    EXPECT_TRUE(store.runLog(id).empty());
    EXPECT_EQ(store.epochMetrics(id, false).size(), 1u);
    store.appendLog(id, "resumed");
    ASSERT_EQ(store.runLog(id).size(), 1u);
    EXPECT_EQ(RawDb(tmp.file("runs.sqlite")).scalar("PRAGMA user_version").toInt(), ExperimentStore::schemaVersion());
}

TEST(ExperimentStore, ParameterHistogramsOfTheWrongSizeAreRejected)
{
    TempDir tmp;
    ExperimentStore store(tmp.path());
    const int64_t id = store.createRun(sampleRun("bad histogram"));
    EpochMetrics epoch = sampleEpoch(0, 10);
    epoch.parameters[0].gradientHistogram.resize(5);
    try {
        store.recordEpoch(id, epoch, kClasses);
        FAIL() << "a 5-bin histogram was stored";
    } catch (const Error &e) {
        EXPECT_STREQ(e.what(), "run 1 epoch 0: parameter layer1.0.conv1.weight: a histogram has 5 bins, expected 32");
    }
    EXPECT_TRUE(store.epochMetrics(id, true).empty());
}

TEST(ExperimentStore, DamagedParameterStatisticsAreReportedNotMisread)
{
    TempDir tmp;
    ExperimentStore store(tmp.path());
    const int64_t id = store.createRun(sampleRun("damaged"));
    store.recordEpoch(id, sampleEpoch(0, 10), kClasses);
    for (const char *damage : {"UPDATE parameter_stats SET weight_hist = x'0102' WHERE idx = 0",
                               "UPDATE parameter_stats SET gradient_hist = x'00000000' WHERE idx = 0",
                               "UPDATE parameter_stats SET shape = '64,x,3' WHERE idx = 0"}) {
        SCOPED_TRACE(damage);
        store.recordEpoch(id, sampleEpoch(0, 10), kClasses);
        {
            RawDb raw(tmp.file("runs.sqlite"));
            ASSERT_TRUE(raw.exec(damage));
        }
        try {
            store.epochMetrics(id, true);
            FAIL() << "damaged statistics were read";
        } catch (const Error &e) {
            EXPECT_EQ(std::string(e.what()),
                      "store " + store.folder() + ": run 1 epoch 0: corrupt statistics of parameter layer1.0.conv1.weight");
        }
        // The epoch rows themselves still read without details.
        EXPECT_EQ(store.epochMetrics(id, false).size(), 1u);
    }
}

TEST(ExperimentStore, NewDatabaseSkipsIdsOfLeftoverRunFolders)
{
    TempDir tmp;
    fs::create_directories(tmp.file("runs/7"));
    std::ofstream(tmp.file("runs/7/checkpoint.pt")) << "old run";
    ExperimentStore store(tmp.path());
    const int64_t id = store.createRun(sampleRun("fresh"));
    EXPECT_EQ(id, 8);
    EXPECT_TRUE(fs::exists(tmp.file("runs/7/checkpoint.pt")));
}

class EnvironmentGuard
{
public:
    explicit EnvironmentGuard(const char *name)
        : m_name(name)
    {
        if (const char *value = std::getenv(name))
            m_old = value;
    }
    ~EnvironmentGuard()
    {
        if (m_old)
            setenv(m_name, m_old->c_str(), 1);
        else
            unsetenv(m_name);
    }

private:
    const char *m_name;
    std::optional<std::string> m_old;
};

TEST(ExperimentStore, DefaultFolderFollowsEnvironment)
{
    EnvironmentGuard home("HOME");
    EnvironmentGuard data("XDG_DATA_HOME");
    EnvironmentGuard cifarlab("CIFARLAB_HOME");
    setenv("HOME", "/home/tester", 1);
    unsetenv("XDG_DATA_HOME");
    unsetenv("CIFARLAB_HOME");
    EXPECT_EQ(ExperimentStore::defaultFolder(), "/home/tester/.local/share/cifarlab");
    setenv("XDG_DATA_HOME", "/xdg/data", 1);
    EXPECT_EQ(ExperimentStore::defaultFolder(), "/xdg/data/cifarlab");
    setenv("CIFARLAB_HOME", "/srv/cifarlab", 1);
    EXPECT_EQ(ExperimentStore::defaultFolder(), "/srv/cifarlab");
}

TEST(ExperimentStore, UseFromAnotherThreadIsRefused)
{
    TempDir tmp;
    ExperimentStore store(tmp.path());
    std::string message;
    std::thread([&] {
        try {
            store.listRuns();
        } catch (const Error &e) {
            message = e.what();
        }
    }).join();
    EXPECT_NE(message.find("thread"), std::string::npos) << message;
    EXPECT_TRUE(store.listRuns().empty());
}

TEST(RunRecorder, BuffersBatchesUntilTheIntervalOrAnEpoch)
{
    TempDir tmp;
    ExperimentStore store(tmp.path());
    const int64_t id = store.createRun(sampleRun("recorder"));
    {
        RunRecorder recorder(store, id, kClasses, std::chrono::hours(1));
        for (int64_t b = 0; b < 5; ++b)
            recorder.onBatch(sampleBatch(0, b, 5));
        EXPECT_EQ(recorder.pendingBatches(), 5u);
        EXPECT_TRUE(store.batchMetrics(id).empty());
        recorder.onEpoch(sampleEpoch(0, 16));
        EXPECT_EQ(recorder.pendingBatches(), 0u);
        EXPECT_EQ(store.batchMetrics(id).size(), 5u);
        ASSERT_EQ(store.epochMetrics(id, true).size(), 1u);
        expectSameEpoch(store.epochMetrics(id, true)[0], sampleEpoch(0, 16), true);

        recorder.onBatch(sampleBatch(1, 0, 5));
        recorder.onBatch(sampleBatch(1, 1, 5));
        EXPECT_EQ(store.batchMetrics(id).size(), 5u);
        recorder.flush();
        EXPECT_EQ(store.batchMetrics(id).size(), 7u);
        recorder.onBatch(sampleBatch(1, 2, 5));
    }
    // The destructor flushed the last one.
    const std::vector<BatchMetrics> batches = store.batchMetrics(id);
    ASSERT_EQ(batches.size(), 8u);
    expectSameBatch(batches.back(), sampleBatch(1, 2, 5));
}

TEST(RunRecorder, WritesWhenTheIntervalHasPassed)
{
    TempDir tmp;
    ExperimentStore store(tmp.path());
    const int64_t id = store.createRun(sampleRun("interval"));
    RunRecorder recorder(store, id, kClasses, 50ms);
    recorder.onBatch(sampleBatch(0, 0, 10));
    EXPECT_EQ(recorder.pendingBatches(), 1u);
    std::this_thread::sleep_for(60ms);
    recorder.onBatch(sampleBatch(0, 1, 10));
    EXPECT_EQ(recorder.pendingBatches(), 0u);
    EXPECT_EQ(store.batchMetrics(id).size(), 2u);

    RunRecorder eager(store, id, kClasses, 0ms);
    eager.onBatch(sampleBatch(0, 2, 10));
    EXPECT_EQ(store.batchMetrics(id).size(), 3u);
}

// --- Crash safety: a writer killed with SIGKILL mid-write loses no finished epoch. ---

constexpr int64_t kCrashBatches = 40;
constexpr int64_t kCrashImages = 2000;

void writeLine(int fd, const std::string &line)
{
    const std::string text = line + "\n";
    if (write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()))
        _exit(3);
}

[[noreturn]] void crashChild(const std::string &folder, int fd, int round)
{
    int code = 0;
    try {
        ExperimentStore store(folder);
        const int64_t id = store.createRun(sampleRun("crash " + std::to_string(round)));
        store.setStatus(id, RunStatus::Running);
        writeLine(fd, "run " + std::to_string(id));
        RunRecorder recorder(store, id, kClasses, 1ms);
        for (int64_t epoch = 0; epoch < 100000; ++epoch) {
            for (int64_t b = 0; b < kCrashBatches; ++b)
                recorder.onBatch(sampleBatch(epoch, b, kCrashBatches));
            recorder.onEpoch(sampleEpoch(epoch, kCrashImages));
            // updateRun writes every field: read, change, write back.
            RunRecord record = store.run(id);
            record.wallSeconds = static_cast<double>(epoch);
            store.updateRun(record);
            writeLine(fd, "epoch " + std::to_string(epoch));
        }
    } catch (const std::exception &e) {
        writeLine(fd, std::string("error ") + e.what());
        code = 2;
    }
    _exit(code);
}

// Reads the child's lines until `enough` says stop or the pipe closes; false on a 20 s timeout.
bool readLines(
    int fd, std::string &buffer, std::vector<std::string> &lines, const std::function<bool()> &enough)
{
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (!enough()) {
        pollfd p {fd, POLLIN, 0};
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        if (poll(&p, 1, 100) <= 0)
            continue;
        char chunk[4096];
        const ssize_t n = read(fd, chunk, sizeof chunk);
        if (n <= 0)
            return true; // closed
        buffer.append(chunk, static_cast<size_t>(n));
        size_t end;
        while ((end = buffer.find('\n')) != std::string::npos) {
            lines.push_back(buffer.substr(0, end));
            buffer.erase(0, end + 1);
        }
    }
    return true;
}

TEST(CrashSafety, SigkillMidWriteLosesNoFinishedEpoch)
{
    TempDir tmp;
    const std::string folder = tmp.file("store");
    // Several rounds: each child reopens a store that the previous one left mid-transaction.
    for (int round = 0; round < 3; ++round) {
        int fds[2];
        ASSERT_EQ(pipe(fds), 0);
        const pid_t pid = fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            close(fds[0]);
            crashChild(folder, fds[1], round);
        }
        close(fds[1]);

        std::string buffer;
        std::vector<std::string> lines;
        int64_t runId = -1;
        int64_t lastEpoch = -1;
        const auto scan = [&] {
            for (const std::string &line : lines) {
                if (line.rfind("run ", 0) == 0)
                    runId = std::stoll(line.substr(4));
                else if (line.rfind("epoch ", 0) == 0)
                    lastEpoch = std::max<int64_t>(lastEpoch, std::stoll(line.substr(6)));
                else
                    ADD_FAILURE() << "child: " << line;
            }
        };
        const int64_t killAfter = 3 + round;
        const bool ok = readLines(fds[0], buffer, lines, [&] {
            scan();
            return lastEpoch >= killAfter;
        });
        // Let the child get into the middle of the next epoch's writes.
        std::this_thread::sleep_for(std::chrono::milliseconds(2 + 3 * round));
        kill(pid, SIGKILL);
        int status = 0;
        ASSERT_EQ(waitpid(pid, &status, 0), pid);
        // Whatever the child reported before it died is in the pipe still.
        readLines(fds[0], buffer, lines, [] { return false; });
        close(fds[0]);
        scan();
        ASSERT_TRUE(ok) << "the child did not report in time";
        ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
            << "child exited on its own: " << status;
        ASSERT_GE(runId, 1);
        ASSERT_GE(lastEpoch, killAfter);

        ExperimentStore store(folder);
        EXPECT_EQ(store.integrityCheck(), "ok");
        const std::vector<EpochMetrics> epochs = store.epochMetrics(runId, true);
        ASSERT_GE(static_cast<int64_t>(epochs.size()), lastEpoch + 1);
        for (int64_t e = 0; e <= lastEpoch; ++e)
            expectSameEpoch(epochs[static_cast<size_t>(e)], sampleEpoch(e, kCrashImages), true);
        const std::vector<BatchMetrics> batches = store.batchMetrics(runId);
        ASSERT_GE(static_cast<int64_t>(batches.size()), (lastEpoch + 1) * kCrashBatches);
        for (int64_t s = 0; s < (lastEpoch + 1) * kCrashBatches; ++s)
            expectSameBatch(batches[static_cast<size_t>(s)],
                sampleBatch(s / kCrashBatches, s % kCrashBatches, kCrashBatches));
        const RunRecord run = store.run(runId);
        EXPECT_EQ(run.status, RunStatus::Running);
        EXPECT_GE(run.epochsDone, lastEpoch + 1);
        EXPECT_GE(run.wallSeconds, static_cast<double>(lastEpoch));
        EXPECT_EQ(static_cast<int>(store.listRuns().size()), round + 1);
    }
}

} // namespace
} // namespace cifarlab
