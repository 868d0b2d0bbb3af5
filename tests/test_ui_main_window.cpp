// The main window as a user meets it, offscreen: architectures listed, a dataset opened in the
// background, bad input reported, and a screenshot that is not blank.
#include "support/learnable_data.h"
#include "support/temp_dir.h"
#include "support/ui_application.h"
#include "ui/config_panel.h"
#include "ui/main_window.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSpinBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QLocale>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

#include <gtest/gtest.h>

using namespace cifarlab;

namespace {

QApplication &application()
{
    return test::uiApplication("test_ui_main_window");
}

} // namespace

TEST(MainWindow, ListsArchitecturesWithTheirLayers)
{
    application();
    MainWindow window;
    window.selectArchitecture(QStringLiteral("resnet18"));
    EXPECT_EQ(window.currentArchitecture(), QStringLiteral("resnet18"));
    auto *table = window.findChild<QTableView *>(QStringLiteral("layerTable"));
    ASSERT_NE(table, nullptr);
    EXPECT_GT(table->model()->rowCount(), 40);
    EXPECT_EQ(table->model()->data(table->model()->index(0, 0)).toString(), QStringLiteral("conv1"));
    auto *totals = window.findChild<QLabel *>(QStringLiteral("architectureTotals"));
    ASSERT_NE(totals, nullptr);
    EXPECT_TRUE(totals->text().contains(QStringLiteral("3 x 32 x 32"))) << totals->text().toStdString();
}

TEST(MainWindow, OpensADatasetInTheBackgroundAndAdaptsTheArchitecture)
{
    application();
    test::TempDir dir;
    const std::string folder = test::writeLearnableIdxFolder(dir.path(), 300, 100, 28);
    MainWindow window;
    window.resize(1200, 760);
    QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
    window.openDataset(QString::fromStdString(folder));
    ASSERT_TRUE(loaded.wait(30000));
    ASSERT_NE(window.dataset(), nullptr);
    EXPECT_EQ(window.dataset()->train.count, 300);
    auto *classes = window.findChild<QTableWidget *>(QStringLiteral("classTable"));
    ASSERT_NE(classes, nullptr);
    EXPECT_EQ(classes->rowCount(), 10);
    EXPECT_EQ(classes->item(0, 1)->text(), QStringLiteral("30"));
    auto *samples = window.findChild<QListView *>(QStringLiteral("sampleView"));
    ASSERT_NE(samples, nullptr);
    EXPECT_EQ(samples->model()->rowCount(), 96);
    auto *totals = window.findChild<QLabel *>(QStringLiteral("architectureTotals"));
    EXPECT_TRUE(totals->text().contains(QStringLiteral("1 x 28 x 28"))) << totals->text().toStdString();

    const QImage shot = window.grab().toImage();
    ASSERT_FALSE(shot.isNull());
    EXPECT_EQ(shot.width(), 1200);
    // Not a blank window: many distinct colours (thumbnails, text, tables).
    QSet<QRgb> colours;
    for (int y = 0; y < shot.height(); y += 7)
        for (int x = 0; x < shot.width(); x += 7)
            colours.insert(shot.pixel(x, y));
    EXPECT_GT(colours.size(), 20);
}

TEST(MainWindow, ReportsADatasetThatCannotBeLoaded)
{
    application();
    test::TempDir dir;
    MainWindow window;
    QSignalSpy failed(&window, &MainWindow::datasetFailed);
    window.openDataset(QString::fromStdString(dir.file("nothing-here")));
    ASSERT_TRUE(failed.wait(10000));
    const QString message = failed.takeFirst().at(0).toString();
    EXPECT_TRUE(message.contains(QStringLiteral("nothing-here"))) << message.toStdString();
    EXPECT_EQ(window.dataset(), nullptr);
}

// Long status lines shrink with an ellipsis instead of pushing the window past a 1280-pixel screen.
TEST(MainWindow, LongStatusLinesDoNotWidenTheWindow)
{
    application();
    MainWindow window;
    const QString longText = QStringLiteral("Epoch 15/15, batch 196/196 · loss 0.6293 · accuracy 94.7% · lr 1e-05 · ").repeated(4);
    for (const char *name : {"runStatus", "liveSummary"}) {
        auto *label = window.findChild<QLabel *>(QString::fromLatin1(name));
        ASSERT_NE(label, nullptr) << name;
        label->setText(longText);
    }
    window.resize(1280, 800);
    window.show();
    QApplication::processEvents();
    EXPECT_LE(window.minimumSizeHint().width(), 1280);
    EXPECT_EQ(window.width(), 1280);
    auto *status = window.findChild<QLabel *>(QStringLiteral("runStatus"));
    EXPECT_LT(status->width(), status->fontMetrics().horizontalAdvance(longText));
    EXPECT_EQ(status->text(), longText); // the whole text stays readable (tool tip, copy, accessibility)
    EXPECT_FALSE(status->grab().isNull());
}

// The Advanced section edits what the airbench recipes set: width, final TTA, lookahead, the
// triangular end, the step milestones; editing makes the preset custom, and bad text is reported.
TEST(ConfigPanel, AdvancedSettingsEditTheRecipe)
{
    application();
    ConfigPanel panel;
    panel.applyPreset(QStringLiteral("best"));
    TrainingConfig base;
    base.architecture = "airbench";
    base.dataPath = "data";
    TrainingConfig best = base;
    applyPreset(best, "best");
    EXPECT_EQ(configToJson(panel.config(base)), configToJson(best)); // exact rates, not the boxes' rounding

    auto *advanced = panel.findChild<QWidget *>(QStringLiteral("advancedBox"));
    auto *toggle = panel.findChild<QToolButton *>(QStringLiteral("advancedToggle"));
    ASSERT_TRUE(advanced && toggle);
    panel.show();
    EXPECT_FALSE(advanced->isVisible());
    toggle->click();
    EXPECT_TRUE(advanced->isVisible());

    const QString shots = qEnvironmentVariable("CIFARLAB_UI_SHOTS");
    if (!shots.isEmpty()) {
        panel.resize(460, 1250);
        QTest::qWait(50);
        EXPECT_TRUE(panel.grab().save(shots + QStringLiteral("/config-panel-advanced.png")));
    }

    // The tooltip names the best preset's width as core sets it, so the two cannot drift apart.
    TrainingConfig bestAirbench = base;
    bestAirbench.architecture = "airbench";
    applyPreset(bestAirbench, "best");
    auto *width = panel.findChild<QDoubleSpinBox *>(QStringLiteral("widthScaleSpin"));
    EXPECT_TRUE(width->toolTip().contains(
        QStringLiteral("best preset uses %1").arg(QLocale().toString(bestAirbench.widthScale))))
        << width->toolTip().toStdString();

    // The ensemble size: the best preset's as core sets it (its tooltip names it too), and edits
    // reach the config for any architecture.
    auto *ensemble = panel.findChild<QSpinBox *>(QStringLiteral("ensembleSpin"));
    ASSERT_TRUE(ensemble);
    EXPECT_EQ(ensemble->value(), best.ensembleMembers);
    EXPECT_TRUE(ensemble->toolTip().contains(QStringLiteral("best preset trains %1").arg(best.ensembleMembers)))
        << ensemble->toolTip().toStdString();
    ensemble->setValue(3);
    EXPECT_EQ(panel.config(base).ensembleMembers, 3);
    TrainingConfig otherArchitecture = base;
    otherArchitecture.architecture = "resnet18";
    EXPECT_EQ(panel.config(otherArchitecture).ensembleMembers, 3);
    // Members' own augmentations: offered only for an ensemble, and the choice reaches the config.
    auto *memberAugmentation = panel.findChild<QComboBox *>(QStringLiteral("memberAugmentationCombo"));
    ASSERT_TRUE(memberAugmentation);
    EXPECT_EQ(memberAugmentation->currentData().toString(), QString::fromStdString(best.memberAugmentation));
    EXPECT_TRUE(memberAugmentation->isEnabled());
    memberAugmentation->setCurrentIndex(memberAugmentation->findData(QStringLiteral("own")));
    EXPECT_EQ(panel.config(base).memberAugmentation, "own");
    auto *memberOrder = panel.findChild<QComboBox *>(QStringLiteral("memberOrderCombo"));
    ASSERT_TRUE(memberOrder);
    EXPECT_EQ(memberOrder->currentData().toString(), QString::fromStdString(best.memberOrder));
    EXPECT_TRUE(memberOrder->isEnabled());
    // Co-distillation: offered for an ensemble whose members share the data order.
    auto *distillation = panel.findChild<QDoubleSpinBox *>(QStringLiteral("memberDistillationSpin"));
    ASSERT_TRUE(distillation);
    EXPECT_DOUBLE_EQ(distillation->value(), best.memberDistillation);
    EXPECT_TRUE(distillation->isEnabled());
    distillation->setValue(0.3);
    EXPECT_DOUBLE_EQ(panel.config(base).memberDistillation, 0.3);
    memberOrder->setCurrentIndex(memberOrder->findData(QStringLiteral("own")));
    EXPECT_EQ(panel.config(base).memberOrder, "own");
    EXPECT_FALSE(distillation->isEnabled());
    EXPECT_EQ(panel.config(base).memberDistillation, 0.0);
    EXPECT_NO_THROW(validateConfig(panel.config(base)));
    ensemble->setValue(1);
    EXPECT_FALSE(memberAugmentation->isEnabled());
    EXPECT_FALSE(memberOrder->isEnabled());
    EXPECT_FALSE(distillation->isEnabled());
    distillation->setValue(best.memberDistillation);
    memberAugmentation->setCurrentIndex(memberAugmentation->findData(QString::fromStdString(best.memberAugmentation)));
    memberOrder->setCurrentIndex(memberOrder->findData(QString::fromStdString(best.memberOrder)));
    ensemble->setValue(best.ensembleMembers);

    // Convolutions per group: the preset's, an edit reaches an airbench config, other architectures keep 2.
    auto *depth = panel.findChild<QSpinBox *>(QStringLiteral("blockDepthSpin"));
    ASSERT_TRUE(depth);
    EXPECT_EQ(depth->value(), best.blockDepth);
    depth->setValue(3);
    EXPECT_EQ(panel.config(base).blockDepth, 3);
    EXPECT_EQ(panel.config(otherArchitecture).blockDepth, 2);
    depth->setValue(static_cast<int>(best.blockDepth));

    // The best preset's time budget is shown and editable; zero reads as no limit.
    auto *budget = panel.findChild<QDoubleSpinBox *>(QStringLiteral("timeBudgetSpin"));
    ASSERT_TRUE(budget);
    EXPECT_DOUBLE_EQ(budget->value(), best.timeBudgetMinutes);
    budget->setValue(0);
    EXPECT_EQ(budget->text(), budget->specialValueText());
    EXPECT_DOUBLE_EQ(panel.config(base).timeBudgetMinutes, 0.0);
    budget->setValue(30);
    EXPECT_DOUBLE_EQ(panel.config(base).timeBudgetMinutes, 30.0);
    EXPECT_TRUE(panel.preset().isEmpty());

    // Fitting the width needs a budget and airbench: without either the box has nothing to say.
    auto *fitWidth = panel.findChild<QCheckBox *>(QStringLiteral("fitWidthCheck"));
    ASSERT_TRUE(fitWidth);
    EXPECT_TRUE(fitWidth->isChecked());
    EXPECT_TRUE(fitWidth->isEnabled());
    EXPECT_TRUE(panel.config(base).fitWidthToBudget);
    TrainingConfig fixedWidth = base;
    fixedWidth.architecture = "resnet18";
    EXPECT_FALSE(panel.config(fixedWidth).fitWidthToBudget);
    EXPECT_NO_THROW(validateConfig(panel.config(fixedWidth)));
    fitWidth->setChecked(false);
    EXPECT_FALSE(panel.config(base).fitWidthToBudget);
    fitWidth->setChecked(true);
    budget->setValue(0);
    EXPECT_FALSE(fitWidth->isEnabled());
    EXPECT_FALSE(panel.config(base).fitWidthToBudget);
    budget->setValue(30);
    EXPECT_TRUE(fitWidth->isEnabled());
    EXPECT_TRUE(panel.config(base).fitWidthToBudget);
    panel.applyPreset(QStringLiteral("fast"));
    EXPECT_FALSE(fitWidth->isChecked());
    EXPECT_FALSE(fitWidth->isEnabled());
    panel.applyPreset(QStringLiteral("best"));

    width->setValue(1.25);
    auto *tta = panel.findChild<QComboBox *>(QStringLiteral("ttaCombo"));
    tta->setCurrentIndex(tta->findData(QStringLiteral("mirror")));
    panel.findChild<QCheckBox *>(QStringLiteral("lookaheadCheck"))->setChecked(true);
    panel.findChild<QDoubleSpinBox *>(QStringLiteral("lrEndSpin"))->setValue(0.05);
    auto *convolution = panel.findChild<QComboBox *>(QStringLiteral("convolutionCombo"));
    EXPECT_EQ(convolution->currentData().toString(), QStringLiteral("auto"));
    convolution->setCurrentIndex(convolution->findData(QStringLiteral("winograd")));
    TrainingConfig edited = panel.config(base);
    EXPECT_EQ(edited.convolution, "winograd");
    EXPECT_DOUBLE_EQ(edited.widthScale, 1.25);
    EXPECT_EQ(edited.tta, "mirror");
    EXPECT_TRUE(edited.lookahead);
    EXPECT_DOUBLE_EQ(edited.lrEndFactor, 0.05);
    EXPECT_DOUBLE_EQ(edited.muonLearningRate, best.muonLearningRate); // untouched fields keep their exact values
    EXPECT_DOUBLE_EQ(edited.learningRate, best.learningRate);
    EXPECT_TRUE(panel.preset().isEmpty()) << "an edit makes the recipe custom";
    TrainingConfig resnet = base;
    resnet.architecture = "resnet18";
    EXPECT_DOUBLE_EQ(panel.config(resnet).widthScale, 1.0); // fixed widths elsewhere

    // Milestones belong to the step schedule; text that is not a list of numbers is reported.
    auto *schedule = panel.findChild<QComboBox *>(QStringLiteral("scheduleCombo"));
    auto *milestones = panel.findChild<QLineEdit *>(QStringLiteral("milestonesEdit"));
    EXPECT_FALSE(milestones->isEnabled());
    schedule->setCurrentIndex(schedule->findData(QStringLiteral("step")));
    EXPECT_TRUE(milestones->isEnabled());
    milestones->setText(QStringLiteral("0.4, 0.8"));
    EXPECT_EQ(panel.config(base).stepMilestones, (std::vector<double>{0.4, 0.8}));
    EXPECT_TRUE(panel.validate(base).isEmpty()) << panel.validate(base).toStdString();
    milestones->setText(QStringLiteral("half"));
    EXPECT_TRUE(panel.validate(base).startsWith(QStringLiteral("Step milestones:"))) << panel.validate(base).toStdString();
    milestones->setText(QStringLiteral("0.8, 0.4"));
    EXPECT_EQ(panel.validate(base).toStdString(), "--milestones: must be strictly ascending, got 0.8 before 0.4");
}
