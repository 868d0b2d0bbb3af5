#include "ui/epoch_slider.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>

#include <algorithm>

namespace cifarlab {

EpochSlider::EpochSlider(const QString &objectPrefix, QWidget *parent)
    : QWidget(parent)
{
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(objectPrefix + QStringLiteral("EpochSlider"));
    m_slider->setRange(0, 0);
    m_slider->setPageStep(1);
    m_slider->setTickPosition(QSlider::TicksBelow);
    m_slider->setToolTip(tr("Scrub through the run's epochs"));
    m_slider->setAccessibleName(tr("Epoch"));
    m_label = new QLabel(this);
    m_label->setObjectName(objectPrefix + QStringLiteral("EpochLabel"));
    // Room for the widest label so the slider does not jump while scrubbing.
    m_label->setMinimumWidth(fontMetrics().horizontalAdvance(tr("Epoch %1 of %2").arg(8888).arg(8888)));
    m_label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_slider, 1);
    row->addWidget(m_label);
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
        refresh();
        Q_EMIT indexChanged(value);
    });
    refresh();
}

void EpochSlider::clear()
{
    setEpochs({}, 0);
}

void EpochSlider::append(int64_t epoch, int64_t plannedEpochs)
{
    const bool followLatest = m_epochs.empty() || m_slider->value() >= count() - 1;
    m_epochs.push_back(epoch);
    m_planned = plannedEpochs;
    {
        const QSignalBlocker blocker(m_slider);
        m_slider->setRange(0, count() - 1);
        if (followLatest)
            m_slider->setValue(count() - 1);
    }
    refresh();
}

void EpochSlider::setEpochs(const std::vector<int64_t> &epochs, int64_t plannedEpochs)
{
    m_epochs = epochs;
    m_planned = plannedEpochs;
    {
        const QSignalBlocker blocker(m_slider);
        m_slider->setRange(0, std::max(0, count() - 1));
        m_slider->setValue(std::max(0, count() - 1));
    }
    refresh();
}

int EpochSlider::index() const
{
    return m_epochs.empty() ? -1 : m_slider->value();
}

void EpochSlider::setIndex(int index)
{
    if (!m_epochs.empty())
        m_slider->setValue(std::clamp(index, 0, count() - 1));
}

void EpochSlider::refresh()
{
    m_slider->setEnabled(count() > 1);
    m_slider->setTickInterval(std::max(1, count() / 20));
    if (m_epochs.empty()) {
        m_label->setText(tr("No epochs yet"));
        return;
    }
    const int64_t total = std::max<int64_t>({m_planned, m_epochs.back() + 1, static_cast<int64_t>(count())});
    m_label->setText(tr("Epoch %1 of %2").arg(m_epochs[static_cast<size_t>(index())] + 1).arg(total));
}

} // namespace cifarlab
