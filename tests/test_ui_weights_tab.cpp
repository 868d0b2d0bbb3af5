#include "core/parameter_statistics.h"
#include "support/ui_application.h"
#include "ui/histogram_ridge_view.h"
#include "ui/weights_tab.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QSlider>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

#include <gtest/gtest.h>

#include <cmath>

using namespace cifarlab;

namespace {

void application()
{
    test::uiApplication("test_ui_weights_tab");
}

ParameterStatistics parameter(const std::string &name, std::vector<int64_t> shape, double scale, bool frozen = false)
{
    ParameterStatistics p;
    p.name = name;
    p.shape = std::move(shape);
    p.weightRms = scale;
    p.weightMean = scale / 10.0;
    p.weightStd = scale / 2.0;
    p.weightMin = -scale;
    p.weightMax = 2.0 * scale;
    p.weightHistogram.assign(kParameterHistogramBins, 0.0f);
    p.weightHistogram[3] = 0.25f;
    p.weightHistogram[20] = 0.75f;
    if (!frozen) {
        p.gradientSamples = 16;
        p.gradientRms = scale * 1e-2;
        p.gradientMin = -scale * 1e-2;
        p.gradientMax = scale * 3e-2;
        p.gradientHistogram.assign(kParameterHistogramBins, 1.0f / kParameterHistogramBins);
        p.updateRatio = scale * 1e-3;
    }
    return p;
}

// Three parameters whose statistics shrink tenfold per epoch: a convolution, its bias, a frozen
// whitening filter.
EpochMetrics epochWithStatistics(int64_t epoch)
{
    EpochMetrics m;
    m.epoch = epoch;
    m.epochs = 3;
    const double scale = std::pow(10.0, -static_cast<double>(epoch));
    m.parameters = {parameter("conv1.weight", {8, 3, 3, 3}, scale), parameter("conv1.bias", {8}, 2.0 * scale),
                    parameter("whiten.weight", {24, 3, 2, 2}, 0.5, /*frozen=*/true)};
    return m;
}

int rowOf(QTableWidget *table, const QString &name)
{
    for (int row = 0; row < table->rowCount(); ++row)
        if (table->item(row, WeightsTab::kNameColumn)->text() == name)
            return row;
    return -1;
}

} // namespace

TEST(WeightsTab, ListsWeightTensorsWithTheirHistoryAndFollowsTheLatestEpoch)
{
    application();
    QSettings().clear();
    WeightsTab tab;
    tab.resize(1000, 700);
    EXPECT_FALSE(tab.hasStatistics());
    EXPECT_FALSE(tab.findChild<QToolButton *>(QStringLiteral("weightsExport"))->isEnabled());
    auto *stack = tab.findChild<QStackedWidget *>();
    ASSERT_NE(stack, nullptr);
    EXPECT_EQ(stack->currentWidget(), tab.findChild<QLabel *>(QStringLiteral("weightsEmpty")));

    for (int64_t e = 0; e < 3; ++e)
        tab.appendEpoch(epochWithStatistics(e));
    EXPECT_TRUE(tab.hasStatistics());
    EXPECT_NE(stack->currentWidget(), tab.findChild<QLabel *>(QStringLiteral("weightsEmpty")));
    EXPECT_EQ(tab.epochCount(), 3);
    EXPECT_EQ(tab.shownEpoch(), 2);
    EXPECT_EQ(tab.findChild<QLabel *>(QStringLiteral("weightsEpochLabel"))->text(), QStringLiteral("Epoch 3 of 3"));

    // Weight tensors only by default, in the network's order; the bias joins with the check box.
    QTableWidget *table = tab.table();
    ASSERT_EQ(table->rowCount(), 2);
    EXPECT_EQ(table->item(0, WeightsTab::kNameColumn)->text(), QStringLiteral("conv1.weight"));
    EXPECT_EQ(table->item(1, WeightsTab::kNameColumn)->text(), QStringLiteral("whiten.weight"));
    EXPECT_EQ(table->item(0, WeightsTab::kShapeColumn)->text(), QStringLiteral("8x3x3x3"));
    EXPECT_EQ(table->item(0, WeightsTab::kWeightRmsColumn)->text(), QStringLiteral("0.01"));
    EXPECT_EQ(table->item(0, WeightsTab::kGradientRmsColumn)->text(), QStringLiteral("1.0e-04"));
    EXPECT_EQ(table->item(0, WeightsTab::kUpdateRatioColumn)->text(), QStringLiteral("1.0e-05"));
    EXPECT_EQ(table->item(1, WeightsTab::kGradientRmsColumn)->text(), QStringLiteral("frozen"));
    EXPECT_EQ(table->item(1, WeightsTab::kUpdateRatioColumn)->text(), QStringLiteral("frozen"));
    const QVariantList history = table->item(0, WeightsTab::kHistoryColumn)->data(Qt::UserRole + 3).toList();
    ASSERT_EQ(history.size(), 3);
    EXPECT_DOUBLE_EQ(history[0].toDouble(), 1e-3);
    EXPECT_DOUBLE_EQ(history[2].toDouble(), 1e-5);
    EXPECT_TRUE(std::isnan(table->item(1, WeightsTab::kHistoryColumn)->data(Qt::UserRole + 3).toList()[0].toDouble()));
    EXPECT_EQ(table->item(0, WeightsTab::kHistoryColumn)->toolTip(),
              QStringLiteral("Update ratio per step: from 0.001 at epoch 1 to 1.0e-05 at epoch 3"));
    // The colour scale spans the listed tensors' update ratios over all epochs.
    EXPECT_EQ(tab.scaleText(), QStringLiteral("1.0e-05 – 0.001"));
    tab.setShowAllParameters(true);
    ASSERT_EQ(table->rowCount(), 3);
    EXPECT_EQ(table->item(1, WeightsTab::kNameColumn)->text(), QStringLiteral("conv1.bias"));
    EXPECT_EQ(tab.scaleText(), QStringLiteral("1.0e-05 – 0.002"));
    EXPECT_TRUE(QSettings().value(QStringLiteral("weightsTab/allParameters")).toBool());

    // Another measure recolours the History column and is remembered.
    tab.setMeasure(WeightsTab::Measure::WeightRms);
    EXPECT_DOUBLE_EQ(table->item(rowOf(table, QStringLiteral("whiten.weight")), WeightsTab::kHistoryColumn)
                         ->data(Qt::UserRole + 3).toList()[0].toDouble(),
                     0.5);
    EXPECT_EQ(QSettings().value(QStringLiteral("weightsTab/measure")).toInt(), static_cast<int>(WeightsTab::Measure::WeightRms));
    WeightsTab second;
    EXPECT_EQ(second.measure(), WeightsTab::Measure::WeightRms);
    EXPECT_TRUE(second.showsAllParameters());

    // Sorting by a column keeps the selection; the details follow the selected parameter.
    ASSERT_TRUE(tab.selectParameter(QStringLiteral("conv1.weight")));
    table->sortItems(WeightsTab::kWeightRmsColumn, Qt::DescendingOrder);
    EXPECT_EQ(table->item(0, WeightsTab::kNameColumn)->text(), QStringLiteral("whiten.weight"));
    EXPECT_EQ(tab.selectedParameter(), QStringLiteral("conv1.weight"));
    EXPECT_EQ(tab.detailsLabel()->text(),
              QStringLiteral("Weights: RMS 0.01, mean 0.001, standard deviation 0.005, from -0.01 to 0.02.\n"
                             "Gradient RMS 1.0e-04 (mean of 16 sampled steps); update ratio 1.0e-05 per step."));
    // One ridge per epoch so far, the newest highlighted, on the union of their ranges.
    HistogramRidgeView *weights = tab.weightsView();
    ASSERT_EQ(weights->ridges().size(), 3u);
    EXPECT_EQ(weights->current(), 2);
    EXPECT_DOUBLE_EQ(weights->axisMin(), -1.0);
    EXPECT_DOUBLE_EQ(weights->axisMax(), 2.0);
    EXPECT_EQ(tab.gradientsView()->ridges().back().fractions.size(), static_cast<size_t>(kParameterHistogramBins));

    // Scrubbing back: the numbers and ridges of epoch 1, and a new epoch no longer moves the slider.
    tab.showEpoch(0);
    EXPECT_EQ(table->item(rowOf(table, QStringLiteral("conv1.weight")), WeightsTab::kWeightRmsColumn)->text(), QStringLiteral("1"));
    EXPECT_EQ(weights->ridges().size(), 1u);
    tab.appendEpoch(epochWithStatistics(3));
    EXPECT_EQ(tab.shownEpoch(), 0);
    EXPECT_EQ(tab.epochCount(), 4);

    // A frozen parameter explains its empty gradient view.
    ASSERT_TRUE(tab.selectParameter(QStringLiteral("whiten.weight")));
    EXPECT_EQ(tab.detailsLabel()->text().section(QLatin1Char('\n'), 1), QStringLiteral("Frozen in this epoch: no gradient, no steps."));
    EXPECT_EQ(tab.gradientsView()->accessibleDescription(), QStringLiteral("No gradient in this epoch: the parameter was frozen"));
    EXPECT_EQ(weights->accessibleDescription(), QStringLiteral("Epoch 1: values from -0.5 to 1"));

    // The CSV holds every parameter of every epoch, as the CLI writes it.
    std::vector<EpochMetrics> epochs;
    for (int64_t e = 0; e < 4; ++e)
        epochs.push_back(epochWithStatistics(e));
    EXPECT_EQ(tab.csv().toStdString(), parameterStatisticsCsv(epochs));

    QImage image = tab.grab().toImage();
    EXPECT_FALSE(image.isNull());
    tab.clear();
    EXPECT_EQ(tab.epochCount(), 0);
    EXPECT_EQ(table->rowCount(), 0);
    QSettings().clear();
}

TEST(WeightsTab, ClickingAnEpochInTheHistoryShowsIt)
{
    application();
    QSettings().clear();
    WeightsTab tab;
    tab.resize(1000, 700);
    tab.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&tab));
    std::vector<EpochMetrics> epochs;
    for (int64_t e = 0; e < 4; ++e)
        epochs.push_back(epochWithStatistics(e));
    tab.setEpochs(epochs);
    EXPECT_EQ(tab.shownEpoch(), 3);
    QTableWidget *table = tab.table();
    const QRect cell = table->visualItemRect(table->item(0, WeightsTab::kHistoryColumn));
    ASSERT_TRUE(cell.isValid());
    // The strip is drawn 3 pixels inside the cell and split evenly between the 4 epochs.
    const int x = cell.left() + 3 + (cell.width() - 6) * 3 / 8; // inside the second epoch's cell
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, QPoint(x, cell.center().y()));
    EXPECT_EQ(tab.shownEpoch(), 1);
    EXPECT_EQ(tab.findChild<QSlider *>(QStringLiteral("weightsEpochSlider"))->value(), 1);
    QSettings().clear();
}

TEST(WeightsTab, EpochsWithoutStatisticsShowWhyTheTabIsEmpty)
{
    application();
    WeightsTab tab;
    EpochMetrics bare;
    bare.epoch = 0;
    bare.epochs = 1;
    tab.setEpochs({bare});
    EXPECT_FALSE(tab.hasStatistics());
    EXPECT_EQ(tab.table()->rowCount(), 0);
    auto *empty = tab.findChild<QLabel *>(QStringLiteral("weightsEmpty"));
    EXPECT_EQ(tab.findChild<QStackedWidget *>()->currentWidget(), empty);
    EXPECT_EQ(empty->text(), QStringLiteral("No weight statistics for this run: it is an evaluated checkpoint, or it was "
                                             "trained before CifarLab recorded them."));
    tab.clear();
    EXPECT_TRUE(empty->text().startsWith(QStringLiteral("No weight statistics yet."))) << empty->text().toStdString();
    EXPECT_FALSE(tab.findChild<QToolButton *>(QStringLiteral("weightsExport"))->isEnabled());
}
