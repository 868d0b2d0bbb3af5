#pragma once

#include "core/dataset.h"
#include "core/grad_cam.h"
#include "core/training_metrics.h"
#include "ui/prediction_model.h"

#include <QWidget>

#include <memory>
#include <tuple>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;

namespace cifarlab {

class PredictionDelegate;
class ImageGridView;
class TopClassesView;
class HistoryStrip;

// The Images tab: every test image with its latest prediction (worst mistakes first by
// default), filters by verdict/class/confusion pair, and a detail panel for the selected image
// with its top-5 probabilities and its right/wrong history across epochs.
class ImagesTab : public QWidget
{
    Q_OBJECT

public:
    explicit ImagesTab(QWidget *parent = nullptr);

    void setDataset(std::shared_ptr<const Dataset> dataset); // resets predictions
    void clear();
    void appendEpoch(const EpochMetrics &epoch);
    void setEpochs(const std::vector<EpochMetrics> &epochs);

    // classIndex: the class for TrueClass/PredictedClass, the true class for Pair; -1 keeps the
    // class currently chosen in the combo.
    void setFilter(PredictionModel::Filter filter, int classIndex = -1);
    // Images of `trueClass` predicted as `predictedClass` (the Confusion tab's cell click).
    void showPair(int trueClass, int predictedClass);
    void setSort(PredictionModel::Sort sort);

    int visibleCount() const;
    PredictionModel *model() const;
    // Selects and scrolls to the image; switches the filter to All when it is filtered out.
    void selectImage(int imageIndex);
    int selectedImage() const; // -1 when none

    // Grad-CAM section of the detail panel. The tab asks (attributionRequested) and the window
    // answers with a map, an error, or why there can be none (no checkpoint, say).
    void setAttributionUnavailable(const QString &reason);
    void showAttribution(const GradCamMap &map);
    void showAttributionError(int imageIndex, const QString &message);
    // Lays the map over the enlarged image (the "Evidence for" check box).
    void setAttributionEnabled(bool enabled);
    // The class the map should explain for the selected image: its predicted or its true class.
    int attributionTarget() const;
    // The map of the selected image is laid over it.
    bool attributionShown() const;

Q_SIGNALS:
    // A new image was selected (by the user or selectImage); never emitted for "no selection".
    void imageSelected(int imageIndex);
    // The detail panel wants the Grad-CAM map of `imageIndex` for `targetClass` (again after a new
    // epoch, whose checkpoint may see it differently).
    void attributionRequested(int imageIndex, int targetClass);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildToolbar();
    QWidget *buildDetailPanel();
    void fillClassCombos();
    void syncCombos();
    void applyCombos();
    void updateGridGeometry();
    void updateCount();
    void updateDetail();
    void onSelectionChanged();
    void onModelReset();
    void requestAttribution();
    void renderDetailImage();

    PredictionModel *m_model = nullptr;
    PredictionDelegate *m_delegate = nullptr;
    ImageGridView *m_grid = nullptr;

    QComboBox *m_filterCombo = nullptr;
    QComboBox *m_classCombo = nullptr;
    QLabel *m_pairArrow = nullptr;
    QComboBox *m_predictedCombo = nullptr;
    QComboBox *m_sortCombo = nullptr;
    QSlider *m_sizeSlider = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_epochLabel = nullptr;

    QWidget *m_detail = nullptr;
    QLabel *m_detailTitle = nullptr;
    QLabel *m_detailVerdict = nullptr;
    QLabel *m_detailImage = nullptr;
    QWidget *m_detailFacts = nullptr;
    QLabel *m_detailTrue = nullptr;
    QLabel *m_detailPredictedCaption = nullptr;
    QLabel *m_detailPredicted = nullptr;
    QLabel *m_detailConfidenceCaption = nullptr;
    QLabel *m_detailConfidence = nullptr;
    QLabel *m_detailLossCaption = nullptr;
    QLabel *m_detailLoss = nullptr;
    QLabel *m_topHeader = nullptr;
    TopClassesView *m_topClasses = nullptr;
    QLabel *m_topNote = nullptr;
    QLabel *m_historyHeader = nullptr;
    HistoryStrip *m_history = nullptr;
    QLabel *m_historyText = nullptr;
    QLabel *m_detailPlaceholder = nullptr;
    QWidget *m_camRow = nullptr;
    QCheckBox *m_camToggle = nullptr;
    QComboBox *m_camTarget = nullptr;
    QLabel *m_camCaption = nullptr;
    GradCamMap m_camMap; // imageIndex -1: none
    int m_epochsSeen = 0;
    // (image, class, epochs seen) of the last request, so repaints do not ask again.
    std::tuple<int, int, int> m_camRequested {-1, -1, -1};

    int m_selectedImage = -1;
    bool m_restoringSelection = false;
};

} // namespace cifarlab
