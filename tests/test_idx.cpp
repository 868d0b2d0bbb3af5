#include "core/dataset_loader.h"
#include "core/error.h"
#include "core/idx_loader.h"
#include "support/cifar_fixtures.h"
#include "support/error_of.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <functional>

namespace cifarlab {
namespace {

namespace fs = std::filesystem;
using test::containsText;
using test::TempDir;

const char *const kFashionDir = "/usr/share/datasets/fashion-mnist";

using test::errorOf;

// Rows != cols so a transposed read would show.
constexpr int64_t kRows = 5;
constexpr int64_t kCols = 4;

void expectIdxFixture(const Dataset &d, int64_t trainCount, int64_t testCount)
{
    EXPECT_EQ(d.format, "idx");
    ASSERT_EQ(d.classNames.size(), 10u);
    for (const ImageSplit *split : {&d.train, &d.test}) {
        const bool train = split == &d.train;
        ASSERT_EQ(split->count, train ? trainCount : testCount);
        EXPECT_EQ(split->channels, 1);
        EXPECT_EQ(split->height, kRows);
        EXPECT_EQ(split->width, kCols);
        ASSERT_EQ(split->images.size(), static_cast<size_t>(split->count * kRows * kCols));
        ASSERT_EQ(split->labels.size(), static_cast<size_t>(split->count));
        for (int64_t i = 0; i < split->count; ++i) {
            ASSERT_EQ(split->labels[i], test::idxFixtureLabel(train, i));
            for (int64_t p = 0; p < kRows * kCols; ++p)
                ASSERT_EQ(split->image(i)[p], test::idxFixturePixel(train, i, p))
                    << "image " << i << " pixel " << p;
        }
    }
}

TEST(Idx, LoadsRawFiles)
{
    TempDir tmp;
    const std::string folder = test::writeIdxFolder(tmp.file("mnist"), 30, 12, kRows, kCols, false);
    EXPECT_TRUE(looksLikeIdx(folder));
    EXPECT_EQ(detectDatasetFormat(folder), "idx");
    const Dataset d = loadIdx(folder);
    expectIdxFixture(d, 30, 12);
    EXPECT_EQ(d.name, "MNIST");
    EXPECT_EQ(d.classNames, (std::vector<std::string> {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}));
    EXPECT_TRUE(fs::equivalent(d.source, folder));
}

TEST(Idx, LoadsGzipFilesAndNamesFashionMnistByFolder)
{
    TempDir tmp;
    const std::string folder = test::writeIdxFolder(tmp.file("My-FASHION-set"), 25, 9, kRows, kCols, true);
    EXPECT_TRUE(fs::exists(folder + "/train-images-idx3-ubyte.gz"));
    std::vector<double> reported;
    const Dataset d = loadIdx(folder, [&](double f) { reported.push_back(f); });
    expectIdxFixture(d, 25, 9);
    EXPECT_EQ(d.name, "Fashion-MNIST");
    EXPECT_EQ(d.classNames,
        (std::vector<std::string> {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
            "Sneaker", "Bag", "Ankle boot"}));
    ASSERT_FALSE(reported.empty());
    EXPECT_TRUE(std::is_sorted(reported.begin(), reported.end()));
    EXPECT_DOUBLE_EQ(reported.back(), 1.0);
}

TEST(Idx, MixesRawAndGzipAndLoadsThroughLoadDataset)
{
    TempDir tmp;
    const std::string folder = test::writeIdxFolder(tmp.file("digits"), 6, 4, kRows, kCols, true);
    // Raw train images next to the .gz: the raw file wins (no inflating needed).
    test::writeIdxImages(folder + "/train-images-idx3-ubyte", true, 6, kRows, kCols, false);
    fs::remove(folder + "/train-images-idx3-ubyte.gz");
    const Dataset d = loadDataset(folder + "/");
    expectIdxFixture(d, 6, 4);
    EXPECT_EQ(d.name, "MNIST");
}

TEST(Idx, LoadsDebianFashionMnistWhenInstalled)
{
    if (!fs::exists(std::string(kFashionDir) + "/train-images-idx3-ubyte.gz"))
        GTEST_SKIP() << kFashionDir << " not installed (Debian package fashion-mnist)";
    const Dataset d = loadDataset(kFashionDir);
    EXPECT_EQ(d.name, "Fashion-MNIST");
    EXPECT_EQ(d.format, "idx");
    EXPECT_EQ(d.source, kFashionDir);
    ASSERT_EQ(d.train.count, 60000);
    ASSERT_EQ(d.test.count, 10000);
    EXPECT_EQ(d.train.channels, 1);
    EXPECT_EQ(d.train.height, 28);
    EXPECT_EQ(d.train.width, 28);
    EXPECT_EQ(d.train.images.size(), 60000u * 28 * 28);
    EXPECT_EQ(d.test.images.size(), 10000u * 28 * 28);
    EXPECT_EQ(d.classNames.front(), "T-shirt/top");
    EXPECT_EQ(d.classNames.back(), "Ankle boot");
    // Fashion-MNIST is balanced: 6000 / 1000 images per class.
    std::vector<int64_t> trainCounts(10), testCounts(10);
    for (int64_t label : d.train.labels)
        ++trainCounts.at(static_cast<size_t>(label));
    for (int64_t label : d.test.labels)
        ++testCounts.at(static_cast<size_t>(label));
    EXPECT_EQ(trainCounts, std::vector<int64_t>(10, 6000));
    EXPECT_EQ(testCounts, std::vector<int64_t>(10, 1000));
    // Real pictures: dark background corners, brighter middle.
    EXPECT_EQ(d.train.image(0)[0], 0);
    EXPECT_GT(*std::max_element(d.train.images.begin(), d.train.images.begin() + 784), 200);
}

TEST(Idx, ResizeDatasetGrowsAndShrinksEverySplit)
{
    TempDir tmp;
    Dataset d = loadIdx(test::writeIdxFolder(tmp.file("mnist"), 3, 2, kRows, kCols, false));
    std::fill(d.test.images.begin(), d.test.images.end(), uint8_t(77)); // flat images stay flat
    resizeDataset(d, 8, 1);
    for (const ImageSplit *split : {&d.train, &d.test}) {
        EXPECT_EQ(split->height, 8);
        EXPECT_EQ(split->width, 8);
        EXPECT_EQ(split->images.size(), static_cast<size_t>(split->count * 64));
    }
    EXPECT_TRUE(std::all_of(d.test.images.begin(), d.test.images.end(), [](uint8_t v) { return v == 77; }));
    EXPECT_EQ(d.train.labels.size(), 3u);
    resizeDataset(d, 2, 2);
    EXPECT_EQ(d.test.images, std::vector<uint8_t>(2 * 4, 77));
    EXPECT_TRUE(containsText(errorOf([&] { resizeDataset(d, 0); }), "resize: size must be positive"));
}

TEST(IdxErrors, BadMagic)
{
    TempDir tmp;
    const std::string folder = test::writeIdxFolder(tmp.file("mnist"), 5, 5, kRows, kCols, false);
    test::writeIdxImages(folder + "/train-images-idx3-ubyte", true, 5, kRows, kCols, false, 0x00000804);
    std::string message = errorOf([&] { loadIdx(folder); });
    EXPECT_TRUE(containsText(message, "train-images-idx3-ubyte"));
    EXPECT_TRUE(containsText(message, "bad magic 0x00000804, expected 0x00000803"));

    // Labels where images belong get a pointed hint.
    test::writeIdxLabels(folder + "/train-images-idx3-ubyte", test::idxFixtureLabels(true, 5), false);
    message = errorOf([&] { loadIdx(folder); });
    EXPECT_TRUE(containsText(message, "bad magic 0x00000801"));
    EXPECT_TRUE(containsText(message, "this is a label file"));
}

TEST(IdxErrors, BadLabelMagicInGzip)
{
    TempDir tmp;
    const std::string folder = test::writeIdxFolder(tmp.file("mnist"), 5, 5, kRows, kCols, true);
    test::writeIdxLabels(
        folder + "/t10k-labels-idx1-ubyte.gz", test::idxFixtureLabels(false, 5), true, 0x08010000);
    const std::string message = errorOf([&] { loadIdx(folder); });
    EXPECT_TRUE(
        containsText(message, "t10k-labels-idx1-ubyte.gz: bad magic 0x08010000, expected 0x00000801"));
}

TEST(IdxErrors, CountMismatch)
{
    TempDir tmp;
    const std::string folder = test::writeIdxFolder(tmp.file("mnist"), 30, 12, kRows, kCols, false);
    test::writeIdxLabels(folder + "/train-labels-idx1-ubyte", test::idxFixtureLabels(true, 29), false);
    const std::string message = errorOf([&] { loadIdx(folder); });
    EXPECT_TRUE(containsText(message, "train-labels-idx1-ubyte: 29 labels"));
    EXPECT_TRUE(containsText(message, "train-images-idx3-ubyte holds 30 images"));
}

TEST(IdxErrors, TruncatedImages)
{
    TempDir tmp;
    const std::string folder = test::writeIdxFolder(tmp.file("mnist"), 30, 12, kRows, kCols, false);
    test::truncateFile(folder + "/t10k-images-idx3-ubyte", 16 + 12 * kRows * kCols - 7);
    const std::string message = errorOf([&] { loadIdx(folder); });
    EXPECT_TRUE(containsText(
        message, "t10k-images-idx3-ubyte: truncated: 233 of 240 pixel bytes (12 images of 5x4)"));
}

TEST(IdxErrors, TruncatedGzipAndHeader)
{
    TempDir tmp;
    const std::string folder = test::writeIdxFolder(tmp.file("mnist"), 200, 12, kRows, kCols, true);
    const std::string images = folder + "/train-images-idx3-ubyte.gz";
    test::truncateFile(images, static_cast<int64_t>(fs::file_size(images) / 2));
    std::string message = errorOf([&] { loadIdx(folder); });
    EXPECT_TRUE(containsText(message, images + ": truncated"));

    test::writeIdxImages(images, true, 200, kRows, kCols, true);
    test::writeBytes(folder + "/train-labels-idx1-ubyte.gz", {0, 0, 8, 1, 0, 0}, true);
    message = errorOf([&] { loadIdx(folder); });
    EXPECT_TRUE(containsText(message, "train-labels-idx1-ubyte.gz: truncated header: 6 of 8 bytes"));
}

TEST(IdxErrors, CorruptGzip)
{
    TempDir tmp;
    const std::string folder = test::writeIdxFolder(tmp.file("mnist"), 200, 12, kRows, kCols, true);
    const std::string images = folder + "/train-images-idx3-ubyte.gz";
    auto bytes = test::readBytes(images);
    for (size_t i = 12; i < bytes.size() - 8; ++i)
        bytes[i] ^= 0xA5;
    test::writeBytes(images, bytes);
    const std::string message = errorOf([&] { loadIdx(folder); });
    EXPECT_TRUE(containsText(message, images));
    EXPECT_TRUE(message.find("corrupt gzip data") != std::string::npos
        || message.find("bad magic") != std::string::npos)
        << message;
}

TEST(IdxErrors, LabelOutOfRange)
{
    TempDir tmp;
    const std::string folder = test::writeIdxFolder(tmp.file("mnist"), 30, 12, kRows, kCols, false);
    auto labels = test::idxFixtureLabels(false, 12);
    labels[4] = 10;
    test::writeIdxLabels(folder + "/t10k-labels-idx1-ubyte", labels, false);
    const std::string message = errorOf([&] { loadIdx(folder); });
    EXPECT_TRUE(
        containsText(message, "t10k-labels-idx1-ubyte: label 10 at index 4 out of range (10 classes)"));
}

TEST(IdxErrors, MissingFileAndSizeMismatch)
{
    TempDir tmp;
    const std::string folder = test::writeIdxFolder(tmp.file("mnist"), 3, 3, kRows, kCols, false);
    fs::remove(folder + "/t10k-labels-idx1-ubyte");
    EXPECT_TRUE(looksLikeIdx(folder));
    EXPECT_TRUE(
        containsText(errorOf([&] { loadIdx(folder); }), folder + ": missing t10k-labels-idx1-ubyte[.gz]"));

    test::writeIdxLabels(folder + "/t10k-labels-idx1-ubyte", test::idxFixtureLabels(false, 3), false);
    test::writeIdxImages(folder + "/t10k-images-idx3-ubyte", false, 3, kCols, kRows, false);
    const std::string message = errorOf([&] { loadIdx(folder); });
    EXPECT_TRUE(containsText(message, "t10k-images-idx3-ubyte: 4x5 images, but"));
    EXPECT_TRUE(containsText(message, "train-images-idx3-ubyte holds 5x4"));
}

TEST(IdxErrors, ImplausibleHeader)
{
    TempDir tmp;
    const std::string folder = test::writeIdxFolder(tmp.file("mnist"), 3, 3, kRows, kCols, false);
    // A corrupt count must fail fast instead of allocating gigabytes.
    test::writeBytes(
        folder + "/train-images-idx3-ubyte", {0, 0, 8, 3, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 1, 0, 0, 0, 1, 0});
    const std::string message = errorOf([&] { loadIdx(folder); });
    EXPECT_TRUE(containsText(message, "train-images-idx3-ubyte: implausible header"));
}

// Found with the fuzz_idx harness (tests/fuzz/corpus/fuzz_idx/oom-header-declares-3-gb, an OOM there):
// headers declaring 200 images of 4096x4096 in a 16-byte file made the loader zero-fill 3.2 GB
// before finding the data missing. The file size now bounds what a header may declare.
TEST(IdxErrors, HeaderDeclaringGigabytesFailsBeforeAllocating)
{
    TempDir tmp;
    const std::string folder = test::writeIdxFolder(tmp.file("mnist"), 3, 3, kRows, kCols, false);
    const std::vector<uint8_t> header {0, 0, 8, 3, 0, 0, 0, 200, 0, 0, 0x10, 0, 0, 0, 0x10, 0};
    const std::vector<uint8_t> labels {0, 0, 8, 1, 0, 0, 0, 200};
    test::writeBytes(folder + "/train-images-idx3-ubyte", header);
    test::writeBytes(folder + "/train-labels-idx1-ubyte", labels);
    // Both splits must declare the same image size, or that is reported first.
    test::writeBytes(folder + "/t10k-images-idx3-ubyte", header);
    test::writeBytes(folder + "/t10k-labels-idx1-ubyte", labels);
    rusage before {};
    getrusage(RUSAGE_SELF, &before);
    std::string message = errorOf([&] { loadIdx(folder); });
    rusage after {};
    getrusage(RUSAGE_SELF, &after);
    EXPECT_TRUE(containsText(
        message, "train-images-idx3-ubyte: truncated: 0 of 3355443200 pixel bytes (200 images of 4096x4096)"));
    EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 256 * 1024) << "peak RSS grew by " << after.ru_maxrss - before.ru_maxrss << " KiB";

    // Compressed, the bound is what deflate could at best inflate the file to.
    fs::remove(folder + "/train-images-idx3-ubyte");
    test::writeBytes(folder + "/train-images-idx3-ubyte.gz", header, true);
    message = errorOf([&] { loadIdx(folder); });
    EXPECT_TRUE(containsText(message, "train-images-idx3-ubyte.gz: truncated: 3355443200 pixel bytes (200 images of "
                                      "4096x4096) cannot come from "));
}

} // namespace
} // namespace cifarlab
