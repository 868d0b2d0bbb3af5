#pragma once

#include "core/training_metrics.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cifarlab {

// One row of the runs table. Timestamps are ISO 8601 UTC with milliseconds
// ("2024-05-01T12:00:00.000Z"); an empty string means "not yet".
struct RunRecord
{
    int64_t id = 0;
    std::string name, architecture, datasetName, datasetSource, preset, configJson;
    RunStatus status = RunStatus::Created;
    std::string message, createdAt, updatedAt, startedAt, finishedAt;
    int64_t epochsDone = 0;
    double bestTestAccuracy = 0;
    int64_t bestEpoch = -1;
    double finalTrainAccuracy = 0, finalTestAccuracy = 0, finalTestLoss = 0, wallSeconds = 0,
           imagesPerSecond = 0;
    int64_t parameters = 0, modelBytes = 0;
    std::string hostInfo;
    std::vector<std::string> classNames, tags;
};

// One line of a run's log: what the run said as it went (data loading, a time budget's or the
// memory limit's changes, warnings, status changes). seq counts from 0 per run; `at` is ISO 8601 UTC.
struct RunLogEntry
{
    int64_t seq = 0;
    std::string at, message;
};

// The experiment history: <folder>/runs.sqlite (SQLite in WAL mode, so the GUI can read while a
// CLI process writes; writers wait up to 5 s for each other) plus one folder per run for
// checkpoints and other files, <folder>/runs/<id>.
//
// Threading: each instance owns its own database connection, which may only be used from the
// thread that constructed the instance (a Qt SQL rule); a call from another thread throws Error.
// Open one ExperimentStore per thread or process instead of sharing one.
//
// Every failure throws Error with a one-line message that names the store folder.
class ExperimentStore
{
public:
    // Creates the folder and the schema if needed (and migrates an older schema). Throws Error
    // naming the path when the folder cannot be created or written, when runs.sqlite is not a
    // database, or when it was written by a newer CifarLab.
    explicit ExperimentStore(const std::string &folder = defaultFolder());
    ~ExperimentStore();
    ExperimentStore(const ExperimentStore &) = delete;
    ExperimentStore &operator=(const ExperimentStore &) = delete;

    // $CIFARLAB_HOME if set, else $XDG_DATA_HOME/cifarlab (by default ~/.local/share/cifarlab).
    static std::string defaultFolder();
    // The schema version this build writes (PRAGMA user_version of runs.sqlite).
    static int schemaVersion();

    // Absolute path of the store folder.
    const std::string &folder() const;
    // <folder>/runs.sqlite
    std::string databasePath() const;

    // Inserts a run (id, createdAt and updatedAt of `initial` are ignored) and creates its run
    // folder. Returns the new id; ids are never reused, even after deleteRun().
    int64_t createRun(const RunRecord &initial);
    // <folder>/runs/<id>, no trailing slash. Does not check that the run exists.
    std::string runFolder(int64_t runId) const;
    // Writes every field except id and createdAt; updatedAt becomes now. Error if no such run.
    void updateRun(const RunRecord &record);
    // Also stamps startedAt on the first Running (and clears finishedAt when a run is resumed),
    // and finishedAt on Completed, Stopped, Cancelled, Diverged and Failed.
    void setStatus(int64_t runId, RunStatus status, const std::string &message = {});
    // One transaction; a step that is already stored is replaced (a resumed run rewrites it).
    void appendBatchMetrics(int64_t runId, const std::vector<BatchMetrics> &batch);
    // Epoch row, confusion matrices and per-image predictions in one transaction (each replaced
    // if already stored), and the run's epochsDone, best and final accuracies recomputed from the
    // stored epochs. Empty confusion/prediction vectors are not stored; non-empty confusions must
    // hold numClasses^2 entries and non-empty prediction vectors must have equal lengths.
    void recordEpoch(int64_t runId, const EpochMetrics &epoch, int64_t numClasses);

    // Appends to the run's log, stamped now. Error if no such run.
    void appendLog(int64_t runId, const std::string &message);
    // Appends in order with new seq numbers, keeping each entry's `at` (now where it is empty): an
    // imported run keeps the times of the run it copies. One transaction.
    void appendLog(int64_t runId, const std::vector<RunLogEntry> &entries);
    // The run's log from seq `fromSeq` on, oldest first (a viewer that follows a live run asks only for
    // what is new). Empty for runs recorded before the log existed.
    std::vector<RunLogEntry> runLog(int64_t runId, int64_t fromSeq = 0) const;

    std::vector<RunRecord> listRuns() const; // newest first
    RunRecord run(int64_t runId) const; // Error "run 12: no such run"
    // By numeric id, else by exact name. Error when the name matches more than one run.
    std::optional<RunRecord> findRun(const std::string &idOrName) const;
    // By global step, from `fromStep` on (a viewer that follows a live run asks only for what is new).
    std::vector<BatchMetrics> batchMetrics(int64_t runId, int64_t fromStep = 0) const;
    // By epoch, from epoch `fromEpoch` (0-based) on. withDetails adds per-class accuracy, confusion
    // matrices, predictions and parameter statistics (a viewer that follows a live run asks only for
    // the new epochs: each epoch's details can be megabytes).
    std::vector<EpochMetrics> epochMetrics(int64_t runId, bool withDetails, int64_t fromEpoch = 0) const;

    void renameRun(int64_t runId, const std::string &name);
    void setTags(int64_t runId, const std::vector<std::string> &tags);
    // Sets createdAt and updatedAt as given (every other write stamps updatedAt with now), so
    // that an imported run keeps the times of the run it copies. Error if no such run.
    void restoreTimestamps(int64_t runId, const std::string &createdAt, const std::string &updatedAt);
    // Removes the run's rows from every table, then its run folder.
    void deleteRun(int64_t runId);
    // "ok", or SQLite's integrity_check report (one problem per line).
    std::string integrityCheck() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace cifarlab
