#include "ui/svg_export.h"

#include <QFileInfo>
#include <QPainter>
#include <QRect>
#include <QSvgGenerator>

#include <algorithm>

namespace cifarlab {

bool paintToSvg(const QString &path, const QSize &size, int dpi, const QString &title, const QString &description,
                const std::function<void(QPainter &)> &paint)
{
    if (path.isEmpty() || size.isEmpty())
        return false;
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setResolution(std::max(1, dpi));
    generator.setTitle(title);
    if (!description.isEmpty())
        generator.setDescription(description);
    QPainter painter;
    if (!painter.begin(&generator))
        return false;
    paint(painter);
    return painter.end() && QFileInfo(path).size() > 0;
}

} // namespace cifarlab
