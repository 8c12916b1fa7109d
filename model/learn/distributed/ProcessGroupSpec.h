#pragma once
// Where this process stands in a data-parallel training run: its rank, the number of processes
// (the world size) and where they meet (the TCPStore at MASTER_ADDR:MASTER_PORT). No Torch here:
// the command line fills it from its options or from a launcher's environment, and the learning
// module (learn/distributed/) joins the group it describes (docs/scaling.md).
#include <functional>
#include <optional>
#include <string>

namespace driftlab {

struct ProcessGroupSpec {
    int rank = 0;
    int worldSize = 1;       // 1: a single process, no process group at all
    int localRank = 0;       // rank among the processes of this machine
    int localWorldSize = 1;  // processes on this machine: they share its cores
    std::string masterAddr = "127.0.0.1";
    int masterPort = 29500;
    // torchrun's agent hosts the TCPStore itself (TORCHELASTIC_USE_AGENT_STORE=True): rank 0 is
    // then a client like the others.
    bool launcherHostsStore = false;
    // Keys of this attempt in the store (torchrun reuses its store across restarts).
    std::string storePrefix = "driftlab";
    std::string socketInterface;  // GLOO_SOCKET_IFNAME: the network interface Gloo binds to
    // How long a collective (or joining the group) waits for a peer before the run stops.
    double timeoutSeconds = 300;
    std::string launcher = "single process";  // who started us, for the log
    // After every optimizer step, compare a checksum of the model over the ranks (costs a hash
    // of the weights and one small all-reduce per step; --check-replicas).
    bool checkReplicas = false;

    bool distributed() const { return worldSize > 1; }
    // "rank 1 of 4 (torchrun), store 10.0.0.1:29500"
    std::string describe() const;
    // Throws std::invalid_argument naming the first bad value.
    void validate() const;
};

// Reads a launcher's environment, the variables torch.distributed uses:
//   RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE,         (torchrun, Kubeflow's PyTorchJob,
//   MASTER_ADDR, MASTER_PORT, TORCHELASTIC_USE_AGENT_STORE,  driftlab train --world-size)
//   TORCHELASTIC_RESTART_COUNT
// and, when RANK and WORLD_SIZE are absent, Slurm's task variables inside a job step (srun):
//   SLURM_PROCID, SLURM_NTASKS, SLURM_LOCALID, SLURM_NTASKS_PER_NODE; MASTER_ADDR then defaults to
//   SLURM_LAUNCH_NODE_IPADDR. A batch script outside srun (no SLURM_STEP_ID) is one process.
// GLOO_SOCKET_IFNAME and DRIFTLAB_PEER_TIMEOUT (seconds) are read in both cases.
// Returns nothing when no launcher variable is set. Throws std::invalid_argument naming the
// variable when a value is malformed or a needed one is missing.
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;
std::optional<ProcessGroupSpec> processGroupFromEnvironment(const EnvironmentLookup& lookup);
// The same on this process's environment.
std::optional<ProcessGroupSpec> processGroupFromEnvironment();

}  // namespace driftlab
