#pragma once
// One sample's drift metrics, or their sums and means over samples (stats/DriftMetrics.h says
// what each one measures).
namespace driftlab {

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

}  // namespace driftlab
