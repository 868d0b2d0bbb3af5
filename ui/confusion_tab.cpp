#include "ui/confusion_tab.h"

#include "core/confusion_pairs.h"
#include "ui/epoch_slider.h"
#include "ui/numeric_item.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSlider>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace cifarlab {

namespace {

// Fraction in [0,1] drawn as a bar behind the text; negative = none.
constexpr int kBarRole = Qt::UserRole + 2;

// Recall and precision get a thin in-cell bar, so weak classes are visible at a glance.
class BarDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QVariant bar = index.data(kBarRole);
        if (bar.isValid() && bar.toDouble() >= 0.0 && !(option.state & QStyle::State_Selected)) {
            QColor color = option.palette.color(QPalette::Highlight);
            color.setAlphaF(0.22f);
            const QRect r = option.rect.adjusted(2, 3, -2, -3);
            const int width = static_cast<int>(r.width() * std::clamp(bar.toDouble(), 0.0, 1.0));
            painter->fillRect(QRect(r.left(), r.top(), width, r.height()), color);
        }
        QStyledItemDelegate::paint(painter, option, index);
    }
};

QString percentText(double fraction)
{
    return QLocale().toString(fraction * 100.0, 'f', 1) + QLatin1Char('%');
}

} // namespace

ConfusionTab::ConfusionTab(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("confusionTab"));

    m_split = new QComboBox(this);
    m_split->setObjectName(QStringLiteral("confusionSplit"));
    m_split->addItem(tr("Test"));
    m_split->addItem(tr("Train"));
    m_split->setToolTip(tr("Which split's predictions the matrix counts"));

    m_normalization = new QComboBox(this);
    m_normalization->setObjectName(QStringLiteral("confusionNormalization"));
    m_normalization->addItem(tr("Counts"), static_cast<int>(ConfusionMatrixWidget::Normalization::Counts));
    m_normalization->addItem(tr("Normalized by true class (recall)"),
                             static_cast<int>(ConfusionMatrixWidget::Normalization::Rows));
    m_normalization->addItem(tr("Normalized by predicted class (precision)"),
                             static_cast<int>(ConfusionMatrixWidget::Normalization::Columns));

    m_accuracy = new QLabel(this);
    m_accuracy->setObjectName(QStringLiteral("confusionAccuracy"));
    m_accuracy->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Wraps rather than widening the window past a laptop screen.
    m_accuracy->setWordWrap(true);
    m_accuracy->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_export = new QToolButton(this);
    m_export->setObjectName(QStringLiteral("confusionExport"));
    m_export->setText(tr("Export..."));
    m_export->setToolTip(tr("Save the matrix as a PNG or SVG image"));

    auto *splitLabel = new QLabel(tr("&Split:"), this);
    splitLabel->setBuddy(m_split);
    auto *normalizationLabel = new QLabel(tr("&Show:"), this);
    normalizationLabel->setBuddy(m_normalization);

    auto *controls = new QHBoxLayout;
    controls->addWidget(splitLabel);
    controls->addWidget(m_split);
    controls->addSpacing(fontMetrics().averageCharWidth() * 2);
    controls->addWidget(normalizationLabel);
    controls->addWidget(m_normalization);
    controls->addWidget(m_accuracy, 1);
    controls->addSpacing(fontMetrics().averageCharWidth() * 2);
    controls->addWidget(m_export);

    m_epochs = new EpochSlider(QStringLiteral("confusion"), this);

    m_matrix = new ConfusionMatrixWidget(this);

    m_table = new QTableWidget(0, kColumnCount, this);
    m_table->setObjectName(QStringLiteral("perClassTable"));
    m_table->setAccessibleName(tr("Accuracy and precision per class"));
    // Tab leaves the table (the arrow keys move between cells): no keyboard trap.
    m_table->setTabKeyNavigation(false);
    const QStringList headers{tr("Class"), tr("Accuracy"), tr("Precision"), tr("Images")};
    const QStringList headerTips{
        tr("True class"),
        tr("Share of this class's images predicted correctly (recall)"),
        tr("Share of the predictions of this class that were right"),
        tr("Number of images of this class in the split"),
    };
    for (int c = 0; c < kColumnCount; ++c) {
        auto *item = new QTableWidgetItem(headers.at(c));
        item->setToolTip(headerTips.at(c));
        m_table->setHorizontalHeaderItem(c, item);
    }
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setItemDelegate(new BarDelegate(m_table));
    m_table->horizontalHeader()->setSectionResizeMode(kClassColumn, QHeaderView::Stretch);
    for (int c = kRecallColumn; c < kColumnCount; ++c)
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + fontMetrics().height() / 2);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(kClassColumn, Qt::AscendingOrder);
    m_table->setMinimumWidth(fontMetrics().averageCharWidth() * 40);

    m_pairsHeader = new QLabel;
    m_pairsHeader->setObjectName(QStringLiteral("mostConfusedHeader"));
    QFont headerFont = m_pairsHeader->font();
    headerFont.setBold(true);
    m_pairsHeader->setFont(headerFont);
    m_pairs = new QTableWidget(0, kPairColumnCount, this);
    m_pairs->setObjectName(QStringLiteral("mostConfusedTable"));
    m_pairs->setAccessibleName(tr("Most confused pairs"));
    m_pairs->setToolTip(tr("The largest mistakes of the shown epoch and split. Click a pair to see its images."));
    m_pairs->setTabKeyNavigation(false);
    m_pairs->setHorizontalHeaderLabels({tr("True class"), tr("Predicted as"), tr("Images")});
    m_pairs->verticalHeader()->hide();
    m_pairs->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_pairs->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_pairs->setSelectionMode(QAbstractItemView::SingleSelection);
    m_pairs->setAlternatingRowColors(true);
    m_pairs->setWordWrap(false);
    m_pairs->horizontalHeader()->setSectionResizeMode(kPairTrueColumn, QHeaderView::Stretch);
    m_pairs->horizontalHeader()->setSectionResizeMode(kPairPredictedColumn, QHeaderView::Stretch);
    m_pairs->horizontalHeader()->setSectionResizeMode(kPairCountColumn, QHeaderView::ResizeToContents);
    m_pairs->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + fontMetrics().height() / 2);
    auto activatePair = [this](int row) {
        const QTableWidgetItem *item = m_pairs->item(row, kPairTrueColumn);
        if (item)
            Q_EMIT cellActivated(item->data(Qt::UserRole).toInt(), item->data(Qt::UserRole + 1).toInt(), showingTrainSplit());
    };
    connect(m_pairs, &QTableWidget::cellClicked, this, [activatePair](int row, int) { activatePair(row); });
    connect(m_pairs, &QTableWidget::itemActivated, this, [activatePair](QTableWidgetItem *item) { activatePair(item->row()); });

    auto *side = new QWidget;
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(m_table, 3);
    sideLayout->addSpacing(fontMetrics().height() / 2);
    sideLayout->addWidget(m_pairsHeader);
    sideLayout->addWidget(m_pairs, 2);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("confusionSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_matrix);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_epochs);
    layout->addWidget(splitter, 1);

    connect(m_split, &QComboBox::currentIndexChanged, this, &ConfusionTab::refresh);
    connect(m_normalization, &QComboBox::currentIndexChanged, this, [this] {
        m_matrix->setNormalization(
            static_cast<ConfusionMatrixWidget::Normalization>(m_normalization->currentData().toInt()));
    });
    connect(m_epochs, &EpochSlider::indexChanged, this, &ConfusionTab::refresh);
    connect(m_matrix, &ConfusionMatrixWidget::cellClicked, this,
            [this](int trueClass, int predictedClass) { Q_EMIT cellActivated(trueClass, predictedClass, showingTrainSplit()); });
    connect(m_export, &QToolButton::clicked, this, &ConfusionTab::exportImage);

    refresh();
}

ConfusionTab::~ConfusionTab() = default;

void ConfusionTab::setClassNames(const QStringList &names)
{
    m_classNames = names;
    m_matrix->setClassNames(names);
    refresh();
}

void ConfusionTab::clear()
{
    m_history.clear();
    m_epochs->clear();
    refresh();
}

void ConfusionTab::appendEpoch(const EpochMetrics &epoch)
{
    m_history.push_back(snapshotOf(epoch));
    m_epochs->append(epoch.epoch, epoch.epochs);
    refresh();
}

void ConfusionTab::setEpochs(const std::vector<EpochMetrics> &epochs)
{
    m_history.clear();
    m_history.reserve(epochs.size());
    std::vector<int64_t> numbers;
    for (const EpochMetrics &epoch : epochs) {
        m_history.push_back(snapshotOf(epoch));
        numbers.push_back(epoch.epoch);
    }
    m_epochs->setEpochs(numbers, epochs.empty() ? 0 : epochs.back().epochs);
    refresh();
}

ConfusionTab::Snapshot ConfusionTab::snapshotOf(const EpochMetrics &epoch)
{
    Snapshot snapshot;
    snapshot.epoch = epoch.epoch;
    snapshot.epochs = epoch.epochs;
    snapshot.testAccuracy = epoch.testAccuracy;
    snapshot.trainAccuracy = epoch.trainAccuracy;
    snapshot.perClassAccuracy = epoch.perClassAccuracy;
    snapshot.testConfusion = epoch.testConfusion;
    snapshot.trainConfusion = epoch.trainConfusion;
    return snapshot;
}

int ConfusionTab::shownEpoch() const
{
    return m_epochs->index();
}

void ConfusionTab::showEpoch(int index)
{
    m_epochs->setIndex(index);
}

bool ConfusionTab::showingTrainSplit() const
{
    return m_split->currentIndex() == 1;
}

void ConfusionTab::refresh()
{
    const bool train = showingTrainSplit();

    const Snapshot *snapshot = m_history.empty() ? nullptr : &m_history.at(static_cast<size_t>(shownEpoch()));
    static const std::vector<int64_t> kNone;
    const std::vector<int64_t> &counts =
        snapshot ? (train ? snapshot->trainConfusion : snapshot->testConfusion) : kNone;
    m_matrix->setMatrix(counts);
    m_export->setEnabled(m_matrix->classCount() > 0);

    const QString split = train ? tr("Train") : tr("Test");
    const int n = m_matrix->classCount();
    if (n > 0) {
        int64_t correct = 0;
        int64_t total = 0;
        for (int t = 0; t < n; ++t) {
            for (int p = 0; p < n; ++p) {
                const int64_t c = counts[static_cast<size_t>(t) * static_cast<size_t>(n) + static_cast<size_t>(p)];
                total += c;
                if (t == p)
                    correct += c;
            }
        }
        const double accuracy = total > 0 ? static_cast<double>(correct) / static_cast<double>(total) : 0.0;
        m_accuracy->setText(tr("%1 accuracy: <b>%2</b> (%3 of %4 images)")
                                .arg(split, percentText(accuracy), QLocale().toString(static_cast<qlonglong>(correct)),
                                     QLocale().toString(static_cast<qlonglong>(total))));
    } else if (snapshot) {
        m_accuracy->setText(tr("%1 accuracy: <b>%2</b>")
                                .arg(split, percentText(train ? snapshot->trainAccuracy : snapshot->testAccuracy)));
    } else {
        m_accuracy->clear();
    }
    refreshTable(snapshot, counts);
}

void ConfusionTab::refreshTable(const Snapshot *snapshot, const std::vector<int64_t> &counts)
{
    const int n = m_matrix->classCount();
    int rows = n;
    if (rows == 0)
        rows = snapshot ? std::max<int>(static_cast<int>(snapshot->perClassAccuracy.size()), m_classNames.size()) : 0;
    const bool train = showingTrainSplit();
    const QString none = QStringLiteral("\u2014");

    // Refill without sorting so rows stay aligned, then let the header re-sort as the user chose.
    m_table->setSortingEnabled(false);
    m_table->clearContents();
    m_table->setRowCount(rows);
    for (int c = 0; c < rows; ++c) {
        int64_t rowTotal = 0;
        int64_t columnTotal = 0;
        int64_t correct = 0;
        if (n > 0) {
            for (int k = 0; k < n; ++k) {
                rowTotal += counts[static_cast<size_t>(c) * static_cast<size_t>(n) + static_cast<size_t>(k)];
                columnTotal += counts[static_cast<size_t>(k) * static_cast<size_t>(n) + static_cast<size_t>(c)];
            }
            correct = counts[static_cast<size_t>(c) * static_cast<size_t>(n) + static_cast<size_t>(c)];
        }

        double recall = -1.0;
        if (rowTotal > 0)
            recall = static_cast<double>(correct) / static_cast<double>(rowTotal);
        else if (n == 0 && !train && snapshot && c < static_cast<int>(snapshot->perClassAccuracy.size()))
            recall = snapshot->perClassAccuracy[static_cast<size_t>(c)];
        const double precision = columnTotal > 0 ? static_cast<double>(correct) / static_cast<double>(columnTotal) : -1.0;

        const QString name = c < m_classNames.size() && !m_classNames.at(c).isEmpty() ? m_classNames.at(c)
                                                                                      : QString::number(c);
        auto *nameItem = new NumericItem(name, c);
        nameItem->setTextAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        m_table->setItem(c, kClassColumn, nameItem);

        auto *recallItem = new NumericItem(recall >= 0 ? percentText(recall) : none, recall);
        recallItem->setData(kBarRole, recall);
        m_table->setItem(c, kRecallColumn, recallItem);

        auto *precisionItem = new NumericItem(precision >= 0 ? percentText(precision) : none, precision);
        precisionItem->setData(kBarRole, precision);
        m_table->setItem(c, kPrecisionColumn, precisionItem);

        const bool known = n > 0;
        m_table->setItem(c, kCountColumn,
                         new NumericItem(known ? QLocale().toString(static_cast<qlonglong>(rowTotal)) : none,
                                         known ? static_cast<double>(rowTotal) : -1.0));
    }
    m_table->setSortingEnabled(true);

    // Wide enough for every column, so the numbers never hide behind a horizontal scroll bar.
    const QHeaderView *header = m_table->horizontalHeader();
    int width = 2 * m_table->frameWidth() + m_table->verticalScrollBar()->sizeHint().width();
    const QFontMetrics fm(m_table->font());
    const int padding = fm.averageCharWidth() * 2;
    for (int c = 0; c < kColumnCount; ++c) {
        int column = header->sectionSizeHint(c);
        for (int r = 0; r < rows; ++r)
            column = std::max(column, fm.horizontalAdvance(m_table->item(r, c)->text()) + padding);
        width += column;
    }
    m_table->setMinimumWidth(std::max(width, fontMetrics().averageCharWidth() * 40));
    refreshPairs(counts);
}

void ConfusionTab::refreshPairs(const std::vector<int64_t> &counts)
{
    const int n = m_matrix->classCount();
    const std::vector<ConfusedPair> pairs = mostConfusedPairs(counts, n, kMostConfusedPairs);
    auto name = [this](int c) { return c < m_classNames.size() && !m_classNames.at(c).isEmpty() ? m_classNames.at(c) : QString::number(c); };
    const QLocale locale;
    m_pairs->clearContents();
    m_pairs->setRowCount(static_cast<int>(pairs.size()));
    for (int r = 0; r < static_cast<int>(pairs.size()); ++r) {
        const ConfusedPair &pair = pairs[static_cast<size_t>(r)];
        auto *truth = new QTableWidgetItem(name(pair.trueClass));
        truth->setData(Qt::UserRole, pair.trueClass);
        truth->setData(Qt::UserRole + 1, pair.predictedClass);
        auto *predicted = new QTableWidgetItem(name(pair.predictedClass));
        auto *count = new QTableWidgetItem(locale.toString(static_cast<qlonglong>(pair.count)));
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        const QString tip = tr("%1 of the %2 %3 images were predicted as %4. Click to see them.")
                                .arg(locale.toString(static_cast<qlonglong>(pair.count)),
                                     locale.toString(static_cast<qlonglong>(pair.trueClassTotal)), name(pair.trueClass),
                                     name(pair.predictedClass));
        for (QTableWidgetItem *item : {truth, predicted, count})
            item->setToolTip(tip);
        m_pairs->setItem(r, kPairTrueColumn, truth);
        m_pairs->setItem(r, kPairPredictedColumn, predicted);
        m_pairs->setItem(r, kPairCountColumn, count);
    }
    m_pairsHeader->setText(n > 0 && pairs.empty() ? tr("Most confused: no mistakes") : tr("Most confused"));
}

void ConfusionTab::exportImage()
{
    if (m_matrix->classCount() == 0 || m_history.empty())
        return;
    const Snapshot &shown = m_history.at(static_cast<size_t>(shownEpoch()));
    const QString suggested = QStringLiteral("confusion_%1_epoch%2.png")
                                  .arg(showingTrainSplit() ? QStringLiteral("train") : QStringLiteral("test"))
                                  .arg(shown.epoch + 1);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Confusion Matrix"), suggested,
                                                      tr("PNG image (*.png);;SVG image (*.svg)"));
    if (path.isEmpty())
        return;
    if (!m_matrix->saveImage(path))
        QMessageBox::warning(this, tr("Export Confusion Matrix"), tr("Could not write %1.").arg(path));
}

} // namespace cifarlab
