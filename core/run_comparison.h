#pragma once

#include "core/experiment_store.h"
#include "core/training_config.h"
#include "core/training_metrics.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cifarlab {

// One run as the compare view, `cifarlab-cli compare` and the report see it: the store's record,
// its parsed config and its epochs (with confusion matrices and, when asked for, per-image
// predictions).
struct ComparedRun
{
    RunRecord record;
    TrainingConfig config;             // parsed from record.configJson (defaults if it cannot be parsed)
    std::vector<EpochMetrics> epochs;  // by epoch; details (confusions, predictions) included
    std::string label;                 // "12 resnet18-12": unique, short, for legends and tables
};

struct RunComparison
{
    std::vector<ComparedRun> runs;     // in the order asked for
    std::vector<std::string> classNames; // of the first run (runs on other class sets are kept but
                                         // left out of image/confusion comparisons)
};

// Reads the runs from the store. Throws Error naming the run when one does not exist.
RunComparison loadComparison(const ExperimentStore &store, const std::vector<int64_t> &runIds);

// One setting that differs between two runs, for the ablation pairing ("augment": "crop,flip" vs
// "crop"). Bookkeeping fields (data path, preset, seed, threads, device, eval batch size) are left
// out unless nothing else differs; a field that means nothing to either run is never listed
// (momentum for two AdamW runs, warmup unless one of them uses onecycle, step-* unless one uses
// step, crop-padding / cutout-size unless one of them augments with it). Values are the CLI's
// spelling: shortest round-trip numbers ("0.1"), on/off, comma lists ("none" when empty).
struct ConfigDifference
{
    std::string field;   // the CLI flag name without dashes: "augment", "lr", "epochs", ...
    std::string valueA;
    std::string valueB;
};
std::vector<ConfigDifference> configDifferences(const TrainingConfig &a, const TrainingConfig &b);
// Every setting as (CLI flag name, value), spelled as configDifferences spells them, in the same
// order (bookkeeping fields last), for tables of settings.
std::vector<std::pair<std::string, std::string>> configFields(const TrainingConfig &config);

// Wall time (training seconds, store's elapsedSeconds at that epoch's end) at which the run first
// reached `accuracy` (0..1) on the test set; nullopt if it never did.
std::optional<double> timeToAccuracy(const ComparedRun &run, double accuracy);

// b's test confusion minus a's (row = true class), at each run's last epoch; empty when the class
// sets differ or a run has no matrix.
std::vector<int64_t> differenceConfusion(const ComparedRun &a, const ComparedRun &b);

// Test images (indices) that `right` classifies correctly and `wrong` does not, at their last
// epochs; and the images every run in the comparison gets wrong. Need predictions and labels.
std::vector<int64_t> rightInAWrongInB(const ComparedRun &right, const ComparedRun &wrong,
                                      const std::vector<int64_t> &testLabels);
std::vector<int64_t> wrongInAll(const RunComparison &comparison, const std::vector<int64_t> &testLabels);

// Exports. CSV: comma-separated, '.' decimal point whatever the locale, header row, RFC 4180
// quoting, numbers with full precision (%.17g for doubles), so a reader gets exactly the store's
// values. Accuracies are fractions (0..1) as stored; epoch numbers are 1-based as the CLI prints
// them (the store's epoch + 1); a value that does not exist (never reached 80%) is an empty cell.
//
// summaryCsv, one row per run: run_id, label, name, architecture, dataset, status, preset,
// optimizer, lr, batch_size, schedule, augment, epochs_planned, epochs_done,
// final_train_accuracy, best_train_accuracy, final_test_accuracy, best_test_accuracy, best_epoch,
// final_test_loss, best_test_loss, parameters, model_bytes, model_mb (bytes / 2^20),
// wall_seconds, images_per_second, seconds_to_50pct, seconds_to_80pct, seconds_to_90pct
// (timeToAccuracy), created_at, finished_at.
std::string summaryCsv(const RunComparison &comparison);
// epochsCsv, one row per run per epoch: run_id, label, epoch, epochs, train_loss,
// train_accuracy, test_loss, test_accuracy, learning_rate, seconds, elapsed_seconds,
// images_per_second.
std::string epochsCsv(const RunComparison &comparison);
// {"runs":[{"id":..,"label":..,"name":..,"architecture":..,"dataset":..,"config":{...}}]}, the
// config as stored (configToJson's field names).
std::string configsJson(const RunComparison &comparison);

} // namespace cifarlab
