#pragma once
// The default worker-thread count: this machine's cores, at least 1 (the standard library may
// not know and say 0).
#include <algorithm>
#include <thread>

namespace driftlab {

inline int coreCount() {
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace driftlab
