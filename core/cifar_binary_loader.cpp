#include "core/cifar_binary_loader.h"

#include "core/error.h"
#include "core/memory_limit.h"

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <vector>

namespace cifarlab {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kChannels = 3;
constexpr int64_t kSide = 32;
constexpr int64_t kPixelBytes = kChannels * kSide * kSide;
constexpr int64_t kReadBlockRecords = 2048; // ~6 MB per read: few syscalls, steady progress
constexpr int64_t kMaxMetaBytes = 1 << 20;

struct BatchFile
{
    std::string name;
    bool train;
    int64_t officialRecords;
};

struct Layout
{
    const char *title;
    const char *format;
    const char *folderName;
    const char *archiveName;
    int64_t labelBytes;
    int64_t numClasses; // fine classes for CIFAR-100
    int64_t numCoarse; // 0 for CIFAR-10
    std::vector<BatchFile> batches;
    std::vector<std::string> metaFiles; // [0] fine/only names, [1] coarse names

    int64_t recordBytes() const { return labelBytes + kPixelBytes; }
    bool hasCoarse() const { return numCoarse > 0; }
};

const Layout &cifar10()
{
    static const Layout layout {"CIFAR-10", "cifar10-binary", "cifar-10-batches-bin",
        "cifar-10-binary.tar.gz", 1, 10, 0,
        {{"data_batch_1.bin", true, 10000}, {"data_batch_2.bin", true, 10000},
            {"data_batch_3.bin", true, 10000}, {"data_batch_4.bin", true, 10000},
            {"data_batch_5.bin", true, 10000}, {"test_batch.bin", false, 10000}},
        {"batches.meta.txt"}};
    return layout;
}

const Layout &cifar100()
{
    static const Layout layout {"CIFAR-100", "cifar100-binary", "cifar-100-binary", "cifar-100-binary.tar.gz",
        2, 100, 20, {{"train.bin", true, 50000}, {"test.bin", false, 10000}},
        {"fine_label_names.txt", "coarse_label_names.txt"}};
    return layout;
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

bool endsWith(const std::string &s, const std::string &suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool isArchiveName(const std::string &fileName)
{
    const std::string name = lower(fileName);
    return endsWith(name, ".tar.gz") || endsWith(name, ".tgz") || endsWith(name, ".tar");
}

bool isFile(const fs::path &p)
{
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

bool isDir(const fs::path &p)
{
    std::error_code ec;
    return fs::is_directory(p, ec);
}

std::string absolutePath(const fs::path &p)
{
    std::error_code ec;
    const fs::path abs = fs::absolute(p, ec);
    return (ec ? p : abs).lexically_normal().string();
}

std::string recordDescription(int64_t recordBytes)
{
    if (recordBytes == kPixelBytes)
        return "3072 pixel bytes, no label";
    if (recordBytes == kPixelBytes + 1)
        return "CIFAR-10: 1 label byte + 3072 pixel bytes";
    return "CIFAR-100: coarse and fine label bytes + 3072 pixel bytes";
}

// A batch must be a whole, non-zero number of records; say how it is off.
void checkBatchSize(const std::string &where, int64_t size, const Layout &layout, int64_t officialRecords)
{
    const int64_t record = layout.recordBytes();
    if (size > 0 && size % record == 0)
        return;
    std::ostringstream msg;
    msg << where << ": ";
    if (size == 0) {
        msg << "empty, expected " << record << "-byte records (" << recordDescription(record) << ")";
        throw Error(msg.str());
    }
    // A whole number of some other layout's records means the wrong kind of file, not a cut-off one.
    for (int64_t other : {kPixelBytes + 1, kPixelBytes + 2, kPixelBytes}) {
        if (other != record && size % other == 0) {
            msg << "wrong record size: " << size << " bytes is " << size / other << " records of " << other
                << " bytes (" << recordDescription(other) << "), expected " << record << "-byte records ("
                << recordDescription(record) << ")";
            throw Error(msg.str());
        }
    }
    msg << "truncated: " << size << " bytes is not a whole number of " << record << "-byte records ("
        << size / record << " records + " << size % record << " bytes); the official file is "
        << officialRecords * record << " bytes (" << officialRecords << " records)";
    throw Error(msg.str());
}

// Splits records into planar pixels and labels; the first bad label stops with file, record and value.
void decodeRecords(const std::string &where, const Layout &layout, const uint8_t *data, int64_t records,
    int64_t firstRecord, uint8_t *images, int64_t *labels, int64_t *coarseLabels)
{
    const int64_t record = layout.recordBytes();
    for (int64_t i = 0; i < records; ++i) {
        const uint8_t *r = data + i * record;
        int64_t fine = r[0];
        if (layout.hasCoarse()) {
            const int64_t coarse = r[0];
            fine = r[1];
            if (coarse >= layout.numCoarse)
                throw Error(where + ": record " + std::to_string(firstRecord + i) + ": coarse label "
                    + std::to_string(coarse) + " out of range (" + std::to_string(layout.numCoarse)
                    + " superclasses)");
            coarseLabels[i] = coarse;
        }
        if (fine >= layout.numClasses)
            throw Error(where + ": record " + std::to_string(firstRecord + i) + ": "
                + (layout.hasCoarse() ? "fine label " : "label ") + std::to_string(fine) + " out of range ("
                + std::to_string(layout.numClasses) + " classes)");
        labels[i] = fine;
        std::memcpy(images + i * kPixelBytes, r + layout.labelBytes, kPixelBytes);
    }
}

// One class name per line; CR and surrounding blanks are dropped, trailing blank lines ignored.
std::vector<std::string> parseClassNames(const std::string &where, const std::string &text, int64_t expected)
{
    std::vector<std::string> names;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        const auto first = line.find_first_not_of(" \t\r");
        const auto last = line.find_last_not_of(" \t\r");
        names.push_back(first == std::string::npos ? std::string() : line.substr(first, last - first + 1));
    }
    while (!names.empty() && names.back().empty())
        names.pop_back();
    for (size_t i = 0; i < names.size(); ++i) {
        if (names[i].empty())
            throw Error(where + ": line " + std::to_string(i + 1) + " is blank, expected a class name");
    }
    if (static_cast<int64_t>(names.size()) != expected)
        throw Error(where + ": " + std::to_string(names.size()) + " class names, expected "
            + std::to_string(expected) + " (one per line)");
    return names;
}

void setClassNames(Dataset &dataset, const Layout &layout, const std::map<std::string, std::string> &metaText,
    const std::string &prefix)
{
    const std::string &fineFile = layout.metaFiles[0];
    dataset.classNames = parseClassNames(prefix + fineFile, metaText.at(fineFile), layout.numClasses);
    if (layout.hasCoarse()) {
        const std::string &coarseFile = layout.metaFiles[1];
        dataset.coarseClassNames
            = parseClassNames(prefix + coarseFile, metaText.at(coarseFile), layout.numCoarse);
    }
}

int64_t bytesPerRecordInMemory(const Layout &layout)
{
    return kPixelBytes + int64_t(sizeof(int64_t)) * (layout.hasCoarse() ? 2 : 1);
}

void allocateSplit(ImageSplit &split, const Layout &layout, int64_t records)
{
    split.count = records;
    split.channels = kChannels;
    split.height = kSide;
    split.width = kSide;
    split.images.resize(static_cast<size_t>(records * kPixelBytes));
    split.labels.resize(static_cast<size_t>(records));
    if (layout.hasCoarse())
        split.coarseLabels.resize(static_cast<size_t>(records));
}

Dataset emptyDataset(const Layout &layout, const std::string &source)
{
    Dataset dataset;
    dataset.name = layout.title;
    dataset.format = layout.format;
    dataset.source = source;
    return dataset;
}

std::string listExpected(const Layout &layout)
{
    std::string list;
    for (const auto &batch : layout.batches)
        list += (list.empty() ? "" : ", ") + batch.name;
    for (const auto &meta : layout.metaFiles)
        list += ", " + meta;
    return list;
}

// --- folder --------------------------------------------------------------------------------------

struct FileCloser
{
    void operator()(std::FILE *f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

FilePtr openFile(const std::string &path)
{
    FilePtr f(std::fopen(path.c_str(), "rb"));
    if (!f)
        throw Error(path + ": cannot open: " + std::strerror(errno));
    return f;
}

std::string readSmallFile(const std::string &path)
{
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec)
        throw Error(path + ": cannot read: " + ec.message());
    if (size > static_cast<uintmax_t>(kMaxMetaBytes))
        throw Error(path + ": " + std::to_string(size) + " bytes, too large for a list of class names");
    FilePtr f = openFile(path);
    std::string text(static_cast<size_t>(size), '\0');
    if (std::fread(text.data(), 1, text.size(), f.get()) != text.size())
        throw Error(path + ": cannot read: " + std::strerror(errno));
    return text;
}

Dataset loadFolder(const fs::path &dir, const Layout &layout, const std::function<void(double)> &progress)
{
    const std::string dirName = dir.string();
    std::vector<std::string> missing;
    for (const auto &batch : layout.batches) {
        if (!isFile(dir / batch.name))
            missing.push_back(batch.name);
    }
    for (const auto &meta : layout.metaFiles) {
        if (!isFile(dir / meta))
            missing.push_back(meta);
    }
    if (!missing.empty()) {
        std::string list;
        for (const auto &name : missing)
            list += (list.empty() ? "" : ", ") + name;
        throw Error(dirName + ": missing " + list + " (a " + layout.title + " binary folder holds "
            + listExpected(layout) + ")");
    }

    Dataset dataset = emptyDataset(layout, absolutePath(dir));
    std::map<std::string, std::string> metaText;
    for (const auto &meta : layout.metaFiles)
        metaText[meta] = readSmallFile((dir / meta).string());
    setClassNames(dataset, layout, metaText, (dir / "").string());

    // Sizes first, so both splits are allocated once at their final size.
    std::vector<int64_t> sizes;
    int64_t trainRecords = 0, testRecords = 0, totalBytes = 0;
    for (const auto &batch : layout.batches) {
        const std::string path = (dir / batch.name).string();
        std::error_code ec;
        const int64_t size = static_cast<int64_t>(fs::file_size(path, ec));
        if (ec)
            throw Error(path + ": cannot read: " + ec.message());
        checkBatchSize(path, size, layout, batch.officialRecords);
        sizes.push_back(size);
        (batch.train ? trainRecords : testRecords) += size / layout.recordBytes();
        totalBytes += size;
    }
    checkMemory((trainRecords + testRecords) * bytesPerRecordInMemory(layout), dirName + ": the dataset");
    allocateSplit(dataset.train, layout, trainRecords);
    allocateSplit(dataset.test, layout, testRecords);

    std::vector<uint8_t> buffer(static_cast<size_t>(
        std::min<int64_t>(kReadBlockRecords, std::max(trainRecords, testRecords)) * layout.recordBytes()));
    int64_t trainOffset = 0, testOffset = 0, doneBytes = 0;
    for (size_t b = 0; b < layout.batches.size(); ++b) {
        const std::string path = (dir / layout.batches[b].name).string();
        ImageSplit &split = layout.batches[b].train ? dataset.train : dataset.test;
        int64_t &offset = layout.batches[b].train ? trainOffset : testOffset;
        FilePtr f = openFile(path);
        const int64_t records = sizes[b] / layout.recordBytes();
        for (int64_t done = 0; done < records;) {
            const int64_t n = std::min<int64_t>(kReadBlockRecords, records - done);
            const size_t want = static_cast<size_t>(n * layout.recordBytes());
            const size_t got = std::fread(buffer.data(), 1, want, f.get());
            if (got != want)
                throw Error(path
                    + ": truncated while reading: " + std::to_string(done * layout.recordBytes() + got)
                    + " of " + std::to_string(sizes[b]) + " bytes");
            decodeRecords(path, layout, buffer.data(), n, done,
                split.images.data() + (offset + done) * kPixelBytes, split.labels.data() + offset + done,
                layout.hasCoarse() ? split.coarseLabels.data() + offset + done : nullptr);
            done += n;
            doneBytes += static_cast<int64_t>(got);
            if (progress)
                progress(static_cast<double>(doneBytes) / static_cast<double>(totalBytes));
        }
        offset += records;
    }
    return dataset;
}

// --- archive -------------------------------------------------------------------------------------

// zlib inflates (so a damaged stream fails its CRC check) and libarchive parses the tar from the
// inflated bytes; gzread also passes an uncompressed .tar through unchanged.
class TarStream
{
public:
    explicit TarStream(const std::string &path)
        : m_path(path)
        , m_buffer(1 << 17)
    {
        std::error_code ec;
        m_fileSize = static_cast<int64_t>(fs::file_size(path, ec));
        if (ec)
            throw Error(path + ": cannot read: " + ec.message());
        m_gz = gzopen(path.c_str(), "rb");
        if (!m_gz)
            throw Error(path + ": cannot open: " + std::strerror(errno));
        gzbuffer(m_gz, 1 << 17);
        m_archive = archive_read_new();
        archive_read_support_format_tar(m_archive);
        if (archive_read_open(m_archive, this, nullptr, &TarStream::readCallback, nullptr) != ARCHIVE_OK) {
            // A throwing constructor runs no destructor: free here or both handles leak.
            const std::string message = path + ": corrupt or not a tar.gz archive: " + archiveError();
            archive_read_free(m_archive);
            gzclose(m_gz);
            throw Error(message);
        }
    }
    ~TarStream()
    {
        archive_read_free(m_archive);
        gzclose(m_gz);
    }
    TarStream(const TarStream &) = delete;
    TarStream &operator=(const TarStream &) = delete;

    // The next member's path (leading "./" dropped), or false at the end.
    bool next(std::string &name, bool &regular, int64_t &size)
    {
        archive_entry *entry = nullptr;
        const int r = archive_read_next_header(m_archive, &entry);
        if (r == ARCHIVE_EOF)
            return false;
        if (r < ARCHIVE_WARN)
            throw Error(m_path + ": corrupt or not a tar.gz archive: " + archiveError());
        const char *path = archive_entry_pathname(entry);
        name = path ? path : "";
        while (name.rfind("./", 0) == 0)
            name.erase(0, 2);
        regular = archive_entry_filetype(entry) == AE_IFREG;
        size = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : -1;
        return true;
    }

    void readData(const std::string &member, uint8_t *out, int64_t size)
    {
        int64_t done = 0;
        while (done < size) {
            const la_ssize_t n = archive_read_data(m_archive, out + done, static_cast<size_t>(size - done));
            if (n < 0)
                throw Error(m_path + ": corrupt archive while reading " + member + ": " + archiveError());
            if (n == 0)
                throw Error(m_path + ": truncated archive: " + member + " ends after " + std::to_string(done)
                    + " of " + std::to_string(size) + " bytes");
            done += n;
        }
    }

    // Reads to the end of the compressed stream so its checksum gets verified.
    void finish()
    {
        for (;;) {
            const int n = gzread(m_gz, m_buffer.data(), static_cast<unsigned>(m_buffer.size()));
            if (n < 0 || (n == 0 && gzError() != Z_OK))
                throw Error(m_path + ": " + gzProblem());
            if (n == 0)
                return;
        }
    }

    double fraction() const
    {
        const z_off_t offset = gzoffset(m_gz);
        return m_fileSize > 0 && offset > 0 ? std::min(1.0, static_cast<double>(offset) / m_fileSize) : 0.0;
    }

private:
    static la_ssize_t readCallback(archive *a, void *client, const void **buffer)
    {
        auto *self = static_cast<TarStream *>(client);
        const int n = gzread(self->m_gz, self->m_buffer.data(), static_cast<unsigned>(self->m_buffer.size()));
        // A cut-off gzip stream reads as a short end with Z_BUF_ERROR set, not as -1.
        if (n < 0 || (n == 0 && self->gzError() != Z_OK)) {
            archive_set_error(a, EIO, "%s", self->gzProblem().c_str());
            return -1;
        }
        *buffer = self->m_buffer.data();
        return n;
    }

    int gzError() const
    {
        int code = Z_OK;
        gzerror(m_gz, &code);
        return code;
    }
    // zlib reports a cut-off stream as Z_BUF_ERROR, anything else is damage.
    std::string gzProblem() const
    {
        int code = Z_OK;
        const char *msg = gzerror(m_gz, &code);
        if (code == Z_BUF_ERROR)
            return "truncated gzip data: unexpected end of file";
        return std::string("corrupt gzip data: ") + (msg ? msg : "unknown error");
    }
    std::string archiveError() const
    {
        const char *msg = archive_error_string(m_archive);
        return msg ? msg : "unknown error";
    }

    std::string m_path;
    std::vector<char> m_buffer;
    int64_t m_fileSize = 0;
    gzFile m_gz = nullptr;
    archive *m_archive = nullptr;
};

std::string baseName(const std::string &member)
{
    std::string name = member;
    while (!name.empty() && name.back() == '/')
        name.pop_back();
    const auto slash = name.rfind('/');
    return slash == std::string::npos ? name : name.substr(slash + 1);
}

// CIFAR-10 or CIFAR-100 by a member's path, or null when the name doesn't tell.
const Layout *layoutForMember(const std::string &member)
{
    for (const Layout *layout : {&cifar10(), &cifar100()}) {
        if (member.rfind(std::string(layout->folderName) + "/", 0) == 0 || member == layout->folderName)
            return layout;
    }
    const std::string base = baseName(member);
    if (base == "batches.meta.txt" || base == "test_batch.bin" || base.rfind("data_batch_", 0) == 0)
        return &cifar10();
    if (base == "fine_label_names.txt" || base == "coarse_label_names.txt")
        return &cifar100();
    return nullptr;
}

struct Chunk
{
    int64_t records = 0;
    std::vector<uint8_t> images;
    std::vector<int64_t> labels;
    std::vector<int64_t> coarseLabels;
};

void assembleSplit(ImageSplit &split, const Layout &layout, std::vector<Chunk> &chunks)
{
    int64_t records = 0;
    for (const auto &chunk : chunks)
        records += chunk.records;
    if (chunks.size() == 1) {
        split.count = records;
        split.channels = kChannels;
        split.height = kSide;
        split.width = kSide;
        split.images = std::move(chunks[0].images);
        split.labels = std::move(chunks[0].labels);
        split.coarseLabels = std::move(chunks[0].coarseLabels);
        return;
    }
    allocateSplit(split, layout, records);
    int64_t offset = 0;
    for (auto &chunk : chunks) {
        std::copy(chunk.images.begin(), chunk.images.end(), split.images.begin() + offset * kPixelBytes);
        std::copy(chunk.labels.begin(), chunk.labels.end(), split.labels.begin() + offset);
        // CIFAR-10 has no coarse labels: begin() + offset on the empty vector would be UB.
        if (layout.hasCoarse())
            std::copy(chunk.coarseLabels.begin(), chunk.coarseLabels.end(), split.coarseLabels.begin() + offset);
        offset += chunk.records;
        chunk = Chunk();
    }
}

// What the stream yields, by member base name.
struct ArchiveContents
{
    std::map<std::string, std::string> memberPath; // base name -> full member path, for messages
    std::map<std::string, std::string> metaText;
    std::vector<Chunk> batchChunks;
    int64_t memoryBytes = 0; // what the decoded batches so far need, against the memory limit
};

void readMembers(TarStream &tar, const std::string &path, const Layout &layout, ArchiveContents &contents,
    const std::function<void(double)> &progress)
{
    std::vector<uint8_t> raw;
    std::string name;
    bool regular = false;
    int64_t size = 0;
    while (tar.next(name, regular, size)) {
        if (!regular)
            continue;
        const std::string base = baseName(name);
        const auto batch = std::find_if(
            layout.batches.begin(), layout.batches.end(), [&](const BatchFile &b) { return b.name == base; });
        const bool isMeta
            = std::find(layout.metaFiles.begin(), layout.metaFiles.end(), base) != layout.metaFiles.end();
        if (batch == layout.batches.end() && !isMeta)
            continue;
        auto &memberPath = contents.memberPath;
        if (memberPath.count(base))
            throw Error(
                path + ": two members named " + base + " (" + memberPath[base] + " and " + name + ")");
        memberPath[base] = name;
        const std::string where = path + ": " + name;
        if (size < 0)
            throw Error(where + ": member size unknown");
        if (isMeta) {
            if (size > kMaxMetaBytes)
                throw Error(
                    where + ": " + std::to_string(size) + " bytes, too large for a list of class names");
            std::string text(static_cast<size_t>(size), '\0');
            tar.readData(name, reinterpret_cast<uint8_t *>(text.data()), size);
            contents.metaText[base] = std::move(text);
        } else {
            checkBatchSize(where, size, layout, batch->officialRecords);
            contents.memoryBytes += size / layout.recordBytes() * bytesPerRecordInMemory(layout);
            checkMemory(contents.memoryBytes + size, path + ": the dataset");
            raw.resize(static_cast<size_t>(size));
            tar.readData(name, raw.data(), size);
            Chunk &chunk = contents.batchChunks[static_cast<size_t>(batch - layout.batches.begin())];
            chunk.records = size / layout.recordBytes();
            chunk.images.resize(static_cast<size_t>(chunk.records * kPixelBytes));
            chunk.labels.resize(static_cast<size_t>(chunk.records));
            if (layout.hasCoarse())
                chunk.coarseLabels.resize(static_cast<size_t>(chunk.records));
            decodeRecords(where, layout, raw.data(), chunk.records, 0, chunk.images.data(),
                chunk.labels.data(), layout.hasCoarse() ? chunk.coarseLabels.data() : nullptr);
        }
        if (progress)
            progress(tar.fraction());
    }
}

Dataset loadArchive(
    const std::string &path, const Layout &layout, const std::function<void(double)> &progress)
{
    TarStream tar(path);
    ArchiveContents contents;
    contents.batchChunks.resize(layout.batches.size());
    try {
        readMembers(tar, path, layout, contents, progress);
    } catch (const Error &) {
        // Damaged compressed data can inflate into plausible garbage (say, a bad label) before zlib
        // notices; the checksum at the end of the stream tells which problem it really is.
        tar.finish();
        throw;
    }
    tar.finish();
    auto &memberPath = contents.memberPath;
    auto &metaText = contents.metaText;
    auto &batchChunks = contents.batchChunks;

    std::vector<std::string> missing;
    for (const auto &batch : layout.batches) {
        if (!memberPath.count(batch.name))
            missing.push_back(std::string(layout.folderName) + "/" + batch.name);
    }
    for (const auto &meta : layout.metaFiles) {
        if (!memberPath.count(meta))
            missing.push_back(std::string(layout.folderName) + "/" + meta);
    }
    if (!missing.empty()) {
        std::string list;
        for (const auto &m : missing)
            list += (list.empty() ? "" : ", ") + m;
        throw Error(path + ": missing member" + (missing.size() > 1 ? "s " : " ") + list);
    }

    Dataset dataset = emptyDataset(layout, absolutePath(path));
    const std::string fineMember = memberPath[layout.metaFiles[0]];
    dataset.classNames
        = parseClassNames(path + ": " + fineMember, metaText[layout.metaFiles[0]], layout.numClasses);
    if (layout.hasCoarse()) {
        const std::string coarseMember = memberPath[layout.metaFiles[1]];
        dataset.coarseClassNames
            = parseClassNames(path + ": " + coarseMember, metaText[layout.metaFiles[1]], layout.numCoarse);
    }

    std::vector<Chunk> train, test;
    for (size_t b = 0; b < layout.batches.size(); ++b)
        (layout.batches[b].train ? train : test).push_back(std::move(batchChunks[b]));
    assembleSplit(dataset.train, layout, train);
    assembleSplit(dataset.test, layout, test);
    if (progress)
        progress(1.0);
    return dataset;
}

// First decisive member name; stops at the first regular file so no batch gets inflated.
const Layout *peekArchive(const std::string &path)
{
    try {
        TarStream tar(path);
        std::string name;
        bool regular = false;
        int64_t size = 0;
        while (tar.next(name, regular, size)) {
            if (const Layout *layout = layoutForMember(name))
                return layout;
            if (regular)
                return nullptr;
        }
    } catch (const Error &) { }
    return nullptr;
}

const Layout *detectArchive(const fs::path &path)
{
    const std::string name = lower(path.filename().string());
    if (!isArchiveName(name))
        return nullptr;
    for (const Layout *layout : {&cifar10(), &cifar100()}) {
        if (name == layout->archiveName)
            return layout;
    }
    return peekArchive(path.string());
}

// A folder that is itself the data folder, judged by the file names it holds.
const Layout *detectDataFolder(const fs::path &dir)
{
    for (const auto &name : {"batches.meta.txt", "test_batch.bin", "data_batch_1.bin", "data_batch_2.bin",
             "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"}) {
        if (isFile(dir / name))
            return &cifar10();
    }
    if (isFile(dir / "fine_label_names.txt") || isFile(dir / "coarse_label_names.txt")
        || (isFile(dir / "train.bin") && isFile(dir / "test.bin")))
        return &cifar100();
    return nullptr;
}

struct Resolved
{
    const Layout *layout = nullptr;
    fs::path path;
    bool archive = false;
    std::vector<fs::path> alternatives; // set when a parent holds both CIFAR-10 and CIFAR-100
};

Resolved resolve(const std::string &input)
{
    Resolved result;
    const fs::path path(input);
    if (isFile(path)) {
        result.layout = detectArchive(path);
        result.path = path;
        result.archive = true;
        return result;
    }
    if (!isDir(path))
        return result;
    if ((result.layout = detectDataFolder(path))) {
        result.path = path;
        return result;
    }
    // A parent: prefer the unpacked folder over the archive of the same release.
    for (const Layout *layout : {&cifar10(), &cifar100()}) {
        fs::path found;
        bool archive = false;
        if (detectDataFolder(path / layout->folderName) == layout) {
            found = path / layout->folderName;
        } else if (isFile(path / layout->archiveName)) {
            found = path / layout->archiveName;
            archive = true;
        }
        if (found.empty())
            continue;
        if (!result.layout) {
            result.layout = layout;
            result.path = found;
            result.archive = archive;
        }
        result.alternatives.push_back(found);
    }
    return result;
}

} // namespace

std::string detectCifarBinary(const std::string &path)
{
    const Resolved resolved = resolve(path);
    return resolved.layout ? resolved.layout->format : std::string();
}

bool looksLikeCifarBinary(const std::string &path)
{
    return !detectCifarBinary(path).empty();
}

std::string resolveCifarBinaryPath(const std::string &path)
{
    const Resolved resolved = resolve(path);
    if (!resolved.layout)
        return {};
    if (resolved.alternatives.size() > 1)
        throw Error(path + ": holds both " + resolved.alternatives[0].filename().string() + " and "
            + resolved.alternatives[1].filename().string() + "; choose one of them");
    return resolved.path.string();
}

Dataset loadCifarBinary(const std::string &path, const std::function<void(double)> &progress)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw Error(path + ": no such file or folder");
    const Resolved resolved = resolve(path);
    if (!resolved.layout) {
        throw Error(path + ": not CIFAR binary data: expected a cifar-10-batches-bin folder ("
            + listExpected(cifar10()) + "), a cifar-100-binary folder (" + listExpected(cifar100())
            + "), a folder holding one of them, or cifar-10-binary.tar.gz / cifar-100-binary.tar.gz");
    }
    const std::string target = resolveCifarBinaryPath(path); // throws when ambiguous
    if (resolved.archive)
        return loadArchive(target, *resolved.layout, progress);
    return loadFolder(fs::path(target), *resolved.layout, progress);
}

} // namespace cifarlab
