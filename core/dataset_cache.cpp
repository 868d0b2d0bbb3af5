#include "core/dataset_cache.h"

#include "core/memory_limit.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <limits>
#include <system_error>
#include <vector>

namespace cifarlab {

namespace fs = std::filesystem;

namespace {

constexpr char kMagic[8] = {'C', 'I', 'F', 'L', 'A', 'B', 'D', 'S'};
constexpr uint32_t kVersion = 1;
constexpr uint32_t kEndianTag = 0x01020304; // a cache written on another byte order is a miss
constexpr qint64 kPrefixBytes = 8 + 4 + 4 + 8 + 4; // magic, version, endian tag, header size, header crc
constexpr uint64_t kMaxHeaderBytes = 64ull << 20;
// zlib's crc32 takes a uInt length, so long blocks are fed in pieces.
constexpr size_t kCrcPiece = 1u << 30;

uint32_t crcUpdate(uint32_t crc, const void *data, size_t size)
{
    auto bytes = static_cast<const Bytef *>(data);
    while (size > 0) {
        const size_t piece = std::min(size, kCrcPiece);
        crc = static_cast<uint32_t>(crc32(crc, bytes, static_cast<uInt>(piece)));
        bytes += piece;
        size -= piece;
    }
    return crc;
}

class Writer
{
public:
    template<typename T> void pod(T value)
    {
        m_bytes.append(reinterpret_cast<const char *>(&value), sizeof(T));
    }
    void str(const std::string &s)
    {
        pod<uint32_t>(static_cast<uint32_t>(s.size()));
        m_bytes.append(s.data(), static_cast<qsizetype>(s.size()));
    }
    void strings(const std::vector<std::string> &list)
    {
        pod<uint32_t>(static_cast<uint32_t>(list.size()));
        for (const auto &s : list)
            str(s);
    }
    const QByteArray &bytes() const { return m_bytes; }

private:
    QByteArray m_bytes;
};

// Bounds-checked reader over the header; any overrun flags the whole file as corrupt.
class Reader
{
public:
    explicit Reader(const QByteArray &bytes)
        : m_data(bytes.constData())
        , m_size(static_cast<size_t>(bytes.size()))
    { }
    template<typename T> T pod()
    {
        T value {};
        if (m_size - m_pos < sizeof(T)) {
            m_ok = false;
            return value;
        }
        std::memcpy(&value, m_data + m_pos, sizeof(T));
        m_pos += sizeof(T);
        return value;
    }
    std::string str()
    {
        const auto length = pod<uint32_t>();
        if (!m_ok || m_size - m_pos < length) {
            m_ok = false;
            return {};
        }
        std::string s(m_data + m_pos, length);
        m_pos += length;
        return s;
    }
    std::vector<std::string> strings()
    {
        const auto count = pod<uint32_t>();
        std::vector<std::string> list;
        for (uint32_t i = 0; m_ok && i < count; ++i)
            list.push_back(str());
        return list;
    }
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_pos == m_size; }

private:
    const char *m_data;
    size_t m_size;
    size_t m_pos = 0;
    bool m_ok = true;
};

struct SplitLayout
{
    int64_t count = 0, channels = 0, height = 0, width = 0;
    uint64_t imageBytes = 0, labelCount = 0, coarseCount = 0;
};

bool splitConsistent(const ImageSplit &split)
{
    if (split.count < 0 || split.channels < 0 || split.height < 0 || split.width < 0)
        return false;
    const auto count = static_cast<uint64_t>(split.count);
    return split.images.size() == count * static_cast<uint64_t>(split.imageBytes())
        && split.labels.size() == count && (split.coarseLabels.empty() || split.coarseLabels.size() == count);
}

void writeLayout(Writer &w, const ImageSplit &split)
{
    w.pod<int64_t>(split.count);
    w.pod<int64_t>(split.channels);
    w.pod<int64_t>(split.height);
    w.pod<int64_t>(split.width);
    w.pod<uint64_t>(split.images.size());
    w.pod<uint64_t>(split.labels.size());
    w.pod<uint64_t>(split.coarseLabels.size());
}

SplitLayout readLayout(Reader &r)
{
    SplitLayout l;
    l.count = r.pod<int64_t>();
    l.channels = r.pod<int64_t>();
    l.height = r.pod<int64_t>();
    l.width = r.pod<int64_t>();
    l.imageBytes = r.pod<uint64_t>();
    l.labelCount = r.pod<uint64_t>();
    l.coarseCount = r.pod<uint64_t>();
    return l;
}

// The header's numbers must agree with each other and fit in the file; otherwise it is corrupt.
bool layoutValid(const SplitLayout &l, uint64_t fileBytes)
{
    constexpr int64_t kMaxDim = 1 << 20;
    if (l.count < 0 || l.channels < 0 || l.channels > 4 || l.height < 0 || l.height > kMaxDim || l.width < 0
        || l.width > kMaxDim)
        return false;
    const auto count = static_cast<uint64_t>(l.count);
    if (count > fileBytes || l.labelCount != count || (l.coarseCount != 0 && l.coarseCount != count))
        return false;
    const uint64_t perImage = static_cast<uint64_t>(l.channels * l.height * l.width);
    if (perImage != 0 && count > fileBytes / perImage)
        return false;
    return l.imageBytes == count * perImage;
}

uint64_t layoutDataBytes(const SplitLayout &l)
{
    return l.imageBytes + (l.labelCount + l.coarseCount) * sizeof(int64_t);
}

bool readBlock(QFile &file, void *data, uint64_t bytes, uint32_t &crc)
{
    auto out = static_cast<char *>(data);
    uint64_t done = 0;
    while (done < bytes) {
        const qint64 got = file.read(out + done, static_cast<qint64>(bytes - done));
        if (got <= 0)
            return false;
        done += static_cast<uint64_t>(got);
    }
    crc = crcUpdate(crc, data, bytes);
    return true;
}

bool readSplit(QFile &file, const SplitLayout &l, ImageSplit &split, int64_t numClasses, int64_t numCoarse,
    uint32_t &crc)
{
    split.count = l.count;
    split.channels = l.channels;
    split.height = l.height;
    split.width = l.width;
    split.images.resize(l.imageBytes);
    split.labels.resize(l.labelCount);
    split.coarseLabels.resize(l.coarseCount);
    if (!readBlock(file, split.images.data(), l.imageBytes, crc)
        || !readBlock(file, split.labels.data(), l.labelCount * sizeof(int64_t), crc)
        || !readBlock(file, split.coarseLabels.data(), l.coarseCount * sizeof(int64_t), crc))
        return false;
    // A label outside the class list means the file is damaged (a dataset without class names
    // cannot be checked this way).
    const auto outOfRange = [](const std::vector<int64_t> &labels, int64_t limit) {
        return limit > 0
            && std::any_of(labels.begin(), labels.end(), [limit](int64_t v) { return v < 0 || v >= limit; });
    };
    return !outOfRange(split.labels, numClasses) && !outOfRange(split.coarseLabels, numCoarse);
}

uint32_t splitCrc(uint32_t crc, const ImageSplit &split)
{
    crc = crcUpdate(crc, split.images.data(), split.images.size());
    crc = crcUpdate(crc, split.labels.data(), split.labels.size() * sizeof(int64_t));
    return crcUpdate(crc, split.coarseLabels.data(), split.coarseLabels.size() * sizeof(int64_t));
}

bool writeAll(QSaveFile &file, const void *data, uint64_t bytes)
{
    auto in = static_cast<const char *>(data);
    uint64_t done = 0;
    while (done < bytes) {
        const qint64 wrote = file.write(in + done, static_cast<qint64>(bytes - done));
        if (wrote <= 0)
            return false;
        done += static_cast<uint64_t>(wrote);
    }
    return true;
}

bool writeSplit(QSaveFile &file, const ImageSplit &split)
{
    return writeAll(file, split.images.data(), split.images.size())
        && writeAll(file, split.labels.data(), split.labels.size() * sizeof(int64_t))
        && writeAll(file, split.coarseLabels.data(), split.coarseLabels.size() * sizeof(int64_t));
}

int64_t toNs(fs::file_time_type time)
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
}

std::optional<SourceStamp> folderStamp(const fs::path &root, SourceStamp stamp)
{
    std::error_code ec;
    std::vector<std::string> lines;
    int64_t newest = toNs(fs::last_write_time(root, ec));
    if (ec)
        return std::nullopt;
    int64_t total = 0;
    // Symlinks are not followed: the loader rejects them anyway, and following could loop.
    for (fs::recursive_directory_iterator it(root, fs::directory_options::none, ec), end; !ec && it != end;
         it.increment(ec)) {
        const fs::directory_entry &entry = *it;
        std::string line = entry.path().lexically_relative(root).generic_string();
        const fs::file_status status = entry.symlink_status(ec);
        if (ec)
            return std::nullopt;
        if (fs::is_symlink(status)) {
            line += "\tL\t" + fs::read_symlink(entry.path(), ec).generic_string();
        } else {
            const int64_t mtime = toNs(entry.last_write_time(ec));
            if (ec)
                return std::nullopt;
            newest = std::max(newest, mtime);
            line += "\t" + std::to_string(mtime);
            if (fs::is_regular_file(status)) {
                const auto size = static_cast<int64_t>(entry.file_size(ec));
                total += size;
                line += "\t" + std::to_string(size);
            }
        }
        if (ec)
            return std::nullopt;
        lines.push_back(std::move(line));
    }
    if (ec)
        return std::nullopt;
    std::sort(lines.begin(), lines.end());
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (const auto &line : lines) {
        hash.addData(QByteArrayView(line.data(), static_cast<qsizetype>(line.size())));
        hash.addData(QByteArrayView("\n", 1));
    }
    stamp.size = total;
    stamp.mtimeNs = newest;
    stamp.fingerprint = std::to_string(lines.size()) + ":" + hash.result().toHex().toStdString();
    return stamp;
}

} // namespace

bool SourceStamp::operator==(const SourceStamp &other) const
{
    return canonicalPath == other.canonicalPath && size == other.size && mtimeNs == other.mtimeNs
        && fingerprint == other.fingerprint;
}

std::string defaultCacheDir()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.cache");
    return (base + QStringLiteral("/cifarlab")).toStdString();
}

std::optional<SourceStamp> sourceStamp(const std::string &sourcePath)
{
    std::error_code ec;
    const fs::path canonical = fs::canonical(fs::path(sourcePath), ec);
    if (ec)
        return std::nullopt;
    SourceStamp stamp;
    stamp.canonicalPath = canonical.string();
    const fs::file_status status = fs::status(canonical, ec);
    if (ec)
        return std::nullopt;
    if (fs::is_directory(status))
        return folderStamp(canonical, stamp);
    if (!fs::is_regular_file(status))
        return std::nullopt;
    stamp.size = static_cast<int64_t>(fs::file_size(canonical, ec));
    if (ec)
        return std::nullopt;
    stamp.mtimeNs = toNs(fs::last_write_time(canonical, ec));
    if (ec)
        return std::nullopt;
    return stamp;
}

std::string cacheFilePath(
    const std::string &cacheDir, const std::string &canonicalPath, const std::string &optionsKey)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(QByteArrayView(canonicalPath.data(), static_cast<qsizetype>(canonicalPath.size())));
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(QByteArrayView(optionsKey.data(), static_cast<qsizetype>(optionsKey.size())));
    return cacheDir + "/dataset-" + hash.result().toHex().left(32).toStdString() + ".bin";
}

std::optional<Dataset> readCachedDataset(
    const std::string &cacheDir, const SourceStamp &stamp, const std::string &optionsKey)
{
    try {
        QFile file(QString::fromStdString(cacheFilePath(cacheDir, stamp.canonicalPath, optionsKey)));
        if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
            return std::nullopt;
        const auto fileBytes = static_cast<uint64_t>(file.size());

        char prefix[kPrefixBytes];
        if (file.read(prefix, kPrefixBytes) != kPrefixBytes
            || std::memcmp(prefix, kMagic, sizeof(kMagic)) != 0)
            return std::nullopt;
        uint32_t version = 0, endian = 0, headerCrc = 0;
        uint64_t headerBytes = 0;
        std::memcpy(&version, prefix + 8, 4);
        std::memcpy(&endian, prefix + 12, 4);
        std::memcpy(&headerBytes, prefix + 16, 8);
        std::memcpy(&headerCrc, prefix + 24, 4);
        if (version != kVersion || endian != kEndianTag || headerBytes > kMaxHeaderBytes
            || headerBytes > fileBytes - kPrefixBytes)
            return std::nullopt;
        const QByteArray header = file.read(static_cast<qint64>(headerBytes));
        if (static_cast<uint64_t>(header.size()) != headerBytes
            || crcUpdate(0, header.constData(), headerBytes) != headerCrc)
            return std::nullopt;

        Reader r(header);
        SourceStamp stored;
        stored.canonicalPath = r.str();
        stored.size = r.pod<int64_t>();
        stored.mtimeNs = r.pod<int64_t>();
        stored.fingerprint = r.str();
        const std::string storedOptions = r.str();
        if (!r.ok() || stored != stamp || storedOptions != optionsKey)
            return std::nullopt; // stale: the caller reloads and overwrites this file

        Dataset dataset;
        dataset.name = r.str();
        dataset.format = r.str();
        dataset.source = r.str();
        dataset.classNames = r.strings();
        dataset.coarseClassNames = r.strings();
        const SplitLayout train = readLayout(r);
        const SplitLayout test = readLayout(r);
        const auto dataCrc = r.pod<uint32_t>();
        if (!r.ok() || !r.atEnd() || !layoutValid(train, fileBytes) || !layoutValid(test, fileBytes))
            return std::nullopt;
        if (kPrefixBytes + headerBytes + layoutDataBytes(train) + layoutDataBytes(test) != fileBytes)
            return std::nullopt;
        // Inside the try on purpose: a cache over the limit is simply not used, and the source
        // load that follows reports the limit against the user's own file.
        checkMemory(static_cast<int64_t>(layoutDataBytes(train) + layoutDataBytes(test)), stored.canonicalPath);

        uint32_t crc = 0;
        if (!readSplit(file, train, dataset.train, dataset.numClasses(),
                static_cast<int64_t>(dataset.coarseClassNames.size()), crc)
            || !readSplit(file, test, dataset.test, dataset.numClasses(),
                static_cast<int64_t>(dataset.coarseClassNames.size()), crc)
            || crc != dataCrc)
            return std::nullopt;
        return dataset;
    } catch (...) {
        // Out of memory for a bogus header or the like: still just a miss.
        return std::nullopt;
    }
}

std::optional<Dataset> readCachedDataset(
    const std::string &cacheDir, const std::string &sourcePath, const std::string &optionsKey)
{
    const auto stamp = sourceStamp(sourcePath);
    if (!stamp)
        return std::nullopt;
    return readCachedDataset(cacheDir, *stamp, optionsKey);
}

bool writeCachedDataset(const std::string &cacheDir, const SourceStamp &stamp, const std::string &optionsKey,
    const Dataset &dataset)
{
    try {
        if (!splitConsistent(dataset.train) || !splitConsistent(dataset.test))
            return false;
        Writer w;
        w.str(stamp.canonicalPath);
        w.pod<int64_t>(stamp.size);
        w.pod<int64_t>(stamp.mtimeNs);
        w.str(stamp.fingerprint);
        w.str(optionsKey);
        w.str(dataset.name);
        w.str(dataset.format);
        w.str(dataset.source);
        w.strings(dataset.classNames);
        w.strings(dataset.coarseClassNames);
        writeLayout(w, dataset.train);
        writeLayout(w, dataset.test);
        w.pod<uint32_t>(splitCrc(splitCrc(0, dataset.train), dataset.test));
        const QByteArray &header = w.bytes();

        Writer prefix;
        for (char c : kMagic)
            prefix.pod<char>(c);
        prefix.pod<uint32_t>(kVersion);
        prefix.pod<uint32_t>(kEndianTag);
        prefix.pod<uint64_t>(static_cast<uint64_t>(header.size()));
        prefix.pod<uint32_t>(crcUpdate(0, header.constData(), static_cast<size_t>(header.size())));

        if (!QDir().mkpath(QString::fromStdString(cacheDir)))
            return false;
        // QSaveFile writes a temporary file and renames it over the old one on commit, so
        // readers (other processes too) never see a half-written cache file.
        QSaveFile file(QString::fromStdString(cacheFilePath(cacheDir, stamp.canonicalPath, optionsKey)));
        if (!file.open(QIODevice::WriteOnly))
            return false;
        if (!writeAll(file, prefix.bytes().constData(), static_cast<uint64_t>(prefix.bytes().size()))
            || !writeAll(file, header.constData(), static_cast<uint64_t>(header.size()))
            || !writeSplit(file, dataset.train) || !writeSplit(file, dataset.test)) {
            file.cancelWriting();
            return false;
        }
        return file.commit();
    } catch (...) {
        return false;
    }
}

bool writeCachedDataset(const std::string &cacheDir, const std::string &sourcePath,
    const std::string &optionsKey, const Dataset &dataset)
{
    const auto stamp = sourceStamp(sourcePath);
    return stamp && writeCachedDataset(cacheDir, *stamp, optionsKey, dataset);
}

} // namespace cifarlab
