// Bundle import: the input is the whole .cifarlab.zip, imported into a fresh store. Besides "no
// crash", it checks the promises of importRunBundle: a failed import leaves the store without
// runs, and nothing is written outside the store folder.
#include "core/experiment_store.h"
#include "core/run_bundle.h"
#include "tests/fuzz/fuzz_support.h"

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
    const std::string scratch = freshScratchFolder();
    const std::string zip = scratch + "/runs.cifarlab.zip";
    writeFile(zip, std::string(reinterpret_cast<const char *>(data), size));
    importBundleChecked(scratch, zip);
    return 0;
}
