// Training commands of cifarlab-cli: train, resume, runs.
#include "app/cli_commands.h"
#include "app/cli_util.h"

#include "core/confusion_pairs.h"
#include "core/dataset_loader.h"
#include "core/distributed_options.h"
#include "core/epoch_summary.h"
#include "core/error.h"
#include "core/experiment_store.h"
#include "core/runtime.h"
#include "core/training_config.h"
#include "core/training_session.h"
#include "models/registry.h"
#include "ui/comparison_charts.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <functional>
#include <thread>
#include <unistd.h>

namespace cifarlab::cli {

namespace {

std::atomic<int> g_interrupts{0};

extern "C" void onInterrupt(int)
{
    if (g_interrupts.fetch_add(1) >= 1)
        _exit(130); // a second Ctrl-C while the checkpoint is written: leave at once
}

// Turns Ctrl-C into a clean stop (checkpoint saved) of whatever the session is running.
class InterruptWatcher
{
public:
    explicit InterruptWatcher(TrainingSession &session)
        : m_session(session)
    {
        g_interrupts = 0;
        std::signal(SIGINT, onInterrupt);
        std::signal(SIGTERM, onInterrupt);
        m_thread = std::thread([this] {
            while (!m_done) {
                if (g_interrupts > 0 && !m_stopped) {
                    m_stopped = true;
                    std::fprintf(stderr, "\ninterrupted: stopping after this batch and saving a checkpoint "
                                         "(press Ctrl-C again to quit at once)\n");
                    m_session.stop();
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        });
    }
    ~InterruptWatcher()
    {
        m_done = true;
        m_thread.join();
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
    }

private:
    TrainingSession &m_session;
    std::atomic<bool> m_done{false};
    bool m_stopped = false;
    std::thread m_thread;
};

std::string formatDuration(double seconds)
{
    const auto s = static_cast<long long>(seconds < 0 ? 0 : seconds + 0.5);
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%02lld:%02lld", s / 60, s % 60);
    return buf;
}

void emitJson(const QJsonObject &object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact);
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

QJsonArray toJsonArray(const std::vector<double> &values)
{
    QJsonArray a;
    for (double v : values)
        a.append(v);
    return a;
}

// Progress output: a single refreshing line on a terminal, or JSON lines with --json.
SessionCallbacks makeCallbacks(bool json, const std::vector<std::string> *classNames)
{
    SessionCallbacks cb;
    auto lastDraw = std::make_shared<std::chrono::steady_clock::time_point>();
    // The pace of this process, not of the whole run: a resumed run may have run slower before.
    struct Pace
    {
        int64_t firstStep = -1;
        std::chrono::steady_clock::time_point firstTime;
    };
    auto pace = std::make_shared<Pace>();
    const bool tty = isatty(fileno(stderr)) != 0;
    cb.onRunCreated = [json](int64_t runId) {
        if (json)
            emitJson({{QStringLiteral("event"), QStringLiteral("run")}, {QStringLiteral("run"), static_cast<qint64>(runId)}});
        else
            std::fprintf(stderr, "run %lld\n", static_cast<long long>(runId));
    };
    cb.onLog = [json](const std::string &message) {
        if (json)
            emitJson({{QStringLiteral("event"), QStringLiteral("log")}, {QStringLiteral("message"), QString::fromStdString(message)}});
        else
            std::fprintf(stderr, "%s\n", message.c_str());
    };
    cb.trainer.onBatch = [json, lastDraw, pace, tty](const BatchMetrics &m) {
        if (json) {
            emitJson({{QStringLiteral("event"), QStringLiteral("batch")},
                      {QStringLiteral("epoch"), static_cast<qint64>(m.epoch + 1)},
                      {QStringLiteral("batch"), static_cast<qint64>(m.batch + 1)},
                      {QStringLiteral("batches"), static_cast<qint64>(m.batchesPerEpoch)},
                      {QStringLiteral("step"), static_cast<qint64>(m.globalStep + 1)},
                      {QStringLiteral("steps"), static_cast<qint64>(m.totalSteps)},
                      {QStringLiteral("loss"), m.loss},
                      {QStringLiteral("accuracy"), m.accuracy},
                      {QStringLiteral("lr"), m.learningRate},
                      {QStringLiteral("images_per_second"), m.imagesPerSecond},
                      {QStringLiteral("elapsed"), m.elapsedSeconds}});
            return;
        }
        const auto now = std::chrono::steady_clock::now();
        if (pace->firstStep < 0) {
            pace->firstStep = m.globalStep;
            pace->firstTime = now;
        }
        const bool last = m.batch + 1 == m.batchesPerEpoch;
        if (!last && now - *lastDraw < std::chrono::milliseconds(tty ? 200 : 10000))
            return;
        *lastDraw = now;
        const double done = static_cast<double>(m.globalStep + 1) / static_cast<double>(std::max<int64_t>(1, m.totalSteps));
        const int64_t stepsSeen = m.globalStep - pace->firstStep;
        const double remaining = static_cast<double>(std::max<int64_t>(0, m.totalSteps - m.globalStep - 1));
        const double eta = stepsSeen >= 2
            ? std::chrono::duration<double>(now - pace->firstTime).count() / static_cast<double>(stepsSeen) * remaining
            : (done > 0 ? m.elapsedSeconds * (1.0 - done) / done : 0.0);
        const int width = 24;
        const int filled = static_cast<int>(done * width);
        std::string bar(static_cast<size_t>(filled), '#');
        bar += std::string(static_cast<size_t>(width - filled), '.');
        std::fprintf(stderr, "%sepoch %lld batch %lld/%lld [%s] %3.0f%%  loss %.4f  acc %5.1f%%  lr %.4g  %.0f img/s  %s elapsed, ETA %s%s",
                     tty ? "\r\033[K" : "", static_cast<long long>(m.epoch + 1), static_cast<long long>(m.batch + 1),
                     static_cast<long long>(m.batchesPerEpoch), bar.c_str(), 100.0 * done, m.loss, 100.0 * m.accuracy,
                     m.learningRate, m.imagesPerSecond, formatDuration(m.elapsedSeconds).c_str(), formatDuration(eta).c_str(),
                     tty ? "" : "\n");
        std::fflush(stderr);
    };
    cb.trainer.onEpoch = [json, classNames](const EpochMetrics &m) {
        if (json) {
            emitJson({{QStringLiteral("event"), QStringLiteral("epoch")},
                      {QStringLiteral("epoch"), static_cast<qint64>(m.epoch + 1)},
                      {QStringLiteral("epochs"), static_cast<qint64>(m.epochs)},
                      {QStringLiteral("train_loss"), m.trainLoss},
                      {QStringLiteral("train_accuracy"), m.trainAccuracy},
                      {QStringLiteral("test_loss"), m.testLoss},
                      {QStringLiteral("test_accuracy"), m.testAccuracy},
                      {QStringLiteral("lr"), m.learningRate},
                      {QStringLiteral("seconds"), m.seconds},
                      {QStringLiteral("images_per_second"), m.imagesPerSecond},
                      {QStringLiteral("per_class_accuracy"), toJsonArray(m.perClassAccuracy)}});
            return;
        }
        (void)classNames;
        std::fprintf(stderr, "%s%s\n", isatty(fileno(stderr)) ? "\r\033[K" : "", epochSummary(m).c_str());
    };
    cb.trainer.onStatus = [json](RunStatus s, const std::string &message) {
        if (json)
            emitJson({{QStringLiteral("event"), QStringLiteral("status")},
                      {QStringLiteral("status"), QString::fromStdString(runStatusName(s))},
                      {QStringLiteral("message"), QString::fromStdString(message)}});
        else if (s != RunStatus::Running)
            std::fprintf(stderr, "%s%s\n", isatty(fileno(stderr)) ? "\r\033[K" : "", message.c_str());
    };
    return cb;
}

int reportResult(const SessionResult &r, bool json)
{
    const auto &t = r.training;
    if (json) {
        emitJson({{QStringLiteral("event"), QStringLiteral("result")},
                  {QStringLiteral("run"), static_cast<qint64>(r.runId)},
                  {QStringLiteral("status"), QString::fromStdString(runStatusName(t.status))},
                  {QStringLiteral("message"), QString::fromStdString(t.message)},
                  {QStringLiteral("epochs"), static_cast<qint64>(t.epochsDone)},
                  {QStringLiteral("train_accuracy"), t.finalTrainAccuracy},
                  {QStringLiteral("test_accuracy"), t.finalTestAccuracy},
                  {QStringLiteral("best_test_accuracy"), t.bestTestAccuracy},
                  {QStringLiteral("best_epoch"), static_cast<qint64>(t.bestEpoch + 1)},
                  {QStringLiteral("seconds"), t.seconds},
                  {QStringLiteral("images_per_second"), t.imagesPerSecond},
                  {QStringLiteral("checkpoint"), QString::fromStdString(t.checkpointPath)}});
    } else {
        std::printf("run %lld %s: %s\n", static_cast<long long>(r.runId), runStatusName(t.status).c_str(), t.message.c_str());
        std::printf("epochs: %lld, wall time %s, %.0f images/s\n", static_cast<long long>(t.epochsDone),
                    formatDuration(t.seconds).c_str(), t.imagesPerSecond);
        if (t.epochsDone > 0) {
            std::printf("train accuracy: %.2f%%\nbest test accuracy: %.2f%% (epoch %lld)\n", 100.0 * t.finalTrainAccuracy,
                        100.0 * t.bestTestAccuracy, static_cast<long long>(t.bestEpoch + 1));
            std::printf("checkpoint: %s\n", t.checkpointPath.c_str());
            std::printf("test accuracy: %.2f%%\n", 100.0 * t.finalTestAccuracy);
        }
    }
    return (t.status == RunStatus::Completed || t.status == RunStatus::Stopped) ? 0 : 1;
}

std::vector<std::string> splitList(const QString &text)
{
    std::vector<std::string> out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        out.push_back(part.trimmed().toStdString());
    return out;
}

double doubleOption(const QCommandLineParser &parser, const QString &name, double fallback)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const double v = parser.value(name).toDouble(&ok);
    if (!ok)
        throw Error("--" + name.toStdString() + ": expected a number, got '" + parser.value(name).toStdString() + "'");
    return v;
}

bool onOffOption(const QCommandLineParser &parser, const QString &name, bool fallback)
{
    if (!parser.isSet(name))
        return fallback;
    const QString v = parser.value(name);
    if (v != QLatin1String("on") && v != QLatin1String("off"))
        throw Error("--" + name.toStdString() + ": expected on or off, got '" + v.toStdString() + "'");
    return v == QLatin1String("on");
}

void addDistributedOptions(QCommandLineParser &parser)
{
    const auto opt = [&parser](const char *name, const char *help, const char *value) {
        parser.addOption({QString::fromLatin1(name), QString::fromUtf8(help), QString::fromLatin1(value)});
    };
    opt("nproc", "Data-parallel on this host: start N processes (batch size is per process).", "N");
    opt("world-size", "Data-parallel across hosts: processes in the whole job (or $WORLD_SIZE).", "W");
    opt("rank", "This process's rank, 0 = master (or $RANK); ranks > 0 take the recipe from rank 0.", "R");
    opt("master-addr", "Host of rank 0 (or $MASTER_ADDR; default 127.0.0.1).", "host");
    opt("master-port", "Rendezvous port on rank 0 (or $MASTER_PORT; default 29500).", "port");
    opt("dist-timeout", "Seconds after which a silent or dead process fails the job (default 120).", "s");
}

int64_t integerOption(const QCommandLineParser &parser, const QString &name, int64_t fallback)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const qlonglong v = parser.value(name).toLongLong(&ok);
    if (!ok)
        throw Error("--" + name.toStdString() + ": expected an integer, got '" + parser.value(name).toStdString() + "'");
    return v;
}

// Environment first (torchrun's variables), flags over it; --nproc describes a whole local job.
DistributedOptions distributedFromOptions(const QCommandLineParser &parser)
{
    DistributedOptions d;
    const bool nproc = parser.isSet(QStringLiteral("nproc"));
    if (nproc && (parser.isSet(QStringLiteral("world-size")) || parser.isSet(QStringLiteral("rank"))))
        throw Error("--nproc: starts every process of the job on this host; use --world-size and --rank instead to join a job");
    if (!nproc)
        applyDistributedEnvironment(d);
    d.worldSize = integerOption(parser, QStringLiteral("world-size"), d.worldSize);
    d.rank = integerOption(parser, QStringLiteral("rank"), d.rank);
    if (parser.isSet(QStringLiteral("master-addr")))
        d.masterAddr = parser.value(QStringLiteral("master-addr")).toStdString();
    d.masterPort = integerOption(parser, QStringLiteral("master-port"), nproc ? 0 : d.masterPort);
    d.timeoutSeconds = doubleOption(parser, QStringLiteral("dist-timeout"), d.timeoutSeconds);
    if (nproc) {
        d.worldSize = integerOption(parser, QStringLiteral("nproc"), 1);
        if (d.worldSize < 1 || d.worldSize > 1024)
            throw Error("--nproc: must be in [1, 1024], got " + std::to_string(d.worldSize));
        d.rank = 0;
        d.localRank = 0;
        d.localWorldSize = d.worldSize;
        d.spawnLocalWorkers = d.worldSize > 1;
    }
    if (d.localWorldSize > d.worldSize)
        d.localWorldSize = d.worldSize;
    validateDistributedOptions(d);
    return d;
}

void addTrainOptions(QCommandLineParser &parser)
{
    const auto opt = [&parser](const char *name, const char *help, const char *value = nullptr) {
        if (value)
            parser.addOption({QString::fromLatin1(name), QString::fromUtf8(help), QString::fromLatin1(value)});
        else
            parser.addOption({QString::fromLatin1(name), QString::fromUtf8(help)});
    };
    opt("arch", "Architecture, or several separated by commas to train one after another.", "names");
    opt("data", "Dataset (CIFAR binary folder/.tar.gz, ImageFolder folder/.zip, IDX folder).", "path");
    opt("store", "Experiment store folder (default $CIFARLAB_HOME or ~/.local/share/cifarlab).", "dir");
    opt("name", "Run name (default <arch>-<id>).", "name");
    opt("preset", "Recipe: seed, standard, quick, fast (airbench with Muon, about 91% in minutes), airbench94 (the paper's SGD recipe) or best (flags given after it override it).", "name");
    opt("config", "JSON config file (keys as in 'runs show'; a \"preset\" key is applied first, flags override the file).", "file");
    opt("epochs", "Epochs (may be fractional).", "N");
    opt("time-budget", "Minutes the run may take, 0 for no limit (best: 55). At each epoch's end, fewer epochs are scheduled "
                       "if the planned ones would not end in time at that epoch's pace, and more again (up to the planned ones) when a "
                       "later epoch runs faster.", "min");
    opt("fit-width", "airbench with a time budget: on or off (best: on). Before training, a few steps time the network here; "
                     "if the planned epochs would not fit the budget, it trains at the widest of 7/8, 3/4, 5/8 or 1/2 of its width "
                     "that fits.", "on|off");
    opt("batch-size", "Images per batch.", "N");
    opt("optimizer", "sgd, adamw or muon (Muon for convolution filters, SGD for the rest).", "name");
    opt("lr", "Peak learning rate.", "x");
    opt("momentum", "SGD momentum.", "x");
    opt("muon-lr", "Muon: learning rate of the convolution filters.", "x");
    opt("muon-momentum", "Muon: momentum of the convolution filters.", "x");
    opt("nesterov", "Nesterov momentum: on or off.", "on|off");
    opt("weight-decay", "Weight decay.", "x");
    opt("schedule", "constant, step, cosine, onecycle or triangular.", "name");
    opt("warmup", "One-cycle/triangular warm-up fraction of the steps.", "x");
    opt("step-gamma", "Step schedule: multiply the learning rate by this at each milestone.", "x");
    opt("milestones", "Step schedule: milestones as fractions of training, ascending, comma-separated (e.g. 0.5,0.75).", "list");
    opt("lr-start", "Triangular: first learning rate as a fraction of the peak.", "x");
    opt("lr-end", "Triangular: last learning rate as a fraction of the peak.", "x");
    opt("label-smoothing", "Label smoothing in [0,1).", "x");
    opt("loss-reduction", "mean or sum (over the batch).", "r");
    opt("bias-lr-scale", "Learning-rate multiplier for BatchNorm biases (same absolute decay).", "x");
    opt("lookahead", "Lookahead (slow weights every few steps): on or off.", "on|off");
    opt("lookahead-every", "Lookahead period in steps.", "N");
    opt("lookahead-start", "First epoch (0-based) with lookahead.", "N");
    opt("tta", "Test-time augmentation of the final evaluation: none, mirror or mirror-translate.", "mode");
    opt("width-scale", "Channel width multiplier (airbench).", "x");
    opt("block-depth", "Convolutions per conv group (airbench): 2, or 3 for airbench96's residual third.", "n");
    opt("ensemble", "Train this many independently initialized copies side by side and predict with their mean softmax (1-8).", "n");
    opt("member-augment", "Ensembles: shared (every member sees the same augmented batch) or own (each member its own flips, shifts and cutouts of it).", "mode");
    opt("member-order", "Ensembles: shared (every member trains on the same images in the same order) or own (each member shuffles the training set its own way).", "mode");
    opt("member-distill", "Ensembles: share in [0,1) of each member's training target taken from the other members' mean prediction of the image (online co-distillation; 0 = off).", "x");
    opt("drop-last", "Drop the last incomplete batch of each epoch: on or off.", "on|off");
    opt("augment", "Comma-separated: crop, translate, flip, flip-alternate, cutout, rotate, perspective; or none.", "list");
    opt("crop-padding", "Largest shift in pixels for crop/translate.", "N");
    opt("cutout-size", "Side of the cutout square in pixels.", "N");
    opt("preprocess", "dataset-normalize or per-image-standardize.", "mode");
    opt("precision", "auto (bf16 on CUDA and on CPUs with AVX512-BF16/AMX, else fp32), fp32, bf16, or fp16 (CUDA only, with a dynamic gradient scaler).", "p");
    opt("memory-format", "channels-last (default) or contiguous.", "f");
    opt("convolution", "3x3 convolutions (bf16 and float32): auto (Winograd F(4x4,3x3) on CPUs with AVX2 or AVX-512 and no AMX, else direct; direct from the second step where the first took the process past 3/4 of --memory-limit), direct or winograd.", "algo");
    opt("threads", "Threads (default: all cores).", "N");
    opt("device", "cpu, cuda or cuda:N.", "dev");
    opt("seed", "Random seed.", "N");
    opt("resize", "Resize ImageFolder images to N x N.", "N");
    opt("eval-batch-size", "Images per batch when evaluating (no gradients: larger is faster).", "N");
    opt("keep-every-checkpoint", "Keep each epoch's checkpoint (on) or only the latest and the best (off, default).", "on|off");
    opt("json", "Print one JSON object per event instead of a progress bar.");
    addDistributedOptions(parser);
    opt("sync-bn", "Data-parallel: BatchNorm batch statistics over all processes (on) or per process (off).", "on|off");
    opt("bucket-mb", "Data-parallel: gradients are all-reduced in buckets of about this many MB.", "x");
}

std::string readConfigFile(const std::string &path)
{
    constexpr qint64 kMaxConfigBytes = 1 << 20;
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        throw Error(path + ": cannot open: " + file.errorString().toStdString());
    if (file.size() > kMaxConfigBytes)
        throw Error(path + ": " + std::to_string(file.size()) + " bytes, too large for a config file");
    return file.readAll().toStdString();
}

// The preset, then the config file, then the flags: each later one wins. The preset is applied
// for `architecture`, as some of its fields (airbench's widths in `best`) depend on it.
TrainingConfig baseConfig(const QCommandLineParser &parser, const std::string &architecture)
{
    TrainingConfig c;
    c.architecture = architecture;
    const bool presetFlag = parser.isSet(QStringLiteral("preset"));
    const std::string preset = presetFlag ? parser.value(QStringLiteral("preset")).toStdString() : "standard";
    if (!parser.isSet(QStringLiteral("config"))) {
        applyPreset(c, preset);
        return c;
    }
    const std::string path = parser.value(QStringLiteral("config")).toStdString();
    const std::string text = readConfigFile(path);
    try {
        const TrainingConfig fromFile = configFromJson(text);
        const bool filePreset = QJsonDocument::fromJson(QByteArray::fromStdString(text)).object().contains(QStringLiteral("preset"));
        applyPreset(c, presetFlag || !filePreset ? preset : fromFile.preset);
        return configFromJson(text, c);
    } catch (const Error &e) {
        throw Error(path + ": " + e.what());
    }
}

TrainingConfig configFromOptions(const QCommandLineParser &parser, const std::string &architecture = {})
{
    TrainingConfig c = baseConfig(parser, architecture);
    if (parser.isSet(QStringLiteral("data")))
        c.dataPath = parser.value(QStringLiteral("data")).toStdString();
    c.epochs = doubleOption(parser, QStringLiteral("epochs"), c.epochs);
    c.timeBudgetMinutes = doubleOption(parser, QStringLiteral("time-budget"), c.timeBudgetMinutes);
    c.fitWidthToBudget = onOffOption(parser, QStringLiteral("fit-width"), c.fitWidthToBudget);
    if (parser.isSet(QStringLiteral("fit-width")) && c.fitWidthToBudget && !(c.timeBudgetMinutes > 0))
        throw Error("--fit-width: needs a time budget to fit the width into (--time-budget)");
    c.batchSize = static_cast<int64_t>(doubleOption(parser, QStringLiteral("batch-size"), static_cast<double>(c.batchSize)));
    if (parser.isSet(QStringLiteral("optimizer")))
        c.optimizer = parser.value(QStringLiteral("optimizer")).toStdString();
    c.learningRate = doubleOption(parser, QStringLiteral("lr"), c.learningRate);
    c.momentum = doubleOption(parser, QStringLiteral("momentum"), c.momentum);
    c.muonLearningRate = doubleOption(parser, QStringLiteral("muon-lr"), c.muonLearningRate);
    c.muonMomentum = doubleOption(parser, QStringLiteral("muon-momentum"), c.muonMomentum);
    c.nesterov = onOffOption(parser, QStringLiteral("nesterov"), c.nesterov);
    c.weightDecay = doubleOption(parser, QStringLiteral("weight-decay"), c.weightDecay);
    if (parser.isSet(QStringLiteral("schedule")))
        c.schedule = parser.value(QStringLiteral("schedule")).toStdString();
    c.warmupFraction = doubleOption(parser, QStringLiteral("warmup"), c.warmupFraction);
    c.labelSmoothing = doubleOption(parser, QStringLiteral("label-smoothing"), c.labelSmoothing);
    c.stepGamma = doubleOption(parser, QStringLiteral("step-gamma"), c.stepGamma);
    if (parser.isSet(QStringLiteral("milestones"))) {
        c.stepMilestones.clear();
        for (const std::string &text : splitList(parser.value(QStringLiteral("milestones")))) {
            bool ok = false;
            const double milestone = QString::fromStdString(text).toDouble(&ok);
            if (!ok)
                throw Error("--milestones: expected fractions of training such as 0.5,0.75, got '" + text + "'");
            c.stepMilestones.push_back(milestone);
        }
    }
    c.lrStartFactor = doubleOption(parser, QStringLiteral("lr-start"), c.lrStartFactor);
    c.lrEndFactor = doubleOption(parser, QStringLiteral("lr-end"), c.lrEndFactor);
    if (parser.isSet(QStringLiteral("loss-reduction")))
        c.lossReduction = parser.value(QStringLiteral("loss-reduction")).toStdString();
    c.normBiasLrScale = doubleOption(parser, QStringLiteral("bias-lr-scale"), c.normBiasLrScale);
    c.lookahead = onOffOption(parser, QStringLiteral("lookahead"), c.lookahead);
    c.lookaheadEvery = static_cast<int64_t>(doubleOption(parser, QStringLiteral("lookahead-every"), static_cast<double>(c.lookaheadEvery)));
    c.lookaheadStartEpoch = static_cast<int64_t>(doubleOption(parser, QStringLiteral("lookahead-start"), static_cast<double>(c.lookaheadStartEpoch)));
    if (parser.isSet(QStringLiteral("tta")))
        c.tta = parser.value(QStringLiteral("tta")).toStdString();
    c.widthScale = doubleOption(parser, QStringLiteral("width-scale"), c.widthScale);
    if (parser.isSet(QStringLiteral("ensemble"))) {
        const double members = doubleOption(parser, QStringLiteral("ensemble"), 1.0);
        if (members != std::floor(members))
            throw Error("--ensemble: expected a whole number of members, got " + parser.value(QStringLiteral("ensemble")).toStdString());
        c.ensembleMembers = static_cast<int64_t>(std::clamp(members, -1.0, 1000.0));
    }
    if (parser.isSet(QStringLiteral("block-depth"))) {
        const double depth = doubleOption(parser, QStringLiteral("block-depth"), 2.0);
        if (depth != std::floor(depth))
            throw Error("--block-depth: expected 2 or 3 convolutions per group, got " + parser.value(QStringLiteral("block-depth")).toStdString());
        c.blockDepth = static_cast<int64_t>(std::clamp(depth, -1.0, 1000.0));
    }
    if (parser.isSet(QStringLiteral("member-augment")))
        c.memberAugmentation = parser.value(QStringLiteral("member-augment")).toStdString();
    if (parser.isSet(QStringLiteral("member-order")))
        c.memberOrder = parser.value(QStringLiteral("member-order")).toStdString();
    c.memberDistillation = doubleOption(parser, QStringLiteral("member-distill"), c.memberDistillation);
    c.dropLast = onOffOption(parser, QStringLiteral("drop-last"), c.dropLast);
    c.cropPadding = static_cast<int64_t>(doubleOption(parser, QStringLiteral("crop-padding"), static_cast<double>(c.cropPadding)));
    c.cutoutSize = static_cast<int64_t>(doubleOption(parser, QStringLiteral("cutout-size"), static_cast<double>(c.cutoutSize)));
    if (parser.isSet(QStringLiteral("augment"))) {
        c.augment = splitList(parser.value(QStringLiteral("augment")));
        if (c.augment.size() == 1 && c.augment[0] == "none")
            c.augment.clear();
    }
    if (parser.isSet(QStringLiteral("preprocess")))
        c.preprocess = parser.value(QStringLiteral("preprocess")).toStdString();
    if (parser.isSet(QStringLiteral("precision")))
        c.precision = parsePrecision(parser.value(QStringLiteral("precision")).toStdString());
    if (parser.isSet(QStringLiteral("memory-format"))) {
        const QString v = parser.value(QStringLiteral("memory-format"));
        if (v != QLatin1String("channels-last") && v != QLatin1String("contiguous"))
            throw Error("--memory-format: expected channels-last or contiguous, got '" + v.toStdString() + "'");
        c.channelsLast = v == QLatin1String("channels-last");
    }
    if (parser.isSet(QStringLiteral("convolution")))
        c.convolution = parser.value(QStringLiteral("convolution")).toStdString();
    c.threads = static_cast<int>(doubleOption(parser, QStringLiteral("threads"), c.threads));
    if (parser.isSet(QStringLiteral("device")))
        c.device = parser.value(QStringLiteral("device")).toStdString();
    if (parser.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        c.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok)
            throw Error("--seed: expected a non-negative integer, got '" + parser.value(QStringLiteral("seed")).toStdString() + "'");
    }
    c.resize = static_cast<int64_t>(doubleOption(parser, QStringLiteral("resize"), static_cast<double>(c.resize)));
    c.evalBatchSize = static_cast<int64_t>(doubleOption(parser, QStringLiteral("eval-batch-size"), static_cast<double>(c.evalBatchSize)));
    c.keepEveryCheckpoint = onOffOption(parser, QStringLiteral("keep-every-checkpoint"), c.keepEveryCheckpoint);
    c.syncBatchNorm = onOffOption(parser, QStringLiteral("sync-bn"), c.syncBatchNorm);
    c.bucketMegabytes = doubleOption(parser, QStringLiteral("bucket-mb"), c.bucketMegabytes);
    return c;
}

// A bad value that came from the config file is named by its key there, not by a flag the user never typed.
void validateNamingTheSource(const TrainingConfig &config, const QCommandLineParser &parser)
{
    try {
        validateConfig(config);
    } catch (const Error &e) {
        const std::string message = e.what();
        const size_t colon = message.find(": ");
        if (!parser.isSet(QStringLiteral("config")) || colon == std::string::npos || message.rfind("--", 0) != 0)
            throw;
        const std::string flag = message.substr(0, colon);
        const std::string key = configKeyOfFlag(flag);
        if (key.empty() || parser.optionNames().contains(QString::fromStdString(flag.substr(2))))
            throw;
        const std::string path = parser.value(QStringLiteral("config")).toStdString();
        const QJsonObject file = QJsonDocument::fromJson(QByteArray::fromStdString(readConfigFile(path))).object();
        if (!file.contains(QString::fromStdString(key)))
            throw;
        throw Error(path + ": " + key + " (" + flag + "): " + message.substr(colon + 2));
    }
}

} // namespace

int runTrain(const QStringList &arguments)
{
    QCommandLineParser parser;
    addTrainOptions(parser);
    if (!parse(parser, arguments, "Train one or more architectures on a dataset, recording every metric in the store."))
        return 0;
    const DistributedOptions distributed = distributedFromOptions(parser);
    const bool json = parser.isSet(QStringLiteral("json"));
    if (distributed.rank > 0) {
        // A worker: rank 0 owns the run, the store and the recipe; this process trains its shard.
        TrainingSession session(storeOption(parser));
        InterruptWatcher watcher(session);
        SessionCallbacks callbacks;
        const int threads = static_cast<int>(doubleOption(parser, QStringLiteral("threads"), 0));
        const TrainingResult r = session.joinJob(distributed, parser.value(QStringLiteral("data")).toStdString(), threads, callbacks);
        const bool ok = r.status == RunStatus::Completed || r.status == RunStatus::Stopped || r.status == RunStatus::Cancelled;
        if (json)
            emitJson({{QStringLiteral("event"), QStringLiteral("result")},
                      {QStringLiteral("rank"), static_cast<qint64>(distributed.rank)},
                      {QStringLiteral("status"), QString::fromStdString(runStatusName(r.status))},
                      {QStringLiteral("message"), QString::fromStdString(r.message)}});
        else if (!ok)
            std::fprintf(stderr, "error: %s\n", r.message.c_str());
        return ok ? 0 : 1;
    }
    const TrainingConfig common = configFromOptions(parser);
    if (common.dataPath.empty())
        required(parser, QStringLiteral("data"));
    std::vector<std::string> archs;
    if (parser.isSet(QStringLiteral("arch")) || !parser.isSet(QStringLiteral("config")) || common.architecture.empty())
        archs = splitList(QString::fromStdString(required(parser, QStringLiteral("arch"))));
    else
        archs = {common.architecture};
    if (archs.empty())
        throw Error("--arch: no architecture given");
    for (const auto &a : archs)
        if (!hasArchitecture(a))
            throw Error("--arch: unknown architecture '" + a + "' (see cifarlab-cli models)");
    if (archs.size() > 1 && distributed.worldSize > 1)
        throw Error("--arch: a data-parallel job trains one architecture");
    std::vector<TrainingConfig> configs;
    for (const auto &a : archs) {
        TrainingConfig c = configFromOptions(parser, a);
        c.architecture = a;
        c.worldSize = distributed.worldSize;
        validateNamingTheSource(c, parser);
        configs.push_back(c);
    }
    TrainingSession session(storeOption(parser));
    InterruptWatcher watcher(session);
    int exitCode = 0;
    for (const auto &c : configs) {
        const std::string name = archs.size() == 1 ? parser.value(QStringLiteral("name")).toStdString() : std::string();
        const SessionResult r = session.train(c, name, makeCallbacks(json, nullptr), distributed);
        exitCode = std::max(exitCode, reportResult(r, json));
        if (r.training.status == RunStatus::Stopped)
            break;
    }
    return exitCode;
}

namespace {

QString lrFinderSubtitle(const TrainingConfig &c, const LrFinderResult &r)
{
    return QStringLiteral("%1 on %2 %3 batch %4 %3 %5 %3 %6 batches, %7 %8 %9")
        .arg(QString::fromStdString(c.architecture), QFileInfo(QString::fromStdString(c.dataPath)).fileName(), QString(QChar(0x00B7)))
        .arg(c.batchSize)
        .arg(QString::fromStdString(c.optimizer))
        .arg(static_cast<qlonglong>(r.points.size()))
        .arg(r.points.empty() ? 0.0 : r.points.front().learningRate, 0, 'g', 2)
        .arg(QChar(0x2192))
        .arg(r.points.empty() ? 0.0 : r.points.back().learningRate, 0, 'g', 2);
}

void writeLrFinderCsv(const std::string &path, const LrFinderResult &r)
{
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        throw SystemError(path + ": cannot write: " + file.errorString().toStdString());
    QByteArray text = "batch,learning_rate,loss,smoothed_loss\n";
    for (const LrFinderPoint &p : r.points)
        text += QByteArray::number(static_cast<qlonglong>(p.iteration)) + ',' + QByteArray::number(p.learningRate, 'g', 8) + ','
                + QByteArray::number(p.loss, 'g', 8) + ',' + QByteArray::number(p.smoothedLoss, 'g', 8) + '\n';
    if (file.write(text) != text.size() || !file.commit())
        throw SystemError(path + ": cannot write: " + file.errorString().toStdString());
}

} // namespace

int runLrFind(const QStringList &arguments)
{
    QCommandLineParser parser;
    addTrainOptions(parser);
    parser.addOption({QStringLiteral("start-lr"), QStringLiteral("First learning rate of the sweep (default 1e-7)."), QStringLiteral("x")});
    parser.addOption({QStringLiteral("end-lr"), QStringLiteral("Last learning rate of the sweep (default 10)."), QStringLiteral("x")});
    parser.addOption({QStringLiteral("iterations"), QStringLiteral("Batches in the sweep, 20 to 10000 (default 100)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("plot"), QStringLiteral("Write the curve with its suggestions as .png, .svg or .pdf."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("csv"), QStringLiteral("Write every batch's learning rate and losses as CSV."), QStringLiteral("file")});
    if (!parse(parser, arguments,
               "Learning-rate range test (fastai's lr_find): train a fresh model for a few batches while the learning "
               "rate grows exponentially, and suggest a peak rate for --lr. The recipe flags are those of train; "
               "nothing is written to the store."))
        return 0;
    TrainingConfig c = configFromOptions(parser);
    if (c.dataPath.empty())
        c.dataPath = required(parser, QStringLiteral("data"));
    if (parser.isSet(QStringLiteral("arch")) || c.architecture.empty()) {
        const std::vector<std::string> archs = splitList(QString::fromStdString(required(parser, QStringLiteral("arch"))));
        if (archs.size() != 1)
            throw Error("--arch: lr-find sweeps one architecture at a time");
        c = configFromOptions(parser, archs[0]);
        c.architecture = archs[0];
    }
    if (!hasArchitecture(c.architecture))
        throw Error("--arch: unknown architecture '" + c.architecture + "' (see cifarlab-cli models)");
    if (parser.isSet(QStringLiteral("nproc")) || parser.isSet(QStringLiteral("world-size")))
        throw Error("--world-size: lr-find runs in one process");
    validateNamingTheSource(c, parser);
    LrFinderOptions options;
    options.startLr = doubleOption(parser, QStringLiteral("start-lr"), options.startLr);
    options.endLr = doubleOption(parser, QStringLiteral("end-lr"), options.endLr);
    options.iterations = integerOption(parser, QStringLiteral("iterations"), options.iterations);
    validateLrFinderOptions(options);
    const std::string plotPath = parser.value(QStringLiteral("plot")).toStdString();
    if (!plotPath.empty()) {
        const QString suffix = QFileInfo(QString::fromStdString(plotPath)).suffix().toLower();
        if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") && suffix != QLatin1String("pdf"))
            throw Error("--plot: " + plotPath + ": expected a .png, .svg or .pdf file name");
    }
    const bool json = parser.isSet(QStringLiteral("json"));

    LoadOptions load;
    load.resize = c.resize;
    load.threads = c.threads;
    const auto loadStart = std::chrono::steady_clock::now();
    auto dataset = std::make_shared<const Dataset>(loadDataset(c.dataPath, load));
    if (!json)
        std::fprintf(stderr, "loaded %s: %lld train images in %.2f s\n", c.dataPath.c_str(), static_cast<long long>(dataset->train.count),
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - loadStart).count());
    Trainer trainer(c, dataset, std::string());
    if (!json)
        std::printf("%-6s %12s %10s %10s\n", "batch", "lr", "loss", "smoothed");
    const int64_t every = std::max<int64_t>(1, options.iterations / 20);
    const LrFinderResult r = trainer.findLearningRate(options, [&](const LrFinderPoint &p) {
        if (json)
            emitJson({{QStringLiteral("event"), QStringLiteral("point")},
                      {QStringLiteral("batch"), static_cast<qint64>(p.iteration)},
                      {QStringLiteral("lr"), p.learningRate},
                      {QStringLiteral("loss"), p.loss},
                      {QStringLiteral("smoothed_loss"), p.smoothedLoss}});
        else if (p.iteration % every == 0) {
            std::printf("%-6lld %12.4g %10.4f %10.4f\n", static_cast<long long>(p.iteration + 1), p.learningRate, p.loss, p.smoothedLoss);
            std::fflush(stdout);
        }
    });
    if (!parser.value(QStringLiteral("csv")).isEmpty())
        writeLrFinderCsv(parser.value(QStringLiteral("csv")).toStdString(), r);
    if (!plotPath.empty()) {
        QString error;
        if (!saveLrFinderChart(QString::fromStdString(plotPath), r, lrFinderSubtitle(c, r), QSize(900, 560), 96, &error))
            throw SystemError(error.toStdString());
    }
    const LrSuggestions &s = r.suggestions;
    const LrSuggestionKind kind = recommendedSuggestion(s);
    const double suggested = suggestionValue(s, kind);
    if (json) {
        emitJson({{QStringLiteral("event"), QStringLiteral("result")},
                  {QStringLiteral("batches"), static_cast<qint64>(r.points.size())},
                  {QStringLiteral("diverged"), r.diverged},
                  {QStringLiteral("message"), QString::fromStdString(r.message)},
                  {QStringLiteral("seconds"), r.seconds},
                  {QStringLiteral("suggested"), suggested},
                  {QStringLiteral("suggestion"), QString::fromLatin1(suggestionName(kind))},
                  {QStringLiteral("valley"), s.valley},
                  {QStringLiteral("steepest"), s.steepest},
                  {QStringLiteral("minimum"), s.minimum}});
        return s.valley > 0 ? 0 : 1;
    }
    std::printf("%s after %lld batches in %.1f s\n", r.message.c_str(), static_cast<long long>(r.points.size()), r.seconds);
    if (s.valley <= 0) {
        std::fprintf(stderr, "error: %lld batches are too few to read a learning rate off; sweep more (--iterations) or "
                             "a wider range (--start-lr, --end-lr)\n",
                     static_cast<long long>(r.points.size()));
        return 1;
    }
    std::printf("suggested learning rate: %.2g (%s); valley %.2g, steepest %.2g, minimum / 10 %.2g\n", suggested,
                suggestionName(kind), s.valley, s.steepest, s.minimum);
    std::printf("train with it: cifarlab-cli train --arch %s ... --lr %.2g\n", c.architecture.c_str(), suggested);
    if (!plotPath.empty())
        std::printf("plot: %s\n", plotPath.c_str());
    return 0;
}

int runResume(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("run"), QStringLiteral("Run id or name."));
    parser.addOption({QStringLiteral("store"), QStringLiteral("Experiment store folder."), QStringLiteral("dir")});
    parser.addOption({QStringLiteral("epochs"), QStringLiteral("Train to this many epochs in total (default: as configured)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object per event.")});
    addDistributedOptions(parser);
    if (!parse(parser, arguments, "Continue a stopped or interrupted run from its latest checkpoint."))
        return 0;
    const DistributedOptions distributed = distributedFromOptions(parser);
    if (distributed.rank > 0)
        throw Error("--rank: resume runs on rank 0; the other ranks join with cifarlab-cli train --rank R");
    if (parser.positionalArguments().size() != 1)
        throw UsageError("expected one run id or name");
    const bool json = parser.isSet(QStringLiteral("json"));
    TrainingSession session(storeOption(parser));
    InterruptWatcher watcher(session);
    const double epochs = doubleOption(parser, QStringLiteral("epochs"), 0.0);
    if (parser.isSet(QStringLiteral("epochs")) && epochs <= 0)
        throw Error("--epochs: must be positive");
    // A run keeps its process count (all on this host) unless --nproc or --world-size says otherwise.
    const bool described = parser.isSet(QStringLiteral("nproc")) || parser.isSet(QStringLiteral("world-size"))
                           || qEnvironmentVariableIsSet("WORLD_SIZE");
    const int64_t worldSize = described ? distributed.worldSize : 0;
    const SessionResult r = session.resume(parser.positionalArguments().first().toStdString(), makeCallbacks(json, nullptr), epochs,
                                           distributed, worldSize);
    return reportResult(r, json);
}

int runRuns(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("list (default), show RUN, log RUN, rename RUN NAME, tag RUN TAG,..., delete RUN"));
    parser.addOption({QStringLiteral("store"), QStringLiteral("Experiment store folder."), QStringLiteral("dir")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    if (!parse(parser, arguments,
               "List, show, rename, tag or delete runs. 'log' prints what a run said as it went (data loading, a time "
               "budget's or the memory limit's changes, warnings, pauses, its outcome) with the times, UTC; with "
               "--json one object per line."))
        return 0;
    ExperimentStore store(storeOption(parser));
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.isEmpty() ? QStringLiteral("list") : pos.first();
    auto findOrFail = [&store](const QString &idOrName) {
        const auto r = store.findRun(idOrName.toStdString());
        if (!r)
            throw Error("run '" + idOrName.toStdString() + "': no such run in " + store.folder());
        return *r;
    };
    if (action == QLatin1String("list")) {
        const auto runs = store.listRuns();
        // Columns as wide as their longest entry (in characters, not UTF-8 bytes), so long names
        // do not push the rest of a row out of line.
        auto width = [&runs](int least, const std::function<std::string(const RunRecord &)> &field) {
            int w = least;
            for (const auto &r : runs)
                w = std::max(w, static_cast<int>(QString::fromStdString(field(r)).size()));
            return w;
        };
        const int nameWidth = width(22, [](const RunRecord &r) { return r.name; });
        const int archWidth = width(16, [](const RunRecord &r) { return r.architecture; });
        auto padded = [](const std::string &text, int w) {
            return QString::fromStdString(text).leftJustified(w).toStdString();
        };
        std::printf("%5s  %s %s %-10s %7s %9s %9s  %s\n", "id", padded("name", nameWidth).c_str(),
                    padded("architecture", archWidth).c_str(), "status", "epochs", "test acc", "best", "created");
        for (const auto &r : runs)
            std::printf("%5lld  %s %s %-10s %7lld %8.2f%% %8.2f%%  %s\n", static_cast<long long>(r.id),
                        padded(r.name, nameWidth).c_str(), padded(r.architecture, archWidth).c_str(),
                        runStatusName(r.status).c_str(), static_cast<long long>(r.epochsDone), 100.0 * r.finalTestAccuracy,
                        100.0 * r.bestTestAccuracy, r.createdAt.c_str());
        if (runs.empty())
            std::printf("(no runs yet in %s)\n", store.folder().c_str());
        return 0;
    }
    if (pos.size() < 2)
        throw UsageError("'" + action.toStdString() + "' needs a run id or name");
    const RunRecord run = findOrFail(pos.at(1));
    if (action == QLatin1String("show")) {
        std::printf("run %lld: %s\narchitecture: %s\ndataset: %s (%s)\nstatus: %s (%s)\ncreated: %s, started: %s, finished: %s\n"
                    "epochs: %lld, best test accuracy %.2f%% (epoch %lld), final train %.2f%%, final test %.2f%%\n"
                    "parameters: %lld, model size %.2f MB, wall time %s, %.0f images/s\nhost: %s\ntags: ",
                    static_cast<long long>(run.id), run.name.c_str(), run.architecture.c_str(), run.datasetName.c_str(),
                    run.datasetSource.c_str(), runStatusName(run.status).c_str(), run.message.c_str(), run.createdAt.c_str(),
                    run.startedAt.c_str(), run.finishedAt.c_str(), static_cast<long long>(run.epochsDone), 100.0 * run.bestTestAccuracy,
                    static_cast<long long>(run.bestEpoch + 1), 100.0 * run.finalTrainAccuracy, 100.0 * run.finalTestAccuracy,
                    static_cast<long long>(run.parameters), static_cast<double>(run.modelBytes) / (1024.0 * 1024.0),
                    formatDuration(run.wallSeconds).c_str(), run.imagesPerSecond, run.hostInfo.c_str());
        for (const auto &t : run.tags)
            std::printf("%s ", t.c_str());
        std::printf("\nfolder: %s\nconfig: %s\n\n", store.runFolder(run.id).c_str(), run.configJson.c_str());
        const auto log = store.runLog(run.id);
        if (!log.empty())
            std::printf("log:\n");
        for (const auto &entry : log)
            std::printf("  %s  %s\n", entry.at.c_str(), entry.message.c_str());
        if (!log.empty())
            std::printf("\n");
        const auto epochs = store.epochMetrics(run.id, false);
        for (const auto &e : epochs)
            std::printf("epoch %3lld  train loss %.4f acc %6.2f%%  test loss %.4f acc %6.2f%%  lr %.4g  %.1f s\n",
                        static_cast<long long>(e.epoch + 1), e.trainLoss, 100.0 * e.trainAccuracy, e.testLoss, 100.0 * e.testAccuracy,
                        e.learningRate, e.seconds);
        if (!epochs.empty()) {
            const auto &names = run.classNames;
            // The details (predictions, statistics) of the last epoch only.
            const auto last = store.epochMetrics(run.id, true, epochs.back().epoch);
            const auto pairs = last.empty() ? std::vector<ConfusedPair>()
                                            : mostConfusedPairs(last.back().testConfusion, static_cast<int>(names.size()), 5);
            if (!pairs.empty())
                std::printf("\nmost confused at epoch %lld (true -> predicted):\n", static_cast<long long>(epochs.back().epoch + 1));
            for (const auto &pair : pairs)
                std::printf("  %-14s -> %-14s %6lld of %lld\n", names[static_cast<size_t>(pair.trueClass)].c_str(),
                            names[static_cast<size_t>(pair.predictedClass)].c_str(), static_cast<long long>(pair.count),
                            static_cast<long long>(pair.trueClassTotal));
        }
        return 0;
    }
    if (action == QLatin1String("log")) {
        if (pos.size() != 2)
            throw UsageError("usage: runs log RUN");
        for (const auto &entry : store.runLog(run.id)) {
            if (parser.isSet(QStringLiteral("json")))
                emitJson({{QStringLiteral("seq"), static_cast<qint64>(entry.seq)},
                          {QStringLiteral("at"), QString::fromStdString(entry.at)},
                          {QStringLiteral("message"), QString::fromStdString(entry.message)}});
            else
                std::printf("%s  %s\n", entry.at.c_str(), entry.message.c_str());
        }
        return 0;
    }
    if (action == QLatin1String("rename")) {
        if (pos.size() != 3)
            throw UsageError("usage: runs rename RUN NEW-NAME");
        store.renameRun(run.id, pos.at(2).toStdString());
        std::printf("run %lld renamed to %s\n", static_cast<long long>(run.id), pos.at(2).toUtf8().constData());
        return 0;
    }
    if (action == QLatin1String("tag")) {
        std::vector<std::string> tags;
        for (int i = 2; i < pos.size(); ++i)
            for (const auto &t : splitList(pos.at(i)))
                tags.push_back(t);
        store.setTags(run.id, tags);
        std::printf("run %lld tagged: %zu tag(s)\n", static_cast<long long>(run.id), tags.size());
        return 0;
    }
    if (action == QLatin1String("delete")) {
        store.deleteRun(run.id);
        std::printf("run %lld deleted with its files\n", static_cast<long long>(run.id));
        return 0;
    }
    throw UsageError("unknown action '" + action.toStdString() + "' (list, show, log, rename, tag, delete)");
}

} // namespace cifarlab::cli
