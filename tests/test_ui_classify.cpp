// Classify Images as a user meets it: File > Classify Images... on a trained run, files and folders
// added or dropped, each row with the network's verdict, the selected one's top classes and Grad-CAM
// map, another fit classifying everything again, the table exported, and bad files named.
#include "support/dashboard_fixture.h"
#include "support/ui_application.h"
#include "ui/classify_dialog.h"
#include "ui/images_tab.h"
#include "ui/main_window.h"
#include "ui/prediction_model.h"
#include "ui/runs_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QMimeData>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTreeWidget>
#include <QUrl>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace cifarlab;

namespace {

struct Fixture : test::DashboardFixture
{
    Fixture() : test::DashboardFixture("test_ui_classify") {}
};

// Test image i of `data` as a binary PGM (the fixture is gray), enlarged `scale` times.
void writeTestImage(const Dataset &data, int64_t i, const std::string &path, int scale)
{
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    const ImageSplit &test = data.test;
    const int64_t w = test.width * scale, h = test.height * scale;
    std::ofstream out(path, std::ios::binary);
    out << "P5\n" << w << " " << h << "\n255\n";
    for (int64_t y = 0; y < h; ++y)
        for (int64_t x = 0; x < w; ++x)
            out.put(static_cast<char>(test.image(i)[(y / scale) * test.width + x / scale]));
}

} // namespace

TEST(ClassifyDialog, ClassifiesFilesWithTheRunShown)
{
    Fixture f;
    MainWindow window(QString::fromStdString(f.store));
    test::prepareDashboard(window, f, 2, 32);
    window.selectArchitecture(QStringLiteral("baseline-plus"));
    window.show();
    // Nothing to classify with yet: the reason, and no dialog.
    EXPECT_EQ(window.openClassifier(), nullptr);
    EXPECT_TRUE(window.statusBar()->currentMessage().contains(QStringLiteral("open a run")))
        << window.statusBar()->currentMessage().toStdString();

    QSignalSpy finished(&window, &MainWindow::trainingFinished);
    ASSERT_TRUE(window.startTraining()) << window.validationMessage().toStdString();
    ASSERT_TRUE(finished.wait(120000));
    ASSERT_TRUE(window.openRun(1));
    ASSERT_TRUE(test::waitUntil([&] { return !window.isLoading() && window.imagesTab()->model()->dataset(); }, 30000));
    const std::shared_ptr<const Dataset> data = window.imagesTab()->model()->dataset();

    test::TempDir dir;
    for (int64_t i = 0; i < 6; ++i) {
        const std::string cls = data->classNames[static_cast<size_t>(data->test.labels[static_cast<size_t>(i)])];
        writeTestImage(*data, i, dir.file("photos/" + cls + "/" + std::to_string(i) + ".pgm"), i % 2 ? 3 : 1);
    }
    std::ofstream(dir.file("photos/broken.png"), std::ios::binary) << std::string("\x89PNG\r\n\x1a\n", 8) << "short";

    ClassifyDialog *dialog = window.openClassifier();
    ASSERT_NE(dialog, nullptr);
    EXPECT_TRUE(dialog->isVisible());
    auto *stack = dialog->findChild<QStackedWidget *>();
    ASSERT_NE(stack, nullptr);
    EXPECT_NE(stack->currentWidget(), dialog->list()) << "an empty dialog says what to drop";
    QSignalSpy classified(dialog, &ClassifyDialog::classified);
    QSignalSpy explained(dialog, &ClassifyDialog::explained);
    dialog->addPaths({QString::fromStdString(dir.file("photos"))});
    EXPECT_TRUE(dialog->isBusy());
    ASSERT_TRUE(classified.wait(60000));
    EXPECT_EQ(classified.takeFirst(), (QList<QVariant> {6, 1}));
    EXPECT_EQ(stack->currentWidget(), dialog->list());
    ASSERT_EQ(dialog->rowCount(), 7);
    QTreeWidget *list = dialog->list();
    ASSERT_EQ(list->topLevelItemCount(), 7);
    int unreadable = 0, scored = 0;
    for (int r = 0; r < list->topLevelItemCount(); ++r) {
        const QTreeWidgetItem *item = list->topLevelItem(r);
        if (item->text(0) == QStringLiteral("photos/broken.png")) {
            ++unreadable;
            EXPECT_EQ(item->text(1), QStringLiteral("Cannot read"));
            EXPECT_TRUE(item->toolTip(1).endsWith(QStringLiteral("broken.png: truncated PNG data"))) << item->toolTip(1).toStdString();
            continue;
        }
        EXPECT_TRUE(item->text(2).endsWith(QLatin1Char('%'))) << item->text(2).toStdString();
        EXPECT_FALSE(item->icon(0).isNull());
        // Every image sits in a folder named after its class, and the column says how it went.
        EXPECT_TRUE(item->text(3).endsWith(QStringLiteral("(right)")) || item->text(3).endsWith(QStringLiteral("(wrong)")));
        EXPECT_TRUE(item->text(0).startsWith(item->text(3).section(QLatin1Char(' '), 0, 0) + QLatin1Char('/')))
            << item->text(0).toStdString() << " / " << item->text(3).toStdString();
        ++scored;
    }
    EXPECT_EQ(unreadable, 1);
    EXPECT_EQ(scored, 6);
    auto *summary = dialog->findChild<QLabel *>(QStringLiteral("classifySummary"));
    ASSERT_NE(summary, nullptr);
    EXPECT_TRUE(summary->text().startsWith(QStringLiteral("6 images classified, 1 unreadable; 6 in folders named after a class: ")))
        << summary->text().toStdString();

    // The first row is selected: its top classes, led by its prediction.
    ASSERT_NE(list->currentItem(), nullptr);
    const QString predicted = list->currentItem()->text(1);
    EXPECT_TRUE(dialog->topClassesText().startsWith(predicted + QLatin1Char(' '))) << dialog->topClassesText().toStdString();
    auto *image = dialog->findChild<QLabel *>(QStringLiteral("classifyImage"));
    ASSERT_NE(image, nullptr);
    const QImage plain = image->pixmap().toImage();
    EXPECT_FALSE(plain.isNull());
    EXPECT_TRUE(explained.isEmpty()) << "no map until asked for";

    auto *showCam = dialog->findChild<QCheckBox *>(QStringLiteral("classifyShowCam"));
    ASSERT_NE(showCam, nullptr);
    showCam->setChecked(true);
    ASSERT_TRUE(explained.wait(30000));
    EXPECT_TRUE(explained.takeFirst().at(1).toString().isEmpty());
    const QImage withMap = image->pixmap().toImage();
    EXPECT_EQ(withMap.size(), plain.size());
    EXPECT_NE(withMap, plain);

    // Another fit classifies everything again.
    auto *fit = dialog->findChild<QComboBox *>(QStringLiteral("classifyFit"));
    ASSERT_NE(fit, nullptr);
    fit->setCurrentIndex(2);
    ASSERT_TRUE(classified.wait(60000));
    EXPECT_EQ(dialog->rowCount(), 7);

    // Dropped files join the list.
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(QString::fromStdString(dir.file("photos/broken.png")))});
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    // Straight to the dialog's handler: QApplication only routes a drop that a real drag started.
    static_cast<QObject *>(dialog)->event(&drop);
    EXPECT_TRUE(drop.isAccepted());
    ASSERT_TRUE(classified.wait(60000));
    EXPECT_EQ(classified.takeLast(), (QList<QVariant> {0, 1}));
    EXPECT_EQ(dialog->rowCount(), 8);

    const QString csv = QString::fromStdString(dir.file("out.csv"));
    ASSERT_TRUE(dialog->saveCsv(csv));
    QFile table(csv);
    ASSERT_TRUE(table.open(QIODevice::ReadOnly));
    const QStringList rows = QString::fromUtf8(table.readAll()).trimmed().split(QLatin1Char('\n'));
    ASSERT_EQ(rows.size(), 9);
    EXPECT_TRUE(rows[0].startsWith(QStringLiteral("path,true_class,predicted,confidence,p_0,"))) << rows[0].toStdString();
    QString error;
    EXPECT_FALSE(dialog->saveCsv(QString::fromStdString(dir.file("no/such/folder/x.csv")), &error));
    EXPECT_FALSE(error.isEmpty());

    // A missing path is reported, and nothing is added.
    dialog->addPaths({QString::fromStdString(dir.file("gone"))});
    ASSERT_TRUE(classified.wait(30000));
    EXPECT_TRUE(summary->text().contains(QStringLiteral("gone: no such file or folder"))) << summary->text().toStdString();
    EXPECT_EQ(dialog->rowCount(), 8);

    // Images dropped on the window open the dialog with them.
    QMimeData onWindow;
    onWindow.setUrls({QUrl::fromLocalFile(QString::fromStdString(dir.file("photos")))});
    QDropEvent windowDrop(QPointF(10, 10), Qt::CopyAction, &onWindow, Qt::LeftButton, Qt::NoModifier);
    const int dialogsBefore = static_cast<int>(window.findChildren<ClassifyDialog *>().size());
    static_cast<QObject *>(&window)->event(&windowDrop);
    EXPECT_TRUE(windowDrop.isAccepted());
    const auto dialogs = window.findChildren<ClassifyDialog *>();
    ASSERT_EQ(static_cast<int>(dialogs.size()), dialogsBefore + 1);
    ClassifyDialog *dropped = dialogs.last() == dialog ? dialogs.first() : dialogs.last();
    QSignalSpy droppedClassified(dropped, &ClassifyDialog::classified);
    ASSERT_TRUE(droppedClassified.wait(60000));
    EXPECT_EQ(dropped->rowCount(), 7);
    dropped->close();

    // The next dialog opens with the fit and the map choice of this one.
    dialog->close();
    ClassifyDialog *again = window.openClassifier();
    ASSERT_NE(again, nullptr);
    EXPECT_EQ(again->findChild<QComboBox *>(QStringLiteral("classifyFit"))->currentIndex(), 2);
    EXPECT_TRUE(again->findChild<QCheckBox *>(QStringLiteral("classifyShowCam"))->isChecked());
    again->close();

    // The Runs dock's "Classify Images..." opens the run and the dialog for it.
    const auto before = window.findChildren<ClassifyDialog *>();
    Q_EMIT window.runsPanel()->classifyRequested(1);
    ClassifyDialog *fromDock = nullptr;
    ASSERT_TRUE(test::waitUntil([&] {
        for (ClassifyDialog *d : window.findChildren<ClassifyDialog *>())
            if (!before.contains(d) && d->isVisible())
                fromDock = d;
        return fromDock != nullptr;
    }, 30000));
    EXPECT_EQ(window.viewedRun(), 1);
    EXPECT_EQ(fromDock->rowCount(), 0);
    fromDock->close();
}

TEST(ClassifyDialog, ADroppedDatasetIsOpenedAndImagesWithoutARunAreExplained)
{
    Fixture f;
    MainWindow window(QString::fromStdString(f.store));
    QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
    window.openDroppedPaths({QString::fromStdString(f.data)});
    ASSERT_TRUE(loaded.wait(30000));
    EXPECT_EQ(window.dataset()->source, f.data);
    window.openDroppedPaths({QString::fromStdString(f.data) + QStringLiteral("/../photo.png")});
    EXPECT_TRUE(window.findChildren<ClassifyDialog *>().isEmpty());
    EXPECT_TRUE(window.statusBar()->currentMessage().contains(QStringLiteral("open a run")))
        << window.statusBar()->currentMessage().toStdString();
}

TEST(ClassifyDialog, TheImagesTabRemembersItsGradCamChoice)
{
    test::uiApplication("test_ui_classify");
    {
        ImagesTab tab;
        auto *toggle = tab.findChild<QCheckBox *>(QStringLiteral("detailCamToggle"));
        auto *target = tab.findChild<QComboBox *>(QStringLiteral("detailCamTarget"));
        ASSERT_TRUE(toggle && target);
        EXPECT_FALSE(toggle->isChecked()) << "off until asked for";
        toggle->setChecked(true);
        target->setCurrentIndex(1);
    }
    ImagesTab next;
    EXPECT_TRUE(next.findChild<QCheckBox *>(QStringLiteral("detailCamToggle"))->isChecked());
    EXPECT_EQ(next.findChild<QComboBox *>(QStringLiteral("detailCamTarget"))->currentIndex(), 1);
}
