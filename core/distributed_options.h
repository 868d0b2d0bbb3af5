#pragma once

#include <cstdint>
#include <string>

namespace cifarlab {

// Where this process sits in a data-parallel job. Plain data, torch-free: the CLI fills it from
// flags and torchrun's environment variables, the GUI only sets the process count.
struct DistributedOptions
{
    int64_t worldSize = 1;                // processes in the job
    int64_t rank = 0;                     // this process; rank 0 is the master (store, evaluation, checkpoints)
    int64_t localRank = 0;                // index among the processes of this host
    int64_t localWorldSize = 1;           // processes on this host, which share its cores
    std::string masterAddr = "127.0.0.1"; // host of rank 0's TCPStore
    int64_t masterPort = 29500;           // its port; 0 lets a local launcher pick a free one
    double timeoutSeconds = 120;          // a silent or dead peer fails the job after this long
    bool spawnLocalWorkers = false;       // rank 0 starts ranks 1..worldSize-1 on this host itself
    bool agentStore = false;              // a launcher (torchrun's agent) already serves the store
    std::string workerExecutable;         // cifarlab-cli used for those local workers

    bool enabled() const { return worldSize > 1; }
};

// Takes MASTER_ADDR, MASTER_PORT, RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE and
// TORCHELASTIC_USE_AGENT_STORE (torchrun's variables) where set; flags applied afterwards win.
// Throws Error naming the variable when one is malformed.
void applyDistributedEnvironment(DistributedOptions &options);

// Throws Error naming the flag: "--rank: must be in [0, 1] for --world-size 2, got 2".
void validateDistributedOptions(const DistributedOptions &options);

// $CIFARLAB_CLI, else cifarlab-cli next to the running executable (the CLI itself, or the one
// installed beside the GUI).
std::string defaultWorkerExecutable();

} // namespace cifarlab
