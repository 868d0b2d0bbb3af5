#include "core/experiment_store.h"

#include "core/crash_point.h"
#include "core/error.h"
#include "core/little_endian_blob.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <QtEndian>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <thread>
#include <type_traits>

namespace cifarlab {

namespace {

namespace fs = std::filesystem;

const char *const kDatabaseFile = "runs.sqlite";
const char *const kRunsSubfolder = "runs";
constexpr int kBusyTimeoutMs = 5000;

// Schema migrations: entry i brings user_version i to i + 1. Append, never edit a shipped entry.
// REAL columns are nullable on purpose: SQLite stores NaN (a diverged loss) as NULL.
const std::vector<std::vector<const char *>> kMigrations = {
    {
        R"(CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL DEFAULT '',
            architecture TEXT NOT NULL DEFAULT '',
            dataset_name TEXT NOT NULL DEFAULT '',
            dataset_source TEXT NOT NULL DEFAULT '',
            preset TEXT NOT NULL DEFAULT '',
            config_json TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'created',
            message TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            started_at TEXT NOT NULL DEFAULT '',
            finished_at TEXT NOT NULL DEFAULT '',
            epochs_done INTEGER NOT NULL DEFAULT 0,
            best_test_accuracy REAL,
            best_epoch INTEGER NOT NULL DEFAULT -1,
            final_train_accuracy REAL,
            final_test_accuracy REAL,
            final_test_loss REAL,
            wall_seconds REAL,
            images_per_second REAL,
            parameters INTEGER NOT NULL DEFAULT 0,
            model_bytes INTEGER NOT NULL DEFAULT 0,
            host_info TEXT NOT NULL DEFAULT '',
            class_names TEXT NOT NULL DEFAULT '[]',
            tags TEXT NOT NULL DEFAULT '[]'
        ))",
        R"(CREATE TABLE batch_metrics (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            global_step INTEGER NOT NULL,
            epoch INTEGER NOT NULL,
            batch INTEGER NOT NULL,
            batches_per_epoch INTEGER NOT NULL DEFAULT 0,
            total_steps INTEGER NOT NULL DEFAULT 0,
            loss REAL,
            accuracy REAL,
            lr REAL,
            images_per_second REAL,
            elapsed REAL,
            PRIMARY KEY (run_id, global_step)
        ) WITHOUT ROWID)",
        R"(CREATE TABLE epoch_metrics (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            epoch INTEGER NOT NULL,
            epochs INTEGER NOT NULL DEFAULT 0,
            train_loss REAL,
            train_acc REAL,
            test_loss REAL,
            test_acc REAL,
            lr REAL,
            seconds REAL,
            elapsed REAL,
            images_per_second REAL,
            per_class_json TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (run_id, epoch)
        ) WITHOUT ROWID)",
        R"(CREATE TABLE confusion (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            epoch INTEGER NOT NULL,
            split TEXT NOT NULL CHECK (split IN ('test', 'train')),
            n INTEGER NOT NULL,
            counts BLOB NOT NULL,
            PRIMARY KEY (run_id, epoch, split)
        ))",
        R"(CREATE TABLE predictions (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            epoch INTEGER NOT NULL,
            predicted BLOB,
            confidence BLOB,
            loss BLOB,
            PRIMARY KEY (run_id, epoch)
        ))",
    },
    {
        // Top-k classes and probabilities per test image (the Images tab's detail view).
        "ALTER TABLE predictions ADD COLUMN top_k INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE predictions ADD COLUMN top_classes BLOB",
        "ALTER TABLE predictions ADD COLUMN top_probabilities BLOB",
    },
    {
        // Per epoch, every parameter tensor's weights, gradients and step sizes (the Weights tab).
        R"(CREATE TABLE parameter_stats (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            epoch INTEGER NOT NULL,
            idx INTEGER NOT NULL,
            name TEXT NOT NULL,
            shape TEXT NOT NULL DEFAULT '',
            weight_rms REAL,
            weight_mean REAL,
            weight_std REAL,
            weight_min REAL,
            weight_max REAL,
            weight_hist BLOB,
            gradient_samples INTEGER NOT NULL DEFAULT 0,
            gradient_rms REAL,
            gradient_min REAL,
            gradient_max REAL,
            gradient_hist BLOB,
            update_ratio REAL,
            PRIMARY KEY (run_id, epoch, idx)
        ))",
    },
    {
        // What a run said as it went (data loading, a time budget's or the memory limit's changes,
        // warnings, status changes), in order, so that it outlives the status bar and the console.
        R"(CREATE TABLE run_log (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            at TEXT NOT NULL,
            message TEXT NOT NULL,
            PRIMARY KEY (run_id, seq)
        ) WITHOUT ROWID)",
    },
};

// The runs columns in the order readRun() expects.
const char *const kRunColumns
    = "id, name, architecture, dataset_name, dataset_source, preset, config_json, status, message, "
      "created_at, updated_at, started_at, finished_at, epochs_done, best_test_accuracy, best_epoch, "
      "final_train_accuracy, final_test_accuracy, final_test_loss, wall_seconds, images_per_second, "
      "parameters, model_bytes, host_info, class_names, tags";

// Everything updateRun() writes, in the order bindMutableFields() binds.
const std::vector<const char *> kMutableRunColumns
    = {"name", "architecture", "dataset_name", "dataset_source", "preset", "config_json", "status", "message",
        "started_at", "finished_at", "epochs_done", "best_test_accuracy", "best_epoch",
        "final_train_accuracy", "final_test_accuracy", "final_test_loss", "wall_seconds", "images_per_second",
        "parameters", "model_bytes", "host_info", "class_names", "tags"};

std::atomic<uint64_t> g_connectionCounter {0};

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

// A null QString binds as SQL NULL, which the NOT NULL text columns refuse.
QVariant textValue(const std::string &text)
{
    return text.empty() ? QVariant(QStringLiteral("")) : QVariant(QString::fromStdString(text));
}

std::string str(const QVariant &value)
{
    return value.toString().toStdString();
}

double real(const QVariant &value)
{
    return value.isNull() ? std::numeric_limits<double>::quiet_NaN() : value.toDouble();
}

QString nowUtc()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

std::string lowerFirst(std::string text)
{
    if (!text.empty())
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    return text;
}

std::string noSuchRun(int64_t runId)
{
    return "run " + std::to_string(runId) + ": no such run";
}

QString stringsToJson(const std::vector<std::string> &values)
{
    QJsonArray array;
    for (const std::string &v : values)
        array.append(qs(v));
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

// Lenient: a hand-edited or damaged list reads as empty rather than making the run unreadable.
std::vector<std::string> stringsFromJson(const QString &json)
{
    std::vector<std::string> values;
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8());
    for (const QJsonValue &v : document.array())
        values.push_back(v.toString().toStdString());
    return values;
}

// JSON has no NaN: it is written as null and read back as NaN.
QString doublesToJson(const std::vector<double> &values)
{
    QJsonArray array;
    for (double v : values)
        array.append(std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null));
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

std::vector<double> doublesFromJson(const QString &json)
{
    std::vector<double> values;
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8());
    for (const QJsonValue &v : document.array())
        values.push_back(v.isDouble() ? v.toDouble() : std::numeric_limits<double>::quiet_NaN());
    return values;
}

bool isTerminal(RunStatus status)
{
    return status == RunStatus::Completed || status == RunStatus::Stopped || status == RunStatus::Cancelled
        || status == RunStatus::Diverged || status == RunStatus::Failed;
}

} // namespace

struct ExperimentStore::Impl
{
    std::string folder;
    std::string databasePath;
    QString connectionName;
    QSqlDatabase db;
    std::thread::id owner = std::this_thread::get_id();

    ~Impl()
    {
        // Every QSqlQuery is a local that is gone by now; drop our handle before removing the connection.
        if (db.isValid())
            db.close();
        db = QSqlDatabase();
        if (!connectionName.isEmpty())
            QSqlDatabase::removeDatabase(connectionName);
    }

    [[noreturn]] void fail(const std::string &what) const { throw Error("store " + folder + ": " + what); }

    static std::string errorText(const QSqlError &error)
    {
        std::string text
            = (error.databaseText().isEmpty() ? error.driverText() : error.databaseText()).toStdString();
        std::replace(text.begin(), text.end(), '\n', ' ');
        return text;
    }

    void checkThread() const
    {
        if (std::this_thread::get_id() != owner)
            fail("used from a thread other than the one that opened it");
    }

    QSqlQuery prepare(const char *sql) const
    {
        QSqlQuery query(db);
        if (!query.prepare(QString::fromUtf8(sql)))
            fail(std::string("cannot prepare '") + sql + "': " + errorText(query.lastError()));
        return query;
    }

    // SQLITE_IOERR and SQLITE_FULL (any extended code) are the machine's fault, not the input's.
    [[noreturn]] void failQuery(const QSqlError &error, const std::string &what) const
    {
        bool ok = false;
        const int code = error.nativeErrorCode().toInt(&ok) & 0xff;
        if (ok && (code == 10 || code == 13))
            throw SystemError("store " + folder + ": " + what + ": " + errorText(error) + (code == 10 ? " (is the disk full?)" : ""));
        fail(what + ": " + errorText(error));
    }

    void exec(QSqlQuery &query, const std::string &what) const
    {
        if (!query.exec())
            failQuery(query.lastError(), what);
    }

    void execSql(const char *sql, const std::string &what) const
    {
        QSqlQuery query(db);
        if (!query.exec(QString::fromUtf8(sql)))
            failQuery(query.lastError(), what);
    }

    QVariant pragma(const char *sql, const std::string &what) const
    {
        QSqlQuery query(db);
        if (!query.exec(QString::fromUtf8(sql)))
            fail(what + ": " + errorText(query.lastError()));
        return query.next() ? query.value(0) : QVariant();
    }

    bool runExists(int64_t runId) const
    {
        QSqlQuery query = prepare("SELECT 1 FROM runs WHERE id = ?");
        query.addBindValue(static_cast<qlonglong>(runId));
        exec(query, "run " + std::to_string(runId) + ": cannot read");
        return query.next();
    }

    void requireRun(int64_t runId) const
    {
        if (!runExists(runId))
            throw Error(noSuchRun(runId));
    }

    // Rolls back unless committed. Writers take the lock up front (IMMEDIATE) so that waiting
    // for another writer goes through busy_timeout instead of failing on a lock upgrade.
    class Transaction
    {
    public:
        Transaction(const Impl &impl, bool write)
            : m_impl(impl)
        {
            m_impl.execSql(write ? "BEGIN IMMEDIATE" : "BEGIN", "cannot begin a transaction");
        }
        ~Transaction()
        {
            if (!m_done) {
                QSqlQuery query(m_impl.db);
                query.exec(QStringLiteral("ROLLBACK"));
            }
        }
        Transaction(const Transaction &) = delete;
        Transaction &operator=(const Transaction &) = delete;
        void commit()
        {
            crashPoint("store-commit");
            m_impl.execSql("COMMIT", "cannot commit");
            m_done = true;
        }

    private:
        const Impl &m_impl;
        bool m_done = false;
    };

    void open()
    {
        connectionName = QStringLiteral("cifarlab-store-%1").arg(g_connectionCounter.fetch_add(1));
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        if (!db.isValid())
            fail("the Qt SQLite driver (QSQLITE) is not available");
        db.setDatabaseName(qs(databasePath));
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
        const std::string what = std::string("cannot open ") + kDatabaseFile;
        if (!db.open())
            fail(what + ": " + errorText(db.lastError()));
        // A file that is not a database opens fine; the first statement reading it fails.
        pragma("PRAGMA busy_timeout = 5000", what);
        const std::string mode = lowerFirst(str(pragma("PRAGMA journal_mode = WAL", what)));
        if (mode != "wal")
            fail(what + ": cannot switch to WAL journal mode (got '" + mode + "')");
        execSql("PRAGMA synchronous = NORMAL", what);
        execSql("PRAGMA foreign_keys = ON", what);
    }

    int userVersion() const
    {
        return pragma("PRAGMA user_version", std::string("cannot read ") + kDatabaseFile).toInt();
    }

    void migrate()
    {
        const int target = static_cast<int>(kMigrations.size());
        if (userVersion() == target)
            return;
        Transaction transaction(*this, true);
        // Re-read under the write lock: another process may have migrated meanwhile.
        const int version = userVersion();
        if (version > target)
            fail(std::string(kDatabaseFile) + " has schema version " + std::to_string(version)
                + ", newer than this CifarLab supports (" + std::to_string(target) + ")");
        if (version == target)
            return;
        for (int v = version; v < target; ++v) {
            for (const char *sql : kMigrations[static_cast<size_t>(v)])
                execSql(sql, "cannot create schema version " + std::to_string(v + 1));
        }
        if (version == 0)
            skipLeftoverRunFolders();
        execSql(("PRAGMA user_version = " + std::to_string(target)).c_str(), "cannot set the schema version");
        transaction.commit();
    }

    // A fresh database next to run folders of an earlier one (runs.sqlite deleted by hand) must
    // not hand out their ids again, or a new run would inherit old checkpoints.
    void skipLeftoverRunFolders()
    {
        int64_t highest = 0;
        std::error_code ec;
        for (fs::directory_iterator it(fs::path(folder) / kRunsSubfolder, ec), end; !ec && it != end;
             it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (!name.empty() && name.size() < 19
                && std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; }))
                highest = std::max<int64_t>(highest, std::stoll(name));
        }
        if (highest == 0)
            return;
        QSqlQuery query = prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('runs', ?)");
        query.addBindValue(static_cast<qlonglong>(highest));
        exec(query, "cannot reserve run ids");
    }

    static void bindMutableFields(QSqlQuery &query, const RunRecord &r)
    {
        query.addBindValue(textValue(r.name));
        query.addBindValue(textValue(r.architecture));
        query.addBindValue(textValue(r.datasetName));
        query.addBindValue(textValue(r.datasetSource));
        query.addBindValue(textValue(r.preset));
        query.addBindValue(textValue(r.configJson));
        query.addBindValue(textValue(runStatusName(r.status)));
        query.addBindValue(textValue(r.message));
        query.addBindValue(textValue(r.startedAt));
        query.addBindValue(textValue(r.finishedAt));
        query.addBindValue(static_cast<qlonglong>(r.epochsDone));
        query.addBindValue(r.bestTestAccuracy);
        query.addBindValue(static_cast<qlonglong>(r.bestEpoch));
        query.addBindValue(r.finalTrainAccuracy);
        query.addBindValue(r.finalTestAccuracy);
        query.addBindValue(r.finalTestLoss);
        query.addBindValue(r.wallSeconds);
        query.addBindValue(r.imagesPerSecond);
        query.addBindValue(static_cast<qlonglong>(r.parameters));
        query.addBindValue(static_cast<qlonglong>(r.modelBytes));
        query.addBindValue(textValue(r.hostInfo));
        query.addBindValue(stringsToJson(r.classNames));
        query.addBindValue(stringsToJson(r.tags));
    }

    RunRecord readRun(const QSqlQuery &q) const
    {
        RunRecord r;
        r.id = q.value(0).toLongLong();
        r.name = str(q.value(1));
        r.architecture = str(q.value(2));
        r.datasetName = str(q.value(3));
        r.datasetSource = str(q.value(4));
        r.preset = str(q.value(5));
        r.configJson = str(q.value(6));
        try {
            r.status = runStatusFromName(str(q.value(7)));
        } catch (const Error &e) {
            fail("run " + std::to_string(r.id) + ": " + e.what());
        }
        r.message = str(q.value(8));
        r.createdAt = str(q.value(9));
        r.updatedAt = str(q.value(10));
        r.startedAt = str(q.value(11));
        r.finishedAt = str(q.value(12));
        r.epochsDone = q.value(13).toLongLong();
        r.bestTestAccuracy = real(q.value(14));
        r.bestEpoch = q.value(15).toLongLong();
        r.finalTrainAccuracy = real(q.value(16));
        r.finalTestAccuracy = real(q.value(17));
        r.finalTestLoss = real(q.value(18));
        r.wallSeconds = real(q.value(19));
        r.imagesPerSecond = real(q.value(20));
        r.parameters = q.value(21).toLongLong();
        r.modelBytes = q.value(22).toLongLong();
        r.hostInfo = str(q.value(23));
        r.classNames = stringsFromJson(q.value(24).toString());
        r.tags = stringsFromJson(q.value(25).toString());
        return r;
    }

    std::vector<RunRecord> selectRuns(const std::string &where, const QVariant &value) const
    {
        const std::string sql
            = std::string("SELECT ") + kRunColumns + " FROM runs " + where + " ORDER BY id DESC";
        QSqlQuery query = prepare(sql.c_str());
        if (value.isValid())
            query.addBindValue(value);
        exec(query, "cannot read runs");
        std::vector<RunRecord> runs;
        while (query.next())
            runs.push_back(readRun(query));
        return runs;
    }

    // epochs_done, best and final accuracies follow from the stored epochs, so a rewritten
    // epoch (resumed run) leaves them consistent.
    void refreshRunSummary(int64_t runId) const
    {
        const std::string what = "run " + std::to_string(runId) + ": cannot update the summary";
        QSqlQuery best
            = prepare("SELECT test_acc, epoch FROM epoch_metrics WHERE run_id = ? AND test_acc IS NOT NULL "
                      "ORDER BY test_acc DESC, epoch ASC LIMIT 1");
        best.addBindValue(static_cast<qlonglong>(runId));
        exec(best, what);
        QVariant bestAccuracy = 0.0;
        QVariant bestEpoch = -1LL;
        if (best.next()) {
            bestAccuracy = best.value(0);
            bestEpoch = best.value(1);
        }
        best.finish();

        QSqlQuery last
            = prepare("SELECT epoch, train_acc, test_acc, test_loss, elapsed, images_per_second FROM epoch_metrics "
                      "WHERE run_id = ? ORDER BY epoch DESC LIMIT 1");
        last.addBindValue(static_cast<qlonglong>(runId));
        exec(last, what);
        if (!last.next())
            return;
        const qlonglong epochsDone = last.value(0).toLongLong() + 1;
        const QVariant trainAccuracy = last.value(1);
        const QVariant testAccuracy = last.value(2);
        const QVariant testLoss = last.value(3);
        const QVariant elapsed = last.value(4);
        const QVariant imagesPerSecond = last.value(5);
        last.finish();

        // While a run trains, its duration and pace are those of its last epoch, so lists of runs
        // never show a duration frozen at an earlier stop; the run's end writes the final figures.
        QSqlQuery update
            = prepare("UPDATE runs SET epochs_done = ?, best_test_accuracy = ?, best_epoch = ?, "
                      "final_train_accuracy = ?, final_test_accuracy = ?, final_test_loss = ?, "
                      "wall_seconds = MAX(COALESCE(wall_seconds, 0), COALESCE(?, 0)), "
                      "images_per_second = CASE WHEN ? > 0 THEN ? ELSE images_per_second END, "
                      "updated_at = ? WHERE id = ?");
        update.addBindValue(epochsDone);
        update.addBindValue(bestAccuracy);
        update.addBindValue(bestEpoch);
        update.addBindValue(trainAccuracy);
        update.addBindValue(testAccuracy);
        update.addBindValue(testLoss);
        update.addBindValue(elapsed);
        update.addBindValue(imagesPerSecond);
        update.addBindValue(imagesPerSecond);
        update.addBindValue(nowUtc());
        update.addBindValue(static_cast<qlonglong>(runId));
        exec(update, what);
    }
};

ExperimentStore::ExperimentStore(const std::string &folder)
    : m_impl(std::make_unique<Impl>())
{
    Impl &d = *m_impl;
    if (folder.empty())
        throw Error("store: no folder given");
    d.folder = QDir::cleanPath(QFileInfo(qs(folder)).absoluteFilePath()).toStdString();
    d.databasePath = d.folder + "/" + kDatabaseFile;

    std::error_code ec;
    fs::create_directories(fs::path(d.folder) / kRunsSubfolder, ec);
    if (ec)
        d.fail("cannot create the folder: " + lowerFirst(ec.message()));
    // Root may write anywhere, so this only catches the ordinary read-only case early and clearly.
    if (!QFileInfo::exists(qs(d.databasePath)) && !QFileInfo(qs(d.folder)).isWritable())
        d.fail("cannot create " + std::string(kDatabaseFile) + ": permission denied");

    d.open();
    d.migrate();
}

ExperimentStore::~ExperimentStore() = default;

std::string ExperimentStore::defaultFolder()
{
    const QString home = qEnvironmentVariable("CIFARLAB_HOME");
    if (!home.isEmpty())
        return home.toStdString();
    QString data = qEnvironmentVariable("XDG_DATA_HOME");
    // The XDG spec says a relative value is invalid and must be ignored.
    if (data.isEmpty() || QDir::isRelativePath(data))
        data = QDir::homePath() + QStringLiteral("/.local/share");
    return (data + QStringLiteral("/cifarlab")).toStdString();
}

int ExperimentStore::schemaVersion()
{
    return static_cast<int>(kMigrations.size());
}

const std::string &ExperimentStore::folder() const
{
    return m_impl->folder;
}

std::string ExperimentStore::databasePath() const
{
    return m_impl->databasePath;
}

std::string ExperimentStore::runFolder(int64_t runId) const
{
    return m_impl->folder + "/" + kRunsSubfolder + "/" + std::to_string(runId);
}

int64_t ExperimentStore::createRun(const RunRecord &initial)
{
    Impl &d = *m_impl;
    d.checkThread();
    std::string columns;
    std::string marks;
    for (const char *column : kMutableRunColumns) {
        columns += std::string(column) + ", ";
        marks += "?, ";
    }
    const std::string sql
        = "INSERT INTO runs (" + columns + "created_at, updated_at) VALUES (" + marks + "?, ?)";

    Impl::Transaction transaction(d, true);
    QSqlQuery query = d.prepare(sql.c_str());
    Impl::bindMutableFields(query, initial);
    const QString now = nowUtc();
    query.addBindValue(now);
    query.addBindValue(now);
    d.exec(query, "cannot create a run");
    const int64_t id = query.lastInsertId().toLongLong();
    query.finish();

    // Made inside the transaction so that a failure leaves neither a row nor a folder.
    const std::string path = runFolder(id);
    std::error_code ec;
    fs::create_directories(path, ec);
    if (ec)
        d.fail("run " + std::to_string(id) + ": cannot create " + path + ": " + lowerFirst(ec.message()));
    transaction.commit();
    return id;
}

void ExperimentStore::updateRun(const RunRecord &record)
{
    Impl &d = *m_impl;
    d.checkThread();
    std::string assignments;
    for (const char *column : kMutableRunColumns)
        assignments += std::string(column) + " = ?, ";
    const std::string sql = "UPDATE runs SET " + assignments + "updated_at = ? WHERE id = ?";
    QSqlQuery query = d.prepare(sql.c_str());
    Impl::bindMutableFields(query, record);
    query.addBindValue(nowUtc());
    query.addBindValue(static_cast<qlonglong>(record.id));
    d.exec(query, "run " + std::to_string(record.id) + ": cannot update");
    if (query.numRowsAffected() == 0)
        throw Error(noSuchRun(record.id));
}

void ExperimentStore::setStatus(int64_t runId, RunStatus status, const std::string &message)
{
    Impl &d = *m_impl;
    d.checkThread();
    // Running stamps started_at once and clears finished_at (a resumed run); terminal states stamp
    // finished_at.
    const QString now = nowUtc();
    QSqlQuery query(d.db);
    QString text;
    if (status == RunStatus::Running)
        text = QStringLiteral("UPDATE runs SET status = ?, message = ?, updated_at = ?, "
                              "started_at = CASE WHEN started_at = '' THEN ? ELSE started_at END, "
                              "finished_at = '' WHERE id = ?");
    else if (isTerminal(status))
        text = QStringLiteral(
            "UPDATE runs SET status = ?, message = ?, updated_at = ?, finished_at = ? WHERE id = ?");
    else
        text = QStringLiteral("UPDATE runs SET status = ?, message = ?, updated_at = ? WHERE id = ?");
    if (!query.prepare(text))
        d.fail("cannot prepare a status update: " + Impl::errorText(query.lastError()));
    query.addBindValue(textValue(runStatusName(status)));
    query.addBindValue(textValue(message));
    query.addBindValue(now);
    if (status == RunStatus::Running || isTerminal(status))
        query.addBindValue(now);
    query.addBindValue(static_cast<qlonglong>(runId));
    d.exec(query, "run " + std::to_string(runId) + ": cannot set the status");
    if (query.numRowsAffected() == 0)
        throw Error(noSuchRun(runId));
}

void ExperimentStore::appendBatchMetrics(int64_t runId, const std::vector<BatchMetrics> &batch)
{
    Impl &d = *m_impl;
    d.checkThread();
    if (batch.empty())
        return;
    const std::string what = "run " + std::to_string(runId) + ": cannot store batch metrics";
    Impl::Transaction transaction(d, true);
    d.requireRun(runId);
    {
        QSqlQuery query = d.prepare(
            "INSERT OR REPLACE INTO batch_metrics (run_id, global_step, epoch, batch, batches_per_epoch, "
            "total_steps, "
            "loss, accuracy, lr, images_per_second, elapsed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (const BatchMetrics &m : batch) {
            query.addBindValue(static_cast<qlonglong>(runId));
            query.addBindValue(static_cast<qlonglong>(m.globalStep));
            query.addBindValue(static_cast<qlonglong>(m.epoch));
            query.addBindValue(static_cast<qlonglong>(m.batch));
            query.addBindValue(static_cast<qlonglong>(m.batchesPerEpoch));
            query.addBindValue(static_cast<qlonglong>(m.totalSteps));
            query.addBindValue(m.loss);
            query.addBindValue(m.accuracy);
            query.addBindValue(m.learningRate);
            query.addBindValue(m.imagesPerSecond);
            query.addBindValue(m.elapsedSeconds);
            d.exec(query, what);
        }
    }
    transaction.commit();
}

void ExperimentStore::recordEpoch(int64_t runId, const EpochMetrics &epoch, int64_t numClasses)
{
    Impl &d = *m_impl;
    d.checkThread();
    const std::string where = "run " + std::to_string(runId) + " epoch " + std::to_string(epoch.epoch);
    const auto cells
        = static_cast<size_t>(std::max<int64_t>(numClasses, 0) * std::max<int64_t>(numClasses, 0));
    for (const auto *confusion : {&epoch.testConfusion, &epoch.trainConfusion}) {
        if (!confusion->empty() && (numClasses <= 0 || confusion->size() != cells))
            throw Error(where + ": confusion matrix has " + std::to_string(confusion->size())
                + " entries, expected " + std::to_string(cells) + " for " + std::to_string(numClasses)
                + " classes");
    }
    const size_t images
        = std::max({epoch.testPredictions.size(), epoch.testConfidence.size(), epoch.testImageLoss.size()});
    if ((!epoch.testPredictions.empty() && epoch.testPredictions.size() != images)
        || (!epoch.testConfidence.empty() && epoch.testConfidence.size() != images)
        || (!epoch.testImageLoss.empty() && epoch.testImageLoss.size() != images)
        || epoch.topK < 0 || epoch.testTopClasses.size() != epoch.testTopProbabilities.size()
        || (!epoch.testTopClasses.empty() && epoch.testTopClasses.size() != images * static_cast<size_t>(epoch.topK)))
        throw Error(where + ": predictions, confidences and losses differ in length ("
            + std::to_string(epoch.testPredictions.size()) + ", "
            + std::to_string(epoch.testConfidence.size()) + ", " + std::to_string(epoch.testImageLoss.size())
            + ")");
    for (const ParameterStatistics &p : epoch.parameters) {
        for (const auto *histogram : {&p.weightHistogram, &p.gradientHistogram})
            if (!histogram->empty() && histogram->size() != static_cast<size_t>(kParameterHistogramBins))
                throw Error(where + ": parameter " + p.name + ": a histogram has " + std::to_string(histogram->size())
                    + " bins, expected " + std::to_string(kParameterHistogramBins));
    }

    const std::string what = where + ": cannot store";
    const auto run = static_cast<qlonglong>(runId);
    const auto epochIndex = static_cast<qlonglong>(epoch.epoch);
    Impl::Transaction transaction(d, true);
    d.requireRun(runId);
    {
        QSqlQuery query = d.prepare("INSERT OR REPLACE INTO epoch_metrics (run_id, epoch, epochs, "
                                    "train_loss, train_acc, test_loss, test_acc, "
                                    "lr, seconds, elapsed, images_per_second, per_class_json) VALUES (?, ?, "
                                    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        query.addBindValue(run);
        query.addBindValue(epochIndex);
        query.addBindValue(static_cast<qlonglong>(epoch.epochs));
        query.addBindValue(epoch.trainLoss);
        query.addBindValue(epoch.trainAccuracy);
        query.addBindValue(epoch.testLoss);
        query.addBindValue(epoch.testAccuracy);
        query.addBindValue(epoch.learningRate);
        query.addBindValue(epoch.seconds);
        query.addBindValue(epoch.elapsedSeconds);
        query.addBindValue(epoch.imagesPerSecond);
        query.addBindValue(doublesToJson(epoch.perClassAccuracy));
        d.exec(query, what);
    }
    // A rewritten epoch replaces all of its details, including ones the new version lacks.
    for (const char *sql : {"DELETE FROM confusion WHERE run_id = ? AND epoch = ?",
             "DELETE FROM predictions WHERE run_id = ? AND epoch = ?",
             "DELETE FROM parameter_stats WHERE run_id = ? AND epoch = ?"}) {
        QSqlQuery query = d.prepare(sql);
        query.addBindValue(run);
        query.addBindValue(epochIndex);
        d.exec(query, what);
    }
    for (const auto &[split, counts] :
        {std::pair<const char *, const std::vector<int64_t> *> {"test", &epoch.testConfusion},
            {"train", &epoch.trainConfusion}}) {
        if (counts->empty())
            continue;
        QSqlQuery query = d.prepare(
            "INSERT OR REPLACE INTO confusion (run_id, epoch, split, n, counts) VALUES (?, ?, ?, ?, ?)");
        query.addBindValue(run);
        query.addBindValue(epochIndex);
        query.addBindValue(QString::fromLatin1(split));
        query.addBindValue(static_cast<qlonglong>(numClasses));
        query.addBindValue(toLittleEndianBlob(*counts));
        d.exec(query, what);
    }
    if (images > 0) {
        QSqlQuery query = d.prepare("INSERT OR REPLACE INTO predictions (run_id, epoch, predicted, "
                                    "confidence, loss, top_k, top_classes, top_probabilities) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        query.addBindValue(run);
        query.addBindValue(epochIndex);
        // An absent vector is NULL rather than an empty blob.
        const auto blobOrNull = [](QByteArray blob) { return blob.isEmpty() ? QVariant() : QVariant(blob); };
        query.addBindValue(blobOrNull(toLittleEndianBlob(epoch.testPredictions)));
        query.addBindValue(blobOrNull(toLittleEndianBlob(epoch.testConfidence)));
        query.addBindValue(blobOrNull(toLittleEndianBlob(epoch.testImageLoss)));
        query.addBindValue(epoch.testTopClasses.empty() ? 0 : epoch.topK);
        query.addBindValue(blobOrNull(toLittleEndianBlob(epoch.testTopClasses)));
        query.addBindValue(blobOrNull(toLittleEndianBlob(epoch.testTopProbabilities)));
        d.exec(query, what);
    }
    if (!epoch.parameters.empty()) {
        QSqlQuery query = d.prepare("INSERT INTO parameter_stats (run_id, epoch, idx, name, shape, weight_rms, "
                                    "weight_mean, weight_std, weight_min, weight_max, weight_hist, gradient_samples, "
                                    "gradient_rms, gradient_min, gradient_max, gradient_hist, update_ratio) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        const auto blobOrNull = [](QByteArray blob) { return blob.isEmpty() ? QVariant() : QVariant(blob); };
        for (size_t i = 0; i < epoch.parameters.size(); ++i) {
            const ParameterStatistics &p = epoch.parameters[i];
            QStringList shape;
            for (int64_t extent : p.shape)
                shape << QString::number(extent);
            query.addBindValue(run);
            query.addBindValue(epochIndex);
            query.addBindValue(static_cast<qlonglong>(i));
            query.addBindValue(textValue(p.name));
            query.addBindValue(shape.join(QLatin1Char(',')));
            for (double v : {p.weightRms, p.weightMean, p.weightStd, p.weightMin, p.weightMax})
                query.addBindValue(v);
            query.addBindValue(blobOrNull(toLittleEndianBlob(p.weightHistogram)));
            query.addBindValue(static_cast<qlonglong>(p.gradientSamples));
            for (double v : {p.gradientRms, p.gradientMin, p.gradientMax})
                query.addBindValue(v);
            query.addBindValue(blobOrNull(toLittleEndianBlob(p.gradientHistogram)));
            query.addBindValue(p.updateRatio);
            d.exec(query, what);
        }
    }
    d.refreshRunSummary(runId);
    transaction.commit();
}

std::vector<RunRecord> ExperimentStore::listRuns() const
{
    m_impl->checkThread();
    return m_impl->selectRuns({}, QVariant());
}

RunRecord ExperimentStore::run(int64_t runId) const
{
    m_impl->checkThread();
    std::vector<RunRecord> runs = m_impl->selectRuns("WHERE id = ?", static_cast<qlonglong>(runId));
    if (runs.empty())
        throw Error(noSuchRun(runId));
    return runs.front();
}

std::optional<RunRecord> ExperimentStore::findRun(const std::string &idOrName) const
{
    const Impl &d = *m_impl;
    d.checkThread();
    const bool numeric = !idOrName.empty() && idOrName.size() < 19
        && std::all_of(idOrName.begin(), idOrName.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (numeric) {
        std::vector<RunRecord> byId
            = d.selectRuns("WHERE id = ?", static_cast<qlonglong>(std::stoll(idOrName)));
        if (!byId.empty())
            return byId.front();
    }
    std::vector<RunRecord> byName = d.selectRuns("WHERE name = ?", textValue(idOrName));
    if (byName.empty())
        return std::nullopt;
    if (byName.size() > 1) {
        std::string ids;
        for (const RunRecord &r : byName)
            ids += (ids.empty() ? "" : ", ") + std::to_string(r.id);
        throw Error("run '" + idOrName + "': ambiguous name, matches runs " + ids);
    }
    return byName.front();
}

std::vector<BatchMetrics> ExperimentStore::batchMetrics(int64_t runId, int64_t fromStep) const
{
    const Impl &d = *m_impl;
    d.checkThread();
    QSqlQuery query = d.prepare("SELECT global_step, epoch, batch, batches_per_epoch, total_steps, loss, "
                                "accuracy, lr, images_per_second, "
                                "elapsed FROM batch_metrics WHERE run_id = ? AND global_step >= ? "
                                "ORDER BY global_step");
    query.addBindValue(static_cast<qlonglong>(runId));
    query.addBindValue(static_cast<qlonglong>(fromStep));
    d.exec(query, "run " + std::to_string(runId) + ": cannot read batch metrics");
    std::vector<BatchMetrics> metrics;
    while (query.next()) {
        BatchMetrics m;
        m.globalStep = query.value(0).toLongLong();
        m.epoch = query.value(1).toLongLong();
        m.batch = query.value(2).toLongLong();
        m.batchesPerEpoch = query.value(3).toLongLong();
        m.totalSteps = query.value(4).toLongLong();
        m.loss = real(query.value(5));
        m.accuracy = real(query.value(6));
        m.learningRate = real(query.value(7));
        m.imagesPerSecond = real(query.value(8));
        m.elapsedSeconds = real(query.value(9));
        metrics.push_back(m);
    }
    return metrics;
}

std::vector<EpochMetrics> ExperimentStore::epochMetrics(int64_t runId, bool withDetails, int64_t fromEpoch) const
{
    const Impl &d = *m_impl;
    d.checkThread();
    const std::string what = "run " + std::to_string(runId) + ": cannot read epoch metrics";
    const auto run = static_cast<qlonglong>(runId);
    const auto from = static_cast<qlonglong>(fromEpoch);
    std::vector<EpochMetrics> epochs;
    std::map<int64_t, size_t> indexOf;
    // One snapshot, so that a writer in another process cannot slip an epoch in between the queries.
    Impl::Transaction transaction(d, false);
    {
        QSqlQuery query = d.prepare(
            "SELECT epoch, epochs, train_loss, train_acc, test_loss, test_acc, lr, seconds, elapsed, "
            "images_per_second, per_class_json FROM epoch_metrics WHERE run_id = ? AND epoch >= ? ORDER BY epoch");
        query.addBindValue(run);
        query.addBindValue(from);
        d.exec(query, what);
        while (query.next()) {
            EpochMetrics m;
            m.epoch = query.value(0).toLongLong();
            m.epochs = query.value(1).toLongLong();
            m.trainLoss = real(query.value(2));
            m.trainAccuracy = real(query.value(3));
            m.testLoss = real(query.value(4));
            m.testAccuracy = real(query.value(5));
            m.learningRate = real(query.value(6));
            m.seconds = real(query.value(7));
            m.elapsedSeconds = real(query.value(8));
            m.imagesPerSecond = real(query.value(9));
            if (withDetails)
                m.perClassAccuracy = doublesFromJson(query.value(10).toString());
            indexOf[m.epoch] = epochs.size();
            epochs.push_back(std::move(m));
        }
    }
    if (withDetails && !epochs.empty()) {
        {
            QSqlQuery query = d.prepare("SELECT epoch, split, counts FROM confusion WHERE run_id = ? AND epoch >= ?");
            query.addBindValue(run);
            query.addBindValue(from);
            d.exec(query, what);
            while (query.next()) {
                const auto it = indexOf.find(query.value(0).toLongLong());
                if (it == indexOf.end())
                    continue;
                EpochMetrics &m = epochs[it->second];
                std::vector<int64_t> &counts = query.value(1).toString() == QLatin1String("train")
                    ? m.trainConfusion
                    : m.testConfusion;
                if (!fromLittleEndianBlob(query.value(2).toByteArray(), counts))
                    d.fail("run " + std::to_string(runId) + " epoch " + std::to_string(m.epoch)
                        + ": corrupt confusion matrix");
            }
        }
        QSqlQuery query
            = d.prepare("SELECT epoch, predicted, confidence, loss, top_k, top_classes, top_probabilities "
                        "FROM predictions WHERE run_id = ? AND epoch >= ?");
        query.addBindValue(run);
        query.addBindValue(from);
        d.exec(query, what);
        while (query.next()) {
            const auto it = indexOf.find(query.value(0).toLongLong());
            if (it == indexOf.end())
                continue;
            EpochMetrics &m = epochs[it->second];
            if (!fromLittleEndianBlob(query.value(1).toByteArray(), m.testPredictions)
                || !fromLittleEndianBlob(query.value(2).toByteArray(), m.testConfidence)
                || !fromLittleEndianBlob(query.value(3).toByteArray(), m.testImageLoss)
                || !fromLittleEndianBlob(query.value(5).toByteArray(), m.testTopClasses)
                || !fromLittleEndianBlob(query.value(6).toByteArray(), m.testTopProbabilities))
                d.fail("run " + std::to_string(runId) + " epoch " + std::to_string(m.epoch)
                    + ": corrupt predictions");
            m.topK = m.testTopClasses.empty() ? 0 : query.value(4).toInt();
        }
        QSqlQuery stats = d.prepare("SELECT epoch, name, shape, weight_rms, weight_mean, weight_std, weight_min, "
                                    "weight_max, weight_hist, gradient_samples, gradient_rms, gradient_min, "
                                    "gradient_max, gradient_hist, update_ratio FROM parameter_stats "
                                    "WHERE run_id = ? AND epoch >= ? ORDER BY epoch, idx");
        stats.addBindValue(run);
        stats.addBindValue(from);
        d.exec(stats, what);
        while (stats.next()) {
            const auto it = indexOf.find(stats.value(0).toLongLong());
            if (it == indexOf.end())
                continue;
            EpochMetrics &m = epochs[it->second];
            ParameterStatistics p;
            p.name = str(stats.value(1));
            bool shapeOk = true;
            for (const QString &extent : stats.value(2).toString().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                bool ok = false;
                p.shape.push_back(extent.toLongLong(&ok));
                shapeOk = shapeOk && ok && p.shape.back() >= 0;
            }
            p.weightRms = real(stats.value(3));
            p.weightMean = real(stats.value(4));
            p.weightStd = real(stats.value(5));
            p.weightMin = real(stats.value(6));
            p.weightMax = real(stats.value(7));
            p.gradientSamples = stats.value(9).toLongLong();
            p.gradientRms = real(stats.value(10));
            p.gradientMin = real(stats.value(11));
            p.gradientMax = real(stats.value(12));
            p.updateRatio = real(stats.value(14));
            const auto binsOk = [](const std::vector<float> &h) {
                return h.empty() || h.size() == static_cast<size_t>(kParameterHistogramBins);
            };
            if (!shapeOk || !fromLittleEndianBlob(stats.value(8).toByteArray(), p.weightHistogram)
                || !fromLittleEndianBlob(stats.value(13).toByteArray(), p.gradientHistogram)
                || !binsOk(p.weightHistogram) || !binsOk(p.gradientHistogram))
                d.fail("run " + std::to_string(runId) + " epoch " + std::to_string(m.epoch)
                    + ": corrupt statistics of parameter " + p.name);
            m.parameters.push_back(std::move(p));
        }
    }
    transaction.commit();
    return epochs;
}

void ExperimentStore::renameRun(int64_t runId, const std::string &name)
{
    const Impl &d = *m_impl;
    d.checkThread();
    QSqlQuery query = d.prepare("UPDATE runs SET name = ?, updated_at = ? WHERE id = ?");
    query.addBindValue(textValue(name));
    query.addBindValue(nowUtc());
    query.addBindValue(static_cast<qlonglong>(runId));
    d.exec(query, "run " + std::to_string(runId) + ": cannot rename");
    if (query.numRowsAffected() == 0)
        throw Error(noSuchRun(runId));
}

void ExperimentStore::setTags(int64_t runId, const std::vector<std::string> &tags)
{
    const Impl &d = *m_impl;
    d.checkThread();
    QSqlQuery query = d.prepare("UPDATE runs SET tags = ?, updated_at = ? WHERE id = ?");
    query.addBindValue(stringsToJson(tags));
    query.addBindValue(nowUtc());
    query.addBindValue(static_cast<qlonglong>(runId));
    d.exec(query, "run " + std::to_string(runId) + ": cannot set tags");
    if (query.numRowsAffected() == 0)
        throw Error(noSuchRun(runId));
}

void ExperimentStore::restoreTimestamps(int64_t runId, const std::string &createdAt, const std::string &updatedAt)
{
    const Impl &d = *m_impl;
    d.checkThread();
    QSqlQuery query = d.prepare("UPDATE runs SET created_at = ?, updated_at = ? WHERE id = ?");
    query.addBindValue(textValue(createdAt));
    query.addBindValue(textValue(updatedAt));
    query.addBindValue(static_cast<qlonglong>(runId));
    d.exec(query, "run " + std::to_string(runId) + ": cannot restore the timestamps");
    if (query.numRowsAffected() == 0)
        throw Error(noSuchRun(runId));
}

void ExperimentStore::appendLog(int64_t runId, const std::string &message)
{
    RunLogEntry entry;
    entry.message = message;
    appendLog(runId, std::vector<RunLogEntry> {entry});
}

void ExperimentStore::appendLog(int64_t runId, const std::vector<RunLogEntry> &entries)
{
    const Impl &d = *m_impl;
    d.checkThread();
    if (entries.empty())
        return;
    const std::string what = "run " + std::to_string(runId) + ": cannot write the log";
    Impl::Transaction transaction(d, true);
    d.requireRun(runId);
    QSqlQuery next = d.prepare("SELECT COALESCE(MAX(seq) + 1, 0) FROM run_log WHERE run_id = ?");
    next.addBindValue(static_cast<qlonglong>(runId));
    d.exec(next, what);
    int64_t seq = next.next() ? next.value(0).toLongLong() : 0;
    next.finish();
    const QString now = nowUtc();
    QSqlQuery insert = d.prepare("INSERT INTO run_log (run_id, seq, at, message) VALUES (?, ?, ?, ?)");
    for (const RunLogEntry &entry : entries) {
        insert.bindValue(0, static_cast<qlonglong>(runId));
        insert.bindValue(1, static_cast<qlonglong>(seq++));
        insert.bindValue(2, entry.at.empty() ? QVariant(now) : textValue(entry.at));
        insert.bindValue(3, textValue(entry.message));
        d.exec(insert, what);
    }
    transaction.commit();
}

std::vector<RunLogEntry> ExperimentStore::runLog(int64_t runId, int64_t fromSeq) const
{
    const Impl &d = *m_impl;
    d.checkThread();
    QSqlQuery query = d.prepare("SELECT seq, at, message FROM run_log WHERE run_id = ? AND seq >= ? ORDER BY seq");
    query.addBindValue(static_cast<qlonglong>(runId));
    query.addBindValue(static_cast<qlonglong>(fromSeq));
    d.exec(query, "run " + std::to_string(runId) + ": cannot read the log");
    std::vector<RunLogEntry> entries;
    while (query.next()) {
        RunLogEntry entry;
        entry.seq = query.value(0).toLongLong();
        entry.at = str(query.value(1));
        entry.message = str(query.value(2));
        entries.push_back(std::move(entry));
    }
    return entries;
}

void ExperimentStore::deleteRun(int64_t runId)
{
    const Impl &d = *m_impl;
    d.checkThread();
    {
        Impl::Transaction transaction(d, true);
        d.requireRun(runId);
        for (const char *sql : {"DELETE FROM batch_metrics WHERE run_id = ?",
                 "DELETE FROM epoch_metrics WHERE run_id = ?", "DELETE FROM confusion WHERE run_id = ?",
                 "DELETE FROM predictions WHERE run_id = ?", "DELETE FROM parameter_stats WHERE run_id = ?",
                 "DELETE FROM run_log WHERE run_id = ?", "DELETE FROM runs WHERE id = ?"}) {
            QSqlQuery query = d.prepare(sql);
            query.addBindValue(static_cast<qlonglong>(runId));
            d.exec(query, "run " + std::to_string(runId) + ": cannot delete");
        }
        transaction.commit();
    }
    // Files go after the rows: a failure here leaves an orphan folder, never a run without files.
    const std::string path = runFolder(runId);
    std::error_code ec;
    fs::remove_all(path, ec);
    if (ec)
        d.fail("run " + std::to_string(runId) + ": cannot remove " + path + ": " + lowerFirst(ec.message()));
}

std::string ExperimentStore::integrityCheck() const
{
    const Impl &d = *m_impl;
    d.checkThread();
    QSqlQuery query(d.db);
    if (!query.exec(QStringLiteral("PRAGMA integrity_check")))
        return Impl::errorText(query.lastError());
    std::string report;
    while (query.next())
        report += (report.empty() ? "" : "\n") + str(query.value(0));
    return report;
}

} // namespace cifarlab
