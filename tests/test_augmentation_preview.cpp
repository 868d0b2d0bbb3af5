#include "core/augmentation_preview.h"
#include "core/error.h"
#include "support/learnable_data.h"

#include <gtest/gtest.h>

#include <cstdlib>

using namespace cifarlab;

namespace {

const Dataset &data()
{
    static const Dataset d = test::makeLearnableDataset(64, 8, 4, 3, 16);
    return d;
}

AugmentationPreviewRequest request(std::vector<std::string> augment)
{
    AugmentationPreviewRequest r;
    r.augment = std::move(augment);
    r.cropPadding = 2;
    r.cutoutSize = 6;
    r.mean = {0.45, 0.5, 0.4};
    r.std = {0.25, 0.2, 0.3};
    r.indices = {0, 5, 17, 63};
    r.draws = 4;
    r.seed = 11;
    return r;
}

uint8_t at(const std::vector<uint8_t> &image, int64_t c, int64_t y, int64_t x)
{
    return image[static_cast<size_t>((c * 16 + y) * 16 + x)];
}

std::vector<uint8_t> original(int64_t index)
{
    const ImageSplit &s = data().train;
    return std::vector<uint8_t>(s.image(index), s.image(index) + s.imageBytes());
}

int64_t reflect(int64_t i, int64_t n)
{
    if (i < 0)
        return -i;
    if (i >= n)
        return 2 * (n - 1) - i;
    return i;
}

} // namespace

TEST(AugmentationPreview, WithoutAugmentationEveryDrawIsTheImageItself)
{
    const auto r = request({});
    const auto images = augmentationPreview(data().train, r);
    ASSERT_EQ(images.size(), 16u);
    for (size_t i = 0; i < r.indices.size(); ++i)
        for (int64_t d = 0; d < r.draws; ++d)
            EXPECT_EQ(images[i * 4 + static_cast<size_t>(d)], original(r.indices[i])) << "image " << i << " draw " << d;
}

TEST(AugmentationPreview, AlternatingFlipsMirrorEveryOtherEpoch)
{
    const auto r = request({"flip-alternate"});
    const auto images = augmentationPreview(data().train, r);
    for (size_t i = 0; i < r.indices.size(); ++i) {
        const auto source = original(r.indices[i]);
        std::vector<uint8_t> mirrored(source.size());
        for (int64_t c = 0; c < 3; ++c)
            for (int64_t y = 0; y < 16; ++y)
                for (int64_t x = 0; x < 16; ++x)
                    mirrored[static_cast<size_t>((c * 16 + y) * 16 + x)] = at(source, c, y, 15 - x);
        const bool firstMirrored = images[i * 4] == mirrored;
        EXPECT_TRUE(firstMirrored || images[i * 4] == source);
        for (size_t d = 0; d < 4; ++d)
            EXPECT_EQ(images[i * 4 + d], (firstMirrored == (d % 2 == 0)) ? mirrored : source) << "image " << i << " draw " << d;
    }
}

TEST(AugmentationPreview, TranslationIsAReflectedShiftOfAtMostThePadding)
{
    const auto r = request({"translate"});
    const auto images = augmentationPreview(data().train, r);
    int moved = 0;
    for (size_t i = 0; i < r.indices.size(); ++i) {
        const auto source = original(r.indices[i]);
        for (size_t d = 0; d < 4; ++d) {
            const auto &image = images[i * 4 + d];
            bool found = false;
            for (int dy = -2; dy <= 2 && !found; ++dy)
                for (int dx = -2; dx <= 2 && !found; ++dx) {
                    bool same = true;
                    for (int64_t c = 0; c < 3 && same; ++c)
                        for (int64_t y = 0; y < 16 && same; ++y)
                            for (int64_t x = 0; x < 16 && same; ++x)
                                same = at(image, c, y, x) == at(source, c, reflect(y + dy, 16), reflect(x + dx, 16));
                    found = same;
                    moved += same && (dy != 0 || dx != 0);
                }
            EXPECT_TRUE(found) << "image " << i << " draw " << d << " is no shift of at most 2 pixels";
        }
    }
    EXPECT_GT(moved, 8) << "most draws should move";
}

TEST(AugmentationPreview, CutoutBlacksOutOneSquareAndNothingElse)
{
    const auto r = request({"cutout"});
    const auto images = augmentationPreview(data().train, r);
    int cut = 0;
    for (size_t i = 0; i < r.indices.size(); ++i) {
        const auto source = original(r.indices[i]);
        for (size_t d = 0; d < 4; ++d) {
            const auto &image = images[i * 4 + d];
            int64_t top = 16, bottom = -1, left = 16, right = -1;
            for (int64_t y = 0; y < 16; ++y)
                for (int64_t x = 0; x < 16; ++x) {
                    bool changed = false;
                    for (int64_t c = 0; c < 3; ++c)
                        changed |= at(image, c, y, x) != at(source, c, y, x);
                    if (changed) {
                        for (int64_t c = 0; c < 3; ++c)
                            EXPECT_EQ(at(image, c, y, x), 0);
                        top = std::min(top, y);
                        bottom = std::max(bottom, y);
                        left = std::min(left, x);
                        right = std::max(right, x);
                    }
                }
            if (bottom >= 0) {
                ++cut;
                EXPECT_LE(bottom - top + 1, 6);
                EXPECT_LE(right - left + 1, 6);
            }
        }
    }
    EXPECT_GE(cut, 12) << "nearly every draw has its square";
}

TEST(AugmentationPreview, RotationFillsWithTheMeanColourAndDrawsDiffer)
{
    auto r = request({"rotate", "perspective"});
    const auto a = augmentationPreview(data().train, r);
    ASSERT_EQ(a.size(), 16u);
    EXPECT_NE(a[0], original(r.indices[0]));
    EXPECT_NE(a[0], a[1]) << "each draw is its own";
    EXPECT_EQ(a, augmentationPreview(data().train, r)) << "the same seed draws the same";
    r.seed = 12;
    EXPECT_NE(a, augmentationPreview(data().train, r));
    // A warped corner shows the fill: the mean colour, not black.
    int meanCorners = 0;
    for (const auto &image : a)
        meanCorners += std::abs(static_cast<int>(at(image, 0, 0, 0)) - static_cast<int>(0.45 * 255)) <= 2;
    EXPECT_GT(meanCorners, 0);
}

TEST(AugmentationPreview, BadRequestsAreRefused)
{
    auto r = request({"flip"});
    r.indices = {64};
    EXPECT_THROW(augmentationPreview(data().train, r), Error);
    r = request({"sharpen"});
    EXPECT_THROW(augmentationPreview(data().train, r), Error);
    r = request({});
    r.draws = 0;
    EXPECT_THROW(augmentationPreview(data().train, r), Error);
}
