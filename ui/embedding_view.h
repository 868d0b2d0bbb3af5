#pragma once

#include "core/dataset.h"
#include "core/embedding.h"

#include <QColor>
#include <QPointF>
#include <QRectF>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <vector>

class QPainter;

namespace cifarlab {

// The embedding projector's scatter map: one dot per test image at its 2-d position, coloured by
// its true or predicted class, with a legend whose entries hide and show a class. The wheel zooms
// around the cursor, a drag pans, a double-click fits the map again; hovering shows the image and
// its classes, a click selects it (ringed, its feature-space neighbours marked). With the keyboard,
// the arrow keys walk from point to point, + and - zoom, 0 fits, Escape clears the selection and
// the context menu hides classes.
//
// Points are addressed by their position in the Embedding's vectors, not by image index.
class EmbeddingView : public QWidget
{
    Q_OBJECT

public:
    enum class Colouring { TrueClass, PredictedClass };

    explicit EmbeddingView(QWidget *parent = nullptr);
    ~EmbeddingView() override;

    // The dataset supplies the hover thumbnails (may be null); classNames label the legend.
    void setEmbedding(std::shared_ptr<const Embedding> embedding, const QStringList &classNames,
        std::shared_ptr<const Dataset> dataset);
    void clear();
    bool hasEmbedding() const { return m_embedding != nullptr; }
    const std::shared_ptr<const Embedding> &embedding() const { return m_embedding; }
    int classCount() const { return m_classes; }
    QString className(int cls) const;

    Colouring colouring() const { return m_colouring; }
    void setColouring(Colouring colouring);
    // Misclassified points outlined and drawn on top, correct ones faded.
    bool highlightsMisclassified() const { return m_highlight; }
    void setHighlightMisclassified(bool highlight);

    // Visibility of the class the dots are coloured by (the legend's entries).
    bool isClassVisible(int cls) const;
    void setClassVisible(int cls, bool visible);
    void showAllClasses();
    int visibleCount() const;
    bool isPointVisible(int position) const;

    int selectedPoint() const { return m_selected; } // -1 when none
    // -1 clears; a point of a hidden class is still drawn while selected. Scrolls it into view.
    void selectPoint(int position);
    int hoveredPoint() const { return m_hovered; }

    // Widget coordinates of a point, and the visible point drawn at (or nearest within a few pixels
    // of) a widget position (-1 when none).
    QPointF pointPosition(int position) const;
    int pointAt(const QPointF &pos) const;
    QColor pointColour(int position) const;
    QRectF plotRect() const;
    QRectF legendEntryRect(int cls) const;
    double zoom() const; // 1 when fitted
    void zoomBy(double factor, const QPointF &anchor);
    void resetView();

    // The qualitative palette: matplotlib's tab10 for the first ten classes, then golden-ratio hue
    // steps at alternating saturation and value.
    static QColor classColour(int cls);

    // PNG (any other suffix) or SVG, at the widget's size.
    bool saveImage(const QString &path);
    // One line for speech and tooltips: "Image 12: true cat, predicted dog (87.0%), misclassified".
    QString pointDescription(int position) const;
    // The hover tooltip's rich text (with the image as an inline PNG when the dataset is known).
    QString pointToolTip(int position) const;

Q_SIGNALS:
    // The user (or selectPoint) changed the selection; -1 when cleared.
    void selectionChanged(int position);
    void classVisibilityChanged();

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Layout
    {
        QRectF plot;
        QRectF legend;
        std::vector<QRectF> entries; // per class
        double rowHeight = 0.0;
        double swatch = 0.0;
    };

    void computeLayout();
    void fitView();
    void ensureVisible(int position);
    void paintMap(QPainter &painter) const;
    void paintLegend(QPainter &painter) const;
    int classOf(int position) const;
    int legendEntryAt(const QPointF &pos) const;
    double radius() const;
    void setHovered(int position);
    void moveSelection(int dx, int dy);
    void updateAccessibleText();
    void showContextMenu(const QPoint &globalPos);

    std::shared_ptr<const Embedding> m_embedding;
    std::shared_ptr<const Dataset> m_dataset;
    QStringList m_classNames;
    int m_classes = 0;
    std::vector<char> m_hidden; // per class
    Colouring m_colouring = Colouring::TrueClass;
    bool m_highlight = false;
    Layout m_layout;
    QRectF m_bounds; // of all points, in map units
    QPointF m_center; // map coordinates at the plot's centre
    double m_scale = 1.0; // pixels per map unit
    double m_fitScale = 1.0; // the scale that fits every point
    bool m_fitted = true; // follows resizes until the user zooms or pans
    int m_selected = -1;
    int m_hovered = -1;
    QPointF m_pressPos;
    QPointF m_lastDrag;
    bool m_dragging = false;
    bool m_pressed = false;
    bool m_exporting = false; // no focus frame or hover ring in saved images
};

} // namespace cifarlab
