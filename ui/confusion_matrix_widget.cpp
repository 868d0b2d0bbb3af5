#include "ui/confusion_matrix_widget.h"

#include "ui/svg_export.h"

#include <QEvent>
#include <QFocusEvent>
#include <QKeyEvent>
#include <QFileInfo>
#include <QHelpEvent>
#include <QImage>
#include <QLinearGradient>
#include <QLocale>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace cifarlab {

namespace {

constexpr double kSin45 = 0.70710678118654752;
// Longest class name shown in full, in average character widths; longer ones are elided.
constexpr int kMaxLabelChars = 18;
// Nonzero cells get at least this much tint so a single mistake is still visible.
constexpr double kMinTint = 0.07;
// Cell text shrinks down to this fraction of the widget font before it is left out.
constexpr double kMinCellFontScale = 0.7;

struct Ramp
{
    QColor low;
    QColor mid;
    QColor high;
};

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

// Diagonal blue, mistakes orange: both ramps start at the Base color so empty cells blend in,
// and in dark mode they run towards the brighter end so strong cells stand out of the dark.
Ramp rampFor(bool diagonal, const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    if (diagonal) {
        if (isDark(palette))
            return {base, QColor(33, 102, 172), QColor(122, 186, 240)};
        return {base, QColor(107, 174, 214), QColor(8, 69, 148)};
    }
    if (isDark(palette))
        return {base, QColor(166, 54, 3), QColor(255, 150, 70)};
    return {base, QColor(253, 141, 60), QColor(166, 54, 3)};
}

QColor mix(const QColor &a, const QColor &b, double t)
{
    const double s = 1.0 - t;
    return QColor::fromRgbF(static_cast<float>(a.redF() * s + b.redF() * t),
                            static_cast<float>(a.greenF() * s + b.greenF() * t),
                            static_cast<float>(a.blueF() * s + b.blueF() * t));
}

QColor rampColor(const Ramp &ramp, double t)
{
    t = std::clamp(t, 0.0, 1.0);
    if (t < 0.5)
        return mix(ramp.low, ramp.mid, t * 2.0);
    return mix(ramp.mid, ramp.high, (t - 0.5) * 2.0);
}

double luminance(const QColor &color)
{
    auto channel = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// Whichever of the palette's text and base colors reads better on `background`.
QColor textOn(const QColor &background, const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    return contrast(text, background) >= contrast(base, background) ? text : base;
}

QString percent(double fraction)
{
    return QLocale().toString(fraction * 100.0, 'f', 1) + QLatin1Char('%');
}

} // namespace

struct ConfusionMatrixWidget::Layout
{
    bool valid = false;
    int classes = 0;
    QRect bounds;
    double cell = 0.0;
    int gridLeft = 0;
    int gridTop = 0;
    double textHeight = 0.0;
    double gap = 0.0;
    double labelWidth = 0.0;   // row/column labels are elided to this
    bool angled = false;        // column labels at 45 degrees
    int rowStep = 1;            // every rowStep-th row label is drawn
    int columnStep = 1;
    QRectF rowTitle;            // "True class", drawn rotated
    QRectF columnTitle;
    double columnLabelTop = 0.0;
    QRectF legend;
    int cellGap = 0;
    bool cellText = false;
    bool cellPercentSign = true;
    QFont cellFont;

    int edgeX(int i) const { return gridLeft + static_cast<int>(std::lround(i * cell)); }
    int edgeY(int i) const { return gridTop + static_cast<int>(std::lround(i * cell)); }
    QRect cellRect(int row, int column) const
    {
        return QRect(QPoint(edgeX(column), edgeY(row)), QPoint(edgeX(column + 1) - 1, edgeY(row + 1) - 1));
    }
    QRect grid() const { return QRect(QPoint(edgeX(0), edgeY(0)), QPoint(edgeX(classes) - 1, edgeY(classes) - 1)); }
};

ConfusionMatrixWidget::ConfusionMatrixWidget(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("confusionMatrix"));
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    // Tab and click both focus it: the arrow keys then walk the cells.
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Confusion matrix"));
    updateAccessibleText();
}

ConfusionMatrixWidget::~ConfusionMatrixWidget() = default;

void ConfusionMatrixWidget::setClassNames(const QStringList &names)
{
    m_names = names;
    invalidateLayout();
    updateAccessibleText();
    update();
}

void ConfusionMatrixWidget::setMatrix(const std::vector<int64_t> &counts)
{
    const int previousClasses = m_classes;
    const int n = static_cast<int>(std::lround(std::sqrt(static_cast<double>(counts.size()))));
    if (n <= 0 || static_cast<size_t>(n) * static_cast<size_t>(n) != counts.size()) {
        m_counts.clear();
        m_classes = 0;
    } else {
        m_counts = counts;
        m_classes = n;
    }
    recomputeTotals();
    invalidateLayout();
    if (m_hover.first >= m_classes || m_hover.second >= m_classes)
        m_hover = {-1, -1};
    m_pressed = {-1, -1};
    // A new epoch keeps the keyboard's place; a new class count starts over at the first cell.
    if (m_classes == 0)
        m_current = {-1, -1};
    else if (m_classes != previousClasses || m_current.first < 0)
        m_current = {0, 0};
    updateAccessibleText();
    update();
}

void ConfusionMatrixWidget::setNormalization(Normalization mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    invalidateLayout();
    updateAccessibleText();
    update();
}

void ConfusionMatrixWidget::recomputeTotals()
{
    m_rowTotals.assign(static_cast<size_t>(m_classes), 0);
    m_columnTotals.assign(static_cast<size_t>(m_classes), 0);
    for (int t = 0; t < m_classes; ++t) {
        for (int p = 0; p < m_classes; ++p) {
            const int64_t c = count(t, p);
            m_rowTotals[static_cast<size_t>(t)] += c;
            m_columnTotals[static_cast<size_t>(p)] += c;
        }
    }
}

int64_t ConfusionMatrixWidget::count(int trueClass, int predictedClass) const
{
    if (trueClass < 0 || predictedClass < 0 || trueClass >= m_classes || predictedClass >= m_classes)
        return 0;
    return m_counts[static_cast<size_t>(trueClass) * static_cast<size_t>(m_classes) + static_cast<size_t>(predictedClass)];
}

double ConfusionMatrixWidget::cellValue(int trueClass, int predictedClass) const
{
    const int64_t c = count(trueClass, predictedClass);
    switch (m_mode) {
    case Normalization::Counts:
        return static_cast<double>(c);
    case Normalization::Rows: {
        const int64_t total = trueClass >= 0 && trueClass < m_classes ? m_rowTotals[static_cast<size_t>(trueClass)] : 0;
        return total > 0 ? static_cast<double>(c) / static_cast<double>(total) : 0.0;
    }
    case Normalization::Columns: {
        const int64_t total =
            predictedClass >= 0 && predictedClass < m_classes ? m_columnTotals[static_cast<size_t>(predictedClass)] : 0;
        return total > 0 ? static_cast<double>(c) / static_cast<double>(total) : 0.0;
    }
    }
    return 0.0;
}

QString ConfusionMatrixWidget::formatValue(double value) const
{
    if (m_mode == Normalization::Counts)
        return QLocale().toString(static_cast<qlonglong>(std::llround(value)));
    return percent(value);
}

QString ConfusionMatrixWidget::cellText(int trueClass, int predictedClass) const
{
    return formatValue(cellValue(trueClass, predictedClass));
}

QString ConfusionMatrixWidget::className(int index) const
{
    if (index >= 0 && index < m_names.size() && !m_names.at(index).isEmpty())
        return m_names.at(index);
    return QString::number(index);
}

QString ConfusionMatrixWidget::cellToolTip(int trueClass, int predictedClass) const
{
    if (trueClass < 0 || predictedClass < 0 || trueClass >= m_classes || predictedClass >= m_classes)
        return {};
    const int64_t c = count(trueClass, predictedClass);
    const int64_t rowTotal = m_rowTotals[static_cast<size_t>(trueClass)];
    const int64_t columnTotal = m_columnTotals[static_cast<size_t>(predictedClass)];
    const QString images = c == 1 ? tr("1 image") : tr("%1 images").arg(QLocale().toString(static_cast<qlonglong>(c)));
    const QString ofRow = rowTotal > 0 ? percent(static_cast<double>(c) / static_cast<double>(rowTotal)) : tr("n/a");
    const QString ofColumn =
        columnTotal > 0 ? percent(static_cast<double>(c) / static_cast<double>(columnTotal)) : tr("n/a");
    const QString trueName = className(trueClass);
    const QString predictedName = className(predictedClass);
    return tr("True: %1\nPredicted: %2\n%3 (%4 of true %1, %5 of predicted %2)")
        .arg(trueName, predictedName, images, ofRow, ofColumn);
}

QString ConfusionMatrixWidget::cellDescription(int trueClass, int predictedClass) const
{
    // The tooltip's lines, on one line for speech and braille.
    QString text = cellToolTip(trueClass, predictedClass);
    text.replace(QLatin1Char('\n'), QLatin1String("; "));
    return text;
}

void ConfusionMatrixWidget::setCurrentCell(int trueClass, int predictedClass)
{
    if (trueClass < 0 || predictedClass < 0 || trueClass >= m_classes || predictedClass >= m_classes)
        return;
    if (m_current == qMakePair(trueClass, predictedClass))
        return;
    m_current = {trueClass, predictedClass};
    updateAccessibleText();
    update();
}

void ConfusionMatrixWidget::updateAccessibleText()
{
    // QWidget tells assistive technology about the change itself (DescriptionChanged).
    if (m_current.first >= 0)
        setAccessibleDescription(cellDescription(m_current.first, m_current.second));
    else
        setAccessibleDescription(tr("No confusion matrix yet"));
}

double ConfusionMatrixWidget::maxValue(bool diagonal) const
{
    double best = 0.0;
    for (int t = 0; t < m_classes; ++t) {
        if (diagonal) {
            best = std::max(best, cellValue(t, t));
            continue;
        }
        for (int p = 0; p < m_classes; ++p) {
            if (p != t)
                best = std::max(best, cellValue(t, p));
        }
    }
    return best;
}

const ConfusionMatrixWidget::Layout &ConfusionMatrixWidget::layoutFor(const QRect &bounds) const
{
    // Mouse moves ask for the geometry constantly; it only changes with size, data or font.
    if (!m_layout || m_layoutBounds != bounds) {
        m_layout = std::make_unique<Layout>(computeLayout(bounds));
        m_layoutBounds = bounds;
    }
    return *m_layout;
}

void ConfusionMatrixWidget::invalidateLayout()
{
    m_layout.reset();
}

ConfusionMatrixWidget::Layout ConfusionMatrixWidget::computeLayout(const QRect &bounds) const
{
    Layout layout;
    layout.bounds = bounds;
    layout.classes = m_classes;
    if (m_classes <= 0)
        return layout;

    const QFontMetricsF fm(font());
    const double h = fm.height();
    const double gap = std::round(h * 0.4);
    const double margin = std::round(h * 0.6);
    layout.textHeight = h;
    layout.gap = gap;

    double labelWidth = 0.0;
    for (int i = 0; i < m_classes; ++i)
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(className(i)));
    labelWidth = std::min(labelWidth, fm.averageCharWidth() * kMaxLabelChars);
    layout.labelWidth = labelWidth;

    // Legend: a caption over each bar, tick values to the right of the bars.
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.9);
    const QFontMetricsF sfm(small);
    const double tickWidth = std::max({sfm.horizontalAdvance(formatValue(maxValue(true))),
                                       sfm.horizontalAdvance(formatValue(maxValue(false))),
                                       sfm.horizontalAdvance(formatValue(0.0))});
    const double barWidth = std::round(h * 0.8);
    const double legendWidth = std::max({fm.horizontalAdvance(tr("Correct")), fm.horizontalAdvance(tr("Errors")),
                                         barWidth + gap * 0.75 + tickWidth});
    const double legendTotal = gap * 2.5 + legendWidth;

    const double rowTitleWidth = h + gap;
    const double rowLabelsWidth = labelWidth + gap;
    const double columnTitleHeight = h + gap * 0.5;
    const double availableWidth = bounds.width() - 2 * margin - rowTitleWidth - rowLabelsWidth - legendTotal;

    auto fit = [&](double columnLabelsHeight, double extraLeft) {
        const double w = availableWidth - extraLeft;
        const double hh = bounds.height() - 2 * margin - columnLabelsHeight - columnTitleHeight;
        return std::floor(std::min(w, hh) / m_classes * 8.0) / 8.0;
    };

    double columnLabelsHeight = h + gap;
    double extraLeft = 0.0;
    double cell = fit(columnLabelsHeight, extraLeft);
    if (labelWidth + gap * 0.5 > cell) {
        // Angled labels: the text runs down-left from each column's center; the first ones
        // may need room to the left of the row labels.
        layout.angled = true;
        columnLabelsHeight = (labelWidth + h) * kSin45 + gap;
        for (int pass = 0; pass < 2; ++pass) {
            cell = fit(columnLabelsHeight, extraLeft);
            const double need = labelWidth * kSin45 + h * 0.5;
            extraLeft = std::max(0.0, need - (rowTitleWidth + rowLabelsWidth + cell * 0.5));
        }
        cell = fit(columnLabelsHeight, extraLeft);
    }
    if (cell < 1.0)
        return layout;
    layout.cell = cell;

    const double gridSize = cell * m_classes;
    const double blockWidth = extraLeft + rowTitleWidth + rowLabelsWidth + gridSize + legendTotal;
    const double blockHeight = gridSize + columnLabelsHeight + columnTitleHeight;
    const double left = bounds.left() + std::max(margin, (bounds.width() - blockWidth) / 2.0);
    const double top = bounds.top() + std::max(margin, (bounds.height() - blockHeight) / 2.0);

    layout.gridLeft = static_cast<int>(std::lround(left + extraLeft + rowTitleWidth + rowLabelsWidth));
    layout.gridTop = static_cast<int>(std::lround(top));
    const QRect grid = layout.grid();
    layout.rowTitle = QRectF(left + extraLeft, grid.top(), h, grid.height());
    layout.columnLabelTop = grid.bottom() + 1 + gap * 0.5;
    layout.columnTitle = QRectF(grid.left(), grid.bottom() + 1 + columnLabelsHeight, grid.width(), h);
    layout.legend = QRectF(grid.right() + 1 + gap * 2.5, grid.top(), legendWidth, grid.height());

    layout.rowStep = std::max(1, static_cast<int>(std::ceil(h * 1.05 / cell)));
    layout.columnStep =
        layout.angled ? std::max(1, static_cast<int>(std::ceil(h * 1.05 / (cell * kSin45)))) : 1;
    layout.cellGap = cell >= 30 ? 2 : (cell >= 8 ? 1 : 0);

    // Cell text: the widget font, shrunk if needed, or nothing when cells are too small.
    const double inner = cell - layout.cellGap - std::max(4.0, h * 0.35);
    QFont cellFont = font();
    const double basePoints = font().pointSizeF() > 0 ? font().pointSizeF() : 9.0;
    // The widest text in the widget font is (near enough) the widest at any size: measure once.
    const QFontMetricsF baseMetrics(cellFont);
    QString widestText;
    double widestWidth = -1.0;
    QFont smallestFont = cellFont;
    smallestFont.setPointSizeF(basePoints * kMinCellFontScale);
    const bool mayFit = QFontMetricsF(smallestFont).height() <= inner + 2.0;
    for (int t = 0; t < m_classes && mayFit; ++t) {
        for (int p = 0; p < m_classes; ++p) {
            const QString text = cellText(t, p);
            const double w = baseMetrics.horizontalAdvance(text);
            if (w > widestWidth) {
                widestWidth = w;
                widestText = text;
            }
        }
    }
    // Keep the percent sign if a slightly smaller font allows it; drop it before going smaller.
    const bool percentMode = m_mode != Normalization::Counts;
    for (bool sign : {true, false}) {
        if (!mayFit || layout.cellText || (!sign && !percentMode))
            break;
        const double smallest = sign && percentMode ? 0.8 : kMinCellFontScale;
        const QString text = sign || !percentMode ? widestText : widestText.chopped(1);
        for (double scale = 1.0; scale >= smallest - 1e-9; scale -= 0.1) {
            cellFont.setPointSizeF(basePoints * scale);
            const QFontMetricsF cfm(cellFont);
            if (cfm.height() > inner + 2.0 || cfm.horizontalAdvance(text) > inner)
                continue;
            layout.cellText = true;
            layout.cellPercentSign = sign;
            layout.cellFont = cellFont;
            break;
        }
    }
    layout.valid = true;
    return layout;
}

QRect ConfusionMatrixWidget::cellRect(int trueClass, int predictedClass) const
{
    if (trueClass < 0 || predictedClass < 0 || trueClass >= m_classes || predictedClass >= m_classes)
        return {};
    const Layout &layout = layoutFor(rect());
    if (!layout.valid)
        return {};
    return layout.cellRect(trueClass, predictedClass);
}

QPair<int, int> ConfusionMatrixWidget::cellAt(const QPoint &pos) const
{
    const Layout &layout = layoutFor(rect());
    if (!layout.valid || !layout.grid().contains(pos))
        return {-1, -1};
    auto index = [&](int offset, int origin) {
        int i = std::clamp(static_cast<int>(std::floor((offset - origin) / layout.cell)), 0, m_classes - 1);
        // Rounded edges can put the point one cell off near a boundary; settle on the exact one.
        while (i > 0 && offset < origin + std::lround(i * layout.cell))
            --i;
        while (i + 1 < m_classes && offset >= origin + std::lround((i + 1) * layout.cell))
            ++i;
        return i;
    };
    return {index(pos.y(), layout.gridTop), index(pos.x(), layout.gridLeft)};
}

QSize ConfusionMatrixWidget::sizeHint() const
{
    const int h = fontMetrics().height();
    return {h * 36, h * 30};
}

QSize ConfusionMatrixWidget::minimumSizeHint() const
{
    const int h = fontMetrics().height();
    return {h * 16, h * 12};
}

void ConfusionMatrixWidget::setHover(QPair<int, int> cell)
{
    if (cell == m_hover)
        return;
    m_hover = cell;
    if (cell.first >= 0)
        setCursor(Qt::PointingHandCursor);
    else
        unsetCursor();
    update();
}

bool ConfusionMatrixWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QPair<int, int> cell = cellAt(help->pos());
        if (cell.first >= 0)
            QToolTip::showText(help->globalPos(), cellToolTip(cell.first, cell.second), this,
                               cellRect(cell.first, cell.second));
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void ConfusionMatrixWidget::keyPressEvent(QKeyEvent *event)
{
    if (m_classes <= 0 || m_current.first < 0) {
        QWidget::keyPressEvent(event);
        return;
    }
    const int last = m_classes - 1;
    int row = m_current.first;
    int column = m_current.second;
    switch (event->key()) {
    case Qt::Key_Left:
        column = std::max(0, column - 1);
        break;
    case Qt::Key_Right:
        column = std::min(last, column + 1);
        break;
    case Qt::Key_Up:
        row = std::max(0, row - 1);
        break;
    case Qt::Key_Down:
        row = std::min(last, row + 1);
        break;
    case Qt::Key_Home: // Ctrl+Home: the first cell, Home: the row's first
        column = 0;
        if (event->modifiers() & Qt::ControlModifier)
            row = 0;
        break;
    case Qt::Key_End:
        column = last;
        if (event->modifiers() & Qt::ControlModifier)
            row = last;
        break;
    case Qt::Key_PageUp:
        row = 0;
        break;
    case Qt::Key_PageDown:
        row = last;
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        Q_EMIT cellClicked(row, column);
        event->accept();
        return;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    setCurrentCell(row, column);
    event->accept();
}

void ConfusionMatrixWidget::focusInEvent(QFocusEvent *event)
{
    update();
    QWidget::focusInEvent(event);
}

void ConfusionMatrixWidget::focusOutEvent(QFocusEvent *event)
{
    update();
    QWidget::focusOutEvent(event);
}

void ConfusionMatrixWidget::mouseMoveEvent(QMouseEvent *event)
{
    setHover(cellAt(event->position().toPoint()));
    QWidget::mouseMoveEvent(event);
}

void ConfusionMatrixWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_pressed = cellAt(event->position().toPoint());
        event->accept();
        return;
    }
    QWidget::mousePressEvent(event);
}

void ConfusionMatrixWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        const QPair<int, int> cell = cellAt(event->position().toPoint());
        const bool sameCell = cell.first >= 0 && cell == m_pressed;
        m_pressed = {-1, -1};
        if (sameCell)
            Q_EMIT cellClicked(cell.first, cell.second);
        event->accept();
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

void ConfusionMatrixWidget::leaveEvent(QEvent *event)
{
    setHover({-1, -1});
    QWidget::leaveEvent(event);
}

void ConfusionMatrixWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange) {
        invalidateLayout();
        updateGeometry();
    }
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange)
        update();
    QWidget::changeEvent(event);
}

void ConfusionMatrixWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    paintMatrix(painter, rect(), m_hover, hasFocus() ? m_current : QPair<int, int>(-1, -1));
}

void ConfusionMatrixWidget::paintMatrix(QPainter &painter, const QRect &bounds, QPair<int, int> hover,
                                        QPair<int, int> focus) const
{
    const QPalette &pal = palette();
    painter.setFont(font());
    if (m_classes <= 0) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(bounds, Qt::AlignCenter | Qt::TextWordWrap, tr("No confusion matrix yet"));
        return;
    }
    const Layout layout = layoutFor(bounds); // a copy: nothing below may invalidate it
    if (!layout.valid) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(bounds, Qt::AlignCenter | Qt::TextWordWrap, tr("Too small to show the matrix"));
        return;
    }

    const Ramp diagonalRamp = rampFor(true, pal);
    const Ramp errorRamp = rampFor(false, pal);
    const double diagonalMax = maxValue(true);
    const double errorMax = maxValue(false);
    const QColor base = pal.color(QPalette::Base);
    const QRect grid = layout.grid();

    // With gaps the Window color between tiles draws the grid; without, fill one Base block.
    if (layout.cellGap == 0)
        painter.fillRect(grid, base);

    const bool focused = focus.first >= 0 && focus.second >= 0 && focus.first < m_classes && focus.second < m_classes;
    // Without the mouse over the grid the keyboard's cell leads the eye (cross, bold labels).
    if (focused && !(hover.first >= 0 && hover.first < m_classes && hover.second < m_classes))
        hover = focus;
    const bool hovering = hover.first >= 0 && hover.first < m_classes && hover.second < m_classes;
    const QColor highlight = pal.color(QPalette::Highlight);
    painter.setFont(layout.cellFont);
    for (int t = 0; t < m_classes; ++t) {
        for (int p = 0; p < m_classes; ++p) {
            const bool diagonal = t == p;
            const double value = cellValue(t, p);
            const double top = diagonal ? diagonalMax : errorMax;
            const bool nonzero = count(t, p) > 0;
            const double tint = nonzero && top > 0 ? kMinTint + (1.0 - kMinTint) * value / top : 0.0;
            QColor color = rampColor(diagonal ? diagonalRamp : errorRamp, tint);
            // A faint cross through the hovered row and column guides the eye to both axes.
            const bool crossed = hovering && (t == hover.first) != (p == hover.second);
            if (crossed)
                color = mix(color, highlight, 0.14);
            const QRect r = layout.cellRect(t, p).adjusted(0, 0, -layout.cellGap, -layout.cellGap);
            if (layout.cellGap > 0 || nonzero || crossed)
                painter.fillRect(r, color);
            if (!layout.cellText)
                continue;
            QString text = cellText(t, p);
            if (!layout.cellPercentSign && m_mode != Normalization::Counts)
                text.chop(1);
            // Zeros are context, not information: keep them quiet.
            painter.setPen(nonzero ? textOn(color, pal) : pal.color(QPalette::PlaceholderText));
            painter.drawText(r, Qt::AlignCenter, text);
        }
    }

    if (hovering) {
        const QRect r = layout.cellRect(hover.first, hover.second).adjusted(0, 0, -layout.cellGap, -layout.cellGap);
        QPen pen(highlight, 2);
        pen.setJoinStyle(Qt::MiterJoin);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(r).adjusted(-1, -1, 1, 1));
    }
    if (focused) {
        // The focus ring: a dashed line in the text color around the highlight, visible on any tint.
        const QRect r = layout.cellRect(focus.first, focus.second).adjusted(0, 0, -layout.cellGap, -layout.cellGap);
        QPen pen(highlight, 2);
        pen.setJoinStyle(Qt::MiterJoin);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(r).adjusted(-1, -1, 1, 1));
        QPen dashes(pal.color(QPalette::WindowText), 1, Qt::DashLine);
        painter.setPen(dashes);
        painter.drawRect(QRectF(r).adjusted(-3, -3, 3, 3));
    }

    // Row labels (true classes), right-aligned against the grid.
    const QFontMetricsF fm(font());
    const double h = layout.textHeight;
    QFont bold = font();
    bold.setBold(true);
    auto drawRowLabel = [&](int t, bool emphasised) {
        const double center = (layout.edgeY(t) + layout.edgeY(t + 1)) / 2.0;
        const QRectF r(grid.left() - layout.gap - layout.labelWidth - h, center - h / 2.0,
                       layout.labelWidth + h, h);
        painter.setFont(emphasised ? bold : font());
        const QFontMetricsF m(painter.font());
        const QString text = m.elidedText(className(t), Qt::ElideRight, layout.labelWidth + (emphasised ? h : 0));
        if (emphasised && layout.rowStep > 1) {
            const double w = m.horizontalAdvance(text) + 4;
            painter.fillRect(QRectF(r.right() - w, r.top(), w, r.height()), pal.color(QPalette::Window));
        }
        painter.setPen(pal.color(emphasised ? QPalette::Highlight : QPalette::WindowText));
        painter.drawText(r, Qt::AlignRight | Qt::AlignVCenter, text);
        if (layout.rowStep > 1) // thinned labels: a tick says which row a label belongs to
            painter.drawLine(QPointF(grid.left() - layout.gap * 0.5, center), QPointF(grid.left() - 2, center));
    };
    auto drawColumnLabel = [&](int p, bool emphasised) {
        const double center = (layout.edgeX(p) + layout.edgeX(p + 1)) / 2.0;
        painter.setFont(emphasised ? bold : font());
        const QFontMetricsF m(painter.font());
        const QString text = m.elidedText(className(p), Qt::ElideRight, layout.labelWidth + (emphasised ? h : 0));
        const double w = m.horizontalAdvance(text);
        painter.setPen(pal.color(emphasised ? QPalette::Highlight : QPalette::WindowText));
        if (layout.columnStep > 1)
            painter.drawLine(QPointF(center, grid.bottom() + 2), QPointF(center, layout.columnLabelTop));
        if (!layout.angled) {
            const QRectF r(center - layout.cell, layout.columnLabelTop, layout.cell * 2, h);
            painter.drawText(r, Qt::AlignHCenter | Qt::AlignTop, text);
            return;
        }
        painter.save();
        // The text ends at the column's center just under the grid and runs down-left.
        painter.translate(center + h * 0.2, layout.columnLabelTop + h * 0.3);
        painter.rotate(-45.0);
        const QRectF r(-w - 2, -h / 2.0, w + 2, h);
        if (emphasised && layout.columnStep > 1)
            painter.fillRect(r.adjusted(-2, 0, 0, 0), pal.color(QPalette::Window));
        painter.drawText(r, Qt::AlignRight | Qt::AlignVCenter, text);
        painter.restore();
    };

    // The hovered row's and column's labels replace their thinned-out neighbours.
    for (int t = 0; t < m_classes; t += layout.rowStep) {
        if (!(hovering && std::abs(t - hover.first) < layout.rowStep))
            drawRowLabel(t, false);
    }
    for (int p = 0; p < m_classes; p += layout.columnStep) {
        if (!(hovering && std::abs(p - hover.second) < layout.columnStep))
            drawColumnLabel(p, false);
    }
    if (hovering) {
        drawRowLabel(hover.first, true);
        drawColumnLabel(hover.second, true);
    }

    // Axis titles.
    QFont titleFont = font();
    titleFont.setBold(true);
    painter.setFont(titleFont);
    painter.setPen(pal.color(QPalette::WindowText));
    painter.drawText(layout.columnTitle, Qt::AlignHCenter | Qt::AlignTop, tr("Predicted class"));
    painter.save();
    painter.translate(layout.rowTitle.center());
    painter.rotate(-90.0);
    const QRectF rotated(-layout.rowTitle.height() / 2.0, -layout.rowTitle.width() / 2.0, layout.rowTitle.height(),
                         layout.rowTitle.width());
    painter.drawText(rotated, Qt::AlignCenter, tr("True class"));
    painter.restore();
    painter.setFont(font());

    paintLegend(painter, layout);
}

void ConfusionMatrixWidget::paintLegend(QPainter &painter, const Layout &layout) const
{
    const QPalette &pal = palette();
    const double h = layout.textHeight;
    const double gap = layout.gap;
    const QRectF area = layout.legend;
    const double barWidth = std::round(h * 0.8);
    // Two stacked scales: captions take a line each, a gap separates the sections.
    const double barHeight = std::max(h, (area.height() - 2 * (h + gap * 0.5) - 2 * gap) / 2.0);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.9);
    const QFontMetricsF sfm(small);

    auto section = [&](double top, const QString &caption, bool diagonal) {
        painter.setFont(font());
        painter.setPen(pal.color(QPalette::WindowText));
        painter.drawText(QRectF(area.left(), top, area.width(), h), Qt::AlignLeft | Qt::AlignVCenter, caption);
        const QRectF bar(area.left(), top + h + gap * 0.5, barWidth, barHeight);
        const Ramp ramp = rampFor(diagonal, pal);
        QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
        for (int i = 0; i <= 8; ++i)
            gradient.setColorAt(i / 8.0, rampColor(ramp, i / 8.0));
        painter.fillRect(bar, gradient);
        painter.setPen(pal.color(QPalette::Mid));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(bar.adjusted(0, 0, -1, -1));

        painter.setFont(small);
        painter.setPen(pal.color(QPalette::WindowText));
        const double x = bar.right() + gap * 0.75;
        const double sh = sfm.height();
        painter.drawText(QRectF(x, bar.top(), area.right() - x + gap, sh), Qt::AlignLeft | Qt::AlignTop,
                         formatValue(maxValue(diagonal)));
        painter.drawText(QRectF(x, bar.bottom() - sh, area.right() - x + gap, sh), Qt::AlignLeft | Qt::AlignBottom,
                         formatValue(0.0));
        return bar.bottom();
    };
    const double firstBottom = section(area.top(), tr("Correct"), true);
    section(firstBottom + gap * 1.5, tr("Errors"), false);
    painter.setFont(font());
}

bool ConfusionMatrixWidget::saveImage(const QString &path, int scale) const
{
    QSize size = this->size();
    const QSize minimum = minimumSizeHint();
    if (size.width() < minimum.width() || size.height() < minimum.height())
        size = sizeHint();
    const QRect bounds(QPoint(0, 0), size);
    const QColor background = palette().color(QPalette::Window);

    if (QFileInfo(path).suffix().compare(QLatin1String("svg"), Qt::CaseInsensitive) == 0)
        return paintToSvg(path, size, logicalDpiX(), tr("Confusion matrix"), QString(), [&](QPainter &svg) {
            svg.fillRect(bounds, background);
            paintMatrix(svg, bounds, {-1, -1});
        });

    scale = std::max(1, scale);
    QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    const int dotsPerMeter = static_cast<int>(std::lround(logicalDpiX() / 0.0254));
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    image.fill(background);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::TextAntialiasing);
        paintMatrix(painter, bounds, {-1, -1});
    }
    return image.save(path, "PNG");
}

} // namespace cifarlab
