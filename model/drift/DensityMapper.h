#pragma once
// Turns particle positions into a probability density map on the grid: a 2-D histogram of the
// particles (beached ones included, on their cell), smoothed by a Gaussian of `sigmaCells`, and
// divided by the number of particles released. The map sums to the fraction of released
// particles still in the domain.
//
// The smoothing keeps mass on the ocean: each cell spreads its mass over the OCEAN cells within
// the kernel, in proportion to the kernel weights (normalised convolution). Nothing lands on
// land or off the grid, and the total is unchanged. As a separable operation:
//     map = ocean * (K * (hist / N)),  N = K * ocean
// where * is convolution with zero outside the grid.
#include <vector>

#include "ocean/OceanMask.h"

namespace driftlab {

struct CellBox {  // half-open [i0, i1) x [j0, j1); empty when i0 >= i1
    int i0 = 0, i1 = 0, j0 = 0, j1 = 0;
    bool empty() const { return i0 >= i1 || j0 >= j1; }
};

// The box of a map's cells above zero (empty for an empty map).
CellBox supportOf(const float* map, const Grid& grid);

class DensityMapper {
public:
    DensityMapper(const OceanMask& mask, double sigmaCells);

    // Counts of particles per cell (x, y in grid units; positions off the grid are skipped).
    // Returns the box of the occupied cells.
    CellBox histogram(const std::vector<double>& x, const std::vector<double>& y,
                      const std::vector<bool>& counted, std::vector<double>& counts) const;
    // Smooths `counts` (zero outside `box`) and divides by `released`, into `map` (float).
    void smooth(const std::vector<double>& counts, const CellBox& box, double released,
                std::vector<float>& map) const;

    int radius() const { return radius_; }
    const std::vector<double>& kernel() const { return kernel_; }  // 2 * radius + 1 weights
    const std::vector<double>& normaliser() const { return norm_; }

private:
    // Separable convolution with the kernel (zero outside the grid): `in` is compact over `box`,
    // `out` comes back compact over `outBox`, the box grown by the radius and clipped.
    void convolve(const std::vector<double>& in, const CellBox& box, std::vector<double>& out,
                  CellBox& outBox) const;

    const OceanMask& mask_;
    int radius_;
    std::vector<double> kernel_;  // 2 * radius + 1 weights
    std::vector<double> norm_;    // N = K * ocean
};

}  // namespace driftlab
