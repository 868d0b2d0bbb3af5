#pragma once

#include "models/registry.h"

#include <QFont>
#include <QRect>
#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <vector>

class QPainter;

namespace cifarlab {

// Block diagram of a network, drawn from its ModelSummary: consecutive layers that share a module path
// ("layer1.0", "dense2.7", "trans1") become one rounded box, from the input image down to the classes,
// wrapped into columns when the chain is longer than the view is high. Built for a QScrollArea with
// widgetResizable: the columns follow the width it is given, the height follows the columns.
// Keyboard: the arrow keys (Home/End) move the current block, Enter or Space acts like a click;
// the current block's text is the widget's accessible description.
class ArchitectureDiagram : public QWidget
{
    Q_OBJECT

public:
    explicit ArchitectureDiagram(QWidget *parent = nullptr);
    ~ArchitectureDiagram() override;

    void setSummary(const ModelSummary &summary);
    void clear();
    bool hasSummary() const;
    // Caption title (e.g. the display name "ResNet-18"); the summary's architecture key when empty.
    void setTitle(const QString &title);
    QString title() const;
    // Optional class names, listed in the output box.
    void setClassNames(const QStringList &names);

    int blockCount() const;
    QStringList blockNames() const;
    // What the box of block `index` shows: its layer chain ("Conv 3×3 → BN → ReLU → …"), its shortcut
    // branch if any ("Conv 1×1 s2 → BN"), and its output shape ("64 × 32 × 32"). Empty out of range.
    QString blockLayerSummary(int index) const;
    QString blockBranchSummary(int index) const;
    QString blockOutputShape(int index) const;
    int64_t blockParameters(int index) const;
    // Where block `index` is drawn, in widget coordinates (for QScrollArea::ensureVisible).
    QRect blockRect(int index) const;
    // The keyboard's block (-1 without a summary); it starts on the first block.
    int currentBlock() const { return m_current; }
    void setCurrentBlock(int index);
    // What a screen reader says about block `index`: name, layers, shortcut, output, parameters.
    QString blockDescription(int index) const;

    // PNG (or any raster format QImage writes) at twice the natural size, SVG when `path` ends with .svg,
    // PDF when it ends with .pdf. Uses the widget's palette, so a dark UI exports a dark diagram. False when
    // there is no summary or the file cannot be written.
    bool saveImage(const QString &path) const;
    // Size of the exported diagram in device-independent pixels (columns picked for a landscape page).
    QSize exportSize() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;

Q_SIGNALS:
    void blockClicked(const QString &name);

protected:
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    enum class Category { Conv, Norm, Pool, Linear, Activation, Other };

    struct Block
    {
        QString name;
        std::vector<int> layers; // indices into m_summary.layers, in call order
        QStringList chain; // main path labels
        QString branchName; // "shortcut", when part of the block runs beside the main path
        QStringList branch;
        std::vector<int64_t> outputShape; // of the last layer on the main path
        QString shape;
        int64_t parameters = 0;
        int64_t macs = 0;
        Category category = Category::Other;
        bool topLevel = false; // a single top-level module (may have absorbed a following ReLU)
    };

    struct Box
    {
        QRectF rect;
        QStringList chainLines; // the chain wrapped to the box width
        QString branchLine;
    };

    struct Metrics
    {
        QFont title, name, body, small;
        qreal margin = 0, pad = 0, radius = 0, stripe = 0, bar = 0, gap = 0, gutter = 0;
        qreal titleLine = 0, nameLine = 0, bodyLine = 0, smallLine = 0;
    };

    struct Layout
    {
        QSizeF size;
        int columns = 1;
        qreal boxWidth = 0;
        QRectF titleRect, statsRect;
        std::vector<std::pair<QRectF, Category>> legend;
        std::vector<Box> boxes; // input, the blocks, output
        std::vector<int> column; // column of each box
    };

    void rebuildBlocks();
    void invalidateLayout();
    Metrics metrics() const;
    Layout computeLayout(qreal width, qreal availableHeight, bool forExport) const;
    const Layout &screenLayout() const;
    qreal availableHeight() const;
    void paintDiagram(QPainter &painter, const Layout &layout, bool interactive) const;
    void paintEmptyState(QPainter &painter, const QRectF &rect) const;
    int boxAt(const QPoint &pos) const;
    QString tooltipFor(int box) const;
    void updateAccessibleText();
    QStringList statsParts() const;
    QString paramsText(int64_t parameters) const;
    QString macsText(int64_t macs) const;
    // Same layers as the block before it (DenseNet's bottlenecks): compact diagrams skip its chain.
    bool repeatsPrevious(size_t block) const;
    QString inputText() const;
    QString outputText() const;

    static Category categoryOf(const std::string &type);
    QString categoryName(Category category) const;
    QColor categoryHue(Category category) const;

    ModelSummary m_summary;
    bool m_hasSummary = false;
    QString m_title;
    QStringList m_classNames;
    std::vector<Block> m_blocks;
    int64_t m_maxBlockParameters = 0;
    int m_hovered = -1;
    int m_current = -1;

    // Cached on-screen layout, keyed by the width and the visible height it was made for.
    mutable Layout m_layout;
    mutable bool m_layoutValid = false;
    mutable QSizeF m_layoutKey;
};

} // namespace cifarlab
