#include "stats/CloudGeometry.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace driftlab {

namespace {

constexpr double kEarthKm = kEarthRadiusM / 1000.0;

inline double positive(float v) {
    return v > 0.0f ? static_cast<double>(v) : 0.0;
}

}  // namespace

double greatCircleKm(double lon1, double lat1, double lon2, double lat2) {
    const double p1 = lat1 * kDegToRad, p2 = lat2 * kDegToRad;
    const double dp = p2 - p1, dl = (lon2 - lon1) * kDegToRad;
    const double h = std::sin(dp / 2) * std::sin(dp / 2) +
                     std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
    return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(h)));
}

CloudGeometry::CloudGeometry(const Grid& grid, std::vector<std::uint8_t> ocean, int directions,
                             double farCells)
    : grid_(grid), ocean_(std::move(ocean)) {
    if (ocean_.size() != grid_.cellCount())
        throw std::invalid_argument("cloud geometry: the mask does not fit the grid");
    const std::size_t n = grid_.cellCount();
    x_.resize(n);
    y_.resize(n);
    z_.resize(n);
    // A local plane about the grid's centre for the transport distance (km east, km north).
    const double lat0 = grid_.latMin + 0.5 * grid_.ny * grid_.dLat;
    const double lon0 = grid_.lonMin + 0.5 * grid_.nx * grid_.dLon;
    std::vector<double> east(n), north(n);
    for (int j = 0; j < grid_.ny; ++j)
        for (int i = 0; i < grid_.nx; ++i) {
            const std::size_t c = static_cast<std::size_t>(j) * grid_.nx + i;
            const double la = grid_.lat(j) * kDegToRad, lo = grid_.lon(i) * kDegToRad;
            x_[c] = std::cos(la) * std::cos(lo);
            y_[c] = std::cos(la) * std::sin(lo);
            z_[c] = std::sin(la);
            east[c] = kEarthKm * std::cos(lat0 * kDegToRad) * (grid_.lon(i) - lon0) * kDegToRad;
            north[c] = kEarthKm * (grid_.lat(j) - lat0) * kDegToRad;
            if (ocean_[c]) oceanCells_.push_back(static_cast<std::uint32_t>(c));
        }
    order_.resize(static_cast<std::size_t>(std::max(1, directions)));
    position_.resize(order_.size());
    for (std::size_t k = 0; k < order_.size(); ++k) {
        const double a = kPi * static_cast<double>(k) / static_cast<double>(order_.size());
        const double ca = std::cos(a), sa = std::sin(a);
        std::vector<std::uint32_t>& o = order_[k];
        o = oceanCells_;
        std::vector<double> proj(n);
        for (std::uint32_t c : o) proj[c] = ca * east[c] + sa * north[c];
        std::stable_sort(o.begin(), o.end(),
                         [&](std::uint32_t p, std::uint32_t q) { return proj[p] < proj[q]; });
        position_[k].resize(o.size());
        for (std::size_t m = 0; m < o.size(); ++m) position_[k][m] = proj[o[m]];
    }
    const int r = static_cast<int>(std::floor(farCells));
    for (int dj = -r; dj <= r; ++dj)
        for (int di = -r; di <= r; ++di)
            if (di * di + dj * dj <= farCells * farCells + 1e-9) disk_.emplace_back(di, dj);
}

Cloud CloudGeometry::cloud(const float* map) const {
    Cloud c;
    double sx = 0, sy = 0, sz = 0;
    for (std::uint32_t k : oceanCells_) {
        const double m = positive(map[k]);
        if (m <= 0) continue;
        c.mass += m;
        sx += m * x_[k];
        sy += m * y_[k];
        sz += m * z_[k];
    }
    if (c.empty()) return c;
    const double norm = std::sqrt(sx * sx + sy * sy + sz * sz);
    if (!(norm > 0)) return c;
    sx /= norm;
    sy /= norm;
    sz /= norm;
    c.lat = std::asin(std::clamp(sz, -1.0, 1.0)) / kDegToRad;
    c.lon = std::atan2(sy, sx) / kDegToRad;
    double sum = 0;
    for (std::uint32_t k : oceanCells_) {
        const double m = positive(map[k]);
        if (m <= 0) continue;
        const double dx = x_[k] - sx, dy = y_[k] - sy, dz = z_[k] - sz;
        const double chord = std::sqrt(dx * dx + dy * dy + dz * dz);
        const double d = 2 * kEarthKm * std::asin(std::min(1.0, chord / 2));
        sum += m * d * d;
    }
    c.spreadKm = std::sqrt(sum / c.mass);
    return c;
}

double CloudGeometry::transportKm(const float* a, const float* b) const {
    double ma = 0, mb = 0;
    for (std::uint32_t k : oceanCells_) {
        ma += positive(a[k]);
        mb += positive(b[k]);
    }
    if (!(ma > 0) || !(mb > 0)) return std::numeric_limits<double>::quiet_NaN();
    double total = 0;
    for (std::size_t d = 0; d < order_.size(); ++d) {
        const std::vector<std::uint32_t>& o = order_[d];
        const std::vector<double>& x = position_[d];
        double fa = 0, fb = 0, w = 0;
        for (std::size_t m = 0; m + 1 < o.size(); ++m) {
            fa += positive(a[o[m]]) / ma;
            fb += positive(b[o[m]]) / mb;
            w += std::abs(fa - fb) * (x[m + 1] - x[m]);
        }
        total += w;
    }
    return 0.5 * kPi * total / static_cast<double>(order_.size());
}

double CloudGeometry::farMassShare(const float* predicted, const float* truth) const {
    return farMassShare(predicted, nearTruth(truth));
}

std::vector<std::uint8_t> CloudGeometry::nearTruth(const float* truth) const {
    std::vector<std::uint8_t> near(ocean_.size(), 0);
    bool anyTruth = false;
    for (std::uint32_t k : oceanCells_) {
        if (!(truth[k] > 0.0f)) continue;
        anyTruth = true;
        const int i = static_cast<int>(k % static_cast<std::uint32_t>(grid_.nx));
        const int j = static_cast<int>(k / static_cast<std::uint32_t>(grid_.nx));
        for (const auto& [di, dj] : disk_) {
            const int a = i + di, b = j + dj;
            if (a >= 0 && a < grid_.nx && b >= 0 && b < grid_.ny)
                near[static_cast<std::size_t>(b) * grid_.nx + a] = 1;
        }
    }
    if (!anyTruth) near.clear();
    return near;
}

double CloudGeometry::farMassShare(const float* predicted,
                                   const std::vector<std::uint8_t>& nearTruth) const {
    double all = 0, far = 0;
    for (std::uint32_t k : oceanCells_) {
        const double m = positive(predicted[k]);
        all += m;
        if (nearTruth.empty() || !nearTruth[k]) far += m;
    }
    if (!(all > 0)) return 0.0;
    return nearTruth.empty() ? 1.0 : far / all;
}

double liuWeisbergSkill(const std::vector<std::pair<double, double>>& model,
                        const std::vector<std::pair<double, double>>& observed, double tolerance) {
    const std::size_t n = std::min(model.size(), observed.size());
    double separations = 0, lengths = 0, travelled = 0;
    for (std::size_t i = 1; i < n; ++i) {
        travelled += greatCircleKm(observed[i - 1].first, observed[i - 1].second,
                                   observed[i].first, observed[i].second);
        separations += greatCircleKm(model[i].first, model[i].second, observed[i].first,
                                     observed[i].second);
        lengths += travelled;
    }
    if (!(lengths > 0)) return std::numeric_limits<double>::quiet_NaN();
    const double s = separations / lengths;
    return s <= tolerance ? 1.0 - s / tolerance : 0.0;
}

}  // namespace driftlab
