#include "ui/comparison_charts.h"

#include "core/confusion_pairs.h"
#include "core/version.h"
#include "models/registry.h"
#include "ui/svg_export.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QImage>
#include <QImageWriter>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QSaveFile>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>

namespace cifarlab {

namespace {

// The size every chart is designed at; fonts and spacing scale gently from it.
constexpr double kBaseWidth = 900.0;
constexpr double kBaseHeight = 560.0;
constexpr double kMinScale = 0.8;
constexpr double kMaxScale = 1.5;
// Logical units are 1/96 inch on every device, so a 900 x 560 chart is 9.4 x 5.8 inches at 96 DPI.
constexpr double kLogicalDpi = 96.0;
// Legend and table labels longer than this (logical px at scale 1) are elided.
constexpr double kMaxLegendLabel = 420.0;
// Curves with more points than this get no markers: they would merge into a thick line.
constexpr int kMaxMarkedPoints = 40;
// Nonzero difference cells get at least this much tint so a single image still shows.
constexpr double kMinTint = 0.12;
// The report's HTML charts are written at twice the logical size for sharp high-DPI display.
constexpr int kHtmlDpi = 192;

const QChar kMinus(0x2212);
const QChar kArrow(0x2192);
const QChar kTimes(0x00D7);
const QChar kDot(0x00B7);

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

struct Theme
{
    bool dark = false;
    QColor background;
    QColor text;
    QColor muted;
    QColor grid;
    QColor axis;
    QColor stripe;
};

Theme themeFor(bool dark)
{
    Theme t;
    t.dark = dark;
    t.background = dark ? QColor(30, 31, 34) : QColor(255, 255, 255);
    t.text = dark ? QColor(232, 232, 232) : QColor(33, 33, 33);
    t.muted = dark ? QColor(168, 168, 172) : QColor(96, 96, 96);
    t.grid = dark ? QColor(60, 61, 66) : QColor(229, 229, 229);
    t.axis = dark ? QColor(135, 135, 140) : QColor(120, 120, 120);
    t.stripe = dark ? QColor(40, 41, 45) : QColor(246, 246, 246);
    return t;
}

// Okabe-Ito: distinguishable with every common colour-vision deficiency and in greyscale print
// (ordered so the first four differ most). Yellow is darkened on white, black lightened on dark.
QColor paletteColor(int index, bool dark)
{
    static const QRgb kLight[] = {0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7, 0xD55E00, 0x56B4E9, 0x000000, 0xBFA900};
    static const QRgb kDark[] = {0x3D9BE9, 0xE69F00, 0x1CC09A, 0xE08FC0, 0xFF7A33, 0x8FD3FF, 0xD0D0D0, 0xF0E442};
    constexpr int kCount = static_cast<int>(sizeof kLight / sizeof kLight[0]);
    const int i = ((index % kCount) + kCount) % kCount;
    return QColor(dark ? kDark[i] : kLight[i]);
}

// Diverging pair for "better" / "worse": the blue / vermillion ends of the same palette.
QColor betterColor(bool dark)
{
    return dark ? QColor(0x3D9BE9) : QColor(0x0072B2);
}

QColor worseColor(bool dark)
{
    return dark ? QColor(0xFF7A33) : QColor(0xD55E00);
}

QColor mix(const QColor &a, const QColor &b, double t)
{
    t = std::clamp(t, 0.0, 1.0);
    const double s = 1.0 - t;
    return QColor::fromRgbF(static_cast<float>(a.redF() * s + b.redF() * t),
                            static_cast<float>(a.greenF() * s + b.greenF() * t),
                            static_cast<float>(a.blueF() * s + b.blueF() * t));
}

double luminance(const QColor &color)
{
    auto channel = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
}

// Black-ish or white text, whichever contrasts more with `background`.
QColor textOn(const QColor &background)
{
    return luminance(background) > 0.33 ? QColor(25, 25, 25) : QColor(255, 255, 255);
}

QFont pixelFont(double pixels, bool bold = false)
{
    QFont font;
    font.setPixelSize(std::max(6, static_cast<int>(std::lround(pixels))));
    font.setBold(bold);
    return font;
}

// Everything a chart painter needs: the painter, colours, and fonts sized for the chart's scale.
// Fonts are pixel-sized, so text measures the same on a QImage at any DPI, in SVG and in PDF.
struct Ctx
{
    QPainter &p;
    Theme theme;
    double s = 1.0;
    QFont title;
    QFont subtitle;
    QFont axisTitle;
    QFont tick;
    QFont legend;
    QFont value;
    QFont small;

    Ctx(QPainter &painter, const QRectF &rect, bool dark)
        : p(painter)
        , theme(themeFor(dark))
    {
        const double fit = std::min(rect.width() / kBaseWidth, rect.height() / kBaseHeight);
        s = std::clamp(std::sqrt(std::max(fit, 0.0)), kMinScale, kMaxScale);
        title = pixelFont(18 * s, true);
        subtitle = pixelFont(12.5 * s);
        axisTitle = pixelFont(13 * s);
        tick = pixelFont(12 * s);
        legend = pixelFont(12.5 * s);
        value = pixelFont(11 * s);
        small = pixelFont(10.5 * s);
    }
    double px(double v) const { return v * s; }
    QFontMetricsF metrics(const QFont &font) const { return QFontMetricsF(font, p.device()); }
    double width(const QFont &font, const QString &text) const { return metrics(font).horizontalAdvance(text); }
    double height(const QFont &font) const { return metrics(font).height(); }
    QString elide(const QFont &font, const QString &text, double w) const
    {
        return metrics(font).elidedText(text, Qt::ElideRight, std::max(0.0, w));
    }
    void text(const QRectF &r, int flags, const QFont &font, const QColor &color, const QString &t)
    {
        p.setFont(font);
        p.setPen(color);
        p.drawText(r, flags, t);
    }
};

// ---- axes -----------------------------------------------------------------------------------

// "1e-7" rather than QLocale's "1E-07": the way rates are written in papers and on the command line.
QString tidyExponent(QString text)
{
    const int e = static_cast<int>(text.indexOf(QLatin1Char('E')));
    if (e < 0)
        return text;
    QString mantissa = text.left(e);
    QString exponent = text.mid(e + 1);
    const bool negative = exponent.startsWith(QLatin1Char('-'));
    if (exponent.startsWith(QLatin1Char('+')) || negative)
        exponent.remove(0, 1);
    while (exponent.size() > 1 && exponent.startsWith(QLatin1Char('0')))
        exponent.remove(0, 1);
    return mantissa + QLatin1Char('e') + (negative ? QStringLiteral("-") : QString()) + exponent;
}

struct Axis
{
    double min = 0.0;
    double max = 1.0;
    double step = 1.0;
    bool log = false;
    int decimals = 0;
    std::vector<double> ticks;

    double pos(double v) const
    {
        if (log) {
            const double lo = std::log10(min);
            const double hi = std::log10(max);
            return hi > lo ? (std::log10(std::max(v, min * 1e-3)) - lo) / (hi - lo) : 0.5;
        }
        return max > min ? (v - min) / (max - min) : 0.5;
    }
    QString label(double v) const
    {
        const QLocale locale;
        if (log)
            return tidyExponent(locale.toString(v, 'g', 3));
        if (std::abs(v) < step * 1e-9)
            v = 0.0; // no "-0"
        return locale.toString(v, 'f', decimals);
    }
};

// 1, 2, 2.5, 5 x 10^k (no 2.5 on integer axes).
double niceStep(double raw, bool integer)
{
    if (!(raw > 0) || !std::isfinite(raw))
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / magnitude;
    double nice = 10.0;
    if (f <= 1.0)
        nice = 1.0;
    else if (f <= 2.0)
        nice = 2.0;
    else if (f <= 2.5 && !(integer && magnitude < 10.0))
        nice = 2.5;
    else if (f <= 5.0)
        nice = 5.0;
    double step = nice * magnitude;
    if (integer)
        step = std::max(1.0, std::round(step));
    return step;
}

int decimalsFor(double step)
{
    for (int d = 0; d < 8; ++d) {
        const double scaled = step * std::pow(10.0, d);
        if (std::abs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled))
            return d;
    }
    return 8;
}

Axis linearAxis(double lo, double hi, int targetTicks, bool integer = false)
{
    if (!std::isfinite(lo) || !std::isfinite(hi)) {
        lo = 0.0;
        hi = 1.0;
    }
    if (hi < lo)
        std::swap(lo, hi);
    if (hi - lo < 1e-12) {
        const double pad = std::abs(hi) > 1e-9 ? std::abs(hi) * 0.05 : 1.0;
        lo -= lo >= 0 && lo - pad < 0 ? lo : pad;
        hi += pad;
    }
    Axis a;
    a.step = niceStep((hi - lo) / std::max(1, targetTicks), integer);
    a.min = std::floor(lo / a.step + 1e-9) * a.step;
    a.max = std::ceil(hi / a.step - 1e-9) * a.step;
    if (a.max <= a.min)
        a.max = a.min + a.step;
    a.decimals = decimalsFor(a.step);
    const int count = static_cast<int>(std::lround((a.max - a.min) / a.step));
    for (int i = 0; i <= count; ++i)
        a.ticks.push_back(a.min + i * a.step);
    return a;
}

// Percentages never run past 100 (or below 0) only because the step rounded up.
Axis percentAxis(double lo, double hi, int targetTicks)
{
    Axis a = linearAxis(std::max(0.0, lo), std::min(100.0, hi), targetTicks);
    if (a.max > 100.0 && hi <= 100.0) {
        a.max = 100.0;
        a.ticks.erase(std::remove_if(a.ticks.begin(), a.ticks.end(), [](double t) { return t > 100.0 + 1e-9; }),
                      a.ticks.end());
    }
    if (a.min < 0.0 && lo >= 0.0) {
        a.min = 0.0;
        a.ticks.erase(std::remove_if(a.ticks.begin(), a.ticks.end(), [](double t) { return t < -1e-9; }), a.ticks.end());
    }
    return a;
}

// Ticks at 1, 2, 5 x 10^k (only at powers of ten over three decades or more).
Axis logAxis(double lo, double hi)
{
    Axis a;
    a.log = true;
    lo = std::max(lo, 1e-12);
    hi = std::max(hi, lo * 1.01);
    std::vector<double> candidates;
    const int first = static_cast<int>(std::floor(std::log10(lo))) - 1;
    const int last = static_cast<int>(std::ceil(std::log10(hi))) + 1;
    for (int e = first; e <= last; ++e)
        for (const double m : {1.0, 2.0, 5.0})
            candidates.push_back(m * std::pow(10.0, e));
    a.min = candidates.front();
    a.max = candidates.back();
    for (const double c : candidates) {
        if (c <= lo * (1 + 1e-9))
            a.min = c;
    }
    for (auto it = candidates.rbegin(); it != candidates.rend(); ++it) {
        if (*it >= hi * (1 - 1e-9))
            a.max = *it;
    }
    const bool decadesOnly = std::log10(a.max / a.min) >= 3.0;
    for (const double c : candidates) {
        if (c < a.min * (1 - 1e-9) || c > a.max * (1 + 1e-9))
            continue;
        const double mantissa = c / std::pow(10.0, std::floor(std::log10(c) + 1e-9));
        if (!decadesOnly || std::abs(mantissa - 1.0) < 1e-6)
            a.ticks.push_back(c);
    }
    return a;
}

struct Plot
{
    QRectF frame; // the data rectangle
    Axis x;
    Axis y;
    double xAt(double v) const { return frame.left() + x.pos(v) * frame.width(); }
    double yAt(double v) const { return frame.bottom() - y.pos(v) * frame.height(); }
};

// Reserves room for the y-axis title and tick labels on the left and the x tick labels and title
// below; `area` is everything the plot may use.
Plot layoutPlot(const Ctx &c, const QRectF &area, const Axis &x, const Axis &y, const QString &xTitle,
                const QString &yTitle)
{
    double yLabels = 0.0;
    for (const double t : y.ticks)
        yLabels = std::max(yLabels, c.width(c.tick, y.label(t)));
    const double tickH = c.height(c.tick);
    const double titleH = c.height(c.axisTitle);
    double left = area.left() + yLabels + c.px(8);
    if (!yTitle.isEmpty())
        left += titleH + c.px(8);
    double bottom = area.bottom() - tickH - c.px(8);
    if (!xTitle.isEmpty())
        bottom -= titleH + c.px(4);
    const double top = area.top() + tickH / 2.0;
    double right = area.right() - c.px(4);
    if (!x.ticks.empty())
        right = area.right() - std::max(c.px(4), c.width(c.tick, x.label(x.ticks.back())) / 2.0);
    Plot plot;
    plot.frame = QRectF(QPointF(left, top), QPointF(std::max(left + 10, right), std::max(top + 10, bottom)));
    plot.x = x;
    plot.y = y;
    return plot;
}

// Ticks every `every` labels so x labels never overlap.
int labelStride(const Ctx &c, const Plot &plot)
{
    if (plot.x.ticks.size() < 2)
        return 1;
    double widest = 0.0;
    for (const double t : plot.x.ticks)
        widest = std::max(widest, c.width(c.tick, plot.x.label(t)));
    const double spacing = plot.frame.width() / static_cast<double>(plot.x.ticks.size() - 1);
    return std::max(1, static_cast<int>(std::ceil((widest + c.px(10)) / std::max(1.0, spacing))));
}

void drawPlotAxes(Ctx &c, const Plot &plot, const QString &xTitle, const QString &yTitle, bool verticalGrid = true)
{
    QPainter &p = c.p;
    const QRectF &f = plot.frame;
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    QPen gridPen(c.theme.grid, 1.0);
    p.setPen(gridPen);
    for (const double t : plot.y.ticks) {
        const double y = std::round(plot.yAt(t)) + 0.5;
        p.drawLine(QPointF(f.left(), y), QPointF(f.right(), y));
    }
    if (verticalGrid) {
        for (const double t : plot.x.ticks) {
            const double x = std::round(plot.xAt(t)) + 0.5;
            p.drawLine(QPointF(x, f.top()), QPointF(x, f.bottom()));
        }
    }
    QPen axisPen(c.theme.axis, 1.0);
    p.setPen(axisPen);
    const double bottom = std::round(f.bottom()) + 0.5;
    p.drawLine(QPointF(f.left(), bottom), QPointF(f.right(), bottom));
    p.drawLine(QPointF(std::round(f.left()) + 0.5, f.top()), QPointF(std::round(f.left()) + 0.5, f.bottom()));
    const int stride = labelStride(c, plot);
    for (size_t i = 0; i < plot.x.ticks.size(); i += static_cast<size_t>(stride)) {
        const double x = std::round(plot.xAt(plot.x.ticks[i])) + 0.5;
        p.drawLine(QPointF(x, bottom), QPointF(x, bottom + c.px(4)));
    }
    p.restore();

    const double tickH = c.height(c.tick);
    for (const double t : plot.y.ticks) {
        const double y = plot.yAt(t);
        c.text(QRectF(f.left() - c.px(8) - 200, y - tickH / 2, 200, tickH), Qt::AlignRight | Qt::AlignVCenter, c.tick,
               c.theme.muted, plot.y.label(t));
    }
    for (size_t i = 0; i < plot.x.ticks.size(); i += static_cast<size_t>(stride)) {
        const double x = plot.xAt(plot.x.ticks[i]);
        c.text(QRectF(x - 100, f.bottom() + c.px(6), 200, tickH), Qt::AlignHCenter | Qt::AlignTop, c.tick, c.theme.muted,
               plot.x.label(plot.x.ticks[i]));
    }
    const double titleH = c.height(c.axisTitle);
    if (!xTitle.isEmpty())
        c.text(QRectF(f.left(), f.bottom() + c.px(8) + tickH + c.px(2), f.width(), titleH), Qt::AlignHCenter | Qt::AlignTop,
               c.axisTitle, c.theme.text, c.elide(c.axisTitle, xTitle, f.width()));
    if (!yTitle.isEmpty()) {
        double yLabels = 0.0;
        for (const double t : plot.y.ticks)
            yLabels = std::max(yLabels, c.width(c.tick, plot.y.label(t)));
        const double x = f.left() - c.px(8) - yLabels - c.px(8) - titleH / 2;
        p.save();
        p.translate(x, f.center().y());
        p.rotate(-90);
        c.text(QRectF(-f.height() / 2, -titleH / 2, f.height(), titleH), Qt::AlignCenter, c.axisTitle, c.theme.text,
               c.elide(c.axisTitle, yTitle, f.height()));
        p.restore();
    }
}

// ---- markers, legend, header ----------------------------------------------------------------

constexpr int kMarkerShapes = 5;

// On curves a background-coloured rim keeps crowded markers apart; legends go without it.
void drawMarker(Ctx &c, int shape, const QPointF &at, double radius, const QColor &color, bool rim = true)
{
    QPainter &p = c.p;
    p.save();
    if (rim)
        p.setPen(QPen(c.theme.background, std::max(1.0, radius * 0.35)));
    else
        p.setPen(Qt::NoPen);
    p.setBrush(color);
    const double r = (shape % kMarkerShapes == 2 || shape % kMarkerShapes == 4) ? radius * 1.2 : radius;
    switch (((shape % kMarkerShapes) + kMarkerShapes) % kMarkerShapes) {
    case 0:
        p.drawEllipse(at, r, r);
        break;
    case 1:
        p.drawRect(QRectF(at.x() - r * 0.9, at.y() - r * 0.9, r * 1.8, r * 1.8));
        break;
    case 2: {
        const QPointF tri[] = {{at.x(), at.y() - r * 1.15}, {at.x() + r * 1.05, at.y() + r * 0.8}, {at.x() - r * 1.05, at.y() + r * 0.8}};
        p.drawPolygon(tri, 3);
        break;
    }
    case 3: {
        const QPointF diamond[] = {{at.x(), at.y() - r * 1.2}, {at.x() + r * 1.2, at.y()}, {at.x(), at.y() + r * 1.2}, {at.x() - r * 1.2, at.y()}};
        p.drawPolygon(diamond, 4);
        break;
    }
    default: {
        const QPointF tri[] = {{at.x(), at.y() + r * 1.15}, {at.x() + r * 1.05, at.y() - r * 0.8}, {at.x() - r * 1.05, at.y() - r * 0.8}};
        p.drawPolygon(tri, 3);
        break;
    }
    }
    p.restore();
}

struct LegendItem
{
    enum Kind { Box, Line, Marker };
    QString text;
    QColor color;
    Kind kind = Box;
    Qt::PenStyle style = Qt::SolidLine;
    int marker = -1; // shape on a Line or Marker item
};

struct LegendRow
{
    std::vector<size_t> items;
    std::vector<double> widths;
    double width = 0.0;
};

double swatchWidth(const Ctx &c)
{
    return c.px(24);
}

std::vector<LegendRow> legendRows(const Ctx &c, double width, const std::vector<LegendItem> &items)
{
    std::vector<LegendRow> rows;
    const double gap = c.px(20);
    for (size_t i = 0; i < items.size(); ++i) {
        const double textW = std::min(c.width(c.legend, items[i].text), std::min(c.px(kMaxLegendLabel), width * 0.8));
        const double w = swatchWidth(c) + c.px(6) + textW;
        if (rows.empty() || rows.back().width + gap + w > width)
            rows.emplace_back();
        LegendRow &row = rows.back();
        row.width += (row.items.empty() ? 0.0 : gap) + w;
        row.items.push_back(i);
        row.widths.push_back(w);
    }
    return rows;
}

double legendHeight(const Ctx &c, double width, const std::vector<LegendItem> &items)
{
    if (items.empty())
        return 0.0;
    return static_cast<double>(legendRows(c, width, items).size()) * (c.height(c.legend) + c.px(5));
}

void drawLegend(Ctx &c, const QRectF &rect, const std::vector<LegendItem> &items)
{
    const double rowH = c.height(c.legend) + c.px(5);
    const double gap = c.px(20);
    double y = rect.top();
    for (const LegendRow &row : legendRows(c, rect.width(), items)) {
        double x = rect.left() + (rect.width() - row.width) / 2.0;
        const double cy = y + rowH / 2.0;
        for (size_t k = 0; k < row.items.size(); ++k) {
            const LegendItem &item = items[row.items[k]];
            const double sw = swatchWidth(c);
            c.p.save();
            if (item.kind == LegendItem::Box) {
                c.p.setPen(Qt::NoPen);
                c.p.setBrush(item.color);
                c.p.drawRect(QRectF(x + sw * 0.2, cy - c.px(6), sw * 0.6, c.px(12)));
            } else {
                if (item.kind == LegendItem::Line) {
                    QPen pen(item.color, c.px(2.2), item.style, Qt::FlatCap);
                    c.p.setPen(pen);
                    c.p.drawLine(QPointF(x, cy), QPointF(x + sw, cy));
                }
                if (item.marker >= 0)
                    drawMarker(c, item.marker, QPointF(x + sw / 2, cy), c.px(3.8), item.color, false);
            }
            c.p.restore();
            const double textW = row.widths[k] - sw - c.px(6);
            c.text(QRectF(x + sw + c.px(6), y, textW + 1, rowH), Qt::AlignLeft | Qt::AlignVCenter, c.legend, c.theme.text,
                   c.elide(c.legend, item.text, textW + 1));
            x += row.widths[k] + gap;
        }
        y += rowH;
    }
}

// Title (bold) and a muted one-line subtitle at the top of `rect`; returns what is left below.
// `compact` for a section inside a page rather than a chart of its own.
QRectF drawHeader(Ctx &c, const QRectF &rect, const QString &title, const QString &subtitle, bool compact = false)
{
    double y = rect.top();
    QFont titleFont = compact ? c.axisTitle : c.title;
    titleFont.setBold(true);
    const double titleH = c.height(titleFont);
    c.text(QRectF(rect.left(), y, rect.width(), titleH), Qt::AlignLeft | Qt::AlignVCenter, titleFont, c.theme.text,
           c.elide(titleFont, title, rect.width()));
    y += titleH;
    if (!subtitle.isEmpty()) {
        const double subH = c.height(c.subtitle);
        y += c.px(2);
        c.text(QRectF(rect.left(), y, rect.width(), subH), Qt::AlignLeft | Qt::AlignVCenter, c.subtitle, c.theme.muted,
               c.elide(c.subtitle, subtitle, rect.width()));
        y += subH;
    }
    y += compact ? c.px(8) : c.px(14);
    return QRectF(QPointF(rect.left(), y), rect.bottomRight());
}

// The body of a chart between its header and its legend (drawn at the bottom).
QRectF placeLegend(Ctx &c, const QRectF &body, const std::vector<LegendItem> &items)
{
    const double h = legendHeight(c, body.width(), items);
    if (h <= 0)
        return body;
    drawLegend(c, QRectF(body.left(), body.bottom() - h, body.width(), h), items);
    return body.adjusted(0, 0, 0, -(h + c.px(12)));
}

void drawMessage(Ctx &c, const QRectF &rect, const QString &message)
{
    c.text(rect, Qt::AlignCenter | Qt::TextWordWrap, c.axisTitle, c.theme.muted, message);
}

// ---- data helpers ---------------------------------------------------------------------------

struct RunView
{
    const ComparedRun *run = nullptr;
    QColor color;
    QString label;
    int marker = 0;
};

std::vector<RunView> viewsOf(const RunComparison &comparison, bool dark)
{
    std::vector<RunView> views;
    for (size_t i = 0; i < comparison.runs.size(); ++i) {
        const int index = static_cast<int>(i);
        views.push_back({&comparison.runs[i], paletteColor(index, dark), fromStd(comparison.runs[i].label), index});
    }
    return views;
}

std::vector<RunView> withEpochs(const std::vector<RunView> &views)
{
    std::vector<RunView> kept;
    for (const RunView &v : views) {
        if (!v.run->epochs.empty())
            kept.push_back(v);
    }
    return kept;
}

double finalTest(const ComparedRun &run)
{
    return run.epochs.empty() ? 0.0 : run.epochs.back().testAccuracy;
}

double bestOf(const ComparedRun &run, double EpochMetrics::*member)
{
    double best = 0.0;
    for (const EpochMetrics &e : run.epochs)
        best = std::max(best, e.*member);
    return best;
}

// Training length in epochs: the planned (possibly fractional) length of a completed run, else
// the epochs it got through.
double trainingLength(const ComparedRun &run)
{
    if (run.record.status == RunStatus::Completed && run.config.epochs > 0)
        return run.config.epochs;
    return static_cast<double>(run.epochs.size());
}

double imagesPerSecond(const ComparedRun &run)
{
    if (run.record.imagesPerSecond > 0)
        return run.record.imagesPerSecond;
    double sum = 0.0;
    for (const EpochMetrics &e : run.epochs)
        sum += e.imagesPerSecond;
    return run.epochs.empty() ? 0.0 : sum / static_cast<double>(run.epochs.size());
}

const EpochMetrics *lastConfusion(const ComparedRun &run)
{
    for (auto it = run.epochs.rbegin(); it != run.epochs.rend(); ++it) {
        if (!it->testConfusion.empty())
            return &*it;
    }
    return nullptr;
}

QString percentText(double fraction, int decimals = 1)
{
    return QLocale().toString(100.0 * fraction, 'f', decimals) + QLatin1Char('%');
}

// Three significant digits: "11.2", "0.272", "1,250".
QString significant(double value)
{
    const double a = std::abs(value);
    const int decimals = a >= 100 ? 0 : (a >= 10 ? 1 : (a >= 1 ? 2 : 3));
    return QLocale().toString(value, 'f', decimals);
}

QString runCount(size_t runs)
{
    return runs == 1 ? QCoreApplication::translate("cifarlab::ComparisonCharts", "1 run") : QCoreApplication::translate("cifarlab::ComparisonCharts", "%1 runs").arg(runs);
}

// "4 runs · cifar-10 · created 2024-05-01 12:00 · CifarLab 0.1.0": the line under a report's title.
QString reportLine(const RunComparison &comparison)
{
    QStringList datasets;
    for (const ComparedRun &run : comparison.runs) {
        if (!datasets.contains(fromStd(run.record.datasetName)) && !run.record.datasetName.empty())
            datasets << fromStd(run.record.datasetName);
    }
    const QString dot = QStringLiteral("  %1  ").arg(kDot);
    return runCount(comparison.runs.size()) + (datasets.isEmpty() ? QString() : dot + datasets.join(QStringLiteral(", "))) + dot
        + QCoreApplication::translate("cifarlab::ComparisonCharts", "created %1").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))) + dot
        + QCoreApplication::translate("cifarlab::ComparisonCharts", "CifarLab %1").arg(QString::fromLatin1(versionString()));
}

QString durationText(double seconds)
{
    const auto s = static_cast<long long>(std::llround(std::max(0.0, seconds)));
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3").arg(s / 3600).arg((s / 60) % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString signedCount(int64_t value)
{
    if (value > 0)
        return QLatin1Char('+') + QLocale().toString(static_cast<qlonglong>(value));
    if (value < 0)
        return kMinus + QLocale().toString(static_cast<qlonglong>(-value));
    return QString();
}

std::vector<QPolygonF> polylines(const std::vector<QPointF> &points)
{
    // NaN or infinite values (a diverged run) break the line instead of dragging it off the chart.
    std::vector<QPolygonF> lines(1);
    for (const QPointF &pt : points) {
        if (!std::isfinite(pt.y())) {
            if (!lines.back().isEmpty())
                lines.emplace_back();
            continue;
        }
        lines.back() << pt;
    }
    return lines;
}

struct Series
{
    QColor color;
    Qt::PenStyle style = Qt::SolidLine;
    double width = 2.0;
    int marker = -1;
    std::vector<QPointF> points; // data coordinates
};

void drawSeries(Ctx &c, const Plot &plot, const std::vector<Series> &series)
{
    QPainter &p = c.p;
    p.save();
    p.setClipRect(plot.frame.adjusted(-c.px(6), -c.px(6), c.px(6), c.px(6)));
    auto mapped = [&plot](const QPointF &pt) {
        if (!std::isfinite(pt.y()) || (plot.y.log && pt.y() <= 0))
            return QPointF(plot.xAt(pt.x()), std::numeric_limits<double>::quiet_NaN());
        return QPointF(plot.xAt(pt.x()), plot.yAt(pt.y()));
    };
    for (const Series &s : series) {
        std::vector<QPointF> points;
        for (const QPointF &pt : s.points)
            points.push_back(mapped(pt));
        QPen pen(s.color, c.px(s.width), s.style, Qt::RoundCap, Qt::RoundJoin);
        if (s.style != Qt::SolidLine)
            pen.setCapStyle(Qt::FlatCap);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        for (const QPolygonF &line : polylines(points)) {
            if (line.size() > 1)
                p.drawPolyline(line);
        }
        const bool lonely = std::count_if(points.begin(), points.end(), [](const QPointF &q) { return std::isfinite(q.y()); }) == 1;
        if ((s.marker >= 0 && static_cast<int>(points.size()) <= kMaxMarkedPoints) || lonely) {
            for (const QPointF &pt : points) {
                if (std::isfinite(pt.y()))
                    drawMarker(c, std::max(0, s.marker), pt, c.px(3.6), s.color);
            }
        }
    }
    p.restore();
}

// ---- bar charts -----------------------------------------------------------------------------

void paintAccuracyBars(Ctx &c, const QRectF &rect, const std::vector<RunView> &all)
{
    const std::vector<RunView> runs = withEpochs(all);
    QString subtitle = QCoreApplication::translate("cifarlab::ComparisonCharts", "Share of images classified correctly; best = highest of any epoch");
    if (runs.size() < all.size())
        subtitle += QStringLiteral("  %1  ").arg(kDot) + (all.size() - runs.size() == 1 ? QCoreApplication::translate("cifarlab::ComparisonCharts", "1 run without epochs left out") : QCoreApplication::translate("cifarlab::ComparisonCharts", "%1 runs without epochs left out").arg(all.size() - runs.size()));
    QRectF body = drawHeader(c, rect, QCoreApplication::translate("cifarlab::ComparisonCharts", "Final and best accuracy"), subtitle);
    std::vector<LegendItem> legend;
    for (const RunView &v : runs)
        legend.push_back({v.label, v.color, LegendItem::Box});
    body = placeLegend(c, body, legend);

    const QStringList categories = {QCoreApplication::translate("cifarlab::ComparisonCharts", "Final train"), QCoreApplication::translate("cifarlab::ComparisonCharts", "Best train"), QCoreApplication::translate("cifarlab::ComparisonCharts", "Final test"), QCoreApplication::translate("cifarlab::ComparisonCharts", "Best test")};
    std::vector<std::array<double, 4>> values;
    double top = 0.0;
    for (const RunView &v : runs) {
        const ComparedRun &r = *v.run;
        values.push_back({100.0 * r.epochs.back().trainAccuracy, 100.0 * bestOf(r, &EpochMetrics::trainAccuracy),
                          100.0 * finalTest(r), 100.0 * bestOf(r, &EpochMetrics::testAccuracy)});
        for (const double x : values.back())
            top = std::max(top, x);
    }
    Axis y = percentAxis(0.0, std::max(top, 1.0), 6);
    Axis x;
    x.ticks.clear();
    const QString yTitle = QCoreApplication::translate("cifarlab::ComparisonCharts", "Accuracy (%)");
    Plot plot = layoutPlot(c, body, x, y, QString(), yTitle);

    const size_t n = std::max<size_t>(1, runs.size());
    const double slot = plot.frame.width() / 4.0;
    const double group = slot * 0.8;
    const double barW = group / static_cast<double>(n);
    const double valueW = c.width(c.value, QLocale().toString(100.0, 'f', 1)) + c.px(2);
    const double valueH = c.height(c.value);
    enum { NoLabels, Horizontal, Vertical } mode = NoLabels;
    if (barW >= valueW)
        mode = Horizontal;
    else if (barW >= valueH * 0.95)
        mode = Vertical;
    // Headroom above the tallest bar for its value label.
    const double headroom = mode == Horizontal ? valueH + c.px(2) : (mode == Vertical ? valueW + c.px(4) : 0.0);
    if (headroom > 0)
        plot = layoutPlot(c, body.adjusted(0, headroom, 0, 0), x, y, QString(), yTitle);

    drawPlotAxes(c, plot, QString(), yTitle, false);
    const double gap = std::min(c.px(2), barW * 0.12);
    for (int k = 0; k < 4; ++k) {
        const double left = plot.frame.left() + k * slot + (slot - group) / 2.0;
        for (size_t i = 0; i < runs.size(); ++i) {
            const double v = values[i][static_cast<size_t>(k)];
            const double x0 = left + static_cast<double>(i) * barW + gap / 2;
            const double y0 = plot.yAt(std::clamp(v, y.min, y.max));
            QRectF bar(QPointF(x0, y0), QPointF(x0 + barW - gap, plot.yAt(y.min)));
            c.p.fillRect(bar, runs[i].color);
            const QString label = QLocale().toString(v, 'f', 1);
            if (mode == Horizontal) {
                c.text(QRectF(bar.center().x() - valueW, y0 - valueH - c.px(1), 2 * valueW, valueH),
                       Qt::AlignHCenter | Qt::AlignBottom, c.value, c.theme.text, label);
            } else if (mode == Vertical) {
                c.p.save();
                c.p.translate(bar.center().x(), y0 - c.px(3));
                c.p.rotate(-90);
                c.text(QRectF(0, -valueH / 2, valueW + c.px(2), valueH), Qt::AlignLeft | Qt::AlignVCenter, c.value,
                       c.theme.text, label);
                c.p.restore();
            }
        }
        c.text(QRectF(plot.frame.left() + k * slot, plot.frame.bottom() + c.px(6), slot, c.height(c.tick)),
               Qt::AlignHCenter | Qt::AlignTop, c.tick, c.theme.text, c.elide(c.tick, categories[k], slot - c.px(4)));
    }
}

// One panel of horizontal bars (one row per run) beside the others, sharing the run labels.
struct BarPanel
{
    QString title;
    std::vector<std::optional<double>> values; // nullopt: drawn as `missing[i]`
    QStringList valueLabels;
    QStringList missing;
};

void drawBarPanels(Ctx &c, const QRectF &area, const std::vector<RunView> &runs, const std::vector<BarPanel> &panels)
{
    if (runs.empty() || panels.empty())
        return;
    const double tickH = c.height(c.tick);
    const double titleH = c.height(c.axisTitle);
    double labelW = 0.0;
    for (const RunView &v : runs)
        labelW = std::max(labelW, c.width(c.legend, v.label));
    labelW = std::min(labelW, area.width() * 0.28);
    const double rowsTop = area.top() + titleH + c.px(10);
    const double rowsBottom = area.bottom() - tickH - c.px(10);
    const double rowH = (rowsBottom - rowsTop) / static_cast<double>(runs.size());
    const double barH = std::min(rowH * 0.62, c.px(46));
    const double panelsLeft = area.left() + labelW + c.px(14);
    const double panelGap = c.px(40);
    const double panelW = (area.right() - panelsLeft - panelGap * static_cast<double>(panels.size() - 1))
        / static_cast<double>(panels.size());

    for (size_t i = 0; i < runs.size(); ++i) {
        const double cy = rowsTop + (static_cast<double>(i) + 0.5) * rowH;
        c.text(QRectF(area.left(), cy - rowH / 2, labelW, rowH), Qt::AlignRight | Qt::AlignVCenter, c.legend, c.theme.text,
               c.elide(c.legend, runs[i].label, labelW));
    }

    for (size_t j = 0; j < panels.size(); ++j) {
        const BarPanel &panel = panels[j];
        const double left = panelsLeft + static_cast<double>(j) * (panelW + panelGap);
        c.text(QRectF(left, area.top(), panelW, titleH), Qt::AlignLeft | Qt::AlignVCenter, c.axisTitle, c.theme.text,
               c.elide(c.axisTitle, panel.title, panelW));
        double top = 0.0;
        double valueW = 0.0;
        for (size_t i = 0; i < runs.size(); ++i) {
            if (panel.values[i]) {
                top = std::max(top, *panel.values[i]);
                valueW = std::max(valueW, c.width(c.value, panel.valueLabels[static_cast<int>(i)]));
            }
        }
        const double frameW = std::max(c.px(40), panelW - valueW - c.px(8));
        Axis axis = linearAxis(0.0, top > 0 ? top : 1.0, std::clamp(static_cast<int>(frameW / c.px(55)), 3, 8));
        Plot plot;
        plot.frame = QRectF(left, rowsTop, frameW, rowsBottom - rowsTop);
        plot.x = axis;
        plot.y = linearAxis(0, 1, 1);
        c.p.save();
        c.p.setRenderHint(QPainter::Antialiasing, false);
        c.p.setPen(QPen(c.theme.grid, 1.0));
        for (const double t : axis.ticks) {
            const double x = std::round(plot.xAt(t)) + 0.5;
            c.p.drawLine(QPointF(x, rowsTop), QPointF(x, rowsBottom));
        }
        c.p.restore();
        // Tick labels, thinned so they never touch.
        double widest = 0.0;
        for (const double t : axis.ticks)
            widest = std::max(widest, c.width(c.tick, axis.label(t)));
        const double spacing = axis.ticks.size() > 1 ? frameW / static_cast<double>(axis.ticks.size() - 1) : frameW;
        const size_t stride = static_cast<size_t>(std::max(1.0, std::ceil((widest + c.px(8)) / std::max(1.0, spacing))));
        for (size_t k = 0; k < axis.ticks.size(); k += stride) {
            const double x = plot.xAt(axis.ticks[k]);
            c.text(QRectF(x - 60, rowsBottom + c.px(5), 120, tickH), Qt::AlignHCenter | Qt::AlignTop, c.tick, c.theme.muted,
                   axis.label(axis.ticks[k]));
        }
        for (size_t i = 0; i < runs.size(); ++i) {
            const double cy = rowsTop + (static_cast<double>(i) + 0.5) * rowH;
            if (!panel.values[i]) {
                QFont italic = c.value;
                italic.setItalic(true);
                c.text(QRectF(left + c.px(6), cy - rowH / 2, panelW - c.px(6), rowH), Qt::AlignLeft | Qt::AlignVCenter, italic,
                       c.theme.muted, c.elide(italic, panel.missing.value(static_cast<int>(i)), panelW - c.px(6)));
                continue;
            }
            const double w = std::max(0.0, plot.xAt(*panel.values[i]) - left);
            c.p.fillRect(QRectF(left, cy - barH / 2, w, barH), runs[i].color);
            c.text(QRectF(left + w + c.px(5), cy - rowH / 2, valueW + c.px(4), rowH), Qt::AlignLeft | Qt::AlignVCenter, c.value,
                   c.theme.text, panel.valueLabels[static_cast<int>(i)]);
        }
        c.p.save();
        c.p.setRenderHint(QPainter::Antialiasing, false);
        c.p.setPen(QPen(c.theme.axis, 1.0));
        const double x0 = std::round(left) + 0.5;
        c.p.drawLine(QPointF(x0, rowsTop), QPointF(x0, rowsBottom));
        c.p.restore();
    }
}

void paintModelSize(Ctx &c, const QRectF &rect, const std::vector<RunView> &runs)
{
    QRectF body = drawHeader(c, rect, QCoreApplication::translate("cifarlab::ComparisonCharts", "Model size and parameters"),
                             QCoreApplication::translate("cifarlab::ComparisonCharts", "Size of the saved weights (parameters and buffers); trainable parameter count"));
    BarPanel size;
    BarPanel params;
    size.title = QCoreApplication::translate("cifarlab::ComparisonCharts", "Model size (MB)");
    double maxParams = 0.0;
    for (const RunView &v : runs)
        maxParams = std::max(maxParams, static_cast<double>(v.run->record.parameters));
    double unit = 1e6;
    params.title = QCoreApplication::translate("cifarlab::ComparisonCharts", "Trainable parameters (millions)");
    if (maxParams < 1e6) {
        unit = 1e3;
        params.title = QCoreApplication::translate("cifarlab::ComparisonCharts", "Trainable parameters (thousands)");
    }
    for (const RunView &v : runs) {
        const RunRecord &r = v.run->record;
        if (r.modelBytes > 0) {
            const double mb = static_cast<double>(r.modelBytes) / (1024.0 * 1024.0);
            size.values.push_back(mb);
            size.valueLabels << QCoreApplication::translate("cifarlab::ComparisonCharts", "%1 MB").arg(significant(mb));
        } else {
            size.values.push_back(std::nullopt);
            size.valueLabels << QString();
        }
        size.missing << QCoreApplication::translate("cifarlab::ComparisonCharts", "not recorded");
        if (r.parameters > 0) {
            const double p = static_cast<double>(r.parameters) / unit;
            params.values.push_back(p);
            params.valueLabels << (unit == 1e6 ? QCoreApplication::translate("cifarlab::ComparisonCharts", "%1 M") : QCoreApplication::translate("cifarlab::ComparisonCharts", "%1 K")).arg(significant(p));
        } else {
            params.values.push_back(std::nullopt);
            params.valueLabels << QString();
        }
        params.missing << QCoreApplication::translate("cifarlab::ComparisonCharts", "not recorded");
    }
    drawBarPanels(c, body, runs, {size, params});
}

void paintTimeToAccuracy(Ctx &c, const QRectF &rect, const std::vector<RunView> &all, double threshold)
{
    const std::vector<RunView> runs = withEpochs(all);
    const QString pct = QLocale().toString(100.0 * threshold, 'g', 4) + QLatin1Char('%');
    QRectF body = drawHeader(c, rect, QCoreApplication::translate("cifarlab::ComparisonCharts", "Time to accuracy and throughput"),
                             QCoreApplication::translate("cifarlab::ComparisonCharts", "Wall time until the test accuracy first reached %1; training images per second").arg(pct));
    std::vector<std::optional<double>> times;
    double longest = 0.0;
    for (const RunView &v : runs) {
        times.push_back(timeToAccuracy(*v.run, threshold));
        if (times.back())
            longest = std::max(longest, *times.back());
    }
    double unit = 1.0;
    QString unitTitle = QCoreApplication::translate("cifarlab::ComparisonCharts", "Time to %1 test accuracy (seconds)").arg(pct);
    QString unitSuffix = QCoreApplication::translate("cifarlab::ComparisonCharts", "%1 s");
    if (longest >= 7200) {
        unit = 3600.0;
        unitTitle = QCoreApplication::translate("cifarlab::ComparisonCharts", "Time to %1 test accuracy (hours)").arg(pct);
        unitSuffix = QCoreApplication::translate("cifarlab::ComparisonCharts", "%1 h");
    } else if (longest >= 120) {
        unit = 60.0;
        unitTitle = QCoreApplication::translate("cifarlab::ComparisonCharts", "Time to %1 test accuracy (minutes)").arg(pct);
        unitSuffix = QCoreApplication::translate("cifarlab::ComparisonCharts", "%1 min");
    }
    BarPanel time;
    time.title = unitTitle;
    BarPanel speed;
    speed.title = QCoreApplication::translate("cifarlab::ComparisonCharts", "Training throughput (images/s)");
    for (size_t i = 0; i < runs.size(); ++i) {
        const ComparedRun &r = *runs[i].run;
        if (times[i]) {
            time.values.push_back(*times[i] / unit);
            time.valueLabels << unitSuffix.arg(significant(*times[i] / unit));
        } else {
            time.values.push_back(std::nullopt);
            time.valueLabels << QString();
        }
        time.missing << QCoreApplication::translate("cifarlab::ComparisonCharts", "not reached (best %1)").arg(percentText(bestOf(r, &EpochMetrics::testAccuracy)));
        const double ips = imagesPerSecond(r);
        if (ips > 0) {
            speed.values.push_back(ips);
            speed.valueLabels << QLocale().toString(ips, 'f', 0);
        } else {
            speed.values.push_back(std::nullopt);
            speed.valueLabels << QString();
        }
        speed.missing << QCoreApplication::translate("cifarlab::ComparisonCharts", "not recorded");
    }
    drawBarPanels(c, body, runs, {time, speed});
}

// ---- line charts ----------------------------------------------------------------------------

enum class CurveKind { Accuracy, Loss };

// Test (solid, with markers) and train (dashed) curves of `runs` in `area`, axes included.
void drawCurvePlot(Ctx &c, const QRectF &area, const std::vector<RunView> &runs, CurveKind kind)
{
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    double maxEpoch = 1.0;
    std::vector<Series> series;
    for (const RunView &v : runs) {
        Series test;
        test.color = v.color;
        test.width = 2.2;
        test.marker = v.marker;
        Series train;
        train.color = v.color;
        train.width = 1.5;
        train.style = Qt::DashLine;
        for (const EpochMetrics &e : v.run->epochs) {
            const double x = static_cast<double>(e.epoch + 1);
            const double yTest = kind == CurveKind::Accuracy ? 100.0 * e.testAccuracy : e.testLoss;
            const double yTrain = kind == CurveKind::Accuracy ? 100.0 * e.trainAccuracy : e.trainLoss;
            test.points.emplace_back(x, yTest);
            train.points.emplace_back(x, yTrain);
            maxEpoch = std::max(maxEpoch, x);
            for (const double y : {yTest, yTrain}) {
                if (std::isfinite(y) && (kind == CurveKind::Accuracy || y > 0)) {
                    lo = std::min(lo, y);
                    hi = std::max(hi, y);
                }
            }
        }
        series.push_back(std::move(train));
        series.push_back(std::move(test));
    }
    // Dashed train curves first, so the test curves are on top.
    std::stable_partition(series.begin(), series.end(), [](const Series &s) { return s.style != Qt::SolidLine; });
    if (!std::isfinite(lo)) {
        lo = 0.0;
        hi = kind == CurveKind::Accuracy ? 100.0 : 1.0;
    }
    const int yTicks = std::clamp(static_cast<int>(area.height() / c.px(55)), 3, 8);
    Axis y;
    QString yTitle;
    if (kind == CurveKind::Accuracy) {
        const double pad = std::max(0.5, (hi - lo) * 0.04);
        y = percentAxis(lo - pad, hi + pad, yTicks);
        yTitle = QCoreApplication::translate("cifarlab::ComparisonCharts", "Accuracy (%)");
    } else if (lo > 0 && hi / lo >= 10.0) {
        y = logAxis(lo, hi);
        yTitle = QCoreApplication::translate("cifarlab::ComparisonCharts", "Cross-entropy loss (log scale)");
    } else {
        const double pad = std::max(1e-3, (hi - lo) * 0.04);
        y = linearAxis(std::max(0.0, lo - pad), hi + pad, yTicks);
        yTitle = QCoreApplication::translate("cifarlab::ComparisonCharts", "Cross-entropy loss");
    }
    const int xTicks = std::clamp(static_cast<int>(area.width() / c.px(70)), 2, 10);
    const Axis x = linearAxis(0.0, maxEpoch, xTicks, true);
    const QString xTitle = QCoreApplication::translate("cifarlab::ComparisonCharts", "Epoch");
    const Plot plot = layoutPlot(c, area, x, y, xTitle, yTitle);
    drawPlotAxes(c, plot, xTitle, yTitle);
    drawSeries(c, plot, series);
}

std::vector<LegendItem> curveLegend(const Ctx &c, const std::vector<RunView> &runs)
{
    std::vector<LegendItem> legend;
    for (const RunView &v : runs)
        legend.push_back({v.label, v.color, LegendItem::Line, Qt::SolidLine, v.marker});
    legend.push_back({QCoreApplication::translate("cifarlab::ComparisonCharts", "test"), c.theme.muted, LegendItem::Line, Qt::SolidLine, -1});
    legend.push_back({QCoreApplication::translate("cifarlab::ComparisonCharts", "train"), c.theme.muted, LegendItem::Line, Qt::DashLine, -1});
    return legend;
}

void paintCurves(Ctx &c, const QRectF &rect, const std::vector<RunView> &all, CurveKind kind)
{
    const std::vector<RunView> runs = withEpochs(all);
    const QString title = kind == CurveKind::Accuracy ? QCoreApplication::translate("cifarlab::ComparisonCharts", "Accuracy by epoch") : QCoreApplication::translate("cifarlab::ComparisonCharts", "Loss by epoch");
    const QString subtitle = kind == CurveKind::Accuracy ? QCoreApplication::translate("cifarlab::ComparisonCharts", "Test accuracy (solid) and training accuracy (dashed) after each epoch")
                                                         : QCoreApplication::translate("cifarlab::ComparisonCharts", "Test loss (solid) and training loss (dashed) after each epoch");
    QRectF body = drawHeader(c, rect, title, subtitle);
    body = placeLegend(c, body, curveLegend(c, runs));
    drawCurvePlot(c, body, runs, kind);
}

void paintAccuracyVsLength(Ctx &c, const QRectF &rect, const std::vector<RunView> &all, bool dark)
{
    const std::vector<RunView> runs = withEpochs(all);
    QRectF body = drawHeader(c, rect, QCoreApplication::translate("cifarlab::ComparisonCharts", "Final test accuracy against training length"),
                             QCoreApplication::translate("cifarlab::ComparisonCharts", "One point per run (labelled with its id); lines join runs of the same architecture"));
    std::vector<std::string> architectures;
    for (const RunView &v : runs) {
        if (std::find(architectures.begin(), architectures.end(), v.run->record.architecture) == architectures.end())
            architectures.push_back(v.run->record.architecture);
    }
    std::vector<LegendItem> legend;
    for (size_t a = 0; a < architectures.size(); ++a)
        legend.push_back({fromStd(architectures[a]), paletteColor(static_cast<int>(a), dark), LegendItem::Line, Qt::SolidLine,
                          static_cast<int>(a)});
    body = placeLegend(c, body, legend);

    double lo = 100.0;
    double hi = 0.0;
    double longest = 1.0;
    for (const RunView &v : runs) {
        lo = std::min(lo, 100.0 * finalTest(*v.run));
        hi = std::max(hi, 100.0 * finalTest(*v.run));
        longest = std::max(longest, trainingLength(*v.run));
    }
    const double pad = std::max(1.0, (hi - lo) * 0.08);
    const Axis y = percentAxis(lo - pad, hi + pad, std::clamp(static_cast<int>(body.height() / c.px(55)), 3, 8));
    // A little room past the longest run so its point and label stay inside the frame.
    const Axis x = linearAxis(0.0, longest * 1.06, std::clamp(static_cast<int>(body.width() / c.px(80)), 2, 10));
    const QString xTitle = QCoreApplication::translate("cifarlab::ComparisonCharts", "Training length (epochs)");
    const QString yTitle = QCoreApplication::translate("cifarlab::ComparisonCharts", "Final test accuracy (%)");
    const Plot plot = layoutPlot(c, body, x, y, xTitle, yTitle);
    drawPlotAxes(c, plot, xTitle, yTitle);

    std::vector<Series> series;
    for (size_t a = 0; a < architectures.size(); ++a) {
        // The line follows the best run of each length (several runs of one length are repeats).
        std::map<double, double> best;
        for (const RunView &v : runs) {
            if (v.run->record.architecture != architectures[a])
                continue;
            const double length = trainingLength(*v.run);
            const double accuracy = 100.0 * finalTest(*v.run);
            best[length] = best.count(length) ? std::max(best[length], accuracy) : accuracy;
        }
        if (best.size() < 2)
            continue;
        Series s;
        s.color = paletteColor(static_cast<int>(a), dark);
        s.width = 1.8;
        for (const auto &[length, accuracy] : best)
            s.points.emplace_back(length, accuracy);
        series.push_back(std::move(s));
    }
    drawSeries(c, plot, series);
    // Every run's marker, then its id.
    const double valueH = c.height(c.small);
    for (const RunView &v : runs) {
        const size_t a = static_cast<size_t>(std::find(architectures.begin(), architectures.end(), v.run->record.architecture)
                                             - architectures.begin());
        const QPointF at(plot.xAt(trainingLength(*v.run)), plot.yAt(100.0 * finalTest(*v.run)));
        drawMarker(c, static_cast<int>(a), at, c.px(4.5), paletteColor(static_cast<int>(a), dark));
        if (runs.size() <= 24)
            c.text(QRectF(at.x() + c.px(6), at.y() - valueH - c.px(1), c.px(60), valueH), Qt::AlignLeft | Qt::AlignBottom,
                   c.small, c.theme.muted, QStringLiteral("#%1").arg(v.run->record.id));
    }
}

QString differenceText(const ConfigDifference &d)
{
    return QStringLiteral("%1: %2 %3 %4").arg(fromStd(d.field), fromStd(d.valueA), kArrow, fromStd(d.valueB));
}

void paintAblation(Ctx &c, const QRectF &rect, const RunView &a, const RunView &b)
{
    const double accA = finalTest(*a.run);
    const double accB = finalTest(*b.run);
    const double delta = 100.0 * (accB - accA);
    const QString deltaText = (delta >= 0 ? QStringLiteral("+") : QString(kMinus)) + QLocale().toString(std::abs(delta), 'f', 2);
    QRectF body = drawHeader(c, rect, QCoreApplication::translate("cifarlab::ComparisonCharts", "Ablation: %1 vs %2").arg(a.label, b.label),
                             QCoreApplication::translate("cifarlab::ComparisonCharts", "Final test accuracy %1 %2 %3 (%4 points)").arg(percentText(accA, 2), kArrow, percentText(accB, 2), deltaText));

    // The differing settings as chips, at most two rows.
    const std::vector<ConfigDifference> diffs = configDifferences(a.run->config, b.run->config);
    QStringList chips;
    for (const ConfigDifference &d : diffs)
        chips << differenceText(d);
    if (chips.isEmpty())
        chips << QCoreApplication::translate("cifarlab::ComparisonCharts", "no setting differs");
    const QString lead = QCoreApplication::translate("cifarlab::ComparisonCharts", "Changed settings (A %1 B):").arg(kArrow);
    QFont bold = c.legend;
    bold.setBold(true);
    const double rowH = c.height(c.legend) + c.px(8);
    const double leadW = c.width(bold, lead) + c.px(10);
    double x = body.left() + leadW;
    double y = body.top();
    int row = 0;
    c.text(QRectF(body.left(), y, leadW, rowH), Qt::AlignLeft | Qt::AlignVCenter, bold, c.theme.text, lead);
    for (int i = 0; i < chips.size(); ++i) {
        const double w = std::min(c.width(c.legend, chips[i]) + c.px(14), body.width() - leadW);
        if (x + w > body.right() && x > body.left() + leadW) {
            if (++row == 2) {
                const QString more = QCoreApplication::translate("cifarlab::ComparisonCharts", "+%1 more").arg(chips.size() - i);
                c.text(QRectF(body.right() - c.width(c.legend, more) - c.px(4), y, c.width(c.legend, more) + c.px(4), rowH),
                       Qt::AlignRight | Qt::AlignVCenter, c.legend, c.theme.muted, more);
                break;
            }
            x = body.left() + leadW;
            y += rowH + c.px(4);
        }
        const QRectF chip(x, y, w, rowH);
        c.p.save();
        c.p.setPen(QPen(c.theme.grid, 1.0));
        c.p.setBrush(c.theme.stripe);
        c.p.drawRoundedRect(chip.adjusted(0.5, 0.5, -0.5, -0.5), c.px(4), c.px(4));
        c.p.restore();
        c.text(chip.adjusted(c.px(7), 0, -c.px(7), 0), Qt::AlignLeft | Qt::AlignVCenter, c.legend, c.theme.text,
               c.elide(c.legend, chips[i], w - c.px(14)));
        x += w + c.px(8);
    }
    body.setTop(y + rowH + c.px(14));

    std::vector<LegendItem> legend = {{QStringLiteral("A  ") + a.label, a.color, LegendItem::Line, Qt::SolidLine, a.marker},
                                      {QStringLiteral("B  ") + b.label, b.color, LegendItem::Line, Qt::SolidLine, b.marker},
                                      {QCoreApplication::translate("cifarlab::ComparisonCharts", "test"), c.theme.muted, LegendItem::Line, Qt::SolidLine, -1},
                                      {QCoreApplication::translate("cifarlab::ComparisonCharts", "train"), c.theme.muted, LegendItem::Line, Qt::DashLine, -1}};
    body = placeLegend(c, body, legend);
    const double gap = c.px(36);
    const double half = (body.width() - gap) / 2.0;
    drawCurvePlot(c, QRectF(body.left(), body.top(), half, body.height()), {a, b}, CurveKind::Accuracy);
    drawCurvePlot(c, QRectF(body.left() + half + gap, body.top(), half, body.height()), {a, b}, CurveKind::Loss);
}

// ---- matrices -------------------------------------------------------------------------------

struct MatrixSpec
{
    int n = 0;
    QStringList classNames;
    std::function<QColor(int, int)> color;
    std::function<QString(int, int)> text;
};

// A square heat-map centred in `area`: row labels (true class) on the left, column labels
// (predicted class) below, rotated when they do not fit, thinned when the cells are tiny.
void drawMatrix(Ctx &c, const QRectF &area, const MatrixSpec &spec)
{
    const int n = spec.n;
    if (n <= 0)
        return;
    QStringList names = spec.classNames;
    while (names.size() < n)
        names << QString::number(names.size());
    const QFont &labelFont = c.tick;
    const double textH = c.height(labelFont);
    const double titleH = c.height(c.axisTitle);
    double widest = 0.0;
    for (int i = 0; i < n; ++i)
        widest = std::max(widest, c.width(labelFont, names[i]));
    const double labelW = std::min(widest, c.px(130));
    const double gap = c.px(6);
    const double availW = area.width() - titleH - gap - labelW - gap;
    // First try rotated column labels (they take labelW * sin 45 + a bit of height).
    const double rotatedH = (labelW + textH) * 0.7072;
    double columnH = rotatedH;
    double cell = std::min(availW / n, (area.height() - columnH - gap - titleH - gap) / n);
    bool rotated = true;
    if (cell >= widest + c.px(6)) {
        rotated = false;
        columnH = textH;
        cell = std::min(availW / n, (area.height() - columnH - gap - titleH - gap) / n);
        if (cell < widest + c.px(6)) { // horizontal labels took height and no longer fit
            rotated = true;
            columnH = rotatedH;
            cell = std::min(availW / n, (area.height() - columnH - gap - titleH - gap) / n);
        }
    }
    cell = std::max(cell, 1.0);
    const double gridW = cell * n;
    const double blockW = titleH + gap + labelW + gap + gridW;
    const double blockH = gridW + gap + columnH + gap + titleH;
    const double left = area.left() + std::max(0.0, (area.width() - blockW) / 2.0) + titleH + gap + labelW + gap;
    const double top = area.top() + std::max(0.0, (area.height() - blockH) / 2.0);
    const int step = std::max(1, static_cast<int>(std::ceil(textH * 0.95 / cell)));
    // Labels at 45 degrees need sqrt(2) times their height between them, and a little air.
    const int columnStep = rotated ? std::max(1, static_cast<int>(std::ceil(textH * 1.9 / cell))) : step;

    // Cells, separated by thin background lines when they are big enough to afford them.
    const double cellGap = cell >= 10 ? 1.0 : 0.0;
    QFont cellFont = pixelFont(std::min(c.tick.pixelSize() * 1.0, cell * 0.34));
    const bool cellText = cellFont.pixelSize() >= 8 && cell >= 18;
    for (int r = 0; r < n; ++r) {
        for (int col = 0; col < n; ++col) {
            const QRectF cr(left + col * cell, top + r * cell, cell - cellGap, cell - cellGap);
            const QColor color = spec.color(r, col);
            c.p.fillRect(cr, color);
            if (!cellText)
                continue;
            const QString t = spec.text(r, col);
            if (t.isEmpty())
                continue;
            if (c.width(cellFont, t) > cell - 2)
                continue;
            c.text(cr, Qt::AlignCenter, cellFont, textOn(color), t);
        }
    }
    c.p.save();
    c.p.setPen(QPen(c.theme.axis, 1.0));
    c.p.setBrush(Qt::NoBrush);
    c.p.drawRect(QRectF(left - 0.5, top - 0.5, gridW - cellGap + 1, gridW - cellGap + 1));
    c.p.restore();

    for (int r = 0; r < n; r += step) {
        const double cy = top + (r + 0.5) * cell;
        c.text(QRectF(left - gap - labelW, cy - textH / 2, labelW, textH), Qt::AlignRight | Qt::AlignVCenter, labelFont,
               c.theme.text, c.elide(labelFont, names[r], labelW));
    }
    const double columnTop = top + gridW + gap;
    for (int col = 0; col < n; col += columnStep) {
        const double cx = left + (col + 0.5) * cell;
        const QString name = c.elide(labelFont, names[col], labelW);
        if (!rotated) {
            c.text(QRectF(cx - cell / 2, columnTop, cell, textH), Qt::AlignHCenter | Qt::AlignTop, labelFont, c.theme.text, name);
            continue;
        }
        c.p.save();
        c.p.translate(cx + textH * 0.35, columnTop);
        c.p.rotate(-45);
        c.text(QRectF(-labelW, -textH, labelW, textH), Qt::AlignRight | Qt::AlignVCenter, labelFont, c.theme.text, name);
        c.p.restore();
    }
    // Axis titles.
    const double titleTop = columnTop + columnH + gap;
    c.text(QRectF(left, titleTop, gridW, titleH), Qt::AlignHCenter | Qt::AlignTop, c.axisTitle, c.theme.text,
           c.elide(c.axisTitle, QCoreApplication::translate("cifarlab::ComparisonCharts", "Predicted class"), std::max(gridW, c.px(120))));
    c.p.save();
    c.p.translate(left - gap - labelW - gap - titleH / 2, top + gridW / 2);
    c.p.rotate(-90);
    c.text(QRectF(-gridW / 2, -titleH / 2, gridW, titleH), Qt::AlignCenter, c.axisTitle, c.theme.text,
           c.elide(c.axisTitle, QCoreApplication::translate("cifarlab::ComparisonCharts", "True class"), gridW));
    c.p.restore();
}

QStringList classNamesOf(const RunComparison &comparison, const ComparedRun &run)
{
    const auto &names = run.record.classNames.empty() ? comparison.classNames : run.record.classNames;
    QStringList list;
    for (const auto &n : names)
        list << fromStd(n);
    return list;
}

void paintDifferenceConfusion(Ctx &c, const QRectF &rect, const RunView &a, const RunView &b, const QStringList &classNames)
{
    const std::vector<int64_t> diff = differenceConfusion(*a.run, *b.run);
    const int n = static_cast<int>(std::lround(std::sqrt(static_cast<double>(diff.size()))));
    QRectF body = drawHeader(c, rect, QCoreApplication::translate("cifarlab::ComparisonCharts", "Confusion difference: %1 %2 %3").arg(b.label, kMinus, a.label),
                             QCoreApplication::translate("cifarlab::ComparisonCharts", "Test images per cell, B minus A at each run's last epoch; A %1, B %2")
                                 .arg(percentText(finalTest(*a.run)), percentText(finalTest(*b.run))));
    const std::vector<LegendItem> legend = {
        {QCoreApplication::translate("cifarlab::ComparisonCharts", "B better: more right (diagonal), fewer mistakes (elsewhere)"), betterColor(c.theme.dark), LegendItem::Box},
        {QCoreApplication::translate("cifarlab::ComparisonCharts", "B worse than A"), worseColor(c.theme.dark), LegendItem::Box}};
    body = placeLegend(c, body, legend);
    int64_t maxAbs = 0;
    for (const int64_t d : diff)
        maxAbs = std::max<int64_t>(maxAbs, d < 0 ? -d : d);
    const QColor empty = mix(c.theme.background, c.theme.grid, 0.35);
    MatrixSpec spec;
    spec.n = n;
    spec.classNames = classNames;
    spec.color = [&](int r, int col) {
        const int64_t d = diff[static_cast<size_t>(r * n + col)];
        if (d == 0 || maxAbs == 0)
            return empty;
        const bool better = r == col ? d > 0 : d < 0;
        const double t = kMinTint + (1.0 - kMinTint) * std::sqrt(static_cast<double>(d < 0 ? -d : d) / static_cast<double>(maxAbs));
        return mix(c.theme.background, better ? betterColor(c.theme.dark) : worseColor(c.theme.dark), t);
    };
    spec.text = [&](int r, int col) { return signedCount(diff[static_cast<size_t>(r * n + col)]); };
    drawMatrix(c, body, spec);
}

// The confusion widget's scheme: diagonal blue, mistakes orange, each tinted by its share of the
// row relative to the largest such share.
void paintRunConfusion(Ctx &c, const QRectF &rect, const ComparedRun &run, const QStringList &classNames)
{
    const EpochMetrics *epoch = lastConfusion(run);
    QRectF body = drawHeader(c, rect, QCoreApplication::translate("cifarlab::ComparisonCharts", "Test confusion matrix"),
                             epoch ? QCoreApplication::translate("cifarlab::ComparisonCharts", "Epoch %1; cells are the share of each true class (row)").arg(epoch->epoch + 1) : QString(),
                             true);
    if (!epoch) {
        drawMessage(c, body, QCoreApplication::translate("cifarlab::ComparisonCharts", "No confusion matrix recorded."));
        return;
    }
    const int n = static_cast<int>(std::lround(std::sqrt(static_cast<double>(epoch->testConfusion.size()))));
    std::vector<double> share(epoch->testConfusion.size(), 0.0);
    double diagonalMax = 0.0;
    double errorMax = 0.0;
    for (int r = 0; r < n; ++r) {
        int64_t total = 0;
        for (int col = 0; col < n; ++col)
            total += epoch->testConfusion[static_cast<size_t>(r * n + col)];
        for (int col = 0; col < n; ++col) {
            const size_t i = static_cast<size_t>(r * n + col);
            share[i] = total > 0 ? static_cast<double>(epoch->testConfusion[i]) / static_cast<double>(total) : 0.0;
            (r == col ? diagonalMax : errorMax) = std::max(r == col ? diagonalMax : errorMax, share[i]);
        }
    }
    const QColor base = c.theme.background;
    MatrixSpec spec;
    spec.n = n;
    spec.classNames = classNames;
    spec.color = [&](int r, int col) {
        const size_t i = static_cast<size_t>(r * n + col);
        const bool diagonal = r == col;
        const double top = diagonal ? diagonalMax : errorMax;
        if (epoch->testConfusion[i] == 0 || top <= 0)
            return mix(base, c.theme.grid, 0.35);
        const double t = 0.07 + 0.93 * share[i] / top;
        const QColor mid = diagonal ? QColor(107, 174, 214) : QColor(253, 141, 60);
        const QColor high = diagonal ? QColor(8, 69, 148) : QColor(166, 54, 3);
        return t < 0.5 ? mix(base, mid, t * 2.0) : mix(mid, high, (t - 0.5) * 2.0);
    };
    spec.text = [&](int r, int col) {
        const size_t i = static_cast<size_t>(r * n + col);
        if (epoch->testConfusion[i] == 0)
            return QString();
        // A few images must not read as "0".
        return QLocale().toString(100.0 * share[i], 'f', share[i] < 0.0095 ? 1 : 0);
    };
    drawMatrix(c, body, spec);
}

// ---- dispatch -------------------------------------------------------------------------------

bool validPair(const RunComparison &comparison, const ComparisonChartOptions &options)
{
    const int count = static_cast<int>(comparison.runs.size());
    return options.runA >= 0 && options.runB >= 0 && options.runA < count && options.runB < count && options.runA != options.runB;
}

QString fileError(const QString &path, const QString &why)
{
    return QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), why);
}

// ---- report helpers -------------------------------------------------------------------------

struct Table
{
    QStringList headers;
    std::vector<QStringList> rows;
    std::vector<bool> numeric; // right-aligned columns
};

Table summaryTable(const RunComparison &comparison)
{
    Table t;
    t.headers = {QCoreApplication::translate("cifarlab::ComparisonCharts", "Run"), QCoreApplication::translate("cifarlab::ComparisonCharts", "Architecture"), QCoreApplication::translate("cifarlab::ComparisonCharts", "Dataset"), QCoreApplication::translate("cifarlab::ComparisonCharts", "Status"), QCoreApplication::translate("cifarlab::ComparisonCharts", "Epochs"), QCoreApplication::translate("cifarlab::ComparisonCharts", "Final test"),
                 QCoreApplication::translate("cifarlab::ComparisonCharts", "Best test (epoch)"), QCoreApplication::translate("cifarlab::ComparisonCharts", "Final train"), QCoreApplication::translate("cifarlab::ComparisonCharts", "Test loss"), QCoreApplication::translate("cifarlab::ComparisonCharts", "Parameters"), QCoreApplication::translate("cifarlab::ComparisonCharts", "Size"),
                 QCoreApplication::translate("cifarlab::ComparisonCharts", "Wall time"), QCoreApplication::translate("cifarlab::ComparisonCharts", "Images/s"), QCoreApplication::translate("cifarlab::ComparisonCharts", "Time to 80%")};
    t.numeric = {false, false, false, false, true, true, true, true, true, true, true, true, true, true};
    const QLocale locale;
    for (const ComparedRun &run : comparison.runs) {
        const RunRecord &r = run.record;
        const auto t80 = timeToAccuracy(run, 0.8);
        const bool hasEpochs = !run.epochs.empty();
        t.rows.push_back({fromStd(run.label), fromStd(r.architecture), fromStd(r.datasetName), fromStd(runStatusName(r.status)),
                          locale.toString(static_cast<qlonglong>(r.epochsDone)),
                          hasEpochs ? percentText(r.finalTestAccuracy, 2) : QStringLiteral("-"),
                          hasEpochs ? QStringLiteral("%1 (%2)").arg(percentText(r.bestTestAccuracy, 2)).arg(r.bestEpoch + 1) : QStringLiteral("-"),
                          hasEpochs ? percentText(r.finalTrainAccuracy, 2) : QStringLiteral("-"),
                          hasEpochs ? locale.toString(r.finalTestLoss, 'f', 4) : QStringLiteral("-"),
                          r.parameters > 0 ? locale.toString(static_cast<qlonglong>(r.parameters)) : QStringLiteral("-"),
                          r.modelBytes > 0 ? QCoreApplication::translate("cifarlab::ComparisonCharts", "%1 MB").arg(locale.toString(static_cast<double>(r.modelBytes) / (1024.0 * 1024.0), 'f', 2))
                                           : QStringLiteral("-"),
                          r.wallSeconds > 0 ? durationText(r.wallSeconds) : QStringLiteral("-"),
                          imagesPerSecond(run) > 0 ? locale.toString(imagesPerSecond(run), 'f', 0) : QStringLiteral("-"),
                          t80 ? durationText(*t80) : QCoreApplication::translate("cifarlab::ComparisonCharts", "not reached")});
    }
    // One dataset for all: it is in the report's heading, and the run labels get the room.
    const bool oneDataset = std::all_of(comparison.runs.begin(), comparison.runs.end(), [&](const ComparedRun &run) {
        return run.record.datasetName == comparison.runs.front().record.datasetName;
    });
    if (oneDataset && !comparison.runs.empty()) {
        t.headers.removeAt(2);
        t.numeric.erase(t.numeric.begin() + 2);
        for (QStringList &row : t.rows)
            row.removeAt(2);
    }
    return t;
}

// Settings that differ between any two runs: one column per field (in configFields order), one
// row per run.
// fastai's most_confused per run: the three largest off-diagonal cells of the last epoch's test matrix.
Table confusedPairsTable(const RunComparison &comparison)
{
    constexpr int kPairs = 3;
    Table t;
    t.headers = {QCoreApplication::translate("cifarlab::ComparisonCharts", "Run")};
    for (int k = 1; k <= kPairs; ++k)
        t.headers << QString::number(k);
    t.numeric.assign(static_cast<size_t>(kPairs + 1), false);
    const QLocale locale;
    for (const ComparedRun &run : comparison.runs) {
        const EpochMetrics *last = lastConfusion(run);
        if (!last)
            continue;
        const QStringList names = classNamesOf(comparison, run);
        const auto pairs = mostConfusedPairs(last->testConfusion, static_cast<int>(names.size()), kPairs);
        if (pairs.empty())
            continue;
        QStringList row = {fromStd(run.label)};
        for (const ConfusedPair &pair : pairs)
            row << QCoreApplication::translate("cifarlab::ComparisonCharts", "%1 %2 %3: %4 of %5")
                       .arg(names.value(pair.trueClass), QString(kArrow), names.value(pair.predictedClass),
                            locale.toString(static_cast<qlonglong>(pair.count)), locale.toString(static_cast<qlonglong>(pair.trueClassTotal)));
        while (row.size() < kPairs + 1)
            row << QString();
        t.rows.push_back(row);
    }
    return t;
}

Table settingsTable(const RunComparison &comparison)
{
    Table t;
    std::vector<std::string> differing;
    for (size_t i = 0; i < comparison.runs.size(); ++i) {
        for (size_t j = i + 1; j < comparison.runs.size(); ++j) {
            for (const ConfigDifference &d : configDifferences(comparison.runs[i].config, comparison.runs[j].config))
                differing.push_back(d.field);
        }
    }
    if (differing.empty())
        return t;
    std::vector<std::string> fields;
    for (const auto &[field, value] : configFields(comparison.runs.front().config)) {
        if (std::find(differing.begin(), differing.end(), field) != differing.end())
            fields.push_back(field);
    }
    t.headers << QCoreApplication::translate("cifarlab::ComparisonCharts", "Run");
    t.numeric.push_back(false);
    for (const auto &f : fields) {
        t.headers << fromStd(f);
        t.numeric.push_back(false);
    }
    for (const ComparedRun &run : comparison.runs) {
        QStringList row;
        row << fromStd(run.label);
        const auto values = configFields(run.config);
        for (const auto &f : fields) {
            const auto it = std::find_if(values.begin(), values.end(), [&f](const auto &fv) { return fv.first == f; });
            row << (it == values.end() ? QStringLiteral("-") : fromStd(it->second));
        }
        t.rows.push_back(row);
    }
    return t;
}

// A header on at most two lines, broken where the longer line is shortest ("Time to\n80%").
QString headerLines(const Ctx &c, const QFont &font, const QString &header)
{
    const QStringList words = header.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.size() < 2)
        return header;
    QString best = header;
    double bestWidth = c.width(font, header);
    for (int k = 1; k < words.size(); ++k) {
        const QString first = words.mid(0, k).join(QLatin1Char(' '));
        const QString second = words.mid(k).join(QLatin1Char(' '));
        const double w = std::max(c.width(font, first), c.width(font, second));
        if (w < bestWidth) {
            bestWidth = w;
            best = first + QLatin1Char('\n') + second;
        }
    }
    return best;
}

double headerWidth(const Ctx &c, const QFont &font, const QString &header)
{
    double w = 0.0;
    for (const QString &line : headerLines(c, font, header).split(QLatin1Char('\n')))
        w = std::max(w, c.width(font, line));
    return w;
}

// Column widths that fit `width`: each column as wide as its widest cell, the first (run label)
// column shrinking (its text elided) when the rest need the room.
std::vector<double> columnWidths(const Ctx &c, const Table &t, const QFont &font, const QFont &headerFont, double width)
{
    const double pad = c.px(12);
    std::vector<double> w(static_cast<size_t>(t.headers.size()), 0.0);
    for (int k = 0; k < t.headers.size(); ++k) {
        w[static_cast<size_t>(k)] = headerWidth(c, headerFont, t.headers[k]) + pad;
        for (const QStringList &row : t.rows)
            w[static_cast<size_t>(k)] = std::max(w[static_cast<size_t>(k)], c.width(font, row.value(k)) + pad);
    }
    double total = 0.0;
    for (const double x : w)
        total += x;
    if (total > width) {
        const double rest = total - w[0];
        w[0] = std::max(c.px(90), width - rest);
        total = rest + w[0];
        if (total > width) { // still too wide: scale every column down (cells elide)
            for (double &x : w)
                x *= width / total;
        }
    } else if (total > width * 0.7) {
        // Spread the spare room evenly, so a wide table spans the page (a narrow one stays compact).
        const double extra = (width - total) / static_cast<double>(w.size());
        for (double &x : w)
            x += extra;
    }
    return w;
}

// Draws rows [first, end) of the table at `top`; returns the y below it.
double drawTable(Ctx &c, double left, double top, const std::vector<double> &widths, const Table &t, size_t first, size_t end,
                 const QFont &font, const QFont &headerFont, double rowH, double headerH)
{
    const double pad = c.px(6);
    double x = left;
    double total = 0.0;
    for (const double w : widths)
        total += w;
    for (int k = 0; k < t.headers.size(); ++k) {
        const double w = widths[static_cast<size_t>(k)];
        const int align = (t.numeric[static_cast<size_t>(k)] ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignBottom;
        c.text(QRectF(x + pad, top, w - 2 * pad, headerH - c.px(4)), align, headerFont, c.theme.text,
               headerLines(c, headerFont, t.headers[k]));
        x += w;
    }
    double y = top + headerH;
    c.p.save();
    c.p.setRenderHint(QPainter::Antialiasing, false);
    c.p.setPen(QPen(c.theme.axis, 1.0));
    c.p.drawLine(QPointF(left, std::round(y) + 0.5), QPointF(left + total, std::round(y) + 0.5));
    c.p.restore();
    for (size_t r = first; r < end; ++r) {
        if ((r - first) % 2 == 1)
            c.p.fillRect(QRectF(left, y, total, rowH), c.theme.stripe);
        x = left;
        for (int k = 0; k < t.headers.size(); ++k) {
            const double w = widths[static_cast<size_t>(k)];
            const int align = (t.numeric[static_cast<size_t>(k)] ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter;
            c.text(QRectF(x + pad, y, w - 2 * pad, rowH), align, font, c.theme.text, c.elide(font, t.rows[r].value(k), w - 2 * pad));
            x += w;
        }
        y += rowH;
    }
    c.p.save();
    c.p.setRenderHint(QPainter::Antialiasing, false);
    c.p.setPen(QPen(c.theme.grid, 1.0));
    c.p.drawLine(QPointF(left, std::round(y) + 0.5), QPointF(left + total, std::round(y) + 0.5));
    c.p.restore();
    return y;
}

struct ArchitectureFacts
{
    bool ok = false;
    ModelSummary summary;
    QString displayName;
    bool inputGuessed = false;
};

// Summaries build the network (up to a second for the big ones): a report asks once per setting.
using FactsCache = std::map<std::string, ArchitectureFacts>;

// The run's input shape is not stored: try the shapes CifarLab's datasets have (its resize, CIFAR's
// 32 x 32 RGB, MNIST's 28 x 28 gray) and keep the one whose parameter count matches the run's (the
// count depends on channels, classes and, for the LeNet-style baselines, the side).
ArchitectureFacts architectureFacts(const ComparedRun &run, FactsCache &cache)
{
    const std::string key = run.record.architecture + "/" + run.config.architecture + "/" + std::to_string(run.record.classNames.size())
        + "/" + std::to_string(run.config.resize) + "/" + std::to_string(run.record.parameters) + "/"
        + std::to_string(run.config.widthScale) + "/" + std::to_string(run.config.ensembleMembers) + "/"
        + std::to_string(run.config.blockDepth);
    if (const auto it = cache.find(key); it != cache.end())
        return it->second;
    ArchitectureFacts facts;
    const std::string &arch = run.record.architecture.empty() ? run.config.architecture : run.record.architecture;
    for (const ArchitectureInfo &info : listArchitectures()) {
        if (info.name == arch)
            facts.displayName = fromStd(info.displayName);
    }
    if (!hasArchitecture(arch)) {
        cache[key] = facts;
        return facts;
    }
    const int64_t classes = run.record.classNames.empty() ? 10 : static_cast<int64_t>(run.record.classNames.size());
    std::vector<InputSpec> candidates;
    const int64_t resize = run.config.resize;
    for (const int64_t side : {resize, int64_t(32), int64_t(28)}) {
        if (side <= 0)
            continue;
        for (const int64_t channels : {int64_t(3), int64_t(1)})
            candidates.push_back({channels, side, side, classes});
    }
    for (const InputSpec &spec : candidates) {
        try {
            // airbench's widths are part of its recipe (the best preset widens it).
            ModelSummary s = summarizeArchitecture(arch, spec, arch == "airbench" ? run.config.widthScale : 1.0,
                                                   std::clamp<int64_t>(run.config.ensembleMembers, 1, kMaxEnsembleMembers),
                                                   arch == "airbench" ? std::clamp<int64_t>(run.config.blockDepth, 2, 3) : 2);
            if (!facts.ok) {
                facts.ok = true;
                facts.summary = s;
                facts.inputGuessed = true;
            }
            if (run.record.parameters > 0 && s.parameters == run.record.parameters) {
                facts.summary = std::move(s);
                facts.inputGuessed = false;
                break;
            }
            if (run.record.parameters <= 0)
                break;
        } catch (const std::exception &) {
            continue;
        }
    }
    cache[key] = facts;
    return facts;
}

QString compactCount(double value)
{
    if (value >= 1e9)
        return QCoreApplication::translate("cifarlab::ComparisonCharts", "%1 G").arg(significant(value / 1e9));
    if (value >= 1e6)
        return QCoreApplication::translate("cifarlab::ComparisonCharts", "%1 M").arg(significant(value / 1e6));
    if (value >= 1e3)
        return QCoreApplication::translate("cifarlab::ComparisonCharts", "%1 K").arg(significant(value / 1e3));
    return QLocale().toString(value, 'f', 0);
}

QStringList architectureLines(const ComparedRun &run, FactsCache &cache)
{
    const QLocale locale;
    const ArchitectureFacts facts = architectureFacts(run, cache);
    QStringList lines;
    const QString arch = fromStd(run.record.architecture);
    lines << (facts.displayName.isEmpty() ? QCoreApplication::translate("cifarlab::ComparisonCharts", "Architecture: %1").arg(arch) : QCoreApplication::translate("cifarlab::ComparisonCharts", "Architecture: %1 (%2)").arg(facts.displayName, arch));
    if (facts.ok) {
        const InputSpec &in = facts.summary.input;
        const QString shape = QStringList{QString::number(in.channels), QString::number(in.height), QString::number(in.width)}.join(kTimes);
        lines << (facts.inputGuessed ? QCoreApplication::translate("cifarlab::ComparisonCharts", "Input: %1 (assumed), %2 classes") : QCoreApplication::translate("cifarlab::ComparisonCharts", "Input: %1, %2 classes")).arg(shape).arg(in.numClasses);
    }
    const int64_t params = run.record.parameters > 0 ? run.record.parameters : (facts.ok ? facts.summary.parameters : 0);
    const int64_t bytes = run.record.modelBytes > 0 ? run.record.modelBytes : (facts.ok ? facts.summary.sizeBytes : 0);
    lines << QCoreApplication::translate("cifarlab::ComparisonCharts", "Trainable parameters: %1").arg(params > 0 ? locale.toString(static_cast<qlonglong>(params)) : QCoreApplication::translate("cifarlab::ComparisonCharts", "unknown"));
    lines << QCoreApplication::translate("cifarlab::ComparisonCharts", "Size: %1").arg(bytes > 0 ? QCoreApplication::translate("cifarlab::ComparisonCharts", "%1 MB").arg(locale.toString(static_cast<double>(bytes) / (1024.0 * 1024.0), 'f', 2)) : QCoreApplication::translate("cifarlab::ComparisonCharts", "unknown"));
    if (facts.ok) {
        lines << QCoreApplication::translate("cifarlab::ComparisonCharts", "Multiply-adds per image: %1").arg(compactCount(static_cast<double>(facts.summary.macs)));
        int convolutions = 0;
        int linear = 0;
        for (const LayerInfo &layer : facts.summary.layers) {
            if (layer.type.find("Conv") != std::string::npos)
                ++convolutions;
            else if (layer.type.find("Linear") != std::string::npos)
                ++linear;
        }
        lines << QCoreApplication::translate("cifarlab::ComparisonCharts", "Layers: %1 (%2 convolutions, %3 fully connected)").arg(static_cast<qulonglong>(facts.summary.layers.size())).arg(convolutions).arg(linear);
    } else {
        lines << QCoreApplication::translate("cifarlab::ComparisonCharts", "Multiply-adds and layers: unavailable for this architecture");
    }
    return lines;
}

QStringList settingLines(const ComparedRun &run)
{
    const TrainingConfig &cfg = run.config;
    const QLocale locale;
    QStringList lines;
    QString optimizer = QCoreApplication::translate("cifarlab::ComparisonCharts", "Optimizer: %1, lr %2, weight decay %3").arg(fromStd(cfg.optimizer), locale.toString(cfg.learningRate, 'g', 4),
                                                                         locale.toString(cfg.weightDecay, 'g', 4));
    if (cfg.optimizer == "sgd" || cfg.optimizer == "muon")
        optimizer += QCoreApplication::translate("cifarlab::ComparisonCharts", ", momentum %1%2").arg(locale.toString(cfg.momentum, 'g', 4), cfg.nesterov ? QCoreApplication::translate("cifarlab::ComparisonCharts", " (Nesterov)") : QString());
    if (cfg.optimizer == "muon")
        optimizer += QCoreApplication::translate("cifarlab::ComparisonCharts", "; filters: Muon, lr %1, momentum %2").arg(locale.toString(cfg.muonLearningRate, 'g', 4), locale.toString(cfg.muonMomentum, 'g', 4));
    lines << optimizer;
    lines << QCoreApplication::translate("cifarlab::ComparisonCharts", "Schedule: %1, %2 epochs, batch size %3").arg(fromStd(cfg.schedule), locale.toString(cfg.epochs, 'g', 4)).arg(cfg.batchSize);
    QStringList augment;
    for (const auto &a : cfg.augment)
        augment << fromStd(a);
    lines << QCoreApplication::translate("cifarlab::ComparisonCharts", "Augmentation: %1; label smoothing %2").arg(augment.isEmpty() ? QCoreApplication::translate("cifarlab::ComparisonCharts", "none") : augment.join(QStringLiteral(", ")),
                                                            locale.toString(cfg.labelSmoothing, 'g', 3));
    lines << QCoreApplication::translate("cifarlab::ComparisonCharts", "Preprocessing: %1; precision %2").arg(fromStd(cfg.preprocess), fromStd(precisionName(cfg.precision)));
    if (run.record.wallSeconds > 0)
        lines << QCoreApplication::translate("cifarlab::ComparisonCharts", "Wall time %1, %2 images/s").arg(durationText(run.record.wallSeconds), locale.toString(imagesPerSecond(run), 'f', 0));
    return lines;
}

void drawLines(Ctx &c, const QRectF &rect, const QString &heading, const QStringList &lines)
{
    QFont bold = c.axisTitle;
    bold.setBold(true);
    double y = rect.top();
    const double headH = c.height(bold);
    c.text(QRectF(rect.left(), y, rect.width(), headH), Qt::AlignLeft | Qt::AlignVCenter, bold, c.theme.text, heading);
    y += headH + c.px(4);
    const QFontMetricsF fm = c.metrics(c.legend);
    for (const QString &line : lines) {
        const QRectF need = fm.boundingRect(QRectF(0, 0, rect.width(), 1000), Qt::TextWordWrap, line);
        if (y + need.height() > rect.bottom())
            break;
        c.text(QRectF(rect.left(), y, rect.width(), need.height()), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, c.legend,
               c.theme.text, line);
        y += need.height() + c.px(3);
    }
}

void drawFooter(Ctx &c, const QRectF &page, int pageNumber)
{
    const double h = c.height(c.small);
    const QRectF r(page.left(), page.bottom() - h, page.width(), h);
    c.text(r, Qt::AlignLeft | Qt::AlignVCenter, c.small, c.theme.muted,
           QCoreApplication::translate("cifarlab::ComparisonCharts", "CifarLab %1 %2 run comparison").arg(QString::fromLatin1(versionString()), kDot));
    c.text(r, Qt::AlignRight | Qt::AlignVCenter, c.small, c.theme.muted, QCoreApplication::translate("cifarlab::ComparisonCharts", "Page %1").arg(pageNumber));
}

} // namespace

QList<ComparisonChart> allComparisonCharts()
{
    return {ComparisonChart::AccuracyBars, ComparisonChart::TestAccuracyCurves, ComparisonChart::LossCurves,
            ComparisonChart::ModelSize, ComparisonChart::TimeToAccuracy, ComparisonChart::AccuracyVsLength,
            ComparisonChart::Ablation, ComparisonChart::DifferenceConfusion};
}

QString comparisonChartTitle(ComparisonChart chart)
{
    switch (chart) {
    case ComparisonChart::AccuracyBars:
        return QCoreApplication::translate("cifarlab::ComparisonCharts", "Accuracy");
    case ComparisonChart::ModelSize:
        return QCoreApplication::translate("cifarlab::ComparisonCharts", "Model size");
    case ComparisonChart::TestAccuracyCurves:
        return QCoreApplication::translate("cifarlab::ComparisonCharts", "Accuracy curves");
    case ComparisonChart::LossCurves:
        return QCoreApplication::translate("cifarlab::ComparisonCharts", "Loss curves");
    case ComparisonChart::AccuracyVsLength:
        return QCoreApplication::translate("cifarlab::ComparisonCharts", "Accuracy vs. training length");
    case ComparisonChart::TimeToAccuracy:
        return QCoreApplication::translate("cifarlab::ComparisonCharts", "Time to accuracy");
    case ComparisonChart::Ablation:
        return QCoreApplication::translate("cifarlab::ComparisonCharts", "Ablation");
    case ComparisonChart::DifferenceConfusion:
        return QCoreApplication::translate("cifarlab::ComparisonCharts", "Confusion difference");
    }
    return QString();
}

QString comparisonChartFileStem(ComparisonChart chart)
{
    switch (chart) {
    case ComparisonChart::AccuracyBars:
        return QStringLiteral("accuracy-bars");
    case ComparisonChart::ModelSize:
        return QStringLiteral("model-size");
    case ComparisonChart::TestAccuracyCurves:
        return QStringLiteral("test-accuracy-curves");
    case ComparisonChart::LossCurves:
        return QStringLiteral("loss-curves");
    case ComparisonChart::AccuracyVsLength:
        return QStringLiteral("accuracy-vs-length");
    case ComparisonChart::TimeToAccuracy:
        return QStringLiteral("time-to-accuracy");
    case ComparisonChart::Ablation:
        return QStringLiteral("ablation");
    case ComparisonChart::DifferenceConfusion:
        return QStringLiteral("difference-confusion");
    }
    return QStringLiteral("chart");
}

bool comparisonChartApplies(ComparisonChart chart, const RunComparison &comparison, const ComparisonChartOptions &options,
                            QString *reason)
{
    auto fail = [reason](const QString &why) {
        if (reason)
            *reason = why;
        return false;
    };
    if (comparison.runs.empty())
        return fail(QCoreApplication::translate("cifarlab::ComparisonCharts", "No runs to compare."));
    const auto hasEpochs = [](const ComparedRun &r) { return !r.epochs.empty(); };
    const bool anyEpochs = std::any_of(comparison.runs.begin(), comparison.runs.end(), hasEpochs);
    switch (chart) {
    case ComparisonChart::AccuracyBars:
    case ComparisonChart::TestAccuracyCurves:
    case ComparisonChart::LossCurves:
    case ComparisonChart::TimeToAccuracy:
        if (!anyEpochs)
            return fail(QCoreApplication::translate("cifarlab::ComparisonCharts", "None of the runs has finished an epoch yet."));
        break;
    case ComparisonChart::ModelSize:
        if (std::none_of(comparison.runs.begin(), comparison.runs.end(),
                         [](const ComparedRun &r) { return r.record.parameters > 0 || r.record.modelBytes > 0; }))
            return fail(QCoreApplication::translate("cifarlab::ComparisonCharts", "No run has recorded its model size yet."));
        break;
    case ComparisonChart::AccuracyVsLength: {
        std::vector<double> lengths;
        for (const ComparedRun &r : comparison.runs) {
            if (hasEpochs(r) && std::find(lengths.begin(), lengths.end(), trainingLength(r)) == lengths.end())
                lengths.push_back(trainingLength(r));
        }
        if (lengths.size() < 2)
            return fail(QCoreApplication::translate("cifarlab::ComparisonCharts", "Needs runs of at least two different training lengths."));
        break;
    }
    case ComparisonChart::Ablation:
    case ComparisonChart::DifferenceConfusion: {
        if (comparison.runs.size() < 2)
            return fail(QCoreApplication::translate("cifarlab::ComparisonCharts", "Needs two runs to compare."));
        if (!validPair(comparison, options))
            return fail(QCoreApplication::translate("cifarlab::ComparisonCharts", "Runs A and B must be two different runs of the comparison."));
        const ComparedRun &a = comparison.runs[static_cast<size_t>(options.runA)];
        const ComparedRun &b = comparison.runs[static_cast<size_t>(options.runB)];
        if (!hasEpochs(a) || !hasEpochs(b))
            return fail(QCoreApplication::translate("cifarlab::ComparisonCharts", "Run %1 has no epochs yet.").arg(fromStd(hasEpochs(a) ? b.label : a.label)));
        if (chart == ComparisonChart::DifferenceConfusion) {
            if (a.record.classNames != b.record.classNames)
                return fail(QCoreApplication::translate("cifarlab::ComparisonCharts", "Runs %1 and %2 were trained on different classes.").arg(fromStd(a.label), fromStd(b.label)));
            if (differenceConfusion(a, b).empty())
                return fail(QCoreApplication::translate("cifarlab::ComparisonCharts", "Run %1 has no test confusion matrix.").arg(fromStd(lastConfusion(a) ? b.label : a.label)));
        }
        break;
    }
    }
    if (reason)
        reason->clear();
    return true;
}

void paintComparisonChart(QPainter &painter, const QRectF &rect, ComparisonChart chart, const RunComparison &comparison,
                          const ComparisonChartOptions &options)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    Ctx c(painter, rect, options.darkBackground);
    painter.fillRect(rect, c.theme.background);
    const double margin = c.px(18);
    const QRectF inner = rect.adjusted(margin, margin * 0.9, -margin, -margin * 0.9);
    QString reason;
    if (!comparisonChartApplies(chart, comparison, options, &reason)) {
        const QRectF body = drawHeader(c, inner, comparisonChartTitle(chart), QString());
        drawMessage(c, body, reason);
        painter.restore();
        return;
    }
    const std::vector<RunView> views = viewsOf(comparison, options.darkBackground);
    switch (chart) {
    case ComparisonChart::AccuracyBars:
        paintAccuracyBars(c, inner, views);
        break;
    case ComparisonChart::ModelSize:
        paintModelSize(c, inner, views);
        break;
    case ComparisonChart::TestAccuracyCurves:
        paintCurves(c, inner, views, CurveKind::Accuracy);
        break;
    case ComparisonChart::LossCurves:
        paintCurves(c, inner, views, CurveKind::Loss);
        break;
    case ComparisonChart::AccuracyVsLength:
        paintAccuracyVsLength(c, inner, views, options.darkBackground);
        break;
    case ComparisonChart::TimeToAccuracy:
        paintTimeToAccuracy(c, inner, views, options.accuracyThreshold);
        break;
    case ComparisonChart::Ablation:
        paintAblation(c, inner, views[static_cast<size_t>(options.runA)], views[static_cast<size_t>(options.runB)]);
        break;
    case ComparisonChart::DifferenceConfusion:
        paintDifferenceConfusion(c, inner, views[static_cast<size_t>(options.runA)], views[static_cast<size_t>(options.runB)],
                                 classNamesOf(comparison, comparison.runs[static_cast<size_t>(options.runA)]));
        break;
    }
    painter.restore();
}

namespace {

// Writes what `paint` draws by the path's extension (see saveComparisonChart); files are light.
bool saveFigure(const QString &path, QSize size, int dpi, const QString &title, const QString &description,
                const std::function<void(QPainter &, const QRectF &)> &paint, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = fileError(path, why);
        return false;
    };
    if (size.width() < 50 || size.height() < 50)
        return fail(QCoreApplication::translate("cifarlab::ComparisonCharts", "chart size %1x%2 is too small").arg(size.width()).arg(size.height()));
    if (dpi < 24 || dpi > 2400)
        return fail(QCoreApplication::translate("cifarlab::ComparisonCharts", "resolution %1 dpi is out of range (24 to 2400)").arg(dpi));
    const QRectF rect(QPointF(0, 0), QSizeF(size));
    const QString suffix = QFileInfo(path).suffix().toLower();
    QPainter painter;

    if (suffix == QLatin1String("svg")) {
        if (!paintToSvg(path, size, static_cast<int>(kLogicalDpi), title, description, [&](QPainter &svg) { paint(svg, rect); }))
            return fail(QCoreApplication::translate("cifarlab::ComparisonCharts", "cannot write the file"));
        return true;
    }

    if (suffix == QLatin1String("pdf")) {
        QPdfWriter writer(path);
        writer.setResolution(static_cast<int>(kLogicalDpi));
        writer.setTitle(title);
        writer.setCreator(QStringLiteral("CifarLab %1").arg(QString::fromLatin1(versionString())));
        const QSizeF points = QSizeF(size) * (72.0 / kLogicalDpi);
        writer.setPageLayout(QPageLayout(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch), QPageLayout::Portrait,
                                         QMarginsF(0, 0, 0, 0)));
        if (!painter.begin(&writer))
            return fail(QCoreApplication::translate("cifarlab::ComparisonCharts", "cannot write the file"));
        paint(painter, rect);
        if (!painter.end() || QFileInfo(path).size() <= 0)
            return fail(QCoreApplication::translate("cifarlab::ComparisonCharts", "cannot write the file"));
        return true;
    }

    if (suffix != QLatin1String("png"))
        return fail(QCoreApplication::translate("cifarlab::ComparisonCharts", "unsupported format '%1' (expected .png, .svg or .pdf)").arg(suffix));
    const double ratio = dpi / kLogicalDpi;
    const QSize pixels(static_cast<int>(std::lround(size.width() * ratio)), static_cast<int>(std::lround(size.height() * ratio)));
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return fail(QCoreApplication::translate("cifarlab::ComparisonCharts", "%1x%2 pixels is too large an image").arg(pixels.width()).arg(pixels.height()));
    image.setDevicePixelRatio(ratio);
    image.setDotsPerMeterX(static_cast<int>(std::lround(dpi / 0.0254)));
    image.setDotsPerMeterY(static_cast<int>(std::lround(dpi / 0.0254)));
    image.fill(Qt::white);
    if (!painter.begin(&image))
        return fail(QCoreApplication::translate("cifarlab::ComparisonCharts", "cannot paint the image"));
    paint(painter, rect);
    painter.end();
    image.setText(QStringLiteral("Title"), title);
    image.setText(QStringLiteral("Software"), QStringLiteral("CifarLab %1").arg(QString::fromLatin1(versionString())));
    QImageWriter writer(path, "png");
    if (!writer.write(image))
        return fail(writer.errorString());
    return true;
}

} // namespace

bool saveComparisonChart(const QString &path, ComparisonChart chart, const RunComparison &comparison,
                         const ComparisonChartOptions &options, QSize size, int dpi, QString *error)
{
    QString reason;
    if (!comparisonChartApplies(chart, comparison, options, &reason)) {
        if (error)
            *error = fileError(path, reason);
        return false;
    }
    // Files are always light: they end up on paper and in documents.
    ComparisonChartOptions light = options;
    light.darkBackground = false;
    return saveFigure(path, size, dpi, comparisonChartTitle(chart),
                      QCoreApplication::translate("cifarlab::ComparisonCharts", "Run comparison by CifarLab %1").arg(QString::fromLatin1(versionString())),
                      [&](QPainter &painter, const QRectF &rect) { paintComparisonChart(painter, rect, chart, comparison, light); },
                      error);
}

bool writeComparisonPdf(const QString &path, const RunComparison &comparison, QString *error,
                        const ComparisonChartOptions &chartOptions)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = fileError(path, why);
        return false;
    };
    if (comparison.runs.empty())
        return fail(QCoreApplication::translate("cifarlab::ComparisonCharts", "no runs to report"));
    QPdfWriter writer(path);
    writer.setResolution(static_cast<int>(kLogicalDpi));
    writer.setTitle(QCoreApplication::translate("cifarlab::ComparisonCharts", "CifarLab run comparison"));
    writer.setCreator(QStringLiteral("CifarLab %1").arg(QString::fromLatin1(versionString())));
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter));
    QPainter painter;
    if (!painter.begin(&writer))
        return fail(QCoreApplication::translate("cifarlab::ComparisonCharts", "cannot write the file"));
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    const QRect paintRect = writer.pageLayout().paintRectPixels(static_cast<int>(kLogicalDpi));
    const QRectF page(0, 0, paintRect.width(), paintRect.height());
    Ctx c(painter, QRectF(0, 0, kBaseWidth, kBaseHeight), false);
    const double footerH = c.height(c.small) + c.px(10);
    const QRectF content = page.adjusted(0, 0, 0, -footerH);
    int pageNumber = 1;
    bool firstPage = true;
    auto newPage = [&]() {
        if (!firstPage) {
            writer.newPage();
            ++pageNumber;
        }
        firstPage = false;
        drawFooter(c, page, pageNumber);
    };

    // Title page: what, when, with which build; then the summary table (continued as needed).
    newPage();
    QFont big = pixelFont(30, true);
    double y = content.top() + 8;
    c.text(QRectF(content.left(), y, content.width(), c.height(big)), Qt::AlignLeft | Qt::AlignVCenter, big, c.theme.text,
           QCoreApplication::translate("cifarlab::ComparisonCharts", "Run comparison"));
    y += c.height(big) + 4;
    const QString line = reportLine(comparison);
    c.text(QRectF(content.left(), y, content.width(), c.height(c.axisTitle)), Qt::AlignLeft | Qt::AlignVCenter, c.axisTitle, c.theme.muted,
           c.elide(c.axisTitle, line, content.width()));
    y += c.height(c.axisTitle) + 22;

    QFont sectionFont = pixelFont(16, true);
    const QFont cellFont = pixelFont(11);
    QFont headerFont = pixelFont(11, true);
    const double rowH = c.height(cellFont) + 8;
    const double headerH = 2 * c.height(headerFont) + 8;
    const double sectionH = c.height(sectionFont) + 8;
    auto flowTable = [&](const QString &heading, const Table &table) {
        if (table.rows.empty())
            return;
        const std::vector<double> widths = columnWidths(c, table, cellFont, headerFont, content.width());
        size_t next = 0;
        bool continued = false;
        while (next < table.rows.size()) {
            if (y + sectionH + headerH + rowH > content.bottom()) {
                newPage();
                y = content.top();
            }
            c.text(QRectF(content.left(), y, content.width(), sectionH), Qt::AlignLeft | Qt::AlignTop, sectionFont, c.theme.text,
                   continued ? QCoreApplication::translate("cifarlab::ComparisonCharts", "%1 (continued)").arg(heading) : heading);
            y += sectionH;
            const size_t fit = static_cast<size_t>(std::max(1.0, std::floor((content.bottom() - y - headerH) / rowH)));
            const size_t end = std::min(table.rows.size(), next + fit);
            y = drawTable(c, content.left(), y, widths, table, next, end, cellFont, headerFont, rowH, headerH) + 24;
            next = end;
            continued = true;
        }
    };
    flowTable(QCoreApplication::translate("cifarlab::ComparisonCharts", "Summary"), summaryTable(comparison));
    flowTable(QCoreApplication::translate("cifarlab::ComparisonCharts", "Settings that differ"), settingsTable(comparison));
    flowTable(QCoreApplication::translate("cifarlab::ComparisonCharts", "Most confused pairs (test images, last epoch)"),
              confusedPairsTable(comparison));

    // One page per chart that applies.
    ComparisonChartOptions options = chartOptions;
    options.darkBackground = false;
    for (const ComparisonChart chart : allComparisonCharts()) {
        if (!comparisonChartApplies(chart, comparison, options))
            continue;
        newPage();
        paintComparisonChart(painter, content, chart, comparison, options);
    }

    // One page per run: curves, confusion matrix, architecture and settings.
    FactsCache factsCache;
    for (size_t i = 0; i < comparison.runs.size(); ++i) {
        const ComparedRun &run = comparison.runs[i];
        newPage();
        Ctx rc(painter, content, false);
        const RunView view{&run, paletteColor(static_cast<int>(i), false), fromStd(run.label), static_cast<int>(i)};
        const QString epochs = run.record.epochsDone == 1 ? QCoreApplication::translate("cifarlab::ComparisonCharts", "1 epoch")
                                                          : QCoreApplication::translate("cifarlab::ComparisonCharts", "%1 epochs").arg(run.record.epochsDone);
        QString subtitle = QCoreApplication::translate("cifarlab::ComparisonCharts", "%1 on %2, %3, %4")
                               .arg(fromStd(run.record.architecture), fromStd(run.record.datasetName),
                                    fromStd(runStatusName(run.record.status)), epochs);
        if (!run.epochs.empty())
            subtitle += QCoreApplication::translate("cifarlab::ComparisonCharts", "; final test accuracy %1, best %2 (epoch %3)")
                            .arg(percentText(run.record.finalTestAccuracy, 2), percentText(run.record.bestTestAccuracy, 2))
                            .arg(run.record.bestEpoch + 1);
        const QRectF body = drawHeader(rc, content, QCoreApplication::translate("cifarlab::ComparisonCharts", "Run %1").arg(view.label), subtitle);
        const double gap = rc.px(28);
        const double leftW = (body.width() - gap) * 0.54;
        const QRectF left(body.left(), body.top(), leftW, body.height());
        const QRectF right(body.left() + leftW + gap, body.top(), body.width() - leftW - gap, body.height());
        if (run.epochs.empty()) {
            drawMessage(rc, left, QCoreApplication::translate("cifarlab::ComparisonCharts", "No epochs recorded."));
        } else {
            const std::vector<RunView> one = {view};
            std::vector<LegendItem> legend = {{QCoreApplication::translate("cifarlab::ComparisonCharts", "test"), view.color, LegendItem::Line, Qt::SolidLine, view.marker},
                                              {QCoreApplication::translate("cifarlab::ComparisonCharts", "train"), view.color, LegendItem::Line, Qt::DashLine, -1}};
            const QRectF curves = placeLegend(rc, left, legend);
            const double half = (curves.height() - rc.px(20)) / 2.0;
            drawCurvePlot(rc, QRectF(curves.left(), curves.top(), curves.width(), half), one, CurveKind::Accuracy);
            drawCurvePlot(rc, QRectF(curves.left(), curves.top() + half + rc.px(20), curves.width(), half), one, CurveKind::Loss);
        }
        const double matrixH = right.height() * 0.62;
        paintRunConfusion(rc, QRectF(right.left(), right.top(), right.width(), matrixH), run, classNamesOf(comparison, run));
        const QRectF text(right.left(), right.top() + matrixH + rc.px(14), right.width(), right.height() - matrixH - rc.px(14));
        const QStringList arch = architectureLines(run, factsCache);
        drawLines(rc, QRectF(text.left(), text.top(), text.width() * 0.5 - rc.px(8), text.height()), QCoreApplication::translate("cifarlab::ComparisonCharts", "Model"), arch);
        drawLines(rc, QRectF(text.left() + text.width() * 0.5 + rc.px(8), text.top(), text.width() * 0.5 - rc.px(8), text.height()),
                  QCoreApplication::translate("cifarlab::ComparisonCharts", "Training"), settingLines(run));
    }
    if (!painter.end() || QFileInfo(path).size() <= 0)
        return fail(QCoreApplication::translate("cifarlab::ComparisonCharts", "cannot write the file"));
    return true;
}

bool writeComparisonHtml(const QString &folder, const RunComparison &comparison, QString *error,
                         const ComparisonChartOptions &chartOptions)
{
    auto fail = [&](const QString &file, const QString &why) {
        if (error)
            *error = fileError(file, why);
        return false;
    };
    if (!QDir().mkpath(folder))
        return fail(folder, QCoreApplication::translate("cifarlab::ComparisonCharts", "cannot create the folder"));
    const QDir dir(folder);
    auto writeFile = [&](const QString &name, const QByteArray &bytes) {
        QSaveFile file(dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
            return fail(dir.filePath(name), file.errorString());
        return true;
    };
    if (!writeFile(QStringLiteral("summary.csv"), QByteArray::fromStdString(summaryCsv(comparison)))
        || !writeFile(QStringLiteral("epochs.csv"), QByteArray::fromStdString(epochsCsv(comparison)))
        || !writeFile(QStringLiteral("configs.json"), QByteArray::fromStdString(configsJson(comparison))))
        return false;

    auto esc = [](const QString &text) { return text.toHtmlEscaped(); };
    QString html;
    html += QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html += QStringLiteral("<title>%1</title>\n").arg(esc(QCoreApplication::translate("cifarlab::ComparisonCharts", "CifarLab run comparison")));
    html += QStringLiteral(
        "<style>\n"
        "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:2em auto;max-width:1200px;"
        "padding:0 1em;color:#212121;background:#fff}\n"
        "h1{margin-bottom:.2em}.meta{color:#606060;margin-top:0}\n"
        "table{border-collapse:collapse;font-size:.9em;margin:1em 0}th,td{padding:.35em .7em;text-align:left;white-space:nowrap}\n"
        "th{border-bottom:2px solid #777}tr:nth-child(even) td{background:#f6f6f6}td.n,th.n{text-align:right;"
        "font-variant-numeric:tabular-nums}\n"
        ".scroll{overflow-x:auto}figure{margin:2em 0}figure img{max-width:100%;height:auto;border:1px solid #e5e5e5}\n"
        "figcaption{color:#606060;margin-top:.3em}.skipped{color:#606060}\n"
        "</style>\n</head>\n<body>\n");
    html += QStringLiteral("<h1>%1</h1>\n").arg(esc(QCoreApplication::translate("cifarlab::ComparisonCharts", "Run comparison")));
    html += QStringLiteral("<p class=\"meta\">%1</p>\n")
                .arg(esc(reportLine(comparison)));

    auto tableHtml = [&](const Table &t) {
        QString out = QStringLiteral("<div class=\"scroll\"><table>\n<thead><tr>");
        for (int k = 0; k < t.headers.size(); ++k)
            out += QStringLiteral("<th%1>%2</th>")
                       .arg(t.numeric[static_cast<size_t>(k)] ? QStringLiteral(" class=\"n\"") : QString(), esc(t.headers[k]));
        out += QStringLiteral("</tr></thead>\n<tbody>\n");
        for (const QStringList &row : t.rows) {
            out += QStringLiteral("<tr>");
            for (int k = 0; k < t.headers.size(); ++k)
                out += QStringLiteral("<td%1>%2</td>")
                           .arg(t.numeric[static_cast<size_t>(k)] ? QStringLiteral(" class=\"n\"") : QString(), esc(row.value(k)));
            out += QStringLiteral("</tr>\n");
        }
        return out + QStringLiteral("</tbody></table></div>\n");
    };
    html += QStringLiteral("<h2>%1</h2>\n").arg(esc(QCoreApplication::translate("cifarlab::ComparisonCharts", "Summary"))) + tableHtml(summaryTable(comparison));
    const Table settings = settingsTable(comparison);
    if (!settings.rows.empty())
        html += QStringLiteral("<h2>%1</h2>\n").arg(esc(QCoreApplication::translate("cifarlab::ComparisonCharts", "Settings that differ"))) + tableHtml(settings);
    const Table confused = confusedPairsTable(comparison);
    if (!confused.rows.empty())
        html += QStringLiteral("<h2>%1</h2>\n").arg(esc(QCoreApplication::translate("cifarlab::ComparisonCharts", "Most confused pairs (test images, last epoch)")))
                + tableHtml(confused);

    html += QStringLiteral("<h2>%1</h2>\n").arg(esc(QCoreApplication::translate("cifarlab::ComparisonCharts", "Charts")));
    ComparisonChartOptions options = chartOptions;
    options.darkBackground = false;
    QStringList skipped;
    for (const ComparisonChart chart : allComparisonCharts()) {
        QString reason;
        if (!comparisonChartApplies(chart, comparison, options, &reason)) {
            skipped << QStringLiteral("<li>%1: %2</li>").arg(esc(comparisonChartTitle(chart)), esc(reason));
            continue;
        }
        const QString file = comparisonChartFileStem(chart) + QStringLiteral(".png");
        QString why;
        if (!saveComparisonChart(dir.filePath(file), chart, comparison, options, QSize(900, 560), kHtmlDpi, &why)) {
            if (error)
                *error = why;
            return false;
        }
        html += QStringLiteral("<figure><img src=\"%1\" width=\"900\" height=\"560\" alt=\"%2\"><figcaption>%2</figcaption></figure>\n")
                    .arg(esc(file), esc(comparisonChartTitle(chart)));
    }
    if (!skipped.isEmpty())
        html += QStringLiteral("<p class=\"skipped\">%1</p>\n<ul class=\"skipped\">\n%2</ul>\n")
                    .arg(esc(QCoreApplication::translate("cifarlab::ComparisonCharts", "Charts that do not apply to these runs:")), skipped.join(QLatin1Char('\n')) + QLatin1Char('\n'));
    html += QStringLiteral("<h2>%1</h2>\n<ul>\n").arg(esc(QCoreApplication::translate("cifarlab::ComparisonCharts", "Data")));
    html += QStringLiteral("<li><a href=\"summary.csv\">summary.csv</a> %1 %2</li>\n").arg(QChar(0x2014), esc(QCoreApplication::translate("cifarlab::ComparisonCharts", "one row per run")));
    html += QStringLiteral("<li><a href=\"epochs.csv\">epochs.csv</a> %1 %2</li>\n").arg(QChar(0x2014), esc(QCoreApplication::translate("cifarlab::ComparisonCharts", "one row per run and epoch")));
    html += QStringLiteral("<li><a href=\"configs.json\">configs.json</a> %1 %2</li>\n").arg(QChar(0x2014), esc(QCoreApplication::translate("cifarlab::ComparisonCharts", "every run's training settings")));
    html += QStringLiteral("</ul>\n</body>\n</html>\n");
    return writeFile(QStringLiteral("index.html"), html.toUtf8());
}

// ---- learning-rate finder -------------------------------------------------------------------

QString formatLearningRate(double learningRate, int significantDigits)
{
    return tidyExponent(QLocale().toString(learningRate, 'g', significantDigits));
}

QString lrFinderChartTitle()
{
    return QCoreApplication::translate("cifarlab::ComparisonCharts", "Learning-rate finder");
}

std::vector<LrSuggestionMark> lrSuggestionMarks(const LrSuggestions &suggestions)
{
    std::vector<LrSuggestionMark> marks;
    if (suggestions.valley > 0)
        marks.push_back({QCoreApplication::translate("cifarlab::ComparisonCharts", "valley"), suggestions.valley, 1, Qt::SolidLine});
    if (suggestions.steepest > 0)
        marks.push_back({QCoreApplication::translate("cifarlab::ComparisonCharts", "steepest"), suggestions.steepest, 2, Qt::DashLine});
    if (suggestions.minimum > 0)
        marks.push_back({QCoreApplication::translate("cifarlab::ComparisonCharts", "minimum %1 10").arg(QChar(0x00F7)), suggestions.minimum, 3,
                         Qt::DotLine});
    return marks;
}

double LrFinderChartGeometry::learningRateAt(double x) const
{
    if (frame.width() <= 0 || !(minLr > 0) || !(maxLr > minLr))
        return 0.0;
    const double t = std::clamp((x - frame.left()) / frame.width(), 0.0, 1.0);
    return std::pow(10.0, std::log10(minLr) + t * (std::log10(maxLr) - std::log10(minLr)));
}

LrFinderChartGeometry paintLrFinderChart(QPainter &painter, const QRectF &rect, const LrFinderResult &result, const QString &subtitle,
                                         bool dark)
{
    LrFinderChartGeometry geometry;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    Ctx c(painter, rect, dark);
    painter.fillRect(rect, c.theme.background);
    const double margin = c.px(18);
    const QRectF inner = rect.adjusted(margin, margin * 0.9, -margin, -margin * 0.9);
    QRectF body = drawHeader(c, inner, lrFinderChartTitle(), subtitle);
    if (result.points.size() < 2) {
        drawMessage(c, body, result.points.empty() ? QCoreApplication::translate("cifarlab::ComparisonCharts", "No batches recorded yet.")
                                                   : QCoreApplication::translate("cifarlab::ComparisonCharts", "One batch recorded so far."));
        painter.restore();
        return geometry;
    }
    const QColor curve = paletteColor(0, dark);
    const std::vector<LrSuggestionMark> marks = lrSuggestionMarks(result.suggestions);
    std::vector<LegendItem> legend;
    legend.push_back({QCoreApplication::translate("cifarlab::ComparisonCharts", "loss per batch"), mix(curve, c.theme.background, 0.6),
                      LegendItem::Line, Qt::SolidLine, -1});
    legend.push_back({QCoreApplication::translate("cifarlab::ComparisonCharts", "smoothed loss"), curve, LegendItem::Line, Qt::SolidLine, -1});
    for (const LrSuggestionMark &m : marks)
        legend.push_back({QStringLiteral("%1 %2").arg(m.name, formatLearningRate(m.learningRate)), paletteColor(m.colorIndex, dark), LegendItem::Line,
                          m.style, 0});
    body = placeLegend(c, body, legend);

    // The smoothed curve sets the scale; a raw batch loss far above it (the blow-up) runs off the top.
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    Series raw, smooth;
    raw.color = mix(curve, c.theme.background, 0.6);
    raw.width = 1.2;
    smooth.color = curve;
    smooth.width = 2.4;
    // Like fastai's plot, the scale leaves out the last five points: the blow-up would flatten the rest.
    const size_t scaled = result.points.size() > 15 ? result.points.size() - 5 : result.points.size();
    for (size_t i = 0; i < result.points.size(); ++i) {
        const LrFinderPoint &pt = result.points[i];
        raw.points.emplace_back(pt.learningRate, pt.loss);
        smooth.points.emplace_back(pt.learningRate, pt.smoothedLoss);
        if (i < scaled && std::isfinite(pt.smoothedLoss)) {
            lo = std::min(lo, pt.smoothedLoss);
            hi = std::max(hi, pt.smoothedLoss);
        }
    }
    const double pad = std::max(1e-3, (hi - lo) * 0.05);
    const int yTicks = std::clamp(static_cast<int>(body.height() / c.px(55)), 3, 8);
    const Axis y = linearAxis(std::max(0.0, lo - pad), hi + pad, yTicks);
    const Axis x = logAxis(result.points.front().learningRate, result.points.back().learningRate);
    const QString xTitle = QCoreApplication::translate("cifarlab::ComparisonCharts", "Learning rate (log scale)");
    const QString yTitle = QCoreApplication::translate("cifarlab::ComparisonCharts", "Training loss");
    const Plot plot = layoutPlot(c, body, x, y, xTitle, yTitle);
    drawPlotAxes(c, plot, xTitle, yTitle);
    drawSeries(c, plot, {raw, smooth});
    painter.save();
    painter.setClipRect(plot.frame);
    for (const LrSuggestionMark &m : marks) {
        const QColor color = paletteColor(m.colorIndex, dark);
        const double px = plot.xAt(m.learningRate);
        QPen pen(color, c.px(1.6), m.style, Qt::FlatCap);
        painter.setPen(pen);
        painter.drawLine(QPointF(px, plot.frame.top()), QPointF(px, plot.frame.bottom()));
        const LrFinderPoint *nearest = nearestLrFinderPoint(result.points, m.learningRate);
        if (nearest && std::isfinite(nearest->smoothedLoss))
            drawMarker(c, 0, QPointF(px, plot.yAt(nearest->smoothedLoss)), c.px(4.5), color);
    }
    painter.restore();
    painter.restore();
    geometry.frame = plot.frame;
    geometry.minLr = x.min;
    geometry.maxLr = x.max;
    return geometry;
}

bool saveLrFinderChart(const QString &path, const LrFinderResult &result, const QString &subtitle, QSize size, int dpi, QString *error)
{
    return saveFigure(path, size, dpi, lrFinderChartTitle(),
                      QCoreApplication::translate("cifarlab::ComparisonCharts", "Learning-rate finder by CifarLab %1").arg(QString::fromLatin1(versionString())),
                      [&](QPainter &painter, const QRectF &rect) { paintLrFinderChart(painter, rect, result, subtitle, false); }, error);
}

} // namespace cifarlab
