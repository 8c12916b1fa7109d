#include "stats/MetricSums.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace driftlab {

void MetricSums::add(const DriftMetricValues& sample) {
    sum_ += sample;
    ++samples_;
    if (sample.km) ++kmSamples_;
}

DriftMetricValues MetricSums::value() const {
    return sum_.dividedBy(static_cast<double>(samples_), static_cast<double>(kmSamples_));
}

std::vector<double> MetricSums::sums() const {
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

void MetricSums::setSums(const std::vector<double>& sums) {
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

}  // namespace driftlab
