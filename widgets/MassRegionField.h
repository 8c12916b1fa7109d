#pragma once
// The field the map contours to draw a top-mass region (VTK-free). The 50 % / 90 % contours a
// user sees must be exactly the regions the IoU scores (stats/DriftMetrics topMassRegion, with
// its float tolerance and its ties broken by cell index), so the contour is not drawn at a
// density threshold of its own: the density is kept inside the region and pushed just below the
// region's least density outside it, and the contour's level lies between the two. A cell is
// then above the level exactly when it is in the region, and the line keeps the density's
// smooth interpolation wherever it does not have to part tied cells.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace driftlab {

struct MassRegionField {
    std::vector<float> values;  // one per cell; empty when the map has no mass
    double level = 0;           // contour level: values > level exactly in the region
    bool empty() const { return values.empty(); }
};

// `ocean` may be empty (all ocean).
MassRegionField massRegionField(const std::vector<float>& density,
                                const std::vector<std::uint8_t>& ocean, double fraction);

}  // namespace driftlab
