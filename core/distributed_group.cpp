#define USE_C10D_GLOO 1 // ProcessGroupGloo.hpp only declares the class when this is set

#include "core/distributed_group.h"

#include "core/distributed_failure.h"
#include "core/error.h"

#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <thread>

namespace cifarlab {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kPollInterval = std::chrono::milliseconds(20);
constexpr auto kHeartbeatInterval = std::chrono::milliseconds(500);
const std::string kHeartbeatKey = "cifarlab/heartbeat";

// c10d's messages carry C++ backtraces and gloo's several lines: keep the first line.
std::string firstLine(const std::exception &e)
{
    const auto *c10 = dynamic_cast<const c10::Error *>(&e);
    std::string text = c10 ? c10->what_without_backtrace() : e.what();
    const auto newline = text.find('\n');
    if (newline != std::string::npos)
        text.erase(newline);
    return text;
}

bool isLoopback(const std::string &host)
{
    return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1";
}

std::vector<uint8_t> bytesOf(const std::string &text)
{
    return std::vector<uint8_t>(text.begin(), text.end());
}

} // namespace

struct DistributedGroup::Impl
{
    DistributedOptions options;
    int previousLogLevel = 0;
    std::chrono::milliseconds timeout{0};
    c10::intrusive_ptr<c10d::TCPStore> store;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> group;
    std::deque<c10::intrusive_ptr<c10d::Work>> pending;
    std::mutex storeMutex;

    std::thread heartbeat;
    std::mutex heartbeatMutex;
    std::condition_variable heartbeatWake;
    bool heartbeatDone = false;

    std::string where() const { return options.masterAddr + ":" + std::to_string(store ? store->getPort() : options.masterPort); }

    [[noreturn]] void failed(const std::string &what, const std::exception &e) const
    {
        throw DistributedFailure("rank " + std::to_string(options.rank) + " of " + std::to_string(options.worldSize) + ": " + what
                                 + " (" + firstLine(e) + "); another process stopped or the network failed");
    }

    void wait(const c10::intrusive_ptr<c10d::Work> &work, const char *what)
    {
        try {
            if (!work->wait(timeout))
                throw std::runtime_error("no answer within " + std::to_string(timeout.count() / 1000) + " s");
        } catch (const DistributedFailure &) {
            throw;
        } catch (const std::exception &e) {
            failed(what, e);
        }
    }

    int64_t heartbeatValue()
    {
        std::lock_guard<std::mutex> lock(storeMutex);
        return store->add(kHeartbeatKey, 0);
    }

    // Rank 0 may evaluate or write a checkpoint for longer than the timeout; its heartbeat tells
    // the others it is still alive, and its store vanishing tells them it is not.
    void waitForKey(const std::string &key)
    {
        int64_t lastBeat = -1;
        auto lastChange = Clock::now();
        try {
            for (;;) {
                {
                    std::lock_guard<std::mutex> lock(storeMutex);
                    if (store->check({key}))
                        return;
                }
                const int64_t beat = heartbeatValue();
                if (beat != lastBeat) {
                    lastBeat = beat;
                    lastChange = Clock::now();
                } else if (Clock::now() - lastChange > timeout) {
                    throw DistributedFailure("rank " + std::to_string(options.rank) + ": rank 0 has not answered for "
                                             + std::to_string(timeout.count() / 1000) + " s");
                }
                std::this_thread::sleep_for(kPollInterval);
            }
        } catch (const DistributedFailure &) {
            throw;
        } catch (const std::exception &e) {
            failed("lost rank 0's store at " + where(), e);
        }
    }
};

DistributedGroup::DistributedGroup(const DistributedOptions &options)
    : m_impl(std::make_unique<Impl>())
{
    validateDistributedOptions(options);
    Impl &d = *m_impl;
#ifdef C10_USE_GLOG
    // c10d also logs every failure it throws through glog, as multi-line noise on stderr; the
    // exception, shortened to one line, is the report.
    d.previousLogLevel = FLAGS_minloglevel;
    FLAGS_minloglevel = google::GLOG_FATAL;
#endif
    d.options = options;
    d.timeout = std::chrono::milliseconds(static_cast<int64_t>(options.timeoutSeconds * 1000.0));
    c10d::TCPStoreOptions storeOptions;
    storeOptions.port = static_cast<std::uint16_t>(options.masterPort);
    storeOptions.isServer = options.rank == 0 && !options.agentStore;
    storeOptions.numWorkers = static_cast<std::size_t>(options.worldSize);
    storeOptions.waitWorkers = false; // connect() waits, so a launcher can start its workers first
    storeOptions.timeout = d.timeout;
    try {
        d.store = c10::make_intrusive<c10d::TCPStore>(options.masterAddr, storeOptions);
    } catch (const std::exception &e) {
        if (storeOptions.isServer)
            throw Error("--master-port: cannot open the rendezvous store on port " + std::to_string(options.masterPort) + " ("
                        + firstLine(e) + ")");
        throw Error("--master-addr: cannot reach rank 0 at " + options.masterAddr + ":" + std::to_string(options.masterPort)
                    + " within " + std::to_string(d.timeout.count() / 1000) + " s (" + firstLine(e) + ")");
    }
    if (options.rank == 0) {
        d.store->add(kHeartbeatKey, 1);
        d.heartbeat = std::thread([&d] {
            std::unique_lock<std::mutex> lock(d.heartbeatMutex);
            while (!d.heartbeatWake.wait_for(lock, kHeartbeatInterval, [&d] { return d.heartbeatDone; })) {
                try {
                    std::lock_guard<std::mutex> storeLock(d.storeMutex);
                    d.store->add(kHeartbeatKey, 1);
                } catch (const std::exception &) {
                    return; // the store is going away with this process
                }
            }
        });
    }
}

DistributedGroup::~DistributedGroup()
{
    Impl &d = *m_impl;
    if (d.heartbeat.joinable()) {
        {
            std::lock_guard<std::mutex> lock(d.heartbeatMutex);
            d.heartbeatDone = true;
        }
        d.heartbeatWake.notify_all();
        d.heartbeat.join();
    }
    // Unfinished work (after a failure) must not outlive the group it belongs to.
    for (auto &work : d.pending) {
        try {
            work->abort();
        } catch (const std::exception &) {
        }
    }
    d.pending.clear();
#ifdef C10_USE_GLOG
    FLAGS_minloglevel = d.previousLogLevel;
#endif
}

void DistributedGroup::connect()
{
    Impl &d = *m_impl;
    auto glooOptions = c10d::ProcessGroupGloo::Options::create(d.timeout);
    try {
        // Gloo binds its own sockets: loopback for a local job, the interface named by
        // GLOO_SOCKET_IFNAME or the host name's address for a multi-host one.
        if (const char *iface = std::getenv("GLOO_SOCKET_IFNAME"); iface && *iface)
            glooOptions->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(iface));
        else if (isLoopback(d.options.masterAddr))
            glooOptions->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
        else
            glooOptions->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
    } catch (const std::exception &e) {
        throw Error("GLOO_SOCKET_IFNAME: no usable network interface (" + firstLine(e) + ")");
    }
    try {
        d.group = c10::make_intrusive<c10d::ProcessGroupGloo>(d.store, static_cast<int>(d.options.rank),
                                                              static_cast<int>(d.options.worldSize), glooOptions);
    } catch (const std::exception &e) {
        throw Error("--world-size: not all " + std::to_string(d.options.worldSize) + " processes joined at " + d.where()
                    + " within " + std::to_string(d.timeout.count() / 1000) + " s (" + firstLine(e) + ")");
    }
}

int64_t DistributedGroup::rank() const
{
    return m_impl->options.rank;
}

int64_t DistributedGroup::worldSize() const
{
    return m_impl->options.worldSize;
}

int64_t DistributedGroup::localWorldSize() const
{
    return m_impl->options.localWorldSize;
}

int64_t DistributedGroup::port() const
{
    return m_impl->store ? m_impl->store->getPort() : m_impl->options.masterPort;
}

const DistributedOptions &DistributedGroup::options() const
{
    return m_impl->options;
}

void DistributedGroup::allreduceSum(torch::Tensor &tensor)
{
    allreduceSumAsync(tensor);
    waitPending();
}

void DistributedGroup::broadcast(const std::vector<torch::Tensor> &tensors, int64_t root)
{
    Impl &d = *m_impl;
    for (const auto &t : tensors) {
        // Gloo wants dense row-major memory; channels-last weights go through a copy.
        std::vector<at::Tensor> buffer = {t.is_contiguous() ? t : t.contiguous()};
        c10d::BroadcastOptions options;
        options.rootRank = root;
        c10::intrusive_ptr<c10d::Work> work;
        try {
            work = d.group->broadcast(buffer, options);
        } catch (const std::exception &e) {
            d.failed("broadcast failed", e);
        }
        d.wait(work, "broadcast failed");
        if (!buffer[0].is_same(t))
            t.copy_(buffer[0]);
    }
}

void DistributedGroup::allreduceSumAsync(const torch::Tensor &tensor)
{
    Impl &d = *m_impl;
    std::vector<at::Tensor> buffer = {tensor};
    try {
        d.pending.push_back(d.group->allreduce(buffer));
    } catch (const std::exception &e) {
        d.failed("all-reduce failed", e);
    }
}

void DistributedGroup::waitPending()
{
    Impl &d = *m_impl;
    while (!d.pending.empty()) {
        const auto work = d.pending.front();
        d.pending.pop_front();
        d.wait(work, "all-reduce failed");
    }
}

void DistributedGroup::publish(const std::string &key, const std::string &value)
{
    Impl &d = *m_impl;
    try {
        std::lock_guard<std::mutex> lock(d.storeMutex);
        d.store->set("cifarlab/" + key, bytesOf(value));
    } catch (const std::exception &e) {
        d.failed("cannot write '" + key + "' to the store", e);
    }
}

std::string DistributedGroup::fetch(const std::string &key)
{
    Impl &d = *m_impl;
    d.waitForKey("cifarlab/" + key);
    try {
        std::lock_guard<std::mutex> lock(d.storeMutex);
        const auto bytes = d.store->get("cifarlab/" + key);
        return std::string(bytes.begin(), bytes.end());
    } catch (const std::exception &e) {
        d.failed("cannot read '" + key + "' from the store", e);
    }
}

void DistributedGroup::signal(const std::string &key)
{
    publish(key, "1");
}

void DistributedGroup::waitFor(const std::string &key)
{
    m_impl->waitForKey("cifarlab/" + key);
}

} // namespace cifarlab
