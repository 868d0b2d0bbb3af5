// Run bundles: runs go through a .cifarlab.zip bit for bit, and hostile or damaged zips are
// refused before the store is touched.
#include "core/error.h"
#include "core/experiment_store.h"
#include "core/run_bundle.h"
#include "support/cli_runner.h"
#include "support/error_of.h"
#include "support/sample_metrics.h"
#include "support/temp_dir.h"

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <tuple>
#include <vector>

namespace cifarlab {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

constexpr int64_t kClasses = 10;
constexpr int64_t kImages = 50;
const char *const kMarker = "CIFARLAB-CHECKPOINT-MARKER-";
const double kNaN = std::numeric_limits<double>::quiet_NaN();

using test::errorOf;

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

void writeFile(const std::string &path, const QByteArray &bytes)
{
    QFile file(q(path));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        throw std::runtime_error("cannot write " + path);
}

QByteArray readFile(const std::string &path)
{
    QFile file(q(path));
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read " + path);
    return file.readAll();
}

std::string markerOf(uint32_t seed)
{
    return kMarker + std::to_string(seed) + "|";
}

// Pseudo-random bytes (weights do not compress) with a marker in the middle to find in the zip.
QByteArray checkpointBytes(uint32_t seed, int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    uint32_t state = seed * 2654435761u + 1;
    for (int i = 0; i < size; ++i) {
        state = state * 1664525u + 1013904223u;
        bytes[i] = static_cast<char>(state >> 24);
    }
    if (size > 1000)
        bytes.replace(size / 2, static_cast<qsizetype>(markerOf(seed).size()), markerOf(seed).c_str());
    return bytes;
}

RunRecord sampleRun(const std::string &name)
{
    RunRecord r;
    r.name = name;
    r.architecture = "resnet18";
    r.datasetName = "CIFAR-10";
    r.datasetSource = "/data/cifar-10-batches-bin";
    r.preset = "standard";
    r.configJson = "{\"batchSize\": 256,\n \"lr\": 0.1, \"note\": \"ünïcode, \\\"quoted\\\"\"}";
    r.hostInfo = "test host, 2 cores, Linux";
    r.classNames = {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};
    r.parameters = 11173962;
    r.modelBytes = 44695848;
    return r;
}

BatchMetrics sampleBatch(int64_t epoch, int64_t batch, int64_t batchesPerEpoch)
{
    return test::sampleBatch(epoch, batch, batchesPerEpoch);
}

EpochMetrics sampleEpoch(int64_t epoch, bool details, int32_t topK)
{
    return test::sampleEpoch(epoch, {kClasses, kImages, details, topK, true});
}

struct SourceRuns
{
    int64_t alpha = 0, beta = 0, gamma = 0;
};

// Two runs holding everything a store keeps for a run, and a third that is never exported.
SourceRuns fillStore(ExperimentStore &store)
{
    SourceRuns ids;
    RunRecord a = sampleRun("alpha");
    ids.alpha = store.createRun(a);
    std::vector<BatchMetrics> batches;
    for (int64_t e = 0; e < 4; ++e)
        for (int64_t b = 0; b < 5; ++b)
            batches.push_back(sampleBatch(e, b, 5));
    batches[3].loss = kNaN;
    batches[4].accuracy = -0.0;
    batches[5].learningRate = std::numeric_limits<double>::infinity();
    batches[6].imagesPerSecond = 5e-324; // the smallest denormal
    store.appendBatchMetrics(ids.alpha, batches);
    store.setStatus(ids.alpha, RunStatus::Running);
    for (int64_t e = 0; e < 4; ++e)
        store.recordEpoch(ids.alpha, sampleEpoch(e, e != 1, 5), kClasses); // epoch 1 without details
    store.setStatus(ids.alpha, RunStatus::Completed, "finished: 4 epochs \xe2\x9c\x93");
    RunRecord ra = store.run(ids.alpha);
    ra.wallSeconds = 123.456789012345;
    ra.imagesPerSecond = 9876.54321;
    ra.modelBytes = (int64_t(1) << 53) + 1; // not representable as a double
    store.updateRun(ra);
    store.setTags(ids.alpha, {"baseline", "exp/\xcf\x84=0.5", "with, comma"});
    store.appendLog(ids.alpha, std::vector<RunLogEntry> {{0, "2024-05-01T12:00:01.250Z", "loading data.zip"},
                                   {0, "2024-05-01T12:03:00.000Z", "warning: \"quoted\", ünïcode\nsecond line"},
                                   {0, "2024-05-01T12:09:59.999Z", "completed 4 epochs"}});
    store.restoreTimestamps(ids.alpha, "2024-05-01T12:00:00.123Z", "2024-05-02T08:30:00.456Z");
    const std::string alphaFolder = store.runFolder(ids.alpha);
    writeFile(alphaFolder + "/checkpoint-best.pt", checkpointBytes(1, 300000));
    writeFile(alphaFolder + "/checkpoint-latest.pt", checkpointBytes(2, 200000));
    writeFile(alphaFolder + "/checkpoint-epoch-2.pt", checkpointBytes(3, 5000));
    writeFile(alphaFolder + "/checkpoint-latest.pt.tmp", "a checkpoint being written");

    RunRecord b = sampleRun("beta");
    b.architecture = "baseline";
    b.preset = "";
    b.classNames = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
    ids.beta = store.createRun(b);
    store.appendBatchMetrics(ids.beta, {sampleBatch(0, 0, 2), sampleBatch(0, 1, 2), sampleBatch(1, 0, 2)});
    store.setStatus(ids.beta, RunStatus::Running);
    EpochMetrics e0 = sampleEpoch(0, true, 3);
    EpochMetrics e1 = sampleEpoch(1, true, 0);
    e1.testTopClasses.clear();
    e1.testTopProbabilities.clear();
    e1.testLoss = kNaN;
    store.recordEpoch(ids.beta, e0, kClasses);
    store.recordEpoch(ids.beta, e1, kClasses);
    store.setStatus(ids.beta, RunStatus::Diverged, "loss is NaN at step 7");
    RunRecord rb = store.run(ids.beta);
    rb.finalTestLoss = kNaN;
    rb.bestEpoch = 0;
    store.updateRun(rb);
    store.setTags(ids.beta, {});
    writeFile(store.runFolder(ids.beta) + "/checkpoint-latest.pt", QByteArray()); // empty file

    ids.gamma = store.createRun(sampleRun("gamma"));
    writeFile(store.runFolder(ids.gamma) + "/checkpoint-latest.pt", checkpointBytes(4, 1000));
    return ids;
}

// Bitwise, so NaN equals NaN and -0 differs from 0.
template<typename T> bool sameBits(const T &a, const T &b)
{
    return std::memcmp(&a, &b, sizeof(T)) == 0 || (std::isnan(a) && std::isnan(b));
}

template<typename T> bool sameVector(const std::vector<T> &a, const std::vector<T> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (!sameBits(a[i], b[i]))
            return false;
    return true;
}

void expectSameRecord(const RunRecord &a, const RunRecord &b)
{
    EXPECT_EQ(a.architecture, b.architecture);
    EXPECT_EQ(a.datasetName, b.datasetName);
    EXPECT_EQ(a.datasetSource, b.datasetSource);
    EXPECT_EQ(a.preset, b.preset);
    EXPECT_EQ(a.configJson, b.configJson);
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.message, b.message);
    EXPECT_EQ(a.createdAt, b.createdAt);
    EXPECT_EQ(a.updatedAt, b.updatedAt);
    EXPECT_EQ(a.startedAt, b.startedAt);
    EXPECT_EQ(a.finishedAt, b.finishedAt);
    EXPECT_EQ(a.epochsDone, b.epochsDone);
    EXPECT_TRUE(sameBits(a.bestTestAccuracy, b.bestTestAccuracy))
        << a.bestTestAccuracy << " vs " << b.bestTestAccuracy;
    EXPECT_EQ(a.bestEpoch, b.bestEpoch);
    EXPECT_TRUE(sameBits(a.finalTrainAccuracy, b.finalTrainAccuracy));
    EXPECT_TRUE(sameBits(a.finalTestAccuracy, b.finalTestAccuracy));
    EXPECT_TRUE(sameBits(a.finalTestLoss, b.finalTestLoss)) << a.finalTestLoss << " vs " << b.finalTestLoss;
    EXPECT_TRUE(sameBits(a.wallSeconds, b.wallSeconds));
    EXPECT_TRUE(sameBits(a.imagesPerSecond, b.imagesPerSecond));
    EXPECT_EQ(a.parameters, b.parameters);
    EXPECT_EQ(a.modelBytes, b.modelBytes);
    EXPECT_EQ(a.hostInfo, b.hostInfo);
    EXPECT_EQ(a.classNames, b.classNames);
    EXPECT_EQ(a.tags, b.tags);
}

void expectSameBatches(const std::vector<BatchMetrics> &a, const std::vector<BatchMetrics> &b)
{
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        SCOPED_TRACE("batch row " + std::to_string(i));
        EXPECT_EQ(a[i].epoch, b[i].epoch);
        EXPECT_EQ(a[i].batch, b[i].batch);
        EXPECT_EQ(a[i].batchesPerEpoch, b[i].batchesPerEpoch);
        EXPECT_EQ(a[i].globalStep, b[i].globalStep);
        EXPECT_EQ(a[i].totalSteps, b[i].totalSteps);
        EXPECT_TRUE(sameBits(a[i].loss, b[i].loss)) << a[i].loss << " vs " << b[i].loss;
        EXPECT_TRUE(sameBits(a[i].accuracy, b[i].accuracy)) << a[i].accuracy << " vs " << b[i].accuracy;
        EXPECT_TRUE(sameBits(a[i].learningRate, b[i].learningRate));
        EXPECT_TRUE(sameBits(a[i].imagesPerSecond, b[i].imagesPerSecond));
        EXPECT_TRUE(sameBits(a[i].elapsedSeconds, b[i].elapsedSeconds));
    }
}

void expectSameEpochs(const std::vector<EpochMetrics> &a, const std::vector<EpochMetrics> &b)
{
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        SCOPED_TRACE("epoch row " + std::to_string(i));
        EXPECT_EQ(a[i].epoch, b[i].epoch);
        EXPECT_EQ(a[i].epochs, b[i].epochs);
        EXPECT_TRUE(sameBits(a[i].trainLoss, b[i].trainLoss));
        EXPECT_TRUE(sameBits(a[i].trainAccuracy, b[i].trainAccuracy));
        EXPECT_TRUE(sameBits(a[i].testLoss, b[i].testLoss));
        EXPECT_TRUE(sameBits(a[i].testAccuracy, b[i].testAccuracy));
        EXPECT_TRUE(sameBits(a[i].learningRate, b[i].learningRate));
        EXPECT_TRUE(sameBits(a[i].seconds, b[i].seconds));
        EXPECT_TRUE(sameBits(a[i].elapsedSeconds, b[i].elapsedSeconds));
        EXPECT_TRUE(sameBits(a[i].imagesPerSecond, b[i].imagesPerSecond));
        EXPECT_TRUE(sameVector(a[i].perClassAccuracy, b[i].perClassAccuracy));
        EXPECT_EQ(a[i].testConfusion, b[i].testConfusion);
        EXPECT_EQ(a[i].trainConfusion, b[i].trainConfusion);
        EXPECT_EQ(a[i].testPredictions, b[i].testPredictions);
        EXPECT_TRUE(sameVector(a[i].testConfidence, b[i].testConfidence));
        EXPECT_TRUE(sameVector(a[i].testImageLoss, b[i].testImageLoss));
        EXPECT_EQ(a[i].topK, b[i].topK);
        EXPECT_EQ(a[i].testTopClasses, b[i].testTopClasses);
        EXPECT_TRUE(sameVector(a[i].testTopProbabilities, b[i].testTopProbabilities));
        std::string why;
        EXPECT_TRUE(test::sameParameters(a[i].parameters, b[i].parameters, &why)) << why;
    }
}

// name -> bytes of the regular files directly in a folder.
std::map<std::string, QByteArray> folderFiles(const std::string &folder)
{
    std::map<std::string, QByteArray> files;
    for (const auto &entry : fs::directory_iterator(folder))
        if (entry.is_regular_file())
            files[entry.path().filename().string()] = readFile(entry.path().string());
    return files;
}

// Every path under a folder (symlinks as links) with the bytes of regular files; the database
// files are left out (SQLite may touch them on a read).
std::map<std::string, QByteArray> treeSnapshot(const std::string &folder)
{
    std::map<std::string, QByteArray> tree;
    for (auto it = fs::recursive_directory_iterator(folder); it != fs::recursive_directory_iterator(); ++it) {
        const std::string relative = fs::relative(it->path(), folder).string();
        if (relative.rfind("runs.sqlite", 0) == 0)
            continue;
        const auto status = it->symlink_status();
        if (fs::is_symlink(status))
            tree[relative] = "symlink";
        else if (fs::is_regular_file(status))
            tree[relative] = readFile(it->path().string());
        else
            tree[relative] = "folder";
    }
    return tree;
}

std::vector<std::pair<int64_t, std::string>> runList(const ExperimentStore &store)
{
    std::vector<std::pair<int64_t, std::string>> runs;
    for (const RunRecord &r : store.listRuns())
        runs.emplace_back(r.id, r.name);
    return runs;
}

struct ZipEntry
{
    std::string name;
    QByteArray data;
    quint32 externalAttr = 0100644u << 16; // a plain file, rw-r--r--
    int method = Z_DEFLATED;
};

std::vector<ZipEntry> readZip(const std::string &path)
{
    std::vector<ZipEntry> entries;
    QuaZip zip(q(path));
    if (!zip.open(QuaZip::mdUnzip))
        throw std::runtime_error("cannot open " + path);
    for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile()) {
        QuaZipFile file(&zip);
        if (!file.open(QIODevice::ReadOnly))
            throw std::runtime_error("cannot read an entry of " + path);
        ZipEntry e;
        e.name = zip.getCurrentFileName().toStdString();
        e.data = file.readAll();
        file.close();
        entries.push_back(std::move(e));
    }
    return entries;
}

void writeZip(const std::string &path, const std::vector<ZipEntry> &entries)
{
    QuaZip zip(q(path));
    if (!zip.open(QuaZip::mdCreate))
        throw std::runtime_error("cannot create " + path);
    for (const ZipEntry &e : entries) {
        QuaZipNewInfo info(q(e.name));
        info.externalAttr = e.externalAttr;
        QuaZipFile file(&zip);
        if (!file.open(
                QIODevice::WriteOnly, info, nullptr, 0, e.method, e.method == 0 ? 0 : Z_DEFAULT_COMPRESSION)
            || file.write(e.data) != e.data.size())
            throw std::runtime_error("cannot write " + e.name + " into " + path);
        file.close();
    }
    zip.close();
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

// ------------------------------------------------------------------------------------------------

TEST(RunBundle, RoundTripIntoAnEmptyStoreKeepsEverything)
{
    TempDir tmp;
    ExperimentStore source(tmp.file("source"));
    const SourceRuns ids = fillStore(source);
    const std::string zip = tmp.file("two runs.cifarlab.zip");

    std::vector<double> fractions;
    BundleProgress progress;
    progress.onProgress
        = [&fractions](double fraction, const std::string &) { fractions.push_back(fraction); };
    exportRunBundle(source, {ids.alpha, ids.beta}, zip, progress);
    EXPECT_TRUE(fs::is_regular_file(zip));
    EXPECT_FALSE(fs::exists(zip + ".part"));
    ASSERT_FALSE(fractions.empty());
    EXPECT_TRUE(std::is_sorted(fractions.begin(), fractions.end()));
    EXPECT_DOUBLE_EQ(fractions.back(), 1.0);

    // The documented layout, with people-readable metric tables.
    std::map<std::string, QByteArray> entries;
    for (ZipEntry &e : readZip(zip))
        entries[e.name] = e.data;
    const std::string a = "runs/" + std::to_string(ids.alpha) + "/";
    const std::string b = "runs/" + std::to_string(ids.beta) + "/";
    for (const std::string &name : {std::string("manifest.json"), a + "run.json", a + "batch_metrics.csv",
             a + "epoch_metrics.csv", a + "log.json", b + "log.json", a + "epochs/0.json", a + "epochs/2.json", a + "epochs/3.json",
             a + "checkpoints/checkpoint-best.pt", a + "checkpoints/checkpoint-latest.pt",
             a + "checkpoints/checkpoint-epoch-2.pt", b + "run.json", b + "epochs/1.json",
             b + "checkpoints/checkpoint-latest.pt"})
        EXPECT_EQ(entries.count(name), 1u) << name;
    EXPECT_EQ(entries.count(a + "epochs/1.json"), 0u) << "epoch 1 has no details";
    EXPECT_EQ(entries.count(a + "checkpoints/checkpoint-latest.pt.tmp"), 0u) << "a checkpoint being written";
    for (const auto &[name, data] : entries)
        EXPECT_FALSE(contains(name, "runs/" + std::to_string(ids.gamma) + "/")) << name;
    const std::string csv = entries[a + "batch_metrics.csv"].toStdString();
    EXPECT_EQ(csv.substr(0, csv.find('\n')),
        "global_step,epoch,batch,batches_per_epoch,total_steps,loss,accuracy,learning_rate,images_per_second,"
        "elapsed_seconds");
    EXPECT_TRUE(contains(csv, "\n0,0,0,5,5000,2.302585092994046,0.3333333333333333,0.1,1234.5678,1e-12\n"))
        << csv;
    EXPECT_TRUE(contains(csv, ",nan,")) << csv;
    EXPECT_EQ(entries[a + "checkpoints/checkpoint-best.pt"], checkpointBytes(1, 300000));

    ExperimentStore target(tmp.file("target"));
    fractions.clear();
    const std::vector<int64_t> imported = importRunBundle(target, zip, progress);
    ASSERT_EQ(imported.size(), 2u);
    EXPECT_EQ(target.listRuns().size(), 2u);
    ASSERT_FALSE(fractions.empty());
    EXPECT_TRUE(std::is_sorted(fractions.begin(), fractions.end()));
    EXPECT_DOUBLE_EQ(fractions.back(), 1.0);
    const std::vector<std::pair<int64_t, int64_t>> pairs
        = {{ids.alpha, imported[0]}, {ids.beta, imported[1]}};
    for (const auto &[from, to] : pairs) {
        SCOPED_TRACE("run " + std::to_string(from));
        const RunRecord original = source.run(from);
        const RunRecord copy = target.run(to);
        EXPECT_EQ(copy.name, original.name);
        expectSameRecord(original, copy);
        expectSameBatches(source.batchMetrics(from), target.batchMetrics(to));
        expectSameEpochs(source.epochMetrics(from, true), target.epochMetrics(to, true));
        const std::vector<RunLogEntry> log = source.runLog(from);
        const std::vector<RunLogEntry> copied = target.runLog(to);
        ASSERT_EQ(copied.size(), log.size());
        for (size_t i = 0; i < log.size(); ++i) {
            EXPECT_EQ(copied[i].seq, log[i].seq);
            EXPECT_EQ(copied[i].at, log[i].at);
            EXPECT_EQ(copied[i].message, log[i].message);
        }
        std::map<std::string, QByteArray> files = folderFiles(source.runFolder(from));
        files.erase("checkpoint-latest.pt.tmp");
        EXPECT_EQ(folderFiles(target.runFolder(to)), files);
    }
    EXPECT_EQ(target.run(imported[0]).modelBytes, (int64_t(1) << 53) + 1);
    EXPECT_TRUE(std::isnan(target.run(imported[1]).finalTestLoss));
    EXPECT_EQ(target.run(imported[0]).createdAt, "2024-05-01T12:00:00.123Z");
    EXPECT_EQ(target.runLog(imported[0]).size(), 3u);
    EXPECT_TRUE(target.runLog(imported[1]).empty());
    EXPECT_EQ(target.integrityCheck(), "ok");
}

TEST(RunBundle, ExportOfAnUnknownRunLeavesNoFile)
{
    TempDir tmp;
    ExperimentStore store(tmp.file("store"));
    const SourceRuns ids = fillStore(store);
    const std::string zip = tmp.file("out.cifarlab.zip");
    const std::string message = errorOf([&] { exportRunBundle(store, {ids.alpha, 999}, zip); });
    EXPECT_TRUE(contains(message, "run 999")) << message;
    EXPECT_FALSE(fs::exists(zip));
    EXPECT_FALSE(fs::exists(zip + ".part"));
    const std::string noFolder
        = errorOf([&] { exportRunBundle(store, {ids.alpha}, tmp.file("missing/out.zip")); });
    EXPECT_TRUE(contains(noFolder, tmp.file("missing/out.zip"))) << noFolder;
    EXPECT_FALSE(fs::exists(tmp.file("missing")));
}

TEST(RunBundle, NameClashGetsImportedSuffix)
{
    TempDir tmp;
    ExperimentStore source(tmp.file("source"));
    const SourceRuns ids = fillStore(source);
    const std::string zip = tmp.file("bundle.cifarlab.zip");
    exportRunBundle(source, {ids.alpha, ids.beta}, zip);

    ExperimentStore target(tmp.file("target"));
    const int64_t existing = target.createRun(sampleRun("alpha"));
    const std::vector<int64_t> first = importRunBundle(target, zip);
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(target.run(existing).name, "alpha");
    EXPECT_EQ(target.run(first[0]).name, "alpha (imported)");
    EXPECT_EQ(target.run(first[1]).name, "beta");
    expectSameRecord(source.run(ids.alpha), target.run(first[0]));

    const std::vector<int64_t> second = importRunBundle(target, zip);
    ASSERT_EQ(second.size(), 2u);
    EXPECT_EQ(target.run(second[0]).name, "alpha (imported 2)");
    EXPECT_EQ(target.run(second[1]).name, "beta (imported)");
    EXPECT_EQ(target.listRuns().size(), 5u);
    // findRun by name stays unambiguous.
    EXPECT_EQ(target.findRun("beta")->id, first[1]);
}

// A valid bundle to damage, and a target store with one run whose state must survive every refusal.
class HostileBundle : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_source = std::make_unique<ExperimentStore>(m_tmp.file("source"));
        m_ids = fillStore(*m_source);
        const std::string good = m_tmp.file("good.cifarlab.zip");
        exportRunBundle(*m_source, {m_ids.alpha, m_ids.beta}, good);
        m_entries = readZip(good);
        m_target = std::make_unique<ExperimentStore>(m_tmp.file("target"));
        const int64_t keep = m_target->createRun(sampleRun("keep"));
        writeFile(m_target->runFolder(keep) + "/checkpoint-best.pt", checkpointBytes(9, 4000));
        m_runsBefore = runList(*m_target);
        m_treeBefore = treeSnapshot(m_target->folder());
    }

    std::string alphaPrefix() const { return "runs/" + std::to_string(m_ids.alpha) + "/"; }

    std::string writeBundle(const std::vector<ZipEntry> &entries)
    {
        const std::string path = m_tmp.file("bundle-" + std::to_string(++m_count) + ".cifarlab.zip");
        writeZip(path, entries);
        return path;
    }

    std::vector<ZipEntry> withExtra(ZipEntry extra) const
    {
        std::vector<ZipEntry> entries = m_entries;
        entries.push_back(std::move(extra));
        return entries;
    }

    // The import fails with one line naming the zip and `needles`, and leaves no trace.
    void expectRefused(const std::string &zip, const std::vector<std::string> &needles)
    {
        const std::string message = errorOf([&] { importRunBundle(*m_target, zip); });
        EXPECT_TRUE(contains(message, zip)) << message;
        for (const std::string &needle : needles)
            EXPECT_TRUE(contains(message, needle)) << "'" << needle << "' not in: " << message;
        EXPECT_FALSE(contains(message, "\n")) << message;
        EXPECT_EQ(runList(*m_target), m_runsBefore);
        EXPECT_EQ(treeSnapshot(m_target->folder()), m_treeBefore);
        EXPECT_EQ(m_target->integrityCheck(), "ok");
        // Nothing anywhere in the test folder (stores, zips' folder) or next to the working directory.
        for (auto it = fs::recursive_directory_iterator(m_tmp.path());
             it != fs::recursive_directory_iterator(); ++it)
            EXPECT_FALSE(contains(it->path().filename().string(), "evil")) << it->path();
        EXPECT_FALSE(fs::exists(fs::current_path().parent_path() / "evil.txt"));
        EXPECT_FALSE(fs::exists("/abs/path"));
    }

    TempDir m_tmp;
    std::unique_ptr<ExperimentStore> m_source;
    std::unique_ptr<ExperimentStore> m_target;
    SourceRuns m_ids;
    std::vector<ZipEntry> m_entries;
    std::vector<std::pair<int64_t, std::string>> m_runsBefore;
    std::map<std::string, QByteArray> m_treeBefore;
    int m_count = 0;
};

TEST_F(HostileBundle, TheUndamagedBundleImports)
{
    // The baseline the other cases damage: rewritten by the test's own zip writer, it still imports.
    const std::vector<int64_t> ids = importRunBundle(*m_target, writeBundle(m_entries));
    EXPECT_EQ(ids.size(), 2u);
}

TEST_F(HostileBundle, DotDotEntryIsRefused)
{
    expectRefused(writeBundle(withExtra({"../evil.txt", "pwned"})), {"../evil.txt", "'..'"});
}

TEST_F(HostileBundle, DotDotInsideARunFolderIsRefused)
{
    const std::string name = alphaPrefix() + "../../evil";
    expectRefused(writeBundle(withExtra({name, "pwned"})), {name, "'..'"});
}

TEST_F(HostileBundle, AbsolutePathIsRefused)
{
    expectRefused(writeBundle(withExtra({"/abs/path", "pwned"})), {"/abs/path", "absolute"});
}

TEST_F(HostileBundle, DriveLetterIsRefused)
{
    expectRefused(writeBundle(withExtra({"C:/evil.txt", "pwned"})), {"C:/evil.txt", "absolute"});
}

TEST_F(HostileBundle, BackslashIsRefused)
{
    const std::string name = "runs\\" + std::to_string(m_ids.alpha) + "\\checkpoints\\evil.pt";
    expectRefused(writeBundle(withExtra({name, "pwned"})), {name, "backslash"});
}

TEST_F(HostileBundle, SymlinkEntryIsRefused)
{
    const std::string name = alphaPrefix() + "checkpoints/evil-link";
    expectRefused(writeBundle(withExtra({name, "/etc/passwd", 0120777u << 16})), {name, "symbolic link"});
}

TEST_F(HostileBundle, EntryOutsideTheLayoutIsRefused)
{
    const std::string name = alphaPrefix() + "evil-notes.txt";
    expectRefused(writeBundle(withExtra({name, "hello"})), {name, "layout"});
}

TEST_F(HostileBundle, RunMissingFromTheManifestIsRefused)
{
    expectRefused(writeBundle(withExtra({"runs/777/checkpoints/evil.pt", "x"})), {"runs/777/", "manifest"});
}

TEST_F(HostileBundle, DuplicateEntryIsRefused)
{
    const std::string name = alphaPrefix() + "checkpoints/checkpoint-best.pt";
    expectRefused(writeBundle(withExtra({name, "evil replacement"})), {name, "duplicate"});
}

TEST_F(HostileBundle, TruncatedZipIsRefused)
{
    const std::string path = writeBundle(m_entries);
    const QByteArray bytes = readFile(path);
    writeFile(path, bytes.left(bytes.size() / 2));
    expectRefused(path, {"truncated"});
}

TEST_F(HostileBundle, CorruptedCrcIsRefused)
{
    // Stored (not deflated) so that a flipped byte reaches the CRC check rather than the inflater.
    std::vector<ZipEntry> entries = m_entries;
    for (ZipEntry &e : entries)
        e.method = 0;
    const std::string path = writeBundle(entries);
    QByteArray bytes = readFile(path);
    const qsizetype at = bytes.indexOf(markerOf(1).c_str()); // in checkpoint-best.pt of alpha
    ASSERT_GE(at, 0);
    ASSERT_EQ(bytes.indexOf(markerOf(1).c_str(), at + 1), -1);
    bytes[at] = static_cast<char>(bytes[at] ^ 0x20);
    writeFile(path, bytes);
    expectRefused(path, {alphaPrefix() + "checkpoints/checkpoint-best.pt", "CRC"});
}

TEST_F(HostileBundle, OversizedDeclarationIsRefused)
{
    // run.json claims 600 MiB in the central directory: refused before anything is read.
    std::vector<ZipEntry> entries = m_entries;
    for (ZipEntry &e : entries)
        e.method = 0;
    const std::string path = writeBundle(entries);
    QByteArray bytes = readFile(path);
    const std::string name = alphaPrefix() + "run.json";
    bool patched = false;
    for (qsizetype at = bytes.indexOf("PK\x01\x02"); at >= 0; at = bytes.indexOf("PK\x01\x02", at + 4)) {
        const auto nameLength = static_cast<qsizetype>(
            static_cast<uint8_t>(bytes[at + 28]) | (static_cast<uint8_t>(bytes[at + 29]) << 8));
        if (bytes.mid(at + 46, nameLength).toStdString() != name)
            continue;
        const uint32_t size = 600u << 20;
        for (int i = 0; i < 4; ++i)
            bytes[at + 24 + i] = static_cast<char>((size >> (8 * i)) & 0xFF);
        patched = true;
    }
    ASSERT_TRUE(patched);
    writeFile(path, bytes);
    expectRefused(path, {name, "limit"});
}

TEST_F(HostileBundle, MissingManifestIsRefused)
{
    std::vector<ZipEntry> entries;
    for (const ZipEntry &e : m_entries)
        if (e.name != "manifest.json")
            entries.push_back(e);
    expectRefused(writeBundle(entries), {"manifest.json"});
}

TEST_F(HostileBundle, UnknownManifestVersionIsRefused)
{
    std::vector<ZipEntry> entries = m_entries;
    for (ZipEntry &e : entries) {
        if (e.name == "manifest.json") {
            ASSERT_TRUE(e.data.contains("\"formatVersion\": 2"));
            e.data.replace("\"formatVersion\": 2", "\"formatVersion\": 99");
        }
    }
    expectRefused(writeBundle(entries), {"manifest.json", "version 99"});
}

TEST_F(HostileBundle, VersionOneBundleWithoutLogsImports)
{
    // What CifarLab wrote before runs had logs: format version 1, no log.json.
    std::vector<ZipEntry> entries;
    for (ZipEntry e : m_entries) {
        if (contains(e.name, "/log.json"))
            continue;
        if (e.name == "manifest.json")
            e.data.replace("\"formatVersion\": 2", "\"formatVersion\": 1");
        entries.push_back(std::move(e));
    }
    const std::vector<int64_t> ids = importRunBundle(*m_target, writeBundle(entries));
    ASSERT_EQ(ids.size(), 2u);
    EXPECT_TRUE(m_target->runLog(ids[0]).empty());
    EXPECT_EQ(m_target->epochMetrics(ids[0], false).size(), 4u);
}

TEST_F(HostileBundle, MissingOrDamagedLogIsRefused)
{
    const std::string log = alphaPrefix() + "log.json";
    std::vector<ZipEntry> without;
    for (const ZipEntry &e : m_entries)
        if (e.name != log)
            without.push_back(e);
    ASSERT_EQ(without.size() + 1, m_entries.size());
    expectRefused(writeBundle(without), {log, "missing"});

    for (const auto &[text, expected] : std::vector<std::pair<QByteArray, std::string>> {
             {"{\"entries\": [{\"at\": \"2024-05-01T12:00:00.000Z\"}]}", "\"message\""},
             {"{\"entries\": [\"a line\"]}", "\"entries\""},
             {"{\"entries\": {}}", "\"entries\""},
             {"[1, 2]", "not a JSON object"},
             {"{\"entries\": [", "not valid JSON"}}) {
        SCOPED_TRACE(text.toStdString());
        std::vector<ZipEntry> entries = m_entries;
        for (ZipEntry &e : entries)
            if (e.name == log)
                e.data = text;
        expectRefused(writeBundle(entries), {log, expected});
    }
}

TEST_F(HostileBundle, DamagedWeightStatisticsAreRefused)
{
    // An epoch's first parameter with a 3-bin weight histogram instead of 32, then with a negative
    // size in its shape: each refused by entry name before anything is written.
    for (const auto &[pattern, replacement, expected] : std::vector<std::tuple<QString, QString, std::string>> {
             {QStringLiteral("\"weightHistogram\":\\s*\"[^\"]*\""), QStringLiteral("\"weightHistogram\":\"AAAAAAAAAAAAAAAA\""), "3 bins"},
             {QStringLiteral("\"shape\":\\s*\\[\\s*64,\\s*3,\\s*3,\\s*3\\s*\\]"), QStringLiteral("\"shape\":[64,-3,3,3]"), "shape"}}) {
        std::vector<ZipEntry> entries = m_entries;
        std::string damaged;
        const QRegularExpression re(pattern);
        for (ZipEntry &e : entries) {
            QString text = QString::fromUtf8(e.data);
            if (damaged.empty() && e.name.find("/epochs/") != std::string::npos && text.contains(re)) {
                const QRegularExpressionMatch m = re.match(text);
                text.replace(m.capturedStart(), m.capturedLength(), replacement);
                e.data = text.toUtf8();
                damaged = e.name;
            }
        }
        ASSERT_FALSE(damaged.empty()) << pattern.toStdString();
        expectRefused(writeBundle(entries), {damaged, "layer1.0.conv1.weight", expected});
    }
}

TEST_F(HostileBundle, NotAZipIsRefused)
{
    const std::string path = m_tmp.file("plain.cifarlab.zip");
    writeFile(path, "just some text, no zip here\n");
    expectRefused(path, {"not a zip archive"});
}

TEST_F(HostileBundle, FailureAfterRunsWereCreatedRollsBack)
{
    // The next run folder already holds a symlink where a checkpoint goes: the copy is refused
    // (never followed), after both runs had been created; they go again and the link target
    // outside the store stays unwritten.
    const int64_t nextId = m_runsBefore.front().first + 1;
    const std::string folder = m_target->runFolder(nextId);
    fs::create_directories(folder);
    const std::string outside = m_tmp.file("outside-evil.pt");
    fs::create_symlink(outside, folder + "/checkpoint-best.pt");

    const std::string message = errorOf([&] { importRunBundle(*m_target, writeBundle(m_entries)); });
    EXPECT_TRUE(contains(message, "checkpoint-best.pt")) << message;
    EXPECT_FALSE(fs::exists(outside));
    EXPECT_FALSE(fs::exists(fs::symlink_status(outside)));
    EXPECT_EQ(runList(*m_target), m_runsBefore);
    EXPECT_FALSE(fs::exists(fs::symlink_status(folder)));
    EXPECT_FALSE(fs::exists(m_target->runFolder(nextId + 1)));
    EXPECT_EQ(treeSnapshot(m_target->folder()), m_treeBefore);
}

// ------------------------------------------------------------------------------------------------
// Through cifarlab-cli, as a user runs it.

struct CliText
{
    int exitCode = -1;
    std::string out;
    std::string err;
};

CliText runCli(const QStringList &args)
{
    const auto r = cifarlab::test::runCli(args);
    return {r.exitCode, r.out.toStdString(), r.err.toStdString()};
}

TEST(RunBundleCli, ExportThenImport)
{
    TempDir tmp;
    const std::string sourceFolder = tmp.file("source");
    SourceRuns ids;
    {
        ExperimentStore source(sourceFolder);
        ids = fillStore(source);
    }
    const std::string zip = tmp.file("cli.cifarlab.zip");
    const auto help = runCli({QStringLiteral("--help")});
    EXPECT_TRUE(contains(help.out, "\n  export ")) << help.out;
    EXPECT_TRUE(contains(help.out, "\n  import ")) << help.out;

    const auto exported
        = runCli({QStringLiteral("export"), QStringLiteral("alpha"), QString::number(ids.beta),
            QStringLiteral("--out"), q(zip), QStringLiteral("--store"), q(sourceFolder)});
    EXPECT_EQ(exported.exitCode, 0) << exported.err;
    EXPECT_TRUE(contains(exported.out, zip)) << exported.out;
    EXPECT_TRUE(contains(exported.out, "2 run(s)")) << exported.out;
    EXPECT_TRUE(contains(exported.out, "alpha")) << exported.out;
    EXPECT_TRUE(contains(exported.out, "beta")) << exported.out;
    EXPECT_TRUE(fs::is_regular_file(zip));

    const std::string targetFolder = tmp.file("target");
    const auto imported
        = runCli({QStringLiteral("import"), q(zip), QStringLiteral("--store"), q(targetFolder)});
    EXPECT_EQ(imported.exitCode, 0) << imported.err;
    EXPECT_TRUE(contains(imported.out, "run 1: alpha")) << imported.out;
    EXPECT_TRUE(contains(imported.out, "run 2: beta")) << imported.out;

    ExperimentStore source(sourceFolder);
    ExperimentStore target(targetFolder);
    ASSERT_EQ(target.listRuns().size(), 2u);
    expectSameRecord(source.run(ids.alpha), target.run(1));
    expectSameEpochs(source.epochMetrics(ids.beta, true), target.epochMetrics(2, true));
    EXPECT_EQ(readFile(target.runFolder(1) + "/checkpoint-best.pt"), checkpointBytes(1, 300000));
}

TEST(RunBundleCli, BadInputExitsWithTwoAndOneLine)
{
    TempDir tmp;
    const std::string store = tmp.file("store");
    {
        ExperimentStore s(store);
        fillStore(s);
    }
    const std::string notZip = tmp.file("notes.cifarlab.zip");
    writeFile(notZip, "this is not a zip\n");
    struct Case
    {
        QStringList args;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {{QStringLiteral("import"), q(notZip), QStringLiteral("--store"), q(store)},
            notZip + ": not a zip archive"},
        {{QStringLiteral("import"), q(tmp.file("missing.zip")), QStringLiteral("--store"), q(store)},
            "no such file"},
        {{QStringLiteral("import"), QStringLiteral("--store"), q(store)}, "expected one bundle file"},
        {{QStringLiteral("export"), QStringLiteral("nosuchrun"), QStringLiteral("--out"),
             q(tmp.file("x.zip")), QStringLiteral("--store"), q(store)},
            "no such run"},
        {{QStringLiteral("export"), QStringLiteral("alpha"), QStringLiteral("--store"), q(store)},
            "--out is required"},
    };
    for (const Case &c : cases) {
        const auto r = runCli(c.args);
        const std::string line = c.args.join(QLatin1Char(' ')).toStdString();
        EXPECT_EQ(r.exitCode, 2) << line << "\n" << r.err;
        EXPECT_EQ(r.err.rfind("error: ", 0), 0u) << r.err;
        EXPECT_TRUE(contains(r.err, c.expected)) << line << "\n" << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    }
    EXPECT_EQ(ExperimentStore(store).listRuns().size(), 3u);
    EXPECT_FALSE(fs::exists(tmp.file("x.zip")));
}

} // namespace
} // namespace cifarlab
