#pragma once

#include "core/dataset.h"
#include "core/training_metrics.h"

#include <QAbstractListModel>
#include <QCache>
#include <QImage>
#include <QPixmap>

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace cifarlab {

// The test split with the latest epoch's predictions, as a filtered and sorted list of images.
// Rows are a vector of image indices (no per-row objects), thumbnails are rendered lazily from
// the raw bytes and cached, so 10,000 images cost a few hundred kilobytes until they are seen.
class PredictionModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        ImageIndexRole = Qt::UserRole + 1, // int: index into the test split
        TrueClassRole, // int
        PredictedClassRole, // int, invalid QVariant before the first epoch
        ConfidenceRole, // double in [0,1], probability of the predicted class
        LossRole, // double, per-image cross-entropy
        CorrectRole, // bool, invalid before the first epoch
        TrueNameRole, // QString: the true class's name
        PredictedNameRole, // QString: the predicted class's name, invalid before
    };

    enum class Filter { All, Misclassified, Correct, TrueClass, PredictedClass, Pair };
    Q_ENUM(Filter)
    enum class Sort { Index, LossDescending, ConfidenceAscending, ConfidenceDescending };
    Q_ENUM(Sort)

    // One epoch of an image's history.
    struct Outcome
    {
        int64_t epoch = 0; // 0-based, as in EpochMetrics
        bool correct = false;
    };

    explicit PredictionModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Shows the dataset's test split; forgets all predictions.
    void setDataset(std::shared_ptr<const Dataset> dataset);
    std::shared_ptr<const Dataset> dataset() const { return m_dataset; }
    void clear();

    // Keeps this epoch's per-image vectors (the newest wins) and one correctness bit per image
    // for the history. An epoch with the same number as the last one replaces it. Epochs
    // without test predictions (or for another split size) are ignored.
    void appendEpoch(const EpochMetrics &epoch);
    void setEpochs(const std::vector<EpochMetrics> &epochs);

    // classIndex is the true class for TrueClass and Pair, the predicted class for
    // PredictedClass; predictedClass is the second half of a Pair. -1 keeps the current one.
    void setFilter(Filter filter, int classIndex = -1, int predictedClass = -1);
    Filter filter() const { return m_filter; }
    int filterClass() const { return m_filterClass; }
    int filterPredictedClass() const { return m_filterPredicted; }
    void setSort(Sort sort);
    Sort sort() const { return m_sort; }

    int totalCount() const; // images in the test split
    int misclassifiedCount() const { return m_wrongCount; }
    int numClasses() const;
    QString className(int classIndex) const;
    bool hasPredictions() const { return !m_predictions.empty(); }
    int epochCount() const { return static_cast<int>(m_history.size()); }
    int64_t latestEpoch() const { return m_latestEpoch; } // -1 before the first epoch

    int imageAt(int row) const; // -1 when out of range
    int rowOfImage(int imageIndex) const; // -1 when filtered out

    // Per image (index into the test split); -1 / NaN when unknown.
    int trueClass(int imageIndex) const;
    int predictedClass(int imageIndex) const;
    bool isCorrect(int imageIndex) const;
    float confidence(int imageIndex) const;
    float loss(int imageIndex) const;
    // Most probable classes, best first; just the predicted class when top-k was not recorded.
    std::vector<std::pair<int, float>> topClasses(int imageIndex) const;
    std::vector<Outcome> history(int imageIndex) const;

    // The image at its native size (RGB888, or Grayscale8 for one channel).
    QImage image(int imageIndex) const;
    // The thumbnail at thumbnailSize() logical pixels (cached).
    QPixmap thumbnail(int imageIndex) const;
    void setThumbnailSize(int pixels);
    int thumbnailSize() const { return m_thumbnailSize; }
    void setDevicePixelRatio(qreal ratio);

Q_SIGNALS:
    // The latest epoch changed (the rows have been re-filtered and re-sorted already).
    void predictionsChanged();

private:
    struct EpochBits
    {
        int64_t epoch = 0;
        std::vector<uint64_t> bits; // bit i set: image i was classified correctly
    };

    bool accepts(int imageIndex) const;
    void rebuildRows();
    void resetPredictions();
    bool takeEpoch(const EpochMetrics &epoch);

    std::shared_ptr<const Dataset> m_dataset;
    std::vector<int> m_rows; // image index per row
    std::vector<int> m_rowOfImage; // inverse of m_rows, -1 when filtered out

    std::vector<int32_t> m_predictions;
    std::vector<float> m_confidence;
    std::vector<float> m_loss;
    int m_topK = 0;
    std::vector<int32_t> m_topClasses;
    std::vector<float> m_topProbabilities;
    std::vector<EpochBits> m_history;
    int64_t m_latestEpoch = -1;
    int m_wrongCount = 0;

    Filter m_filter = Filter::All;
    int m_filterClass = 0;
    int m_filterPredicted = 0;
    Sort m_sort = Sort::LossDescending;

    int m_thumbnailSize = 64;
    qreal m_pixelRatio = 1.0;
    mutable QCache<int, QPixmap> m_thumbnails;
};

} // namespace cifarlab
