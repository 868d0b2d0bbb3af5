#include "core/dataset_download.h"
#include "core/error.h"
#include "support/error_of.h"
#include "support/http_test_server.h"
#include "support/temp_dir.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <clocale>
#include <random>
#include <string>

using namespace cifarlab;
using cifarlab::test::HttpRoute;
using cifarlab::test::HttpTestServer;
using cifarlab::test::TempDir;

namespace {

constexpr size_t kArchiveBytes = 200 * 1024;

std::string randomBytes(size_t size, uint32_t seed)
{
    std::mt19937 rng(seed);
    std::string bytes(size, '\0');
    for (char &c : bytes)
        c = static_cast<char>(rng() & 0xff);
    return bytes;
}

std::string md5Hex(const std::string &bytes)
{
    return QCryptographicHash::hash(QByteArray::fromStdString(bytes), QCryptographicHash::Md5)
        .toHex()
        .toStdString();
}

bool exists(const std::string &path)
{
    return QFileInfo::exists(QString::fromStdString(path));
}

std::string readFile(const std::string &path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().toStdString();
}

void writeFile(const std::string &path, const std::string &bytes)
{
    QFile file(QString::fromStdString(path));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    ASSERT_EQ(file.write(bytes.data(), static_cast<qint64>(bytes.size())), static_cast<qint64>(bytes.size()));
}

// A loopback port nothing listens on: bound by the OS, then released.
uint16_t unusedPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof addr;
    const bool ok = fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &length) == 0;
    if (fd >= 0)
        ::close(fd);
    return ok ? ntohs(addr.sin_port) : 0;
}

// The message of the Error that f throws; a test failure when it throws none.
using test::errorOf;

DownloadOptions fastOptions()
{
    DownloadOptions options;
    options.retryDelayMs = 10;
    options.timeoutMs = 5000;
    return options;
}

// Sets (or, with nullptr, unsets) an environment variable for one scope.
class ScopedEnv
{
public:
    ScopedEnv(const char *name, const char *value)
        : m_name(name)
        , m_wasSet(qEnvironmentVariableIsSet(name))
        , m_old(qgetenv(name))
    {
        if (value)
            qputenv(name, value);
        else
            qunsetenv(name);
    }
    ~ScopedEnv()
    {
        if (m_wasSet)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }
    ScopedEnv(const ScopedEnv &) = delete;
    ScopedEnv &operator=(const ScopedEnv &) = delete;

private:
    const char *m_name;
    bool m_wasSet;
    QByteArray m_old;
};

} // namespace

// Defined first so that, run as one process, it runs before the fixture creates the application
// (ctest runs every test in a process of its own anyway).
TEST(DownloadWithoutApplication, CreatesATemporaryApplicationAndRestoresTheLocale)
{
    ScopedEnv noMirror(kDownloadMirrorVariable, nullptr);
    const bool hadApplication = QCoreApplication::instance() != nullptr;
    const std::string localeBefore = std::setlocale(LC_ALL, nullptr);
    TempDir dir;
    const std::string url = "http://127.0.0.1:" + std::to_string(unusedPort()) + "/sample.bin";
    DownloadOptions options = fastOptions();
    options.maxAttempts = 1;

    const std::string message = errorOf([&] {
        downloadFile({"sample", url, md5Hex("x"), "sample.bin"}, dir.path(), options);
    });

    EXPECT_EQ(message,
        "cannot download sample.bin from " + url
            + ": Connection refused (are you offline? you can also open a local copy)");
    EXPECT_EQ(QCoreApplication::instance() != nullptr, hadApplication);
    EXPECT_EQ(std::setlocale(LC_ALL, nullptr), localeBefore);
}

TEST(KnownDownloads, ListsCifar10AndCifar100)
{
    const std::vector<DownloadSource> sources = knownDownloads();
    ASSERT_EQ(sources.size(), 2u);
    EXPECT_EQ(sources[0].name, "cifar10");
    EXPECT_EQ(sources[0].url, "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
    EXPECT_EQ(sources[0].md5, "c32a1d4ab5d03f1284b67883e8d87530");
    EXPECT_EQ(sources[0].fileName, "cifar-10-binary.tar.gz");
    EXPECT_EQ(sources[1].name, "cifar100");
    EXPECT_EQ(sources[1].url, "https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz");
    EXPECT_EQ(sources[1].md5, "03b5dce01913d631647c71ecec9e9cb8");
    EXPECT_EQ(sources[1].fileName, "cifar-100-binary.tar.gz");
}

TEST(KnownDownloads, LooksUpByNameAndListsTheKnownOnesOtherwise)
{
    EXPECT_EQ(downloadSource("cifar100").fileName, "cifar-100-binary.tar.gz");
    EXPECT_EQ(&downloadSource("cifar10"), &downloadSource("cifar10"));
    EXPECT_EQ(
        errorOf([] { downloadSource("mnist"); }), "unknown download 'mnist' (known: cifar10, cifar100)");
}

class DatasetDownload : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        if (!QCoreApplication::instance()) {
            static int argc = 1;
            static char name[] = "test_dataset_download";
            static char *argv[] = {name, nullptr};
            new QCoreApplication(argc, argv); // lives until the process exits, like a main()'s
        }
    }

    // A source whose file the server has at path.
    DownloadSource serve(const std::string &path, const std::string &bytes, HttpRoute route = {})
    {
        route.body = bytes;
        m_server.setRoute(path, route);
        return {"sample", m_server.url(path), md5Hex(bytes), "sample.bin"};
    }

    std::string target() const { return m_dir.file("sample.bin"); }

    // The developer's own mirror setting must not redirect these tests.
    ScopedEnv m_noMirror {kDownloadMirrorVariable, nullptr};
    TempDir m_dir;
    HttpTestServer m_server;
    const std::string m_archive = randomBytes(kArchiveBytes, 7);
};

TEST_F(DatasetDownload, DownloadsVerifiesAndReportsProgress)
{
    const DownloadSource source = serve("/files/sample.bin", m_archive);
    DownloadOptions options = fastOptions();
    int64_t lastReceived = -1;
    int64_t lastTotal = 0;
    bool increasing = true;
    options.progress = [&](int64_t received, int64_t total) {
        increasing = increasing && received > lastReceived;
        lastReceived = received;
        lastTotal = total;
    };

    const std::string folder = m_dir.file("nested/data");
    const std::string path = downloadFile(source, folder, options);

    EXPECT_EQ(QFileInfo(QString::fromStdString(path)).canonicalFilePath(),
        QFileInfo(QString::fromStdString(folder + "/sample.bin")).canonicalFilePath());
    EXPECT_EQ(readFile(path), m_archive);
    EXPECT_EQ(lastReceived, static_cast<int64_t>(kArchiveBytes));
    EXPECT_EQ(lastTotal, static_cast<int64_t>(kArchiveBytes));
    EXPECT_TRUE(increasing);
    EXPECT_FALSE(exists(path + ".part"));
    EXPECT_EQ(m_server.requestCount("/files/sample.bin"), 1);
}

TEST_F(DatasetDownload, ChecksumMismatchLeavesNoFile)
{
    std::string corrupted = m_archive;
    corrupted[kArchiveBytes / 3] = static_cast<char>(corrupted[kArchiveBytes / 3] ^ 0x01);
    DownloadSource source = serve("/sample.bin", corrupted);
    source.md5 = md5Hex(m_archive);

    EXPECT_EQ(errorOf([&] { downloadFile(source, m_dir.path(), fastOptions()); }),
        "sample.bin: checksum mismatch (got " + md5Hex(corrupted) + ", expected " + md5Hex(m_archive)
            + "); the download was corrupted, try again");
    EXPECT_FALSE(exists(target()));
    EXPECT_FALSE(exists(target() + ".part"));
    EXPECT_EQ(m_server.requestCount("/sample.bin"), 1);
}

TEST_F(DatasetDownload, RetriesAfterServerError)
{
    HttpRoute route;
    route.failFirst = 1;
    const DownloadSource source = serve("/sample.bin", m_archive, route);

    EXPECT_EQ(readFile(downloadFile(source, m_dir.path(), fastOptions())), m_archive);
    EXPECT_EQ(m_server.requestCount("/sample.bin"), 2);
}

TEST_F(DatasetDownload, StartsOverAfterConnectionDroppedMidBody)
{
    HttpRoute route;
    route.dropFirst = 1;
    const DownloadSource source = serve("/sample.bin", m_archive, route);
    DownloadOptions options = fastOptions();
    int64_t maxReceived = 0;
    options.progress = [&](int64_t received, int64_t) { maxReceived = std::max(maxReceived, received); };

    EXPECT_EQ(readFile(downloadFile(source, m_dir.path(), options)), m_archive);
    EXPECT_EQ(maxReceived, static_cast<int64_t>(kArchiveBytes));
    // At least the dropped request and a complete one; Qt may also resend a dropped GET by itself.
    EXPECT_GE(m_server.requestCount("/sample.bin"), 2);
}

TEST_F(DatasetDownload, GivesUpWhenEveryAttemptIsCutShort)
{
    HttpRoute route;
    route.dropFirst = 100;
    const DownloadSource source = serve("/sample.bin", m_archive, route);
    DownloadOptions options = fastOptions();
    options.maxAttempts = 2;

    const std::string message = errorOf([&] { downloadFile(source, m_dir.path(), options); });
    // Qt reports a cut-short body either as an error or as a short success: both must fail.
    const std::string prefix = "cannot download sample.bin from " + source.url + ": ";
    const std::string suffix = " (are you offline? you can also open a local copy)";
    EXPECT_EQ(message.rfind(prefix, 0), 0u) << message;
    ASSERT_GE(message.size(), prefix.size() + suffix.size()) << message;
    EXPECT_EQ(message.substr(message.size() - suffix.size()), suffix);
    EXPECT_GE(m_server.requestCount("/sample.bin"), 2);
    EXPECT_FALSE(exists(target()));
    EXPECT_FALSE(exists(target() + ".part"));
}

TEST_F(DatasetDownload, GivesUpOnServerErrorsAfterMaxAttempts)
{
    HttpRoute route;
    route.failFirst = 100;
    const DownloadSource source = serve("/sample.bin", m_archive, route);

    EXPECT_EQ(errorOf([&] { downloadFile(source, m_dir.path(), fastOptions()); }),
        "cannot download sample.bin from " + source.url
            + ": HTTP 503 Service Unavailable (the server may be down; try again later or open a local "
              "copy)");
    EXPECT_EQ(m_server.requestCount("/sample.bin"), 3);
    EXPECT_FALSE(exists(target() + ".part"));
}

TEST_F(DatasetDownload, NotFoundIsNotRetried)
{
    const DownloadSource source {"sample", m_server.url("/missing.bin"), md5Hex(m_archive), "sample.bin"};

    EXPECT_EQ(errorOf([&] { downloadFile(source, m_dir.path(), fastOptions()); }),
        "cannot download sample.bin from " + source.url + ": HTTP 404 Not Found");
    EXPECT_EQ(m_server.requestCount("/missing.bin"), 1);
    EXPECT_FALSE(exists(target()));
    EXPECT_FALSE(exists(target() + ".part"));
}

TEST_F(DatasetDownload, ConnectionRefusedIsReportedAsOfflineAfterRetrying)
{
    const std::string url = "http://127.0.0.1:" + std::to_string(unusedPort()) + "/sample.bin";
    DownloadOptions options = fastOptions();
    options.maxAttempts = 2;
    options.retryDelayMs = 300; // only a retry makes a refused connection take this long
    QElapsedTimer clock;
    clock.start();

    EXPECT_EQ(errorOf([&] {
        downloadFile({"sample", url, md5Hex(m_archive), "sample.bin"}, m_dir.path(), options);
    }),
        "cannot download sample.bin from " + url
            + ": Connection refused (are you offline? you can also open a local copy)");
    EXPECT_GE(clock.elapsed(), 250); // Qt's coarse timers may fire up to 5% early
    EXPECT_FALSE(exists(target() + ".part"));
}

TEST_F(DatasetDownload, FollowsRedirects)
{
    const DownloadSource real = serve("/files/sample.bin", m_archive);
    HttpRoute redirect;
    redirect.status = 302;
    redirect.location = "/files/sample.bin";
    m_server.setRoute("/old/sample.bin", redirect);
    DownloadSource source = real;
    source.url = m_server.url("/old/sample.bin");

    EXPECT_EQ(readFile(downloadFile(source, m_dir.path(), fastOptions())), m_archive);
    EXPECT_EQ(m_server.requestCount("/old/sample.bin"), 1);
    EXPECT_EQ(m_server.requestCount("/files/sample.bin"), 1);
}

TEST_F(DatasetDownload, StalledTransferTimesOutAndIsRetried)
{
    HttpRoute route;
    route.dripChunkBytes = 1024;
    route.dripIntervalMs = 60000; // headers at once, then silence
    const DownloadSource source = serve("/sample.bin", m_archive, route);
    DownloadOptions options = fastOptions();
    options.timeoutMs = 150;
    options.maxAttempts = 2;
    QElapsedTimer clock;
    clock.start();

    EXPECT_EQ(errorOf([&] { downloadFile(source, m_dir.path(), options); }),
        "cannot download sample.bin from " + source.url
            + ": no data received for 150 ms (are you offline? you can also open a local copy)");
    EXPECT_LT(clock.elapsed(), 5000);
    EXPECT_EQ(m_server.requestCount("/sample.bin"), 2);
    EXPECT_FALSE(exists(target() + ".part"));
}

TEST_F(DatasetDownload, ExistingVerifiedFileNeedsNoNetwork)
{
    writeFile(target(), m_archive);
    const DownloadSource source {"sample", m_server.url("/sample.bin"), md5Hex(m_archive), "sample.bin"};
    DownloadOptions options = fastOptions();
    int64_t lastReceived = 0;
    options.progress = [&](int64_t received, int64_t) { lastReceived = received; };

    EXPECT_EQ(downloadFile(source, m_dir.path(), options), target());
    EXPECT_EQ(m_server.requestCount(), 0);
    EXPECT_EQ(lastReceived, static_cast<int64_t>(kArchiveBytes));
}

TEST_F(DatasetDownload, ExistingCorruptFileIsReplaced)
{
    writeFile(target(), "truncated");
    const DownloadSource source = serve("/sample.bin", m_archive);

    EXPECT_EQ(readFile(downloadFile(source, m_dir.path(), fastOptions())), m_archive);
    EXPECT_EQ(m_server.requestCount("/sample.bin"), 1);
}

TEST_F(DatasetDownload, CancelDuringTransferRemovesThePartialFile)
{
    HttpRoute route;
    route.dripChunkBytes = 4096;
    route.dripIntervalMs = 10; // ~0.5 s for the whole body: cancelled long before the end
    const DownloadSource source = serve("/sample.bin", m_archive, route);
    DownloadOptions options = fastOptions();
    std::atomic<bool> started {false};
    bool partExisted = false;
    options.progress = [&](int64_t, int64_t) {
        partExisted = partExisted || exists(target() + ".part");
        started = true;
    };
    options.cancelled = [&] { return started.load(); };

    EXPECT_EQ(errorOf([&] { downloadFile(source, m_dir.path(), options); }), "download cancelled");
    EXPECT_TRUE(partExisted);
    EXPECT_FALSE(exists(target() + ".part"));
    EXPECT_FALSE(exists(target()));
    EXPECT_EQ(m_server.requestCount("/sample.bin"), 1);
}

TEST_F(DatasetDownload, CancelStopsRetrying)
{
    HttpRoute route;
    route.failFirst = 100;
    const DownloadSource source = serve("/sample.bin", m_archive, route);
    DownloadOptions options = fastOptions();
    options.retryDelayMs = 60000;
    options.cancelled = [&] { return m_server.requestCount() > 0; };
    QElapsedTimer clock;
    clock.start();

    EXPECT_EQ(errorOf([&] { downloadFile(source, m_dir.path(), options); }), "download cancelled");
    EXPECT_LT(clock.elapsed(), 5000);
    EXPECT_EQ(m_server.requestCount("/sample.bin"), 1);
    EXPECT_FALSE(exists(target() + ".part"));
}

TEST_F(DatasetDownload, MirrorVariableReplacesTheBaseUrl)
{
    serve("/mirror/sample.bin", m_archive);
    const ScopedEnv mirror(kDownloadMirrorVariable, (m_server.url("/mirror") + "/").c_str());
    const DownloadSource source {
        "sample", "https://downloads.example.invalid/kriz/sample.bin", md5Hex(m_archive), "sample.bin"};

    EXPECT_EQ(readFile(downloadFile(source, m_dir.path(), fastOptions())), m_archive);
    EXPECT_EQ(m_server.requestCount("/mirror/sample.bin"), 1);
    EXPECT_EQ(m_server.requestCount(), 1);
}

TEST_F(DatasetDownload, MirrorCanBeALocalFolder)
{
    TempDir mirrorDir;
    writeFile(mirrorDir.file("sample.bin"), m_archive);
    const ScopedEnv mirror(kDownloadMirrorVariable, mirrorDir.path().c_str());
    const DownloadSource source {
        "sample", "https://downloads.example.invalid/kriz/sample.bin", md5Hex(m_archive), "sample.bin"};

    EXPECT_EQ(readFile(downloadFile(source, m_dir.path(), fastOptions())), m_archive);
    EXPECT_EQ(m_server.requestCount(), 0);
}

TEST_F(DatasetDownload, RejectsAMalformedSource)
{
    const DownloadSource source {"sample", m_server.url("/sample.bin"), "abc", "sample.bin"};

    EXPECT_EQ(errorOf([&] { downloadFile(source, m_dir.path(), fastOptions()); }),
        "download 'sample': md5 must be 32 hexadecimal digits, got 'abc'");
    EXPECT_EQ(m_server.requestCount(), 0);
}
