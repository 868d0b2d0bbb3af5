// Training throughput with the dashboard open against the headless CLI, on one recipe, alternating
// the two so that drift in the machine's speed hits both alike. Prints numbers; not a test.
//
//   bench_gui_overhead [--data PATH] [--arch NAME] [--epochs E] [--batch-size B] [--threads T] [--rounds R]
//
// Without --data it uses ../shared/datasets/cifar10-jpeg.zip when present, else a generated dataset.
#include "core/dataset_loader.h"
#include "core/training_config.h"
#include "support/learnable_data.h"
#include "support/temp_dir.h"
#include "support/ui_application.h"
#include "ui/config_panel.h"
#include "ui/main_window.h"
#include "ui/training_controller.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace cifarlab;

namespace {

struct Options
{
    QString data;
    QString arch = QStringLiteral("baseline-plus");
    double epochs = 1;
    int batchSize = 256;
    int threads = 0;
    int rounds = 2;
};

QStringList cliArguments(const Options &o, const QString &store)
{
    return {QStringLiteral("train"), QStringLiteral("--arch"), o.arch, QStringLiteral("--data"), o.data,
            QStringLiteral("--store"), store, QStringLiteral("--preset"), QStringLiteral("standard"),
            QStringLiteral("--epochs"), QString::number(o.epochs), QStringLiteral("--batch-size"),
            QString::number(o.batchSize), QStringLiteral("--threads"), QString::number(o.threads),
            QStringLiteral("--json")};
}

// images/s of one CLI run (the "result" event), or a negative number on failure.
double runCli(const Options &o, const QString &store)
{
    QProcess p;
    p.start(QStringLiteral(CIFARLAB_CLI_PATH), cliArguments(o, store));
    if (!p.waitForFinished(-1) || p.exitCode() != 0) {
        std::fprintf(stderr, "cli failed: %s\n", p.readAllStandardError().constData());
        return -1;
    }
    const QList<QByteArray> lines = p.readAllStandardOutput().split('\n');
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
        const QJsonObject event = QJsonDocument::fromJson(*it).object();
        if (event.value(QStringLiteral("event")).toString() == QLatin1String("result"))
            return event.value(QStringLiteral("images_per_second")).toDouble();
    }
    return -1;
}

// images/s of one run started from the real window, shown, with the live tab on screen; also the
// worst gap between 10 ms timer ticks while it trained (the event loop's latency).
double runGui(const Options &o, const QString &store, double &worstGapMs)
{
    MainWindow window(store);
    window.resize(1400, 900);
    window.show();
    QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
    window.openDataset(o.data);
    if (window.isLoading() && !loaded.wait(600000))
        return -1;
    window.selectArchitecture(o.arch);
    TrainingConfig config;
    config.architecture = o.arch.toStdString();
    applyPreset(config, "standard");
    config.epochs = o.epochs;
    config.batchSize = o.batchSize;
    config.threads = o.threads;
    window.configPanel()->setConfig(config);

    QSignalSpy finished(&window, &MainWindow::trainingFinished);
    QElapsedTimer clock;
    qint64 last = 0;
    worstGapMs = 0;
    QTimer ticker;
    ticker.setInterval(10);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        worstGapMs = std::max(worstGapMs, static_cast<double>(now - last));
        last = now;
    });
    if (!window.startTraining()) {
        std::fprintf(stderr, "gui refused to start: %s\n", window.validationMessage().toUtf8().constData());
        return -1;
    }
    clock.start();
    ticker.start();
    if (!finished.wait(24 * 3600 * 1000))
        return -1;
    ticker.stop();
    const auto outcome = finished.takeFirst().at(0).value<TrainingOutcome>();
    if (outcome.status != RunStatus::Completed) {
        std::fprintf(stderr, "gui run ended: %s\n", outcome.message.toUtf8().constData());
        return -1;
    }
    return outcome.imagesPerSecond;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

} // namespace

int main(int argc, char **argv)
{
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const QString value = QString::fromLocal8Bit(argv[i + 1]);
        if (flag == "--data")
            o.data = value;
        else if (flag == "--arch")
            o.arch = value;
        else if (flag == "--epochs")
            o.epochs = value.toDouble();
        else if (flag == "--batch-size")
            o.batchSize = value.toInt();
        else if (flag == "--threads")
            o.threads = value.toInt();
        else if (flag == "--rounds")
            o.rounds = std::max(1, value.toInt());
        else {
            std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
            return 2;
        }
    }
    test::uiApplication("bench_gui_overhead");
    test::TempDir dir;
    if (o.data.isEmpty()) {
        const QString shared = QStringLiteral(CIFARLAB_SHARED_DIR "/datasets/cifar10-jpeg.zip");
        if (QFileInfo::exists(shared)) {
            o.data = shared;
        } else {
            o.data = QString::fromStdString(test::writeLearnableIdxFolder(dir.path(), 20000, 2000, 28));
            std::printf("no shared CIFAR-10; using a generated 20,000-image dataset\n");
        }
    }
    const QString store = QString::fromStdString(dir.file("store"));
    std::printf("%s on %s, %g epoch(s), batch %d, threads %d, %d round(s)\n", o.arch.toUtf8().constData(),
                QFileInfo(o.data).fileName().toUtf8().constData(), o.epochs, o.batchSize, o.threads, o.rounds);

    std::vector<double> cli, gui, gaps;
    for (int r = 0; r < o.rounds; ++r) {
        const double c = runCli(o, store);
        double gap = 0;
        const double g = runGui(o, store, gap);
        if (c <= 0 || g <= 0)
            return 1;
        cli.push_back(c);
        gui.push_back(g);
        gaps.push_back(gap);
        std::printf("round %d: cli %.1f images/s, gui %.1f images/s (%.1f%%), worst event-loop gap %.0f ms\n", r + 1,
                    c, g, 100.0 * (g / c - 1.0), gap);
        std::fflush(stdout);
    }
    const double c = median(cli), g = median(gui);
    std::printf("median: cli %.1f images/s, gui %.1f images/s, gui/cli %.3f (%+.1f%%); worst gap %.0f ms\n", c, g,
                g / c, 100.0 * (g / c - 1.0), *std::max_element(gaps.begin(), gaps.end()));
    return 0;
}
