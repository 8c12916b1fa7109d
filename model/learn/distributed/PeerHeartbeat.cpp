#include "learn/distributed/PeerHeartbeat.h"

#include <map>
#include <vector>

namespace driftlab {

namespace {

std::string keyOf(int rank) {
    return "heartbeat/" + std::to_string(rank);
}

}  // namespace

PeerHeartbeat::PeerHeartbeat(c10::intrusive_ptr<c10d::Store> store, int rank, int worldSize,
                             bool rankZeroHostsStore, std::chrono::milliseconds period)
    : store_(std::move(store)),
      rank_(rank),
      worldSize_(worldSize),
      rankZeroHostsStore_(rankZeroHostsStore),
      period_(period) {
    thread_ = std::thread([this] { beat(); });
}

PeerHeartbeat::~PeerHeartbeat() {
    {
        std::lock_guard lock(mutex_);
        quit_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void PeerHeartbeat::beat() {
    std::unique_lock lock(mutex_);
    while (!quit_) {
        lock.unlock();
        try {
            store_->add(keyOf(rank_), 1);
        } catch (...) {
            return;  // the store is gone: nothing left to tell anyone
        }
        lock.lock();
        wake_.wait_for(lock, period_, [this] { return quit_; });
    }
}

std::string PeerHeartbeat::whoStopped(std::chrono::milliseconds window) {
    auto counters = [this] {
        std::map<int, std::int64_t> seen;
        for (int r = 0; r < worldSize_; ++r) {
            if (r == rank_) continue;
            // add(key, 0) reads a counter without waiting for it (get() would wait for a
            // rank that never beat).
            seen[r] = store_->add(keyOf(r), 0);
        }
        return seen;
    };
    std::map<int, std::int64_t> before, after;
    try {
        before = counters();
        std::this_thread::sleep_for(window);
        after = counters();
    } catch (...) {
        return rankZeroHostsStore_ && rank_ != 0
                   ? "rank 0 has stopped (the group's store, which it hosts, is gone)"
                   : "the group's store is gone";
    }
    std::vector<int> stopped;
    for (const auto& [r, count] : after)
        if (count == before[r]) stopped.push_back(r);
    if (stopped.empty()) return "";
    std::string ranks;
    for (std::size_t i = 0; i < stopped.size(); ++i)
        ranks += (i == 0                    ? ""
                  : i + 1 == stopped.size() ? " and "
                                            : ", ") +
                 std::to_string(stopped[i]);
    const long seconds = static_cast<long>(window.count() / 1000);
    return (stopped.size() == 1 ? "rank " + ranks + " has" : "ranks " + ranks + " have") +
           " stopped (no sign of life for " + std::to_string(seconds) + " s)";
}

}  // namespace driftlab
