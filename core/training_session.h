#pragma once

#include "core/distributed_options.h"
#include "core/experiment_store.h"
#include "core/trainer.h"
#include "core/training_config.h"

#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace cifarlab {

struct SessionCallbacks
{
    TrainerCallbacks trainer;
    std::function<void(int64_t runId)> onRunCreated;
    std::function<void(const std::string &message)> onLog; // dataset loading, checkpoints, ...
};

struct SessionResult
{
    int64_t runId = 0;
    TrainingResult training;
};

// One training run end to end, shared by the CLI and the GUI: loads the dataset, records the run in
// the store as it goes, and leaves the store's row final (status, accuracies, timings). Blocking: run
// it on the thread that should own the store connection (the CLI's main thread or the GUI's worker).
class TrainingSession
{
public:
    explicit TrainingSession(std::string storeFolder);
    ~TrainingSession();

    // With config.worldSize > 1 this process is rank 0 of a data-parallel job described by
    // `distributed` (which may start the other ranks on this host): it records the run, evaluates
    // and writes the checkpoints.
    SessionResult train(const TrainingConfig &config, const std::string &runName, const SessionCallbacks &callbacks,
                        const DistributedOptions &distributed = {});
    // Continues run `idOrName` from its latest checkpoint with its stored config (epochs may be
    // raised; worldSize > 0 changes the number of processes).
    SessionResult resume(const std::string &idOrName, const SessionCallbacks &callbacks, double newEpochs = 0.0,
                         const DistributedOptions &distributed = {}, int64_t worldSize = 0);
    // Rank > 0 of a job: takes rank 0's config (and checkpoint, when it resumes) through the store and
    // trains its shard; only the data path (when not empty) and the thread count (when > 0) are its own.
    TrainingResult joinJob(const DistributedOptions &distributed, const std::string &dataPath, int threads,
                           const SessionCallbacks &callbacks);

    // Safe from any thread; no-ops while no trainer is running (a stop before it starts is remembered).
    void pause();
    void resumeTraining();
    void stop();
    void cancel();

private:
    SessionResult execute(ExperimentStore &store, int64_t runId, const TrainingConfig &config,
                          const SessionCallbacks &callbacks, const std::string &resumeCheckpoint,
                          const DistributedOptions &distributed);
    TrainingResult runTrainer(Trainer &trainer, const TrainerCallbacks &hooks, const std::string &resumeCheckpoint);

    std::string m_storeFolder;
    std::mutex m_mutex;
    Trainer *m_trainer = nullptr;
    bool m_stopEarly = false;
    bool m_cancelEarly = false;
};

std::string hostDescription();

} // namespace cifarlab
