#include "ui/layer_table_model.h"

#include <QLocale>

namespace cifarlab {

LayerTableModel::LayerTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void LayerTableModel::setSummary(const ModelSummary &summary)
{
    beginResetModel();
    m_summary = summary;
    endResetModel();
}

int LayerTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_summary.layers.size());
}

int LayerTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kColumnCount;
}

QVariant LayerTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const LayerInfo &layer = m_summary.layers[static_cast<size_t>(index.row())];
    if (role == Qt::TextAlignmentRole)
        return (index.column() == kParameters || index.column() == kMacs) ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                                          : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case kName:
        return QString::fromStdString(layer.name);
    case kType:
        return QString::fromStdString(layer.type);
    case kOutput: {
        QStringList dims;
        for (auto d : layer.outputShape)
            dims << QString::number(d);
        return dims.join(QStringLiteral(" x "));
    }
    case kParameters:
        return locale.toString(static_cast<qlonglong>(layer.parameters));
    case kMacs:
        return locale.toString(static_cast<qlonglong>(layer.macs));
    case kDetail:
        return QString::fromStdString(layer.detail);
    default:
        return {};
    }
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case kName:
        return tr("Layer");
    case kType:
        return tr("Type");
    case kOutput:
        return tr("Output");
    case kParameters:
        return tr("Parameters");
    case kMacs:
        return tr("Multiply-adds");
    case kDetail:
        return tr("Detail");
    default:
        return {};
    }
}

} // namespace cifarlab
