#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace cifarlab::test {

// How HttpTestServer answers requests for one path. Request n (counted from 1) gets, in order:
// 503 while n <= failFirst, then a connection closed halfway through the body while
// n <= failFirst + dropFirst, then the normal answer.
struct HttpRoute
{
    int status = 200;
    std::string body;
    std::string location; // Location header: set it with status 301/302/307 for a redirect
    int failFirst = 0;
    int dropFirst = 0;
    // Slow drip: the body goes out in chunks of dripChunkBytes, one every dripIntervalMs
    // (the first one after a full interval). 0 sends it all at once.
    int dripChunkBytes = 0;
    int dripIntervalMs = 0;
};

// A tiny HTTP/1.1 server on 127.0.0.1 (a free port) running in its own thread and event loop, so
// a synchronous client in the test thread can talk to it. Unknown paths get 404. Every answer
// closes its connection. Needs a QCoreApplication. Bounded: requests over 16 KiB, connections that
// send no request within 10 s and connections beyond 64 at once are dropped; the destructor
// stops it.
class HttpTestServer
{
public:
    HttpTestServer();
    ~HttpTestServer();
    HttpTestServer(const HttpTestServer &) = delete;
    HttpTestServer &operator=(const HttpTestServer &) = delete;

    void setRoute(const std::string &path, const HttpRoute &route);

    uint16_t port() const;
    std::string baseUrl() const; // "http://127.0.0.1:<port>"
    std::string url(const std::string &path) const { return baseUrl() + path; }

    // Requests received so far for one path (query strings ignored), or for all paths.
    int requestCount(const std::string &path) const;
    int requestCount() const;

private:
    class Thread;
    std::unique_ptr<Thread> m_thread;
    uint16_t m_port = 0;
};

} // namespace cifarlab::test
