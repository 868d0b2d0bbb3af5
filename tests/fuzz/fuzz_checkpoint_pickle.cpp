// The restricted unpickler. A mutated data.pkl inside a zip fails the zip's CRC check, so here the
// input is the pickle itself, wrapped in a freshly written torch.save zip that also holds
// storages "0".."3" (256 bytes each) for persistent ids to refer to.
#include "core/python_checkpoint.h"
#include "tests/fuzz/fuzz_support.h"

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
    std::vector<std::pair<std::string, std::string>> records {
        {"archive/data.pkl", std::string(reinterpret_cast<const char *>(data), size)},
        {"archive/byteorder", "little"},
    };
    for (int key = 0; key < 4; ++key) {
        std::string storage(256, '\0');
        for (size_t i = 0; i < storage.size(); ++i)
            storage[i] = static_cast<char>(i * (key + 1));
        records.emplace_back("archive/data/" + std::to_string(key), storage);
    }
    records.emplace_back("archive/version", "3\n");
    const std::string path = freshScratchFolder() + "/model.pt";
    writeFile(path, storedZip(records));
    expectOnlyErrors([&] { cifarlab::loadPythonStateDict(path); });
    return 0;
}
