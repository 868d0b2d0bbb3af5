#include "ui/embedding_view.h"

#include "ui/dataset_image.h"
#include "ui/prediction_delegate.h"
#include "ui/svg_export.h"
#include "ui/top_classes_view.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QContextMenuEvent>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cifarlab {

namespace {

constexpr double kFitMargin = 0.94; // share of the plot the fitted points span
constexpr double kMinZoom = 0.25; // relative to the fitted scale
constexpr double kMaxZoom = 2000.0;
constexpr double kWheelNotch = 120.0; // angleDelta of one wheel step
constexpr double kKeyZoom = 1.25;
constexpr int kTooltipImagePixels = 64;
constexpr int kLegendTextChars = 16; // longer class names are elided

} // namespace

EmbeddingView::EmbeddingView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("embeddingView"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setMinimumSize(240, 200);
    // Tab and click both focus it: the arrow keys then walk the points.
    setFocusPolicy(Qt::StrongFocus);
    setContextMenuPolicy(Qt::DefaultContextMenu);
    setAccessibleName(tr("Embedding map"));
    updateAccessibleText();
}

EmbeddingView::~EmbeddingView() = default;

void EmbeddingView::setEmbedding(std::shared_ptr<const Embedding> embedding, const QStringList &classNames,
    std::shared_ptr<const Dataset> dataset)
{
    m_embedding = std::move(embedding);
    m_dataset = std::move(dataset);
    m_classNames = classNames;
    m_classes = static_cast<int>(classNames.size());
    m_bounds = QRectF();
    if (m_embedding) {
        const Embedding &e = *m_embedding;
        for (int32_t c : e.label)
            m_classes = std::max(m_classes, c + 1);
        for (int32_t c : e.predicted)
            m_classes = std::max(m_classes, c + 1);
        const auto n = static_cast<size_t>(e.count());
        if (n > 0 && e.map.x.size() >= n && e.map.y.size() >= n) {
            const auto [xlo, xhi]
                = std::minmax_element(e.map.x.begin(), e.map.x.begin() + static_cast<ptrdiff_t>(n));
            const auto [ylo, yhi]
                = std::minmax_element(e.map.y.begin(), e.map.y.begin() + static_cast<ptrdiff_t>(n));
            m_bounds = QRectF(QPointF(*xlo, *ylo), QPointF(*xhi, *yhi));
        } else {
            m_embedding.reset(); // a map without positions cannot be drawn
        }
    }
    m_hidden.assign(static_cast<size_t>(std::max(0, m_classes)), 0);
    m_selected = -1;
    m_hovered = -1;
    m_dragging = m_pressed = false;
    computeLayout();
    fitView();
    updateAccessibleText();
    update();
}

void EmbeddingView::clear()
{
    setEmbedding(nullptr, {}, nullptr);
}

QString EmbeddingView::className(int cls) const
{
    if (cls >= 0 && cls < m_classNames.size())
        return m_classNames[cls];
    return tr("class %1").arg(cls);
}

void EmbeddingView::setColouring(Colouring colouring)
{
    if (colouring == m_colouring)
        return;
    m_colouring = colouring;
    computeLayout();
    updateAccessibleText();
    update();
}

void EmbeddingView::setHighlightMisclassified(bool highlight)
{
    if (highlight == m_highlight)
        return;
    m_highlight = highlight;
    update();
}

bool EmbeddingView::isClassVisible(int cls) const
{
    return cls < 0 || cls >= static_cast<int>(m_hidden.size()) || !m_hidden[static_cast<size_t>(cls)];
}

void EmbeddingView::setClassVisible(int cls, bool visible)
{
    if (cls < 0 || cls >= static_cast<int>(m_hidden.size()) || isClassVisible(cls) == visible)
        return;
    m_hidden[static_cast<size_t>(cls)] = visible ? 0 : 1;
    if (m_hovered >= 0 && !isPointVisible(m_hovered))
        m_hovered = -1;
    updateAccessibleText();
    update();
    Q_EMIT classVisibilityChanged();
}

void EmbeddingView::showAllClasses()
{
    if (std::none_of(m_hidden.begin(), m_hidden.end(), [](char h) { return h != 0; }))
        return;
    std::fill(m_hidden.begin(), m_hidden.end(), 0);
    updateAccessibleText();
    update();
    Q_EMIT classVisibilityChanged();
}

int EmbeddingView::classOf(int position) const
{
    if (!m_embedding || position < 0 || position >= m_embedding->count())
        return -1;
    const auto i = static_cast<size_t>(position);
    if (m_colouring == Colouring::PredictedClass)
        return i < m_embedding->predicted.size() ? m_embedding->predicted[i] : -1;
    return i < m_embedding->label.size() ? m_embedding->label[i] : -1;
}

bool EmbeddingView::isPointVisible(int position) const
{
    return m_embedding && position >= 0 && position < m_embedding->count()
        && isClassVisible(classOf(position));
}

int EmbeddingView::visibleCount() const
{
    if (!m_embedding)
        return 0;
    int n = 0;
    for (int i = 0; i < m_embedding->count(); ++i)
        n += isPointVisible(i) ? 1 : 0;
    return n;
}

void EmbeddingView::selectPoint(int position)
{
    if (!m_embedding || position < 0 || position >= m_embedding->count())
        position = -1;
    if (position == m_selected)
        return;
    m_selected = position;
    if (position >= 0)
        ensureVisible(position);
    updateAccessibleText();
    update();
    Q_EMIT selectionChanged(m_selected);
}

QColor EmbeddingView::classColour(int cls)
{
    // matplotlib's tab10: distinguishable, familiar from TensorBoard and every notebook.
    static const QColor tab10[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e),
        QColor(0x2c, 0xa0, 0x2c), QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd),
        QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f),
        QColor(0xbc, 0xbd, 0x22), QColor(0x17, 0xbe, 0xcf)};
    if (cls < 0)
        return QColor(0x7f, 0x7f, 0x7f);
    if (cls < static_cast<int>(std::size(tab10)))
        return tab10[cls];
    // Golden-ratio hue steps never repeat a hue; three saturation/value levels separate neighbours.
    const double hue = std::fmod(0.11 + cls * 0.6180339887498949, 1.0);
    const int level = cls % 3;
    return QColor::fromHsvF(static_cast<float>(hue), level == 1 ? 0.55f : 0.80f, level == 2 ? 0.62f : 0.88f);
}

QColor EmbeddingView::pointColour(int position) const
{
    return classColour(classOf(position));
}

double EmbeddingView::radius() const
{
    const double base = std::max(2.5, QFontMetricsF(font()).height() / 5.0);
    // Dense maps get smaller dots so clusters keep their shape.
    return m_embedding && m_embedding->count() > 5000 ? base * 0.8 : base;
}

void EmbeddingView::computeLayout()
{
    const QFontMetricsF fm(font());
    const double margin = std::round(fm.height() * 0.6);
    m_layout = Layout();
    m_layout.rowHeight = std::round(fm.height() + 4);
    m_layout.swatch = std::round(fm.height() * 0.6);
    const QRectF area = QRectF(rect()).adjusted(margin, margin, -margin, -margin);
    if (!m_embedding || m_classes <= 0) {
        m_layout.plot = area;
        return;
    }
    QFont bold = font();
    bold.setBold(true);
    const QFontMetricsF boldMetrics(bold);
    const QString header = m_colouring == Colouring::TrueClass ? tr("True class") : tr("Predicted class");
    const double headerHeight = m_layout.rowHeight;
    const int rowsFit = std::max(1, static_cast<int>((area.height() - headerHeight) / m_layout.rowHeight));
    const int columns = (m_classes + rowsFit - 1) / rowsFit;
    const int rows = (m_classes + columns - 1) / columns;
    double textWidth = 0.0;
    for (int c = 0; c < m_classes; ++c)
        textWidth = std::max(textWidth,
            std::min(fm.horizontalAdvance(className(c)), fm.averageCharWidth() * kLegendTextChars));
    const double entryWidth = std::ceil(m_layout.swatch + fm.averageCharWidth() * 2.5 + textWidth);
    const double legendWidth
        = std::max(columns * entryWidth, boldMetrics.horizontalAdvance(header) + fm.averageCharWidth());
    m_layout.legend = QRectF(
        area.right() - legendWidth, area.top(), legendWidth, headerHeight + rows * m_layout.rowHeight);
    m_layout.entries.resize(static_cast<size_t>(m_classes));
    for (int c = 0; c < m_classes; ++c) {
        const int column = c / rows;
        const int row = c % rows;
        m_layout.entries[static_cast<size_t>(c)] = QRectF(m_layout.legend.left() + column * entryWidth,
            m_layout.legend.top() + headerHeight + row * m_layout.rowHeight, entryWidth, m_layout.rowHeight);
    }
    QRectF plot(area.topLeft(), QPointF(m_layout.legend.left() - margin, area.bottom()));
    if (m_embedding->method == ProjectionMethod::Pca) // room for the axis captions
        plot.adjust(fm.height() * 1.2, 0, 0, -fm.height() * 1.2);
    if (plot.width() < 40)
        plot.setWidth(40);
    m_layout.plot = plot;
}

void EmbeddingView::fitView()
{
    m_fitted = true;
    m_center = m_bounds.center();
    const QRectF plot = m_layout.plot;
    const double w = m_bounds.width(), h = m_bounds.height();
    double scale = 1.0;
    if (w > 0.0 && h > 0.0)
        scale = std::min(plot.width() / w, plot.height() / h);
    else if (w > 0.0 || h > 0.0)
        scale = std::min(plot.width(), plot.height()) / std::max(w, h);
    if (!(scale > 0.0) || !std::isfinite(scale))
        scale = 1.0;
    m_fitScale = m_scale = scale * kFitMargin;
}

void EmbeddingView::resetView()
{
    fitView();
    update();
}

double EmbeddingView::zoom() const
{
    return m_fitScale > 0.0 ? m_scale / m_fitScale : 1.0;
}

void EmbeddingView::zoomBy(double factor, const QPointF &anchor)
{
    if (!m_embedding || !(factor > 0.0))
        return;
    const QPointF c = m_layout.plot.center();
    // The map point under the anchor stays under it.
    const QPointF mapPoint(
        m_center.x() + (anchor.x() - c.x()) / m_scale, m_center.y() - (anchor.y() - c.y()) / m_scale);
    const double scale = std::clamp(m_scale * factor, m_fitScale * kMinZoom, m_fitScale * kMaxZoom);
    m_scale = scale;
    m_center
        = QPointF(mapPoint.x() - (anchor.x() - c.x()) / scale, mapPoint.y() + (anchor.y() - c.y()) / scale);
    m_fitted = false;
    update();
}

QPointF EmbeddingView::pointPosition(int position) const
{
    if (!m_embedding || position < 0 || position >= m_embedding->count())
        return {};
    const auto i = static_cast<size_t>(position);
    const QPointF c = m_layout.plot.center();
    return {c.x() + (m_embedding->map.x[i] - m_center.x()) * m_scale,
        c.y() - (m_embedding->map.y[i] - m_center.y()) * m_scale};
}

int EmbeddingView::pointAt(const QPointF &pos) const
{
    if (!m_embedding || !m_layout.plot.adjusted(-4, -4, 4, 4).contains(pos))
        return -1;
    const double reach = radius() + 3.0;
    double best = reach * reach;
    int found = -1;
    for (int i = 0; i < m_embedding->count(); ++i) {
        if (!isPointVisible(i) && i != m_selected)
            continue;
        const QPointF d = pointPosition(i) - pos;
        const double d2 = d.x() * d.x() + d.y() * d.y();
        if (d2 <= best) {
            best = d2;
            found = i;
        }
    }
    return found;
}

QRectF EmbeddingView::plotRect() const
{
    return m_layout.plot;
}

QRectF EmbeddingView::legendEntryRect(int cls) const
{
    if (cls < 0 || cls >= static_cast<int>(m_layout.entries.size()))
        return {};
    return m_layout.entries[static_cast<size_t>(cls)];
}

int EmbeddingView::legendEntryAt(const QPointF &pos) const
{
    for (size_t c = 0; c < m_layout.entries.size(); ++c)
        if (m_layout.entries[c].contains(pos))
            return static_cast<int>(c);
    return -1;
}

void EmbeddingView::ensureVisible(int position)
{
    const double inset = radius() * 3;
    if (m_layout.plot.adjusted(inset, inset, -inset, -inset).contains(pointPosition(position)))
        return;
    const auto i = static_cast<size_t>(position);
    m_center = QPointF(m_embedding->map.x[i], m_embedding->map.y[i]);
    m_fitted = false;
}

void EmbeddingView::setHovered(int position)
{
    if (position == m_hovered)
        return;
    m_hovered = position;
    update();
}

void EmbeddingView::moveSelection(int dx, int dy)
{
    if (!m_embedding)
        return;
    if (m_selected < 0) {
        // Start at the visible point nearest the middle of the plot.
        const QPointF c = m_layout.plot.center();
        int best = -1;
        double bestDistance = std::numeric_limits<double>::infinity();
        for (int i = 0; i < m_embedding->count(); ++i) {
            if (!isPointVisible(i))
                continue;
            const QPointF d = pointPosition(i) - c;
            const double d2 = d.x() * d.x() + d.y() * d.y();
            if (d2 < bestDistance) {
                bestDistance = d2;
                best = i;
            }
        }
        selectPoint(best);
        return;
    }
    // The nearest point in the arrow's direction, off-axis distance weighing more than distance along
    // it, so repeated presses walk a line rather than zig-zag.
    const QPointF from = pointPosition(m_selected);
    int best = -1;
    double bestScore = std::numeric_limits<double>::infinity();
    for (int i = 0; i < m_embedding->count(); ++i) {
        if (i == m_selected || !isPointVisible(i))
            continue;
        const QPointF v = pointPosition(i) - from;
        const double along = v.x() * dx + v.y() * dy;
        if (along <= 0.0)
            continue;
        const double across = std::abs(v.x() * dy - v.y() * dx);
        const double score = along * along + 4.0 * across * across;
        if (score < bestScore) {
            bestScore = score;
            best = i;
        }
    }
    if (best >= 0)
        selectPoint(best);
}

QString EmbeddingView::pointDescription(int position) const
{
    if (!m_embedding || position < 0 || position >= m_embedding->count())
        return {};
    const auto i = static_cast<size_t>(position);
    const QLocale locale;
    const int truth = m_embedding->label[i];
    const int predicted = m_embedding->predicted[i];
    const QString confidence
        = i < m_embedding->confidence.size() ? probabilityText(m_embedding->confidence[i], 1) : QString();
    return tr("Image %1: true class %2, predicted %3 (%4), %5")
        .arg(locale.toString(static_cast<qlonglong>(m_embedding->imageIndex[i])), className(truth),
            className(predicted), confidence, truth == predicted ? tr("correct") : tr("misclassified"));
}

QString EmbeddingView::pointToolTip(int position) const
{
    if (!m_embedding || position < 0 || position >= m_embedding->count())
        return {};
    const auto i = static_cast<size_t>(position);
    const QLocale locale;
    const int64_t image = m_embedding->imageIndex[i];
    const int truth = m_embedding->label[i];
    const int predicted = m_embedding->predicted[i];
    QString picture;
    if (m_dataset && image >= 0 && image < m_dataset->test.count) {
        const QImage source = splitImage(m_dataset->test, image);
        if (!source.isNull()) {
            // Whole-number nearest-neighbour enlargement keeps the pixels sharp.
            const int longest = std::max(source.width(), source.height());
            const int factor = std::max(1, kTooltipImagePixels / std::max(1, longest));
            const QImage shown = longest * factor >= kTooltipImagePixels / 2
                ? source.scaled(source.width() * factor, source.height() * factor, Qt::IgnoreAspectRatio,
                    Qt::FastTransformation)
                : source.scaled(
                    kTooltipImagePixels, kTooltipImagePixels, Qt::KeepAspectRatio, Qt::SmoothTransformation);
            QByteArray png;
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            shown.save(&buffer, "PNG");
            picture = QStringLiteral("<td valign=\"middle\"><img src=\"data:image/png;base64,%1\" "
                                     "width=\"%2\" height=\"%3\"></td>")
                          .arg(QString::fromLatin1(png.toBase64()))
                          .arg(shown.width())
                          .arg(shown.height());
        }
    }
    const bool correct = truth == predicted;
    const QColor verdictColour
        = correct ? PredictionDelegate::rightColor(palette()) : PredictionDelegate::wrongColor(palette());
    const QString confidence
        = i < m_embedding->confidence.size() ? probabilityText(m_embedding->confidence[i], 1) : QString();
    const QString text
        = QStringLiteral("<b>%1</b><br>%2<br>%3<br><span style=\"color:%4\">%5</span>")
              .arg(tr("Image %1").arg(locale.toString(static_cast<qlonglong>(image))).toHtmlEscaped(),
                  tr("True class: %1").arg(className(truth)).toHtmlEscaped(),
                  tr("Predicted: %1 (%2)").arg(className(predicted), confidence).toHtmlEscaped(),
                  verdictColour.name(), (correct ? tr("Correct") : tr("Misclassified")).toHtmlEscaped());
    return QStringLiteral(
        "<table cellspacing=\"0\" cellpadding=\"3\"><tr>%1<td valign=\"middle\">%2</td></tr></table>")
        .arg(picture, text);
}

void EmbeddingView::updateAccessibleText()
{
    // QWidget tells assistive technology about the change itself (DescriptionChanged).
    if (!m_embedding) {
        setAccessibleDescription(tr("No map yet"));
        return;
    }
    if (m_selected >= 0) {
        setAccessibleDescription(pointDescription(m_selected));
        return;
    }
    const QLocale locale;
    setAccessibleDescription(
        tr("%1 of %2 test images shown in %3 classes; the arrow keys select an image")
            .arg(locale.toString(visibleCount()),
                locale.toString(static_cast<qlonglong>(m_embedding->count())), locale.toString(m_classes)));
}

void EmbeddingView::paintMap(QPainter &painter) const
{
    const QRectF plot = m_layout.plot;
    const QPalette &pal = palette();
    painter.setRenderHint(QPainter::Antialiasing, true);
    // The plot's frame; dashed in the highlight colour while the keyboard is on the map.
    const bool focused = hasFocus() && !m_exporting;
    QPen frame(focused ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid), 1);
    if (focused)
        frame.setStyle(Qt::DashLine);
    painter.setPen(frame);
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(plot.adjusted(0.5, 0.5, -0.5, -0.5));
    if (!m_embedding)
        return;

    const QFontMetricsF fm(font());
    if (m_embedding->method == ProjectionMethod::Pca) {
        const QLocale locale;
        painter.setPen(pal.color(QPalette::PlaceholderText));
        const QString xCaption = tr("principal axis 1: %1 of the variance")
                                     .arg(probabilityText(m_embedding->map.explainedVariance[0], 1));
        const QString yCaption = tr("principal axis 2: %1 of the variance")
                                     .arg(probabilityText(m_embedding->map.explainedVariance[1], 1));
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + 2, plot.width(), fm.height()), Qt::AlignCenter, xCaption);
        painter.save();
        painter.translate(plot.left() - 2, plot.center().y());
        painter.rotate(-90);
        painter.drawText(
            QRectF(-plot.height() / 2, -fm.height(), plot.height(), fm.height()), Qt::AlignCenter, yCaption);
        painter.restore();
    }

    painter.save();
    painter.setClipRect(plot.adjusted(1, 1, -1, -1));
    const double r = radius();
    const QRectF reach = plot.adjusted(-r * 3, -r * 3, r * 3, r * 3);
    const int n = static_cast<int>(m_embedding->count());
    const auto misclassified = [this](int i) {
        const auto k = static_cast<size_t>(i);
        return m_embedding->label[k] != m_embedding->predicted[k];
    };
    // Highlighting: correct points faded underneath, the mistakes outlined on top.
    const QColor outline = pal.color(QPalette::Text);
    for (int pass = 0; pass < (m_highlight ? 2 : 1); ++pass) {
        for (int i = 0; i < n; ++i) {
            if (!isPointVisible(i))
                continue;
            const bool wrong = misclassified(i);
            if (m_highlight && wrong != (pass == 1))
                continue;
            const QPointF p = pointPosition(i);
            if (!reach.contains(p))
                continue;
            QColor fill = pointColour(i);
            if (m_highlight && !wrong) {
                fill.setAlphaF(0.25f);
                painter.setPen(Qt::NoPen);
                painter.setBrush(fill);
                painter.drawEllipse(p, r, r);
            } else if (m_highlight) {
                painter.setPen(QPen(outline, 1.4));
                painter.setBrush(fill);
                painter.drawEllipse(p, r * 1.25, r * 1.25);
            } else {
                fill.setAlphaF(0.8f);
                painter.setPen(Qt::NoPen);
                painter.setBrush(fill);
                painter.drawEllipse(p, r, r);
            }
        }
    }

    const QColor highlight = pal.color(QPalette::Highlight);
    if (m_selected >= 0) {
        // The selection's nearest neighbours in feature space: how far apart the map put them.
        const QPointF from = pointPosition(m_selected);
        const int k = m_embedding->neighbourCount;
        const auto base = static_cast<size_t>(m_selected) * static_cast<size_t>(std::max(0, k));
        QColor line = highlight;
        line.setAlphaF(0.55f);
        for (int j = 0; j < k && base + static_cast<size_t>(j) < m_embedding->neighbours.size(); ++j) {
            const int other = m_embedding->neighbours[base + static_cast<size_t>(j)];
            if (other < 0 || other >= n)
                continue;
            const QPointF to = pointPosition(other);
            painter.setPen(QPen(line, 1));
            painter.drawLine(from, to);
            painter.setPen(QPen(highlight, 1.6));
            painter.setBrush(Qt::NoBrush);
            painter.drawEllipse(to, r + 2.5, r + 2.5);
        }
        painter.setPen(QPen(pal.color(QPalette::Base), 4));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(from, r + 4, r + 4);
        painter.setPen(QPen(outline, 2));
        painter.drawEllipse(from, r + 4, r + 4);
        painter.setPen(Qt::NoPen);
        painter.setBrush(pointColour(m_selected));
        painter.drawEllipse(from, r * 1.3, r * 1.3);
    }
    if (m_hovered >= 0 && m_hovered != m_selected && !m_exporting) {
        painter.setPen(QPen(outline, 1.2));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(pointPosition(m_hovered), r + 2.5, r + 2.5);
    }
    painter.restore();
}

void EmbeddingView::paintLegend(QPainter &painter) const
{
    if (!m_embedding || m_layout.entries.empty())
        return;
    const QPalette &pal = palette();
    const QFontMetricsF fm(font());
    QFont bold = font();
    bold.setBold(true);
    painter.save();
    painter.setFont(bold);
    painter.setPen(pal.color(QPalette::Text));
    const QRectF legend = m_layout.legend;
    painter.drawText(QRectF(legend.left(), legend.top(), legend.width(), m_layout.rowHeight),
        Qt::AlignLeft | Qt::AlignVCenter,
        m_colouring == Colouring::TrueClass ? tr("True class") : tr("Predicted class"));
    painter.setFont(font());
    painter.setRenderHint(QPainter::Antialiasing, true);
    const double s = m_layout.swatch;
    for (int c = 0; c < static_cast<int>(m_layout.entries.size()); ++c) {
        const QRectF entry = m_layout.entries[static_cast<size_t>(c)];
        const bool visible = isClassVisible(c);
        const QRectF swatch(entry.left() + 1, entry.center().y() - s / 2, s, s);
        if (visible) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(classColour(c));
        } else {
            painter.setPen(QPen(classColour(c), 1.5));
            painter.setBrush(Qt::NoBrush);
        }
        painter.drawEllipse(swatch);
        painter.setPen(visible ? pal.color(QPalette::Text) : pal.color(QPalette::PlaceholderText));
        const QRectF text(swatch.right() + fm.averageCharWidth(), entry.top(),
            entry.right() - swatch.right() - fm.averageCharWidth(), entry.height());
        QFont entryFont = font();
        entryFont.setStrikeOut(!visible);
        painter.setFont(entryFont);
        painter.drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
            fm.elidedText(className(c), Qt::ElideRight, text.width()));
    }
    painter.restore();
}

void EmbeddingView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    paintMap(painter);
    paintLegend(painter);
}

bool EmbeddingView::saveImage(const QString &path)
{
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().compare(QLatin1String("svg"), Qt::CaseInsensitive) == 0) {
        m_exporting = true;
        const bool saved = paintToSvg(path, size(), logicalDpiX(), accessibleName(), QString(), [this](QPainter &svg) {
            svg.fillRect(rect(), palette().color(QPalette::Base));
            paintMap(svg);
            paintLegend(svg);
        });
        m_exporting = false;
        return saved;
    }
    m_exporting = true;
    const bool saved = grab().save(path, "PNG");
    m_exporting = false;
    return saved;
}

void EmbeddingView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    computeLayout();
    if (m_fitted)
        fitView();
}

void EmbeddingView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_pressed = true;
    m_dragging = false;
    m_pressPos = m_lastDrag = event->position();
    event->accept();
}

void EmbeddingView::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF pos = event->position();
    if (m_pressed && m_embedding) {
        if (!m_dragging && (pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance())
            m_dragging = true;
        if (m_dragging) {
            const QPointF d = pos - m_lastDrag;
            m_center += QPointF(-d.x() / m_scale, d.y() / m_scale);
            m_lastDrag = pos;
            m_fitted = false;
            setCursor(Qt::ClosedHandCursor);
            update();
            return;
        }
    }
    const int entry = legendEntryAt(pos);
    const int point = entry >= 0 ? -1 : pointAt(pos);
    setHovered(point);
    if (entry >= 0 || point >= 0)
        setCursor(Qt::PointingHandCursor);
    else
        unsetCursor();
}

void EmbeddingView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_pressed) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    m_pressed = false;
    if (m_dragging) {
        m_dragging = false;
        unsetCursor();
        return;
    }
    const int entry = legendEntryAt(event->position());
    if (entry >= 0) {
        setClassVisible(entry, !isClassVisible(entry));
        return;
    }
    if (m_embedding && m_layout.plot.contains(event->position()))
        selectPoint(pointAt(event->position()));
}

void EmbeddingView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const int entry = legendEntryAt(event->position());
    if (entry >= 0) {
        // Double-click isolates a class (the first click of it already toggled it); again shows all.
        // All hidden now: the click just hid the one class that was shown alone.
        const bool wasAlone = std::count(m_hidden.begin(), m_hidden.end(), 0) == 0;
        if (wasAlone) {
            std::fill(m_hidden.begin(), m_hidden.end(), 0);
        } else {
            std::fill(m_hidden.begin(), m_hidden.end(), 1);
            m_hidden[static_cast<size_t>(entry)] = 0;
        }
        updateAccessibleText();
        update();
        Q_EMIT classVisibilityChanged();
        return;
    }
    // Fits the map again; the press before it must not count as a drag.
    m_pressed = false;
    resetView();
}

void EmbeddingView::wheelEvent(QWheelEvent *event)
{
    if (!m_embedding) {
        event->ignore();
        return;
    }
    const double steps = event->angleDelta().y() / kWheelNotch;
    if (steps == 0.0) {
        event->ignore();
        return;
    }
    zoomBy(std::pow(2.0, steps / 2.0), event->position());
    event->accept();
}

void EmbeddingView::keyPressEvent(QKeyEvent *event)
{
    if (!m_embedding) {
        QWidget::keyPressEvent(event);
        return;
    }
    const QPointF anchor = m_selected >= 0 ? pointPosition(m_selected) : m_layout.plot.center();
    switch (event->key()) {
    case Qt::Key_Left:
        moveSelection(-1, 0);
        break;
    case Qt::Key_Right:
        moveSelection(1, 0);
        break;
    case Qt::Key_Up:
        moveSelection(0, -1);
        break;
    case Qt::Key_Down:
        moveSelection(0, 1);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(kKeyZoom, anchor);
        break;
    case Qt::Key_Minus:
        zoomBy(1.0 / kKeyZoom, anchor);
        break;
    case Qt::Key_0:
    case Qt::Key_Home:
        resetView();
        break;
    case Qt::Key_Escape:
        if (m_selected < 0) {
            QWidget::keyPressEvent(event);
            return;
        }
        selectPoint(-1);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void EmbeddingView::contextMenuEvent(QContextMenuEvent *event)
{
    if (!m_embedding) {
        QWidget::contextMenuEvent(event);
        return;
    }
    showContextMenu(event->globalPos());
    event->accept();
}

void EmbeddingView::showContextMenu(const QPoint &globalPos)
{
    QMenu menu(this);
    menu.addAction(tr("Show All Classes"), this, &EmbeddingView::showAllClasses);
    menu.addAction(tr("Reset View"), this, &EmbeddingView::resetView);
    menu.addSeparator();
    for (int c = 0; c < m_classes; ++c) {
        QAction *action = menu.addAction(className(c));
        action->setCheckable(true);
        action->setChecked(isClassVisible(c));
        connect(action, &QAction::toggled, this, [this, c](bool on) { setClassVisible(c, on); });
    }
    menu.exec(globalPos);
}

bool EmbeddingView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QPointF pos = help->pos();
        const int entry = legendEntryAt(pos);
        if (entry >= 0 && m_embedding) {
            int count = 0;
            for (int i = 0; i < m_embedding->count(); ++i)
                count += classOf(i) == entry ? 1 : 0;
            const QString what = tr("%1: %n images", nullptr, count).arg(className(entry));
            QToolTip::showText(help->globalPos(),
                what + QLatin1Char('\n')
                    + (isClassVisible(entry) ? tr("Click to hide, double-click to show only this class")
                                             : tr("Click to show, double-click to show only this class")),
                this, legendEntryRect(entry).toAlignedRect());
            return true;
        }
        const int point = pointAt(pos);
        if (point >= 0) {
            const QPointF p = pointPosition(point);
            const int r = static_cast<int>(std::ceil(radius())) + 3;
            QToolTip::showText(help->globalPos(), pointToolTip(point), this,
                QRect(p.toPoint() - QPoint(r, r), QSize(2 * r, 2 * r)));
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

void EmbeddingView::leaveEvent(QEvent *event)
{
    setHovered(-1);
    QWidget::leaveEvent(event);
}

void EmbeddingView::focusInEvent(QFocusEvent *event)
{
    update();
    QWidget::focusInEvent(event);
}

void EmbeddingView::focusOutEvent(QFocusEvent *event)
{
    update();
    QWidget::focusOutEvent(event);
}

void EmbeddingView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::LanguageChange) {
        computeLayout();
        if (m_fitted)
            fitView();
    }
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange
        || event->type() == QEvent::LanguageChange)
        update();
    QWidget::changeEvent(event);
}

} // namespace cifarlab
