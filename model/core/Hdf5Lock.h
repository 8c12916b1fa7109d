#pragma once
// One process-wide lock for every HDF5 call: Debian's serial HDF5 is not thread-safe.
#include <mutex>

namespace driftlab {

inline std::recursive_mutex& hdf5Mutex() {
    static std::recursive_mutex m;
    return m;
}

}  // namespace driftlab
