#pragma once

#include <QPair>
#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <memory>
#include <vector>

class QPainter;

namespace cifarlab {

// Heat map of an n x n confusion matrix (row = true class, column = predicted class).
// The diagonal (correct) and the off-diagonal (mistakes) use separate hues and separate color
// scales, so a few hundred cat/dog confusions stand out next to thousands of correct images.
// Keyboard: the arrow keys (Home/End, Page Up/Down) move the current cell, Enter or Space acts
// like a click on it; the current cell's text is the widget's accessible description.
class ConfusionMatrixWidget : public QWidget
{
    Q_OBJECT

public:
    enum class Normalization { Counts, Rows, Columns };

    explicit ConfusionMatrixWidget(QWidget *parent = nullptr);
    ~ConfusionMatrixWidget() override;

    void setClassNames(const QStringList &names);
    QStringList classNames() const { return m_names; }
    // n*n row-major counts; empty (or not a square size) shows the placeholder.
    void setMatrix(const std::vector<int64_t> &counts);
    std::vector<int64_t> matrix() const { return m_counts; }
    int classCount() const { return m_classes; }

    void setNormalization(Normalization mode);
    Normalization normalization() const { return m_mode; }

    // What a cell shows: the count in Counts mode, otherwise the fraction (0..1) of its row
    // (Rows: share of the true class) or of its column (Columns: share of the prediction).
    double cellValue(int trueClass, int predictedClass) const;
    // The text painted in the cell: "123" or "12.3%".
    QString cellText(int trueClass, int predictedClass) const;
    QString cellToolTip(int trueClass, int predictedClass) const;
    // Name of class `index`, or its number when no (or too few) names were given.
    QString className(int index) const;

    // Geometry for the widget's current size; cellRect is empty and cellAt {-1,-1} outside.
    QRect cellRect(int trueClass, int predictedClass) const;
    QPair<int, int> cellAt(const QPoint &pos) const;
    QPair<int, int> hoveredCell() const { return m_hover; }

    // The keyboard's cell ({-1,-1} without a matrix); it starts on the first cell.
    QPair<int, int> currentCell() const { return m_current; }
    void setCurrentCell(int trueClass, int predictedClass);
    // What a screen reader says about a cell: its classes, count and shares, on one line.
    QString cellDescription(int trueClass, int predictedClass) const;

    // Renders the matrix (without hover) to PNG at `scale` times the widget size, or to SVG
    // when the path ends with .svg. Returns false when the file cannot be written.
    bool saveImage(const QString &path, int scale = 2) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void cellClicked(int trueClass, int predictedClass);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Layout;

    const Layout &layoutFor(const QRect &bounds) const;
    Layout computeLayout(const QRect &bounds) const;
    void invalidateLayout();
    // `focus`: the keyboard's cell, outlined (none in exported images).
    void paintMatrix(QPainter &painter, const QRect &bounds, QPair<int, int> hover, QPair<int, int> focus = {-1, -1}) const;
    void paintLegend(QPainter &painter, const Layout &layout) const;
    void recomputeTotals();
    void setHover(QPair<int, int> cell);
    void updateAccessibleText();
    int64_t count(int trueClass, int predictedClass) const;
    double maxValue(bool diagonal) const;
    QString formatValue(double value) const;

    QStringList m_names;
    std::vector<int64_t> m_counts;
    std::vector<int64_t> m_rowTotals;
    std::vector<int64_t> m_columnTotals;
    int m_classes = 0;
    Normalization m_mode = Normalization::Counts;
    QPair<int, int> m_hover{-1, -1};
    QPair<int, int> m_pressed{-1, -1};
    QPair<int, int> m_current{-1, -1};
    mutable std::unique_ptr<Layout> m_layout; // computed for m_layoutBounds
    mutable QRect m_layoutBounds;
};

} // namespace cifarlab
