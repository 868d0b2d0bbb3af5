// The bad-input catalogue of docs/reliability.md, row by row: each row's input is built here, fed to
// cifarlab-cli as a user would, and the exit code and the one line on stderr must be exactly what
// the table says (the last line: progress such as "loading ..." may come before it). The table is
// the specification; a message changed in code must change there too.

#include "core/python_checkpoint.h"
#include "core/state_dict.h"
#include "models/network.h"
#include "support/checkpoint_fixtures.h"
#include "support/cifar_fixtures.h"
#include "support/image_fixtures.h"
#include "support/learnable_data.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

using namespace cifarlab;
namespace fs = std::filesystem;
namespace t = cifarlab::test;

namespace {

const char *const kTable = CIFARLAB_SOURCE_DIR "/docs/reliability.md";

struct Row
{
    std::string id;
    int exitCode = -1;
    std::string message;
};

// "| R07 | reader | input | `command` | 2 | `message` |": the exit code and message are the last
// two cells; '\|' stands for a '|' inside a cell.
std::map<std::string, Row> readTable()
{
    std::map<std::string, Row> rows;
    std::ifstream in(kTable);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("| R", 0) != 0)
            continue;
        std::vector<std::string> cells;
        std::string cell;
        for (size_t i = 1; i < line.size(); ++i) {
            if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
                cell += '|';
                ++i;
            } else if (line[i] == '|') {
                cells.push_back(cell);
                cell.clear();
            } else {
                cell += line[i];
            }
        }
        const auto trim = [](std::string s) {
            s.erase(0, s.find_first_not_of(' '));
            s.erase(s.find_last_not_of(' ') + 1);
            if (s.size() >= 2 && s.front() == '`' && s.back() == '`')
                s = s.substr(1, s.size() - 2);
            return s;
        };
        if (cells.size() < 3)
            continue;
        Row row;
        row.id = trim(cells[0]);
        row.exitCode = std::stoi(trim(cells[cells.size() - 2]));
        row.message = trim(cells.back());
        rows[row.id] = row;
    }
    return rows;
}

// How one row is made: the files it needs, then the cifarlab-cli arguments ("{dir}" is the row's
// own temporary folder). With fileSizeLimitKb the CLI runs under RLIMIT_FSIZE, SIGXFSZ ignored,
// the way a full disk looks to a program.
struct Setup
{
    QStringList args;
    long fileSizeLimitKb = 0;
};
using Builder = std::function<Setup(const std::string &dir)>;

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

QStringList argsOf(const std::string &dir, std::initializer_list<std::string> args)
{
    QStringList out;
    for (const auto &a : args) {
        QString arg = q(a);
        arg.replace(QStringLiteral("{dir}"), q(dir));
        out << arg;
    }
    return out;
}

void writeText(const std::string &path, const std::string &text)
{
    fs::create_directories(fs::path(path).parent_path());
    t::writeFile(path, text);
}

void overwriteByte(const std::string &path, std::streamoff offset, char value)
{
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(offset);
    f.put(value);
}

void truncateFile(const std::string &path, uintmax_t size)
{
    fs::resize_file(path, size);
}

std::string cifarFolder(const std::string &dir)
{
    return t::writeCifar10Folder(dir, 20);
}

t::FixtureSpec tenClasses()
{
    t::FixtureSpec spec;
    spec.classes = {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};
    spec.trainPerClass = 2;
    spec.testPerClass = 1;
    spec.width = 32;
    spec.height = 32;
    return spec;
}

// A small folder dataset the checkpoint rows evaluate on.
std::string evalData(const std::string &dir)
{
    const std::string root = dir + "/data";
    t::writeFolder(root, t::makeImageFolderFiles(tenClasses()));
    return root;
}

std::string folderWith(const std::string &dir, const std::function<void(std::vector<t::FixtureFile> &)> &edit)
{
    auto files = t::makeImageFolderFiles();
    edit(files);
    const std::string root = dir + "/images";
    t::writeFolder(root, files);
    return root;
}

std::string zipWith(const std::string &dir, const std::function<void(std::vector<t::FixtureFile> &)> &edit,
    bool stored = false)
{
    auto files = t::makeImageFolderFiles();
    edit(files);
    const std::string path = dir + "/images.zip";
    t::writeZip(path, files, "", false, {}, stored);
    return path;
}

std::vector<uint8_t> bytesOf(const std::string &text)
{
    return {text.begin(), text.end()};
}

StateDict baselineWeights()
{
    torch::manual_seed(7);
    const auto net = createNetwork("baseline", InputSpec {});
    return moduleStateDict(*net);
}

void setEntry(StateDict &sd, const std::string &name, torch::Tensor value)
{
    for (auto &[key, tensor] : sd.entries)
        if (key == name)
            tensor = std::move(value);
}

Setup evaluate(const std::string &dir, const std::string &checkpoint, const std::string &arch = "baseline")
{
    return {argsOf(dir,
        {"evaluate", "--arch", arch, "--checkpoint", checkpoint, "--data", evalData(dir), "--no-cache"})};
}

Setup predict(const std::string &dir, const std::string &images)
{
    return {argsOf(dir, {"predict", "--arch", "baseline", "--checkpoint", "{dir}/model.ckpt", "--data", evalData(dir),
        "--no-cache", images})};
}

// A bundle zip of the given entries (name -> contents).
std::string bundleWith(
    const std::string &dir, const std::vector<std::pair<std::string, std::string>> &entries)
{
    std::vector<t::FixtureFile> files;
    for (const auto &[name, data] : entries)
        files.push_back({name, bytesOf(data)});
    const std::string path = dir + "/runs.cifarlab.zip";
    t::writeZip(path, files);
    return path;
}

const std::string kManifestV1
    = R"({"format":"cifarlab-run-bundle","formatVersion":1,"cifarlabVersion":"0.1.0","runs":[{"id":1,"name":"a"}]})";

std::string idxFolder(const std::string &dir)
{
    return t::writeLearnableIdxFolder(dir, 40, 20, 28);
}

Setup train(const std::string &dir, std::initializer_list<std::string> extra)
{
    QStringList args = argsOf(dir,
        {"train", "--data", idxFolder(dir), "--store", "{dir}/store", "--epochs", "1", "--batch-size", "8",
            "--threads", "1"});
    args << argsOf(dir, extra);
    return {args};
}

const std::map<std::string, Builder> &builders()
{
    static const std::map<std::string, Builder> all = {
        // ---- CIFAR binary folder
        {"R01",
            [](const std::string &d) {
                const std::string f = cifarFolder(d);
                truncateFile(f + "/data_batch_3.bin", 20 * 3073 - 100);
                return Setup {argsOf(d, {"data-info", "--data", f, "--no-cache"})};
            }},
        {"R02",
            [](const std::string &d) {
                const std::string f = cifarFolder(d);
                truncateFile(f + "/data_batch_2.bin", 0);
                return Setup {argsOf(d, {"data-info", "--data", f, "--no-cache"})};
            }},
        {"R03",
            [](const std::string &d) {
                const std::string f = cifarFolder(d);
                overwriteByte(f + "/test_batch.bin", 5 * 3073, 10);
                return Setup {argsOf(d, {"data-info", "--data", f, "--no-cache"})};
            }},
        {"R04",
            [](const std::string &d) {
                const std::string f = cifarFolder(d);
                fs::remove(f + "/data_batch_4.bin");
                return Setup {argsOf(d, {"data-info", "--data", f, "--no-cache"})};
            }},
        {"R05",
            [](const std::string &d) {
                const std::string f = cifarFolder(d);
                writeText(f + "/batches.meta.txt",
                    "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\n");
                return Setup {argsOf(d, {"data-info", "--data", f, "--no-cache"})};
            }},
        {"R06",
            [](const std::string &d) {
                const std::string f = cifarFolder(d);
                t::writeFileBytes(f + "/data_batch_1.bin", std::vector<uint8_t>(20 * 3074, 1));
                return Setup {argsOf(d, {"data-info", "--data", f, "--no-cache"})};
            }},
        // ---- CIFAR tar.gz
        {"R07",
            [](const std::string &d) {
                const std::string archive = d + "/cifar-10-binary.tar.gz";
                t::writeTarGz(cifarFolder(d + "/src"), archive);
                auto bytes = t::readFileBytes(archive);
                for (size_t i = bytes.size() / 3; i < bytes.size() / 3 + 64; ++i)
                    bytes[i] ^= 0x5a;
                t::writeFileBytes(archive, bytes);
                return Setup {argsOf(d, {"data-info", "--data", archive, "--no-cache"})};
            }},
        {"R08",
            [](const std::string &d) {
                const std::string archive = d + "/cifar-10-binary.tar.gz";
                t::writeTarGz(cifarFolder(d + "/src"), archive);
                truncateFile(archive, fs::file_size(archive) / 2);
                return Setup {argsOf(d, {"data-info", "--data", archive, "--no-cache"})};
            }},
        {"R09",
            [](const std::string &d) {
                const std::string archive = d + "/cifar-10-binary.tar.gz";
                t::writeTarGz(cifarFolder(d + "/src"), archive, {"data_batch_5.bin"});
                return Setup {argsOf(d, {"data-info", "--data", archive, "--no-cache"})};
            }},
        {"R10",
            [](const std::string &d) {
                const std::string archive = d + "/cifar-10-binary.tar.gz";
                writeText(archive, "<html>404 not found</html>\n");
                return Setup {argsOf(d, {"data-info", "--data", archive, "--no-cache"})};
            }},
        // ---- ImageFolder folder
        {"R11",
            [](const std::string &d) {
                return Setup {argsOf(d, {"data-info", "--data", "{dir}/no-such-folder", "--no-cache"})};
            }},
        {"R12",
            [](const std::string &d) {
                fs::create_directories(d + "/empty");
                return Setup {argsOf(d, {"data-info", "--data", "{dir}/empty", "--no-cache"})};
            }},
        {"R13",
            [](const std::string &d) {
                const std::string root = folderWith(d, [](auto &) {});
                fs::create_directories(root + "/train/durian");
                fs::create_directories(root + "/test/durian");
                t::writeFileBytes(
                    root + "/test/durian/0000.png", t::encodeFixtureImage("png", 8, 8, false, 0, 0, true));
                return Setup {argsOf(d, {"data-info", "--data", root, "--no-cache"})};
            }},
        {"R14",
            [](const std::string &d) {
                const std::string root = folderWith(d, [](auto &files) {
                    t::setFile(files, "train/apple/0001.png", bytesOf("hello, not a picture"));
                });
                return Setup {argsOf(d, {"data-info", "--data", root, "--no-cache"})};
            }},
        {"R15",
            [](const std::string &d) {
                const std::string root
                    = folderWith(d, [](auto &files) { t::setFile(files, "train/banana/0002.jpg", {}); });
                return Setup {argsOf(d, {"data-info", "--data", root, "--no-cache"})};
            }},
        {"R16",
            [](const std::string &d) {
                const std::string root = folderWith(d, [](auto &files) {
                    t::removeFile(files, "train/banana/0002.png");
                    t::setFile(files, "train/banana/0002.jpg",
                        t::truncatedBytes(t::encodeFixtureImage("jpg", 8, 8, false, 1, 2, false), 120));
                });
                return Setup {argsOf(d, {"data-info", "--data", root, "--no-cache"})};
            }},
        {"R17",
            [](const std::string &d) {
                const std::string root = folderWith(d, [](auto &files) {
                    t::setFile(files, "test/cherry/0001.png",
                        t::truncatedBytes(t::encodeFixtureImage("png", 8, 8, false, 2, 1, true), 60));
                });
                return Setup {argsOf(d, {"data-info", "--data", root, "--no-cache"})};
            }},
        {"R18",
            [](const std::string &d) {
                const std::string root = folderWith(d, [](auto &files) {
                    t::setFile(files, "train/cherry/0003.png", t::pngDeclaringSize(200000, 200000));
                });
                return Setup {argsOf(d, {"data-info", "--data", root, "--no-cache"})};
            }},
        {"R19",
            [](const std::string &d) {
                const std::string root = folderWith(d, [](auto &files) {
                    t::setFile(
                        files, "test/apple/0001.png", t::encodeFixtureImage("png", 12, 8, false, 0, 1, true));
                });
                return Setup {argsOf(d, {"data-info", "--data", root, "--no-cache"})};
            }},
        {"R20",
            [](const std::string &d) {
                const std::string root
                    = folderWith(d, [](auto &files) { t::removeFile(files, "train/apple/0003.png"); });
                writeText(d + "/secret.png", "outside the dataset");
                fs::create_symlink(d + "/secret.png", root + "/train/apple/0003.png");
                return Setup {argsOf(d, {"data-info", "--data", root, "--no-cache"})};
            }},
        // ---- ImageFolder zip
        {"R21",
            [](const std::string &d) {
                writeText(d + "/images.zip", "this is not a zip archive");
                return Setup {argsOf(d, {"data-info", "--data", "{dir}/images.zip", "--no-cache"})};
            }},
        {"R22",
            [](const std::string &d) {
                const std::string z = zipWith(d, [](auto &files) {
                    files.push_back({"train/apple/../../../evil.png",
                        t::encodeFixtureImage("png", 8, 8, false, 0, 9, false)});
                });
                return Setup {argsOf(d, {"data-info", "--data", z, "--no-cache"})};
            }},
        {"R23",
            [](const std::string &d) {
                const std::string z = zipWith(d, [](auto &files) {
                    files.push_back(
                        {"/etc/cron.d/evil.png", t::encodeFixtureImage("png", 8, 8, false, 0, 9, false)});
                });
                return Setup {argsOf(d, {"data-info", "--data", z, "--no-cache"})};
            }},
        {"R24",
            [](const std::string &d) {
                const std::string z = zipWith(d, [](auto &) {});
                t::CentralDirectoryPatch patch;
                patch.madeByHost = 3;
                patch.externalAttributes = 0120777u << 16;
                t::patchZipEntry(z, "train/apple/0002.png", patch);
                return Setup {argsOf(d, {"data-info", "--data", z, "--no-cache"})};
            }},
        {"R25",
            [](const std::string &d) {
                const std::string z = zipWith(d, [](auto &) {});
                t::CentralDirectoryPatch patch;
                patch.uncompressedSize = 4000000000u;
                t::patchZipEntry(z, "train/banana/0001.png", patch);
                return Setup {argsOf(d, {"data-info", "--data", z, "--no-cache"})};
            }},
        {"R26",
            [](const std::string &d) {
                const std::string z = zipWith(d, [](auto &) {});
                t::CentralDirectoryPatch patch;
                patch.compressedSize = 0x10000000u;
                patch.uncompressedSize = 0xFFFFFF00u;
                for (const char *entry :
                    {"train/apple/0000.png", "train/apple/0001.png", "train/apple/0002.png"})
                    t::patchZipEntry(z, entry, patch);
                return Setup {argsOf(d, {"data-info", "--data", z, "--no-cache"})};
            }},
        {"R27",
            [](const std::string &d) {
                const std::string z = zipWith(
                    d, [](auto &) {}, true);
                t::corruptZipEntryData(z, "test/banana/0000.png");
                return Setup {argsOf(d, {"data-info", "--data", z, "--no-cache"})};
            }},
        // ---- IDX
        {"R28",
            [](const std::string &d) {
                const std::string f = idxFolder(d);
                t::writeIdxImages(f + "/train-images-idx3-ubyte", true, 40, 28, 28, false, 0x00000903);
                return Setup {argsOf(d, {"data-info", "--data", f, "--no-cache"})};
            }},
        {"R29",
            [](const std::string &d) {
                const std::string f = idxFolder(d);
                t::writeIdxLabels(f + "/t10k-labels-idx1-ubyte", t::idxFixtureLabels(false, 19), false);
                return Setup {argsOf(d, {"data-info", "--data", f, "--no-cache"})};
            }},
        {"R30",
            [](const std::string &d) {
                const std::string f = idxFolder(d);
                truncateFile(f + "/train-images-idx3-ubyte", 16 + 28 * 28 * 10 + 5);
                return Setup {argsOf(d, {"data-info", "--data", f, "--no-cache"})};
            }},
        // ---- checkpoints
        {"R31",
            [](const std::string &d) {
                writeText(d + "/model.ckpt", "just some text, not a checkpoint");
                return evaluate(d, d + "/model.ckpt");
            }},
        {"R32",
            [](const std::string &d) {
                const std::string pickle = t::Pickle()
                                               .proto(2)
                                               .global("os", "system")
                                               .mark()
                                               .str("touch " + d + "/pwned")
                                               .op('t')
                                               .op('R')
                                               .stop()
                                               .bytes();
                t::writeCheckpoint(d + "/model.ckpt", pickle, {});
                return evaluate(d, d + "/model.ckpt");
            }},
        {"R33",
            [](const std::string &d) {
                const std::string pickle = t::Pickle()
                                               .proto(2)
                                               .op('}')
                                               .str("conv1.weight")
                                               .str("a string, not a tensor")
                                               .op('s')
                                               .stop()
                                               .bytes();
                t::writeCheckpoint(d + "/model.ckpt", pickle, {});
                return evaluate(d, d + "/model.ckpt");
            }},
        {"R34",
            [](const std::string &d) {
                torch::manual_seed(3);
                savePythonStateDict(
                    d + "/model.ckpt", moduleStateDict(*createNetwork("airbench", InputSpec {})));
                return evaluate(d, d + "/model.ckpt");
            }},
        {"R35",
            [](const std::string &d) {
                StateDict sd = baselineWeights();
                setEntry(sd, "fc3.weight", torch::zeros({10, 80}));
                savePythonStateDict(d + "/model.ckpt", sd);
                return evaluate(d, d + "/model.ckpt");
            }},
        {"R36",
            [](const std::string &d) {
                StateDict sd = baselineWeights();
                torch::Tensor w = sd.find("conv2.weight")->clone();
                w.view({-1})[17] = std::nanf("");
                setEntry(sd, "conv2.weight", w);
                savePythonStateDict(d + "/model.ckpt", sd);
                return evaluate(d, d + "/model.ckpt");
            }},
        {"R37",
            [](const std::string &d) {
                savePythonStateDict(d + "/model.ckpt", baselineWeights());
                truncateFile(d + "/model.ckpt", fs::file_size(d + "/model.ckpt") / 2);
                return evaluate(d, d + "/model.ckpt");
            }},
        {"R38",
            [](const std::string &d) {
                savePythonStateDict(d + "/model.ckpt", baselineWeights());
                Setup s = evaluate(d, d + "/model.ckpt");
                s.args << QStringLiteral("--memory-limit") << QStringLiteral("200K");
                return s;
            }},
        // ---- run bundles
        {"R39",
            [](const std::string &d) {
                writeText(d + "/runs.cifarlab.zip", "not a bundle");
                return Setup {argsOf(d, {"import", "{dir}/runs.cifarlab.zip", "--store", "{dir}/store"})};
            }},
        {"R40",
            [](const std::string &d) {
                bundleWith(d, {{"manifest.json", kManifestV1}, {"runs/1/../../../escaped.txt", "x"}});
                return Setup {argsOf(d, {"import", "{dir}/runs.cifarlab.zip", "--store", "{dir}/store"})};
            }},
        {"R41",
            [](const std::string &d) {
                bundleWith(d, {{"runs/1/run.json", "{}"}});
                return Setup {argsOf(d, {"import", "{dir}/runs.cifarlab.zip", "--store", "{dir}/store"})};
            }},
        {"R42",
            [](const std::string &d) {
                bundleWith(d,
                    {{"manifest.json",
                        R"({"format":"cifarlab-run-bundle","formatVersion":7,"runs":[{"id":1,"name":"a"}]})"}});
                return Setup {argsOf(d, {"import", "{dir}/runs.cifarlab.zip", "--store", "{dir}/store"})};
            }},
        // ---- config files
        {"R43",
            [](const std::string &d) {
                writeText(d + "/config.json", "epochs: 5\n");
                return train(d, {"--arch", "baseline", "--config", "{dir}/config.json"});
            }},
        {"R44",
            [](const std::string &d) {
                writeText(d + "/config.json", R"({"preset": "quick", "batchSize": "large"})");
                return train(d, {"--arch", "baseline", "--config", "{dir}/config.json"});
            }},
        {"R45",
            [](const std::string &d) {
                writeText(d + "/config.json", R"({"architecture": "baseline", "learningRate": -0.5})");
                return train(d, {"--config", "{dir}/config.json"});
            }},
        {"R46",
            [](const std::string &d) {
                return train(d, {"--arch", "baseline", "--config", "{dir}/missing.json"});
            }},
        {"R47",
            [](const std::string &d) {
                writeText(d + "/config.json", R"({"preset": "turbo"})");
                return train(d, {"--arch", "baseline", "--config", "{dir}/config.json"});
            }},
        // ---- flags
        {"R48",
            [](const std::string &d) {
                return train(d, {"--arch", "baseline", "--lr", "-0.1"});
            }},
        {"R49",
            [](const std::string &d) {
                return train(d, {"--arch", "baseline", "--batch-size", "0"});
            }},
        {"R50",
            [](const std::string &d) {
                return train(d, {"--arch", "baseline", "--epochs", "0"});
            }},
        {"R51",
            [](const std::string &d) {
                return train(d, {"--arch", "vgg99"});
            }},
        {"R52",
            [](const std::string &d) {
                return train(d, {"--arch", "baseline", "--memory-limit", "lots"});
            }},
        // ---- memory cap
        {"R53",
            [](const std::string &d) {
                return Setup {argsOf(
                    d, {"data-info", "--data", cifarFolder(d), "--no-cache", "--memory-limit", "100K"})};
            }},
        {"R54",
            [](const std::string &d) {
                const std::string root = folderWith(d, [](auto &files) {
                    t::setFile(files, "train/cherry/0003.png", t::pngDeclaringSize(6000, 6000));
                });
                return Setup {
                    argsOf(d, {"data-info", "--data", root, "--no-cache", "--memory-limit", "100M"})};
            }},
        // ---- store
        {"R55",
            [](const std::string &d) {
                writeText(d + "/store", "a file where the store folder should be");
                return train(d, {"--arch", "baseline"});
            }},
        {"R56",
            [](const std::string &d) {
                writeText(d + "/store/runs.sqlite", std::string(4096, 'x'));
                return Setup {argsOf(d, {"runs", "--store", "{dir}/store"})};
            }},
        {"R57",
            [](const std::string &d) {
                Setup s = train(d, {"--arch", "baseline"});
                s.fileSizeLimitKb = 64;
                return s;
            }},
        {"R58",
            [](const std::string &d) {
                return train(d, {"--arch", "baseline", "--precision", "fp16"});
            }},
        // ---- your own images (predict)
        {"R59",
            [](const std::string &d) {
                savePythonStateDict(d + "/model.ckpt", baselineWeights());
                fs::create_directories(d + "/photos");
                t::writeFileBytes(d + "/photos/cat.png", t::encodeSolidImage("png", 40, 30, {200, 80, 20}));
                writeText(d + "/photos/cut.png", std::string("\x89PNG\r\n\x1a\n", 8) + "short");
                return predict(d, "{dir}/photos");
            }},
        {"R60",
            [](const std::string &d) {
                savePythonStateDict(d + "/model.ckpt", baselineWeights());
                return predict(d, "{dir}/gone.jpg");
            }},
        {"R61",
            [](const std::string &d) {
                savePythonStateDict(d + "/model.ckpt", baselineWeights());
                writeText(d + "/notes/readme.txt", "no images here");
                return predict(d, "{dir}/notes");
            }},
        // ---- embedding projector (embed)
        {"R62",
            [](const std::string &d) {
                StateDict sd = baselineWeights();
                // Finite weights whose products overflow: NaN weights are refused on loading already.
                setEntry(sd, "fc1.weight", torch::full({120, 400}, 1e38f));
                savePythonStateDict(d + "/model.ckpt", sd);
                return Setup {argsOf(d, {"embed", "--arch", "baseline", "--checkpoint", "{dir}/model.ckpt", "--data",
                    evalData(d), "--no-cache", "--method", "pca"})};
            }},
        {"R63",
            [](const std::string &d) {
                savePythonStateDict(d + "/model.ckpt", baselineWeights());
                return Setup {argsOf(d, {"embed", "--arch", "baseline", "--checkpoint", "{dir}/model.ckpt", "--data",
                    evalData(d), "--no-cache", "--perplexity", "50"})};
            }},
    };
    return all;
}

struct Outcome
{
    int exitCode = -1;
    std::string message;
};

Outcome runRow(const std::string &id)
{
    t::TempDir dir;
    const Setup setup = builders().at(id)(dir.path());
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CACHE_HOME"), q(dir.file("cache")));
    env.insert(QStringLiteral("CIFARLAB_HOME"), q(dir.file("default-store")));
    env.remove(QStringLiteral("CIFARLAB_MEMORY_LIMIT"));
    p.setProcessEnvironment(env);
    if (setup.fileSizeLimitKb > 0) {
        QStringList args {QStringLiteral("-c"),
            QStringLiteral("trap '' XFSZ; ulimit -f %1; exec \"$0\" \"$@\"").arg(setup.fileSizeLimitKb),
            QStringLiteral(CIFARLAB_CLI_PATH)};
        p.start(QStringLiteral("/bin/bash"), args + setup.args);
    } else {
        p.start(QStringLiteral(CIFARLAB_CLI_PATH), setup.args);
    }
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
    }
    QString err = QString::fromUtf8(p.readAllStandardError()).trimmed();
    err.replace(q(dir.path()), QStringLiteral("{dir}"));
    Outcome o;
    o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    // Progress lines ("loading ...") may come first; the error is the last line.
    o.message = err.mid(err.lastIndexOf(QLatin1Char('\n')) + 1).toStdString();
    // Nothing a row does may create files outside its own folder (R32's "pwned" would be one).
    EXPECT_FALSE(fs::exists(dir.file("pwned"))) << id;
    return o;
}

std::vector<std::string> builderIds()
{
    std::vector<std::string> ids;
    for (const auto &[id, builder] : builders())
        ids.push_back(id);
    return ids;
}

class ReliabilityRow : public testing::TestWithParam<std::string>
{
};

TEST_P(ReliabilityRow, MessageAndExitCodeAreExactlyAsCatalogued)
{
    const Outcome o = runRow(GetParam());
    // Printed for updating the table when a message is improved on purpose.
    std::printf("| %s | %d | `%s` |\n", GetParam().c_str(), o.exitCode, o.message.c_str());
    const auto table = readTable();
    const auto row = table.find(GetParam());
    ASSERT_NE(row, table.end()) << GetParam() << " has no row in " << kTable;
    EXPECT_EQ(o.exitCode, row->second.exitCode) << GetParam();
    EXPECT_EQ(o.message, row->second.message) << GetParam();
    EXPECT_EQ(o.message.rfind("error: ", 0), 0u) << o.message;
}

INSTANTIATE_TEST_SUITE_P(Table, ReliabilityRow, testing::ValuesIn(builderIds()),
    [](const testing::TestParamInfo<std::string> &info) { return info.param; });

TEST(ReliabilityTable, EveryRowHasATestAndThereAreAtLeastThirty)
{
    const auto table = readTable();
    EXPECT_GE(table.size(), 30u);
    for (const auto &[id, row] : table)
        EXPECT_TRUE(builders().count(id)) << id << " is in the table but has no test";
    for (const auto &[id, builder] : builders())
        EXPECT_TRUE(table.count(id)) << id << " has a test but no row in the table";
}

} // namespace
