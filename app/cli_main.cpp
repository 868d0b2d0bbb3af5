// cifarlab-cli: everything CifarLab does, headless. Exit codes: 0 success, 1 internal failure,
// 2 bad input (with a one-line reason on stderr).
#include "app/cli_commands.h"

#include "core/error.h"
#include "core/version.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <vector>

using cifarlab::cli::Command;

namespace cifarlab::cli {
const std::vector<Command> &compareCommands(); // app/cli_compare.cpp
} // namespace cifarlab::cli

namespace {

std::vector<Command> allCommands()
{
    std::vector<Command> all = cifarlab::cli::commands();
    const auto &more = cifarlab::cli::compareCommands();
    all.insert(all.end(), more.begin(), more.end());
    return all;
}

// compare, report and lr-find paint charts (QtGui), headless unless the caller chose a platform.
bool needsGui(int argc, char **argv)
{
    return argc >= 2 && (std::strcmp(argv[1], "compare") == 0 || std::strcmp(argv[1], "report") == 0 || std::strcmp(argv[1], "lr-find") == 0);
}

QtMessageHandler g_qtMessages = nullptr;

// QtGui notes a session without XDG_RUNTIME_DIR (cron, containers, ssh): harmless for files
// rendered offscreen, and it would break the one-line error contract on stderr.
void quietSessionNotes(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type != QtFatalMsg && message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR")))
        return;
    if (g_qtMessages)
        g_qtMessages(type, context, message);
    else
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

void printUsage(std::FILE *out)
{
    std::fprintf(out, "cifarlab-cli %s - train, evaluate and compare image classifiers headless\n\n", cifarlab::versionString());
    std::fprintf(out, "usage: cifarlab-cli <command> [options]\n       cifarlab-cli <command> --help\n\ncommands:\n");
    for (const Command &c : allCommands())
        std::fprintf(out, "  %-16s %s\n", c.name, c.summary);
    std::fprintf(out, "\nexit codes: 0 success, 1 internal error, 2 bad input\n");
}

} // namespace

int main(int argc, char **argv)
{
    const bool gui = needsGui(argc, argv);
    if (gui && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (gui)
        g_qtMessages = qInstallMessageHandler(quietSessionNotes);
    const std::unique_ptr<QCoreApplication> app
        = gui ? std::make_unique<QGuiApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cifarlab"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(cifarlab::versionString()));

    if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 || std::strcmp(argv[1], "help") == 0) {
        printUsage(stdout);
        return 0;
    }
    if (std::strcmp(argv[1], "--version") == 0) {
        std::printf("cifarlab-cli %s\n", cifarlab::versionString());
        return 0;
    }
    for (const Command &c : allCommands()) {
        if (std::strcmp(argv[1], c.name) != 0)
            continue;
        QStringList args;
        args << QStringLiteral("cifarlab-cli ") + QString::fromLocal8Bit(argv[1]);
        for (int i = 2; i < argc; ++i)
            args << QString::fromLocal8Bit(argv[i]);
        try {
            return c.run(args);
        } catch (const cifarlab::SystemError &e) {
            std::fprintf(stderr, "error: %s\n", e.what());
            return 1;
        } catch (const cifarlab::Error &e) {
            std::fprintf(stderr, "error: %s\n", e.what());
            return 2;
        } catch (const cifarlab::cli::UsageError &e) {
            std::fprintf(stderr, "error: %s (see cifarlab-cli %s --help)\n", e.what(), c.name);
            return 2;
        } catch (const std::exception &e) {
            std::fprintf(stderr, "internal error: %s\n", e.what());
            return 1;
        }
    }
    std::fprintf(stderr, "error: unknown command '%s' (see cifarlab-cli --help)\n", argv[1]);
    return 2;
}
