#pragma once

#include "core/dataset.h"

#include <cstdint>
#include <string>

namespace cifarlab::test {

// A small dataset a tiny network learns in a few epochs: class k is a noisy image whose bright
// square sits in a class-specific place and whose channels carry a class-specific tint.
Dataset makeLearnableDataset(int64_t trainCount, int64_t testCount, int64_t numClasses, int64_t channels, int64_t side,
                             uint64_t seed = 1);

// The same kind of data written as an MNIST-style IDX folder (raw, 1 channel), for CLI tests.
std::string writeLearnableIdxFolder(const std::string &parent, int64_t trainCount, int64_t testCount, int64_t side);

} // namespace cifarlab::test
