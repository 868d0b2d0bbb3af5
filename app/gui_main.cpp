#include "core/embedding.h"
#include "core/version.h"
#include "ui/config_panel.h"
#include "ui/classify_dialog.h"
#include "ui/embedding_tab.h"
#include "ui/images_tab.h"
#include "ui/lr_finder_dialog.h"
#include "ui/main_window.h"
#include "ui/tool_tip_wrapper.h"

#include <QApplication>
#include <QCheckBox>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTabWidget>
#include <QTimer>
#include <QTranslator>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <iterator>

namespace {

// Tab names for --tab, in the window's order.
const char *const kTabNames[] = {"live", "confusion", "images", "weights", "embedding", "log", "compare", "dataset", "architecture"};

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("cifarlab"));
    QApplication::setApplicationName(QStringLiteral("cifarlab"));
    QApplication::setApplicationDisplayName(QStringLiteral("CifarLab"));
    QApplication::setApplicationVersion(QString::fromLatin1(cifarlab::versionString()));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/cifarlab.svg")));
    // Matches the installed .desktop file, so Wayland shells show its name and icon.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.cifarlab.CifarLab"));
    cifarlab::ToolTipWrapper toolTipWrapper;
    app.installEventFilter(&toolTipWrapper);

    // The language setting (View > Language) wins over the system locale.
    const QString language = QSettings().value(QStringLiteral("language")).toString();
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    // An installed translation (share/cifarlab/translations next to bin/) can be updated without a
    // rebuild; the copy embedded at build time is the fallback.
    const QString installed = QDir(QApplication::applicationDirPath()).filePath(QStringLiteral("../share/cifarlab/translations"));
    QTranslator translator;
    if (translator.load(locale, QStringLiteral("cifarlab"), QStringLiteral("_"), installed)
        || translator.load(locale, QStringLiteral("cifarlab"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);
    // Qt's own strings (dialog buttons, file dialogs) in the same language, where Qt ships them.
    QTranslator qtTranslator;
    if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "CifarLab: train and compare image classifiers"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("dataset"), QApplication::translate("main", "Dataset to open (folder, .zip or .tar.gz), or a .cifarlab.zip run bundle to import."),
                                 QStringLiteral("[dataset|bundle]"));
    const QCommandLineOption importBundle(QStringLiteral("import"),
                                          QApplication::translate("main", "Import the runs of this .cifarlab.zip bundle into the run history."),
                                          QStringLiteral("file"));
    const QCommandLineOption store(QStringLiteral("store"), QApplication::translate("main", "Run history folder (default: CIFARLAB_HOME or the XDG data folder)."),
                                   QStringLiteral("dir"));
    const QCommandLineOption openRun(QStringLiteral("open-run"), QApplication::translate("main", "Open this run (id) from the store."),
                                     QStringLiteral("id"));
    const QCommandLineOption tab(QStringLiteral("tab"), QApplication::translate("main", "Tab to show: live, confusion, images, weights, embedding, log, compare, dataset or architecture."),
                                 QStringLiteral("name"));
    const QCommandLineOption architecture(QStringLiteral("arch"), QApplication::translate("main", "Architecture to select."),
                                          QStringLiteral("name"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QApplication::translate("main", "Save a PNG of the window once it is ready, then quit (for docs)."),
                                        QStringLiteral("file"));
    const QCommandLineOption size(QStringLiteral("size"), QApplication::translate("main", "Window size WxH (with --screenshot)."),
                                  QStringLiteral("WxH"));
    const QCommandLineOption compare(QStringLiteral("compare"),
                                     QApplication::translate("main", "Compare these runs (comma-separated ids) in the Compare tab."),
                                     QStringLiteral("ids"));
    const QCommandLineOption selectImage(QStringLiteral("select-image"),
                                         QApplication::translate("main", "Select this test image (index) in the Images tab."),
                                         QStringLiteral("index"));
    const QCommandLineOption gradCam(QStringLiteral("grad-cam"),
                                     QApplication::translate("main", "Lay the Grad-CAM map over the selected image."));
    const QCommandLineOption preset(QStringLiteral("preset"), QApplication::translate("main", "Put this preset's recipe in the form."),
                                    QStringLiteral("name"));
    const QCommandLineOption lrFinder(QStringLiteral("lr-finder"),
                                      QApplication::translate("main", "Open the learning-rate finder for the form's recipe once the dataset is loaded (with --screenshot: save the finder when its sweep ends)."));
    const QCommandLineOption classify(QStringLiteral("classify"),
                                      QApplication::translate("main", "Classify this image file or folder with the opened run (repeatable; with --grad-cam the first image's map is shown; with --screenshot: save the Classify Images window)."),
                                      QApplication::translate("main", "path"));
    const QCommandLineOption computeEmbedding(QStringLiteral("compute-embedding"),
                                              QApplication::translate("main", "Map the opened run's test images in the Embedding tab with this method, tsne or pca (with --select-image: select that image in the map; with --screenshot: save once the map is ready)."),
                                              QApplication::translate("main", "method"));
    parser.addOptions({store, openRun, tab, architecture, preset, compare, screenshot, size, importBundle, selectImage, gradCam, lrFinder, classify, computeEmbedding});
    parser.process(app);
    cifarlab::ProjectionMethod embeddingMethod = cifarlab::ProjectionMethod::Tsne;
    if (parser.isSet(computeEmbedding)) {
        try {
            embeddingMethod = cifarlab::parseProjectionMethod(parser.value(computeEmbedding).toStdString());
        } catch (const std::exception &e) {
            std::fprintf(stderr, "cifarlab: %s\n", e.what());
            return 2;
        }
    }

    // The file manager opens a run bundle with `cifarlab FILE`: import it rather than load it as a dataset.
    QStringList bundles = parser.values(importBundle);
    QStringList datasets;
    for (const QString &path : parser.positionalArguments())
        (path.endsWith(QLatin1String(".cifarlab.zip"), Qt::CaseInsensitive) ? bundles : datasets) << path;

    cifarlab::MainWindow window(parser.value(store));
    if (parser.isSet(size)) {
        const QStringList parts = parser.value(size).split(QLatin1Char('x'));
        if (parts.size() == 2)
            window.resize(parts[0].toInt(), parts[1].toInt());
    }
    if (parser.isSet(architecture))
        window.selectArchitecture(parser.value(architecture));
    if (parser.isSet(preset))
        window.configPanel()->applyPreset(parser.value(preset));
    if (!datasets.isEmpty())
        window.openDataset(datasets.first());
    window.show();
    if (!bundles.isEmpty()) {
        // One bundle at a time: the window reads them in the background.
        QObject::connect(&window, &cifarlab::MainWindow::bundleImported, &window, [&window, &bundles] {
            if (!bundles.isEmpty())
                window.importBundle(bundles.takeFirst());
        });
        QTimer::singleShot(0, &window, [&window, &bundles] { window.importBundle(bundles.takeFirst()); });
    }

    cifarlab::LrFinderDialog *finder = nullptr;
    // The classifier needs the run's dataset, which may still be loading; then `onClassifier` runs.
    std::function<void(cifarlab::ClassifyDialog *)> onClassifier;
    auto openClassifier = [&] {
        auto open = [&] {
            cifarlab::ClassifyDialog *dialog = window.openClassifier(parser.values(classify));
            if (dialog && parser.isSet(gradCam))
                dialog->findChild<QCheckBox *>(QStringLiteral("classifyShowCam"))->setChecked(true);
            if (onClassifier)
                onClassifier(dialog);
        };
        if (window.isLoading())
            QObject::connect(&window, &cifarlab::MainWindow::datasetLoaded, &window, [open] { QTimer::singleShot(0, open); },
                             Qt::SingleShotConnection);
        else
            QTimer::singleShot(0, &window, open);
    };
    auto showRequested = [&] {
        if (parser.isSet(openRun) && !window.openRun(parser.value(openRun).toLongLong()))
            return false;
        if (parser.isSet(lrFinder) && !(finder = window.openLearningRateFinder()))
            return false;
        if (parser.isSet(compare)) {
            QList<qint64> ids;
            for (const QString &part : parser.value(compare).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                bool ok = false;
                const qint64 id = part.trimmed().toLongLong(&ok);
                if (ok)
                    ids << id;
            }
            window.compareRuns(ids);
        }
        if (parser.isSet(tab)) {
            const QString wanted = parser.value(tab);
            for (int i = 0; i < static_cast<int>(std::size(kTabNames)); ++i)
                if (wanted == QLatin1String(kTabNames[i]))
                    window.tabs()->setCurrentIndex(i);
        }
        if (parser.isSet(gradCam))
            window.imagesTab()->setAttributionEnabled(true);
        if (parser.isSet(computeEmbedding)) {
            // The run's images need its dataset, which may still be loading.
            auto map = [&window, embeddingMethod] {
                QTimer::singleShot(0, &window, [&window, embeddingMethod] {
                    window.embeddingTab()->setMethod(embeddingMethod);
                    if (!window.computeEmbedding(window.embeddingTab()->options()))
                        Q_EMIT window.embeddingFinished(window.embeddingTab()->emptyText());
                });
            };
            if (window.isLoading())
                QObject::connect(&window, &cifarlab::MainWindow::datasetLoaded, &window, map, Qt::SingleShotConnection);
            else
                map();
            if (parser.isSet(selectImage)) {
                const int image = parser.value(selectImage).toInt();
                // The map holds a draw of the test images: the first one from `image` on.
                QObject::connect(&window, &cifarlab::MainWindow::embeddingFinished, &window, [&window, image] {
                    const auto embedding = window.embeddingTab()->embedding();
                    if (!embedding)
                        return;
                    const auto &indices = embedding->imageIndex;
                    const auto it = std::lower_bound(indices.begin(), indices.end(), static_cast<int64_t>(image));
                    if (it != indices.end())
                        window.embeddingTab()->selectImage(static_cast<int>(*it));
                }, Qt::SingleShotConnection);
            }
        }
        if (parser.isSet(classify))
            openClassifier();
        if (parser.isSet(selectImage)) {
            // The run's images need its dataset, which may still be loading.
            const int image = parser.value(selectImage).toInt();
            auto select = [&window, image] { QTimer::singleShot(0, &window, [&window, image] { window.imagesTab()->selectImage(image); }); };
            if (window.isLoading())
                QObject::connect(&window, &cifarlab::MainWindow::datasetLoaded, &window, select, Qt::SingleShotConnection);
            else
                select();
        }
        return true;
    };
    if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        // Ready = the dataset is loaded (a run's images need it), then give the charts' timers a moment.
        auto save = [&window, path, &showRequested, &parser, &selectImage, &gradCam, &lrFinder, &finder, &classify, &onClassifier,
                     &computeEmbedding] {
            auto grab = [&window, path] {
                QTimer::singleShot(1500, &window, [&window, path] {
                    const bool ok = window.grab().save(path);
                    QApplication::exit(ok ? 0 : 1);
                });
            };
            // A selected image's Grad-CAM map loads the network first: wait for it.
            const bool waitForMap = (parser.isSet(selectImage) && parser.isSet(gradCam)) || parser.isSet(computeEmbedding);
            // The embedding's map (a few seconds for t-SNE of 2,000 images) is computed first.
            if (parser.isSet(computeEmbedding))
                QObject::connect(&window, &cifarlab::MainWindow::embeddingFinished, &window, grab, Qt::SingleShotConnection);
            else if (waitForMap)
                QObject::connect(&window, &cifarlab::MainWindow::attributionFinished, &window, grab, Qt::SingleShotConnection);
            if (parser.isSet(classify)) {
                // Saved once the files are classified and, with --grad-cam, the first one's map is drawn.
                onClassifier = [path, withMap = parser.isSet(gradCam)](cifarlab::ClassifyDialog *dialog) {
                    if (!dialog) {
                        QApplication::exit(2);
                        return;
                    }
                    auto shoot = [dialog, path] {
                        QTimer::singleShot(300, dialog, [dialog, path] { QApplication::exit(dialog->grab().save(path) ? 0 : 1); });
                    };
                    QObject::connect(dialog, &cifarlab::ClassifyDialog::classified, dialog, [dialog, shoot, withMap] {
                        if (withMap && dialog->rowCount() > 0)
                            QObject::connect(dialog, &cifarlab::ClassifyDialog::explained, dialog, shoot, Qt::SingleShotConnection);
                        else
                            shoot();
                    }, Qt::SingleShotConnection);
                };
            }
            if (!showRequested()) {
                QApplication::exit(2);
                return;
            }
            if (parser.isSet(classify))
                return;
            if (parser.isSet(lrFinder)) {
                QObject::connect(finder, &cifarlab::LrFinderDialog::sweepFinished, finder, [finder, path] {
                    QTimer::singleShot(300, finder, [finder, path] { QApplication::exit(finder->grab().save(path) ? 0 : 1); });
                });
                return;
            }
            if (!waitForMap)
                grab();
        };
        if (window.isLoading())
            QObject::connect(&window, &cifarlab::MainWindow::datasetLoaded, &window, save, Qt::SingleShotConnection);
        else
            QTimer::singleShot(0, &window, save);
        QObject::connect(&window, &cifarlab::MainWindow::datasetFailed, &window, [] { QApplication::exit(2); });
    } else {
        QTimer::singleShot(0, &window, [&showRequested] { showRequested(); });
    }
    return app.exec();
}
