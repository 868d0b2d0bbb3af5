#pragma once

#include <QLabel>

namespace cifarlab {

// A one-line label that may shrink below its text: it draws "…" where the text is cut and shows the
// whole text as its tool tip, so long status lines never force the window wider than a laptop screen.
class ElidedLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ElidedLabel(const QString &text = QString(), QWidget *parent = nullptr);

    QSize minimumSizeHint() const override;
    bool isElided() const;

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
};

} // namespace cifarlab
