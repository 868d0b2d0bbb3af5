#include "core/dataset_cache.h"
#include "core/error.h"
#include "core/image_folder_loader.h"
#include "support/image_fixtures.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using cifarlab::Dataset;
namespace t = cifarlab::test;
namespace fs = std::filesystem;

namespace {

const std::string kKey = "test-options resize=0";

Dataset sampleDataset()
{
    Dataset d;
    d.name = "sample";
    d.format = "image-folder";
    d.source = "/somewhere/sample.zip";
    d.classNames = {"a", "b", "c"};
    d.coarseClassNames = {"x", "y"};
    for (cifarlab::ImageSplit *split : {&d.train, &d.test}) {
        split->count = split == &d.train ? 5 : 2;
        split->channels = 3;
        split->height = 4;
        split->width = 6;
        split->images.resize(static_cast<size_t>(split->count * split->imageBytes()));
        for (size_t i = 0; i < split->images.size(); ++i)
            split->images[i] = static_cast<uint8_t>(i * 7 + (split == &d.test ? 3 : 0));
        for (int64_t i = 0; i < split->count; ++i) {
            split->labels.push_back(i % 3);
            split->coarseLabels.push_back(i % 2);
        }
    }
    return d;
}

void expectSameDataset(const Dataset &a, const Dataset &b)
{
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.format, b.format);
    EXPECT_EQ(a.classNames, b.classNames);
    EXPECT_EQ(a.coarseClassNames, b.coarseClassNames);
    for (auto [x, y] : {std::pair {&a.train, &b.train}, std::pair {&a.test, &b.test}}) {
        EXPECT_EQ(x->count, y->count);
        EXPECT_EQ(x->channels, y->channels);
        EXPECT_EQ(x->height, y->height);
        EXPECT_EQ(x->width, y->width);
        EXPECT_EQ(x->images, y->images);
        EXPECT_EQ(x->labels, y->labels);
        EXPECT_EQ(x->coarseLabels, y->coarseLabels);
    }
}

std::vector<fs::path> cacheFiles(const std::string &dir)
{
    std::vector<fs::path> files;
    if (fs::exists(dir))
        for (const auto &entry : fs::directory_iterator(dir))
            files.push_back(entry.path());
    return files;
}

void bumpMtime(const std::string &path)
{
    fs::last_write_time(path, fs::last_write_time(path) + std::chrono::seconds(5));
}

class DatasetCacheTest : public ::testing::Test
{
protected:
    DatasetCacheTest()
    {
        source = dir.file("source.zip");
        t::writeFileBytes(source, {1, 2, 3, 4, 5, 6, 7, 8});
        cacheDir = dir.file("cache");
    }

    std::string cacheFile() const
    {
        return cifarlab::cacheFilePath(cacheDir, fs::canonical(source).string(), kKey);
    }

    t::TempDir dir;
    std::string source;
    std::string cacheDir;
};

} // namespace

TEST_F(DatasetCacheTest, RoundTripsEveryField)
{
    const Dataset d = sampleDataset();
    ASSERT_TRUE(cifarlab::writeCachedDataset(cacheDir, source, kKey, d));
    ASSERT_TRUE(fs::exists(cacheFile()));
    const auto back = cifarlab::readCachedDataset(cacheDir, source, kKey);
    ASSERT_TRUE(back.has_value());
    expectSameDataset(d, *back);
    EXPECT_EQ(back->source, d.source);
    // The temporary file was renamed into place: nothing else is left in the cache dir.
    EXPECT_EQ(cacheFiles(cacheDir).size(), 1u);
}

TEST_F(DatasetCacheTest, MissWithoutACacheFileOrForOtherOptions)
{
    EXPECT_FALSE(cifarlab::readCachedDataset(cacheDir, source, kKey).has_value());
    ASSERT_TRUE(cifarlab::writeCachedDataset(cacheDir, source, kKey, sampleDataset()));
    EXPECT_FALSE(cifarlab::readCachedDataset(cacheDir, source, "test-options resize=32").has_value());
    EXPECT_FALSE(cifarlab::readCachedDataset(cacheDir, dir.file("missing.zip"), kKey).has_value());
}

TEST_F(DatasetCacheTest, SourceSizeOrMtimeChangeIsAMiss)
{
    ASSERT_TRUE(cifarlab::writeCachedDataset(cacheDir, source, kKey, sampleDataset()));
    ASSERT_TRUE(cifarlab::readCachedDataset(cacheDir, source, kKey).has_value());

    bumpMtime(source);
    EXPECT_FALSE(cifarlab::readCachedDataset(cacheDir, source, kKey).has_value());

    ASSERT_TRUE(cifarlab::writeCachedDataset(cacheDir, source, kKey, sampleDataset()));
    ASSERT_TRUE(cifarlab::readCachedDataset(cacheDir, source, kKey).has_value());
    const auto mtime = fs::last_write_time(source);
    t::writeFileBytes(source, {1, 2, 3, 4, 5, 6, 7, 8, 9});
    fs::last_write_time(source, mtime); // same mtime, other size
    EXPECT_FALSE(cifarlab::readCachedDataset(cacheDir, source, kKey).has_value());

    // The new version replaces the old cache file instead of adding one.
    ASSERT_TRUE(cifarlab::writeCachedDataset(cacheDir, source, kKey, sampleDataset()));
    EXPECT_TRUE(cifarlab::readCachedDataset(cacheDir, source, kKey).has_value());
    EXPECT_EQ(cacheFiles(cacheDir).size(), 1u);
}

TEST_F(DatasetCacheTest, FolderStampSeesChangesDeepInside)
{
    const std::string root = dir.file("folder");
    t::writeFolder(root, {{"train/a/1.png", {1, 2}}, {"test/a/1.png", {3}}});
    const auto before = cifarlab::sourceStamp(root);
    ASSERT_TRUE(before.has_value());
    EXPECT_EQ(before->size, 3);
    EXPECT_EQ(cifarlab::sourceStamp(root), before);

    t::writeFileBytes(root + "/train/a/1.png", {9, 9}); // same size: mtime or hash must tell
    bumpMtime(root + "/train/a/1.png");
    const auto edited = cifarlab::sourceStamp(root);
    EXPECT_NE(edited, before);

    fs::rename(root + "/test/a/1.png", root + "/test/a/2.png");
    const auto renamed = cifarlab::sourceStamp(root);
    EXPECT_NE(renamed, edited);

    t::writeFileBytes(root + "/train/a/3.png", {});
    EXPECT_NE(cifarlab::sourceStamp(root), renamed);
}

TEST_F(DatasetCacheTest, CorruptOrTruncatedCacheFilesAreMisses)
{
    const Dataset d = sampleDataset();
    ASSERT_TRUE(cifarlab::writeCachedDataset(cacheDir, source, kKey, d));
    const std::vector<uint8_t> good = t::readFileBytes(cacheFile());

    std::vector<uint8_t> flipped = good;
    flipped[flipped.size() - 20] ^= 0x01; // a label byte
    t::writeFileBytes(cacheFile(), flipped);
    EXPECT_FALSE(cifarlab::readCachedDataset(cacheDir, source, kKey).has_value());

    flipped = good;
    flipped[good.size() - 2 * 7 * 8 - 30] ^= 0x40; // a pixel of the test split
    t::writeFileBytes(cacheFile(), flipped);
    EXPECT_FALSE(cifarlab::readCachedDataset(cacheDir, source, kKey).has_value());

    flipped = good;
    flipped[40] ^= 0x10; // inside the header
    t::writeFileBytes(cacheFile(), flipped);
    EXPECT_FALSE(cifarlab::readCachedDataset(cacheDir, source, kKey).has_value());

    for (size_t keep : {size_t(0), size_t(7), size_t(30), good.size() / 2, good.size() - 1}) {
        t::writeFileBytes(cacheFile(), t::truncatedBytes(good, keep));
        EXPECT_FALSE(cifarlab::readCachedDataset(cacheDir, source, kKey).has_value()) << "kept " << keep;
    }
    std::vector<uint8_t> longer = good;
    longer.push_back(0);
    t::writeFileBytes(cacheFile(), longer);
    EXPECT_FALSE(cifarlab::readCachedDataset(cacheDir, source, kKey).has_value());

    t::writeFileBytes(cacheFile(), std::vector<uint8_t>(5000, 0xAB));
    EXPECT_FALSE(cifarlab::readCachedDataset(cacheDir, source, kKey).has_value());

    // And a rewrite makes it good again.
    ASSERT_TRUE(cifarlab::writeCachedDataset(cacheDir, source, kKey, d));
    EXPECT_TRUE(cifarlab::readCachedDataset(cacheDir, source, kKey).has_value());
}

TEST_F(DatasetCacheTest, UnwritableCacheDirIsNotAnError)
{
    t::writeFileBytes(dir.file("a-file"), {1});
    EXPECT_FALSE(cifarlab::writeCachedDataset(dir.file("a-file") + "/cache", source, kKey, sampleDataset()));
    EXPECT_FALSE(cifarlab::readCachedDataset(dir.file("a-file") + "/cache", source, kKey).has_value());
}

TEST_F(DatasetCacheTest, InconsistentDatasetIsNotWritten)
{
    Dataset d = sampleDataset();
    d.train.images.pop_back();
    EXPECT_FALSE(cifarlab::writeCachedDataset(cacheDir, source, kKey, d));
    EXPECT_TRUE(cacheFiles(cacheDir).empty());
}

TEST_F(DatasetCacheTest, DefaultCacheDirFollowsXdgCacheHome)
{
    const char *old = std::getenv("XDG_CACHE_HOME");
    const std::string saved = old ? old : "";
    setenv("XDG_CACHE_HOME", dir.path().c_str(), 1);
    EXPECT_EQ(cifarlab::defaultCacheDir(), dir.path() + "/cifarlab");
    if (old)
        setenv("XDG_CACHE_HOME", saved.c_str(), 1);
    else
        unsetenv("XDG_CACHE_HOME");
}

// --- The loader's use of the cache --------------------------------------------------------------

class LoaderCacheTest : public ::testing::Test
{
protected:
    LoaderCacheTest()
    {
        zipPath = dir.file("fruits.zip");
        t::writeZip(zipPath, t::makeImageFolderFiles());
        options.cacheDir = dir.file("cache");
    }

    t::TempDir dir;
    std::string zipPath;
    cifarlab::ImageFolderOptions options;
};

TEST_F(LoaderCacheTest, SecondLoadComesFromTheCache)
{
    const Dataset first = cifarlab::loadImageFolder(zipPath, options);
    ASSERT_EQ(cacheFiles(options.cacheDir).size(), 1u);
    const std::string key = cifarlab::imageFolderCacheKey(options);
    const auto cached = cifarlab::readCachedDataset(options.cacheDir, zipPath, key);
    ASSERT_TRUE(cached.has_value());
    expectSameDataset(first, *cached);

    // Doctor the cached copy: if the loader returns the doctored pixel, it read the cache.
    Dataset doctored = first;
    doctored.train.images[0] = static_cast<uint8_t>(first.train.images[0] + 1);
    ASSERT_TRUE(cifarlab::writeCachedDataset(options.cacheDir, zipPath, key, doctored));
    double lastProgress = -1;
    options.progress = [&](double f) { lastProgress = f; };
    const Dataset second = cifarlab::loadImageFolder(zipPath, options);
    EXPECT_EQ(second.train.images[0], doctored.train.images[0]);
    EXPECT_EQ(second.source, zipPath);
    EXPECT_EQ(second.name, "fruits");
    EXPECT_DOUBLE_EQ(lastProgress, 1.0);

    // useCache = false neither reads nor writes it.
    options.useCache = false;
    const Dataset uncached = cifarlab::loadImageFolder(zipPath, options);
    EXPECT_EQ(uncached.train.images, first.train.images);
}

TEST_F(LoaderCacheTest, ChangedSourceIsReloadedAndTheCacheReplaced)
{
    const Dataset first = cifarlab::loadImageFolder(zipPath, options);
    const std::string key = cifarlab::imageFolderCacheKey(options);
    Dataset doctored = first;
    doctored.train.images[0] = static_cast<uint8_t>(first.train.images[0] + 1);
    ASSERT_TRUE(cifarlab::writeCachedDataset(options.cacheDir, zipPath, key, doctored));

    // A new version of the zip: one more image per train class.
    t::FixtureSpec spec;
    spec.trainPerClass = 5;
    t::writeZip(zipPath, t::makeImageFolderFiles(spec));
    bumpMtime(zipPath);
    const Dataset reloaded = cifarlab::loadImageFolder(zipPath, options);
    EXPECT_EQ(reloaded.train.count, 15);
    EXPECT_EQ(reloaded.train.images[0], first.train.images[0]);
    EXPECT_EQ(cacheFiles(options.cacheDir).size(), 1u);
    const auto cached = cifarlab::readCachedDataset(options.cacheDir, zipPath, key);
    ASSERT_TRUE(cached.has_value());
    EXPECT_EQ(cached->train.count, 15);

    // Touching the file alone (same bytes) also invalidates.
    ASSERT_TRUE(cifarlab::writeCachedDataset(options.cacheDir, zipPath, key, doctored));
    bumpMtime(zipPath);
    EXPECT_EQ(cifarlab::loadImageFolder(zipPath, options).train.count, 15);
}

TEST_F(LoaderCacheTest, ResizeIsPartOfTheKey)
{
    const Dataset native = cifarlab::loadImageFolder(zipPath, options);
    options.resize = 4;
    const Dataset small = cifarlab::loadImageFolder(zipPath, options);
    EXPECT_EQ(native.train.height, 8);
    EXPECT_EQ(small.train.height, 4);
    EXPECT_EQ(cacheFiles(options.cacheDir).size(), 2u);
    EXPECT_EQ(cifarlab::loadImageFolder(zipPath, options).train.height, 4);
    options.resize = 0;
    EXPECT_EQ(cifarlab::loadImageFolder(zipPath, options).train.height, 8);
}

TEST_F(LoaderCacheTest, CorruptCacheFileIsIgnoredAndRewritten)
{
    const Dataset first = cifarlab::loadImageFolder(zipPath, options);
    const auto files = cacheFiles(options.cacheDir);
    ASSERT_EQ(files.size(), 1u);
    const auto good = t::readFileBytes(files[0].string());
    t::writeFileBytes(files[0].string(), t::truncatedBytes(good, good.size() / 3));
    const Dataset second = cifarlab::loadImageFolder(zipPath, options);
    expectSameDataset(first, second);
    EXPECT_EQ(t::readFileBytes(files[0].string()), good);

    t::writeFileBytes(files[0].string(), {'g', 'a', 'r', 'b', 'a', 'g', 'e'});
    expectSameDataset(first, cifarlab::loadImageFolder(zipPath, options));
    EXPECT_EQ(t::readFileBytes(files[0].string()), good);
}

TEST_F(LoaderCacheTest, FolderSourceIsInvalidatedByChangesInside)
{
    const std::string root = dir.file("fruits");
    t::writeFolder(root, t::makeImageFolderFiles());
    const Dataset first = cifarlab::loadImageFolder(root, options);
    EXPECT_EQ(first.train.count, 12);
    t::writeFileBytes(root + "/train/apple/0004.png", t::encodeSolidImage("png", 8, 8, {1, 2, 3}));
    const Dataset second = cifarlab::loadImageFolder(root, options);
    EXPECT_EQ(second.train.count, 13);
    EXPECT_EQ(second.train.images[4 * 3 * 64], 1);
}

TEST_F(LoaderCacheTest, UnusableCacheDirStillLoads)
{
    t::writeFileBytes(dir.file("blocker"), {1});
    options.cacheDir = dir.file("blocker") + "/cache";
    EXPECT_EQ(cifarlab::loadImageFolder(zipPath, options).train.count, 12);
}
