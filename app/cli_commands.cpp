#include "app/cli_commands.h"
#include "app/cli_util.h"

#include "core/confusion_pairs.h"
#include "core/dataset_discovery.h"
#include "core/dataset_download.h"
#include "core/dataset_loader.h"
#include "core/dataset_summary.h"
#include "core/embedding.h"
#include "core/error.h"
#include "core/evaluation.h"
#include "core/experiment_store.h"
#include "core/grad_cam.h"
#include "core/image_classifier.h"
#include "core/parameter_statistics.h"
#include "core/training_config.h"
#include "core/runtime.h"
#include "core/weights_export.h"
#include "models/registry.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <memory>
#include <optional>
#include <cstdio>
#include <cstdint>

#include <unistd.h>

namespace cifarlab::cli {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

InputSpec inputOption(const QCommandLineParser &parser)
{
    InputSpec spec;
    if (parser.isSet(QStringLiteral("input"))) {
        static const QRegularExpression re(QStringLiteral("^(\\d+)x(\\d+)x(\\d+)$"));
        const auto m = re.match(parser.value(QStringLiteral("input")));
        if (!m.hasMatch())
            throw Error("--input: expected CxHxW such as 3x32x32, got '" + parser.value(QStringLiteral("input")).toStdString() + "'");
        spec.channels = m.captured(1).toLongLong();
        spec.height = m.captured(2).toLongLong();
        spec.width = m.captured(3).toLongLong();
        if (spec.channels < 1 || spec.channels > 4 || spec.height < 8 || spec.width < 8 || spec.height > 1024 || spec.width > 1024)
            throw Error("--input: channels must be 1-4 and sides 8-1024, got '" + parser.value(QStringLiteral("input")).toStdString() + "'");
    }
    spec.numClasses = integerOption(parser, QStringLiteral("classes"), 10, 2, 100000);
    return spec;
}

void addDataOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("data"), QStringLiteral("Dataset: CIFAR binary folder or .tar.gz, ImageFolder folder or .zip, IDX folder."), QStringLiteral("path")});
    parser.addOption({QStringLiteral("resize"), QStringLiteral("Resize ImageFolder images to N x N (only those of another size)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("no-cache"), QStringLiteral("Decode again instead of reading the decoded-dataset cache.")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("Worker threads (default: all cores)."), QStringLiteral("N")});
}

// --resize, --threads and --no-cache of addDataOptions.
LoadOptions loadOptionsOf(const QCommandLineParser &parser)
{
    LoadOptions options;
    options.resize = integerOption(parser, QStringLiteral("resize"), 0, 0, 4096);
    options.threads = static_cast<int>(integerOption(parser, QStringLiteral("threads"), 0, 0, 1024));
    options.useCache = !parser.isSet(QStringLiteral("no-cache"));
    return options;
}

Dataset loadDataOption(const QCommandLineParser &parser, bool quiet = false)
{
    const LoadOptions options = loadOptionsOf(parser);
    const std::string path = required(parser, QStringLiteral("data"));
    const auto start = Clock::now();
    Dataset d = loadDataset(path, options);
    if (!quiet)
        std::fprintf(stderr, "loaded %s: %lld train + %lld test images in %.2f s\n", path.c_str(),
                     static_cast<long long>(d.train.count), static_cast<long long>(d.test.count), secondsSince(start));
    return d;
}

std::string humanBytes(int64_t bytes)
{
    char buf[32];
    if (bytes >= 1024 * 1024)
        std::snprintf(buf, sizeof buf, "%.2f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    else
        std::snprintf(buf, sizeof buf, "%.1f KB", static_cast<double>(bytes) / 1024.0);
    return buf;
}

double widthScaleOption(const QCommandLineParser &parser)
{
    bool ok = false;
    const double w = parser.value(QStringLiteral("width-scale")).toDouble(&ok);
    if (!ok || !(w >= 0.25 && w <= 8.0))
        throw Error("--width-scale: expected a number from 0.25 to 8, got '" + parser.value(QStringLiteral("width-scale")).toStdString() + "'");
    return w;
}

// A class or file name as part of a file name: letters, digits, '-' and '_' only.
std::string safeFileName(std::string name)
{
    for (char &c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_')
            c = '_';
    return name;
}

// " at 1.5x width" for a widened network, nothing at the architecture's own width; ", ensemble of 2"
// for an ensemble.
std::string widthText(double widthScale, int64_t ensembleMembers = 1)
{
    std::string text;
    if (widthScale != 1.0)
        text = " at " + QString::number(widthScale, 'g', 4).toStdString() + "x width";
    if (ensembleMembers > 1)
        text += ", ensemble of " + std::to_string(ensembleMembers);
    return text;
}

// The model a command reads: a run of the store (--run, --store) or a checkpoint file (--arch,
// --checkpoint), with the run's preprocessing and dataset where there is a run.
struct ModelSource
{
    std::string architecture;
    std::string checkpoint;
    std::string preprocess = "dataset-normalize";
    std::string dataPath;
    std::optional<TrainingConfig> config; // the run's
};

// The options modelSource reads: --run and --store, or --arch and --checkpoint; and --preprocess.
void addModelSourceOptions(QCommandLineParser &parser, bool bestCheckpoint)
{
    parser.addOption({QStringLiteral("run"),
                      bestCheckpoint ? QStringLiteral("A run of the store (its best checkpoint; --data defaults to its dataset).")
                                     : QStringLiteral("A run of the store (its latest checkpoint; --data defaults to its dataset)."),
                      QStringLiteral("run")});
    parser.addOption({QStringLiteral("store"), QStringLiteral("Experiment store folder (with --run)."), QStringLiteral("dir")});
    parser.addOption({QStringLiteral("arch"), QStringLiteral("Architecture name (with --checkpoint)."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("checkpoint"), QStringLiteral("Checkpoint: Python torch.save file, CifarLab export or training checkpoint."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("preprocess"), QStringLiteral("per-image-standardize or dataset-normalize (default, or the run's)."), QStringLiteral("mode")});
}

ModelSource modelSource(const QCommandLineParser &parser, bool bestCheckpoint)
{
    ModelSource source;
    if (parser.isSet(QStringLiteral("run"))) {
        ExperimentStore store(parser.isSet(QStringLiteral("store")) ? parser.value(QStringLiteral("store")).toStdString()
                                                                    : ExperimentStore::defaultFolder());
        const auto run = store.findRun(parser.value(QStringLiteral("run")).toStdString());
        if (!run)
            throw Error("--run: no run '" + parser.value(QStringLiteral("run")).toStdString() + "' in " + store.folder());
        source.config = configFromJson(run->configJson);
        source.architecture = source.config->architecture;
        source.preprocess = source.config->preprocess;
        source.dataPath = source.config->dataPath;
        const std::string folder = store.runFolder(run->id);
        const std::string best = folder + "/checkpoint-best.pt";
        source.checkpoint = bestCheckpoint && QFileInfo::exists(QString::fromStdString(best)) ? best : folder + "/checkpoint-latest.pt";
        if (!QFileInfo::exists(QString::fromStdString(source.checkpoint)))
            throw Error("--run: run " + std::to_string(run->id) + " has no checkpoint yet");
    } else {
        source.architecture = required(parser, QStringLiteral("arch"));
        source.checkpoint = required(parser, QStringLiteral("checkpoint"));
    }
    if (!hasArchitecture(source.architecture))
        throw Error("--arch: unknown architecture '" + source.architecture + "' (see cifarlab-cli models)");
    if (parser.isSet(QStringLiteral("preprocess")))
        source.preprocess = parser.value(QStringLiteral("preprocess")).toStdString();
    if (source.preprocess != "per-image-standardize" && source.preprocess != "dataset-normalize")
        throw Error("--preprocess: unknown value '" + source.preprocess + "' (expected per-image-standardize or dataset-normalize)");
    return source;
}

// The dataset a model is run on: --data, else the run's own; loaded on --threads (all cores by default).
std::shared_ptr<const Dataset> loadSourceData(const QCommandLineParser &parser, const ModelSource &source)
{
    const std::string dataPath = parser.isSet(QStringLiteral("data")) ? parser.value(QStringLiteral("data")).toStdString() : source.dataPath;
    if (dataPath.empty())
        throw UsageError("--data is required");
    const LoadOptions loadOptions = loadOptionsOf(parser);
    configureThreads(loadOptions.threads);
    return std::make_shared<const Dataset>(loadDataset(dataPath, loadOptions));
}

int runModels(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("input"), QStringLiteral("Input shape CxHxW (default 3x32x32)."), QStringLiteral("CxHxW")});
    parser.addOption({QStringLiteral("classes"), QStringLiteral("Number of classes (default 10)."), QStringLiteral("N")});
    if (!parse(parser, arguments, "List the architectures with their parameter count, size and multiply-adds."))
        return 0;
    const InputSpec input = inputOption(parser);
    std::printf("%-18s %12s %10s %12s  %s\n", "architecture", "parameters", "size", "MACs/image", "description");
    for (const auto &a : listArchitectures()) {
        const auto s = summarizeArchitecture(a.name, input);
        std::printf("%-18s %12lld %10s %11.1fM  %s\n", a.name.c_str(), static_cast<long long>(s.parameters),
                    humanBytes(s.sizeBytes).c_str(), static_cast<double>(s.macs) / 1e6, a.description.c_str());
    }
    return 0;
}

int runSummary(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("arch"), QStringLiteral("Architecture name (see models)."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("input"), QStringLiteral("Input shape CxHxW (default 3x32x32)."), QStringLiteral("CxHxW")});
    parser.addOption({QStringLiteral("classes"), QStringLiteral("Number of classes (default 10)."), QStringLiteral("N")});
    if (!parse(parser, arguments, "Print an architecture's per-layer summary: output shape, parameters, multiply-adds."))
        return 0;
    const std::string arch = required(parser, QStringLiteral("arch"));
    if (!hasArchitecture(arch))
        throw Error("--arch: unknown architecture '" + arch + "' (see cifarlab-cli models)");
    const auto s = summarizeArchitecture(arch, inputOption(parser));
    std::printf("%-32s %-18s %-16s %12s %14s  %s\n", "layer", "type", "output", "parameters", "MACs", "detail");
    for (const auto &l : s.layers)
        std::printf("%-32s %-18s %-16s %12lld %14lld  %s\n", l.name.c_str(), l.type.c_str(), shapeText(l.outputShape).c_str(),
                    static_cast<long long>(l.parameters), static_cast<long long>(l.macs), l.detail.c_str());
    std::printf("\ntotal: %lld trainable parameters, %lld buffer elements, %s, %.2fM multiply-adds per image, output %s\n",
                static_cast<long long>(s.parameters), static_cast<long long>(s.bufferElements), humanBytes(s.sizeBytes).c_str(),
                static_cast<double>(s.macs) / 1e6, shapeText(s.outputShape).c_str());
    return 0;
}

int runDatasets(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("data-folder"), QStringLiteral("Extra folder to search first."), QStringLiteral("dir")});
    parser.addOption({QStringLiteral("summary"), QStringLiteral("Load each dataset and print its summary (sizes, classes, per-class counts, mean/std).")});
    if (!parse(parser, arguments, "List the datasets found in the data folder, $CIFARLAB_DATA and the standard locations."))
        return 0;
    const auto found = discoverDatasets(parser.value(QStringLiteral("data-folder")).toStdString());
    if (found.empty()) {
        std::printf("no datasets found; searched the data folder, $CIFARLAB_DATA, %s and /usr/share/datasets.\n"
                    "Try: cifarlab-cli download cifar10\n", defaultDataFolder().c_str());
        return 0;
    }
    for (const auto &d : found) {
        std::printf("%-20s %-16s %s\n", d.name.c_str(), d.format.c_str(), d.path.c_str());
        if (!parser.isSet(QStringLiteral("summary")))
            continue;
        try {
            std::printf("%s\n", formatSummary(summarizeDataset(loadDataset(d.path))).c_str());
        } catch (const Error &e) {
            std::printf("  cannot load: %s\n\n", e.what());
        }
    }
    return 0;
}

int runDataInfo(const QStringList &arguments)
{
    QCommandLineParser parser;
    addDataOptions(parser);
    if (!parse(parser, arguments, "Load a dataset and print its summary: sizes, classes, per-class counts, channel mean/std."))
        return 0;
    const Dataset d = loadDataOption(parser);
    std::fputs(formatSummary(summarizeDataset(d)).c_str(), stdout);
    return 0;
}

int runDownload(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("cifar10 or cifar100"));
    parser.addOption({QStringLiteral("dir"), QStringLiteral("Target folder (default: the data folder)."), QStringLiteral("dir")});
    if (!parse(parser, arguments, "Download CIFAR-10 or CIFAR-100 (binary version) and verify its MD5."))
        return 0;
    if (parser.positionalArguments().size() != 1)
        throw UsageError("expected one dataset name (cifar10 or cifar100)");
    const auto &source = downloadSource(parser.positionalArguments().first().toStdString());
    const std::string dir = parser.isSet(QStringLiteral("dir")) ? parser.value(QStringLiteral("dir")).toStdString() : defaultDataFolder();
    QDir().mkpath(QString::fromStdString(dir));
    DownloadOptions options;
    int lastPercent = -1;
    options.progress = [&lastPercent](int64_t received, int64_t total) {
        if (total <= 0)
            return;
        const int percent = static_cast<int>(100 * received / total);
        if (percent != lastPercent) {
            lastPercent = percent;
            std::fprintf(stderr, "\rdownloading: %3d%% (%lld of %lld bytes)", percent, static_cast<long long>(received),
                         static_cast<long long>(total));
        }
    };
    const std::string path = downloadFile(source, dir, options);
    std::fprintf(stderr, "\n");
    std::printf("%s\n", path.c_str());
    return 0;
}

int runEvaluate(const QStringList &arguments)
{
    QCommandLineParser parser;
    addDataOptions(parser);
    parser.addOption({QStringLiteral("arch"), QStringLiteral("Architecture name (see models)."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("checkpoint"), QStringLiteral("Checkpoint: Python torch.save file, CifarLab export or training checkpoint."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("run"), QStringLiteral("Evaluate a run of the store instead (its best checkpoint; --data defaults to its dataset)."), QStringLiteral("run")});
    parser.addOption({QStringLiteral("store"), QStringLiteral("Experiment store folder (with --run)."), QStringLiteral("dir")});
    parser.addOption({QStringLiteral("preprocess"), QStringLiteral("per-image-standardize (the original study) or dataset-normalize (default, or the run's)."), QStringLiteral("mode")});
    parser.addOption({QStringLiteral("precision"), QStringLiteral("fp32 (default), bf16 or auto (fp16 is for CUDA training only)."), QStringLiteral("p"), QStringLiteral("fp32")});
    parser.addOption({QStringLiteral("batch-size"), QStringLiteral("Images per forward pass (default 500)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("tta"), QStringLiteral("Test-time augmentation: none, mirror or mirror-translate (default none, or the run's)."), QStringLiteral("mode")});
    parser.addOption({QStringLiteral("width-scale"), QStringLiteral("airbench's width (default: the one the checkpoint was trained at)."), QStringLiteral("x")});
    if (!parse(parser, arguments, "Evaluate a checkpoint or a run on a dataset's test split: accuracy, per-class accuracy, confusion matrix."))
        return 0;
    const ModelSource source = modelSource(parser, /*bestCheckpoint=*/true);
    const std::string &arch = source.architecture;
    const std::string &checkpoint = source.checkpoint;
    std::string dataPath = source.dataPath;
    EvaluationOptions options;
    options.preprocess = source.preprocess;
    if (source.config) {
        options.tta = source.config->tta;
        options.widthScale = source.config->widthScale;
    }
    options.precision = parsePrecision(parser.value(QStringLiteral("precision")).toStdString());
    if (options.precision == Precision::Fp16)
        throw Error("--precision: fp16 needs a CUDA device and evaluate runs on the CPU (use bf16 or fp32)");
    options.batchSize = integerOption(parser, QStringLiteral("batch-size"), 500, 1, 100000);
    if (parser.isSet(QStringLiteral("tta")))
        options.tta = parser.value(QStringLiteral("tta")).toStdString();
    if (parser.isSet(QStringLiteral("width-scale")))
        options.widthScale = widthScaleOption(parser);
    options.threads = static_cast<int>(integerOption(parser, QStringLiteral("threads"), 0, 0, 1024));
    if (parser.isSet(QStringLiteral("data")))
        dataPath = parser.value(QStringLiteral("data")).toStdString();
    if (dataPath.empty())
        throw UsageError("--data is required");
    const LoadOptions loadOptions = loadOptionsOf(parser);
    const auto loadStart = Clock::now();
    const Dataset d = loadDataset(dataPath, loadOptions);
    std::fprintf(stderr, "loaded %s: %lld test images in %.2f s\n", dataPath.c_str(), static_cast<long long>(d.test.count),
                 secondsSince(loadStart));
    const auto r = evaluateCheckpoint(arch, checkpoint, d, options);
    std::printf("architecture: %s%s\ncheckpoint: %s\ndataset: %s (%lld test images)\npreprocess: %s, precision: %s, "
                "test-time augmentation: %s\n",
                arch.c_str(), widthText(r.widthScale, r.ensembleMembers).c_str(), checkpoint.c_str(), d.source.c_str(), static_cast<long long>(r.count),
                options.preprocess.c_str(), precisionName(resolvePrecision(options.precision)).c_str(), options.tta.c_str());
    std::printf("test loss: %.4f\n\nper-class accuracy:\n", r.loss);
    for (size_t c = 0; c < d.classNames.size(); ++c)
        std::printf("  %-14s %6.2f%%\n", d.classNames[c].c_str(), 100.0 * r.perClassAccuracy[c]);
    std::printf("\nconfusion matrix:\n%s\n", formatConfusion(r.confusion, d.classNames).c_str());
    const auto pairs = mostConfusedPairs(r.confusion, static_cast<int>(d.classNames.size()), 5);
    if (!pairs.empty()) {
        std::printf("most confused (true -> predicted):\n");
        for (const auto &pair : pairs)
            std::printf("  %-14s -> %-14s %6lld of %lld\n", d.classNames[static_cast<size_t>(pair.trueClass)].c_str(),
                        d.classNames[static_cast<size_t>(pair.predictedClass)].c_str(), static_cast<long long>(pair.count),
                        static_cast<long long>(pair.trueClassTotal));
        std::printf("\n");
    }
    std::printf("evaluated in %.2f s (%.0f images/s)\n", r.seconds, static_cast<double>(r.count) / std::max(r.seconds, 1e-9));
    std::printf("test accuracy: %.2f%%\n", 100.0 * r.accuracy);
    return 0;
}

int runExportWeights(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("arch"), QStringLiteral("Architecture name (see models)."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("checkpoint"), QStringLiteral("Checkpoint to read (Python torch.save file or CifarLab's)."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("out"), QStringLiteral("Output .pt file, readable with torch.load in Python."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("input"), QStringLiteral("Input shape CxHxW the model was built for (default 3x32x32)."), QStringLiteral("CxHxW")});
    parser.addOption({QStringLiteral("classes"), QStringLiteral("Number of classes (default 10)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("width-scale"), QStringLiteral("airbench's width (default: the one the checkpoint was trained at)."), QStringLiteral("x")});
    if (!parse(parser, arguments, "Export a model's state_dict so that Python's torch.load and load_state_dict read it."))
        return 0;
    const std::string arch = required(parser, QStringLiteral("arch"));
    if (!hasArchitecture(arch))
        throw Error("--arch: unknown architecture '" + arch + "' (see cifarlab-cli models)");
    const double widthScale = parser.isSet(QStringLiteral("width-scale")) ? widthScaleOption(parser) : 0.0;
    const auto report = exportWeights(arch, inputOption(parser), required(parser, QStringLiteral("checkpoint")),
                                      required(parser, QStringLiteral("out")), widthScale);
    std::printf("wrote %s: %s%s, %lld state_dict entries, %lld parameters\n", required(parser, QStringLiteral("out")).c_str(),
                arch.c_str(), widthText(report.widthScale, report.ensembleMembers).c_str(), static_cast<long long>(report.entries),
                static_cast<long long>(report.parameters));
    return 0;
}


int runGradCam(const QStringList &arguments)
{
    QCommandLineParser parser;
    addDataOptions(parser);
    addModelSourceOptions(parser, /*bestCheckpoint=*/false);
    parser.addOption({QStringLiteral("width-scale"), QStringLiteral("airbench's width (default: the one the checkpoint was trained at)."), QStringLiteral("x")});
    parser.addOption({QStringLiteral("images"), QStringLiteral("Test image indices, comma-separated (e.g. 0,17,42)."), QStringLiteral("list")});
    parser.addOption({QStringLiteral("class"), QStringLiteral("Class to explain: predicted (default), true, or a class name."), QStringLiteral("class")});
    parser.addOption({QStringLiteral("scale"), QStringLiteral("Enlargement of the written images (default 8)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("out"), QStringLiteral("Folder for the PNGs (created if needed)."), QStringLiteral("dir")});
    if (!parse(parser, arguments, "Where the network looked: Grad-CAM maps of test images, each written as a PNG beside its image."))
        return 0;
    const ModelSource source = modelSource(parser, /*bestCheckpoint=*/false);
    std::vector<int64_t> images;
    for (const QString &part : parser.value(QStringLiteral("images")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qlonglong index = part.trimmed().toLongLong(&ok);
        if (!ok || index < 0)
            throw Error("--images: expected test image indices such as 0,17,42, got '" + part.toStdString() + "'");
        images.push_back(index);
    }
    if (images.empty())
        throw UsageError("--images is required");
    const std::string out = required(parser, QStringLiteral("out"));
    const int scale = static_cast<int>(integerOption(parser, QStringLiteral("scale"), 8, 1, 64));
    const std::string wanted = parser.isSet(QStringLiteral("class")) ? parser.value(QStringLiteral("class")).toStdString() : "predicted";
    const double widthScale = parser.isSet(QStringLiteral("width-scale")) ? widthScaleOption(parser) : 0.0;
    const auto dataset = loadSourceData(parser, source);
    const Dataset &d = *dataset;
    int32_t namedClass = -1;
    if (wanted != "predicted" && wanted != "true") {
        const auto it = std::find(d.classNames.begin(), d.classNames.end(), wanted);
        if (it == d.classNames.end())
            throw Error("--class: expected predicted, true or one of the dataset's classes, got '" + wanted + "'");
        namedClass = static_cast<int32_t>(it - d.classNames.begin());
    }
    for (const int64_t index : images)
        if (index >= d.test.count)
            throw Error("--images: " + std::to_string(index) + " is not one of the " + std::to_string(d.test.count) + " test images");
    if (!QDir().mkpath(QString::fromStdString(out)))
        throw Error("--out: cannot create the folder " + out);

    const GradCam cam(source.architecture, source.checkpoint, dataset, source.preprocess, widthScale);
    const auto safe = safeFileName;
    for (const int64_t index : images) {
        const int32_t truth = static_cast<int32_t>(d.test.labels[static_cast<size_t>(index)]);
        const int32_t target = wanted == "true" ? truth : namedClass;
        const GradCamMap map = cam.compute(index, target);
        const std::string &trueName = d.classNames[static_cast<size_t>(truth)];
        const std::string &predictedName = d.classNames[static_cast<size_t>(map.predictedClass)];
        const std::string file = out + "/gradcam-" + std::to_string(index) + "-" + safe(trueName) + "-as-" + safe(predictedName)
            + (map.targetClass != map.predictedClass ? "-for-" + safe(d.classNames[static_cast<size_t>(map.targetClass)]) : "")
            + ".png";
        writeGradCamPng(file, d.test, map, scale);
        std::printf("image %lld: true %s, predicted %s (%.1f%%); evidence for %s from %s (%lldx%lld) -> %s\n",
                    static_cast<long long>(index), trueName.c_str(), predictedName.c_str(),
                    100.0 * map.probabilities[static_cast<size_t>(map.predictedClass)],
                    d.classNames[static_cast<size_t>(map.targetClass)].c_str(), map.layer.c_str(),
                    static_cast<long long>(map.layerHeight), static_cast<long long>(map.layerWidth), file.c_str());
    }
    return 0;
}


double doubleOption(const QCommandLineParser &parser, const QString &name, double fallback, double min, double max)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok || !(value >= min && value <= max))
        throw Error("--" + name.toStdString() + ": expected a number from " + QString::number(min).toStdString() + " to "
                    + QString::number(max).toStdString() + ", got '" + parser.value(name).toStdString() + "'");
    return value;
}

int runEmbed(const QStringList &arguments)
{
    QCommandLineParser parser;
    addDataOptions(parser);
    addModelSourceOptions(parser, /*bestCheckpoint=*/true);
    parser.addOption({QStringLiteral("method"), QStringLiteral("tsne (default) or pca."), QStringLiteral("method")});
    parser.addOption({QStringLiteral("images"), QStringLiteral("Test images to map, drawn evenly over the classes (default 2000; 0 = all)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("perplexity"), QStringLiteral("t-SNE: about how many neighbours each image keeps close (default 30)."), QStringLiteral("P")});
    parser.addOption({QStringLiteral("iterations"), QStringLiteral("t-SNE: gradient steps, 250-10000 (default 1000)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("neighbours"), QStringLiteral("Nearest neighbours per image for the k-NN accuracy and the CSV (default 8)."), QStringLiteral("K")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Which images are drawn (default 0)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("csv"), QStringLiteral("Write every image's map position, classes and neighbours to this CSV file."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the map and its numbers as one JSON object.")});
    if (!parse(parser, arguments,
               "Map test images by what the network learned (TensorBoard's embedding projector): the features at the "
               "classifier's input, projected to 2-d by t-SNE or PCA, with how well each class clusters (k-NN accuracy)."))
        return 0;
    const ModelSource source = modelSource(parser, /*bestCheckpoint=*/true);
    EmbeddingOptions options;
    if (parser.isSet(QStringLiteral("method")))
        options.method = parseProjectionMethod(parser.value(QStringLiteral("method")).toStdString());
    options.maxImages = integerOption(parser, QStringLiteral("images"), 2000, 0, 100000000);
    options.perplexity = doubleOption(parser, QStringLiteral("perplexity"), 30.0, 2.0, 1000.0);
    options.iterations = static_cast<int>(integerOption(parser, QStringLiteral("iterations"), 1000, 250, 10000));
    options.neighbours = static_cast<int>(integerOption(parser, QStringLiteral("neighbours"), 8, 1, 50));
    options.seed = static_cast<uint64_t>(integerOption(parser, QStringLiteral("seed"), 0, 0, INT64_MAX));
    const bool json = parser.isSet(QStringLiteral("json"));
    const auto dataset = loadSourceData(parser, source);
    // Checked before the network runs, so a bad --perplexity costs no feature pass.
    validateEmbeddingOptions(options, static_cast<int64_t>(drawEmbeddingImages(dataset->test, options.maxImages, options.seed).size()));
    const auto start = Clock::now();
    std::string shownStage;
    const Embedding e = computeEmbedding(source.architecture, source.checkpoint, dataset, source.preprocess, options,
                                         [&](double fraction, const std::string &stage) {
                                             if (json || !isatty(fileno(stderr)))
                                                 return;
                                             std::fprintf(stderr, "\r%-12s %3.0f%%", stage.c_str(), 100.0 * fraction);
                                             shownStage = stage;
                                         });
    if (!shownStage.empty())
        std::fprintf(stderr, "\r%-20s\r", "");
    const double seconds = secondsSince(start);
    const Dataset &d = *dataset;
    if (parser.isSet(QStringLiteral("csv"))) {
        const QString path = parser.value(QStringLiteral("csv"));
        QFile file(path);
        const std::string csv = embeddingCsv(e, d.classNames);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(csv.data(), static_cast<qint64>(csv.size())) != static_cast<qint64>(csv.size()) || !file.flush())
            throw Error("--csv: cannot write " + path.toStdString() + ": " + file.errorString().toStdString());
    }

    const std::string methodText = e.method == ProjectionMethod::Pca ? "PCA" : "t-SNE";
    if (json) {
        QJsonObject out;
        out[QStringLiteral("architecture")] = QString::fromStdString(source.architecture);
        out[QStringLiteral("checkpoint")] = QString::fromStdString(source.checkpoint);
        out[QStringLiteral("layer")] = QString::fromStdString(e.layer);
        out[QStringLiteral("featureSize")] = static_cast<qint64>(e.featureSize);
        out[QStringLiteral("method")] = QString::fromStdString(projectionMethodName(e.method));
        if (e.method == ProjectionMethod::Tsne) {
            out[QStringLiteral("perplexity")] = e.perplexity;
            out[QStringLiteral("iterations")] = e.iterations;
            out[QStringLiteral("klDivergence")] = e.map.klDivergence;
        } else {
            out[QStringLiteral("explainedVariance")] = QJsonArray {e.map.explainedVariance[0], e.map.explainedVariance[1]};
        }
        out[QStringLiteral("neighbours")] = e.neighbourCount;
        out[QStringLiteral("featureNeighbourAccuracy")] = e.featureNeighbourAccuracy;
        out[QStringLiteral("mapNeighbourAccuracy")] = e.mapNeighbourAccuracy;
        out[QStringLiteral("seconds")] = seconds;
        QJsonArray points;
        for (int64_t i = 0; i < e.count(); ++i) {
            const size_t at = static_cast<size_t>(i);
            QJsonArray near;
            for (int j = 0; j < e.neighbourCount; ++j)
                near.append(static_cast<qint64>(e.imageIndex[static_cast<size_t>(e.neighbours[at * e.neighbourCount + j])]));
            points.append(QJsonObject {{QStringLiteral("image"), static_cast<qint64>(e.imageIndex[at])},
                                       {QStringLiteral("label"), e.label[at]},
                                       {QStringLiteral("predicted"), e.predicted[at]},
                                       {QStringLiteral("confidence"), e.confidence[at]},
                                       {QStringLiteral("x"), e.map.x[at]},
                                       {QStringLiteral("y"), e.map.y[at]},
                                       {QStringLiteral("neighbours"), near}});
        }
        out[QStringLiteral("points")] = points;
        std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
        return 0;
    }

    std::printf("%s %s: %lld test images through %s (%lld features)\n", source.architecture.c_str(),
                source.checkpoint.c_str(), static_cast<long long>(e.count()), e.layer.c_str(),
                static_cast<long long>(e.featureSize));
    if (e.method == ProjectionMethod::Tsne)
        std::printf("t-SNE, perplexity %g, %d iterations: KL divergence %.3f, in %.1f s\n", e.perplexity, e.iterations,
                    e.map.klDivergence, seconds);
    else
        std::printf("PCA: the two axes hold %.1f%% and %.1f%% of the variance, in %.1f s\n",
                    100.0 * e.map.explainedVariance[0], 100.0 * e.map.explainedVariance[1], seconds);
    std::printf("k-NN accuracy (%d neighbours): %.1f%% in feature space, %.1f%% in the map\n\n", e.neighbourCount,
                100.0 * e.featureNeighbourAccuracy, 100.0 * e.mapNeighbourAccuracy);

    // Per class: how well it clusters, how often the network is right on it, and which class its
    // neighbours belong to most when not to it.
    const size_t classes = d.classNames.size();
    const std::vector<int32_t> votes = neighbourVotes(e.neighbours, e.neighbourCount, e.label);
    std::vector<int64_t> members(classes, 0), clustered(classes, 0), right(classes, 0);
    std::vector<int64_t> mixes(classes * classes, 0);
    for (int64_t i = 0; i < e.count(); ++i) {
        const size_t at = static_cast<size_t>(i);
        const size_t label = static_cast<size_t>(e.label[at]);
        ++members[label];
        clustered[label] += votes[at] == e.label[at] ? 1 : 0;
        right[label] += e.predicted[at] == e.label[at] ? 1 : 0;
        for (int j = 0; j < e.neighbourCount; ++j) {
            const size_t other = static_cast<size_t>(e.label[static_cast<size_t>(e.neighbours[at * e.neighbourCount + j])]);
            if (other != label)
                ++mixes[label * classes + other];
        }
    }
    size_t nameWidth = 5;
    for (const std::string &name : d.classNames)
        nameWidth = std::max(nameWidth, name.size());
    std::printf("%-*s %7s %9s %9s  %s\n", static_cast<int>(nameWidth), "class", "images", "k-NN", "network",
                "neighbours of another class, most often");
    for (size_t c = 0; c < classes; ++c) {
        if (members[c] == 0)
            continue;
        size_t most = c;
        int64_t total = 0;
        for (size_t o = 0; o < classes; ++o) {
            total += mixes[c * classes + o];
            if (o != c && (most == c || mixes[c * classes + o] > mixes[c * classes + most]))
                most = o;
        }
        const double n = static_cast<double>(members[c]);
        std::string mix = "-";
        if (total > 0)
            mix = d.classNames[most] + " (" + QString::number(100.0 * static_cast<double>(mixes[c * classes + most])
                                                                   / (n * e.neighbourCount), 'f', 1).toStdString()
                + "% of neighbours)";
        std::printf("%-*s %7lld %8.1f%% %8.1f%%  %s\n", static_cast<int>(nameWidth), d.classNames[c].c_str(),
                    static_cast<long long>(members[c]), 100.0 * static_cast<double>(clustered[c]) / n,
                    100.0 * static_cast<double>(right[c]) / n, mix.c_str());
    }
    return 0;
}

QString percentText(double fraction)
{
    return QString::number(100.0 * fraction, 'f', 1) + QLatin1Char('%');
}

int runPredict(const QStringList &arguments)
{
    QCommandLineParser parser;
    addDataOptions(parser);
    parser.addPositionalArgument(QStringLiteral("images"), QStringLiteral("Image files or folders (searched recursively)."),
                                 QStringLiteral("IMAGE|FOLDER..."));
    addModelSourceOptions(parser, /*bestCheckpoint=*/true);
    parser.addOption({QStringLiteral("width-scale"), QStringLiteral("airbench's width (default: the one the checkpoint was trained at)."), QStringLiteral("x")});
    parser.addOption({QStringLiteral("tta"), QStringLiteral("Test-time augmentation: none, mirror or mirror-translate (default none, or the run's)."), QStringLiteral("mode")});
    parser.addOption({QStringLiteral("precision"), QStringLiteral("fp32 (default), bf16 or auto."), QStringLiteral("p"), QStringLiteral("fp32")});
    parser.addOption({QStringLiteral("fit"), QStringLiteral("How an image of another size becomes the network's: crop (centre, default), squash or pad (with the training images' mean colour)."), QStringLiteral("mode"), QStringLiteral("crop")});
    parser.addOption({QStringLiteral("top"), QStringLiteral("Classes listed per image (default 3)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("csv"), QStringLiteral("Also write every image's probabilities to this CSV file."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("grad-cam"), QStringLiteral("Also write each image's Grad-CAM map (for the predicted class) as a PNG into this folder."), QStringLiteral("dir")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object per image, then a summary object.")});
    if (!parse(parser, arguments, "Classify your own image files with a trained run or checkpoint: each image is fitted to the network's input size, and the most probable classes are printed. A file in a folder named after a class (e.g. photos/cat/1.jpg) is also scored against it."))
        return 0;
    if (parser.positionalArguments().isEmpty())
        throw UsageError("give image files or folders to classify");
    const ModelSource source = modelSource(parser, /*bestCheckpoint=*/true);
    ClassifierOptions options;
    options.preprocess = source.preprocess;
    if (source.config) {
        options.tta = source.config->tta;
        options.widthScale = source.config->widthScale;
    }
    if (parser.isSet(QStringLiteral("tta")))
        options.tta = parser.value(QStringLiteral("tta")).toStdString();
    requireTtaMode(options.tta);
    if (parser.isSet(QStringLiteral("width-scale")))
        options.widthScale = widthScaleOption(parser);
    options.precision = parsePrecision(parser.value(QStringLiteral("precision")).toStdString());
    if (options.precision == Precision::Fp16)
        throw Error("--precision: fp16 needs a CUDA device and predict runs on the CPU (use bf16 or fp32)");
    options.fit = parseImageFit(parser.value(QStringLiteral("fit")).toStdString());
    const int top = static_cast<int>(integerOption(parser, QStringLiteral("top"), 3, 1, 1000));
    const bool json = parser.isSet(QStringLiteral("json"));
    const std::string csvPath = parser.value(QStringLiteral("csv")).toStdString();
    const std::string camFolder = parser.value(QStringLiteral("grad-cam")).toStdString();
    std::string dataPath = parser.isSet(QStringLiteral("data")) ? parser.value(QStringLiteral("data")).toStdString() : source.dataPath;
    if (dataPath.empty())
        throw UsageError("--data is required: the dataset the network was trained on (for its classes, input size and statistics)");
    std::vector<std::string> paths;
    for (const QString &path : parser.positionalArguments())
        paths.push_back(path.toStdString());
    const std::vector<std::string> files = collectImageFiles(paths); // before anything slow: a typo fails at once
    if (!camFolder.empty() && !QDir().mkpath(QString::fromStdString(camFolder)))
        throw Error("--grad-cam: cannot create the folder " + camFolder);

    const LoadOptions loadOptions = loadOptionsOf(parser);
    configureThreads(loadOptions.threads);
    const auto dataset = std::make_shared<const Dataset>(loadDataset(dataPath, loadOptions));
    const auto started = Clock::now();
    const ImageClassifier classifier(source.architecture, source.checkpoint, dataset, options);
    const Classification result = classifier.classify(files);
    const double seconds = secondsSince(started);
    const auto &names = classifier.classNames();
    const ImageSplit &shape = result.fitted;

    if (!json)
        std::printf("model: %s%s, checkpoint %s\ninput: %lldx%lldx%lld (%s), test-time augmentation: %s\n\n",
                    source.architecture.c_str(), widthText(classifier.widthScale()).c_str(), source.checkpoint.c_str(),
                    static_cast<long long>(dataset->test.channels), static_cast<long long>(dataset->test.height),
                    static_cast<long long>(dataset->test.width), imageFitName(options.fit).c_str(), options.tta.c_str());
    for (size_t i = 0; i < result.images.size(); ++i) {
        const ClassifiedImage &image = result.images[i];
        std::string camFile;
        if (image.ok() && !camFolder.empty()) {
            const GradCamMap map = classifier.explain(result, i);
            camFile = camFolder + "/gradcam-" + std::to_string(i) + "-"
                + safeFileName(QFileInfo(QString::fromStdString(image.path)).completeBaseName().toStdString()) + "-as-"
                + safeFileName(names[static_cast<size_t>(map.predictedClass)]) + ".png";
            writeGradCamPng(camFile, shape, map, 8);
        }
        if (json) {
            QJsonObject o;
            o[QStringLiteral("event")] = QStringLiteral("image");
            o[QStringLiteral("path")] = QString::fromStdString(image.path);
            if (!image.ok()) {
                o[QStringLiteral("error")] = QString::fromStdString(image.error);
            } else {
                o[QStringLiteral("width")] = static_cast<qint64>(image.sourceWidth);
                o[QStringLiteral("height")] = static_cast<qint64>(image.sourceHeight);
                o[QStringLiteral("predicted")] = QString::fromStdString(names[static_cast<size_t>(image.predictedClass)]);
                o[QStringLiteral("confidence")] = image.probabilities[static_cast<size_t>(image.predictedClass)];
                QJsonArray ranked;
                for (const int32_t c : image.ranking(top))
                    ranked.append(QJsonObject {{QStringLiteral("class"), QString::fromStdString(names[static_cast<size_t>(c)])},
                                               {QStringLiteral("probability"), image.probabilities[static_cast<size_t>(c)]}});
                o[QStringLiteral("top")] = ranked;
                if (!camFile.empty())
                    o[QStringLiteral("gradCam")] = QString::fromStdString(camFile);
            }
            o[QStringLiteral("trueClass")] = image.trueClass >= 0 ? QJsonValue(QString::fromStdString(names[static_cast<size_t>(image.trueClass)]))
                                                                  : QJsonValue(QJsonValue::Null);
            std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
            continue;
        }
        if (!image.ok()) {
            std::printf("%s\n  error: %s\n", image.path.c_str(), image.error.c_str());
            continue;
        }
        QStringList ranked;
        for (const int32_t c : image.ranking(top))
            ranked << QString::fromStdString(names[static_cast<size_t>(c)]) + QLatin1Char(' ')
                    + percentText(image.probabilities[static_cast<size_t>(c)]);
        std::string verdict;
        if (image.trueClass >= 0)
            verdict = std::string(image.predictedClass == image.trueClass ? "  [right: " : "  [wrong: folder says ")
                + names[static_cast<size_t>(image.trueClass)] + "]";
        std::printf("%s (%lldx%lld)\n  %s%s\n", image.path.c_str(), static_cast<long long>(image.sourceWidth),
                    static_cast<long long>(image.sourceHeight), ranked.join(QStringLiteral(", ")).toUtf8().constData(),
                    verdict.c_str());
        if (!camFile.empty())
            std::printf("  Grad-CAM: %s\n", camFile.c_str());
    }

    if (!csvPath.empty()) {
        QFile csv(QString::fromStdString(csvPath));
        std::vector<const ClassifiedImage *> rows;
        for (const ClassifiedImage &image : result.images)
            rows.push_back(&image);
        const QByteArray text = QByteArray::fromStdString(classificationCsv(rows, names));
        if (!csv.open(QIODevice::WriteOnly | QIODevice::Truncate) || csv.write(text) != text.size() || !csv.flush())
            throw Error("--csv: cannot write " + csvPath + ": " + csv.errorString().toStdString());
    }

    if (json) {
        QJsonObject o {{QStringLiteral("event"), QStringLiteral("summary")},
                       {QStringLiteral("classified"), static_cast<qint64>(result.classified)},
                       {QStringLiteral("failed"), static_cast<qint64>(result.failed)},
                       {QStringLiteral("labelled"), static_cast<qint64>(result.labelled)},
                       {QStringLiteral("correct"), static_cast<qint64>(result.correct)},
                       {QStringLiteral("seconds"), seconds}};
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    } else {
        std::printf("\nclassified %lld of %zu images in %.2f s", static_cast<long long>(result.classified), result.images.size(), seconds);
        if (result.labelled > 0)
            std::printf("; %lld in folders named after a class: %lld right (%s)", static_cast<long long>(result.labelled),
                        static_cast<long long>(result.correct),
                        percentText(static_cast<double>(result.correct) / static_cast<double>(result.labelled)).toUtf8().constData());
        std::printf("\n");
    }
    if (result.failed > 0) {
        std::fflush(stdout); // the listing first, then the verdict, also when both go to one terminal
        std::fprintf(stderr, "error: %lld of %zu files could not be classified (listed above)\n",
                     static_cast<long long>(result.failed), result.images.size());
        return 2;
    }
    return 0;
}

} // namespace

const std::vector<Command> &commands()
{
    static const std::vector<Command> kCommands = {
        {"models", "list the architectures (parameters, size, multiply-adds)", runModels},
        {"summary", "per-layer summary of an architecture", runSummary},
        {"datasets", "list the datasets found on this machine", runDatasets},
        {"data-info", "load a dataset and print its statistics", runDataInfo},
        {"download", "download CIFAR-10/100 with checksum verification", runDownload},
        {"evaluate", "test accuracy, per-class accuracy and confusion matrix of a checkpoint", runEvaluate},
        {"export-weights", "write a checkpoint's state_dict for Python's torch.load", runExportWeights},
        {"grad-cam", "where the network looked: Grad-CAM maps of test images as PNGs", runGradCam},
        {"embed", "map test images by the network's features (t-SNE or PCA, TensorBoard's projector), k-NN accuracy per class", runEmbed},
        {"predict", "classify your own image files or folders with a trained run or checkpoint", runPredict},
        {"train", "train architectures on a dataset (progress bar or --json)", runTrain},
        {"lr-find", "learning-rate range test: loss against an exponentially growing rate, a suggested --lr", runLrFind},
        {"resume", "continue a stopped run from its latest checkpoint", runResume},
        {"runs", "list, show, rename, tag or delete runs in the store, or print a run's log", runRuns},
        {"weights", "each layer's weights, gradients and update ratio per epoch (TensorBoard's histograms)", runWeights},
        {"export", "write runs with metrics and checkpoints to a .cifarlab.zip bundle", runExport},
        {"import", "add the runs of a .cifarlab.zip bundle to the store", runImport},
        {"bench", "training/inference images/s of each architecture, memory, input pipeline, load times", runBench},
    };
    return kCommands;
}

} // namespace cifarlab::cli
