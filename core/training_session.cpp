#include "core/training_session.h"

#include "core/dataset_loader.h"
#include "core/distributed_group.h"
#include "core/epoch_summary.h"
#include "core/error.h"
#include "core/local_workers.h"
#include "core/run_recorder.h"
#include "core/runtime.h"

#include <QString>
#include <QSysInfo>
#include <QTemporaryDir>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

namespace cifarlab {

std::string hostDescription()
{
    std::string cpu;
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) == 0) {
            const auto colon = line.find(':');
            cpu = colon == std::string::npos ? line : line.substr(colon + 2);
            break;
        }
    }
    return QSysInfo::machineHostName().toStdString() + "; " + QSysInfo::prettyProductName().toStdString() + "; "
           + (cpu.empty() ? QSysInfo::currentCpuArchitecture().toStdString() : cpu) + "; "
           + std::to_string(std::thread::hardware_concurrency()) + " cores; bf16 " + (cpuHasFastBf16() ? "native" : "emulated");
}

namespace {

std::string readWholeFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path + ": cannot read the checkpoint");
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void writeWholeFile(const std::string &path, const std::string &bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out)
        throw Error(path + ": cannot write rank 0's checkpoint");
}

} // namespace

TrainingSession::TrainingSession(std::string storeFolder)
    : m_storeFolder(std::move(storeFolder))
{
}

TrainingSession::~TrainingSession() = default;

void TrainingSession::pause()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_trainer)
        m_trainer->pause();
}

void TrainingSession::resumeTraining()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_trainer)
        m_trainer->resume();
}

void TrainingSession::stop()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stopEarly = true;
    if (m_trainer)
        m_trainer->stop();
}

void TrainingSession::cancel()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_cancelEarly = true;
    if (m_trainer)
        m_trainer->cancel();
}

SessionResult TrainingSession::train(const TrainingConfig &config, const std::string &runName, const SessionCallbacks &callbacks,
                                     const DistributedOptions &distributed)
{
    validateConfig(config);
    ExperimentStore store(m_storeFolder);
    RunRecord record;
    record.architecture = config.architecture;
    record.datasetSource = config.dataPath;
    record.datasetName = std::filesystem::path(config.dataPath).filename().string();
    record.preset = config.preset;
    record.configJson = configToJson(config);
    record.hostInfo = hostDescription();
    if (config.worldSize > 1)
        record.hostInfo += "; " + std::to_string(config.worldSize) + " processes";
    record.name = runName;
    const int64_t runId = store.createRun(record);
    if (runName.empty()) {
        record = store.run(runId);
        store.renameRun(runId, config.architecture + "-" + std::to_string(runId));
    }
    if (callbacks.onRunCreated)
        callbacks.onRunCreated(runId);
    return execute(store, runId, config, callbacks, {}, distributed);
}

SessionResult TrainingSession::resume(const std::string &idOrName, const SessionCallbacks &callbacks, double newEpochs,
                                      const DistributedOptions &distributed, int64_t worldSize)
{
    ExperimentStore store(m_storeFolder);
    const auto found = store.findRun(idOrName);
    if (!found)
        throw Error("run '" + idOrName + "': no such run in " + store.folder());
    TrainingConfig config = configFromJson(found->configJson);
    if (newEpochs > 0)
        config.epochs = newEpochs;
    if (worldSize > 0)
        config.worldSize = worldSize;
    validateConfig(config);
    // A run stopped before its first checkpoint starts over: with the same seed it replays the same
    // batches, and the rows it had written are replaced.
    std::string checkpoint = store.runFolder(found->id) + "/checkpoint-latest.pt";
    if (!std::filesystem::exists(checkpoint))
        checkpoint.clear();
    if (callbacks.onRunCreated)
        callbacks.onRunCreated(found->id);
    return execute(store, found->id, config, callbacks, checkpoint, distributed);
}

TrainingResult TrainingSession::runTrainer(Trainer &trainer, const TrainerCallbacks &hooks, const std::string &resumeCheckpoint)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_trainer = &trainer;
        if (m_stopEarly)
            trainer.stop();
        if (m_cancelEarly)
            trainer.cancel();
    }
    try {
        TrainingResult result = trainer.run(hooks, resumeCheckpoint);
        std::lock_guard<std::mutex> lock(m_mutex);
        m_trainer = nullptr;
        return result;
    } catch (...) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_trainer = nullptr;
        throw;
    }
}

TrainingResult TrainingSession::joinJob(const DistributedOptions &distributed, const std::string &dataPath, int threads,
                                        const SessionCallbacks &callbacks)
{
    auto log = [&](const std::string &message) {
        if (callbacks.onLog)
            callbacks.onLog(message);
    };
    DistributedGroup group(distributed);
    TrainingConfig config = configFromJson(group.fetch("config"));
    if (config.worldSize != distributed.worldSize)
        throw Error("--world-size: rank 0 runs a job of " + std::to_string(config.worldSize) + " processes, this rank was given "
                    + std::to_string(distributed.worldSize));
    if (!dataPath.empty())
        config.dataPath = dataPath;
    if (threads > 0)
        config.threads = threads;
    QTemporaryDir folder;
    if (!folder.isValid())
        throw Error("cannot create a temporary folder for rank " + std::to_string(distributed.rank));
    const std::string checkpointBytes = group.fetch("resume");
    std::string checkpoint;
    if (!checkpointBytes.empty()) {
        checkpoint = folder.path().toStdString() + "/resume.pt";
        writeWholeFile(checkpoint, checkpointBytes);
    }
    LoadOptions loadOptions;
    loadOptions.resize = config.resize;
    loadOptions.threads = config.threads;
    log("rank " + std::to_string(distributed.rank) + ": loading " + config.dataPath);
    auto dataset = std::make_shared<Dataset>(loadDataset(config.dataPath, loadOptions));
    group.connect();
    Trainer trainer(config, dataset, folder.path().toStdString(), &group);
    TrainerCallbacks hooks;
    hooks.onStatus = callbacks.trainer.onStatus;
    return runTrainer(trainer, hooks, checkpoint);
}

namespace {

// Best effort: when the disk is full the store may fail too, and the user must see the first
// failure, not the store's echo of it.
void recordFailure(ExperimentStore &store, int64_t runId, const std::string &message)
{
    try {
        store.setStatus(runId, RunStatus::Failed, message);
        store.appendLog(runId, "failed: " + message);
    } catch (const Error &) {
    }
}

} // namespace

SessionResult TrainingSession::execute(ExperimentStore &store, int64_t runId, const TrainingConfig &config,
                                       const SessionCallbacks &callbacks, const std::string &resumeCheckpoint,
                                       const DistributedOptions &distributed)
{
    // Stored before it is passed on, so a viewer told of a line finds it in the run's log.
    auto log = [&](const std::string &message) {
        store.appendLog(runId, message);
        if (callbacks.onLog)
            callbacks.onLog(message);
    };
    SessionResult result;
    result.runId = runId;
    // Destroyed last: leftover workers are killed whatever way this returns.
    LocalWorkers workers;
    std::unique_ptr<DistributedGroup> group;
    try {
        if (config.worldSize > 1) {
            DistributedOptions options = distributed;
            if (options.worldSize != config.worldSize) {
                // No job described (the GUI, a resumed run): start the whole job on this host.
                options = DistributedOptions();
                options.timeoutSeconds = distributed.timeoutSeconds;
                options.workerExecutable = distributed.workerExecutable;
                options.masterPort = 0;
                options.spawnLocalWorkers = true;
            }
            options.worldSize = config.worldSize;
            options.rank = 0;
            if (options.spawnLocalWorkers) {
                options.localRank = 0;
                options.localWorldSize = config.worldSize;
            }
            group = std::make_unique<DistributedGroup>(options);
            group->publish("config", configToJson(config));
            group->publish("resume", resumeCheckpoint.empty() ? std::string() : readWholeFile(resumeCheckpoint));
            if (options.spawnLocalWorkers) {
                const std::string executable = options.workerExecutable.empty() ? defaultWorkerExecutable() : options.workerExecutable;
                for (int64_t r = 1; r < config.worldSize; ++r)
                    workers.start(executable,
                                  {"train", "--rank", std::to_string(r), "--world-size", std::to_string(config.worldSize), "--master-addr",
                                   options.masterAddr, "--master-port", std::to_string(group->port()), "--dist-timeout",
                                   std::to_string(options.timeoutSeconds)},
                                  {"LOCAL_RANK=" + std::to_string(r), "LOCAL_WORLD_SIZE=" + std::to_string(config.worldSize)});
            }
            log("rank 0 of " + std::to_string(config.worldSize) + " processes, rendezvous at " + options.masterAddr + ":"
                + std::to_string(group->port()));
        }
        LoadOptions loadOptions;
        loadOptions.resize = config.resize;
        loadOptions.threads = config.threads;
        log("loading " + config.dataPath);
        auto dataset = std::make_shared<Dataset>(loadDataset(config.dataPath, loadOptions));
        log("loaded " + std::to_string(dataset->train.count) + " training and " + std::to_string(dataset->test.count)
            + " test images");

        if (group) {
            group->connect();
            log("all " + std::to_string(config.worldSize) + " processes joined");
        }
        Trainer trainer(config, dataset, store.runFolder(runId), group.get());
        RunRecord record = store.run(runId);
        record.datasetName = dataset->name;
        record.classNames = dataset->classNames;
        const ModelFacts facts = trainer.modelFacts();
        record.parameters = facts.parameters;
        record.modelBytes = facts.sizeBytes;
        store.updateRun(record);

        RunRecorder recorder(store, runId, dataset->numClasses());
        TrainerCallbacks hooks;
        hooks.onBatch = [&](const BatchMetrics &m) {
            recorder.onBatch(m);
            if (callbacks.trainer.onBatch)
                callbacks.trainer.onBatch(m);
        };
        hooks.onEpoch = [&](const EpochMetrics &m) {
            recorder.onEpoch(m);
            store.appendLog(runId, epochSummary(m)); // when each epoch ended and how it went
            if (callbacks.trainer.onEpoch)
                callbacks.trainer.onEpoch(m);
        };
        hooks.onConfigChanged = [&](const std::string &configJson, const std::string &message) {
            recorder.flush();
            RunRecord changed = store.run(runId);
            changed.configJson = configJson;
            // A width fitted to the budget changes the network.
            const ModelFacts fitted = trainer.modelFacts();
            changed.parameters = fitted.parameters;
            changed.modelBytes = fitted.sizeBytes;
            store.updateRun(changed);
            log(message);
        };
        hooks.onStatus = [&](RunStatus s, const std::string &message) {
            recorder.flush();
            store.setStatus(runId, s, message);
            // A failure says so in the log whatever its message (the Log tab marks it by that word).
            const std::string name = runStatusName(s);
            const bool named = message.rfind(name, 0) == 0;
            store.appendLog(runId, message.empty() ? name : s == RunStatus::Failed && !named ? name + ": " + message : message);
            if (callbacks.trainer.onStatus)
                callbacks.trainer.onStatus(s, message);
        };
        result.training = runTrainer(trainer, hooks, resumeCheckpoint);
        if (group) {
            // Workers leave right after the last epoch; after a failure they are not waited for long.
            const bool ok = result.training.status == RunStatus::Completed || result.training.status == RunStatus::Stopped
                            || result.training.status == RunStatus::Cancelled;
            const std::string problem = workers.finish(ok ? group->options().timeoutSeconds : 2.0);
            if (!problem.empty())
                log("warning: " + problem);
        }
        recorder.flush();
        record = store.run(runId);
        // A resumed run stopped before finishing an epoch still has a last epoch: the store's.
        if (record.epochsDone == result.training.epochsDone && record.epochsDone > 0) {
            result.training.finalTrainAccuracy = record.finalTrainAccuracy;
            result.training.finalTestAccuracy = record.finalTestAccuracy;
            result.training.finalTestLoss = record.finalTestLoss;
        }
        record.wallSeconds = result.training.seconds;
        if (result.training.imagesPerSecond > 0)
            record.imagesPerSecond = result.training.imagesPerSecond;
        record.status = result.training.status;
        record.message = result.training.message;
        store.updateRun(record);
        if (record.epochsDone > 0) {
            // The run's outcome in one line, where the console's last lines would have it.
            char line[200];
            std::snprintf(line, sizeof line,
                          "final test accuracy %.2f%%, best %.2f%% (epoch %lld), train accuracy %.2f%%; %.0f s, %.0f training images/s",
                          100.0 * record.finalTestAccuracy, 100.0 * record.bestTestAccuracy,
                          static_cast<long long>(record.bestEpoch + 1), 100.0 * record.finalTrainAccuracy, record.wallSeconds,
                          record.imagesPerSecond);
            store.appendLog(runId, line);
        }
    } catch (const Error &e) {
        recordFailure(store, runId, e.what());
        throw;
    } catch (const std::exception &e) {
        recordFailure(store, runId, e.what());
        throw Error(std::string("run ") + std::to_string(runId) + " failed: " + e.what());
    }
    return result;
}

} // namespace cifarlab
