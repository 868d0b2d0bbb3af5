#pragma once

#include <QString>
#include <QWidget>

#include <vector>

namespace cifarlab {

// "12.5%" in the user's locale and language.
QString probabilityText(double probability, int decimals = 1);

// Top-k probabilities as labelled bars; the true class is bold and green, a wrong winner red.
class TopClassesView : public QWidget
{
public:
    struct Row
    {
        QString name;
        double probability = 0.0;
        bool isTrue = false;
        bool isPredicted = false;
    };

    explicit TopClassesView(QWidget *parent = nullptr);

    void setRows(std::vector<Row> rows);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int rowHeight() const;

    std::vector<Row> m_rows;
};

} // namespace cifarlab
