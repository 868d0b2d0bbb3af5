#pragma once

// Torch-free: shared by the Confusion tab and the CLI.
#include <cstdint>
#include <vector>

namespace cifarlab {

struct ConfusedPair
{
    int trueClass = 0;
    int predictedClass = 0;
    int64_t count = 0;
    int64_t trueClassTotal = 0; // images of the true class
};

// fastai's most_confused: the off-diagonal cells of a row-major `numClasses` x `numClasses`
// confusion matrix (row = true class) with at least one image, most images first, ties in class
// order; at most `limit` of them. Empty when the matrix does not have numClasses^2 cells.
std::vector<ConfusedPair> mostConfusedPairs(const std::vector<int64_t> &confusion, int numClasses, int limit);

} // namespace cifarlab
