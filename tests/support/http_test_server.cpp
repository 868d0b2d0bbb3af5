#include "support/http_test_server.h"

#include <QByteArray>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <future>
#include <map>
#include <mutex>
#include <stdexcept>

namespace cifarlab::test {

namespace {

constexpr int kMaxRequestBytes = 16 * 1024;
constexpr int kIdleTimeoutMs = 10000;
constexpr int kMaxConnections = 64;

// Shared between the server thread (answers) and the test thread (routes, counts).
struct ServerState
{
    mutable std::mutex mutex;
    std::map<std::string, HttpRoute> routes;
    std::map<std::string, int> counts;
    int total = 0;
};

const char *reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 307:
        return "Temporary Redirect";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

// One accepted socket, answering exactly one request. A child of its socket, so it goes with it.
class Connection : public QObject
{
public:
    Connection(QTcpSocket *socket, ServerState &state, int &live)
        : QObject(socket)
        , m_socket(socket)
        , m_state(state)
        , m_live(live)
    {
        ++m_live;
        m_idle.setSingleShot(true);
        m_drip.setSingleShot(false);
        connect(socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(&m_idle, &QTimer::timeout, this, [this] { m_socket->abort(); });
        connect(&m_drip, &QTimer::timeout, this, [this] { sendNextChunk(); });
        m_idle.start(kIdleTimeoutMs);
    }
    ~Connection() override { --m_live; }

private:
    void onReadyRead()
    {
        const QByteArray data = m_socket->readAll();
        if (m_answered)
            return; // one request per connection: anything after it is ignored
        m_request += data;
        const int headerEnd = m_request.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            if (m_request.size() > kMaxRequestBytes)
                m_socket->abort();
            return;
        }
        m_answered = true;
        m_idle.stop();

        const QList<QByteArray> requestLine = m_request.left(m_request.indexOf("\r\n")).split(' ');
        if (requestLine.size() < 3) {
            answer(400, {}, {}, -1);
            return;
        }
        const QByteArray target = requestLine.at(1);
        const std::string path
            = target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?')).toStdString();

        HttpRoute route;
        int n = 0;
        bool known = false;
        {
            std::lock_guard<std::mutex> lock(m_state.mutex);
            n = ++m_state.counts[path];
            ++m_state.total;
            const auto it = m_state.routes.find(path);
            if (it != m_state.routes.end()) {
                known = true;
                route = it->second;
            }
        }
        if (!known) {
            answer(404, "no such path\n", {}, -1);
        } else if (n <= route.failFirst) {
            answer(503, "try again later\n", {}, -1);
        } else if (n <= route.failFirst + route.dropFirst) {
            answer(route.status, route.body, route.location, static_cast<int>(route.body.size() / 2));
        } else if (route.dripChunkBytes > 0 && !route.body.empty()) {
            writeHeader(route.status, route.body.size(), route.location);
            m_body = QByteArray::fromStdString(route.body);
            m_chunk = route.dripChunkBytes;
            m_drip.start(std::max(1, route.dripIntervalMs));
        } else {
            answer(route.status, route.body, route.location, -1);
        }
    }

    void writeHeader(int status, size_t contentLength, const std::string &location)
    {
        QByteArray header = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
        header += "Content-Type: application/octet-stream\r\n";
        header += "Content-Length: " + QByteArray::number(static_cast<qulonglong>(contentLength)) + "\r\n";
        if (!location.empty())
            header += "Location: " + QByteArray::fromStdString(location) + "\r\n";
        header += "Connection: close\r\n\r\n";
        m_socket->write(header);
    }

    // sendBytes < 0: the whole body; otherwise only that many bytes, then the connection drops.
    void answer(int status, const std::string &body, const std::string &location, int sendBytes)
    {
        writeHeader(status, body.size(), location);
        const size_t n = sendBytes < 0 ? body.size() : static_cast<size_t>(sendBytes);
        m_socket->write(body.data(), static_cast<qint64>(n));
        m_socket->disconnectFromHost();
    }

    void sendNextChunk()
    {
        const int n = std::min<int>(m_chunk, static_cast<int>(m_body.size() - m_sent));
        m_socket->write(m_body.constData() + m_sent, n);
        m_sent += n;
        if (m_sent >= m_body.size()) {
            m_drip.stop();
            m_socket->disconnectFromHost();
        }
    }

    QTcpSocket *m_socket;
    ServerState &m_state;
    int &m_live;
    QByteArray m_request;
    bool m_answered = false;
    QTimer m_idle;
    QTimer m_drip;
    QByteArray m_body;
    qsizetype m_sent = 0;
    int m_chunk = 0;
};

} // namespace

class HttpTestServer::Thread : public QThread
{
public:
    ServerState state;

    uint16_t startServer()
    {
        std::future<uint16_t> port = m_ready.get_future();
        start();
        try {
            return port.get();
        } catch (...) {
            wait(); // run() is returning: let it finish before this object can be destroyed
            throw;
        }
    }

protected:
    void run() override
    {
        int live = 0; // outlives the server, whose sockets' connections decrement it
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost, 0)) {
            m_ready.set_exception(std::make_exception_ptr(
                std::runtime_error("HttpTestServer: cannot listen: " + server.errorString().toStdString())));
            return;
        }
        QObject::connect(&server, &QTcpServer::newConnection, &server, [&] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                if (live >= kMaxConnections) {
                    socket->abort();
                    socket->deleteLater();
                    continue;
                }
                new Connection(socket, state, live);
            }
        });
        m_ready.set_value(server.serverPort());
        exec();
    }

private:
    std::promise<uint16_t> m_ready;
};

HttpTestServer::HttpTestServer()
    : m_thread(std::make_unique<Thread>())
{
    m_port = m_thread->startServer();
}

HttpTestServer::~HttpTestServer()
{
    m_thread->quit();
    m_thread->wait();
}

void HttpTestServer::setRoute(const std::string &path, const HttpRoute &route)
{
    std::lock_guard<std::mutex> lock(m_thread->state.mutex);
    m_thread->state.routes[path] = route;
}

uint16_t HttpTestServer::port() const
{
    return m_port;
}

std::string HttpTestServer::baseUrl() const
{
    return "http://127.0.0.1:" + std::to_string(m_port);
}

int HttpTestServer::requestCount(const std::string &path) const
{
    std::lock_guard<std::mutex> lock(m_thread->state.mutex);
    const auto it = m_thread->state.counts.find(path);
    return it == m_thread->state.counts.end() ? 0 : it->second;
}

int HttpTestServer::requestCount() const
{
    std::lock_guard<std::mutex> lock(m_thread->state.mutex);
    return m_thread->state.total;
}

} // namespace cifarlab::test
