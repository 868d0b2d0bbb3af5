// The Embedding tab offscreen: a hand-made map of three classes (some images misclassified) drawn
// in the scatter view, driven by mouse and keyboard (legend toggles, selection, zoom), its detail
// panel with the selected image's neighbours, the options Compute asks for, the remembered
// settings, the empty states, and the CSV export; then the whole window computing a real PCA map
// of a freshly trained run.
#include "core/embedding.h"
#include "core/experiment_store.h"
#include "support/dashboard_fixture.h"
#include "support/temp_dir.h"
#include "support/ui_application.h"
#include "ui/embedding_tab.h"
#include "ui/embedding_view.h"
#include "ui/images_tab.h"
#include "ui/main_window.h"

#include <QAccessible>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTest>
#include <QTextDocument>
#include <QToolButton>
#include <QWheelEvent>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>

using namespace cifarlab;

namespace {

constexpr int kPerClass = 20;
constexpr int kClasses = 3;
constexpr int kPoints = kPerClass * kClasses;
constexpr int kNeighbours = 4;
constexpr int kTestImages = 2 * kPoints; // the map holds every other test image

void application()
{
    test::uiApplication("test_ui_embedding_tab");
}

// Three classes of 8x8 RGB test images, each image a flat colour of its own.
std::shared_ptr<Dataset> tinyDataset()
{
    auto d = std::make_shared<Dataset>();
    d->name = "tiny";
    d->classNames = {"cat", "dog", "frog"};
    ImageSplit &t = d->test;
    t.count = kTestImages;
    t.channels = 3;
    t.height = t.width = 8;
    t.images.resize(static_cast<size_t>(t.count * t.imageBytes()));
    for (int64_t i = 0; i < t.count; ++i) {
        t.labels.push_back((i / 2) / kPerClass);
        for (int64_t c = 0; c < 3; ++c)
            std::fill_n(t.images.begin() + i * t.imageBytes() + c * 64, 64,
                static_cast<uint8_t>((i * 37 + c * 91) % 256));
    }
    return d;
}

// Point p of class p / 20 sits on a 5 x 4 grid (one map unit apart) around its class's centre; every
// seventh point is predicted as the next class. Neighbours by map distance, nearest first.
std::shared_ptr<Embedding> syntheticEmbedding()
{
    auto e = std::make_shared<Embedding>();
    e->method = ProjectionMethod::Tsne;
    e->layer = "flatten";
    e->featureSize = 64;
    e->perplexity = 30.0;
    e->iterations = 1000;
    e->map.klDivergence = 0.75;
    for (int p = 0; p < kPoints; ++p) {
        const int cls = p / kPerClass;
        const int within = p % kPerClass;
        e->imageIndex.push_back(2 * p);
        e->label.push_back(cls);
        e->predicted.push_back(p % 7 == 0 ? (cls + 1) % kClasses : cls);
        e->confidence.push_back(0.5f + static_cast<float>(within % 5) / 10.0f);
        e->map.x.push_back(static_cast<float>(cls * 10 + within % 5));
        e->map.y.push_back(static_cast<float>((cls == 1 ? 8 : 0) + within / 5));
    }
    e->neighbourCount = kNeighbours;
    for (int p = 0; p < kPoints; ++p) {
        std::vector<int> others;
        for (int q = 0; q < kPoints; ++q)
            if (q != p)
                others.push_back(q);
        const auto distance = [&](int q) {
            const double dx = e->map.x[static_cast<size_t>(q)] - e->map.x[static_cast<size_t>(p)];
            const double dy = e->map.y[static_cast<size_t>(q)] - e->map.y[static_cast<size_t>(p)];
            return dx * dx + dy * dy;
        };
        std::stable_sort(
            others.begin(), others.end(), [&](int a, int b) { return distance(a) < distance(b); });
        for (int j = 0; j < kNeighbours; ++j)
            e->neighbours.push_back(others[static_cast<size_t>(j)]);
    }
    e->featureNeighbourAccuracy = 0.9;
    e->mapNeighbourAccuracy = 0.85;
    return e;
}

QStringList classNames()
{
    return {QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("frog")};
}

QString accessibleDescription(QObject *object)
{
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(object);
    return iface ? iface->text(QAccessible::Description) : QString();
}

// A tab showing the synthetic map of "run 1" at epoch 3.
void showMap(
    EmbeddingTab &tab, const std::shared_ptr<Dataset> &dataset, const std::shared_ptr<Embedding> &embedding)
{
    tab.setDataset(dataset);
    tab.setSource(QStringLiteral("run 1's latest checkpoint"), 3);
    tab.setComputing();
    tab.setEmbedding(embedding);
}

} // namespace

TEST(EmbeddingView, MapsEveryPointInsideThePlotAndTheLegendHidesAClass)
{
    application();
    EmbeddingView view;
    view.resize(900, 600);
    view.show();
    auto embedding = syntheticEmbedding();
    view.setEmbedding(embedding, classNames(), tinyDataset());
    ASSERT_TRUE(view.hasEmbedding());
    EXPECT_EQ(view.classCount(), 3);
    EXPECT_EQ(view.visibleCount(), kPoints);
    const QRectF plot = view.plotRect();
    EXPECT_GT(plot.width(), 400);
    EXPECT_FALSE(plot.intersects(view.legendEntryRect(0))) << "the legend must not cover points";
    for (int p = 0; p < kPoints; ++p)
        EXPECT_TRUE(plot.contains(view.pointPosition(p))) << p;
    // The map keeps its aspect ratio: one map unit is as wide as it is tall.
    const QPointF a = view.pointPosition(0), right = view.pointPosition(1), above = view.pointPosition(5);
    EXPECT_NEAR(right.x() - a.x(), a.y() - above.y(), 1e-6);
    EXPECT_GT(right.x() - a.x(), 8.0);

    QSignalSpy toggled(&view, &EmbeddingView::classVisibilityChanged);
    QTest::mouseClick(&view, Qt::LeftButton, {}, view.legendEntryRect(1).center().toPoint());
    EXPECT_EQ(toggled.count(), 1);
    EXPECT_FALSE(view.isClassVisible(1));
    EXPECT_EQ(view.visibleCount(), kPoints - kPerClass);
    EXPECT_EQ(view.pointAt(view.pointPosition(kPerClass + 3)), -1)
        << "a hidden point cannot be hovered or clicked";
    QTest::mouseClick(&view, Qt::LeftButton, {}, view.legendEntryRect(1).center().toPoint());
    EXPECT_TRUE(view.isClassVisible(1));
    EXPECT_EQ(view.visibleCount(), kPoints);
    // Double-click isolates a class.
    QTest::mouseDClick(&view, Qt::LeftButton, {}, view.legendEntryRect(2).center().toPoint());
    EXPECT_EQ(view.visibleCount(), kPerClass);
    EXPECT_TRUE(view.isClassVisible(2));

    // The legend follows the colouring: hiding "cat" by prediction hides what was predicted as cat.
    view.showAllClasses();
    view.setClassVisible(0, false);
    EXPECT_FALSE(view.isPointVisible(7)); // a cat (predicted dog)
    EXPECT_TRUE(view.isPointVisible(42)); // a frog (predicted cat)
    view.setColouring(EmbeddingView::Colouring::PredictedClass);
    const int predictedAsCat
        = static_cast<int>(std::count(embedding->predicted.begin(), embedding->predicted.end(), 0));
    EXPECT_EQ(kPoints - view.visibleCount(), predictedAsCat);
    EXPECT_TRUE(view.isPointVisible(7));
    EXPECT_FALSE(view.isPointVisible(42));
}

TEST(EmbeddingView, ColouringByPredictionRecoloursOnlyTheMistakes)
{
    application();
    EmbeddingView view;
    view.resize(800, 600);
    auto embedding = syntheticEmbedding();
    view.setEmbedding(embedding, classNames(), nullptr);
    const int wrong = 7; // class 0, predicted 1
    const int correct = 8; // class 0, predicted 0
    ASSERT_NE(embedding->label[wrong], embedding->predicted[wrong]);
    const QColor wrongBefore = view.pointColour(wrong);
    const QColor correctBefore = view.pointColour(correct);
    EXPECT_EQ(wrongBefore, EmbeddingView::classColour(0));
    view.setColouring(EmbeddingView::Colouring::PredictedClass);
    EXPECT_EQ(view.pointColour(wrong), EmbeddingView::classColour(1));
    EXPECT_NE(view.pointColour(wrong), wrongBefore);
    EXPECT_EQ(view.pointColour(correct), correctBefore);

    // Every class gets a colour of its own among the ten around it.
    for (int c = 0; c < 40; ++c)
        for (int d = std::max(0, c - 10); d < c; ++d)
            EXPECT_NE(EmbeddingView::classColour(c), EmbeddingView::classColour(d)) << c << " " << d;

    // Highlighting misclassified images changes how the map looks.
    view.show();
    const QImage plain = view.grab().toImage();
    view.setHighlightMisclassified(true);
    EXPECT_NE(view.grab().toImage(), plain);
}

TEST(EmbeddingView, ClicksSelectKeysWalkAndTheWheelZoomsAroundTheCursor)
{
    application();
    EmbeddingView view;
    view.resize(900, 600);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    auto embedding = syntheticEmbedding();
    view.setEmbedding(embedding, classNames(), tinyDataset());
    EXPECT_TRUE(accessibleDescription(&view).startsWith(QStringLiteral("60 of 60 test images shown")))
        << accessibleDescription(&view).toStdString();

    QSignalSpy selected(&view, &EmbeddingView::selectionChanged);
    QTest::mouseClick(&view, Qt::LeftButton, {}, view.pointPosition(23).toPoint());
    EXPECT_EQ(view.selectedPoint(), 23);
    ASSERT_EQ(selected.count(), 1);
    EXPECT_EQ(selected.at(0).at(0).toInt(), 23);
    EXPECT_EQ(accessibleDescription(&view), view.pointDescription(23));
    EXPECT_EQ(view.pointDescription(23),
        QStringLiteral("Image 46: true class dog, predicted dog (80.0%), correct"));
    EXPECT_EQ(view.pointDescription(21),
        QStringLiteral("Image 42: true class dog, predicted frog (60.0%), misclassified"));

    // The hover tooltip shows the image itself, inline.
    const QString tip = view.pointToolTip(23);
    EXPECT_TRUE(tip.contains(QStringLiteral("data:image/png;base64,"))) << tip.toStdString();
    EXPECT_TRUE(tip.contains(QStringLiteral("Image 46")));
    {
        // Rendered as a tooltip renders it, the test image's own colour shows up.
        QTextDocument document;
        document.setHtml(tip);
        QImage canvas(document.size().toSize(), QImage::Format_RGB32);
        canvas.fill(Qt::white);
        QPainter painter(&canvas);
        document.drawContents(&painter);
        painter.end();
        const QColor own((46 * 37) % 256, (46 * 37 + 91) % 256, (46 * 37 + 182) % 256);
        int pixels = 0;
        for (int y = 0; y < canvas.height(); ++y)
            for (int x = 0; x < canvas.width(); ++x)
                pixels += canvas.pixelColor(x, y) == own ? 1 : 0;
        EXPECT_GE(pixels, 64 * 64) << "the inline image is not drawn";
    }

    // Arrow keys walk to the next point in that direction (point 24 is one unit right of 23).
    view.setFocus();
    QTest::keyClick(&view, Qt::Key_Right);
    EXPECT_EQ(view.selectedPoint(), 24);
    QTest::keyClick(&view, Qt::Key_Up); // y grows upwards on the map: 24 + 5 is above it
    EXPECT_EQ(view.selectedPoint(), 29);
    QTest::keyClick(&view, Qt::Key_Escape);
    EXPECT_EQ(view.selectedPoint(), -1);
    QTest::mouseClick(&view, Qt::LeftButton, {}, view.pointPosition(5).toPoint());
    EXPECT_EQ(view.selectedPoint(), 5);
    // A click on empty space clears the selection.
    QTest::mouseClick(&view, Qt::LeftButton, {}, view.plotRect().topLeft().toPoint() + QPoint(3, 3));
    EXPECT_EQ(view.selectedPoint(), -1);

    // Wheel zoom keeps the map point under the cursor in place.
    const QPointF anchor = view.pointPosition(45);
    QWheelEvent wheel(anchor, view.mapToGlobal(anchor), QPoint(), QPoint(0, 240), Qt::NoButton,
        Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&view, &wheel);
    EXPECT_NEAR(view.zoom(), 2.0, 1e-9);
    EXPECT_NEAR(view.pointPosition(45).x(), anchor.x(), 1e-6);
    EXPECT_NEAR(view.pointPosition(45).y(), anchor.y(), 1e-6);
    // A drag pans by the mouse's movement.
    const QPointF before = view.pointPosition(45);
    const QPoint start = anchor.toPoint();
    const QPoint end = start + QPoint(40, 25);
    QTest::mousePress(&view, Qt::LeftButton, {}, start);
    QMouseEvent move(QEvent::MouseMove, QPointF(end), view.mapToGlobal(QPointF(end)), Qt::NoButton,
        Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&view, &move);
    QTest::mouseRelease(&view, Qt::LeftButton, {}, end);
    EXPECT_NEAR(view.pointPosition(45).x(), before.x() + 40, 1e-6);
    EXPECT_NEAR(view.pointPosition(45).y(), before.y() + 25, 1e-6);
    EXPECT_EQ(view.selectedPoint(), -1) << "a drag is not a click";
    // Double-click fits the map again.
    QTest::mouseDClick(&view, Qt::LeftButton, {}, view.plotRect().center().toPoint());
    EXPECT_DOUBLE_EQ(view.zoom(), 1.0);

    // PNG and SVG export.
    test::TempDir dir;
    const QString png = QString::fromStdString(dir.file("map.png"));
    const QString svg = QString::fromStdString(dir.file("map.svg"));
    ASSERT_TRUE(view.saveImage(png));
    ASSERT_TRUE(view.saveImage(svg));
    EXPECT_EQ(QImage(png).size(), view.size() * view.devicePixelRatio());
}

TEST(EmbeddingTab, SaysWhyThereIsNoMapAndOffersComputeOnlyWithACheckpoint)
{
    application();
    QSettings().clear();
    EmbeddingTab tab;
    tab.resize(1100, 700);
    tab.show();
    auto *compute = tab.findChild<QPushButton *>(QStringLiteral("embeddingCompute"));
    auto *cancel = tab.findChild<QPushButton *>(QStringLiteral("embeddingCancel"));
    auto *progress = tab.findChild<QProgressBar *>(QStringLiteral("embeddingProgress"));
    auto *empty = tab.findChild<QLabel *>(QStringLiteral("embeddingEmpty"));
    ASSERT_TRUE(compute && cancel && progress && empty);
    EXPECT_EQ(empty->text(),
        QStringLiteral("Open or train a run to map its test images by what the network learned."));
    EXPECT_TRUE(empty->isVisible());
    EXPECT_FALSE(compute->isEnabled());
    EXPECT_FALSE(progress->isVisible());
    EXPECT_FALSE(cancel->isVisible());

    tab.setDataset(tinyDataset());
    tab.setUnavailable(
        QStringLiteral("The map needs the run's checkpoint, written at the end of each epoch."));
    EXPECT_EQ(empty->text(),
        QStringLiteral("The map needs the run's checkpoint, written at the end of each epoch."));
    EXPECT_FALSE(compute->isEnabled());

    tab.setSource(QStringLiteral("run 1's latest checkpoint"), 2);
    EXPECT_TRUE(compute->isEnabled());
    EXPECT_TRUE(empty->text().startsWith(QStringLiteral("Compute maps the test images")))
        << empty->text().toStdString();

    QSignalSpy cancelled(&tab, &EmbeddingTab::cancelRequested);
    tab.setComputing();
    EXPECT_FALSE(compute->isEnabled());
    EXPECT_TRUE(progress->isVisible());
    EXPECT_TRUE(cancel->isVisible());
    tab.setProgress(0.25, QStringLiteral("features"));
    EXPECT_EQ(progress->value(), 250);
    EXPECT_TRUE(progress->text().startsWith(QStringLiteral("Extracting features")))
        << progress->text().toStdString();
    EXPECT_EQ(empty->text(), QStringLiteral("Computing the map: Extracting features..."));
    tab.setProgress(0.6, QStringLiteral("t-SNE"));
    EXPECT_TRUE(progress->text().startsWith(QStringLiteral("t-SNE")));
    QTest::mouseClick(cancel, Qt::LeftButton);
    EXPECT_EQ(cancelled.count(), 1);
    tab.setCancelled();
    EXPECT_FALSE(progress->isVisible());
    EXPECT_TRUE(compute->isEnabled());
    EXPECT_EQ(empty->text(), QStringLiteral("Cancelled. Compute maps the test images again."));

    tab.setComputing();
    tab.setFailed(QStringLiteral("checkpoint-latest.pt: not a checkpoint"));
    EXPECT_EQ(empty->text(),
        QStringLiteral("The map could not be computed: checkpoint-latest.pt: not a checkpoint"));
    EXPECT_TRUE(compute->isEnabled());
    EXPECT_TRUE(tab.csv().isEmpty());

    tab.clear();
    EXPECT_EQ(empty->text(),
        QStringLiteral("Open or train a run to map its test images by what the network learned."));
    EXPECT_FALSE(compute->isEnabled());
}

TEST(EmbeddingTab, ComputeAsksForTheOptionsInTheWidgetsAndTheyAreRemembered)
{
    application();
    QSettings().clear();
    {
        EmbeddingTab tab;
        auto *method = tab.findChild<QComboBox *>(QStringLiteral("embeddingMethod"));
        auto *images = tab.findChild<QSpinBox *>(QStringLiteral("embeddingImages"));
        auto *perplexity = tab.findChild<QSpinBox *>(QStringLiteral("embeddingPerplexity"));
        auto *colourBy = tab.findChild<QComboBox *>(QStringLiteral("embeddingColourBy"));
        auto *highlight = tab.findChild<QCheckBox *>(QStringLiteral("embeddingHighlight"));
        auto *compute = tab.findChild<QPushButton *>(QStringLiteral("embeddingCompute"));
        ASSERT_TRUE(method && images && perplexity && colourBy && highlight && compute);
        // The defaults: t-SNE of 2,000 images at perplexity 30.
        EXPECT_EQ(method->currentText(), QStringLiteral("t-SNE"));
        EXPECT_EQ(images->value(), 2000);
        EXPECT_EQ(images->minimum(), 100);
        EXPECT_EQ(images->maximum(), kTsneMaxImages); // exact t-SNE stops there
        EXPECT_EQ(perplexity->value(), 30);
        EXPECT_TRUE(perplexity->isEnabled());

        auto dataset = std::make_shared<Dataset>(*tinyDataset());
        dataset->test.count = 5000; // only the count matters to the spin box
        tab.setDataset(dataset);
        tab.setSource(QStringLiteral("run 1's latest checkpoint"), 1);
        QSignalSpy requested(&tab, &EmbeddingTab::computeRequested);
        images->setValue(300);
        perplexity->setValue(20);
        QTest::mouseClick(compute, Qt::LeftButton);
        ASSERT_EQ(requested.count(), 1);
        const auto options = qvariant_cast<EmbeddingOptions>(requested.at(0).at(0));
        EXPECT_EQ(options.method, ProjectionMethod::Tsne);
        EXPECT_EQ(options.maxImages, 300);
        EXPECT_DOUBLE_EQ(options.perplexity, 20.0);
        EXPECT_EQ(options.neighbours, 8);
        EXPECT_EQ(options.iterations, 1000);

        // PCA has no perplexity.
        method->setCurrentIndex(method->findText(QStringLiteral("PCA")));
        EXPECT_FALSE(perplexity->isEnabled());
        // t-SNE needs three times the perplexity in images.
        images->setValue(100);
        EXPECT_EQ(perplexity->maximum(), 33);
        images->setValue(1000);
        EXPECT_EQ(perplexity->maximum(), 100);
        perplexity->setValue(12);
        images->setValue(images->maximum());
        EXPECT_EQ(images->text(), QStringLiteral("All (5,000)"));
        QTest::mouseClick(compute, Qt::LeftButton);
        ASSERT_EQ(requested.count(), 2);
        const auto all = qvariant_cast<EmbeddingOptions>(requested.at(1).at(0));
        EXPECT_EQ(all.method, ProjectionMethod::Pca);
        EXPECT_EQ(all.maxImages, 0) << "the maximum asks for every test image";
        colourBy->setCurrentIndex(1);
        highlight->setChecked(true);
    }
    {
        // A new tab (the next session) starts with the same choices.
        EmbeddingTab tab;
        EXPECT_EQ(tab.options().method, ProjectionMethod::Pca);
        EXPECT_DOUBLE_EQ(tab.options().perplexity, 12.0);
        EXPECT_EQ(tab.findChild<QComboBox *>(QStringLiteral("embeddingColourBy"))->currentIndex(), 1);
        EXPECT_TRUE(tab.findChild<QCheckBox *>(QStringLiteral("embeddingHighlight"))->isChecked());
        EXPECT_EQ(tab.view()->colouring(), EmbeddingView::Colouring::PredictedClass);
        EXPECT_TRUE(tab.view()->highlightsMisclassified());
        // "All" stays all: a smaller split's maximum.
        tab.setDataset(tinyDataset());
        EXPECT_EQ(tab.maximumImages(), kTestImages);
        EXPECT_EQ(tab.options().maxImages, 0);
        EXPECT_EQ(tab.findChild<QSpinBox *>(QStringLiteral("embeddingImages"))->text(),
            QStringLiteral("All (120)"));
    }
    {
        // A count clamped to a small split comes back with a larger one.
        QSettings().setValue(QStringLiteral("embeddingTab/images"), 2500);
        EmbeddingTab tab;
        tab.setDataset(tinyDataset());
        EXPECT_EQ(tab.options().maxImages, 0);
        auto big = std::make_shared<Dataset>(*tinyDataset());
        big->test.count = 10000;
        tab.setDataset(big);
        EXPECT_EQ(tab.options().maxImages, 2500);
        EXPECT_EQ(QSettings().value(QStringLiteral("embeddingTab/images")).toInt(), 2500);

        // t-SNE offers at most 5,000 of the 10,000 (not as "All"); PCA offers them all again.
        auto *method = tab.findChild<QComboBox *>(QStringLiteral("embeddingMethod"));
        auto *images = tab.findChild<QSpinBox *>(QStringLiteral("embeddingImages"));
        EXPECT_EQ(images->maximum(), 10000);
        method->setCurrentIndex(method->findText(QStringLiteral("t-SNE")));
        EXPECT_EQ(images->maximum(), 5000);
        EXPECT_EQ(tab.options().maxImages, 2500);
        images->setValue(images->maximum());
        EXPECT_EQ(images->text(), QStringLiteral("5,000"));
        EXPECT_EQ(tab.options().maxImages, 5000);
        method->setCurrentIndex(method->findText(QStringLiteral("PCA")));
        EXPECT_EQ(images->maximum(), 10000);
        EXPECT_EQ(tab.options().maxImages, 5000);
        EXPECT_EQ(images->text(), QStringLiteral("5,000"));
    }
}

TEST(EmbeddingTab, TheSelectedImageShowsItsClassesAndNeighboursWhichSelectInTurn)
{
    application();
    QSettings().clear();
    EmbeddingTab tab;
    tab.resize(1200, 800);
    tab.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&tab));
    auto dataset = tinyDataset();
    auto embedding = syntheticEmbedding();
    showMap(tab, dataset, embedding);
    ASSERT_TRUE(tab.hasMap());
    EmbeddingView *view = tab.view();
    EXPECT_TRUE(view->isVisible());
    EXPECT_EQ(view->visibleCount(), kPoints);
    EXPECT_EQ(tab.findChild<QLabel *>(QStringLiteral("embeddingDetailTitle"))->text(),
        QStringLiteral("Click a point to see its image and its nearest neighbours."));

    const QString summary = tab.findChild<QLabel *>(QStringLiteral("embeddingSummary"))->text();
    EXPECT_EQ(summary, tab.summaryText());
    for (const char *part :
        {"t-SNE of 60 test images (perplexity 30, 1,000 iterations); final KL divergence 0.750",
            "features: layer flatten, 64 values per image",
            "4-NN accuracy in feature space: 90.0%, kept by the map: 85.0%",
            "from run 1's latest checkpoint at epoch 3"})
        EXPECT_TRUE(summary.contains(QString::fromLatin1(part)))
            << summary.toStdString() << "\nlacks " << part;

    // Point 21: a dog predicted as a frog.
    QTest::mouseClick(view, Qt::LeftButton, {}, view->pointPosition(21).toPoint());
    ASSERT_EQ(view->selectedPoint(), 21);
    EXPECT_EQ(tab.selectedImage(), 42);
    EXPECT_EQ(
        tab.findChild<QLabel *>(QStringLiteral("embeddingDetailTitle"))->text(), QStringLiteral("Image 42"));
    EXPECT_EQ(tab.findChild<QLabel *>(QStringLiteral("embeddingDetailTrue"))->text(), QStringLiteral("dog"));
    EXPECT_EQ(
        tab.findChild<QLabel *>(QStringLiteral("embeddingDetailPredicted"))->text(), QStringLiteral("frog"));
    EXPECT_EQ(tab.findChild<QLabel *>(QStringLiteral("embeddingDetailConfidence"))->text(),
        QStringLiteral("60.0%"));
    EXPECT_EQ(tab.findChild<QLabel *>(QStringLiteral("embeddingDetailVerdict"))->text(),
        QStringLiteral("Misclassified"));
    const QPixmap enlarged = tab.findChild<QLabel *>(QStringLiteral("embeddingDetailImage"))->pixmap();
    EXPECT_EQ(qRound(enlarged.width() / enlarged.devicePixelRatio()), 128);
    // The enlarged image is the test image itself (a flat colour).
    const QColor expected((42 * 37) % 256, (42 * 37 + 91) % 256, (42 * 37 + 182) % 256);
    EXPECT_EQ(enlarged.toImage().pixelColor(10, 10), expected);

    const auto k = static_cast<size_t>(kNeighbours);
    for (size_t j = 0; j < k; ++j) {
        auto *button = tab.findChild<QToolButton *>(QStringLiteral("embeddingNeighbour%1").arg(j));
        ASSERT_NE(button, nullptr) << j;
        EXPECT_TRUE(button->isVisible());
        const int other = embedding->neighbours[21 * k + j];
        EXPECT_EQ(button->property("position").toInt(), other);
        EXPECT_EQ(button->text(), classNames()[embedding->label[static_cast<size_t>(other)]]);
        EXPECT_TRUE(
            button->accessibleName().startsWith(QStringLiteral("Neighbour %1: Image %2")
                                                    .arg(j + 1)
                                                    .arg(embedding->imageIndex[static_cast<size_t>(other)])))
            << button->accessibleName().toStdString();
    }
    EXPECT_EQ(tab.findChild<QLabel *>(QStringLiteral("embeddingNeighboursSummary"))->text(),
        QStringLiteral("4 of 4 share its true class, nearest first:"));

    // A neighbour's button selects it in the map.
    auto *second = tab.findChild<QToolButton *>(QStringLiteral("embeddingNeighbour1"));
    const int target = embedding->neighbours[21 * k + 1];
    QTest::mouseClick(second, Qt::LeftButton);
    EXPECT_EQ(view->selectedPoint(), target);
    EXPECT_EQ(tab.selectedImage(), embedding->imageIndex[static_cast<size_t>(target)]);
    EXPECT_EQ(tab.findChild<QLabel *>(QStringLiteral("embeddingDetailTitle"))->text(),
        QStringLiteral("Image %1").arg(embedding->imageIndex[static_cast<size_t>(target)]));

    // "Show in Images tab" names the selected image.
    QSignalSpy show(&tab, &EmbeddingTab::showImageRequested);
    QTest::mouseClick(tab.findChild<QPushButton *>(QStringLiteral("embeddingShowInImages")), Qt::LeftButton);
    ASSERT_EQ(show.count(), 1);
    EXPECT_EQ(show.at(0).at(0).toInt(), tab.selectedImage());

    // Selecting by image index, and an image the map does not hold.
    EXPECT_TRUE(tab.selectImage(58));
    EXPECT_EQ(view->selectedPoint(), 29);
    EXPECT_FALSE(tab.selectImage(59));
    EXPECT_EQ(view->selectedPoint(), 29);

    // Colour by predicted class from the combo.
    auto *colourBy = tab.findChild<QComboBox *>(QStringLiteral("embeddingColourBy"));
    colourBy->setCurrentIndex(1);
    EXPECT_EQ(view->pointColour(21), EmbeddingView::classColour(2));
}

TEST(EmbeddingTab, AMapOfAnEarlierEpochSaysTheRunMovedOn)
{
    application();
    QSettings().clear();
    EmbeddingTab tab;
    tab.resize(1100, 700);
    tab.show();
    showMap(tab, tinyDataset(), syntheticEmbedding());
    auto *note = tab.findChild<QLabel *>(QStringLiteral("embeddingNote"));
    ASSERT_NE(note, nullptr);
    EXPECT_FALSE(tab.isStale());
    EXPECT_FALSE(note->isVisible());
    tab.setSource(QStringLiteral("run 1's latest checkpoint"), 4);
    EXPECT_TRUE(tab.hasMap()) << "a newer checkpoint never throws the map away";
    EXPECT_TRUE(tab.isStale());
    EXPECT_TRUE(note->isVisible());
    EXPECT_EQ(note->text(),
        QStringLiteral(
            "Computed at epoch 3; the run has moved on to epoch 4. Compute maps its latest checkpoint."));
    EXPECT_TRUE(tab.findChild<QPushButton *>(QStringLiteral("embeddingCompute"))->isEnabled());

    // A recomputation keeps the old map on screen until the new one is there.
    tab.setComputing();
    EXPECT_TRUE(tab.hasMap());
    EXPECT_EQ(note->text(), QStringLiteral("Computing a new map; the one shown stays until it is ready."));
    tab.setFailed(QStringLiteral("out of memory"));
    EXPECT_TRUE(tab.hasMap());
    EXPECT_EQ(note->text(),
        QStringLiteral(
            "The new map could not be computed: out of memory. The map shown is the earlier one."));
    tab.setComputing();
    tab.setEmbedding(syntheticEmbedding());
    EXPECT_FALSE(tab.isStale());
    EXPECT_TRUE(tab.summaryText().contains(QStringLiteral("at epoch 4")));

    // Another run: the map is gone.
    tab.clear();
    EXPECT_FALSE(tab.hasMap());
    EXPECT_FALSE(tab.view()->hasEmbedding());
}

TEST(EmbeddingTab, CsvIsTheCliText)
{
    application();
    EmbeddingTab tab;
    auto dataset = tinyDataset();
    auto embedding = syntheticEmbedding();
    showMap(tab, dataset, embedding);
    const QString csv = tab.csv();
    EXPECT_EQ(csv.toStdString(), embeddingCsv(*embedding, dataset->classNames));
    EXPECT_EQ(csv.count(QLatin1Char('\n')), kPoints + 1);
}

// The whole window: a short run trains, the tab maps its test images by PCA through Compute, the map
// survives reopening the run and goes with its checkpoint.
TEST(EmbeddingTab, TheWindowMapsATrainedRunsTestImages)
{
    test::DashboardFixture f("test_ui_embedding_tab");
    QSettings().clear();
    MainWindow window(QString::fromStdString(f.store));
    test::prepareDashboard(window, f, 1, 32);
    window.show();
    auto *tab = window.embeddingTab();
    ASSERT_NE(tab, nullptr);
    EXPECT_EQ(window.tabs()->tabText(window.tabs()->indexOf(tab)), QStringLiteral("&Embedding"));
    window.tabs()->setCurrentWidget(tab);
    EXPECT_EQ(tab->emptyText(),
        QStringLiteral("Open or train a run to map its test images by what the network learned."));

    QSignalSpy finished(&window, &MainWindow::trainingFinished);
    ASSERT_TRUE(window.startTraining()) << window.validationMessage().toStdString();
    ASSERT_TRUE(finished.wait(120000));
    window.tabs()->setCurrentWidget(tab);
    auto *compute = tab->findChild<QPushButton *>(QStringLiteral("embeddingCompute"));
    ASSERT_TRUE(test::waitUntil([&] { return compute->isEnabled(); })) << tab->emptyText().toStdString();

    auto *method = tab->findChild<QComboBox *>(QStringLiteral("embeddingMethod"));
    auto *images = tab->findChild<QSpinBox *>(QStringLiteral("embeddingImages"));
    method->setCurrentIndex(method->findText(QStringLiteral("PCA")));
    EXPECT_EQ(images->maximum(), 120);
    images->setValue(100);
    QSignalSpy mapped(&window, &MainWindow::embeddingFinished);
    QTest::mouseClick(compute, Qt::LeftButton);
    EXPECT_TRUE(tab->isComputing());
    if (qEnvironmentVariableIsSet("CIFARLAB_UI_SHOTS"))
        window.grab().save(QStringLiteral("embedding-computing.png"));
    ASSERT_TRUE(mapped.wait(120000));
    EXPECT_TRUE(mapped.at(0).at(0).toString().isEmpty()) << mapped.at(0).at(0).toString().toStdString();
    ASSERT_TRUE(tab->hasMap());
    EXPECT_EQ(tab->embedding()->count(), 100);
    EXPECT_EQ(tab->embedding()->method, ProjectionMethod::Pca);
    EXPECT_EQ(tab->view()->visibleCount(), 100);
    EXPECT_TRUE(tab->summaryText().startsWith(QStringLiteral("PCA of 100 test images")))
        << tab->summaryText().toStdString();
    EXPECT_TRUE(tab->summaryText().contains(QStringLiteral("at epoch 1")))
        << tab->summaryText().toStdString();
    EXPECT_FALSE(tab->csv().isEmpty());
    if (qEnvironmentVariableIsSet("CIFARLAB_UI_SHOTS")) {
        tab->findChild<QCheckBox *>(QStringLiteral("embeddingHighlight"))->setChecked(true);
        tab->selectImage(static_cast<int>(tab->embedding()->imageIndex[3]));
        QTest::qWait(50);
        window.grab().save(QStringLiteral("embedding-pca.png"));
        tab->findChild<QCheckBox *>(QStringLiteral("embeddingHighlight"))->setChecked(false);
    }

    // Reopening the same run keeps its map; "Show in Images tab" goes there with the image selected.
    const qint64 runId = window.viewedRun();
    ASSERT_GT(runId, 0);
    ASSERT_TRUE(window.openRun(runId));
    EXPECT_TRUE(tab->hasMap());
    window.tabs()->setCurrentWidget(tab);
    const int image = static_cast<int>(tab->embedding()->imageIndex[5]);
    ASSERT_TRUE(tab->selectImage(image));
    QTest::mouseClick(tab->findChild<QPushButton *>(QStringLiteral("embeddingShowInImages")), Qt::LeftButton);
    EXPECT_EQ(window.tabs()->currentWidget(), window.imagesTab());
    EXPECT_EQ(window.imagesTab()->selectedImage(), image);

    // Without its checkpoint the run cannot be mapped: the map goes, and the tab says why.
    ExperimentStore store(f.store);
    std::filesystem::remove(store.runFolder(runId) + "/checkpoint-latest.pt");
    ASSERT_TRUE(window.openRun(runId));
    EXPECT_FALSE(tab->hasMap());
    EXPECT_TRUE(tab->emptyText().contains(QStringLiteral("checkpoint"))) << tab->emptyText().toStdString();
    EXPECT_FALSE(compute->isEnabled());
}
