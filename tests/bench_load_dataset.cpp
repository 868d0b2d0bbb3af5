// Loads an ImageFolder dataset (folder or zip) twice: cold (decoding, cache written) and from
// the cache, and prints the times. Usage: bench_load_dataset [path] [threads] [resize]
#include "core/dataset_cache.h"
#include "core/error.h"
#include "core/image_folder_loader.h"
#include "support/temp_dir.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char **argv)
{
    const std::string path = argc > 1 && argv[1][0] != '\0'
        ? argv[1]
        : std::string(CIFARLAB_SHARED_DIR) + "/datasets/cifar10-jpeg.zip";
    cifarlab::ImageFolderOptions options;
    options.threads = argc > 2 ? std::atoi(argv[2]) : 0;
    options.resize = argc > 3 ? std::atoll(argv[3]) : 0;
    // A private cache dir so the cold run is really cold and nothing is left behind.
    cifarlab::test::TempDir cache;
    options.cacheDir = cache.path();

    try {
        const auto sniffStart = std::chrono::steady_clock::now();
        const bool recognized = cifarlab::looksLikeImageFolder(path);
        std::printf("%-7s %8.3f s  looksLikeImageFolder = %s\n", "sniff", secondsSince(sniffStart),
            recognized ? "true" : "false");
        for (const char *label : {"cold", "cached"}) {
            const auto start = std::chrono::steady_clock::now();
            const cifarlab::Dataset d = cifarlab::loadImageFolder(path, options);
            const double s = secondsSince(start);
            const double images = double(d.train.count + d.test.count);
            std::printf(
                "%-7s %8.3f s  %10.0f images/s  (%lld train + %lld test, %lldx%lldx%lld, %lld classes)\n",
                label, s, images / s, static_cast<long long>(d.train.count),
                static_cast<long long>(d.test.count), static_cast<long long>(d.train.channels),
                static_cast<long long>(d.train.height), static_cast<long long>(d.train.width),
                static_cast<long long>(d.numClasses()));
        }
        // Without the cache machinery at all, for the pure loading cost.
        options.useCache = false;
        const auto start = std::chrono::steady_clock::now();
        const cifarlab::Dataset d = cifarlab::loadImageFolder(path, options);
        const double s = secondsSince(start);
        std::printf("%-7s %8.3f s  %10.0f images/s  (useCache = false)\n", "nocache", s,
            double(d.train.count + d.test.count) / s);
    } catch (const cifarlab::Error &e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
