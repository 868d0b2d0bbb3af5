#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace cifarlab {

// A file that can be fetched and verified: what the user picks by name, where it lives, its MD5.
struct DownloadSource
{
    std::string name; // short id, e.g. "cifar10"
    std::string url; // where it is published
    std::string md5; // 32 hex digits of the complete file
    std::string fileName; // name it gets in the target folder
};

// CIFAR-10 and CIFAR-100, binary versions.
std::vector<DownloadSource> knownDownloads();

// One of knownDownloads() by name ("cifar10", "cifar100"); an unknown name is an Error listing them.
const DownloadSource &downloadSource(const std::string &name);

// Base URL that replaces everything before the file name of every download (mirrors, offline
// copies as file:// URLs or absolute paths, tests).
inline constexpr const char *kDownloadMirrorVariable = "CIFARLAB_DOWNLOAD_MIRROR";

struct DownloadOptions
{
    int maxAttempts = 3; // network errors, timeouts and HTTP 5xx are retried, other failures are not
    int timeoutMs = 30000; // no bytes for this long -> the attempt fails; <= 0 waits forever
    int retryDelayMs = 1000;
    // Both are called in the downloading thread and must not throw. total is -1 when the server
    // does not say; received starts over at 0 on every attempt.
    std::function<void(int64_t received, int64_t total)> progress;
    std::function<bool()> cancelled; // polled while downloading and between attempts
};

// Downloads source into targetDir (created if missing) and returns the path of the verified file.
// Blocks the calling thread: it runs its own event loop, so it works in the GUI's worker threads
// and in the CLI. A file already there with the right MD5 is returned without any network access.
// The data goes to <fileName>.part, renamed only once the MD5 matches; on any failure (checksum
// mismatch, cancel, network) the .part file is removed and an Error is thrown.
// Needs a QCoreApplication: when none exists a temporary one is created for the call, which is
// only safe from the main thread (a CLI's main()); a program that has threads must create its own
// QCoreApplication in main() before calling this from any of them.
std::string downloadFile(
    const DownloadSource &source, const std::string &targetDir, const DownloadOptions &options = {});

} // namespace cifarlab
