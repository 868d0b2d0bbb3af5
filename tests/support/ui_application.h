#pragma once

#include "support/temp_dir.h"

#include <QApplication>
#include <QByteArray>
#include <QDeadlineTimer>
#include <QLocale>
#include <QSettings>
#include <QString>
#include <QTest>

namespace cifarlab::test {

// The one QApplication of a GUI test executable, with its settings in a private temp folder so
// tests never read or write the developer's. It is deliberately never destroyed: a static
// QApplication would be torn down after QtSql's global connection registry, and its post routines
// then crash in it at exit (after every test passed).
inline QApplication &uiApplication(const char *name)
{
    static int argc = 1;
    static QByteArray programName(name);
    static char *argv[] = {programName.data(), nullptr};
    static QApplication *app = [] {
        static TempDir settingsDir;
        qputenv("XDG_CONFIG_HOME", QByteArray::fromStdString(settingsDir.path()));
        auto *a = new QApplication(argc, argv);
        QApplication::setOrganizationName(QStringLiteral("cifarlab-test"));
        QApplication::setApplicationName(QString::fromUtf8(programName));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, QString::fromStdString(settingsDir.path()));
        // Number formatting in assertions is en_US ("12.3%", "1,000").
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        return a;
    }();
    return *app;
}

// Processes events until `condition()` holds or `msecs` pass; returns whether it held. Use it with
// ASSERT_TRUE/EXPECT_TRUE: Qt's QTRY_* macros report to QTest, which a GoogleTest run never sees.
template <typename Condition>
bool waitUntil(Condition condition, int msecs = 5000)
{
    QDeadlineTimer deadline(msecs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(10);
    }
    return true;
}

} // namespace cifarlab::test
