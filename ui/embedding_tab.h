#pragma once

#include "core/dataset.h"
#include "core/embedding.h"

#include <QMetaType>
#include <QString>
#include <QWidget>

#include <memory>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QToolButton;

namespace cifarlab {

class EmbeddingView;
class ImageCountSpin;

// The Embedding tab (TensorBoard's embedding projector): a run's test images placed by what its
// network learned, each image's features at the classifier's input projected to 2-d by t-SNE or
// PCA. The map, coloured by true or predicted class, with the selected image, its classes and its
// nearest neighbours in feature space beside it, and a summary of how well the features (and the
// map) keep each class together.
//
// The tab never computes: Compute asks (computeRequested) and the window answers with progress,
// a map, an error or a cancellation. A map belongs to one checkpoint; the window clears it when the
// run shown changes.
class EmbeddingTab : public QWidget
{
    Q_OBJECT

public:
    explicit EmbeddingTab(QWidget *parent = nullptr);
    ~EmbeddingTab() override;

    // The test images (thumbnails, class names, how many Compute can map).
    void setDataset(std::shared_ptr<const Dataset> dataset);
    // No run shown: the map and its checkpoint are gone.
    void clear();
    // The run's checkpoint cannot be mapped (yet), and why; a map already shown stays.
    void setUnavailable(const QString &reason);
    // The checkpoint Compute maps, as the summary names it, and the training epoch it holds (1-based;
    // 0 for a checkpoint evaluated from a file). A newer epoch than the map's makes the map stale.
    void setSource(const QString &label, int epoch);

    // The window's answers to computeRequested.
    void setComputing();
    void setProgress(double fraction, const QString &stage);
    void setEmbedding(std::shared_ptr<const Embedding> embedding);
    void setFailed(const QString &message);
    void setCancelled();

    // What Compute would ask for, from the widgets.
    EmbeddingOptions options() const;
    void setMethod(ProjectionMethod method);
    bool isComputing() const { return m_computing; }
    bool canCompute() const;
    bool hasMap() const;
    std::shared_ptr<const Embedding> embedding() const;
    // The map was computed at an earlier epoch than the checkpoint the run has now.
    bool isStale() const;
    // The sentence shown instead of a map, and the lines under one.
    QString emptyText() const;
    QString summaryText() const;
    QString noteText() const;
    // The map as `cifarlab-cli embedding --csv` writes it; empty without a map.
    QString csv() const;

    EmbeddingView *view() const { return m_view; }
    int selectedImage() const; // test image index, -1 when none
    // Selects the image's point; false when the map does not hold it.
    bool selectImage(int imageIndex);
    // The test images the spin box offers: at most 10,000 or the test split.
    int maximumImages() const;

Q_SIGNALS:
    void computeRequested(const cifarlab::EmbeddingOptions &options);
    void cancelRequested();
    // "Show in Images tab" for the selected image.
    void showImageRequested(int imageIndex);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    int neighbourCellWidth() const;
    void fitSummaryHeight();
    QWidget *buildDetailPanel();
    void updateState();
    void updateSummary();
    void updateDetail();
    void updateImageRange();
    void updatePerplexityRange();
    void saveSettings() const;
    void exportData();
    QString stageText(const QString &stage) const;
    QString methodText(ProjectionMethod method) const;
    QString imageClassName(int cls) const;

    std::shared_ptr<const Dataset> m_dataset;
    std::vector<std::string> m_classNames;
    std::shared_ptr<const Embedding> m_embedding;

    // Where the tab stands; the empty page and the note say it.
    bool m_noRun = true;
    QString m_unavailable;
    QString m_sourceLabel;
    int m_sourceEpoch = 0;
    bool m_computing = false;
    QString m_computingLabel; // the source when Compute was clicked
    int m_computingEpoch = 0;
    QString m_mapLabel; // the source of the map shown
    int m_mapEpoch = 0;
    QString m_failure;
    bool m_cancelled = false;
    double m_progress = 0.0;
    QString m_stage;
    int m_wantedImages = 2000; // the user's choice; 0 = all (the spin box clamps to the split)
    bool m_restoring = false;

    QComboBox *m_method = nullptr;
    ImageCountSpin *m_images = nullptr;
    QLabel *m_perplexityLabel = nullptr;
    QSpinBox *m_perplexity = nullptr;
    QPushButton *m_compute = nullptr;
    QProgressBar *m_progressBar = nullptr;
    QPushButton *m_cancel = nullptr;
    QComboBox *m_colourBy = nullptr;
    QCheckBox *m_highlight = nullptr;
    QToolButton *m_resetView = nullptr;
    QToolButton *m_export = nullptr;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    EmbeddingView *m_view = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_note = nullptr;

    QLabel *m_detailTitle = nullptr;
    QLabel *m_detailImage = nullptr;
    QLabel *m_detailVerdict = nullptr;
    QLabel *m_detailTrue = nullptr;
    QLabel *m_detailPredicted = nullptr;
    QLabel *m_detailConfidence = nullptr;
    QWidget *m_detailFacts = nullptr;
    QPushButton *m_showInImages = nullptr;
    QLabel *m_neighboursHeader = nullptr;
    QLabel *m_neighboursSummary = nullptr;
    QGridLayout *m_neighbourGrid = nullptr;
    std::vector<QToolButton *> m_neighbourButtons;
};

} // namespace cifarlab

Q_DECLARE_METATYPE(cifarlab::EmbeddingOptions)
