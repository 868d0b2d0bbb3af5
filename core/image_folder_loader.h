#pragma once

#include "core/dataset.h"

#include <cstdint>
#include <functional>
#include <string>

namespace cifarlab {

struct ImageFolderOptions
{
    int64_t resize = 0; // 0 = keep native size; all images must then share one size
    int threads = 0; // 0 = all cores
    bool useCache = true;
    std::string cacheDir; // empty = $XDG_CACHE_HOME/cifarlab (default ~/.cache/cifarlab)
    std::function<void(double)> progress; // fraction in [0, 1], called on the calling thread
};

// Loads a torchvision-style ImageFolder: train/<class>/* and test/<class>/*, from a folder or a
// zip (also with one top-level folder inside the zip holding train/ and test/). Classes are the
// sorted class folder names of train/; test must have the same set. Images may also sit in
// subfolders of a class folder. Every image OpenCV decodes is accepted and stored as CHW uint8
// RGB (1 channel only when every image is gray; alpha dropped; EXIF orientation ignored, as
// torchvision does), ordered by class, then path within the class (byte order).
//
// Silently skipped: hidden files and folders (".*", e.g. .DS_Store, ._foo), __MACOSX folders,
// Thumbs.db, desktop.ini and *.txt, *.csv, *.json, *.md, *.xml, *.yaml, *.yml files, and
// everything outside train/ and test/. Anything else is an Error naming the file or entry:
// undecodable, empty or truncated images, files directly in train/ or test/, symlinks, empty
// class folders, images over 10000 px per side or 50 megapixels (checked in the PNG, JPEG, BMP
// and WebP headers before decoding), mixed sizes when resize == 0, and for zips: entry names
// with "..", absolute paths or backslashes, symlink, encrypted or duplicate entries, more than
// 8 GiB declared in total, a compression ratio over 1000:1, and data failing its CRC.
//
// With options.useCache the decoded dataset is kept in the cache dir (see dataset_cache.h) and
// later loads of the unchanged source read it from there.
Dataset loadImageFolder(const std::string &path, const ImageFolderOptions &options = {});

// The options key under which loadImageFolder caches a dataset (see dataset_cache.h); it
// covers every option that changes the decoded pixels.
std::string imageFolderCacheKey(const ImageFolderOptions &options);

// True for a folder with train/ and test/ subfolders, or a zip whose central directory has
// train/ and test/ entries (possibly under one top-level folder). Never throws.
bool looksLikeImageFolder(const std::string &path);

} // namespace cifarlab
