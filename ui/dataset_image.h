#pragma once

#include "core/dataset.h"

#include <QImage>

#include <cstdint>

namespace cifarlab {

// One image of a split as a QImage: gray for 1- and 2-channel data, RGB from the first three planes
// otherwise. A null image for an index or split that does not hold it.
QImage splitImage(const ImageSplit &split, int64_t index);

} // namespace cifarlab
