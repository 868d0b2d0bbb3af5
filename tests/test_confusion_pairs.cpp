#include "core/confusion_pairs.h"

#include <gtest/gtest.h>

using namespace cifarlab;

TEST(ConfusionPairs, MostImagesFirstTiesInClassOrder)
{
    // row = true class:  0: 8 2 0   1: 3 6 1   2: 2 0 5
    const std::vector<int64_t> confusion = {8, 2, 0, 3, 6, 1, 2, 0, 5};
    const auto pairs = mostConfusedPairs(confusion, 3, 10);
    ASSERT_EQ(pairs.size(), 4u);
    EXPECT_EQ(pairs[0].trueClass, 1);
    EXPECT_EQ(pairs[0].predictedClass, 0);
    EXPECT_EQ(pairs[0].count, 3);
    EXPECT_EQ(pairs[0].trueClassTotal, 10);
    // 0->1 and 2->0 both have 2 images: class order decides.
    EXPECT_EQ(pairs[1].trueClass, 0);
    EXPECT_EQ(pairs[1].predictedClass, 1);
    EXPECT_EQ(pairs[2].trueClass, 2);
    EXPECT_EQ(pairs[2].predictedClass, 0);
    EXPECT_EQ(pairs[2].trueClassTotal, 7);
    EXPECT_EQ(pairs[3].count, 1);

    EXPECT_EQ(mostConfusedPairs(confusion, 3, 2).size(), 2u);
    EXPECT_TRUE(mostConfusedPairs({5, 0, 0, 5}, 2, 10).empty()); // no mistakes
    EXPECT_TRUE(mostConfusedPairs(confusion, 4, 10).empty());   // wrong size
    EXPECT_TRUE(mostConfusedPairs(confusion, 3, 0).empty());
    EXPECT_TRUE(mostConfusedPairs({}, 0, 10).empty());
}
