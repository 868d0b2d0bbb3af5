#include "ui/prediction_model.h"

#include "ui/dataset_image.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cifarlab {

namespace {

// Thumbnail cache budget in kilobytes: about 3,000 thumbnails at 64 px, far more than a screen.
constexpr int kThumbnailCacheKilobytes = 48 * 1024;
constexpr int kMinThumbnail = 16;
constexpr int kMaxThumbnail = 512;

// Sort keys must never be NaN (std::sort needs a strict weak order); unknown values go last.
float keyOrInfinity(float value)
{
    return std::isnan(value) ? std::numeric_limits<float>::infinity() : value;
}

} // namespace

PredictionModel::PredictionModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_thumbnails(kThumbnailCacheKilobytes)
{ }

int PredictionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QHash<int, QByteArray> PredictionModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(ImageIndexRole, "imageIndex");
    names.insert(TrueClassRole, "trueClass");
    names.insert(PredictedClassRole, "predictedClass");
    names.insert(ConfidenceRole, "confidence");
    names.insert(LossRole, "loss");
    names.insert(CorrectRole, "correct");
    names.insert(TrueNameRole, "trueName");
    names.insert(PredictedNameRole, "predictedName");
    return names;
}

QVariant PredictionModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() < 0 || index.row() >= rowCount())
        return {};
    const int image = m_rows[static_cast<size_t>(index.row())];
    const int truth = trueClass(image);
    const bool predicted = hasPredictions();

    switch (role) {
    case Qt::DisplayRole:
        if (predicted && !isCorrect(image))
            return tr("%1 \u2192 %2").arg(className(truth), className(predictedClass(image)));
        return className(truth);
    case Qt::ToolTipRole: {
        const QLocale locale;
        QString text = tr("Image %1\nTrue class: %2").arg(locale.toString(image), className(truth));
        if (predicted) {
            text += tr("\nPredicted: %1").arg(className(predictedClass(image)));
            const float conf = confidence(image);
            if (!std::isnan(conf))
                text += tr(" (%1%)").arg(locale.toString(100.0 * conf, 'f', 1));
            const float l = loss(image);
            if (!std::isnan(l))
                text += tr("\nLoss: %1").arg(locale.toString(static_cast<double>(l), 'f', 3));
        }
        return text;
    }
    case Qt::AccessibleTextRole: {
        // What a screen reader says for a thumbnail: the tooltip's lines on one line.
        QString text = data(index, Qt::ToolTipRole).toString();
        text.replace(QLatin1Char('\n'), QLatin1String("; "));
        return text;
    }
    case Qt::DecorationRole:
        return thumbnail(image);
    case ImageIndexRole:
        return image;
    case TrueClassRole:
        return truth;
    case PredictedClassRole:
        return predicted ? QVariant(predictedClass(image)) : QVariant();
    case ConfidenceRole: {
        const float conf = confidence(image);
        return std::isnan(conf) ? QVariant() : QVariant(static_cast<double>(conf));
    }
    case LossRole: {
        const float l = loss(image);
        return std::isnan(l) ? QVariant() : QVariant(static_cast<double>(l));
    }
    case CorrectRole:
        return predicted ? QVariant(isCorrect(image)) : QVariant();
    case TrueNameRole:
        return className(truth);
    case PredictedNameRole:
        return predicted ? QVariant(className(predictedClass(image))) : QVariant();
    default:
        return {};
    }
}

void PredictionModel::setDataset(std::shared_ptr<const Dataset> dataset)
{
    beginResetModel();
    m_dataset = std::move(dataset);
    m_thumbnails.clear();
    resetPredictions();
    const int classes = numClasses();
    m_filterClass = std::clamp(m_filterClass, 0, std::max(0, classes - 1));
    m_filterPredicted = std::clamp(m_filterPredicted, 0, std::max(0, classes - 1));
    rebuildRows();
    endResetModel();
    Q_EMIT predictionsChanged();
}

void PredictionModel::clear()
{
    setDataset(nullptr);
}

void PredictionModel::resetPredictions()
{
    m_predictions.clear();
    m_confidence.clear();
    m_loss.clear();
    m_topK = 0;
    m_topClasses.clear();
    m_topProbabilities.clear();
    m_history.clear();
    m_latestEpoch = -1;
    m_wrongCount = 0;
}

bool PredictionModel::takeEpoch(const EpochMetrics &epoch)
{
    const size_t count = static_cast<size_t>(totalCount());
    if (count == 0 || epoch.testPredictions.size() != count)
        return false;
    const auto &labels = m_dataset->test.labels;

    m_predictions = epoch.testPredictions;
    m_confidence = epoch.testConfidence.size() == count ? epoch.testConfidence : std::vector<float>();
    m_loss = epoch.testImageLoss.size() == count ? epoch.testImageLoss : std::vector<float>();
    const size_t k = epoch.topK > 0 ? static_cast<size_t>(epoch.topK) : 0;
    if (k > 0 && epoch.testTopClasses.size() == count * k && epoch.testTopProbabilities.size() == count * k) {
        m_topK = static_cast<int>(k);
        m_topClasses = epoch.testTopClasses;
        m_topProbabilities = epoch.testTopProbabilities;
    } else {
        m_topK = 0;
        m_topClasses.clear();
        m_topProbabilities.clear();
    }

    EpochBits bits;
    bits.epoch = epoch.epoch;
    bits.bits.assign((count + 63) / 64, 0);
    int wrong = 0;
    for (size_t i = 0; i < count; ++i) {
        if (i < labels.size() && labels[i] == m_predictions[i])
            bits.bits[i / 64] |= uint64_t {1} << (i % 64);
        else
            ++wrong;
    }
    m_wrongCount = wrong;
    // A re-sent epoch (same number) replaces the last one instead of counting twice.
    if (!m_history.empty() && m_history.back().epoch == epoch.epoch)
        m_history.back() = std::move(bits);
    else
        m_history.push_back(std::move(bits));
    m_latestEpoch = epoch.epoch;
    return true;
}

void PredictionModel::appendEpoch(const EpochMetrics &epoch)
{
    if (epoch.testPredictions.size() != static_cast<size_t>(totalCount()) || totalCount() == 0)
        return;
    beginResetModel();
    takeEpoch(epoch);
    rebuildRows();
    endResetModel();
    Q_EMIT predictionsChanged();
}

void PredictionModel::setEpochs(const std::vector<EpochMetrics> &epochs)
{
    beginResetModel();
    resetPredictions();
    for (const auto &epoch : epochs)
        takeEpoch(epoch);
    rebuildRows();
    endResetModel();
    Q_EMIT predictionsChanged();
}

void PredictionModel::setFilter(Filter filter, int classIndex, int predictedClass)
{
    const int last = std::max(0, numClasses() - 1);
    const int first = classIndex >= 0 ? std::min(classIndex, last) : m_filterClass;
    const int second = predictedClass >= 0 ? std::min(predictedClass, last) : m_filterPredicted;
    if (filter == m_filter && first == m_filterClass && second == m_filterPredicted)
        return;
    beginResetModel();
    m_filter = filter;
    m_filterClass = first;
    m_filterPredicted = second;
    rebuildRows();
    endResetModel();
}

void PredictionModel::setSort(Sort sort)
{
    if (sort == m_sort)
        return;
    beginResetModel();
    m_sort = sort;
    rebuildRows();
    endResetModel();
}

bool PredictionModel::accepts(int image) const
{
    switch (m_filter) {
    case Filter::All:
        return true;
    case Filter::Misclassified:
        return hasPredictions() && !isCorrect(image);
    case Filter::Correct:
        return hasPredictions() && isCorrect(image);
    case Filter::TrueClass:
        return trueClass(image) == m_filterClass;
    case Filter::PredictedClass:
        return hasPredictions() && predictedClass(image) == m_filterClass;
    case Filter::Pair:
        return hasPredictions() && trueClass(image) == m_filterClass
            && predictedClass(image) == m_filterPredicted;
    }
    return true;
}

void PredictionModel::rebuildRows()
{
    const int count = totalCount();
    m_rows.clear();
    m_rows.reserve(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) {
        if (accepts(i))
            m_rows.push_back(i);
    }

    // One key per image, then a single sort of the row indices; ties keep index order.
    std::vector<float> keys;
    bool descending = true;
    if (hasPredictions()) {
        switch (m_sort) {
        case Sort::Index:
            break;
        case Sort::LossDescending:
            keys.resize(static_cast<size_t>(count));
            if (!m_loss.empty()) {
                for (int i : m_rows)
                    keys[static_cast<size_t>(i)] = keyOrInfinity(m_loss[static_cast<size_t>(i)]);
            } else {
                // No per-image loss recorded: confident mistakes first, then unsure right answers.
                for (int i : m_rows) {
                    const float conf = m_confidence.empty() ? 0.5f : confidence(i);
                    const float c = std::isnan(conf) ? 0.5f : conf;
                    keys[static_cast<size_t>(i)] = isCorrect(i) ? 1.0f - c : 1.0f + c;
                }
            }
            break;
        case Sort::ConfidenceAscending:
        case Sort::ConfidenceDescending:
            if (m_confidence.empty())
                break;
            descending = m_sort == Sort::ConfidenceDescending;
            keys.resize(static_cast<size_t>(count));
            for (int i : m_rows) {
                const float c = m_confidence[static_cast<size_t>(i)];
                // Unknown confidence sorts last either way.
                keys[static_cast<size_t>(i)] = std::isnan(c) ? (descending ? -1.0f : 2.0f) : c;
            }
            break;
        }
    }
    if (!keys.empty()) {
        const float *key = keys.data();
        if (descending) {
            std::sort(m_rows.begin(), m_rows.end(),
                [key](int a, int b) { return key[a] > key[b] || (key[a] == key[b] && a < b); });
        } else {
            std::sort(m_rows.begin(), m_rows.end(),
                [key](int a, int b) { return key[a] < key[b] || (key[a] == key[b] && a < b); });
        }
    }

    m_rowOfImage.assign(static_cast<size_t>(count), -1);
    for (size_t row = 0; row < m_rows.size(); ++row)
        m_rowOfImage[static_cast<size_t>(m_rows[row])] = static_cast<int>(row);
}

int PredictionModel::totalCount() const
{
    return m_dataset ? static_cast<int>(m_dataset->test.count) : 0;
}

int PredictionModel::numClasses() const
{
    return m_dataset ? static_cast<int>(m_dataset->numClasses()) : 0;
}

QString PredictionModel::className(int classIndex) const
{
    if (m_dataset && classIndex >= 0 && classIndex < numClasses())
        return QString::fromStdString(m_dataset->classNames[static_cast<size_t>(classIndex)]);
    return tr("class %1").arg(classIndex);
}

int PredictionModel::imageAt(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[static_cast<size_t>(row)] : -1;
}

int PredictionModel::rowOfImage(int imageIndex) const
{
    if (imageIndex < 0 || static_cast<size_t>(imageIndex) >= m_rowOfImage.size())
        return -1;
    return m_rowOfImage[static_cast<size_t>(imageIndex)];
}

int PredictionModel::trueClass(int imageIndex) const
{
    if (!m_dataset || imageIndex < 0 || static_cast<size_t>(imageIndex) >= m_dataset->test.labels.size())
        return -1;
    return static_cast<int>(m_dataset->test.labels[static_cast<size_t>(imageIndex)]);
}

int PredictionModel::predictedClass(int imageIndex) const
{
    if (imageIndex < 0 || static_cast<size_t>(imageIndex) >= m_predictions.size())
        return -1;
    return m_predictions[static_cast<size_t>(imageIndex)];
}

bool PredictionModel::isCorrect(int imageIndex) const
{
    const int predicted = predictedClass(imageIndex);
    return predicted >= 0 && predicted == trueClass(imageIndex);
}

float PredictionModel::confidence(int imageIndex) const
{
    if (imageIndex < 0 || static_cast<size_t>(imageIndex) >= m_confidence.size())
        return std::numeric_limits<float>::quiet_NaN();
    return m_confidence[static_cast<size_t>(imageIndex)];
}

float PredictionModel::loss(int imageIndex) const
{
    if (imageIndex < 0 || static_cast<size_t>(imageIndex) >= m_loss.size())
        return std::numeric_limits<float>::quiet_NaN();
    return m_loss[static_cast<size_t>(imageIndex)];
}

std::vector<std::pair<int, float>> PredictionModel::topClasses(int imageIndex) const
{
    std::vector<std::pair<int, float>> result;
    if (predictedClass(imageIndex) < 0)
        return result;
    if (m_topK > 0) {
        const size_t k = static_cast<size_t>(m_topK);
        const size_t base = static_cast<size_t>(imageIndex) * k;
        for (size_t j = 0; j < k; ++j)
            result.emplace_back(m_topClasses[base + j], m_topProbabilities[base + j]);
    } else {
        result.emplace_back(predictedClass(imageIndex), confidence(imageIndex));
    }
    return result;
}

std::vector<PredictionModel::Outcome> PredictionModel::history(int imageIndex) const
{
    std::vector<Outcome> result;
    if (imageIndex < 0 || imageIndex >= totalCount())
        return result;
    const size_t i = static_cast<size_t>(imageIndex);
    result.reserve(m_history.size());
    for (const auto &epoch : m_history)
        result.push_back({epoch.epoch, ((epoch.bits[i / 64] >> (i % 64)) & 1u) != 0});
    return result;
}

QImage PredictionModel::image(int imageIndex) const
{
    if (imageIndex < 0 || imageIndex >= totalCount())
        return {};
    return splitImage(m_dataset->test, imageIndex);
}

QPixmap PredictionModel::thumbnail(int imageIndex) const
{
    if (const QPixmap *cached = m_thumbnails.object(imageIndex))
        return *cached;
    const QImage source = image(imageIndex);
    if (source.isNull())
        return {};
    const int target = std::max(1, qRound(m_thumbnailSize * m_pixelRatio));
    // Whole-number enlargements stay crisp; anything else (or shrinking) is smoothed.
    const bool crisp
        = target >= source.width() && target % source.width() == 0 && target % source.height() == 0;
    QPixmap pixmap = QPixmap::fromImage(source.scaled(
        target, target, Qt::KeepAspectRatio, crisp ? Qt::FastTransformation : Qt::SmoothTransformation));
    pixmap.setDevicePixelRatio(m_pixelRatio);
    const qint64 kilobytes = qint64(pixmap.width()) * pixmap.height() * 4 / 1024 + 1;
    m_thumbnails.insert(imageIndex, new QPixmap(pixmap), kilobytes);
    return pixmap;
}

void PredictionModel::setThumbnailSize(int pixels)
{
    pixels = std::clamp(pixels, kMinThumbnail, kMaxThumbnail);
    if (pixels == m_thumbnailSize)
        return;
    m_thumbnailSize = pixels;
    m_thumbnails.clear();
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {Qt::DecorationRole});
}

void PredictionModel::setDevicePixelRatio(qreal ratio)
{
    if (ratio <= 0 || qFuzzyCompare(ratio, m_pixelRatio))
        return;
    m_pixelRatio = ratio;
    m_thumbnails.clear();
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {Qt::DecorationRole});
}

} // namespace cifarlab
