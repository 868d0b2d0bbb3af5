#pragma once

#include "models/registry.h"

#include <QAbstractTableModel>

namespace cifarlab {

// Rows of an architecture's per-layer summary for a QTableView.
class LayerTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { kName, kType, kOutput, kParameters, kMacs, kDetail, kColumnCount };

    explicit LayerTableModel(QObject *parent = nullptr);

    void setSummary(const ModelSummary &summary);
    const ModelSummary &summary() const { return m_summary; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    ModelSummary m_summary;
};

} // namespace cifarlab
