#pragma once
// Evenly spaced streamlines of a current field (Jobard and Lefer 1997, "Creating evenly-spaced
// streamlines of arbitrary density"): lines traced through the field, started from seeds set one
// separation away from the lines already drawn, each stopped where it comes closer than half a
// separation to another line (or to itself further back), reaches land or the domain's edge, or
// where the current is too weak to have a direction. The result covers the ocean with lines at
// a near-constant spacing, which reads better than lines from a regular grid of seeds (those
// bunch up where currents converge and leave holes where they diverge).
//
// Distances are measured on the map as the explorer draws it: x = longitude * cos(mid-latitude),
// y = latitude, in degrees of latitude. The lines follow the flow on the sphere: the direction at
// a point is (u / cos(latitude), v), interpolated bilinearly between cell centres (land cells
// count as still water). Deterministic: the same field gives the same lines.
#include <cstdint>
#include <vector>

#include "ocean/Grid.h"

namespace driftlab {

struct StreamlineOptions {
    double separationCells = 3.0;  // spacing between neighbouring lines, in cells (latitude)
    double stepCells = 0.25;       // integration step along a line, in cells
    double minLengthCells = 2.0;   // shorter lines are dropped
    double minSpeed = 0.005;       // m/s: below this the field has no direction to follow
    int maxPointsPerLine = 4000;
};

struct Streamline {
    std::vector<double> lon, lat;  // degrees, in the direction of the flow
    std::vector<float> speed;      // m/s at each point
    double length = 0;             // degrees of latitude, as the spacing
};

// u and v (m/s) and the ocean mask are ny x nx, row 0 south; an empty mask means all ocean.
// Throws std::invalid_argument if the sizes do not match the grid or the options make no sense.
std::vector<Streamline> evenlySpacedStreamlines(const Grid& grid, const std::vector<float>& u,
                                                const std::vector<float>& v,
                                                const std::vector<std::uint8_t>& ocean,
                                                const StreamlineOptions& options = {});

}  // namespace driftlab
