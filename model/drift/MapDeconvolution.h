#pragma once
// Undoes and redoes the maps' smoothing around a remap: the sharp advection.
//
// A dataset's maps are histograms of particles smoothed by a Gaussian (DensityMapper). The
// truth of day t+1 is the particles moved, then smoothed; the plain remap moves the smoothed
// map, so the kernel is moved (sheared and stretched by the flow) and the cloud-in-cell deposit
// blurs it once more every day. The sharp advection estimates the histogram behind the map
// (Richardson-Lucy deconvolution of DensityMapper's normalised smoothing: positive, mass
// kept), moves that, and smooths the result as the simulator does. On the demo it alone takes
// the remap's one-day MAE to 0.63 x (docs/training.md, "The sharp anchor").
//
// Richardson-Lucy keeps the estimate's support inside the map's, so every step works on the
// box of the map's non-zero cells: a young cloud costs a few hundred cells, not the grid.
#include <vector>

#include "drift/DensityMapper.h"
#include "ocean/OceanMask.h"

namespace driftlab {

class MapDeconvolution {
public:
    // sigmaCells: the maps' smoothing (> 0); iterations: Richardson-Lucy steps (>= 1).
    MapDeconvolution(const OceanMask& mask, double sigmaCells, int iterations);
    // The mapper refers to the mask held here: neither copied nor moved.
    MapDeconvolution(const MapDeconvolution&) = delete;
    MapDeconvolution& operator=(const MapDeconvolution&) = delete;

    // h = the histogram (per released particle) whose smoothing is `map`, cells values each.
    void deconvolve(const float* map, float* h) const;
    // map = h smoothed as the simulator smooths its histograms.
    void smooth(const float* h, float* map) const;

    double sigmaCells() const { return sigma_; }
    int iterations() const { return iterations_; }

private:
    // out = K * in within `box` (zero outside it), both compact over the box.
    void convolveWithin(const std::vector<double>& in, const CellBox& box,
                        std::vector<double>& out) const;

    OceanMask mask_;
    double sigma_;
    int iterations_;
    DensityMapper mapper_;  // refers to mask_: constructed after it
};

}  // namespace driftlab
