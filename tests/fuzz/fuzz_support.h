#pragma once
// Shared by the libFuzzer targets in tests/fuzz and the seed corpus generator.

#include "core/dataset.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace cifarlab::fuzz {

// One-time setup for every target: a QCoreApplication (QtSql wants one), one torch thread (the
// fuzzer runs one input at a time and the machine is shared), Qt's warnings silenced.
void initialize(int *argc, char ***argv);

// This process's scratch folder, on tmpfs (/dev/shm) when there is one, emptied before it is
// returned so that nothing of one input is seen by the next. Removed at exit.
const std::string &freshScratchFolder();

void writeFile(const std::string &path, const std::string &bytes);
std::string gzip(const std::string &bytes);

// A zip whose entries are stored (not compressed), with correct CRCs: lets a target put fuzz
// bytes inside a zip without the CRC check rejecting every mutation.
std::string storedZip(const std::vector<std::pair<std::string, std::string>> &entries);

// Runs `parse`. A cifarlab::Error is the expected answer to bad input; any other exception is a
// finding: printed, then abort() so libFuzzer keeps the input.
void expectOnlyErrors(const std::function<void()> &parse);

// Aborts with `what` unless `condition`: for invariants of a successful parse.
void check(bool condition, const std::string &what);

// Invariants of every loaded dataset: sizes agree, labels index the class names.
void checkDataset(const Dataset &dataset);

// A progress callback that aborts on a fraction outside [0, 1].
std::function<void(double)> checkedProgress();

// Imports `zip` into a fresh store in <scratch>/store and checks importRunBundle's promises:
// only Error escapes, a failed import leaves no runs, an import writes nothing outside the store
// folder, and every imported run can be read back.
void importBundleChecked(const std::string &scratch, const std::string &zip);

} // namespace cifarlab::fuzz
