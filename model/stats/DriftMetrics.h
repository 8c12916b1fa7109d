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

namespace driftlab {

// Cells of the top-`fraction` region of `map` (ocean cells only), as a 0/1 mask. Empty if the map
// has no mass. Ties at the threshold are broken by cell index, so the result is deterministic.
std::vector<std::uint8_t> topMassRegion(const float* map, const std::uint8_t* ocean,
                                        std::size_t cells, double fraction);
// IoU of the two top-`fraction` regions; 1 if both maps are empty, 0 if only one is.
double topMassIoU(const float* predicted, const float* truth, const std::uint8_t* ocean,
                  std::size_t cells, double fraction);

struct DriftMetricValues {
    double mse = 0, mae = 0, iou50 = 0, iou90 = 0;
    double massError = 0;        // mean |predicted change - true change| of total mass
    double massErrorSigned = 0;  // mean (predicted change - true change): > 0 = mass created
    // In kilometres (stats/CloudGeometry), when the accumulator has the grid; means over the
    // samples whose truth and prediction both hold mass.
    bool km = false;
    double centreKm = 0;       // centre-of-mass separation
    double spreadErrorKm = 0;  // |predicted spread - true spread|
    double spreadRatio = 0;    // predicted spread / true spread
    double transportKm = 0;    // calibrated sliced Wasserstein-1
    double farMass = 0;        // share of the predicted mass far from the truth's support

    // Sums and means of several values (per-day or per-split summaries of per-sample values).
    DriftMetricValues& operator+=(const DriftMetricValues& v);
    DriftMetricValues dividedBy(double n, double kmSamples) const;
};

class CloudGeometry;

// The q-quantile (0..1, linear between order statistics) of the finite values; NaN if none.
double quantileOf(std::vector<double> values, double q);

// Sums metrics over samples; value() gives the means.
class DriftMetricAccumulator {
public:
    explicit DriftMetricAccumulator(std::vector<std::uint8_t> ocean);
    // With the grid's geometry (which must outlive the accumulator): the km metrics too.
    DriftMetricAccumulator(std::vector<std::uint8_t> ocean, const CloudGeometry* geometry);
    // One sample: the input map at t, the prediction for t+1 and the truth at t+1.
    void add(const float* inputAtT, const float* predicted, const float* truth);
    DriftMetricValues value() const;
    std::size_t samples() const { return samples_; }
    std::size_t kmSamples() const { return kmSamples_; }
    // The running sums (kSums numbers): data-parallel validation adds up the ranks' sums and
    // sets the total back.
    static constexpr std::size_t kSums = 13;
    std::vector<double> sums() const;
    void setSums(const std::vector<double>& sums);  // throws std::invalid_argument on a bad size

private:
    std::vector<std::uint8_t> ocean_;
    const CloudGeometry* geometry_ = nullptr;
    std::size_t oceanCells_ = 0;
    std::size_t samples_ = 0, kmSamples_ = 0;
    DriftMetricValues sum_;
};

}  // namespace driftlab
