#pragma once

#include "core/grad_cam.h"

#include <QColor>
#include <QImage>

namespace cifarlab {

// Perceptually ordered dark-purple-orange-yellow ramp (after matplotlib's inferno), v in [0, 1].
QColor heatColor(float v);

// `image` in gray under the Grad-CAM map's colours, so every colour is the map's; weak evidence lets
// the image show through. The map is stretched smoothly over the whole image.
QImage withGradCam(const QImage &image, const GradCamMap &map);

} // namespace cifarlab
