// MNIST-style IDX folder. FuzzedDataProvider splits the input into the four files:
//   bool fashion (the folder name holds "fashion")
//   per file (train images, train labels, t10k images, t10k labels): uint8 form; form % 3:
//     0 = missing, 1 = raw, 2 = gzip-compressed ("<name>.gz"); then the file's bytes (a string)
#include "core/idx_loader.h"
#include "tests/fuzz/fuzz_support.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <filesystem>
#include <string>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    cifarlab::fuzz::initialize(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace cifarlab::fuzz;
    FuzzedDataProvider input(data, size);
    const bool fashion = input.ConsumeBool();
    const std::string folder = freshScratchFolder() + (fashion ? "/fashion-mnist" : "/mnist");
    std::filesystem::create_directories(folder);
    for (const char *name :
        {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
        const auto form = input.ConsumeIntegral<uint8_t>() % 3;
        const std::string bytes = input.ConsumeRandomLengthString(1 << 16);
        if (form == 1)
            writeFile(folder + "/" + name, bytes);
        else if (form == 2)
            writeFile(folder + "/" + name + ".gz", gzip(bytes));
    }
    expectOnlyErrors([&] { checkDataset(cifarlab::loadIdx(folder, checkedProgress())); });
    return 0;
}
