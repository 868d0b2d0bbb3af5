#include "tests/fuzz/fuzz_support.h"

#include "core/error.h"
#include "core/experiment_store.h"
#include "core/run_bundle.h"
#include "tests/support/stored_zip.h"

#include <QCoreApplication>
#include <QtGlobal>
#include <ATen/Parallel.h>
#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <unistd.h>

namespace fs = std::filesystem;

namespace cifarlab::fuzz {

namespace {

std::string scratchRoot()
{
    std::error_code ec;
    const fs::path base = fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path();
    return (base / ("cifarlab-fuzz-" + std::to_string(::getpid()))).string();
}

void removeScratch()
{
    std::error_code ec;
    fs::remove_all(scratchRoot(), ec);
}

// CIFARLAB_FUZZ_VERBOSE=1 prints how each input was answered, e.g. to check what a seed reaches.
bool verbose()
{
    static const bool on = std::getenv("CIFARLAB_FUZZ_VERBOSE") != nullptr;
    return on;
}

} // namespace

void initialize(int *argc, char ***argv)
{
    // Qt keeps references to argc and argv for the application's lifetime.
    static int appArgc = 1;
    static char appName[] = "cifarlab-fuzz";
    static char *appArgv[] = {appName, nullptr};
    // Never destroyed: at exit Qt's own globals may already be gone.
    static QCoreApplication *const app = new QCoreApplication(appArgc, appArgv);
    (void)app;
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &message) {
        if (type == QtFatalMsg) {
            std::fprintf(stderr, "qFatal: %s\n", qPrintable(message));
            std::abort();
        }
    });
    at::set_num_threads(1);
    std::atexit(removeScratch);
}

const std::string &freshScratchFolder()
{
    static const std::string root = scratchRoot();
    std::error_code ec;
    fs::remove_all(root, ec);
    fs::create_directories(root, ec);
    if (ec) {
        std::fprintf(stderr, "cannot create %s: %s\n", root.c_str(), ec.message().c_str());
        std::abort();
    }
    return root;
}

void writeFile(const std::string &path, const std::string &bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
        std::fprintf(stderr, "cannot write %s\n", path.c_str());
        std::abort();
    }
}

std::string gzip(const std::string &bytes)
{
    z_stream stream {};
    // 15 + 16: a gzip header and trailer instead of zlib's.
    if (deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        std::abort();
    std::string out(deflateBound(&stream, static_cast<uLong>(bytes.size())) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.data()));
    stream.avail_in = static_cast<uInt>(bytes.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&stream, Z_FINISH);
    deflateEnd(&stream);
    if (rc != Z_STREAM_END)
        std::abort();
    out.resize(stream.total_out);
    return out;
}

std::string storedZip(const std::vector<std::pair<std::string, std::string>> &entries)
{
    return test::storedZipBytes(entries);
}

void expectOnlyErrors(const std::function<void()> &parse)
{
    try {
        parse();
        if (verbose())
            std::fprintf(stderr, "accepted\n");
    } catch (const Error &e) {
        if (verbose())
            std::fprintf(stderr, "Error: %s\n", e.what());
    } catch (const std::exception &e) {
        std::fprintf(stderr, "FINDING: an exception other than cifarlab::Error escaped: %s\n", e.what());
        std::abort();
    } catch (...) {
        std::fprintf(stderr, "FINDING: a non-std exception escaped\n");
        std::abort();
    }
}

void check(bool condition, const std::string &what)
{
    if (!condition) {
        std::fprintf(stderr, "FINDING: %s\n", what.c_str());
        std::abort();
    }
}

void checkDataset(const Dataset &dataset)
{
    check(!dataset.classNames.empty(), "a dataset without class names");
    for (const ImageSplit *split : {&dataset.train, &dataset.test}) {
        check(split->count >= 0, "negative image count");
        check(static_cast<int64_t>(split->labels.size()) == split->count, "labels and count disagree");
        check(static_cast<int64_t>(split->images.size()) == split->count * split->imageBytes(),
            "image bytes and count * C * H * W disagree");
        for (const int64_t label : split->labels)
            check(label >= 0 && label < dataset.numClasses(), "label outside the class names");
        if (!split->coarseLabels.empty()) {
            check(static_cast<int64_t>(split->coarseLabels.size()) == split->count, "coarse labels and count disagree");
            for (const int64_t label : split->coarseLabels)
                check(label >= 0 && label < static_cast<int64_t>(dataset.coarseClassNames.size()),
                    "coarse label outside the coarse class names");
        }
    }
}

std::function<void(double)> checkedProgress()
{
    return [](double fraction) {
        check(fraction >= 0.0 && fraction <= 1.0, "progress outside [0, 1]: " + std::to_string(fraction));
    };
}

void importBundleChecked(const std::string &scratch, const std::string &zip)
{
    const std::string folder = scratch + "/store";
    ExperimentStore store(folder);
    std::vector<int64_t> ids;
    bool imported = false;
    expectOnlyErrors([&] {
        ids = importRunBundle(store, zip);
        imported = true;
    });
    if (!imported)
        check(store.listRuns().empty(), "a failed import left runs in the store");
    // Outside expectOnlyErrors: an imported run that cannot be read back is a finding too.
    for (const int64_t id : ids) {
        store.run(id);
        store.batchMetrics(id);
        store.epochMetrics(id, true);
    }
    for (const auto &entry : fs::directory_iterator(scratch)) {
        const std::string name = entry.path().filename().string();
        check(name == "store" || entry.path().string() == zip, "the import wrote outside the store: " + name);
    }
}

} // namespace cifarlab::fuzz
