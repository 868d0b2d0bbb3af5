#pragma once

#include <QObject>
#include <QString>

class QFont;

namespace cifarlab {

// Qt wraps a plain-text tool tip only where it would be wider than the screen, so a tip of a few
// sentences shows as one line across a large display. Installed once on the application, this
// shows every widget's long plain tip, and every item view's item tip, broken into lines of a
// reading width, without changing the toolTip property or the model's data (screen readers read
// them as descriptions).
class ToolTipWrapper : public QObject
{
    Q_OBJECT

public:
    // Lines of a shown tip are at most this many average characters wide.
    static constexpr int kReadingWidthCharacters = 72;

    explicit ToolTipWrapper(QObject *parent = nullptr);

    // A plain-text tip wider than the reading width in `font`, broken into lines where the script
    // allows a break (spaces, and between CJK characters); its own line breaks are kept. Rich
    // text, which Qt wraps itself, and narrower tips come back unchanged.
    static QString wrapped(const QString &tip, const QFont &font);
    // The same in the font Qt shows tool tips in.
    static QString wrapped(const QString &tip);
    static int readingWidth(const QFont &font);

    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace cifarlab
