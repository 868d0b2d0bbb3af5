#pragma once

#include "core/dataset.h"

#include <cstdint>
#include <optional>
#include <string>

namespace cifarlab {

// What identifies one version of a dataset source. A file is its size and mtime; a folder is
// the total size and newest mtime of everything under it plus a hash of every entry's relative
// path, size and mtime (so renames, additions and edits anywhere below it all change it).
struct SourceStamp
{
    std::string canonicalPath;
    int64_t size = 0;
    int64_t mtimeNs = 0;
    std::string fingerprint; // empty for files

    bool operator==(const SourceStamp &other) const;
    bool operator!=(const SourceStamp &other) const { return !(*this == other); }
};

// $XDG_CACHE_HOME/cifarlab, by default ~/.cache/cifarlab.
std::string defaultCacheDir();

// The stamp of a file or folder as it is now; nullopt when it does not exist or cannot be read.
std::optional<SourceStamp> sourceStamp(const std::string &sourcePath);

// Where the cache file for this source and options key lives (one file per source + options;
// a changed source overwrites its old file instead of leaving it behind).
std::string cacheFilePath(
    const std::string &cacheDir, const std::string &canonicalPath, const std::string &optionsKey);

// The cached dataset if the cache holds one for exactly this stamp and options key. Missing,
// stale, truncated or corrupt cache files are a miss (nullopt), never an error.
std::optional<Dataset> readCachedDataset(
    const std::string &cacheDir, const SourceStamp &stamp, const std::string &optionsKey);
std::optional<Dataset> readCachedDataset(
    const std::string &cacheDir, const std::string &sourcePath, const std::string &optionsKey);

// Stores the dataset atomically (temporary file, then rename), replacing an older entry for the
// same source and options. Returns false when the cache cannot be written (a cache is optional,
// so this never throws). Pass the stamp taken before the source was read, so that a source
// changed while loading is seen as stale next time.
bool writeCachedDataset(const std::string &cacheDir, const SourceStamp &stamp, const std::string &optionsKey,
    const Dataset &dataset);
bool writeCachedDataset(const std::string &cacheDir, const std::string &sourcePath,
    const std::string &optionsKey, const Dataset &dataset);

} // namespace cifarlab
