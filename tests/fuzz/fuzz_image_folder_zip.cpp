// ImageFolder as a zip: the input is the whole .zip (central directory, local headers, deflate
// streams; a mutated entry body mostly fails its CRC, which is itself a path worth covering).
#include "core/image_folder_loader.h"
#include "tests/fuzz/fuzz_support.h"

#include <string>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    cifarlab::fuzz::initialize(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace cifarlab::fuzz;
    const std::string path = freshScratchFolder() + "/images.zip";
    writeFile(path, std::string(reinterpret_cast<const char *>(data), size));
    cifarlab::ImageFolderOptions options;
    options.threads = 1;
    options.useCache = false;
    options.progress = checkedProgress();
    expectOnlyErrors([&] { checkDataset(cifarlab::loadImageFolder(path, options)); });
    return 0;
}
