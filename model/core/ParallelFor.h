#pragma once
// Runs body(k) for k in [0, n) on `threads` threads, handing out indices dynamically.
// Results must not depend on which thread ran which index (callers write to slot k only).
// The first exception thrown by any body stops the hand-out and is rethrown here.
#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace driftlab {

template <class Body>
void parallelFor(int n, int threads, Body&& body) {
    threads = std::max(1, std::min(threads, n));
    if (threads == 1) {
        for (int k = 0; k < n; ++k) body(k);
        return;
    }
    std::atomic<int> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr error;
    std::mutex errorMutex;
    auto worker = [&] {
        while (!failed.load(std::memory_order_relaxed)) {
            const int k = next.fetch_add(1, std::memory_order_relaxed);
            if (k >= n) return;
            try {
                body(k);
            } catch (...) {
                std::lock_guard lock(errorMutex);
                if (!error) error = std::current_exception();
                failed = true;
            }
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& th : pool) th.join();
    if (error) std::rethrow_exception(error);
}

}  // namespace driftlab
