#pragma once
// The drift metrics of UncertainDrift (Jenkins et al. 2022), computed on one predicted density
// map against the simulated one, over ocean cells:
//  - MSE and MAE of the density (fraction of the particles per cell);
//  - IoU of the "top-p regions": the smallest set of cells, taken from the densest down, that
//    holds at least p of the map's mass (p = 50 % and 90 %);
//  - mass conservation: predicted change of total mass minus the simulated change;
//  - with the grid, the same maps judged in kilometres (stats/CloudGeometry): centre-of-mass
//    separation, spread error and ratio, a transport distance and the far-mass share.
// Negative predicted densities (a residual model can make them) count as 0: a density map is
// what a user would look at. No Torch here: the GUI's comparison view uses the same functions.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "stats/DriftMetricValues.h"
#include "stats/DriftScorer.h"
#include "stats/MetricSums.h"

namespace driftlab {

// Cells of the top-`fraction` region of `map` (ocean cells only), as a 0/1 mask. Empty if the map
// has no mass. Ties at the threshold are broken by cell index, so the result is deterministic.
std::vector<std::uint8_t> topMassRegion(const float* map, const std::uint8_t* ocean,
                                        std::size_t cells, double fraction);
// IoU of the two top-`fraction` regions; 1 if both maps are empty, 0 if only one is.
double topMassIoU(const float* predicted, const float* truth, const std::uint8_t* ocean,
                  std::size_t cells, double fraction);
// IoU of two such regions (masks of the same size).
double regionIoU(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b);

// The q-quantile (0..1, linear between order statistics) of the finite values; NaN if none.
double quantileOf(std::vector<double> values, double q);

// Sums metrics over samples; value() gives the means. A DriftScorer and MetricSums together.
class DriftMetricAccumulator {
public:
    explicit DriftMetricAccumulator(std::vector<std::uint8_t> ocean);
    // With the grid's geometry (which must outlive the accumulator): the km metrics too.
    DriftMetricAccumulator(std::vector<std::uint8_t> ocean, const CloudGeometry* geometry);
    // One sample: the input map at t, the prediction for t+1 and the truth at t+1.
    void add(const float* inputAtT, const float* predicted, const float* truth);
    DriftMetricValues value() const { return sums_.value(); }
    std::size_t samples() const { return sums_.samples(); }
    std::size_t kmSamples() const { return sums_.kmSamples(); }
    // The running sums (kSums numbers): data-parallel validation adds up the ranks' sums and
    // sets the total back.
    static constexpr std::size_t kSums = MetricSums::kSums;
    std::vector<double> sums() const { return sums_.sums(); }
    void setSums(const std::vector<double>& sums) { sums_.setSums(sums); }  // throws on a bad size

private:
    DriftScorer scorer_;
    MetricSums sums_;
};

}  // namespace driftlab
