// cifarlab-cli export / import: runs as .cifarlab.zip bundles (see core/run_bundle.h).
#include "app/cli_commands.h"
#include "app/cli_util.h"

#include "core/error.h"
#include "core/experiment_store.h"
#include "core/run_bundle.h"

#include <QCommandLineParser>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <unistd.h>

namespace cifarlab::cli {

namespace {

std::string bundleStoreOption(const QCommandLineParser &parser)
{
    return parser.isSet(QStringLiteral("store")) ? parser.value(QStringLiteral("store")).toStdString()
                                                 : ExperimentStore::defaultFolder();
}

// A percentage on stderr while a large bundle is written or read, only for a person watching a
// terminal (a log or a test reading stderr gets no carriage-return noise). Ends its line even
// when the command fails, so that the error starts on a line of its own.
class TerminalProgress
{
public:
    explicit TerminalProgress(const char *verb)
        : m_verb(verb)
    {
        if (isatty(STDERR_FILENO))
            m_progress.onProgress = [this](double fraction, const std::string &) { show(fraction); };
    }
    ~TerminalProgress()
    {
        if (m_open)
            std::fputc('\n', stderr);
    }
    TerminalProgress(const TerminalProgress &) = delete;
    TerminalProgress &operator=(const TerminalProgress &) = delete;

    const BundleProgress &progress() const { return m_progress; }

private:
    void show(double fraction)
    {
        const int percent = static_cast<int>(fraction * 100.0);
        if (percent == m_last)
            return;
        m_last = percent;
        m_open = true;
        std::fprintf(stderr, "\r%s: %3d%%", m_verb, percent);
    }

    const char *m_verb;
    BundleProgress m_progress;
    int m_last = -1;
    bool m_open = false;
};

std::string sizeText(int64_t bytes)
{
    char buffer[32];
    if (bytes >= 1024 * 1024)
        std::snprintf(buffer, sizeof buffer, "%.2f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    else
        std::snprintf(buffer, sizeof buffer, "%.1f KB", static_cast<double>(bytes) / 1024.0);
    return buffer;
}

} // namespace

int runExport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(
        QStringLiteral("runs"), QStringLiteral("Run ids or names."), QStringLiteral("RUN [RUN...]"));
    parser.addOption({QStringLiteral("out"), QStringLiteral("Bundle to write (FILE.cifarlab.zip)."),
        QStringLiteral("file")});
    parser.addOption(
        {QStringLiteral("store"), QStringLiteral("Experiment store folder."), QStringLiteral("dir")});
    if (!parse(parser, arguments,
            "Export runs with their metrics, confusion matrices, predictions and checkpoints as one "
            ".cifarlab.zip bundle."))
        return 0;
    if (parser.positionalArguments().isEmpty())
        throw UsageError("expected at least one run id or name");
    const std::string out = required(parser, QStringLiteral("out"));
    ExperimentStore store(bundleStoreOption(parser));
    std::vector<RunRecord> runs; // each once, in the order given (a run may be named by id and by name)
    std::vector<int64_t> ids;
    for (const QString &idOrName : parser.positionalArguments()) {
        const auto run = store.findRun(idOrName.toStdString());
        if (!run)
            throw Error("run '" + idOrName.toStdString() + "': no such run in " + store.folder());
        if (std::find(ids.begin(), ids.end(), run->id) != ids.end())
            continue;
        runs.push_back(*run);
        ids.push_back(run->id);
    }
    {
        TerminalProgress progress("exporting");
        exportRunBundle(store, ids, out, progress.progress());
    }
    std::printf("wrote %s: %zu run(s), %s\n", out.c_str(), runs.size(),
        sizeText(QFileInfo(QString::fromStdString(out)).size()).c_str());
    for (const RunRecord &r : runs)
        std::printf("  run %lld: %s\n", static_cast<long long>(r.id), r.name.c_str());
    return 0;
}

int runImport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("file"),
        QStringLiteral("Bundle written by cifarlab-cli export."), QStringLiteral("FILE"));
    parser.addOption(
        {QStringLiteral("store"), QStringLiteral("Experiment store folder."), QStringLiteral("dir")});
    if (!parse(parser, arguments,
            "Import the runs of a .cifarlab.zip bundle as new runs (a name already in the store gets \" "
            "(imported)\")."))
        return 0;
    if (parser.positionalArguments().size() != 1)
        throw UsageError("expected one bundle file");
    const std::string file = parser.positionalArguments().first().toStdString();
    ExperimentStore store(bundleStoreOption(parser));
    std::vector<int64_t> ids;
    {
        TerminalProgress progress("importing");
        ids = importRunBundle(store, file, progress.progress());
    }
    std::printf("imported %zu run(s) from %s into %s\n", ids.size(), file.c_str(), store.folder().c_str());
    for (int64_t id : ids)
        std::printf("  run %lld: %s\n", static_cast<long long>(id), store.run(id).name.c_str());
    return 0;
}

} // namespace cifarlab::cli
