#pragma once
// Daily surface currents on a grid: u (eastward) and v (northward) in m/s, one field per day,
// field k valid at 00:00 UTC of day startDay + k. Land cells hold exactly zero.
#include <cstddef>
#include <vector>

#include "ocean/OceanMask.h"

namespace driftlab {

struct CurrentFields {
    OceanMask mask;
    int startDay = 0;         // days since 1970-01-01 of field 0
    int days = 0;             // number of daily fields
    std::vector<float> u, v;  // days x ny x nx, row 0 south

    const Grid& grid() const { return mask.grid(); }
    const float* uDay(int k) const {
        return u.data() + static_cast<std::size_t>(k) * grid().cellCount();
    }
    const float* vDay(int k) const {
        return v.data() + static_cast<std::size_t>(k) * grid().cellCount();
    }
    float* uDay(int k) { return u.data() + static_cast<std::size_t>(k) * grid().cellCount(); }
    float* vDay(int k) { return v.data() + static_cast<std::size_t>(k) * grid().cellCount(); }
};

}  // namespace driftlab
