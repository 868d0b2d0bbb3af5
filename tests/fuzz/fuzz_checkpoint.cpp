// Checkpoint import: the input is the whole torch.save zip, read by loadPythonCheckpoint and, as
// `cifarlab-cli import` does, by loadPythonStateDict.
#include "core/python_checkpoint.h"
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
    const std::string path = freshScratchFolder() + "/model.pt";
    writeFile(path, std::string(reinterpret_cast<const char *>(data), size));
    expectOnlyErrors([&] { cifarlab::loadPythonCheckpoint(path); });
    expectOnlyErrors([&] { cifarlab::loadPythonStateDict(path); });
    return 0;
}
