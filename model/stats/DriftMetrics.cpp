#include "stats/DriftMetrics.h"

#include "stats/CloudGeometry.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace driftlab {

namespace {

inline double clampedDensity(float v) {
    return v > 0.0f ? static_cast<double>(v) : 0.0;
}

}  // namespace

std::vector<std::uint8_t> topMassRegion(const float* map, const std::uint8_t* ocean,
                                        std::size_t cells, double fraction) {
    std::vector<std::uint8_t> region(cells, 0);
    std::vector<std::uint32_t> order;
    double total = 0;
    for (std::size_t c = 0; c < cells; ++c) {
        const double v = ocean[c] ? clampedDensity(map[c]) : 0.0;
        if (v > 0) {
            order.push_back(static_cast<std::uint32_t>(c));
            total += v;
        }
    }
    if (total <= 0) return region;
    std::stable_sort(order.begin(), order.end(),
                     [map](std::uint32_t a, std::uint32_t b) { return map[a] > map[b]; });
    const double target = fraction * total;
    double held = 0;
    for (std::uint32_t c : order) {
        region[c] = 1;
        held += map[c];
        // Maps are float32: a region that reaches the target up to float rounding is complete.
        if (held >= target * (1.0 - 1e-6)) break;
    }
    return region;
}

double topMassIoU(const float* predicted, const float* truth, const std::uint8_t* ocean,
                  std::size_t cells, double fraction) {
    const auto a = topMassRegion(predicted, ocean, cells, fraction);
    const auto b = topMassRegion(truth, ocean, cells, fraction);
    std::size_t both = 0, either = 0;
    for (std::size_t c = 0; c < cells; ++c) {
        both += a[c] & b[c];
        either += a[c] | b[c];
    }
    if (either == 0) return 1.0;  // two empty maps agree
    return static_cast<double>(both) / static_cast<double>(either);
}

double quantileOf(std::vector<double> values, double q) {
    values.erase(std::remove_if(values.begin(), values.end(),
                                [](double v) { return !std::isfinite(v); }),
                 values.end());
    if (values.empty()) return std::nan("");
    std::sort(values.begin(), values.end());
    const double at = std::clamp(q, 0.0, 1.0) * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(at));
    const std::size_t hi = std::min(values.size() - 1, lo + 1);
    return values[lo] + (at - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

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

DriftMetricAccumulator::DriftMetricAccumulator(std::vector<std::uint8_t> ocean,
                                               const CloudGeometry* geometry)
    : DriftMetricAccumulator(std::move(ocean)) {
    geometry_ = geometry;
    if (geometry_ && geometry_->grid().cellCount() != ocean_.size())
        throw std::invalid_argument("drift metrics: the geometry's grid does not fit the mask");
}

DriftMetricAccumulator::DriftMetricAccumulator(std::vector<std::uint8_t> ocean)
    : ocean_(std::move(ocean)) {
    oceanCells_ = static_cast<std::size_t>(
        std::count_if(ocean_.begin(), ocean_.end(), [](auto m) { return m != 0; }));
    if (oceanCells_ == 0) throw std::invalid_argument("drift metrics need at least one ocean cell");
}

void DriftMetricAccumulator::add(const float* inputAtT, const float* predicted,
                                 const float* truth) {
    const std::size_t cells = ocean_.size();
    double se = 0, ae = 0, massIn = 0, massPred = 0, massTrue = 0;
    for (std::size_t c = 0; c < cells; ++c) {
        if (!ocean_[c]) continue;
        const double p = clampedDensity(predicted[c]);
        const double d = p - truth[c];
        se += d * d;
        ae += std::abs(d);
        massIn += inputAtT[c];
        massPred += p;
        massTrue += truth[c];
    }
    const double n = static_cast<double>(oceanCells_);
    sum_.mse += se / n;
    sum_.mae += ae / n;
    sum_.iou50 += topMassIoU(predicted, truth, ocean_.data(), cells, 0.5);
    sum_.iou90 += topMassIoU(predicted, truth, ocean_.data(), cells, 0.9);
    const double error = (massPred - massIn) - (massTrue - massIn);
    sum_.massError += std::abs(error);
    sum_.massErrorSigned += error;
    ++samples_;
    if (!geometry_) return;
    const Cloud p = geometry_->cloud(predicted), t = geometry_->cloud(truth);
    if (p.empty() || t.empty()) return;  // nothing to place: no distance to score
    sum_.km = true;
    sum_.centreKm += greatCircleKm(p.lon, p.lat, t.lon, t.lat);
    sum_.spreadErrorKm += std::abs(p.spreadKm - t.spreadKm);
    sum_.spreadRatio += t.spreadKm > 0 ? p.spreadKm / t.spreadKm : 1.0;
    sum_.transportKm += geometry_->transportKm(predicted, truth);
    sum_.farMass += geometry_->farMassShare(predicted, truth);
    ++kmSamples_;
}

std::vector<double> DriftMetricAccumulator::sums() const {
    return {static_cast<double>(samples_),
            sum_.mse,
            sum_.mae,
            sum_.iou50,
            sum_.iou90,
            sum_.massError,
            sum_.massErrorSigned,
            static_cast<double>(kmSamples_),
            sum_.centreKm,
            sum_.spreadErrorKm,
            sum_.spreadRatio,
            sum_.transportKm,
            sum_.farMass};
}

void DriftMetricAccumulator::setSums(const std::vector<double>& sums) {
    if (sums.size() != kSums)
        throw std::invalid_argument("drift metric sums: " + std::to_string(kSums) +
                                    " numbers expected, got " + std::to_string(sums.size()));
    samples_ = static_cast<std::size_t>(std::llround(sums[0]));
    kmSamples_ = static_cast<std::size_t>(std::llround(sums[7]));
    sum_ = {};
    sum_.mse = sums[1];
    sum_.mae = sums[2];
    sum_.iou50 = sums[3];
    sum_.iou90 = sums[4];
    sum_.massError = sums[5];
    sum_.massErrorSigned = sums[6];
    sum_.km = kmSamples_ > 0;
    sum_.centreKm = sums[8];
    sum_.spreadErrorKm = sums[9];
    sum_.spreadRatio = sums[10];
    sum_.transportKm = sums[11];
    sum_.farMass = sums[12];
}

DriftMetricValues DriftMetricAccumulator::value() const {
    return sum_.dividedBy(static_cast<double>(samples_), static_cast<double>(kmSamples_));
}

}  // namespace driftlab
