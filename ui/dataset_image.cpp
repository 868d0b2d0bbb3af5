#include "ui/dataset_image.h"

#include <algorithm>

namespace cifarlab {

QImage splitImage(const ImageSplit &split, int64_t index)
{
    const int w = static_cast<int>(split.width);
    const int h = static_cast<int>(split.height);
    if (index < 0 || w <= 0 || h <= 0 || split.channels <= 0
        || split.images.size() < static_cast<size_t>((index + 1) * split.imageBytes()))
        return {};
    const uint8_t *src = split.image(index);
    const size_t plane = static_cast<size_t>(w) * static_cast<size_t>(h);

    if (split.channels < 3) {
        QImage gray(w, h, QImage::Format_Grayscale8);
        for (int y = 0; y < h; ++y)
            std::copy_n(src + static_cast<size_t>(y) * static_cast<size_t>(w), w, gray.scanLine(y));
        return gray;
    }
    QImage rgb(w, h, QImage::Format_RGB888);
    for (int y = 0; y < h; ++y) {
        uchar *line = rgb.scanLine(y);
        const size_t row = static_cast<size_t>(y) * static_cast<size_t>(w);
        for (int x = 0; x < w; ++x) {
            line[3 * x] = src[row + static_cast<size_t>(x)];
            line[3 * x + 1] = src[plane + row + static_cast<size_t>(x)];
            line[3 * x + 2] = src[2 * plane + row + static_cast<size_t>(x)];
        }
    }
    return rgb;
}

} // namespace cifarlab
