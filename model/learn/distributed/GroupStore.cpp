#include "learn/distributed/GroupStore.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

namespace driftlab {

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

std::string firstLine(const std::string& text) {
    const auto end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}

std::string joinFailure(const ProcessGroupSpec& spec, const std::exception& e) {
    return "rank " + std::to_string(spec.rank) + " of " + std::to_string(spec.worldSize) +
           ": cannot join the training group at " + spec.masterAddr + ":" +
           std::to_string(spec.masterPort) + " within " +
           std::to_string(static_cast<long>(spec.timeoutSeconds)) + " s (" + firstLine(e.what()) +
           ")";
}

}  // namespace driftlab
