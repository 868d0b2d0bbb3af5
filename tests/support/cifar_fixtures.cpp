#include "support/cifar_fixtures.h"

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace cifarlab::test {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kPixelBytes = 3072;

std::string twoDigits(int value)
{
    char text[8];
    std::snprintf(text, sizeof text, "%02d", value);
    return text;
}

void appendBigEndian(std::vector<uint8_t> &out, uint32_t value)
{
    out.push_back(static_cast<uint8_t>(value >> 24));
    out.push_back(static_cast<uint8_t>(value >> 16));
    out.push_back(static_cast<uint8_t>(value >> 8));
    out.push_back(static_cast<uint8_t>(value));
}

std::string joinLines(const std::vector<std::string> &lines, const std::string &tail)
{
    std::string text;
    for (const auto &line : lines)
        text += line + "\n";
    return text + tail;
}

} // namespace

uint8_t cifarFixturePixel(int batch, int64_t record, int64_t channel, int64_t pixel)
{
    // Distinct strides per batch, record, channel and pixel expose any mix-up of them.
    return static_cast<uint8_t>((batch * 37 + record * 11 + channel * 101 + pixel * 3) & 0xFF);
}

int64_t cifarFixtureLabel(int batch, int64_t record)
{
    return (batch * 3 + record) % 10;
}

int64_t cifarFixtureFineLabel(int batch, int64_t record)
{
    return (batch * 41 + record * 7) % 100;
}

int64_t cifarFixtureCoarseLabel(int batch, int64_t record)
{
    return cifarFixtureFineLabel(batch, record) % 20;
}

std::vector<std::string> cifar10ClassNames()
{
    return {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};
}

std::vector<std::string> cifar100FineNames()
{
    std::vector<std::string> names;
    for (int i = 0; i < 100; ++i)
        names.push_back("fine_" + twoDigits(i));
    return names;
}

std::vector<std::string> cifar100CoarseNames()
{
    std::vector<std::string> names;
    for (int i = 0; i < 20; ++i)
        names.push_back("coarse_" + twoDigits(i));
    return names;
}

void writeCifarBatch(const std::string &path, int batch, int64_t records, int labelBytes)
{
    std::vector<uint8_t> bytes;
    bytes.reserve(static_cast<size_t>(records * (labelBytes + kPixelBytes)));
    for (int64_t r = 0; r < records; ++r) {
        if (labelBytes == 2) {
            bytes.push_back(static_cast<uint8_t>(cifarFixtureCoarseLabel(batch, r)));
            bytes.push_back(static_cast<uint8_t>(cifarFixtureFineLabel(batch, r)));
        } else {
            bytes.push_back(static_cast<uint8_t>(cifarFixtureLabel(batch, r)));
        }
        for (int64_t c = 0; c < 3; ++c) {
            for (int64_t p = 0; p < 1024; ++p)
                bytes.push_back(cifarFixturePixel(batch, r, c, p));
        }
    }
    writeBytes(path, bytes);
}

std::string writeCifar10Folder(const std::string &parent, int64_t recordsPerBatch)
{
    const fs::path dir = fs::path(parent) / "cifar-10-batches-bin";
    fs::create_directories(dir);
    for (int b = 1; b <= 5; ++b)
        writeCifarBatch((dir / ("data_batch_" + std::to_string(b) + ".bin")).string(), b, recordsPerBatch, 1);
    writeCifarBatch((dir / "test_batch.bin").string(), 0, recordsPerBatch, 1);
    writeText((dir / "batches.meta.txt").string(), joinLines(cifar10ClassNames(), "\n\n"));
    return dir.string();
}

std::string writeCifar100Folder(const std::string &parent, int64_t trainRecords, int64_t testRecords)
{
    const fs::path dir = fs::path(parent) / "cifar-100-binary";
    fs::create_directories(dir);
    writeCifarBatch((dir / "train.bin").string(), 1, trainRecords, 2);
    writeCifarBatch((dir / "test.bin").string(), 0, testRecords, 2);
    writeText((dir / "fine_label_names.txt").string(), joinLines(cifar100FineNames(), "\n"));
    writeText((dir / "coarse_label_names.txt").string(), joinLines(cifar100CoarseNames(), "\n"));
    return dir.string();
}

CifarSource cifar10FixtureSource(bool train, int64_t index, int64_t recordsPerBatch)
{
    if (!train)
        return {0, index};
    return {static_cast<int>(index / recordsPerBatch) + 1, index % recordsPerBatch};
}

void writeTarGz(
    const std::string &folder, const std::string &archivePath, const std::vector<std::string> &skip)
{
    fs::path dir(folder);
    if (dir.filename().empty())
        dir = dir.parent_path();
    const std::string top = dir.filename().string();
    std::vector<std::string> files;
    for (const auto &entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && std::find(skip.begin(), skip.end(), name) == skip.end())
            files.push_back(name);
    }
    std::sort(files.rbegin(), files.rend());

    archive *a = archive_write_new();
    auto fail = [&](const std::string &what) {
        const std::string message = archivePath + ": " + what + ": " + archive_error_string(a);
        archive_write_free(a);
        throw std::runtime_error(message);
    };
    if (archive_write_add_filter_gzip(a) != ARCHIVE_OK
        || archive_write_set_format_pax_restricted(a) != ARCHIVE_OK)
        fail("cannot set up the writer");
    if (archive_write_open_filename(a, archivePath.c_str()) != ARCHIVE_OK)
        fail("cannot create");

    archive_entry *entry = archive_entry_new();
    archive_entry_set_pathname(entry, (top + "/").c_str());
    archive_entry_set_filetype(entry, AE_IFDIR);
    archive_entry_set_perm(entry, 0755);
    archive_entry_set_size(entry, 0);
    if (archive_write_header(a, entry) != ARCHIVE_OK)
        fail("cannot write the folder entry");
    for (const auto &name : files) {
        const std::vector<uint8_t> bytes = readBytes((dir / name).string());
        archive_entry_clear(entry);
        archive_entry_set_pathname(entry, (top + "/" + name).c_str());
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_size(entry, static_cast<la_int64_t>(bytes.size()));
        if (archive_write_header(a, entry) != ARCHIVE_OK)
            fail("cannot write the header of " + name);
        if (!bytes.empty()
            && archive_write_data(a, bytes.data(), bytes.size()) != static_cast<la_ssize_t>(bytes.size()))
            fail("cannot write " + name);
    }
    archive_entry_free(entry);
    if (archive_write_close(a) != ARCHIVE_OK)
        fail("cannot finish");
    archive_write_free(a);
}

uint8_t idxFixturePixel(bool train, int64_t index, int64_t pixel)
{
    return static_cast<uint8_t>((index * 7 + pixel * 5 + (train ? 0 : 128)) & 0xFF);
}

uint8_t idxFixtureLabel(bool train, int64_t index)
{
    return static_cast<uint8_t>((index * 3 + (train ? 0 : 1)) % 10);
}

std::vector<uint8_t> idxFixtureLabels(bool train, int64_t count)
{
    std::vector<uint8_t> labels;
    for (int64_t i = 0; i < count; ++i)
        labels.push_back(idxFixtureLabel(train, i));
    return labels;
}

void writeIdxImages(
    const std::string &path, bool train, int64_t count, int64_t rows, int64_t cols, bool gz, uint32_t magic)
{
    std::vector<uint8_t> bytes;
    appendBigEndian(bytes, magic);
    appendBigEndian(bytes, static_cast<uint32_t>(count));
    appendBigEndian(bytes, static_cast<uint32_t>(rows));
    appendBigEndian(bytes, static_cast<uint32_t>(cols));
    for (int64_t i = 0; i < count; ++i) {
        for (int64_t p = 0; p < rows * cols; ++p)
            bytes.push_back(idxFixturePixel(train, i, p));
    }
    writeBytes(path, bytes, gz);
}

void writeIdxLabels(const std::string &path, const std::vector<uint8_t> &labels, bool gz, uint32_t magic)
{
    std::vector<uint8_t> bytes;
    appendBigEndian(bytes, magic);
    appendBigEndian(bytes, static_cast<uint32_t>(labels.size()));
    bytes.insert(bytes.end(), labels.begin(), labels.end());
    writeBytes(path, bytes, gz);
}

std::string writeIdxFolder(
    const std::string &folder, int64_t trainCount, int64_t testCount, int64_t rows, int64_t cols, bool gz)
{
    fs::create_directories(folder);
    const std::string ext = gz ? ".gz" : "";
    writeIdxImages(folder + "/train-images-idx3-ubyte" + ext, true, trainCount, rows, cols, gz);
    writeIdxLabels(folder + "/train-labels-idx1-ubyte" + ext, idxFixtureLabels(true, trainCount), gz);
    writeIdxImages(folder + "/t10k-images-idx3-ubyte" + ext, false, testCount, rows, cols, gz);
    writeIdxLabels(folder + "/t10k-labels-idx1-ubyte" + ext, idxFixtureLabels(false, testCount), gz);
    return folder;
}

void writeBytes(const std::string &path, const std::vector<uint8_t> &bytes, bool gz)
{
    if (gz) {
        gzFile f = gzopen(path.c_str(), "wb");
        if (!f)
            throw std::runtime_error(path + ": cannot create");
        const int written = bytes.empty() ? 0 : gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
        const bool ok = written == static_cast<int>(bytes.size());
        if (gzclose(f) != Z_OK || !ok)
            throw std::runtime_error(path + ": cannot write");
        return;
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out)
        throw std::runtime_error(path + ": cannot write");
}

void writeText(const std::string &path, const std::string &text)
{
    writeBytes(path, std::vector<uint8_t>(text.begin(), text.end()));
}

std::vector<uint8_t> readBytes(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error(path + ": cannot open");
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void truncateFile(const std::string &path, int64_t size)
{
    fs::resize_file(path, static_cast<uintmax_t>(size));
}

::testing::AssertionResult containsText(const std::string &text, const std::string &part)
{
    if (text.find(part) != std::string::npos)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "\"" << text << "\"\n  does not contain \"" << part << "\"";
}

} // namespace cifarlab::test
