#include "learn/distributed/ProcessGroupSpec.h"

#include <cstdlib>
#include <stdexcept>

namespace driftlab {

namespace {

long integerOf(const std::string& name, const std::string& text, long lo, long hi) {
    std::size_t used = 0;
    long value = 0;
    try {
        value = std::stol(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size() || value < lo || value > hi)
        throw std::invalid_argument(name + "=" + text + " is not a whole number from " +
                                    std::to_string(lo) + " to " + std::to_string(hi));
    return value;
}

}  // namespace

std::string ProcessGroupSpec::describe() const {
    if (!distributed()) return "a single process";
    return "rank " + std::to_string(rank) + " of " + std::to_string(worldSize) + " (" + launcher +
           "), store " + masterAddr + ":" + std::to_string(masterPort);
}

void ProcessGroupSpec::validate() const {
    if (worldSize < 1) throw std::invalid_argument("the world size must be at least 1");
    if (rank < 0 || rank >= worldSize)
        throw std::invalid_argument("rank " + std::to_string(rank) + " is outside 0.." +
                                    std::to_string(worldSize - 1));
    if (localRank < 0) throw std::invalid_argument("the local rank must not be negative");
    if (localWorldSize < 1) throw std::invalid_argument("the local world size must be positive");
    if (masterPort < 1 || masterPort > 65535)
        throw std::invalid_argument("port " + std::to_string(masterPort) + " is outside 1..65535");
    if (distributed() && masterAddr.empty())
        throw std::invalid_argument("no address for the group's store (MASTER_ADDR)");
    if (!(timeoutSeconds > 0)) throw std::invalid_argument("the peer timeout must be positive");
}

std::optional<ProcessGroupSpec> processGroupFromEnvironment(const EnvironmentLookup& lookup) {
    auto text = [&](const char* name) { return lookup(name); };
    ProcessGroupSpec spec;
    const auto rank = text("RANK"), world = text("WORLD_SIZE");
    const bool slurmStep = text("SLURM_PROCID") && text("SLURM_NTASKS") &&
                           (text("SLURM_STEP_ID") || text("SLURM_STEPID"));
    if (rank || world) {
        if (!rank || !world)
            throw std::invalid_argument(std::string(rank ? "RANK" : "WORLD_SIZE") +
                                        " is set without " + (rank ? "WORLD_SIZE" : "RANK"));
        spec.worldSize = static_cast<int>(integerOf("WORLD_SIZE", *world, 1, 1 << 20));
        spec.rank = static_cast<int>(integerOf("RANK", *rank, 0, spec.worldSize - 1));
        const auto local = text("LOCAL_RANK");
        spec.localRank = local ? static_cast<int>(integerOf("LOCAL_RANK", *local, 0, 1 << 20)) : 0;
        if (const auto n = text("LOCAL_WORLD_SIZE"))
            spec.localWorldSize = static_cast<int>(integerOf("LOCAL_WORLD_SIZE", *n, 1, 1 << 20));
        spec.launcher = text("TORCHELASTIC_RUN_ID")    ? "torchrun"
                        : text("DRIFTLAB_LAUNCHED_BY") ? *text("DRIFTLAB_LAUNCHED_BY")
                                                       : "RANK / WORLD_SIZE";
    } else if (slurmStep) {
        spec.worldSize =
            static_cast<int>(integerOf("SLURM_NTASKS", *text("SLURM_NTASKS"), 1, 1 << 20));
        spec.rank = static_cast<int>(
            integerOf("SLURM_PROCID", *text("SLURM_PROCID"), 0, spec.worldSize - 1));
        const auto local = text("SLURM_LOCALID");
        spec.localRank =
            local ? static_cast<int>(integerOf("SLURM_LOCALID", *local, 0, 1 << 20)) : 0;
        if (const auto n = text("SLURM_NTASKS_PER_NODE"))
            spec.localWorldSize =
                static_cast<int>(integerOf("SLURM_NTASKS_PER_NODE", *n, 1, 1 << 20));
        spec.launcher = "srun";
    } else {
        return std::nullopt;
    }
    if (const auto addr = text("MASTER_ADDR")) {
        spec.masterAddr = *addr;
    } else if (const auto node = text("SLURM_LAUNCH_NODE_IPADDR");
               node && spec.launcher == "srun") {
        spec.masterAddr = *node;
    } else if (spec.worldSize > 1) {
        throw std::invalid_argument(
            "MASTER_ADDR is not set: the address of the machine of rank 0, where the group meets");
    }
    if (const auto port = text("MASTER_PORT"))
        spec.masterPort = static_cast<int>(integerOf("MASTER_PORT", *port, 1, 65535));
    if (const auto agent = text("TORCHELASTIC_USE_AGENT_STORE"))
        spec.launcherHostsStore = *agent == "True" || *agent == "true" || *agent == "1";
    if (const auto restart = text("TORCHELASTIC_RESTART_COUNT"))
        spec.storePrefix = "driftlab/attempt" + *restart;
    if (const auto iface = text("GLOO_SOCKET_IFNAME")) spec.socketInterface = *iface;
    if (const auto timeout = text("DRIFTLAB_PEER_TIMEOUT"))
        spec.timeoutSeconds =
            static_cast<double>(integerOf("DRIFTLAB_PEER_TIMEOUT", *timeout, 1, 86400));
    spec.validate();
    return spec;
}

std::optional<ProcessGroupSpec> processGroupFromEnvironment() {
    return processGroupFromEnvironment([](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (!value || !*value) return std::nullopt;
        return std::string(value);
    });
}

}  // namespace driftlab
