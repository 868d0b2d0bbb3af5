#include "core/dataset_download.h"

#include "core/error.h"
#include "core/version.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cctype>
#include <clocale>
#include <memory>

namespace cifarlab {

namespace {

constexpr int kCancelPollMs = 50;
constexpr int kMaxRedirects = 10;
// Bounds memory (Qt otherwise buffers as fast as the network delivers) and paces progress reports.
constexpr qint64 kReadBufferBytes = 1 << 20;

const std::vector<DownloadSource> &downloadTable()
{
    static const std::vector<DownloadSource> sources = {
        {"cifar10", "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz",
            "c32a1d4ab5d03f1284b67883e8d87530", "cifar-10-binary.tar.gz"},
        {"cifar100", "https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz",
            "03b5dce01913d631647c71ecec9e9cb8", "cifar-100-binary.tar.gz"},
    };
    return sources;
}

std::string str(const QString &s)
{
    return s.toStdString();
}

bool isCancelled(const DownloadOptions &options)
{
    return options.cancelled && options.cancelled();
}

void validate(const DownloadSource &source)
{
    const std::string what = "download '" + source.name + "'";
    if (source.fileName.empty() || source.fileName.find('/') != std::string::npos)
        throw Error(what + ": file name must be a plain file name, got '" + source.fileName + "'");
    const bool hex = std::all_of(source.md5.begin(), source.md5.end(),
        [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
    if (source.md5.size() != 32 || !hex)
        throw Error(what + ": md5 must be 32 hexadecimal digits, got '" + source.md5 + "'");
}

QUrl parseUrl(const QString &text, const std::string &what)
{
    // A bare absolute path is the friendliest way to name an offline copy.
    const QUrl url = QDir::isAbsolutePath(text) ? QUrl::fromLocalFile(text) : QUrl(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty())
        throw Error(what + ": not a valid URL: '" + str(text) + "'");
    return url;
}

QUrl effectiveUrl(const DownloadSource &source)
{
    const QString original = QString::fromStdString(source.url);
    QString mirror = qEnvironmentVariable(kDownloadMirrorVariable).trimmed();
    if (mirror.isEmpty())
        return parseUrl(original, "download '" + source.name + "'");
    QString remoteName = QUrl(original).fileName();
    if (remoteName.isEmpty())
        remoteName = QString::fromStdString(source.fileName);
    while (mirror.endsWith(QLatin1Char('/')))
        mirror.chop(1);
    return parseUrl(mirror + QLatin1Char('/') + remoteName, kDownloadMirrorVariable);
}

QByteArray fileMd5(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash md5(QCryptographicHash::Md5);
    if (!md5.addData(&file))
        return {};
    return md5.result().toHex();
}

// QNetworkAccessManager and QEventLoop need an application object. A CLI without one gets a
// temporary one. QCoreApplication also calls setlocale(LC_ALL, ""), which would change number
// formatting for the rest of the process, so the caller's locale is put back afterwards.
class ApplicationScope
{
public:
    ApplicationScope()
    {
        if (QCoreApplication::instance())
            return;
        const char *locale = std::setlocale(LC_ALL, nullptr);
        m_locale = locale ? locale : "C";
        static int argc = 1;
        static char name[] = "cifarlab";
        static char *argv[] = {name, nullptr};
        m_app = std::make_unique<QCoreApplication>(argc, argv);
    }
    ~ApplicationScope()
    {
        if (!m_app)
            return;
        m_app.reset();
        std::setlocale(LC_ALL, m_locale.c_str());
    }
    ApplicationScope(const ApplicationScope &) = delete;
    ApplicationScope &operator=(const ApplicationScope &) = delete;

private:
    std::unique_ptr<QCoreApplication> m_app;
    std::string m_locale;
};

// The .part file of one download: removed on every way out except a successful commit().
class PartFile
{
public:
    explicit PartFile(const QString &path)
        : m_file(path)
    { }
    ~PartFile()
    {
        if (m_committed)
            return;
        m_file.close();
        QFile::remove(m_file.fileName());
    }
    PartFile(const PartFile &) = delete;
    PartFile &operator=(const PartFile &) = delete;

    QFile &file() { return m_file; }

    // Each attempt starts from an empty file: servers are not trusted to resume correctly.
    void restart()
    {
        m_file.close();
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            throw Error("cannot write " + str(m_file.fileName()) + ": " + str(m_file.errorString()));
    }

    void commit(const QString &finalPath)
    {
        m_file.close();
        if (m_file.error() != QFileDevice::NoError)
            throw Error("cannot write " + str(m_file.fileName()) + ": " + str(m_file.errorString()));
        if (QFileInfo::exists(finalPath) && !QFile::remove(finalPath))
            throw Error("cannot replace " + str(finalPath));
        if (!QFile::rename(m_file.fileName(), finalPath))
            throw Error("cannot rename " + str(m_file.fileName()) + " to " + str(finalPath));
        m_committed = true;
    }

private:
    QFile m_file;
    bool m_committed = false;
};

enum class Outcome { Done, Retry, Fail };

struct AttemptResult
{
    Outcome outcome = Outcome::Fail;
    QString reason;
    bool networkProblem = false; // as opposed to the server answering with an error
};

int httpStatus(const QNetworkReply &reply)
{
    const QVariant status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute);
    return status.isValid() ? status.toInt() : 0;
}

// file:// replies have no status; they either fail with an error or carry the file.
bool carriesBody(const QNetworkReply &reply)
{
    const int status = httpStatus(reply);
    return status == 0 || (status >= 200 && status < 300);
}

int64_t contentLength(const QNetworkReply &reply)
{
    const QVariant length = reply.header(QNetworkRequest::ContentLengthHeader);
    return length.isValid() ? length.toLongLong() : -1;
}

bool isTransient(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
        return false;
    default:
        // Connection (1-99) and proxy (101-199) errors; content and protocol errors are final.
        return error < QNetworkReply::ContentAccessDenied;
    }
}

QString formatDuration(int ms)
{
    return ms % 1000 == 0 ? QStringLiteral("%1 s").arg(ms / 1000) : QStringLiteral("%1 ms").arg(ms);
}

AttemptResult runAttempt(
    const QUrl &url, QFile &part, QCryptographicHash &md5, const DownloadOptions &options)
{
    // A manager per attempt: Qt may quietly resend a dropped request on a cached connection, and
    // that must not leak into the next attempt.
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(kMaxRedirects);
    // The MD5 is of the bytes as published: no transparent gzip decoding of a .tar.gz.
    request.setRawHeader("Accept-Encoding", "identity");
    request.setHeader(QNetworkRequest::UserAgentHeader,
        QStringLiteral("CifarLab/%1").arg(QString::fromLatin1(versionString())));

    std::unique_ptr<QNetworkReply> reply(manager.get(request));
    reply->setReadBufferSize(kReadBufferBytes);
    QEventLoop loop;
    QTimer idle;
    idle.setSingleShot(true);
    QTimer cancelPoll;
    bool timedOut = false;
    bool cancelled = false;
    QString writeError;
    int64_t received = 0;

    const auto restartIdle = [&] {
        if (options.timeoutMs > 0)
            idle.start(options.timeoutMs);
    };
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(reply.get(), &QNetworkReply::metaDataChanged, &loop, restartIdle);
    QObject::connect(reply.get(), &QNetworkReply::redirected, &loop, restartIdle);
    const auto consume = [&] {
        const QByteArray chunk = reply->readAll();
        if (chunk.isEmpty() || !carriesBody(*reply))
            return; // an error page is not the file
        if (part.write(chunk) != chunk.size()) {
            writeError = part.errorString();
            reply->abort();
            return;
        }
        md5.addData(chunk);
        received += chunk.size();
        if (options.progress)
            options.progress(received, contentLength(*reply));
        if (isCancelled(options)) {
            cancelled = true;
            reply->abort();
        }
    };
    QObject::connect(reply.get(), &QNetworkReply::readyRead, &loop, [&] {
        restartIdle();
        consume();
    });
    QObject::connect(&idle, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort();
    });
    QObject::connect(&cancelPoll, &QTimer::timeout, &loop, [&] {
        if (isCancelled(options)) {
            cancelled = true;
            reply->abort();
        }
    });
    restartIdle();
    if (options.cancelled)
        cancelPoll.start(kCancelPollMs);
    if (!reply->isFinished())
        loop.exec();
    idle.stop();
    cancelPoll.stop();
    // Some backends (file://) can finish with data that no readyRead announced.
    if (!cancelled && !timedOut && writeError.isEmpty() && reply->error() == QNetworkReply::NoError)
        consume();

    // Thrown here, not in the slots: exceptions must not cross Qt's event loop.
    if (cancelled)
        throw Error("download cancelled");
    if (!writeError.isEmpty())
        throw Error("cannot write " + str(part.fileName()) + ": " + str(writeError));
    if (timedOut)
        return {Outcome::Retry,
            QStringLiteral("no data received for %1").arg(formatDuration(options.timeoutMs)), true};

    const int status = httpStatus(*reply);
    if (status != 0 && (status < 200 || status >= 300)) {
        const QString reason
            = QStringLiteral("HTTP %1 %2")
                  .arg(status)
                  .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
        const bool retry = status >= 500 || status == 408 || status == 429;
        return {retry ? Outcome::Retry : Outcome::Fail, reason.trimmed(), false};
    }
    if (reply->error() != QNetworkReply::NoError)
        return {isTransient(reply->error()) ? Outcome::Retry : Outcome::Fail, reply->errorString(), true};
    const int64_t total = contentLength(*reply);
    if (total >= 0 && received != total)
        return {Outcome::Retry,
            QStringLiteral("connection closed after %1 of %2 bytes").arg(received).arg(total), true};
    return {Outcome::Done, {}, false};
}

void waitBeforeRetry(const DownloadOptions &options)
{
    QEventLoop loop;
    QTimer delay;
    delay.setSingleShot(true);
    QTimer cancelPoll;
    bool cancelled = false;
    QObject::connect(&delay, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&cancelPoll, &QTimer::timeout, &loop, [&] {
        if (isCancelled(options)) {
            cancelled = true;
            loop.quit();
        }
    });
    delay.start(std::max(0, options.retryDelayMs));
    if (options.cancelled)
        cancelPoll.start(kCancelPollMs);
    loop.exec();
    if (cancelled || isCancelled(options))
        throw Error("download cancelled");
}

} // namespace

std::vector<DownloadSource> knownDownloads()
{
    return downloadTable();
}

const DownloadSource &downloadSource(const std::string &name)
{
    std::string known;
    for (const DownloadSource &source : downloadTable()) {
        if (source.name == name)
            return source;
        known += (known.empty() ? "" : ", ") + source.name;
    }
    throw Error("unknown download '" + name + "' (known: " + known + ")");
}

std::string downloadFile(
    const DownloadSource &source, const std::string &targetDir, const DownloadOptions &options)
{
    validate(source);
    const QString dir = QString::fromStdString(targetDir);
    if (!QDir().mkpath(dir))
        throw Error("cannot create folder " + targetDir);
    const QString finalPath = QDir(dir).filePath(QString::fromStdString(source.fileName));
    const QByteArray expected = QByteArray::fromStdString(source.md5).toLower();

    if (QFileInfo::exists(finalPath) && fileMd5(finalPath) == expected) {
        if (options.progress) {
            const int64_t size = QFileInfo(finalPath).size();
            options.progress(size, size);
        }
        return str(finalPath);
    }

    const QUrl url = effectiveUrl(source);
    const std::string where = source.fileName + " from " + str(url.toString());
    if (isCancelled(options))
        throw Error("download cancelled");

    ApplicationScope application;
    PartFile part(finalPath + QStringLiteral(".part"));
    AttemptResult result;
    const int attempts = std::max(1, options.maxAttempts);
    for (int attempt = 1; attempt <= attempts; ++attempt) {
        if (attempt > 1)
            waitBeforeRetry(options);
        part.restart();
        QCryptographicHash md5(QCryptographicHash::Md5);
        result = runAttempt(url, part.file(), md5, options);
        if (result.outcome == Outcome::Done) {
            const QByteArray got = md5.result().toHex();
            if (got != expected)
                throw Error(source.fileName + ": checksum mismatch (got " + got.toStdString() + ", expected "
                    + expected.toStdString() + "); the download was corrupted, try again");
            part.commit(finalPath);
            return str(finalPath);
        }
        if (result.outcome == Outcome::Fail)
            break;
    }

    std::string message = "cannot download " + where + ": " + str(result.reason);
    if (result.outcome == Outcome::Retry)
        message += result.networkProblem ? " (are you offline? you can also open a local copy)"
                                         : " (the server may be down; try again later or open a local copy)";
    throw Error(message);
}

} // namespace cifarlab
