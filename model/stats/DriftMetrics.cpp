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
    return regionIoU(topMassRegion(predicted, ocean, cells, fraction),
                     topMassRegion(truth, ocean, cells, fraction));
}

double regionIoU(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b) {
    std::size_t both = 0, either = 0;
    for (std::size_t c = 0; c < a.size(); ++c) {
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

DriftMetricAccumulator::DriftMetricAccumulator(std::vector<std::uint8_t> ocean,
                                               const CloudGeometry* geometry)
    : scorer_(std::move(ocean), geometry) {}

DriftMetricAccumulator::DriftMetricAccumulator(std::vector<std::uint8_t> ocean)
    : scorer_(std::move(ocean)) {}

void DriftMetricAccumulator::add(const float* inputAtT, const float* predicted,
                                 const float* truth) {
    scorer_.setTruth(inputAtT, truth);
    sums_.add(scorer_.score(predicted));
}

}  // namespace driftlab
