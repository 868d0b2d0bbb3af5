#include "core/run_bundle.h"

#include "core/error.h"
#include "core/little_endian_blob.h"
#include "core/path_parts.h"
#include "core/version.h"

#include <QByteArray>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QtEndian>

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>
#include <quazip/unzip.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace cifarlab {

namespace {

namespace fs = std::filesystem;

const char *const kFormatName = "cifarlab-run-bundle";
// Version 2 added each run's log.json; version 1 bundles still import (their runs have no log).
constexpr int64_t kFormatVersion = 2;
constexpr int64_t kOldestFormatVersion = 1;
const char *const kManifest = "manifest.json";
const char *const kRunJson = "run.json";
const char *const kBatchCsv = "batch_metrics.csv";
const char *const kEpochCsv = "epoch_metrics.csv";
const char *const kLogJson = "log.json";
const char *const kImportedSuffix = " (imported)";

// Limits on what a bundle may declare, checked before anything is read: a checkpoint of a large
// model stays far below 2 GiB, everything else is text or a few vectors per epoch.
constexpr uint64_t kMaxCheckpointBytes = 2ull << 30;
constexpr uint64_t kMaxOtherEntryBytes = 512ull << 20;
constexpr uint64_t kMaxManifestBytes = 16ull << 20;
constexpr uint64_t kMaxMetadataBytes = 4ull << 30; // all non-checkpoint entries, held in memory
constexpr uint64_t kMaxEntries = 1'000'000;
constexpr int64_t kMaxClasses = 100'000;
constexpr int64_t kMaxTopK = 1000;
constexpr size_t kCopyChunk = size_t(1) << 20;
// A checkpoint of N bytes weighs N in the progress fraction; a run's metrics weigh this much.
constexpr uint64_t kRunProgressWeight = 1ull << 20;

const char *const kBatchHeader
    = "global_step,epoch,batch,batches_per_epoch,total_steps,loss,accuracy,learning_rate,images_per_second,"
      "elapsed_seconds";
const char *const kEpochHeader
    = "epoch,epochs,train_loss,train_accuracy,test_loss,test_accuracy,learning_rate,"
      "seconds,elapsed_seconds,images_per_second";

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

// Entry names go into one-line messages: control characters (a name may hold a newline) are shown as '?'.
std::string shown(const std::string &name)
{
    std::string out = name;
    for (char &c : out) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            c = '?';
    }
    return out.empty() ? std::string("(empty name)") : out;
}

std::string lowerFirst(std::string text)
{
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z')
        text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

// ------------------------------------------------------------------------------------------------
// Numbers. Text uses the shortest representation that reads back to the same double (to_chars is
// locale-independent, unlike printf under a German LC_NUMERIC); NaN and infinities are "nan" and
// "inf". Vectors travel as base64 of little-endian raw bytes, which is exact for every value.

void appendDouble(std::string &out, double value)
{
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void appendInteger(std::string &out, int64_t value)
{
    out += std::to_string(value);
}

bool parseDouble(std::string_view text, double &value)
{
    if (text.empty() || text.front() == '+')
        return false;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

bool parseInteger(std::string_view text, int64_t &value)
{
    if (text.empty() || text.front() == '+')
        return false;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

// A non-negative decimal without leading zeros, so "runs/01/" cannot alias "runs/1/".
bool parseCanonicalIndex(std::string_view text, int64_t &value)
{
    if (text.empty() || text.size() > 18 || (text.size() > 1 && text.front() == '0'))
        return false;
    if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    return parseInteger(text, value);
}

// JSON numbers for finite values (Qt writes the shortest exact form), strings for the rest: JSON
// has no NaN, and "-0" would read back as the integer 0.
QJsonValue jsonDouble(double value)
{
    if (std::isfinite(value) && !(value == 0 && std::signbit(value)))
        return QJsonValue(value);
    std::string text;
    appendDouble(text, value);
    return QJsonValue(qs(text));
}

template<typename T> QString toBase64(const std::vector<T> &values)
{
    return QString::fromLatin1(toLittleEndianBlob(values).toBase64());
}

template<typename T> bool fromBase64(const QString &text, std::vector<T> &values)
{
    const auto decoded
        = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    return decoded.decodingStatus == QByteArray::Base64DecodingStatus::Ok
        && fromLittleEndianBlob(decoded.decoded, values);
}

QJsonArray jsonStrings(const std::vector<std::string> &values)
{
    QJsonArray array;
    for (const std::string &v : values)
        array.append(qs(v));
    return array;
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

// ------------------------------------------------------------------------------------------------
// Entry names and the layout.

enum class EntryKind { Manifest, Folder, RunJson, BatchCsv, EpochCsv, EpochJson, LogJson, Checkpoint };

struct Entry
{
    std::string name;
    uint64_t size = 0;
    EntryKind kind = EntryKind::Folder;
    int64_t run = 0; // the run's id in the bundle (its folder runs/<run>/)
    int64_t epoch = -1; // EpochJson
    std::string file; // Checkpoint: its name in the run folder
};

bool hasControlCharacter(std::string_view text)
{
    return std::any_of(text.begin(), text.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; });
}

// A file of a run folder as it may appear under checkpoints/: one plain path component.
bool isSafeFileName(std::string_view name)
{
    return !name.empty() && name.size() <= 255 && name != "." && name != ".."
        && name.find('/') == std::string_view::npos && name.find('\\') == std::string_view::npos
        && !hasControlCharacter(name);
}

// The reason an entry name is unsafe on any system, or empty when it is not.
std::string unsafeNameReason(const std::string &name)
{
    if (name.empty())
        return "entry with an empty name";
    if (name.find('\\') != std::string::npos)
        return "backslash in the entry name (unsafe path)";
    if (name.front() == '/'
        || (name.size() >= 2 && name[1] == ':' && std::isalpha(static_cast<unsigned char>(name[0]))))
        return "absolute path in the entry name";
    if (hasControlCharacter(name))
        return "control character in the entry name";
    const auto parts = splitPath(name);
    for (size_t i = 0; i < parts.size(); ++i) {
        if (parts[i] == "..")
            return "entry name escapes the bundle ('..')";
        if (parts[i] == "." || (parts[i].empty() && i + 1 < parts.size()))
            return "malformed entry name (empty or '.' path segment)";
    }
    return {};
}

// Where a (safe) name sits in the documented layout; nullopt when it belongs nowhere.
std::optional<Entry> classify(const std::string &name)
{
    Entry e;
    e.name = name;
    if (name == kManifest) {
        e.kind = EntryKind::Manifest;
        return e;
    }
    const auto parts = splitPath(name);
    if (parts.size() < 2 || parts[0] != "runs")
        return std::nullopt;
    if (name.back() == '/') {
        // Folder entries some zip tools add: runs/, runs/<id>/, runs/<id>/epochs/, runs/<id>/checkpoints/.
        e.kind = EntryKind::Folder;
        if (parts.size() == 2)
            return e;
        if (!parseCanonicalIndex(parts[1], e.run))
            return std::nullopt;
        if (parts.size() == 3 || (parts.size() == 4 && (parts[2] == "epochs" || parts[2] == "checkpoints")))
            return e;
        return std::nullopt;
    }
    if (parts.size() < 3 || !parseCanonicalIndex(parts[1], e.run))
        return std::nullopt;
    if (parts.size() == 3) {
        if (parts[2] == kRunJson)
            e.kind = EntryKind::RunJson;
        else if (parts[2] == kBatchCsv)
            e.kind = EntryKind::BatchCsv;
        else if (parts[2] == kEpochCsv)
            e.kind = EntryKind::EpochCsv;
        else if (parts[2] == kLogJson)
            e.kind = EntryKind::LogJson;
        else
            return std::nullopt;
        return e;
    }
    if (parts.size() != 4)
        return std::nullopt;
    if (parts[2] == "epochs") {
        const std::string_view file = parts[3];
        if (file.size() <= 5 || file.substr(file.size() - 5) != ".json"
            || !parseCanonicalIndex(file.substr(0, file.size() - 5), e.epoch))
            return std::nullopt;
        e.kind = EntryKind::EpochJson;
        return e;
    }
    if (parts[2] == "checkpoints" && isSafeFileName(parts[3])) {
        e.kind = EntryKind::Checkpoint;
        e.file = std::string(parts[3]);
        return e;
    }
    return std::nullopt;
}

std::string runPrefix(int64_t run)
{
    return "runs/" + std::to_string(run) + "/";
}

// ------------------------------------------------------------------------------------------------
// Export.

std::string batchCsv(const std::vector<BatchMetrics> &batches)
{
    std::string out = std::string(kBatchHeader) + "\n";
    for (const BatchMetrics &m : batches) {
        for (int64_t v : {m.globalStep, m.epoch, m.batch, m.batchesPerEpoch, m.totalSteps}) {
            appendInteger(out, v);
            out += ',';
        }
        const double reals[] = {m.loss, m.accuracy, m.learningRate, m.imagesPerSecond, m.elapsedSeconds};
        for (size_t i = 0; i < std::size(reals); ++i) {
            appendDouble(out, reals[i]);
            out += i + 1 < std::size(reals) ? ',' : '\n';
        }
    }
    return out;
}

std::string epochCsv(const std::vector<EpochMetrics> &epochs)
{
    std::string out = std::string(kEpochHeader) + "\n";
    for (const EpochMetrics &m : epochs) {
        appendInteger(out, m.epoch);
        out += ',';
        appendInteger(out, m.epochs);
        const double reals[] = {m.trainLoss, m.trainAccuracy, m.testLoss, m.testAccuracy, m.learningRate,
            m.seconds, m.elapsedSeconds, m.imagesPerSecond};
        for (double v : reals) {
            out += ',';
            appendDouble(out, v);
        }
        out += '\n';
    }
    return out;
}

bool hasDetails(const EpochMetrics &m)
{
    return !m.perClassAccuracy.empty() || !m.testConfusion.empty() || !m.trainConfusion.empty()
        || !m.testPredictions.empty() || !m.testConfidence.empty() || !m.testImageLoss.empty()
        || !m.testTopClasses.empty() || !m.testTopProbabilities.empty() || !m.parameters.empty();
}

int64_t exactSquareRoot(size_t n)
{
    auto root = static_cast<int64_t>(std::llround(std::sqrt(static_cast<double>(n))));
    return static_cast<size_t>(root * root) == n ? root : -1;
}

QByteArray epochJson(const EpochMetrics &m, int64_t numClasses)
{
    QJsonObject o;
    o[QStringLiteral("epoch")] = static_cast<qint64>(m.epoch);
    o[QStringLiteral("numClasses")] = static_cast<qint64>(numClasses);
    o[QStringLiteral("encoding")] = QStringLiteral(
        "vectors are base64 of little-endian arrays: perClassAccuracy float64, confusions int64 "
        "(numClasses x numClasses, row = true class), predictions and top classes int32, "
        "confidences, losses and top probabilities float32");
    o[QStringLiteral("perClassAccuracy")] = toBase64(m.perClassAccuracy);
    o[QStringLiteral("testConfusion")] = toBase64(m.testConfusion);
    o[QStringLiteral("trainConfusion")] = toBase64(m.trainConfusion);
    o[QStringLiteral("testPredictions")] = toBase64(m.testPredictions);
    o[QStringLiteral("testConfidence")] = toBase64(m.testConfidence);
    o[QStringLiteral("testImageLoss")] = toBase64(m.testImageLoss);
    o[QStringLiteral("topK")] = m.topK;
    o[QStringLiteral("testTopClasses")] = toBase64(m.testTopClasses);
    o[QStringLiteral("testTopProbabilities")] = toBase64(m.testTopProbabilities);
    if (!m.parameters.empty()) {
        // Histograms are base64 float32 fractions, like the vectors above.
        QJsonArray parameters;
        for (const ParameterStatistics &p : m.parameters) {
            QJsonObject po;
            po[QStringLiteral("name")] = qs(p.name);
            QJsonArray shape;
            for (int64_t extent : p.shape)
                shape.append(static_cast<qint64>(extent));
            po[QStringLiteral("shape")] = shape;
            po[QStringLiteral("weightRms")] = jsonDouble(p.weightRms);
            po[QStringLiteral("weightMean")] = jsonDouble(p.weightMean);
            po[QStringLiteral("weightStd")] = jsonDouble(p.weightStd);
            po[QStringLiteral("weightMin")] = jsonDouble(p.weightMin);
            po[QStringLiteral("weightMax")] = jsonDouble(p.weightMax);
            po[QStringLiteral("weightHistogram")] = toBase64(p.weightHistogram);
            po[QStringLiteral("gradientSamples")] = static_cast<qint64>(p.gradientSamples);
            po[QStringLiteral("gradientRms")] = jsonDouble(p.gradientRms);
            po[QStringLiteral("gradientMin")] = jsonDouble(p.gradientMin);
            po[QStringLiteral("gradientMax")] = jsonDouble(p.gradientMax);
            po[QStringLiteral("gradientHistogram")] = toBase64(p.gradientHistogram);
            po[QStringLiteral("updateRatio")] = jsonDouble(p.updateRatio);
            parameters.append(po);
        }
        o[QStringLiteral("parameters")] = parameters;
    }
    return compactJson(o);
}

QByteArray logJson(const std::vector<RunLogEntry> &log)
{
    QJsonArray entries;
    for (const RunLogEntry &entry : log) {
        QJsonObject o;
        o[QStringLiteral("at")] = qs(entry.at);
        o[QStringLiteral("message")] = qs(entry.message);
        entries.append(o);
    }
    QJsonObject o;
    o[QStringLiteral("entries")] = entries;
    return compactJson(o);
}

QByteArray runJson(const RunRecord &r)
{
    QJsonObject o;
    o[QStringLiteral("id")] = static_cast<qint64>(r.id);
    o[QStringLiteral("name")] = qs(r.name);
    o[QStringLiteral("architecture")] = qs(r.architecture);
    o[QStringLiteral("datasetName")] = qs(r.datasetName);
    o[QStringLiteral("datasetSource")] = qs(r.datasetSource);
    o[QStringLiteral("preset")] = qs(r.preset);
    // The config as the store holds it (text), so it comes back byte for byte.
    o[QStringLiteral("configJson")] = qs(r.configJson);
    o[QStringLiteral("status")] = qs(runStatusName(r.status));
    o[QStringLiteral("message")] = qs(r.message);
    o[QStringLiteral("createdAt")] = qs(r.createdAt);
    o[QStringLiteral("updatedAt")] = qs(r.updatedAt);
    o[QStringLiteral("startedAt")] = qs(r.startedAt);
    o[QStringLiteral("finishedAt")] = qs(r.finishedAt);
    o[QStringLiteral("epochsDone")] = static_cast<qint64>(r.epochsDone);
    o[QStringLiteral("bestTestAccuracy")] = jsonDouble(r.bestTestAccuracy);
    o[QStringLiteral("bestEpoch")] = static_cast<qint64>(r.bestEpoch);
    o[QStringLiteral("finalTrainAccuracy")] = jsonDouble(r.finalTrainAccuracy);
    o[QStringLiteral("finalTestAccuracy")] = jsonDouble(r.finalTestAccuracy);
    o[QStringLiteral("finalTestLoss")] = jsonDouble(r.finalTestLoss);
    o[QStringLiteral("wallSeconds")] = jsonDouble(r.wallSeconds);
    o[QStringLiteral("imagesPerSecond")] = jsonDouble(r.imagesPerSecond);
    o[QStringLiteral("parameters")] = static_cast<qint64>(r.parameters);
    o[QStringLiteral("modelBytes")] = static_cast<qint64>(r.modelBytes);
    o[QStringLiteral("hostInfo")] = qs(r.hostInfo);
    o[QStringLiteral("classNames")] = jsonStrings(r.classNames);
    o[QStringLiteral("tags")] = jsonStrings(r.tags);
    return compactJson(o);
}

struct RunFile
{
    std::string name;
    std::string path;
    uint64_t size = 0;
};

// The regular files of a run folder (checkpoints). A "*.tmp" is a checkpoint being written (or
// left by a crash) and is not part of the run; symlinks are never followed out of the store.
std::vector<RunFile> listRunFiles(const ExperimentStore &store, int64_t runId)
{
    const std::string folder = store.runFolder(runId);
    const std::string where = "run " + std::to_string(runId);
    std::vector<RunFile> files;
    std::error_code ec;
    if (!fs::exists(folder, ec))
        return files;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::file_status status = it->symlink_status(ec);
        if (ec)
            break;
        if (!fs::is_regular_file(status))
            continue;
        RunFile f;
        f.name = it->path().filename().string();
        if (f.name.size() >= 4 && f.name.compare(f.name.size() - 4, 4, ".tmp") == 0)
            continue;
        f.path = it->path().string();
        if (!isSafeFileName(f.name))
            throw Error(where + ": " + shown(f.path) + ": file name cannot go into a bundle");
        f.size = static_cast<uint64_t>(it->file_size(ec));
        if (ec)
            break;
        if (f.size > kMaxCheckpointBytes)
            throw Error(where + ": " + f.path + ": " + std::to_string(f.size >> 20) + " MiB is over the "
                + std::to_string(kMaxCheckpointBytes >> 20) + " MiB limit of a bundle");
        files.push_back(std::move(f));
    }
    if (ec)
        throw Error(where + ": cannot list " + folder + ": " + lowerFirst(ec.message()));
    std::sort(files.begin(), files.end(), [](const RunFile &a, const RunFile &b) { return a.name < b.name; });
    return files;
}

// Writes entries into a new zip; every failure names the zip.
class BundleWriter
{
public:
    explicit BundleWriter(const std::string &path)
        : m_path(path)
        , m_zip(qs(path))
    {
        m_zip.setUtf8Enabled(true);
        if (!m_zip.open(QuaZip::mdCreate))
            fail("cannot create the file (zip error " + std::to_string(m_zip.getZipError()) + ")");
    }
    ~BundleWriter() { m_zip.close(); }
    BundleWriter(const BundleWriter &) = delete;
    BundleWriter &operator=(const BundleWriter &) = delete;

    void add(const std::string &name, const QByteArray &data)
    {
        QuaZipFile out(&m_zip);
        open(out, name, Z_DEFAULT_COMPRESSION);
        if (out.write(data) != data.size())
            fail(name + ": cannot write (zip error " + std::to_string(out.getZipError()) + ")");
        close(out, name);
    }

    // Streams a file; `onBytes` is told how many bytes went in after each chunk.
    void addFile(const std::string &name, const RunFile &file, const std::function<void(uint64_t)> &onBytes)
    {
        QFile in(qs(file.path));
        if (!in.open(QIODevice::ReadOnly))
            throw Error(file.path + ": cannot open: " + lowerFirst(in.errorString().toStdString()));
        QuaZipFile out(&m_zip);
        // Weights barely compress; the fastest level keeps a large export quick.
        open(out, name, Z_BEST_SPEED);
        QByteArray buffer(static_cast<qsizetype>(kCopyChunk), Qt::Uninitialized);
        while (true) {
            const qint64 n = in.read(buffer.data(), buffer.size());
            if (n < 0)
                throw Error(file.path + ": cannot read: " + lowerFirst(in.errorString().toStdString()));
            if (n == 0)
                break;
            if (out.write(buffer.constData(), n) != n)
                fail(name + ": cannot write (zip error " + std::to_string(out.getZipError()) + ")");
            if (onBytes)
                onBytes(static_cast<uint64_t>(n));
        }
        close(out, name);
    }

    void finish()
    {
        m_zip.close();
        if (m_zip.getZipError() != UNZ_OK)
            fail("cannot finish the zip (zip error " + std::to_string(m_zip.getZipError()) + ")");
    }

private:
    [[noreturn]] void fail(const std::string &what) const { throw Error(m_path + ": " + what); }

    void open(QuaZipFile &out, const std::string &name, int level)
    {
        QuaZipNewInfo info(qs(name));
        info.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        if (!out.open(QIODevice::WriteOnly, info, nullptr, 0, Z_DEFLATED, level))
            fail(name + ": cannot add (zip error " + std::to_string(out.getZipError()) + ")");
    }

    void close(QuaZipFile &out, const std::string &name)
    {
        out.close();
        if (out.getZipError() != UNZ_OK)
            fail(name + ": cannot write (zip error " + std::to_string(out.getZipError()) + ")");
    }

    std::string m_path;
    QuaZip m_zip;
};

// ------------------------------------------------------------------------------------------------
// Import: parsing. Every failure names the zip and the entry.

struct EpochDetails
{
    EpochMetrics metrics; // only the detail vectors and topK are set
    int64_t numClasses = 0;
};

struct ParsedRun
{
    int64_t key = 0; // id in the bundle
    bool haveRecord = false, haveBatches = false, haveEpochs = false, haveLog = false;
    RunRecord record;
    std::vector<BatchMetrics> batches;
    std::vector<EpochMetrics> epochs;
    std::vector<int64_t> numClasses; // per epoch, for recordEpoch()
    std::map<int64_t, EpochDetails> details;
    std::vector<size_t> checkpoints; // entry indices
    std::vector<RunLogEntry> log;
};

class EntryError
{
public:
    EntryError(std::string source, std::string entry)
        : m_source(std::move(source))
        , m_entry(std::move(entry))
    { }
    [[noreturn]] void operator()(const std::string &what) const
    {
        throw Error(m_source + ": " + shown(m_entry) + ": " + what);
    }

private:
    std::string m_source, m_entry;
};

QJsonObject parseJsonObject(const QByteArray &bytes, const EntryError &fail)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        fail("not valid JSON (" + lowerFirst(error.errorString().toStdString()) + " at offset "
            + std::to_string(error.offset) + ")");
    if (!document.isObject())
        fail("not a JSON object");
    return document.object();
}

// Typed access to a JSON object whose keys are all required.
class JsonFields
{
public:
    JsonFields(const QJsonObject &object, const EntryError &fail)
        : m_object(object)
        , m_fail(fail)
    { }

    QJsonValue value(const char *key) const
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isUndefined())
            m_fail(std::string("missing \"") + key + "\"");
        return v;
    }
    std::string text(const char *key) const
    {
        const QJsonValue v = value(key);
        if (!v.isString())
            m_fail(std::string("\"") + key + "\" is not a string");
        return v.toString().toStdString();
    }
    int64_t integer(const char *key) const
    {
        const QJsonValue v = value(key);
        // toInteger() returns its fallback for a non-integer: two different fallbacks expose it.
        const qint64 a = v.toInteger(0);
        if (!v.isDouble() || a != v.toInteger(1))
            m_fail(std::string("\"") + key + "\" is not an integer");
        return a;
    }
    double number(const char *key) const
    {
        const QJsonValue v = value(key);
        double result = 0;
        if (v.isDouble())
            return v.toDouble();
        if (v.isString() && parseDouble(v.toString().toStdString(), result))
            return result;
        m_fail(std::string("\"") + key + "\" is not a number");
    }
    std::vector<std::string> strings(const char *key) const
    {
        const QJsonValue v = value(key);
        if (!v.isArray())
            m_fail(std::string("\"") + key + "\" is not an array of strings");
        std::vector<std::string> values;
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isString())
                m_fail(std::string("\"") + key + "\" is not an array of strings");
            values.push_back(item.toString().toStdString());
        }
        return values;
    }
    template<typename T> std::vector<T> vector(const char *key) const
    {
        std::vector<T> values;
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isUndefined())
            return values; // absent: the epoch has no such detail
        if (!v.isString() || !fromBase64(v.toString(), values))
            m_fail(std::string("\"") + key + "\" is not base64 of " + std::to_string(sizeof(T))
                + "-byte values");
        return values;
    }

private:
    const QJsonObject &m_object;
    const EntryError &m_fail;
};

std::vector<RunLogEntry> parseLogJson(const QByteArray &bytes, const EntryError &fail)
{
    const QJsonObject object = parseJsonObject(bytes, fail);
    const QJsonValue entries = JsonFields(object, fail).value("entries");
    if (!entries.isArray())
        fail("\"entries\" is not an array");
    std::vector<RunLogEntry> log;
    for (const QJsonValue &item : entries.toArray()) {
        if (!item.isObject())
            fail("\"entries\" holds something other than objects");
        const QJsonObject line = item.toObject(); // JsonFields keeps a reference
        const JsonFields f(line, fail);
        RunLogEntry entry;
        entry.seq = static_cast<int64_t>(log.size());
        entry.at = f.text("at");
        entry.message = f.text("message");
        log.push_back(std::move(entry));
    }
    return log;
}

RunRecord parseRunJson(const QByteArray &bytes, const EntryError &fail)
{
    const QJsonObject object = parseJsonObject(bytes, fail);
    const JsonFields f(object, fail);
    RunRecord r;
    r.id = f.integer("id");
    r.name = f.text("name");
    r.architecture = f.text("architecture");
    r.datasetName = f.text("datasetName");
    r.datasetSource = f.text("datasetSource");
    r.preset = f.text("preset");
    r.configJson = f.text("configJson");
    try {
        r.status = runStatusFromName(f.text("status"));
    } catch (const Error &e) {
        fail(e.what());
    }
    r.message = f.text("message");
    r.createdAt = f.text("createdAt");
    r.updatedAt = f.text("updatedAt");
    r.startedAt = f.text("startedAt");
    r.finishedAt = f.text("finishedAt");
    r.epochsDone = f.integer("epochsDone");
    r.bestTestAccuracy = f.number("bestTestAccuracy");
    r.bestEpoch = f.integer("bestEpoch");
    r.finalTrainAccuracy = f.number("finalTrainAccuracy");
    r.finalTestAccuracy = f.number("finalTestAccuracy");
    r.finalTestLoss = f.number("finalTestLoss");
    r.wallSeconds = f.number("wallSeconds");
    r.imagesPerSecond = f.number("imagesPerSecond");
    r.parameters = f.integer("parameters");
    r.modelBytes = f.integer("modelBytes");
    r.hostInfo = f.text("hostInfo");
    r.classNames = f.strings("classNames");
    r.tags = f.strings("tags");
    return r;
}

// Rows of a CSV with exactly `header`; each row split at commas into `columns` fields.
template<typename Row>
void parseCsv(const QByteArray &bytes, const char *header, size_t columns, const EntryError &fail, Row &&row)
{
    const std::string_view text(bytes.constData(), static_cast<size_t>(bytes.size()));
    size_t start = 0;
    int64_t line = 0;
    std::vector<std::string_view> fields;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view current = text.substr(start, end - start);
        start = end + 1;
        ++line;
        if (!current.empty() && current.back() == '\r')
            current.remove_suffix(1);
        if (line == 1) {
            if (current != header)
                fail("line 1: unexpected header (expected \"" + std::string(header) + "\")");
            continue;
        }
        if (current.empty())
            continue;
        fields.clear();
        size_t from = 0;
        while (true) {
            const size_t comma = current.find(',', from);
            fields.push_back(current.substr(
                from, comma == std::string_view::npos ? std::string_view::npos : comma - from));
            if (comma == std::string_view::npos)
                break;
            from = comma + 1;
        }
        if (fields.size() != columns)
            fail("line " + std::to_string(line) + ": " + std::to_string(fields.size()) + " fields, expected "
                + std::to_string(columns));
        row(line, fields);
    }
    if (line == 0)
        fail("empty file (expected the header \"" + std::string(header) + "\")");
}

struct FieldReader
{
    const EntryError &fail;
    int64_t line;
    const std::vector<std::string_view> &fields;

    int64_t integer(size_t i) const
    {
        int64_t v = 0;
        if (!parseInteger(fields[i], v))
            bad(i, "an integer");
        return v;
    }
    double real(size_t i) const
    {
        double v = 0;
        if (!parseDouble(fields[i], v))
            bad(i, "a number");
        return v;
    }
    [[noreturn]] void bad(size_t i, const char *what) const
    {
        fail("line " + std::to_string(line) + " field " + std::to_string(i + 1) + ": '"
            + shown(std::string(fields[i].substr(0, 40))) + "' is not " + what);
    }
};

std::vector<BatchMetrics> parseBatchCsv(const QByteArray &bytes, const EntryError &fail)
{
    std::vector<BatchMetrics> batches;
    parseCsv(bytes, kBatchHeader, 10, fail, [&](int64_t line, const std::vector<std::string_view> &fields) {
        const FieldReader r {fail, line, fields};
        BatchMetrics m;
        m.globalStep = r.integer(0);
        m.epoch = r.integer(1);
        m.batch = r.integer(2);
        m.batchesPerEpoch = r.integer(3);
        m.totalSteps = r.integer(4);
        m.loss = r.real(5);
        m.accuracy = r.real(6);
        m.learningRate = r.real(7);
        m.imagesPerSecond = r.real(8);
        m.elapsedSeconds = r.real(9);
        batches.push_back(m);
    });
    return batches;
}

std::vector<EpochMetrics> parseEpochCsv(const QByteArray &bytes, const EntryError &fail)
{
    std::vector<EpochMetrics> epochs;
    std::set<int64_t> seen;
    parseCsv(bytes, kEpochHeader, 10, fail, [&](int64_t line, const std::vector<std::string_view> &fields) {
        const FieldReader r {fail, line, fields};
        EpochMetrics m;
        m.epoch = r.integer(0);
        if (m.epoch < 0 || !seen.insert(m.epoch).second)
            fail("line " + std::to_string(line) + ": epoch " + std::to_string(m.epoch)
                + " is negative or repeated");
        m.epochs = r.integer(1);
        m.trainLoss = r.real(2);
        m.trainAccuracy = r.real(3);
        m.testLoss = r.real(4);
        m.testAccuracy = r.real(5);
        m.learningRate = r.real(6);
        m.seconds = r.real(7);
        m.elapsedSeconds = r.real(8);
        m.imagesPerSecond = r.real(9);
        epochs.push_back(std::move(m));
    });
    return epochs;
}

// Also checks what ExperimentStore::recordEpoch() would refuse, so that a bad epoch fails the
// import before anything is written.
EpochDetails parseEpochJson(const QByteArray &bytes, int64_t expectedEpoch, const EntryError &fail)
{
    const QJsonObject object = parseJsonObject(bytes, fail);
    const JsonFields f(object, fail);
    EpochDetails d;
    EpochMetrics &m = d.metrics;
    m.epoch = f.integer("epoch");
    if (m.epoch != expectedEpoch)
        fail("holds epoch " + std::to_string(m.epoch) + ", its name says " + std::to_string(expectedEpoch));
    d.numClasses = f.integer("numClasses");
    if (d.numClasses < 0 || d.numClasses > kMaxClasses)
        fail("numClasses " + std::to_string(d.numClasses) + " is out of range");
    const int64_t topK = f.integer("topK");
    if (topK < 0 || topK > kMaxTopK)
        fail("topK " + std::to_string(topK) + " is out of range");
    m.topK = static_cast<int32_t>(topK);
    m.perClassAccuracy = f.vector<double>("perClassAccuracy");
    m.testConfusion = f.vector<int64_t>("testConfusion");
    m.trainConfusion = f.vector<int64_t>("trainConfusion");
    m.testPredictions = f.vector<int32_t>("testPredictions");
    m.testConfidence = f.vector<float>("testConfidence");
    m.testImageLoss = f.vector<float>("testImageLoss");
    m.testTopClasses = f.vector<int32_t>("testTopClasses");
    m.testTopProbabilities = f.vector<float>("testTopProbabilities");
    const auto cells = static_cast<size_t>(d.numClasses * d.numClasses);
    for (const auto *confusion : {&m.testConfusion, &m.trainConfusion}) {
        if (!confusion->empty() && (d.numClasses == 0 || confusion->size() != cells))
            fail("a confusion matrix has " + std::to_string(confusion->size()) + " entries, expected "
                + std::to_string(cells));
    }
    const size_t images
        = std::max({m.testPredictions.size(), m.testConfidence.size(), m.testImageLoss.size()});
    for (const size_t size : {m.testPredictions.size(), m.testConfidence.size(), m.testImageLoss.size()}) {
        if (size != 0 && size != images)
            fail("predictions, confidences and losses differ in length");
    }
    if (m.testTopClasses.size() != m.testTopProbabilities.size()
        || (!m.testTopClasses.empty() && m.testTopClasses.size() != images * static_cast<size_t>(m.topK)))
        fail("top classes and probabilities do not hold topK entries per image");
    const QJsonValue parameters = object.value(QLatin1String("parameters"));
    if (!parameters.isUndefined()) { // bundles written before the Weights tab have none
        if (!parameters.isArray())
            fail("\"parameters\" is not an array");
        for (const QJsonValue &item : parameters.toArray()) {
            if (!item.isObject())
                fail("\"parameters\" holds something other than objects");
            const QJsonObject po = item.toObject();
            const JsonFields pf(po, fail);
            ParameterStatistics p;
            p.name = pf.text("name");
            const QJsonValue shape = pf.value("shape");
            if (!shape.isArray())
                fail("parameter " + p.name + ": \"shape\" is not an array");
            for (const QJsonValue &extent : shape.toArray()) {
                const qint64 e = extent.toInteger(-1);
                if (!extent.isDouble() || e < 0 || e != extent.toInteger(-2))
                    fail("parameter " + p.name + ": \"shape\" holds something other than sizes");
                p.shape.push_back(e);
            }
            p.weightRms = pf.number("weightRms");
            p.weightMean = pf.number("weightMean");
            p.weightStd = pf.number("weightStd");
            p.weightMin = pf.number("weightMin");
            p.weightMax = pf.number("weightMax");
            p.weightHistogram = pf.vector<float>("weightHistogram");
            p.gradientSamples = pf.integer("gradientSamples");
            p.gradientRms = pf.number("gradientRms");
            p.gradientMin = pf.number("gradientMin");
            p.gradientMax = pf.number("gradientMax");
            p.gradientHistogram = pf.vector<float>("gradientHistogram");
            p.updateRatio = pf.number("updateRatio");
            for (const auto *histogram : {&p.weightHistogram, &p.gradientHistogram})
                if (!histogram->empty() && histogram->size() != static_cast<size_t>(kParameterHistogramBins))
                    fail("parameter " + p.name + ": a histogram has " + std::to_string(histogram->size())
                        + " bins, expected " + std::to_string(kParameterHistogramBins));
            if (p.gradientSamples < 0)
                fail("parameter " + p.name + ": negative gradientSamples");
            m.parameters.push_back(std::move(p));
        }
    }
    return d;
}

struct Manifest
{
    std::vector<int64_t> runIds; // ids in the bundle, in bundle order (names are for people)
    int64_t version = 0;
};

Manifest parseManifest(const QByteArray &bytes, const EntryError &fail)
{
    const QJsonObject object = parseJsonObject(bytes, fail);
    const JsonFields f(object, fail);
    if (f.text("format") != kFormatName)
        fail("not a CifarLab run bundle (format is not \"" + std::string(kFormatName) + "\")");
    const int64_t version = f.integer("formatVersion");
    if (version < kOldestFormatVersion || version > kFormatVersion)
        fail("unknown bundle format version " + std::to_string(version) + " (this CifarLab reads versions "
            + std::to_string(kOldestFormatVersion) + " to " + std::to_string(kFormatVersion)
            + (version > kFormatVersion ? "; the bundle is from a newer CifarLab)" : ")"));
    const QJsonValue runs = f.value("runs");
    if (!runs.isArray() || runs.toArray().isEmpty())
        fail("\"runs\" is not a non-empty array");
    Manifest manifest;
    manifest.version = version;
    std::set<int64_t> seen;
    for (const QJsonValue &item : runs.toArray()) {
        if (!item.isObject())
            fail("\"runs\" holds something other than objects");
        const QJsonObject run = item.toObject();
        const JsonFields r(run, fail);
        const int64_t id = r.integer("id");
        if (id <= 0 || !seen.insert(id).second)
            fail("run id " + std::to_string(id) + " is not positive or is listed twice");
        r.text("name");
        manifest.runIds.push_back(id);
    }
    return manifest;
}

// ------------------------------------------------------------------------------------------------
// Import: reading the zip.

struct EntrySink
{
    std::function<void(const char *, qint64)> write;
    std::function<void()> finish; // optional
};

class BundleReader
{
public:
    explicit BundleReader(const std::string &path)
        : m_path(path)
        , m_zip(qs(path))
    {
        const QFileInfo info(qs(path));
        if (!info.exists())
            fail("no such file");
        if (!info.isFile())
            fail("not a file");
        m_fileSize = static_cast<uint64_t>(info.size());
        if (!m_zip.open(QuaZip::mdUnzip))
            fail("not a zip archive, or a truncated one");
        scanCentralDirectory();
    }
    ~BundleReader() { m_zip.close(); }
    BundleReader(const BundleReader &) = delete;
    BundleReader &operator=(const BundleReader &) = delete;

    const std::vector<Entry> &entries() const { return m_entries; }
    uint64_t checkpointBytes() const { return m_checkpointBytes; }
    uint64_t totalBytes() const { return m_totalBytes; }

    [[noreturn]] void fail(const std::string &what) const { throw Error(m_path + ": " + what); }
    EntryError entryError(const std::string &name) const { return EntryError(m_path, name); }

    QByteArray readManifest()
    {
        if (m_manifestIndex < 0)
            fail(std::string("no ") + kManifest + " (not a CifarLab run bundle)");
        const Entry &e = m_entries[static_cast<size_t>(m_manifestIndex)];
        if (e.size > kMaxManifestBytes)
            entryError(e.name)(std::to_string(e.size) + " bytes is over the "
                + std::to_string(kMaxManifestBytes >> 20) + " MiB limit");
        if (!m_zip.setCurrentFile(qs(e.name), QuaZip::csSensitive))
            entryError(e.name)(
                "cannot locate the entry (zip error " + std::to_string(m_zip.getZipError()) + ")");
        QByteArray bytes;
        readCurrent(e, [&bytes](const char *data, qint64 n) { bytes.append(data, n); });
        return bytes;
    }

    // Visits the entries in zip order: the bytes of each go to the sink `visit` returns, then its
    // finish() runs once the whole entry was read and checked. A sink without write() skips the entry.
    void forEachEntry(const std::function<EntrySink(const Entry &)> &visit)
    {
        size_t index = 0;
        for (bool more = m_zip.goToFirstFile(); more; more = m_zip.goToNextFile(), ++index) {
            if (index >= m_entries.size())
                fail("corrupt zip: more entries than its central directory listed");
            const EntrySink sink = visit(m_entries[index]);
            if (!sink.write)
                continue;
            readCurrent(m_entries[index], sink.write);
            if (sink.finish)
                sink.finish();
        }
        if (m_zip.getZipError() != UNZ_OK && m_zip.getZipError() != UNZ_END_OF_LIST_OF_FILE)
            fail("corrupt zip central directory (zip error " + std::to_string(m_zip.getZipError()) + ")");
        if (index != m_entries.size())
            fail(
                "corrupt zip: " + std::to_string(m_entries.size() - index) + " entries could not be reached");
    }

private:
    // Rejects unsafe or oversized entries before any data is read.
    void scanCentralDirectory()
    {
        unzFile handle = m_zip.getUnzFile();
        unz_file_info64 info;
        std::vector<char> nameBuffer(0x10000); // zip names are at most 65535 bytes
        std::unordered_set<std::string> seen;
        uint64_t compressedTotal = 0;
        uint64_t metadataTotal = 0;
        for (bool more = m_zip.goToFirstFile(); more; more = m_zip.goToNextFile()) {
            const int rc = unzGetCurrentFileInfo64(handle, &info, nameBuffer.data(),
                static_cast<uLong>(nameBuffer.size()), nullptr, 0, nullptr, 0);
            if (rc != UNZ_OK)
                fail("corrupt zip central directory (zip error " + std::to_string(rc) + ")");
            if (m_entries.size() >= kMaxEntries)
                fail("more than " + std::to_string(kMaxEntries) + " entries");
            std::string name(nameBuffer.data(), std::min<size_t>(info.size_filename, nameBuffer.size()));
            // Names not flagged as UTF-8 are in the legacy code page; QuaZip knows how to decode it.
            if (!(info.flag & UNZ_ENCODING_UTF8) && std::any_of(name.begin(), name.end(), [](char c) {
                    return static_cast<unsigned char>(c) >= 0x80;
                }))
                name = m_zip.getCurrentFileName().toStdString();
            const EntryError entryFail(m_path, name);
            const std::string unsafe = unsafeNameReason(name);
            if (!unsafe.empty())
                entryFail(unsafe);
            if (!seen.insert(name).second)
                entryFail("duplicate entry");
            // The high 16 bits of the external attributes are the Unix mode: only plain files and
            // folders (S_IFLNK = 0120000 would be a symbolic link).
            const uint32_t type = (static_cast<uint32_t>(info.external_fa) >> 16) & 0170000;
            if (type == 0120000)
                entryFail("symbolic link entries are not allowed");
            if (type != 0 && type != 0100000 && type != 0040000)
                entryFail("special file entries are not allowed");
            if (info.flag & 1)
                entryFail("encrypted entries are not supported");
            if (info.compression_method != 0 && info.compression_method != Z_DEFLATED)
                entryFail("unsupported compression method " + std::to_string(info.compression_method));
            std::optional<Entry> entry = classify(name);
            if (!entry)
                entryFail("not part of a run bundle's layout");
            entry->size = info.uncompressed_size;
            if (entry->kind == EntryKind::Folder && entry->size != 0)
                entryFail("a folder entry with data");
            const uint64_t limit
                = entry->kind == EntryKind::Checkpoint ? kMaxCheckpointBytes : kMaxOtherEntryBytes;
            if (entry->size > limit)
                entryFail("declares " + std::to_string(entry->size) + " bytes, over the "
                    + std::to_string(limit >> 20) + " MiB limit");
            if (entry->kind == EntryKind::Checkpoint) {
                m_checkpointBytes += entry->size;
            } else {
                metadataTotal += entry->size;
                if (metadataTotal > kMaxMetadataBytes)
                    fail("metadata entries declare more than " + std::to_string(kMaxMetadataBytes >> 30)
                        + " GiB");
            }
            if (entry->kind == EntryKind::Manifest)
                m_manifestIndex = static_cast<int64_t>(m_entries.size());
            m_totalBytes += entry->size;
            compressedTotal += info.compressed_size;
            m_entries.push_back(std::move(*entry));
        }
        if (m_zip.getZipError() != UNZ_OK && m_zip.getZipError() != UNZ_END_OF_LIST_OF_FILE)
            fail("corrupt zip central directory (zip error " + std::to_string(m_zip.getZipError()) + ")");
        // Sizes are only believed if the data can be in the file (a truncated copy fails here).
        if (compressedTotal > m_fileSize)
            fail("truncated or corrupt zip: its entries declare " + std::to_string(compressedTotal)
                + " bytes of compressed data but the file has " + std::to_string(m_fileSize));
    }

    // Reads the current entry, never more than its declared size, and checks length and CRC.
    void readCurrent(const Entry &e, const std::function<void(const char *, qint64)> &sink)
    {
        const EntryError entryFail = entryError(e.name);
        QuaZipFile file(&m_zip);
        if (!file.open(QIODevice::ReadOnly))
            entryFail("cannot read the entry (zip error " + std::to_string(file.getZipError()) + ")");
        QByteArray buffer(
            static_cast<qsizetype>(std::min<uint64_t>(std::max<uint64_t>(e.size, 1), kCopyChunk)),
            Qt::Uninitialized);
        uint64_t got = 0;
        while (got < e.size) {
            const qint64 n
                = file.read(buffer.data(), static_cast<qint64>(std::min<uint64_t>(e.size - got, kCopyChunk)));
            if (n <= 0)
                break;
            sink(buffer.constData(), n);
            got += static_cast<uint64_t>(n);
        }
        const int readError = file.getZipError();
        file.close();
        const int error = readError != UNZ_OK ? readError : file.getZipError();
        if (error == UNZ_CRCERROR)
            entryFail("corrupt entry (CRC mismatch)");
        if (got != e.size)
            entryFail("truncated or corrupt entry (read " + std::to_string(got) + " of "
                + std::to_string(e.size) + " bytes"
                + (error != UNZ_OK ? ", zip error " + std::to_string(error) : std::string()) + ")");
        if (error != UNZ_OK)
            entryFail("corrupt entry (zip error " + std::to_string(error) + ")");
    }

    std::string m_path;
    QuaZip m_zip;
    uint64_t m_fileSize = 0;
    std::vector<Entry> m_entries;
    int64_t m_manifestIndex = -1;
    uint64_t m_checkpointBytes = 0;
    uint64_t m_totalBytes = 0;
};

class ProgressReporter
{
public:
    ProgressReporter(const BundleProgress &progress, uint64_t total)
        : m_progress(progress)
        , m_total(std::max<uint64_t>(total, 1))
    { }
    void advance(uint64_t units, const std::string &what)
    {
        m_done = std::min(m_total, m_done + units);
        report(what);
    }
    void finish(const std::string &what)
    {
        m_done = m_total;
        report(what);
    }
    void report(const std::string &what) const
    {
        if (m_progress.onProgress)
            m_progress.onProgress(static_cast<double>(m_done) / static_cast<double>(m_total), what);
    }

private:
    const BundleProgress &m_progress;
    uint64_t m_total;
    uint64_t m_done = 0;
};

// Reads, parses and checks every entry (checkpoints only for their length and CRC), so that a
// bad bundle fails before the store is touched.
std::vector<ParsedRun> readBundle(BundleReader &reader, ProgressReporter &progress)
{
    const Manifest manifest = parseManifest(reader.readManifest(), reader.entryError(kManifest));
    std::vector<ParsedRun> runs;
    std::unordered_map<int64_t, size_t> runIndex;
    for (const int64_t id : manifest.runIds) {
        runIndex[id] = runs.size();
        ParsedRun run;
        run.key = id;
        runs.push_back(std::move(run));
    }
    // Every entry belongs to a listed run: nothing in the zip goes unchecked or unused.
    for (const Entry &e : reader.entries()) {
        if (e.kind != EntryKind::Manifest && !(e.kind == EntryKind::Folder && e.run == 0)
            && runIndex.find(e.run) == runIndex.end())
            reader.entryError(e.name)(
                "belongs to run " + std::to_string(e.run) + ", which the manifest does not list");
    }

    QByteArray buffer;
    reader.forEachEntry([&](const Entry &e) -> EntrySink {
        if (e.kind == EntryKind::Manifest || e.kind == EntryKind::Folder)
            return {};
        ParsedRun &run = runs[runIndex.at(e.run)];
        const auto count
            = [&progress, &e](qint64 n) { progress.advance(static_cast<uint64_t>(n), "checking " + e.name); };
        if (e.kind == EntryKind::Checkpoint)
            return {[count](const char *, qint64 n) { count(n); }, {}};
        buffer.clear();
        buffer.reserve(static_cast<qsizetype>(e.size));
        return {[&buffer, count](const char *data, qint64 n) {
                    buffer.append(data, n);
                    count(n);
                },
            [&buffer, &run, &e, &reader] {
                const EntryError fail = reader.entryError(e.name);
                switch (e.kind) {
                case EntryKind::RunJson:
                    run.record = parseRunJson(buffer, fail);
                    if (run.record.id != run.key)
                        fail("holds run " + std::to_string(run.record.id) + ", its folder says "
                            + std::to_string(run.key));
                    run.haveRecord = true;
                    break;
                case EntryKind::BatchCsv:
                    run.batches = parseBatchCsv(buffer, fail);
                    run.haveBatches = true;
                    break;
                case EntryKind::EpochCsv:
                    run.epochs = parseEpochCsv(buffer, fail);
                    run.haveEpochs = true;
                    break;
                case EntryKind::EpochJson:
                    run.details[e.epoch] = parseEpochJson(buffer, e.epoch, fail);
                    break;
                case EntryKind::LogJson:
                    run.log = parseLogJson(buffer, fail);
                    run.haveLog = true;
                    break;
                case EntryKind::Manifest:
                case EntryKind::Folder:
                case EntryKind::Checkpoint:
                    break;
                }
                buffer.clear();
            }};
    });

    for (ParsedRun &run : runs) {
        const std::string prefix = runPrefix(run.key);
        for (const auto &[have, file] : {std::pair<bool, const char *> {run.haveRecord, kRunJson},
                 {run.haveBatches, kBatchCsv}, {run.haveEpochs, kEpochCsv}}) {
            if (!have)
                reader.fail(prefix + file + ": missing (every run of a bundle has one)");
        }
        if (manifest.version >= 2 && !run.haveLog)
            reader.fail(prefix + kLogJson + ": missing (every run of a version 2 bundle has one)");
        std::map<int64_t, size_t> epochIndex;
        for (size_t i = 0; i < run.epochs.size(); ++i)
            epochIndex[run.epochs[i].epoch] = i;
        run.numClasses.assign(run.epochs.size(), static_cast<int64_t>(run.record.classNames.size()));
        for (auto &[epoch, details] : run.details) {
            const auto it = epochIndex.find(epoch);
            if (it == epochIndex.end())
                reader.fail(prefix + "epochs/" + std::to_string(epoch) + ".json: epoch "
                    + std::to_string(epoch) + " is not in " + kEpochCsv);
            EpochMetrics &m = run.epochs[it->second];
            EpochMetrics &d = details.metrics;
            m.perClassAccuracy = std::move(d.perClassAccuracy);
            m.testConfusion = std::move(d.testConfusion);
            m.trainConfusion = std::move(d.trainConfusion);
            m.testPredictions = std::move(d.testPredictions);
            m.testConfidence = std::move(d.testConfidence);
            m.testImageLoss = std::move(d.testImageLoss);
            m.topK = d.topK;
            m.testTopClasses = std::move(d.testTopClasses);
            m.testTopProbabilities = std::move(d.testTopProbabilities);
            m.parameters = std::move(d.parameters);
            run.numClasses[it->second] = details.numClasses;
        }
        run.details.clear();
    }
    return runs;
}

// The name an imported run gets: its own, or with " (imported)" (then " (imported 2)", ...)
// when the store already has a run of that name.
std::string freeName(const std::string &name, std::set<std::string> &taken)
{
    std::string candidate = name;
    if (!name.empty()) {
        for (int n = 1; taken.count(candidate); ++n)
            candidate
                = name + (n == 1 ? std::string(kImportedSuffix) : " (imported " + std::to_string(n) + ")");
    }
    taken.insert(candidate);
    return candidate;
}

} // namespace

void exportRunBundle(const ExperimentStore &store, const std::vector<int64_t> &runIds,
    const std::string &zipPath, const BundleProgress &progress)
{
    if (runIds.empty())
        throw Error(zipPath + ": no runs to export");
    // Everything is looked up first: an unknown run fails before a file is created.
    std::vector<RunRecord> records;
    std::vector<std::vector<RunFile>> files;
    std::set<int64_t> seen;
    uint64_t total = 0;
    for (int64_t id : runIds) {
        if (!seen.insert(id).second)
            continue; // a run named twice (by id and by name) is exported once
        records.push_back(store.run(id));
        files.push_back(listRunFiles(store, id));
        total += kRunProgressWeight;
        for (const RunFile &f : files.back())
            total += f.size;
    }
    ProgressReporter reporter(progress, total);

    const QString folder = QFileInfo(qs(zipPath)).absolutePath();
    if (!QFileInfo(folder).isDir())
        throw Error(zipPath + ": cannot write: no folder " + folder.toStdString());
    const std::string part = zipPath + ".part";
    std::error_code ec;
    fs::remove(part, ec); // a leftover of an interrupted export
    try {
        BundleWriter writer(part);
        QJsonObject manifest;
        manifest[QStringLiteral("format")] = QLatin1String(kFormatName);
        manifest[QStringLiteral("formatVersion")] = static_cast<qint64>(kFormatVersion);
        manifest[QStringLiteral("cifarlabVersion")] = QLatin1String(versionString());
        manifest[QStringLiteral("createdAt")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        QJsonArray runs;
        for (const RunRecord &r : records) {
            QJsonObject run;
            run[QStringLiteral("id")] = static_cast<qint64>(r.id);
            run[QStringLiteral("name")] = qs(r.name);
            runs.append(run);
        }
        manifest[QStringLiteral("runs")] = runs;
        writer.add(kManifest, compactJson(manifest));

        for (size_t i = 0; i < records.size(); ++i) {
            const RunRecord &r = records[i];
            const std::string prefix = runPrefix(r.id);
            reporter.report("run " + std::to_string(r.id) + ": metrics");
            writer.add(prefix + kRunJson, runJson(r));
            writer.add(prefix + kBatchCsv, QByteArray::fromStdString(batchCsv(store.batchMetrics(r.id))));
            const std::vector<EpochMetrics> epochs = store.epochMetrics(r.id, true);
            writer.add(prefix + kEpochCsv, QByteArray::fromStdString(epochCsv(epochs)));
            writer.add(prefix + kLogJson, logJson(store.runLog(r.id)));
            for (const EpochMetrics &m : epochs) {
                if (!hasDetails(m))
                    continue;
                int64_t numClasses = static_cast<int64_t>(r.classNames.size());
                if (!m.testConfusion.empty() || !m.trainConfusion.empty())
                    numClasses = exactSquareRoot(
                        m.testConfusion.empty() ? m.trainConfusion.size() : m.testConfusion.size());
                writer.add(prefix + "epochs/" + std::to_string(m.epoch) + ".json", epochJson(m, numClasses));
            }
            reporter.advance(kRunProgressWeight, "run " + std::to_string(r.id) + ": metrics");
            for (const RunFile &f : files[i]) {
                const std::string what = "run " + std::to_string(r.id) + ": " + f.name;
                writer.addFile(prefix + "checkpoints/" + f.name, f,
                    [&reporter, &what](uint64_t n) { reporter.advance(n, what); });
            }
        }
        writer.finish();
        reporter.finish("done");
    } catch (...) {
        fs::remove(part, ec);
        throw;
    }
    fs::rename(part, zipPath, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(part, ignored);
        throw Error(zipPath + ": cannot write: " + lowerFirst(ec.message()));
    }
}

std::vector<int64_t> importRunBundle(
    ExperimentStore &store, const std::string &zipPath, const BundleProgress &progress)
{
    BundleReader reader(zipPath);
    // Checkpoints are read twice (checked, then copied); metadata once.
    ProgressReporter reporter(progress, reader.totalBytes() + reader.checkpointBytes());
    std::vector<ParsedRun> runs = readBundle(reader, reporter);

    std::set<std::string> taken;
    for (const RunRecord &r : store.listRuns())
        taken.insert(r.name);

    std::vector<int64_t> created;
    std::unordered_map<int64_t, int64_t> newIdOf; // bundle id -> store id
    try {
        for (ParsedRun &run : runs) {
            RunRecord record = run.record;
            record.name = freeName(record.name, taken);
            reporter.report("importing run " + std::to_string(run.key) + " as '" + record.name + "'");
            const int64_t id = store.createRun(record);
            created.push_back(id);
            newIdOf[run.key] = id;
            store.appendBatchMetrics(id, run.batches);
            for (size_t i = 0; i < run.epochs.size(); ++i)
                store.recordEpoch(id, run.epochs[i], run.numClasses[i]);
            // recordEpoch() recomputed the summary and setStatus() would stamp times: put back
            // the record exactly as exported, then its timestamps.
            record.id = id;
            store.updateRun(record);
            const RunRecord now = store.run(id);
            store.appendLog(id, run.log);
            store.restoreTimestamps(id, run.record.createdAt.empty() ? now.createdAt : run.record.createdAt,
                run.record.updatedAt.empty() ? now.updatedAt : run.record.updatedAt);
        }

        reader.forEachEntry([&](const Entry &e) -> EntrySink {
            if (e.kind != EntryKind::Checkpoint)
                return {};
            const int64_t id = newIdOf.at(e.run);
            // The name is one checked path component, so the file lands in the new run's folder.
            const std::string target = store.runFolder(id) + "/" + e.file;
            auto file = std::make_shared<QFile>(qs(target));
            // NewOnly: never overwrite (or follow a symlink planted at) an existing path.
            if (!file->open(QIODevice::WriteOnly | QIODevice::NewOnly))
                throw Error("run " + std::to_string(id) + ": cannot create " + target + ": "
                    + lowerFirst(file->errorString().toStdString()));
            const std::string what = "run " + std::to_string(id) + ": " + e.file;
            return {[file, target, what, &reporter](const char *data, qint64 n) {
                        if (file->write(data, n) != n)
                            throw Error(
                                target + ": cannot write: " + lowerFirst(file->errorString().toStdString()));
                        reporter.advance(static_cast<uint64_t>(n), what);
                    },
                [file, target] {
                    if (!file->flush())
                        throw Error(
                            target + ": cannot write: " + lowerFirst(file->errorString().toStdString()));
                    file->close();
                }};
        });
    } catch (...) {
        // Leave the store as it was: the runs go with their rows and folders.
        for (int64_t id : created) {
            try {
                store.deleteRun(id);
            } catch (const std::exception &) {
                // Keep the first error; a folder that could not go is an orphan, not a run.
            }
        }
        throw;
    }
    reporter.finish("done");
    return created;
}

} // namespace cifarlab
