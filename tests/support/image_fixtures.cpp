#include "support/image_fixtures.h"

#include <QString>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>

namespace cifarlab::test {

namespace fs = std::filesystem;

namespace {

uint32_t get32(const std::vector<uint8_t> &b, size_t at)
{
    return uint32_t(b.at(at)) | (uint32_t(b.at(at + 1)) << 8) | (uint32_t(b.at(at + 2)) << 16)
        | (uint32_t(b.at(at + 3)) << 24);
}

uint16_t get16(const std::vector<uint8_t> &b, size_t at)
{
    return static_cast<uint16_t>(b.at(at) | (b.at(at + 1) << 8));
}

void put32(std::vector<uint8_t> &b, size_t at, uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        b.at(at + i) = static_cast<uint8_t>(v >> (8 * i));
}

void put16(std::vector<uint8_t> &b, size_t at, uint16_t v)
{
    b.at(at) = static_cast<uint8_t>(v);
    b.at(at + 1) = static_cast<uint8_t>(v >> 8);
}

void appendBe32(std::vector<uint8_t> &b, uint32_t v)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        b.push_back(static_cast<uint8_t>(v >> shift));
}

void appendPngChunk(std::vector<uint8_t> &png, const char *type, const std::vector<uint8_t> &data)
{
    appendBe32(png, static_cast<uint32_t>(data.size()));
    const size_t typeAt = png.size();
    png.insert(png.end(), type, type + 4);
    png.insert(png.end(), data.begin(), data.end());
    const uLong crc = crc32(0, png.data() + typeAt, static_cast<uInt>(4 + data.size()));
    appendBe32(png, static_cast<uint32_t>(crc));
}

std::vector<uint8_t> encode(const std::string &extension, const cv::Mat &image)
{
    std::vector<uint8_t> bytes;
    std::vector<int> params;
    if (extension == "jpg" || extension == "jpeg")
        params = {cv::IMWRITE_JPEG_QUALITY, 95};
    if (!cv::imencode("." + extension, image, bytes, params))
        throw std::runtime_error("cannot encode a ." + extension + " fixture");
    return bytes;
}

// Offset of the central-directory record of entryName.
size_t findCentralRecord(const std::vector<uint8_t> &zip, const std::string &entryName)
{
    if (zip.size() < 22)
        throw std::runtime_error("not a zip");
    size_t eocd = zip.size() - 22;
    while (get32(zip, eocd) != 0x06054b50) {
        if (eocd == 0)
            throw std::runtime_error("no end of central directory record");
        --eocd;
    }
    const uint16_t count = get16(zip, eocd + 10);
    size_t at = get32(zip, eocd + 16);
    for (uint16_t i = 0; i < count; ++i) {
        if (get32(zip, at) != 0x02014b50)
            throw std::runtime_error("bad central directory record");
        const uint16_t nameLength = get16(zip, at + 28);
        const std::string name(zip.begin() + at + 46, zip.begin() + at + 46 + nameLength);
        if (name == entryName)
            return at;
        at += 46 + nameLength + get16(zip, at + 30) + get16(zip, at + 32);
    }
    throw std::runtime_error("no zip entry named " + entryName);
}

} // namespace

std::array<uint8_t, 3> fixturePixel(int label, int index, bool test, int x, int y)
{
    return {static_cast<uint8_t>(30 * label + 3 * x),
        static_cast<uint8_t>(25 * index + 4 * y + (test ? 120 : 0)),
        static_cast<uint8_t>(200 - 10 * label - x - y)};
}

uint8_t fixtureGray(int label, int index, bool test, int x, int y)
{
    return static_cast<uint8_t>(40 * label + 9 * index + 2 * x + y + (test ? 5 : 0));
}

std::string fixturePath(const FixtureSpec &spec, int label, int index, bool test)
{
    char name[32];
    std::snprintf(name, sizeof(name), "%04d.", index);
    return std::string(test ? "test/" : "train/") + spec.classes.at(label) + "/" + name + spec.extension;
}

std::vector<uint8_t> encodeFixtureImage(
    const std::string &extension, int width, int height, bool gray, int label, int index, bool test)
{
    cv::Mat image(height, width, gray ? CV_8UC1 : CV_8UC3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            if (gray) {
                image.at<uint8_t>(y, x) = fixtureGray(label, index, test, x, y);
            } else {
                const auto rgb = fixturePixel(label, index, test, x, y);
                image.at<cv::Vec3b>(y, x) = cv::Vec3b(rgb[2], rgb[1], rgb[0]); // OpenCV is BGR
            }
        }
    return encode(extension, image);
}

std::vector<uint8_t> encodeSolidImage(
    const std::string &extension, int width, int height, std::array<uint8_t, 3> rgb, bool withAlpha)
{
    if (!withAlpha)
        return encode(extension, cv::Mat(height, width, CV_8UC3, cv::Scalar(rgb[2], rgb[1], rgb[0])));
    cv::Mat image(height, width, CV_8UC4);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.at<cv::Vec4b>(y, x) = cv::Vec4b(rgb[2], rgb[1], rgb[0], static_cast<uint8_t>(16 * x + y));
    return encode(extension, image);
}

std::vector<FixtureFile> makeImageFolderFiles(const FixtureSpec &spec)
{
    std::vector<FixtureFile> files;
    for (bool test : {false, true})
        for (int label = 0; label < static_cast<int>(spec.classes.size()); ++label)
            for (int i = 0; i < (test ? spec.testPerClass : spec.trainPerClass); ++i)
                files.push_back({fixturePath(spec, label, i, test),
                    encodeFixtureImage(spec.extension, spec.width, spec.height, spec.gray, label, i, test)});
    return files;
}

void setFile(std::vector<FixtureFile> &files, const std::string &path, std::vector<uint8_t> bytes)
{
    for (auto &file : files)
        if (file.path == path) {
            file.bytes = std::move(bytes);
            return;
        }
    files.push_back({path, std::move(bytes)});
}

void removeFile(std::vector<FixtureFile> &files, const std::string &path)
{
    files.erase(
        std::remove_if(files.begin(), files.end(), [&](const FixtureFile &f) { return f.path == path; }),
        files.end());
}

void writeFolder(const std::string &root, const std::vector<FixtureFile> &files)
{
    fs::create_directories(root);
    for (const auto &file : files) {
        const fs::path path = fs::path(root) / file.path;
        fs::create_directories(path.parent_path());
        writeFileBytes(path.string(), file.bytes);
    }
}

void writeZip(const std::string &zipPath, const std::vector<FixtureFile> &files, const std::string &prefix,
    bool directoryEntries, const std::vector<std::string> &extraDirs, bool stored)
{
    QuaZip zip(QString::fromStdString(zipPath));
    if (!zip.open(QuaZip::mdCreate))
        throw std::runtime_error("cannot create " + zipPath);
    auto add = [&](const std::string &name, const std::vector<uint8_t> &bytes) {
        QuaZipFile out(&zip);
        if (!out.open(QIODevice::WriteOnly, QuaZipNewInfo(QString::fromStdString(name)), nullptr, 0,
                stored ? 0 : Z_DEFLATED, stored ? 0 : Z_DEFAULT_COMPRESSION))
            throw std::runtime_error("cannot add " + name + " to " + zipPath);
        if (!bytes.empty()
            && out.write(reinterpret_cast<const char *>(bytes.data()), static_cast<qint64>(bytes.size()))
                != static_cast<qint64>(bytes.size()))
            throw std::runtime_error("cannot write " + name + " to " + zipPath);
        out.close();
        if (out.getZipError() != ZIP_OK)
            throw std::runtime_error("cannot finish " + name + " in " + zipPath);
    };
    std::set<std::string> dirs(extraDirs.begin(), extraDirs.end());
    if (directoryEntries)
        for (const auto &file : files) {
            const std::string name = prefix + file.path;
            for (size_t slash = name.find('/'); slash != std::string::npos; slash = name.find('/', slash + 1))
                dirs.insert(name.substr(0, slash + 1));
        }
    for (const auto &dir : dirs)
        add(dir, {});
    for (const auto &file : files)
        add(prefix + file.path, file.bytes);
    zip.close();
    if (zip.getZipError() != ZIP_OK)
        throw std::runtime_error("cannot finish " + zipPath);
}

void patchZipEntry(
    const std::string &zipPath, const std::string &entryName, const CentralDirectoryPatch &patch)
{
    std::vector<uint8_t> zip = readFileBytes(zipPath);
    const size_t at = findCentralRecord(zip, entryName);
    if (patch.madeByHost)
        zip.at(at + 5) = *patch.madeByHost;
    if (patch.flags)
        put16(zip, at + 8, *patch.flags);
    if (patch.compressedSize)
        put32(zip, at + 20, *patch.compressedSize);
    if (patch.uncompressedSize)
        put32(zip, at + 24, *patch.uncompressedSize);
    if (patch.externalAttributes)
        put32(zip, at + 38, *patch.externalAttributes);
    writeFileBytes(zipPath, zip);
}

void corruptZipEntryData(const std::string &zipPath, const std::string &entryName)
{
    std::vector<uint8_t> zip = readFileBytes(zipPath);
    const size_t at = findCentralRecord(zip, entryName);
    const uint32_t size = get32(zip, at + 20);
    const size_t local = get32(zip, at + 42);
    const size_t data = local + 30 + get16(zip, local + 26) + get16(zip, local + 28);
    if (size == 0)
        throw std::runtime_error(entryName + " has no data to corrupt");
    zip.at(data + size / 2) ^= 0xFF;
    writeFileBytes(zipPath, zip);
}

std::vector<uint8_t> truncatedBytes(std::vector<uint8_t> bytes, size_t keep)
{
    bytes.resize(std::min(keep, bytes.size()));
    return bytes;
}

std::vector<uint8_t> pngDeclaringSize(uint32_t width, uint32_t height)
{
    std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    std::vector<uint8_t> ihdr;
    appendBe32(ihdr, width);
    appendBe32(ihdr, height);
    ihdr.insert(ihdr.end(), {8, 2, 0, 0, 0}); // 8-bit RGB, no interlace
    appendPngChunk(png, "IHDR", ihdr);
    // One filtered row of zeros, compressed: far less data than the header promises.
    std::vector<uint8_t> row(64, 0);
    std::vector<uint8_t> idat(compressBound(static_cast<uLong>(row.size())));
    uLongf idatSize = static_cast<uLongf>(idat.size());
    compress(idat.data(), &idatSize, row.data(), static_cast<uLong>(row.size()));
    idat.resize(idatSize);
    appendPngChunk(png, "IDAT", idat);
    appendPngChunk(png, "IEND", {});
    return png;
}

std::vector<uint8_t> jpegDeclaringSize(uint16_t width, uint16_t height)
{
    std::vector<uint8_t> jpeg = encodeSolidImage("jpg", 8, 8, {10, 20, 30});
    for (size_t i = 2; i + 8 < jpeg.size(); ++i)
        if (jpeg[i] == 0xFF && (jpeg[i + 1] == 0xC0 || jpeg[i + 1] == 0xC2)) {
            jpeg[i + 5] = static_cast<uint8_t>(height >> 8);
            jpeg[i + 6] = static_cast<uint8_t>(height);
            jpeg[i + 7] = static_cast<uint8_t>(width >> 8);
            jpeg[i + 8] = static_cast<uint8_t>(width);
            return jpeg;
        }
    throw std::runtime_error("no SOF marker in the encoded JPEG");
}

std::vector<uint8_t> pngWithCorruptData()
{
    std::vector<uint8_t> png = encodeFixtureImage("png", 8, 8, false, 1, 1, false);
    for (size_t i = 8; i + 8 < png.size(); ++i)
        if (std::memcmp(png.data() + i + 4, "IDAT", 4) == 0) {
            const uint32_t length = (uint32_t(png[i]) << 24) | (uint32_t(png[i + 1]) << 16)
                | (uint32_t(png[i + 2]) << 8) | png[i + 3];
            for (uint32_t k = 2; k < length; ++k)
                png[i + 8 + k] ^= 0x5A;
            return png;
        }
    throw std::runtime_error("no IDAT chunk in the encoded PNG");
}

std::vector<uint8_t> readFileBytes(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

void writeFileBytes(const std::string &path, const std::vector<uint8_t> &bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out)
        throw std::runtime_error("cannot write " + path);
}

} // namespace cifarlab::test
