#include "core/run_comparison.h"

#include "core/csv_field.h"
#include "core/error.h"
#include "core/runtime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <algorithm>
#include <charconv>
#include <functional>
#include <set>

namespace cifarlab {

namespace {

// Run names longer than this are cut in labels: legends and table cells stay readable.
constexpr int kMaxLabelName = 32;

// %.17g without the C library: snprintf follows LC_NUMERIC, which QCoreApplication sets from the
// environment (a German locale would write "0,5").
std::string exactNumber(double value)
{
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 17);
    return std::string(buffer, result.ptr);
}

// Shortest text that reads back as the same double: "0.1", "5e-05", "30".
std::string shortNumber(double value)
{
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

void appendRow(std::string &csv, const std::vector<std::string> &fields)
{
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i)
            csv += ',';
        csv += csvField(fields[i]);
    }
    csv += '\n';
}

std::string join(const std::vector<std::string> &values, const char *separator)
{
    std::string text;
    for (size_t i = 0; i < values.size(); ++i)
        text += (i ? separator : "") + values[i];
    return text;
}

bool contains(const std::vector<std::string> &values, const char *value)
{
    return std::find(values.begin(), values.end(), value) != values.end();
}

std::string makeLabel(const RunRecord &record)
{
    QString name = QString::fromStdString(record.name.empty() ? record.architecture : record.name);
    if (name.size() > kMaxLabelName)
        name = name.left(kMaxLabelName - 1) + QChar(0x2026);
    return std::to_string(record.id) + " " + name.toStdString();
}

// The last epoch that carries `member` (a resumed or interrupted run may lack details at the end).
template<typename Member>
const EpochMetrics *lastWith(const ComparedRun &run, Member member)
{
    for (auto it = run.epochs.rbegin(); it != run.epochs.rend(); ++it) {
        if (!((*it).*member).empty())
            return &*it;
    }
    return nullptr;
}

// Predictions of the run's last epoch that has them, if they cover every test label.
const std::vector<int32_t> *finalPredictions(const ComparedRun &run, const std::vector<int64_t> &testLabels)
{
    const EpochMetrics *epoch = lastWith(run, &EpochMetrics::testPredictions);
    if (!epoch || epoch->testPredictions.size() != testLabels.size())
        return nullptr;
    return &epoch->testPredictions;
}

struct FieldSpec
{
    const char *flag;
    bool bookkeeping;
    std::function<std::string(const TrainingConfig &)> value;
    // Whether the field has any effect for this pair (momentum means nothing to two AdamW runs).
    std::function<bool(const TrainingConfig &, const TrainingConfig &)> relevant;
};

const std::vector<FieldSpec> &fieldSpecs()
{
    using C = const TrainingConfig &;
    const auto always = [](C, C) { return true; };
    const auto onOff = [](bool value) { return std::string(value ? "on" : "off"); };
    const auto usesWarmup = [](C c) { return c.schedule == "onecycle" || c.schedule == "triangular"; };
    static const std::vector<FieldSpec> kFields = {
        {"arch", false, [](C c) { return c.architecture; }, always},
        {"epochs", false, [](C c) { return shortNumber(c.epochs); }, always},
        {"time-budget", false,
         [](C c) { return c.timeBudgetMinutes > 0 ? shortNumber(c.timeBudgetMinutes) : std::string("none"); }, always},
        // The width it chose is in width-scale; this says whether it was chosen.
        {"fit-width", false, [onOff](C c) { return onOff(c.fitWidthToBudget); }, always},
        {"batch-size", false, [](C c) { return std::to_string(c.batchSize); }, always},
        {"drop-last", false, [onOff](C c) { return onOff(c.dropLast); }, always},
        {"optimizer", false, [](C c) { return c.optimizer; }, always},
        {"lr", false, [](C c) { return shortNumber(c.learningRate); }, always},
        {"momentum", false, [](C c) { return shortNumber(c.momentum); },
         [](C a, C b) { return a.optimizer != "adamw" || b.optimizer != "adamw"; }},
        {"nesterov", false, [onOff](C c) { return onOff(c.nesterov); },
         [](C a, C b) { return a.optimizer != "adamw" || b.optimizer != "adamw"; }},
        {"weight-decay", false, [](C c) { return shortNumber(c.weightDecay); }, always},
        {"muon-lr", false, [](C c) { return shortNumber(c.muonLearningRate); },
         [](C a, C b) { return a.optimizer == "muon" || b.optimizer == "muon"; }},
        {"muon-momentum", false, [](C c) { return shortNumber(c.muonMomentum); },
         [](C a, C b) { return a.optimizer == "muon" || b.optimizer == "muon"; }},
        {"schedule", false, [](C c) { return c.schedule; }, always},
        {"warmup", false, [](C c) { return shortNumber(c.warmupFraction); },
         [usesWarmup](C a, C b) { return usesWarmup(a) || usesWarmup(b); }},
        {"lr-start", false, [](C c) { return shortNumber(c.lrStartFactor); },
         [](C a, C b) { return a.schedule == "triangular" || b.schedule == "triangular"; }},
        {"lr-end", false, [](C c) { return shortNumber(c.lrEndFactor); },
         [](C a, C b) { return a.schedule == "triangular" || b.schedule == "triangular"; }},
        {"step-gamma", false, [](C c) { return shortNumber(c.stepGamma); },
         [](C a, C b) { return a.schedule == "step" || b.schedule == "step"; }},
        {"milestones", false,
         [](C c) {
             std::vector<std::string> parts;
             for (const double m : c.stepMilestones)
                 parts.push_back(shortNumber(m));
             return join(parts, ",");
         },
         [](C a, C b) { return a.schedule == "step" || b.schedule == "step"; }},
        {"label-smoothing", false, [](C c) { return shortNumber(c.labelSmoothing); }, always},
        {"loss-reduction", false, [](C c) { return c.lossReduction; }, always},
        {"bias-lr-scale", false, [](C c) { return shortNumber(c.normBiasLrScale); }, always},
        {"lookahead", false, [onOff](C c) { return onOff(c.lookahead); }, always},
        {"lookahead-every", false, [](C c) { return std::to_string(c.lookaheadEvery); },
         [](C a, C b) { return a.lookahead || b.lookahead; }},
        {"lookahead-start", false, [](C c) { return std::to_string(c.lookaheadStartEpoch); },
         [](C a, C b) { return a.lookahead || b.lookahead; }},
        {"width-scale", false, [](C c) { return shortNumber(c.widthScale); },
         [](C a, C b) { return a.architecture == "airbench" || b.architecture == "airbench"; }},
        {"block-depth", false, [](C c) { return std::to_string(c.blockDepth); },
         [](C a, C b) { return a.architecture == "airbench" || b.architecture == "airbench"; }},
        {"ensemble", false, [](C c) { return std::to_string(c.ensembleMembers); }, always},
        {"member-augment", false, [](C c) { return c.memberAugmentation; },
         [](C a, C b) { return a.ensembleMembers > 1 || b.ensembleMembers > 1; }},
        {"member-order", false, [](C c) { return c.memberOrder; },
         [](C a, C b) { return a.ensembleMembers > 1 || b.ensembleMembers > 1; }},
        {"member-distill", false, [](C c) { return shortNumber(c.memberDistillation); },
         [](C a, C b) { return a.ensembleMembers > 1 || b.ensembleMembers > 1; }},
        {"augment", false, [](C c) { return c.augment.empty() ? std::string("none") : join(c.augment, ","); }, always},
        {"crop-padding", false, [](C c) { return std::to_string(c.cropPadding); },
         [](C a, C b) { return contains(a.augment, "crop") || contains(b.augment, "crop"); }},
        {"cutout-size", false, [](C c) { return std::to_string(c.cutoutSize); },
         [](C a, C b) { return contains(a.augment, "cutout") || contains(b.augment, "cutout"); }},
        {"preprocess", false, [](C c) { return c.preprocess; }, always},
        {"precision", false, [](C c) { return precisionName(c.precision); }, always},
        {"memory-format", false, [](C c) { return std::string(c.channelsLast ? "channels-last" : "contiguous"); }, always},
        // Winograd rounds differently, so it can change what a bf16 run learns.
        {"convolution", false, [](C c) { return c.convolution; }, always},
        {"resize", false, [](C c) { return std::to_string(c.resize); }, always},
        {"tta", false, [](C c) { return c.tta; }, always},
        // Data parallelism changes the global batch (batch-size x world-size) and BatchNorm's view.
        {"world-size", false, [](C c) { return std::to_string(c.worldSize); }, always},
        {"sync-bn", false, [onOff](C c) { return onOff(c.syncBatchNorm); },
         [](C a, C b) { return a.worldSize > 1 || b.worldSize > 1; }},
        // Bookkeeping: where and how the run executed, not what it learned.
        {"data", true, [](C c) { return c.dataPath; }, always},
        {"preset", true, [](C c) { return c.preset; }, always},
        {"seed", true, [](C c) { return std::to_string(c.seed); }, always},
        {"threads", true, [](C c) { return std::to_string(c.threads); }, always},
        {"device", true, [](C c) { return c.device; }, always},
        {"eval-batch-size", true, [](C c) { return std::to_string(c.evalBatchSize); }, always},
        {"bucket-mb", true, [](C c) { return shortNumber(c.bucketMegabytes); },
         [](C a, C b) { return a.worldSize > 1 || b.worldSize > 1; }},
        {"keep-every-checkpoint", true, [onOff](C c) { return onOff(c.keepEveryCheckpoint); }, always},
    };
    return kFields;
}

} // namespace

RunComparison loadComparison(const ExperimentStore &store, const std::vector<int64_t> &runIds)
{
    RunComparison comparison;
    std::set<std::string> labels;
    for (const int64_t id : runIds) {
        ComparedRun run;
        run.record = store.run(id); // Error "run 12: no such run"
        try {
            run.config = configFromJson(run.record.configJson);
        } catch (const Error &) {
            run.config = TrainingConfig();
            run.config.architecture = run.record.architecture;
        }
        run.epochs = store.epochMetrics(id, true);
        run.label = makeLabel(run.record);
        // The same run asked for twice still gets distinct legend entries.
        for (int n = 2; labels.count(run.label); ++n)
            run.label = makeLabel(run.record) + " #" + std::to_string(n);
        labels.insert(run.label);
        comparison.runs.push_back(std::move(run));
    }
    if (!comparison.runs.empty())
        comparison.classNames = comparison.runs.front().record.classNames;
    return comparison;
}

std::vector<ConfigDifference> configDifferences(const TrainingConfig &a, const TrainingConfig &b)
{
    std::vector<ConfigDifference> settings;
    std::vector<ConfigDifference> bookkeeping;
    for (const FieldSpec &field : fieldSpecs()) {
        if (!field.relevant(a, b))
            continue;
        const std::string valueA = field.value(a);
        const std::string valueB = field.value(b);
        if (valueA != valueB)
            (field.bookkeeping ? bookkeeping : settings).push_back({field.flag, valueA, valueB});
    }
    return settings.empty() ? bookkeeping : settings;
}

std::vector<std::pair<std::string, std::string>> configFields(const TrainingConfig &config)
{
    std::vector<std::pair<std::string, std::string>> fields;
    for (const FieldSpec &field : fieldSpecs())
        fields.emplace_back(field.flag, field.value(config));
    return fields;
}

std::optional<double> timeToAccuracy(const ComparedRun &run, double accuracy)
{
    for (const EpochMetrics &epoch : run.epochs) {
        if (epoch.testAccuracy >= accuracy)
            return epoch.elapsedSeconds;
    }
    return std::nullopt;
}

std::vector<int64_t> differenceConfusion(const ComparedRun &a, const ComparedRun &b)
{
    if (a.record.classNames != b.record.classNames)
        return {};
    const EpochMetrics *ea = lastWith(a, &EpochMetrics::testConfusion);
    const EpochMetrics *eb = lastWith(b, &EpochMetrics::testConfusion);
    if (!ea || !eb || ea->testConfusion.size() != eb->testConfusion.size())
        return {};
    std::vector<int64_t> difference(ea->testConfusion.size());
    for (size_t i = 0; i < difference.size(); ++i)
        difference[i] = eb->testConfusion[i] - ea->testConfusion[i];
    return difference;
}

std::vector<int64_t> rightInAWrongInB(const ComparedRun &right, const ComparedRun &wrong,
                                      const std::vector<int64_t> &testLabels)
{
    const auto *pr = finalPredictions(right, testLabels);
    const auto *pw = finalPredictions(wrong, testLabels);
    std::vector<int64_t> images;
    if (!pr || !pw)
        return images;
    for (size_t i = 0; i < testLabels.size(); ++i) {
        if ((*pr)[i] == testLabels[i] && (*pw)[i] != testLabels[i])
            images.push_back(static_cast<int64_t>(i));
    }
    return images;
}

std::vector<int64_t> wrongInAll(const RunComparison &comparison, const std::vector<int64_t> &testLabels)
{
    // Only runs on the comparison's class set whose predictions cover the test set take part.
    std::vector<const std::vector<int32_t> *> predictions;
    for (const ComparedRun &run : comparison.runs) {
        if (run.record.classNames != comparison.classNames)
            continue;
        if (const auto *p = finalPredictions(run, testLabels))
            predictions.push_back(p);
    }
    std::vector<int64_t> images;
    if (predictions.empty())
        return images;
    for (size_t i = 0; i < testLabels.size(); ++i) {
        const bool allWrong = std::all_of(predictions.begin(), predictions.end(),
                                          [&](const auto *p) { return (*p)[i] != testLabels[i]; });
        if (allWrong)
            images.push_back(static_cast<int64_t>(i));
    }
    return images;
}

std::string summaryCsv(const RunComparison &comparison)
{
    std::string csv;
    appendRow(csv, {"run_id", "label", "name", "architecture", "dataset", "status", "preset", "optimizer", "lr",
                    "batch_size", "schedule", "augment", "epochs_planned", "epochs_done", "final_train_accuracy",
                    "best_train_accuracy", "final_test_accuracy", "best_test_accuracy", "best_epoch",
                    "final_test_loss", "best_test_loss", "parameters", "model_bytes", "model_mb", "wall_seconds",
                    "images_per_second", "seconds_to_50pct", "seconds_to_80pct", "seconds_to_90pct", "created_at",
                    "finished_at"});
    const auto optionalNumber = [](std::optional<double> value) { return value ? exactNumber(*value) : std::string(); };
    for (const ComparedRun &run : comparison.runs) {
        const RunRecord &r = run.record;
        std::optional<double> bestTrain;
        std::optional<double> bestTestLoss;
        for (const EpochMetrics &e : run.epochs) {
            bestTrain = std::max(bestTrain.value_or(e.trainAccuracy), e.trainAccuracy);
            bestTestLoss = std::min(bestTestLoss.value_or(e.testLoss), e.testLoss);
        }
        const TrainingConfig &c = run.config;
        appendRow(csv, {std::to_string(r.id), run.label, r.name, r.architecture, r.datasetName, runStatusName(r.status),
                        c.preset, c.optimizer, exactNumber(c.learningRate), std::to_string(c.batchSize), c.schedule,
                        c.augment.empty() ? std::string("none") : join(c.augment, ","), exactNumber(c.epochs),
                        std::to_string(r.epochsDone), exactNumber(r.finalTrainAccuracy), optionalNumber(bestTrain),
                        exactNumber(r.finalTestAccuracy), exactNumber(r.bestTestAccuracy),
                        r.bestEpoch >= 0 ? std::to_string(r.bestEpoch + 1) : std::string(),
                        exactNumber(r.finalTestLoss), optionalNumber(bestTestLoss), std::to_string(r.parameters),
                        std::to_string(r.modelBytes), exactNumber(static_cast<double>(r.modelBytes) / (1024.0 * 1024.0)),
                        exactNumber(r.wallSeconds), exactNumber(r.imagesPerSecond),
                        optionalNumber(timeToAccuracy(run, 0.5)), optionalNumber(timeToAccuracy(run, 0.8)),
                        optionalNumber(timeToAccuracy(run, 0.9)), r.createdAt, r.finishedAt});
    }
    return csv;
}

std::string epochsCsv(const RunComparison &comparison)
{
    std::string csv;
    appendRow(csv, {"run_id", "label", "epoch", "epochs", "train_loss", "train_accuracy", "test_loss", "test_accuracy",
                    "learning_rate", "seconds", "elapsed_seconds", "images_per_second"});
    for (const ComparedRun &run : comparison.runs) {
        for (const EpochMetrics &e : run.epochs)
            appendRow(csv, {std::to_string(run.record.id), run.label, std::to_string(e.epoch + 1), std::to_string(e.epochs),
                            exactNumber(e.trainLoss), exactNumber(e.trainAccuracy), exactNumber(e.testLoss),
                            exactNumber(e.testAccuracy), exactNumber(e.learningRate), exactNumber(e.seconds),
                            exactNumber(e.elapsedSeconds), exactNumber(e.imagesPerSecond)});
    }
    return csv;
}

std::string configsJson(const RunComparison &comparison)
{
    QJsonArray runs;
    for (const ComparedRun &run : comparison.runs) {
        // The stored text as is when it parses (fields a newer CifarLab added survive), else the
        // config this build understood.
        QJsonDocument stored = QJsonDocument::fromJson(QByteArray::fromStdString(run.record.configJson));
        if (!stored.isObject())
            stored = QJsonDocument::fromJson(QByteArray::fromStdString(configToJson(run.config)));
        QJsonObject o;
        o[QStringLiteral("id")] = static_cast<qint64>(run.record.id);
        o[QStringLiteral("label")] = QString::fromStdString(run.label);
        o[QStringLiteral("name")] = QString::fromStdString(run.record.name);
        o[QStringLiteral("architecture")] = QString::fromStdString(run.record.architecture);
        o[QStringLiteral("dataset")] = QString::fromStdString(run.record.datasetName);
        o[QStringLiteral("config")] = stored.object();
        runs.append(o);
    }
    QJsonObject root;
    root[QStringLiteral("runs")] = runs;
    return QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString();
}

} // namespace cifarlab
