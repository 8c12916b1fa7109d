#include "stats/DriftMetricValues.h"

namespace driftlab {

DriftMetricValues& DriftMetricValues::operator+=(const DriftMetricValues& v) {
    mse += v.mse;
    mae += v.mae;
    iou50 += v.iou50;
    iou90 += v.iou90;
    massError += v.massError;
    massErrorSigned += v.massErrorSigned;
    if (v.km) {
        km = true;
        centreKm += v.centreKm;
        spreadErrorKm += v.spreadErrorKm;
        spreadRatio += v.spreadRatio;
        transportKm += v.transportKm;
        farMass += v.farMass;
    }
    return *this;
}

DriftMetricValues DriftMetricValues::dividedBy(double n, double kmSamples) const {
    if (n <= 0) return {};
    DriftMetricValues v = *this;
    v.mse /= n;
    v.mae /= n;
    v.iou50 /= n;
    v.iou90 /= n;
    v.massError /= n;
    v.massErrorSigned /= n;
    v.km = km && kmSamples > 0;
    if (v.km) {
        v.centreKm /= kmSamples;
        v.spreadErrorKm /= kmSamples;
        v.spreadRatio /= kmSamples;
        v.transportKm /= kmSamples;
        v.farMass /= kmSamples;
    } else {
        v.centreKm = v.spreadErrorKm = v.spreadRatio = v.transportKm = v.farMass = 0;
    }
    return v;
}

}  // namespace driftlab
