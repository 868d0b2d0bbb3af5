// cifarlab-cli compare and report as a user runs them, headless: the files written, the charts
// skipped with their reason, exit codes and one-line errors. The runs are written with
// ExperimentStore directly (training them would only make the test slower).
#include "core/experiment_store.h"
#include "core/training_config.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSize>

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

using namespace cifarlab;

namespace {

using test::CliResult;

// Without QT_QPA_PLATFORM, as from a terminal without a display: the CLI must pick offscreen itself.
CliResult runCli(const QStringList &args)
{
    test::CliRunOptions options;
    options.withoutDisplay = true;
    return test::runCli(args, options);
}

const std::vector<std::string> kClasses = {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};

int64_t addRun(ExperimentStore &store, const std::string &name, const std::vector<std::string> &augment, double finalAccuracy)
{
    TrainingConfig config;
    config.architecture = "resnet18";
    config.epochs = 3;
    config.augment = augment;
    config.dataPath = "/data/cifar-10-batches-bin";
    RunRecord r;
    r.name = name;
    r.architecture = config.architecture;
    r.datasetName = "cifar-10-batches-bin";
    r.configJson = configToJson(config);
    r.classNames = kClasses;
    r.parameters = 11173962;
    r.modelBytes = 44747208;
    r.wallSeconds = 300;
    r.imagesPerSecond = 500;
    const int64_t id = store.createRun(r);
    for (int64_t e = 0; e < 3; ++e) {
        EpochMetrics m;
        m.epoch = e;
        m.epochs = 3;
        m.testAccuracy = finalAccuracy - 0.2 * static_cast<double>(2 - e);
        m.trainAccuracy = m.testAccuracy + 0.03;
        m.testLoss = 1.5 - 0.4 * static_cast<double>(e);
        m.trainLoss = m.testLoss - 0.1;
        m.learningRate = 0.1;
        m.seconds = 100;
        m.elapsedSeconds = 100.0 * static_cast<double>(e + 1);
        m.imagesPerSecond = 500;
        for (int t = 0; t < 10; ++t) {
            for (int p = 0; p < 10; ++p) {
                const int64_t right = std::lround(100 * m.testAccuracy);
                m.testConfusion.push_back(t == p ? right : (p == (t + 1) % 10 ? 100 - right : 0));
            }
        }
        store.recordEpoch(id, m, 10);
    }
    store.setStatus(id, RunStatus::Completed);
    return id;
}

struct Store
{
    test::TempDir dir;
    QString path = QString::fromStdString(dir.file("store"));
    int64_t a = 0;
    int64_t b = 0;
    Store()
    {
        ExperimentStore store(path.toStdString());
        a = addRun(store, "resnet-flip", {"crop", "flip"}, 0.85);
        b = addRun(store, "resnet-noflip", {"crop"}, 0.82);
    }
    QString id(int64_t runId) const { return QString::number(runId); }
};

const QStringList kApplicable = {QStringLiteral("accuracy-bars"), QStringLiteral("test-accuracy-curves"), QStringLiteral("loss-curves"),
                                 QStringLiteral("model-size"), QStringLiteral("time-to-accuracy"), QStringLiteral("ablation"),
                                 QStringLiteral("difference-confusion")};

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Width and height from a PNG's IHDR chunk (this test links no QtGui).
QSize pngSize(const QString &path)
{
    const QByteArray bytes = readAll(path);
    if (bytes.size() < 24 || !bytes.startsWith(QByteArray("\x89PNG\r\n\x1a\n", 8)) || bytes.mid(12, 4) != "IHDR")
        return {};
    auto be32 = [&bytes](int at) {
        return (static_cast<uint32_t>(static_cast<uint8_t>(bytes[at])) << 24) | (static_cast<uint32_t>(static_cast<uint8_t>(bytes[at + 1])) << 16)
            | (static_cast<uint32_t>(static_cast<uint8_t>(bytes[at + 2])) << 8) | static_cast<uint32_t>(static_cast<uint8_t>(bytes[at + 3]));
    };
    return QSize(static_cast<int>(be32(16)), static_cast<int>(be32(20)));
}

TEST(CliCompare, HelpListsTheCommandsAndTheirOptions)
{
    const auto r = runCli({QStringLiteral("--help")});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_TRUE(r.out.contains(QStringLiteral("compare")));
    EXPECT_TRUE(r.out.contains(QStringLiteral("report")));
    const auto compare = runCli({QStringLiteral("compare"), QStringLiteral("--help")});
    EXPECT_EQ(compare.exitCode, 0);
    for (const char *flag : {"--out", "--format", "--dpi", "--threshold", "--store", "RUN"})
        EXPECT_TRUE(compare.out.contains(QLatin1String(flag))) << flag;
    const auto report = runCli({QStringLiteral("report"), QStringLiteral("--help")});
    EXPECT_EQ(report.exitCode, 0);
    for (const char *flag : {"--out", "--html", "--store"})
        EXPECT_TRUE(report.out.contains(QLatin1String(flag))) << flag;
}

TEST(CliCompare, WritesEveryApplicableChartInEachFormatAndTheData)
{
    Store s;
    const QString out = QString::fromStdString(s.dir.file("out"));
    const auto r = runCli({QStringLiteral("compare"), s.id(s.a), QStringLiteral("resnet-noflip"), QStringLiteral("--out"), out,
                           QStringLiteral("--format"), QStringLiteral("png,svg,pdf"), QStringLiteral("--dpi"), QStringLiteral("120"),
                           QStringLiteral("--store"), s.path});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QStringList printed = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &stem : kApplicable) {
        for (const char *ext : {"png", "svg", "pdf"}) {
            const QString path = QDir(out).filePath(stem + QLatin1Char('.') + QLatin1String(ext));
            EXPECT_GT(QFileInfo(path).size(), 1000) << path.toStdString();
            EXPECT_TRUE(printed.contains(path)) << path.toStdString() << "\n" << r.out.toStdString();
        }
        EXPECT_EQ(pngSize(QDir(out).filePath(stem + QStringLiteral(".png"))), QSize(1125, 700)) << stem.toStdString();
        EXPECT_TRUE(readAll(QDir(out).filePath(stem + QStringLiteral(".pdf"))).startsWith("%PDF-"));
    }
    // Two runs of one length: no accuracy-vs-length chart, and the reason is given.
    EXPECT_FALSE(QFileInfo::exists(QDir(out).filePath(QStringLiteral("accuracy-vs-length.png"))));
    EXPECT_TRUE(r.out.contains(QRegularExpression(QStringLiteral("skipped accuracy-vs-length: \\S.*")))) << r.out.toStdString();
    for (const char *file : {"summary.csv", "epochs.csv", "configs.json"}) {
        const QString path = QDir(out).filePath(QLatin1String(file));
        EXPECT_TRUE(printed.contains(path)) << file;
        EXPECT_GT(QFileInfo(path).size(), 50) << file;
    }
    const QList<QByteArray> summary = readAll(QDir(out).filePath(QStringLiteral("summary.csv"))).trimmed().split('\n');
    ASSERT_EQ(summary.size(), 3);
    EXPECT_TRUE(summary[1].startsWith(QByteArray::number(static_cast<qlonglong>(s.a)) + ",")) << summary[1].toStdString();
    EXPECT_EQ(readAll(QDir(out).filePath(QStringLiteral("epochs.csv"))).trimmed().split('\n').size(), 1 + 3 + 3);
    EXPECT_TRUE(r.err.trimmed().isEmpty()) << r.err.toStdString();

    // Default format: PNG only, at 900 x 560.
    const QString plain = QString::fromStdString(s.dir.file("plain"));
    const auto p = runCli({QStringLiteral("compare"), s.id(s.a), s.id(s.b), QStringLiteral("--out"), plain, QStringLiteral("--store"), s.path});
    ASSERT_EQ(p.exitCode, 0) << p.err.toStdString();
    EXPECT_EQ(pngSize(QDir(plain).filePath(QStringLiteral("accuracy-bars.png"))), QSize(900, 560));
    EXPECT_FALSE(QFileInfo::exists(QDir(plain).filePath(QStringLiteral("accuracy-bars.svg"))));

    // One run: the pair charts are skipped with their reason.
    const QString single = QString::fromStdString(s.dir.file("single"));
    const auto one = runCli({QStringLiteral("compare"), s.id(s.b), QStringLiteral("--out"), single, QStringLiteral("--store"), s.path});
    ASSERT_EQ(one.exitCode, 0) << one.err.toStdString();
    EXPECT_TRUE(one.out.contains(QStringLiteral("skipped ablation: "))) << one.out.toStdString();
    EXPECT_TRUE(one.out.contains(QStringLiteral("skipped difference-confusion: "))) << one.out.toStdString();
    EXPECT_TRUE(QFileInfo::exists(QDir(single).filePath(QStringLiteral("accuracy-bars.png"))));
}

// --pair picks runs A and B of the ablation and difference charts; by default they are the first two.
TEST(CliCompare, PairChoosesRunsAAndB)
{
    Store s;
    const auto ablation = [&](const QString &folder, const QStringList &extra) {
        QStringList args = {QStringLiteral("compare"), s.id(s.a), s.id(s.b), QStringLiteral("--out"), folder,
                            QStringLiteral("--format"), QStringLiteral("svg"), QStringLiteral("--store"), s.path};
        args << extra;
        const auto r = runCli(args);
        EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
        return QString::fromUtf8(readAll(QDir(folder).filePath(QStringLiteral("ablation.svg"))));
    };
    const QString byDefault = ablation(QString::fromStdString(s.dir.file("default")), {});
    const QString swapped = ablation(QString::fromStdString(s.dir.file("swapped")),
                                     {QStringLiteral("--pair"), QStringLiteral("resnet-noflip,") + s.id(s.a)});
    const QString labelA = s.id(s.a) + QStringLiteral(" resnet-flip");
    const QString labelB = s.id(s.b) + QStringLiteral(" resnet-noflip");
    ASSERT_TRUE(byDefault.contains(labelA) && byDefault.contains(labelB)) << byDefault.left(2000).toStdString();
    ASSERT_TRUE(swapped.contains(labelA) && swapped.contains(labelB));
    EXPECT_LT(byDefault.indexOf(labelA), byDefault.indexOf(labelB));
    EXPECT_GT(swapped.indexOf(labelA), swapped.indexOf(labelB));

    const QString pdf = QString::fromStdString(s.dir.file("report.pdf"));
    const auto report = runCli({QStringLiteral("report"), s.id(s.a), s.id(s.b), QStringLiteral("--out"), pdf, QStringLiteral("--pair"),
                                s.id(s.b) + QLatin1Char(',') + s.id(s.a), QStringLiteral("--threshold"), QStringLiteral("70%"),
                                QStringLiteral("--store"), s.path});
    EXPECT_EQ(report.exitCode, 0) << report.err.toStdString();
    EXPECT_TRUE(readAll(pdf).startsWith("%PDF-"));

    const QString out = QString::fromStdString(s.dir.file("bad"));
    for (const auto &[pair, expected] : std::vector<std::pair<QString, const char *>>{
             {s.id(s.a), "expected two runs"},
             {s.id(s.a) + QStringLiteral(",999"), "'999' is not among the runs compared"},
             {s.id(s.a) + QLatin1Char(',') + s.id(s.a), "the same run"}}) {
        const auto r = runCli({QStringLiteral("compare"), s.id(s.a), s.id(s.b), QStringLiteral("--out"), out, QStringLiteral("--pair"), pair,
                               QStringLiteral("--store"), s.path});
        EXPECT_EQ(r.exitCode, 2) << pair.toStdString();
        EXPECT_TRUE(r.err.contains(QLatin1String(expected))) << r.err.toStdString();
        EXPECT_EQ(r.err.trimmed().count(QLatin1Char('\n')), 0) << r.err.toStdString();
    }
}

TEST(CliCompare, BadInputExitsWithTwoAndAOneLineReason)
{
    Store s;
    const QString out = QString::fromStdString(s.dir.file("out"));
    struct Case
    {
        QStringList args;
        const char *expected;
    };
    const QString a = s.id(s.a);
    const QString b = s.id(s.b);
    const std::vector<Case> cases = {
        {{QStringLiteral("compare"), a, QStringLiteral("999"), QStringLiteral("--out"), out}, "999"},
        {{QStringLiteral("compare"), QStringLiteral("no-such-name"), QStringLiteral("--out"), out}, "no-such-name"},
        {{QStringLiteral("compare"), QStringLiteral("--out"), out}, "run"},
        {{QStringLiteral("compare"), a, b}, "--out"},
        {{QStringLiteral("compare"), a, a, QStringLiteral("--out"), out}, "twice"},
        {{QStringLiteral("compare"), a, b, QStringLiteral("--out"), out, QStringLiteral("--format"), QStringLiteral("png,gif")}, "--format"},
        {{QStringLiteral("compare"), a, b, QStringLiteral("--out"), out, QStringLiteral("--threshold"), QStringLiteral("250")}, "--threshold"},
        {{QStringLiteral("compare"), a, b, QStringLiteral("--out"), out, QStringLiteral("--dpi"), QStringLiteral("5")}, "--dpi"},
        {{QStringLiteral("compare"), a, b, QStringLiteral("--out"), out, QStringLiteral("--frobnicate")}, "frobnicate"},
        {{QStringLiteral("report"), a, QStringLiteral("--out"), QString::fromStdString(s.dir.file("report.txt"))}, "--out"},
        {{QStringLiteral("report"), a}, "--out"},
        {{QStringLiteral("report"), QStringLiteral("999"), QStringLiteral("--out"), QString::fromStdString(s.dir.file("r.pdf"))}, "999"},
    };
    for (const auto &c : cases) {
        QStringList args = c.args;
        args << QStringLiteral("--store") << s.path;
        const auto r = runCli(args);
        EXPECT_EQ(r.exitCode, 2) << args.join(QLatin1Char(' ')).toStdString() << "\n" << r.err.toStdString();
        EXPECT_TRUE(r.err.contains(QString::fromLatin1(c.expected))) << r.err.toStdString();
        EXPECT_EQ(r.err.trimmed().count(QLatin1Char('\n')), 0) << r.err.toStdString();
    }
    EXPECT_FALSE(QFileInfo::exists(QString::fromStdString(s.dir.file("r.pdf"))));
}

TEST(CliCompare, ReportWritesAPdfAndAnHtmlFolder)
{
    Store s;
    const QString pdf = QString::fromStdString(s.dir.file("reports/comparison.pdf"));
    const QString html = QString::fromStdString(s.dir.file("reports/html"));
    const auto r = runCli({QStringLiteral("report"), s.id(s.a), s.id(s.b), QStringLiteral("--out"), pdf, QStringLiteral("--html"), html,
                           QStringLiteral("--store"), s.path});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QByteArray bytes = readAll(pdf);
    EXPECT_TRUE(bytes.startsWith("%PDF-"));
    EXPECT_TRUE(bytes.trimmed().endsWith("%%EOF"));
    // Title page, the seven charts that apply to two runs of one length, one page per run.
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page[^s]"));
    EXPECT_EQ(QString::fromLatin1(bytes).count(page), 1 + 7 + 2);
    EXPECT_TRUE(r.out.contains(QFileInfo(pdf).absoluteFilePath())) << r.out.toStdString();
    const QString index = QDir(html).filePath(QStringLiteral("index.html"));
    EXPECT_TRUE(r.out.contains(index)) << r.out.toStdString();
    const QString page1 = QString::fromUtf8(readAll(index));
    EXPECT_TRUE(page1.contains(QStringLiteral("resnet-flip")));
    EXPECT_TRUE(QFileInfo::exists(QDir(html).filePath(QStringLiteral("accuracy-bars.png"))));
    EXPECT_TRUE(QFileInfo::exists(QDir(html).filePath(QStringLiteral("summary.csv"))));

    // PDF only.
    const QString only = QString::fromStdString(s.dir.file("only.pdf"));
    const auto o = runCli({QStringLiteral("report"), s.id(s.b), QStringLiteral("--out"), only, QStringLiteral("--store"), s.path});
    ASSERT_EQ(o.exitCode, 0) << o.err.toStdString();
    EXPECT_TRUE(readAll(only).startsWith("%PDF-"));
}

} // namespace
