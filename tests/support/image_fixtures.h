#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cifarlab::test {

// One file of a fixture dataset: its path relative to the dataset root (or the raw zip entry
// name) and its bytes.
struct FixtureFile
{
    std::string path;
    std::vector<uint8_t> bytes;
};

// A small ImageFolder: train/<class>/NNNN.<ext> and test/<class>/NNNN.<ext>.
struct FixtureSpec
{
    std::vector<std::string> classes = {"apple", "banana", "cherry"};
    int trainPerClass = 4;
    int testPerClass = 2;
    int width = 8;
    int height = 8;
    std::string extension = "png"; // png, jpg or bmp
    bool gray = false;
};

// The RGB colour of pixel (x, y) of image `index` of class `label`: distinct per image, class,
// split and position, so tests can check channel order, CHW layout and sort order exactly.
std::array<uint8_t, 3> fixturePixel(int label, int index, bool test, int x, int y);
// The gray value used for gray fixtures.
uint8_t fixtureGray(int label, int index, bool test, int x, int y);

// "train/banana/0003.png"
std::string fixturePath(const FixtureSpec &spec, int label, int index, bool test);

// Encodes the fixture image (label, index, test) with OpenCV.
std::vector<uint8_t> encodeFixtureImage(
    const std::string &extension, int width, int height, bool gray, int label, int index, bool test);
// A solid-colour RGB image; with alpha, an RGBA PNG whose alpha varies per pixel.
std::vector<uint8_t> encodeSolidImage(
    const std::string &extension, int width, int height, std::array<uint8_t, 3> rgb, bool withAlpha = false);

std::vector<FixtureFile> makeImageFolderFiles(const FixtureSpec &spec = {});

// Replaces the bytes of the file at `path` (or adds it).
void setFile(std::vector<FixtureFile> &files, const std::string &path, std::vector<uint8_t> bytes);
void removeFile(std::vector<FixtureFile> &files, const std::string &path);

// Writes the files under root, creating folders.
void writeFolder(const std::string &root, const std::vector<FixtureFile> &files);

// Writes the files into a zip with QuaZip; every entry name is prefix + path, as is (no
// cleaning, so unsafe names can be written on purpose). With directoryEntries, "dir/" entries
// are written for every folder as well, as zip tools do; extraDirs adds more of them. Deflate
// unless stored.
void writeZip(const std::string &zipPath, const std::vector<FixtureFile> &files,
    const std::string &prefix = "", bool directoryEntries = false,
    const std::vector<std::string> &extraDirs = {}, bool stored = false);

// Edits fields of one entry's central-directory record in place (the local header is left
// alone, as a hostile archive could do).
struct CentralDirectoryPatch
{
    std::optional<uint8_t> madeByHost; // 3 = Unix
    std::optional<uint16_t> flags;
    std::optional<uint32_t> compressedSize;
    std::optional<uint32_t> uncompressedSize;
    std::optional<uint32_t> externalAttributes;
};
void patchZipEntry(
    const std::string &zipPath, const std::string &entryName, const CentralDirectoryPatch &patch);

// Flips a byte in the middle of a stored entry's data (its CRC no longer matches).
void corruptZipEntryData(const std::string &zipPath, const std::string &entryName);

// Malformed image bytes.
std::vector<uint8_t> truncatedBytes(std::vector<uint8_t> bytes, size_t keep);
// A structurally valid PNG (correct chunk CRCs) whose IHDR declares width x height, with a
// few bytes of image data only.
std::vector<uint8_t> pngDeclaringSize(uint32_t width, uint32_t height);
// A real JPEG whose SOF header is patched to declare width x height.
std::vector<uint8_t> jpegDeclaringSize(uint16_t width, uint16_t height);
// A PNG whose chunk structure is intact but whose IDAT data (and CRC) is damaged.
std::vector<uint8_t> pngWithCorruptData();

std::vector<uint8_t> readFileBytes(const std::string &path);
void writeFileBytes(const std::string &path, const std::vector<uint8_t> &bytes);

} // namespace cifarlab::test
