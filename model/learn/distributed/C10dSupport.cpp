#include "learn/distributed/C10dSupport.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

namespace driftlab {

namespace {

// Gloo's and NCCL's messages carry a source path; the first line says what happened.
std::string firstLine(const std::string& text) {
    const auto end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}

std::string whoAmI(const ProcessGroupSpec& spec) {
    return "rank " + std::to_string(spec.rank) + " of " + std::to_string(spec.worldSize);
}

}  // namespace

std::chrono::milliseconds groupTimeout(const ProcessGroupSpec& spec) {
    return std::chrono::milliseconds(static_cast<long>(spec.timeoutSeconds * 1000));
}

c10::intrusive_ptr<c10d::Store> openGroupStore(const ProcessGroupSpec& spec) {
    c10d::TCPStoreOptions o;
    o.port = static_cast<std::uint16_t>(spec.masterPort);
    o.isServer = spec.rank == 0 && !spec.launcherHostsStore;
    o.numWorkers = static_cast<std::size_t>(spec.worldSize);
    o.waitWorkers = false;  // the process group's own handshake waits for everyone
    o.timeout = groupTimeout(spec);
    auto tcp = c10::make_intrusive<c10d::TCPStore>(spec.masterAddr, o);
    return c10::make_intrusive<c10d::PrefixStore>(spec.storePrefix, tcp);
}

c10d::ReduceOp reduceOpOf(ReduceKind kind) {
    switch (kind) {
        case ReduceKind::Min:
            return c10d::ReduceOp::MIN;
        case ReduceKind::Max:
            return c10d::ReduceOp::MAX;
        case ReduceKind::Sum:
            break;
    }
    return c10d::ReduceOp::SUM;
}

std::string joinFailure(const ProcessGroupSpec& spec, const std::exception& e) {
    return whoAmI(spec) + ": cannot join the training group at " + spec.masterAddr + ":" +
           std::to_string(spec.masterPort) + " within " +
           std::to_string(static_cast<long>(spec.timeoutSeconds)) + " s (" + firstLine(e.what()) +
           ")";
}

std::string collectiveFailure(const ProcessGroupSpec& spec, const std::string& what,
                              const std::exception& e, const std::string& whoStopped) {
    const std::string cause =
        whoStopped.empty() ? "a peer left the group or did not answer within " +
                                 std::to_string(static_cast<long>(spec.timeoutSeconds)) + " s"
                           : whoStopped;
    return whoAmI(spec) + ": " + what + " failed: " + cause + " (" + firstLine(e.what()) + ")";
}

}  // namespace driftlab
