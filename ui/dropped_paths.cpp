#include "ui/dropped_paths.h"

#include <QMimeData>
#include <QUrl>

namespace cifarlab {

QStringList droppedLocalPaths(const QMimeData *mime)
{
    QStringList paths;
    if (!mime)
        return paths;
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    return paths;
}

} // namespace cifarlab
