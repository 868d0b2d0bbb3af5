#include "ui/compare_tab.h"

#include "ui/dataset_image.h"

#include "core/experiment_store.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QFocusEvent>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace cifarlab {

namespace {

constexpr int kChartRole = Qt::UserRole + 1;
constexpr int kSortRole = CompareTab::SortValueRole;
constexpr int kRawRole = CompareTab::RawValueRole;
constexpr int kImageRole = Qt::UserRole + 4;
// The strips are a glance at the disagreement, not a browser: the Images tab has every image.
constexpr int kMaxThumbnails = 240;
constexpr int kDefaultDpi = 150;
constexpr int kLivePollMs = 3000;
const QSize kExportSize(900, 560);

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

// RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.
std::vector<QStringList> parseCsv(const QString &text)
{
    std::vector<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool any = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"')) {
            quoted = true;
            any = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
            any = true;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            if (any || !field.isEmpty()) {
                row << field;
                rows.push_back(row);
            }
            row.clear();
            field.clear();
            any = false;
        } else {
            field += c;
            any = true;
        }
    }
    if (any || !field.isEmpty()) {
        row << field;
        rows.push_back(row);
    }
    return rows;
}

// "best_test_accuracy" -> "Best test accuracy"; the raw name stays in the tooltip and the copy.
QString prettyColumn(const QString &raw)
{
    static const std::map<QString, const char *> kNames = {
        {QStringLiteral("run_id"), QT_TRANSLATE_NOOP("cifarlab::CompareTab", "Run")},
        {QStringLiteral("lr"), QT_TRANSLATE_NOOP("cifarlab::CompareTab", "Learning rate")},
        {QStringLiteral("model_mb"), QT_TRANSLATE_NOOP("cifarlab::CompareTab", "Model (MB)")},
        {QStringLiteral("model_bytes"), QT_TRANSLATE_NOOP("cifarlab::CompareTab", "Model (bytes)")},
        {QStringLiteral("wall_seconds"), QT_TRANSLATE_NOOP("cifarlab::CompareTab", "Wall time (s)")},
        {QStringLiteral("images_per_second"), QT_TRANSLATE_NOOP("cifarlab::CompareTab", "Images/s")},
        {QStringLiteral("seconds_to_50pct"), QT_TRANSLATE_NOOP("cifarlab::CompareTab", "Seconds to 50%")},
        {QStringLiteral("seconds_to_80pct"), QT_TRANSLATE_NOOP("cifarlab::CompareTab", "Seconds to 80%")},
        {QStringLiteral("seconds_to_90pct"), QT_TRANSLATE_NOOP("cifarlab::CompareTab", "Seconds to 90%")},
    };
    const auto known = kNames.find(raw);
    if (known != kNames.end())
        return CompareTab::tr(known->second);
    QString text = raw;
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

bool isFractionColumn(const QString &raw)
{
    return raw.contains(QLatin1String("accuracy"), Qt::CaseInsensitive);
}

QString formatNumber(const QString &raw, double value, const QString &column)
{
    const QLocale locale;
    const bool integral = !raw.contains(QLatin1Char('.')) && !raw.contains(QLatin1Char('e'), Qt::CaseInsensitive);
    if (integral) {
        const auto v = static_cast<qlonglong>(value);
        return std::llabs(v) >= 10000 ? locale.toString(v) : QString::number(v);
    }
    if (isFractionColumn(column) && value >= 0.0 && value <= 1.0)
        return QStringLiteral("%1%").arg(locale.toString(value * 100.0, 'f', 2));
    const double magnitude = std::fabs(value);
    if (magnitude == 0.0)
        return QStringLiteral("0");
    if (magnitude < 0.01 || magnitude >= 1e7)
        return locale.toString(value, 'g', 3);
    const int decimals = magnitude >= 1000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 1 ? 3 : 4;
    return locale.toString(value, 'f', decimals);
}

const std::vector<int32_t> *lastPredictions(const ComparedRun &run)
{
    for (auto it = run.epochs.rbegin(); it != run.epochs.rend(); ++it)
        if (!it->testPredictions.empty())
            return &it->testPredictions;
    return nullptr;
}

QString runLabel(const ComparedRun &run)
{
    return QString::fromStdString(run.label);
}

bool writeText(const QString &path, const std::string &text, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size())
        || !file.commit()) {
        if (error)
            *error = CompareTab::tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

QListView *thumbnailStrip(QStandardItemModel *model, const QString &accessibleName)
{
    auto *view = new QListView;
    view->setModel(model);
    view->setViewMode(QListView::IconMode);
    view->setFlow(QListView::LeftToRight);
    view->setWrapping(true);
    view->setResizeMode(QListView::Adjust);
    view->setMovement(QListView::Static);
    view->setUniformItemSizes(true);
    view->setSpacing(2);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAccessibleName(accessibleName);
    view->setMinimumHeight(60);
    return view;
}

} // namespace

// ---------------------------------------------------------------------------------------------

ComparisonChartView::ComparisonChartView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("comparisonChart"));
    setAccessibleName(tr("Comparison chart"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    // Reachable with Tab so a screen reader can read what the chart shows.
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ComparisonChartView::setComparison(const RunComparison *comparison)
{
    m_comparison = comparison;
    updateAccessibleText();
    update();
}

void ComparisonChartView::setChart(ComparisonChart chart)
{
    m_chart = chart;
    setAccessibleName(tr("Comparison chart: %1").arg(comparisonChartTitle(chart)));
    updateAccessibleText();
    update();
}

void ComparisonChartView::setOptions(const ComparisonChartOptions &options)
{
    m_options = options;
    updateAccessibleText();
    update();
}

void ComparisonChartView::setPlaceholder(const QString &text)
{
    m_placeholder = text;
    updateAccessibleText();
    update();
}

bool ComparisonChartView::showsChart() const
{
    return m_comparison && !m_comparison->runs.empty() && comparisonChartApplies(m_chart, *m_comparison, m_options);
}

QSize ComparisonChartView::sizeHint() const
{
    return {760, 420};
}

QSize ComparisonChartView::minimumSizeHint() const
{
    return {360, 220};
}

void ComparisonChartView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    const QPalette &pal = palette();
    painter.fillRect(rect(), pal.color(QPalette::Base));
    if (!showsChart()) {
        QString text = m_placeholder;
        QString reason;
        if (text.isEmpty() && m_comparison && !m_comparison->runs.empty()
            && !comparisonChartApplies(m_chart, *m_comparison, m_options, &reason))
            text = reason;
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, text);
    } else {
        ComparisonChartOptions options = m_options;
        options.darkBackground = isDark(pal);
        paintComparisonChart(painter, QRectF(rect()).adjusted(6, 6, -6, -6), m_chart, *m_comparison, options);
    }
    if (hasFocus()) {
        // Keyboard focus: a dashed frame inside the margin the chart leaves free.
        painter.setRenderHint(QPainter::Antialiasing, false);
        painter.setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DashLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(rect().adjusted(2, 2, -3, -3));
    }
}

void ComparisonChartView::focusInEvent(QFocusEvent *event)
{
    update();
    QWidget::focusInEvent(event);
}

void ComparisonChartView::focusOutEvent(QFocusEvent *event)
{
    update();
    QWidget::focusOutEvent(event);
}

void ComparisonChartView::updateAccessibleText()
{
    if (showsChart()) {
        QStringList labels;
        for (const auto &run : m_comparison->runs)
            labels << QString::fromStdString(run.label);
        setAccessibleDescription(tr("Runs: %1").arg(labels.join(QStringLiteral(", "))));
        return;
    }
    QString reason = m_placeholder;
    if (reason.isEmpty() && m_comparison && !m_comparison->runs.empty())
        comparisonChartApplies(m_chart, *m_comparison, m_options, &reason);
    setAccessibleDescription(reason);
}

void ComparisonChartView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        update();
    QWidget::changeEvent(event);
}

// ---------------------------------------------------------------------------------------------

CompareTab::CompareTab(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("compareTab"));
    m_exportFolder = QSettings().value(QStringLiteral("compare/exportFolder")).toString();
    m_liveTimer = new QTimer(this);
    m_liveTimer->setInterval(kLivePollMs);
    connect(m_liveTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refreshRuns();
    });

    m_chartView = new ComparisonChartView;
    m_chartView->setComparison(&m_comparison);

    m_summaryModel = new QStandardItemModel(this);
    m_summaryProxy = new QSortFilterProxyModel(this);
    m_summaryProxy->setSourceModel(m_summaryModel);
    m_summaryProxy->setSortRole(kSortRole);
    m_table = new QTableView;
    // Tab leaves the table (the arrow keys move between cells): no keyboard trap.
    m_table->setTabKeyNavigation(false);
    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setAccessibleName(tr("Numbers per run"));
    m_table->setModel(m_summaryProxy);
    m_table->setSortingEnabled(true);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setToolTip(tr("Click a header to sort. Ctrl+C copies the selected cells (with full precision) "
                           "as tab-separated text for a spreadsheet."));
    auto *copy = new QAction(tr("&Copy"), m_table);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copy, &QAction::triggered, this, &CompareTab::copySelection);
    auto *selectAll = new QAction(tr("Select &All"), m_table);
    selectAll->setShortcut(QKeySequence::SelectAll);
    selectAll->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(selectAll, &QAction::triggered, m_table, &QTableView::selectAll);
    m_table->addAction(copy);
    m_table->addAction(selectAll);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_bottomTabs = new QTabWidget;
    m_bottomTabs->setObjectName(QStringLiteral("compareBottomTabs"));
    m_bottomTabs->setDocumentMode(true);
    m_bottomTabs->addTab(m_table, tr("Numbers"));
    m_bottomTabs->addTab(buildImagesPage(), tr("Images"));

    auto *rightSplit = new QSplitter(Qt::Vertical);
    rightSplit->setObjectName(QStringLiteral("compareSplitter"));
    rightSplit->setChildrenCollapsible(false);
    rightSplit->addWidget(m_chartView);
    rightSplit->addWidget(m_bottomTabs);
    rightSplit->setStretchFactor(0, 3);
    rightSplit->setStretchFactor(1, 2);

    auto *mainSplit = new QSplitter(Qt::Horizontal);
    mainSplit->setChildrenCollapsible(false);
    mainSplit->addWidget(buildSidebar());
    mainSplit->addWidget(rightSplit);
    mainSplit->setStretchFactor(1, 1);
    mainSplit->setSizes({260, 900});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(buildToolbar());
    layout->addWidget(mainSplit, 1);

    QWidget::setTabOrder(m_chartList, m_threshold);
    QWidget::setTabOrder(m_threshold, m_runA);
    QWidget::setTabOrder(m_runA, m_runB);
    QWidget::setTabOrder(m_runB, m_swap);
    QWidget::setTabOrder(m_swap, m_differences);
    QWidget::setTabOrder(m_differences, m_bottomTabs);
    QWidget::setTabOrder(m_bottomTabs, m_table);
    QWidget::setTabOrder(m_table, m_rightWrongView);
    QWidget::setTabOrder(m_rightWrongView, m_allWrongView);
    QWidget::setTabOrder(m_allWrongView, m_exportChart);
    QWidget::setTabOrder(m_exportChart, m_exportData);
    QWidget::setTabOrder(m_exportData, m_exportConfigs);
    QWidget::setTabOrder(m_exportConfigs, m_report);

    const QString stem = QSettings().value(QStringLiteral("compare/chart")).toString();
    for (ComparisonChart chart : allComparisonCharts())
        if (comparisonChartFileStem(chart) == stem)
            m_chartView->setChart(chart);
    applyComparison();
}

CompareTab::~CompareTab() = default;

QWidget *CompareTab::buildToolbar()
{
    auto *bar = new QWidget;
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(2, 0, 2, 4);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(0);
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("compareTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_title->setFont(bold);
    m_subtitle = new QLabel;
    m_subtitle->setObjectName(QStringLiteral("compareSubtitle"));
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setWordWrap(true);
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    layout->addLayout(titles, 1);

    m_exportChart = new QPushButton(tr("&Export Chart..."));
    m_exportChart->setObjectName(QStringLiteral("exportChartButton"));
    m_exportChart->setToolTip(tr("Save the chart as PNG (choose the resolution), SVG or PDF"));
    m_exportData = new QPushButton(tr("E&xport Data..."));
    m_exportData->setObjectName(QStringLiteral("exportDataButton"));
    m_exportData->setToolTip(tr("Save the numbers per run and the metrics per epoch as two CSV files"));
    m_exportConfigs = new QPushButton(tr("Export Confi&gs..."));
    m_exportConfigs->setObjectName(QStringLiteral("exportConfigsButton"));
    m_exportConfigs->setToolTip(tr("Save every run's full training configuration as one JSON file"));
    m_report = new QPushButton(tr("&Report"));
    m_report->setObjectName(QStringLiteral("reportButton"));
    m_report->setToolTip(tr("A report with a summary table, every chart and per run its curves and confusion matrix"));
    auto *reportMenu = new QMenu(m_report);
    reportMenu->addAction(tr("PDF Report..."), this, &CompareTab::chooseReportPdf);
    reportMenu->addAction(tr("HTML Report (Folder)..."), this, &CompareTab::chooseReportHtml);
    m_report->setMenu(reportMenu);
    connect(m_exportChart, &QPushButton::clicked, this, &CompareTab::chooseChartExport);
    connect(m_exportData, &QPushButton::clicked, this, &CompareTab::chooseDataExport);
    connect(m_exportConfigs, &QPushButton::clicked, this, &CompareTab::chooseConfigsExport);
    for (QPushButton *b : {m_exportChart, m_exportData, m_exportConfigs, m_report})
        layout->addWidget(b, 0, Qt::AlignTop);
    return bar;
}

QWidget *CompareTab::buildSidebar()
{
    auto *side = new QWidget;
    auto *layout = new QVBoxLayout(side);
    layout->setContentsMargins(0, 0, 4, 0);

    auto *chartsLabel = new QLabel(tr("Chart&s"));
    QFont bold = chartsLabel->font();
    bold.setBold(true);
    chartsLabel->setFont(bold);
    m_chartList = new QListWidget;
    m_chartList->setObjectName(QStringLiteral("chartList"));
    m_chartList->setAccessibleName(tr("Charts"));
    chartsLabel->setBuddy(m_chartList);
    for (ComparisonChart chart : allComparisonCharts()) {
        auto *item = new QListWidgetItem(comparisonChartTitle(chart));
        item->setData(kChartRole, static_cast<int>(chart));
        m_chartList->addItem(item);
    }
    // Every chart visible without scrolling: it is a short, fixed list.
    m_chartList->setMinimumHeight(m_chartList->sizeHintForRow(0) * m_chartList->count() + 2 * m_chartList->frameWidth() + 4);
    m_chartList->setMaximumHeight(m_chartList->minimumHeight());
    connect(m_chartList, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (!item)
            return;
        const auto chart = static_cast<ComparisonChart>(item->data(kChartRole).toInt());
        if (chart == m_chartView->chart())
            return;
        m_chartView->setChart(chart);
        QSettings().setValue(QStringLiteral("compare/chart"), comparisonChartFileStem(chart));
        updateChart();
    });

    auto *optionsBox = new QGroupBox(tr("Options"));
    auto *form = new QFormLayout(optionsBox);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_threshold = new QDoubleSpinBox;
    m_threshold->setObjectName(QStringLiteral("accuracyThreshold"));
    m_threshold->setRange(1.0, 100.0);
    m_threshold->setDecimals(1);
    m_threshold->setSingleStep(1.0);
    m_threshold->setSuffix(QStringLiteral(" %"));
    m_threshold->setValue(QSettings().value(QStringLiteral("compare/threshold"), 0.8).toDouble() * 100.0);
    m_threshold->setToolTip(tr("Time to accuracy: the test accuracy each run has to reach"));
    connect(m_threshold, &QDoubleSpinBox::valueChanged, this, [this] {
        QSettings().setValue(QStringLiteral("compare/threshold"), m_threshold->value() / 100.0);
        updateChartList();
        updateChart();
    });
    m_runA = new QComboBox;
    m_runA->setObjectName(QStringLiteral("runACombo"));
    m_runA->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_runA->setMinimumContentsLength(12);
    m_runA->setToolTip(tr("Run A of the pair: the ablation chart, the difference confusion (B - A), the differing "
                          "settings and the images A gets right and B gets wrong"));
    m_runB = new QComboBox;
    m_runB->setObjectName(QStringLiteral("runBCombo"));
    m_runB->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_runB->setMinimumContentsLength(12);
    m_runB->setToolTip(tr("Run B of the pair"));
    m_swap = new QToolButton;
    m_swap->setText(tr("S&wap A and B"));
    m_swap->setToolTip(tr("Exchange runs A and B"));
    connect(m_swap, &QToolButton::clicked, this, [this] { setPair(m_runB->currentIndex(), m_runA->currentIndex()); });
    connect(m_runA, &QComboBox::currentIndexChanged, this, &CompareTab::onPairChanged);
    connect(m_runB, &QComboBox::currentIndexChanged, this, &CompareTab::onPairChanged);
    auto *thresholdLabel = new QLabel(tr("Thresh&old:"));
    thresholdLabel->setBuddy(m_threshold);
    auto *aLabel = new QLabel(tr("R&un A:"));
    aLabel->setBuddy(m_runA);
    auto *bLabel = new QLabel(tr("Ru&n B:"));
    bLabel->setBuddy(m_runB);
    form->addRow(thresholdLabel, m_threshold);
    form->addRow(aLabel, m_runA);
    form->addRow(bLabel, m_runB);
    form->addRow(QString(), m_swap);

    auto *diffLabel = new QLabel(tr("Settings that differ"));
    diffLabel->setFont(bold);
    m_differencesNote = new QLabel;
    m_differencesNote->setWordWrap(true);
    m_differencesNote->setObjectName(QStringLiteral("differencesNote"));
    m_differences = new QTreeWidget;
    m_differences->setObjectName(QStringLiteral("differencesView"));
    m_differences->setAccessibleName(tr("Settings that differ between runs A and B"));
    m_differences->setRootIsDecorated(false);
    m_differences->setAlternatingRowColors(true);
    m_differences->setColumnCount(3);
    m_differences->setHeaderLabels({tr("Setting"), tr("A"), tr("B")});
    m_differences->header()->setStretchLastSection(true);
    m_differences->setSelectionMode(QAbstractItemView::NoSelection);

    layout->addWidget(chartsLabel);
    layout->addWidget(m_chartList);
    layout->addWidget(optionsBox);
    layout->addWidget(diffLabel);
    layout->addWidget(m_differencesNote);
    layout->addWidget(m_differences, 1);
    side->setMinimumWidth(240);
    return side;
}

QWidget *CompareTab::buildImagesPage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 4);
    m_imagesNote = new QLabel;
    m_imagesNote->setObjectName(QStringLiteral("compareImagesNote"));
    m_imagesNote->setWordWrap(true);
    m_rightWrongModel = new QStandardItemModel(this);
    m_allWrongModel = new QStandardItemModel(this);
    m_rightWrongTitle = new QLabel;
    m_rightWrongView = thumbnailStrip(m_rightWrongModel, tr("Test images run A gets right and run B gets wrong"));
    m_rightWrongView->setObjectName(QStringLiteral("rightInAWrongInBView"));
    m_allWrongTitle = new QLabel;
    m_allWrongView = thumbnailStrip(m_allWrongModel, tr("Test images every selected run gets wrong"));
    m_allWrongView->setObjectName(QStringLiteral("wrongInAllView"));
    auto *split = new QSplitter(Qt::Horizontal);
    split->setChildrenCollapsible(false);
    for (auto pair : {std::pair<QLabel *, QListView *>{m_rightWrongTitle, m_rightWrongView},
                      std::pair<QLabel *, QListView *>{m_allWrongTitle, m_allWrongView}}) {
        auto *box = new QWidget;
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 0, 0, 0);
        pair.first->setWordWrap(true);
        pair.first->setBuddy(pair.second);
        boxLayout->addWidget(pair.first);
        boxLayout->addWidget(pair.second, 1);
        split->addWidget(box);
    }
    layout->addWidget(m_imagesNote);
    layout->addWidget(split, 1);
    return page;
}

void CompareTab::setStore(ExperimentStore *store)
{
    m_store = store;
    m_signature.clear();
    if (!m_ids.isEmpty())
        m_dirty = true;
}

void CompareTab::setRuns(const QList<qint64> &runIds)
{
    if (runIds == m_ids && !m_dirty && m_error.isEmpty())
        return;
    m_ids = runIds;
    m_dirty = true;
    if (isVisible())
        reload();
}

void CompareTab::refreshRuns()
{
    if (m_ids.isEmpty() || !m_store)
        return;
    if (!isVisible()) {
        m_dirty = true;
        return;
    }
    if (m_dirty || runsSignature() != m_signature)
        reload();
}

QString CompareTab::runsSignature() const
{
    QString signature;
    for (qint64 id : m_ids) {
        try {
            const RunRecord r = m_store->run(id);
            signature += QStringLiteral("%1|%2|%3|%4;")
                             .arg(id)
                             .arg(QString::fromStdString(r.updatedAt))
                             .arg(r.epochsDone)
                             .arg(static_cast<int>(r.status));
        } catch (const std::exception &) {
            signature += QStringLiteral("%1|gone;").arg(id);
        }
    }
    return signature;
}

bool CompareTab::reload()
{
    m_dirty = false;
    m_error.clear();
    RunComparison loaded;
    if (!m_ids.isEmpty()) {
        if (!m_store) {
            m_error = tr("The run history is unavailable.");
        } else {
            try {
                m_signature = runsSignature();
                std::vector<int64_t> ids(m_ids.begin(), m_ids.end());
                loaded = loadComparison(*m_store, ids);
            } catch (const std::exception &e) {
                m_error = QString::fromStdString(e.what());
            }
        }
    }
    // Keep the A/B pair on the same runs across reloads (a live run's new epoch).
    qint64 idA = 0;
    qint64 idB = 0;
    const int a = m_runA->currentIndex();
    const int b = m_runB->currentIndex();
    if (a >= 0 && a < static_cast<int>(m_comparison.runs.size()))
        idA = m_comparison.runs[static_cast<size_t>(a)].record.id;
    if (b >= 0 && b < static_cast<int>(m_comparison.runs.size()))
        idB = m_comparison.runs[static_cast<size_t>(b)].record.id;
    m_comparison = std::move(loaded);
    fillPairCombos();
    int newA = -1;
    int newB = -1;
    for (size_t i = 0; i < m_comparison.runs.size(); ++i) {
        if (m_comparison.runs[i].record.id == idA)
            newA = static_cast<int>(i);
        if (m_comparison.runs[i].record.id == idB)
            newB = static_cast<int>(i);
    }
    const int n = static_cast<int>(m_comparison.runs.size());
    if (newA < 0)
        newA = 0;
    if (newB < 0 || newB == newA)
        newB = n > 1 ? (newA == 0 ? 1 : 0) : 0;
    {
        const QSignalBlocker blockA(m_runA);
        const QSignalBlocker blockB(m_runB);
        m_runA->setCurrentIndex(n > 0 ? newA : -1);
        m_runB->setCurrentIndex(n > 0 ? newB : -1);
    }
    applyComparison();
    Q_EMIT comparisonChanged();
    return m_error.isEmpty();
}

void CompareTab::fillPairCombos()
{
    const QSignalBlocker blockA(m_runA);
    const QSignalBlocker blockB(m_runB);
    m_runA->clear();
    m_runB->clear();
    for (const auto &run : m_comparison.runs) {
        const QString epochs = run.record.epochsDone == 1 ? tr("1 epoch") : tr("%1 epochs").arg(run.record.epochsDone);
        const QString tip = tr("%1 on %2, %3").arg(QString::fromStdString(run.record.architecture),
                                                   QString::fromStdString(run.record.datasetName), epochs);
        m_runA->addItem(runLabel(run));
        m_runB->addItem(runLabel(run));
        m_runA->setItemData(m_runA->count() - 1, tip, Qt::ToolTipRole);
        m_runB->setItemData(m_runB->count() - 1, tip, Qt::ToolTipRole);
    }
}

void CompareTab::applyComparison()
{
    const bool pair = m_comparison.runs.size() >= 2;
    m_runA->setEnabled(pair);
    m_runB->setEnabled(pair);
    m_swap->setEnabled(pair);
    bool live = false;
    for (const auto &run : m_comparison.runs)
        live = live || run.record.status == RunStatus::Running || run.record.status == RunStatus::Paused
            || run.record.status == RunStatus::Created;
    if (live)
        m_liveTimer->start();
    else
        m_liveTimer->stop();
    updateChartList();
    updateChart();
    updateDifferences();
    updateTable();
    updateImages();
    updateHeader();
    updateExportButtons();
}

ComparisonChartOptions CompareTab::chartOptions() const
{
    ComparisonChartOptions options;
    options.accuracyThreshold = m_threshold->value() / 100.0;
    options.runA = std::max(0, m_runA->currentIndex());
    options.runB = std::max(0, m_runB->currentIndex());
    options.darkBackground = false; // files are always light; the view decides for the screen
    return options;
}

ComparisonChart CompareTab::currentChart() const
{
    return m_chartView->chart();
}

void CompareTab::setChart(ComparisonChart chart)
{
    for (int i = 0; i < m_chartList->count(); ++i)
        if (m_chartList->item(i)->data(kChartRole).toInt() == static_cast<int>(chart))
            m_chartList->setCurrentRow(i);
    m_chartView->setChart(chart);
    updateChart();
}

bool CompareTab::isChartEnabled(ComparisonChart chart) const
{
    for (int i = 0; i < m_chartList->count(); ++i) {
        const QListWidgetItem *item = m_chartList->item(i);
        if (item->data(kChartRole).toInt() == static_cast<int>(chart))
            return item->flags().testFlag(Qt::ItemIsEnabled);
    }
    return false;
}

void CompareTab::setAccuracyThreshold(double fraction)
{
    m_threshold->setValue(fraction * 100.0);
}

void CompareTab::setPair(int runA, int runB)
{
    {
        const QSignalBlocker blockA(m_runA);
        const QSignalBlocker blockB(m_runB);
        m_runA->setCurrentIndex(runA);
        m_runB->setCurrentIndex(runB);
    }
    onPairChanged();
}

void CompareTab::onPairChanged()
{
    updateChartList();
    updateChart();
    updateDifferences();
    updateImages();
}

void CompareTab::updateChartList()
{
    const ComparisonChartOptions options = chartOptions();
    const bool empty = m_comparison.runs.empty();
    for (int i = 0; i < m_chartList->count(); ++i) {
        QListWidgetItem *item = m_chartList->item(i);
        const auto chart = static_cast<ComparisonChart>(item->data(kChartRole).toInt());
        QString reason;
        const bool applies = !empty && comparisonChartApplies(chart, m_comparison, options, &reason);
        if (empty)
            reason = tr("Select runs in the Runs dock first.");
        item->setFlags(applies ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::ItemIsSelectable);
        item->setToolTip(applies ? comparisonChartTitle(chart) : reason);
    }
    // The shown chart stays when it still applies, else the first one that does.
    const ComparisonChart current = m_chartView->chart();
    int row = -1;
    for (int i = 0; i < m_chartList->count(); ++i)
        if (m_chartList->item(i)->data(kChartRole).toInt() == static_cast<int>(current))
            row = i;
    if (!empty && row >= 0 && !m_chartList->item(row)->flags().testFlag(Qt::ItemIsEnabled)) {
        for (int i = 0; i < m_chartList->count(); ++i) {
            if (m_chartList->item(i)->flags().testFlag(Qt::ItemIsEnabled)) {
                row = i;
                m_chartView->setChart(static_cast<ComparisonChart>(m_chartList->item(i)->data(kChartRole).toInt()));
                break;
            }
        }
    }
    const QSignalBlocker blocker(m_chartList);
    m_chartList->setCurrentRow(row);
    m_threshold->setEnabled(!empty && m_chartView->chart() == ComparisonChart::TimeToAccuracy);
}

void CompareTab::updateChart()
{
    m_chartView->setOptions(chartOptions());
    if (!m_error.isEmpty())
        m_chartView->setPlaceholder(tr("Cannot compare these runs: %1").arg(m_error));
    else if (m_comparison.runs.empty())
        m_chartView->setPlaceholder(tr("Select runs in the Runs dock (Ctrl+click or Shift+click for several), "
                                       "then press Ctrl+K to compare them here."));
    else
        m_chartView->setPlaceholder(QString());
    m_threshold->setEnabled(!m_comparison.runs.empty() && m_chartView->chart() == ComparisonChart::TimeToAccuracy);
    m_chartView->update();
    updateExportButtons();
}

void CompareTab::updateDifferences()
{
    m_differences->clear();
    const int n = static_cast<int>(m_comparison.runs.size());
    const int a = m_runA->currentIndex();
    const int b = m_runB->currentIndex();
    if (n < 2 || a < 0 || b < 0 || a >= n || b >= n) {
        m_differences->setHeaderLabels({tr("Setting"), tr("A"), tr("B")});
        m_differencesNote->setText(n < 2 ? tr("Select two runs or more to pair them.") : QString());
        m_differences->setEnabled(false);
        return;
    }
    m_differences->setEnabled(true);
    const ComparedRun &runA = m_comparison.runs[static_cast<size_t>(a)];
    const ComparedRun &runB = m_comparison.runs[static_cast<size_t>(b)];
    // Short headers (the combos above name the runs); the full labels on hover.
    m_differences->setHeaderLabels({tr("Setting"), tr("A"), tr("B")});
    m_differences->headerItem()->setToolTip(1, tr("A: %1").arg(runLabel(runA)));
    m_differences->headerItem()->setToolTip(2, tr("B: %1").arg(runLabel(runB)));
    if (a == b) {
        m_differencesNote->setText(tr("A and B are the same run; pick two different runs."));
        return;
    }
    const std::vector<ConfigDifference> differences = configDifferences(runA.config, runB.config);
    if (differences.empty())
        m_differencesNote->setText(tr("A and B were trained with the same settings."));
    else if (differences.size() == 1)
        m_differencesNote->setText(tr("One setting differs between A and B."));
    else
        m_differencesNote->setText(tr("%1 settings differ between A and B.").arg(differences.size()));
    for (const auto &d : differences) {
        auto *item = new QTreeWidgetItem({QString::fromStdString(d.field), QString::fromStdString(d.valueA),
                                          QString::fromStdString(d.valueB)});
        for (int c = 0; c < 3; ++c)
            item->setToolTip(c, item->text(c));
        m_differences->addTopLevelItem(item);
    }
    m_differences->resizeColumnToContents(0);
    m_differences->resizeColumnToContents(1);
}

void CompareTab::updateTable()
{
    // Keep the user's sort column across reloads.
    const int sortColumn = m_table->horizontalHeader()->sortIndicatorSection();
    const Qt::SortOrder order = m_table->horizontalHeader()->sortIndicatorOrder();
    const bool hadColumns = m_summaryModel->columnCount() > 0;
    m_summaryModel->clear();
    m_rawHeader.clear();
    if (m_comparison.runs.empty())
        return;
    const std::vector<QStringList> rows = parseCsv(QString::fromStdString(summaryCsv(m_comparison)));
    if (rows.empty())
        return;
    m_rawHeader = rows.front();
    m_summaryModel->setColumnCount(static_cast<int>(m_rawHeader.size()));
    for (int c = 0; c < m_rawHeader.size(); ++c) {
        auto *header = new QStandardItem(prettyColumn(m_rawHeader[c]));
        header->setToolTip(m_rawHeader[c]);
        m_summaryModel->setHorizontalHeaderItem(c, header);
    }
    for (size_t r = 1; r < rows.size(); ++r) {
        QList<QStandardItem *> items;
        for (int c = 0; c < m_rawHeader.size(); ++c) {
            const QString raw = c < rows[r].size() ? rows[r][c] : QString();
            bool isNumber = false;
            const double value = raw.toDouble(&isNumber);
            auto *item = new QStandardItem;
            item->setEditable(false);
            item->setData(raw, kRawRole);
            if (isNumber) {
                item->setText(formatNumber(raw, value, m_rawHeader[c]));
                item->setData(value, kSortRole);
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                item->setToolTip(raw);
            } else {
                item->setText(raw);
                item->setData(raw, kSortRole);
                item->setToolTip(raw);
            }
            items << item;
        }
        m_summaryModel->appendRow(items);
    }
    if (hadColumns && sortColumn >= 0 && sortColumn < m_summaryModel->columnCount())
        m_table->sortByColumn(sortColumn, order);
    else
        m_summaryProxy->sort(-1);
    m_table->resizeColumnsToContents();
    for (int c = 0; c < m_summaryModel->columnCount(); ++c)
        m_table->setColumnWidth(c, std::min(m_table->columnWidth(c), 260));
}

void CompareTab::updateImages()
{
    m_rightWrong.clear();
    m_allWrong.clear();
    m_imagesAvailable = false;
    m_rightWrongModel->clear();
    m_allWrongModel->clear();
    const int n = static_cast<int>(m_comparison.runs.size());
    const int a = m_runA->currentIndex();
    const int b = m_runB->currentIndex();
    auto finish = [this](const QString &note) {
        m_imagesNote->setText(note);
        m_imagesNote->setVisible(!note.isEmpty());
        const bool pair = m_imagesAvailable && m_comparison.runs.size() >= 2;
        m_rightWrongTitle->setEnabled(pair);
        m_rightWrongView->setEnabled(pair);
        m_allWrongTitle->setEnabled(m_imagesAvailable);
        m_allWrongView->setEnabled(m_imagesAvailable);
        if (!m_imagesAvailable) {
            m_rightWrongTitle->setText(tr("Right in A, wrong in B"));
            m_allWrongTitle->setText(tr("Wrong in every run"));
        }
        m_bottomTabs->setTabText(1, m_imagesAvailable ? tr("Images (%1 · %2)").arg(m_rightWrong.size()).arg(m_allWrong.size())
                                                      : tr("Images"));
    };
    if (n == 0) {
        finish(tr("Select runs to see the test images they disagree on."));
        return;
    }
    const ComparedRun &first = m_comparison.runs.front();
    const std::vector<int32_t> *predictions = lastPredictions(first);
    for (const auto &run : m_comparison.runs) {
        if (!lastPredictions(run)) {
            finish(tr("Run %1 recorded no per-image predictions, so its images cannot be compared.").arg(runLabel(run)));
            return;
        }
    }
    const QString runsData = QString::fromStdString(first.record.datasetSource.empty() ? first.record.datasetName
                                                                                       : first.record.datasetSource);
    if (!m_dataset) {
        finish(tr("Open the runs' dataset (%1) to see the test images they disagree on.").arg(runsData));
        return;
    }
    const bool sameClasses = m_dataset->classNames == m_comparison.classNames;
    const bool sameCount = m_dataset->test.count == static_cast<int64_t>(predictions->size());
    if (!sameClasses || !sameCount) {
        finish(tr("The open dataset (%1) is not the one these runs were trained on (%2): open it to see their images.")
                   .arg(QString::fromStdString(m_dataset->name), runsData));
        return;
    }
    m_imagesAvailable = true;
    const std::vector<int64_t> &labels = m_dataset->test.labels;
    try {
        if (n >= 2 && a >= 0 && b >= 0 && a < n && b < n && a != b)
            m_rightWrong = rightInAWrongInB(m_comparison.runs[static_cast<size_t>(a)], m_comparison.runs[static_cast<size_t>(b)], labels);
        m_allWrong = wrongInAll(m_comparison, labels);
    } catch (const std::exception &e) {
        m_imagesAvailable = false;
        finish(QString::fromStdString(e.what()));
        return;
    }

    const ImageSplit &test = m_dataset->test;
    const int side = static_cast<int>(std::max(test.width, test.height));
    const int iconSide = std::clamp(side * 2, 40, 64);
    const QSize icon(iconSide, iconSide);
    m_rightWrongView->setIconSize(icon);
    m_allWrongView->setIconSize(icon);
    m_rightWrongView->setGridSize(icon + QSize(6, 6));
    m_allWrongView->setGridSize(icon + QSize(6, 6));
    auto className = [this](int64_t c) {
        return c >= 0 && c < static_cast<int64_t>(m_dataset->classNames.size()) ? QString::fromStdString(m_dataset->classNames[static_cast<size_t>(c)])
                                                                                 : QString::number(c);
    };
    auto fill = [&](QStandardItemModel *model, const std::vector<int64_t> &images, bool pair) {
        const size_t shown = std::min(images.size(), static_cast<size_t>(kMaxThumbnails));
        for (size_t k = 0; k < shown; ++k) {
            const int64_t i = images[k];
            if (i < 0 || i >= test.count)
                continue;
            const QImage image = splitImage(test, i).scaled(icon, Qt::KeepAspectRatio, Qt::FastTransformation);
            auto *item = new QStandardItem(QIcon(QPixmap::fromImage(image)), QString());
            item->setEditable(false);
            item->setData(static_cast<qlonglong>(i), kImageRole);
            QStringList lines;
            lines << tr("Test image %1, a %2").arg(i).arg(className(labels[static_cast<size_t>(i)]));
            for (int r = 0; r < n; ++r) {
                if (pair && r != a && r != b)
                    continue;
                const auto *p = lastPredictions(m_comparison.runs[static_cast<size_t>(r)]);
                if (!p || static_cast<size_t>(i) >= p->size())
                    continue;
                const QString role = pair ? (r == a ? tr("A") : tr("B")) + QStringLiteral(" ") : QString();
                lines << tr("%1%2: %3").arg(role, runLabel(m_comparison.runs[static_cast<size_t>(r)]),
                                            className((*p)[static_cast<size_t>(i)]));
            }
            item->setToolTip(lines.join(QLatin1Char('\n')));
            item->setData(lines.join(QStringLiteral(", ")), Qt::AccessibleTextRole);
            model->appendRow(item);
        }
    };
    fill(m_rightWrongModel, m_rightWrong, true);
    fill(m_allWrongModel, m_allWrong, false);
    auto title = [](const QString &what, size_t count) {
        QString text = count == 1 ? tr("%1: 1 image").arg(what) : tr("%1: %2 images").arg(what).arg(count);
        if (count > static_cast<size_t>(kMaxThumbnails))
            text += tr(" (the first %1 shown)").arg(kMaxThumbnails);
        return text;
    };
    if (n >= 2 && a != b)
        m_rightWrongTitle->setText(title(tr("Right in A (%1), wrong in B (%2)")
                                             .arg(runLabel(m_comparison.runs[static_cast<size_t>(a)]),
                                                  runLabel(m_comparison.runs[static_cast<size_t>(b)])),
                                         m_rightWrong.size()));
    else
        m_rightWrongTitle->setText(tr("Right in A, wrong in B: pick two different runs"));
    m_allWrongTitle->setText(title(n == 1 ? tr("Wrong in this run") : tr("Wrong in every run"), m_allWrong.size()));
    finish(QString());
}

void CompareTab::updateHeader()
{
    const int n = static_cast<int>(m_comparison.runs.size());
    if (!m_error.isEmpty()) {
        m_title->setText(tr("Cannot compare the selected runs"));
        m_subtitle->setText(m_error);
        return;
    }
    if (n == 0) {
        m_title->setText(tr("No runs selected"));
        m_subtitle->setText(tr("Select runs in the Runs dock below (Ctrl+click or Shift+click for several)."));
        return;
    }
    m_title->setText(n == 1 ? tr("One run") : tr("Comparing %1 runs").arg(n));
    QStringList datasets;
    QStringList live;
    const ComparedRun *best = nullptr;
    for (const auto &run : m_comparison.runs) {
        if (run.record.epochsDone > 0 && (!best || run.record.bestTestAccuracy > best->record.bestTestAccuracy))
            best = &run;
        const QString dataset = QString::fromStdString(run.record.datasetName);
        if (!datasets.contains(dataset))
            datasets << dataset;
        if (run.record.status == RunStatus::Running || run.record.status == RunStatus::Paused
            || run.record.status == RunStatus::Created)
            live << runLabel(run);
    }
    QString text = tr("on %1").arg(datasets.join(QStringLiteral(", ")));
    if (best && n > 1)
        text += QStringLiteral(" · ") + tr("best: %1 with %2% test accuracy")
                                            .arg(runLabel(*best))
                                            .arg(QLocale().toString(best->record.bestTestAccuracy * 100.0, 'f', 2));
    if (!live.isEmpty())
        text += QStringLiteral(" · ") + tr("still training: %1 (updates as epochs finish)").arg(live.join(QStringLiteral(", ")));
    m_subtitle->setText(text);
}

void CompareTab::updateExportButtons()
{
    const bool any = !m_comparison.runs.empty();
    m_exportChart->setEnabled(any && m_chartView->showsChart());
    m_exportData->setEnabled(any);
    m_exportConfigs->setEnabled(any);
    m_report->setEnabled(any);
}

void CompareTab::setDataset(std::shared_ptr<const Dataset> dataset)
{
    m_dataset = std::move(dataset);
    updateImages();
}

void CompareTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        reload();
    else
        refreshRuns();
}

QString CompareTab::selectedCellsText() const
{
    const QItemSelectionModel *selection = m_table->selectionModel();
    if (!selection || !selection->hasSelection())
        return {};
    std::set<int> rows;
    std::set<int> columns;
    for (const QModelIndex &index : selection->selectedIndexes()) {
        rows.insert(index.row());
        columns.insert(m_table->horizontalHeader()->visualIndex(index.column()));
    }
    QStringList lines;
    QStringList header;
    for (int visual : columns) {
        const int logical = m_table->horizontalHeader()->logicalIndex(visual);
        header << (logical < m_rawHeader.size() ? m_rawHeader[logical] : QString());
    }
    lines << header.join(QLatin1Char('\t'));
    for (int row : rows) {
        QStringList cells;
        for (int visual : columns) {
            const QModelIndex index = m_summaryProxy->index(row, m_table->horizontalHeader()->logicalIndex(visual));
            cells << (selection->isSelected(index) ? index.data(kRawRole).toString() : QString());
        }
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void CompareTab::copySelection()
{
    const QString text = selectedCellsText();
    if (text.isEmpty())
        return;
    QApplication::clipboard()->setText(text);
    Q_EMIT statusMessage(tr("Copied the selected cells"));
}

bool CompareTab::exportChart(const QString &path, int dpi, QString *error) const
{
    const ComparisonChartOptions options = chartOptions();
    QString reason;
    if (m_comparison.runs.empty() || !comparisonChartApplies(currentChart(), m_comparison, options, &reason)) {
        if (error)
            *error = m_comparison.runs.empty() ? tr("No runs to compare.") : reason;
        return false;
    }
    return saveComparisonChart(path, currentChart(), m_comparison, options, kExportSize, dpi, error);
}

bool CompareTab::exportData(const QString &path, QString *epochsPath, QString *error) const
{
    if (m_comparison.runs.empty()) {
        if (error)
            *error = tr("No runs to compare.");
        return false;
    }
    const QFileInfo info(path);
    QString base = info.fileName();
    if (base.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
        base.chop(4);
    const QString epochs = info.dir().filePath(base + QStringLiteral("-epochs.csv"));
    if (!writeText(path, summaryCsv(m_comparison), error) || !writeText(epochs, epochsCsv(m_comparison), error))
        return false;
    if (epochsPath)
        *epochsPath = epochs;
    return true;
}

bool CompareTab::exportConfigs(const QString &path, QString *error) const
{
    if (m_comparison.runs.empty()) {
        if (error)
            *error = tr("No runs to compare.");
        return false;
    }
    return writeText(path, configsJson(m_comparison), error);
}

bool CompareTab::exportReportPdf(const QString &path, QString *error) const
{
    if (m_comparison.runs.empty()) {
        if (error)
            *error = tr("No runs to compare.");
        return false;
    }
    return writeComparisonPdf(path, m_comparison, error, chartOptions()); // the pair and threshold on screen
}

bool CompareTab::exportReportHtml(const QString &folder, QString *error) const
{
    if (m_comparison.runs.empty()) {
        if (error)
            *error = tr("No runs to compare.");
        return false;
    }
    return writeComparisonHtml(folder, m_comparison, error, chartOptions());
}

QString CompareTab::suggestedName(const QString &stem, const QString &extension) const
{
    QString folder = m_exportFolder;
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = QDir::homePath();
    QStringList ids;
    for (const auto &run : m_comparison.runs)
        ids << QString::number(run.record.id);
    const QString name = ids.size() <= 6 ? QStringLiteral("compare-%1-%2").arg(ids.join(QLatin1Char('-')), stem)
                                         : QStringLiteral("compare-%1").arg(stem);
    return QDir(folder).filePath(extension.isEmpty() ? name : name + QLatin1Char('.') + extension);
}

void CompareTab::chooseChartExport()
{
    const QString png = tr("PNG image (*.png)");
    const QString svg = tr("SVG drawing (*.svg)");
    const QString pdf = tr("PDF document (*.pdf)");
    QString filter = png;
    QString path = QFileDialog::getSaveFileName(this, tr("Export Chart"),
                                                suggestedName(comparisonChartFileStem(currentChart()), QStringLiteral("png")),
                                                png + QStringLiteral(";;") + svg + QStringLiteral(";;") + pdf, &filter);
    if (path.isEmpty())
        return;
    // The filter picks the format when the name has no known extension.
    QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") && suffix != QLatin1String("pdf")) {
        suffix = filter == svg ? QStringLiteral("svg") : filter == pdf ? QStringLiteral("pdf") : QStringLiteral("png");
        path += QLatin1Char('.') + suffix;
    }
    m_exportFolder = QFileInfo(path).absolutePath();
    QSettings().setValue(QStringLiteral("compare/exportFolder"), m_exportFolder);
    int dpi = 96;
    if (suffix == QLatin1String("png")) {
        const QStringList choices = {QStringLiteral("96"), QStringLiteral("150"), QStringLiteral("300"), QStringLiteral("600")};
        bool ok = false;
        const QString choice = QInputDialog::getItem(this, tr("PNG Resolution"),
                                                     tr("Dots per inch (96 for screens, 300 or more for print):"), choices,
                                                     static_cast<int>(choices.indexOf(QString::number(kDefaultDpi))), false, &ok);
        if (!ok)
            return;
        dpi = choice.toInt();
    }
    QString error;
    if (!exportChart(path, dpi, &error))
        Q_EMIT errorOccurred(tr("Export failed"), error);
    else
        Q_EMIT statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
}

void CompareTab::chooseDataExport()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Export Data"), suggestedName(QStringLiteral("summary"), QStringLiteral("csv")),
                                                tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".csv");
    m_exportFolder = QFileInfo(path).absolutePath();
    QSettings().setValue(QStringLiteral("compare/exportFolder"), m_exportFolder);
    QString epochs;
    QString error;
    if (!exportData(path, &epochs, &error))
        Q_EMIT errorOccurred(tr("Export failed"), error);
    else
        Q_EMIT statusMessage(tr("Saved %1 and %2").arg(QDir::toNativeSeparators(path), QFileInfo(epochs).fileName()));
}

void CompareTab::chooseConfigsExport()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Export Configurations"),
                                                suggestedName(QStringLiteral("configs"), QStringLiteral("json")), tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    m_exportFolder = QFileInfo(path).absolutePath();
    QSettings().setValue(QStringLiteral("compare/exportFolder"), m_exportFolder);
    QString error;
    if (!exportConfigs(path, &error))
        Q_EMIT errorOccurred(tr("Export failed"), error);
    else
        Q_EMIT statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
}

void CompareTab::chooseReportPdf()
{
    QString path = QFileDialog::getSaveFileName(this, tr("PDF Report"), suggestedName(QStringLiteral("report"), QStringLiteral("pdf")),
                                                tr("PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".pdf");
    m_exportFolder = QFileInfo(path).absolutePath();
    QSettings().setValue(QStringLiteral("compare/exportFolder"), m_exportFolder);
    QString error;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const bool ok = exportReportPdf(path, &error);
    QApplication::restoreOverrideCursor();
    if (!ok)
        Q_EMIT errorOccurred(tr("Report failed"), error);
    else
        Q_EMIT statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
}

void CompareTab::chooseReportHtml()
{
    const QString parent = QFileDialog::getExistingDirectory(this, tr("HTML Report: Choose a Folder"),
                                                             QFileInfo(suggestedName(QString(), QString())).absolutePath());
    if (parent.isEmpty())
        return;
    // A folder of its own: index.html and its PNG charts side by side.
    const QString folder = QDir(parent).filePath(QFileInfo(suggestedName(QStringLiteral("report"), QString())).fileName());
    m_exportFolder = parent;
    QSettings().setValue(QStringLiteral("compare/exportFolder"), m_exportFolder);
    QString error;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const bool ok = QDir().mkpath(folder) && exportReportHtml(folder, &error);
    QApplication::restoreOverrideCursor();
    if (!ok)
        Q_EMIT errorOccurred(tr("Report failed"), error.isEmpty() ? tr("Could not create %1").arg(folder) : error);
    else
        Q_EMIT statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(QDir(folder).filePath(QStringLiteral("index.html")))));
}

} // namespace cifarlab
