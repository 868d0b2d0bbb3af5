#pragma once

#include "core/dataset.h"

#include <functional>
#include <string>

namespace cifarlab {

// MNIST-style IDX files (http://yann.lecun.com/exdb/mnist/), as shipped by MNIST and Fashion-MNIST:
// a folder with train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and
// t10k-labels-idx1-ubyte, each raw or gzip-compressed (".gz"). Images load as 1-channel uint8.
// A folder whose name contains "fashion" gets Fashion-MNIST's class names, any other the digits 0-9.

// True when `folder` holds at least one of the four IDX files (by name only).
bool looksLikeIdx(const std::string &folder);

// Reads both splits. progress (optional) gets the fraction done in [0, 1]. Throws Error naming the
// file and the problem: bad magic, counts that disagree, truncated data, label out of range.
Dataset loadIdx(const std::string &folder, const std::function<void(double)> &progress = {});

} // namespace cifarlab
