// Keyboard and screen-reader access, offscreen: Tab walks the main window to the Start button
// and every stop on the way has an accessible name; the confusion heat map and the architecture
// diagram move their current cell/block with the arrow keys, act on Enter, expose the current
// cell's text to assistive technology, and draw a visible focus ring.
#include "support/learnable_data.h"
#include "support/temp_dir.h"
#include "support/ui_application.h"
#include "ui/architecture_diagram.h"
#include "ui/compare_tab.h"
#include "ui/confusion_matrix_widget.h"
#include "ui/confusion_tab.h"
#include "ui/live_tab.h"
#include "ui/main_window.h"
#include "ui/prediction_model.h"
#include "ui/runs_panel.h"

#include "core/experiment_store.h"

#include <QAbstractItemModel>
#include <QAccessible>
#include <QApplication>
#include <QChartView>
#include <QImage>
#include <QInputDialog>
#include <QMessageBox>
#include <QAbstractButton>
#include <QTableView>
#include <QTimer>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

#include <gtest/gtest.h>

#include <memory>
#include <set>

using namespace cifarlab;

namespace {

QApplication &application()
{
    return test::uiApplication("test_ui_accessibility");
}

// What assistive technology reads: the widget's accessible interface, not just the property.
QString accessibleText(QObject *object, QAccessible::Text kind)
{
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(object);
    return iface ? iface->text(kind) : QString();
}

QString describe(const QWidget *w)
{
    return QStringLiteral("%1 '%2'").arg(QString::fromLatin1(w->metaObject()->className()), w->objectName());
}

bool showAndActivate(QWidget &w)
{
    w.show();
    w.activateWindow();
    return QTest::qWaitForWindowActive(&w);
}

// Pixels that differ between two images of the same size.
int differingPixels(const QImage &a, const QImage &b)
{
    int n = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            n += a.pixel(x, y) != b.pixel(x, y);
    return n;
}

} // namespace

TEST(Accessibility, TabReachesTheStartButtonAndEveryStopHasAName)
{
    application();
    test::TempDir dir;
    const std::string folder = test::writeLearnableIdxFolder(dir.path(), 300, 100, 28);
    MainWindow window(QString::fromStdString(dir.path() + "/store"));
    window.resize(1200, 800);
    QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
    window.openDataset(QString::fromStdString(folder));
    ASSERT_TRUE(loaded.wait(30000));
    ASSERT_TRUE(showAndActivate(window));
    auto *start = window.findChild<QPushButton *>(QStringLiteral("startButton"));
    ASSERT_NE(start, nullptr);
    ASSERT_TRUE(start->isEnabled());

    // Every tab page: Tab goes round the window's chain (dock, page, dock) from wherever focus is,
    // and every widget it stops at has a name a screen reader can say.
    bool reachedStart = false;
    for (int page = 0; page < window.tabs()->count(); ++page) {
        window.tabs()->setCurrentIndex(page);
        std::set<QWidget *> seen;
        int repeats = 0;
        for (int i = 0; i < 400 && repeats < 3; ++i) {
            QWidget *focus = QApplication::focusWidget();
            ASSERT_NE(focus, nullptr) << "nothing has focus after " << i << " Tab presses";
            QTest::keyClick(focus, Qt::Key_Tab);
            focus = QApplication::focusWidget();
            ASSERT_NE(focus, nullptr);
            reachedStart = reachedStart || focus == start;
            if (!seen.insert(focus).second) {
                ++repeats; // round the chain: the same widgets again
                continue;
            }
            repeats = 0;
            EXPECT_FALSE(accessibleText(focus, QAccessible::Name).trimmed().isEmpty())
                << describe(focus).toStdString() << " on the " << window.tabs()->tabText(page).toStdString()
                << " page is reached with Tab but has no accessible name";
        }
        EXPECT_GT(seen.size(), 10u) << window.tabs()->tabText(page).toStdString();
    }
    EXPECT_TRUE(reachedStart) << "Tab never reached the Start button";
    EXPECT_EQ(accessibleText(start, QAccessible::Name), QStringLiteral("Start"));
}

TEST(Accessibility, ChartsAndDiagramsHaveNamesAndTakeFocus)
{
    application();
    test::TempDir store;
    MainWindow window(QString::fromStdString(store.path()));
    window.selectArchitecture(QStringLiteral("baseline"));

    const QList<QChartView *> charts = window.liveTab()->findChildren<QChartView *>();
    ASSERT_EQ(charts.size(), 4);
    for (QChartView *chart : charts) {
        EXPECT_EQ(chart->focusPolicy(), Qt::StrongFocus) << chart->objectName().toStdString();
        EXPECT_FALSE(accessibleText(chart, QAccessible::Name).isEmpty()) << chart->objectName().toStdString();
        // Empty charts tell why (the hint); they never leave a screen reader with nothing.
        EXPECT_FALSE(accessibleText(chart, QAccessible::Description).isEmpty()) << chart->objectName().toStdString();
    }

    ConfusionMatrixWidget *matrix = window.confusionTab()->matrixWidget();
    EXPECT_EQ(matrix->focusPolicy(), Qt::StrongFocus);
    EXPECT_EQ(accessibleText(matrix, QAccessible::Name), QStringLiteral("Confusion matrix"));
    EXPECT_EQ(accessibleText(matrix, QAccessible::Description), QStringLiteral("No confusion matrix yet"));

    auto *diagram = window.findChild<ArchitectureDiagram *>(QStringLiteral("architectureDiagram"));
    ASSERT_NE(diagram, nullptr);
    EXPECT_EQ(diagram->focusPolicy(), Qt::StrongFocus);
    EXPECT_EQ(accessibleText(diagram, QAccessible::Name), QStringLiteral("Architecture diagram"));
    ASSERT_GT(diagram->blockCount(), 2);
    EXPECT_TRUE(accessibleText(diagram, QAccessible::Description).startsWith(QStringLiteral("Block 1 of ")))
        << accessibleText(diagram, QAccessible::Description).toStdString();

    auto *compare = window.findChild<CompareTab *>();
    ASSERT_NE(compare, nullptr);
    EXPECT_EQ(compare->chartView()->focusPolicy(), Qt::StrongFocus);
    EXPECT_TRUE(accessibleText(compare->chartView(), QAccessible::Name).startsWith(QStringLiteral("Comparison chart")));
}

TEST(Accessibility, ArrowKeysMoveTheHeatMapCellAndItsTextIsExposed)
{
    application();
    ConfusionMatrixWidget matrix;
    matrix.setClassNames({QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("frog")});
    EXPECT_EQ(matrix.currentCell(), qMakePair(-1, -1));
    matrix.setMatrix({8, 2, 0, 3, 6, 1, 0, 0, 5});
    matrix.resize(640, 480);
    ASSERT_TRUE(showAndActivate(matrix));
    matrix.setFocus();
    ASSERT_TRUE(test::waitUntil([&] { return matrix.hasFocus(); }));

    EXPECT_EQ(matrix.currentCell(), qMakePair(0, 0));
    EXPECT_EQ(accessibleText(&matrix, QAccessible::Description), matrix.cellDescription(0, 0));

    QTest::keyClick(&matrix, Qt::Key_Right);
    EXPECT_EQ(matrix.currentCell(), qMakePair(0, 1));
    const QString catAsDog = accessibleText(&matrix, QAccessible::Description);
    EXPECT_TRUE(catAsDog.startsWith(QStringLiteral("True: cat; Predicted: dog; 2 images"))) << catAsDog.toStdString();
    EXPECT_FALSE(catAsDog.contains(QLatin1Char('\n')));

    QTest::keyClick(&matrix, Qt::Key_Down);
    QTest::keyClick(&matrix, Qt::Key_Down);
    EXPECT_EQ(matrix.currentCell(), qMakePair(2, 1));
    QTest::keyClick(&matrix, Qt::Key_Down); // stays on the last row
    EXPECT_EQ(matrix.currentCell(), qMakePair(2, 1));
    QTest::keyClick(&matrix, Qt::Key_Left);
    QTest::keyClick(&matrix, Qt::Key_Left);
    EXPECT_EQ(matrix.currentCell(), qMakePair(2, 0));
    QTest::keyClick(&matrix, Qt::Key_End);
    EXPECT_EQ(matrix.currentCell(), qMakePair(2, 2));
    QTest::keyClick(&matrix, Qt::Key_Home, Qt::ControlModifier);
    EXPECT_EQ(matrix.currentCell(), qMakePair(0, 0));
    QTest::keyClick(&matrix, Qt::Key_PageDown);
    EXPECT_EQ(matrix.currentCell(), qMakePair(2, 0));
    QTest::keyClick(&matrix, Qt::Key_Up);
    QTest::keyClick(&matrix, Qt::Key_Right);
    EXPECT_EQ(matrix.currentCell(), qMakePair(1, 1));
    EXPECT_TRUE(accessibleText(&matrix, QAccessible::Description).startsWith(QStringLiteral("True: dog; Predicted: dog; 6 images")));

    // Enter and Space act like a click on the current cell.
    QSignalSpy clicked(&matrix, &ConfusionMatrixWidget::cellClicked);
    QTest::keyClick(&matrix, Qt::Key_Return);
    QTest::keyClick(&matrix, Qt::Key_Space);
    ASSERT_EQ(clicked.count(), 2);
    EXPECT_EQ(clicked.at(0).at(0).toInt(), 1);
    EXPECT_EQ(clicked.at(0).at(1).toInt(), 1);

    // A new epoch of the same matrix keeps the place; a different class count starts over.
    matrix.setMatrix({7, 3, 0, 2, 7, 1, 0, 1, 4});
    EXPECT_EQ(matrix.currentCell(), qMakePair(1, 1));
    EXPECT_TRUE(accessibleText(&matrix, QAccessible::Description).startsWith(QStringLiteral("True: dog; Predicted: dog; 7 images")));
    matrix.setMatrix({1, 2, 3, 4});
    EXPECT_EQ(matrix.currentCell(), qMakePair(0, 0));
    matrix.setMatrix({});
    EXPECT_EQ(matrix.currentCell(), qMakePair(-1, -1));
    EXPECT_EQ(accessibleText(&matrix, QAccessible::Description), QStringLiteral("No confusion matrix yet"));
}

TEST(Accessibility, TheFocusedHeatMapCellIsVisiblyMarked)
{
    application();
    ConfusionMatrixWidget matrix;
    matrix.setClassNames({QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("frog")});
    matrix.setMatrix({8, 2, 0, 3, 6, 1, 0, 0, 5});
    matrix.resize(640, 480);
    ASSERT_TRUE(showAndActivate(matrix));
    matrix.setCurrentCell(1, 2);
    const QRect cell = matrix.cellRect(1, 2);
    ASSERT_FALSE(cell.isEmpty());
    const QRect around = cell.adjusted(-5, -5, 5, 5);

    matrix.clearFocus();
    ASSERT_TRUE(test::waitUntil([&] { return !matrix.hasFocus(); }));
    const QImage unfocused = matrix.grab(around).toImage();
    matrix.setFocus();
    ASSERT_TRUE(test::waitUntil([&] { return matrix.hasFocus(); }));
    const QImage focused = matrix.grab(around).toImage();
    ASSERT_EQ(unfocused.size(), focused.size());
    // The ring runs round the cell: at least its perimeter changes.
    EXPECT_GT(differingPixels(unfocused, focused), 2 * (cell.width() + cell.height()));
    // Exports never show it.
    test::TempDir dir;
    const QString png = QString::fromStdString(dir.path()) + QStringLiteral("/matrix.png");
    ASSERT_TRUE(matrix.saveImage(png, 1));
    QImage exported(png);
    ASSERT_FALSE(exported.isNull());
    matrix.clearFocus();
    ASSERT_TRUE(matrix.saveImage(png, 1));
    EXPECT_EQ(differingPixels(exported, QImage(png)), 0);
}

TEST(Accessibility, ArrowKeysWalkTheArchitectureBlocks)
{
    application();
    test::TempDir store;
    MainWindow window(QString::fromStdString(store.path()));
    window.resize(1200, 800);
    window.selectArchitecture(QStringLiteral("resnet18"));
    auto *diagram = window.findChild<ArchitectureDiagram *>(QStringLiteral("architectureDiagram"));
    ASSERT_NE(diagram, nullptr);
    for (int i = 0; i < window.tabs()->count(); ++i)
        if (window.tabs()->widget(i)->isAncestorOf(diagram))
            window.tabs()->setCurrentIndex(i);
    ASSERT_TRUE(diagram->isVisibleTo(&window));
    ASSERT_TRUE(showAndActivate(window));
    diagram->setFocus();
    ASSERT_TRUE(test::waitUntil([&] { return diagram->hasFocus(); }));

    const int blocks = diagram->blockCount();
    ASSERT_GT(blocks, 3);
    EXPECT_EQ(diagram->currentBlock(), 0);
    QTest::keyClick(diagram, Qt::Key_Down);
    QTest::keyClick(diagram, Qt::Key_Down);
    EXPECT_EQ(diagram->currentBlock(), 2);
    const QString description = accessibleText(diagram, QAccessible::Description);
    EXPECT_TRUE(description.startsWith(QStringLiteral("Block 3 of %1: %2").arg(blocks).arg(diagram->blockNames().at(2))))
        << description.toStdString();
    EXPECT_TRUE(description.contains(diagram->blockOutputShape(2))) << description.toStdString();
    QTest::keyClick(diagram, Qt::Key_Up);
    EXPECT_EQ(diagram->currentBlock(), 1);
    QTest::keyClick(diagram, Qt::Key_End);
    EXPECT_EQ(diagram->currentBlock(), blocks - 1);
    QTest::keyClick(diagram, Qt::Key_Right); // stays on the last block
    EXPECT_EQ(diagram->currentBlock(), blocks - 1);
    QTest::keyClick(diagram, Qt::Key_Home);
    EXPECT_EQ(diagram->currentBlock(), 0);

    QSignalSpy clicked(diagram, &ArchitectureDiagram::blockClicked);
    QTest::keyClick(diagram, Qt::Key_Return);
    ASSERT_EQ(clicked.count(), 1);
    EXPECT_EQ(clicked.at(0).at(0).toString(), diagram->blockNames().at(0));
}

TEST(Accessibility, ImageThumbnailsHaveSpokenText)
{
    application();
    auto dataset = std::make_shared<Dataset>();
    dataset->name = "synthetic";
    dataset->classNames = {"cat", "dog"};
    dataset->test.count = 2;
    dataset->test.channels = 1;
    dataset->test.height = 4;
    dataset->test.width = 4;
    dataset->test.images.assign(2 * 16, 128);
    dataset->test.labels = {0, 1};
    PredictionModel model;
    model.setDataset(dataset);
    EpochMetrics epoch;
    epoch.epoch = 0;
    epoch.epochs = 1;
    epoch.testPredictions = {0, 0}; // the dog is taken for a cat
    epoch.testConfidence = {0.9f, 0.75f};
    epoch.testImageLoss = {0.1f, 1.5f};
    model.setEpochs({epoch});
    model.setSort(PredictionModel::Sort::Index);
    ASSERT_EQ(model.rowCount(), 2);

    // The arrow in the display text is for the eye; a screen reader gets words, on one line.
    const QString spoken = model.data(model.index(1, 0), Qt::AccessibleTextRole).toString();
    EXPECT_EQ(spoken, QStringLiteral("Image 1; True class: dog; Predicted: cat (75.0%); Loss: 1.500"));

    test::TempDir store;
    MainWindow window(QString::fromStdString(store.path()));
    QListView *grid = nullptr;
    for (QListView *view : window.findChildren<QListView *>())
        if (view->accessibleName() == QStringLiteral("Test images"))
            grid = view;
    ASSERT_NE(grid, nullptr);
    EXPECT_EQ(grid->focusPolicy() & Qt::TabFocus, Qt::TabFocus);
}

TEST(Accessibility, TheRunsTableOpensRenamesAndDeletesFromTheKeyboard)
{
    application();
    test::TempDir dir;
    const QString folder = QString::fromStdString(dir.path() + "/store");
    qint64 first = 0;
    qint64 second = 0;
    {
        ExperimentStore store(folder.toStdString());
        RunRecord r;
        r.architecture = "baseline";
        r.datasetName = "synthetic";
        r.name = "first";
        first = store.createRun(r);
        r.name = "second";
        second = store.createRun(r);
    }
    RunsPanel panel(folder);
    panel.resize(700, 300);
    ASSERT_TRUE(showAndActivate(panel));
    auto *view = panel.findChild<QTableView *>(QStringLiteral("runsView"));
    ASSERT_NE(view, nullptr);
    ASSERT_EQ(view->model()->rowCount(), 2);
    EXPECT_FALSE(view->tabKeyNavigation()); // Tab leaves the table
    view->setFocus();
    ASSERT_TRUE(test::waitUntil([&] { return view->hasFocus(); }));
    panel.selectRuns({first});
    int firstRow = -1;
    for (int row = 0; row < view->model()->rowCount(); ++row)
        if (panel.runIds().at(row) == first)
            firstRow = row;
    ASSERT_GE(firstRow, 0);
    view->setCurrentIndex(view->model()->index(firstRow, 0));

    // Enter: what double-click does.
    QSignalSpy opened(&panel, &RunsPanel::openRequested);
    QTest::keyClick(view, Qt::Key_Return);
    ASSERT_EQ(opened.count(), 1);
    EXPECT_EQ(opened.at(0).at(0).toLongLong(), first);

    // F2 renames the current run; the dialog is answered as a user would.
    QTimer::singleShot(0, &panel, [] {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        dialog->setTextValue(QStringLiteral("renamed by keyboard"));
        dialog->accept();
    });
    QTest::keyClick(view, Qt::Key_F2);
    EXPECT_EQ(ExperimentStore(folder.toStdString()).run(first).name, "renamed by keyboard");

    // Delete asks, then deletes the selected runs. (Offscreen, focus does not come back by
    // itself when the dialog closes.)
    panel.activateWindow();
    view->setFocus();
    ASSERT_TRUE(test::waitUntil([&] { return view->hasFocus(); }));
    ASSERT_EQ(panel.selectedRuns(), QList<qint64>{first});
    QTimer::singleShot(0, &panel, [] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (box && box->button(QMessageBox::Yes))
            box->button(QMessageBox::Yes)->click(); // question() reports the button clicked
    });
    QTest::keyClick(view, Qt::Key_Delete);
    ASSERT_TRUE(test::waitUntil([&] { return panel.runIds() == QList<qint64>{second}; }));
}
