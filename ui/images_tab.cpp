#include "ui/images_tab.h"

#include "ui/grad_cam_overlay.h"
#include "ui/prediction_delegate.h"
#include "ui/top_classes_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalBlocker>
#include <QSlider>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace cifarlab {

namespace {

constexpr int kDetailImagePixels = 192;
constexpr int kThumbnailMin = 32;
constexpr int kThumbnailMax = 128;
constexpr int kThumbnailStep = 16;
constexpr int kThumbnailDefault = 64;

QString trTab(const char *text)
{
    return QCoreApplication::translate("cifarlab::ImagesTab", text);
}

void setTextColor(QWidget *widget, const QColor &color)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, color);
    widget->setPalette(palette);
}

QLabel *sectionHeader(const QString &text)
{
    auto *label = new QLabel(text);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

// The grid: a QListView that says why it is empty instead of showing a blank area.
class ImageGridView : public QListView
{
public:
    using QListView::QListView;

    void setPlaceholder(const QString &text)
    {
        if (text == m_placeholder)
            return;
        m_placeholder = text;
        viewport()->update();
    }
    QString placeholder() const { return m_placeholder; }

    // The delegate's cell; columns are then spread over the whole width (no ragged right edge).
    void setCellSize(const QSize &cell)
    {
        m_cell = cell;
        fitGrid();
    }

protected:
    bool viewportEvent(QEvent *event) override
    {
        if (event->type() == QEvent::Resize)
            fitGrid();
        return QListView::viewportEvent(event);
    }

    void paintEvent(QPaintEvent *event) override
    {
        QListView::paintEvent(event);
        if (model() && model()->rowCount() == 0 && !m_placeholder.isEmpty()) {
            QPainter painter(viewport());
            painter.setPen(palette().color(QPalette::PlaceholderText));
            const int margin = fontMetrics().height() * 2;
            painter.drawText(viewport()->rect().adjusted(margin, margin, -margin, -margin),
                Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        }
    }

private:
    void fitGrid()
    {
        if (m_cell.isEmpty())
            return;
        // One pixel of slack so the last column never wraps onto the next row.
        const int available = std::max(m_cell.width(), viewport()->width() - 1);
        const int columns = std::max(1, available / m_cell.width());
        const QSize grid(std::max(m_cell.width(), available / columns), m_cell.height());
        if (grid != gridSize())
            setGridSize(grid);
    }

    QString m_placeholder;
    QSize m_cell;
};

// One square per epoch, green when the image was classified right, red when wrong.
class HistoryStrip : public QWidget
{
public:
    explicit HistoryStrip(QWidget *parent = nullptr)
        : QWidget(parent)
    {
        QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Fixed);
        policy.setHeightForWidth(true);
        setSizePolicy(policy);
    }

    void setOutcomes(std::vector<PredictionModel::Outcome> outcomes)
    {
        m_outcomes = std::move(outcomes);
        // The squares' tooltips in a row, for screen readers.
        QStringList parts;
        for (const auto &o : m_outcomes)
            parts << (o.correct ? trTab("Epoch %1: right") : trTab("Epoch %1: wrong")).arg(o.epoch + 1);
        setAccessibleDescription(parts.join(QStringLiteral(", ")));
        updateGeometry();
        update();
    }
    const std::vector<PredictionModel::Outcome> &outcomes() const { return m_outcomes; }

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override
    {
        if (m_outcomes.empty())
            return 0;
        const int perRow = std::max(1, (width + gap()) / (side() + gap()));
        const int rows = (static_cast<int>(m_outcomes.size()) + perRow - 1) / perRow;
        return rows * (side() + gap());
    }
    QSize sizeHint() const override
    {
        const int w = fontMetrics().averageCharWidth() * 30;
        return {w, heightForWidth(w)};
    }
    QSize minimumSizeHint() const override { return {side(), heightForWidth(side())}; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        const QPalette &pal = palette();
        const qreal radius = side() / 5.0;
        for (size_t i = 0; i < m_outcomes.size(); ++i) {
            const QRectF square = squareRect(static_cast<int>(i));
            painter.setPen(Qt::NoPen);
            painter.setBrush(m_outcomes[i].correct ? PredictionDelegate::rightColor(pal)
                                                   : PredictionDelegate::wrongColor(pal));
            painter.drawRoundedRect(square, radius, radius);
        }
        if (!m_outcomes.empty()) {
            // The latest epoch (the one the grid shows) gets an outline.
            painter.setBrush(Qt::NoBrush);
            painter.setPen(QPen(pal.color(QPalette::WindowText), 1.5));
            painter.drawRoundedRect(
                squareRect(static_cast<int>(m_outcomes.size()) - 1).adjusted(-1.5, -1.5, 1.5, 1.5),
                radius + 1, radius + 1);
        }
    }

    bool event(QEvent *event) override
    {
        if (event->type() == QEvent::ToolTip) {
            auto *help = static_cast<QHelpEvent *>(event);
            for (size_t i = 0; i < m_outcomes.size(); ++i) {
                if (squareRect(static_cast<int>(i)).adjusted(-1, -1, 1, 1).contains(help->pos())) {
                    const auto &o = m_outcomes[i];
                    QToolTip::showText(help->globalPos(),
                        (o.correct ? trTab("Epoch %1: right") : trTab("Epoch %1: wrong")).arg(o.epoch + 1),
                        this);
                    return true;
                }
            }
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        return QWidget::event(event);
    }

private:
    int side() const { return std::max(8, fontMetrics().height() * 3 / 4); }
    int gap() const { return std::max(3, side() / 4); }
    QRectF squareRect(int i) const
    {
        // Inset by the outline's width so the latest square's ring is never clipped.
        const int inset = 2;
        const int perRow = std::max(1, (width() - 2 * inset + gap()) / (side() + gap()));
        return QRectF(
            inset + (i % perRow) * (side() + gap()), inset + (i / perRow) * (side() + gap()), side(), side());
    }

    std::vector<PredictionModel::Outcome> m_outcomes;
};

ImagesTab::ImagesTab(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("imagesTab"));
    m_model = new PredictionModel(this);
    m_model->setThumbnailSize(kThumbnailDefault);
    m_delegate = new PredictionDelegate(this);
    m_delegate->setThumbnailSize(kThumbnailDefault);

    m_grid = new ImageGridView;
    m_grid->setObjectName(QStringLiteral("imageGrid"));
    m_grid->setAccessibleName(tr("Test images"));
    // IconMode + static movement + uniform sizes: the layout of 10,000 cells is a grid
    // computation, scrolling paints only the visible thumbnails.
    m_grid->setViewMode(QListView::IconMode);
    m_grid->setMovement(QListView::Static);
    m_grid->setResizeMode(QListView::Adjust);
    m_grid->setUniformItemSizes(true);
    m_grid->setWrapping(true);
    m_grid->setWordWrap(false);
    m_grid->setSelectionMode(QAbstractItemView::SingleSelection);
    m_grid->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_grid->setMouseTracking(true);
    m_grid->setDragDropMode(QAbstractItemView::NoDragDrop); // IconMode would drag cells around
    m_grid->setItemDelegate(m_delegate);
    m_grid->setModel(m_model);

    auto *middle = new QHBoxLayout;
    middle->setContentsMargins(0, 0, 0, 0);
    middle->addWidget(m_grid, 1);
    middle->addWidget(buildDetailPanel());

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildToolbar());
    layout->addLayout(middle, 1);

    connect(m_grid->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &ImagesTab::onSelectionChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ImagesTab::onModelReset);
    connect(m_grid->verticalScrollBar(), &QScrollBar::rangeChanged, this, [this] {
        // Wheel scrolling by whole rows of thumbnails feels like paging through a contact sheet.
        m_grid->verticalScrollBar()->setSingleStep(std::max(1, m_grid->gridSize().height() / 3));
    });

    fillClassCombos();
    syncCombos();
    onModelReset();
}

QWidget *ImagesTab::buildToolbar()
{
    auto *bar = new QWidget;
    bar->setObjectName(QStringLiteral("imageToolbar"));
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);

    m_filterCombo = new QComboBox;
    m_filterCombo->setObjectName(QStringLiteral("imageFilter"));
    m_filterCombo->setToolTip(tr("Which test images to show"));
    m_filterCombo->addItem(tr("All images"), static_cast<int>(PredictionModel::Filter::All));
    m_filterCombo->addItem(tr("Misclassified"), static_cast<int>(PredictionModel::Filter::Misclassified));
    m_filterCombo->addItem(tr("Correct"), static_cast<int>(PredictionModel::Filter::Correct));
    m_filterCombo->addItem(tr("True class is"), static_cast<int>(PredictionModel::Filter::TrueClass));
    m_filterCombo->addItem(tr("Predicted as"), static_cast<int>(PredictionModel::Filter::PredictedClass));
    m_filterCombo->addItem(tr("Confused pair"), static_cast<int>(PredictionModel::Filter::Pair));

    m_classCombo = new QComboBox;
    m_classCombo->setObjectName(QStringLiteral("imageClass"));
    m_classCombo->setToolTip(tr("Class to filter by (the true class of a confused pair)"));
    m_pairArrow = new QLabel(tr("predicted as"));
    m_pairArrow->setObjectName(QStringLiteral("imagePairArrow"));
    m_predictedCombo = new QComboBox;
    m_predictedCombo->setObjectName(QStringLiteral("imagePredictedClass"));
    m_predictedCombo->setToolTip(tr("Predicted class of the confused pair"));

    m_sortCombo = new QComboBox;
    m_sortCombo->setObjectName(QStringLiteral("imageSort"));
    m_sortCombo->setToolTip(tr("Order of the images"));
    m_sortCombo->addItem(tr("Highest loss first"), static_cast<int>(PredictionModel::Sort::LossDescending));
    m_sortCombo->addItem(
        tr("Least confident first"), static_cast<int>(PredictionModel::Sort::ConfidenceAscending));
    m_sortCombo->addItem(
        tr("Most confident first"), static_cast<int>(PredictionModel::Sort::ConfidenceDescending));
    m_sortCombo->addItem(tr("Image index"), static_cast<int>(PredictionModel::Sort::Index));

    m_countLabel = new QLabel;
    m_countLabel->setObjectName(QStringLiteral("imageCount"));

    auto *sizeLabel = new QLabel(tr("Size"));
    m_sizeSlider = new QSlider(Qt::Horizontal);
    m_sizeSlider->setObjectName(QStringLiteral("thumbnailSize"));
    m_sizeSlider->setAccessibleName(tr("Thumbnail size"));
    m_sizeSlider->setToolTip(tr("Thumbnail size"));
    m_sizeSlider->setRange(kThumbnailMin, kThumbnailMax);
    m_sizeSlider->setSingleStep(kThumbnailStep);
    m_sizeSlider->setPageStep(kThumbnailStep);
    m_sizeSlider->setValue(kThumbnailDefault);
    m_sizeSlider->setMaximumWidth(fontMetrics().averageCharWidth() * 16);
    sizeLabel->setBuddy(m_sizeSlider);

    row->addWidget(m_filterCombo);
    row->addWidget(m_classCombo);
    row->addWidget(m_pairArrow);
    row->addWidget(m_predictedCombo);
    row->addSpacing(fontMetrics().averageCharWidth() * 2);
    row->addWidget(m_sortCombo);
    row->addStretch(1);
    row->addWidget(m_countLabel);
    row->addSpacing(fontMetrics().averageCharWidth() * 2);
    row->addWidget(sizeLabel);
    row->addWidget(m_sizeSlider);

    connect(m_filterCombo, &QComboBox::currentIndexChanged, this, &ImagesTab::applyCombos);
    connect(m_classCombo, &QComboBox::currentIndexChanged, this, &ImagesTab::applyCombos);
    connect(m_predictedCombo, &QComboBox::currentIndexChanged, this, &ImagesTab::applyCombos);
    connect(m_sortCombo, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_model->setSort(static_cast<PredictionModel::Sort>(m_sortCombo->itemData(i).toInt()));
    });
    connect(m_sizeSlider, &QSlider::valueChanged, this, [this](int value) {
        // Snap to steps of 16 so 32-px images enlarge by whole (crisp) or half factors only.
        const int snapped = qRound(value / double(kThumbnailStep)) * kThumbnailStep;
        if (snapped != value) {
            m_sizeSlider->setValue(snapped);
            return;
        }
        m_model->setThumbnailSize(snapped);
        m_delegate->setThumbnailSize(snapped);
        updateGridGeometry();
        if (m_selectedImage >= 0)
            m_grid->scrollTo(m_model->index(m_model->rowOfImage(m_selectedImage)));
    });
    return bar;
}

QWidget *ImagesTab::buildDetailPanel()
{
    m_detail = new QWidget;
    m_detail->setObjectName(QStringLiteral("imageDetail"));
    auto *layout = new QVBoxLayout(m_detail);
    const int em = fontMetrics().height();
    layout->setContentsMargins(em / 2, 0, em / 4, 0);
    layout->setSpacing(em / 3);

    m_epochLabel = new QLabel;
    m_epochLabel->setObjectName(QStringLiteral("imageEpoch"));
    m_epochLabel->setWordWrap(true);
    m_epochLabel->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_epochLabel);

    auto *titleRow = new QHBoxLayout;
    m_detailTitle = new QLabel;
    m_detailTitle->setObjectName(QStringLiteral("detailTitle"));
    QFont titleFont = m_detailTitle->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_detailTitle->setFont(titleFont);
    m_detailVerdict = new QLabel;
    m_detailVerdict->setObjectName(QStringLiteral("detailVerdict"));
    QFont verdictFont = m_detailVerdict->font();
    verdictFont.setBold(true);
    m_detailVerdict->setFont(verdictFont);
    titleRow->addWidget(m_detailTitle);
    titleRow->addStretch(1);
    titleRow->addWidget(m_detailVerdict);
    layout->addLayout(titleRow);

    m_detailImage = new QLabel;
    m_detailImage->setObjectName(QStringLiteral("detailImage"));
    m_detailImage->setFixedSize(kDetailImagePixels, kDetailImagePixels);
    m_detailImage->setAlignment(Qt::AlignCenter);
    m_detailImage->setBackgroundRole(QPalette::Base);
    m_detailImage->setAutoFillBackground(true);
    layout->addWidget(m_detailImage, 0, Qt::AlignHCenter);

    // Grad-CAM laid over the enlarged image, as fastai's plot_top_losses(heatmap=True) does.
    m_camRow = new QWidget;
    auto *camRow = new QHBoxLayout(m_camRow);
    camRow->setContentsMargins(0, 0, 0, 0);
    m_camToggle = new QCheckBox(tr("Evidence for"));
    m_camToggle->setObjectName(QStringLiteral("detailCamToggle"));
    m_camToggle->setToolTip(tr("Grad-CAM (Selvaraju et al. 2017): the last feature map before pooling, each channel "
                               "weighted by how much it raises the class's score. Bright areas are evidence for the class."));
    m_camTarget = new QComboBox;
    m_camTarget->setObjectName(QStringLiteral("detailCamTarget"));
    m_camTarget->setAccessibleName(tr("Class the Grad-CAM map explains"));
    m_camTarget->addItem(tr("predicted class"));
    m_camTarget->addItem(tr("true class"));
    // The panel's width is fixed: the combo elides rather than widening it.
    m_camTarget->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_camTarget->setMinimumContentsLength(6);
    camRow->addWidget(m_camToggle);
    camRow->addWidget(m_camTarget, 1);
    layout->addWidget(m_camRow);
    m_camCaption = new QLabel;
    m_camCaption->setObjectName(QStringLiteral("detailCamCaption"));
    m_camCaption->setWordWrap(true);
    m_camCaption->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_camCaption);
    // The choice survives a restart: someone who reads the maps wants them on the next image too.
    m_camToggle->setChecked(QSettings().value(QStringLiteral("imagesTab/gradCam"), false).toBool());
    m_camTarget->setCurrentIndex(QSettings().value(QStringLiteral("imagesTab/gradCamTarget"), 0).toInt() == 1 ? 1 : 0);
    connect(m_camToggle, &QCheckBox::toggled, this, [this](bool on) {
        QSettings().setValue(QStringLiteral("imagesTab/gradCam"), on);
        m_camRequested = {-1, -1, -1};
        updateDetail();
    });
    connect(m_camTarget, &QComboBox::currentIndexChanged, this, [this](int index) {
        QSettings().setValue(QStringLiteral("imagesTab/gradCamTarget"), index);
        updateDetail();
    });

    m_detailFacts = new QWidget;
    auto *form = new QFormLayout(m_detailFacts);
    form->setContentsMargins(0, em / 4, 0, 0);
    form->setVerticalSpacing(em / 6);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto addFact = [form](const QString &caption, const QString &name, QLabel **captionOut) {
        auto *captionLabel = new QLabel(caption);
        captionLabel->setForegroundRole(QPalette::PlaceholderText);
        auto *value = new QLabel;
        value->setObjectName(name);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(captionLabel, value);
        if (captionOut)
            *captionOut = captionLabel;
        return value;
    };
    m_detailTrue = addFact(tr("True class"), QStringLiteral("detailTrueClass"), nullptr);
    m_detailPredicted
        = addFact(tr("Predicted"), QStringLiteral("detailPredictedClass"), &m_detailPredictedCaption);
    m_detailConfidence
        = addFact(tr("Confidence"), QStringLiteral("detailConfidence"), &m_detailConfidenceCaption);
    m_detailLoss = addFact(tr("Loss"), QStringLiteral("detailLoss"), &m_detailLossCaption);
    QFont valueFont = m_detailTrue->font();
    valueFont.setBold(true);
    m_detailTrue->setFont(valueFont);
    m_detailPredicted->setFont(valueFont);
    layout->addWidget(m_detailFacts);

    m_topHeader = sectionHeader(tr("Top 5"));
    m_topHeader->setObjectName(QStringLiteral("detailTopHeader"));
    m_topHeader->setWordWrap(true);
    layout->addSpacing(em / 3);
    layout->addWidget(m_topHeader);
    m_topClasses = new TopClassesView;
    m_topClasses->setObjectName(QStringLiteral("detailTopClasses"));
    m_topClasses->setAccessibleDescription(tr("Top 5"));
    layout->addWidget(m_topClasses);
    m_topNote = new QLabel;
    m_topNote->setObjectName(QStringLiteral("detailTopNote"));
    m_topNote->setWordWrap(true);
    m_topNote->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_topNote);

    m_historyHeader = sectionHeader(tr("History"));
    m_historyHeader->setObjectName(QStringLiteral("detailHistoryHeader"));
    layout->addSpacing(em / 3);
    layout->addWidget(m_historyHeader);
    m_history = new HistoryStrip;
    m_history->setObjectName(QStringLiteral("detailHistory"));
    m_history->setAccessibleName(tr("History"));
    layout->addWidget(m_history);
    m_historyText = new QLabel;
    m_historyText->setObjectName(QStringLiteral("detailHistoryText"));
    m_historyText->setWordWrap(true);
    layout->addWidget(m_historyText);

    m_detailPlaceholder = new QLabel;
    m_detailPlaceholder->setObjectName(QStringLiteral("detailPlaceholder"));
    m_detailPlaceholder->setWordWrap(true);
    m_detailPlaceholder->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_detailPlaceholder);
    layout->addStretch(1);

    // A scroll area keeps the panel usable in short windows; the width follows the font.
    auto *scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("imageDetailScroll"));
    scroll->setWidget(m_detail);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFixedWidth(std::max(kDetailImagePixels + 2 * em, fontMetrics().averageCharWidth() * 42));
    scroll->setFocusPolicy(Qt::NoFocus); // Tab goes to the grid and the controls, not to this frame
    return scroll;
}

void ImagesTab::fillClassCombos()
{
    const QSignalBlocker blockClass(m_classCombo);
    const QSignalBlocker blockPredicted(m_predictedCombo);
    m_classCombo->clear();
    m_predictedCombo->clear();
    for (int c = 0; c < m_model->numClasses(); ++c) {
        m_classCombo->addItem(m_model->className(c));
        m_predictedCombo->addItem(m_model->className(c));
    }
}

void ImagesTab::syncCombos()
{
    const QSignalBlocker blockFilter(m_filterCombo);
    const QSignalBlocker blockClass(m_classCombo);
    const QSignalBlocker blockPredicted(m_predictedCombo);
    const QSignalBlocker blockSort(m_sortCombo);
    const auto filter = m_model->filter();
    m_filterCombo->setCurrentIndex(m_filterCombo->findData(static_cast<int>(filter)));
    m_sortCombo->setCurrentIndex(m_sortCombo->findData(static_cast<int>(m_model->sort())));
    if (m_model->numClasses() > 0) {
        m_classCombo->setCurrentIndex(m_model->filterClass());
        m_predictedCombo->setCurrentIndex(m_model->filterPredictedClass());
    }
    const bool byClass = filter == PredictionModel::Filter::TrueClass
        || filter == PredictionModel::Filter::PredictedClass || filter == PredictionModel::Filter::Pair;
    const bool pair = filter == PredictionModel::Filter::Pair;
    m_classCombo->setVisible(byClass);
    m_pairArrow->setVisible(pair);
    m_predictedCombo->setVisible(pair);
}

void ImagesTab::applyCombos()
{
    const auto filter = static_cast<PredictionModel::Filter>(m_filterCombo->currentData().toInt());
    m_model->setFilter(filter, m_classCombo->currentIndex(), m_predictedCombo->currentIndex());
    syncCombos();
}

void ImagesTab::setDataset(std::shared_ptr<const Dataset> dataset)
{
    m_selectedImage = -1;
    QString longest;
    if (dataset)
        for (const std::string &name : dataset->classNames)
            if (name.size() > static_cast<size_t>(longest.toUtf8().size()))
                longest = QString::fromStdString(name);
    m_delegate->setLongestLabel(longest);
    m_model->setDataset(std::move(dataset));
    updateGridGeometry();
    fillClassCombos();
    syncCombos();
    updateCount();
    updateDetail();
}

void ImagesTab::clear()
{
    setDataset(nullptr);
}

void ImagesTab::appendEpoch(const EpochMetrics &epoch)
{
    ++m_epochsSeen;
    m_model->appendEpoch(epoch);
    requestAttribution();
}

void ImagesTab::setEpochs(const std::vector<EpochMetrics> &epochs)
{
    m_epochsSeen += static_cast<int>(epochs.size()) + 1;
    m_camMap = {};
    m_model->setEpochs(epochs);
    requestAttribution();
}

int ImagesTab::attributionTarget() const
{
    if (m_selectedImage < 0 || !m_model->hasPredictions())
        return -1;
    return m_camTarget->currentIndex() == 1 ? m_model->trueClass(m_selectedImage) : m_model->predictedClass(m_selectedImage);
}

void ImagesTab::setAttributionEnabled(bool enabled)
{
    m_camToggle->setChecked(enabled);
}

bool ImagesTab::attributionShown() const
{
    return m_camToggle->isChecked() && m_camMap.imageIndex >= 0 && m_camMap.imageIndex == m_selectedImage
        && m_camMap.targetClass == attributionTarget();
}

void ImagesTab::requestAttribution()
{
    const int target = attributionTarget();
    if (target < 0 || !m_camToggle->isChecked())
        return;
    const std::tuple<int, int, int> key {m_selectedImage, target, m_epochsSeen};
    if (key == m_camRequested)
        return;
    m_camRequested = key;
    if (!attributionShown())
        m_camCaption->setText(tr("Computing the map..."));
    Q_EMIT attributionRequested(m_selectedImage, target);
}

void ImagesTab::setAttributionUnavailable(const QString &reason)
{
    m_camMap = {};
    m_camCaption->setText(reason);
    renderDetailImage();
}

void ImagesTab::showAttributionError(int imageIndex, const QString &message)
{
    if (imageIndex != m_selectedImage)
        return;
    m_camMap = {};
    m_camCaption->setText(tr("No map: %1").arg(message));
    renderDetailImage();
}


void ImagesTab::showAttribution(const GradCamMap &map)
{
    if (map.imageIndex != m_selectedImage || map.targetClass != attributionTarget())
        return;
    if (map.values.size() != static_cast<size_t>(map.height * map.width) || map.height <= 0)
        return;
    m_camMap = map;
    const QLocale locale;
    const QString cls = m_model->className(map.targetClass);
    const bool empty = std::all_of(map.values.begin(), map.values.end(), [](float v) { return v <= 0.0f; });
    const QString layer = tr("Layer %1 (%2 x %3), latest checkpoint.")
                              .arg(QString::fromStdString(map.layer), locale.toString(map.layerHeight),
                                   locale.toString(map.layerWidth));
    m_camCaption->setText(empty ? tr("Nothing in the image raises the score of %1: the network decided by what is absent.")
                                          .arg(cls)
                                      + QLatin1Char(' ') + layer
                                : tr("Bright: evidence for %1. ").arg(cls) + layer);
    renderDetailImage();
}

void ImagesTab::renderDetailImage()
{
    const QImage source = m_selectedImage >= 0 ? m_model->image(m_selectedImage) : QImage();
    if (source.isNull()) {
        m_detailImage->clear();
        return;
    }
    // Whole-number nearest-neighbour enlargement: every source pixel stays a sharp square.
    const qreal ratio = devicePixelRatioF();
    const int longest = std::max(source.width(), source.height());
    const int target = qRound(kDetailImagePixels * ratio);
    const bool overlay = attributionShown();
    QImage shown = longest <= target
        ? source.scaled(source.width() * (target / longest), source.height() * (target / longest), Qt::IgnoreAspectRatio,
                      Qt::FastTransformation)
        : source.scaled(target, target, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    if (overlay)
        shown = withGradCam(shown, m_camMap);
    QPixmap pixmap = QPixmap::fromImage(shown);
    pixmap.setDevicePixelRatio(ratio);
    m_detailImage->setPixmap(pixmap);
}

void ImagesTab::setFilter(PredictionModel::Filter filter, int classIndex)
{
    const int cls = classIndex >= 0 ? classIndex : m_classCombo->currentIndex();
    m_model->setFilter(filter, cls, m_predictedCombo->currentIndex());
    syncCombos();
}

void ImagesTab::showPair(int trueClass, int predictedClass)
{
    m_model->setFilter(PredictionModel::Filter::Pair, trueClass, predictedClass);
    syncCombos();
}

void ImagesTab::setSort(PredictionModel::Sort sort)
{
    m_model->setSort(sort);
    syncCombos();
}

int ImagesTab::visibleCount() const
{
    return m_model->rowCount();
}

PredictionModel *ImagesTab::model() const
{
    return m_model;
}

void ImagesTab::selectImage(int imageIndex)
{
    if (imageIndex < 0 || imageIndex >= m_model->totalCount()) {
        m_grid->selectionModel()->clearSelection();
        return;
    }
    if (m_model->rowOfImage(imageIndex) < 0)
        setFilter(PredictionModel::Filter::All);
    const QModelIndex index = m_model->index(m_model->rowOfImage(imageIndex));
    m_grid->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    m_grid->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

int ImagesTab::selectedImage() const
{
    return m_selectedImage;
}

void ImagesTab::onSelectionChanged()
{
    if (m_restoringSelection)
        return;
    const QModelIndexList rows = m_grid->selectionModel()->selectedIndexes();
    const int image = rows.isEmpty() ? -1 : rows.first().data(PredictionModel::ImageIndexRole).toInt();
    if (image == m_selectedImage)
        return;
    m_selectedImage = image;
    updateDetail();
    if (image >= 0)
        Q_EMIT imageSelected(image);
}

void ImagesTab::onModelReset()
{
    // Rows were re-filtered or re-sorted: keep the same image selected when it is still shown.
    const int row = m_model->rowOfImage(m_selectedImage);
    m_restoringSelection = true;
    if (row >= 0) {
        const QModelIndex index = m_model->index(row);
        m_grid->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    } else {
        m_selectedImage = -1;
    }
    m_restoringSelection = false;
    updateGridGeometry();
    updateCount();
    updateDetail();
    if (row >= 0)
        m_grid->scrollTo(m_model->index(row), QAbstractItemView::PositionAtCenter);
    else
        m_grid->scrollToTop(); // a new filter or order starts at its first (worst) image
}

void ImagesTab::updateGridGeometry()
{
    m_delegate->setShowPredictions(m_model->hasPredictions());
    const QFontMetrics metrics = m_grid->fontMetrics();
    const int gap = std::max(2, metrics.height() / 5);
    m_grid->setSpacing(0);
    m_grid->setCellSize(m_delegate->cellSize(metrics) + QSize(gap, gap));
}

void ImagesTab::updateCount()
{
    const QLocale locale;
    const int total = m_model->totalCount();
    m_countLabel->setText(m_model->dataset()
            ? tr("%1 of %2 images").arg(locale.toString(visibleCount()), locale.toString(total))
            : QString());

    // Before the first epoch every image has the same (unknown) loss and confidence.
    m_sortCombo->setEnabled(m_model->hasPredictions());

    QString placeholder;
    const auto filter = m_model->filter();
    if (!m_model->dataset())
        placeholder = tr("Open a dataset to browse its test images.");
    else if (total == 0)
        placeholder = tr("This dataset has no test images.");
    else if (!m_model->hasPredictions() && filter != PredictionModel::Filter::All
        && filter != PredictionModel::Filter::TrueClass)
        placeholder = tr("Predictions appear after the first epoch.");
    else if (filter == PredictionModel::Filter::Pair)
        placeholder = tr("No %1 image was predicted as %2.")
                          .arg(m_model->className(m_model->filterClass()),
                              m_model->className(m_model->filterPredictedClass()));
    else if (filter == PredictionModel::Filter::Misclassified)
        placeholder = tr("No mistakes: every test image is classified right.");
    else
        placeholder = tr("No image matches this filter.");
    m_grid->setPlaceholder(placeholder);

    if (m_model->hasPredictions()) {
        const double right = total > 0 ? 1.0 - double(m_model->misclassifiedCount()) / total : 0.0;
        m_epochLabel->setText(
            tr("Epoch %1: %2 right, %3 wrong")
                .arg(m_model->latestEpoch() + 1)
                .arg(probabilityText(right, 1), locale.toString(m_model->misclassifiedCount())));
    } else {
        m_epochLabel->setText(m_model->dataset() ? tr("No predictions yet") : QString());
    }
}

void ImagesTab::updateDetail()
{
    const QLocale locale;
    const int image = m_selectedImage;
    const bool selected = image >= 0 && image < m_model->totalCount();
    const bool predicted = selected && m_model->hasPredictions();

    m_detailTitle->setVisible(selected);
    m_detailImage->setVisible(selected);
    m_detailFacts->setVisible(selected);
    m_detailVerdict->setVisible(predicted);
    for (QWidget *w : {static_cast<QWidget *>(m_detailPredictedCaption),
             static_cast<QWidget *>(m_detailPredicted), static_cast<QWidget *>(m_detailConfidenceCaption),
             static_cast<QWidget *>(m_detailConfidence), static_cast<QWidget *>(m_topHeader),
             static_cast<QWidget *>(m_topClasses), static_cast<QWidget *>(m_historyHeader),
             static_cast<QWidget *>(m_history), static_cast<QWidget *>(m_historyText),
             static_cast<QWidget *>(m_camRow)})
        w->setVisible(predicted);
    m_camCaption->setVisible(predicted && m_camToggle->isChecked());
    m_camTarget->setEnabled(m_camToggle->isChecked());

    if (!selected) {
        m_detailPlaceholder->setText(!m_model->dataset() ? tr("Open a dataset to browse its test images.")
                : m_model->hasPredictions()
                ? tr("Select an image to see its prediction, its top-5 probabilities "
                     "and how it fared in every epoch.")
                : tr("Select an image to see it enlarged. Predictions appear after the "
                     "first epoch."));
        m_detailPlaceholder->setVisible(true);
        m_detailLossCaption->setVisible(false);
        m_detailLoss->setVisible(false);
        m_topNote->setVisible(false);
        return;
    }

    m_detailTitle->setText(tr("Image %1").arg(locale.toString(image)));
    renderDetailImage();
    const int truth = m_model->trueClass(image);
    m_detailTrue->setText(m_model->className(truth));

    if (!predicted) {
        m_detailPlaceholder->setText(tr("Predictions appear after the first epoch."));
        m_detailPlaceholder->setVisible(true);
        m_detailLossCaption->setVisible(false);
        m_detailLoss->setVisible(false);
        m_topNote->setVisible(false);
        return;
    }
    m_detailPlaceholder->setVisible(false);

    const QPalette &pal = palette();
    const bool correct = m_model->isCorrect(image);
    const QColor verdictColor
        = correct ? PredictionDelegate::rightColor(pal) : PredictionDelegate::wrongColor(pal);
    m_detailVerdict->setText(correct ? tr("Correct") : tr("Misclassified"));
    setTextColor(m_detailVerdict, verdictColor);
    const int predictedClass = m_model->predictedClass(image);
    m_detailPredicted->setText(m_model->className(predictedClass));
    setTextColor(m_detailPredicted, verdictColor);

    const float confidence = m_model->confidence(image);
    m_detailConfidence->setText(std::isnan(confidence) ? tr("unknown") : probabilityText(confidence, 1));
    const float loss = m_model->loss(image);
    m_detailLossCaption->setVisible(!std::isnan(loss));
    m_detailLoss->setVisible(!std::isnan(loss));
    if (!std::isnan(loss))
        m_detailLoss->setText(locale.toString(static_cast<double>(loss), 'f', 3));

    const auto top = m_model->topClasses(image);
    std::vector<TopClassesView::Row> rows;
    bool trueListed = false;
    for (const auto &[cls, probability] : top) {
        rows.push_back(
            {m_model->className(cls), static_cast<double>(probability), cls == truth, cls == predictedClass});
        trueListed = trueListed || cls == truth;
    }
    m_topHeader->setText(top.size() > 1 ? tr("Top %1").arg(top.size()) : tr("Prediction"));
    m_topClasses->setRows(std::move(rows));
    m_topNote->setVisible(!trueListed && top.size() > 1);
    m_topNote->setText(tr("The true class, %1, is not among them.").arg(m_model->className(truth)));

    auto history = m_model->history(image);
    QString summary;
    if (!history.empty()) {
        int flips = 0;
        for (size_t i = 1; i < history.size(); ++i)
            flips += history[i].correct != history[i - 1].correct ? 1 : 0;
        const bool nowRight = history.back().correct;
        const QString flipped = flips == 1 ? tr("Flipped once") : tr("Flipped %1 times").arg(flips);
        if (history.size() == 1) {
            summary = nowRight ? tr("Right at epoch %1").arg(history.back().epoch + 1)
                               : tr("Wrong at epoch %1").arg(history.back().epoch + 1);
        } else if (flips == 0) {
            summary = nowRight ? tr("Right in all %1 epochs").arg(history.size())
                               : tr("Wrong in all %1 epochs").arg(history.size());
        } else if (nowRight) {
            size_t first = history.size() - 1;
            while (first > 0 && history[first - 1].correct)
                --first;
            summary = tr("%1, right since epoch %2").arg(flipped).arg(history[first].epoch + 1);
        } else {
            size_t last = history.size() - 1;
            while (last > 0 && !history[last].correct)
                --last;
            summary = tr("%1, last right at epoch %2").arg(flipped).arg(history[last].epoch + 1);
        }
    }
    m_history->setOutcomes(std::move(history));
    m_historyText->setText(summary);
    requestAttribution();
}

void ImagesTab::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (m_countLabel && m_detailPlaceholder
        && (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange
            || event->type() == QEvent::StyleChange)) {
        updateGridGeometry();
        updateDetail();
    }
}

void ImagesTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_model->setDevicePixelRatio(devicePixelRatioF());
}

} // namespace cifarlab
