// The Dataset tab's augmentation preview: what the form's recipe makes of a few training images.
#include "support/dashboard_fixture.h"
#include "support/learnable_data.h"
#include "support/ui_application.h"
#include "ui/augmentation_preview.h"
#include "ui/config_panel.h"
#include "ui/main_window.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace cifarlab;

namespace {

std::shared_ptr<const Dataset> data()
{
    return std::make_shared<const Dataset>(test::makeLearnableDataset(200, 20, 4, 3, 16));
}

QImage mirrored(const QImage &image)
{
    return image.mirrored(true, false);
}

} // namespace

TEST(AugmentationPreviewWidget, ShowsWhatTheRecipeDoesToEachImage)
{
    test::uiApplication("test_ui_augmentation_preview");
    AugmentationPreview preview;
    preview.resize(800, 500);
    EXPECT_EQ(preview.rows(), 0);
    EXPECT_TRUE(preview.summaryText().contains(QStringLiteral("Open a dataset")));
    preview.setDataset(data(), {0.5, 0.5, 0.5}, {0.25, 0.25, 0.25});
    ASSERT_EQ(preview.rows(), 4);
    auto *newDraw = preview.findChild<QPushButton *>(QStringLiteral("augmentationNewDraw"));
    auto *other = preview.findChild<QPushButton *>(QStringLiteral("augmentationOtherImages"));
    ASSERT_NE(newDraw, nullptr);
    ASSERT_NE(other, nullptr);

    // No augmentation: every epoch sees the image as stored.
    EXPECT_TRUE(preview.summaryText().contains(QStringLiteral("no augmentation"))) << preview.summaryText().toStdString();
    EXPECT_FALSE(newDraw->isEnabled()) << "nothing to redraw";
    for (int r = 0; r < 4; ++r) {
        ASSERT_FALSE(preview.cell(r, 0).isNull());
        EXPECT_EQ(preview.cell(r, 0).size(), QSize(16, 16));
        for (int c = 1; c <= preview.draws(); ++c)
            EXPECT_EQ(preview.cell(r, c), preview.cell(r, 0)) << r << "," << c;
    }
    EXPECT_TRUE(preview.cell(4, 0).isNull());
    EXPECT_TRUE(preview.cell(0, preview.draws() + 1).isNull());

    // Alternating flips: the mirror every other epoch.
    preview.setRecipe({"flip-alternate"}, 2, 8);
    EXPECT_TRUE(preview.summaryText().contains(QStringLiteral("mirrored in every other epoch"))) << preview.summaryText().toStdString();
    for (int r = 0; r < 4; ++r) {
        const QImage stored = preview.cell(r, 0);
        const bool firstMirrored = preview.cell(r, 1) == mirrored(stored);
        for (int c = 1; c <= preview.draws(); ++c)
            EXPECT_EQ(preview.cell(r, c), (firstMirrored == (c % 2 == 1)) ? mirrored(stored) : stored) << r << "," << c;
    }

    // New Draw: the same images, other shifts.
    preview.setRecipe({"translate", "cutout"}, 3, 6);
    EXPECT_TRUE(preview.summaryText().contains(QStringLiteral("shift up to 3 px"))) << preview.summaryText().toStdString();
    EXPECT_TRUE(preview.summaryText().contains(QStringLiteral("6 px square erased"))) << preview.summaryText().toStdString();
    ASSERT_TRUE(newDraw->isEnabled());
    const QImage stored = preview.cell(0, 0);
    const QImage drawn = preview.cell(0, 1);
    QTest::mouseClick(newDraw, Qt::LeftButton);
    EXPECT_EQ(preview.cell(0, 0), stored);
    bool changed = false;
    for (int c = 1; c <= preview.draws(); ++c)
        changed |= preview.cell(0, c) != drawn;
    EXPECT_TRUE(changed);

    // Other Images: other training images.
    std::vector<QImage> before;
    for (int r = 0; r < 4; ++r)
        before.push_back(preview.cell(r, 0));
    QTest::mouseClick(other, Qt::LeftButton);
    int replaced = 0;
    for (int r = 0; r < 4; ++r)
        replaced += preview.cell(r, 0) != before[static_cast<size_t>(r)];
    EXPECT_GE(replaced, 2);
    EXPECT_FALSE(preview.grab().isNull());
}

TEST(AugmentationPreviewWidget, TheDatasetTabFollowsTheForm)
{
    test::DashboardFixture f("test_ui_augmentation_preview");
    MainWindow window(QString::fromStdString(f.store));
    test::prepareDashboard(window, f, 1, 32);
    auto *preview = window.findChild<AugmentationPreview *>();
    ASSERT_NE(preview, nullptr);
    ASSERT_EQ(preview->rows(), 4);
    EXPECT_EQ(preview->cell(0, 0).size(), QSize(28, 28));
    window.configPanel()->applyPreset(QStringLiteral("fast"));
    EXPECT_TRUE(preview->summaryText().contains(QStringLiteral("mirrored in every other epoch"))) << preview->summaryText().toStdString();
    EXPECT_TRUE(preview->summaryText().contains(QStringLiteral("shift up to 2 px"))) << preview->summaryText().toStdString();
    EXPECT_EQ(window.findChild<QLabel *>(QStringLiteral("augmentationSummary"))->text(), preview->summaryText());
}
