#include "core/trainer.h"

#include "core/augmentation.h"
#include "core/distributed_failure.h"
#include "core/distributed_group.h"
#include "core/error.h"
#include "core/grad_scaler.h"
#include "core/parameter_statistics_collector.h"
#include "core/muon.h"
#include "core/gradient_reducer.h"
#include "core/lr_schedule.h"
#include "core/memory_limit.h"
#include "core/preprocessing.h"
#include "core/runtime.h"
#include "core/tensor_memory_cache.h"
#include "core/time_budget.h"
#include "core/tta_mode.h"
#include "core/split_evaluation.h"
#include "core/training_checkpoint.h"
#include "models/batch_norm.h"
#include "models/ensemble.h"
#include "models/network.h"
#include "models/winograd_conv.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <filesystem>
#include <limits>
#include <sstream>
#include <mutex>
#include <thread>
#include <unordered_set>

namespace cifarlab {

namespace {

using Clock = std::chrono::steady_clock;
namespace F = torch::nn::functional;

// Every random draw is derived from (seed, epoch, batch), so a run resumed from a checkpoint
// replays exactly the shuffles and augmentations of an uninterrupted one.
uint64_t mixSeed(uint64_t seed, int64_t epoch, int64_t batch, uint64_t salt)
{
    uint64_t z = seed ^ (static_cast<uint64_t>(epoch) * 0x9E3779B97F4A7C15ULL) ^ (static_cast<uint64_t>(batch + 1) * 0xC2B2AE3D27D4EB4FULL)
                 ^ (salt * 0x165667B19E3779F9ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

torch::Generator generatorFor(uint64_t seed)
{
    auto g = at::detail::createCPUGenerator(seed);
    return g;
}

// Parameters of BatchNorm layers' biases (the shifts), which airbench trains at a higher rate.
std::unordered_set<const void *> batchNormBiases(torch::nn::Module &net)
{
    std::unordered_set<const void *> out;
    for (const auto &module : net.modules(/*include_self=*/false)) {
        if (auto *bn = dynamic_cast<torch::nn::BatchNorm2dImpl *>(module.get()); bn && bn->bias.defined())
            out.insert(bn->bias.unsafeGetTensorImpl());
        else if (auto *bn1 = dynamic_cast<torch::nn::BatchNorm1dImpl *>(module.get()); bn1 && bn1->bias.defined())
            out.insert(bn1->bias.unsafeGetTensorImpl());
    }
    return out;
}

// A convolution whose filters are frozen (airbench's whitening layer) learns only its bias, a
// per-channel shift like a BatchNorm bias; Muon's recipe trains both at the bias rate. Unlike
// airbench94_muon's code, the whitening bias follows the run's schedule until it freezes instead of
// its own decay to zero: on the JPEG CIFAR-10 that decay cost 0.26 point in `fast` (docs/benchmarks.md).
std::unordered_set<const void *> frozenConvolutionBiases(torch::nn::Module &net)
{
    std::unordered_set<const void *> out;
    for (const auto &module : net.modules(/*include_self=*/false))
        if (auto *conv = dynamic_cast<torch::nn::Conv2dImpl *>(module.get());
            conv && conv->bias.defined() && !conv->weight.requires_grad())
            out.insert(conv->bias.unsafeGetTensorImpl());
    return out;
}

torch::Device parseDevice(const std::string &text)
{
    const int index = requireDevice(text);
    return index < 0 ? torch::Device(torch::kCPU) : torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(index));
}

// DistributedSampler's rule: every rank shuffles alike, the order is padded (by wrapping around)
// to a multiple of the world size, and rank r takes positions r, r + W, r + 2W, ...
torch::Tensor shardOf(const torch::Tensor &order, int64_t rank, int64_t worldSize)
{
    const int64_t count = order.size(0);
    const int64_t total = (count + worldSize - 1) / worldSize * worldSize;
    torch::Tensor padded = order;
    while (padded.size(0) < total)
        padded = torch::cat({padded, order.narrow(0, 0, std::min(count, total - padded.size(0)))});
    return padded.slice(0, rank, total, worldSize).contiguous();
}

std::vector<torch::Tensor> trainableParameters(torch::nn::Module &net)
{
    std::vector<torch::Tensor> out;
    for (const auto &p : net.parameters())
        if (p.requires_grad())
            out.push_back(p);
    return out;
}

// An epoch count as the budget's messages give it: 12.04 epochs (the budget keeps a step past the
// twelfth) must not read as 12.
std::string epochCount(double epochs)
{
    std::string text = std::to_string(std::round(epochs * 100.0) / 100.0);
    text.erase(text.find_last_not_of('0') + 1);
    if (!text.empty() && text.back() == '.')
        text.pop_back();
    return text;
}

} // namespace

struct Trainer::Impl
{
    TrainingConfig config;
    std::shared_ptr<const Dataset> dataset;
    std::string folder;
    torch::Device device = torch::kCPU;
    std::shared_ptr<Network> net;
    Normalization normalization;
    AugmentationSpec augmentation;
    DistributedGroup *group = nullptr;
    uint64_t batchSeed = 0; // the seed of augmentations and dropout: each rank draws its own
    int64_t epochsDone = 0;  // for the report of a job that a failed peer ends

    bool distributed() const { return group && group->worldSize() > 1; }
    TrainingResult train(const TrainerCallbacks &callbacks, const std::string &resumeCheckpoint);
    LrFinderResult findLearningRate(const LrFinderOptions &options, const std::function<void(const LrFinderPoint &)> &onPoint);
    bool isMaster() const { return !group || group->rank() == 0; }

    std::atomic<bool> pauseRequested{false};
    std::atomic<bool> stopRequested{false};
    std::atomic<bool> cancelRequested{false};
    std::mutex mutex;
    std::condition_variable wake;

    std::string latestPath() const { return folder + "/checkpoint-latest.pt"; }
    std::string bestPath() const { return folder + "/checkpoint-best.pt"; }

    // Model input for the images of `split` at `indices`; training batches are augmented with
    // randomness derived from (seed, epoch, batch) only.
    torch::Tensor prepareBatch(const ImageSplit &split, const int64_t *indices, int64_t count,
                               const AugmentationSpec &augmentation, int64_t epoch, int64_t batch, int64_t member = 0) const
    {
        // Member 0 draws what a single network draws, so it trains as it would alone.
        const uint64_t seed = mixSeed(member == 0 ? batchSeed : mixSeed(batchSeed, -4, member, 8), epoch, batch, 2);
        torch::Tensor x = makeBatch(split, indices, count, augmentation, normalization, seed, config.channelsLast);
        if (augmentation.needsFloat()) {
            torch::Generator gen = generatorFor(seed ^ 0x5bd1e995ULL);
            x = augmentGeometric(x, augmentation, gen);
            if (config.channelsLast)
                x = x.contiguous(torch::MemoryFormat::ChannelsLast);
        }
        return x.to(device);
    }

    bool ownMemberViews() const { return config.memberAugmentation == "own" && config.ensembleMembers > 1; }
    bool ownMemberOrder() const { return config.memberOrder == "own" && config.ensembleMembers > 1; }
    // Rows of the training loss and metrics per image of a step: each member's own images count apart.
    int64_t rowsPerImage() const { return ownMemberOrder() ? config.ensembleMembers : 1; }

    // The epoch's shuffled image order, or with memberOrder "own" one per member; member 0 keeps the
    // order a single network would train in.
    std::vector<torch::Tensor> epochOrders(int64_t epoch, int64_t count) const
    {
        std::vector<torch::Tensor> orders;
        for (int64_t k = 0; k < rowsPerImage(); ++k) {
            const uint64_t seed = k == 0 ? config.seed : mixSeed(config.seed, -4, k, 10);
            torch::Generator g = generatorFor(mixSeed(seed, epoch, -1, 1));
            orders.push_back(torch::randperm(count, g, torch::TensorOptions().dtype(torch::kInt64)));
        }
        return orders;
    }

    struct TrainingBatch
    {
        torch::Tensor x;
        torch::Tensor y; // on the CPU; member-major K*count labels when each member has its own images
    };

    // The step's images at [begin, begin + count) of each order, and their labels: one batch of
    // views, or member-major K*count rows when the members differ. Member k takes its own block of
    // images with memberOrder "own" (the shared block otherwise) and, with memberAugmentation "own",
    // mirrors, shifts and cuts them out its own way.
    TrainingBatch trainingBatch(const ImageSplit &split, const torch::Tensor &allLabels, const std::vector<torch::Tensor> &orders,
                                int64_t begin, int64_t count, const AugmentationSpec &augmentation, int64_t epoch, int64_t batch) const
    {
        const bool ownOrders = orders.size() > 1;
        const int64_t members = ownOrders || ownMemberViews() ? config.ensembleMembers : 1;
        std::vector<torch::Tensor> images, labels;
        for (int64_t k = 0; k < members; ++k) {
            const auto index = orders[ownOrders ? static_cast<size_t>(k) : 0].narrow(0, begin, count);
            AugmentationSpec own = augmentation;
            if (k > 0 && ownMemberViews())
                own.flipSeed = mixSeed(augmentation.flipSeed, -4, k, 9);
            images.push_back(prepareBatch(split, index.data_ptr<int64_t>(), count, own, epoch, batch, k));
            if (k == 0 || ownOrders)
                labels.push_back(allLabels.index_select(0, index));
        }
        TrainingBatch out;
        out.y = labels.size() == 1 ? labels.front() : torch::cat(labels, 0);
        if (images.size() == 1) {
            out.x = images.front();
            return out;
        }
        out.x = torch::cat(images, 0);
        if (config.channelsLast)
            out.x = out.x.contiguous(torch::MemoryFormat::ChannelsLast);
        return out;
    }

    struct OptimizerSetup
    {
        std::unique_ptr<torch::optim::Optimizer> optimizer;
        std::vector<double> groupLrScale; // each parameter group's rate over the schedule's
        std::vector<torch::Tensor> trainable;
    };

    // Frozen parameters (requires_grad off when built) never reach the optimizer. With a BatchNorm
    // bias rate scale, those biases get their own group: rate x scale, decay / scale, so the decay
    // per step (rate x decay) stays that of the other weights.
    // Muon orthogonalises the convolution filters' steps; everything else stays on SGD. A bf16 run
    // orthogonalises in bf16, as the published Muon does: a tenth of a width-2 pair's step in float32.
    OptimizerSetup makeOptimizer(Network &model, Precision precision) const
    {
        const TrainingConfig &cfg = config;
        const bool muon = cfg.optimizer == "muon";
        std::vector<torch::Tensor> mainParams, biasParams, filterParams;
        {
            auto biases = cfg.normBiasLrScale != 1.0 ? batchNormBiases(model) : std::unordered_set<const void *>{};
            if (muon && cfg.normBiasLrScale != 1.0)
                for (const void *bias : frozenConvolutionBiases(model))
                    biases.insert(bias);
            for (const auto &p : model.parameters()) {
                if (!p.requires_grad())
                    continue;
                if (muon && p.dim() == 4)
                    filterParams.push_back(p);
                else
                    (biases.count(p.unsafeGetTensorImpl()) ? biasParams : mainParams).push_back(p);
            }
        }
        OptimizerSetup out;
        out.groupLrScale = {1.0};
        auto optionsFor = [&](double scale) -> std::unique_ptr<torch::optim::OptimizerOptions> {
            if (cfg.optimizer == "adamw")
                return std::make_unique<torch::optim::AdamWOptions>(
                    torch::optim::AdamWOptions(cfg.learningRate * scale).weight_decay(cfg.weightDecay / scale));
            return std::make_unique<torch::optim::SGDOptions>(torch::optim::SGDOptions(cfg.learningRate * scale)
                                                                  .momentum(cfg.momentum)
                                                                  .nesterov(cfg.nesterov && cfg.momentum > 0)
                                                                  .weight_decay(cfg.weightDecay / scale));
        };
        std::vector<torch::optim::OptimizerParamGroup> groups;
        groups.emplace_back(mainParams, optionsFor(1.0));
        if (!biasParams.empty()) {
            groups.emplace_back(biasParams, optionsFor(cfg.normBiasLrScale));
            out.groupLrScale.push_back(cfg.normBiasLrScale);
        }
        std::vector<bool> orthogonalized(groups.size(), false);
        if (!filterParams.empty()) {
            groups.emplace_back(filterParams, std::make_unique<torch::optim::SGDOptions>(
                                                  torch::optim::SGDOptions(cfg.muonLearningRate)
                                                      .momentum(cfg.muonMomentum)
                                                      .nesterov(cfg.nesterov && cfg.muonMomentum > 0)));
            out.groupLrScale.push_back(cfg.muonLearningRate / cfg.learningRate);
            orthogonalized.push_back(true);
        }
        if (muon)
            out.optimizer = std::make_unique<Muon>(groups, torch::optim::SGDOptions(cfg.learningRate)
                                                               .momentum(cfg.momentum)
                                                               .nesterov(cfg.nesterov && cfg.momentum > 0)
                                                               .weight_decay(cfg.weightDecay),
                                                   orthogonalized,
                                                   precision == Precision::Bf16 ? torch::kBFloat16 : torch::kFloat32);
        else if (cfg.optimizer == "adamw")
            out.optimizer = std::make_unique<torch::optim::AdamW>(
                groups, torch::optim::AdamWOptions(cfg.learningRate).weight_decay(cfg.weightDecay));
        else
            out.optimizer = std::make_unique<torch::optim::SGD>(groups, torch::optim::SGDOptions(cfg.learningRate)
                                                                            .momentum(cfg.momentum)
                                                                            .nesterov(cfg.nesterov && cfg.momentum > 0)
                                                                            .weight_decay(cfg.weightDecay));
        out.trainable = mainParams;
        out.trainable.insert(out.trainable.end(), biasParams.begin(), biasParams.end());
        out.trainable.insert(out.trainable.end(), filterParams.begin(), filterParams.end());
        return out;
    }

    // `lr` is the schedule's rate; every group keeps its ratio to it.
    void setLearningRate(OptimizerSetup &setup, double lr) const
    {
        auto &groups = setup.optimizer->param_groups();
        for (size_t g = 0; g < groups.size(); ++g) {
            const double groupLr = lr * setup.groupLrScale[std::min(g, setup.groupLrScale.size() - 1)];
            if (config.optimizer == "adamw")
                static_cast<torch::optim::AdamWOptions &>(groups[g].options()).lr(groupLr);
            else
                static_cast<torch::optim::SGDOptions &>(groups[g].options()).lr(groupLr);
        }
    }

    // Data-dependent initialisation (airbench's whitening) from up to 5,000 random training images:
    // datasets stored class by class would otherwise show it a single class.
    void initializeFromData()
    {
        const ImageSplit &train = dataset->train;
        const int64_t sample = std::min<int64_t>(5000, train.count);
        torch::Generator g = generatorFor(mixSeed(config.seed, -1, -1, 4));
        const auto picked = torch::randperm(train.count, g, torch::TensorOptions().dtype(torch::kInt64)).narrow(0, 0, sample).contiguous();
        const auto images = makeBatch(train, picked.data_ptr<int64_t>(), sample, AugmentationSpec{}, normalization, 0, false);
        net->initializeFromData(images.to(device));
    }

    // The training loss of a step's x and y as trainingBatch() makes them (summed or averaged as
    // configured); the fp32 logits go to `logits`.
    torch::Tensor forwardLoss(const torch::Tensor &x, const torch::Tensor &y, Precision precision, torch::Tensor &logits)
    {
        return forwardLoss(*net, x, y, precision, logits, ownMemberOrder());
    }

    // With `labelsPerMember`, x and y hold each member's own images and labels (member-major), and
    // the metrics see every member's prediction of its own images; otherwise y labels one batch.
    torch::Tensor forwardLoss(Network &model, const torch::Tensor &x, const torch::Tensor &y, Precision precision, torch::Tensor &logits,
                              bool labelsPerMember = false)
    {
        const int64_t members = model.trainingOutputsPerInput();
        labelsPerMember = labelsPerMember && members > 1;
        {
            AutocastGuard autocast(precision, device.is_cuda());
            logits = x.size(0) == y.size(0) && !labelsPerMember ? model.forward(x) : forwardOwnViews(model, x);
        }
        logits = logits.to(torch::kFloat32);
        auto lossOptions = F::CrossEntropyFuncOptions().label_smoothing(config.labelSmoothing);
        if (config.lossReduction == "sum")
            lossOptions.reduction(torch::kSum);
        if (members == 1)
            return F::cross_entropy(logits, y, lossOptions);
        if (labelsPerMember) {
            auto loss = F::cross_entropy(logits, y, lossOptions);
            return config.lossReduction == "sum" ? loss : loss * static_cast<double>(members);
        }
        // An ensemble: the sum of its members' own losses, so that each member's gradients are what
        // they would be if it trained alone; the ensemble's prediction goes on to the metrics.
        // With co-distillation a share of each member's target is the others' prediction; a
        // cross-entropy is linear in its target, so the loss mixes the two cross-entropies.
        auto loss = F::cross_entropy(logits, y.repeat({members}), lossOptions);
        const auto memberLogits = logits.view({members, y.size(0), logits.size(1)});
        if (config.memberDistillation > 0)
            loss = loss * (1.0 - config.memberDistillation)
                   + Ensemble::peerCrossEntropy(memberLogits, config.lossReduction == "sum") * config.memberDistillation;
        if (config.lossReduction != "sum")
            loss = loss * static_cast<double>(members);
        logits = Ensemble::combine(memberLogits);
        return loss;
    }

    static torch::Tensor forwardOwnViews(Network &model, const torch::Tensor &x)
    {
        auto *ensemble = dynamic_cast<Ensemble *>(&model);
        if (!ensemble)
            throw Error("views per member need an ensemble (--ensemble 2 or more)");
        return ensemble->forwardEach(x);
    }

    // The run's network at `widthScale`, built from the run's seed as the constructor builds it, so a
    // run whose width was fitted to its budget starts as one configured with that width.
    std::shared_ptr<Network> buildNetwork(double widthScale) const
    {
        InputSpec input;
        input.channels = dataset->train.channels;
        input.height = dataset->train.height;
        input.width = dataset->train.width;
        input.numClasses = dataset->numClasses();
        NetworkOptions options;
        options.widthScale = widthScale;
        options.ensembleMembers = config.ensembleMembers;
        options.blockDepth = config.blockDepth;
        torch::manual_seed(config.seed);
        auto built = createNetwork(config.architecture, input, options);
        built->to(device);
        if (config.channelsLast)
            convertToChannelsLast(*built);
        return built;
    }

    struct Pace
    {
        ProbeTimings train;
        double evalSecondsPerImage = 0;
    };

    // What `model` costs here and now: training steps' forward and backward passes and their
    // optimizer steps, and an evaluation's forward per image. An untimed first step faults the
    // buffers in.
    Pace measurePace(Network &model, Precision precision, const torch::Tensor &x, const torch::Tensor &y)
    {
        constexpr int kTimedSteps = 3;
        const double images = static_cast<double>(x.size(0));
        OptimizerSetup opt = makeOptimizer(model, precision);
        // Reading a result waits for a GPU's queued work, so the clock sees it done.
        auto synchronize = [&] {
            for (const auto &p : model.parameters())
                if (p.grad().defined())
                    return static_cast<void>(p.grad().sum().item<double>());
        };
        Pace pace;
        pace.train.imagesPerPass = x.size(0);
        model.train();
        for (int i = 0; i <= kTimedSteps; ++i) {
            const auto start = Clock::now();
            opt.optimizer->zero_grad();
            torch::Tensor logits;
            forwardLoss(model, x, y, precision, logits).backward();
            synchronize();
            const auto passed = Clock::now();
            opt.optimizer->step();
            synchronize();
            if (i > 0) {
                pace.train.passSeconds.push_back(std::chrono::duration<double>(passed - start).count());
                pace.train.optimizerSeconds.push_back(std::chrono::duration<double>(Clock::now() - passed).count());
            }
        }
        model.eval();
        torch::NoGradGuard noGrad;
        AutocastGuard autocast(precision, device.is_cuda());
        model.forward(x).sum().item<double>();
        const auto start = Clock::now();
        model.forward(x).sum().item<double>();
        pace.evalSecondsPerImage = std::chrono::duration<double>(Clock::now() - start).count() / images;
        return pace;
    }

    // The widest of budgetWidthCandidates() whose planned steps, a test pass per epoch and the final
    // test-time augmentation fit into the time budget at the pace probe steps measure on this machine;
    // the narrowest when none does (the budget then trims its epochs as usual). A step costs what
    // `hostImagesPerStep` images cost (the batches of every process on this host). `report` says why.
    double widestWidthWithinBudget(Precision precision, int64_t plannedSteps, int64_t batchSize, int64_t hostImagesPerStep,
                                   int64_t stepsPerEpoch, std::string &report)
    {
        constexpr int64_t kProbeImages = 500;
        const auto start = Clock::now();
        const ImageSplit &train = dataset->train;
        const int64_t count = std::min({batchSize, kProbeImages, train.count});
        torch::Generator g = generatorFor(mixSeed(config.seed, -2, -1, 7));
        const auto picked = torch::randperm(train.count, g, torch::TensorOptions().dtype(torch::kInt64)).narrow(0, 0, count).contiguous();
        const torch::Tensor x = prepareBatch(train, picked.data_ptr<int64_t>(), count, augmentation, 0, 0);
        const torch::Tensor y = labelBatch(train, 0, train.count).index_select(0, picked).to(device);
        const std::vector<double> widths = budgetWidthCandidates(config.widthScale);
        const double plannedEpochs = static_cast<double>(plannedSteps) / static_cast<double>(stepsPerEpoch);

        std::ostringstream text;
        text.precision(3);
        text << "time budget " << config.timeBudgetMinutes << " min: " << epochCount(plannedEpochs) << " epochs";
        double chosen = widths.back();
        bool fits = false;
        for (size_t i = 0; i < widths.size(); ++i) {
            // A fresh network for each probe: the run's own must not see the probe's batches.
            const auto probe = buildNetwork(widths[i]);
            const Pace pace = measurePace(*probe, precision, x, y);
            BudgetEstimate e;
            e.budgetSeconds = config.timeBudgetMinutes * 60.0;
            e.elapsedSeconds = std::chrono::duration<double>(Clock::now() - start).count();
            e.secondsPerStep = probeSecondsPerStep(pace.train, hostImagesPerStep);
            e.evalSeconds = pace.evalSecondsPerImage * static_cast<double>(dataset->test.count);
            e.finalViews = finalEvaluationViews(config.tta);
            e.stepsPerEpoch = stepsPerEpoch;
            const double minutes = secondsForSteps(e, plannedSteps) / 60.0;
            if (i == 0)
                text << " at width " << widths[i] << " would take about " << minutes << " min here";
            else
                text << ", at width " << widths[i] << " about " << minutes << " min";
            if (stepsWithinBudget(e, plannedSteps) >= plannedSteps) {
                chosen = widths[i];
                fits = true;
                break;
            }
        }
        if (fits && chosen == config.widthScale)
            text << ", so the width stays " << chosen;
        else if (fits)
            text << ", so airbench trains at width " << chosen << " instead of " << config.widthScale;
        else
            text << ": none fits, so airbench trains at width " << chosen << " and the budget trims its epochs";
        report = text.str();
        return chosen;
    }

    EpochMetrics evaluate(Precision precision, const std::string &tta = "none")
    {
        // The cache keeps the training step's buffers through evaluation (at most its limit): emptying
        // it here made the next epoch's first step page-fault all its activations in again.
        SplitEvaluationOptions options;
        options.batchSize = config.evalBatchSize;
        options.precision = precision;
        options.channelsLast = config.channelsLast;
        options.device = device;
        SplitEvaluation e = evaluateSplit(
            *net,
            [this, &tta](const torch::Tensor &x) {
                return forwardWithTta([this](const torch::Tensor &v) { return net->forward(v); }, x, tta, config.channelsLast);
            },
            dataset->test,
            dataset->numClasses(), normalization, options);
        EpochMetrics m;
        m.testLoss = e.loss;
        m.testAccuracy = e.accuracy;
        m.perClassAccuracy = std::move(e.perClassAccuracy);
        m.testConfusion = std::move(e.confusion);
        m.testPredictions = std::move(e.predictions);
        m.testConfidence = std::move(e.confidence);
        m.testImageLoss = std::move(e.imageLoss);
        m.topK = e.topK;
        m.testTopClasses = std::move(e.topClasses);
        m.testTopProbabilities = std::move(e.topProbabilities);
        return m;
    }
};

Trainer::Trainer(const TrainingConfig &config, std::shared_ptr<const Dataset> dataset, const std::string &checkpointFolder,
                 DistributedGroup *group)
    : m_impl(std::make_unique<Impl>())
{
    validateConfig(config);
    if (group && group->worldSize() != config.worldSize)
        throw Error("--world-size: the run is configured for " + std::to_string(config.worldSize) + " processes, the job has "
                    + std::to_string(group->worldSize()));
    if (!group && config.worldSize > 1)
        throw Error("--world-size: " + std::to_string(config.worldSize) + " processes need a distributed group");
    m_impl->group = group;
    // Rank 0 keeps the single-process seeds, so a one-process run is unchanged.
    m_impl->batchSeed = group && group->rank() > 0 ? mixSeed(config.seed, -3, group->rank(), 6) : config.seed;
    if (!dataset || dataset->train.count == 0)
        throw Error("--data: the dataset has no training images");
    if (!hasArchitecture(config.architecture))
        throw Error("--arch: unknown architecture '" + config.architecture + "' (see cifarlab-cli models)");
    m_impl->config = config;
    m_impl->dataset = std::move(dataset);
    m_impl->folder = checkpointFolder;
    m_impl->device = parseDevice(config.device);

    try {
        m_impl->net = m_impl->buildNetwork(config.widthScale);
    } catch (const std::invalid_argument &e) {
        throw Error(std::string("--arch: ") + e.what());
    }

    m_impl->normalization = normalizationFor(*m_impl->dataset, parsePreprocess(config.preprocess));
    m_impl->augmentation = AugmentationSpec::fromNames(config.augment, config.cropPadding, config.cutoutSize);
}

Trainer::~Trainer()
{
    m_impl.reset();
    releaseTensorMemoryCache(); // the network, optimizer and batches just freed
}

void Trainer::pause()
{
    m_impl->pauseRequested = true;
}

void Trainer::resume()
{
    {
        std::lock_guard<std::mutex> lock(m_impl->mutex);
        m_impl->pauseRequested = false;
    }
    m_impl->wake.notify_all();
}

void Trainer::stop()
{
    {
        std::lock_guard<std::mutex> lock(m_impl->mutex);
        m_impl->stopRequested = true;
    }
    m_impl->wake.notify_all();
}

void Trainer::cancel()
{
    {
        std::lock_guard<std::mutex> lock(m_impl->mutex);
        m_impl->cancelRequested = true;
    }
    m_impl->wake.notify_all();
}

bool Trainer::isPaused() const
{
    return m_impl->pauseRequested;
}

ModelFacts Trainer::modelFacts() const
{
    ModelFacts facts;
    for (const auto &p : m_impl->net->parameters())
        facts.parameters += p.numel();
    for (const auto &[name, t] : stateDict(*m_impl->net))
        facts.sizeBytes += t.numel() * static_cast<int64_t>(t.element_size());
    return facts;
}

std::string Trainer::latestCheckpointPath() const
{
    return m_impl->latestPath();
}

std::string Trainer::bestCheckpointPath() const
{
    return m_impl->bestPath();
}

TrainingResult Trainer::run(const TrainerCallbacks &callbacks, const std::string &resumeCheckpoint)
{
    const auto start = Clock::now();
    // Cached activation buffers are of no use once the run ends (the next run may differ entirely).
    struct ReleaseCache
    {
        ~ReleaseCache() { releaseTensorMemoryCache(); }
    } releaseCache;
    try {
        return m_impl->train(callbacks, resumeCheckpoint);
    } catch (const DistributedFailure &e) {
        TrainingResult result;
        result.status = RunStatus::Failed;
        result.message = e.what();
        result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        result.checkpointPath = m_impl->latestPath();
        result.epochsDone = m_impl->epochsDone;
        if (callbacks.onStatus)
            callbacks.onStatus(result.status, result.message);
        return result;
    }
}

LrFinderResult Trainer::findLearningRate(const LrFinderOptions &options, const std::function<void(const LrFinderPoint &)> &onPoint)
{
    validateLrFinderOptions(options);
    struct ReleaseCache
    {
        ~ReleaseCache() { releaseTensorMemoryCache(); }
    } releaseCache;
    return m_impl->findLearningRate(options, onPoint);
}

LrFinderResult Trainer::Impl::findLearningRate(const LrFinderOptions &options, const std::function<void(const LrFinderPoint &)> &onPoint)
{
    const auto start = Clock::now();
    const TrainingConfig &cfg = config;
    const ImageSplit &train = dataset->train;
    configureThreads(cfg.threads);
    configureTensorMemoryCache();
    const Precision precision = resolvePrecision(cfg.precision, device.is_cuda());
    torch::manual_seed(cfg.seed);
    OptimizerSetup opt = makeOptimizer(*net, precision);
    initializeFromData();
    GradScaler scaler(precision == Precision::Fp16);
    // Whole batches only: a short last batch would put a noisier point on the curve.
    const int64_t batchSize = std::min(cfg.batchSize, train.count);
    const int64_t batchesPerEpoch = std::max<int64_t>(1, train.count / batchSize);
    const double perImage = (cfg.lossReduction == "sum" ? static_cast<double>(batchSize) : 1.0)
        * static_cast<double>(net->trainingOutputsPerInput());
    const torch::Tensor allLabels = labelBatch(train, 0, train.count);
    net->train();
    releaseTensorMemoryCache();

    LrFinderResult result;
    double average = 0.0, lowest = std::numeric_limits<double>::infinity();
    std::vector<torch::Tensor> orders;
    AugmentationSpec epochAugmentation = augmentation;
    epochAugmentation.flipSeed = mixSeed(cfg.seed, -1, -1, 5);
    for (int64_t i = 0; i < options.iterations; ++i) {
        if (cancelRequested || stopRequested) {
            result.cancelled = true;
            result.message = "cancelled after " + std::to_string(i) + " of " + std::to_string(options.iterations) + " batches";
            break;
        }
        const int64_t epoch = i / batchesPerEpoch, b = i % batchesPerEpoch;
        if (b == 0) {
            orders = epochOrders(epoch, train.count);
            net->beginEpoch(epoch);
            for (auto &p : net->parameters())
                if (!p.requires_grad() && p.grad().defined())
                    p.mutable_grad() = torch::Tensor();
            epochAugmentation.epoch = epoch;
        }
        const TrainingBatch batch = trainingBatch(train, allLabels, orders, b * batchSize, batchSize, epochAugmentation, epoch, b);
        const torch::Tensor &x = batch.x;
        const torch::Tensor y = batch.y.to(device);
        torch::manual_seed(mixSeed(batchSeed, epoch, b, 3)); // dropout
        const double lr = lrFinderRate(options, i);
        setLearningRate(opt, lr);
        opt.optimizer->zero_grad();
        torch::Tensor logits;
        const torch::Tensor loss = forwardLoss(x, y, precision, logits);
        const double lossValue = loss.item<double>() / perImage;
        if (!std::isfinite(lossValue)) {
            result.diverged = true;
            std::ostringstream text;
            text.precision(3);
            text << "the loss became " << (std::isnan(lossValue) ? "NaN" : "infinite") << " at learning rate " << lr;
            result.message = text.str();
            break;
        }
        average = options.smoothing * average + (1.0 - options.smoothing) * lossValue;
        LrFinderPoint point;
        point.iteration = i;
        point.learningRate = lr;
        point.loss = lossValue;
        point.smoothedLoss = average / (1.0 - std::pow(options.smoothing, static_cast<double>(i + 1)));
        result.points.push_back(point);
        if (onPoint)
            onPoint(point);
        if (i > 0 && point.smoothedLoss > options.divergeFactor * lowest) {
            result.diverged = true;
            std::ostringstream text;
            text.precision(3);
            text << "stopped at learning rate " << lr << ": the smoothed loss passed " << options.divergeFactor << "x its minimum";
            result.message = text.str();
            break;
        }
        lowest = std::min(lowest, point.smoothedLoss);
        scaler.scale(loss).backward();
        const bool gradientsFinite = scaler.unscale(opt.trainable);
        scaler.update(gradientsFinite);
        if (gradientsFinite)
            opt.optimizer->step();
    }
    if (result.message.empty()) {
        std::ostringstream text;
        text << "swept the whole range to learning rate " << options.endLr << " (the smoothed loss never passed "
             << options.divergeFactor << "x its minimum)";
        result.message = text.str();
    }
    result.suggestions = suggestLearningRates(result.points);
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return result;
}

TrainingResult Trainer::Impl::train(const TrainerCallbacks &callbacks, const std::string &resumeCheckpoint)
{
    Impl &d = *this;
    const TrainingConfig &cfg = d.config;
    const ImageSplit &train = d.dataset->train;
    const int64_t numClasses = d.dataset->numClasses();
    auto notify = [&](RunStatus s, const std::string &message) {
        if (callbacks.onStatus)
            callbacks.onStatus(s, message);
    };

    std::error_code ec;
    std::filesystem::create_directories(d.folder, ec);
    if (ec)
        throw Error(d.folder + ": cannot create the run folder: " + ec.message());

    const int64_t worldSize = d.distributed() ? d.group->worldSize() : 1;
    const int64_t rank = d.distributed() ? d.group->rank() : 0;
    // Processes on one host share its cores: by default each takes its share.
    const int localProcesses = d.distributed() ? static_cast<int>(d.group->localWorldSize()) : 1;
    const int hardware = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    configureThreads(cfg.threads > 0 || localProcesses == 1 ? cfg.threads : std::max(1, hardware / localProcesses));
    configureTensorMemoryCache();
    const Precision precision = resolvePrecision(cfg.precision, d.device.is_cuda());
    // Per thread, like autocast: the convolutions of this run, its test passes included.
    const WinogradTileScope winograd(winogradTileFor(cfg.convolution));

    // Each rank walks its shard; with one process the shard is the whole training set.
    const int64_t shardCount = (train.count + worldSize - 1) / worldSize;
    const int64_t batchSize = std::min(cfg.batchSize, shardCount);
    const int64_t batchesPerEpoch = cfg.dropLast ? std::max<int64_t>(1, shardCount / batchSize)
                                                 : (shardCount + batchSize - 1) / batchSize;
    // Not const: a time budget may shorten the run at an epoch's end.
    int64_t totalSteps = std::max<int64_t>(1, static_cast<int64_t>(std::floor(cfg.epochs * static_cast<double>(batchesPerEpoch) + 1e-9)));
    int64_t epochsTotal = (totalSteps + batchesPerEpoch - 1) / batchesPerEpoch;

    // A new run may first fit its width to the budget; a resumed one keeps the width it trained at.
    double probeSeconds = 0.0;
    if (resumeCheckpoint.empty() && cfg.fitWidthToBudget && cfg.timeBudgetMinutes > 0) {
        const auto probeStart = Clock::now();
        std::string report;
        // The other processes on this host wait for rank 0's probe: it borrows their cores, and a step
        // of the run then costs what all their batches cost it.
        const bool borrowCores = localProcesses > 1 && cfg.threads <= 0;
        double width = 0.0;
        if (d.isMaster()) {
            if (borrowCores)
                configureThreads(hardware);
            width = d.widestWidthWithinBudget(precision, totalSteps, batchSize, batchSize * (borrowCores ? localProcesses : 1),
                                              batchesPerEpoch, report);
            if (borrowCores)
                configureThreads(std::max(1, hardware / localProcesses));
        }
        if (d.distributed()) {
            auto agreed = torch::tensor({width}, torch::kFloat64);
            d.group->allreduceSum(agreed);
            width = agreed.item<double>();
        }
        if (width != cfg.widthScale) {
            d.net = d.buildNetwork(width);
            d.config.widthScale = width;
        }
        probeSeconds = std::chrono::duration<double>(Clock::now() - probeStart).count();
        if (d.isMaster() && callbacks.onConfigChanged)
            callbacks.onConfigChanged(configToJson(cfg), report);
    }

    torch::manual_seed(cfg.seed);
    OptimizerSetup opt = d.makeOptimizer(*d.net, precision);
    std::unique_ptr<torch::optim::Optimizer> &optimizer = opt.optimizer;

    LrSchedule schedule;
    schedule.kind = cfg.schedule;
    schedule.baseLr = cfg.learningRate;
    schedule.totalSteps = totalSteps;
    schedule.warmupFraction = cfg.warmupFraction;
    schedule.startFactor = cfg.lrStartFactor;
    schedule.endFactor = cfg.lrEndFactor;
    schedule.stepGamma = cfg.stepGamma;
    schedule.milestones = cfg.stepMilestones;

    TrainingPosition pos;
    pos.architecture = cfg.architecture;
    pos.configJson = configToJson(cfg);
    if (!resumeCheckpoint.empty()) {
        pos = loadTrainingCheckpoint(resumeCheckpoint, *d.net, optimizer.get());
        if (pos.architecture != cfg.architecture)
            throw Error(resumeCheckpoint + ": checkpoint is for '" + pos.architecture + "', the run uses '" + cfg.architecture + "'");
        pos.configJson = configToJson(cfg);
        for (auto &entry : pos.lookahead)
            entry.second = entry.second.to(d.device);
    }
    // fp16 gradients underflow without loss scaling; bf16 has fp32's range and needs none.
    GradScaler scaler(precision == Precision::Fp16);
    if (scaler.enabled() && pos.gradScale > 0.0)
        scaler.setState(pos.gradScale, pos.gradGrowthTracker);
    const std::vector<torch::Tensor> &trainableParams = opt.trainable;
    if (resumeCheckpoint.empty())
        d.initializeFromData();
    if (!pos.trainConfusion.defined() || pos.trainConfusion.numel() != numClasses * numClasses)
        pos.trainConfusion = torch::zeros({numClasses * numClasses}, torch::kInt64);
    std::unique_ptr<GradientReducer> reducer;
    if (d.distributed()) {
        // Like DDP: every rank starts from rank 0's weights and buffers, whatever its own init did.
        torch::NoGradGuard noGrad;
        std::vector<torch::Tensor> state;
        for (const auto &[name, t] : stateDict(*d.net))
            state.push_back(t.detach());
        d.group->broadcast(state);
        reducer = std::make_unique<GradientReducer>(*d.group, static_cast<int64_t>(cfg.bucketMegabytes * 1024.0 * 1024.0),
                                                    cfg.lossReduction != "sum");
        if (cfg.syncBatchNorm) {
            DistributedGroup *group = d.group;
            setBatchStatisticsReducer(*d.net, [group](torch::Tensor &t) { group->allreduceSum(t); });
        }
    }

    // Only the rank that reports epochs summarizes them (the gradients are the same on every rank).
    std::unique_ptr<ParameterStatisticsCollector> statistics;
    if (d.isMaster()) {
        statistics = std::make_unique<ParameterStatisticsCollector>(*d.net);
        if (!resumeCheckpoint.empty())
            statistics->setState(pos.parameterStatistics);
    }

    TrainingResult result;
    result.checkpointPath = d.latestPath();
    result.bestTestAccuracy = std::max(0.0, pos.bestTestAccuracy);
    result.bestEpoch = pos.bestEpoch;
    result.epochsDone = d.epochsDone = pos.epoch;

    torch::Tensor allLabels = labelBatch(train, 0, train.count);
    const double elapsedBefore = pos.elapsedSeconds + probeSeconds;
    const auto runStart = Clock::now();
    double pausedSeconds = 0.0;
    auto elapsed = [&] {
        return elapsedBefore + std::chrono::duration<double>(Clock::now() - runStart).count() - pausedSeconds;
    };
    // Lookahead: the slow copy of the weights and BN statistics that the model is pulled back to.
    std::vector<torch::Tensor> fastState;
    for (const auto &[name, t] : stateDict(*d.net))
        if (t.is_floating_point())
            fastState.push_back(t);
    if (!pos.lookahead.empty() && pos.lookahead.size() != fastState.size())
        throw Error(resumeCheckpoint + ": lookahead state does not match the model");
    auto lookaheadUpdate = [&](double decay) {
        torch::NoGradGuard noGrad;
        for (size_t i = 0; i < fastState.size(); ++i) {
            torch::Tensor &slow = pos.lookahead[i].second;
            slow.lerp_(fastState[i].detach(), 1.0 - decay);
            fastState[i].detach().copy_(slow);
        }
    };
    auto savePosition = [&](int64_t epoch, int64_t batch) {
        pos.epoch = epoch;
        pos.batch = batch;
        pos.elapsedSeconds = elapsed();
        pos.gradScale = scaler.enabled() ? scaler.scaleValue() : 0.0;
        pos.gradGrowthTracker = scaler.growthTracker();
        pos.parameterStatistics = statistics ? statistics->state() : torch::Tensor();
        saveTrainingCheckpoint(d.latestPath(), *d.net, optimizer.get(), pos);
    };

    auto setTotalSteps = [&](int64_t steps) {
        totalSteps = steps;
        epochsTotal = (totalSteps + batchesPerEpoch - 1) / batchesPerEpoch;
        schedule.totalSteps = totalSteps;
        // The record says what the run now is, so a resumed run keeps the fitted length.
        d.config.epochs = static_cast<double>(totalSteps) / static_cast<double>(batchesPerEpoch);
        pos.configJson = configToJson(cfg);
    };
    // The length this process set out to train: a fit may shorten the run and a later one lengthen it
    // back, never past it (a resumed run's plan is the length its record carries).
    const int64_t plannedSteps = totalSteps;
    // Each epoch tells what a step and a test pass cost now (hosts speed up and slow down by 10-20%
    // within a run, and another job may slow one epoch): fit the rest of the planned run into the
    // budget. True when the run got shorter.
    // `pendingSeconds`: this epoch's test pass when the fit comes before it.
    auto fitToBudget = [&](int64_t epoch, double secondsPerStep, double evalSeconds, double pendingSeconds) -> bool {
        BudgetEstimate e;
        e.budgetSeconds = cfg.timeBudgetMinutes * 60.0;
        e.elapsedSeconds = elapsed() + pendingSeconds;
        e.secondsPerStep = secondsPerStep;
        e.evalSeconds = evalSeconds;
        e.finalViews = finalEvaluationViews(cfg.tta);
        e.stepsPerEpoch = batchesPerEpoch;
        const int64_t steps = pos.globalStep + stepsWithinBudget(e, std::max<int64_t>(0, plannedSteps - pos.globalStep));
        if (steps == totalSteps)
            return false;
        const bool shorter = steps < totalSteps;
        setTotalSteps(steps);
        std::ostringstream text;
        text.precision(3);
        text << "time budget " << cfg.timeBudgetMinutes << " min: " << e.elapsedSeconds / 60.0 << " min spent after epoch " << epoch + 1
             << (shorter ? ", so training stops after " : ", so training goes on again to ") << epochCount(cfg.epochs) << " of "
             << epochCount(static_cast<double>(plannedSteps) / static_cast<double>(batchesPerEpoch)) << " epochs";
        if (callbacks.onConfigChanged)
            callbacks.onConfigChanged(configToJson(cfg), text.str());
        return shorter;
    };

    const bool budgeted = cfg.timeBudgetMinutes > 0;
    // Rank 0 fits the length to the budget; the other ranks take its step count.
    auto agreeOnLength = [&] {
        auto steps = torch::tensor({d.isMaster() ? static_cast<double>(totalSteps) : 0.0}, torch::kFloat64);
        d.group->allreduceSum(steps);
        const auto agreed = static_cast<int64_t>(std::llround(steps.item<double>()));
        if (agreed != totalSteps)
            setTotalSteps(agreed);
    };

    // Winograd's convolutions keep their transformed inputs for the backward pass: about twice the
    // direct path's peak (airbench's float32 step at batch 2,000: 5.6 GB against 2.4 GB). Where the
    // first step takes the process past 3/4 of the memory limit (by default 80% of the computer's
    // memory: 4.8 GB of 8 GB), `auto` goes on with direct convolutions rather than push the machine
    // into swap. The same machine and config decide the same way every time.
    // Both memory checks below draw their line at 3/4 of the limit, and say so alike.
    auto pastMemoryLine = [](int64_t bytes) { return bytes > memoryLimitBytes() / 4 * 3; };
    auto memoryLineText = [] {
        return ", over 3/4 of the memory limit of " + formatByteSize(memoryLimitBytes()) + " (--memory-limit), so ";
    };
    auto leaveWinogradIfMemoryIsShort = [&](bool tookWinograd) {
        int64_t peak = peakResidentBytes();
        if (d.distributed()) {
            // The processes share this computer's memory. Every rank takes part whatever its own step
            // did (a rank's smaller first batch may have stayed direct), so all decide alike.
            auto total = torch::tensor({tookWinograd ? 1.0 : 0.0, static_cast<double>(peak)}, torch::kFloat64);
            d.group->allreduceSum(total);
            tookWinograd = total[0].item<double>() > 0;
            peak = static_cast<int64_t>(total[1].item<double>());
        }
        if (!tookWinograd || !pastMemoryLine(peak))
            return;
        setWinogradTile(0);
        releaseTensorMemoryCache(); // the transformed inputs' and products' buffers go back now
        if (d.isMaster() && callbacks.onConfigChanged)
            callbacks.onConfigChanged(configToJson(cfg),
                                      "convolutions: the first step took " + std::string(d.distributed() ? "the processes" : "the process")
                                          + " to " + formatByteSize(peak) + memoryLineText()
                                          + "auto goes on with direct convolutions, which need about half the memory of "
                                            "Winograd's (--convolution winograd keeps them)");
    };

    // The cache keeps the training buffers through each test pass, so the process holds both
    // phases' buffers at once (ResNet-18 at batch 256 with its 1,000-image test batches and a 4 GB
    // cache: 5.8 GB with Winograd's convolutions, 3.7 GB without). Where the first test pass takes
    // the process past 3/4 of the memory limit, the cache is emptied before and after each later one:
    // the next step faults its buffers in again (a few seconds), but the two phases no longer add up.
    bool testPassMemoryChecked = false;
    bool emptyCacheAroundTestPasses = false;
    auto testPassNearsMemoryLimit = [&](int64_t peakBeforePass) {
        // The pass's own peak where it set a new high-water mark (buffers over the cache's limit went
        // back, so what stays resident is less); else at least what it left resident. The first
        // step's peak alone says nothing about the pass, least of all after auto left Winograd.
        const int64_t peakAfterPass = peakResidentBytes();
        const int64_t peak = peakAfterPass > peakBeforePass ? peakAfterPass : residentBytes();
        if (!pastMemoryLine(peak))
            return false;
        releaseTensorMemoryCache();
        if (callbacks.onConfigChanged)
            callbacks.onConfigChanged(configToJson(cfg), "memory: the first test pass took the process to " + formatByteSize(peak)
                                                             + memoryLineText()
                                                             + "the buffers cached for training are freed around each test pass from now on");
        return true;
    };

    const int64_t winogradConvolutionsBefore = winogradConvolutions(); // the width probe's are not the run's

    d.net->train();
    notify(RunStatus::Running, resumeCheckpoint.empty() ? "training started" : "resumed from " + resumeCheckpoint);
    int64_t imagesThisRun = 0;
    double lastEvalSeconds = 0.0; // the last single-view test pass of this process
    releaseTensorMemoryCache(); // set-up (decoding, whitening statistics) freed buffers of other sizes

    for (int64_t epoch = pos.epoch; pos.globalStep < totalSteps && epoch < epochsTotal; ++epoch) {
        const int64_t batchesThisEpoch = std::min(batchesPerEpoch, totalSteps - epoch * batchesPerEpoch);
        std::vector<torch::Tensor> orders = d.epochOrders(epoch, train.count);
        if (worldSize > 1)
            for (auto &order : orders)
                order = shardOf(order, rank, worldSize);
        const auto epochStart = Clock::now();
        double epochPaused = 0.0;
        double warmupStepSeconds = 0.0; // this process's first step, if it falls in this epoch
        int64_t epochImages = 0;
        const int64_t firstBatch = epoch == pos.epoch ? pos.batch : 0;
        d.net->beginEpoch(epoch);
        for (auto &p : d.net->parameters())
            if (!p.requires_grad() && p.grad().defined())
                p.mutable_grad() = torch::Tensor(); // a frozen parameter must not drift on momentum or decay
        if (reducer)
            reducer->attach(trainableParameters(*d.net));
        if (cfg.lookahead && epoch >= cfg.lookaheadStartEpoch && pos.lookahead.empty()) {
            const auto state = stateDict(*d.net);
            for (const auto &[name, t] : state)
                if (t.is_floating_point())
                    pos.lookahead.emplace_back(name, t.detach().clone());
        }
        AugmentationSpec epochAugmentation = d.augmentation;
        epochAugmentation.epoch = epoch;
        epochAugmentation.flipSeed = mixSeed(cfg.seed, -1, -1, 5);
        if (firstBatch == 0) {
            pos.trainLossSum = 0.0;
            pos.trainCorrect = 0;
            pos.trainSeen = 0;
            pos.trainConfusion.zero_();
            if (statistics)
                statistics->reset();
        }
        double lr = schedule.at(pos.globalStep);
        for (int64_t b = firstBatch; b < batchesThisEpoch; ++b) {
            bool stopNow = false, cancelNow = false;
            if (d.distributed()) {
                // Stop, cancel and pause hold for the whole job, so every rank leaves at the same
                // batch; a paused job keeps exchanging these flags, so no peer times out.
                bool paused = false;
                const auto pauseStart = Clock::now();
                for (;;) {
                    auto flags = torch::tensor({d.stopRequested ? 1.0 : 0.0, d.cancelRequested ? 1.0 : 0.0, d.pauseRequested ? 1.0 : 0.0},
                                               torch::kFloat64);
                    d.group->allreduceSum(flags);
                    stopNow = flags[0].item<double>() > 0;
                    cancelNow = flags[1].item<double>() > 0;
                    if (flags[2].item<double>() == 0 || stopNow || cancelNow)
                        break;
                    if (!paused)
                        notify(RunStatus::Paused, "paused at epoch " + std::to_string(epoch + 1) + ", batch " + std::to_string(b + 1));
                    paused = true;
                    std::unique_lock<std::mutex> lock(d.mutex);
                    d.wake.wait_for(lock, std::chrono::milliseconds(100));
                }
                if (paused) {
                    const double p = std::chrono::duration<double>(Clock::now() - pauseStart).count();
                    pausedSeconds += p;
                    epochPaused += p;
                    if (!stopNow && !cancelNow)
                        notify(RunStatus::Running, "resumed");
                }
            } else if (d.pauseRequested && !d.stopRequested && !d.cancelRequested) {
                notify(RunStatus::Paused, "paused at epoch " + std::to_string(epoch + 1) + ", batch " + std::to_string(b + 1));
                const auto pauseStart = Clock::now();
                std::unique_lock<std::mutex> lock(d.mutex);
                d.wake.wait(lock, [&] { return !d.pauseRequested || d.stopRequested || d.cancelRequested; });
                const double p = std::chrono::duration<double>(Clock::now() - pauseStart).count();
                pausedSeconds += p;
                epochPaused += p;
                if (!d.stopRequested && !d.cancelRequested)
                    notify(RunStatus::Running, "resumed");
            }
            if (!d.distributed()) {
                stopNow = d.stopRequested;
                cancelNow = d.cancelRequested;
            }
            if (cancelNow) {
                result.status = RunStatus::Cancelled;
                result.message = "cancelled at epoch " + std::to_string(epoch + 1) + ", batch " + std::to_string(b + 1);
                result.seconds = elapsed();
                notify(result.status, result.message);
                return result;
            }
            if (stopNow) {
                if (d.isMaster())
                    savePosition(epoch, b);
                result.status = RunStatus::Stopped;
                result.message = "stopped at epoch " + std::to_string(epoch + 1) + ", batch " + std::to_string(b + 1)
                                  + "; checkpoint saved";
                result.seconds = elapsed();
                notify(result.status, result.message);
                return result;
            }

            const auto batchStart = Clock::now();
            const int64_t begin = b * batchSize;
            const int64_t count = std::min(batchSize, shardCount - begin);
            const TrainingBatch batch = d.trainingBatch(train, allLabels, orders, begin, count, epochAugmentation, epoch, b);
            const torch::Tensor &x = batch.x;
            const torch::Tensor &y = batch.y;
            auto yDevice = y.to(d.device);

            torch::manual_seed(mixSeed(d.batchSeed, epoch, b, 3)); // dropout
            lr = schedule.at(pos.globalStep);
            d.setLearningRate(opt, lr);
            optimizer->zero_grad();
            torch::Tensor logits;
            const torch::Tensor loss = d.forwardLoss(x, yDevice, precision, logits);
            // Per image and member: an ensemble's loss is its members' summed.
            double lossValue = loss.item<double>() / (cfg.lossReduction == "sum" ? static_cast<double>(count) : 1.0)
                / static_cast<double>(d.net->trainingOutputsPerInput());
            // The job's batch: loss, accuracy and confusion summed over the ranks, and one verdict
            // on divergence, so all ranks leave together when any loss goes bad.
            int64_t batchCorrect = 0, batchCount = count;
            double batchLossSum = 0.0;
            torch::Tensor batchConfusion;
            bool finite = std::isfinite(lossValue);
            if (d.distributed()) {
                const auto localPred = logits.argmax(1).to(torch::kCPU);
                auto stats = torch::cat({torch::tensor({finite ? 0.0 : 1.0, finite ? lossValue * static_cast<double>(count) : 0.0,
                                                        static_cast<double>(localPred.eq(y).sum().item<int64_t>()), static_cast<double>(count)},
                                                       torch::kFloat64),
                                         torch::bincount(y * numClasses + localPred, {}, numClasses * numClasses).to(torch::kFloat64)});
                d.group->allreduceSum(stats);
                finite = stats[0].item<double>() == 0;
                batchLossSum = stats[1].item<double>();
                batchCorrect = static_cast<int64_t>(std::llround(stats[2].item<double>()));
                batchCount = static_cast<int64_t>(std::llround(stats[3].item<double>()));
                batchConfusion = stats.narrow(0, 4, numClasses * numClasses).round().to(torch::kInt64);
                if (finite)
                    lossValue = batchLossSum / static_cast<double>(batchCount);
            }
            if (!finite) {
                result.status = RunStatus::Diverged;
                result.message = "diverged: the loss became " + std::string(std::isnan(lossValue) ? "NaN" : "infinite")
                                  + " at epoch " + std::to_string(epoch + 1) + ", batch " + std::to_string(b + 1)
                                  + " (learning rate " + std::to_string(lr) + "); the last good checkpoint is kept";
                result.seconds = elapsed();
                notify(result.status, result.message);
                return result;
            }
            scaler.scale(loss).backward();
            if (reducer)
                reducer->finish();
            // An overflowed fp16 step is skipped (the same on every rank: the averaged gradients
            // carry the Inf); the schedule moves on as in PyTorch.
            const bool gradientsFinite = scaler.unscale(trainableParams);
            scaler.update(gradientsFinite);
            const bool sampled = statistics && gradientsFinite && ParameterStatisticsCollector::isSampled(b, batchesPerEpoch);
            if (sampled)
                statistics->beforeStep();
            if (gradientsFinite)
                optimizer->step();
            if (sampled)
                statistics->afterStep();
            if (scaler.exhausted()) {
                result.status = RunStatus::Diverged;
                result.message = "diverged: the gradients overflowed at every loss scale down to "
                                  + std::to_string(scaler.scaleValue()) + " at epoch " + std::to_string(epoch + 1)
                                  + ", batch " + std::to_string(b + 1) + "; the last good checkpoint is kept";
                result.seconds = elapsed();
                notify(result.status, result.message);
                return result;
            }
            ++pos.globalStep;
            if (!pos.lookahead.empty()) {
                // airbench's decay 0.95^k * (progress)^3; the last step copies the slow weights in.
                if (pos.globalStep >= totalSteps)
                    lookaheadUpdate(1.0);
                else if (pos.globalStep % cfg.lookaheadEvery == 0)
                    lookaheadUpdate(std::pow(0.95, static_cast<double>(cfg.lookaheadEvery))
                                    * std::pow(static_cast<double>(pos.globalStep) / static_cast<double>(totalSteps), 3.0));
            }

            // Members on images of their own are scored on each: rows per image, not images.
            const int64_t rows = d.rowsPerImage();
            if (d.distributed()) {
                pos.trainConfusion.add_(batchConfusion);
                pos.trainLossSum += batchLossSum * static_cast<double>(rows);
                pos.trainCorrect += batchCorrect;
            } else {
                const auto pred = logits.argmax(1).to(torch::kCPU);
                batchCorrect = pred.eq(y).sum().item<int64_t>();
                pos.trainConfusion.add_(torch::bincount(y * numClasses + pred, {}, numClasses * numClasses));
                pos.trainLossSum += lossValue * static_cast<double>(count * rows);
                pos.trainCorrect += batchCorrect;
            }
            pos.trainSeen += batchCount * rows;
            epochImages += batchCount;
            const bool firstStepOfProcess = imagesThisRun == 0;
            const bool firstStepTookWinograd = firstStepOfProcess && winogradConvolutions() > winogradConvolutionsBefore;
            if (firstStepOfProcess)
                warmupStepSeconds = std::chrono::duration<double>(Clock::now() - batchStart).count();
            imagesThisRun += batchCount;

            if (callbacks.onBatch) {
                BatchMetrics m;
                m.epoch = epoch;
                m.batch = b;
                m.batchesPerEpoch = batchesThisEpoch;
                m.globalStep = pos.globalStep - 1;
                m.totalSteps = totalSteps;
                m.loss = lossValue;
                m.accuracy = static_cast<double>(batchCorrect) / static_cast<double>(batchCount * rows);
                m.learningRate = lr;
                const double seconds = std::chrono::duration<double>(Clock::now() - batchStart).count();
                m.imagesPerSecond = seconds > 0 ? static_cast<double>(batchCount) / seconds : 0.0;
                m.elapsedSeconds = elapsed();
                callbacks.onBatch(m);
            }
            if (firstStepOfProcess && cfg.convolution == "auto")
                leaveWinogradIfMemoryIsShort(firstStepTookWinograd);
        }

        // airbench also pulls the model back to the slow weights at every epoch's end: the steps
        // since the last update are dropped, so each evaluation and checkpoint sees the averaged model.
        if (!pos.lookahead.empty())
            lookaheadUpdate(1.0);
        const double trainSeconds = std::chrono::duration<double>(Clock::now() - epochStart).count() - epochPaused;
        if (d.distributed()) {
            // Per-rank BatchNorm statistics drift apart; rank 0's are the ones evaluated and saved.
            if (!cfg.syncBatchNorm) {
                torch::NoGradGuard noGrad;
                std::vector<torch::Tensor> buffers;
                for (const auto &b : d.net->buffers())
                    buffers.push_back(b);
                d.group->broadcast(buffers);
            }
            const std::string epochKey = "epoch-" + std::to_string(epoch + 1);
            if (!d.isMaster()) {
                d.group->waitFor(epochKey); // rank 0 evaluates and saves meanwhile
                result.epochsDone = d.epochsDone = epoch + 1;
                if (budgeted)
                    agreeOnLength();
                continue;
            }
        }
        // The final evaluation uses test-time augmentation when asked; the per-epoch ones stay cheap.
        const bool finished = pos.globalStep >= totalSteps;
        // The other processes on this host wait while rank 0 evaluates: it borrows their cores.
        const bool borrowCores = localProcesses > 1 && cfg.threads <= 0;
        if (borrowCores)
            configureThreads(hardware);
        const double stepPace = epochStepPace(trainSeconds, batchesThisEpoch - firstBatch, warmupStepSeconds);
        // With the last test pass's time known, the budget decides before this epoch's pass, so a run
        // it ends here gets its test-time augmentation in that one pass.
        const bool fitFirst = budgeted && !finished && lastEvalSeconds > 0;
        const bool endsHere = fitFirst && fitToBudget(epoch, stepPace, lastEvalSeconds, lastEvalSeconds)
                              && pos.globalStep >= totalSteps;
        const auto evalStart = Clock::now();
        const int64_t peakBeforePass = testPassMemoryChecked ? 0 : peakResidentBytes();
        if (emptyCacheAroundTestPasses)
            releaseTensorMemoryCache();
        EpochMetrics m = d.evaluate(precision, finished || endsHere ? cfg.tta : std::string("none"));
        if (emptyCacheAroundTestPasses)
            releaseTensorMemoryCache();
        else if (!testPassMemoryChecked)
            emptyCacheAroundTestPasses = testPassNearsMemoryLimit(peakBeforePass);
        testPassMemoryChecked = true;
        const double evalSeconds = std::chrono::duration<double>(Clock::now() - evalStart).count();
        if (!finished && !endsHere)
            lastEvalSeconds = evalSeconds;
        if (budgeted && !finished && !fitFirst && fitToBudget(epoch, stepPace, evalSeconds, 0.0)
            && pos.globalStep >= totalSteps && cfg.tta != "none")
            m = d.evaluate(precision, cfg.tta); // the budget ends the run after its first test pass
        if (borrowCores)
            configureThreads(std::max(1, hardware / localProcesses));
        m.epoch = epoch;
        m.epochs = epochsTotal;
        m.trainLoss = pos.trainSeen ? pos.trainLossSum / static_cast<double>(pos.trainSeen) : 0.0;
        m.trainAccuracy = pos.trainSeen ? static_cast<double>(pos.trainCorrect) / static_cast<double>(pos.trainSeen) : 0.0;
        m.learningRate = lr;
        m.seconds = std::chrono::duration<double>(Clock::now() - epochStart).count() - epochPaused;
        m.elapsedSeconds = elapsed();
        m.imagesPerSecond = trainSeconds > 0 ? static_cast<double>(epochImages) / trainSeconds : 0.0;
        m.trainConfusion.assign(pos.trainConfusion.data_ptr<int64_t>(), pos.trainConfusion.data_ptr<int64_t>() + pos.trainConfusion.numel());
        if (statistics)
            m.parameters = statistics->summarize();

        const bool best = m.testAccuracy > pos.bestTestAccuracy;
        if (best) {
            pos.bestTestAccuracy = m.testAccuracy;
            pos.bestEpoch = epoch;
        }
        result.epochsDone = d.epochsDone = epoch + 1;
        result.finalTrainAccuracy = m.trainAccuracy;
        result.finalTestAccuracy = m.testAccuracy;
        result.finalTestLoss = m.testLoss;
        result.bestTestAccuracy = pos.bestTestAccuracy;
        result.bestEpoch = pos.bestEpoch;
        // Listeners (the store) get the epoch before the checkpoint that moves past it: a crash in
        // between replays the epoch on resume, where the other order would lose its metrics.
        if (callbacks.onEpoch)
            callbacks.onEpoch(m);
        savePosition(epoch + 1, 0);
        if (best)
            std::filesystem::copy_file(d.latestPath(), d.bestPath(), std::filesystem::copy_options::overwrite_existing, ec);
        if (cfg.keepEveryCheckpoint)
            std::filesystem::copy_file(d.latestPath(), d.folder + "/checkpoint-epoch-" + std::to_string(epoch + 1) + ".pt",
                                       std::filesystem::copy_options::overwrite_existing, ec);
        if (d.distributed()) {
            d.group->signal("epoch-" + std::to_string(epoch + 1));
            if (budgeted)
                agreeOnLength();
        }
    }

    if (d.distributed()) {
        // Everyone has seen the last "epoch done" mark before rank 0 (and its store) may go away.
        auto done = torch::ones({1}, torch::kFloat64);
        d.group->allreduceSum(done);
    }
    result.status = RunStatus::Completed;
    result.seconds = elapsed();
    result.imagesPerSecond = result.seconds > 0 ? static_cast<double>(imagesThisRun) / (result.seconds - elapsedBefore + 1e-9) : 0.0;
    result.message = "completed " + std::to_string(result.epochsDone) + (result.epochsDone == 1 ? " epoch" : " epochs");
    notify(result.status, result.message);
    return result;
}

} // namespace cifarlab
