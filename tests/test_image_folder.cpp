#include "core/error.h"
#include "core/image_folder_loader.h"
#include "support/image_fixtures.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using cifarlab::Dataset;
using cifarlab::ImageFolderOptions;
using cifarlab::loadImageFolder;
namespace t = cifarlab::test;
namespace fs = std::filesystem;

namespace {

::testing::AssertionResult contains(const std::string &text, const std::string &part)
{
    if (text.find(part) != std::string::npos)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "\"" << text << "\" does not contain \"" << part << "\"";
}

uint8_t pixel(const cifarlab::ImageSplit &split, int64_t image, int64_t channel, int64_t x, int64_t y)
{
    return split.image(image)[(channel * split.height + y) * split.width + x];
}

class ImageFolderTest : public ::testing::Test
{
protected:
    ImageFolderTest() { options.useCache = false; }

    std::string folder(const std::vector<t::FixtureFile> &files, const std::string &name = "fruits")
    {
        const std::string root = dir.file(name);
        t::writeFolder(root, files);
        return root;
    }

    std::string zip(const std::vector<t::FixtureFile> &files, const std::string &prefix = "",
        bool dirs = false, const std::vector<std::string> &extraDirs = {}, bool stored = false)
    {
        const std::string path = dir.file("fruits.zip");
        t::writeZip(path, files, prefix, dirs, extraDirs, stored);
        return path;
    }

    // The message of the Error that loading path throws; fails the test if it does not throw.
    std::string errorOf(const std::string &path)
    {
        try {
            loadImageFolder(path, options);
        } catch (const cifarlab::Error &e) {
            const std::string message = e.what();
            EXPECT_EQ(message.find('\n'), std::string::npos) << "not one line: " << message;
            EXPECT_TRUE(contains(message, path)) << "the message should name the dataset";
            return message;
        } catch (const std::exception &e) {
            ADD_FAILURE() << "threw a non-cifarlab::Error: " << e.what();
            return {};
        }
        ADD_FAILURE() << "loading " << path << " did not throw";
        return {};
    }

    t::TempDir dir;
    t::FixtureSpec spec;
    ImageFolderOptions options;
};

void expectFixturePixels(const Dataset &d, const t::FixtureSpec &spec)
{
    for (bool test : {false, true}) {
        const cifarlab::ImageSplit &split = test ? d.test : d.train;
        const int perClass = test ? spec.testPerClass : spec.trainPerClass;
        ASSERT_EQ(split.count, perClass * static_cast<int64_t>(spec.classes.size()));
        for (int64_t i = 0; i < split.count; ++i) {
            const int label = static_cast<int>(i / perClass);
            const int index = static_cast<int>(i % perClass);
            ASSERT_EQ(split.labels[i], label);
            for (int y = 0; y < spec.height; ++y)
                for (int x = 0; x < spec.width; ++x) {
                    const auto rgb = t::fixturePixel(label, index, test, x, y);
                    for (int c = 0; c < 3; ++c)
                        ASSERT_EQ(pixel(split, i, c, x, y), rgb[c])
                            << (test ? "test" : "train") << " image " << i << " channel " << c << " at " << x
                            << "," << y;
                }
        }
    }
}

} // namespace

TEST_F(ImageFolderTest, LoadsFolderWithExactPngPixelsLabelsAndClasses)
{
    const std::string root = folder(t::makeImageFolderFiles(spec));
    const Dataset d = loadImageFolder(root, options);
    EXPECT_EQ(d.format, "image-folder");
    EXPECT_EQ(d.name, "fruits");
    EXPECT_EQ(d.source, root);
    EXPECT_EQ(d.classNames, (std::vector<std::string> {"apple", "banana", "cherry"}));
    EXPECT_EQ(d.train.count, 12);
    EXPECT_EQ(d.test.count, 6);
    EXPECT_EQ(d.train.channels, 3);
    EXPECT_EQ(d.train.height, 8);
    EXPECT_EQ(d.train.width, 8);
    EXPECT_EQ(d.train.images.size(), 12u * 3 * 8 * 8);
    EXPECT_EQ(d.test.labels, (std::vector<int64_t> {0, 0, 1, 1, 2, 2}));
    EXPECT_TRUE(d.train.coarseLabels.empty());
    expectFixturePixels(d, spec);
}

TEST_F(ImageFolderTest, ClassesAreSortedAndFilesOrderedByName)
{
    spec.classes = {"zebra", "Ant", "mole"};
    auto files = t::makeImageFolderFiles(spec);
    // Written in reverse so the order cannot come from the file system.
    std::reverse(files.begin(), files.end());
    const Dataset d = loadImageFolder(folder(files), options);
    EXPECT_EQ(d.classNames, (std::vector<std::string> {"Ant", "mole", "zebra"}));
    // "Ant" was class 1 when the pixels were made; it is label 0 now.
    EXPECT_EQ(pixel(d.train, 0, 0, 0, 0), t::fixturePixel(1, 0, false, 0, 0)[0]);
    EXPECT_EQ(pixel(d.train, 3, 1, 0, 5), t::fixturePixel(1, 3, false, 0, 5)[1]);
    EXPECT_EQ(pixel(d.train, 4, 0, 2, 0), t::fixturePixel(2, 0, false, 2, 0)[0]);
}

TEST_F(ImageFolderTest, ZipLoadsTheSameAsTheFolder)
{
    const auto files = t::makeImageFolderFiles(spec);
    const Dataset fromFolder = loadImageFolder(folder(files), options);
    const Dataset fromZip = loadImageFolder(zip(files, "", true), options);
    EXPECT_EQ(fromZip.name, "fruits");
    EXPECT_EQ(fromZip.format, "image-folder");
    EXPECT_EQ(fromZip.classNames, fromFolder.classNames);
    EXPECT_EQ(fromZip.train.images, fromFolder.train.images);
    EXPECT_EQ(fromZip.train.labels, fromFolder.train.labels);
    EXPECT_EQ(fromZip.test.images, fromFolder.test.images);
    EXPECT_EQ(fromZip.test.labels, fromFolder.test.labels);
    expectFixturePixels(fromZip, spec);
}

TEST_F(ImageFolderTest, StoredZipEntriesLoad)
{
    const Dataset d = loadImageFolder(zip(t::makeImageFolderFiles(spec), "", false, {}, true), options);
    expectFixturePixels(d, spec);
}

TEST_F(ImageFolderTest, ZipWithOneTopLevelFolderAndMacJunkLoads)
{
    auto files = t::makeImageFolderFiles(spec);
    const std::string path = dir.file("fruits.zip");
    std::vector<t::FixtureFile> all;
    for (const auto &f : files)
        all.push_back({"cifar-mini/" + f.path, f.bytes});
    all.push_back({"__MACOSX/cifar-mini/train/apple/._0000.png", {0, 5, 22, 7}});
    all.push_back({"cifar-mini/README.txt", {'h', 'i'}});
    t::writeZip(path, all, "", true);
    ASSERT_TRUE(cifarlab::looksLikeImageFolder(path));
    const Dataset d = loadImageFolder(path, options);
    EXPECT_EQ(d.classNames.size(), 3u);
    expectFixturePixels(d, spec);
}

TEST_F(ImageFolderTest, JpegImagesDecodeCloseToTheOriginal)
{
    spec.extension = "jpg";
    spec.width = spec.height = 16;
    const Dataset d = loadImageFolder(zip(t::makeImageFolderFiles(spec)), options);
    ASSERT_EQ(d.train.count, 12);
    ASSERT_EQ(d.train.height, 16);
    double error = 0;
    int64_t samples = 0;
    for (int64_t i = 0; i < d.train.count; ++i)
        for (int y = 0; y < 16; ++y)
            for (int x = 0; x < 16; ++x)
                for (int c = 0; c < 3; ++c) {
                    const auto rgb
                        = t::fixturePixel(static_cast<int>(i / 4), static_cast<int>(i % 4), false, x, y);
                    error += std::abs(int(pixel(d.train, i, c, x, y)) - int(rgb[c]));
                    ++samples;
                }
    EXPECT_LT(error / double(samples), 6.0)
        << "JPEG pixels far from the source: channel order or layout wrong?";
}

TEST_F(ImageFolderTest, LoadsBmpImagesExactly)
{
    spec.extension = "bmp";
    const Dataset d = loadImageFolder(zip(t::makeImageFolderFiles(spec)), options);
    expectFixturePixels(d, spec);
}

TEST_F(ImageFolderTest, AllGrayImagesStayOneChannel)
{
    spec.gray = true;
    const Dataset d = loadImageFolder(folder(t::makeImageFolderFiles(spec)), options);
    ASSERT_EQ(d.train.channels, 1);
    ASSERT_EQ(d.test.channels, 1);
    ASSERT_EQ(d.train.images.size(), 12u * 8 * 8);
    EXPECT_EQ(pixel(d.train, 5, 0, 3, 6), t::fixtureGray(1, 1, false, 3, 6));
    EXPECT_EQ(pixel(d.test, 5, 0, 7, 7), t::fixtureGray(2, 1, true, 7, 7));
}

TEST_F(ImageFolderTest, OneColourImageMakesEveryImageRgb)
{
    spec.gray = true;
    auto files = t::makeImageFolderFiles(spec);
    t::setFile(files, "test/cherry/0001.png", t::encodeSolidImage("png", 8, 8, {200, 100, 50}));
    const Dataset d = loadImageFolder(folder(files), options);
    ASSERT_EQ(d.train.channels, 3);
    // A gray image is replicated into R, G and B.
    for (int c = 0; c < 3; ++c)
        EXPECT_EQ(pixel(d.train, 6, c, 2, 3), t::fixtureGray(1, 2, false, 2, 3));
    EXPECT_EQ(pixel(d.test, 5, 0, 4, 4), 200);
    EXPECT_EQ(pixel(d.test, 5, 1, 4, 4), 100);
    EXPECT_EQ(pixel(d.test, 5, 2, 4, 4), 50);
}

TEST_F(ImageFolderTest, AlphaChannelIsDropped)
{
    auto files = t::makeImageFolderFiles(spec);
    t::setFile(files, "train/banana/0000.png", t::encodeSolidImage("png", 8, 8, {11, 22, 33}, true));
    const Dataset d = loadImageFolder(folder(files), options);
    ASSERT_EQ(d.train.channels, 3);
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 8; ++x) {
            ASSERT_EQ(pixel(d.train, 4, 0, x, y), 11);
            ASSERT_EQ(pixel(d.train, 4, 1, x, y), 22);
            ASSERT_EQ(pixel(d.train, 4, 2, x, y), 33);
        }
}

TEST_F(ImageFolderTest, ResizeAveragesDownAndAcceptsMixedSizes)
{
    auto files = t::makeImageFolderFiles(spec);
    t::setFile(files, "train/apple/0001.png", t::encodeSolidImage("png", 20, 12, {90, 180, 45}));
    options.resize = 4;
    const Dataset d = loadImageFolder(folder(files), options);
    ASSERT_EQ(d.train.height, 4);
    ASSERT_EQ(d.train.width, 4);
    ASSERT_EQ(d.test.width, 4);
    // A solid colour stays exactly that colour.
    for (int y = 0; y < 4; ++y)
        for (int x = 0; x < 4; ++x) {
            EXPECT_EQ(pixel(d.train, 1, 0, x, y), 90);
            EXPECT_EQ(pixel(d.train, 1, 1, x, y), 180);
            EXPECT_EQ(pixel(d.train, 1, 2, x, y), 45);
        }
    // 8 -> 4 with INTER_AREA is the mean of each 2x2 block.
    for (int y = 0; y < 4; ++y)
        for (int x = 0; x < 4; ++x)
            for (int c = 0; c < 3; ++c) {
                double sum = 0;
                for (int dy = 0; dy < 2; ++dy)
                    for (int dx = 0; dx < 2; ++dx)
                        sum += t::fixturePixel(2, 3, false, 2 * x + dx, 2 * y + dy)[c];
                EXPECT_NEAR(pixel(d.train, 11, c, x, y), sum / 4, 1.0);
            }
}

TEST_F(ImageFolderTest, ResizeKeepsImagesOfTheRightSizeUntouched)
{
    options.resize = 8;
    const Dataset d = loadImageFolder(folder(t::makeImageFolderFiles(spec)), options);
    expectFixturePixels(d, spec);
}

TEST_F(ImageFolderTest, IgnoresWellKnownNonImageFilesAndHiddenFolders)
{
    auto files = t::makeImageFolderFiles(spec);
    for (const char *junk : {"train/apple/.DS_Store", "train/apple/Thumbs.db", "train/banana/notes.txt",
             "test/cherry/labels.csv", "train/meta.json", "test/README.md", ".hidden/x.bin",
             "train/.ipynb_checkpoints/0000-checkpoint.png", "train/apple/._0000.png",
             "train/cherry/desktop.ini", "LICENSE"})
        t::setFile(files, junk, {'j', 'u', 'n', 'k'});
    const Dataset fromFolder = loadImageFolder(folder(files), options);
    EXPECT_EQ(fromFolder.classNames.size(), 3u);
    expectFixturePixels(fromFolder, spec);
    const Dataset fromZip = loadImageFolder(zip(files, "", true), options);
    expectFixturePixels(fromZip, spec);
}

TEST_F(ImageFolderTest, ImagesInSubfoldersOfAClassBelongToIt)
{
    auto files = t::makeImageFolderFiles(spec);
    t::setFile(files, "train/banana/extra/0000.png", t::encodeSolidImage("png", 8, 8, {1, 2, 3}));
    const Dataset d = loadImageFolder(folder(files), options);
    ASSERT_EQ(d.train.count, 13);
    // "extra/0000.png" sorts after "0003.png" within banana.
    EXPECT_EQ(d.train.labels[8], 1);
    EXPECT_EQ(pixel(d.train, 8, 2, 0, 0), 3);
    EXPECT_EQ(d.train.labels[9], 2);
}

TEST_F(ImageFolderTest, ThreadCountDoesNotChangeTheResultAndProgressEndsAtOne)
{
    spec.trainPerClass = 150; // several work chunks per thread
    spec.testPerClass = 10;
    const std::string root = folder(t::makeImageFolderFiles(spec));
    std::vector<double> reported;
    options.threads = 1;
    options.progress = [&](double f) { reported.push_back(f); };
    const Dataset one = loadImageFolder(root, options);
    options.threads = 4;
    const Dataset four = loadImageFolder(root, options);
    EXPECT_EQ(one.train.images, four.train.images);
    EXPECT_EQ(one.test.images, four.test.images);
    EXPECT_EQ(one.train.labels, four.train.labels);
    ASSERT_FALSE(reported.empty());
    EXPECT_DOUBLE_EQ(reported.back(), 1.0);
    for (double f : reported) {
        EXPECT_GE(f, 0.0);
        EXPECT_LE(f, 1.0);
    }
    expectFixturePixels(four, spec);
}

TEST_F(ImageFolderTest, LooksLikeImageFolder)
{
    const auto files = t::makeImageFolderFiles(spec);
    EXPECT_TRUE(cifarlab::looksLikeImageFolder(folder(files)));
    EXPECT_TRUE(cifarlab::looksLikeImageFolder(zip(files)));
    t::writeZip(dir.file("nested.zip"), files, "top/");
    EXPECT_TRUE(cifarlab::looksLikeImageFolder(dir.file("nested.zip")));

    auto trainOnly = files;
    trainOnly.erase(std::remove_if(trainOnly.begin(), trainOnly.end(),
                        [](const t::FixtureFile &f) { return f.path.rfind("test/", 0) == 0; }),
        trainOnly.end());
    EXPECT_FALSE(cifarlab::looksLikeImageFolder(folder(trainOnly, "train-only")));
    t::writeZip(dir.file("train-only.zip"), trainOnly);
    EXPECT_FALSE(cifarlab::looksLikeImageFolder(dir.file("train-only.zip")));
    t::writeFileBytes(dir.file("notes.zip"), {'n', 'o', 'p', 'e'});
    EXPECT_FALSE(cifarlab::looksLikeImageFolder(dir.file("notes.zip")));
    EXPECT_FALSE(cifarlab::looksLikeImageFolder(dir.file("missing")));
}

// --- Malformed input: each is an Error naming the entry and the problem. ------------------------

TEST_F(ImageFolderTest, MissingPathIsAnError)
{
    EXPECT_TRUE(contains(errorOf(dir.file("nowhere")), "no such file or folder"));
}

TEST_F(ImageFolderTest, MissingTestFolderIsAnError)
{
    auto files = t::makeImageFolderFiles(spec);
    files.erase(std::remove_if(files.begin(), files.end(),
                    [](const t::FixtureFile &f) { return f.path.rfind("test/", 0) == 0; }),
        files.end());
    EXPECT_TRUE(contains(errorOf(folder(files)), "missing test/ folder"));
    EXPECT_TRUE(contains(errorOf(zip(files)), "missing test/ folder"));
}

TEST_F(ImageFolderTest, NotAZipIsAnError)
{
    t::writeFileBytes(dir.file("fake.zip"), {'P', 'K', 'n', 'o', 't', ' ', 'a', ' ', 'z', 'i', 'p'});
    EXPECT_TRUE(contains(errorOf(dir.file("fake.zip")), "fake.zip: not a zip archive"));
    t::writeFileBytes(dir.file("empty.zip"), {});
    EXPECT_TRUE(contains(errorOf(dir.file("empty.zip")), "not a zip archive"));
}

TEST_F(ImageFolderTest, NoClassFoldersIsAnError)
{
    const std::string root = dir.file("bare");
    fs::create_directories(root + "/train");
    fs::create_directories(root + "/test");
    EXPECT_TRUE(contains(errorOf(root), "train/: no class folders"));
}

TEST_F(ImageFolderTest, EmptyClassFolderIsAnError)
{
    const auto files = t::makeImageFolderFiles(spec);
    const std::string root = folder(files);
    fs::create_directories(root + "/train/durian");
    fs::create_directories(root + "/test/durian");
    EXPECT_TRUE(contains(errorOf(root), "train/durian/: empty class folder"));
    // In a zip, the class exists through its directory entry only.
    EXPECT_TRUE(contains(errorOf(zip(files, "", true, {"train/durian/", "test/durian/"})),
        "train/durian/: empty class folder"));
}

TEST_F(ImageFolderTest, ClassFolderWithOnlyJunkIsEmpty)
{
    auto files = t::makeImageFolderFiles(spec);
    t::setFile(files, "test/cherry/.DS_Store", {1});
    for (int i = 0; i < 2; ++i)
        t::removeFile(files, t::fixturePath(spec, 2, i, true));
    EXPECT_TRUE(contains(errorOf(folder(files)), "test/cherry/: empty class folder"));
}

TEST_F(ImageFolderTest, TestClassMissingFromTrainIsAnError)
{
    auto files = t::makeImageFolderFiles(spec);
    t::setFile(files, "test/durian/0000.png", t::encodeSolidImage("png", 8, 8, {1, 2, 3}));
    const std::string message = errorOf(folder(files));
    EXPECT_TRUE(contains(message, "test/durian/"));
    EXPECT_TRUE(contains(message, "'durian' is not in train/"));
}

TEST_F(ImageFolderTest, TrainClassMissingFromTestIsAnError)
{
    auto files = t::makeImageFolderFiles(spec);
    for (int i = 0; i < 2; ++i)
        t::removeFile(files, t::fixturePath(spec, 1, i, true));
    EXPECT_TRUE(contains(errorOf(zip(files)), "test/: class folder 'banana' is missing"));
}

TEST_F(ImageFolderTest, ImageOutsideAClassFolderIsAnError)
{
    auto files = t::makeImageFolderFiles(spec);
    t::setFile(files, "train/stray.png", t::encodeSolidImage("png", 8, 8, {1, 2, 3}));
    EXPECT_TRUE(contains(errorOf(folder(files)), "train/stray.png: file outside a class folder"));
    EXPECT_TRUE(contains(errorOf(zip(files)), "train/stray.png: file outside a class folder"));
}

TEST_F(ImageFolderTest, ZipEntryEscapingWithDotDotIsAnError)
{
    auto files = t::makeImageFolderFiles(spec);
    t::setFile(files, "../evil.png", t::encodeSolidImage("png", 8, 8, {1, 2, 3}));
    EXPECT_TRUE(contains(errorOf(zip(files)), "../evil.png: zip entry name escapes its folder"));

    files = t::makeImageFolderFiles(spec);
    t::setFile(files, "train/apple/../../../etc/evil.png", t::encodeSolidImage("png", 8, 8, {1, 2, 3}));
    EXPECT_TRUE(contains(
        errorOf(zip(files)), "train/apple/../../../etc/evil.png: zip entry name escapes its folder"));
}

TEST_F(ImageFolderTest, ZipEntryWithAbsolutePathIsAnError)
{
    auto files = t::makeImageFolderFiles(spec);
    t::setFile(files, "/tmp/evil.png", t::encodeSolidImage("png", 8, 8, {1, 2, 3}));
    EXPECT_TRUE(contains(errorOf(zip(files)), "/tmp/evil.png: absolute path in zip entry name"));

    files = t::makeImageFolderFiles(spec);
    t::setFile(files, "C:/evil.png", t::encodeSolidImage("png", 8, 8, {1, 2, 3}));
    EXPECT_TRUE(contains(errorOf(zip(files)), "C:/evil.png: absolute path in zip entry name"));
}

TEST_F(ImageFolderTest, ZipEntryWithBackslashesIsAnError)
{
    auto files = t::makeImageFolderFiles(spec);
    t::setFile(files, "train\\..\\..\\evil.png", t::encodeSolidImage("png", 8, 8, {1, 2, 3}));
    EXPECT_TRUE(contains(errorOf(zip(files)), "train\\..\\..\\evil.png: backslash in zip entry name"));
}

TEST_F(ImageFolderTest, ZipSymlinkEntryIsAnError)
{
    auto files = t::makeImageFolderFiles(spec);
    t::setFile(files, "train/apple/link.png", {'/', 'e', 't', 'c', '/', 'p', 'a', 's', 's', 'w', 'd'});
    const std::string path = zip(files);
    t::CentralDirectoryPatch patch;
    patch.madeByHost = 3;
    patch.externalAttributes = 0120777u << 16;
    t::patchZipEntry(path, "train/apple/link.png", patch);
    EXPECT_TRUE(contains(errorOf(path), "train/apple/link.png: symbolic link entries are not allowed"));
}

TEST_F(ImageFolderTest, SymlinkInAFolderIsAnError)
{
    const auto files = t::makeImageFolderFiles(spec);
    const std::string root = folder(files);
    fs::create_symlink(root + "/train/apple/0000.png", root + "/train/banana/link.png");
    EXPECT_TRUE(contains(errorOf(root), "train/banana/link.png: symbolic links are not allowed"));

    const std::string other = folder(files, "other");
    fs::create_directory_symlink(root + "/train/apple", other + "/train/avocado");
    EXPECT_TRUE(contains(errorOf(other), "train/avocado: symbolic links are not allowed"));
}

TEST_F(ImageFolderTest, UndecodableFileIsAnError)
{
    auto files = t::makeImageFolderFiles(spec);
    t::setFile(files, "train/banana/notes.bin", {'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd'});
    EXPECT_TRUE(contains(errorOf(folder(files)), "train/banana/notes.bin: not an image OpenCV can decode"));
}

TEST_F(ImageFolderTest, ZeroByteImageIsAnError)
{
    auto files = t::makeImageFolderFiles(spec);
    t::setFile(files, "test/apple/0001.png", {});
    EXPECT_TRUE(contains(errorOf(folder(files)), "test/apple/0001.png: empty file (0 bytes)"));
    EXPECT_TRUE(contains(errorOf(zip(files)), "test/apple/0001.png: empty file (0 bytes)"));
}

TEST_F(ImageFolderTest, TruncatedJpegIsAnError)
{
    spec.extension = "jpg";
    auto files = t::makeImageFolderFiles(spec);
    const auto full = t::encodeFixtureImage("jpg", 8, 8, false, 1, 2, false);
    t::setFile(files, "train/banana/0002.jpg", t::truncatedBytes(full, full.size() * 2 / 3));
    EXPECT_TRUE(contains(errorOf(zip(files)), "train/banana/0002.jpg: truncated JPEG data"));
}

TEST_F(ImageFolderTest, TruncatedPngIsAnError)
{
    auto files = t::makeImageFolderFiles(spec);
    const auto full = t::encodeFixtureImage("png", 8, 8, false, 2, 0, true);
    t::setFile(files, "test/cherry/0000.png", t::truncatedBytes(full, full.size() - 20));
    EXPECT_TRUE(contains(errorOf(folder(files)), "test/cherry/0000.png: truncated PNG data"));
}

TEST_F(ImageFolderTest, CorruptPngDataIsAnError)
{
    auto files = t::makeImageFolderFiles(spec);
    t::setFile(files, "train/cherry/0003.png", t::pngWithCorruptData());
    EXPECT_TRUE(contains(errorOf(folder(files)), "train/cherry/0003.png: corrupt PNG data"));
}

TEST_F(ImageFolderTest, HugeDeclaredDimensionsAreRejectedBeforeDecoding)
{
    auto files = t::makeImageFolderFiles(spec);
    t::setFile(files, "train/apple/0002.png", t::pngDeclaringSize(20000, 20000));
    EXPECT_TRUE(contains(
        errorOf(folder(files)), "train/apple/0002.png: declared size 20000x20000 exceeds the limit"));

    files = t::makeImageFolderFiles(spec);
    t::setFile(files, "train/apple/0002.png", t::pngDeclaringSize(8000, 8000)); // 64 megapixels
    EXPECT_TRUE(
        contains(errorOf(folder(files)), "train/apple/0002.png: declared size 8000x8000 exceeds the limit"));

    files = t::makeImageFolderFiles(spec);
    t::setFile(files, "test/banana/0001.jpg", t::jpegDeclaringSize(30000, 40));
    EXPECT_TRUE(
        contains(errorOf(zip(files)), "test/banana/0001.jpg: declared size 30000x40 exceeds the limit"));
}

TEST_F(ImageFolderTest, MixedSizesWithoutResizeNameTheFirstOddImage)
{
    auto files = t::makeImageFolderFiles(spec);
    t::setFile(files, "test/apple/0001.png", t::encodeSolidImage("png", 12, 8, {1, 2, 3}));
    t::setFile(files, "train/banana/0002.png", t::encodeSolidImage("png", 10, 8, {1, 2, 3}));
    const std::string root = folder(files);
    options.threads = 4;
    EXPECT_TRUE(contains(errorOf(root),
        root
            + ": train/banana/0002.png: 10x8, expected 8x8 like train/apple/0000.png; pass a "
              "resize size"));
}

TEST_F(ImageFolderTest, FirstBrokenImageIsReportedWhateverTheThreads)
{
    spec.trainPerClass = 200;
    spec.testPerClass = 2;
    auto files = t::makeImageFolderFiles(spec);
    t::setFile(files, t::fixturePath(spec, 2, 190, false), {});
    t::setFile(files, t::fixturePath(spec, 1, 150, false), {'x'});
    t::setFile(files, t::fixturePath(spec, 2, 1, true), {});
    const std::string path = zip(files);
    for (int threads : {1, 2, 5}) {
        options.threads = threads;
        EXPECT_TRUE(contains(errorOf(path), "train/banana/0150.png: not an image OpenCV can decode"))
            << threads << " threads";
    }
}

TEST_F(ImageFolderTest, ZipBombRatioIsAnError)
{
    const auto files = t::makeImageFolderFiles(spec);
    const std::string path = zip(files);
    t::CentralDirectoryPatch patch;
    patch.uncompressedSize = 4000000000u;
    t::patchZipEntry(path, "train/banana/0001.png", patch);
    EXPECT_TRUE(contains(errorOf(path), "train/banana/0001.png: compression ratio"));
    EXPECT_TRUE(contains(errorOf(path), "zip bomb"));
}

TEST_F(ImageFolderTest, ZipBombTotalSizeIsAnError)
{
    const auto files = t::makeImageFolderFiles(spec);
    const std::string path = zip(files);
    t::CentralDirectoryPatch patch;
    patch.compressedSize = 0x10000000u;
    patch.uncompressedSize = 0xFFFFFF00u;
    for (const char *entry : {"train/apple/0000.png", "train/apple/0001.png", "train/apple/0002.png"})
        t::patchZipEntry(path, entry, patch);
    EXPECT_TRUE(contains(errorOf(path), "zip declares more than 8 GiB of uncompressed data"));
}

TEST_F(ImageFolderTest, ZipDeclaringMoreDataThanTheFileHoldsIsAnError)
{
    const std::string path = zip(t::makeImageFolderFiles(spec));
    t::CentralDirectoryPatch patch;
    patch.compressedSize = 0x7FFFFFFFu; // 2 GiB in a zip of a few kilobytes, ratio 1:1
    patch.uncompressedSize = 0x7FFFFFFFu;
    t::patchZipEntry(path, "test/apple/0000.png", patch);
    EXPECT_TRUE(contains(errorOf(path), "corrupt zip: its entries declare"));
}

TEST_F(ImageFolderTest, ZipEntryDataNotMatchingItsCrcIsAnError)
{
    const std::string path = zip(t::makeImageFolderFiles(spec), "", false, {}, true);
    t::corruptZipEntryData(path, "test/banana/0000.png");
    EXPECT_TRUE(contains(errorOf(path), "test/banana/0000.png: corrupt zip entry (CRC mismatch)"));
}

TEST_F(ImageFolderTest, DuplicateAndEncryptedZipEntriesAreErrors)
{
    auto files = t::makeImageFolderFiles(spec);
    files.push_back(files[3]);
    EXPECT_TRUE(contains(errorOf(zip(files)), files[3].path + ": duplicate zip entry"));

    const std::string path = zip(t::makeImageFolderFiles(spec));
    t::CentralDirectoryPatch patch;
    patch.flags = 1;
    t::patchZipEntry(path, "train/cherry/0001.png", patch);
    EXPECT_TRUE(contains(errorOf(path), "train/cherry/0001.png: encrypted zip entries are not supported"));
}

TEST_F(ImageFolderTest, LoadsTheSharedCifar10Zip)
{
    const std::string path = std::string(CIFARLAB_SHARED_DIR) + "/datasets/cifar10-jpeg.zip";
    if (!fs::exists(path))
        GTEST_SKIP() << path << " is absent (the shared data is only on development machines)";
    ASSERT_TRUE(cifarlab::looksLikeImageFolder(path));
    const Dataset d = loadImageFolder(path, options);
    EXPECT_EQ(d.name, "cifar10-jpeg");
    EXPECT_EQ(d.classNames,
        (std::vector<std::string> {
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"}));
    ASSERT_EQ(d.train.count, 50000);
    ASSERT_EQ(d.test.count, 10000);
    EXPECT_EQ(d.train.channels, 3);
    EXPECT_EQ(d.train.height, 32);
    EXPECT_EQ(d.train.width, 32);
    EXPECT_EQ(d.train.images.size(), 50000u * 3 * 32 * 32);
    std::vector<int64_t> trainPerClass(10), testPerClass(10);
    for (int64_t label : d.train.labels)
        ++trainPerClass.at(label);
    for (int64_t label : d.test.labels)
        ++testPerClass.at(label);
    EXPECT_EQ(trainPerClass, std::vector<int64_t>(10, 5000));
    EXPECT_EQ(testPerClass, std::vector<int64_t>(10, 1000));
    EXPECT_TRUE(std::is_sorted(d.train.labels.begin(), d.train.labels.end()));
    // Real photos: not all black, not constant.
    const auto [lo, hi] = std::minmax_element(d.train.images.begin(), d.train.images.begin() + 3 * 32 * 32);
    EXPECT_LT(*lo, *hi);
}
