// Comparison commands of cifarlab-cli: compare (charts, CSV and JSON of several runs) and report
// (one PDF, optionally an HTML folder). Both paint with QtGui, so cli_main.cpp runs them under a
// QGuiApplication on the offscreen platform.
#include "app/cli_commands.h"
#include "app/cli_util.h"

#include "core/error.h"
#include "core/experiment_store.h"
#include "core/run_comparison.h"
#include "ui/comparison_charts.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <cstdio>

namespace cifarlab::cli {

const std::vector<Command> &compareCommands();

namespace {

constexpr int kDefaultWidth = 900;
constexpr int kDefaultHeight = 560;

void addStoreOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("store"), QStringLiteral("Experiment store folder (default $CIFARLAB_HOME or ~/.local/share/cifarlab)."),
                      QStringLiteral("dir")});
    parser.addPositionalArgument(QStringLiteral("runs"), QStringLiteral("Run ids or names, in the order to show them."),
                                 QStringLiteral("RUN [RUN...]"));
}

// The runs named on the command line, by id or exact name, each once.
RunComparison loadRuns(const QCommandLineParser &parser)
{
    const QStringList names = parser.positionalArguments();
    if (names.isEmpty())
        throw UsageError("expected at least one run id or name");
    ExperimentStore store(parser.isSet(QStringLiteral("store")) ? parser.value(QStringLiteral("store")).toStdString()
                                                                : ExperimentStore::defaultFolder());
    std::vector<int64_t> ids;
    for (const QString &name : names) {
        const auto run = store.findRun(name.toStdString());
        if (!run)
            throw Error("run '" + name.toStdString() + "': no such run in " + store.folder());
        if (std::find(ids.begin(), ids.end(), run->id) != ids.end())
            throw Error("run '" + name.toStdString() + "' is given twice");
        ids.push_back(run->id);
    }
    return loadComparison(store, ids);
}

QString makeOutputFolder(const QString &folder)
{
    if (folder.isEmpty())
        throw UsageError("--out is required");
    if (!QDir().mkpath(folder))
        throw Error("--out: cannot create the folder " + folder.toStdString());
    return QDir(folder).absolutePath();
}

void writeFile(const QString &path, const std::string &text)
{
    QSaveFile file(path);
    const QByteArray bytes = QByteArray::fromStdString(text);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        throw Error(path.toStdString() + ": " + file.errorString().toStdString());
    std::printf("%s\n", QDir::toNativeSeparators(path).toLocal8Bit().constData());
}

// "0.8", "80" or "80%" all mean 80 % test accuracy.
double thresholdOption(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("threshold")))
        return 0.8;
    QString text = parser.value(QStringLiteral("threshold")).trimmed();
    const bool percent = text.endsWith(QLatin1Char('%'));
    if (percent)
        text.chop(1);
    bool ok = false;
    double value = text.toDouble(&ok);
    if (ok && (percent || value > 1.0))
        value /= 100.0;
    if (!ok || !(value > 0.0) || value > 1.0)
        throw Error("--threshold: expected a test accuracy such as 0.8 or 80%, got '"
                    + parser.value(QStringLiteral("threshold")).toStdString() + "'");
    return value;
}

QStringList formatOption(const QCommandLineParser &parser)
{
    QStringList formats;
    const QString value = parser.isSet(QStringLiteral("format")) ? parser.value(QStringLiteral("format")) : QStringLiteral("png");
    for (QString f : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        f = f.trimmed().toLower();
        if (f != QLatin1String("png") && f != QLatin1String("svg") && f != QLatin1String("pdf"))
            throw Error("--format: unknown format '" + f.toStdString() + "' (expected png, svg or pdf, comma-separated)");
        if (!formats.contains(f))
            formats << f;
    }
    if (formats.isEmpty())
        throw Error("--format: expected png, svg or pdf, comma-separated");
    return formats;
}

void addPairOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("pair"),
                      QStringLiteral("Runs A and B of the ablation and confusion-difference charts, by id or name, among the runs "
                                     "compared (default: the first two)."),
                      QStringLiteral("A,B")});
}

// --pair A,B: the indices of A and B in the comparison.
void applyPairOption(const QCommandLineParser &parser, const RunComparison &comparison, ComparisonChartOptions &options)
{
    if (!parser.isSet(QStringLiteral("pair")))
        return;
    const QString value = parser.value(QStringLiteral("pair"));
    const QStringList parts = value.split(QLatin1Char(','));
    if (parts.size() != 2 || parts[0].trimmed().isEmpty() || parts[1].trimmed().isEmpty())
        throw Error("--pair: expected two runs separated by a comma, such as 3,7, got '" + value.toStdString() + "'");
    int indices[2] = {-1, -1};
    for (int p = 0; p < 2; ++p) {
        const std::string ref = parts[p].trimmed().toStdString();
        for (size_t i = 0; i < comparison.runs.size() && indices[p] < 0; ++i) {
            const RunRecord &record = comparison.runs[i].record;
            if (std::to_string(record.id) == ref || record.name == ref)
                indices[p] = static_cast<int>(i);
        }
        if (indices[p] < 0)
            throw Error("--pair: run '" + ref + "' is not among the runs compared");
    }
    if (indices[0] == indices[1])
        throw Error("--pair: A and B are the same run");
    options.runA = indices[0];
    options.runB = indices[1];
}

QSize sizeOption(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("size")))
        return QSize(kDefaultWidth, kDefaultHeight);
    const QStringList parts = parser.value(QStringLiteral("size")).split(QLatin1Char('x'));
    bool okW = false;
    bool okH = false;
    const int w = parts.size() == 2 ? parts[0].toInt(&okW) : 0;
    const int h = parts.size() == 2 ? parts[1].toInt(&okH) : 0;
    if (!okW || !okH || w < 300 || h < 200 || w > 10000 || h > 10000)
        throw Error("--size: expected WIDTHxHEIGHT in logical pixels from 300x200 to 10000x10000, got '"
                    + parser.value(QStringLiteral("size")).toStdString() + "'");
    return QSize(w, h);
}

int runCompare(const QStringList &arguments)
{
    QCommandLineParser parser;
    addStoreOption(parser);
    parser.addOption({QStringLiteral("out"), QStringLiteral("Output folder (created if needed)."), QStringLiteral("dir")});
    parser.addOption({QStringLiteral("format"), QStringLiteral("Chart formats, comma-separated: png, svg, pdf (default png)."),
                      QStringLiteral("list")});
    parser.addOption({QStringLiteral("dpi"), QStringLiteral("PNG resolution (default 96: 900x560 pixels; 300 for print)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("size"), QStringLiteral("Chart size in logical pixels (1/96 inch), default 900x560."),
                      QStringLiteral("WxH")});
    parser.addOption({QStringLiteral("threshold"), QStringLiteral("Test accuracy for the time-to-accuracy chart (default 0.8)."),
                      QStringLiteral("x")});
    addPairOption(parser);
    if (!parse(parser, arguments,
               "Compare runs: write every chart that applies (accuracy, curves, model size, time to accuracy, accuracy vs. "
               "training length; ablation and confusion difference of the first two runs or of --pair) and summary.csv, epochs.csv, "
               "configs.json. Prints the files written and the charts skipped with the reason."))
        return 0;
    const QString out = makeOutputFolder(parser.value(QStringLiteral("out")));
    const QStringList formats = formatOption(parser);
    const int dpi = static_cast<int>(integerOption(parser, QStringLiteral("dpi"), 96, 24, 1200));
    const QSize size = sizeOption(parser);
    ComparisonChartOptions options;
    options.accuracyThreshold = thresholdOption(parser);
    const RunComparison comparison = loadRuns(parser);
    applyPairOption(parser, comparison, options);

    const QDir dir(out);
    for (const ComparisonChart chart : allComparisonCharts()) {
        QString reason;
        const QString stem = comparisonChartFileStem(chart);
        if (!comparisonChartApplies(chart, comparison, options, &reason)) {
            std::printf("skipped %s: %s\n", stem.toUtf8().constData(), reason.toUtf8().constData());
            continue;
        }
        for (const QString &format : formats) {
            const QString path = dir.filePath(stem + QLatin1Char('.') + format);
            QString error;
            if (!saveComparisonChart(path, chart, comparison, options, size, dpi, &error))
                throw Error(error.toStdString());
            std::printf("%s\n", QDir::toNativeSeparators(path).toLocal8Bit().constData());
        }
    }
    writeFile(dir.filePath(QStringLiteral("summary.csv")), summaryCsv(comparison));
    writeFile(dir.filePath(QStringLiteral("epochs.csv")), epochsCsv(comparison));
    writeFile(dir.filePath(QStringLiteral("configs.json")), configsJson(comparison));
    return 0;
}

int runReport(const QStringList &arguments)
{
    QCommandLineParser parser;
    addStoreOption(parser);
    parser.addOption({QStringLiteral("out"), QStringLiteral("The PDF report to write."), QStringLiteral("file.pdf")});
    parser.addOption({QStringLiteral("html"), QStringLiteral("Also write an HTML report (index.html, PNG charts, CSV, JSON) into this folder."),
                      QStringLiteral("dir")});
    parser.addOption({QStringLiteral("threshold"), QStringLiteral("Test accuracy for the time-to-accuracy chart (default 0.8)."),
                      QStringLiteral("x")});
    addPairOption(parser);
    if (!parse(parser, arguments,
               "Write a comparison report: a PDF with a summary table, every chart that applies and one page per run "
               "(curves, test confusion matrix, architecture), and optionally the same as HTML."))
        return 0;
    const QString pdf = parser.value(QStringLiteral("out"));
    const QString html = parser.value(QStringLiteral("html"));
    if (pdf.isEmpty() && html.isEmpty())
        throw UsageError("--out is required");
    if (!pdf.isEmpty() && QFileInfo(pdf).suffix().toLower() != QLatin1String("pdf"))
        throw Error("--out: expected a .pdf file, got '" + pdf.toStdString() + "'");
    const RunComparison comparison = loadRuns(parser);
    ComparisonChartOptions options;
    options.accuracyThreshold = thresholdOption(parser);
    applyPairOption(parser, comparison, options);
    QString error;
    if (!pdf.isEmpty()) {
        const QString folder = QFileInfo(pdf).absolutePath();
        if (!QDir().mkpath(folder))
            throw Error("--out: cannot create the folder " + folder.toStdString());
        if (!writeComparisonPdf(pdf, comparison, &error, options))
            throw Error(error.toStdString());
        std::printf("%s\n", QDir::toNativeSeparators(QFileInfo(pdf).absoluteFilePath()).toLocal8Bit().constData());
    }
    if (!html.isEmpty()) {
        if (!writeComparisonHtml(html, comparison, &error, options))
            throw Error(error.toStdString());
        std::printf("%s\n", QDir::toNativeSeparators(QDir(html).absoluteFilePath(QStringLiteral("index.html"))).toLocal8Bit().constData());
    }
    return 0;
}

} // namespace

// Registered by cli_main.cpp next to commands(): these two need QtGui.
const std::vector<Command> &compareCommands()
{
    static const std::vector<Command> kCommands = {
        {"compare", "charts, CSV and JSON comparing runs (png, svg, pdf)", runCompare},
        {"report", "PDF (and HTML) report comparing runs", runReport},
    };
    return kCommands;
}

} // namespace cifarlab::cli
