#pragma once

// Core-internal (includes torch): the processes of a data-parallel job, on PyTorch's c10d
// (TCPStore for the rendezvous, ProcessGroupGloo for the collectives). The UI never includes this.

#include "core/distributed_options.h"

#include <torch/types.h>

#include <memory>
#include <string>
#include <vector>

namespace cifarlab {

// Every collective must be called by all ranks in the same order. Failures (a dead or silent peer,
// a broken connection) throw DistributedFailure within the timeout; nothing waits forever.
class DistributedGroup
{
public:
    // Opens rank 0's store (a free port when masterPort is 0) or connects to it; throws Error when
    // the master cannot be reached within the timeout.
    explicit DistributedGroup(const DistributedOptions &options);
    ~DistributedGroup();
    DistributedGroup(const DistributedGroup &) = delete;
    DistributedGroup &operator=(const DistributedGroup &) = delete;

    // Waits until all ranks have joined and builds the Gloo process group.
    void connect();

    int64_t rank() const;
    int64_t worldSize() const;
    int64_t localWorldSize() const;
    int64_t port() const; // the store's port, once open
    const DistributedOptions &options() const;

    void allreduceSum(torch::Tensor &tensor); // blocking, in place
    void broadcast(const std::vector<torch::Tensor> &tensors, int64_t root = 0);
    // Starts an in-place sum; waitPending() finishes every started one, in order.
    void allreduceSumAsync(const torch::Tensor &tensor);
    void waitPending();

    // Bytes through the store: rank 0 publishes, the others fetch (waiting while rank 0 lives).
    void publish(const std::string &key, const std::string &value);
    std::string fetch(const std::string &key);
    // Rank 0 marks a point (an epoch evaluated and saved) that the others wait for.
    void signal(const std::string &key);
    void waitFor(const std::string &key);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace cifarlab
