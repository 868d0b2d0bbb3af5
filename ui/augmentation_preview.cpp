#include "ui/augmentation_preview.h"

#include "core/augmentation_preview.h"
#include "ui/dataset_image.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <random>

namespace cifarlab {

namespace {

constexpr int kGap = 6;
constexpr int kMaxScale = 4; // 32-pixel images at most 128 pixels: sharp, not a wall of blocks

bool has(const std::vector<std::string> &names, const char *name)
{
    return std::find(names.begin(), names.end(), name) != names.end();
}

} // namespace

AugmentationPreview::AugmentationPreview(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("augmentationPreview"));
    setAccessibleName(tr("Training images as the recipe augments them"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *header = new QHBoxLayout;
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("augmentationSummary"));
    m_summary->setWordWrap(true);
    m_newDraw = new QPushButton(tr("New Draw"));
    m_newDraw->setObjectName(QStringLiteral("augmentationNewDraw"));
    m_newDraw->setToolTip(tr("Draw new random augmentations of the same images."));
    m_otherImages = new QPushButton(tr("Other Images"));
    m_otherImages->setObjectName(QStringLiteral("augmentationOtherImages"));
    m_otherImages->setToolTip(tr("Show other training images."));
    header->addWidget(m_summary, 1);
    header->addWidget(m_newDraw);
    header->addWidget(m_otherImages);
    layout->addLayout(header);
    layout->addStretch(1);
    connect(m_newDraw, &QPushButton::clicked, this, &AugmentationPreview::newDraw);
    connect(m_otherImages, &QPushButton::clicked, this, &AugmentationPreview::otherImages);
    redraw();
}

void AugmentationPreview::setDataset(std::shared_ptr<const Dataset> dataset, const std::vector<double> &mean, const std::vector<double> &std)
{
    m_dataset = std::move(dataset);
    m_mean = mean;
    m_std = std;
    pickImages();
    redraw();
}

void AugmentationPreview::setRecipe(const std::vector<std::string> &augment, int64_t cropPadding, int64_t cutoutSize)
{
    if (augment == m_augment && cropPadding == m_cropPadding && cutoutSize == m_cutoutSize)
        return;
    m_augment = augment;
    m_cropPadding = cropPadding;
    m_cutoutSize = cutoutSize;
    redraw();
}

void AugmentationPreview::newDraw()
{
    ++m_drawSeed;
    redraw();
}

void AugmentationPreview::otherImages()
{
    ++m_imageSeed;
    pickImages();
    redraw();
}

// One image from each of several classes, so the rows show different things.
void AugmentationPreview::pickImages()
{
    m_indices.clear();
    if (!m_dataset || m_dataset->train.count == 0)
        return;
    const ImageSplit &train = m_dataset->train;
    std::mt19937_64 rng(m_imageSeed);
    std::uniform_int_distribution<int64_t> any(0, train.count - 1);
    std::vector<int64_t> classesSeen;
    for (int attempt = 0; attempt < 400 && static_cast<int>(m_indices.size()) < kRows; ++attempt) {
        const int64_t index = any(rng);
        const int64_t label = index < static_cast<int64_t>(train.labels.size()) ? train.labels[static_cast<size_t>(index)] : -1;
        const bool newClass = std::find(classesSeen.begin(), classesSeen.end(), label) == classesSeen.end();
        if (std::find(m_indices.begin(), m_indices.end(), index) != m_indices.end() || (!newClass && attempt < 200))
            continue;
        classesSeen.push_back(label);
        m_indices.push_back(index);
    }
}

void AugmentationPreview::redraw()
{
    m_cells.clear();
    m_error.clear();
    m_summary->setText(summaryText());
    setAccessibleDescription(summaryText());
    const bool ready = m_dataset && !m_indices.empty();
    m_newDraw->setEnabled(ready && !m_augment.empty());
    m_otherImages->setEnabled(ready);
    if (ready) {
        AugmentationPreviewRequest request;
        request.augment = m_augment;
        request.cropPadding = m_cropPadding;
        request.cutoutSize = m_cutoutSize;
        request.mean = m_mean;
        request.std = m_std;
        request.indices = m_indices;
        request.draws = kDraws;
        request.seed = m_drawSeed;
        try {
            const auto drawn = augmentationPreview(m_dataset->train, request);
            ImageSplit grid;
            grid.channels = m_dataset->train.channels;
            grid.height = m_dataset->train.height;
            grid.width = m_dataset->train.width;
            grid.count = 1;
            for (size_t row = 0; row < m_indices.size(); ++row) {
                m_cells.push_back(splitImage(m_dataset->train, m_indices[row]));
                for (int d = 0; d < kDraws; ++d) {
                    grid.images = drawn[row * kDraws + static_cast<size_t>(d)];
                    m_cells.push_back(splitImage(grid, 0));
                }
            }
        } catch (const std::exception &e) {
            m_cells.clear();
            m_error = QString::fromUtf8(e.what());
        }
    }
    update();
}

QString AugmentationPreview::summaryText() const
{
    if (!m_dataset)
        return tr("Open a dataset to see its training images as the recipe augments them.");
    QStringList parts;
    if (has(m_augment, "crop"))
        parts << tr("random crop shifting up to %1 px (black borders)").arg(m_cropPadding);
    if (has(m_augment, "translate"))
        parts << tr("shift up to %1 px (mirrored borders)").arg(m_cropPadding);
    if (has(m_augment, "flip"))
        parts << tr("random mirror");
    if (has(m_augment, "flip-alternate"))
        parts << tr("mirrored in every other epoch");
    if (has(m_augment, "cutout"))
        parts << tr("a %1 px square erased").arg(m_cutoutSize);
    if (has(m_augment, "rotate"))
        parts << tr("rotation up to 15 degrees");
    if (has(m_augment, "perspective"))
        parts << tr("perspective distortion");
    if (parts.isEmpty())
        return tr("This recipe trains on the images as they are: no augmentation.");
    return tr("What this recipe trains on: %1. Left, the image as stored; then one draw per epoch.").arg(parts.join(QStringLiteral(", ")));
}

QImage AugmentationPreview::cell(int row, int column) const
{
    const int columns = 1 + kDraws;
    if (row < 0 || column < 0 || column >= columns || static_cast<size_t>(row * columns + column) >= m_cells.size())
        return {};
    return m_cells[static_cast<size_t>(row * columns + column)];
}

QRect AugmentationPreview::gridArea() const
{
    const QLayoutItem *header = layout()->itemAt(0);
    const int top = header ? header->geometry().bottom() + kGap * 2 : 0;
    return QRect(0, top, width(), std::max(0, height() - top));
}

void AugmentationPreview::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRect area = gridArea();
    if (!m_error.isEmpty() || m_cells.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, m_error.isEmpty() ? QString() : m_error);
        return;
    }
    const int columns = 1 + kDraws;
    const QFontMetrics fm = fontMetrics();
    const int imageW = static_cast<int>(m_dataset->train.width), imageH = static_cast<int>(m_dataset->train.height);
    const int captionH = fm.height() + kGap;
    // Fewer rows at twice the size read better than more rows of tiny images.
    int rowsShown = rows();
    while (rowsShown > 2 && (area.height() - captionH) / rowsShown - kGap < 2 * imageH)
        --rowsShown;
    int labelWidth = 0;
    for (int64_t index : m_indices) {
        const int64_t label = m_dataset->train.labels[static_cast<size_t>(index)];
        if (label >= 0 && label < m_dataset->numClasses())
            labelWidth = std::max(labelWidth, fm.horizontalAdvance(QString::fromStdString(m_dataset->classNames[static_cast<size_t>(label)])));
    }
    labelWidth = std::min(labelWidth + kGap * 2, area.width() / 5);
    const int cellW = (area.width() - labelWidth) / columns - kGap;
    const int cellH = (area.height() - captionH) / std::max(1, rowsShown) - kGap;
    const int scale = std::clamp(std::min(cellW / std::max(1, imageW), cellH / std::max(1, imageH)), 1, kMaxScale);
    const int w = imageW * scale, h = imageH * scale;
    // The original stands apart from the draws by a wider gap.
    const int separator = kGap * 3;
    const int gridWidth = labelWidth + columns * (w + kGap) + separator;
    const int left = area.left() + std::max(0, (area.width() - gridWidth) / 2);
    auto columnX = [&](int c) { return left + labelWidth + c * (w + kGap) + (c > 0 ? separator : 0); };
    p.setPen(palette().color(QPalette::WindowText));
    for (int c = 0; c < columns; ++c) {
        const QString caption = c == 0 ? tr("as stored") : tr("epoch %1").arg(c);
        p.drawText(QRect(columnX(c) - kGap, area.top(), w + 2 * kGap, captionH), Qt::AlignHCenter | Qt::AlignTop,
                   fm.elidedText(caption, Qt::ElideRight, w + 2 * kGap));
    }
    for (int r = 0; r < rowsShown; ++r) {
        const int y = area.top() + captionH + r * (h + kGap);
        const int64_t label = m_dataset->train.labels[static_cast<size_t>(m_indices[static_cast<size_t>(r)])];
        const QString name = label >= 0 && label < m_dataset->numClasses() ? QString::fromStdString(m_dataset->classNames[static_cast<size_t>(label)])
                                                                            : QString();
        p.drawText(QRect(left, y, labelWidth - kGap, h), Qt::AlignRight | Qt::AlignVCenter, fm.elidedText(name, Qt::ElideRight, labelWidth - kGap));
        for (int c = 0; c < columns; ++c)
            p.drawImage(QRect(columnX(c), y, w, h), cell(r, c)); // nearest-neighbour: every pixel as trained
    }
}

} // namespace cifarlab
