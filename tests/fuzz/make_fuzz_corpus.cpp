// Writes the seed corpus of every fuzz target into <out>/<target>/: small valid inputs and the
// classic malformed ones, from the same fixture helpers the unit tests use. Deterministic, so a
// regenerated corpus only differs where the fixtures or the input layouts changed. Usage:
//   build-fuzz/tests/fuzz/make_fuzz_corpus tests/fuzz/corpus
// Files already there (e.g. regression inputs added by hand) are kept; seeds are overwritten.
#include "core/experiment_store.h"
#include "core/python_checkpoint.h"
#include "core/run_bundle.h"
#include "core/state_dict.h"
#include "support/cifar_fixtures.h"
#include "support/image_fixtures.h"
#include "support/sample_metrics.h"
#include "support/temp_dir.h"
#include "tests/fuzz/fuzz_support.h"

#include <QByteArray>
#include <QCoreApplication>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <torch/torch.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace fs = std::filesystem;
using namespace cifarlab;
using namespace cifarlab::test;

namespace {

using Entries = std::vector<std::pair<std::string, std::string>>;

// The inverse of FuzzedDataProvider: strings are read from the front (a backslash followed by
// anything but a backslash ends one), integral bytes from the back, in the order recorded here.
class ProviderInput
{
public:
    void byte(uint8_t value) { m_back.push_back(static_cast<char>(value)); }
    void boolean(bool value) { byte(value ? 1 : 0); }
    // ConsumeIntegralInRange<size_t>(min, max) for a range under 65536: two bytes, high one first.
    void twoByteRange(size_t offset)
    {
        byte(static_cast<uint8_t>(offset >> 8));
        byte(static_cast<uint8_t>(offset & 0xff));
    }
    void string(const std::string &text)
    {
        for (const char c : text) {
            m_front.push_back(c);
            if (c == '\\')
                m_front.push_back('\\');
        }
        m_front += "\\e";
    }
    std::string bytes() const { return m_front + std::string(m_back.rbegin(), m_back.rend()); }

private:
    std::string m_front;
    std::string m_back;
};

// A literal's bytes, embedded NULs included.
template<size_t N> std::string literal(const char (&text)[N]) { return std::string(text, N - 1); }

std::string toString(const std::vector<uint8_t> &bytes) { return std::string(bytes.begin(), bytes.end()); }

std::string fileText(const std::string &path) { return toString(readBytes(path)); }

void save(const fs::path &folder, const std::string &name, const std::string &bytes)
{
    fs::create_directories(folder);
    cifarlab::fuzz::writeFile((folder / name).string(), bytes);
}

Entries zipEntries(const std::string &zipPath)
{
    Entries entries;
    QuaZip zip(QString::fromStdString(zipPath));
    if (!zip.open(QuaZip::mdUnzip))
        throw std::runtime_error("cannot open " + zipPath);
    for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile()) {
        QuaZipFile file(&zip);
        file.open(QIODevice::ReadOnly);
        const QByteArray data = file.readAll();
        entries.emplace_back(zip.getCurrentFileName().toStdString(), data.toStdString());
    }
    return entries;
}

std::string entriesInput(const Entries &entries)
{
    ProviderInput input;
    for (const auto &[name, bytes] : entries) {
        input.string(name);
        input.string(bytes);
    }
    return input.bytes();
}

// ---- CIFAR binary folder (layout in fuzz_cifar_binary.cpp)

struct CifarBatchSeed
{
    int shape = 2; // 0 missing, 1 raw, 2 records, 3 records + partial
    int records = 1;
    std::vector<std::vector<uint8_t>> labels; // per record
    std::string raw;
    size_t tail = 0;
};

std::string cifarBinarySeed(bool cifar100, const std::vector<CifarBatchSeed> &batches,
    const std::vector<std::pair<bool, std::string>> &meta, bool parent)
{
    ProviderInput input;
    input.boolean(cifar100);
    for (const auto &batch : batches) {
        input.byte(static_cast<uint8_t>(batch.shape + 4 * batch.records));
        if (batch.shape == 1) {
            input.string(batch.raw);
            continue;
        }
        if (batch.shape == 0)
            continue;
        for (int r = 0; r < batch.records; ++r) {
            for (const uint8_t label : batch.labels[r])
                input.byte(label);
            input.byte(static_cast<uint8_t>(17 * r + 3));
        }
        if (batch.shape == 3)
            input.twoByteRange(batch.tail - 1);
    }
    for (const auto &[present, text] : meta) {
        input.boolean(present);
        input.string(text);
    }
    input.boolean(!parent);
    return input.bytes();
}

std::string joinLines(const std::vector<std::string> &lines)
{
    std::string text;
    for (const auto &line : lines)
        text += line + "\n";
    return text;
}

void cifarBinarySeeds(const fs::path &out)
{
    const std::string names10 = joinLines(cifar10ClassNames()) + "\n";
    auto records = [](int count, std::vector<uint8_t> labels) {
        CifarBatchSeed batch;
        batch.records = count;
        for (int r = 0; r < count; ++r) {
            std::vector<uint8_t> l = labels;
            l.back() = static_cast<uint8_t>((labels.back() + r) % (labels.size() == 1 ? 10 : 100));
            batch.labels.push_back(l);
        }
        return batch;
    };
    const std::vector<CifarBatchSeed> six(6, records(2, {3}));
    save(out, "valid-cifar10", cifarBinarySeed(false, six, {{true, names10}}, false));
    save(out, "valid-cifar10-parent", cifarBinarySeed(false, six, {{true, names10}}, true));
    const std::vector<CifarBatchSeed> two {records(3, {4, 40}), records(2, {19, 99})};
    save(out, "valid-cifar100",
        cifarBinarySeed(true, two, {{true, joinLines(cifar100FineNames())}, {true, joinLines(cifar100CoarseNames())}},
            false));

    std::vector<CifarBatchSeed> badLabel = six;
    badLabel[2].labels[1] = {10};
    save(out, "label-out-of-range", cifarBinarySeed(false, badLabel, {{true, names10}}, false));
    std::vector<CifarBatchSeed> badCoarse = two;
    badCoarse[1].labels[0] = {20, 5};
    save(out, "coarse-label-out-of-range",
        cifarBinarySeed(true, badCoarse, {{true, joinLines(cifar100FineNames())}, {true, joinLines(cifar100CoarseNames())}},
            false));
    std::vector<CifarBatchSeed> partial = six;
    partial[5].shape = 3;
    partial[5].tail = 1000;
    save(out, "partial-record", cifarBinarySeed(false, partial, {{true, names10}}, false));
    std::vector<CifarBatchSeed> missing = six;
    missing[1].shape = 0;
    save(out, "missing-batch", cifarBinarySeed(false, missing, {{false, names10}}, false));
    std::vector<CifarBatchSeed> empty(6, records(0, {0}));
    save(out, "zero-records", cifarBinarySeed(false, empty, {{true, names10}}, false));
    save(out, "few-class-names", cifarBinarySeed(false, six, {{true, "cat\ndog\n\nbird\n"}}, false));

    TempDir tmp;
    writeCifarBatch(tmp.file("batch.bin"), 1, 1, 1);
    std::vector<CifarBatchSeed> raw = six;
    raw[0].shape = 1;
    raw[0].raw = fileText(tmp.file("batch.bin"));
    save(out, "raw-record", cifarBinarySeed(false, raw, {{true, names10}}, false));
    raw[0].raw.resize(raw[0].raw.size() / 2);
    save(out, "raw-truncated", cifarBinarySeed(false, raw, {{true, names10}}, false));
}

// ---- CIFAR tar.gz (the whole archive)

void cifarTarGzSeeds(const fs::path &out)
{
    TempDir tmp;
    const std::string folder10 = writeCifar10Folder(tmp.path(), 1);
    writeTarGz(folder10, tmp.file("a.tar.gz"));
    save(out, "valid-cifar10", fileText(tmp.file("a.tar.gz")));
    writeTarGz(folder10, tmp.file("b.tar.gz"), {"data_batch_3.bin"});
    save(out, "missing-member", fileText(tmp.file("b.tar.gz")));
    const std::string whole = fileText(tmp.file("a.tar.gz"));
    save(out, "truncated", whole.substr(0, whole.size() * 2 / 3));
    std::string corrupt = whole;
    corrupt[corrupt.size() / 2] = static_cast<char>(corrupt[corrupt.size() / 2] ^ 0x55);
    save(out, "corrupt-deflate", corrupt);

    TempDir tmp100;
    const std::string folder100 = writeCifar100Folder(tmp100.path(), 2, 1);
    writeTarGz(folder100, tmp100.file("c.tar.gz"));
    save(out, "cifar100-members", fileText(tmp100.file("c.tar.gz")));

    TempDir odd;
    const std::string folderOdd = writeCifar10Folder(odd.path(), 1);
    writeCifarBatch(folderOdd + "/test_batch.bin", 0, 3, 1);
    truncateFile(folderOdd + "/data_batch_2.bin", 100);
    writeText(folderOdd + "/batches.meta.txt", "only\ntwo\n");
    writeTarGz(folderOdd, odd.file("d.tar.gz"));
    save(out, "bad-sizes-and-names", fileText(odd.file("d.tar.gz")));
}

// ---- IDX (layout in fuzz_idx.cpp)

std::string idxSeed(bool fashion, const std::vector<std::pair<int, std::string>> &files)
{
    ProviderInput input;
    input.boolean(fashion);
    for (const auto &[form, bytes] : files) {
        input.byte(static_cast<uint8_t>(form));
        input.string(bytes);
    }
    return input.bytes();
}

void idxSeeds(const fs::path &out)
{
    TempDir tmp;
    const std::string folder = writeIdxFolder(tmp.file("mnist"), 3, 2, 4, 5, false);
    const std::vector<std::string> names {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
    std::vector<std::pair<int, std::string>> files;
    for (const auto &name : names)
        files.emplace_back(1, fileText(folder + "/" + name));
    save(out, "valid-raw", idxSeed(false, files));
    auto gz = files;
    for (auto &file : gz)
        file.first = 2;
    save(out, "valid-gz-fashion", idxSeed(true, gz));
    auto missing = files;
    missing[3].first = 0;
    save(out, "missing-labels", idxSeed(false, missing));

    writeIdxImages(tmp.file("bad-magic"), true, 3, 4, 5, false, 0x00000802);
    auto badMagic = files;
    badMagic[0].second = fileText(tmp.file("bad-magic"));
    save(out, "bad-magic", idxSeed(false, badMagic));
    writeIdxImages(tmp.file("count"), true, 4, 4, 5, false);
    auto counts = files;
    counts[0].second = fileText(tmp.file("count"));
    save(out, "counts-disagree", idxSeed(false, counts));
    writeIdxLabels(tmp.file("labels"), {1, 11, 2}, false);
    auto badLabel = files;
    badLabel[1].second = fileText(tmp.file("labels"));
    save(out, "label-out-of-range", idxSeed(false, badLabel));
    auto truncated = files;
    truncated[2].second.resize(truncated[2].second.size() - 7);
    save(out, "truncated-images", idxSeed(false, truncated));
    writeIdxImages(tmp.file("huge"), false, 2, 4096, 4096, false);
    auto huge = files;
    huge[2].second = fileText(tmp.file("huge")).substr(0, 64);
    save(out, "huge-declared-size", idxSeed(false, huge));
}

// ---- ImageFolder zip (whole zip, and entries in a fresh zip)

void imageFolderSeeds(const fs::path &zipOut, const fs::path &entriesOut)
{
    TempDir tmp;
    FixtureSpec spec;
    spec.classes = {"cat", "dog"};
    spec.trainPerClass = 2;
    spec.testPerClass = 1;
    spec.width = 4;
    spec.height = 4;
    auto both = [&](const std::string &name, const std::vector<FixtureFile> &files, const std::string &prefix = "",
                    bool dirs = false, bool stored = false) {
        const std::string zip = tmp.file(name + ".zip");
        writeZip(zip, files, prefix, dirs, {}, stored);
        save(zipOut, name, fileText(zip));
        save(entriesOut, name, entriesInput(zipEntries(zip)));
    };
    both("valid-png", makeImageFolderFiles(spec));
    both("valid-png-top-folder-dirs", makeImageFolderFiles(spec), "flowers/", true);
    spec.extension = "jpg";
    both("valid-jpg-stored", makeImageFolderFiles(spec), "", false, true);
    spec.extension = "bmp";
    spec.gray = true;
    both("valid-bmp-gray", makeImageFolderFiles(spec));
    spec.extension = "png";
    spec.gray = false;

    auto files = makeImageFolderFiles(spec);
    setFile(files, "train/cat/0000.png", pngDeclaringSize(100000, 100000));
    both("huge-png", files);
    files = makeImageFolderFiles(spec);
    setFile(files, "train/dog/0001.png", jpegDeclaringSize(20000, 3));
    both("huge-jpeg", files);
    files = makeImageFolderFiles(spec);
    setFile(files, "test/cat/0000.png", truncatedBytes(files.back().bytes, 30));
    both("truncated-png", files);
    files = makeImageFolderFiles(spec);
    setFile(files, "train/cat/0001.png", pngWithCorruptData());
    both("corrupt-png", files);
    files = makeImageFolderFiles(spec);
    setFile(files, "train/cat/0001.png", encodeSolidImage("png", 6, 5, {1, 2, 3}, true));
    both("mixed-sizes-alpha", files);
    files = makeImageFolderFiles(spec);
    setFile(files, "../evil/0000.png", files.front().bytes);
    both("dotdot-entry", files);
    files = makeImageFolderFiles(spec);
    setFile(files, "train/cat/empty.png", {});
    setFile(files, "train/notes.txt", {'h', 'i'});
    both("empty-image-and-stray-file", files);
    files = makeImageFolderFiles(spec);
    removeFile(files, "test/dog/0000.png");
    both("test-missing-class", files);
}

// ---- checkpoints

StateDict smallStateDict()
{
    StateDict sd;
    sd.entries.emplace_back("conv.weight", torch::arange(24, torch::kFloat32).reshape({2, 3, 2, 2}) / 7.0);
    sd.entries.emplace_back("conv.bias", torch::tensor({0.5f, -1.5f}));
    sd.entries.emplace_back("bn.num_batches_tracked", torch::tensor(int64_t(12)));
    sd.entries.emplace_back("fc.weight", torch::ones({3, 2}, torch::kFloat64).t());
    return sd;
}

void checkpointSeeds(const fs::path &zipOut, const fs::path &pickleOut)
{
    TempDir tmp;
    savePythonStateDict(tmp.file("model.pt"), smallStateDict());
    const std::string whole = fileText(tmp.file("model.pt"));
    save(zipOut, "valid-state-dict", whole);
    save(zipOut, "truncated", whole.substr(0, whole.size() - 40));
    save(zipOut, "legacy-pickle", literal("\x80\x02\x8a\x0alp\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19."));
    save(zipOut, "not-a-zip", "PK\x03\x04 this is not really a zip");

    Entries entries = zipEntries(tmp.file("model.pt"));
    std::string pickle;
    for (auto &[name, bytes] : entries) {
        if (name.size() >= 8 && name.compare(name.size() - 8, 8, "data.pkl") == 0)
            pickle = bytes;
    }
    save(pickleOut, "valid-state-dict", pickle);
    // Big-endian storages and a missing storage record, inside an otherwise valid zip.
    Entries bigEndian = entries;
    for (auto &[name, bytes] : bigEndian) {
        if (name.size() >= 9 && name.compare(name.size() - 9, 9, "byteorder") == 0)
            bytes = "big";
    }
    save(zipOut, "big-endian", cifarlab::fuzz::storedZip(bigEndian));
    Entries noStorage;
    for (const auto &entry : entries) {
        if (entry.first.find("/data/0") == std::string::npos)
            noStorage.push_back(entry);
    }
    save(zipOut, "missing-storage", cifarlab::fuzz::storedZip(noStorage));

    // Hand-written protocol 2 pickles: a list that holds itself (through the memo), a refused global, a
    // non-tensor dict nested under "state_dict", and unbalanced marks.
    save(pickleOut, "list-containing-itself",
        literal("\x80\x02}q\x00(X\x01\x00\x00\x00" "aq\x01K\x01X\x01\x00\x00\x00" "bq\x02]q\x03(K\x01K\x02h\x03"
                "eu."));
    save(pickleOut, "refused-global", literal("\x80\x02"
                                          "cos\nsystem\nq\x00X\x02\x00\x00\x00lsq\x01\x85q\x02Rq\x03."));
    save(pickleOut, "nested-state-dict",
        literal("\x80\x02}X\n\x00\x00\x00state_dict}X\x01\x00\x00\x00wG?\xf0\x00\x00\x00\x00\x00\x00ss."));
    save(pickleOut, "unbalanced-mark", literal("\x80\x02(((]e."));
}

// ---- run bundles

void bundleSeeds(const fs::path &zipOut, const fs::path &entriesOut)
{
    TempDir tmp;
    ExperimentStore store(tmp.file("store"));
    RunRecord run;
    run.name = "seed";
    run.architecture = "baseline";
    run.datasetName = "CIFAR-10";
    run.datasetSource = "/data/cifar-10-batches-bin";
    run.configJson = "{\"batchSize\": 64, \"lr\": 0.1}";
    run.classNames = {"a", "b", "c"};
    const int64_t id = store.createRun(run);
    store.appendBatchMetrics(id, {sampleBatch(0, 0, 2), sampleBatch(0, 1, 2)});
    store.setStatus(id, RunStatus::Running);
    store.recordEpoch(id, sampleEpoch(0, {3, 6, true, 2, true}), 3);
    store.setStatus(id, RunStatus::Completed, "done");
    store.setTags(id, {"seed", "t,1"});
    cifarlab::fuzz::writeFile(store.runFolder(id) + "/checkpoint-latest.pt", "not really a checkpoint");

    const int64_t bare = store.createRun(run);

    exportRunBundle(store, {id}, tmp.file("one.zip"));
    save(zipOut, "valid-one-run", fileText(tmp.file("one.zip")));
    save(entriesOut, "valid-one-run", entriesInput(zipEntries(tmp.file("one.zip"))));
    exportRunBundle(store, {id, bare}, tmp.file("two.zip"));
    save(zipOut, "valid-two-runs", fileText(tmp.file("two.zip")));
    const Entries two = zipEntries(tmp.file("two.zip"));
    save(entriesOut, "valid-two-runs", entriesInput(two));

    Entries hostile = two;
    hostile.emplace_back("runs/1/checkpoints/../../../escape.pt", "x");
    save(entriesOut, "dotdot-checkpoint", entriesInput(hostile));
    Entries noManifest(two.begin() + 1, two.end());
    save(entriesOut, "no-manifest", entriesInput(noManifest));
    Entries badVersion = two;
    for (auto &[name, bytes] : badVersion) {
        if (name == "manifest.json") {
            const auto at = bytes.find("\"formatVersion\"");
            if (at != std::string::npos)
                bytes.replace(at, 15, "\"formatVersion\": 99, \"x\"");
        }
    }
    save(entriesOut, "format-version-99", entriesInput(badVersion));
    const std::string whole = fileText(tmp.file("one.zip"));
    save(zipOut, "truncated", whole.substr(0, whole.size() / 2));
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <corpus folder>\n", argv[0]);
        return 2;
    }
    QCoreApplication app(argc, argv);
    const fs::path out = argv[1];
    try {
        cifarBinarySeeds(out / "fuzz_cifar_binary");
        cifarTarGzSeeds(out / "fuzz_cifar_targz");
        idxSeeds(out / "fuzz_idx");
        imageFolderSeeds(out / "fuzz_image_folder_zip", out / "fuzz_image_folder_entries");
        checkpointSeeds(out / "fuzz_checkpoint", out / "fuzz_checkpoint_pickle");
        bundleSeeds(out / "fuzz_run_bundle", out / "fuzz_run_bundle_entries");
    } catch (const std::exception &e) {
        std::fprintf(stderr, "make_fuzz_corpus: %s\n", e.what());
        return 1;
    }
    return 0;
}
