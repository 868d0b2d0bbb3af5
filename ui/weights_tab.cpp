#include "ui/weights_tab.h"

#include "core/parameter_statistics.h"
#include "ui/epoch_slider.h"
#include "ui/histogram_ridge_view.h"
#include "ui/numeric_item.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPainter>
#include <QPixmap>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace cifarlab {

namespace {

constexpr int kHistoryRole = Qt::UserRole + 3; // QVariantList of the measure per epoch (NaN: none)

// Perceptually even and readable in gray: viridis, sampled at five stops.
QColor heatColor(double t)
{
    static const QColor stops[] = {QColor(68, 1, 84), QColor(59, 82, 139), QColor(33, 145, 140), QColor(94, 201, 98),
                                   QColor(253, 231, 37)};
    constexpr int kLast = static_cast<int>(std::size(stops)) - 1;
    t = std::clamp(t, 0.0, 1.0) * kLast;
    const int i = std::min(static_cast<int>(t), kLast - 1);
    const double f = t - i;
    const QColor &a = stops[i], &b = stops[i + 1];
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * f),
                            static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * f),
                            static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * f));
}

} // namespace

// The History column: one coloured cell per epoch on a log scale shared by every row, the shown
// epoch outlined; a click on a cell shows that epoch.
class HistoryStripDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    double lo = 0.0, hi = 0.0; // log10 of the scale's ends
    int current = -1;
    std::function<void(int)> onEpochClicked;

    double position(double value) const
    {
        if (!(value > 0.0) || !std::isfinite(value))
            return std::numeric_limits<double>::quiet_NaN();
        return hi > lo ? (std::log10(value) - lo) / (hi - lo) : 0.5;
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem base(option);
        initStyleOption(&base, index);
        base.text.clear();
        QStyledItemDelegate::paint(painter, base, index); // selection background
        const QVariantList values = index.data(kHistoryRole).toList();
        if (values.isEmpty())
            return;
        const QRectF r = QRectF(option.rect).adjusted(3, 3, -3, -3);
        const double w = r.width() / values.size();
        painter->save();
        for (int i = 0; i < values.size(); ++i) {
            const QRectF cell(r.left() + i * w, r.top(), std::max(w, 1.0), r.height());
            const double t = position(values[i].toDouble());
            if (std::isnan(t))
                painter->fillRect(cell, QBrush(option.palette.color(QPalette::Mid), Qt::BDiagPattern));
            else
                painter->fillRect(cell, heatColor(t));
        }
        if (current >= 0 && current < values.size()) {
            const QRectF cell(r.left() + current * w, r.top(), std::max(w, 1.0), r.height());
            painter->setPen(QPen(option.palette.color(QPalette::Text), 2));
            painter->setBrush(Qt::NoBrush);
            painter->drawRect(cell.adjusted(-1, -1, 1, 1));
        }
        painter->restore();
    }

    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override
    {
        if (event->type() == QEvent::MouseButtonRelease && onEpochClicked) {
            const auto *mouse = static_cast<QMouseEvent *>(event);
            const int n = index.data(kHistoryRole).toList().size();
            const QRectF r = QRectF(option.rect).adjusted(3, 3, -3, -3);
            if (n > 0 && r.width() > 0 && mouse->button() == Qt::LeftButton) {
                const int epoch = static_cast<int>((mouse->position().x() - r.left()) / r.width() * n);
                onEpochClicked(std::clamp(epoch, 0, n - 1));
            }
        }
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    }
};

WeightsTab::WeightsTab(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("weightsTab"));

    m_measure = new QComboBox(this);
    m_measure->setObjectName(QStringLiteral("weightsMeasure"));
    m_measure->addItem(tr("Update ratio per step"), static_cast<int>(Measure::UpdateRatio));
    m_measure->addItem(tr("Gradient RMS"), static_cast<int>(Measure::GradientRms));
    m_measure->addItem(tr("Weight RMS"), static_cast<int>(Measure::WeightRms));
    m_measure->addItem(tr("Weight standard deviation"), static_cast<int>(Measure::WeightStd));
    m_measure->setToolTip(tr("What the History column colours, epoch by epoch, on a log scale shared by all rows.\n"
                             "Update ratio: how far one optimizer step moves the weights, relative to their size\n"
                             "(around 1e-3 is typical for SGD; far below, the layer barely learns; far above, it\n"
                             "is unstable)."));
    auto *measureLabel = new QLabel(tr("&Colour by:"), this);
    measureLabel->setBuddy(m_measure);

    m_allParameters = new QCheckBox(tr("&Biases and normalization"), this);
    m_allParameters->setObjectName(QStringLiteral("weightsAllParameters"));
    m_allParameters->setToolTip(tr("Also list the one-dimensional parameters: biases and normalization scales"));

    m_export = new QToolButton(this);
    m_export->setObjectName(QStringLiteral("weightsExport"));
    m_export->setText(tr("Export..."));
    m_export->setToolTip(tr("Save every parameter's statistics at every epoch as CSV, or this view as a PNG image"));

    m_scaleLow = new QLabel(this);
    m_scaleLow->setObjectName(QStringLiteral("weightsScaleLow"));
    m_scaleHigh = new QLabel(this);
    m_scaleHigh->setObjectName(QStringLiteral("weightsScaleHigh"));
    m_scaleBar = new QLabel(this);
    {
        QPixmap bar(fontMetrics().averageCharWidth() * 14, fontMetrics().height() * 2 / 3);
        QPainter painter(&bar);
        for (int x = 0; x < bar.width(); ++x) {
            painter.setPen(heatColor(static_cast<double>(x) / std::max(1, bar.width() - 1)));
            painter.drawLine(x, 0, x, bar.height());
        }
        m_scaleBar->setPixmap(bar);
    }
    m_scaleBar->setToolTip(tr("The History column's colours, on a log scale; hatched: no value (a frozen parameter)"));

    auto *controls = new QHBoxLayout;
    controls->addWidget(measureLabel);
    controls->addWidget(m_measure);
    controls->addSpacing(fontMetrics().averageCharWidth() * 2);
    controls->addWidget(m_allParameters);
    controls->addStretch(1);
    controls->addWidget(m_scaleLow);
    controls->addWidget(m_scaleBar);
    controls->addWidget(m_scaleHigh);
    controls->addSpacing(fontMetrics().averageCharWidth() * 2);
    controls->addWidget(m_export);

    m_epochs = new EpochSlider(QStringLiteral("weights"), this);

    m_table = new QTableWidget(0, kColumnCount, this);
    m_table->setObjectName(QStringLiteral("weightsTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Parameter"), tr("Shape"), tr("Weight RMS"), tr("Gradient RMS"), tr("Update ratio"), tr("History")});
    m_table->horizontalHeaderItem(kGradientRmsColumn)
        ->setToolTip(tr("Root mean square of the gradient, averaged over the steps sampled in the epoch"));
    m_table->horizontalHeaderItem(kUpdateRatioColumn)
        ->setToolTip(tr("|weights after a step - before| / |weights before|, averaged over the sampled steps"));
    m_table->horizontalHeaderItem(kHistoryColumn)->setToolTip(tr("The chosen measure at every epoch; click an epoch to show it"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(kNameColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(kHistoryColumn, QHeaderView::Stretch);
    header->setMinimumSectionSize(fontMetrics().averageCharWidth() * 6);
    m_table->setColumnWidth(kNameColumn, fontMetrics().averageCharWidth() * 22);
    // The network's own order (input to output) until the user sorts by a column.
    header->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setAccessibleName(tr("Parameters"));
    m_strip = new HistoryStripDelegate(m_table);
    m_strip->onEpochClicked = [this](int epoch) { showEpoch(epoch); };
    m_table->setItemDelegateForColumn(kHistoryColumn, m_strip);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("weightsTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("weightsDetails"));
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_weights = new HistogramRidgeView(this);
    m_weights->setObjectName(QStringLiteral("weightsHistogram"));
    m_weights->setAccessibleName(tr("Weight histograms"));
    m_gradients = new HistogramRidgeView(this);
    m_gradients->setObjectName(QStringLiteral("gradientsHistogram"));
    m_gradients->setAccessibleName(tr("Gradient histograms"));
    auto *weightsCaption = new QLabel(tr("Weights at the end of each epoch"), this);
    auto *gradientsCaption = new QLabel(tr("Gradients at the last sampled step of each epoch"), this);

    // Below the table: the selected parameter's numbers, then its two histogram views side by side.
    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_title);
    detailLayout->addWidget(m_details);
    auto *histograms = new QGridLayout;
    histograms->addWidget(weightsCaption, 0, 0);
    histograms->addWidget(gradientsCaption, 0, 1);
    histograms->addWidget(m_weights, 1, 0);
    histograms->addWidget(m_gradients, 1, 1);
    histograms->setRowStretch(1, 1);
    detailLayout->addLayout(histograms, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("weightsSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_table);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("weightsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(splitter);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_epochs);
    layout->addWidget(m_stack, 1);

    // The view a user chose stays chosen across runs and sessions.
    const int savedMeasure = m_measure->findData(QSettings().value(QStringLiteral("weightsTab/measure"), 0).toInt());
    m_measure->setCurrentIndex(std::max(0, savedMeasure));
    m_allParameters->setChecked(QSettings().value(QStringLiteral("weightsTab/allParameters"), false).toBool());
    connect(m_measure, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        QSettings().setValue(QStringLiteral("weightsTab/measure"), m_measure->currentData().toInt());
        rebuildTable();
    });
    connect(m_allParameters, &QCheckBox::toggled, this, [this](bool all) {
        QSettings().setValue(QStringLiteral("weightsTab/allParameters"), all);
        rebuildTable();
    });
    connect(m_epochs, &EpochSlider::indexChanged, this, [this] { rebuildTable(); });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] { refreshDetails(); });
    connect(m_export, &QToolButton::clicked, this, &WeightsTab::exportData);
    clear();
}

WeightsTab::~WeightsTab() = default;

void WeightsTab::clear()
{
    m_history.clear();
    m_epochs->clear();
    rebuildTable();
}

void WeightsTab::appendEpoch(const EpochMetrics &epoch)
{
    m_history.push_back(statisticsOf(epoch));
    m_epochs->append(epoch.epoch, epoch.epochs);
    rebuildTable();
}

void WeightsTab::setEpochs(const std::vector<EpochMetrics> &epochs)
{
    m_history.clear();
    std::vector<int64_t> numbers;
    for (const EpochMetrics &e : epochs) {
        m_history.push_back(statisticsOf(e));
        numbers.push_back(e.epoch);
    }
    m_epochs->setEpochs(numbers, epochs.empty() ? 0 : epochs.back().epochs);
    rebuildTable();
}

int WeightsTab::shownEpoch() const
{
    return m_epochs->index();
}

void WeightsTab::showEpoch(int index)
{
    m_epochs->setIndex(index);
}

WeightsTab::Measure WeightsTab::measure() const
{
    return static_cast<Measure>(m_measure->currentData().toInt());
}

void WeightsTab::setMeasure(Measure measure)
{
    m_measure->setCurrentIndex(m_measure->findData(static_cast<int>(measure)));
}

bool WeightsTab::showsAllParameters() const
{
    return m_allParameters->isChecked();
}

void WeightsTab::setShowAllParameters(bool all)
{
    m_allParameters->setChecked(all);
}

bool WeightsTab::hasStatistics() const
{
    return std::any_of(m_history.begin(), m_history.end(), [](const EpochMetrics &e) { return !e.parameters.empty(); });
}

QString WeightsTab::selectedParameter() const
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    for (QTableWidgetItem *item : selected)
        if (item->column() == kNameColumn)
            return item->text();
    return {};
}

bool WeightsTab::selectParameter(const QString &name)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, kNameColumn)->text() == name) {
            m_table->selectRow(row);
            m_table->scrollToItem(m_table->item(row, kNameColumn));
            return true;
        }
    }
    return false;
}

EpochMetrics WeightsTab::statisticsOf(const EpochMetrics &epoch)
{
    EpochMetrics kept;
    kept.epoch = epoch.epoch;
    kept.epochs = epoch.epochs;
    kept.parameters = epoch.parameters;
    return kept;
}

double WeightsTab::valueOf(const ParameterStatistics &p, Measure measure)
{
    switch (measure) {
    case Measure::UpdateRatio:
        return p.updateRatio;
    case Measure::GradientRms:
        return p.gradientRms;
    case Measure::WeightRms:
        return p.weightRms;
    case Measure::WeightStd:
        return p.weightStd;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

const ParameterStatistics *WeightsTab::find(const EpochMetrics &epoch, const std::string &name, size_t hint)
{
    // Every epoch lists the network's tensors in the same order, so the hint is almost always right.
    if (hint < epoch.parameters.size() && epoch.parameters[hint].name == name)
        return &epoch.parameters[hint];
    for (const ParameterStatistics &p : epoch.parameters)
        if (p.name == name)
            return &p;
    return nullptr;
}

void WeightsTab::rebuildTable()
{
    m_stack->setCurrentIndex(hasStatistics() ? 1 : 0);
    // Epochs without statistics: an evaluated checkpoint, or a run trained before they were recorded.
    m_empty->setText(m_history.empty()
                         ? tr("No weight statistics yet. Every training run records them at the end of each epoch: "
                              "the weights of each layer, its gradients and how far each step moves it.")
                         : tr("No weight statistics for this run: it is an evaluated checkpoint, or it was trained "
                              "before CifarLab recorded them."));
    m_export->setEnabled(hasStatistics());
    const int shown = shownEpoch();
    const QString keep = selectedParameter();
    const int sortColumn = m_table->horizontalHeader()->sortIndicatorSection();
    const Qt::SortOrder sortOrder = m_table->horizontalHeader()->sortIndicatorOrder();
    m_table->setSortingEnabled(false);
    m_table->clearContents();
    m_table->setRowCount(0);

    // The rows: the newest epoch's parameters, in the network's order.
    const EpochMetrics *latest = nullptr;
    for (auto it = m_history.rbegin(); it != m_history.rend() && !latest; ++it)
        if (!it->parameters.empty())
            latest = &*it;
    std::vector<size_t> rows; // indices into latest->parameters
    if (latest)
        for (size_t i = 0; i < latest->parameters.size(); ++i)
            if (showsAllParameters() || isWeightTensor(latest->parameters[i]))
                rows.push_back(i);

    const Measure m = measure();
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const EpochMetrics &e : m_history)
        for (const ParameterStatistics &p : e.parameters)
            if (showsAllParameters() || isWeightTensor(p)) {
                const double v = valueOf(p, m);
                if (v > 0.0 && std::isfinite(v)) {
                    lo = std::min(lo, std::log10(v));
                    hi = std::max(hi, std::log10(v));
                }
            }
    m_strip->lo = std::isfinite(lo) ? lo : 0.0;
    m_strip->hi = std::isfinite(hi) ? hi : 0.0;
    const bool coloured = std::isfinite(lo);
    m_scaleLow->setText(coloured ? statisticText(std::pow(10.0, lo)) : QString());
    m_scaleHigh->setText(coloured ? statisticText(std::pow(10.0, hi)) : QString());
    m_scaleBar->setVisible(coloured);
    m_strip->current = shown;

    const EpochMetrics *now = shown >= 0 ? &m_history[static_cast<size_t>(shown)] : nullptr;
    const QLocale locale;
    m_table->setRowCount(static_cast<int>(rows.size()));
    for (int row = 0; row < static_cast<int>(rows.size()); ++row) {
        const size_t index = rows[static_cast<size_t>(row)];
        const ParameterStatistics &listed = latest->parameters[index];
        const ParameterStatistics *p = now ? find(*now, listed.name, index) : nullptr;
        auto *name = new QTableWidgetItem(QString::fromStdString(listed.name));
        name->setToolTip(name->text());
        m_table->setItem(row, kNameColumn, name);
        const int64_t elements = elementCount(listed.shape);
        auto *shape = new NumericItem(QString::fromStdString(shapeText(listed.shape)), static_cast<double>(elements));
        shape->setToolTip(tr("%1 values").arg(locale.toString(static_cast<qlonglong>(elements))));
        m_table->setItem(row, kShapeColumn, shape);
        const auto numeric = [&](double v, const QString &missing) {
            // Missing values sort below every real one.
            return new NumericItem(std::isnan(v) ? missing : statisticText(v), std::isnan(v) ? -1.0 : v);
        };
        const bool frozen = p && p->gradientSamples == 0;
        m_table->setItem(row, kWeightRmsColumn, numeric(p ? p->weightRms : std::nan(""), QStringLiteral("–")));
        m_table->setItem(row, kGradientRmsColumn,
                         numeric(p ? p->gradientRms : std::nan(""), frozen ? tr("frozen") : QStringLiteral("–")));
        m_table->setItem(row, kUpdateRatioColumn,
                         numeric(p ? p->updateRatio : std::nan(""), frozen ? tr("frozen") : QStringLiteral("–")));
        QVariantList history;
        QString first, last;
        for (const EpochMetrics &e : m_history) {
            const ParameterStatistics *q = find(e, listed.name, index);
            const double v = q ? valueOf(*q, m) : std::nan("");
            history.append(v);
            if (!std::isnan(v)) {
                const QString at = tr("%1 at epoch %2").arg(statisticText(v)).arg(e.epoch + 1);
                (first.isEmpty() ? first : last) = at;
            }
        }
        auto *strip = new NumericItem(QString(), now && p ? valueOf(*p, m) : -1.0);
        strip->setData(kHistoryRole, history);
        const QString description = last.isEmpty() ? first : tr("from %1 to %2").arg(first, last);
        strip->setData(Qt::AccessibleTextRole, m_measure->currentText() + QLatin1String(": ") + description);
        strip->setToolTip(m_measure->currentText() + QLatin1String(": ") + description);
        m_table->setItem(row, kHistoryColumn, strip);
    }
    m_table->setSortingEnabled(true);
    if (sortColumn >= 0 && sortColumn < kColumnCount)
        m_table->sortItems(sortColumn, sortOrder);
    else
        m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    if ((keep.isEmpty() || !selectParameter(keep)) && m_table->rowCount() > 0)
        m_table->selectRow(0);
    m_table->viewport()->update();
    refreshDetails();
}

void WeightsTab::refreshDetails()
{
    const QString name = selectedParameter();
    const int shown = shownEpoch();
    const std::string key = name.toStdString();
    std::vector<HistogramRidgeView::Ridge> weights, gradients;
    for (int i = 0; i <= shown; ++i) {
        const EpochMetrics &e = m_history[static_cast<size_t>(i)];
        const ParameterStatistics *p = find(e, key);
        HistogramRidgeView::Ridge w, g;
        w.epoch = g.epoch = static_cast<int>(e.epoch + 1);
        if (p) {
            w.min = p->weightMin;
            w.max = p->weightMax;
            w.fractions = p->weightHistogram;
            g.min = p->gradientMin;
            g.max = p->gradientMax;
            g.fractions = p->gradientHistogram;
        }
        weights.push_back(std::move(w));
        gradients.push_back(std::move(g));
    }
    const int current = static_cast<int>(weights.size()) - 1;
    m_weights->setRidges(std::move(weights), current, tr("Select a parameter"));
    const ParameterStatistics *p = shown >= 0 && !name.isEmpty() ? find(m_history[static_cast<size_t>(shown)], key) : nullptr;
    m_gradients->setRidges(std::move(gradients), current,
                           p && p->gradientSamples == 0 ? tr("No gradient in this epoch: the parameter was frozen")
                                                        : tr("Select a parameter"));
    if (!p) {
        m_title->setText(name.isEmpty() ? QString() : tr("%1 (not in this epoch)").arg(name));
        m_details->clear();
        return;
    }
    const QLocale locale;
    m_title->setText(tr("%1: %2, %3 values")
                         .arg(name, QString::fromStdString(shapeText(p->shape)),
                              locale.toString(static_cast<qlonglong>(elementCount(p->shape)))));
    QString text = tr("Weights: RMS %1, mean %2, standard deviation %3, from %4 to %5.")
                       .arg(statisticText(p->weightRms), statisticText(p->weightMean), statisticText(p->weightStd),
                            statisticText(p->weightMin), statisticText(p->weightMax));
    text += QLatin1Char('\n');
    if (p->gradientSamples == 0)
        text += tr("Frozen in this epoch: no gradient, no steps.");
    else
        text += tr("Gradient RMS %1 (mean of %n sampled steps); update ratio %2 per step.", nullptr,
                   static_cast<int>(p->gradientSamples))
                    .arg(statisticText(p->gradientRms), statisticText(p->updateRatio));
    m_details->setText(text);
}

QString WeightsTab::scaleText() const
{
    return m_scaleBar->isVisible() || !m_scaleLow->text().isEmpty()
        ? m_scaleLow->text() + QStringLiteral(" – ") + m_scaleHigh->text()
        : QString();
}

QString WeightsTab::csv() const
{
    return QString::fromStdString(parameterStatisticsCsv(m_history));
}

void WeightsTab::exportData()
{
    const QString csvFilter = tr("CSV (*.csv)");
    const QString pngFilter = tr("PNG image (*.png)");
    QString filter = csvFilter;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Weight Statistics"), QStringLiteral("weights.csv"),
                                                      csvFilter + QStringLiteral(";;") + pngFilter, &filter);
    if (path.isEmpty())
        return;
    bool ok = false;
    QString error;
    if (filter == pngFilter || path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
        ok = m_stack->currentWidget()->grab().save(path, "PNG");
    } else {
        QFile file(path);
        ok = file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(csv().toUtf8()) >= 0 && file.flush();
        error = file.errorString();
    }
    if (!ok)
        QMessageBox::warning(this, tr("Export Weight Statistics"),
                             error.isEmpty() ? tr("Cannot write %1.").arg(path) : tr("Cannot write %1: %2").arg(path, error));
}

} // namespace cifarlab
