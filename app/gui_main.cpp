#include "core/version.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLocale>
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
    parser.process(app);

    cifarlab::MainWindow window;
    if (!parser.positionalArguments().isEmpty())
        window.openDataset(parser.positionalArguments().first());
    window.show();
    return app.exec();
}
