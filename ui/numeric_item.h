#pragma once

#include <QTableWidgetItem>

namespace cifarlab {

// A table cell that sorts by a numeric key instead of its formatted text ("9.5%" < "10.0%").
class NumericItem : public QTableWidgetItem
{
public:
    static constexpr int kSortRole = Qt::UserRole + 1;

    NumericItem(const QString &text, double key)
        : QTableWidgetItem(text)
    {
        setData(kSortRole, key);
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }

    bool operator<(const QTableWidgetItem &other) const override
    {
        return data(kSortRole).toDouble() < other.data(kSortRole).toDouble();
    }
};

} // namespace cifarlab
