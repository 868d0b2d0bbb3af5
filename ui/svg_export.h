#pragma once

#include <QSize>
#include <QString>

#include <functional>

class QPainter;

namespace cifarlab {

// Writes `size` logical pixels drawn by `paint` to an SVG file at `path`. `dpi` is the resolution the
// drawing was laid out for (the screen's logical DPI), so point-sized fonts measure as they did on
// screen. True when the painter finished and the file is not empty.
bool paintToSvg(const QString &path, const QSize &size, int dpi, const QString &title, const QString &description,
                const std::function<void(QPainter &)> &paint);

} // namespace cifarlab
