#include "support/temp_dir.h"

#include <QDir>
#include <QTemporaryDir>

#include <stdexcept>

namespace cifarlab::test {

TempDir::TempDir()
{
    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/cifarlab-test-XXXXXX"));
    if (!dir.isValid())
        throw std::runtime_error("cannot create a temporary directory");
    dir.setAutoRemove(false);
    m_path = dir.path().toStdString();
}

TempDir::~TempDir()
{
    QDir(QString::fromStdString(m_path)).removeRecursively();
}

} // namespace cifarlab::test
