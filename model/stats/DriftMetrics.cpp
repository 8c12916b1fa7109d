#include "stats/DriftMetrics.h"

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
}

std::vector<double> DriftMetricAccumulator::sums() const {
    return {
        static_cast<double>(samples_), sum_.mse, sum_.mae, sum_.iou50, sum_.iou90, sum_.massError,
        sum_.massErrorSigned};
}

void DriftMetricAccumulator::setSums(const std::vector<double>& sums) {
    if (sums.size() != 7)
        throw std::invalid_argument("drift metric sums: 7 numbers expected, got " +
                                    std::to_string(sums.size()));
    samples_ = static_cast<std::size_t>(std::llround(sums[0]));
    sum_ = {sums[1], sums[2], sums[3], sums[4], sums[5], sums[6]};
}

DriftMetricValues DriftMetricAccumulator::value() const {
    if (samples_ == 0) return {};
    const double n = static_cast<double>(samples_);
    return {sum_.mse / n,   sum_.mae / n,       sum_.iou50 / n,
            sum_.iou90 / n, sum_.massError / n, sum_.massErrorSigned / n};
}

}  // namespace driftlab
