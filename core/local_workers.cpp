#include "core/local_workers.h"

#include "core/error.h"

#include <chrono>
#include <cstring>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>

extern char **environ;

namespace cifarlab {

namespace {

std::string describe(size_t index, int status)
{
    const std::string who = "worker " + std::to_string(index + 1);
    if (WIFEXITED(status))
        return who + " exited with code " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return who + " was killed by signal " + std::to_string(WTERMSIG(status));
    return who + " ended abnormally";
}

} // namespace

LocalWorkers::~LocalWorkers()
{
    killAll();
}

void LocalWorkers::start(const std::string &executable, const std::vector<std::string> &arguments,
                         const std::vector<std::string> &environment)
{
    std::vector<std::string> argStrings;
    argStrings.push_back(executable);
    argStrings.insert(argStrings.end(), arguments.begin(), arguments.end());
    std::vector<char *> argv;
    for (auto &a : argStrings)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    std::vector<std::string> envStrings;
    for (char **e = environ; e && *e; ++e) {
        const std::string entry(*e);
        const std::string name = entry.substr(0, entry.find('='));
        bool replaced = false;
        for (const auto &mine : environment)
            replaced = replaced || mine.compare(0, name.size() + 1, name + "=") == 0;
        if (!replaced)
            envStrings.push_back(entry);
    }
    envStrings.insert(envStrings.end(), environment.begin(), environment.end());
    std::vector<char *> envp;
    for (auto &e : envStrings)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    // posix_spawn, not fork: rank 0 already runs threads (Qt, OpenMP, c10d) that a fork would copy half-alive.
    pid_t pid = -1;
    const int error = posix_spawn(&pid, executable.c_str(), nullptr, nullptr, argv.data(), envp.data());
    if (error != 0)
        throw Error("--nproc: cannot start the worker " + executable + ": " + std::strerror(error));
    m_workers.push_back({pid, false, 0});
}

std::string LocalWorkers::finish(double seconds)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    for (;;) {
        bool running = false;
        for (auto &w : m_workers) {
            if (w.done)
                continue;
            if (waitpid(w.pid, &w.status, WNOHANG) == w.pid)
                w.done = true;
            else
                running = true;
        }
        if (!running || std::chrono::steady_clock::now() > deadline)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::string problem;
    for (size_t i = 0; i < m_workers.size(); ++i) {
        const Worker &w = m_workers[i];
        if (!w.done && problem.empty())
            problem = "worker " + std::to_string(i + 1) + " did not exit within " + std::to_string(static_cast<int>(seconds)) + " s";
        else if (w.done && !(WIFEXITED(w.status) && WEXITSTATUS(w.status) == 0) && problem.empty())
            problem = describe(i, w.status);
    }
    killAll();
    return problem;
}

void LocalWorkers::killAll()
{
    for (auto &w : m_workers) {
        if (w.done)
            continue;
        kill(w.pid, SIGKILL);
        waitpid(w.pid, &w.status, 0);
        w.done = true;
    }
}

} // namespace cifarlab
