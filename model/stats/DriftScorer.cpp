#include "stats/DriftScorer.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "stats/DriftMetrics.h"

namespace driftlab {

namespace {

inline double clampedDensity(float v) {
    return v > 0.0f ? static_cast<double>(v) : 0.0;
}

}  // namespace

DriftScorer::DriftScorer(std::vector<std::uint8_t> ocean, const CloudGeometry* geometry)
    : ocean_(std::move(ocean)), geometry_(geometry) {
    oceanCells_ = static_cast<std::size_t>(
        std::count_if(ocean_.begin(), ocean_.end(), [](auto m) { return m != 0; }));
    if (oceanCells_ == 0) throw std::invalid_argument("drift metrics need at least one ocean cell");
    if (geometry_ && geometry_->grid().cellCount() != ocean_.size())
        throw std::invalid_argument("drift metrics: the geometry's grid does not fit the mask");
}

void DriftScorer::setTruth(const float* inputAtT, const float* truth) {
    truth_ = truth;
    massIn_ = massTrue_ = 0;
    for (std::size_t c = 0; c < ocean_.size(); ++c) {
        if (!ocean_[c]) continue;
        massIn_ += inputAtT[c];
        massTrue_ += truth[c];
    }
    top50_ = topMassRegion(truth, ocean_.data(), ocean_.size(), 0.5);
    top90_ = topMassRegion(truth, ocean_.data(), ocean_.size(), 0.9);
    if (!geometry_) return;
    cloud_ = geometry_->cloud(truth);
    nearTruth_ = geometry_->nearTruth(truth);
}

DriftMetricValues DriftScorer::score(const float* predicted) const {
    const std::size_t cells = ocean_.size();
    double se = 0, ae = 0, massPred = 0;
    for (std::size_t c = 0; c < cells; ++c) {
        if (!ocean_[c]) continue;
        const double p = clampedDensity(predicted[c]);
        const double d = p - truth_[c];
        se += d * d;
        ae += std::abs(d);
        massPred += p;
    }
    DriftMetricValues v;
    const double n = static_cast<double>(oceanCells_);
    v.mse = se / n;
    v.mae = ae / n;
    v.iou50 = regionIoU(topMassRegion(predicted, ocean_.data(), cells, 0.5), top50_);
    v.iou90 = regionIoU(topMassRegion(predicted, ocean_.data(), cells, 0.9), top90_);
    const double error = (massPred - massIn_) - (massTrue_ - massIn_);
    v.massError = std::abs(error);
    v.massErrorSigned = error;
    if (!geometry_) return v;
    const Cloud p = geometry_->cloud(predicted);
    if (p.empty() || cloud_.empty()) return v;  // nothing to place: no distance to score
    v.km = true;
    v.centreKm = greatCircleKm(p.lon, p.lat, cloud_.lon, cloud_.lat);
    v.spreadErrorKm = std::abs(p.spreadKm - cloud_.spreadKm);
    v.spreadRatio = cloud_.spreadKm > 0 ? p.spreadKm / cloud_.spreadKm : 1.0;
    v.transportKm = geometry_->transportKm(predicted, truth_);
    v.farMass = geometry_->farMassShare(predicted, nearTruth_);
    return v;
}

}  // namespace driftlab
