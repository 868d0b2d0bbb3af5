#pragma once

#include <QStyledItemDelegate>

class QPalette;

namespace cifarlab {

// One grid cell of the Images tab: the thumbnail, the true label under it and, once there are
// predictions, the verdict ("dog 87%" in red when wrong, "✓ 97%" when right). Every cell has the
// same size so a QListView with uniform item sizes lays out 10,000 of them instantly.
class PredictionDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit PredictionDelegate(QObject *parent = nullptr);

    void setThumbnailSize(int pixels);
    int thumbnailSize() const { return m_thumbnailSize; }
    // Before the first epoch there is no verdict line, so cells are one line shorter.
    void setShowPredictions(bool show);
    bool showPredictions() const { return m_showPredictions; }
    // Cells are made wide enough for this name plus a confidence ("automobile 100%"), so no class
    // name is cut short; use the dataset's longest class name.
    void setLongestLabel(const QString &label) { m_longestLabel = label; }

    // The size of every cell for a given font (use it as the view's grid size).
    QSize cellSize(const QFontMetrics &metrics) const;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Verdict colours that keep their contrast on light and dark palettes.
    static QColor wrongColor(const QPalette &palette);
    static QColor rightColor(const QPalette &palette);

private:
    int m_thumbnailSize = 64;
    bool m_showPredictions = false;
    QString m_longestLabel;
};

} // namespace cifarlab
