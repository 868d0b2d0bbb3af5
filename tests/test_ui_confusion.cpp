// The Confusion tab offscreen: normalization math, clicking cells, scrubbing the epoch history,
// the per-class table, export to PNG/SVG, and a 100-class matrix that still paints.
#include "support/ui_application.h"
#include "ui/confusion_matrix_widget.h"
#include "ui/confusion_tab.h"

#include <QApplication>
#include <QComboBox>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QSignalSpy>
#include <QSlider>
#include <QSvgRenderer>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <set>

using namespace cifarlab;
using Normalization = ConfusionMatrixWidget::Normalization;

namespace {

QApplication &application()
{
    return test::uiApplication("test_ui_confusion");
}

QStringList cifar10Names()
{
    return {QStringLiteral("airplane"), QStringLiteral("automobile"), QStringLiteral("bird"), QStringLiteral("cat"),
            QStringLiteral("deer"),     QStringLiteral("dog"),        QStringLiteral("frog"), QStringLiteral("horse"),
            QStringLiteral("ship"),     QStringLiteral("truck")};
}

// 3 classes: row = true, column = predicted.
//   cat:  8 2 0   (10 cats)
//   dog:  3 6 1   (10 dogs)
//   frog: 0 0 5   ( 5 frogs)
std::vector<int64_t> smallMatrix()
{
    return {8, 2, 0, 3, 6, 1, 0, 0, 5};
}

// A diagonal-heavy n-class matrix whose diagonal encodes `marker` so epochs are distinguishable.
std::vector<int64_t> markedMatrix(int n, int64_t marker)
{
    std::vector<int64_t> counts(static_cast<size_t>(n * n), 1);
    for (int i = 0; i < n; ++i)
        counts[static_cast<size_t>(i * n + i)] = marker + i;
    return counts;
}

EpochMetrics epochWith(int64_t index, int64_t total, int n, int64_t marker, bool withTrain = true)
{
    EpochMetrics epoch;
    epoch.epoch = index;
    epoch.epochs = total;
    epoch.testAccuracy = 0.5;
    epoch.trainAccuracy = 0.6;
    epoch.testConfusion = markedMatrix(n, marker);
    if (withTrain)
        epoch.trainConfusion = markedMatrix(n, marker * 2);
    epoch.perClassAccuracy.assign(static_cast<size_t>(n), 0.5);
    epoch.testPredictions.assign(100, 1); // per-image vectors are not kept by the tab
    return epoch;
}

bool isBlank(const QImage &image)
{
    const QRgb first = image.pixel(0, 0);
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3) {
            if (image.pixel(x, y) != first)
                return false;
        }
    }
    return true;
}

QStringList stringsOfColumn(const QTableWidget *table, int column)
{
    QStringList out;
    for (int r = 0; r < table->rowCount(); ++r)
        out << table->item(r, column)->text();
    return out;
}

} // namespace

TEST(ConfusionMatrixWidget, NormalizesByRowsAndColumns)
{
    application();
    ConfusionMatrixWidget widget;
    widget.setClassNames({QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("frog")});
    widget.setMatrix(smallMatrix());
    ASSERT_EQ(widget.classCount(), 3);
    EXPECT_EQ(widget.matrix(), smallMatrix());

    EXPECT_EQ(widget.normalization(), Normalization::Counts);
    EXPECT_DOUBLE_EQ(widget.cellValue(1, 0), 3.0);
    EXPECT_EQ(widget.cellText(1, 0), QStringLiteral("3"));

    widget.setNormalization(Normalization::Rows);
    EXPECT_EQ(widget.normalization(), Normalization::Rows);
    EXPECT_DOUBLE_EQ(widget.cellValue(0, 0), 0.8);     // 8 of 10 cats
    EXPECT_DOUBLE_EQ(widget.cellValue(1, 0), 0.3);     // 3 of 10 dogs called cat
    EXPECT_DOUBLE_EQ(widget.cellValue(2, 2), 1.0);
    EXPECT_EQ(widget.cellText(1, 0), QStringLiteral("30.0%"));

    widget.setNormalization(Normalization::Columns);
    EXPECT_DOUBLE_EQ(widget.cellValue(0, 0), 8.0 / 11.0); // 8 of 11 "cat" predictions
    EXPECT_DOUBLE_EQ(widget.cellValue(1, 0), 3.0 / 11.0);
    EXPECT_DOUBLE_EQ(widget.cellValue(1, 2), 1.0 / 6.0);
    EXPECT_EQ(widget.cellText(0, 0), QStringLiteral("72.7%"));

    EXPECT_EQ(widget.cellToolTip(1, 0),
              QStringLiteral("True: dog\nPredicted: cat\n3 images (30.0% of true dog, 27.3% of predicted cat)"));
    EXPECT_EQ(widget.cellToolTip(2, 1),
              QStringLiteral("True: frog\nPredicted: dog\n0 images (0.0% of true frog, 0.0% of predicted dog)"));
    EXPECT_TRUE(widget.cellToolTip(3, 0).isEmpty());

    // Not a square: treated as no matrix.
    widget.setMatrix({1, 2, 3});
    EXPECT_EQ(widget.classCount(), 0);
    EXPECT_TRUE(widget.matrix().empty());
}

TEST(ConfusionMatrixWidget, ClickingACellEmitsItsPair)
{
    application();
    ConfusionMatrixWidget widget;
    widget.setClassNames(cifar10Names());
    widget.setMatrix(markedMatrix(10, 50));
    widget.resize(700, 560);
    widget.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&widget));

    const QRect cell = widget.cellRect(3, 5);
    ASSERT_FALSE(cell.isEmpty());
    EXPECT_EQ(widget.cellAt(cell.center()), qMakePair(3, 5));
    EXPECT_EQ(widget.cellAt(cell.topLeft()), qMakePair(3, 5));
    EXPECT_EQ(widget.cellAt(cell.bottomRight()), qMakePair(3, 5));
    EXPECT_EQ(widget.cellAt(QPoint(0, 0)), qMakePair(-1, -1));
    EXPECT_TRUE(widget.cellRect(10, 0).isEmpty());
    // Cells tile: neighbours touch, no overlap.
    EXPECT_EQ(widget.cellRect(3, 6).left(), cell.right() + 1);
    EXPECT_EQ(widget.cellRect(4, 5).top(), cell.bottom() + 1);

    QSignalSpy spy(&widget, &ConfusionMatrixWidget::cellClicked);
    QTest::mouseClick(&widget, Qt::LeftButton, Qt::NoModifier, cell.center());
    ASSERT_EQ(spy.count(), 1);
    EXPECT_EQ(spy.at(0).at(0).toInt(), 3);
    EXPECT_EQ(spy.at(0).at(1).toInt(), 5);

    QTest::mouseClick(&widget, Qt::LeftButton, Qt::NoModifier, QPoint(1, 1));
    EXPECT_EQ(spy.count(), 1) << "a click outside the grid emits nothing";
    QTest::mouseClick(&widget, Qt::RightButton, Qt::NoModifier, widget.cellRect(0, 0).center());
    EXPECT_EQ(spy.count(), 1) << "only the left button activates a cell";

    QTest::mouseMove(&widget, widget.cellRect(7, 4).center());
    EXPECT_EQ(widget.hoveredCell(), qMakePair(7, 4));
}

TEST(ConfusionMatrixWidget, ShowsPlaceholderAndPaintsLargeMatrices)
{
    application();
    ConfusionMatrixWidget widget;
    widget.resize(600, 500);
    const QImage empty = widget.grab().toImage();
    EXPECT_FALSE(isBlank(empty)) << "the placeholder message is painted";
    EXPECT_TRUE(widget.cellRect(0, 0).isEmpty());

    QStringList names;
    for (int i = 0; i < 100; ++i)
        names << QStringLiteral("class_%1").arg(i);
    widget.setClassNames(names);
    widget.setMatrix(markedMatrix(100, 40));
    widget.setNormalization(Normalization::Rows);
    ASSERT_EQ(widget.classCount(), 100);
    const QImage image = widget.grab().toImage();
    EXPECT_FALSE(isBlank(image));
    const QRect first = widget.cellRect(0, 0);
    const QRect last = widget.cellRect(99, 99);
    ASSERT_FALSE(first.isEmpty());
    EXPECT_TRUE(widget.rect().contains(last)) << "all 100 columns fit in the widget";
    EXPECT_EQ(widget.cellAt(last.center()), qMakePair(99, 99));
}

TEST(ConfusionMatrixWidget, SavesPngAndSvg)
{
    application();
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    ConfusionMatrixWidget widget;
    widget.setClassNames(cifar10Names());
    widget.setMatrix(markedMatrix(10, 900));
    widget.resize(640, 520);

    const QString png = dir.filePath(QStringLiteral("matrix.png"));
    ASSERT_TRUE(widget.saveImage(png, 2));
    const QImage image(png);
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.size(), QSize(1280, 1040));
    EXPECT_FALSE(isBlank(image));

    const QString svg = dir.filePath(QStringLiteral("matrix.svg"));
    ASSERT_TRUE(widget.saveImage(svg));
    QSvgRenderer renderer(svg);
    EXPECT_TRUE(renderer.isValid());
    EXPECT_GT(QFileInfo(svg).size(), 1000);

    EXPECT_FALSE(widget.saveImage(dir.filePath(QStringLiteral("missing/dir/matrix.png"))));
}

TEST(ConfusionTab, ReemitsCellClicksWithTheSplit)
{
    application();
    ConfusionTab tab;
    tab.setClassNames(cifar10Names());
    tab.resize(1000, 620);
    tab.appendEpoch(epochWith(0, 10, 10, 700));
    tab.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&tab));

    QSignalSpy spy(&tab, &ConfusionTab::cellActivated);
    ConfusionMatrixWidget *matrix = tab.matrixWidget();
    QTest::mouseClick(matrix, Qt::LeftButton, Qt::NoModifier, matrix->cellRect(3, 5).center());
    ASSERT_EQ(spy.count(), 1);
    EXPECT_EQ(spy.at(0).at(0).toInt(), 3);
    EXPECT_EQ(spy.at(0).at(1).toInt(), 5);
    EXPECT_FALSE(spy.at(0).at(2).toBool());

    auto *split = tab.findChild<QComboBox *>(QStringLiteral("confusionSplit"));
    ASSERT_NE(split, nullptr);
    split->setCurrentIndex(1);
    EXPECT_TRUE(tab.showingTrainSplit());
    EXPECT_EQ(matrix->matrix(), markedMatrix(10, 1400));
    QTest::mouseClick(matrix, Qt::LeftButton, Qt::NoModifier, matrix->cellRect(5, 3).center());
    ASSERT_EQ(spy.count(), 2);
    EXPECT_EQ(spy.at(1).at(0).toInt(), 5);
    EXPECT_EQ(spy.at(1).at(1).toInt(), 3);
    EXPECT_TRUE(spy.at(1).at(2).toBool());
}

TEST(ConfusionTab, SliderFollowsTheLatestEpochUnlessMoved)
{
    application();
    ConfusionTab tab;
    tab.setClassNames(cifar10Names());
    auto *slider = tab.findChild<QSlider *>(QStringLiteral("confusionEpochSlider"));
    auto *label = tab.findChild<QLabel *>(QStringLiteral("confusionEpochLabel"));
    ASSERT_NE(slider, nullptr);
    ASSERT_NE(label, nullptr);
    EXPECT_EQ(tab.epochCount(), 0);
    EXPECT_EQ(tab.shownEpoch(), -1);
    EXPECT_EQ(tab.matrixWidget()->classCount(), 0);

    for (int e = 0; e < 3; ++e)
        tab.appendEpoch(epochWith(e, 10, 10, 100 * (e + 1)));
    EXPECT_EQ(tab.epochCount(), 3);
    EXPECT_EQ(slider->minimum(), 0);
    EXPECT_EQ(slider->maximum(), 2);
    EXPECT_EQ(tab.shownEpoch(), 2);
    EXPECT_EQ(label->text(), QStringLiteral("Epoch 3 of 10"));
    EXPECT_EQ(tab.matrixWidget()->matrix(), markedMatrix(10, 300));

    // Scrubbing back shows epoch 0's matrix; a new epoch leaves the user where they are.
    slider->setValue(0);
    EXPECT_EQ(tab.shownEpoch(), 0);
    EXPECT_EQ(label->text(), QStringLiteral("Epoch 1 of 10"));
    EXPECT_EQ(tab.matrixWidget()->matrix(), markedMatrix(10, 100));
    tab.appendEpoch(epochWith(3, 10, 10, 400));
    EXPECT_EQ(slider->maximum(), 3);
    EXPECT_EQ(tab.shownEpoch(), 0);
    EXPECT_EQ(tab.matrixWidget()->matrix(), markedMatrix(10, 100));

    // Back at the latest, it follows again.
    tab.showEpoch(3);
    tab.appendEpoch(epochWith(4, 10, 10, 500));
    EXPECT_EQ(tab.shownEpoch(), 4);
    EXPECT_EQ(label->text(), QStringLiteral("Epoch 5 of 10"));
    EXPECT_EQ(tab.matrixWidget()->matrix(), markedMatrix(10, 500));

    tab.showEpoch(99);
    EXPECT_EQ(tab.shownEpoch(), 4) << "out of range clamps";

    std::vector<EpochMetrics> history;
    for (int e = 0; e < 6; ++e)
        history.push_back(epochWith(e, 6, 10, 10 * (e + 1)));
    tab.setEpochs(history);
    EXPECT_EQ(tab.epochCount(), 6);
    EXPECT_EQ(tab.shownEpoch(), 5);
    EXPECT_EQ(label->text(), QStringLiteral("Epoch 6 of 6"));
    EXPECT_EQ(tab.matrixWidget()->matrix(), markedMatrix(10, 60));

    tab.clear();
    EXPECT_EQ(tab.epochCount(), 0);
    EXPECT_EQ(tab.shownEpoch(), -1);
    EXPECT_EQ(tab.matrixWidget()->classCount(), 0);
}

TEST(ConfusionTab, EmptyTrainMatrixShowsThePlaceholder)
{
    application();
    ConfusionTab tab;
    tab.setClassNames({QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("frog")});
    EpochMetrics epoch;
    epoch.epoch = 0;
    epoch.epochs = 1;
    epoch.testConfusion = smallMatrix();
    epoch.perClassAccuracy = {0.8, 0.6, 1.0};
    tab.appendEpoch(epoch);
    EXPECT_EQ(tab.matrixWidget()->classCount(), 3);

    auto *split = tab.findChild<QComboBox *>(QStringLiteral("confusionSplit"));
    ASSERT_NE(split, nullptr);
    split->setCurrentIndex(1);
    EXPECT_EQ(tab.matrixWidget()->classCount(), 0);
    auto *table = tab.findChild<QTableWidget *>(QStringLiteral("perClassTable"));
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(table->rowCount(), 3);
    tab.resize(800, 500);
    EXPECT_FALSE(isBlank(tab.grab().toImage()));
}

TEST(ConfusionTab, PerClassTableAndNormalizationCombo)
{
    application();
    ConfusionTab tab;
    tab.setClassNames({QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("frog")});
    EpochMetrics epoch;
    epoch.epoch = 0;
    epoch.epochs = 5;
    epoch.testConfusion = smallMatrix();
    epoch.perClassAccuracy = {0.8, 0.6, 1.0};
    tab.appendEpoch(epoch);

    auto *table = tab.findChild<QTableWidget *>(QStringLiteral("perClassTable"));
    ASSERT_NE(table, nullptr);
    ASSERT_EQ(table->rowCount(), 3);
    ASSERT_EQ(table->columnCount(), 4);
    EXPECT_EQ(stringsOfColumn(table, ConfusionTab::kClassColumn),
              (QStringList{QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("frog")}));
    EXPECT_EQ(stringsOfColumn(table, ConfusionTab::kRecallColumn),
              (QStringList{QStringLiteral("80.0%"), QStringLiteral("60.0%"), QStringLiteral("100.0%")}));
    // Precision: cat 8/11, dog 6/8, frog 5/6.
    EXPECT_EQ(stringsOfColumn(table, ConfusionTab::kPrecisionColumn),
              (QStringList{QStringLiteral("72.7%"), QStringLiteral("75.0%"), QStringLiteral("83.3%")}));
    EXPECT_EQ(stringsOfColumn(table, ConfusionTab::kCountColumn),
              (QStringList{QStringLiteral("10"), QStringLiteral("10"), QStringLiteral("5")}));

    // Sorting is numeric, not by text ("100.0%" is the best, not the smallest string).
    ASSERT_TRUE(table->isSortingEnabled());
    table->sortByColumn(ConfusionTab::kRecallColumn, Qt::DescendingOrder);
    EXPECT_EQ(stringsOfColumn(table, ConfusionTab::kClassColumn),
              (QStringList{QStringLiteral("frog"), QStringLiteral("cat"), QStringLiteral("dog")}));

    auto *accuracy = tab.findChild<QLabel *>(QStringLiteral("confusionAccuracy"));
    ASSERT_NE(accuracy, nullptr);
    EXPECT_TRUE(accuracy->text().contains(QStringLiteral("76.0%"))) << accuracy->text().toStdString(); // 19/25
    EXPECT_TRUE(accuracy->text().contains(QStringLiteral("19 of 25"))) << accuracy->text().toStdString();

    auto *normalization = tab.findChild<QComboBox *>(QStringLiteral("confusionNormalization"));
    ASSERT_NE(normalization, nullptr);
    ASSERT_EQ(normalization->count(), 3);
    normalization->setCurrentIndex(1);
    EXPECT_EQ(tab.matrixWidget()->normalization(), Normalization::Rows);
    EXPECT_DOUBLE_EQ(tab.matrixWidget()->cellValue(1, 0), 0.3);
    normalization->setCurrentIndex(2);
    EXPECT_EQ(tab.matrixWidget()->normalization(), Normalization::Columns);
    normalization->setCurrentIndex(0);
    EXPECT_EQ(tab.matrixWidget()->normalization(), Normalization::Counts);
}

TEST(ConfusionTab, HundredClassesPaintAndGrabIsNotBlank)
{
    application();
    ConfusionTab tab;
    QStringList names;
    for (int i = 0; i < 100; ++i)
        names << QStringLiteral("class_%1").arg(i);
    tab.setClassNames(names);
    tab.appendEpoch(epochWith(0, 1, 100, 30));
    tab.resize(1000, 620);
    auto *table = tab.findChild<QTableWidget *>(QStringLiteral("perClassTable"));
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(table->rowCount(), 100);
    const QImage image = tab.grab().toImage();
    EXPECT_FALSE(isBlank(image));
    EXPECT_EQ(tab.matrixWidget()->classCount(), 100);
}

TEST(ConfusionTab, MostConfusedPairsLeadToTheirImages)
{
    application();
    ConfusionTab tab;
    tab.setClassNames({QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("frog")});
    tab.resize(1000, 620);
    EpochMetrics epoch = epochWith(0, 1, 3, 0);
    epoch.testConfusion = smallMatrix();
    epoch.trainConfusion = {10, 0, 0, 0, 10, 0, 0, 0, 5};
    tab.appendEpoch(epoch);
    tab.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&tab));

    auto *pairs = tab.findChild<QTableWidget *>(QStringLiteral("mostConfusedTable"));
    auto *header = tab.findChild<QLabel *>(QStringLiteral("mostConfusedHeader"));
    ASSERT_TRUE(pairs && header);
    // smallMatrix's mistakes: dog->cat 3, cat->dog 2, dog->frog 1; most images first.
    ASSERT_EQ(pairs->rowCount(), 3);
    EXPECT_EQ(stringsOfColumn(pairs, ConfusionTab::kPairTrueColumn), QStringList({"dog", "cat", "dog"}));
    EXPECT_EQ(stringsOfColumn(pairs, ConfusionTab::kPairPredictedColumn), QStringList({"cat", "dog", "frog"}));
    EXPECT_EQ(stringsOfColumn(pairs, ConfusionTab::kPairCountColumn), QStringList({"3", "2", "1"}));
    EXPECT_TRUE(pairs->item(0, 0)->toolTip().contains(QStringLiteral("3 of the 10 dog images"))) << pairs->item(0, 0)->toolTip().toStdString();
    EXPECT_EQ(header->text(), QStringLiteral("Most confused"));

    QSignalSpy spy(&tab, &ConfusionTab::cellActivated);
    QTest::mouseClick(pairs->viewport(), Qt::LeftButton, Qt::NoModifier, pairs->visualItemRect(pairs->item(1, 1)).center());
    ASSERT_EQ(spy.count(), 1);
    EXPECT_EQ(spy.at(0).at(0).toInt(), 0); // cat
    EXPECT_EQ(spy.at(0).at(1).toInt(), 1); // predicted as dog
    EXPECT_FALSE(spy.at(0).at(2).toBool());

    // The train split of this epoch has no mistakes: the list says so.
    auto *split = tab.findChild<QComboBox *>(QStringLiteral("confusionSplit"));
    ASSERT_NE(split, nullptr);
    split->setCurrentIndex(1);
    EXPECT_EQ(pairs->rowCount(), 0);
    EXPECT_TRUE(header->text().contains(QStringLiteral("no mistakes")));
}
