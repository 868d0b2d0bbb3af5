// Comparing runs, the data layer: runs read back from a real store, the settings that differ, time to
// accuracy, confusion differences, per-image agreement, and CSV / JSON exports that give back
// exactly the store's numbers.
#include "core/error.h"
#include "core/experiment_store.h"
#include "core/run_comparison.h"
#include "core/training_config.h"
#include "support/temp_dir.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

namespace cifarlab {
namespace {

using test::TempDir;

constexpr int64_t kClasses = 4;
const std::vector<std::string> kClassNames = {"cat", "dog", "frog", "ship"};
// Test labels of the six "images" every run predicts.
const std::vector<int64_t> kLabels = {0, 1, 2, 3, 0, 1};

// Awkward doubles: none is short in decimal, so only a full-precision export reads back equal.
double awkward(int i)
{
    return 1.0 / 3.0 + 0.1 * i + 1e-13 * i;
}

EpochMetrics epochOf(int64_t epoch, int64_t epochs, double testAccuracy, double elapsed)
{
    EpochMetrics e;
    e.epoch = epoch;
    e.epochs = epochs;
    e.trainLoss = 2.0 / (static_cast<double>(epoch) + 1.7);
    e.trainAccuracy = std::min(0.99, testAccuracy + 0.031234567891234);
    e.testLoss = 2.2 / (static_cast<double>(epoch) + 1.9);
    e.testAccuracy = testAccuracy;
    e.learningRate = 0.1 * std::cos(static_cast<double>(epoch) / 7.0);
    e.seconds = 12.345678901234 + static_cast<double>(epoch);
    e.elapsedSeconds = elapsed;
    e.imagesPerSecond = 4321.0 / 3.0 + static_cast<double>(epoch);
    return e;
}

struct RunSpec
{
    std::string name;
    TrainingConfig config;
    std::vector<double> accuracies;             // test accuracy per epoch
    std::vector<int64_t> lastConfusion;         // kClasses^2, on the last epoch (empty: none)
    std::vector<int32_t> lastPredictions;       // per test image, on the last epoch (empty: none)
    int64_t parameters = 0;
    int64_t modelBytes = 0;
    std::vector<std::string> classNames = kClassNames;
};

int64_t addRun(ExperimentStore &store, const RunSpec &spec)
{
    RunRecord r;
    r.name = spec.name;
    r.architecture = spec.config.architecture;
    r.datasetName = "toy";
    r.datasetSource = "/data/toy";
    r.configJson = configToJson(spec.config);
    r.classNames = spec.classNames;
    r.parameters = spec.parameters;
    r.modelBytes = spec.modelBytes;
    r.wallSeconds = 100.0 / 7.0;
    r.imagesPerSecond = 2000.0 / 3.0;
    const int64_t id = store.createRun(r);
    const int64_t epochs = static_cast<int64_t>(spec.accuracies.size());
    for (int64_t e = 0; e < epochs; ++e) {
        EpochMetrics m = epochOf(e, epochs, spec.accuracies[static_cast<size_t>(e)], 10.5 * static_cast<double>(e + 1) + 1.0 / 3.0);
        if (e + 1 == epochs) {
            m.testConfusion = spec.lastConfusion;
            m.testPredictions = spec.lastPredictions;
        }
        store.recordEpoch(id, m, static_cast<int64_t>(spec.classNames.size()));
    }
    store.setStatus(id, RunStatus::Completed);
    return id;
}

// The three runs of the fixture: A (resnet18, crop+flip), B (A without flip), C (a different recipe).
struct Fixture
{
    TempDir dir;
    ExperimentStore store{dir.path()};
    TrainingConfig configA;
    TrainingConfig configB;
    TrainingConfig configC;
    int64_t a = 0;
    int64_t b = 0;
    int64_t c = 0;

    Fixture()
    {
        configA.architecture = "resnet18";
        configA.epochs = 4;
        configA.dataPath = "/data/toy";
        configB = configA;
        configB.augment = {"crop"};
        configB.seed = 7; // bookkeeping: hidden by the real difference
        configC = configA;
        configC.architecture = "baseline";
        configC.epochs = 3;
        configC.optimizer = "adamw";
        configC.learningRate = 0.001;
        configC.schedule = "cosine";
        configC.warmupFraction = 0.3;
        configC.threads = 2;

        a = addRun(store, {"resnet-a", configA, {0.5, 0.79, 0.8, 0.85},
                           {5, 1, 0, 0, /**/ 2, 6, 0, 0, /**/ 0, 0, 7, 1, /**/ 0, 1, 0, 9},
                           {0, 1, 2, 0, 0, 1}, 11173962, 44695848});
        b = addRun(store, {"resnet, \"no flip\"", configB, {0.4, 0.6, 0.7, 0.81},
                           {6, 0, 0, 0, /**/ 1, 7, 0, 0, /**/ 0, 2, 5, 1, /**/ 1, 0, 0, 9},
                           {0, 0, 2, 3, 0, 3}, 11173962, 44695848});
        c = addRun(store, {"baseline-c", configC, {0.3, 0.45, 0.6}, {}, {1, 1, 2, 3, 0, 0}, 62006, 248024});
    }
};

// RFC 4180: quoted fields may hold commas, quotes (doubled) and newlines.
std::vector<std::vector<std::string>> parseCsv(const std::string &text)
{
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    bool any = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if (quoted) {
            if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (ch == '"') {
                quoted = false;
            } else {
                field += ch;
            }
            continue;
        }
        if (ch == '"') {
            quoted = true;
            any = true;
        } else if (ch == ',') {
            rows.back().push_back(field);
            field.clear();
        } else if (ch == '\n') {
            rows.back().push_back(field);
            field.clear();
            rows.emplace_back();
            any = false;
        } else {
            field += ch;
            any = true;
        }
    }
    if (any || !field.empty())
        rows.back().push_back(field);
    if (rows.back().empty())
        rows.pop_back();
    return rows;
}

// Rows as column-name -> text maps.
std::vector<std::map<std::string, std::string>> csvRecords(const std::string &text)
{
    const auto rows = parseCsv(text);
    std::vector<std::map<std::string, std::string>> records;
    if (rows.empty())
        return records;
    for (size_t r = 1; r < rows.size(); ++r) {
        EXPECT_EQ(rows[r].size(), rows[0].size()) << "row " << r;
        std::map<std::string, std::string> record;
        for (size_t k = 0; k < rows[0].size() && k < rows[r].size(); ++k)
            record[rows[0][k]] = rows[r][k];
        records.push_back(record);
    }
    return records;
}

double number(const std::map<std::string, std::string> &record, const std::string &column)
{
    const auto it = record.find(column);
    if (it == record.end()) {
        ADD_FAILURE() << "no column " << column;
        return NAN;
    }
    char *end = nullptr;
    const double value = std::strtod(it->second.c_str(), &end);
    EXPECT_TRUE(end && *end == '\0' && !it->second.empty()) << column << " = '" << it->second << "'";
    return value;
}

int64_t integer(const std::map<std::string, std::string> &record, const std::string &column)
{
    const auto it = record.find(column);
    if (it == record.end()) {
        ADD_FAILURE() << "no column " << column;
        return -1;
    }
    return std::strtoll(it->second.c_str(), nullptr, 10);
}

std::vector<std::string> fieldsOf(const std::vector<ConfigDifference> &diffs)
{
    std::vector<std::string> fields;
    for (const auto &d : diffs)
        fields.push_back(d.field);
    return fields;
}

TEST(RunComparison, LoadsRunsInTheOrderAskedWithUniqueLabels)
{
    Fixture f;
    const RunComparison comparison = loadComparison(f.store, {f.c, f.a, f.b});
    ASSERT_EQ(comparison.runs.size(), 3u);
    EXPECT_EQ(comparison.runs[0].record.id, f.c);
    EXPECT_EQ(comparison.runs[1].record.id, f.a);
    EXPECT_EQ(comparison.runs[0].label, std::to_string(f.c) + " baseline-c");
    EXPECT_EQ(comparison.runs[1].config.augment, (std::vector<std::string>{"crop", "flip"}));
    EXPECT_EQ(comparison.runs[2].config.augment, (std::vector<std::string>{"crop"}));
    EXPECT_EQ(comparison.runs[1].epochs.size(), 4u);
    EXPECT_EQ(comparison.runs[1].epochs.back().testConfusion.size(), static_cast<size_t>(kClasses * kClasses));
    EXPECT_EQ(comparison.classNames, kClassNames);

    // The same run twice still gets two legend entries.
    const RunComparison twice = loadComparison(f.store, {f.a, f.a});
    ASSERT_EQ(twice.runs.size(), 2u);
    EXPECT_NE(twice.runs[0].label, twice.runs[1].label);

    // Long names are cut, so legends stay short.
    f.store.renameRun(f.c, std::string(200, 'x'));
    EXPECT_LT(loadComparison(f.store, {f.c}).runs[0].label.size(), 60u);
}

TEST(RunComparison, MissingRunIsAnErrorNamingIt)
{
    Fixture f;
    try {
        loadComparison(f.store, {f.a, 999});
        FAIL() << "expected Error";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("999"), std::string::npos) << e.what();
    }
}

TEST(RunComparison, ConfigDifferencesListExactlyTheChangedSettings)
{
    Fixture f;
    const auto ab = configDifferences(f.configA, f.configB);
    ASSERT_EQ(ab.size(), 1u);
    EXPECT_EQ(ab[0].field, "augment");
    EXPECT_EQ(ab[0].valueA, "crop,flip");
    EXPECT_EQ(ab[0].valueB, "crop");

    // Seed and threads differ too, but they are bookkeeping; warmup counts since A is one-cycle;
    // momentum is the same, so AdamW's indifference to it does not matter here.
    EXPECT_EQ(fieldsOf(configDifferences(f.configA, f.configC)),
              (std::vector<std::string>{"arch", "epochs", "optimizer", "lr", "schedule", "warmup"}));
    const auto ac = configDifferences(f.configA, f.configC);
    EXPECT_EQ(ac[3].valueA, "0.1");
    EXPECT_EQ(ac[3].valueB, "0.001");
    EXPECT_EQ(ac[1].valueA, "4");

    EXPECT_TRUE(configDifferences(f.configA, f.configA).empty());

    // Only bookkeeping differs: then it is listed.
    TrainingConfig moved = f.configA;
    moved.dataPath = "/elsewhere/toy";
    moved.seed = 42;
    moved.threads = 3;
    EXPECT_EQ(fieldsOf(configDifferences(f.configA, moved)), (std::vector<std::string>{"data", "seed", "threads"}));

    // Settings that mean nothing to either run are not differences.
    TrainingConfig adamA = f.configC;
    TrainingConfig adamB = f.configC;
    adamB.momentum = 0.5;
    adamB.nesterov = false;
    adamB.stepGamma = 0.5;
    adamB.cutoutSize = 16;
    EXPECT_TRUE(configDifferences(adamA, adamB).empty());
    adamB.augment = {"crop", "cutout"};
    EXPECT_EQ(fieldsOf(configDifferences(adamA, adamB)), (std::vector<std::string>{"augment", "cutout-size"}));

    TrainingConfig lr = f.configA;
    lr.learningRate = 0.05;
    lr.nesterov = false;
    lr.precision = Precision::Bf16;
    const auto d = configDifferences(f.configA, lr);
    EXPECT_EQ(fieldsOf(d), (std::vector<std::string>{"lr", "nesterov", "precision"}));
    EXPECT_EQ(d[1].valueA, "on");
    EXPECT_EQ(d[1].valueB, "off");
    EXPECT_EQ(d[2].valueB, "bf16");
}

// Every key of the stored config must show up as a difference when it changes, or a comparison of
// two runs (the ablation view, the report's settings table) silently hides what set them apart.
TEST(RunComparison, EveryStoredSettingIsReportedWhenItDiffers)
{
    // Bases in which each conditional setting matters: its schedule, lookahead, several processes,
    // cutout, airbench's width, an ensemble.
    std::vector<TrainingConfig> bases;
    for (const char *schedule : {"step", "triangular", "onecycle"}) {
        TrainingConfig c;
        c.architecture = "airbench";
        c.optimizer = "muon";
        c.schedule = schedule;
        c.lookahead = true;
        c.worldSize = 2;
        c.augment = {"crop", "cutout", "flip"};
        c.ensembleMembers = 2;
        bases.push_back(c);
    }
    const std::map<std::string, QJsonValue> alternatives = {
        {"precision", QStringLiteral("fp16")},
    };
    const QJsonObject keys = QJsonDocument::fromJson(QByteArray::fromStdString(configToJson(bases[0]))).object();
    ASSERT_GT(keys.size(), 40);
    for (const QString &key : keys.keys()) {
        bool reported = false;
        for (const TrainingConfig &base : bases) {
            QJsonObject changed = QJsonDocument::fromJson(QByteArray::fromStdString(configToJson(base))).object();
            const QJsonValue v = changed.value(key);
            const auto alternative = alternatives.find(key.toStdString());
            if (alternative != alternatives.end())
                changed[key] = alternative->second;
            else if (v.isBool())
                changed[key] = !v.toBool();
            else if (v.isDouble())
                changed[key] = v.toDouble() * 2 + 1;
            else if (v.isString())
                changed[key] = v.toString() + QStringLiteral("-other");
            else if (v.isArray()) {
                QJsonArray a = v.toArray();
                a.append(a.isEmpty() || a.first().isDouble() ? QJsonValue(0.875) : QJsonValue(QStringLiteral("rotate")));
                changed[key] = a;
            } else {
                ADD_FAILURE() << key.toStdString() << ": unexpected JSON type";
                continue;
            }
            const TrainingConfig other = configFromJson(QJsonDocument(changed).toJson().toStdString());
            for (const ConfigDifference &d : configDifferences(base, other))
                reported = reported || d.valueA != d.valueB;
        }
        EXPECT_TRUE(reported) << "changing '" << key.toStdString() << "' is not listed by configDifferences";
    }

    // The airbench recipes' own settings, by their CLI names.
    TrainingConfig paper;
    paper.architecture = "airbench";
    applyPreset(paper, "airbench94");
    TrainingConfig best = paper;
    applyPreset(best, "best");
    const auto d = fieldsOf(configDifferences(paper, best));
    for (const char *field : {"width-scale", "optimizer", "lookahead", "lr-end", "warmup", "batch-size"})
        EXPECT_NE(std::find(d.begin(), d.end(), field), d.end()) << field;
}

TEST(RunComparison, ConfigFieldsCoverEveryDifferenceInTheSameSpelling)
{
    Fixture f;
    const auto fields = configFields(f.configB);
    std::map<std::string, std::string> byName(fields.begin(), fields.end());
    EXPECT_EQ(byName.size(), fields.size()) << "duplicate flag names";
    EXPECT_EQ(byName["augment"], "crop");
    EXPECT_EQ(byName["arch"], "resnet18");
    EXPECT_EQ(byName["seed"], "7");
    for (const auto &d : configDifferences(f.configA, f.configC))
        EXPECT_EQ(byName.at(d.field), d.valueA) << d.field; // A and B share these values
}

TEST(RunComparison, TimeToAccuracyIsTheElapsedTimeOfTheFirstEpochThatReachedIt)
{
    Fixture f;
    const RunComparison comparison = loadComparison(f.store, {f.a, f.b, f.c});
    const ComparedRun &a = comparison.runs[0];
    ASSERT_TRUE(timeToAccuracy(a, 0.8).has_value());
    EXPECT_EQ(*timeToAccuracy(a, 0.8), a.epochs[2].elapsedSeconds); // exactly 0.8 counts
    EXPECT_EQ(*timeToAccuracy(a, 0.5), a.epochs[0].elapsedSeconds);
    EXPECT_EQ(*timeToAccuracy(a, 0.0), a.epochs[0].elapsedSeconds);
    EXPECT_EQ(*timeToAccuracy(comparison.runs[1], 0.8), comparison.runs[1].epochs[3].elapsedSeconds);
    EXPECT_FALSE(timeToAccuracy(a, 0.9).has_value());
    EXPECT_FALSE(timeToAccuracy(comparison.runs[2], 0.8).has_value());
    ComparedRun empty;
    EXPECT_FALSE(timeToAccuracy(empty, 0.1).has_value());
}

TEST(RunComparison, DifferenceConfusionIsBMinusAAtTheLastEpochs)
{
    Fixture f;
    const RunComparison comparison = loadComparison(f.store, {f.a, f.b, f.c});
    const std::vector<int64_t> expected = {1, -1, 0, 0, /**/ -1, 1, 0, 0, /**/ 0, 2, -2, 0, /**/ 1, -1, 0, 0};
    EXPECT_EQ(differenceConfusion(comparison.runs[0], comparison.runs[1]), expected);
    std::vector<int64_t> reversed = expected;
    for (auto &v : reversed)
        v = -v;
    EXPECT_EQ(differenceConfusion(comparison.runs[1], comparison.runs[0]), reversed);
    // C recorded no matrix.
    EXPECT_TRUE(differenceConfusion(comparison.runs[0], comparison.runs[2]).empty());

    // Other classes: nothing to subtract.
    ComparedRun other = comparison.runs[1];
    other.record.classNames = {"a", "b", "c", "d"};
    EXPECT_TRUE(differenceConfusion(comparison.runs[0], other).empty());

    // A last epoch without a matrix falls back to the latest epoch that has one.
    ComparedRun longer = comparison.runs[1];
    longer.epochs.push_back(longer.epochs.back());
    longer.epochs.back().epoch += 1;
    longer.epochs.back().testConfusion.clear();
    EXPECT_EQ(differenceConfusion(comparison.runs[0], longer), expected);
}

TEST(RunComparison, RightInOneWrongInTheOtherAndWrongInAll)
{
    Fixture f;
    const RunComparison comparison = loadComparison(f.store, {f.a, f.b, f.c});
    const ComparedRun &a = comparison.runs[0]; // predicts 0 1 2 0 0 1
    const ComparedRun &b = comparison.runs[1]; // predicts 0 0 2 3 0 3
    const ComparedRun &c = comparison.runs[2]; // predicts 1 1 2 3 0 0
    // labels:                                             0 1 2 3 0 1
    EXPECT_EQ(rightInAWrongInB(a, b, kLabels), (std::vector<int64_t>{1, 5}));
    EXPECT_EQ(rightInAWrongInB(b, a, kLabels), (std::vector<int64_t>{3}));
    EXPECT_EQ(rightInAWrongInB(b, c, kLabels), (std::vector<int64_t>{0}));
    EXPECT_EQ(rightInAWrongInB(c, b, kLabels), (std::vector<int64_t>{1}));
    EXPECT_TRUE(rightInAWrongInB(a, a, kLabels).empty());
    EXPECT_EQ(wrongInAll(comparison, kLabels), (std::vector<int64_t>{}));

    EXPECT_EQ(wrongInAll(loadComparison(f.store, {f.b, f.c}), kLabels), (std::vector<int64_t>{5}));
    EXPECT_EQ(wrongInAll(loadComparison(f.store, {f.a}), kLabels), (std::vector<int64_t>{3}));

    // Predictions that do not cover the labels (another test set) take no part.
    const std::vector<int64_t> otherLabels = {0, 1, 2};
    EXPECT_TRUE(rightInAWrongInB(a, b, otherLabels).empty());
    EXPECT_TRUE(wrongInAll(comparison, otherLabels).empty());
}

TEST(RunComparison, SummaryCsvReadsBackExactlyTheStoresNumbers)
{
    Fixture f;
    const RunComparison comparison = loadComparison(f.store, {f.a, f.b, f.c});
    const std::string csv = summaryCsv(comparison);
    const auto records = csvRecords(csv);
    ASSERT_EQ(records.size(), 3u) << csv;
    for (size_t i = 0; i < records.size(); ++i) {
        const auto &row = records[i];
        const ComparedRun &run = comparison.runs[i];
        const RunRecord stored = f.store.run(run.record.id);
        EXPECT_EQ(integer(row, "run_id"), stored.id);
        EXPECT_EQ(row.at("label"), run.label);
        EXPECT_EQ(row.at("name"), stored.name);
        EXPECT_EQ(row.at("architecture"), stored.architecture);
        EXPECT_EQ(row.at("status"), "completed");
        EXPECT_EQ(integer(row, "epochs_done"), stored.epochsDone);
        EXPECT_EQ(number(row, "final_test_accuracy"), stored.finalTestAccuracy);
        EXPECT_EQ(number(row, "best_test_accuracy"), stored.bestTestAccuracy);
        EXPECT_EQ(number(row, "final_train_accuracy"), stored.finalTrainAccuracy);
        EXPECT_EQ(number(row, "final_test_loss"), stored.finalTestLoss);
        EXPECT_EQ(number(row, "wall_seconds"), stored.wallSeconds);
        EXPECT_EQ(number(row, "images_per_second"), stored.imagesPerSecond);
        EXPECT_EQ(number(row, "lr"), run.config.learningRate);
        EXPECT_EQ(integer(row, "best_epoch"), stored.bestEpoch + 1);
        EXPECT_EQ(integer(row, "parameters"), stored.parameters);
        EXPECT_EQ(integer(row, "model_bytes"), stored.modelBytes);
        EXPECT_EQ(number(row, "model_mb"), static_cast<double>(stored.modelBytes) / (1024.0 * 1024.0));
        double bestTrain = 0;
        for (const auto &e : run.epochs)
            bestTrain = std::max(bestTrain, e.trainAccuracy);
        EXPECT_EQ(number(row, "best_train_accuracy"), bestTrain);
        const auto t80 = timeToAccuracy(run, 0.8);
        if (t80)
            EXPECT_EQ(number(row, "seconds_to_80pct"), *t80);
        else
            EXPECT_EQ(row.at("seconds_to_80pct"), "");
    }
    // The quoted name with a comma and quotes survives.
    EXPECT_EQ(records[1].at("name"), "resnet, \"no flip\"");
    EXPECT_NE(csv.find("\"resnet, \"\"no flip\"\"\""), std::string::npos) << csv;
}

TEST(RunComparison, EpochsCsvHasEveryScalarOfEveryEpochExactly)
{
    Fixture f;
    const RunComparison comparison = loadComparison(f.store, {f.a, f.b, f.c});
    const auto records = csvRecords(epochsCsv(comparison));
    ASSERT_EQ(records.size(), 4u + 4u + 3u);
    size_t row = 0;
    for (const ComparedRun &run : comparison.runs) {
        const auto stored = f.store.epochMetrics(run.record.id, false);
        for (const EpochMetrics &e : stored) {
            const auto &r = records[row++];
            EXPECT_EQ(integer(r, "run_id"), run.record.id);
            EXPECT_EQ(r.at("label"), run.label);
            EXPECT_EQ(integer(r, "epoch"), e.epoch + 1);
            EXPECT_EQ(integer(r, "epochs"), e.epochs);
            EXPECT_EQ(number(r, "train_loss"), e.trainLoss);
            EXPECT_EQ(number(r, "train_accuracy"), e.trainAccuracy);
            EXPECT_EQ(number(r, "test_loss"), e.testLoss);
            EXPECT_EQ(number(r, "test_accuracy"), e.testAccuracy);
            EXPECT_EQ(number(r, "learning_rate"), e.learningRate);
            EXPECT_EQ(number(r, "seconds"), e.seconds);
            EXPECT_EQ(number(r, "elapsed_seconds"), e.elapsedSeconds);
            EXPECT_EQ(number(r, "images_per_second"), e.imagesPerSecond);
        }
    }
}

TEST(RunComparison, AwkwardDoublesSurviveTheCsv)
{
    Fixture f;
    RunComparison comparison = loadComparison(f.store, {f.a});
    const std::vector<double> values = {awkward(1), 0.1 + 0.2, 1e-300, 6.02214076e23, -0.0, 5e-324, 1.0 - 1e-16};
    comparison.runs[0].epochs.resize(values.size());
    for (size_t i = 0; i < values.size(); ++i) {
        comparison.runs[0].epochs[i].epoch = static_cast<int64_t>(i);
        comparison.runs[0].epochs[i].testLoss = values[i];
    }
    const auto records = csvRecords(epochsCsv(comparison));
    ASSERT_EQ(records.size(), values.size());
    for (size_t i = 0; i < values.size(); ++i)
        EXPECT_EQ(number(records[i], "test_loss"), values[i]) << i;
}

TEST(RunComparison, ConfigsJsonHoldsEachRunsStoredConfig)
{
    Fixture f;
    const RunComparison comparison = loadComparison(f.store, {f.a, f.c});
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(configsJson(comparison)));
    ASSERT_TRUE(doc.isObject());
    const QJsonArray runs = doc.object().value(QStringLiteral("runs")).toArray();
    ASSERT_EQ(runs.size(), 2);
    EXPECT_EQ(runs[0].toObject().value(QStringLiteral("id")).toInteger(), f.a);
    EXPECT_EQ(runs[1].toObject().value(QStringLiteral("label")).toString().toStdString(), comparison.runs[1].label);
    const QJsonObject configC = runs[1].toObject().value(QStringLiteral("config")).toObject();
    EXPECT_EQ(configC.value(QStringLiteral("learningRate")).toDouble(), 0.001);
    EXPECT_EQ(configC.value(QStringLiteral("optimizer")).toString(), QStringLiteral("adamw"));
    const TrainingConfig back = configFromJson(QJsonDocument(configC).toJson().toStdString());
    EXPECT_TRUE(configDifferences(back, f.configC).empty());
    EXPECT_EQ(back.threads, 2);
}

} // namespace
} // namespace cifarlab
