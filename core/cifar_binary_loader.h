#pragma once

#include "core/dataset.h"

#include <functional>
#include <string>

namespace cifarlab {

// The official binary releases of CIFAR-10 and CIFAR-100 (https://www.cs.toronto.edu/~kriz/cifar.html):
//   cifar-10-batches-bin/  data_batch_1..5.bin, test_batch.bin, batches.meta.txt
//                          record = 1 label byte + 3072 pixel bytes (1024 R, 1024 G, 1024 B)
//   cifar-100-binary/      train.bin, test.bin, fine_label_names.txt, coarse_label_names.txt
//                          record = coarse label byte + fine label byte + 3072 pixel bytes
// A path may be the data folder itself, a folder holding it (or holding the official .tar.gz), or the
// official cifar-10-binary.tar.gz / cifar-100-binary.tar.gz, which is streamed without unpacking.

// "cifar10-binary", "cifar100-binary", or "" when `path` does not look like either. Decided from
// file names only, except for an archive whose name doesn't tell, where the first member's name is read.
std::string detectCifarBinary(const std::string &path);

bool looksLikeCifarBinary(const std::string &path);

// Where the data for `path` actually lives: the folder or archive that loadCifarBinary reads (a parent
// folder resolves to its cifar-10-batches-bin/, cifar-100-binary/ or official archive). Empty when
// `path` is not CIFAR binary. Throws Error when a parent folder holds both CIFAR-10 and CIFAR-100.
std::string resolveCifarBinaryPath(const std::string &path);

// Reads both splits; labels are fine labels for CIFAR-100, with the superclasses in coarseLabels.
// progress (optional) gets the fraction done in [0, 1]. Throws Error naming the file and the problem.
Dataset loadCifarBinary(const std::string &path, const std::function<void(double)> &progress = {});

} // namespace cifarlab
