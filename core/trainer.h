#pragma once

#include "core/dataset.h"
#include "core/lr_finder.h"
#include "core/training_config.h"
#include "core/training_metrics.h"

#include <functional>
#include <memory>
#include <string>

namespace cifarlab {

class DistributedGroup;

// Listeners are called on the training thread and must return quickly (the GUI re-emits them as
// queued signals, the recorder buffers them); the trainer never waits for anyone.
struct TrainerCallbacks
{
    std::function<void(const BatchMetrics &)> onBatch;
    std::function<void(const EpochMetrics &)> onEpoch;
    std::function<void(RunStatus status, const std::string &message)> onStatus;
    // The run's config changed while it trains (a time budget shortened it): the new config as
    // JSON, and a sentence for the user saying why.
    std::function<void(const std::string &configJson, const std::string &message)> onConfigChanged;
};

struct TrainingResult
{
    RunStatus status = RunStatus::Failed;
    std::string message;
    int64_t epochsDone = 0;
    double finalTrainAccuracy = 0.0;
    double finalTestAccuracy = 0.0;
    double finalTestLoss = 0.0;
    double bestTestAccuracy = 0.0;
    int64_t bestEpoch = -1;
    double seconds = 0.0;
    double imagesPerSecond = 0.0;
    std::string checkpointPath;
};

struct ModelFacts
{
    int64_t parameters = 0;
    int64_t sizeBytes = 0;
};

// Trains one configuration on one dataset. run() blocks and belongs on a worker thread; pause(),
// resume(), stop() and cancel() are safe from any thread and take effect at the next batch boundary.
class Trainer
{
public:
    // Validates the config (throws Error naming the field) and builds the model. With a connected
    // `group` of config.worldSize processes this trainer is one data-parallel rank: it trains on its
    // shard of every epoch, and only rank 0 evaluates, reports epochs and writes checkpoints.
    Trainer(const TrainingConfig &config, std::shared_ptr<const Dataset> dataset, const std::string &checkpointFolder,
            DistributedGroup *group = nullptr);
    ~Trainer();
    Trainer(const Trainer &) = delete;
    Trainer &operator=(const Trainer &) = delete;

    // Continues from `checkpoint` (written by a previous run of the same config) when not empty.
    TrainingResult run(const TrainerCallbacks &callbacks, const std::string &resumeCheckpoint = {});

    // The learning-rate range test on this trainer's fresh model instead of training it (no store, no
    // checkpoint): the same data pipeline, optimizer, precision and loss as run(). The model is spent
    // afterwards; train with a new Trainer. cancel() (or stop()) ends the sweep at the next batch.
    LrFinderResult findLearningRate(const LrFinderOptions &options,
                                    const std::function<void(const LrFinderPoint &)> &onPoint = {});

    void pause();
    void resume();
    void stop();   // finish the current batch, save a checkpoint, return Stopped
    void cancel(); // finish the current batch, return Cancelled without a new checkpoint
    bool isPaused() const;

    ModelFacts modelFacts() const;
    std::string latestCheckpointPath() const;
    std::string bestCheckpointPath() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace cifarlab
