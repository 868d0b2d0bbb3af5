// ImageFolder zip entries: FuzzedDataProvider gives up to 64 (name, bytes) pairs that are written
// into a freshly made stored zip with correct CRCs, so the entry names and the image bytes (PNG,
// JPEG, BMP headers and OpenCV's decoders) are mutated instead of being stopped by the CRC check.
//   per entry: its name (a string), its bytes (a string); entries until the input runs out
#include "core/image_folder_loader.h"
#include "tests/fuzz/fuzz_support.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <string>
#include <utility>
#include <vector>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    cifarlab::fuzz::initialize(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace cifarlab::fuzz;
    FuzzedDataProvider input(data, size);
    std::vector<std::pair<std::string, std::string>> entries;
    while (input.remaining_bytes() > 0 && entries.size() < 64) {
        std::string name = input.ConsumeRandomLengthString(128);
        std::string bytes = input.ConsumeRandomLengthString(1 << 16);
        entries.emplace_back(std::move(name), std::move(bytes));
    }
    const std::string path = freshScratchFolder() + "/images.zip";
    writeFile(path, storedZip(entries));
    cifarlab::ImageFolderOptions options;
    options.threads = 1;
    options.useCache = false;
    options.progress = checkedProgress();
    expectOnlyErrors([&] { checkDataset(cifarlab::loadImageFolder(path, options)); });
    return 0;
}
