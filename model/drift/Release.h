#pragma once
// One release: a cloud of particles let go in a disc on a given day.
#include <cstdint>

namespace driftlab {

enum class Split : std::uint8_t { Train = 0, Validation = 1, Test = 2 };
const char* splitName(Split s);  // "train", "val", "test"

struct ReleaseSpec {
    int day = 0;              // index of the current field at release (00:00 UTC)
    double lon = 0, lat = 0;  // centre, degrees
    double radiusKm = 5.0;    // geodesic radius of the disc
    int particles = 1000;     // requested; those that would start on land are not placed
    Split split = Split::Train;
};

}  // namespace driftlab
