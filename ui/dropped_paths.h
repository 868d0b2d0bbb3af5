#pragma once

#include <QStringList>

class QMimeData;

namespace cifarlab {

// The local files and folders a drag carries (remote URLs left out).
QStringList droppedLocalPaths(const QMimeData *mime);

} // namespace cifarlab
