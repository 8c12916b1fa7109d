#pragma once
// Tells which rank of a group is gone when a collective fails. Every rank bumps a counter of its
// own in the group's store once a second from a thread of its own; after a failure, the counters
// that stop moving are the ranks that died or hang (a stopped process stops all its threads). If
// the store itself is gone, the rank that hosts it (rank 0, unless torchrun's agent does) is.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <torch/csrc/distributed/c10d/Store.hpp>

namespace driftlab {

class PeerHeartbeat {
public:
    PeerHeartbeat(c10::intrusive_ptr<c10d::Store> store, int rank, int worldSize,
                  bool rankZeroHostsStore,
                  std::chrono::milliseconds period = std::chrono::milliseconds(1000));
    ~PeerHeartbeat();
    PeerHeartbeat(const PeerHeartbeat&) = delete;
    PeerHeartbeat& operator=(const PeerHeartbeat&) = delete;

    // Watches the other ranks' counters for `window` (a few periods) and says who stopped:
    // "rank 1 has stopped (no sign of life for 3 s)", or "" when every peer is still alive (a
    // rank stuck in a loop of its own, or the network between the ranks).
    std::string whoStopped(std::chrono::milliseconds window = std::chrono::milliseconds(3000));

private:
    void beat();

    c10::intrusive_ptr<c10d::Store> store_;
    int rank_, worldSize_;
    bool rankZeroHostsStore_;
    std::chrono::milliseconds period_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool quit_ = false;
    std::thread thread_;
};

}  // namespace driftlab
