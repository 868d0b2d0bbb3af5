#include "ui/classify_dialog.h"

#include "ui/dataset_image.h"
#include "ui/dropped_paths.h"
#include "ui/grad_cam_overlay.h"
#include "ui/prediction_delegate.h"
#include "ui/top_classes_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrent>

#include <algorithm>

namespace cifarlab {

namespace {

constexpr int kIconPixels = 48;
constexpr int kImagePixels = 224;
constexpr int kRowRole = Qt::UserRole;
constexpr int kSortRole = Qt::UserRole + 1;

enum Column { FileColumn, PredictionColumn, ConfidenceColumn, FolderColumn, ColumnCount };

// Sorts by a number kept beside the text where there is one (confidence), by text otherwise.
class RowItem : public QTreeWidgetItem
{
public:
    using QTreeWidgetItem::QTreeWidgetItem;

    bool operator<(const QTreeWidgetItem &other) const override
    {
        const int column = treeWidget() ? treeWidget()->sortColumn() : 0;
        const QVariant a = data(column, kSortRole), b = other.data(column, kSortRole);
        if (a.isValid() && b.isValid())
            return a.toDouble() < b.toDouble();
        return text(column).localeAwareCompare(other.text(column)) < 0;
    }
};

QImage enlarged(const QImage &image, int pixels)
{
    const int longest = std::max(1, std::max(image.width(), image.height()));
    // Whole-number nearest-neighbour enlargement: every pixel the network saw stays a sharp square.
    const int factor = std::max(1, pixels / longest);
    return image.scaled(image.width() * factor, image.height() * factor, Qt::IgnoreAspectRatio, Qt::FastTransformation);
}

// The file with its folder: a camera's IMG_0001.jpg, or a dataset's 0000.jpg, recurs in every folder.
QString displayName(const QFileInfo &info)
{
    const QString folder = info.dir().dirName();
    return folder.isEmpty() || folder == QLatin1String(".") ? info.fileName() : folder + QLatin1Char('/') + info.fileName();
}

void setTextColor(QLabel *label, const QColor &color)
{
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, color);
    label->setPalette(pal);
}

} // namespace

struct ClassifyDialog::Outcome
{
    std::shared_ptr<ImageClassifier> classifier;
    std::shared_ptr<const Classification> batch;
    QString error;
    int generation = 0;
};

ClassifyDialog::ClassifyDialog(ClassifySource source, QWidget *parent)
    : QDialog(parent)
    , m_source(std::move(source))
{
    setWindowTitle(tr("Classify Images"));
    setAcceptDrops(true);
    setObjectName(QStringLiteral("classifyDialog"));

    m_title = new QLabel(m_source.title);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_fit = new QComboBox;
    m_fit->setObjectName(QStringLiteral("classifyFit"));
    m_fit->addItem(tr("Crop the centre"), static_cast<int>(ImageFit::Crop));
    m_fit->addItem(tr("Squash the whole image"), static_cast<int>(ImageFit::Squash));
    m_fit->addItem(tr("Pad with the mean colour"), static_cast<int>(ImageFit::Pad));
    m_fit->setToolTip(tr("How an image of another size becomes the network's input size."));
    auto *fitLabel = new QLabel(tr("&Fit:"));
    fitLabel->setBuddy(m_fit);
    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(fitLabel);
    top->addWidget(m_fit);

    m_list = new QTreeWidget;
    m_list->setObjectName(QStringLiteral("classifyList"));
    m_list->setColumnCount(ColumnCount);
    m_list->setHeaderLabels({tr("File"), tr("Prediction"), tr("Confidence"), tr("Folder says")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setIconSize(QSize(kIconPixels, kIconPixels));
    m_list->setSortingEnabled(true);
    m_list->sortByColumn(-1, Qt::AscendingOrder); // the order the files came in, until a header is clicked
    m_list->setAccessibleName(tr("Classified images"));
    m_list->header()->setSectionResizeMode(FileColumn, QHeaderView::Stretch);
    m_list->header()->setStretchLastSection(false);
    m_dropHint = new QLabel(tr("Drop image files or folders here, or add them with the buttons below.\n"
                               "Each image is fitted to the network's %1 x %2 input; an image in a folder named "
                               "after a class (such as cat/photo.jpg) is also scored against it.")
                                .arg(m_source.data ? m_source.data->test.width : 0)
                                .arg(m_source.data ? m_source.data->test.height : 0));
    m_dropHint->setAlignment(Qt::AlignCenter);
    m_dropHint->setWordWrap(true);
    m_dropHint->setFrameShape(QFrame::StyledPanel);
    m_dropHint->setMargin(24);
    m_stack = new QStackedWidget;
    m_stack->addWidget(m_dropHint);
    m_stack->addWidget(m_list);

    m_image = new QLabel;
    m_image->setObjectName(QStringLiteral("classifyImage"));
    m_image->setAlignment(Qt::AlignCenter);
    m_image->setMinimumSize(kImagePixels, kImagePixels);
    m_image->setAccessibleName(tr("What the network saw"));
    m_fileCaption = new QLabel;
    m_fileCaption->setWordWrap(true);
    m_verdict = new QLabel;
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::PlainText);
    m_topClasses = new TopClassesView;
    m_topClasses->setObjectName(QStringLiteral("classifyTopClasses"));
    m_showCam = new QCheckBox(tr("Where the network looked (Grad-CAM)"));
    m_showCam->setObjectName(QStringLiteral("classifyShowCam"));
    m_camCaption = new QLabel;
    m_camCaption->setWordWrap(true);
    auto *detail = new QWidget;
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->addWidget(m_image);
    detailLayout->addWidget(m_fileCaption);
    detailLayout->addWidget(m_verdict);
    detailLayout->addWidget(m_topClasses);
    detailLayout->addWidget(m_showCam);
    detailLayout->addWidget(m_camCaption);
    detailLayout->addStretch(1);
    detail->setMinimumWidth(kImagePixels + 96);

    auto *splitter = new QSplitter;
    splitter->addWidget(m_stack);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("classifySummary"));
    m_summary->setWordWrap(true);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_progress->hide();
    auto *addFiles = new QPushButton(tr("Add &Images..."));
    auto *addFolder = new QPushButton(tr("Add F&older..."));
    m_clearButton = new QPushButton(tr("C&lear"));
    m_exportButton = new QPushButton(tr("&Export CSV..."));
    auto *close = new QPushButton(tr("Close"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_summary, 1);
    buttons->addWidget(m_progress);
    buttons->addWidget(addFiles);
    buttons->addWidget(addFolder);
    buttons->addWidget(m_clearButton);
    buttons->addWidget(m_exportButton);
    buttons->addWidget(close);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    layout->addLayout(buttons);
    resize(1000, 620);

    connect(addFiles, &QPushButton::clicked, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(
            this, tr("Add Images"), QString(),
            tr("Images (*.jpg *.jpeg *.png *.bmp *.webp *.tif *.tiff *.ppm *.pgm *.pbm *.pnm);;All files (*)"));
        if (!files.isEmpty())
            addPaths(files);
    });
    connect(addFolder, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Add Folder"));
        if (!folder.isEmpty())
            addPaths({folder});
    });
    connect(m_clearButton, &QPushButton::clicked, this, [this] {
        ++m_generation;
        m_pending.clear();
        m_allPaths.clear();
        m_rows.clear();
        m_list->clear();
        m_map.reset();
        showSelected();
        updateSummary();
    });
    connect(m_exportButton, &QPushButton::clicked, this, &ClassifyDialog::exportCsv);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    // The fit and the map choice are remembered for the next time the dialog opens.
    const QSettings settings;
    m_fit->setCurrentIndex(std::clamp(settings.value(QStringLiteral("classify/fit"), 0).toInt(), 0, m_fit->count() - 1));
    m_showCam->setChecked(settings.value(QStringLiteral("classify/gradCam"), false).toBool());
    connect(m_fit, &QComboBox::currentIndexChanged, this, [this](int index) {
        QSettings().setValue(QStringLiteral("classify/fit"), index);
        refit();
    });
    connect(m_list, &QTreeWidget::currentItemChanged, this, &ClassifyDialog::showSelected);
    connect(m_showCam, &QCheckBox::toggled, this, [this](bool on) {
        QSettings().setValue(QStringLiteral("classify/gradCam"), on);
        renderImage();
        requestExplanation();
    });
    showSelected();
    updateSummary();
}

ClassifyDialog::~ClassifyDialog() = default;

void ClassifyDialog::addPaths(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    m_allPaths << paths;
    m_pending.push_back(paths);
    launch();
}

bool ClassifyDialog::isBusy() const
{
    return m_busy;
}

int ClassifyDialog::rowCount() const
{
    return static_cast<int>(m_rows.size());
}

int ClassifyDialog::selectedRow() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(FileColumn, kRowRole).toInt() : -1;
}

ImageFit ClassifyDialog::currentFit() const
{
    return static_cast<ImageFit>(m_fit->currentData().toInt());
}

void ClassifyDialog::launch()
{
    if (m_busy || m_pending.empty())
        return;
    const QStringList paths = m_pending.front();
    m_pending.erase(m_pending.begin());
    m_busy = true;
    m_progress->show();
    updateSummary();
    ClassifierOptions options;
    options.preprocess = m_source.preprocess.toStdString();
    options.tta = m_source.tta.toStdString();
    options.widthScale = m_source.widthScale;
    options.fit = currentFit();
    std::vector<std::string> files;
    for (const QString &path : paths)
        files.push_back(path.toStdString());
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher] {
        const Outcome outcome = watcher->result();
        watcher->deleteLater();
        onClassified(outcome);
    });
    watcher->setFuture(QtConcurrent::run([source = m_source, classifier = m_classifier, options, files,
                                          generation = m_generation]() mutable {
        Outcome o;
        o.generation = generation;
        try {
            const std::vector<std::string> found = collectImageFiles(files);
            if (!classifier)
                classifier = std::make_shared<ImageClassifier>(source.architecture.toStdString(), source.checkpoint.toStdString(),
                                                               source.data, options);
            o.classifier = classifier;
            o.batch = std::make_shared<const Classification>(classifier->classify(found));
        } catch (const std::exception &e) {
            o.error = QString::fromUtf8(e.what());
        }
        return o;
    }));
}

void ClassifyDialog::onClassified(const Outcome &outcome)
{
    m_busy = false;
    m_progress->hide();
    if (outcome.generation == m_generation) {
        if (outcome.classifier)
            m_classifier = outcome.classifier;
        if (!outcome.error.isEmpty()) {
            m_summary->setText(tr("Cannot classify: %1").arg(outcome.error));
            setTextColor(m_summary, PredictionDelegate::wrongColor(palette()));
            Q_EMIT classified(0, 0);
        } else {
            appendRows(outcome.batch);
            updateSummary();
            Q_EMIT classified(static_cast<int>(outcome.batch->classified), static_cast<int>(outcome.batch->failed));
        }
    }
    launch();
}

void ClassifyDialog::appendRows(const std::shared_ptr<const Classification> &batch)
{
    const auto &names = m_classifier->classNames();
    auto name = [&names](int64_t c) { return c >= 0 && c < static_cast<int64_t>(names.size()) ? QString::fromStdString(names[static_cast<size_t>(c)]) : QString(); };
    const QPalette pal = palette();
    const bool first = m_rows.empty();
    for (size_t i = 0; i < batch->images.size(); ++i) {
        const ClassifiedImage &image = batch->images[i];
        auto *item = new RowItem;
        const QFileInfo info(QString::fromStdString(image.path));
        item->setText(FileColumn, displayName(info));
        item->setToolTip(FileColumn, QDir::toNativeSeparators(info.filePath()));
        item->setData(FileColumn, kRowRole, static_cast<int>(m_rows.size()));
        if (image.ok()) {
            item->setIcon(FileColumn, QIcon(QPixmap::fromImage(enlarged(splitImage(batch->fitted, image.fittedIndex), kIconPixels))));
            const float confidence = image.probabilities[static_cast<size_t>(image.predictedClass)];
            item->setText(PredictionColumn, name(image.predictedClass));
            item->setText(ConfidenceColumn, probabilityText(confidence));
            item->setData(ConfidenceColumn, kSortRole, static_cast<double>(confidence));
            item->setTextAlignment(ConfidenceColumn, Qt::AlignRight | Qt::AlignVCenter);
            if (image.trueClass >= 0) {
                const bool right = image.trueClass == image.predictedClass;
                item->setText(FolderColumn, right ? tr("%1 (right)").arg(name(image.trueClass)) : tr("%1 (wrong)").arg(name(image.trueClass)));
                item->setForeground(FolderColumn, right ? PredictionDelegate::rightColor(pal) : PredictionDelegate::wrongColor(pal));
                item->setForeground(PredictionColumn, right ? PredictionDelegate::rightColor(pal) : PredictionDelegate::wrongColor(pal));
            }
        } else {
            item->setText(PredictionColumn, tr("Cannot read"));
            item->setForeground(PredictionColumn, PredictionDelegate::wrongColor(pal));
            item->setToolTip(PredictionColumn, QString::fromStdString(image.error));
        }
        m_rows.push_back(Row {batch, i, m_classifier->options().fit});
        m_list->addTopLevelItem(item);
    }
    for (int c = PredictionColumn; c < ColumnCount; ++c)
        m_list->resizeColumnToContents(c);
    if (first && m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
}

void ClassifyDialog::showSelected()
{
    m_stack->setCurrentWidget(m_rows.empty() ? static_cast<QWidget *>(m_dropHint) : m_list);
    m_exportButton->setEnabled(!m_rows.empty());
    m_clearButton->setEnabled(!m_rows.empty() || !m_pending.empty());
    const int row = selectedRow();
    m_map.reset();
    m_camCaption->clear();
    if (row < 0 || row >= rowCount()) {
        m_image->clear();
        m_fileCaption->clear();
        m_verdict->clear();
        m_topClasses->setRows({});
        m_showCam->setVisible(false);
        return;
    }
    const ClassifiedImage &image = m_rows[static_cast<size_t>(row)].image();
    const QLocale locale;
    const QFileInfo info(QString::fromStdString(image.path));
    const auto &names = m_classifier->classNames();
    if (!image.ok()) {
        m_fileCaption->setText(displayName(info));
        m_verdict->setText(QString::fromStdString(image.error));
        setTextColor(m_verdict, PredictionDelegate::wrongColor(palette()));
        m_topClasses->setRows({});
        m_showCam->setVisible(false);
        renderImage();
        return;
    }
    const ImageSplit &fitted = m_rows[static_cast<size_t>(row)].batch->fitted;
    const ImageFit fit = m_rows[static_cast<size_t>(row)].fit;
    const QString how = image.sourceWidth == fitted.width && image.sourceHeight == fitted.height
        ? tr("%1 x %2, as the network takes it").arg(locale.toString(image.sourceWidth), locale.toString(image.sourceHeight))
        : (fit == ImageFit::Crop     ? tr("%1 x %2, centre cropped to %3 x %4")
               : fit == ImageFit::Squash ? tr("%1 x %2, squashed to %3 x %4")
                                         : tr("%1 x %2, padded to %3 x %4"))
              .arg(locale.toString(image.sourceWidth), locale.toString(image.sourceHeight), locale.toString(fitted.width),
                   locale.toString(fitted.height));
    m_fileCaption->setText(QStringLiteral("%1\n%2").arg(displayName(info), how));
    const QString predicted = QString::fromStdString(names[static_cast<size_t>(image.predictedClass)]);
    const QString confidence = probabilityText(image.probabilities[static_cast<size_t>(image.predictedClass)]);
    if (image.trueClass >= 0) {
        const QString folder = QString::fromStdString(names[static_cast<size_t>(image.trueClass)]);
        const bool right = image.trueClass == image.predictedClass;
        m_verdict->setText(right ? tr("%1 (%2): right, as its folder says.").arg(predicted, confidence)
                                 : tr("%1 (%2): wrong, its folder says %3.").arg(predicted, confidence, folder));
        setTextColor(m_verdict, right ? PredictionDelegate::rightColor(palette()) : PredictionDelegate::wrongColor(palette()));
    } else {
        m_verdict->setText(tr("%1 (%2)").arg(predicted, confidence));
        setTextColor(m_verdict, palette().color(QPalette::WindowText));
    }
    std::vector<TopClassesView::Row> rows;
    for (const int32_t c : image.ranking(5))
        rows.push_back({QString::fromStdString(names[static_cast<size_t>(c)]),
                        static_cast<double>(image.probabilities[static_cast<size_t>(c)]), c == image.trueClass,
                        c == image.predictedClass && image.trueClass >= 0 && c != image.trueClass});
    m_topClasses->setRows(std::move(rows));
    m_showCam->setVisible(true);
    renderImage();
    requestExplanation();
}

void ClassifyDialog::renderImage()
{
    const int row = selectedRow();
    if (row < 0 || row >= rowCount() || !m_rows[static_cast<size_t>(row)].image().ok()) {
        m_image->clear();
        return;
    }
    const Row &r = m_rows[static_cast<size_t>(row)];
    QImage shown = enlarged(splitImage(r.batch->fitted, r.image().fittedIndex), kImagePixels);
    if (m_showCam->isChecked() && m_map && m_mapRow == row)
        shown = withGradCam(shown, *m_map);
    m_image->setPixmap(QPixmap::fromImage(shown));
}

void ClassifyDialog::requestExplanation()
{
    const int row = selectedRow();
    if (!m_showCam->isChecked() || row < 0 || row >= rowCount() || !m_rows[static_cast<size_t>(row)].image().ok()
        || (m_map && m_mapRow == row) || m_explaining >= 0 || !m_classifier)
        return;
    m_explaining = row;
    m_camCaption->setText(tr("Computing the map..."));
    auto *watcher = new QFutureWatcher<std::pair<GradCamMap, QString>>(this);
    connect(watcher, &QFutureWatcher<std::pair<GradCamMap, QString>>::finished, this, [this, watcher, row, generation = m_generation] {
        const auto [map, error] = watcher->result();
        watcher->deleteLater();
        m_explaining = -1;
        const int selected = selectedRow();
        // After Clear or another fit, row numbers name other files.
        if (generation == m_generation && selected == row && row < rowCount()) {
            if (error.isEmpty()) {
                m_map = map;
                m_mapRow = row;
                const auto &names = m_classifier->classNames();
                const bool empty = std::all_of(map.values.begin(), map.values.end(), [](float v) { return v <= 0.0f; });
                const QString cls = QString::fromStdString(names[static_cast<size_t>(map.targetClass)]);
                const QString layer = tr("Layer %1 (%2 x %3).")
                                          .arg(QString::fromStdString(map.layer), QLocale().toString(map.layerHeight),
                                               QLocale().toString(map.layerWidth));
                m_camCaption->setText(
                    (empty ? tr("Nothing in the image raises the score of %1: the network decided by what is absent.").arg(cls)
                           : tr("Bright: evidence for %1.").arg(cls))
                    + QLatin1Char(' ') + layer);
            } else {
                m_camCaption->setText(tr("No map: %1").arg(error));
            }
            renderImage();
        }
        Q_EMIT explained(row, error);
        requestExplanation(); // the row selected meanwhile, if any
    });
    const Row r = m_rows[static_cast<size_t>(row)];
    watcher->setFuture(QtConcurrent::run([classifier = m_classifier, r] {
        std::pair<GradCamMap, QString> result;
        try {
            result.first = classifier->explain(*r.batch, r.index);
        } catch (const std::exception &e) {
            result.second = QString::fromUtf8(e.what());
        }
        return result;
    }));
}

void ClassifyDialog::updateSummary()
{
    setTextColor(m_summary, palette().color(QPalette::WindowText));
    int64_t classified = 0, failed = 0, labelled = 0, correct = 0;
    for (const Row &r : m_rows) {
        const ClassifiedImage &image = r.image();
        if (!image.ok()) {
            ++failed;
            continue;
        }
        ++classified;
        if (image.trueClass >= 0) {
            ++labelled;
            correct += image.trueClass == image.predictedClass ? 1 : 0;
        }
    }
    const QLocale locale;
    QString text = classified == 1 ? tr("1 image classified") : tr("%1 images classified").arg(locale.toString(classified));
    if (failed > 0)
        text += QStringLiteral(", ") + (failed == 1 ? tr("1 unreadable") : tr("%1 unreadable").arg(locale.toString(failed)));
    if (labelled > 0)
        text += QStringLiteral("; ")
            + tr("%1 in folders named after a class: %2 right (%3)")
                  .arg(locale.toString(labelled), locale.toString(correct),
                       probabilityText(static_cast<double>(correct) / static_cast<double>(labelled)));
    if (m_busy)
        text = tr("Classifying...") + QStringLiteral(" ") + text;
    m_summary->setText(m_rows.empty() && !m_busy ? QString() : text);
}

void ClassifyDialog::refit()
{
    ++m_generation;
    m_classifier.reset();
    m_rows.clear();
    m_list->clear();
    m_map.reset();
    m_pending.clear();
    if (!m_allPaths.isEmpty())
        m_pending.push_back(m_allPaths);
    showSelected();
    updateSummary();
    launch();
}

QString ClassifyDialog::topClassesText() const
{
    return m_topClasses->accessibleName();
}

bool ClassifyDialog::saveCsv(const QString &path, QString *error) const
{
    std::vector<const ClassifiedImage *> images;
    for (const Row &r : m_rows)
        images.push_back(&r.image());
    const QByteArray text = QByteArray::fromStdString(
        classificationCsv(images, m_classifier ? m_classifier->classNames() : std::vector<std::string> {}));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size() || !file.flush()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void ClassifyDialog::exportCsv()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export CSV"), QStringLiteral("predictions.csv"), tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveCsv(path, &error)) {
        m_summary->setText(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), error));
        setTextColor(m_summary, PredictionDelegate::wrongColor(palette()));
    }
}

void ClassifyDialog::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedLocalPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void ClassifyDialog::dropEvent(QDropEvent *event)
{
    const QStringList paths = droppedLocalPaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    addPaths(paths);
}

} // namespace cifarlab
