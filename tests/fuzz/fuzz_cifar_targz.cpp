// The official CIFAR archive, streamed without unpacking: the input is the whole
// cifar-10-binary.tar.gz (the loader tells CIFAR-100 members apart by their names).
#include "core/cifar_binary_loader.h"
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
    const std::string path = freshScratchFolder() + "/cifar-10-binary.tar.gz";
    writeFile(path, std::string(reinterpret_cast<const char *>(data), size));
    expectOnlyErrors([&] { checkDataset(cifarlab::loadCifarBinary(path, checkedProgress())); });
    return 0;
}
