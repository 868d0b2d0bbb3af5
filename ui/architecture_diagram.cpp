#include "ui/architecture_diagram.h"

#include "ui/svg_export.h"

#include <QAbstractScrollArea>
#include <QEvent>
#include <QFocusEvent>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QImage>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QScrollArea>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace cifarlab {

namespace {

const QChar kArrow(0x2192);
const QChar kTimes(0x00D7);
const QChar kEllipsis(0x2026);
const QChar kMiddleDot(0x00B7);

// Above this many chain lines a box elides: the tooltip lists every layer anyway.
constexpr int kMaxChainLines = 3;
// Exported diagrams pick the column count whose width / height is closest to this (a landscape page).
constexpr double kExportAspect = 1.45;
constexpr int kMaxExportColumns = 12;
// Past this many blocks (DenseNet's 65) a block whose layers repeat the previous block's shows no chain:
// the stage reads as one run and twice as many boxes fit the view.
constexpr int kCompactBlocks = 24;

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

QString shapeText(const std::vector<int64_t> &shape)
{
    QStringList dims;
    for (const auto d : shape)
        dims << QString::number(d);
    return dims.join(QStringLiteral(" %1 ").arg(kTimes));
}

// Three significant digits with a K / M / G suffix: "74.0 K", "1.23 M", "557 M".
QString compactNumber(double value)
{
    const QLocale locale;
    static const char *const kSuffixes[] = {"", " K", " M", " G", " T"};
    if (std::abs(value) < 1000.0)
        return locale.toString(static_cast<qlonglong>(std::llround(value)));
    int unit = 0;
    while (std::abs(value) >= 999.5 && unit < 4) {
        value /= 1000.0;
        ++unit;
    }
    const int decimals = std::abs(value) < 9.995 ? 2 : (std::abs(value) < 99.95 ? 1 : 0);
    return locale.toString(value, 'f', decimals) + QLatin1String(kSuffixes[unit]);
}

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    const qreal s = 1.0 - t;
    return QColor::fromRgbF(static_cast<float>(a.redF() * s + b.redF() * t),
        static_cast<float>(a.greenF() * s + b.greenF() * t),
        static_cast<float>(a.blueF() * s + b.blueF() * t),
        static_cast<float>(a.alphaF() * s + b.alphaF() * t));
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

QStringList detailTokens(const std::string &detail)
{
    static const QRegularExpression kSeparators(QStringLiteral("[,\\s]+"));
    return fromStd(detail).split(kSeparators, Qt::SkipEmptyParts);
}

// Value of the token starting with `prefix` ("k3" -> "3"), empty when absent.
QString tokenValue(const QStringList &tokens, QChar prefix)
{
    for (const auto &token : tokens)
        if (token.size() > 1 && token.at(0) == prefix && (token.at(1).isDigit()))
            return token.mid(1);
    return {};
}

// "3" -> "3×3", "3x1" -> "3×1".
QString kernelText(const QString &kernel)
{
    if (kernel.isEmpty())
        return {};
    if (kernel.contains(QLatin1Char('x')))
        return QString(kernel).replace(QLatin1Char('x'), kTimes);
    return kernel + kTimes + kernel;
}

bool isActivation(const std::string &type)
{
    static const char *const kTypes[] = {"ReLU", "ReLU6", "LeakyReLU", "PReLU", "RReLU", "ELU", "SELU",
        "CELU", "GELU", "SiLU", "Mish", "Sigmoid", "Tanh", "Hardswish", "Hardsigmoid", "Hardtanh", "Softplus",
        "Softmax", "LogSoftmax", "Softsign", "Tanhshrink", "Threshold", "GLU"};
    return std::any_of(std::begin(kTypes), std::end(kTypes), [&](const char *t) { return type == t; });
}

// Short label for the chain in a box: the layer's kind and the one setting that tells blocks apart.
QString layerLabel(const LayerInfo &layer)
{
    const QString type = fromStd(layer.type);
    const QStringList tokens = detailTokens(layer.detail);
    if (layer.type == "Conv2d") {
        QString label = QStringLiteral("Conv");
        const QString kernel = kernelText(tokenValue(tokens, QLatin1Char('k')));
        if (!kernel.isEmpty())
            label += QLatin1Char(' ') + kernel;
        const QString stride = tokenValue(tokens, QLatin1Char('s'));
        if (!stride.isEmpty() && stride != QLatin1String("1"))
            label += QStringLiteral(" s") + stride;
        const QString groups = tokenValue(tokens, QLatin1Char('g'));
        if (!groups.isEmpty() && groups != QLatin1String("1"))
            label += QStringLiteral(" g") + groups;
        return label;
    }
    if (layer.type == "BatchNorm2d" || layer.type == "BatchNorm1d")
        return QStringLiteral("BN");
    if (layer.type == "MaxPool2d" || layer.type == "AvgPool2d") {
        const QString kernel = kernelText(tokenValue(tokens, QLatin1Char('k')));
        const QString name
            = layer.type == "MaxPool2d" ? QStringLiteral("MaxPool") : QStringLiteral("AvgPool");
        return kernel.isEmpty() ? name : name + QLatin1Char(' ') + kernel;
    }
    if (layer.type == "AdaptiveAvgPool2d" || layer.type == "AdaptiveMaxPool2d") {
        const bool average = layer.type == "AdaptiveAvgPool2d";
        const bool global
            = layer.outputShape.size() == 3 && layer.outputShape[1] == 1 && layer.outputShape[2] == 1;
        if (global)
            return average ? QStringLiteral("GlobalAvgPool") : QStringLiteral("GlobalMaxPool");
        return average ? QStringLiteral("AdaptiveAvgPool") : QStringLiteral("AdaptiveMaxPool");
    }
    if (layer.type == "Linear") {
        const QString features = tokens.isEmpty() ? QString() : tokens.first();
        if (features.contains(QLatin1String("->")))
            return QStringLiteral("Linear ") + QString(features).replace(QLatin1String("->"), kArrow);
        return type;
    }
    if (layer.type == "Dropout" || layer.type == "Dropout2d") {
        const int p = tokens.indexOf(QStringLiteral("p"));
        return p >= 0 && p + 1 < tokens.size() ? type + QLatin1Char(' ') + tokens.at(p + 1) : type;
    }
    return type;
}

// Channels a layer consumes, when its detail says ("64->128 k3 ..." or BN's "256"); 0 otherwise.
int64_t inputChannels(const LayerInfo &layer)
{
    const QStringList tokens = detailTokens(layer.detail);
    if (tokens.isEmpty())
        return 0;
    bool ok = false;
    if (layer.type == "Conv2d") {
        const int64_t in = tokens.first().section(QStringLiteral("->"), 0, 0).toLongLong(&ok);
        return ok ? in : 0;
    }
    if (layer.type == "BatchNorm2d") {
        const int64_t in = tokens.first().toLongLong(&ok);
        return ok ? in : 0;
    }
    return 0;
}

bool isBranchComponent(const QString &component)
{
    static const char *const kNames[] = {"shortcut", "downsample", "skip", "residual", "projection"};
    return std::any_of(
        std::begin(kNames), std::end(kNames), [&](const char *n) { return component == QLatin1String(n); });
}

// Path of `to` drawn as straight segments through `points`, with rounded corners.
QPainterPath roundedPolyline(const std::vector<QPointF> &points, qreal radius)
{
    QPainterPath path(points.front());
    for (size_t i = 1; i + 1 < points.size(); ++i) {
        const QPointF in = points[i] - points[i - 1];
        const QPointF out = points[i + 1] - points[i];
        const qreal inLength = std::hypot(in.x(), in.y());
        const qreal outLength = std::hypot(out.x(), out.y());
        if (inLength < 1e-6 || outLength < 1e-6) {
            path.lineTo(points[i]);
            continue;
        }
        const qreal r = std::min({radius, inLength / 2.0, outLength / 2.0});
        path.lineTo(points[i] - in * (r / inLength));
        path.quadTo(points[i], points[i] + out * (r / outLength));
    }
    path.lineTo(points.back());
    return path;
}

// Elides with the painter's own device metrics (fractional), so text the layout measured as fitting is
// never cut by integer rounding.
QString elided(
    const QPainter &painter, const QString &text, qreal width, Qt::TextElideMode mode = Qt::ElideRight)
{
    const QFontMetricsF fm(painter.font(), painter.device());
    return fm.horizontalAdvance(text) <= width + 0.5 ? text : fm.elidedText(text, mode, width);
}

void drawArrowHead(QPainter &painter, const QPointF &tip, qreal size, const QColor &color)
{
    QPainterPath head;
    head.moveTo(tip);
    head.lineTo(tip + QPointF(-size * 0.6, -size));
    head.lineTo(tip + QPointF(size * 0.6, -size));
    head.closeSubpath();
    painter.fillPath(head, color);
}

} // namespace

ArchitectureDiagram::ArchitectureDiagram(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("architectureDiagram"));
    setAccessibleName(tr("Architecture diagram"));
    // Tab and click both focus it: the arrow keys then walk the blocks.
    setFocusPolicy(Qt::StrongFocus);
    updateAccessibleText();
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setMouseTracking(true);
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

ArchitectureDiagram::~ArchitectureDiagram() = default;

void ArchitectureDiagram::setSummary(const ModelSummary &summary)
{
    m_summary = summary;
    m_hasSummary = true;
    m_hovered = -1;
    rebuildBlocks();
    m_current = m_blocks.empty() ? -1 : 0;
    invalidateLayout();
    updateAccessibleText();
}

void ArchitectureDiagram::clear()
{
    m_summary = ModelSummary();
    m_hasSummary = false;
    m_hovered = -1;
    m_current = -1;
    m_blocks.clear();
    m_maxBlockParameters = 0;
    invalidateLayout();
    updateAccessibleText();
}

bool ArchitectureDiagram::hasSummary() const
{
    return m_hasSummary;
}

void ArchitectureDiagram::setTitle(const QString &title)
{
    m_title = title;
    invalidateLayout();
}

QString ArchitectureDiagram::title() const
{
    return m_title.isEmpty() ? fromStd(m_summary.architecture) : m_title;
}

void ArchitectureDiagram::setClassNames(const QStringList &names)
{
    m_classNames = names;
    invalidateLayout();
}

int ArchitectureDiagram::blockCount() const
{
    return static_cast<int>(m_blocks.size());
}

QStringList ArchitectureDiagram::blockNames() const
{
    QStringList names;
    for (const auto &block : m_blocks)
        names << block.name;
    return names;
}

QString ArchitectureDiagram::blockLayerSummary(int index) const
{
    if (index < 0 || index >= blockCount())
        return {};
    return m_blocks[static_cast<size_t>(index)].chain.join(QStringLiteral(" %1 ").arg(kArrow));
}

QString ArchitectureDiagram::blockBranchSummary(int index) const
{
    if (index < 0 || index >= blockCount())
        return {};
    return m_blocks[static_cast<size_t>(index)].branch.join(QStringLiteral(" %1 ").arg(kArrow));
}

QString ArchitectureDiagram::blockOutputShape(int index) const
{
    if (index < 0 || index >= blockCount())
        return {};
    return m_blocks[static_cast<size_t>(index)].shape;
}

int64_t ArchitectureDiagram::blockParameters(int index) const
{
    if (index < 0 || index >= blockCount())
        return 0;
    return m_blocks[static_cast<size_t>(index)].parameters;
}

QRect ArchitectureDiagram::blockRect(int index) const
{
    if (index < 0 || index >= blockCount())
        return {};
    return screenLayout().boxes[static_cast<size_t>(index) + 1].rect.toAlignedRect();
}

ArchitectureDiagram::Category ArchitectureDiagram::categoryOf(const std::string &type)
{
    if (type.find("Conv") != std::string::npos)
        return Category::Conv;
    if (type.find("Norm") != std::string::npos)
        return Category::Norm;
    if (type.find("Pool") != std::string::npos)
        return Category::Pool;
    if (type == "Linear" || type == "Bilinear")
        return Category::Linear;
    if (isActivation(type))
        return Category::Activation;
    return Category::Other;
}

QString ArchitectureDiagram::categoryName(Category category) const
{
    switch (category) {
    case Category::Conv:
        return tr("Convolution");
    case Category::Norm:
        return tr("Normalization");
    case Category::Pool:
        return tr("Pooling");
    case Category::Linear:
        return tr("Fully connected");
    case Category::Activation:
        return tr("Activation");
    case Category::Other:
        break;
    }
    return tr("Reshape / dropout");
}

QColor ArchitectureDiagram::categoryHue(Category category) const
{
    QColor hue;
    switch (category) {
    case Category::Conv:
        hue = QColor(0x3b, 0x7d, 0xd8);
        break;
    case Category::Norm:
        hue = QColor(0x1a, 0x9e, 0x8a);
        break;
    case Category::Pool:
        hue = QColor(0xe0, 0x8a, 0x1e);
        break;
    case Category::Linear:
        hue = QColor(0x8b, 0x5c, 0xd6);
        break;
    case Category::Activation:
        hue = QColor(0x4f, 0xa8, 0x4f);
        break;
    case Category::Other:
        hue = QColor(0x84, 0x8d, 0x9a);
        break;
    }
    // On a dark base the same hues read too deep; lift them so the stripes keep their contrast.
    if (isDark(palette())) {
        float h = 0, s = 0, l = 0, a = 0;
        hue.getHslF(&h, &s, &l, &a);
        hue = QColor::fromHslF(h, s * 0.85f, std::min(0.72f, l + 0.14f), a);
    }
    return hue;
}

void ArchitectureDiagram::rebuildBlocks()
{
    m_blocks.clear();
    m_maxBlockParameters = 0;
    const auto &layers = m_summary.layers;
    QString currentKey;
    for (size_t i = 0; i < layers.size(); ++i) {
        const LayerInfo &layer = layers[i];
        const QString name = fromStd(layer.name);
        const QStringList parts = name.split(QLatin1Char('.'));
        // "layer1.0.conv1" -> "layer1.0"; "trans1.bn" -> "trans1"; "conv1" stands alone.
        const QString key = parts.size() == 1 ? name
            : parts.size() == 2               ? parts.at(0)
                                              : parts.at(0) + QLatin1Char('.') + parts.at(1);
        const bool topLevel = parts.size() == 1;
        const Category category = categoryOf(layer.type);
        const bool glue
            = (category == Category::Activation || category == Category::Other) && layer.parameters == 0;
        bool append = false;
        if (!m_blocks.empty()) {
            const Block &last = m_blocks.back();
            // A top-level ReLU / Flatten / Dropout rides along with the top-level layer before it ("bn1 →
            // ReLU") instead of taking a box of its own.
            append = topLevel ? (glue && last.topLevel) : (!last.topLevel && key == currentKey);
        }
        if (!append) {
            Block block;
            block.name = key;
            block.topLevel = topLevel;
            m_blocks.push_back(block);
            currentKey = key;
        }
        Block &block = m_blocks.back();
        block.layers.push_back(static_cast<int>(i));
        block.parameters += layer.parameters;
        block.macs += layer.macs;
        const int keyParts = static_cast<int>(block.name.count(QLatin1Char('.'))) + 1;
        const bool inBranch
            = !block.topLevel && parts.size() > keyParts + 1 && isBranchComponent(parts.at(keyParts));
        if (inBranch) {
            block.branchName = parts.at(keyParts);
            block.branch << layerLabel(layer);
            if (block.outputShape.empty())
                block.outputShape = layer.outputShape;
        } else {
            block.chain << layerLabel(layer);
            block.outputShape = layer.outputShape;
        }
    }

    for (size_t b = 0; b < m_blocks.size(); ++b) {
        Block &block = m_blocks[b];
        // Colour by where the parameters are; parameter-free blocks by their first layer that is not glue.
        int64_t byCategory[static_cast<int>(Category::Other) + 1] = {};
        for (const int index : block.layers)
            byCategory[static_cast<int>(categoryOf(layers[static_cast<size_t>(index)].type))]
                += layers[static_cast<size_t>(index)].parameters;
        if (block.parameters > 0) {
            block.category = static_cast<Category>(
                std::max_element(std::begin(byCategory), std::end(byCategory)) - std::begin(byCategory));
        } else {
            block.category = categoryOf(layers[static_cast<size_t>(block.layers.front())].type);
            for (const int index : block.layers) {
                const Category c = categoryOf(layers[static_cast<size_t>(index)].type);
                if (c != Category::Activation && c != Category::Other) {
                    block.category = c;
                    break;
                }
            }
        }

        // Output: the last layer on the main path (a shortcut runs beside it and merges before the end).
        std::vector<int64_t> shape = block.outputShape;
        // A block that concatenates (DenseNet) hands on more channels than its last layer made; the next
        // block's first layer says how many it takes.
        if (shape.size() == 3 && b + 1 < m_blocks.size()) {
            const LayerInfo &next = layers[static_cast<size_t>(m_blocks[b + 1].layers.front())];
            const int64_t channels = inputChannels(next);
            if (channels > 0 && channels != shape[0])
                shape[0] = channels;
        }
        block.shape = shapeText(shape);
        m_maxBlockParameters = std::max(m_maxBlockParameters, block.parameters);
    }
}

void ArchitectureDiagram::invalidateLayout()
{
    m_layoutValid = false;
    updateGeometry();
    update();
}

ArchitectureDiagram::Metrics ArchitectureDiagram::metrics() const
{
    Metrics m;
    m.body = font();
    m.small = m.body;
    if (m.body.pointSizeF() > 0)
        m.small.setPointSizeF(m.body.pointSizeF() * 0.9);
    else
        m.small.setPixelSize(std::max(1, static_cast<int>(std::lround(m.body.pixelSize() * 0.9))));
    m.name = m.body;
    m.name.setWeight(QFont::DemiBold);
    m.title = m.body;
    if (m.body.pointSizeF() > 0)
        m.title.setPointSizeF(m.body.pointSizeF() * 1.4);
    else
        m.title.setPixelSize(static_cast<int>(std::lround(m.body.pixelSize() * 1.4)));
    m.title.setWeight(QFont::DemiBold);

    const QFontMetricsF body(m.body, this);
    const qreal em = body.height();
    m.titleLine = QFontMetricsF(m.title, this).height();
    m.nameLine = QFontMetricsF(m.name, this).height();
    m.bodyLine = em;
    m.smallLine = QFontMetricsF(m.small, this).height();
    m.margin = em * 1.1;
    m.pad = em * 0.5;
    m.radius = em * 0.45;
    m.stripe = std::max(3.0, em * 0.3);
    m.bar = std::max(3.0, em * 0.22);
    m.gap = em * 1.3;
    m.gutter = em * 2.2;
    return m;
}

QString ArchitectureDiagram::inputText() const
{
    const InputSpec &in = m_summary.input;
    QString text = QStringLiteral("%1 %4 %2 %4 %3").arg(in.channels).arg(in.height).arg(in.width).arg(kTimes);
    if (in.channels == 3)
        text += QStringLiteral("  %1  ").arg(kMiddleDot) + tr("RGB");
    else if (in.channels == 1)
        text += QStringLiteral("  %1  ").arg(kMiddleDot) + tr("grayscale");
    return text;
}

QString ArchitectureDiagram::outputText() const
{
    const auto &out = m_summary.outputShape;
    if (out.size() > 1)
        return shapeText(out);
    const int64_t classes = out.size() == 1 ? out.front() : m_summary.input.numClasses;
    return tr("%n classes", nullptr, static_cast<int>(classes));
}

QString ArchitectureDiagram::paramsText(int64_t parameters) const
{
    return parameters > 0 ? tr("%1 params").arg(compactNumber(static_cast<double>(parameters))) : QString();
}

QString ArchitectureDiagram::macsText(int64_t macs) const
{
    return macs > 0 ? tr("%1 MACs").arg(compactNumber(static_cast<double>(macs))) : QString();
}

bool ArchitectureDiagram::repeatsPrevious(size_t block) const
{
    return block > 0 && m_blocks[block].chain == m_blocks[block - 1].chain
        && m_blocks[block].branch == m_blocks[block - 1].branch;
}

QStringList ArchitectureDiagram::statsParts() const
{
    QStringList parts;
    parts << tr("%1 parameters").arg(compactNumber(static_cast<double>(m_summary.parameters)));
    if (m_summary.sizeBytes > 0)
        parts << QLocale().formattedDataSize(m_summary.sizeBytes, 1, QLocale::DataSizeSIFormat);
    parts << tr("%1 MACs per image").arg(compactNumber(static_cast<double>(m_summary.macs)));
    parts << tr("%n blocks", nullptr, blockCount()) + QStringLiteral(", ")
            + tr("%n layers", nullptr, static_cast<int>(m_summary.layers.size()));
    return parts;
}

qreal ArchitectureDiagram::availableHeight() const
{
    // Inside a scroll area the view, not this (possibly taller) widget, is what the user sees.
    if (const QWidget *viewport = parentWidget()) {
        if (const auto *area = qobject_cast<const QAbstractScrollArea *>(viewport->parentWidget())) {
            if (area->viewport() == viewport)
                return viewport->height();
        }
    }
    return height();
}

ArchitectureDiagram::Layout ArchitectureDiagram::computeLayout(
    qreal width, qreal visibleHeight, bool forExport) const
{
    const Metrics m = metrics();
    const QFontMetricsF nameFm(m.name, this);
    const QFontMetricsF smallFm(m.small, this);
    const QFontMetricsF bodyFm(m.body, this);
    const QFontMetricsF titleFm(m.title, this);
    const qreal charWidth = bodyFm.averageCharWidth();
    const QString arrowJoin = QStringLiteral(" %1 ").arg(kArrow);
    const bool compact = blockCount() > kCompactBlocks;
    const size_t count = m_blocks.size() + 2;

    // Box width: the name and numbers lines must fit (they do not wrap); the chain would like one line too.
    qreal fixedLines = 0;
    qreal chainLine = 0;
    for (size_t b = 0; b < m_blocks.size(); ++b) {
        const Block &block = m_blocks[b];
        fixedLines = std::max(fixedLines,
            nameFm.horizontalAdvance(block.name) + smallFm.horizontalAdvance(paramsText(block.parameters))
                + 2 * charWidth);
        fixedLines = std::max(fixedLines,
            smallFm.horizontalAdvance(block.shape) + smallFm.horizontalAdvance(macsText(block.macs))
                + 2 * charWidth);
        if (!compact || !repeatsPrevious(b))
            chainLine = std::max(chainLine, smallFm.horizontalAdvance(block.chain.join(arrowJoin)));
    }
    const qreal chrome = m.stripe + 2 * m.pad;
    const qreal minBoxWidth = std::max((compact ? 24 : 28) * charWidth, fixedLines + chrome);
    const qreal preferredBoxWidth = std::clamp(std::max(fixedLines, chainLine) + chrome, minBoxWidth,
        std::max(minBoxWidth, (compact ? 38 : 52) * charWidth));

    // Chain labels joined by arrows, broken at arrows to fit `lineWidth`; continuation lines start with the
    // arrow so the flow stays readable.
    auto wrapChain = [&](const QStringList &labels, qreal lineWidth) {
        QStringList lines;
        QString line;
        for (const auto &label : labels) {
            const QString candidate = line.isEmpty() ? label : line + arrowJoin + label;
            if (line.isEmpty() || smallFm.horizontalAdvance(candidate) <= lineWidth) {
                line = candidate;
            } else {
                lines << line;
                line = QString(kArrow) + QLatin1Char(' ') + label;
            }
        }
        if (!line.isEmpty())
            lines << line;
        return lines;
    };

    // Box contents and heights for a box width.
    auto measure = [&](qreal boxWidth, std::vector<Box> &boxes, std::vector<qreal> &heights) {
        const qreal textWidth = boxWidth - chrome - 1.0;
        boxes.assign(count, Box());
        heights.assign(count, 0.0);
        const qreal terminalHeight = 2 * m.pad + m.nameLine + m.smallLine;
        heights.front() = terminalHeight;
        heights.back() = terminalHeight + (m_classNames.isEmpty() ? 0 : m.smallLine);
        for (size_t b = 0; b < m_blocks.size(); ++b) {
            const Block &block = m_blocks[b];
            Box &box = boxes[b + 1];
            if (!compact || !repeatsPrevious(b)) {
                // Wrap at arrows, then narrow the wrap while the line count holds, so the lines come out even
                // ("Conv 3×3 → BN → ReLU" over "→ Conv 3×3 → BN → ReLU", not a lone "→ ReLU").
                box.chainLines = wrapChain(block.chain, textWidth);
                if (box.chainLines.size() > 1 && box.chainLines.size() <= kMaxChainLines) {
                    for (qreal narrower = textWidth - charWidth; narrower > textWidth / 2;
                         narrower -= charWidth) {
                        QStringList lines = wrapChain(block.chain, narrower);
                        if (lines.size() != box.chainLines.size())
                            break;
                        box.chainLines = lines;
                    }
                }
                if (box.chainLines.size() > kMaxChainLines) {
                    box.chainLines = box.chainLines.mid(0, kMaxChainLines);
                    box.chainLines.last() += QLatin1Char(' ') + kEllipsis;
                }
                if (!block.branch.isEmpty())
                    box.branchLine = QStringLiteral("%1 %2: %3")
                                         .arg(QChar(0x21b3), block.branchName, block.branch.join(arrowJoin));
            }
            const int lines
                = static_cast<int>(box.chainLines.size()) + (box.branchLine.isEmpty() ? 0 : 1) + 1;
            heights[b + 1] = 2 * m.pad + m.nameLine + m.smallLine * 0.2 + lines * m.smallLine
                + m.smallLine * 0.4 + m.bar;
        }
    };

    const QStringList stats = statsParts();
    std::vector<Category> legendCategories;
    for (const auto &block : m_blocks)
        if (std::find(legendCategories.begin(), legendCategories.end(), block.category)
            == legendCategories.end())
            legendCategories.push_back(block.category);
    std::sort(legendCategories.begin(), legendCategories.end());

    const qreal maxCaptionWidth = forExport ? 1e9 : std::max(0.0, width - 2 * m.margin);
    const qreal swatch = m.smallLine * 0.62;
    const QString statsSeparator = QStringLiteral("   %1   ").arg(kMiddleDot);
    const qreal statsWidth = bodyFm.horizontalAdvance(stats.join(statsSeparator)) + 1.0;

    // Places everything in `columns` columns of `boxWidth`; the caption flows within the diagram width.
    auto place
        = [&](int columns, qreal boxWidth, const std::vector<Box> &boxes, const std::vector<qreal> &heights) {
              Layout l;
              l.boxWidth = boxWidth;
              l.boxes = boxes;
              const size_t rows = (count + static_cast<size_t>(columns) - 1) / static_cast<size_t>(columns);
              l.columns = static_cast<int>((count + rows - 1) / rows);
              const qreal contentWidth = l.columns * boxWidth + (l.columns - 1) * m.gutter;
              const qreal captionWidth = std::max(contentWidth,
                  std::min(maxCaptionWidth, std::max(titleFm.horizontalAdvance(title()), statsWidth)));
              const qreal diagramWidth = captionWidth + 2 * m.margin;
              const qreal left = m.margin + (forExport ? 0.0 : std::max(0.0, (width - diagramWidth) / 2));

              qreal y = m.margin;
              l.titleRect = QRectF(left, y, captionWidth, m.titleLine);
              y += m.titleLine + m.bodyLine * 0.15;
              int statsLines = 1;
              QString statsLine;
              for (const auto &part : stats) {
                  const QString candidate = statsLine.isEmpty() ? part : statsLine + statsSeparator + part;
                  if (statsLine.isEmpty() || bodyFm.horizontalAdvance(candidate) <= captionWidth) {
                      statsLine = candidate;
                  } else {
                      ++statsLines;
                      statsLine = part;
                  }
              }
              l.statsRect = QRectF(left, y, captionWidth, statsLines * m.bodyLine);
              y += l.statsRect.height() + m.bodyLine * 0.4;
              qreal x = left;
              for (const auto category : legendCategories) {
                  const qreal itemWidth = swatch * 1.5 + smallFm.horizontalAdvance(categoryName(category));
                  if (x > left && x + itemWidth > left + captionWidth) {
                      x = left;
                      y += m.smallLine;
                  }
                  l.legend.emplace_back(QRectF(x, y, itemWidth, m.smallLine), category);
                  x += itemWidth + charWidth * 2.2;
              }
              y += m.smallLine + m.gap;

              l.column.resize(count);
              qreal bottom = y;
              qreal columnY = y;
              for (size_t i = 0; i < count; ++i) {
                  const int column = static_cast<int>(i / rows);
                  if (i % rows == 0)
                      columnY = y;
                  l.column[i] = column;
                  const qreal x0 = left + column * (boxWidth + m.gutter);
                  const bool terminal = i == 0 || i + 1 == count;
                  const qreal w = terminal ? boxWidth * 0.72 : boxWidth;
                  l.boxes[i].rect = QRectF(x0 + (boxWidth - w) / 2, columnY, w, heights[i]);
                  columnY += heights[i] + m.gap;
                  bottom = std::max(bottom, columnY - m.gap);
              }
              l.size = QSizeF(forExport ? diagramWidth : std::max(diagramWidth, width), bottom + m.margin);
              return l;
          };

    std::vector<Box> boxes;
    std::vector<qreal> heights;
    if (forExport) {
        measure(preferredBoxWidth, boxes, heights);
        Layout best;
        double bestScore = 1e18;
        for (int columns = 1; columns <= std::min(static_cast<int>(count), kMaxExportColumns); ++columns) {
            Layout candidate = place(columns, preferredBoxWidth, boxes, heights);
            if (candidate.columns != columns)
                continue;
            const double score
                = std::abs(std::log(candidate.size.width() / candidate.size.height() / kExportAspect));
            if (score < bestScore) {
                bestScore = score;
                best = candidate;
            }
        }
        return best;
    }

    // On screen: the fewest columns that fit the visible height, narrowing the boxes (down to what their
    // numbers need) to make room for more columns. When nothing fits, the view scrolls: the split that
    // scrolls least.
    const qreal room = width - 2 * m.margin;
    Layout chosen;
    bool placed = false;
    for (int columns = 1; columns <= static_cast<int>(count); ++columns) {
        const qreal boxWidth = std::min(preferredBoxWidth, (room - (columns - 1) * m.gutter) / columns);
        if (boxWidth < minBoxWidth)
            break;
        measure(boxWidth, boxes, heights);
        Layout candidate = place(columns, boxWidth, boxes, heights);
        if (candidate.size.height() <= visibleHeight)
            return candidate;
        if (!placed || candidate.size.height() < chosen.size.height()) {
            chosen = candidate;
            placed = true;
        }
    }
    if (!placed) {
        // Narrower than one box: one column at the smallest width, scrolling sideways.
        measure(minBoxWidth, boxes, heights);
        chosen = place(1, minBoxWidth, boxes, heights);
    }
    return chosen;
}

const ArchitectureDiagram::Layout &ArchitectureDiagram::screenLayout() const
{
    const QSizeF key(width(), availableHeight());
    if (!m_layoutValid || key != m_layoutKey) {
        m_layout = computeLayout(key.width(), key.height(), false);
        m_layoutKey = key;
        m_layoutValid = true;
    }
    return m_layout;
}

QSize ArchitectureDiagram::exportSize() const
{
    if (!m_hasSummary)
        return {};
    const QSizeF size = computeLayout(0, 0, true).size;
    return QSize(static_cast<int>(std::ceil(size.width())), static_cast<int>(std::ceil(size.height())));
}

QSize ArchitectureDiagram::sizeHint() const
{
    if (!m_hasSummary) {
        const QFontMetrics fm(font());
        return QSize(fm.averageCharWidth() * 60, fm.height() * 16);
    }
    return exportSize();
}

QSize ArchitectureDiagram::minimumSizeHint() const
{
    const Metrics m = metrics();
    const QFontMetricsF fm(m.body, this);
    if (!m_hasSummary)
        return QSize(static_cast<int>(fm.averageCharWidth() * 30), static_cast<int>(fm.height() * 6));
    // One column: anything narrower would clip the boxes.
    const Layout one = computeLayout(0, 1e9, false);
    return QSize(static_cast<int>(std::ceil(one.boxWidth + 2 * m.margin)), static_cast<int>(fm.height() * 6));
}

bool ArchitectureDiagram::hasHeightForWidth() const
{
    return true;
}

int ArchitectureDiagram::heightForWidth(int width) const
{
    if (!m_hasSummary)
        return sizeHint().height();
    const qreal h = width == this->width() ? screenLayout().size.height()
                                           : computeLayout(width, availableHeight(), false).size.height();
    return static_cast<int>(std::ceil(h));
}

void ArchitectureDiagram::paintEmptyState(QPainter &painter, const QRectF &rect) const
{
    const Metrics m = metrics();
    const QColor text = palette().color(QPalette::Text);
    const QColor dim = mix(text, palette().color(QPalette::Base), 0.45);
    const qreal top = rect.center().y() - m.titleLine;
    painter.setFont(m.title);
    painter.setPen(dim);
    painter.drawText(
        QRectF(rect.left(), top, rect.width(), m.titleLine), Qt::AlignCenter, tr("No architecture selected"));
    painter.setFont(m.body);
    painter.drawText(QRectF(rect.left() + m.margin, top + m.titleLine + m.bodyLine * 0.3,
                         rect.width() - 2 * m.margin, 3 * m.bodyLine),
        Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
        tr("Choose an architecture to see its blocks, output shapes, parameters and multiply-adds."));
}

void ArchitectureDiagram::paintDiagram(QPainter &painter, const Layout &layout, bool interactive) const
{
    const Metrics m = metrics();
    const QPalette pal = palette();
    const bool dark = isDark(pal);
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const QColor dim = mix(text, base, 0.42);
    const QColor soft = mix(text, base, 0.18);
    const QColor connector = mix(text, base, 0.55);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);

    // Caption.
    painter.setFont(m.title);
    painter.setPen(text);
    painter.drawText(layout.titleRect, Qt::AlignLeft | Qt::AlignVCenter,
        elided(painter, title(), layout.titleRect.width()));
    painter.setFont(m.body);
    painter.setPen(dim);
    {
        // Re-flow with the same rule as the layout so the lines match its height.
        const QStringList parts = statsParts();
        const QFontMetricsF fm(m.body, this);
        const QString separator = QStringLiteral("   %1   ").arg(kMiddleDot);
        QString line;
        qreal y = layout.statsRect.top();
        for (const auto &part : parts) {
            const QString candidate = line.isEmpty() ? part : line + separator + part;
            if (line.isEmpty() || fm.horizontalAdvance(candidate) <= layout.statsRect.width()) {
                line = candidate;
            } else {
                painter.drawText(QRectF(layout.statsRect.left(), y, layout.statsRect.width(), m.bodyLine),
                    Qt::AlignLeft | Qt::AlignVCenter, line);
                y += m.bodyLine;
                line = part;
            }
        }
        painter.drawText(QRectF(layout.statsRect.left(), y, layout.statsRect.width(), m.bodyLine),
            Qt::AlignLeft | Qt::AlignVCenter, line);
    }
    painter.setFont(m.small);
    for (const auto &[rect, category] : layout.legend) {
        const qreal swatch = m.smallLine * 0.62;
        const QRectF square(rect.left(), rect.center().y() - swatch / 2, swatch, swatch);
        painter.setPen(Qt::NoPen);
        painter.setBrush(categoryHue(category));
        painter.drawRoundedRect(square, swatch * 0.25, swatch * 0.25);
        painter.setPen(dim);
        painter.drawText(QRectF(square.right() + swatch * 0.5, rect.top(), rect.width(), rect.height()),
            Qt::AlignLeft | Qt::AlignVCenter, categoryName(category));
    }

    // Connectors under the boxes: straight down within a column, an elbow through the gutter between columns.
    const qreal head = m.smallLine * 0.42;
    painter.setBrush(Qt::NoBrush);
    painter.setPen(
        QPen(connector, std::max(1.2, m.smallLine * 0.09), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    for (size_t i = 0; i + 1 < layout.boxes.size(); ++i) {
        const QRectF from = layout.boxes[i].rect;
        const QRectF to = layout.boxes[i + 1].rect;
        const QPointF tip(to.center().x(), to.top());
        if (layout.column[i] == layout.column[i + 1]) {
            painter.drawLine(QPointF(from.center().x(), from.bottom()), tip - QPointF(0, head * 0.6));
        } else {
            const qreal gutterX = from.center().x() + layout.boxWidth / 2 + m.gutter / 2;
            const std::vector<QPointF> points = {QPointF(from.center().x(), from.bottom()),
                QPointF(from.center().x(), from.bottom() + m.gap / 2),
                QPointF(gutterX, from.bottom() + m.gap / 2), QPointF(gutterX, to.top() - m.gap / 2),
                QPointF(to.center().x(), to.top() - m.gap / 2), tip - QPointF(0, head * 0.6)};
            painter.drawPath(roundedPolyline(points, m.radius * 1.5));
        }
        drawArrowHead(painter, tip, head, connector);
    }

    // Input and output: neutral pills.
    const QColor neutralFill = mix(base, text, dark ? 0.10 : 0.05);
    const QColor neutralBorder = mix(base, text, dark ? 0.45 : 0.32);
    for (const size_t i : {size_t(0), layout.boxes.size() - 1}) {
        const QRectF r = layout.boxes[i].rect;
        const bool input = i == 0;
        painter.setPen(QPen(neutralBorder, 1.0));
        painter.setBrush(neutralFill);
        painter.drawRoundedRect(
            r, std::min(r.height() / 2, m.radius * 2.2), std::min(r.height() / 2, m.radius * 2.2));
        qreal y = r.top() + m.pad;
        painter.setFont(m.name);
        painter.setPen(text);
        painter.drawText(
            QRectF(r.left(), y, r.width(), m.nameLine), Qt::AlignCenter, input ? tr("Input") : tr("Output"));
        y += m.nameLine;
        painter.setFont(m.small);
        painter.setPen(soft);
        const qreal inner = r.width() - 2 * m.pad;
        painter.drawText(QRectF(r.left() + m.pad, y, inner, m.smallLine), Qt::AlignCenter,
            elided(painter, input ? inputText() : outputText(), inner, Qt::ElideRight));
        if (!input && !m_classNames.isEmpty()) {
            y += m.smallLine;
            painter.setPen(dim);
            painter.drawText(QRectF(r.left() + m.pad, y, inner, m.smallLine), Qt::AlignCenter,
                elided(painter, m_classNames.join(QStringLiteral(", ")), inner, Qt::ElideRight));
        }
    }

    // Blocks.
    for (size_t b = 0; b < m_blocks.size(); ++b) {
        const Block &block = m_blocks[b];
        const Box &box = layout.boxes[b + 1];
        const QRectF r = box.rect;
        const QColor hue = categoryHue(block.category);
        const bool focused = interactive && hasFocus() && m_current == static_cast<int>(b);
        const bool hovered = interactive && (m_hovered == static_cast<int>(b) || focused);
        QPainterPath shape;
        shape.addRoundedRect(r, m.radius, m.radius);
        painter.fillPath(shape, mix(base, hue, dark ? 0.17 : 0.08));
        painter.save();
        painter.setClipPath(shape);
        painter.fillRect(QRectF(r.left(), r.top(), m.stripe, r.height()), hue);
        painter.restore();
        painter.setBrush(Qt::NoBrush);
        painter.setPen(hovered ? QPen(pal.color(QPalette::Highlight), 2.0)
                               : QPen(mix(base, hue, dark ? 0.5 : 0.4), 1.0));
        painter.drawPath(shape);
        if (focused) {
            // The focus ring: dashed, in the text color, just outside the highlighted outline.
            painter.setPen(QPen(pal.color(QPalette::WindowText), 1.0, Qt::DashLine));
            painter.drawRoundedRect(r.adjusted(-3, -3, 3, 3), m.radius + 3, m.radius + 3);
        }

        const qreal x = r.left() + m.stripe + m.pad;
        const qreal w = r.width() - m.stripe - 2 * m.pad;
        qreal y = r.top() + m.pad;

        painter.setFont(m.small);
        const QString params = paramsText(block.parameters);
        const qreal paramsWidth
            = params.isEmpty() ? 0.0 : painter.fontMetrics().horizontalAdvance(params) + m.pad;
        painter.setPen(dim);
        painter.drawText(QRectF(x, y, w, m.nameLine), Qt::AlignRight | Qt::AlignVCenter, params);
        painter.setFont(m.name);
        painter.setPen(text);
        painter.drawText(QRectF(x, y, w - paramsWidth, m.nameLine), Qt::AlignLeft | Qt::AlignVCenter,
            elided(painter, block.name, w - paramsWidth, Qt::ElideMiddle));
        y += m.nameLine + m.smallLine * 0.25;

        painter.setFont(m.small);
        painter.setPen(soft);
        for (const auto &line : box.chainLines) {
            painter.drawText(QRectF(x, y, w, m.smallLine), Qt::AlignLeft | Qt::AlignVCenter,
                elided(painter, line, w, Qt::ElideRight));
            y += m.smallLine;
        }
        if (!box.branchLine.isEmpty()) {
            painter.setPen(dim);
            painter.drawText(QRectF(x, y, w, m.smallLine), Qt::AlignLeft | Qt::AlignVCenter,
                elided(painter, box.branchLine, w, Qt::ElideRight));
            y += m.smallLine;
        }
        const QString macs = macsText(block.macs);
        painter.setPen(dim);
        painter.drawText(QRectF(x, y, w, m.smallLine), Qt::AlignRight | Qt::AlignVCenter, macs);
        painter.setPen(text);
        painter.drawText(QRectF(x, y, w, m.smallLine), Qt::AlignLeft | Qt::AlignVCenter, block.shape);
        y += m.smallLine + m.smallLine * 0.45;

        // Share of the largest block's parameters: where the weights live, at a glance.
        const QRectF track(x, y, w, m.bar);
        painter.setPen(Qt::NoPen);
        painter.setBrush(mix(base, hue, dark ? 0.28 : 0.16));
        painter.drawRoundedRect(track, m.bar / 2, m.bar / 2);
        if (block.parameters > 0 && m_maxBlockParameters > 0) {
            const qreal share
                = static_cast<qreal>(block.parameters) / static_cast<qreal>(m_maxBlockParameters);
            painter.setBrush(hue);
            painter.drawRoundedRect(QRectF(x, y, std::max(m.bar, w * share), m.bar), m.bar / 2, m.bar / 2);
        }
    }
}

void ArchitectureDiagram::paintEvent(QPaintEvent *event)
{
    QPainter painter(this);
    if (!m_hasSummary) {
        paintEmptyState(painter, rect());
        return;
    }
    paintDiagram(painter, screenLayout(), true);
}

void ArchitectureDiagram::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    update();
}

int ArchitectureDiagram::boxAt(const QPoint &pos) const
{
    if (!m_hasSummary)
        return -1;
    const Layout &layout = screenLayout();
    for (size_t i = 0; i < layout.boxes.size(); ++i)
        if (layout.boxes[i].rect.contains(pos))
            return static_cast<int>(i);
    return -1;
}

QString ArchitectureDiagram::tooltipFor(int box) const
{
    if (box == 0)
        return QStringLiteral("<b>%1</b><br>%2")
            .arg(tr("Input").toHtmlEscaped(), inputText().toHtmlEscaped());
    if (box == blockCount() + 1) {
        QString html = QStringLiteral("<b>%1</b><br>%2")
                           .arg(tr("Output").toHtmlEscaped(), outputText().toHtmlEscaped());
        if (!m_classNames.isEmpty())
            html += QStringLiteral("<br>") + m_classNames.join(QStringLiteral(", ")).toHtmlEscaped();
        return html;
    }
    const Block &block = m_blocks[static_cast<size_t>(box - 1)];
    const QLocale locale;
    QString html = QStringLiteral("<b>%1</b> &nbsp; %2<table cellspacing=\"0\" cellpadding=\"2\">")
                       .arg(block.name.toHtmlEscaped(),
                           tr("%1 parameters, %2 MACs")
                               .arg(locale.toString(static_cast<qlonglong>(block.parameters)),
                                   compactNumber(static_cast<double>(block.macs)))
                               .toHtmlEscaped());
    html
        += QStringLiteral("<tr><th align=\"left\">%1</th><th align=\"left\">%2</th><th align=\"left\">%3</th>"
                          "<th align=\"right\">%4</th><th align=\"right\">%5</th></tr>")
               .arg(tr("Layer"), tr("Type"), tr("Detail"), tr("Output"), tr("Parameters"));
    for (const int index : block.layers) {
        const LayerInfo &layer = m_summary.layers[static_cast<size_t>(index)];
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td align=\"right\">%4</td>"
                               "<td align=\"right\">%5</td></tr>")
                    .arg(fromStd(layer.name).toHtmlEscaped(), fromStd(layer.type).toHtmlEscaped(),
                        fromStd(layer.detail).toHtmlEscaped(), shapeText(layer.outputShape),
                        locale.toString(static_cast<qlonglong>(layer.parameters)));
    }
    html += QStringLiteral("</table>");
    return html;
}

bool ArchitectureDiagram::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int box = boxAt(help->pos());
        if (box >= 0)
            QToolTip::showText(help->globalPos(), tooltipFor(box), this,
                screenLayout().boxes[static_cast<size_t>(box)].rect.toAlignedRect());
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void ArchitectureDiagram::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange
        || event->type() == QEvent::PaletteChange)
        invalidateLayout();
}

void ArchitectureDiagram::mouseMoveEvent(QMouseEvent *event)
{
    const int box = boxAt(event->position().toPoint());
    const int block = box >= 1 && box <= blockCount() ? box - 1 : -1;
    if (block != m_hovered) {
        m_hovered = block;
        setCursor(block >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        update();
    }
    QWidget::mouseMoveEvent(event);
}

void ArchitectureDiagram::mousePressEvent(QMouseEvent *event)
{
    const int box = boxAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && box >= 1 && box <= blockCount()) {
        Q_EMIT blockClicked(m_blocks[static_cast<size_t>(box - 1)].name);
        event->accept();
        return;
    }
    QWidget::mousePressEvent(event);
}

QString ArchitectureDiagram::blockDescription(int index) const
{
    if (index < 0 || index >= blockCount())
        return {};
    const Block &block = m_blocks[static_cast<size_t>(index)];
    QStringList parts;
    parts << tr("Block %1 of %2: %3").arg(index + 1).arg(blockCount()).arg(block.name);
    const QString layers = blockLayerSummary(index);
    if (!layers.isEmpty())
        parts << layers;
    const QString branch = blockBranchSummary(index);
    if (!branch.isEmpty())
        parts << tr("shortcut: %1").arg(branch);
    const QString shape = blockOutputShape(index);
    if (!shape.isEmpty())
        parts << tr("output %1").arg(shape);
    parts << tr("%1 parameters").arg(QLocale().toString(static_cast<qlonglong>(block.parameters)));
    return parts.join(QStringLiteral("; "));
}

void ArchitectureDiagram::setCurrentBlock(int index)
{
    if (index < 0 || index >= blockCount() || index == m_current)
        return;
    m_current = index;
    updateAccessibleText();
    update();
    // Inside the Architecture tab's scroll area: bring the block into view.
    for (QWidget *w = parentWidget(); w; w = w->parentWidget()) {
        if (auto *area = qobject_cast<QScrollArea *>(w)) {
            const QRect r = blockRect(index);
            const QPoint center = mapTo(area->widget(), r.center());
            area->ensureVisible(center.x(), center.y(), r.width() / 2 + 8, r.height() / 2 + 8);
            break;
        }
    }
}

void ArchitectureDiagram::updateAccessibleText()
{
    if (!m_hasSummary)
        setAccessibleDescription(tr("No architecture selected"));
    else if (m_current >= 0)
        setAccessibleDescription(blockDescription(m_current));
    else
        setAccessibleDescription(statsParts().join(QStringLiteral(", ")));
}

void ArchitectureDiagram::keyPressEvent(QKeyEvent *event)
{
    if (m_current < 0) {
        QWidget::keyPressEvent(event);
        return;
    }
    // The chain reads top to bottom, then on in the next column: Up/Left go back, Down/Right on.
    switch (event->key()) {
    case Qt::Key_Up:
    case Qt::Key_Left:
        setCurrentBlock(std::max(0, m_current - 1));
        break;
    case Qt::Key_Down:
    case Qt::Key_Right:
        setCurrentBlock(std::min(blockCount() - 1, m_current + 1));
        break;
    case Qt::Key_Home:
        setCurrentBlock(0);
        break;
    case Qt::Key_End:
        setCurrentBlock(blockCount() - 1);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        Q_EMIT blockClicked(m_blocks[static_cast<size_t>(m_current)].name);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void ArchitectureDiagram::focusInEvent(QFocusEvent *event)
{
    update();
    QWidget::focusInEvent(event);
}

void ArchitectureDiagram::focusOutEvent(QFocusEvent *event)
{
    update();
    QWidget::focusOutEvent(event);
}

void ArchitectureDiagram::leaveEvent(QEvent *event)
{
    if (m_hovered >= 0) {
        m_hovered = -1;
        unsetCursor();
        update();
    }
    QWidget::leaveEvent(event);
}

bool ArchitectureDiagram::saveImage(const QString &path) const
{
    if (!m_hasSummary || path.isEmpty())
        return false;
    const Layout layout = computeLayout(0, 0, true);
    const QSize size(
        static_cast<int>(std::ceil(layout.size.width())), static_cast<int>(std::ceil(layout.size.height())));
    // Export devices get the screen's logical DPI, so point-sized fonts measure as they did for the layout.
    const int dpi = std::max(1, logicalDpiX());
    const QColor background = palette().color(QPalette::Base);
    const QString suffix = QFileInfo(path).suffix().toLower();
    QPainter painter;

    if (suffix == QLatin1String("svg"))
        return paintToSvg(path, size, dpi, title(), tr("Block diagram of %1").arg(title()), [&](QPainter &svg) {
            svg.fillRect(QRectF(QPointF(0, 0), QSizeF(size)), background);
            paintDiagram(svg, layout, false);
        });

    if (suffix == QLatin1String("pdf")) {
        QPdfWriter writer(path);
        writer.setResolution(dpi);
        writer.setTitle(title());
        writer.setCreator(QStringLiteral("CifarLab"));
        const QSizeF points = QSizeF(size) * (72.0 / dpi);
        writer.setPageLayout(
            QPageLayout(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch),
                QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
        if (!painter.begin(&writer))
            return false;
        painter.fillRect(QRectF(QPointF(0, 0), QSizeF(size)), background);
        paintDiagram(painter, layout, false);
        return painter.end() && QFileInfo(path).size() > 0;
    }

    constexpr int kScale = 2;
    QImage image(size * kScale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(kScale);
    image.setDotsPerMeterX(static_cast<int>(std::lround(dpi / 0.0254)));
    image.setDotsPerMeterY(static_cast<int>(std::lround(dpi / 0.0254)));
    image.fill(background);
    if (!painter.begin(&image))
        return false;
    paintDiagram(painter, layout, false);
    painter.end();
    return image.save(path);
}

} // namespace cifarlab
