#pragma once

#include <QCommandLineParser>
#include <QStringList>

#include <cstdint>
#include <string>

namespace cifarlab::cli {

// Parses `arguments`; returns false when --help was printed. Throws UsageError on a malformed line.
bool parse(QCommandLineParser &parser, const QStringList &arguments, const char *description);
// The value of --name, or UsageError "--name is required".
std::string required(const QCommandLineParser &parser, const QString &name);
// An integer flag in [min, max]; Error naming the flag otherwise.
int64_t integerOption(const QCommandLineParser &parser, const QString &name, int64_t fallback, int64_t min, int64_t max);
// --store, or the default store folder.
std::string storeOption(const QCommandLineParser &parser);

int runTrain(const QStringList &arguments);
int runLrFind(const QStringList &arguments);
int runResume(const QStringList &arguments);
int runRuns(const QStringList &arguments);
int runExport(const QStringList &arguments);
int runImport(const QStringList &arguments);
int runBench(const QStringList &arguments);
int runWeights(const QStringList &arguments);

} // namespace cifarlab::cli
