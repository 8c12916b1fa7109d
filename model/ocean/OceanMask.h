#pragma once
// Which cells of a grid are ocean, from the real GSHHG shoreline (resources/coast), and each
// cell's distance to the nearest land.
#include <cstdint>
#include <vector>

#include "ocean/Grid.h"

namespace driftlab {

class OceanMask {
public:
    OceanMask() = default;
    OceanMask(Grid grid, std::vector<std::uint8_t> ocean);

    // The built-in north-western Mediterranean coastline (2-10 E, 41-45 N, 1/128 degree land
    // mask), resampled to `grid`: a cell is ocean when at least half of its area is ocean.
    // Throws std::invalid_argument if the grid is outside the built-in region or finer than it.
    static OceanMask builtinNorthWestMed(const Grid& grid);
    // The region the built-in mask covers.
    static Grid builtinRegion();

    const Grid& grid() const { return grid_; }
    const std::vector<std::uint8_t>& values() const { return ocean_; }  // 1 ocean, 0 land
    bool isOcean(int i, int j) const {
        return ocean_[static_cast<std::size_t>(j) * grid_.nx + i] != 0;
    }
    // Cell containing (lon, lat); false outside the grid.
    bool isOceanAt(double lonDeg, double latDeg) const;
    std::size_t oceanCellCount() const;

    // Distance (metres) from each cell centre to the nearest land cell centre; land cells are 0.
    // Cells with no land in the grid get a large value. Exact Euclidean transform in a local
    // metric (east-west spacing of the target row).
    std::vector<double> distanceToLandM() const;

private:
    Grid grid_;
    std::vector<std::uint8_t> ocean_;
};

}  // namespace driftlab
