#include "core/cifar_binary_loader.h"
#include "core/dataset_loader.h"
#include "core/error.h"
#include "support/cifar_fixtures.h"
#include "support/error_of.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <iterator>

namespace cifarlab {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

constexpr int64_t kPerBatch = 20;

using test::errorOf;

void expectCifar10Fixture(const Dataset &d, int64_t perBatch = kPerBatch)
{
    EXPECT_EQ(d.name, "CIFAR-10");
    EXPECT_EQ(d.format, "cifar10-binary");
    EXPECT_EQ(d.classNames, test::cifar10ClassNames());
    EXPECT_TRUE(d.coarseClassNames.empty());
    for (const ImageSplit *split : {&d.train, &d.test}) {
        const bool train = split == &d.train;
        ASSERT_EQ(split->count, train ? 5 * perBatch : perBatch);
        EXPECT_EQ(split->channels, 3);
        EXPECT_EQ(split->height, 32);
        EXPECT_EQ(split->width, 32);
        ASSERT_EQ(split->images.size(), static_cast<size_t>(split->count * 3072));
        ASSERT_EQ(split->labels.size(), static_cast<size_t>(split->count));
        EXPECT_TRUE(split->coarseLabels.empty());
        for (int64_t i = 0; i < split->count; ++i) {
            const auto src = test::cifar10FixtureSource(train, i, perBatch);
            ASSERT_EQ(split->labels[i], test::cifarFixtureLabel(src.batch, src.record)) << "image " << i;
            const uint8_t *image = split->image(i);
            for (int64_t c = 0; c < 3; ++c) {
                for (int64_t p = 0; p < 1024; ++p) {
                    ASSERT_EQ(image[c * 1024 + p], test::cifarFixturePixel(src.batch, src.record, c, p))
                        << (train ? "train" : "test") << " image " << i << " channel " << c << " pixel " << p;
                }
            }
        }
    }
}

void expectCifar100Fixture(const Dataset &d, int64_t trainRecords, int64_t testRecords)
{
    EXPECT_EQ(d.name, "CIFAR-100");
    EXPECT_EQ(d.format, "cifar100-binary");
    EXPECT_EQ(d.classNames, test::cifar100FineNames());
    EXPECT_EQ(d.coarseClassNames, test::cifar100CoarseNames());
    for (const ImageSplit *split : {&d.train, &d.test}) {
        const bool train = split == &d.train;
        const int batch = train ? 1 : 0;
        ASSERT_EQ(split->count, train ? trainRecords : testRecords);
        EXPECT_EQ(split->channels, 3);
        EXPECT_EQ(split->height, 32);
        EXPECT_EQ(split->width, 32);
        ASSERT_EQ(split->coarseLabels.size(), static_cast<size_t>(split->count));
        for (int64_t i = 0; i < split->count; ++i) {
            ASSERT_EQ(split->labels[i], test::cifarFixtureFineLabel(batch, i));
            ASSERT_EQ(split->coarseLabels[i], test::cifarFixtureCoarseLabel(batch, i));
            for (int64_t c = 0; c < 3; ++c) {
                for (int64_t p = 0; p < 1024; p += 7)
                    ASSERT_EQ(split->image(i)[c * 1024 + p], test::cifarFixturePixel(batch, i, c, p));
            }
        }
    }
}

// --- valid data ------------------------------------------------------------------------------------

TEST(CifarBinary, LoadsCifar10Folder)
{
    TempDir tmp;
    const std::string folder = test::writeCifar10Folder(tmp.path(), kPerBatch);
    EXPECT_TRUE(looksLikeCifarBinary(folder));
    EXPECT_EQ(detectCifarBinary(folder), "cifar10-binary");
    const Dataset d = loadCifarBinary(folder);
    expectCifar10Fixture(d);
    EXPECT_TRUE(fs::equivalent(d.source, folder));
}

TEST(CifarBinary, LoadsCifar10FromParentFolder)
{
    TempDir tmp;
    const std::string folder = test::writeCifar10Folder(tmp.path(), kPerBatch);
    EXPECT_EQ(detectCifarBinary(tmp.path()), "cifar10-binary");
    EXPECT_TRUE(fs::equivalent(resolveCifarBinaryPath(tmp.path()), folder));
    const Dataset d = loadCifarBinary(tmp.path());
    expectCifar10Fixture(d);
    EXPECT_TRUE(fs::equivalent(d.source, folder));
}

TEST(CifarBinary, LoadsCifar10TarGzStreamedWithProgress)
{
    TempDir src, tmp;
    const std::string folder = test::writeCifar10Folder(src.path(), kPerBatch);
    test::writeText(folder + "/readme.html", "<html>not data</html>\n"); // official archives carry one
    const std::string archive = tmp.file("cifar-10-binary.tar.gz");
    test::writeTarGz(folder, archive);
    EXPECT_EQ(detectCifarBinary(archive), "cifar10-binary");

    std::vector<double> reported;
    const Dataset d = loadCifarBinary(archive, [&](double f) { reported.push_back(f); });
    expectCifar10Fixture(d);
    EXPECT_EQ(d.source, archive);
    ASSERT_FALSE(reported.empty());
    EXPECT_TRUE(std::is_sorted(reported.begin(), reported.end()));
    EXPECT_DOUBLE_EQ(reported.back(), 1.0);
    // Streamed: nothing unpacked next to the archive.
    EXPECT_EQ(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()), 1);
}

// Found by fuzz_cifar_targz (tests/fuzz/corpus/fuzz_cifar_targz/valid-cifar10): assembling the
// batches of a CIFAR-10 archive offset the empty coarse-label vector (UB; UBSan aborts on it).
TEST(CifarBinary, Cifar10TarGzWithOneRecordPerBatch)
{
    TempDir src, tmp;
    const std::string folder = test::writeCifar10Folder(src.path(), 1);
    const std::string archive = tmp.file("cifar-10-binary.tar.gz");
    test::writeTarGz(folder, archive);
    const Dataset d = loadCifarBinary(archive);
    expectCifar10Fixture(d, 1);
}

TEST(CifarBinary, LoadsArchiveWithUnofficialNameByItsMembers)
{
    TempDir src, tmp;
    const std::string folder = test::writeCifar10Folder(src.path(), 3);
    const std::string archive = tmp.file("my-copy.tgz");
    test::writeTarGz(folder, archive);
    EXPECT_EQ(detectCifarBinary(archive), "cifar10-binary");
    expectCifar10Fixture(loadCifarBinary(archive), 3);
    // A folder holding only the official archive is a parent too.
    TempDir parent;
    fs::copy_file(archive, parent.file("cifar-10-binary.tar.gz"));
    expectCifar10Fixture(loadCifarBinary(parent.path()), 3);
}

TEST(CifarBinary, LoadsCifar100FolderAndTarGz)
{
    TempDir tmp, tmp2;
    const std::string folder = test::writeCifar100Folder(tmp.path(), 40, 20);
    EXPECT_EQ(detectCifarBinary(folder), "cifar100-binary");
    EXPECT_EQ(detectCifarBinary(tmp.path()), "cifar100-binary");
    expectCifar100Fixture(loadCifarBinary(folder), 40, 20);
    expectCifar100Fixture(loadCifarBinary(tmp.path()), 40, 20);

    const std::string archive = tmp2.file("cifar-100-binary.tar.gz");
    test::writeTarGz(folder, archive);
    EXPECT_EQ(detectCifarBinary(archive), "cifar100-binary");
    expectCifar100Fixture(loadCifarBinary(archive), 40, 20);
}

TEST(CifarBinary, FolderProgressIsMonotonicAndEndsAtOne)
{
    TempDir tmp;
    const std::string folder = test::writeCifar10Folder(tmp.path(), 5);
    std::vector<double> reported;
    loadCifarBinary(folder, [&](double f) { reported.push_back(f); });
    ASSERT_GE(reported.size(), 6u);
    EXPECT_TRUE(std::is_sorted(reported.begin(), reported.end()));
    EXPECT_GT(reported.front(), 0.0);
    EXPECT_DOUBLE_EQ(reported.back(), 1.0);
}

TEST(CifarBinary, MetaWithCrLfAndTrailingBlankLinesIsAccepted)
{
    TempDir tmp;
    const std::string folder = test::writeCifar10Folder(tmp.path(), 2);
    std::string meta;
    for (const auto &name : test::cifar10ClassNames())
        meta += name + "\r\n";
    test::writeText(folder + "/batches.meta.txt", meta + "\r\n\r\n");
    EXPECT_EQ(loadCifarBinary(folder).classNames, test::cifar10ClassNames());
}

TEST(CifarBinary, LoadDatasetDetectsAndResizes)
{
    TempDir tmp;
    const std::string folder = test::writeCifar10Folder(tmp.path(), 2);
    EXPECT_EQ(detectDatasetFormat(folder), "cifar10-binary");
    expectCifar10Fixture(loadDataset(folder), 2);

    LoadOptions options;
    options.resize = 16;
    options.threads = 2;
    std::vector<std::string> stages;
    options.progress = [&](const std::string &stage, double) {
        if (stages.empty() || stages.back() != stage)
            stages.push_back(stage);
    };
    const Dataset d = loadDataset(tmp.path(), options);
    EXPECT_EQ(stages, (std::vector<std::string> {"Reading CIFAR-10", "Resizing images"}));
    ASSERT_EQ(d.train.count, 10);
    EXPECT_EQ(d.train.height, 16);
    EXPECT_EQ(d.train.width, 16);
    EXPECT_EQ(d.test.height, 16);
    ASSERT_EQ(d.train.images.size(), static_cast<size_t>(10 * 3 * 16 * 16));
    // Halving averages 2x2 blocks (OpenCV rounds its fixed-point result, so allow 1).
    for (int64_t i : {int64_t(0), int64_t(7)}) {
        const auto src = test::cifar10FixtureSource(true, i, 2);
        for (int64_t c = 0; c < 3; ++c) {
            for (int64_t y = 0; y < 16; y += 5) {
                for (int64_t x = 0; x < 16; x += 3) {
                    double sum = 0;
                    for (int64_t dy = 0; dy < 2; ++dy)
                        for (int64_t dx = 0; dx < 2; ++dx)
                            sum += test::cifarFixturePixel(
                                src.batch, src.record, c, (2 * y + dy) * 32 + 2 * x + dx);
                    EXPECT_NEAR(d.train.image(i)[c * 256 + y * 16 + x], sum / 4.0, 1.0);
                }
            }
        }
    }
}

// --- malformed data --------------------------------------------------------------------------------

TEST(CifarBinaryErrors, TruncatedBatch)
{
    TempDir tmp;
    const std::string folder = test::writeCifar10Folder(tmp.path(), kPerBatch);
    test::truncateFile(folder + "/data_batch_2.bin", kPerBatch * 3073 - 100);
    const std::string message = errorOf([&] { loadCifarBinary(folder); });
    EXPECT_TRUE(test::containsText(message, "data_batch_2.bin"));
    EXPECT_TRUE(test::containsText(message, "truncated"));
    EXPECT_TRUE(test::containsText(message, std::to_string(kPerBatch * 3073 - 100) + " bytes"));
    EXPECT_TRUE(test::containsText(message, "3073-byte records"));
}

TEST(CifarBinaryErrors, EmptyBatch)
{
    TempDir tmp;
    const std::string folder = test::writeCifar10Folder(tmp.path(), 2);
    test::truncateFile(folder + "/test_batch.bin", 0);
    const std::string message = errorOf([&] { loadCifarBinary(folder); });
    EXPECT_TRUE(test::containsText(message, "test_batch.bin: empty"));
}

TEST(CifarBinaryErrors, WrongRecordSize)
{
    TempDir tmp;
    const std::string folder = test::writeCifar10Folder(tmp.path(), kPerBatch);
    // CIFAR-100 records (2 label bytes) where CIFAR-10 records belong.
    test::writeCifarBatch(folder + "/data_batch_4.bin", 4, kPerBatch, 2);
    const std::string message = errorOf([&] { loadCifarBinary(folder); });
    EXPECT_TRUE(test::containsText(message, "data_batch_4.bin"));
    EXPECT_TRUE(test::containsText(message, "wrong record size"));
    EXPECT_TRUE(test::containsText(message, "3074 bytes"));
    EXPECT_TRUE(test::containsText(message, "expected 3073-byte records"));
}

TEST(CifarBinaryErrors, LabelOutOfRange)
{
    TempDir tmp;
    const std::string folder = test::writeCifar10Folder(tmp.path(), kPerBatch);
    auto bytes = test::readBytes(folder + "/data_batch_2.bin");
    bytes[7 * 3073] = 12;
    test::writeBytes(folder + "/data_batch_2.bin", bytes);
    const std::string message = errorOf([&] { loadCifarBinary(folder); });
    EXPECT_TRUE(test::containsText(message, "data_batch_2.bin"));
    EXPECT_TRUE(test::containsText(message, "record 7"));
    EXPECT_TRUE(test::containsText(message, "label 12 out of range (10 classes)"));
}

TEST(CifarBinaryErrors, Cifar100FineAndCoarseLabelsOutOfRange)
{
    TempDir tmp;
    const std::string folder = test::writeCifar100Folder(tmp.path(), 10, 5);
    auto bytes = test::readBytes(folder + "/train.bin");
    bytes[3 * 3074 + 1] = 150;
    test::writeBytes(folder + "/train.bin", bytes);
    std::string message = errorOf([&] { loadCifarBinary(folder); });
    EXPECT_TRUE(test::containsText(message, "train.bin"));
    EXPECT_TRUE(test::containsText(message, "record 3"));
    EXPECT_TRUE(test::containsText(message, "fine label 150 out of range (100 classes)"));

    bytes[3 * 3074 + 1] = 5;
    bytes[4 * 3074] = 20;
    test::writeBytes(folder + "/train.bin", bytes);
    message = errorOf([&] { loadCifarBinary(folder); });
    EXPECT_TRUE(test::containsText(message, "record 4"));
    EXPECT_TRUE(test::containsText(message, "coarse label 20 out of range (20 superclasses)"));
}

TEST(CifarBinaryErrors, MissingBatch)
{
    TempDir tmp;
    const std::string folder = test::writeCifar10Folder(tmp.path(), 2);
    fs::remove(folder + "/data_batch_3.bin");
    EXPECT_EQ(detectCifarBinary(folder), "cifar10-binary"); // still recognized, so the error is specific
    const std::string message = errorOf([&] { loadCifarBinary(folder); });
    EXPECT_TRUE(test::containsText(message, folder));
    EXPECT_TRUE(test::containsText(message, "missing data_batch_3.bin"));
    // loadDataset passes the same message through.
    EXPECT_TRUE(test::containsText(errorOf([&] { loadDataset(folder); }), "missing data_batch_3.bin"));
}

TEST(CifarBinaryErrors, MissingMeta)
{
    TempDir tmp;
    const std::string folder = test::writeCifar10Folder(tmp.path(), 2);
    fs::remove(folder + "/batches.meta.txt");
    const std::string message = errorOf([&] { loadCifarBinary(folder); });
    EXPECT_TRUE(test::containsText(message, "missing batches.meta.txt"));

    TempDir tmp100;
    const std::string folder100 = test::writeCifar100Folder(tmp100.path(), 2, 2);
    fs::remove(folder100 + "/coarse_label_names.txt");
    EXPECT_TRUE(
        test::containsText(errorOf([&] { loadCifarBinary(folder100); }), "missing coarse_label_names.txt"));
}

TEST(CifarBinaryErrors, MetaWithWrongClassCount)
{
    TempDir tmp;
    const std::string folder = test::writeCifar10Folder(tmp.path(), 2);
    test::writeText(
        folder + "/batches.meta.txt", "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\n\n");
    std::string message = errorOf([&] { loadCifarBinary(folder); });
    EXPECT_TRUE(test::containsText(message, "batches.meta.txt"));
    EXPECT_TRUE(test::containsText(message, "9 class names, expected 10"));

    test::writeText(
        folder + "/batches.meta.txt", "airplane\n\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n");
    message = errorOf([&] { loadCifarBinary(folder); });
    EXPECT_TRUE(test::containsText(message, "batches.meta.txt: line 2 is blank"));
}

TEST(CifarBinaryErrors, TarGzCorruptGzip)
{
    TempDir src, tmp;
    const std::string folder = test::writeCifar10Folder(src.path(), kPerBatch);
    const std::string archive = tmp.file("cifar-10-binary.tar.gz");
    test::writeTarGz(folder, archive);
    auto bytes = test::readBytes(archive);
    ASSERT_GT(bytes.size(), 2000u);
    for (size_t i = bytes.size() / 2; i < bytes.size() / 2 + 64; ++i)
        bytes[i] ^= 0x5A;
    test::writeBytes(archive, bytes);
    const std::string message = errorOf([&] { loadCifarBinary(archive); });
    // The damaged stream may first inflate into garbage (bad labels); the gzip checksum still wins.
    EXPECT_TRUE(test::containsText(message, archive + ": corrupt gzip data"));
}

// Found by fuzz_cifar_targz (tests/fuzz/corpus/fuzz_cifar_targz/corrupt-deflate): damage within the
// first inflated block fails archive_read_open, and the archive and gzip handles leaked (LSan).
TEST(CifarBinaryErrors, TarGzCorruptFirstBlock)
{
    TempDir src, tmp;
    const std::string folder = test::writeCifar10Folder(src.path(), 1);
    const std::string archive = tmp.file("cifar-10-binary.tar.gz");
    test::writeTarGz(folder, archive);
    auto bytes = test::readBytes(archive);
    bytes[bytes.size() / 2] ^= 0x55;
    test::writeBytes(archive, bytes);
    const std::string message = errorOf([&] { loadCifarBinary(archive); });
    EXPECT_TRUE(test::containsText(message, archive + ": corrupt or not a tar.gz archive: corrupt gzip data"));
}

TEST(CifarBinaryErrors, TarGzNotAnArchive)
{
    TempDir tmp;
    const std::string archive = tmp.file("cifar-10-binary.tar.gz");
    test::writeText(archive, std::string(4000, 'x'));
    const std::string message = errorOf([&] { loadCifarBinary(archive); });
    EXPECT_TRUE(test::containsText(message, archive));
    EXPECT_TRUE(test::containsText(message, "not a tar.gz archive"));
}

TEST(CifarBinaryErrors, TarGzTruncated)
{
    TempDir src, tmp;
    const std::string folder = test::writeCifar10Folder(src.path(), kPerBatch);
    const std::string archive = tmp.file("cifar-10-binary.tar.gz");
    test::writeTarGz(folder, archive);
    test::truncateFile(archive, static_cast<int64_t>(fs::file_size(archive) / 2));
    const std::string message = errorOf([&] { loadCifarBinary(archive); });
    EXPECT_TRUE(test::containsText(message, archive));
    EXPECT_TRUE(test::containsText(message, archive + ": truncated gzip data: unexpected end of file"));
}

TEST(CifarBinaryErrors, TarGzMissingMember)
{
    TempDir src, tmp;
    const std::string folder = test::writeCifar10Folder(src.path(), 2);
    const std::string archive = tmp.file("cifar-10-binary.tar.gz");
    test::writeTarGz(folder, archive, {"data_batch_3.bin"});
    const std::string message = errorOf([&] { loadCifarBinary(archive); });
    EXPECT_TRUE(test::containsText(message, archive));
    EXPECT_TRUE(test::containsText(message, "missing member cifar-10-batches-bin/data_batch_3.bin"));
}

TEST(CifarBinaryErrors, TarGzBadLabelNamesMember)
{
    TempDir src, tmp;
    const std::string folder = test::writeCifar10Folder(src.path(), 2);
    auto bytes = test::readBytes(folder + "/test_batch.bin");
    bytes[1 * 3073] = 10;
    test::writeBytes(folder + "/test_batch.bin", bytes);
    const std::string archive = tmp.file("cifar-10-binary.tar.gz");
    test::writeTarGz(folder, archive);
    const std::string message = errorOf([&] { loadCifarBinary(archive); });
    EXPECT_TRUE(
        test::containsText(message, archive + ": cifar-10-batches-bin/test_batch.bin: record 1: label 10"));
}

TEST(CifarBinaryErrors, ParentHoldingBothReleases)
{
    TempDir tmp;
    test::writeCifar10Folder(tmp.path(), 2);
    test::writeCifar100Folder(tmp.path(), 2, 2);
    const std::string message = errorOf([&] { loadCifarBinary(tmp.path()); });
    EXPECT_TRUE(test::containsText(message, tmp.path()));
    EXPECT_TRUE(test::containsText(message, "holds both cifar-10-batches-bin and cifar-100-binary"));
}

TEST(CifarBinaryErrors, NotCifarAndNonexistent)
{
    TempDir tmp;
    test::writeText(tmp.file("notes.txt"), "hello\n");
    EXPECT_FALSE(looksLikeCifarBinary(tmp.path()));
    EXPECT_TRUE(test::containsText(errorOf([&] { loadCifarBinary(tmp.path()); }), "not CIFAR binary data"));
    const std::string missing = tmp.file("nope");
    EXPECT_EQ(errorOf([&] { loadCifarBinary(missing); }), missing + ": no such file or folder");
}

} // namespace
} // namespace cifarlab
