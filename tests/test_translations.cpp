// Checks the Qt Linguist files in translations/: complete, and every translation keeps what the code
// relies on (arg() placeholders, the one keyboard accelerator, HTML tags, leading/trailing spaces,
// newlines and form-label colons). Parses the .ts XML directly, so it needs neither lrelease nor a GUI.

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QXmlStreamReader>

#include <algorithm>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace {

// lupdate found 758 messages when the translations were completed; allow strings to come and go a
// little, but catch a file that lost most of its messages (e.g. lupdate run over the wrong sources).
constexpr int kMinMessages = 682;

struct Language {
    const char *code;    // file suffix and the TS language attribute: cifarlab_<code>.ts
    int pluralForms;     // numerus forms Qt expects for this language
};

const Language kLanguages[] = {{"de", 2}, {"zh_CN", 1}};

void PrintTo(const Language &language, std::ostream *os)
{
    *os << language.code;
}

struct Message {
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    bool hasTranslation = false;
    QString type;               // translation's type attribute: "", "unfinished", "vanished", "obsolete"
    QStringList translations;   // one entry, or one per numerusform
    qint64 line = 0;            // line in the .ts file
};

struct TsFile {
    QString path;
    QString language;
    std::vector<Message> messages;   // without vanished/obsolete ones (lrelease drops those too)
    QString error;
};

QString translationsDir()
{
    return QStringLiteral(CIFARLAB_SOURCE_DIR "/translations");
}

QString tsPath(const char *code)
{
    return translationsDir() + QStringLiteral("/cifarlab_") + QLatin1String(code) + QStringLiteral(".ts");
}

TsFile parseTs(const QString &path)
{
    TsFile ts;
    ts.path = path;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ts.error = QStringLiteral("cannot open: ") + file.errorString();
        return ts;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    bool inMessage = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const QStringView name = xml.name();
            if (name == QLatin1String("TS")) {
                ts.language = xml.attributes().value(QLatin1String("language")).toString();
            } else if (name == QLatin1String("name") && !inMessage) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                inMessage = true;
                current = Message{};
                current.context = context;
                current.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
                current.line = xml.lineNumber();
            } else if (inMessage && name == QLatin1String("source")) {
                current.source = xml.readElementText();
            } else if (inMessage && name == QLatin1String("comment")) {
                current.comment = xml.readElementText();
            } else if (inMessage && name == QLatin1String("translation")) {
                current.hasTranslation = true;
                current.type = xml.attributes().value(QLatin1String("type")).toString();
                if (!current.numerus)
                    current.translations << xml.readElementText();
                // numerus: the forms follow as <numerusform> children
            } else if (inMessage && name == QLatin1String("numerusform")) {
                current.translations << xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            inMessage = false;
            if (current.type != QLatin1String("vanished") && current.type != QLatin1String("obsolete"))
                ts.messages.push_back(current);
        }
    }
    if (xml.hasError())
        ts.error = QStringLiteral("XML error at line %1: %2").arg(xml.lineNumber()).arg(xml.errorString());
    return ts;
}

const TsFile &cachedTs(const char *code)
{
    static std::map<std::string, TsFile> cache;
    auto it = cache.find(code);
    if (it == cache.end())
        it = cache.emplace(code, parseTs(tsPath(code))).first;
    return it->second;
}

std::string describe(const Message &m)
{
    QString text = QStringLiteral("[%1] \"%2\"").arg(m.context, m.source);
    if (!m.comment.isEmpty())
        text += QStringLiteral(" (comment \"%1\")").arg(m.comment);
    text += QStringLiteral(" at .ts line %1").arg(m.line);
    return text.toStdString();
}

std::string joined(const QStringList &list)
{
    return (QLatin1Char('{') + list.join(QStringLiteral(", ")) + QLatin1Char('}')).toStdString();
}

// arg() markers (%1..%99, %L1, %n, %Ln) and QProgressBar's %p, sorted so reordering is allowed.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(L?[1-9][0-9]?|L?n|p)"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured(0);
    found.sort();
    return found;
}

// Keyboard accelerators: '&' before a character, where "&&" is a literal ampersand and "&amp;"-style
// HTML entities are not accelerators either.
int acceleratorCount(const QString &text)
{
    static const QRegularExpression entity(QStringLiteral("&(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);"));
    int count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != QLatin1Char('&'))
            continue;
        if (i + 1 < text.size() && text[i + 1] == QLatin1Char('&')) {
            ++i;
            continue;
        }
        if (entity.match(text, i, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption).hasMatch())
            continue;
        if (i + 1 < text.size() && !text[i + 1].isSpace())
            ++count;
    }
    return count;
}

// HTML tag names in order of appearance (sorted: a translation may reorder them).
QStringList htmlTags(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("<(/?[A-Za-z][A-Za-z0-9]*)\\b[^<>]*>"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured(1).toLower();
    found.sort();
    return found;
}

QString leadingSpace(const QString &text)
{
    qsizetype n = 0;
    while (n < text.size() && text[n].isSpace())
        ++n;
    return text.left(n);
}

QString trailingSpace(const QString &text)
{
    qsizetype n = 0;
    while (n < text.size() && text[text.size() - 1 - n].isSpace())
        ++n;
    return text.right(n);
}

QString key(const Message &m)
{
    return m.context + QChar(0x1f) + m.source + QChar(0x1f) + m.comment;
}

class TranslationFile : public ::testing::TestWithParam<Language> {
protected:
    const TsFile &ts() const { return cachedTs(GetParam().code); }
};

TEST_P(TranslationFile, ParsesWithTheRightLanguageAndEnoughMessages)
{
    const TsFile &file = ts();
    ASSERT_TRUE(file.error.isEmpty()) << file.path.toStdString() << ": " << file.error.toStdString();
    const QString code = QLatin1String(GetParam().code);
    EXPECT_TRUE(file.language == code || file.language.startsWith(code + QLatin1Char('_')))
        << file.path.toStdString() << ": language=\"" << file.language.toStdString() << "\", expected " << GetParam().code;
    EXPECT_GE(static_cast<int>(file.messages.size()), kMinMessages)
        << file.path.toStdString() << " has too few messages; was lupdate run over ui/ and app/gui_main.cpp?";
}

// tr() in a Q_OBJECT class inside namespace cifarlab looks up "cifarlab::Class"; a context without
// the namespace (lupdate run without the repo root as include path) would never be found at run time.
TEST_P(TranslationFile, ContextsMatchTheClassesAtRunTime)
{
    const TsFile &file = ts();
    ASSERT_TRUE(file.error.isEmpty()) << file.error.toStdString();
    QSet<QString> contexts;
    for (const Message &m : file.messages) {
        contexts.insert(m.context);
        EXPECT_TRUE(m.context == QLatin1String("main") || m.context.startsWith(QLatin1String("cifarlab::")))
            << "context \"" << m.context.toStdString() << "\" is not one tr() uses: " << describe(m);
    }
    const char *const expected[] = {"cifarlab::MainWindow",        "cifarlab::ConfigPanel",         "cifarlab::LiveTab",
                                    "cifarlab::ConfusionTab",      "cifarlab::ConfusionMatrixWidget", "cifarlab::ImagesTab",
                                    "cifarlab::PredictionModel",   "cifarlab::PredictionDelegate",  "cifarlab::RunsPanel",
                                    "cifarlab::ArchitectureDiagram", "cifarlab::LayerTableModel",   "cifarlab::CompareTab",
                                    "cifarlab::ComparisonCharts",  "cifarlab::QueuePanel",          "cifarlab::TrainingQueue",
                                    "main"};
    for (const char *name : expected)
        EXPECT_TRUE(contexts.contains(QLatin1String(name))) << file.path.toStdString() << " has no context " << name;
}

TEST_P(TranslationFile, EveryMessageIsTranslated)
{
    const TsFile &file = ts();
    ASSERT_TRUE(file.error.isEmpty()) << file.error.toStdString();
    for (const Message &m : file.messages) {
        EXPECT_TRUE(m.hasTranslation) << "no <translation>: " << describe(m);
        EXPECT_NE(m.type.toStdString(), "unfinished") << "unfinished: " << describe(m);
        EXPECT_FALSE(m.source.isEmpty()) << "empty source: " << describe(m);
        if (m.numerus) {
            EXPECT_EQ(static_cast<int>(m.translations.size()), GetParam().pluralForms)
                << "wrong number of plural forms: " << describe(m);
        } else {
            EXPECT_EQ(m.translations.size(), 1) << describe(m);
        }
        for (const QString &t : m.translations)
            EXPECT_FALSE(t.trimmed().isEmpty()) << "empty translation: " << describe(m);
    }
}

TEST_P(TranslationFile, TranslationsKeepPlaceholdersAcceleratorsAndMarkup)
{
    const TsFile &file = ts();
    ASSERT_TRUE(file.error.isEmpty()) << file.error.toStdString();
    for (const Message &m : file.messages) {
        const QStringList sourcePlaceholders = placeholders(m.source);
        const int sourceAccelerators = acceleratorCount(m.source);
        const QStringList sourceTags = htmlTags(m.source);
        for (const QString &t : m.translations) {
            if (t.isEmpty())
                continue;   // reported by EveryMessageIsTranslated
            const std::string where = describe(m) + " -> \"" + t.toStdString() + "\"";
            EXPECT_EQ(joined(placeholders(t)), joined(sourcePlaceholders)) << "placeholders differ: " << where;
            EXPECT_LE(sourceAccelerators, 1) << "source has several accelerators: " << where;
            EXPECT_EQ(acceleratorCount(t), sourceAccelerators) << "accelerator '&' count differs: " << where;
            EXPECT_EQ(joined(htmlTags(t)), joined(sourceTags)) << "HTML tags differ: " << where;
            EXPECT_EQ(t.count(QLatin1Char('\n')), m.source.count(QLatin1Char('\n'))) << "newline count differs: " << where;
            EXPECT_EQ(leadingSpace(t).toStdString(), leadingSpace(m.source).toStdString())
                << "leading whitespace differs: " << where;
            EXPECT_EQ(trailingSpace(t).toStdString(), trailingSpace(m.source).toStdString())
                << "trailing whitespace differs: " << where;
            EXPECT_EQ(t.trimmed().endsWith(QLatin1Char(':')), m.source.trimmed().endsWith(QLatin1Char(':')))
                << "trailing ':' differs: " << where;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Languages, TranslationFile, ::testing::ValuesIn(kLanguages),
                         [](const ::testing::TestParamInfo<Language> &info) { return std::string(info.param.code); });

TEST(Translations, AllLanguagesHaveTheSameSourceStrings)
{
    const TsFile &reference = cachedTs(kLanguages[0].code);
    ASSERT_TRUE(reference.error.isEmpty()) << reference.error.toStdString();
    QSet<QString> referenceKeys;
    for (const Message &m : reference.messages)
        referenceKeys.insert(key(m));
    for (const Language &language : kLanguages) {
        const TsFile &other = cachedTs(language.code);
        ASSERT_TRUE(other.error.isEmpty()) << other.error.toStdString();
        QSet<QString> otherKeys;
        for (const Message &m : other.messages) {
            otherKeys.insert(key(m));
            EXPECT_TRUE(referenceKeys.contains(key(m)))
                << "only in " << language.code << ", not in " << kLanguages[0].code << ": " << describe(m);
        }
        for (const Message &m : reference.messages)
            EXPECT_TRUE(otherKeys.contains(key(m)))
                << "only in " << kLanguages[0].code << ", missing from " << language.code << ": " << describe(m);
    }
}

// A new cifarlab_<lang>.ts must be added to kLanguages (and to qt_add_translations) so it is checked.
TEST(Translations, EveryTsFileIsChecked)
{
    const QStringList files = QDir(translationsDir()).entryList({QStringLiteral("*.ts")}, QDir::Files, QDir::Name);
    EXPECT_FALSE(files.isEmpty()) << "no .ts files in " << translationsDir().toStdString();
    for (const QString &name : files) {
        const bool known = std::any_of(std::begin(kLanguages), std::end(kLanguages), [&name](const Language &l) {
            return name == QStringLiteral("cifarlab_") + QLatin1String(l.code) + QStringLiteral(".ts");
        });
        EXPECT_TRUE(known) << name.toStdString() << " is not in kLanguages of test_translations.cpp";
    }
    for (const Language &language : kLanguages)
        EXPECT_TRUE(QFile::exists(tsPath(language.code))) << tsPath(language.code).toStdString() << " is missing";
}

} // namespace
