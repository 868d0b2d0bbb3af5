#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace cifarlab {

// The worker processes (ranks 1..N-1) a local data-parallel job starts next to rank 0. They share
// rank 0's stderr, so their one-line errors reach the user; whatever is left is killed at the end.
class LocalWorkers
{
public:
    LocalWorkers() = default;
    ~LocalWorkers();
    LocalWorkers(const LocalWorkers &) = delete;
    LocalWorkers &operator=(const LocalWorkers &) = delete;

    // Starts `executable arguments...` with `environment` (NAME=value) added; throws Error if it cannot.
    void start(const std::string &executable, const std::vector<std::string> &arguments,
               const std::vector<std::string> &environment);
    // Waits up to `seconds` for every worker to exit, kills the rest, and describes the first that
    // failed or had to be killed ("" when all exited with 0).
    std::string finish(double seconds);
    void killAll();

private:
    struct Worker
    {
        pid_t pid = -1;
        bool done = false;
        int status = 0;
    };
    std::vector<Worker> m_workers;
};

} // namespace cifarlab
