#include "core/training_session.h"

#include "core/dataset_loader.h"
#include "core/error.h"
#include "core/run_recorder.h"
#include "core/runtime.h"

#include <QString>
#include <QSysInfo>

#include <filesystem>
#include <fstream>
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

SessionResult TrainingSession::train(const TrainingConfig &config, const std::string &runName, const SessionCallbacks &callbacks)
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
    record.name = runName;
    const int64_t runId = store.createRun(record);
    if (runName.empty()) {
        record = store.run(runId);
        store.renameRun(runId, config.architecture + "-" + std::to_string(runId));
    }
    if (callbacks.onRunCreated)
        callbacks.onRunCreated(runId);
    return execute(store, runId, config, callbacks, {});
}

SessionResult TrainingSession::resume(const std::string &idOrName, const SessionCallbacks &callbacks, double newEpochs)
{
    ExperimentStore store(m_storeFolder);
    const auto found = store.findRun(idOrName);
    if (!found)
        throw Error("run '" + idOrName + "': no such run in " + store.folder());
    TrainingConfig config = configFromJson(found->configJson);
    if (newEpochs > 0)
        config.epochs = newEpochs;
    // A run stopped before its first checkpoint starts over: with the same seed it replays the same
    // batches, and the rows it had written are replaced.
    std::string checkpoint = store.runFolder(found->id) + "/checkpoint-latest.pt";
    if (!std::filesystem::exists(checkpoint))
        checkpoint.clear();
    if (callbacks.onRunCreated)
        callbacks.onRunCreated(found->id);
    return execute(store, found->id, config, callbacks, checkpoint);
}

namespace {

// Best effort: when the disk is full the store may fail too, and the user must see the first
// failure, not the store's echo of it.
void recordFailure(ExperimentStore &store, int64_t runId, const std::string &message)
{
    try {
        store.setStatus(runId, RunStatus::Failed, message);
    } catch (const Error &) {
    }
}

} // namespace

SessionResult TrainingSession::execute(ExperimentStore &store, int64_t runId, const TrainingConfig &config,
                                       const SessionCallbacks &callbacks, const std::string &resumeCheckpoint)
{
    auto log = [&](const std::string &message) {
        if (callbacks.onLog)
            callbacks.onLog(message);
    };
    SessionResult result;
    result.runId = runId;
    try {
        LoadOptions loadOptions;
        loadOptions.resize = config.resize;
        loadOptions.threads = config.threads;
        log("loading " + config.dataPath);
        auto dataset = std::make_shared<Dataset>(loadDataset(config.dataPath, loadOptions));
        log("loaded " + std::to_string(dataset->train.count) + " training and " + std::to_string(dataset->test.count)
            + " test images");

        Trainer trainer(config, dataset, store.runFolder(runId));
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
            if (callbacks.trainer.onEpoch)
                callbacks.trainer.onEpoch(m);
        };
        hooks.onStatus = [&](RunStatus s, const std::string &message) {
            recorder.flush();
            store.setStatus(runId, s, message);
            if (callbacks.trainer.onStatus)
                callbacks.trainer.onStatus(s, message);
        };
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_trainer = &trainer;
            if (m_stopEarly)
                trainer.stop();
            if (m_cancelEarly)
                trainer.cancel();
        }
        try {
            result.training = trainer.run(hooks, resumeCheckpoint);
        } catch (...) {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_trainer = nullptr;
            throw;
        }
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_trainer = nullptr;
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
