// cifarlab-cli bench: training and inference throughput of every architecture in fp32 NCHW, fp32
// channels-last and bf16 channels-last (and fp16 on CUDA), peak memory, the input pipeline and dataset
// load times.
#include "app/cli_commands.h"
#include "app/cli_util.h"

#include "core/benchmark.h"
#include "core/error.h"
#include "core/runtime.h"
#include "models/registry.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <limits>
#include <cstdio>

namespace cifarlab::cli {

namespace {

std::vector<std::string> listOption(const QCommandLineParser &parser, const QString &name, std::vector<std::string> all)
{
    if (!parser.isSet(name))
        return all;
    std::vector<std::string> out;
    for (const QString &item : parser.value(name).split(QLatin1Char(','), Qt::SkipEmptyParts))
        out.push_back(item.trimmed().toStdString());
    if (out.empty())
        throw Error("--" + name.toStdString() + ": expected a comma-separated list");
    return out;
}

// The operators behind most of a step: at most 15, and none under 0.5% of it.
void printProfile(const ModeThroughput &t)
{
    double self = 0.0;
    for (const auto &op : t.operators)
        self += op.selfMsPerStep;
    std::printf("    profiled step %.1f ms (%.1f ms inside operators); own time per step:\n", t.profiledStepMs, self);
    std::printf("    %-44s %8s %9s %7s %10s\n", "operator", "calls", "self ms", "share", "total ms");
    int shown = 0;
    for (const auto &op : t.operators) {
        const double share = t.profiledStepMs > 0.0 ? 100.0 * op.selfMsPerStep / t.profiledStepMs : 0.0;
        if (shown == 15 || share < 0.5)
            break;
        std::printf("    %-44s %8.1f %9.1f %6.1f%% %10.1f\n", op.name.c_str(), op.callsPerStep, op.selfMsPerStep, share, op.totalMsPerStep);
        ++shown;
    }
    std::printf("\n");
    std::fflush(stdout);
}

} // namespace

int runBench(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("arch"), QStringLiteral("Architectures, comma-separated (default: all)."), QStringLiteral("names")});
    parser.addOption({QStringLiteral("modes"),
                      QStringLiteral("fp32-nchw, fp32-cl, bf16-cl, and fp16-cl on CUDA, comma-separated (default: all)."),
                      QStringLiteral("list")});
    parser.addOption({QStringLiteral("device"), QStringLiteral("cpu (default), cuda or cuda:N."), QStringLiteral("device"),
                      QStringLiteral("cpu")});
    parser.addOption({QStringLiteral("batch-size"), QStringLiteral("Training batch (default 128)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("steps"), QStringLiteral("Timed training steps per measurement (default 3)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("Threads (default: all cores)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("data"), QStringLiteral("Also time loading this dataset, decoded and cached."), QStringLiteral("path")});
    parser.addOption({QStringLiteral("profile"),
                      QStringLiteral("After each measurement, profile the same number of training steps operator by operator and "
                                     "print the operators that take the most time (their own time, callees excluded).")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object instead of tables.")});
    if (!parse(parser, arguments, "Measure training and inference images/s of each architecture, memory, the input pipeline and dataset loading."))
        return 0;

    std::vector<std::string> allArchs;
    for (const auto &info : listArchitectures())
        allArchs.push_back(info.name);
    const auto archs = listOption(parser, QStringLiteral("arch"), allArchs);
    for (const auto &a : archs)
        if (!hasArchitecture(a))
            throw Error("--arch: unknown architecture '" + a + "' (see cifarlab-cli models)");
    BenchSettings settings;
    settings.device = parser.value(QStringLiteral("device")).toStdString();
    const bool cuda = benchDeviceIsCuda(settings.device);
    const auto modes = listOption(parser, QStringLiteral("modes"), benchModes(cuda));
    const auto known = benchModes(cuda);
    for (const auto &m : modes)
        if (std::find(known.begin(), known.end(), m) == known.end())
            throw Error("--modes: unknown mode '" + m + "' on " + settings.device
                        + (cuda ? " (expected fp32-nchw, fp32-cl, bf16-cl or fp16-cl)"
                                : " (expected fp32-nchw, fp32-cl or bf16-cl; fp16-cl needs --device cuda)"));
    settings.batchSize = integerOption(parser, QStringLiteral("batch-size"), 128, 1, 65536);
    settings.steps = static_cast<int>(integerOption(parser, QStringLiteral("steps"), 3, 1, 100000));
    settings.threads = static_cast<int>(integerOption(parser, QStringLiteral("threads"), 0, 0, 1024));
    settings.profile = parser.isSet(QStringLiteral("profile"));
    const bool json = parser.isSet(QStringLiteral("json"));
    configureThreads(settings.threads);

    QJsonObject out;
    const int threads = settings.threads > 0 ? settings.threads : defaultThreadCount();
    out[QStringLiteral("threads")] = threads;
    out[QStringLiteral("batch_size")] = static_cast<qint64>(settings.batchSize);
    out[QStringLiteral("native_bf16")] = cpuHasFastBf16();
    out[QStringLiteral("device")] = QString::fromStdString(settings.device);
    out[QStringLiteral("libtorch")] = QString::fromStdString(libtorchVersion());
    // 3x3 convolutions (bf16 and float32): what --convolution auto picks here (CIFARLAB_WINOGRAD=0 compares direct).
    std::string convolutions = autoWinogradTile() == 0 ? "direct" : "Winograd F(4x4,3x3)";
    if (autoWinogradTile() != 0 && winogradEdgeTileBatch() != std::numeric_limits<int64_t>::max())
        convolutions += ", F(3x3,3x3) edge tiles from batch " + std::to_string(winogradEdgeTileBatch());
    if (autoWinogradTile() != 0)
        convolutions += "; float32 layers only where tiles x C x K reaches 2^25";
    out[QStringLiteral("convolutions")] = QString::fromStdString(convolutions);
    if (!json)
        std::printf("LibTorch %s, device %s, threads %d, batch %lld, %d timed steps, native CPU bf16: %s, 3x3 "
                    "convolutions: %s\n\n",
                    libtorchVersion().c_str(), settings.device.c_str(), threads, static_cast<long long>(settings.batchSize), settings.steps,
                    cpuHasFastBf16() ? "yes" : "no", convolutions.c_str());

    const double pipeline = benchInputPipeline(256, settings.threads);
    out[QStringLiteral("input_pipeline_images_per_second")] = pipeline;
    if (!json)
        std::printf("input pipeline (gather, crop, flip, cutout, normalize; batch 256): %.0f images/s\n\n", pipeline);

    if (parser.isSet(QStringLiteral("data"))) {
        const LoadTiming load = benchDatasetLoad(parser.value(QStringLiteral("data")).toStdString(), settings.threads);
        out[QStringLiteral("load_cold_seconds")] = load.coldSeconds;
        out[QStringLiteral("load_cached_seconds")] = load.cachedSeconds;
        out[QStringLiteral("load_images")] = static_cast<qint64>(load.images);
        if (!json)
            std::printf("dataset load, %lld images: %.2f s decoded, %.2f s cached\n\n", static_cast<long long>(load.images),
                        load.coldSeconds, load.cachedSeconds);
    }

    if (!json) {
        std::printf("%-16s %-10s %14s %14s %12s\n", "architecture", "mode", "train img/s", "infer img/s", "peak MiB");
        std::fflush(stdout);
    }
    QJsonArray rows;
    for (const auto &arch : archs) {
        for (const auto &mode : modes) {
            const ModeThroughput t = benchArchitecture(arch, mode, settings);
            QJsonObject row;
            row[QStringLiteral("architecture")] = QString::fromStdString(arch);
            row[QStringLiteral("mode")] = QString::fromStdString(mode);
            row[QStringLiteral("train_images_per_second")] = t.trainImagesPerSecond;
            row[QStringLiteral("infer_images_per_second")] = t.inferImagesPerSecond;
            row[QStringLiteral("peak_train_bytes")] = static_cast<qint64>(t.peakTrainBytes);
            if (settings.profile) {
                row[QStringLiteral("profiled_step_ms")] = t.profiledStepMs;
                QJsonArray ops;
                for (const auto &op : t.operators) {
                    QJsonObject o;
                    o[QStringLiteral("name")] = QString::fromStdString(op.name);
                    o[QStringLiteral("calls_per_step")] = op.callsPerStep;
                    o[QStringLiteral("self_ms_per_step")] = op.selfMsPerStep;
                    o[QStringLiteral("total_ms_per_step")] = op.totalMsPerStep;
                    ops.append(o);
                }
                row[QStringLiteral("operators")] = ops;
            }
            rows.append(row);
            if (!json && cuda) {
                // Host memory says nothing about a GPU run; the GPU's own peak is not in this LibTorch's C++ API.
                std::printf("%-16s %-10s %14.1f %14.1f %12s\n", arch.c_str(), mode.c_str(), t.trainImagesPerSecond,
                            t.inferImagesPerSecond, "n/a");
                std::fflush(stdout);
            } else if (!json) {
                std::printf("%-16s %-10s %14.1f %14.1f %12.0f\n", arch.c_str(), mode.c_str(), t.trainImagesPerSecond,
                            t.inferImagesPerSecond, static_cast<double>(t.peakTrainBytes) / (1024.0 * 1024.0));
                std::fflush(stdout);
            }
            if (!json && settings.profile)
                printProfile(t);
        }
    }
    out[QStringLiteral("architectures")] = rows;
    if (json)
        std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}

} // namespace cifarlab::cli
