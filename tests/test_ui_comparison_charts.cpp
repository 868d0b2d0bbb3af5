// The comparison charts as files a user puts into a paper or a wiki, offscreen: every chart as PNG
// (at 96 and 300 DPI), SVG and PDF, the multi-page PDF report and the HTML report, for four
// realistic CIFAR-10 runs built in memory; and the charts that cannot be drawn saying why.
//
// Set CIFARLAB_CHART_DUMP=/some/folder to keep the rendered files for a look.
#include "support/temp_dir.h"
#include "support/ui_application.h"
#include "ui/comparison_charts.h"

#include <QApplication>
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QSet>
#include <QSvgRenderer>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

using namespace cifarlab;

namespace {

QApplication &application()
{
    return test::uiApplication("test_ui_comparison_charts");
}

const std::vector<std::string> kCifar10 = {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};

struct RunShape
{
    int64_t id;
    std::string name;
    std::string architecture;
    int epochs;
    double finalAccuracy;
    double secondsPerEpoch;
    int64_t parameters;
    int64_t modelBytes;
    std::vector<std::string> augment = {"crop", "flip"};
};

// Plausible curves: accuracy rising towards its final value, train above test, losses falling,
// and a last-epoch test confusion matrix (1000 images per class) with cat/dog mix-ups.
ComparedRun makeRun(const RunShape &shape, int index)
{
    ComparedRun run;
    RunRecord &r = run.record;
    r.id = shape.id;
    r.name = shape.name;
    r.architecture = shape.architecture;
    r.datasetName = "cifar-10-batches-bin";
    r.status = RunStatus::Completed;
    r.classNames = kCifar10;
    r.parameters = shape.parameters;
    r.modelBytes = shape.modelBytes;
    run.config.architecture = shape.architecture;
    run.config.epochs = shape.epochs;
    run.config.augment = shape.augment;
    run.config.seed = static_cast<uint64_t>(index);
    for (int e = 0; e < shape.epochs; ++e) {
        EpochMetrics m;
        m.epoch = e;
        m.epochs = shape.epochs;
        const double progress = 1.0 - std::exp(-(e + 1) * 4.0 / shape.epochs);
        const double wobble = 0.012 * std::sin(e * 1.7 + index) * (1.0 - progress);
        m.testAccuracy = 0.35 + (shape.finalAccuracy - 0.35) * progress + wobble;
        m.trainAccuracy = std::min(0.999, m.testAccuracy + 0.02 + 0.05 * progress);
        m.testLoss = 0.18 + 1.6 * (1.0 - progress) + 0.5 * (1.0 - shape.finalAccuracy);
        m.trainLoss = m.testLoss * (0.92 - 0.2 * progress);
        m.learningRate = 0.1 * std::cos(3.14159 * e / (2.0 * shape.epochs));
        m.seconds = shape.secondsPerEpoch;
        m.elapsedSeconds = shape.secondsPerEpoch * (e + 1);
        m.imagesPerSecond = 50000.0 / shape.secondsPerEpoch;
        run.epochs.push_back(m);
    }
    EpochMetrics &last = run.epochs.back();
    last.testConfusion.assign(100, 0);
    for (int t = 0; t < 10; ++t) {
        const double classAcc = std::clamp(last.testAccuracy + ((t == 3 || t == 5) ? -0.12 : 0.025) + 0.01 * ((t * 7 + index) % 3), 0.0, 1.0);
        int64_t right = static_cast<int64_t>(std::lround(1000 * classAcc));
        int64_t wrong = 1000 - right;
        last.testConfusion[static_cast<size_t>(t * 10 + t)] = right;
        const int partner = t == 3 ? 5 : (t == 5 ? 3 : (t + 1 + index) % 10 == t ? (t + 2) % 10 : (t + 1 + index) % 10);
        const int64_t main = wrong * 6 / 10;
        last.testConfusion[static_cast<size_t>(t * 10 + partner)] += main;
        wrong -= main;
        for (int p = 0; wrong > 0; p = (p + 3) % 10) {
            if (p == t)
                continue;
            const int64_t some = std::min<int64_t>(wrong, 1 + (p + t + index) % 9);
            last.testConfusion[static_cast<size_t>(t * 10 + p)] += some;
            wrong -= some;
        }
    }
    r.epochsDone = shape.epochs;
    r.finalTestAccuracy = last.testAccuracy;
    r.finalTrainAccuracy = last.trainAccuracy;
    r.finalTestLoss = last.testLoss;
    r.bestEpoch = 0;
    for (const EpochMetrics &m : run.epochs) {
        if (m.testAccuracy > r.bestTestAccuracy) {
            r.bestTestAccuracy = m.testAccuracy;
            r.bestEpoch = m.epoch;
        }
    }
    r.wallSeconds = shape.secondsPerEpoch * shape.epochs;
    r.imagesPerSecond = 50000.0 / shape.secondsPerEpoch;
    run.label = std::to_string(shape.id) + " " + shape.name;
    return run;
}

RunComparison realisticComparison()
{
    RunComparison c;
    const std::vector<RunShape> shapes = {
        {12, "resnet18-standard", "resnet18", 30, 0.948, 95.0, 11173962, 44747208},
        {13, "resnet18-no-flip", "resnet18", 30, 0.931, 94.0, 11173962, 44747208, {"crop"}},
        {14, "baseline-plus", "baseline-plus", 30, 0.842, 21.0, 2474826, 9914200},
        {15, "densenet121-short", "densenet121", 15, 0.927, 260.0, 6956298, 28164248},
    };
    for (size_t i = 0; i < shapes.size(); ++i)
        c.runs.push_back(makeRun(shapes[i], static_cast<int>(i)));
    c.classNames = kCifar10;
    return c;
}

// Nine runs with long names (one without epochs), and 100 classes: legends wrap, labels elide,
// bar labels turn, the 100 x 100 difference matrix thins its labels.
RunComparison crowdedComparison()
{
    RunComparison c;
    const char *const architectures[] = {"resnet18", "baseline", "baseline-plus", "densenet121", "resnext29_32x4d"};
    std::vector<std::string> classes;
    for (int i = 0; i < 100; ++i)
        classes.push_back("fine_class_" + std::to_string(i));
    for (int i = 0; i < 9; ++i) {
        RunShape shape{100 + i,
                       "an-unusually-long-run-name-number-" + std::to_string(i) + "-with-cosine-schedule-and-extra-words",
                       architectures[i % 5],
                       10 + 5 * (i % 4),
                       0.55 + 0.04 * i,
                       30.0 + 10 * i,
                       1000000 + 700000 * i,
                       4000000 + 2800000 * i};
        ComparedRun run = makeRun(shape, i);
        run.record.classNames = classes;
        run.label = std::to_string(shape.id) + " " + shape.name.substr(0, 31) + "\u2026";
        std::vector<int64_t> confusion(100 * 100, 0);
        for (int t = 0; t < 100; ++t) {
            confusion[static_cast<size_t>(t * 100 + t)] = 60 + (t * (i + 3)) % 35;
            confusion[static_cast<size_t>(t * 100 + (t * 7 + i) % 100)] += 100 - confusion[static_cast<size_t>(t * 100 + t)];
        }
        run.epochs.back().testConfusion = confusion;
        if (i == 8)
            run.epochs.clear();
        c.runs.push_back(run);
    }
    c.classNames = classes;
    return c;
}

QString dumpFolder()
{
    return qEnvironmentVariable("CIFARLAB_CHART_DUMP");
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < argb.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(argb.constScanLine(y));
        for (int x = 0; x < argb.width(); ++x)
            colours.insert(line[x]);
    }
    return static_cast<int>(colours.size());
}

// The strings each chart must carry as text.
QStringList expectedTexts(ComparisonChart chart, const RunComparison &c)
{
    QStringList labels;
    for (const ComparedRun &r : c.runs)
        labels << QString::fromStdString(r.label);
    switch (chart) {
    case ComparisonChart::AccuracyVsLength:
        return {QStringLiteral("resnet18"), QStringLiteral("baseline-plus"), QStringLiteral("densenet121")};
    case ComparisonChart::Ablation:
        return {labels[0], labels[1], QStringLiteral("augment: crop,flip")};
    case ComparisonChart::DifferenceConfusion:
        return {QStringLiteral("airplane"), QStringLiteral("truck"), QStringLiteral("True class")};
    default:
        return labels;
    }
}

TEST(ComparisonCharts, EveryChartHasATitleAndASafeUniqueFileStem)
{
    application();
    QSet<QString> stems;
    const QRegularExpression safe(QStringLiteral("^[a-z][a-z0-9-]*$"));
    EXPECT_EQ(allComparisonCharts().size(), 8);
    for (const ComparisonChart chart : allComparisonCharts()) {
        EXPECT_FALSE(comparisonChartTitle(chart).isEmpty());
        const QString stem = comparisonChartFileStem(chart);
        EXPECT_TRUE(safe.match(stem).hasMatch()) << stem.toStdString();
        stems.insert(stem);
    }
    EXPECT_EQ(stems.size(), 8);
}

TEST(ComparisonCharts, EveryChartSavesAsPngAt96And300Dpi)
{
    application();
    const RunComparison c = realisticComparison();
    test::TempDir dir;
    const ComparisonChartOptions options;
    for (const ComparisonChart chart : allComparisonCharts()) {
        const std::string name = comparisonChartFileStem(chart).toStdString();
        QString reason;
        ASSERT_TRUE(comparisonChartApplies(chart, c, options, &reason)) << name << ": " << reason.toStdString();
        for (const int dpi : {96, 300}) {
            const QString path = QString::fromStdString(dir.file(name + "-" + std::to_string(dpi) + ".png"));
            QString error;
            ASSERT_TRUE(saveComparisonChart(path, chart, c, options, QSize(900, 560), dpi, &error)) << error.toStdString();
            const QByteArray bytes = readAll(path);
            EXPECT_TRUE(bytes.startsWith(QByteArray("\x89PNG\r\n\x1a\n", 8))) << name;
            const QImage image(path);
            const QSize expected = dpi == 96 ? QSize(900, 560) : QSize(2813, 1750);
            EXPECT_EQ(image.size(), expected) << name << " at " << dpi;
            EXPECT_NEAR(image.dotsPerMeterX(), dpi / 0.0254, 1.0) << name;
            const qint64 low = dpi == 96 ? 15 * 1024 : 60 * 1024;
            const qint64 high = dpi == 96 ? 1024 * 1024 : 6 * 1024 * 1024;
            EXPECT_GT(bytes.size(), low) << name << " at " << dpi;
            EXPECT_LT(bytes.size(), high) << name << " at " << dpi;
            if (dpi == 96) {
                // Not blank: lines, bars, text antialiasing and the palette give many colours.
                EXPECT_GT(distinctColours(image), 150) << name;
                // The frame stays white (files are light) and nothing is drawn over the edge.
                EXPECT_EQ(image.pixelColor(2, 2), QColor(Qt::white)) << name;
                EXPECT_EQ(image.pixelColor(897, 557), QColor(Qt::white)) << name;
            }
        }
    }
}

TEST(ComparisonCharts, EveryChartSavesAsSvgWithItsLabelsAsText)
{
    application();
    const RunComparison c = realisticComparison();
    test::TempDir dir;
    for (const ComparisonChart chart : allComparisonCharts()) {
        const std::string name = comparisonChartFileStem(chart).toStdString();
        const QString path = QString::fromStdString(dir.file(name + ".svg"));
        QString error;
        ASSERT_TRUE(saveComparisonChart(path, chart, c, {}, QSize(900, 560), 96, &error)) << error.toStdString();
        const QByteArray bytes = readAll(path);
        QXmlStreamReader xml(bytes);
        QString root;
        QString text;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && root.isEmpty())
                root = xml.name().toString();
            if (xml.isCharacters())
                text += xml.text();
        }
        EXPECT_FALSE(xml.hasError()) << name << ": " << xml.errorString().toStdString();
        EXPECT_EQ(root, QStringLiteral("svg")) << name;
        EXPECT_TRUE(QSvgRenderer(path).isValid()) << name;
        EXPECT_TRUE(bytes.contains("viewBox=\"0 0 900 560\"")) << name;
        for (const QString &label : expectedTexts(chart, c))
            EXPECT_TRUE(text.contains(label)) << name << " lacks " << label.toStdString();
        EXPECT_GT(bytes.size(), 5 * 1024) << name;
        EXPECT_LT(bytes.size(), 3 * 1024 * 1024) << name;
    }
}

TEST(ComparisonCharts, EveryChartSavesAsVectorPdf)
{
    application();
    const RunComparison c = realisticComparison();
    test::TempDir dir;
    for (const ComparisonChart chart : allComparisonCharts()) {
        const std::string name = comparisonChartFileStem(chart).toStdString();
        const QString path = QString::fromStdString(dir.file(name + ".pdf"));
        QString error;
        ASSERT_TRUE(saveComparisonChart(path, chart, c, {}, QSize(900, 560), 96, &error)) << error.toStdString();
        const QByteArray bytes = readAll(path);
        EXPECT_TRUE(bytes.startsWith("%PDF-")) << name;
        EXPECT_TRUE(bytes.trimmed().endsWith("%%EOF")) << name;
        EXPECT_GT(bytes.size(), 4 * 1024) << name;
        EXPECT_LT(bytes.size(), 2 * 1024 * 1024) << name;
        // One page of 900 x 560 logical pixels = 675 x 420 points, no raster image of the chart.
        EXPECT_EQ(bytes.count("/Type /Page\n") + bytes.count("/Type /Page\r"), 1) << name;
        static const QRegularExpression mediaBox(QStringLiteral("/MediaBox \\[0 0 675(\\.0+)? 420(\\.0+)?\\]"));
        EXPECT_TRUE(mediaBox.match(QString::fromLatin1(bytes)).hasMatch()) << name;
        EXPECT_FALSE(bytes.contains("/Subtype /Image")) << name;
    }
}

// The same painter code for every device: the SVG, drawn back, looks like the PNG.
TEST(ComparisonCharts, SvgAndPngRenderAlike)
{
    application();
    const RunComparison c = realisticComparison();
    test::TempDir dir;
    for (const ComparisonChart chart : {ComparisonChart::AccuracyBars, ComparisonChart::TestAccuracyCurves, ComparisonChart::ModelSize}) {
        const QString png = QString::fromStdString(dir.file("a.png"));
        const QString svg = QString::fromStdString(dir.file("a.svg"));
        ASSERT_TRUE(saveComparisonChart(png, chart, c, {}));
        ASSERT_TRUE(saveComparisonChart(svg, chart, c, {}));
        const QImage a = QImage(png).convertToFormat(QImage::Format_ARGB32);
        QImage b(a.size(), QImage::Format_ARGB32);
        b.fill(Qt::white);
        QPainter painter(&b);
        QSvgRenderer(svg).render(&painter, QRectF(0, 0, a.width(), a.height()));
        painter.end();
        qint64 differing = 0;
        for (int y = 0; y < a.height(); ++y) {
            for (int x = 0; x < a.width(); ++x) {
                const QColor p = a.pixelColor(x, y);
                const QColor q = b.pixelColor(x, y);
                if (std::abs(p.red() - q.red()) + std::abs(p.green() - q.green()) + std::abs(p.blue() - q.blue()) > 120)
                    ++differing;
            }
        }
        EXPECT_LT(static_cast<double>(differing) / (a.width() * a.height()), 0.01)
            << comparisonChartFileStem(chart).toStdString() << ": " << differing << " pixels differ";
    }
}

TEST(ComparisonCharts, ChartsThatDoNotApplySayWhy)
{
    application();
    RunComparison one = realisticComparison();
    one.runs.resize(1);
    test::TempDir dir;
    for (const ComparisonChart chart : {ComparisonChart::Ablation, ComparisonChart::DifferenceConfusion, ComparisonChart::AccuracyVsLength}) {
        QString reason;
        EXPECT_FALSE(comparisonChartApplies(chart, one, {}, &reason)) << comparisonChartFileStem(chart).toStdString();
        EXPECT_FALSE(reason.isEmpty());
        EXPECT_FALSE(reason.contains(QLatin1Char('\n')));
        const QString path = QString::fromStdString(dir.file("x.png"));
        QString error;
        EXPECT_FALSE(saveComparisonChart(path, chart, one, {}, QSize(900, 560), 96, &error));
        EXPECT_TRUE(error.contains(QStringLiteral("x.png"))) << error.toStdString();
        EXPECT_TRUE(error.contains(reason)) << error.toStdString();
        EXPECT_FALSE(QFileInfo::exists(path));
    }
    QString reason;
    EXPECT_FALSE(comparisonChartApplies(ComparisonChart::Ablation, one, {}, &reason));
    EXPECT_TRUE(reason.contains(QStringLiteral("two runs"))) << reason.toStdString();
    // Everything else still works for one run.
    for (const ComparisonChart chart : {ComparisonChart::AccuracyBars, ComparisonChart::ModelSize, ComparisonChart::TestAccuracyCurves,
                                        ComparisonChart::LossCurves, ComparisonChart::TimeToAccuracy})
        EXPECT_TRUE(comparisonChartApplies(chart, one, {})) << comparisonChartFileStem(chart).toStdString();

    // No runs at all, runs without epochs, a pair that is not a pair, other class sets.
    for (const ComparisonChart chart : allComparisonCharts())
        EXPECT_FALSE(comparisonChartApplies(chart, RunComparison(), {}));
    RunComparison fresh = realisticComparison();
    for (ComparedRun &r : fresh.runs)
        r.epochs.clear();
    EXPECT_FALSE(comparisonChartApplies(ComparisonChart::TestAccuracyCurves, fresh, {}));
    EXPECT_TRUE(comparisonChartApplies(ComparisonChart::ModelSize, fresh, {}));
    ComparisonChartOptions same;
    same.runB = 0;
    EXPECT_FALSE(comparisonChartApplies(ComparisonChart::Ablation, realisticComparison(), same));
    RunComparison other = realisticComparison();
    other.runs[1].record.classNames[0] = "plane";
    EXPECT_FALSE(comparisonChartApplies(ComparisonChart::DifferenceConfusion, other, {}, &reason));
    EXPECT_TRUE(reason.contains(QStringLiteral("classes"))) << reason.toStdString();
    // An unknown extension is refused with the file named.
    QString error;
    EXPECT_FALSE(saveComparisonChart(QString::fromStdString(dir.file("chart.gif")), ComparisonChart::AccuracyBars, one, {}, QSize(900, 560), 96, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("chart.gif"))) << error.toStdString();
}

TEST(ComparisonCharts, PaintsForTheScreenInADarkThemeAndExplainsWhatIsMissing)
{
    application();
    const RunComparison c = realisticComparison();
    QImage image(700, 450, QImage::Format_ARGB32);
    image.fill(Qt::magenta);
    ComparisonChartOptions dark;
    dark.darkBackground = true;
    QPainter painter(&image);
    paintComparisonChart(painter, QRectF(0, 0, 700, 450), ComparisonChart::LossCurves, c, dark);
    painter.end();
    EXPECT_LT(image.pixelColor(3, 3).lightness(), 60);
    EXPECT_GT(distinctColours(image), 100);

    // A chart that does not apply paints its reason instead of failing.
    RunComparison one = c;
    one.runs.resize(1);
    QImage message(700, 450, QImage::Format_ARGB32);
    message.fill(Qt::magenta);
    QPainter p2(&message);
    paintComparisonChart(p2, QRectF(0, 0, 700, 450), ComparisonChart::Ablation, one, {});
    p2.end();
    EXPECT_EQ(message.pixelColor(3, 3), QColor(Qt::white));
    EXPECT_GT(distinctColours(message), 10);
}

TEST(ComparisonCharts, PdfReportHasAPagePerSection)
{
    application();
    const RunComparison c = realisticComparison();
    test::TempDir dir;
    const QString path = QString::fromStdString(dir.file("report.pdf"));
    QString error;
    ASSERT_TRUE(writeComparisonPdf(path, c, &error)) << error.toStdString();
    const QByteArray bytes = readAll(path);
    EXPECT_TRUE(bytes.startsWith("%PDF-"));
    EXPECT_TRUE(bytes.trimmed().endsWith("%%EOF"));
    // Title page with the summary, the 8 charts, and one page per run.
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page[^s]"));
    EXPECT_EQ(QString::fromLatin1(bytes).count(page), 1 + 8 + 4);
    EXPECT_GT(bytes.size(), 50 * 1024);
    EXPECT_LT(bytes.size(), 8 * 1024 * 1024);

    // Two runs of one architecture and length: no accuracy-vs-length page.
    RunComparison two = c;
    two.runs.resize(2);
    ASSERT_TRUE(writeComparisonPdf(path, two, &error)) << error.toStdString();
    EXPECT_EQ(QString::fromLatin1(readAll(path)).count(page), 1 + 7 + 2);

    EXPECT_FALSE(writeComparisonPdf(QString::fromStdString(dir.file("missing/folder/report.pdf")), c, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("report.pdf"))) << error.toStdString();
    if (!dumpFolder().isEmpty())
        writeComparisonPdf(dumpFolder() + QStringLiteral("/report.pdf"), c);
}

TEST(ComparisonCharts, HtmlReportEscapesRunNamesAndLinksItsFiles)
{
    application();
    RunComparison c = realisticComparison();
    c.runs[2].record.name = "<b>&\"x\"";
    c.runs[2].label = "14 <b>&\"x\"";
    test::TempDir dir;
    const QString folder = QString::fromStdString(dir.file("html"));
    QString error;
    ASSERT_TRUE(writeComparisonHtml(folder, c, &error)) << error.toStdString();
    const QString html = QString::fromUtf8(readAll(folder + QStringLiteral("/index.html")));
    EXPECT_TRUE(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
    EXPECT_TRUE(html.contains(QStringLiteral("14 &lt;b&gt;&amp;&quot;x&quot;"))) << html.toStdString();
    EXPECT_FALSE(html.contains(QStringLiteral("<b>&\"x\"")));
    EXPECT_FALSE(html.contains(QStringLiteral("<b>")));
    // fastai's most_confused per run: the realistic runs mix up cats and dogs most.
    EXPECT_TRUE(html.contains(QStringLiteral("Most confused pairs"))) << html.toStdString();
    EXPECT_TRUE(html.contains(QStringLiteral("cat %1 dog: ").arg(QChar(0x2192))) || html.contains(QStringLiteral("dog %1 cat: ").arg(QChar(0x2192))));
    for (const char *file : {"summary.csv", "epochs.csv", "configs.json"}) {
        EXPECT_TRUE(html.contains(QStringLiteral("href=\"%1\"").arg(QLatin1String(file)))) << file;
        EXPECT_GT(QFileInfo(folder + QLatin1Char('/') + QLatin1String(file)).size(), 100) << file;
    }
    for (const ComparisonChart chart : allComparisonCharts()) {
        const QString png = comparisonChartFileStem(chart) + QStringLiteral(".png");
        EXPECT_TRUE(html.contains(QStringLiteral("src=\"%1\"").arg(png))) << png.toStdString();
        EXPECT_EQ(QImage(folder + QLatin1Char('/') + png).size(), QSize(1800, 1120)) << png.toStdString();
    }
    // The CSV keeps the name as is (quoted).
    EXPECT_TRUE(readAll(folder + QStringLiteral("/summary.csv")).contains("\"<b>&\"\"x\"\"\""));
}

TEST(ComparisonCharts, CrowdedComparisonsStillRender)
{
    application();
    const RunComparison c = crowdedComparison();
    test::TempDir dir;
    ComparisonChartOptions options;
    options.accuracyThreshold = 0.7; // some runs never get there
    for (const ComparisonChart chart : allComparisonCharts()) {
        const std::string name = comparisonChartFileStem(chart).toStdString();
        ASSERT_TRUE(comparisonChartApplies(chart, c, options)) << name;
        const QString path = QString::fromStdString(dir.file(name + ".png"));
        QString error;
        ASSERT_TRUE(saveComparisonChart(path, chart, c, options, QSize(900, 560), 96, &error)) << error.toStdString();
        const QImage image(path);
        EXPECT_GT(distinctColours(image), 100) << name;
        EXPECT_EQ(image.pixelColor(897, 557), QColor(Qt::white)) << name;
        if (!dumpFolder().isEmpty())
            QFile::copy(path, dumpFolder() + QStringLiteral("/crowded-") + QString::fromStdString(name) + QStringLiteral(".png"));
    }
    // Small on screen: still paints, nothing thrown.
    QImage small(420, 300, QImage::Format_ARGB32);
    QPainter painter(&small);
    for (const ComparisonChart chart : allComparisonCharts())
        paintComparisonChart(painter, QRectF(0, 0, 420, 300), chart, c, options);
    painter.end();
    const QString pdf = QString::fromStdString(dir.file("crowded.pdf"));
    QString error;
    ASSERT_TRUE(writeComparisonPdf(pdf, c, &error)) << error.toStdString();
    if (!dumpFolder().isEmpty()) {
        QFile::remove(dumpFolder() + QStringLiteral("/crowded.pdf"));
        QFile::copy(pdf, dumpFolder() + QStringLiteral("/crowded.pdf"));
    }
}

// Not a check: writes every chart at print resolution when CIFARLAB_CHART_DUMP is set.
TEST(ComparisonCharts, DumpForALook)
{
    application();
    if (dumpFolder().isEmpty())
        GTEST_SKIP() << "set CIFARLAB_CHART_DUMP to keep the charts";
    QDir().mkpath(dumpFolder());
    const RunComparison c = realisticComparison();
    for (const ComparisonChart chart : allComparisonCharts()) {
        for (const QString &ext : {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")})
            EXPECT_TRUE(saveComparisonChart(dumpFolder() + QLatin1Char('/') + comparisonChartFileStem(chart) + QLatin1Char('.') + ext, chart, c, {}));
    }
    ComparisonChartOptions dark;
    dark.darkBackground = true;
    QImage image(900, 560, QImage::Format_ARGB32);
    QPainter painter(&image);
    paintComparisonChart(painter, QRectF(0, 0, 900, 560), ComparisonChart::TestAccuracyCurves, c, dark);
    painter.end();
    image.save(dumpFolder() + QStringLiteral("/dark-curves.png"));
    writeComparisonHtml(dumpFolder() + QStringLiteral("/html"), c);
    // Losses over two decades: drawn on a log scale.
    RunComparison steep = c;
    for (ComparedRun &run : steep.runs) {
        for (EpochMetrics &e : run.epochs) {
            e.trainLoss = 2.3 * std::exp(-0.18 * static_cast<double>(e.epoch));
            e.testLoss = 0.3 + 2.0 * std::exp(-0.25 * static_cast<double>(e.epoch));
        }
    }
    EXPECT_TRUE(saveComparisonChart(dumpFolder() + QStringLiteral("/log-loss-curves.png"), ComparisonChart::LossCurves, steep, {}));
}

} // namespace
