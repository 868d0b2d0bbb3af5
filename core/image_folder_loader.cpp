#include "core/image_folder_loader.h"

#include "core/dataset_cache.h"
#include "core/error.h"
#include "core/image_decode.h"
#include "core/memory_limit.h"
#include "core/path_parts.h"

#include <QBuffer>
#include <QByteArray>
#include <QFile>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/unzip.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <new>
#include <string_view>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace cifarlab {

namespace fs = std::filesystem;

namespace {

constexpr uint64_t kMaxTotalUncompressed = 8ull << 30;
constexpr uint64_t kMaxCompressionRatio = 1000;
constexpr qint64 kMaxInMemoryZip = qint64(1) << 30;
constexpr size_t kChunk = 64; // images per work item handed to a decoder thread
constexpr double kZipReadShare = 0.3; // share of the progress bar spent reading a zip
constexpr const char *kOptionsKeyVersion = "image-folder/1";

[[noreturn]] void fail(const std::string &source, const std::string &what)
{
    throw Error(source + ": " + what);
}

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

// Folders that file managers and archivers sprinkle into datasets.
bool isIgnoredDir(std::string_view name)
{
    return (!name.empty() && name.front() == '.') || name == "__MACOSX";
}

// Well-known companions of image files (metadata, notes, label lists); skipped, not errors.
bool isIgnoredFile(std::string_view name)
{
    if (!name.empty() && name.front() == '.')
        return true;
    const std::string l = lower(name);
    if (l == "thumbs.db" || l == "desktop.ini")
        return true;
    for (const char *ext : {".txt", ".csv", ".json", ".md", ".xml", ".yaml", ".yml"})
        if (endsWith(l, ext))
            return true;
    return false;
}

// ---------------------------------------------------------------------------------------------
// Listing: what images there are, in which class, before anything is decoded.

struct ImageEntry
{
    std::string name; // for messages: path relative to the folder, or the zip entry name
    std::string sortKey; // path below the class folder
    std::string filePath; // folder only: the file to read
    uint64_t offset = 0; // zip only: where its bytes sit in the blob
    uint64_t size = 0; // zip only: declared uncompressed size
    int64_t label = 0;
};

struct SplitListing
{
    std::string dirName; // "train/" or "<top>/test/", for messages
    std::map<std::string, std::vector<ImageEntry>> classes;
};

struct Listing
{
    std::vector<std::string> classNames;
    std::vector<ImageEntry> train;
    std::vector<ImageEntry> test;
};

Listing finishListing(const std::string &source, SplitListing &train, SplitListing &test)
{
    if (train.classes.empty())
        fail(source, train.dirName + ": no class folders");
    for (const SplitListing *split : {&train, &test})
        for (const auto &[name, entries] : split->classes)
            if (entries.empty())
                fail(source, split->dirName + name + "/: empty class folder (no images)");
    for (const auto &[name, entries] : test.classes)
        if (!train.classes.count(name))
            fail(source, test.dirName + name + "/: class folder '" + name + "' is not in " + train.dirName);
    for (const auto &[name, entries] : train.classes)
        if (!test.classes.count(name))
            fail(source,
                test.dirName + ": class folder '" + name + "' is missing (it is in " + train.dirName + ")");

    Listing listing;
    for (SplitListing *split : {&train, &test}) {
        std::vector<ImageEntry> &out = split == &train ? listing.train : listing.test;
        int64_t label = 0;
        // std::map iterates class names in byte order, the same order as Python's sorted().
        for (auto &[name, entries] : split->classes) {
            if (split == &train)
                listing.classNames.push_back(name);
            std::sort(entries.begin(), entries.end(),
                [](const ImageEntry &a, const ImageEntry &b) { return a.sortKey < b.sortKey; });
            for (auto &entry : entries) {
                entry.label = label;
                out.push_back(std::move(entry));
            }
            ++label;
        }
    }
    return listing;
}

void listFolderSplit(
    const std::string &source, const fs::path &root, const std::string &splitName, SplitListing &out)
{
    out.dirName = splitName + "/";
    const fs::path dir = root / splitName;
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(dir, ec);
    if (ec || !fs::exists(status))
        fail(source, "missing " + splitName + "/ folder (expected train/<class>/ and test/<class>/)");
    if (fs::is_symlink(status))
        fail(source, splitName + ": symbolic links are not allowed");
    if (!fs::is_directory(status))
        fail(source, splitName + ": not a folder");

    std::vector<std::string> classDirs;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const std::string rel = out.dirName + name;
        if (!name.empty() && name.front() == '.')
            continue;
        const fs::file_status s = it->symlink_status(ec);
        if (ec)
            break;
        if (fs::is_symlink(s))
            fail(source, rel + ": symbolic links are not allowed");
        if (fs::is_directory(s)) {
            if (!isIgnoredDir(name))
                classDirs.push_back(name);
        } else if (fs::is_regular_file(s)) {
            if (!isIgnoredFile(name))
                fail(source, rel + ": file outside a class folder (expected " + out.dirName + "<class>/)");
        } else {
            fail(source, rel + ": not a regular file or folder");
        }
    }
    if (ec)
        fail(source, out.dirName + ": cannot list the folder: " + ec.message());

    for (const std::string &cls : classDirs) {
        std::vector<ImageEntry> &entries = out.classes[cls];
        const fs::path classDir = dir / cls;
        for (fs::recursive_directory_iterator it(classDir, fs::directory_options::none, ec), end;
             !ec && it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            const std::string below = it->path().lexically_relative(classDir).generic_string();
            const std::string rel = out.dirName + cls + "/" + below;
            const fs::file_status s = it->symlink_status(ec);
            if (ec)
                break;
            if (fs::is_directory(s) && isIgnoredDir(name)) {
                it.disable_recursion_pending();
                continue;
            }
            if (!name.empty() && name.front() == '.')
                continue; // hidden, whatever it is (as in train/ itself)
            if (fs::is_symlink(s))
                fail(source, rel + ": symbolic links are not allowed");
            if (fs::is_directory(s))
                continue;
            if (!fs::is_regular_file(s))
                fail(source, rel + ": not a regular file");
            if (isIgnoredFile(name))
                continue;
            ImageEntry entry;
            entry.name = rel;
            entry.sortKey = below;
            entry.filePath = it->path().string();
            entries.push_back(std::move(entry));
        }
        if (ec)
            fail(source, out.dirName + cls + "/: cannot list the folder: " + ec.message());
    }
}

// A zip opened with QuaZip. With inMemory (and a zip of at most kMaxInMemoryZip bytes) the
// whole file is read first and QuaZip works on a QBuffer: its many tiny reads are then
// memcpys, which makes reading 2.5x faster than through a QFile. (Not mmap: a zip truncated
// by someone else meanwhile would crash the app with SIGBUS.)
class ZipArchive
{
public:
    ZipArchive(const std::string &path, bool inMemory)
    {
        const QString qpath = QString::fromStdString(path);
        QFile file(qpath);
        if (!file.open(QIODevice::ReadOnly))
            throw Error(path + ": cannot open: " + file.errorString().toStdString());
        if (inMemory && file.size() <= kMaxInMemoryZip) {
            m_bytes = file.readAll();
            if (m_bytes.size() != file.size())
                throw Error(path + ": cannot read the file: " + file.errorString().toStdString());
            m_buffer.setBuffer(&m_bytes);
            m_zip = std::make_unique<QuaZip>(&m_buffer);
        } else {
            m_zip = std::make_unique<QuaZip>(qpath);
        }
        if (!m_zip->open(QuaZip::mdUnzip))
            throw Error(path + ": not a zip archive");
        m_fileSize = static_cast<uint64_t>(file.size());
    }
    ZipArchive(const ZipArchive &) = delete;
    ZipArchive &operator=(const ZipArchive &) = delete;

    QuaZip &zip() { return *m_zip; }
    uint64_t fileSize() const { return m_fileSize; }

private:
    uint64_t m_fileSize = 0;
    QByteArray m_bytes;
    QBuffer m_buffer;
    std::unique_ptr<QuaZip> m_zip;
};

struct ZipEntryInfo
{
    std::string name;
    uint64_t size = 0;
    int method = 0;
};

void checkEntryName(const std::string &source, const std::string &name)
{
    if (name.empty())
        fail(source, "zip entry with an empty name");
    if (name.find('\\') != std::string::npos)
        fail(source, name + ": backslash in zip entry name (unsafe path)");
    if (name.front() == '/'
        || (name.size() >= 2 && name[1] == ':' && std::isalpha(static_cast<unsigned char>(name[0]))))
        fail(source, name + ": absolute path in zip entry name");
    if (std::any_of(name.begin(), name.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; }))
        fail(source, name + ": control character in zip entry name");
    const auto parts = splitPath(name);
    for (size_t i = 0; i < parts.size(); ++i) {
        if (parts[i] == "..")
            fail(source, name + ": zip entry name escapes its folder ('..')");
        if (parts[i] == "." || (parts[i].empty() && i + 1 < parts.size()))
            fail(source, name + ": malformed zip entry name (empty or '.' path segment)");
    }
}

bool isAscii(const std::string &s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Reads the central directory once, rejecting unsafe or bomb-like entries before any data is
// read. QuaZip's own unz* layer is used here: QuaZip::getCurrentFileInfo() also builds a
// QDateTime and a name index per entry, which made this pass four times slower.
std::vector<ZipEntryInfo> readCentralDirectory(const std::string &source, QuaZip &zip, uint64_t fileSize)
{
    std::vector<ZipEntryInfo> entries;
    std::unordered_set<std::string> seen;
    uint64_t total = 0;
    uint64_t compressedTotal = 0;
    unzFile handle = zip.getUnzFile();
    unz_file_info64 info;
    std::vector<char> nameBuffer(0x10000); // zip names are at most 65535 bytes
    for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile()) {
        const int rc = unzGetCurrentFileInfo64(
            handle, &info, nameBuffer.data(), static_cast<uLong>(nameBuffer.size()), nullptr, 0, nullptr, 0);
        if (rc != UNZ_OK)
            fail(source, "corrupt zip central directory (zip error " + std::to_string(rc) + ")");
        ZipEntryInfo entry;
        entry.name.assign(nameBuffer.data(), std::min<size_t>(info.size_filename, nameBuffer.size()));
        // Names not flagged as UTF-8 are in the legacy code page; QuaZip knows how to decode it.
        if (!(info.flag & UNZ_ENCODING_UTF8) && !isAscii(entry.name))
            entry.name = zip.getCurrentFileName().toStdString();
        entry.size = info.uncompressed_size;
        entry.method = static_cast<int>(info.compression_method);
        checkEntryName(source, entry.name);
        if (!seen.insert(entry.name).second)
            fail(source, entry.name + ": duplicate zip entry");
        // The high 16 bits of the external attributes are the Unix mode (S_IFLNK = 0120000).
        if (((info.external_fa >> 16) & 0170000) == 0120000)
            fail(source, entry.name + ": symbolic link entries are not allowed");
        if (info.flag & 1)
            fail(source, entry.name + ": encrypted zip entries are not supported");
        total += entry.size;
        if (total > kMaxTotalUncompressed)
            fail(source,
                "zip declares more than " + std::to_string(kMaxTotalUncompressed >> 30)
                    + " GiB of uncompressed data (zip bomb?)");
        if (entry.size > 0
            && (info.compressed_size == 0
                || double(entry.size) / double(info.compressed_size) > double(kMaxCompressionRatio)))
            fail(source,
                entry.name + ": compression ratio "
                    + std::to_string(entry.size / std::max<uint64_t>(info.compressed_size, 1))
                    + ":1 is over the " + std::to_string(kMaxCompressionRatio) + ":1 limit (zip bomb?)");
        compressedTotal += info.compressed_size;
        entries.push_back(std::move(entry));
    }
    if (zip.getZipError() != UNZ_OK && zip.getZipError() != UNZ_END_OF_LIST_OF_FILE)
        fail(source, "corrupt zip central directory (zip error " + std::to_string(zip.getZipError()) + ")");
    // Sizes are only believed if the data can be in the file: with the ratio limit this bounds
    // what the loader allocates by the file size.
    if (compressedTotal > fileSize)
        fail(source,
            "corrupt zip: its entries declare " + std::to_string(compressedTotal)
                + " bytes of compressed data but the file has " + std::to_string(fileSize));
    return entries;
}

// Finds the folder inside a zip that holds train/ and test/: the root, or one top-level folder.
class ZipRootFinder
{
public:
    void add(std::string_view name)
    {
        const size_t first = name.find('/');
        if (first == std::string_view::npos)
            return;
        const std::string_view top = name.substr(0, first);
        if (top == "train" || top == "test") {
            (top == "train" ? m_rootTrain : m_rootTest) = true;
            return;
        }
        const size_t second = name.find('/', first + 1);
        if (second == std::string_view::npos || isIgnoredDir(top))
            return;
        const std::string_view split = name.substr(first + 1, second - first - 1);
        if (split == "train" || split == "test") {
            auto &seen = m_tops[std::string(top)];
            (split == "train" ? seen.first : seen.second) = true;
        }
    }

    bool rootComplete() const { return m_rootTrain && m_rootTest; }

    // "" or "<top>/"; found tells whether both train/ and test/ are in it. When not found, the
    // returned root is the best guess for the error message.
    std::string root(bool &found) const
    {
        if (m_rootTrain || m_rootTest) {
            found = rootComplete();
            return "";
        }
        std::vector<std::string> complete;
        for (const auto &[top, seen] : m_tops)
            if (seen.first && seen.second)
                complete.push_back(top + "/");
        found = complete.size() == 1;
        if (found)
            return complete.front();
        return m_tops.size() == 1 ? m_tops.begin()->first + "/" : "";
    }

private:
    bool m_rootTrain = false;
    bool m_rootTest = false;
    std::map<std::string, std::pair<bool, bool>> m_tops; // top folder -> (has train/, has test/)
};

// ---------------------------------------------------------------------------------------------
// Decoding on all cores.

class Decoder
{
public:
    Decoder(const std::string &source, const std::vector<const ImageEntry *> &order, const char *blob,
        int64_t resize)
        : m_source(source)
        , m_order(order)
        , m_blob(blob)
        , m_resize(resize)
    { }

    // Thread-local scratch reused from image to image.
    struct Scratch
    {
        cv::Mat decoded;
        cv::Mat resized;
        std::vector<char> file;
        bool anyColor = false;
    };

    // Decodes image i (and resizes it when asked); throws Error naming it.
    const cv::Mat &decode(size_t i, Scratch &s) const
    {
        const ImageEntry &entry = *m_order[i];
        const char *data = nullptr;
        size_t size = 0;
        if (m_blob) {
            data = m_blob + entry.offset;
            size = static_cast<size_t>(entry.size);
        } else {
            readFile(entry, s.file);
            data = s.file.data();
            size = s.file.size();
        }
        try {
            decodeImageBytes(data, size, entry.name, s.decoded);
        } catch (const Error &e) {
            fail(m_source, e.what());
        }
        if (s.decoded.channels() == 3)
            s.anyColor = true;
        if (m_resize > 0 && (s.decoded.cols != m_resize || s.decoded.rows != m_resize)) {
            cv::resize(s.decoded, s.resized, cv::Size(int(m_resize), int(m_resize)), 0, 0, cv::INTER_AREA);
            return s.resized;
        }
        return s.decoded;
    }

    // Decodes everything into 3-channel CHW buffers (gray replicated) and returns whether any
    // image had colour; if none had, the caller drops to one channel. img0 is image 0, already
    // decoded by the caller to size the outputs; its size is the one every image must have.
    bool run(int threads, const cv::Mat &img0, bool img0Color, uint8_t *trainOut, uint8_t *testOut,
        size_t trainCount, const std::function<void(double)> &progress, double progressBase)
    {
        const size_t n = m_order.size();
        m_height = img0.rows;
        m_width = img0.cols;
        m_trainOut = trainOut;
        m_testOut = testOut;
        m_trainCount = trainCount;
        store(0, img0);

        std::atomic<size_t> next {1};
        std::atomic<size_t> done {1};
        std::atomic<size_t> firstError {std::numeric_limits<size_t>::max()};
        struct WorkerResult
        {
            size_t errorIndex = std::numeric_limits<size_t>::max();
            std::string error;
            bool anyColor = false;
        };
        const size_t workers = std::max<size_t>(1, std::min<size_t>(threads, (n + kChunk - 1) / kChunk));
        std::vector<WorkerResult> results(workers);

        auto work = [&](size_t w, bool report) {
            Scratch s;
            WorkerResult &r = results[w];
            while (true) {
                const size_t begin = next.fetch_add(kChunk);
                if (begin >= n || begin > firstError.load())
                    break;
                const size_t end = std::min(n, begin + kChunk);
                for (size_t i = begin; i < end; ++i) {
                    // Images after a failed one are not needed: only the first error is reported.
                    if (i > firstError.load(std::memory_order_relaxed))
                        break;
                    try {
                        store(i, decode(i, s));
                    } catch (const std::exception &e) {
                        if (i < r.errorIndex) {
                            r.errorIndex = i;
                            r.error = dynamic_cast<const Error *>(&e)
                                ? std::string(e.what())
                                : m_source + ": " + m_order[i]->name + ": " + e.what();
                        }
                        size_t current = firstError.load();
                        while (i < current && !firstError.compare_exchange_weak(current, i)) { }
                        break;
                    }
                }
                const size_t total = done.fetch_add(end - begin) + (end - begin);
                if (report && progress)
                    progress(progressBase + (1.0 - progressBase) * double(std::min(total, n)) / double(n));
            }
            r.anyColor = s.anyColor;
        };

        std::vector<std::thread> pool;
        try {
            for (size_t w = 1; w < workers; ++w)
                pool.emplace_back(work, w, false);
        } catch (const std::system_error &) {
            // No more threads to be had: the ones running (and this one) share all the work.
        }
        std::exception_ptr mainError;
        try {
            work(0, true);
        } catch (...) {
            // Only the progress callback can throw here; the workers must still be joined.
            firstError.store(0);
            mainError = std::current_exception();
        }
        for (auto &t : pool)
            t.join();
        if (mainError)
            std::rethrow_exception(mainError);

        bool anyColor = img0Color;
        const WorkerResult *failed = nullptr;
        for (const auto &r : results) {
            anyColor = anyColor || r.anyColor;
            if (r.errorIndex != std::numeric_limits<size_t>::max()
                && (!failed || r.errorIndex < failed->errorIndex))
                failed = &r;
        }
        if (failed)
            throw Error(failed->error);
        return anyColor;
    }

private:
    void readFile(const ImageEntry &entry, std::vector<char> &buffer) const
    {
        std::FILE *f = std::fopen(entry.filePath.c_str(), "rb");
        if (!f)
            fail(m_source, entry.name + ": cannot open the file: " + std::generic_category().message(errno));
        std::unique_ptr<std::FILE, int (*)(std::FILE *)> guard(f, &std::fclose);
        if (std::fseek(f, 0, SEEK_END) != 0)
            fail(m_source, entry.name + ": cannot read the file");
        const long size = std::ftell(f);
        if (size < 0 || std::fseek(f, 0, SEEK_SET) != 0)
            fail(m_source, entry.name + ": cannot read the file");
        if (static_cast<uint64_t>(size) > kMaxImageFileBytes)
            fail(m_source,
                entry.name + ": file of " + std::to_string(size) + " bytes is too large for an image");
        buffer.resize(static_cast<size_t>(size));
        if (size > 0 && std::fread(buffer.data(), 1, buffer.size(), f) != buffer.size())
            fail(m_source, entry.name + ": cannot read the file (changed while loading?)");
    }

    void store(size_t i, const cv::Mat &img) const
    {
        const ImageEntry &entry = *m_order[i];
        if (img.rows != m_height || img.cols != m_width)
            fail(m_source,
                entry.name + ": " + imageSizeText(img.cols, img.rows) + ", expected " + imageSizeText(m_width, m_height)
                    + " like " + m_order[0]->name + "; pass a resize size");
        const size_t plane = static_cast<size_t>(m_height * m_width);
        uint8_t *dst
            = i < m_trainCount ? m_trainOut + i * 3 * plane : m_testOut + (i - m_trainCount) * 3 * plane;
        uint8_t *r = dst;
        uint8_t *g = dst + plane;
        uint8_t *b = dst + 2 * plane;
        const int width = img.cols;
        for (int y = 0; y < img.rows; ++y) {
            const uint8_t *row = img.ptr<uint8_t>(y);
            const size_t o = static_cast<size_t>(y) * width;
            if (img.channels() == 1) {
                std::memcpy(r + o, row, width);
                std::memcpy(g + o, row, width);
                std::memcpy(b + o, row, width);
            } else {
                // OpenCV decodes to BGR.
                for (int x = 0; x < width; ++x) {
                    b[o + x] = row[3 * x];
                    g[o + x] = row[3 * x + 1];
                    r[o + x] = row[3 * x + 2];
                }
            }
        }
    }

    const std::string &m_source;
    const std::vector<const ImageEntry *> &m_order;
    const char *m_blob;
    int64_t m_resize;
    int64_t m_height = 0;
    int64_t m_width = 0;
    uint8_t *m_trainOut = nullptr;
    uint8_t *m_testOut = nullptr;
    size_t m_trainCount = 0;
};

// Keeps plane 0 of every 3-plane image: used when every image turned out gray.
void dropToGray(ImageSplit &split)
{
    const size_t plane = static_cast<size_t>(split.height * split.width);
    std::vector<uint8_t> gray(static_cast<size_t>(split.count) * plane);
    for (int64_t i = 0; i < split.count; ++i)
        std::memcpy(gray.data() + i * plane, split.images.data() + i * 3 * plane, plane);
    split.images = std::move(gray);
    split.channels = 1;
}

Dataset decodeListing(const std::string &source, Listing &listing, const char *blob,
    const ImageFolderOptions &options, double progressBase)
{
    std::vector<const ImageEntry *> order;
    order.reserve(listing.train.size() + listing.test.size());
    for (const auto &e : listing.train)
        order.push_back(&e);
    for (const auto &e : listing.test)
        order.push_back(&e);

    Dataset dataset;
    dataset.format = "image-folder";
    dataset.source = source;
    dataset.classNames = listing.classNames;

    int threads
        = options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
    threads = std::max(threads, 1);

    // The size is known once the first image is decoded (or fixed by resize); decode it first,
    // then size the outputs and decode the rest in parallel straight into them.
    Decoder decoder(source, order, blob, options.resize);
    Decoder::Scratch first;
    const cv::Mat &img0 = decoder.decode(0, first);
    const int64_t height = img0.rows;
    const int64_t width = img0.cols;
    const size_t plane = static_cast<size_t>(height * width);
    const int64_t imageCount = static_cast<int64_t>(listing.train.size() + listing.test.size());
    checkMemory(imageCount * (3 * height * width + int64_t(sizeof(int64_t))),
        source + ": " + std::to_string(imageCount) + " images of " + std::to_string(width) + "x" + std::to_string(height));
    for (ImageSplit *split : {&dataset.train, &dataset.test}) {
        const std::vector<ImageEntry> &entries = split == &dataset.train ? listing.train : listing.test;
        split->count = static_cast<int64_t>(entries.size());
        split->channels = 3;
        split->height = height;
        split->width = width;
        split->images.resize(entries.size() * 3 * plane);
        split->labels.reserve(entries.size());
        for (const auto &e : entries)
            split->labels.push_back(e.label);
    }
    const bool anyColor = decoder.run(threads, img0, first.anyColor, dataset.train.images.data(),
        dataset.test.images.data(), listing.train.size(), options.progress, progressBase);
    if (!anyColor) {
        dropToGray(dataset.train);
        dropToGray(dataset.test);
    }
    return dataset;
}

Dataset loadFromFolder(const std::string &source, const ImageFolderOptions &options)
{
    const fs::path root(source);
    SplitListing train, test;
    listFolderSplit(source, root, "train", train);
    listFolderSplit(source, root, "test", test);
    Listing listing = finishListing(source, train, test);
    return decodeListing(source, listing, nullptr, options, 0.0);
}

// Reads the bytes of every entry that byIndex points at (by central-directory index) to the
// entry's place in blob.
void readZipEntries(const std::string &source, QuaZip &zip, const std::vector<ImageEntry *> &byIndex,
    char *blob, size_t total, const std::function<void(double)> &progress)
{
    // QuaZip reads sequentially: one pass over the central directory in file order, one
    // QuaZipFile reused for every entry.
    QuaZipFile file(&zip);
    size_t readCount = 0;
    size_t index = 0;
    for (bool more = zip.goToFirstFile(); more && readCount < total; more = zip.goToNextFile(), ++index) {
        ImageEntry *e = index < byIndex.size() ? byIndex[index] : nullptr;
        if (!e)
            continue;
        if (!file.open(QIODevice::ReadOnly))
            fail(source,
                e->name + ": cannot read the zip entry (zip error " + std::to_string(file.getZipError())
                    + ")");
        char *dst = blob + e->offset;
        uint64_t got = 0;
        // Never more than the declared size, whatever the data stream claims.
        while (got < e->size) {
            const qint64 n = file.read(dst + got, static_cast<qint64>(e->size - got));
            if (n <= 0)
                break;
            got += static_cast<uint64_t>(n);
        }
        file.close();
        if (got != e->size)
            fail(source,
                e->name + ": truncated zip entry (" + std::to_string(got) + " of " + std::to_string(e->size)
                    + " bytes)");
        if (file.getZipError() != UNZ_OK)
            fail(source,
                e->name + ": corrupt zip entry ("
                    + (file.getZipError() == UNZ_CRCERROR ? std::string("CRC mismatch")
                                                          : "zip error " + std::to_string(file.getZipError()))
                    + ")");
        ++readCount;
        if (progress && readCount % 2048 == 0)
            progress(kZipReadShare * double(readCount) / double(total));
    }
    if (readCount != total)
        fail(source,
            "corrupt zip archive: " + std::to_string(total - readCount) + " entries could not be reached");
}

Dataset loadFromZip(const std::string &source, const ImageFolderOptions &options)
{
    auto archive = std::make_unique<ZipArchive>(source, true);
    QuaZip &zip = archive->zip();
    const std::vector<ZipEntryInfo> entries = readCentralDirectory(source, zip, archive->fileSize());

    ZipRootFinder finder;
    for (const auto &e : entries)
        finder.add(e.name);
    bool found = false;
    const std::string root = finder.root(found);
    if (!found) {
        bool hasTrain = false;
        for (const auto &e : entries)
            hasTrain = hasTrain || startsWith(e.name, root + "train/");
        fail(source,
            std::string("missing ") + root + (hasTrain ? "test/" : "train/")
                + " folder in the zip (expected train/<class>/ and test/<class>/)");
    }

    SplitListing train, test;
    train.dirName = root + "train/";
    test.dirName = root + "test/";
    std::vector<size_t> wanted; // central-directory indexes of the images to read
    for (size_t i = 0; i < entries.size(); ++i) {
        const ZipEntryInfo &e = entries[i];
        if (!startsWith(e.name, root))
            continue;
        const std::string_view rest = std::string_view(e.name).substr(root.size());
        const auto parts = splitPath(rest);
        if (parts[0] != "train" && parts[0] != "test")
            continue;
        SplitListing &split = parts[0] == "train" ? train : test;
        const bool isDir = parts.back().empty();
        const size_t depth = isDir ? parts.size() - 1 : parts.size(); // named segments
        if (std::any_of(parts.begin() + 1, parts.end() - (isDir ? 1 : 0),
                [](std::string_view p) { return isIgnoredDir(p); }))
            continue;
        if (!isDir && isIgnoredFile(parts.back())) {
            if (depth >= 3)
                split.classes[std::string(parts[1])]; // the class folder exists, even if only with junk
            continue;
        }
        if (depth < 2)
            continue;
        if (depth == 2 && !isDir)
            fail(source, e.name + ": file outside a class folder (expected " + split.dirName + "<class>/)");
        std::vector<ImageEntry> &cls = split.classes[std::string(parts[1])];
        if (isDir)
            continue;
        if (e.method != 0 && e.method != Z_DEFLATED)
            fail(source,
                e.name + ": compression method " + std::to_string(e.method)
                    + " is not supported (only stored and deflate)");
        if (e.size > kMaxImageFileBytes)
            fail(
                source, e.name + ": entry of " + std::to_string(e.size) + " bytes is too large for an image");
        ImageEntry entry;
        entry.name = e.name;
        entry.sortKey = e.name.substr(split.dirName.size() + parts[1].size() + 1);
        entry.size = e.size;
        cls.push_back(std::move(entry));
        wanted.push_back(i);
    }
    Listing listing = finishListing(source, train, test);

    // Map central-directory index -> entry in the final, sorted order, and lay the bytes out
    // in one blob (one allocation for all entries).
    std::vector<ImageEntry *> byIndex(entries.size(), nullptr);
    {
        std::unordered_map<std::string_view, ImageEntry *> byName;
        byName.reserve(listing.train.size() + listing.test.size());
        for (auto *list : {&listing.train, &listing.test})
            for (auto &e : *list)
                byName.emplace(e.name, &e);
        for (size_t i : wanted)
            byIndex[i] = byName.at(entries[i].name);
    }
    uint64_t blobSize = 0;
    for (ImageEntry *e : byIndex)
        if (e) {
            e->offset = blobSize;
            blobSize += e->size;
        }
    std::unique_ptr<char[]> blob(new char[std::max<uint64_t>(blobSize, 1)]);

    readZipEntries(source, zip, byIndex, blob.get(), wanted.size(), options.progress);
    archive.reset(); // its copy of the zip is not needed while decoding
    return decodeListing(source, listing, blob.get(), options, kZipReadShare);
}

std::string datasetName(const std::string &path, bool isZip)
{
    std::error_code ec;
    fs::path p = fs::absolute(fs::path(path), ec);
    if (ec)
        p = fs::path(path);
    p = p.lexically_normal();
    if (!p.has_filename()) // "data/cifar/"
        p = p.parent_path();
    std::string name = p.filename().string();
    if (isZip && endsWith(lower(name), ".zip"))
        name.resize(name.size() - 4);
    return name;
}

} // namespace

std::string imageFolderCacheKey(const ImageFolderOptions &options)
{
    return std::string(kOptionsKeyVersion) + " resize=" + std::to_string(options.resize);
}

Dataset loadImageFolder(const std::string &path, const ImageFolderOptions &options)
{
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        throw Error(path + ": no such file or folder");
    if (options.resize < 0 || options.resize > kMaxImageSide)
        throw Error(path + ": resize " + std::to_string(options.resize) + " is out of range (0 to "
            + std::to_string(kMaxImageSide) + ")");
    const bool isFolder = fs::is_directory(status);
    const std::string optionsKey = imageFolderCacheKey(options);

    std::optional<SourceStamp> stamp;
    std::string cacheDir;
    if (options.useCache) {
        cacheDir = options.cacheDir.empty() ? defaultCacheDir() : options.cacheDir;
        // Taken before reading, so a source changed while loading is stale next time.
        stamp = sourceStamp(path);
        if (stamp) {
            if (auto cached = readCachedDataset(cacheDir, *stamp, optionsKey)) {
                cached->source = path; // the same file may have been reached by another path
                cached->name = datasetName(path, !isFolder);
                if (options.progress)
                    options.progress(1.0);
                return std::move(*cached);
            }
        }
    }

    Dataset dataset;
    try {
        dataset = isFolder ? loadFromFolder(path, options) : loadFromZip(path, options);
    } catch (const std::bad_alloc &) {
        throw Error(path + ": not enough memory to load the dataset");
    }
    dataset.name = datasetName(path, !isFolder);
    if (stamp)
        writeCachedDataset(
            cacheDir, *stamp, optionsKey, dataset); // a cache that cannot be written is no error
    if (options.progress)
        options.progress(1.0);
    return dataset;
}

bool looksLikeImageFolder(const std::string &path)
{
    try {
        std::error_code ec;
        const fs::file_status status = fs::status(path, ec);
        if (ec)
            return false;
        if (fs::is_directory(status))
            return fs::is_directory(fs::path(path) / "train", ec)
                && fs::is_directory(fs::path(path) / "test", ec);
        if (!fs::is_regular_file(status))
            return false;
        ZipArchive archive(path, false); // only names are needed
        QuaZip &zip = archive.zip();
        ZipRootFinder finder;
        std::vector<char> name(0x10000);
        unz_file_info64 info;
        for (bool more = zip.goToFirstFile(); more && !finder.rootComplete(); more = zip.goToNextFile()) {
            if (unzGetCurrentFileInfo64(zip.getUnzFile(), &info, name.data(), static_cast<uLong>(name.size()),
                    nullptr, 0, nullptr, 0)
                != UNZ_OK)
                return false;
            finder.add(std::string_view(name.data(), std::min<size_t>(info.size_filename, name.size())));
        }
        bool found = false;
        finder.root(found);
        return found;
    } catch (...) {
        return false;
    }
}

} // namespace cifarlab
