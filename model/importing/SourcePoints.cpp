#include "importing/SourcePoints.h"

#include <algorithm>
#include <cmath>

#include "ocean/Grid.h"

namespace driftlab {

double wrapLongitude(double lon, double centre) {
    double d = std::fmod(lon - centre + 180.0, 360.0);
    if (d < 0) d += 360.0;
    return centre - 180.0 + d;
}

SourcePoints SourcePoints::fromAxes(const std::vector<double>& lons,
                                    const std::vector<double>& lats) {
    SourcePoints p;
    p.nx = static_cast<int>(lons.size());
    p.ny = static_cast<int>(lats.size());
    p.separable = true;
    p.lon.resize(p.size());
    p.lat.resize(p.size());
    for (int j = 0; j < p.ny; ++j)
        for (int i = 0; i < p.nx; ++i) {
            p.lon[static_cast<std::size_t>(j) * p.nx + i] = lons[i];
            p.lat[static_cast<std::size_t>(j) * p.nx + i] = lats[j];
        }
    return p;
}

SourcePoints SourcePoints::window(int i0, int j0, int wnx, int wny) const {
    SourcePoints w;
    w.nx = wnx;
    w.ny = wny;
    w.separable = separable;
    w.lon.resize(w.size());
    w.lat.resize(w.size());
    for (int j = 0; j < wny; ++j)
        for (int i = 0; i < wnx; ++i) {
            w.lon[static_cast<std::size_t>(j) * wnx + i] = lonAt(i0 + i, j0 + j);
            w.lat[static_cast<std::size_t>(j) * wnx + i] = latAt(i0 + i, j0 + j);
        }
    return w;
}

double SourcePoints::medianSpacingDeg() const {
    auto median = [](std::vector<double>& v) {
        if (v.empty()) return 0.0;
        std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
        return v[v.size() / 2];
    };
    std::vector<double> di, dj;
    const int stepJ = std::max(1, ny / 64), stepI = std::max(1, nx / 64);
    for (int j = 0; j < ny; j += stepJ)
        for (int i = 0; i < nx; i += stepI) {
            const double lo = lonAt(i, j), la = latAt(i, j);
            if (!std::isfinite(lo) || !std::isfinite(la)) continue;
            if (i + 1 < nx) {
                const double dl = wrapLongitude(lonAt(i + 1, j), lo) - lo;
                const double d = std::hypot(dl, latAt(i + 1, j) - la);
                if (d > 0 && std::isfinite(d)) di.push_back(d);
            }
            if (j + 1 < ny) {
                const double dl = wrapLongitude(lonAt(i, j + 1), lo) - lo;
                const double d = std::hypot(dl, latAt(i, j + 1) - la);
                if (d > 0 && std::isfinite(d)) dj.push_back(d);
            }
        }
    const double a = median(di), b = median(dj);
    if (a > 0 && b > 0) return std::min(a, b);
    return std::max(a, b);
}

void SourcePoints::medianSpacingKm(double& alongI, double& alongJ) const {
    std::vector<double> di, dj;
    const int stepJ = std::max(1, ny / 64), stepI = std::max(1, nx / 64);
    const auto km = [](double lo0, double la0, double lo1, double la1) {
        const double dx = (wrapLongitude(lo1, lo0) - lo0) * std::cos(0.5 * (la0 + la1) * kDegToRad);
        return std::hypot(dx, la1 - la0) * 111.195;
    };
    for (int j = 0; j < ny; j += stepJ)
        for (int i = 0; i < nx; i += stepI) {
            const double lo = lonAt(i, j), la = latAt(i, j);
            if (!std::isfinite(lo) || !std::isfinite(la)) continue;
            if (i + 1 < nx) {
                const double d = km(lo, la, lonAt(i + 1, j), latAt(i + 1, j));
                if (d > 0 && std::isfinite(d)) di.push_back(d);
            }
            if (j + 1 < ny) {
                const double d = km(lo, la, lonAt(i, j + 1), latAt(i, j + 1));
                if (d > 0 && std::isfinite(d)) dj.push_back(d);
            }
        }
    const auto median = [](std::vector<double>& v) {
        if (v.empty()) return 0.0;
        std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
        return v[v.size() / 2];
    };
    alongI = median(di);
    alongJ = median(dj);
}

std::vector<double> SourcePoints::iDirectionAngle() const {
    std::vector<double> angle(size(), 0.0);
    if (nx < 2) return angle;
    for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i) {
            const int a = std::max(0, i - 1), b = std::min(nx - 1, i + 1);
            const double lat0 = latAt(i, j);
            const double dlon = wrapLongitude(lonAt(b, j), lonAt(a, j)) - lonAt(a, j);
            const double dx = dlon * std::cos(lat0 * kDegToRad);
            const double dy = latAt(b, j) - latAt(a, j);
            angle[static_cast<std::size_t>(j) * nx + i] = std::atan2(dy, dx);
        }
    return angle;
}

}  // namespace driftlab
