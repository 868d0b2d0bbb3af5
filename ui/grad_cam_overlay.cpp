#include "ui/grad_cam_overlay.h"

#include <QPainter>

#include <algorithm>

namespace cifarlab {

QColor heatColor(float v)
{
    static const QColor kStops[] = {QColor(0, 0, 4), QColor(87, 16, 110), QColor(188, 55, 84), QColor(249, 142, 9),
                                    QColor(252, 255, 164)};
    const float x = std::clamp(v, 0.0f, 1.0f) * 4.0f;
    const int i = std::min(3, static_cast<int>(x));
    const float t = x - static_cast<float>(i);
    const QColor &a = kStops[i], &b = kStops[i + 1];
    return QColor(qRound(a.red() + (b.red() - a.red()) * t), qRound(a.green() + (b.green() - a.green()) * t),
                  qRound(a.blue() + (b.blue() - a.blue()) * t));
}

QImage withGradCam(const QImage &image, const GradCamMap &map)
{
    QImage shown = image.convertToFormat(QImage::Format_Grayscale8).convertToFormat(QImage::Format_ARGB32_Premultiplied);
    if (map.height <= 0 || map.width <= 0 || map.values.size() != static_cast<size_t>(map.height * map.width))
        return shown;
    QImage heat(static_cast<int>(map.width), static_cast<int>(map.height), QImage::Format_ARGB32);
    for (int y = 0; y < heat.height(); ++y)
        for (int x = 0; x < heat.width(); ++x) {
            const float v = map.values[static_cast<size_t>(y * map.width + x)];
            QColor c = heatColor(v);
            c.setAlpha(qRound(60 + 170 * v));
            heat.setPixelColor(x, y, c);
        }
    QPainter painter(&shown);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(QRect(QPoint(0, 0), shown.size()), heat);
    return shown;
}

} // namespace cifarlab
