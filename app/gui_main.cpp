#include "core/version.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("cifarlab"));
    QApplication::setApplicationDisplayName(QStringLiteral("CifarLab"));
    QApplication::setApplicationVersion(QString::fromLatin1(cifarlab::versionString()));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/cifarlab.svg")));

    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("cifarlab"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("CifarLab: train and compare image classifiers"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("dataset"), QStringLiteral("Dataset to open (folder, .zip or .tar.gz)."), QStringLiteral("[dataset]"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Save a PNG of the window once the dataset is shown, then quit (for docs)."),
                                        QStringLiteral("file"));
    parser.addOption(screenshot);
    parser.process(app);

    cifarlab::MainWindow window;
    if (!parser.positionalArguments().isEmpty())
        window.openDataset(parser.positionalArguments().first());
    window.show();
    if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        auto save = [&window, path] {
            QTimer::singleShot(500, &window, [&window, path] {
                const bool ok = window.grab().save(path);
                QApplication::exit(ok ? 0 : 1);
            });
        };
        QObject::connect(&window, &cifarlab::MainWindow::datasetLoaded, &window, save);
        QObject::connect(&window, &cifarlab::MainWindow::datasetFailed, &window, [] { QApplication::exit(2); });
    }
    return app.exec();
}
