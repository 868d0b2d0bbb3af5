#include "app/cli_util.h"

#include "app/cli_commands.h"
#include "core/error.h"
#include "core/experiment_store.h"
#include "core/memory_limit.h"

#include <QCoreApplication>

#include <cstdio>

namespace cifarlab::cli {

// Parses `arguments`; returns false when --help was printed.
bool parse(QCommandLineParser &parser, const QStringList &arguments, const char *description)
{
    parser.setApplicationDescription(QString::fromUtf8(description));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("memory-limit"),
                      QStringLiteral("Refuse datasets, images and checkpoints that would need more memory than this (e.g. 512M, 8G; "
                                     "default $CIFARLAB_MEMORY_LIMIT or 80% of RAM). Training past 3/4 of it leaves Winograd's "
                                     "convolutions under --convolution auto and frees cached buffers around test passes."),
                      QStringLiteral("size")});
    if (!parser.parse(arguments))
        throw UsageError(parser.errorText().toStdString());
    if (parser.isSet(QStringLiteral("memory-limit")))
        setMemoryLimitBytes(parseByteSize(parser.value(QStringLiteral("memory-limit")).toStdString(), "--memory-limit"));
    if (parser.isSet(QStringLiteral("help"))) {
        // Qt's usage line names argv[0] (maybe a full path) without the command; the man page and
        // the bash completion are generated from this text, so say "cifarlab-cli <command>".
        QString help = parser.helpText();
        const QString usage = QStringLiteral("Usage: ") + QCoreApplication::arguments().constFirst();
        if (help.startsWith(usage))
            help.replace(0, usage.size(), QStringLiteral("Usage: ") + arguments.constFirst());
        std::fputs(help.toLocal8Bit().constData(), stdout);
        return false;
    }
    return true;
}

std::string required(const QCommandLineParser &parser, const QString &name)
{
    if (!parser.isSet(name) || parser.value(name).isEmpty())
        throw UsageError("--" + name.toStdString() + " is required");
    return parser.value(name).toStdString();
}

int64_t integerOption(const QCommandLineParser &parser, const QString &name, int64_t fallback, int64_t min, int64_t max)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const qlonglong v = parser.value(name).toLongLong(&ok);
    if (!ok || v < min || v > max)
        throw Error("--" + name.toStdString() + ": expected an integer from " + std::to_string(min) + " to "
                    + std::to_string(max) + ", got '" + parser.value(name).toStdString() + "'");
    return v;
}

std::string storeOption(const QCommandLineParser &parser)
{
    return parser.isSet(QStringLiteral("store")) ? parser.value(QStringLiteral("store")).toStdString() : ExperimentStore::defaultFolder();
}

} // namespace cifarlab::cli
