#include "ui/embedding_tab.h"

#include "ui/dataset_image.h"
#include "ui/embedding_view.h"
#include "ui/prediction_delegate.h"
#include "ui/top_classes_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPixmap>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace cifarlab {

namespace {

constexpr int kMinImages = 100;
constexpr int kMaxImages = 10000;
constexpr int kDefaultImages = 2000;
constexpr int kImageStep = 100;
constexpr int kMinPerplexity = 2;
constexpr int kMaxPerplexity = 100;
constexpr int kDefaultPerplexity = 30;
constexpr int kNeighbours = 8;
constexpr int kDetailImagePixels = 128;
constexpr int kNeighbourPixels = 64;
constexpr int kNeighbourColumns = 4;
constexpr int kProgressSteps = 1000;

const QString kSettingsMethod = QStringLiteral("embeddingTab/method");
const QString kSettingsImages = QStringLiteral("embeddingTab/images");
const QString kSettingsPerplexity = QStringLiteral("embeddingTab/perplexity");
const QString kSettingsColourBy = QStringLiteral("embeddingTab/colourBy");
const QString kSettingsHighlight = QStringLiteral("embeddingTab/highlightMisclassified");

QLabel *sectionHeader(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

void setTextColour(QWidget *widget, const QColor &colour)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, colour);
    widget->setPalette(palette);
}

// Whole-number nearest-neighbour enlargement to about `pixels`: every source pixel stays a sharp square.
QPixmap enlarged(const QImage &source, int pixels, qreal ratio)
{
    if (source.isNull())
        return {};
    const int longest = std::max(source.width(), source.height());
    const int target = qRound(pixels * ratio);
    const QImage shown = longest <= target
        ? source.scaled(source.width() * (target / longest), source.height() * (target / longest),
            Qt::IgnoreAspectRatio, Qt::FastTransformation)
        : source.scaled(target, target, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QPixmap pixmap = QPixmap::fromImage(shown);
    pixmap.setDevicePixelRatio(ratio);
    return pixmap;
}

} // namespace

// The Images spin box, whose maximum reads "All (10,000)" when it covers the whole test split.
class ImageCountSpin : public QSpinBox
{
public:
    using QSpinBox::QSpinBox;

    bool allAtMaximum = false;

    bool isAll() const { return allAtMaximum && value() == maximum(); }
    QString allText() const { return EmbeddingTab::tr("All (%1)").arg(locale().toString(maximum())); }

protected:
    QString textFromValue(int value) const override
    {
        if (allAtMaximum && value == maximum())
            return allText();
        return QSpinBox::textFromValue(value);
    }

    int valueFromText(const QString &text) const override
    {
        if (allAtMaximum && text == allText())
            return maximum();
        return QSpinBox::valueFromText(text);
    }

    QValidator::State validate(QString &text, int &pos) const override
    {
        if (allAtMaximum && !text.isEmpty() && allText().startsWith(text))
            return text == allText() ? QValidator::Acceptable : QValidator::Intermediate;
        return QSpinBox::validate(text, pos);
    }
};

EmbeddingTab::EmbeddingTab(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("embeddingTab"));

    // The computation: method, how many images, perplexity, Compute (and its progress while it runs).
    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("embeddingMethod"));
    m_method->addItem(tr("t-SNE"), static_cast<int>(ProjectionMethod::Tsne));
    m_method->setItemData(0,
        tr("Keeps each image's nearest neighbours close: clusters show what the network groups "
           "together (distances between clusters mean little). A few seconds for 2,000 images; at most 5,000."),
        Qt::ToolTipRole);
    m_method->addItem(tr("PCA"), static_cast<int>(ProjectionMethod::Pca));
    m_method->setItemData(1,
        tr("The two directions along which the features vary most: a faithful but crowded linear "
           "view. Takes a moment."),
        Qt::ToolTipRole);
    m_method->setToolTip(tr("How the features are projected to two dimensions"));
    auto *methodLabel = new QLabel(tr("Meth&od:"), this);
    methodLabel->setBuddy(m_method);

    m_images = new ImageCountSpin(this);
    m_images->setObjectName(QStringLiteral("embeddingImages"));
    m_images->setRange(kMinImages, kMaxImages);
    m_images->setSingleStep(kImageStep);
    m_images->setGroupSeparatorShown(true);
    m_images->setToolTip(
        tr("How many test images to map, the same number from each class. t-SNE's time grows with "
           "the square of this number."));
    auto *imagesLabel = new QLabel(tr("Ima&ges:"), this);
    imagesLabel->setBuddy(m_images);

    m_perplexity = new QSpinBox(this);
    m_perplexity->setObjectName(QStringLiteral("embeddingPerplexity"));
    m_perplexity->setRange(kMinPerplexity, kMaxPerplexity);
    m_perplexity->setToolTip(
        tr("t-SNE: about how many neighbours each image keeps close (5 to 50 is usual; larger "
           "shows more global structure)"));
    m_perplexityLabel = new QLabel(tr("&Perplexity:"), this);
    m_perplexityLabel->setBuddy(m_perplexity);

    m_compute = new QPushButton(tr("Comp&ute"), this);
    m_compute->setObjectName(QStringLiteral("embeddingCompute"));
    m_compute->setToolTip(tr("Map the test images with the run's latest checkpoint"));

    m_progressBar = new QProgressBar(this);
    m_progressBar->setObjectName(QStringLiteral("embeddingProgress"));
    m_progressBar->setRange(0, kProgressSteps);
    m_progressBar->setMinimumWidth(fontMetrics().averageCharWidth() * 30);
    m_progressBar->setAccessibleName(tr("Progress of the map"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("embeddingCancel"));
    m_cancel->setToolTip(tr("Stop computing the map"));

    auto *computeRow = new QHBoxLayout;
    computeRow->addWidget(methodLabel);
    computeRow->addWidget(m_method);
    computeRow->addSpacing(fontMetrics().averageCharWidth() * 2);
    computeRow->addWidget(imagesLabel);
    computeRow->addWidget(m_images);
    computeRow->addSpacing(fontMetrics().averageCharWidth() * 2);
    computeRow->addWidget(m_perplexityLabel);
    computeRow->addWidget(m_perplexity);
    computeRow->addSpacing(fontMetrics().averageCharWidth() * 2);
    computeRow->addWidget(m_compute);
    computeRow->addWidget(m_progressBar, 1);
    computeRow->addWidget(m_cancel);
    computeRow->addStretch(0);

    // The display: colours, mistakes, the view's zoom, export.
    m_colourBy = new QComboBox(this);
    m_colourBy->setObjectName(QStringLiteral("embeddingColourBy"));
    m_colourBy->addItem(tr("True class"), static_cast<int>(EmbeddingView::Colouring::TrueClass));
    m_colourBy->addItem(tr("Predicted class"), static_cast<int>(EmbeddingView::Colouring::PredictedClass));
    m_colourBy->setToolTip(tr("Colour each image by its true class or by the class the network predicted"));
    auto *colourLabel = new QLabel(tr("Colou&r by:"), this);
    colourLabel->setBuddy(m_colourBy);

    m_highlight = new QCheckBox(tr("Highlight mi&sclassified"), this);
    m_highlight->setObjectName(QStringLiteral("embeddingHighlight"));
    m_highlight->setToolTip(tr("Outline the misclassified images and fade the rest"));

    m_resetView = new QToolButton(this);
    m_resetView->setObjectName(QStringLiteral("embeddingResetView"));
    m_resetView->setText(tr("Reset View"));
    m_resetView->setToolTip(tr("Fit the whole map (also a double-click on it, or 0)"));

    m_export = new QToolButton(this);
    m_export->setObjectName(QStringLiteral("embeddingExport"));
    m_export->setText(tr("E&xport..."));
    m_export->setToolTip(
        tr("Save the map as CSV (each image's classes, position and neighbours) or as a PNG or SVG image"));

    auto *displayRow = new QHBoxLayout;
    displayRow->addWidget(colourLabel);
    displayRow->addWidget(m_colourBy);
    displayRow->addSpacing(fontMetrics().averageCharWidth() * 2);
    displayRow->addWidget(m_highlight);
    displayRow->addStretch(1);
    displayRow->addWidget(m_resetView);
    displayRow->addWidget(m_export);

    m_view = new EmbeddingView(this);

    auto *detailScroll = new QScrollArea(this);
    detailScroll->setObjectName(QStringLiteral("embeddingDetailScroll"));
    detailScroll->setWidgetResizable(true);
    detailScroll->setFrameShape(QFrame::NoFrame);
    detailScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    detailScroll->setFocusPolicy(Qt::NoFocus); // its buttons take focus themselves
    detailScroll->setWidget(buildDetailPanel());
    // Never narrower than the panel: its scroll bar is vertical only.
    detailScroll->setMinimumWidth(
        std::max(detailScroll->widget()->minimumWidth(), detailScroll->widget()->sizeHint().width())
        + detailScroll->style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 2 * detailScroll->frameWidth());

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("embeddingSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_view);
    splitter->addWidget(detailScroll);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("embeddingSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("embeddingNote"));
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont noteFont = m_note->font();
    noteFont.setBold(true);
    m_note->setFont(noteFont);

    auto *mapPage = new QWidget(this);
    auto *mapLayout = new QVBoxLayout(mapPage);
    mapLayout->setContentsMargins(0, 0, 0, 0);
    mapLayout->addWidget(splitter, 1);
    mapLayout->addWidget(m_summary);
    mapLayout->addWidget(m_note);

    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("embeddingEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setMargin(fontMetrics().height() * 2);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(mapPage);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(computeRow);
    layout->addLayout(displayRow);
    layout->addWidget(m_stack, 1);

    // The options a user chose stay chosen across runs and sessions.
    m_restoring = true;
    QSettings settings;
    const int method = m_method->findData(static_cast<int>(
        settings.value(kSettingsMethod).toString() == QLatin1String("pca") ? ProjectionMethod::Pca
                                                                           : ProjectionMethod::Tsne));
    m_method->setCurrentIndex(std::max(0, method));
    m_wantedImages = std::clamp(settings.value(kSettingsImages, kDefaultImages).toInt(), 0, kMaxImages);
    if (m_wantedImages > 0 && m_wantedImages < kMinImages)
        m_wantedImages = kMinImages;
    m_perplexity->setValue(std::clamp(
        settings.value(kSettingsPerplexity, kDefaultPerplexity).toInt(), kMinPerplexity, kMaxPerplexity));
    m_colourBy->setCurrentIndex(
        settings.value(kSettingsColourBy).toString() == QLatin1String("predicted") ? 1 : 0);
    m_highlight->setChecked(settings.value(kSettingsHighlight, false).toBool());
    updateImageRange();
    m_restoring = false;
    m_view->setColouring(static_cast<EmbeddingView::Colouring>(m_colourBy->currentData().toInt()));
    m_view->setHighlightMisclassified(m_highlight->isChecked());

    connect(m_method, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        saveSettings();
        updateImageRange();
        updateState();
    });
    connect(m_images, qOverload<int>(&QSpinBox::valueChanged), this, [this] {
        if (m_restoring)
            return;
        m_wantedImages = m_images->isAll() ? 0 : m_images->value();
        updatePerplexityRange();
        saveSettings();
    });
    connect(m_perplexity, qOverload<int>(&QSpinBox::valueChanged), this, [this] {
        if (!m_restoring)
            saveSettings();
    });
    connect(m_colourBy, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        m_view->setColouring(static_cast<EmbeddingView::Colouring>(m_colourBy->currentData().toInt()));
        saveSettings();
    });
    connect(m_highlight, &QCheckBox::toggled, this, [this](bool on) {
        m_view->setHighlightMisclassified(on);
        saveSettings();
    });
    connect(m_compute, &QPushButton::clicked, this, [this] {
        if (canCompute())
            Q_EMIT computeRequested(options());
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        // The computation stops at its next check; until then the bar says it is stopping.
        m_cancel->setEnabled(false);
        m_progressBar->setFormat(tr("Cancelling..."));
        Q_EMIT cancelRequested();
    });
    connect(m_resetView, &QToolButton::clicked, m_view, &EmbeddingView::resetView);
    connect(m_export, &QToolButton::clicked, this, &EmbeddingTab::exportData);
    connect(m_view, &EmbeddingView::selectionChanged, this, [this] { updateDetail(); });
    connect(m_showInImages, &QPushButton::clicked, this, [this] {
        const int image = selectedImage();
        if (image >= 0)
            Q_EMIT showImageRequested(image);
    });
    updateState();
}

EmbeddingTab::~EmbeddingTab() = default;

QWidget *EmbeddingTab::buildDetailPanel()
{
    auto *panel = new QWidget(this);
    panel->setObjectName(QStringLiteral("embeddingDetail"));
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(fontMetrics().averageCharWidth(), 0, fontMetrics().averageCharWidth(), 0);

    m_detailTitle = sectionHeader(QString(), panel);
    m_detailTitle->setObjectName(QStringLiteral("embeddingDetailTitle"));
    m_detailTitle->setWordWrap(true);
    m_detailImage = new QLabel(panel);
    m_detailImage->setObjectName(QStringLiteral("embeddingDetailImage"));
    m_detailImage->setAlignment(Qt::AlignCenter);
    m_detailImage->setMinimumHeight(kDetailImagePixels);
    m_detailVerdict = new QLabel(panel);
    m_detailVerdict->setObjectName(QStringLiteral("embeddingDetailVerdict"));
    QFont verdictFont = m_detailVerdict->font();
    verdictFont.setBold(true);
    m_detailVerdict->setFont(verdictFont);
    m_detailVerdict->setAlignment(Qt::AlignCenter);

    m_detailFacts = new QWidget(panel);
    auto *facts = new QFormLayout(m_detailFacts);
    facts->setContentsMargins(0, 0, 0, 0);
    m_detailTrue = new QLabel(m_detailFacts);
    m_detailTrue->setObjectName(QStringLiteral("embeddingDetailTrue"));
    m_detailPredicted = new QLabel(m_detailFacts);
    m_detailPredicted->setObjectName(QStringLiteral("embeddingDetailPredicted"));
    m_detailConfidence = new QLabel(m_detailFacts);
    m_detailConfidence->setObjectName(QStringLiteral("embeddingDetailConfidence"));
    facts->addRow(tr("True class:"), m_detailTrue);
    facts->addRow(tr("Predicted:"), m_detailPredicted);
    facts->addRow(tr("Confidence:"), m_detailConfidence);

    m_showInImages = new QPushButton(tr("Show in Images Tab"), panel);
    m_showInImages->setObjectName(QStringLiteral("embeddingShowInImages"));
    m_showInImages->setToolTip(
        tr("The image's top five classes, its history over the epochs and its Grad-CAM map"));

    m_neighboursHeader = sectionHeader(tr("Nearest neighbours in feature space"), panel);
    m_neighboursHeader->setWordWrap(true);
    m_neighboursSummary = new QLabel(panel);
    m_neighboursSummary->setObjectName(QStringLiteral("embeddingNeighboursSummary"));
    m_neighboursSummary->setWordWrap(true);
    m_neighbourGrid = new QGridLayout;
    m_neighbourGrid->setSpacing(2);

    layout->addWidget(m_detailTitle);
    layout->addWidget(m_detailImage);
    layout->addWidget(m_detailVerdict);
    layout->addWidget(m_detailFacts);
    layout->addWidget(m_showInImages);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(m_neighboursHeader);
    layout->addWidget(m_neighboursSummary);
    layout->addLayout(m_neighbourGrid);
    layout->addStretch(1);
    // Exactly wide enough for a row of neighbours with their class names.
    panel->setMinimumWidth(kNeighbourColumns * neighbourCellWidth()
        + (kNeighbourColumns - 1) * m_neighbourGrid->spacing() + layout->contentsMargins().left()
        + layout->contentsMargins().right());
    return panel;
}

void EmbeddingTab::setDataset(std::shared_ptr<const Dataset> dataset)
{
    if (dataset == m_dataset)
        return;
    m_dataset = std::move(dataset);
    m_classNames = m_dataset ? m_dataset->classNames : std::vector<std::string>();
    updateImageRange();
    updateState();
}

void EmbeddingTab::clear()
{
    m_noRun = true;
    m_unavailable.clear();
    m_sourceLabel.clear();
    m_sourceEpoch = 0;
    m_computing = false;
    m_failure.clear();
    m_cancelled = false;
    m_embedding.reset();
    m_mapLabel.clear();
    m_mapEpoch = 0;
    m_view->clear();
    updateState();
}

void EmbeddingTab::setUnavailable(const QString &reason)
{
    m_noRun = false;
    m_unavailable = reason;
    updateState();
}

void EmbeddingTab::setSource(const QString &label, int epoch)
{
    m_noRun = false;
    m_unavailable.clear();
    m_sourceLabel = label;
    m_sourceEpoch = epoch;
    updateState();
}

void EmbeddingTab::setComputing()
{
    m_computing = true;
    m_failure.clear();
    m_cancelled = false;
    m_progress = 0.0;
    m_stage.clear();
    m_computingLabel = m_sourceLabel;
    m_computingEpoch = m_sourceEpoch;
    updateState();
}

void EmbeddingTab::setProgress(double fraction, const QString &stage)
{
    if (!m_computing || !m_cancel->isEnabled())
        return;
    m_progress = std::clamp(fraction, 0.0, 1.0);
    m_stage = stage;
    m_progressBar->setValue(static_cast<int>(std::lround(m_progress * kProgressSteps)));
    m_progressBar->setFormat(QStringLiteral("%1 · %p%").arg(stageText(stage)));
    if (!hasMap())
        m_empty->setText(emptyText());
}

void EmbeddingTab::setEmbedding(std::shared_ptr<const Embedding> embedding)
{
    m_computing = false;
    m_failure.clear();
    m_cancelled = false;
    m_embedding = std::move(embedding);
    m_mapLabel = m_computingLabel;
    m_mapEpoch = m_computingEpoch;
    QStringList names;
    for (const std::string &name : m_classNames)
        names << QString::fromStdString(name);
    m_view->setEmbedding(m_embedding, names, m_dataset);
    updateState();
}

void EmbeddingTab::setFailed(const QString &message)
{
    m_computing = false;
    m_failure = message.isEmpty() ? tr("unknown error") : message;
    m_cancelled = false;
    updateState();
}

void EmbeddingTab::setCancelled()
{
    m_computing = false;
    m_failure.clear();
    m_cancelled = true;
    updateState();
}

EmbeddingOptions EmbeddingTab::options() const
{
    EmbeddingOptions o;
    o.method = static_cast<ProjectionMethod>(m_method->currentData().toInt());
    o.maxImages = m_images->isAll() ? 0 : m_images->value();
    o.perplexity = m_perplexity->value();
    const int64_t points = o.maxImages > 0 ? o.maxImages : (m_dataset ? m_dataset->test.count : kMaxImages);
    o.neighbours = static_cast<int>(std::clamp<int64_t>(points - 1, 1, kNeighbours));
    return o;
}

void EmbeddingTab::setMethod(ProjectionMethod method)
{
    m_method->setCurrentIndex(std::max(0, m_method->findData(static_cast<int>(method))));
}

bool EmbeddingTab::canCompute() const
{
    return !m_noRun && m_unavailable.isEmpty() && !m_computing && m_dataset && m_dataset->test.count > 0;
}

bool EmbeddingTab::hasMap() const
{
    return m_embedding != nullptr && m_view->hasEmbedding();
}

std::shared_ptr<const Embedding> EmbeddingTab::embedding() const
{
    return m_embedding;
}

bool EmbeddingTab::isStale() const
{
    return hasMap() && m_mapEpoch > 0 && m_sourceEpoch > m_mapEpoch;
}

int EmbeddingTab::maximumImages() const
{
    return m_images->maximum();
}

QString EmbeddingTab::methodText(ProjectionMethod method) const
{
    return method == ProjectionMethod::Pca ? tr("PCA") : tr("t-SNE");
}

QString EmbeddingTab::stageText(const QString &stage) const
{
    // The core's stage names, in the UI's language.
    if (stage == QLatin1String("features"))
        return tr("Extracting features");
    if (stage == QLatin1String("neighbours"))
        return tr("Finding neighbours");
    if (stage == QLatin1String("PCA") || stage == QLatin1String("pca"))
        return tr("PCA");
    if (stage == QLatin1String("t-SNE") || stage == QLatin1String("tsne"))
        return tr("t-SNE");
    if (stage == QLatin1String("done"))
        return tr("Done");
    if (stage.isEmpty())
        return tr("Loading the checkpoint");
    return stage;
}

QString EmbeddingTab::emptyText() const
{
    if (m_noRun)
        return tr("Open or train a run to map its test images by what the network learned.");
    if (m_computing) {
        return tr("Computing the map: %1...").arg(stageText(m_stage));
    }
    if (!m_unavailable.isEmpty())
        return m_unavailable;
    if (!m_dataset)
        return tr("The run's dataset is not loaded.");
    if (!m_failure.isEmpty())
        return tr("The map could not be computed: %1").arg(m_failure);
    if (m_cancelled)
        return tr("Cancelled. Compute maps the test images again.");
    return tr(
        "Compute maps the test images by what the network learned: each image's features at the classifier's "
        "input, projected to two dimensions, so images the network sees alike land close together. PCA takes "
        "a moment; t-SNE of 2,000 images a few seconds.");
}

QString EmbeddingTab::summaryText() const
{
    if (!hasMap())
        return {};
    const Embedding &e = *m_embedding;
    const QLocale locale;
    QString method;
    if (e.method == ProjectionMethod::Pca) {
        method = tr("PCA of %1 test images; its axes explain %2 and %3 of the features' variance")
                     .arg(locale.toString(static_cast<qlonglong>(e.count())),
                         probabilityText(e.map.explainedVariance[0], 1),
                         probabilityText(e.map.explainedVariance[1], 1));
    } else {
        method = tr("t-SNE of %1 test images (perplexity %2, %3 iterations); final KL divergence %4")
                     .arg(locale.toString(static_cast<qlonglong>(e.count())),
                         locale.toString(e.perplexity, 'g', 4), locale.toString(e.iterations),
                         locale.toString(e.map.klDivergence, 'f', 3));
    }
    const QString features
        = tr("features: layer %1, %2 values per image")
              .arg(QString::fromStdString(e.layer), locale.toString(static_cast<qlonglong>(e.featureSize)));
    const QString accuracy
        = tr("%n-NN accuracy in feature space: %1, kept by the map: %2", nullptr, e.neighbourCount)
              .arg(
                  probabilityText(e.featureNeighbourAccuracy, 1), probabilityText(e.mapNeighbourAccuracy, 1));
    QString source;
    if (!m_mapLabel.isEmpty())
        source = m_mapEpoch > 0 ? tr("from %1 at epoch %2").arg(m_mapLabel).arg(m_mapEpoch)
                                : tr("from %1").arg(m_mapLabel);
    QStringList parts {method, features, accuracy};
    if (!source.isEmpty())
        parts << source;
    return parts.join(QStringLiteral(" · "));
}

QString EmbeddingTab::noteText() const
{
    if (!hasMap())
        return {};
    if (m_computing)
        return tr("Computing a new map; the one shown stays until it is ready.");
    if (!m_failure.isEmpty())
        return tr("The new map could not be computed: %1. The map shown is the earlier one.").arg(m_failure);
    if (m_cancelled)
        return tr("Cancelled; the map shown is the earlier one.");
    if (isStale())
        return tr(
            "Computed at epoch %1; the run has moved on to epoch %2. Compute maps its latest checkpoint.")
            .arg(m_mapEpoch)
            .arg(m_sourceEpoch);
    if (!m_unavailable.isEmpty())
        return m_unavailable;
    return {};
}

void EmbeddingTab::updateState()
{
    const bool map = hasMap();
    m_stack->setCurrentIndex(map ? 1 : 0);
    m_empty->setText(emptyText());
    m_compute->setEnabled(canCompute());
    m_compute->setText(map ? tr("Recomp&ute") : tr("Comp&ute"));
    m_progressBar->setVisible(m_computing);
    m_cancel->setVisible(m_computing);
    m_cancel->setEnabled(m_computing);
    if (m_computing) {
        m_progressBar->setValue(static_cast<int>(std::lround(m_progress * kProgressSteps)));
        m_progressBar->setFormat(QStringLiteral("%1 · %p%").arg(stageText(m_stage)));
    }
    const bool tsne
        = static_cast<ProjectionMethod>(m_method->currentData().toInt()) == ProjectionMethod::Tsne;
    m_perplexity->setEnabled(tsne);
    m_perplexityLabel->setEnabled(tsne);
    m_export->setEnabled(map);
    m_resetView->setEnabled(map);
    updateSummary();
    updateDetail();
}

void EmbeddingTab::updateSummary()
{
    m_summary->setText(summaryText());
    const QString note = noteText();
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
    fitSummaryHeight();
    setTextColour(m_note,
        isStale() || !m_failure.isEmpty() ? PredictionDelegate::wrongColor(palette())
                                          : palette().color(QPalette::WindowText));
}

void EmbeddingTab::updateImageRange()
{
    // The spin box offers what the test split holds, "All" at its maximum when that is all of it.
    const int64_t available = m_dataset ? m_dataset->test.count : kMaxImages;
    // Exact t-SNE stops at kTsneMaxImages; the wanted count is kept for when PCA is chosen again.
    const bool tsne = static_cast<ProjectionMethod>(m_method->currentData().toInt()) == ProjectionMethod::Tsne;
    const int64_t cap = tsne ? std::min<int64_t>(kMaxImages, kTsneMaxImages) : kMaxImages;
    const int maximum = static_cast<int>(std::clamp<int64_t>(available, 3, cap));
    const bool restoring = m_restoring;
    m_restoring = true;
    {
        const QSignalBlocker blocker(m_images);
        m_images->allAtMaximum = m_dataset && available <= cap;
        m_images->setRange(std::min(kMinImages, maximum), maximum);
        m_images->setValue(m_wantedImages == 0 ? maximum : std::min(m_wantedImages, maximum));
        m_images->setMinimumWidth(m_images->fontMetrics().horizontalAdvance(
                                      EmbeddingTab::tr("All (%1)").arg(QLocale().toString(kMaxImages)))
            + m_images->fontMetrics().averageCharWidth() * 6);
        m_images->update();
    }
    m_restoring = restoring;
    updatePerplexityRange();
}

void EmbeddingTab::updatePerplexityRange()
{
    // t-SNE needs at least three times the perplexity in points.
    const int points = m_images->isAll() && m_dataset ? static_cast<int>(std::min<int64_t>(m_dataset->test.count, m_images->maximum()))
                                                      : m_images->value();
    const int highest = std::clamp((points - 1) / 3, kMinPerplexity, kMaxPerplexity);
    const bool restoring = m_restoring;
    m_restoring = true;
    m_perplexity->setMaximum(highest);
    m_restoring = restoring;
}

void EmbeddingTab::saveSettings() const
{
    if (m_restoring)
        return;
    QSettings settings;
    settings.setValue(kSettingsMethod,
        QString::fromStdString(
            projectionMethodName(static_cast<ProjectionMethod>(m_method->currentData().toInt()))));
    settings.setValue(kSettingsImages, m_wantedImages);
    settings.setValue(kSettingsPerplexity, m_perplexity->value());
    settings.setValue(kSettingsColourBy,
        m_colourBy->currentIndex() == 1 ? QStringLiteral("predicted") : QStringLiteral("true"));
    settings.setValue(kSettingsHighlight, m_highlight->isChecked());
}

QString EmbeddingTab::imageClassName(int cls) const
{
    return m_view->className(cls);
}

int EmbeddingTab::selectedImage() const
{
    const int position = m_view->selectedPoint();
    if (!m_embedding || position < 0 || position >= m_embedding->count())
        return -1;
    return static_cast<int>(m_embedding->imageIndex[static_cast<size_t>(position)]);
}

bool EmbeddingTab::selectImage(int imageIndex)
{
    if (!hasMap())
        return false;
    const auto &indices = m_embedding->imageIndex;
    const auto it = std::lower_bound(indices.begin(), indices.end(), static_cast<int64_t>(imageIndex));
    if (it == indices.end() || *it != imageIndex)
        return false;
    m_view->selectPoint(static_cast<int>(it - indices.begin()));
    return true;
}

void EmbeddingTab::updateDetail()
{
    const int position = m_view->selectedPoint();
    const bool selected = hasMap() && position >= 0 && position < m_embedding->count();
    m_detailImage->setVisible(selected);
    m_detailVerdict->setVisible(selected);
    m_detailFacts->setVisible(selected);
    m_showInImages->setVisible(selected);
    m_neighboursHeader->setVisible(selected);
    m_neighboursSummary->setVisible(selected);
    if (!selected) {
        m_detailTitle->setText(
            hasMap() ? tr("Click a point to see its image and its nearest neighbours.") : QString());
        QFont font = m_detailTitle->font();
        font.setBold(false);
        m_detailTitle->setFont(font);
        for (QToolButton *button : m_neighbourButtons)
            button->setVisible(false);
        return;
    }
    const Embedding &e = *m_embedding;
    const QLocale locale;
    const auto i = static_cast<size_t>(position);
    const int image = static_cast<int>(e.imageIndex[i]);
    QFont titleFont = m_detailTitle->font();
    titleFont.setBold(true);
    m_detailTitle->setFont(titleFont);
    m_detailTitle->setText(tr("Image %1").arg(locale.toString(image)));
    const QImage source
        = m_dataset && image < m_dataset->test.count ? splitImage(m_dataset->test, image) : QImage();
    m_detailImage->setPixmap(enlarged(source, kDetailImagePixels, devicePixelRatioF()));

    const int truth = e.label[i];
    const int predicted = e.predicted[i];
    const bool correct = truth == predicted;
    const QColor verdictColour
        = correct ? PredictionDelegate::rightColor(palette()) : PredictionDelegate::wrongColor(palette());
    m_detailVerdict->setText(correct ? tr("Correct") : tr("Misclassified"));
    setTextColour(m_detailVerdict, verdictColour);
    m_detailTrue->setText(imageClassName(truth));
    m_detailPredicted->setText(imageClassName(predicted));
    setTextColour(m_detailPredicted, verdictColour);
    m_detailConfidence->setText(
        i < e.confidence.size() ? probabilityText(e.confidence[i], 1) : tr("unknown"));

    // The neighbours, nearest first, as buttons that select them in the map.
    const int k = std::max(0, e.neighbourCount);
    int shared = 0, shown = 0;
    for (int j = 0; j < k; ++j) {
        const size_t at = i * static_cast<size_t>(k) + static_cast<size_t>(j);
        if (at >= e.neighbours.size())
            break;
        const int other = e.neighbours[at];
        if (other < 0 || other >= e.count())
            continue;
        if (shown >= static_cast<int>(m_neighbourButtons.size())) {
            auto *button = new QToolButton(m_detailFacts->parentWidget());
            button->setObjectName(QStringLiteral("embeddingNeighbour%1").arg(m_neighbourButtons.size()));
            button->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
            button->setAutoRaise(true);
            button->setIconSize(QSize(kNeighbourPixels, kNeighbourPixels));
            button->setFixedWidth(neighbourCellWidth());
            const int slot = static_cast<int>(m_neighbourButtons.size());
            m_neighbourGrid->addWidget(button, slot / kNeighbourColumns, slot % kNeighbourColumns);
            connect(button, &QToolButton::clicked, this, [this, button] {
                m_view->selectPoint(button->property("position").toInt());
                m_view->setFocus(Qt::OtherFocusReason);
            });
            m_neighbourButtons.push_back(button);
        }
        QToolButton *button = m_neighbourButtons[static_cast<size_t>(shown)];
        const auto o = static_cast<size_t>(other);
        const int otherImage = static_cast<int>(e.imageIndex[o]);
        const QImage thumbnail = m_dataset && otherImage < m_dataset->test.count
            ? splitImage(m_dataset->test, otherImage)
            : QImage();
        button->setIcon(QIcon(enlarged(thumbnail, kNeighbourPixels, devicePixelRatioF())));
        const QString name = imageClassName(e.label[o]);
        button->setText(button->fontMetrics().elidedText(name, Qt::ElideRight, neighbourCellWidth() - 8));
        button->setProperty("position", other);
        const QString description = m_view->pointDescription(other);
        button->setToolTip(description);
        button->setAccessibleName(tr("Neighbour %1: %2").arg(shown + 1).arg(description));
        button->setVisible(true);
        shared += e.label[o] == truth ? 1 : 0;
        ++shown;
    }
    for (size_t b = static_cast<size_t>(shown); b < m_neighbourButtons.size(); ++b)
        m_neighbourButtons[b]->setVisible(false);
    m_neighboursSummary->setText(shown > 0
            ? tr("%1 of %n share its true class, nearest first:", nullptr, shown).arg(locale.toString(shared))
            : tr("No neighbours recorded."));
}

QString EmbeddingTab::csv() const
{
    if (!hasMap())
        return {};
    return QString::fromStdString(embeddingCsv(*m_embedding, m_classNames));
}

void EmbeddingTab::exportData()
{
    if (!hasMap())
        return;
    const QString csvFilter = tr("CSV (*.csv)");
    const QString pngFilter = tr("PNG image (*.png)");
    const QString svgFilter = tr("SVG image (*.svg)");
    QString filter = csvFilter;
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Export Embedding"), QStringLiteral("embedding.csv"),
            csvFilter + QStringLiteral(";;") + pngFilter + QStringLiteral(";;") + svgFilter, &filter);
    if (path.isEmpty())
        return;
    bool ok = false;
    QString error;
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png") || suffix == QLatin1String("svg") || filter == pngFilter
        || filter == svgFilter) {
        QString target = path;
        if (suffix != QLatin1String("png") && suffix != QLatin1String("svg"))
            target += filter == svgFilter ? QStringLiteral(".svg") : QStringLiteral(".png");
        ok = m_view->saveImage(target);
    } else {
        QFile file(path);
        ok = file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(csv().toUtf8()) >= 0
            && file.flush();
        error = file.errorString();
    }
    if (!ok)
        QMessageBox::warning(this, tr("Export Embedding"),
            error.isEmpty() ? tr("Cannot write %1.").arg(path) : tr("Cannot write %1: %2").arg(path, error));
}

int EmbeddingTab::neighbourCellWidth() const
{
    return std::max(kNeighbourPixels, fontMetrics().averageCharWidth() * 10) + 12;
}

void EmbeddingTab::fitSummaryHeight()
{
    // A wrapped label in a stretched layout can be given one line; it gets the lines its text needs.
    for (QLabel *label : {m_summary, m_note})
        label->setMinimumHeight(
            label->text().isEmpty() ? 0 : label->heightForWidth(std::max(1, label->width())));
}

void EmbeddingTab::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitSummaryHeight();
}

void EmbeddingTab::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (m_view && (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange))
        updateState();
}

} // namespace cifarlab
