#pragma once

#include <string>
#include <vector>

namespace cifarlab {

// The test-time augmentations of a final evaluation, in the order the options list them: "none",
// "mirror" (the image and its mirror image) and "mirror-translate" (those and the mirrored pairs of
// 1-pixel shifts up-left and down-right).
const std::vector<std::string> &ttaModeNames();

// Forward passes an evaluation with this test-time augmentation makes per image ("none" = 1): what a
// time budget charges for the final evaluation. forwardWithTta() makes exactly this many.
int finalEvaluationViews(const std::string &tta);

} // namespace cifarlab
