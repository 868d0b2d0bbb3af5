// The Images tab offscreen: a small in-memory test split with two epochs of known predictions,
// checked through the model's rows and roles and through the widgets a user sees.
#include "support/ui_application.h"
#include "ui/images_tab.h"
#include "ui/prediction_delegate.h"
#include "ui/prediction_model.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QListView>
#include <QPixmap>
#include <QSet>
#include <QSignalSpy>
#include <QSlider>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>

using namespace cifarlab;

namespace {

QApplication &application()
{
    return test::uiApplication("test_ui_images_tab");
}

const std::vector<std::string> kClasses
    = {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};

// Test image i has label i % 10 and a deterministic colour per pixel.
std::shared_ptr<Dataset> makeDataset(int count, int channels = 3, int side = 32)
{
    auto dataset = std::make_shared<Dataset>();
    dataset->name = "synthetic";
    dataset->classNames = kClasses;
    ImageSplit &split = dataset->test;
    split.count = count;
    split.channels = channels;
    split.height = side;
    split.width = side;
    split.images.resize(static_cast<size_t>(count) * channels * side * side);
    split.labels.resize(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) {
        split.labels[static_cast<size_t>(i)] = i % 10;
        uint8_t *img = split.images.data() + static_cast<size_t>(i) * channels * side * side;
        for (int c = 0; c < channels; ++c)
            for (int y = 0; y < side; ++y)
                for (int x = 0; x < side; ++x)
                    img[(c * side + y) * side + x]
                        = static_cast<uint8_t>((i * 7 + c * 80 + x * 4 + y * 2) % 256);
    }
    return dataset;
}

// Epoch 0: images with i % 5 == 0 are wrong (predicted label + 1).
// Epoch 1: images with i % 4 == 0 are wrong (predicted label + 3).
EpochMetrics makeEpoch(int epochIndex, int count, bool withTopK = true)
{
    EpochMetrics e;
    e.epoch = epochIndex;
    e.epochs = 2;
    e.testPredictions.resize(static_cast<size_t>(count));
    e.testConfidence.resize(static_cast<size_t>(count));
    e.testImageLoss.resize(static_cast<size_t>(count));
    e.topK = withTopK ? 5 : 0;
    for (int i = 0; i < count; ++i) {
        const int label = i % 10;
        const bool wrong = epochIndex == 0 ? i % 5 == 0 : i % 4 == 0;
        const int predicted = wrong ? (label + (epochIndex == 0 ? 1 : 3)) % 10 : label;
        const float conf = 0.3f + static_cast<float>((i * 53) % count) / (2.0f * count);
        e.testPredictions[static_cast<size_t>(i)] = predicted;
        e.testConfidence[static_cast<size_t>(i)] = conf;
        // Distinct losses; every mistake (>= 3) costs more than any right answer (< 1).
        e.testImageLoss[static_cast<size_t>(i)]
            = static_cast<float>((i * 37) % count) / count + (wrong ? 3.0f : 0.0f);
        if (withTopK) {
            std::vector<int> top = {predicted};
            if (wrong)
                top.push_back(label);
            for (int c = 0; static_cast<int>(top.size()) < 5; ++c)
                if (std::find(top.begin(), top.end(), c) == top.end())
                    top.push_back(c);
            float rest = 1.0f - conf;
            for (int j = 0; j < 5; ++j) {
                e.testTopClasses.push_back(top[static_cast<size_t>(j)]);
                e.testTopProbabilities.push_back(j == 0 ? conf : (rest *= 0.5f));
            }
        }
    }
    return e;
}

template<typename T> T *child(QWidget &parent, const char *name)
{
    T *w = parent.findChild<T *>(QString::fromLatin1(name));
    EXPECT_NE(w, nullptr) << name;
    return w;
}

int countIf(int n, const std::function<bool(int)> &predicate)
{
    int count = 0;
    for (int i = 0; i < n; ++i)
        count += predicate(i) ? 1 : 0;
    return count;
}

} // namespace

TEST(ImagesTab, FiltersByVerdictClassAndPair)
{
    application();
    ImagesTab tab;
    tab.setDataset(makeDataset(200));
    tab.appendEpoch(makeEpoch(0, 200));
    tab.appendEpoch(makeEpoch(1, 200));

    using F = PredictionModel::Filter;
    EXPECT_EQ(tab.visibleCount(), 200);
    tab.setFilter(F::Misclassified);
    EXPECT_EQ(tab.visibleCount(), 50);
    tab.setFilter(F::Correct);
    EXPECT_EQ(tab.visibleCount(), 150);
    tab.setFilter(F::TrueClass, 3);
    EXPECT_EQ(tab.visibleCount(), 20);
    for (int r = 0; r < tab.visibleCount(); ++r)
        EXPECT_EQ(tab.model()->data(tab.model()->index(r), PredictionModel::TrueClassRole).toInt(), 3);
    // Predicted as cat: the 20 right cats plus airplanes wrongly predicted as airplane + 3.
    tab.setFilter(F::PredictedClass, 3);
    EXPECT_EQ(tab.visibleCount(), 20 + countIf(200, [](int i) { return i % 10 == 0 && i % 4 == 0; }));
    tab.setFilter(F::All);
    EXPECT_EQ(tab.visibleCount(), 200);

    tab.showPair(0, 3);
    EXPECT_EQ(tab.visibleCount(), 10);
    for (int r = 0; r < tab.visibleCount(); ++r) {
        const QModelIndex index = tab.model()->index(r);
        EXPECT_EQ(index.data(PredictionModel::TrueClassRole).toInt(), 0);
        EXPECT_EQ(index.data(PredictionModel::PredictedClassRole).toInt(), 3);
        EXPECT_FALSE(index.data(PredictionModel::CorrectRole).toBool());
        EXPECT_EQ(index.data(Qt::DisplayRole).toString(), QStringLiteral("airplane \u2192 cat"));
    }
    // A pair nobody confuses is empty, not an error.
    tab.showPair(1, 2);
    EXPECT_EQ(tab.visibleCount(), 0);
}

TEST(ImagesTab, CombosAndApiStayInSync)
{
    application();
    ImagesTab tab;
    tab.setDataset(makeDataset(200));
    tab.setEpochs({makeEpoch(0, 200), makeEpoch(1, 200)});

    auto *filter = child<QComboBox>(tab, "imageFilter");
    auto *cls = child<QComboBox>(tab, "imageClass");
    auto *predicted = child<QComboBox>(tab, "imagePredictedClass");
    auto *sort = child<QComboBox>(tab, "imageSort");
    auto *count = child<QLabel>(tab, "imageCount");
    ASSERT_TRUE(filter && cls && predicted && sort && count);
    EXPECT_EQ(cls->count(), 10);
    EXPECT_EQ(filter->currentData().toInt(), static_cast<int>(PredictionModel::Filter::All));
    EXPECT_EQ(sort->currentData().toInt(), static_cast<int>(PredictionModel::Sort::LossDescending));
    EXPECT_TRUE(count->text().contains(QStringLiteral("200 of 200"))) << count->text().toStdString();

    tab.showPair(0, 3);
    EXPECT_EQ(filter->currentData().toInt(), static_cast<int>(PredictionModel::Filter::Pair));
    EXPECT_EQ(cls->currentText(), QStringLiteral("airplane"));
    EXPECT_EQ(predicted->currentText(), QStringLiteral("cat"));
    EXPECT_FALSE(cls->isHidden());
    EXPECT_FALSE(predicted->isHidden());
    EXPECT_TRUE(count->text().contains(QStringLiteral("10 of 200"))) << count->text().toStdString();

    // The user picks in the combos; the model follows.
    filter->setCurrentIndex(filter->findData(static_cast<int>(PredictionModel::Filter::Misclassified)));
    EXPECT_EQ(tab.model()->filter(), PredictionModel::Filter::Misclassified);
    EXPECT_EQ(tab.visibleCount(), 50);
    EXPECT_TRUE(cls->isHidden());
    filter->setCurrentIndex(filter->findData(static_cast<int>(PredictionModel::Filter::TrueClass)));
    cls->setCurrentIndex(7);
    EXPECT_EQ(tab.model()->filter(), PredictionModel::Filter::TrueClass);
    EXPECT_EQ(tab.model()->filterClass(), 7);
    EXPECT_EQ(tab.visibleCount(), 20);

    sort->setCurrentIndex(sort->findData(static_cast<int>(PredictionModel::Sort::Index)));
    EXPECT_EQ(tab.model()->sort(), PredictionModel::Sort::Index);
    tab.setSort(PredictionModel::Sort::ConfidenceDescending);
    EXPECT_EQ(sort->currentData().toInt(), static_cast<int>(PredictionModel::Sort::ConfidenceDescending));
    tab.setFilter(PredictionModel::Filter::PredictedClass, 5);
    EXPECT_EQ(filter->currentData().toInt(), static_cast<int>(PredictionModel::Filter::PredictedClass));
    EXPECT_EQ(cls->currentText(), QStringLiteral("dog"));
}

TEST(ImagesTab, SortsByLossAndConfidence)
{
    application();
    ImagesTab tab;
    tab.setDataset(makeDataset(200));
    tab.appendEpoch(makeEpoch(0, 200));
    const EpochMetrics last = makeEpoch(1, 200);
    tab.appendEpoch(last);
    PredictionModel *model = tab.model();

    // Default: highest loss first.
    EXPECT_EQ(model->sort(), PredictionModel::Sort::LossDescending);
    const auto maxLoss = std::max_element(last.testImageLoss.begin(), last.testImageLoss.end());
    EXPECT_EQ(model->imageAt(0), static_cast<int>(maxLoss - last.testImageLoss.begin()));
    for (int r = 1; r < model->rowCount(); ++r)
        EXPECT_GE(model->index(r - 1).data(PredictionModel::LossRole).toDouble(),
            model->index(r).data(PredictionModel::LossRole).toDouble());
    // With these losses every mistake outranks every right answer.
    for (int r = 0; r < 50; ++r)
        EXPECT_FALSE(model->index(r).data(PredictionModel::CorrectRole).toBool()) << r;

    tab.setSort(PredictionModel::Sort::ConfidenceAscending);
    const auto minConf = std::min_element(last.testConfidence.begin(), last.testConfidence.end());
    EXPECT_EQ(model->imageAt(0), static_cast<int>(minConf - last.testConfidence.begin()));
    for (int r = 1; r < model->rowCount(); ++r)
        EXPECT_LE(model->index(r - 1).data(PredictionModel::ConfidenceRole).toDouble(),
            model->index(r).data(PredictionModel::ConfidenceRole).toDouble());

    tab.setSort(PredictionModel::Sort::ConfidenceDescending);
    const auto maxConf = std::max_element(last.testConfidence.begin(), last.testConfidence.end());
    EXPECT_EQ(model->imageAt(0), static_cast<int>(maxConf - last.testConfidence.begin()));

    tab.setSort(PredictionModel::Sort::Index);
    for (int r = 0; r < model->rowCount(); ++r)
        EXPECT_EQ(model->imageAt(r), r);
    EXPECT_EQ(model->rowOfImage(123), 123);
}

TEST(ImagesTab, SelectionFillsTheDetailPanelWithHistory)
{
    application();
    ImagesTab tab;
    tab.resize(1100, 700);
    tab.setDataset(makeDataset(200));
    tab.appendEpoch(makeEpoch(0, 200));
    tab.appendEpoch(makeEpoch(1, 200));

    QSignalSpy selected(&tab, &ImagesTab::imageSelected);
    // Image 4 (deer) was right at epoch 0 and is predicted horse (4 + 3) at epoch 1.
    tab.selectImage(4);
    EXPECT_EQ(tab.selectedImage(), 4);
    ASSERT_EQ(selected.count(), 1);
    EXPECT_EQ(selected.at(0).at(0).toInt(), 4);

    auto *detail = child<QWidget>(tab, "imageDetail");
    ASSERT_NE(detail, nullptr);
    EXPECT_TRUE(child<QLabel>(*detail, "detailTitle")->text().contains(QStringLiteral("4")));
    EXPECT_TRUE(child<QLabel>(*detail, "detailTrueClass")->text().contains(QStringLiteral("deer")));
    EXPECT_TRUE(child<QLabel>(*detail, "detailPredictedClass")->text().contains(QStringLiteral("horse")));
    EXPECT_TRUE(child<QLabel>(*detail, "detailVerdict")->text().contains(QStringLiteral("Misclassified")));
    EXPECT_FALSE(child<QLabel>(*detail, "detailConfidence")->text().isEmpty());
    EXPECT_FALSE(child<QLabel>(*detail, "detailLoss")->text().isEmpty());
    auto *top = child<QWidget>(*detail, "detailTopClasses");
    EXPECT_TRUE(top->accessibleName().startsWith(QStringLiteral("horse")))
        << top->accessibleName().toStdString();
    EXPECT_TRUE(top->accessibleName().contains(QStringLiteral("deer")));
    const QPixmap big = child<QLabel>(*detail, "detailImage")->pixmap();
    EXPECT_EQ(big.deviceIndependentSize().toSize(), QSize(192, 192));

    const auto history = tab.model()->history(4);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_TRUE(history[0].correct);
    EXPECT_FALSE(history[1].correct);
    const QString historyText = child<QLabel>(*detail, "detailHistoryText")->text();
    EXPECT_TRUE(historyText.contains(QStringLiteral("Flipped once"))) << historyText.toStdString();
    EXPECT_TRUE(historyText.contains(QStringLiteral("last right at epoch 1"))) << historyText.toStdString();

    // Image 5: wrong then right; image 20: wrong twice; image 1: right twice.
    tab.selectImage(5);
    EXPECT_TRUE(
        child<QLabel>(*detail, "detailHistoryText")->text().contains(QStringLiteral("right since epoch 2")));
    tab.selectImage(20);
    EXPECT_TRUE(
        child<QLabel>(*detail, "detailHistoryText")->text().contains(QStringLiteral("Wrong in all 2")));
    tab.selectImage(1);
    EXPECT_TRUE(child<QLabel>(*detail, "detailVerdict")->text().contains(QStringLiteral("Correct")));
    EXPECT_EQ(selected.count(), 4);

    // Re-sorting and a new epoch keep the selection on the same image.
    tab.setSort(PredictionModel::Sort::ConfidenceAscending);
    EXPECT_EQ(tab.selectedImage(), 1);
    tab.appendEpoch(makeEpoch(1, 200)); // same epoch number again: replaces, no third square
    EXPECT_EQ(tab.selectedImage(), 1);
    EXPECT_EQ(tab.model()->epochCount(), 2);
    auto *grid = child<QListView>(tab, "imageGrid");
    EXPECT_EQ(grid->currentIndex().data(PredictionModel::ImageIndexRole).toInt(), 1);

    // Selecting a filtered-out image switches back to all images.
    tab.setFilter(PredictionModel::Filter::Misclassified);
    EXPECT_EQ(tab.selectedImage(), -1); // image 1 is right
    tab.selectImage(1);
    EXPECT_EQ(tab.model()->filter(), PredictionModel::Filter::All);
    EXPECT_EQ(tab.selectedImage(), 1);
}

TEST(ImagesTab, BeforeTheFirstEpochShowsTrueLabelsOnly)
{
    application();
    ImagesTab tab;
    tab.setDataset(makeDataset(50));
    PredictionModel *model = tab.model();
    EXPECT_FALSE(model->hasPredictions());
    EXPECT_EQ(tab.visibleCount(), 50);
    EXPECT_EQ(model->imageAt(0), 0); // no losses yet: index order
    const QModelIndex first = model->index(3);
    EXPECT_EQ(first.data(Qt::DisplayRole).toString(), QStringLiteral("cat"));
    EXPECT_FALSE(first.data(PredictionModel::PredictedClassRole).isValid());
    EXPECT_FALSE(first.data(PredictionModel::CorrectRole).isValid());

    tab.selectImage(3);
    auto *placeholder = child<QLabel>(tab, "detailPlaceholder");
    EXPECT_FALSE(placeholder->isHidden());
    EXPECT_TRUE(placeholder->text().contains(QStringLiteral("after the first epoch")));
    EXPECT_TRUE(child<QLabel>(tab, "detailTrueClass")->text().contains(QStringLiteral("cat")));
    EXPECT_TRUE(child<QLabel>(tab, "detailPredictedClass")->isHidden());

    // Predictions that do not match the split are ignored rather than misread.
    tab.appendEpoch(makeEpoch(0, 49));
    EXPECT_FALSE(model->hasPredictions());

    // Without top-k the detail still lists the predicted class and its confidence.
    tab.appendEpoch(makeEpoch(0, 50, false));
    EXPECT_TRUE(model->hasPredictions());
    EXPECT_EQ(tab.selectedImage(), 3);
    const auto top = model->topClasses(3);
    ASSERT_EQ(top.size(), 1u);
    EXPECT_EQ(top[0].first, 3);
    EXPECT_TRUE(placeholder->isHidden());

    tab.clear();
    EXPECT_EQ(tab.visibleCount(), 0);
    EXPECT_EQ(tab.selectedImage(), -1);
}

TEST(ImagesTab, ThumbnailsRenderAtTheChosenSize)
{
    application();
    ImagesTab tab;
    tab.resize(1100, 700);
    auto dataset = makeDataset(200);
    tab.setDataset(dataset);
    tab.appendEpoch(makeEpoch(1, 200));
    PredictionModel *model = tab.model();

    const QModelIndex first = model->index(0);
    const QPixmap thumb = qvariant_cast<QPixmap>(first.data(Qt::DecorationRole));
    ASSERT_FALSE(thumb.isNull());
    EXPECT_EQ(thumb.deviceIndependentSize().toSize(), QSize(64, 64));

    // Planar bytes become the right RGB pixel.
    const int image = model->imageAt(0);
    const QImage raw = model->image(image);
    ASSERT_EQ(raw.size(), QSize(32, 32));
    const uint8_t *src = dataset->test.image(image);
    const QRgb pixel = raw.pixel(5, 7);
    EXPECT_EQ(qRed(pixel), src[0 * 1024 + 7 * 32 + 5]);
    EXPECT_EQ(qGreen(pixel), src[1 * 1024 + 7 * 32 + 5]);
    EXPECT_EQ(qBlue(pixel), src[2 * 1024 + 7 * 32 + 5]);

    auto *slider = child<QSlider>(tab, "thumbnailSize");
    slider->setValue(96);
    EXPECT_EQ(model->thumbnailSize(), 96);
    const QPixmap bigger = qvariant_cast<QPixmap>(model->index(0).data(Qt::DecorationRole));
    EXPECT_EQ(bigger.deviceIndependentSize().toSize(), QSize(96, 96));
    // 3x nearest-neighbour: each source pixel is a 3x3 block.
    const QImage scaled = bigger.toImage();
    EXPECT_EQ(scaled.pixel(15, 21), raw.pixel(5, 7));
    EXPECT_EQ(scaled.pixel(17, 23), raw.pixel(5, 7));

    // The delegate paints into the grid: the grab is not a blank viewport.
    // Laid out and polished like a shown window, without a platform window: a really shown one
    // makes the static QApplication crash at exit (its input devices are already gone).
    tab.setAttribute(Qt::WA_DontShowOnScreen);
    tab.show();
    QApplication::processEvents();
    auto *grid = child<QListView>(tab, "imageGrid");
    const QImage shot = grid->viewport()->grab().toImage();
    ASSERT_FALSE(shot.isNull());
    QSet<QRgb> colours;
    for (int y = 0; y < shot.height(); y += 5)
        for (int x = 0; x < shot.width(); x += 5)
            colours.insert(shot.pixel(x, y));
    EXPECT_GT(colours.size(), 50);
    const QRect firstCell = grid->visualRect(model->index(0));
    EXPECT_GE(firstCell.width(), 96);
    EXPECT_GE(firstCell.height(), 96 + 2 * grid->fontMetrics().height());
}

TEST(ImagesTab, GrayDatasetsWork)
{
    application();
    ImagesTab tab;
    auto dataset = makeDataset(30, 1, 28);
    tab.setDataset(dataset);
    tab.appendEpoch(makeEpoch(0, 30));
    const QImage raw = tab.model()->image(7);
    ASSERT_FALSE(raw.isNull());
    EXPECT_EQ(raw.format(), QImage::Format_Grayscale8);
    EXPECT_EQ(raw.size(), QSize(28, 28));
    EXPECT_EQ(qGray(raw.pixel(3, 4)), dataset->test.image(7)[4 * 28 + 3]);
    const QPixmap thumb = qvariant_cast<QPixmap>(tab.model()->index(0).data(Qt::DecorationRole));
    ASSERT_FALSE(thumb.isNull());
    EXPECT_EQ(thumb.deviceIndependentSize().toSize(), QSize(64, 64));
    tab.selectImage(7);
    EXPECT_FALSE(child<QLabel>(tab, "detailImage")->pixmap().isNull());
    EXPECT_EQ(tab.visibleCount(), 30);
}

TEST(ImagesTab, TenThousandImagesSortQuickly)
{
    application();
    constexpr int kCount = 10000;
    auto dataset = makeDataset(kCount);
    const EpochMetrics e0 = makeEpoch(0, kCount);
    const EpochMetrics e1 = makeEpoch(1, kCount);
    ImagesTab tab;
    tab.resize(1100, 700);
    // Laid out and polished like a shown window, without a platform window: a really shown one
    // makes the static QApplication crash at exit (its input devices are already gone).
    tab.setAttribute(Qt::WA_DontShowOnScreen);
    tab.show();

    QElapsedTimer timer;
    timer.start();
    tab.setDataset(dataset);
    tab.appendEpoch(e0);
    tab.appendEpoch(e1);
    QApplication::processEvents(); // the grid lays out
    auto *grid = child<QListView>(tab, "imageGrid");
    ASSERT_NE(grid, nullptr);
    const QImage firstScreen = grid->viewport()->grab().toImage(); // and paints its first screen
    const qint64 buildMs = timer.elapsed();
    EXPECT_FALSE(firstScreen.isNull());

    timer.restart();
    tab.setFilter(PredictionModel::Filter::Misclassified);
    tab.setFilter(PredictionModel::Filter::All);
    QApplication::processEvents();
    grid->viewport()->grab();
    const qint64 refilterMs = timer.elapsed();

    std::printf(
        "[ perf     ] 10,000 images: dataset + 2 epochs + first paint %lld ms, two re-filters %lld ms\n",
        static_cast<long long>(buildMs), static_cast<long long>(refilterMs));
    EXPECT_EQ(tab.visibleCount(), kCount);
    EXPECT_EQ(tab.model()->misclassifiedCount(), kCount / 4);
    EXPECT_FALSE(tab.model()->index(0).data(PredictionModel::CorrectRole).toBool());
    EXPECT_LT(buildMs, 2000);
    EXPECT_LT(refilterMs, 2000);
}
