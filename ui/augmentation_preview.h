#pragma once

#include "core/dataset.h"

#include <QImage>
#include <QWidget>

#include <memory>
#include <string>
#include <vector>

class QLabel;
class QPushButton;

namespace cifarlab {

// A few training images and what the form's augmentation makes of them over several epochs (fastai's
// show_batch), drawn by the training pipeline itself. It follows the recipe as it is edited.
class AugmentationPreview : public QWidget
{
    Q_OBJECT

public:
    explicit AugmentationPreview(QWidget *parent = nullptr);

    // `mean`/`std`: the training split's channel statistics (what normalization uses), in [0, 1].
    void setDataset(std::shared_ptr<const Dataset> dataset, const std::vector<double> &mean, const std::vector<double> &std);
    void setRecipe(const std::vector<std::string> &augment, int64_t cropPadding, int64_t cutoutSize);
    void newDraw();     // the same images, new random augmentations
    void otherImages(); // other images of other classes

    int rows() const { return static_cast<int>(m_indices.size()); }
    int draws() const { return kDraws; }
    // Column 0 is the image as stored, column d the draw of epoch d; null outside the grid.
    QImage cell(int row, int column) const;
    QString summaryText() const;

    QSize sizeHint() const override { return {720, 420}; }
    QSize minimumSizeHint() const override { return {320, 200}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    static constexpr int kDraws = 6;
    static constexpr int kRows = 4;
    void pickImages();
    void redraw();
    QRect gridArea() const;

    std::shared_ptr<const Dataset> m_dataset;
    std::vector<double> m_mean;
    std::vector<double> m_std;
    std::vector<std::string> m_augment;
    int64_t m_cropPadding = 4;
    int64_t m_cutoutSize = 8;
    uint64_t m_imageSeed = 1;
    uint64_t m_drawSeed = 1;
    std::vector<int64_t> m_indices;
    std::vector<QImage> m_cells; // row-major, 1 + kDraws per row
    QString m_error;
    QLabel *m_summary = nullptr;
    QPushButton *m_newDraw = nullptr;
    QPushButton *m_otherImages = nullptr;
};

} // namespace cifarlab
