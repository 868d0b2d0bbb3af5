#pragma once

#include "core/lr_finder.h"
#include "core/run_comparison.h"

#include <QList>
#include <QRectF>
#include <QSize>
#include <QString>

#include <vector>

class QPainter;

namespace cifarlab {

// The comparison figures of the original study and more, drawn with QPainter so that the same code
// paints the compare view on screen, PNG (any DPI), SVG and PDF files, the report, and the
// headless `cifarlab-cli compare` (offscreen platform).
enum class ComparisonChart {
    AccuracyBars,        // grouped bars: final/best train and test accuracy per run
    ModelSize,           // model size (MB) and parameter count per run (two bar groups)
    TestAccuracyCurves,  // test accuracy against epoch, one line per run (+ train dashed)
    LossCurves,          // train/test loss against epoch, one line per run
    AccuracyVsLength,    // final test accuracy against training length (epochs), per architecture
    TimeToAccuracy,      // seconds to reach the threshold per run, and images/s
    Ablation,            // two runs' curves paired, the differing settings listed in the chart
    DifferenceConfusion, // heat-map of b - a (first two runs), diverging colours
};

struct ComparisonChartOptions
{
    double accuracyThreshold = 0.8; // TimeToAccuracy
    int runA = 0;                   // Ablation / DifferenceConfusion: indices into comparison.runs
    int runB = 1;
    bool darkBackground = false;    // palette for the screen in a dark theme; files are always light
};

// Every chart, in display order, with its title (translated) and a file-name stem ("accuracy-bars").
QList<ComparisonChart> allComparisonCharts();
QString comparisonChartTitle(ComparisonChart chart);
QString comparisonChartFileStem(ComparisonChart chart);
// False (with a reason) when the chart cannot be drawn for these runs, e.g. Ablation with one run.
bool comparisonChartApplies(ComparisonChart chart, const RunComparison &comparison,
                            const ComparisonChartOptions &options, QString *reason = nullptr);

// Paints the chart into `rect` (title, axes, legend included), filling it with the background.
// Designed at 900 x 560; fonts and spacing scale gently with the rect. Run i has colour i of the
// Okabe-Ito palette in every chart. A chart that does not apply paints its title and the reason.
void paintComparisonChart(QPainter &painter, const QRectF &rect, ComparisonChart chart,
                          const RunComparison &comparison, const ComparisonChartOptions &options);

// Writes the chart by the path's extension: .png (round(size x dpi/96) pixels, the DPI recorded in
// the file), .svg (viewBox 0 0 w h, text kept as text), .pdf (one vector page of size x 72/96
// points). Files are always light. Returns false with a one-line error naming the file, also when
// the chart does not apply (the error then carries the reason).
bool saveComparisonChart(const QString &path, ComparisonChart chart, const RunComparison &comparison,
                         const ComparisonChartOptions &options, QSize size = QSize(900, 560), int dpi = 96,
                         QString *error = nullptr);

// The report: one A4 landscape PDF with a title page (date, CifarLab version, summary table and the
// settings that differ; continued on further pages when long), one page per applicable comparison
// chart (default options), and one page per run with its curves, last-epoch test confusion matrix
// and architecture summary (parameters, size, multiply-adds, layers). writeComparisonHtml writes
// index.html (HTML-escaped), the applicable charts as PNG (at 192 DPI, shown at 900 x 560),
// summary.csv, epochs.csv and configs.json into `folder` (created if needed). `options` choose the
// ablation pair and the time-to-accuracy threshold of the charts (files are always light).
bool writeComparisonPdf(const QString &path, const RunComparison &comparison, QString *error = nullptr,
                        const ComparisonChartOptions &options = ComparisonChartOptions());
bool writeComparisonHtml(const QString &folder, const RunComparison &comparison, QString *error = nullptr,
                         const ComparisonChartOptions &options = ComparisonChartOptions());

// The learning-rate finder's curve (see core/lr_finder.h), drawn with the same code: each batch's
// loss faded, the smoothed loss, and a vertical line with a marker for each suggestion.
struct LrSuggestionMark
{
    QString name; // "valley", "steepest", "minimum / 10" (translated)
    double learningRate = 0.0;
    int colorIndex = 0; // into the charts' palette
    Qt::PenStyle style = Qt::SolidLine;
};
QString lrFinderChartTitle();
// A learning rate as the charts and the finder write it: "0.0012", "3e-7" (locale's decimal point).
QString formatLearningRate(double learningRate, int significantDigits = 2);
std::vector<LrSuggestionMark> lrSuggestionMarks(const LrSuggestions &suggestions); // the valid ones, valley first
// Where the curve went, so a view can map the pointer back to a rate; empty frame when no curve was drawn.
struct LrFinderChartGeometry
{
    QRectF frame;
    double minLr = 0.0; // at frame.left(), on a log scale
    double maxLr = 0.0; // at frame.right()
    double learningRateAt(double x) const;
};
LrFinderChartGeometry paintLrFinderChart(QPainter &painter, const QRectF &rect, const LrFinderResult &result,
                                         const QString &subtitle, bool dark = false);
// Writes the curve as .png, .svg or .pdf like saveComparisonChart.
bool saveLrFinderChart(const QString &path, const LrFinderResult &result, const QString &subtitle, QSize size = QSize(900, 560),
                       int dpi = 96, QString *error = nullptr);

} // namespace cifarlab
