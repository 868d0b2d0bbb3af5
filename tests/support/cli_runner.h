#pragma once

// Runs cifarlab-cli the way a user does and collects what it printed. Header-only, because the
// executable's path (CIFARLAB_CLI_PATH) is a compile definition of each test target.
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#ifndef CIFARLAB_CLI_PATH
#error "CIFARLAB_CLI_PATH must name the cifarlab-cli executable"
#endif

namespace cifarlab::test {

struct CliResult
{
    int exitCode = -1; // -1 when it crashed or ran past the timeout (then it is killed)
    QString out;
    QString err;
};

struct CliRunOptions
{
    int timeoutMs = 120000;
    // As from a terminal without a display: no QT_QPA_PLATFORM, DISPLAY or WAYLAND_DISPLAY.
    bool withoutDisplay = false;
    // Variables to set for this run only, as NAME=value.
    QStringList environment;
};

inline CliResult runCli(const QStringList &args, const CliRunOptions &options)
{
    QProcess p;
    if (options.withoutDisplay || !options.environment.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (options.withoutDisplay) {
            env.remove(QStringLiteral("QT_QPA_PLATFORM"));
            env.remove(QStringLiteral("DISPLAY"));
            env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        }
        for (const QString &assignment : options.environment)
            env.insert(assignment.section(QLatin1Char('='), 0, 0), assignment.section(QLatin1Char('='), 1));
        p.setProcessEnvironment(env);
    }
    p.start(QStringLiteral(CIFARLAB_CLI_PATH), args);
    if (!p.waitForFinished(options.timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

inline CliResult runCli(const QStringList &args, int timeoutMs = CliRunOptions().timeoutMs)
{
    CliRunOptions options;
    options.timeoutMs = timeoutMs;
    return runCli(args, options);
}

} // namespace cifarlab::test
