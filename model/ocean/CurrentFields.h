#pragma once
// Surface currents on a grid: u (eastward) and v (northward) in m/s, one field every
// 24 / stepsPerDay hours from 00:00 UTC of day startDay: field n is valid at startDay +
// n / stepsPerDay. `days` whole days are covered, so there are (days - 1) * stepsPerDay + 1
// fields, the last one at 00:00 of the last day. Daily currents (stepsPerDay = 1, what the
// synthetic ocean makes) have one field per day. Land cells hold exactly zero.
#include <cstddef>
#include <vector>

#include "ocean/OceanMask.h"

namespace driftlab {

struct CurrentFields {
    OceanMask mask;
    int startDay = 0;         // days since 1970-01-01 of field 0
    int days = 0;             // whole days covered: fields at 00:00 of days 0 .. days - 1
    int stepsPerDay = 1;      // fields per day: 1 (daily), 4 (6-hourly), 24 (hourly), ...
    std::vector<float> u, v;  // fieldCount() x ny x nx, row 0 south

    const Grid& grid() const { return mask.grid(); }
    int fieldCount() const { return days > 0 ? (days - 1) * stepsPerDay + 1 : 0; }
    double stepSeconds() const { return 86400.0 / stepsPerDay; }
    // Field n (n = 0 .. fieldCount() - 1).
    const float* uField(int n) const {
        return u.data() + static_cast<std::size_t>(n) * grid().cellCount();
    }
    const float* vField(int n) const {
        return v.data() + static_cast<std::size_t>(n) * grid().cellCount();
    }
    float* uField(int n) { return u.data() + static_cast<std::size_t>(n) * grid().cellCount(); }
    float* vField(int n) { return v.data() + static_cast<std::size_t>(n) * grid().cellCount(); }
    // The field at 00:00 of day k (k = 0 .. days - 1).
    const float* uDay(int k) const { return uField(k * stepsPerDay); }
    const float* vDay(int k) const { return vField(k * stepsPerDay); }
    float* uDay(int k) { return uField(k * stepsPerDay); }
    float* vDay(int k) { return vField(k * stepsPerDay); }
};

}  // namespace driftlab
