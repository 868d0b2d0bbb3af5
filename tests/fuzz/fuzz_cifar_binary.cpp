// CIFAR-10 / CIFAR-100 binary folder. The input is split by FuzzedDataProvider into the batch files
// and the class-name files of one release (see make_fuzz_corpus.cpp for the exact layout):
//   bool cifar100
//   per batch file: uint8 shape; shape % 4: 0 = missing, 1 = raw bytes (a string),
//     2 = (shape / 4) % 4 whole records, 3 = the same plus a partial record;
//     a record's label bytes and one fill byte for its pixels are integrals, the tail length is one
//   per class-name file: bool present, then its text (a string)
#include "core/cifar_binary_loader.h"
#include "tests/fuzz/fuzz_support.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <filesystem>
#include <string>
#include <vector>

namespace {

constexpr size_t kPixelBytes = 3072;

std::string batchBytes(FuzzedDataProvider &input, int labelBytes, bool *present)
{
    const auto shape = input.ConsumeIntegral<uint8_t>();
    *present = shape % 4 != 0;
    if (shape % 4 == 0)
        return {};
    if (shape % 4 == 1)
        return input.ConsumeRandomLengthString(3 * (labelBytes + kPixelBytes));
    std::string bytes;
    const int records = (shape / 4) % 4;
    for (int r = 0; r < records; ++r) {
        for (int l = 0; l < labelBytes; ++l)
            bytes.push_back(static_cast<char>(input.ConsumeIntegral<uint8_t>()));
        bytes.append(kPixelBytes, static_cast<char>(input.ConsumeIntegral<uint8_t>()));
    }
    if (shape % 4 == 3)
        bytes.append(input.ConsumeIntegralInRange<size_t>(1, labelBytes + kPixelBytes - 1), '\x7f');
    return bytes;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    cifarlab::fuzz::initialize(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace cifarlab::fuzz;
    FuzzedDataProvider input(data, size);
    const bool cifar100 = input.ConsumeBool();
    const std::string folder = freshScratchFolder() + (cifar100 ? "/cifar-100-binary" : "/cifar-10-batches-bin");
    std::filesystem::create_directories(folder);
    const std::vector<std::string> batches = cifar100
        ? std::vector<std::string> {"train.bin", "test.bin"}
        : std::vector<std::string> {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
              "data_batch_5.bin", "test_batch.bin"};
    const std::vector<std::string> metaFiles = cifar100
        ? std::vector<std::string> {"fine_label_names.txt", "coarse_label_names.txt"}
        : std::vector<std::string> {"batches.meta.txt"};
    for (const auto &name : batches) {
        bool present = false;
        const std::string bytes = batchBytes(input, cifar100 ? 2 : 1, &present);
        if (present)
            writeFile(folder + "/" + name, bytes);
    }
    for (const auto &name : metaFiles) {
        const bool present = input.ConsumeBool();
        const std::string text = input.ConsumeRandomLengthString(4096);
        if (present)
            writeFile(folder + "/" + name, text);
    }
    // The parent too: it resolves to the data folder.
    const std::string path = input.ConsumeBool() ? folder : std::filesystem::path(folder).parent_path().string();
    expectOnlyErrors([&] { checkDataset(cifarlab::loadCifarBinary(path, checkedProgress())); });
    return 0;
}
