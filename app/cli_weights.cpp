// cifarlab-cli weights: a run's per-parameter statistics (the Weights tab, headless).
#include "app/cli_commands.h"
#include "app/cli_util.h"
#include "core/error.h"
#include "core/experiment_store.h"
#include "core/parameter_statistics.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <limits>
#include <cstdio>

namespace cifarlab::cli {

namespace {

// The Weights tab's number format: three significant digits, exponents for very small values.
std::string compact(double value)
{
    if (std::isnan(value))
        return "-";
    char buffer[32];
    const double magnitude = std::fabs(value);
    std::snprintf(buffer, sizeof buffer, value != 0.0 && (magnitude < 1e-3 || magnitude >= 1e5) ? "%.1e" : "%.3g", value);
    return buffer;
}

// The update ratio of one tensor over the epochs as a row of block characters on a log scale shared
// by all rows (lo and hi are log10 of its ends); '.' where the tensor had no step (frozen).
std::string sparkline(const std::vector<double> &values, double lo, double hi)
{
    static const char *const kBlocks[] = {"\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588"};
    std::string line;
    for (double v : values) {
        if (!(v > 0.0) || !std::isfinite(v)) {
            line += '.';
            continue;
        }
        const double t = hi > lo ? (std::log10(v) - lo) / (hi - lo) : 0.5;
        line += kBlocks[std::clamp(static_cast<int>(t * 8.0), 0, 7)];
    }
    return line;
}

QJsonValue jsonNumber(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

QJsonArray jsonFractions(const std::vector<float> &fractions)
{
    QJsonArray array;
    for (float f : fractions)
        array.append(static_cast<double>(f));
    return array;
}

} // namespace

int runWeights(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("run"), QStringLiteral("The run (id or name)."), QStringLiteral("run")});
    parser.addOption({QStringLiteral("store"), QStringLiteral("Experiment store folder."), QStringLiteral("dir")});
    parser.addOption({QStringLiteral("epoch"), QStringLiteral("Epoch to show (1-based; default: the last)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("all"), QStringLiteral("Also list biases and normalization parameters (1-D tensors).")});
    parser.addOption({QStringLiteral("csv"), QStringLiteral("Write every parameter at every epoch to this CSV file."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the epoch's statistics, histograms included, as JSON.")});
    if (!parse(parser, arguments,
               "Each parameter tensor's weights (RMS, mean, spread, range), gradients (RMS over the steps sampled in the "
               "epoch) and update ratio (how far one optimizer step moves it, relative to its size), per epoch."))
        return 0;
    const std::string wanted = required(parser, QStringLiteral("run"));
    ExperimentStore store(storeOption(parser));
    const auto run = store.findRun(wanted);
    if (!run)
        throw Error("--run: no run '" + wanted + "' in " + store.folder());
    const std::vector<EpochMetrics> epochs = store.epochMetrics(run->id, true);
    std::vector<EpochMetrics> recorded;
    for (const EpochMetrics &e : epochs)
        if (!e.parameters.empty())
            recorded.push_back(e);
    if (recorded.empty())
        throw Error("--run: run " + std::to_string(run->id) + " has no weight statistics ("
                    + (epochs.empty() ? std::string("no epoch has finished yet")
                                      : std::string("it was trained before CifarLab recorded them"))
                    + ")");
    const EpochMetrics *shown = &recorded.back();
    if (parser.isSet(QStringLiteral("epoch"))) {
        const int64_t last = recorded.back().epoch + 1;
        const int64_t epoch = integerOption(parser, QStringLiteral("epoch"), last, 1, last);
        shown = nullptr;
        for (const EpochMetrics &e : recorded)
            if (e.epoch + 1 == epoch)
                shown = &e;
        if (!shown)
            throw Error("--epoch: run " + std::to_string(run->id) + " has no weight statistics for epoch " + std::to_string(epoch));
    }
    if (parser.isSet(QStringLiteral("csv"))) {
        const QString path = parser.value(QStringLiteral("csv"));
        QFile file(path);
        const std::string csv = parameterStatisticsCsv(recorded);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(csv.data(), static_cast<qint64>(csv.size())) != static_cast<qint64>(csv.size()) || !file.flush())
            throw Error("--csv: cannot write " + path.toStdString() + ": " + file.errorString().toStdString());
    }
    const bool all = parser.isSet(QStringLiteral("all"));
    std::vector<const ParameterStatistics *> rows;
    for (const ParameterStatistics &p : shown->parameters)
        if (all || isWeightTensor(p))
            rows.push_back(&p);

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray parameters;
        for (const ParameterStatistics *p : rows) {
            QJsonObject o;
            o[QStringLiteral("name")] = QString::fromStdString(p->name);
            QJsonArray shape;
            for (int64_t extent : p->shape)
                shape.append(static_cast<qint64>(extent));
            o[QStringLiteral("shape")] = shape;
            o[QStringLiteral("weightRms")] = jsonNumber(p->weightRms);
            o[QStringLiteral("weightMean")] = jsonNumber(p->weightMean);
            o[QStringLiteral("weightStd")] = jsonNumber(p->weightStd);
            o[QStringLiteral("weightMin")] = jsonNumber(p->weightMin);
            o[QStringLiteral("weightMax")] = jsonNumber(p->weightMax);
            o[QStringLiteral("weightHistogram")] = jsonFractions(p->weightHistogram);
            o[QStringLiteral("gradientSamples")] = static_cast<qint64>(p->gradientSamples);
            o[QStringLiteral("gradientRms")] = jsonNumber(p->gradientRms);
            o[QStringLiteral("gradientMin")] = jsonNumber(p->gradientMin);
            o[QStringLiteral("gradientMax")] = jsonNumber(p->gradientMax);
            o[QStringLiteral("gradientHistogram")] = jsonFractions(p->gradientHistogram);
            o[QStringLiteral("updateRatio")] = jsonNumber(p->updateRatio);
            parameters.append(o);
        }
        QJsonObject out;
        out[QStringLiteral("run")] = static_cast<qint64>(run->id);
        out[QStringLiteral("epoch")] = static_cast<qint64>(shown->epoch + 1);
        out[QStringLiteral("epochs")] = static_cast<qint64>(shown->epochs);
        out[QStringLiteral("histogramBins")] = kParameterHistogramBins;
        out[QStringLiteral("parameters")] = parameters;
        std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
        return 0;
    }

    // Each row's update ratio over the epochs (at most 40, evenly picked) on one log scale.
    std::vector<const EpochMetrics *> picked;
    const size_t columns = std::min<size_t>(recorded.size(), 40);
    for (size_t i = 0; i < columns; ++i)
        picked.push_back(&recorded[columns > 1 ? i * (recorded.size() - 1) / (columns - 1) : recorded.size() - 1]);
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    std::vector<std::vector<double>> history(rows.size());
    for (size_t r = 0; r < rows.size(); ++r) {
        for (const EpochMetrics *e : picked) {
            double v = std::numeric_limits<double>::quiet_NaN();
            for (const ParameterStatistics &p : e->parameters)
                if (p.name == rows[r]->name)
                    v = p.updateRatio;
            history[r].push_back(v);
            if (v > 0.0 && std::isfinite(v)) {
                lo = std::min(lo, std::log10(v));
                hi = std::max(hi, std::log10(v));
            }
        }
    }

    const size_t hidden = shown->parameters.size() - rows.size();
    std::printf("run %lld '%s' (%s), epoch %lld of %lld: %zu parameter tensors%s\n", static_cast<long long>(run->id),
                run->name.c_str(), run->architecture.c_str(), static_cast<long long>(shown->epoch + 1),
                static_cast<long long>(std::max<int64_t>(shown->epochs, recorded.back().epoch + 1)), rows.size(),
                hidden > 0 ? (" (" + std::to_string(hidden) + " biases and normalization parameters hidden; --all lists them)").c_str() : "");
    std::printf("%-36s %-16s %11s %11s %13s %13s  %s\n", "parameter", "shape", "weight RMS", "weight std", "gradient RMS",
                "update ratio", "by epoch (log scale)");
    for (size_t r = 0; r < rows.size(); ++r) {
        const ParameterStatistics *p = rows[r];
        const bool frozen = p->gradientSamples == 0;
        std::printf("%-36s %-16s %11s %11s %13s %13s  %s\n", p->name.c_str(), shapeText(p->shape).c_str(),
                    compact(p->weightRms).c_str(), compact(p->weightStd).c_str(),
                    frozen ? "frozen" : compact(p->gradientRms).c_str(), frozen ? "frozen" : compact(p->updateRatio).c_str(),
                    sparkline(history[r], lo, hi).c_str());
    }
    if (std::isfinite(lo))
        std::printf("update ratio scale: %s (\u2581) to %s (\u2588)%s\n", compact(std::pow(10.0, lo)).c_str(),
                    compact(std::pow(10.0, hi)).c_str(),
                    recorded.size() > picked.size() ? (", " + std::to_string(picked.size()) + " of " + std::to_string(recorded.size()) + " epochs").c_str() : "");
    return 0;
}

} // namespace cifarlab::cli
