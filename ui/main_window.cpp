#include "ui/main_window.h"

#include "core/dataset_discovery.h"
#include "core/dataset_loader.h"
#include "core/error.h"
#include "models/registry.h"
#include "ui/layer_table_model.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPixmap>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace cifarlab {

namespace {

constexpr int kSampleCount = 96;
constexpr int kThumbnailScale = 3;
constexpr int kPathRole = Qt::UserRole + 1;

QImage toQImage(const ImageSplit &split, int64_t index)
{
    const int w = static_cast<int>(split.width);
    const int h = static_cast<int>(split.height);
    const uint8_t *src = split.image(index);
    const int64_t plane = split.height * split.width;
    QImage image(w, h, QImage::Format_RGB888);
    for (int y = 0; y < h; ++y) {
        uchar *line = image.scanLine(y);
        for (int x = 0; x < w; ++x) {
            const int64_t p = static_cast<int64_t>(y) * w + x;
            for (int c = 0; c < 3; ++c)
                line[x * 3 + c] = src[(split.channels == 1 ? 0 : c) * plane + p];
        }
    }
    return image;
}

QString channelStats(const std::vector<double> &values)
{
    QStringList parts;
    for (double v : values)
        parts << QString::number(v, 'f', 4);
    return parts.join(QStringLiteral(", "));
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("CifarLab"));
    setObjectName(QStringLiteral("MainWindow"));

    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    auto *openFile = fileMenu->addAction(tr("&Open Dataset File..."), this, &MainWindow::chooseDatasetFile);
    openFile->setShortcut(QKeySequence::Open);
    fileMenu->addAction(tr("Open Dataset &Folder..."), this, &MainWindow::chooseDatasetFolder);
    fileMenu->addSeparator();
    auto *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    m_tabs = new QTabWidget;
    m_tabs->addTab(buildDatasetTab(), tr("&Dataset"));
    m_tabs->addTab(buildArchitectureTab(), tr("&Architecture"));

    auto *splitter = new QSplitter;
    splitter->addWidget(buildSidePanel());
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({280, 900});
    setCentralWidget(splitter);

    m_loadProgress = new QProgressBar;
    m_loadProgress->setRange(0, 0);
    m_loadProgress->setMaximumWidth(200);
    m_loadProgress->setVisible(false);
    statusBar()->addPermanentWidget(m_loadProgress);

    connect(&m_loadWatcher, &QFutureWatcher<LoadedDataset>::finished, this, &MainWindow::onDatasetLoaded);

    refreshDatasetList();
    refreshArchitecture();
    resize(1200, 760);
    if (m_datasetList->count() > 0)
        m_datasetList->setCurrentRow(0);
}

MainWindow::~MainWindow()
{
    m_loadWatcher.waitForFinished();
}

QWidget *MainWindow::buildSidePanel()
{
    auto *panel = new QWidget;
    auto *layout = new QVBoxLayout(panel);

    auto *dataBox = new QGroupBox(tr("Datasets"));
    auto *dataLayout = new QVBoxLayout(dataBox);
    m_datasetList = new QListWidget;
    m_datasetList->setAccessibleName(tr("Datasets found on this computer"));
    dataLayout->addWidget(m_datasetList);
    auto *buttons = new QHBoxLayout;
    auto *openFileButton = new QPushButton(tr("Open File..."));
    openFileButton->setToolTip(tr("Open a CIFAR .tar.gz or an ImageFolder .zip"));
    auto *openFolderButton = new QPushButton(tr("Open Folder..."));
    openFolderButton->setToolTip(tr("Open a CIFAR binary, ImageFolder or MNIST/IDX folder"));
    buttons->addWidget(openFileButton);
    buttons->addWidget(openFolderButton);
    dataLayout->addLayout(buttons);
    connect(openFileButton, &QPushButton::clicked, this, &MainWindow::chooseDatasetFile);
    connect(openFolderButton, &QPushButton::clicked, this, &MainWindow::chooseDatasetFolder);
    connect(m_datasetList, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            openDataset(item->data(kPathRole).toString());
    });

    auto *archBox = new QGroupBox(tr("Architectures"));
    auto *archLayout = new QVBoxLayout(archBox);
    m_architectureList = new QListWidget;
    m_architectureList->setAccessibleName(tr("Architectures"));
    for (const auto &a : listArchitectures()) {
        auto *item = new QListWidgetItem(QString::fromStdString(a.displayName));
        item->setData(kPathRole, QString::fromStdString(a.name));
        item->setToolTip(QString::fromStdString(a.description));
        m_architectureList->addItem(item);
    }
    m_architectureList->setCurrentRow(0);
    archLayout->addWidget(m_architectureList);
    connect(m_architectureList, &QListWidget::currentItemChanged, this, [this] { refreshArchitecture(); });

    layout->addWidget(dataBox, 1);
    layout->addWidget(archBox, 1);
    return panel;
}

QWidget *MainWindow::buildDatasetTab()
{
    auto *tab = new QWidget;
    auto *layout = new QVBoxLayout(tab);
    m_datasetTitle = new QLabel(tr("No dataset loaded"));
    QFont titleFont = m_datasetTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_datasetTitle->setFont(titleFont);
    m_datasetFacts = new QLabel(tr("Pick a dataset on the left, or open a CIFAR binary folder/.tar.gz, "
                                   "an ImageFolder folder/.zip or an MNIST-style IDX folder."));
    m_datasetFacts->setWordWrap(true);
    m_datasetFacts->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_classTable = new QTableWidget(0, 3);
    m_classTable->setHorizontalHeaderLabels({tr("Class"), tr("Train images"), tr("Test images")});
    m_classTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_classTable->verticalHeader()->setVisible(false);
    m_classTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_classTable->setAccessibleName(tr("Images per class"));
    m_classTable->setObjectName(QStringLiteral("classTable"));

    m_sampleModel = new QStandardItemModel(this);
    auto *samples = new QListView;
    samples->setModel(m_sampleModel);
    samples->setViewMode(QListView::IconMode);
    samples->setResizeMode(QListView::Adjust);
    samples->setUniformItemSizes(true);
    samples->setMovement(QListView::Static);
    samples->setSpacing(4);
    samples->setIconSize(QSize(64, 64));
    samples->setAccessibleName(tr("Sample test images"));
    samples->setObjectName(QStringLiteral("sampleView"));

    auto *split = new QSplitter(Qt::Horizontal);
    auto *classBox = new QGroupBox(tr("Classes"));
    (new QVBoxLayout(classBox))->addWidget(m_classTable);
    auto *sampleBox = new QGroupBox(tr("Sample of the test images"));
    (new QVBoxLayout(sampleBox))->addWidget(samples);
    split->addWidget(classBox);
    split->addWidget(sampleBox);
    split->setSizes({330, 600});

    layout->addWidget(m_datasetTitle);
    layout->addWidget(m_datasetFacts);
    layout->addWidget(split, 1);
    return tab;
}

QWidget *MainWindow::buildArchitectureTab()
{
    auto *tab = new QWidget;
    auto *layout = new QVBoxLayout(tab);
    m_architectureTitle = new QLabel;
    QFont titleFont = m_architectureTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_architectureTitle->setFont(titleFont);
    m_architectureTotals = new QLabel;
    m_architectureTotals->setWordWrap(true);
    m_architectureTotals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_layerModel = new LayerTableModel(this);
    m_layerView = new QTableView;
    m_layerView->setModel(m_layerModel);
    m_layerView->setAlternatingRowColors(true);
    m_layerView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_layerView->verticalHeader()->setVisible(false);
    m_layerView->horizontalHeader()->setStretchLastSection(true);
    m_layerView->setAccessibleName(tr("Per-layer summary"));
    m_layerView->setObjectName(QStringLiteral("layerTable"));
    m_architectureTotals->setObjectName(QStringLiteral("architectureTotals"));
    layout->addWidget(m_architectureTitle);
    layout->addWidget(m_architectureTotals);
    layout->addWidget(m_layerView, 1);
    return tab;
}

void MainWindow::refreshDatasetList()
{
    m_datasetList->clear();
    for (const auto &d : discoverDatasets()) {
        auto *item = new QListWidgetItem(QStringLiteral("%1  (%2)").arg(QString::fromStdString(d.name), QString::fromStdString(d.format)));
        item->setData(kPathRole, QString::fromStdString(d.path));
        item->setToolTip(QString::fromStdString(d.path));
        m_datasetList->addItem(item);
    }
}

void MainWindow::rememberDataset(const QString &path, const QString &name, const QString &format)
{
    for (int i = 0; i < m_datasetList->count(); ++i) {
        if (m_datasetList->item(i)->data(kPathRole).toString() == path) {
            const QSignalBlocker blocker(m_datasetList);
            m_datasetList->setCurrentRow(i);
            return;
        }
    }
    auto *item = new QListWidgetItem(QStringLiteral("%1  (%2)").arg(name, format));
    item->setData(kPathRole, path);
    item->setToolTip(path);
    const QSignalBlocker blocker(m_datasetList);
    m_datasetList->addItem(item);
    m_datasetList->setCurrentItem(item);
}

void MainWindow::openDataset(const QString &path)
{
    if (m_loadWatcher.isRunning())
        m_loadWatcher.waitForFinished();
    const auto *current = m_datasetList->currentItem();
    if (current && current->data(kPathRole).toString() != path) {
        const QSignalBlocker blocker(m_datasetList);
        m_datasetList->setCurrentRow(-1);
    }
    m_loadProgress->setVisible(true);
    statusBar()->showMessage(tr("Loading %1...").arg(path));
    m_loadWatcher.setFuture(QtConcurrent::run([path] {
        LoadedDataset result;
        QElapsedTimer timer;
        timer.start();
        try {
            auto dataset = std::make_shared<Dataset>(loadDataset(path.toStdString()));
            result.summary = summarizeDataset(*dataset);
            result.dataset = std::move(dataset);
        } catch (const std::exception &e) {
            result.error = QString::fromUtf8(e.what());
        }
        result.seconds = static_cast<double>(timer.elapsed()) / 1000.0;
        return result;
    }));
}

bool MainWindow::isLoading() const
{
    return m_loadWatcher.isRunning();
}

void MainWindow::onDatasetLoaded()
{
    m_loadProgress->setVisible(false);
    const LoadedDataset loaded = m_loadWatcher.result();
    if (!loaded.error.isEmpty()) {
        statusBar()->showMessage(tr("Could not load the dataset"), 10000);
        if (isVisible())
            QMessageBox::warning(this, tr("Could not load the dataset"), loaded.error);
        Q_EMIT datasetFailed(loaded.error);
        return;
    }
    m_dataset = loaded.dataset;
    rememberDataset(QString::fromStdString(m_dataset->source), QString::fromStdString(m_dataset->name),
                    QString::fromStdString(m_dataset->format));
    showDataset(loaded);
    refreshArchitecture();
    statusBar()->showMessage(tr("Loaded %1 in %2 s").arg(QString::fromStdString(m_dataset->source)).arg(loaded.seconds, 0, 'f', 2), 10000);
    Q_EMIT datasetLoaded(QString::fromStdString(m_dataset->source));
}

void MainWindow::showDataset(const LoadedDataset &loaded)
{
    const Dataset &d = *loaded.dataset;
    const DatasetSummary &s = loaded.summary;
    const QLocale locale;
    m_datasetTitle->setText(QString::fromStdString(d.name));
    m_datasetFacts->setText(tr("%1 training and %2 test images, %3 x %4 pixels, %5 channel(s), %6 classes. "
                               "Format: %7. Source: %8\nTraining mean per channel: %9; std: %10")
                                .arg(locale.toString(static_cast<qlonglong>(d.train.count)),
                                     locale.toString(static_cast<qlonglong>(d.test.count)))
                                .arg(s.width)
                                .arg(s.height)
                                .arg(s.channels)
                                .arg(s.numClasses)
                                .arg(QString::fromStdString(d.format), QString::fromStdString(d.source),
                                     channelStats(s.train.mean), channelStats(s.train.std)));
    m_classTable->setRowCount(static_cast<int>(d.classNames.size()));
    for (size_t c = 0; c < d.classNames.size(); ++c) {
        const int row = static_cast<int>(c);
        m_classTable->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(d.classNames[c])));
        const auto trainCount = c < s.train.perClassCount.size() ? s.train.perClassCount[c] : 0;
        const auto testCount = c < s.test.perClassCount.size() ? s.test.perClassCount[c] : 0;
        auto *trainItem = new QTableWidgetItem(locale.toString(static_cast<qlonglong>(trainCount)));
        auto *testItem = new QTableWidgetItem(locale.toString(static_cast<qlonglong>(testCount)));
        trainItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        testItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_classTable->setItem(row, 1, trainItem);
        m_classTable->setItem(row, 2, testItem);
    }
    m_sampleModel->clear();
    // Spread the samples over the whole split: folders are sorted by class, so the first images
    // would all be one class.
    const int64_t n = std::min<int64_t>(kSampleCount, d.test.count);
    for (int64_t k = 0; k < n; ++k) {
        const int64_t i = k * d.test.count / n;
        const QImage image = toQImage(d.test, i);
        const QPixmap pixmap = QPixmap::fromImage(image.scaled(image.width() * kThumbnailScale, image.height() * kThumbnailScale,
                                                               Qt::KeepAspectRatio, Qt::FastTransformation));
        const int64_t label = d.test.labels[static_cast<size_t>(i)];
        auto *item = new QStandardItem(QIcon(pixmap), QString::fromStdString(d.classNames[static_cast<size_t>(label)]));
        item->setEditable(false);
        item->setToolTip(tr("Test image %1: %2").arg(i).arg(QString::fromStdString(d.classNames[static_cast<size_t>(label)])));
        m_sampleModel->appendRow(item);
    }
}

QString MainWindow::currentArchitecture() const
{
    const auto *item = m_architectureList->currentItem();
    return item ? item->data(kPathRole).toString() : QString();
}

void MainWindow::selectArchitecture(const QString &name)
{
    for (int i = 0; i < m_architectureList->count(); ++i)
        if (m_architectureList->item(i)->data(kPathRole).toString() == name)
            m_architectureList->setCurrentRow(i);
}

void MainWindow::refreshArchitecture()
{
    const QString name = currentArchitecture();
    if (name.isEmpty())
        return;
    InputSpec input;
    if (m_dataset && m_dataset->test.count > 0) {
        input.channels = m_dataset->test.channels;
        input.height = m_dataset->test.height;
        input.width = m_dataset->test.width;
        input.numClasses = m_dataset->numClasses();
    }
    try {
        const ModelSummary summary = summarizeArchitecture(name.toStdString(), input);
        m_layerModel->setSummary(summary);
        m_layerView->resizeColumnsToContents();
        const QLocale locale;
        m_architectureTitle->setText(m_architectureList->currentItem()->text());
        m_architectureTotals->setText(tr("%1\nInput %2 x %3 x %4, %5 classes: %6 trainable parameters, %7 MB, "
                                         "%8 million multiply-adds per image, %9 layers.")
                                          .arg(m_architectureList->currentItem()->toolTip())
                                          .arg(input.channels)
                                          .arg(input.height)
                                          .arg(input.width)
                                          .arg(input.numClasses)
                                          .arg(locale.toString(static_cast<qlonglong>(summary.parameters)))
                                          .arg(static_cast<double>(summary.sizeBytes) / (1024.0 * 1024.0), 0, 'f', 2)
                                          .arg(static_cast<double>(summary.macs) / 1e6, 0, 'f', 1)
                                          .arg(summary.layers.size()));
    } catch (const std::exception &e) {
        m_layerModel->setSummary({});
        m_architectureTotals->setText(tr("Cannot build %1 for this input: %2").arg(name, QString::fromUtf8(e.what())));
    }
}

void MainWindow::chooseDatasetFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Dataset"), QString(),
                                                      tr("Datasets (*.zip *.tar.gz *.tgz);;All files (*)"));
    if (!path.isEmpty())
        openDataset(path);
}

void MainWindow::chooseDatasetFolder()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("Open Dataset Folder"));
    if (!path.isEmpty())
        openDataset(path);
}

} // namespace cifarlab
