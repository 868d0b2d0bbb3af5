#include "core/distributed_options.h"

#include "core/error.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace cifarlab {

namespace {

constexpr int64_t kMaxWorldSize = 1024;
constexpr double kMaxTimeoutSeconds = 86400;

bool parseInteger(const char *text, int64_t &out)
{
    if (!text || !*text)
        return false;
    errno = 0;
    char *end = nullptr;
    const long long value = std::strtoll(text, &end, 10);
    if (errno != 0 || *end != '\0')
        return false;
    out = value;
    return true;
}

void integerFromEnvironment(const char *name, int64_t &out)
{
    const char *text = std::getenv(name);
    if (!text)
        return;
    if (!parseInteger(text, out))
        throw Error(std::string(name) + ": expected an integer, got '" + text + "'");
}

} // namespace

void applyDistributedEnvironment(DistributedOptions &options)
{
    if (const char *addr = std::getenv("MASTER_ADDR"))
        options.masterAddr = addr;
    integerFromEnvironment("MASTER_PORT", options.masterPort);
    integerFromEnvironment("WORLD_SIZE", options.worldSize);
    integerFromEnvironment("RANK", options.rank);
    integerFromEnvironment("LOCAL_RANK", options.localRank);
    integerFromEnvironment("LOCAL_WORLD_SIZE", options.localWorldSize);
    if (const char *agent = std::getenv("TORCHELASTIC_USE_AGENT_STORE"))
        options.agentStore = std::string(agent) == "True" || std::string(agent) == "true" || std::string(agent) == "1";
}

void validateDistributedOptions(const DistributedOptions &options)
{
    if (options.worldSize < 1 || options.worldSize > kMaxWorldSize)
        throw Error("--world-size: must be in [1, " + std::to_string(kMaxWorldSize) + "], got " + std::to_string(options.worldSize));
    if (options.rank < 0 || options.rank >= options.worldSize)
        throw Error("--rank: must be in [0, " + std::to_string(options.worldSize - 1) + "] for --world-size "
                    + std::to_string(options.worldSize) + ", got " + std::to_string(options.rank));
    if (options.localWorldSize < 1 || options.localWorldSize > options.worldSize)
        throw Error("LOCAL_WORLD_SIZE: must be in [1, " + std::to_string(options.worldSize) + "], got "
                    + std::to_string(options.localWorldSize));
    if (options.localRank < 0 || options.localRank >= options.localWorldSize)
        throw Error("LOCAL_RANK: must be in [0, " + std::to_string(options.localWorldSize - 1) + "], got "
                    + std::to_string(options.localRank));
    if (options.masterAddr.empty())
        throw Error("--master-addr: must not be empty");
    const int64_t lowestPort = options.spawnLocalWorkers ? 0 : 1;
    if (options.masterPort < lowestPort || options.masterPort > 65535)
        throw Error("--master-port: must be in [" + std::to_string(lowestPort) + ", 65535], got " + std::to_string(options.masterPort));
    if (!(options.timeoutSeconds >= 1 && options.timeoutSeconds <= kMaxTimeoutSeconds))
        throw Error("--dist-timeout: must be in [1, " + std::to_string(static_cast<int64_t>(kMaxTimeoutSeconds)) + "] seconds");
    if (options.spawnLocalWorkers && options.rank != 0)
        throw Error("--nproc: starts a whole job on this host, so it cannot be combined with --rank");
}

std::string defaultWorkerExecutable()
{
    if (const char *cli = std::getenv("CIFARLAB_CLI"); cli && *cli)
        return cli;
    const QString self = QCoreApplication::applicationFilePath();
    if (QFileInfo(self).fileName() == QLatin1String("cifarlab-cli"))
        return self.toStdString();
    return (QCoreApplication::applicationDirPath() + QStringLiteral("/cifarlab-cli")).toStdString();
}

} // namespace cifarlab
