#pragma once
// Density maps as clouds on the sphere, in kilometres: the measures oceanographers judge drift
// by (DriftNet, Botvynko et al.; Liu & Weisberg 2011), beside the grid metrics of DriftMetrics.
//  - the centre of mass (the mass-weighted mean of the cells' unit vectors, back on the sphere)
//    and the separation of two centres (great circle);
//  - the spread: the rms great-circle distance of the mass from its centre;
//  - a transport distance: the sliced Wasserstein-1 distance between the two maps as
//    distributions, over 32 directions of a local plane, times pi / 2 so that a map moved by t
//    km is t km away (the mean of |cos| over directions is 2 / pi). Each projection is exact and
//    cheap (the cells' order along each direction is sorted once per grid); it is a lower bound
//    of the exact W1 times pi / 2, and equal to W1 for translations (docs/training.md);
//  - the far-mass share: the predicted mass lying more than 3 cells from every cell where the
//    truth has mass (a haze over the basin that MAE and IoU hardly see);
//  - the Liu & Weisberg skill score of a track of centres.
// No Torch and no Qt: training logs, evaluate, rollouts and the GUI use the same functions.
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "ocean/Grid.h"

namespace driftlab {

struct Cloud {
    double mass = 0;          // sum of the (non-negative) densities over ocean cells
    double lon = 0, lat = 0;  // centre of mass, degrees
    double spreadKm = 0;      // rms distance of the mass from its centre
    bool empty() const { return !(mass > 0); }
};

class CloudGeometry {
public:
    CloudGeometry(const Grid& grid, std::vector<std::uint8_t> ocean, int directions = 32,
                  double farCells = 3.0);

    const Grid& grid() const { return grid_; }
    Cloud cloud(const float* map) const;
    // Calibrated sliced W1 in km between two maps (each normalised to its own mass); NaN when
    // either is empty.
    double transportKm(const float* a, const float* b) const;
    // Share of `predicted`'s mass farther than farCells from every cell where `truth` > 0; 0 for
    // an empty prediction, 1 for a non-empty one against an empty truth.
    double farMassShare(const float* predicted, const float* truth) const;
    // The same in two steps, the truth's part done once for several predictions: the cells
    // within farCells of the truth's mass (empty when it has none), then the share.
    std::vector<std::uint8_t> nearTruth(const float* truth) const;
    double farMassShare(const float* predicted, const std::vector<std::uint8_t>& nearTruth) const;

private:
    Grid grid_;
    std::vector<std::uint8_t> ocean_;
    std::vector<std::uint32_t> oceanCells_;
    std::vector<double> x_, y_, z_;  // unit vectors of the cell centres
    // Per direction: the ocean cells in order of their projection, and the projections.
    std::vector<std::vector<std::uint32_t>> order_;
    std::vector<std::vector<double>> position_;
    std::vector<std::pair<int, int>> disk_;  // offsets within farCells
};

// Great-circle distance between two points, km.
double greatCircleKm(double lon1, double lat1, double lon2, double lat2);

// Liu & Weisberg (2011) skill score of a modelled track against an observed one (both start at
// the same point, index 0): s = sum of the separations / sum of the observed track's cumulative
// lengths over steps 1..N, skill = max(0, 1 - s / n) with tolerance n (1 by default). 1 is
// perfect; NaN when the observed track does not move.
double liuWeisbergSkill(const std::vector<std::pair<double, double>>& modelLonLat,
                        const std::vector<std::pair<double, double>>& observedLonLat,
                        double tolerance = 1.0);

}  // namespace driftlab
