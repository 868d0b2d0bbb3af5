// Long plain-text tool tips show broken into lines of a reading width instead of one line across
// a large screen: the form's tips, through the application-wide ToolTipWrapper, offscreen.
#include "support/ui_application.h"
#include "ui/config_panel.h"
#include "ui/elided_label.h"
#include "ui/tool_tip_wrapper.h"

#include <QApplication>
#include <QFontMetrics>
#include <QHelpEvent>
#include <QLabel>
#include <QListWidget>
#include <QTextDocument>
#include <QToolTip>
#include <QWidget>

#include <gtest/gtest.h>

using namespace cifarlab;

namespace {

QApplication &application()
{
    return test::uiApplication("test_ui_tool_tips");
}

// Hovering as Qt does it: the ToolTip help event goes through the application's filters first.
void hover(QWidget *widget)
{
    const QPoint centre = widget->rect().center();
    QHelpEvent help(QEvent::ToolTip, centre, widget->mapToGlobal(centre));
    QApplication::sendEvent(widget, &help);
}

// The label Qt shows the current tip in (Qt's private QTipLabel).
QLabel *shownTip()
{
    for (QWidget *w : QApplication::topLevelWidgets())
        if (w->inherits("QTipLabel") && w->isVisible())
            return qobject_cast<QLabel *>(w);
    return nullptr;
}

int widestLine(const QString &text, const QFont &font)
{
    const QFontMetrics metrics(font);
    int widest = 0;
    for (const QString &line : text.split(QLatin1Char('\n')))
        widest = std::max(widest, metrics.horizontalAdvance(line));
    return widest;
}

// The words in order, whatever the line breaks.
QString words(const QString &text)
{
    return QString(text).replace(QLatin1Char('\n'), QLatin1Char(' ')).simplified();
}

} // namespace

TEST(ToolTipWrapper, ShortAndRichTipsStayAsTheyAre)
{
    application();
    const QString shortTip = QStringLiteral("Images per optimizer step.");
    EXPECT_EQ(ToolTipWrapper::wrapped(shortTip), shortTip);
    EXPECT_EQ(ToolTipWrapper::wrapped(QString()), QString());
    const QString lines
        = QStringLiteral("Mean |w|: the size of the weights.\nUpdate ratio: how fast they move.");
    EXPECT_EQ(ToolTipWrapper::wrapped(lines), lines) << "short lines of its own stay";
    const QString rich
        = QStringLiteral("<p>Already rich text, which Qt wraps by itself however long it is; the wrapper "
                         "must leave its markup as it is, and its line breaks to Qt.</p>");
    EXPECT_EQ(ToolTipWrapper::wrapped(rich), rich);
}

TEST(ToolTipWrapper, LongPlainTipsBreakIntoLinesOfReadingWidth)
{
    application();
    const QFont font = QToolTip::font();
    const int width = ToolTipWrapper::readingWidth(font);
    const QString tip
        = QStringLiteral("How 3x3 convolutions are computed. Winograd's algorithm needs 4 times fewer "
                         "multiply-adds where n < 512 & k > 64 but rounds more; auto uses it on CPUs with "
                         "AVX2 or AVX-512 and no AMX, for about twice the memory.");
    ASSERT_GT(QFontMetrics(font).horizontalAdvance(tip), 2 * width);
    const QString shown = ToolTipWrapper::wrapped(tip, font);
    EXPECT_GE(shown.count(QLatin1Char('\n')), 2) << shown.toStdString();
    EXPECT_LE(widestLine(shown, font), width) << shown.toStdString();
    EXPECT_GT(widestLine(shown, font), width / 2)
        << "lines are filled, not cut short: " << shown.toStdString();
    EXPECT_EQ(words(shown).toStdString(), tip.toStdString()) << "the same words, in order, nothing escaped";
    EXPECT_FALSE(Qt::mightBeRichText(shown));
    for (const QString &line : shown.split(QLatin1Char('\n')))
        EXPECT_FALSE(line.endsWith(QLatin1Char('-')))
            << "no break inside AVX-512 or multiply-adds: " << shown.toStdString();

    // A tip a little over the width takes two lines of about equal length, not a lone last word.
    const QString twoLines = QStringLiteral(
        "A named recipe fills in every field below of this form; editing any field makes it custom.");
    ASSERT_GT(QFontMetrics(font).horizontalAdvance(twoLines), width);
    const QStringList halves = ToolTipWrapper::wrapped(twoLines, font).split(QLatin1Char('\n'));
    ASSERT_EQ(halves.size(), 2);
    EXPECT_GT(QFontMetrics(font).horizontalAdvance(halves[1]),
        QFontMetrics(font).horizontalAdvance(halves[0]) * 2 / 3)
        << halves.join(QLatin1Char('|')).toStdString();

    // A tip's own line breaks stay where they are; only its long line is broken.
    const QString own = QStringLiteral("What the History column colours, epoch by epoch.\n") + tip;
    const QString shownOwn = ToolTipWrapper::wrapped(own, font);
    EXPECT_TRUE(
        shownOwn.startsWith(QStringLiteral("What the History column colours, epoch by epoch.\nHow 3x3")));
    EXPECT_LE(widestLine(shownOwn, font), width);

    // Chinese has no spaces: it breaks between characters.
    QString chinese;
    for (int i = 0; i < 12; ++i)
        chinese += QStringLiteral("训练时每个批次的图像数量越大越快，");
    ASSERT_GT(QFontMetrics(font).horizontalAdvance(chinese), 2 * width);
    const QString shownChinese = ToolTipWrapper::wrapped(chinese, font);
    EXPECT_GE(shownChinese.count(QLatin1Char('\n')), 2);
    EXPECT_LE(widestLine(shownChinese, font), width);
    EXPECT_EQ(QString(shownChinese).remove(QLatin1Char('\n')), chinese);
}

TEST(ToolTipWrapper, TakesOnlyLongPlainTipsOfWidgets)
{
    application();
    ToolTipWrapper wrapper;
    QWidget plain;
    QHelpEvent help(QEvent::ToolTip, QPoint(1, 1), QPoint(1, 1));
    // An empty property: the widget (heat map cell, diagram block, elided label) handles its own.
    EXPECT_FALSE(wrapper.eventFilter(&plain, &help));
    plain.setToolTip(QStringLiteral("Short tip."));
    EXPECT_FALSE(wrapper.eventFilter(&plain, &help));
    plain.setToolTip(QStringLiteral("A long tip. ").repeated(20));
    QEvent other(QEvent::Enter);
    EXPECT_FALSE(wrapper.eventFilter(&plain, &other));
    QObject notAWidget;
    EXPECT_FALSE(wrapper.eventFilter(&notAWidget, &help));
    QToolTip::hideText();
}

TEST(ToolTipWrapper, EveryLongTipOfTheFormShowsAtReadingWidth)
{
    QApplication &app = application();
    ConfigPanel panel;
    panel.resize(420, 900);
    panel.show();
    ASSERT_TRUE(test::waitUntil([&] { return panel.isVisible(); }));

    const QFont font = QToolTip::font();
    QList<QWidget *> longTips;
    for (QWidget *w : panel.findChildren<QWidget *>())
        if (widestLine(w->toolTip(), font) > ToolTipWrapper::readingWidth(font)
            && !Qt::mightBeRichText(w->toolTip()))
            longTips.append(w);
    ASSERT_GE(longTips.size(), 10) << "the form has many tips of a sentence or more";

    ToolTipWrapper wrapper;
    app.installEventFilter(&wrapper);
    for (QWidget *w : longTips) {
        const std::string name = w->objectName().toStdString() + " (" + w->metaObject()->className() + ")";
        hover(w);
        ASSERT_TRUE(QToolTip::isVisible()) << name;
        EXPECT_EQ(QToolTip::text(), ToolTipWrapper::wrapped(w->toolTip())) << name;
        EXPECT_LE(widestLine(QToolTip::text(), font), ToolTipWrapper::readingWidth(font)) << name;
        EXPECT_EQ(words(QToolTip::text()).toStdString(), words(w->toolTip()).toStdString()) << name;
        QLabel *tip = shownTip();
        ASSERT_NE(tip, nullptr) << name;
        EXPECT_LE(
            tip->width(), ToolTipWrapper::readingWidth(font) + 4 * QFontMetrics(font).averageCharWidth())
            << name;
        EXPECT_GE(tip->height(), 2 * QFontMetrics(tip->font()).lineSpacing())
            << name << ": more than one line";
        QToolTip::hideText();
    }
    app.removeEventFilter(&wrapper);

    // Without the wrapper Qt shows the property as it is.
    hover(longTips.front());
    ASSERT_TRUE(QToolTip::isVisible());
    EXPECT_EQ(QToolTip::text(), longTips.front()->toolTip());
    QToolTip::hideText();
}

TEST(ToolTipWrapper, ItemViewsShowTheirItemsLongTipsWrapped)
{
    QApplication &app = application();
    const QString longTip = QStringLiteral(
        "Run 12, cifar10-jpeg.zip\nfailed: store /home/user/.local/share/cifarlab: cannot commit: disk I/O error "
        "(is the disk full?) while the run wrote the epoch's predictions and weight statistics");
    QListWidget list;
    list.addItem(QStringLiteral("short"));
    list.item(0)->setToolTip(QStringLiteral("Run 1, cifar10-jpeg.zip"));
    list.addItem(QStringLiteral("long"));
    list.item(1)->setToolTip(longTip);
    list.resize(300, 200);
    list.show();
    ASSERT_TRUE(test::waitUntil([&] { return list.isVisible(); }));
    ToolTipWrapper wrapper;
    app.installEventFilter(&wrapper);
    auto hoverItem = [&](int row) {
        const QPoint at = list.visualItemRect(list.item(row)).center();
        QHelpEvent help(QEvent::ToolTip, at, list.viewport()->mapToGlobal(at));
        QApplication::sendEvent(list.viewport(), &help);
    };
    hoverItem(1);
    ASSERT_TRUE(QToolTip::isVisible());
    const QFont font = QToolTip::font();
    EXPECT_EQ(QToolTip::text(), ToolTipWrapper::wrapped(longTip));
    EXPECT_GE(QToolTip::text().count(QLatin1Char('\n')), 2);
    EXPECT_LE(widestLine(QToolTip::text(), font), ToolTipWrapper::readingWidth(font));
    EXPECT_EQ(words(QToolTip::text()).toStdString(), words(longTip).toStdString());
    EXPECT_EQ(list.item(1)->toolTip(), longTip); // the model keeps its text
    QToolTip::hideText();
    // A short item tip is Qt's to show, unchanged.
    hoverItem(0);
    ASSERT_TRUE(QToolTip::isVisible());
    EXPECT_EQ(QToolTip::text(), QStringLiteral("Run 1, cifar10-jpeg.zip"));
    QToolTip::hideText();
    app.removeEventFilter(&wrapper);
}

TEST(ToolTipWrapper, ElidedLabelsShowTheirCutTextWrapped)
{
    application();
    ElidedLabel label(
        QStringLiteral("Epoch 7 of 12: training at 214 images/s, the budget refit the run to 11.88 epochs "
                       "after a slow epoch; the test pass takes about 20 s at this pace."));
    label.resize(120, label.sizeHint().height());
    label.show();
    ASSERT_TRUE(test::waitUntil([&] { return label.isVisible(); }));
    ASSERT_TRUE(label.isElided());
    hover(&label);
    ASSERT_TRUE(QToolTip::isVisible());
    EXPECT_EQ(QToolTip::text(), ToolTipWrapper::wrapped(label.text()));
    EXPECT_LE(widestLine(QToolTip::text(), QToolTip::font()), ToolTipWrapper::readingWidth(QToolTip::font()));
    EXPECT_GE(QToolTip::text().count(QLatin1Char('\n')), 1);
    QToolTip::hideText();
}
