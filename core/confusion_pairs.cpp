#include "core/confusion_pairs.h"

#include <algorithm>

namespace cifarlab {

std::vector<ConfusedPair> mostConfusedPairs(const std::vector<int64_t> &confusion, int numClasses, int limit)
{
    std::vector<ConfusedPair> pairs;
    const auto n = static_cast<size_t>(std::max(0, numClasses));
    if (n == 0 || confusion.size() != n * n || limit <= 0)
        return pairs;
    for (size_t t = 0; t < n; ++t) {
        int64_t total = 0;
        for (size_t p = 0; p < n; ++p)
            total += confusion[t * n + p];
        for (size_t p = 0; p < n; ++p)
            if (p != t && confusion[t * n + p] > 0)
                pairs.push_back({static_cast<int>(t), static_cast<int>(p), confusion[t * n + p], total});
    }
    std::stable_sort(pairs.begin(), pairs.end(), [](const ConfusedPair &a, const ConfusedPair &b) { return a.count > b.count; });
    if (pairs.size() > static_cast<size_t>(limit))
        pairs.resize(static_cast<size_t>(limit));
    return pairs;
}

} // namespace cifarlab
