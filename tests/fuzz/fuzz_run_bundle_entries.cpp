// Bundle import with valid zip framing: FuzzedDataProvider gives up to 16 (name, bytes) pairs
// written into a freshly made stored zip with correct CRCs, so the manifest, run.json, the CSVs
// and the per-epoch JSON are mutated instead of being stopped by the CRC check.
//   per entry: its name (a string), its bytes (a string); entries until the input runs out
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
    while (input.remaining_bytes() > 0 && entries.size() < 16) {
        std::string name = input.ConsumeRandomLengthString(128);
        std::string bytes = input.ConsumeRandomLengthString(1 << 16);
        entries.emplace_back(std::move(name), std::move(bytes));
    }
    const std::string scratch = freshScratchFolder();
    const std::string zip = scratch + "/runs.cifarlab.zip";
    writeFile(zip, storedZip(entries));
    importBundleChecked(scratch, zip);
    return 0;
}
