#include "core/dataset_discovery.h"
#include "core/dataset_loader.h"
#include "core/dataset_summary.h"
#include "core/error.h"
#include "support/cifar_fixtures.h"
#include "support/error_of.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>

namespace cifarlab {
namespace {

namespace fs = std::filesystem;
using test::containsText;
using test::TempDir;

const char *const kSystemFashion = "/usr/share/datasets/fashion-mnist";

using test::errorOf;

// Sets environment variables for one test and puts the old values back afterwards.
class EnvGuard
{
public:
    EnvGuard()
    {
        for (const char *name : {"CIFARLAB_DATA", "HOME", "XDG_DATA_HOME"}) {
            const char *value = std::getenv(name);
            m_saved[name] = value ? std::optional<std::string>(value) : std::nullopt;
        }
    }
    ~EnvGuard()
    {
        for (const auto &[name, value] : m_saved) {
            if (value)
                setenv(name.c_str(), value->c_str(), 1);
            else
                unsetenv(name.c_str());
        }
    }
    EnvGuard(const EnvGuard &) = delete;
    EnvGuard &operator=(const EnvGuard &) = delete;

    void set(const std::string &name, const std::string &value) { setenv(name.c_str(), value.c_str(), 1); }
    void unset(const std::string &name) { unsetenv(name.c_str()); }

private:
    std::map<std::string, std::optional<std::string>> m_saved;
};

std::string canonical(const std::string &path)
{
    return fs::canonical(path).string();
}

// The entries whose path lies under `root`, so the machine's own datasets don't interfere.
std::vector<DatasetLocation> under(const std::vector<DatasetLocation> &all, const std::string &root)
{
    const std::string prefix = canonical(root) + "/";
    std::vector<DatasetLocation> picked;
    for (const auto &d : all) {
        if (d.path.rfind(prefix, 0) == 0)
            picked.push_back(d);
    }
    return picked;
}

void expectLocation(
    const DatasetLocation &d, const std::string &name, const std::string &format, const std::string &path)
{
    EXPECT_EQ(d.name, name);
    EXPECT_EQ(d.format, format);
    EXPECT_EQ(d.path, canonical(path));
}

// Minimal binary PGM: OpenCV decodes it, no encoder needed.
void writePgm(const std::string &path, uint8_t value)
{
    std::string bytes = "P5\n2 2\n255\n";
    bytes += std::string(4, static_cast<char>(value));
    test::writeText(path, bytes);
}

std::string writeImageFolder(const std::string &root)
{
    for (const char *split : {"train", "test"}) {
        for (const char *cls : {"cat", "dog"}) {
            const std::string dir = root + "/" + split + "/" + cls;
            fs::create_directories(dir);
            writePgm(dir + "/0.pgm", cls[0] == 'c' ? 10 : 200);
            writePgm(dir + "/1.pgm", cls[0] == 'c' ? 20 : 220);
        }
    }
    return root;
}

// Isolated environment: empty HOME and XDG data dir, CIFARLAB_DATA unset.
struct IsolatedEnv
{
    EnvGuard env;
    TempDir home;
    IsolatedEnv()
    {
        env.set("HOME", home.path());
        env.set("XDG_DATA_HOME", home.file("xdg"));
        env.unset("CIFARLAB_DATA");
    }
};

// --- discovery -------------------------------------------------------------------------------------

TEST(DatasetDiscovery, DefaultDataFolderFollowsXdg)
{
    IsolatedEnv isolated;
    EXPECT_EQ(defaultDataFolder(), isolated.home.file("xdg") + "/cifarlab/datasets");
    isolated.env.unset("XDG_DATA_HOME");
    EXPECT_EQ(defaultDataFolder(), isolated.home.path() + "/.local/share/cifarlab/datasets");
    isolated.env.set("XDG_DATA_HOME", "relative/path"); // the XDG spec says to ignore relative values
    EXPECT_EQ(defaultDataFolder(), isolated.home.path() + "/.local/share/cifarlab/datasets");
}

TEST(DatasetDiscovery, FindsDatasetsInCifarlabDataFolder)
{
    IsolatedEnv isolated;
    TempDir root;
    test::writeCifar10Folder(root.path(), 1);
    test::writeCifar100Folder(root.file("nested"), 1, 1); // parent layout: nested/cifar-100-binary
    test::writeIdxFolder(root.file("fashion-things"), 2, 2, 3, 3, true);
    writeImageFolder(root.file("pets"));
    fs::create_directories(root.file("notes"));
    test::writeText(root.file("notes/readme.txt"), "not a dataset\n");
    test::writeText(root.file("random.bin"), "xyz");
    test::writeIdxFolder(root.file(".hidden-mnist"), 1, 1, 2, 2, false);
    isolated.env.set("CIFARLAB_DATA", root.path());

    const auto found = under(discoverDatasets(), root.path());
    ASSERT_EQ(found.size(), 4u);
    expectLocation(found[0], "CIFAR-10", "cifar10-binary", root.file("cifar-10-batches-bin"));
    expectLocation(found[1], "Fashion-MNIST", "idx", root.file("fashion-things"));
    expectLocation(found[2], "CIFAR-100", "cifar100-binary", root.file("nested/cifar-100-binary"));
    expectLocation(found[3], "pets", "image-folder", root.file("pets"));
}

TEST(DatasetDiscovery, CifarlabDataMayBeADatasetOrACifarParentWithNeighbours)
{
    IsolatedEnv isolated;
    TempDir root;
    const std::string cifar = test::writeCifar10Folder(root.path(), 1);
    isolated.env.set("CIFARLAB_DATA", cifar);
    auto found = under(discoverDatasets(), root.path());
    ASSERT_EQ(found.size(), 1u);
    expectLocation(found[0], "CIFAR-10", "cifar10-binary", cifar);

    // root holds cifar-10-batches-bin and is thereby loadable, but it is searched as a folder of datasets.
    test::writeIdxFolder(root.file("mnist"), 1, 1, 2, 2, false);
    isolated.env.set("CIFARLAB_DATA", root.path());
    found = under(discoverDatasets(), root.path());
    ASSERT_EQ(found.size(), 2u);
    expectLocation(found[0], "CIFAR-10", "cifar10-binary", cifar);
    expectLocation(found[1], "MNIST", "idx", root.file("mnist"));
}

TEST(DatasetDiscovery, SearchesInOrderAndListsEachDatasetOnce)
{
    IsolatedEnv isolated;
    const std::string home = isolated.home.path();
    TempDir setting, data;
    test::writeIdxFolder(setting.file("mnist"), 1, 1, 2, 2, false);
    test::writeCifar10Folder(data.path(), 1);
    test::writeCifar100Folder(home + "/xdg/cifarlab/datasets", 1, 1);
    fs::create_directories(home + "/datasets");
    fs::create_directory_symlink(setting.file("mnist"), home + "/datasets/mnist-link"); // same data again
    TempDir src;
    fs::create_directories(home + "/data");
    test::writeTarGz(test::writeCifar10Folder(src.path(), 1), home + "/data/cifar-10-binary.tar.gz");
    isolated.env.set("CIFARLAB_DATA", data.path());

    const std::string mnist = canonical(setting.file("mnist"));
    const std::string cifar10 = canonical(data.file("cifar-10-batches-bin"));
    const std::string cifar100 = canonical(home + "/xdg/cifarlab/datasets/cifar-100-binary");
    const std::string archive = canonical(home + "/data/cifar-10-binary.tar.gz");
    auto firstPaths = [](const std::vector<DatasetLocation> &all, size_t n) {
        std::vector<std::string> paths;
        for (size_t i = 0; i < std::min(n, all.size()); ++i)
            paths.push_back(all[i].path);
        return paths;
    };

    // setting, $CIFARLAB_DATA, XDG folder, ~/datasets (only a link to the setting's mnist), ~/data.
    auto all = discoverDatasets(setting.path());
    EXPECT_EQ(firstPaths(all, 4), (std::vector<std::string> {mnist, cifar10, cifar100, archive}));
    EXPECT_EQ(all[0].name, "MNIST");
    EXPECT_EQ(all[3].name, "CIFAR-10");
    EXPECT_EQ(all[3].format, "cifar10-binary");

    // The setting equal to $CIFARLAB_DATA lists its dataset once; mnist is now reached via ~/datasets.
    all = discoverDatasets(data.path());
    EXPECT_EQ(firstPaths(all, 4), (std::vector<std::string> {cifar10, cifar100, mnist, archive}));
    for (const auto &path : {mnist, cifar10, cifar100, archive}) {
        EXPECT_EQ(
            std::count_if(all.begin(), all.end(), [&](const DatasetLocation &d) { return d.path == path; }),
            1)
            << path;
    }
}

TEST(DatasetDiscovery, FindsDebianFashionMnist)
{
    if (!fs::is_directory(kSystemFashion))
        GTEST_SKIP() << kSystemFashion << " not installed";
    IsolatedEnv isolated;
    const auto all = discoverDatasets();
    const auto it = std::find_if(
        all.begin(), all.end(), [](const DatasetLocation &d) { return d.path == canonical(kSystemFashion); });
    ASSERT_NE(it, all.end());
    EXPECT_EQ(it->name, "Fashion-MNIST");
    EXPECT_EQ(it->format, "idx");
}

TEST(DatasetDiscovery, DetectsFormatsFromNames)
{
    TempDir tmp, src;
    const std::string cifar = test::writeCifar10Folder(tmp.file("c10"), 1);
    test::writeTarGz(test::writeCifar100Folder(src.path(), 1, 1), tmp.file("c100.tar.gz"));
    EXPECT_EQ(detectDatasetFormat(cifar), "cifar10-binary");
    EXPECT_EQ(detectDatasetFormat(tmp.file("c10")), "cifar10-binary");
    EXPECT_EQ(detectDatasetFormat(tmp.file("c100.tar.gz")), "cifar100-binary");
    EXPECT_EQ(detectDatasetFormat(test::writeIdxFolder(tmp.file("m"), 1, 1, 2, 2, true)), "idx");
    EXPECT_EQ(detectDatasetFormat(writeImageFolder(tmp.file("pets"))), "image-folder");
    fs::create_directories(tmp.file("empty"));
    EXPECT_EQ(detectDatasetFormat(tmp.file("empty")), "");
    test::writeText(tmp.file("other.tar.gz"), "not an archive");
    EXPECT_EQ(detectDatasetFormat(tmp.file("other.tar.gz")), "");
    EXPECT_EQ(detectDatasetFormat(tmp.file("missing")), "");
    EXPECT_EQ(detectDatasetFormat(""), "");
}

// --- loadDataset dispatch and its errors -----------------------------------------------------------

TEST(LoadDataset, DispatchesImageFolder)
{
    TempDir tmp, cache;
    const std::string folder = writeImageFolder(tmp.file("pets"));
    LoadOptions options;
    options.cacheDir = cache.path();
    options.useCache = false;
    std::vector<std::string> stages;
    options.progress = [&](const std::string &stage, double) {
        if (stages.empty() || stages.back() != stage)
            stages.push_back(stage);
    };
    const Dataset d = loadDataset(folder, options);
    EXPECT_EQ(d.format, "image-folder");
    EXPECT_EQ(d.classNames, (std::vector<std::string> {"cat", "dog"}));
    EXPECT_EQ(d.train.count, 4);
    EXPECT_EQ(d.test.count, 4);
    EXPECT_EQ(d.train.height, 2);
    for (const auto &stage : stages)
        EXPECT_EQ(stage, "Decoding images");
}

TEST(LoadDataset, UnknownFormatFolderListsWhatIsExpected)
{
    TempDir tmp;
    test::writeText(tmp.file("holiday.txt"), "photos elsewhere\n");
    const std::string message = errorOf([&] { loadDataset(tmp.path()); });
    EXPECT_TRUE(containsText(message, tmp.path() + ": not a recognized dataset"));
    EXPECT_TRUE(containsText(message, "cifar-10-batches-bin"));
    EXPECT_TRUE(containsText(message, "cifar-10-binary.tar.gz"));
    EXPECT_TRUE(containsText(message, "train-images-idx3-ubyte"));
    EXPECT_TRUE(containsText(message, "ImageFolder (train/ and test/"));

    test::writeText(tmp.file("weights.bin"), "0123456789");
    EXPECT_TRUE(containsText(errorOf([&] { loadDataset(tmp.file("weights.bin")); }),
        tmp.file("weights.bin") + ": not a recognized dataset"));
}

TEST(LoadDataset, NonexistentPath)
{
    TempDir tmp;
    const std::string path = tmp.file("no/such/dataset");
    EXPECT_EQ(errorOf([&] { loadDataset(path); }), path + ": no such file or folder");
}

// --- summaries -------------------------------------------------------------------------------------

TEST(DatasetSummary, MatchesHandComputedValues)
{
    Dataset d;
    d.name = "tiny";
    d.format = "image-folder";
    d.source = "/tmp/tiny";
    d.classNames = {"a", "b", "c"};
    // Two 2-channel 1x2 images. Channel 0: 0,255 | 255,255. Channel 1: 51,102 | 0,153.
    d.train = {2, 2, 1, 2, {0, 255, 51, 102, 255, 255, 0, 153}, {1, 0}, {}};
    d.test = {1, 2, 1, 2, {51, 51, 255, 0}, {2}, {}};
    const DatasetSummary s = summarizeDataset(d);
    EXPECT_EQ(s.name, "tiny");
    EXPECT_EQ(s.format, "image-folder");
    EXPECT_EQ(s.source, "/tmp/tiny");
    EXPECT_EQ(s.channels, 2);
    EXPECT_EQ(s.height, 1);
    EXPECT_EQ(s.width, 2);
    EXPECT_EQ(s.numClasses, 3);
    EXPECT_EQ(s.classNames, d.classNames);
    EXPECT_EQ(s.train.count, 2);
    EXPECT_EQ(s.test.count, 1);
    EXPECT_EQ(s.train.perClassCount, (std::vector<int64_t> {1, 1, 0}));
    EXPECT_EQ(s.test.perClassCount, (std::vector<int64_t> {0, 0, 1}));
    ASSERT_EQ(s.train.mean.size(), 2u);
    ASSERT_EQ(s.train.std.size(), 2u);
    // Channel 0 in [0,1]: 0,1,1,1 -> mean 0.75, variance 0.75 - 0.5625 = 0.1875.
    EXPECT_NEAR(s.train.mean[0], 0.75, 1e-12);
    EXPECT_NEAR(s.train.std[0], std::sqrt(0.1875), 1e-12);
    // Channel 1: 0.2,0.4,0,0.6 -> mean 0.3, variance 0.14 - 0.09 = 0.05.
    EXPECT_NEAR(s.train.mean[1], 0.3, 1e-12);
    EXPECT_NEAR(s.train.std[1], std::sqrt(0.05), 1e-12);
    // Test: channel 0 is 0.2,0.2 (std 0); channel 1 is 1,0 (mean 0.5, std 0.5).
    EXPECT_NEAR(s.test.mean[0], 0.2, 1e-12);
    EXPECT_NEAR(s.test.std[0], 0.0, 1e-12);
    EXPECT_NEAR(s.test.mean[1], 0.5, 1e-12);
    EXPECT_NEAR(s.test.std[1], 0.5, 1e-12);
}

TEST(DatasetSummary, MatchesTwoPassComputationOnCifarFixture)
{
    TempDir tmp;
    const Dataset d = loadDataset(test::writeCifar10Folder(tmp.path(), 7));
    const DatasetSummary s = summarizeDataset(d);
    ASSERT_EQ(s.train.mean.size(), 3u);
    std::vector<int64_t> perClass(10, 0);
    for (int64_t label : d.train.labels)
        ++perClass[static_cast<size_t>(label)];
    EXPECT_EQ(s.train.perClassCount, perClass);
    for (int64_t c = 0; c < 3; ++c) {
        double sum = 0;
        for (int64_t i = 0; i < d.train.count; ++i)
            for (int64_t p = 0; p < 1024; ++p)
                sum += d.train.image(i)[c * 1024 + p] / 255.0;
        const double n = static_cast<double>(d.train.count * 1024);
        const double mean = sum / n;
        double squares = 0;
        for (int64_t i = 0; i < d.train.count; ++i)
            for (int64_t p = 0; p < 1024; ++p) {
                const double x = d.train.image(i)[c * 1024 + p] / 255.0 - mean;
                squares += x * x;
            }
        EXPECT_NEAR(s.train.mean[static_cast<size_t>(c)], mean, 1e-12);
        EXPECT_NEAR(s.train.std[static_cast<size_t>(c)], std::sqrt(squares / n), 1e-12);
    }
}

TEST(DatasetSummary, RejectsLabelOutsideClasses)
{
    Dataset d;
    d.name = "broken";
    d.classNames = {"a", "b"};
    d.train = {2, 1, 1, 1, {1, 2}, {0, 5}, {}};
    const std::string message = errorOf([&] { summarizeDataset(d); });
    EXPECT_TRUE(containsText(message, "broken train split: image 1 has label 5"));
}

TEST(DatasetSummary, FormatsReadableText)
{
    TempDir tmp;
    const Dataset d = loadDataset(test::writeIdxFolder(tmp.file("fashion"), 4, 2, 3, 3, false));
    const std::string text = formatSummary(summarizeDataset(d));
    EXPECT_TRUE(containsText(text, "Fashion-MNIST  [idx]\n"));
    EXPECT_TRUE(containsText(text, "images:    1x3x3 (CxHxW) (gray)\n"));
    EXPECT_TRUE(containsText(text, "classes:   10\n"));
    EXPECT_TRUE(containsText(text, "train:     4 images\n"));
    EXPECT_TRUE(containsText(text, "test:      2 images\n"));
    EXPECT_TRUE(containsText(text, "mean:      0."));
    EXPECT_TRUE(containsText(text, "Ankle boot"));
    EXPECT_EQ(text.back(), '\n');
    // 8 header lines, a blank line, the table heading, one row per class.
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 8 + 1 + 1 + 10);
}

} // namespace
} // namespace cifarlab
