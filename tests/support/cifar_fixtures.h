#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace cifarlab::test {

// Small, valid CIFAR binary / IDX fixtures with deterministic contents, so a test can compute every
// expected byte. Helpers throw std::runtime_error when they cannot write.

// --- CIFAR ---------------------------------------------------------------------------------------
// `batch` identifies the file a record sits in: 1..5 = data_batch_N.bin (CIFAR-10) or 1 = train.bin
// (CIFAR-100); 0 = test_batch.bin / test.bin.
uint8_t cifarFixturePixel(int batch, int64_t record, int64_t channel, int64_t pixel);
int64_t cifarFixtureLabel(int batch, int64_t record); // CIFAR-10 label, or CIFAR-100 fine label
int64_t cifarFixtureFineLabel(int batch, int64_t record); // in [0, 100)
int64_t cifarFixtureCoarseLabel(int batch, int64_t record); // in [0, 20)

std::vector<std::string> cifar10ClassNames(); // the official ten, airplane..truck
std::vector<std::string> cifar100FineNames(); // 100 generated names "fine_00".."fine_99"
std::vector<std::string> cifar100CoarseNames(); // 20 generated names "coarse_00".."coarse_19"

// A record file: labelBytes 1 = CIFAR-10 (label + 3072 pixels), 2 = CIFAR-100 (coarse, fine, pixels).
void writeCifarBatch(const std::string &path, int batch, int64_t records, int labelBytes);

// <parent>/cifar-10-batches-bin with data_batch_1..5.bin, test_batch.bin (recordsPerBatch each) and
// batches.meta.txt (with the trailing blank lines of the official file). Returns the folder's path.
std::string writeCifar10Folder(const std::string &parent, int64_t recordsPerBatch = 20);

// <parent>/cifar-100-binary with train.bin, test.bin, fine_label_names.txt, coarse_label_names.txt.
std::string writeCifar100Folder(
    const std::string &parent, int64_t trainRecords = 40, int64_t testRecords = 20);

// Where image `index` of a loaded CIFAR-10 fixture split came from (train batches concatenate 1..5).
struct CifarSource
{
    int batch;
    int64_t record;
};
CifarSource cifar10FixtureSource(bool train, int64_t index, int64_t recordsPerBatch);

// tar.gz of `folder`, written with libarchive (gzip filter, pax): a directory member "<name>/" first,
// then "<name>/<file>" for each file in reverse name order (loaders must not rely on order).
// Files named in `skip` are left out.
void writeTarGz(
    const std::string &folder, const std::string &archivePath, const std::vector<std::string> &skip = {});

// --- IDX -----------------------------------------------------------------------------------------
uint8_t idxFixturePixel(bool train, int64_t index, int64_t pixel);
uint8_t idxFixtureLabel(bool train, int64_t index); // in [0, 10)

// Header (magic, count, rows, cols, big-endian) + count*rows*cols fixture pixels; gz = gzip-compressed.
void writeIdxImages(const std::string &path, bool train, int64_t count, int64_t rows, int64_t cols, bool gz,
    uint32_t magic = 0x00000803);
void writeIdxLabels(
    const std::string &path, const std::vector<uint8_t> &labels, bool gz, uint32_t magic = 0x00000801);
std::vector<uint8_t> idxFixtureLabels(bool train, int64_t count);

// `folder` (created) with the four MNIST file names, ".gz" appended when gz. Returns `folder`.
std::string writeIdxFolder(
    const std::string &folder, int64_t trainCount, int64_t testCount, int64_t rows, int64_t cols, bool gz);

// --- plain files ---------------------------------------------------------------------------------
void writeBytes(const std::string &path, const std::vector<uint8_t> &bytes, bool gz = false);
void writeText(const std::string &path, const std::string &text);
std::vector<uint8_t> readBytes(const std::string &path);
void truncateFile(const std::string &path, int64_t size);

// EXPECT_TRUE(containsText(message, "part")) prints both strings when it fails.
::testing::AssertionResult containsText(const std::string &text, const std::string &part);

} // namespace cifarlab::test
