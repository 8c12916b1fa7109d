#include "importing/Regridder.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace driftlab {

namespace {

// (lo, hi, frac) of x in an ascending axis; false outside [axis.front() - tol, axis.back() + tol].
bool bracket(const std::vector<double>& axis, double x, double tol, int& lo, double& frac) {
    const int n = static_cast<int>(axis.size());
    if (n == 1) {
        lo = 0;
        frac = 0;
        return std::abs(x - axis[0]) <= tol;
    }
    if (x < axis.front() - tol || x > axis.back() + tol) return false;
    auto it = std::upper_bound(axis.begin(), axis.end(), x);
    lo = static_cast<int>(it - axis.begin()) - 1;
    lo = std::clamp(lo, 0, n - 2);
    const double span = axis[lo + 1] - axis[lo];
    frac = span > 0 ? std::clamp((x - axis[lo]) / span, 0.0, 1.0) : 0.0;
    return true;
}

// Appends the bilinear weights at (s, t) of the corners p[0] (s = 0, t = 0), p[1] (1, 0),
// p[2] (0, 1) and p[3] (1, 1): source indices, adjacent in memory or not.
template <class Row>
void addBilinear(Row& row, const std::uint32_t (&p)[4], double s, double t) {
    const double w[4] = {(1 - s) * (1 - t), s * (1 - t), (1 - s) * t, s * t};
    for (int k = 0; k < 4; ++k)
        if (w[k] > 1e-9) row.push_back({p[k], static_cast<float>(w[k])});
}

std::uint32_t pointIndex(int i, int j, int nx) {
    return static_cast<std::uint32_t>(static_cast<std::size_t>(j) * nx + i);
}

}  // namespace

Regridder::Regridder(const SourcePoints& src, const Grid& g) {
    const std::size_t cells = g.cellCount();
    std::vector<std::vector<Weight>> pending(cells);  // per cell, made into CSR rows at the end
    const double centreLon = g.lonMin + 0.5 * g.nx * g.dLon;

    // 1. Average where the target cell holds two or more source points, on a target grid
    //    clearly coarser than the source (a finer or equal one interpolates everywhere: two
    //    points can fall in one cell of a rotated grid of the same spacing).
    const bool coarser = g.dLon > 1.5 * src.medianSpacingDeg();
    std::vector<std::vector<std::uint32_t>> inside(cells);
    for (int j = 0; j < src.ny; ++j)
        for (int i = 0; i < src.nx; ++i) {
            const double lo = wrapLongitude(src.lonAt(i, j), centreLon), la = src.latAt(i, j);
            if (!std::isfinite(lo) || !std::isfinite(la) || !g.contains(lo, la)) continue;
            const int ci = std::min(g.nx - 1, static_cast<int>((lo - g.lonMin) / g.dLon));
            const int cj = std::min(g.ny - 1, static_cast<int>((la - g.latMin) / g.dLat));
            inside[static_cast<std::size_t>(cj) * g.nx + ci].push_back(
                static_cast<std::uint32_t>(static_cast<std::size_t>(j) * src.nx + i));
        }
    std::vector<bool> done(cells, false);
    for (std::size_t c = 0; c < cells && coarser; ++c) {
        if (inside[c].size() < 2) continue;
        const float w = 1.0f / static_cast<float>(inside[c].size());
        for (std::uint32_t p : inside[c]) pending[c].push_back({p, w});
        done[c] = true;
    }

    // 2. Bilinear interpolation for the other cells.
    if (src.separable) {
        // Sort each axis (longitudes wrapped about the target's centre), remembering the
        // original index; a global longitude axis gets its first point again one turn later.
        std::vector<std::pair<double, int>> lx, ly;
        for (int i = 0; i < src.nx; ++i)
            lx.push_back({wrapLongitude(src.lonAt(i, 0), centreLon), i});
        for (int j = 0; j < src.ny; ++j) ly.push_back({src.latAt(0, j), j});
        std::sort(lx.begin(), lx.end());
        std::sort(ly.begin(), ly.end());
        const double spanLon = lx.back().first - lx.front().first;
        const double dx = src.nx > 1 ? spanLon / (src.nx - 1) : g.dLon;
        const double dy = src.ny > 1 ? (ly.back().first - ly.front().first) / (src.ny - 1) : g.dLat;
        if (src.nx > 2 && spanLon + 1.5 * dx >= 360.0)
            lx.push_back({lx.front().first + 360.0, lx.front().second});
        std::vector<double> ax, ay;
        for (auto& p : lx) ax.push_back(p.first);
        for (auto& p : ly) ay.push_back(p.first);
        for (int cj = 0; cj < g.ny; ++cj) {
            int jl = 0;
            double t = 0;
            if (!bracket(ay, g.lat(cj), 0.5 * std::abs(dy), jl, t)) continue;
            for (int ci = 0; ci < g.nx; ++ci) {
                const std::size_t c = static_cast<std::size_t>(cj) * g.nx + ci;
                if (done[c]) continue;
                int il = 0;
                double s = 0;
                if (!bracket(ax, g.lon(ci), 0.5 * std::abs(dx), il, s)) continue;
                const int ia = lx[il].second,
                          ib = lx[std::min<std::size_t>(il + 1, lx.size() - 1)].second;
                const int ja = ly[jl].second,
                          jb = ly[std::min<std::size_t>(jl + 1, ly.size() - 1)].second;
                // Four corners given by original indices (not necessarily adjacent in memory).
                const std::uint32_t p[4] = {pointIndex(ia, ja, src.nx), pointIndex(ib, ja, src.nx),
                                            pointIndex(ia, jb, src.nx), pointIndex(ib, jb, src.nx)};
                addBilinear(pending[c], p, s, t);
                done[c] = true;
            }
        }
    } else {
        // Curvilinear: visit each quadrilateral of neighbouring points, find the target centres
        // in its bounding box and invert the bilinear map (a few Newton steps) in a local metric.
        // A quad far larger than the grid's spacing is not a cell: NEMO writes lon = lat = 0 on
        // the land tiles it did not compute, which would join real points to (0, 0).
        const double maxSide = 10.0 * src.medianSpacingDeg();
        for (int j = 0; j + 1 < src.ny; ++j)
            for (int i = 0; i + 1 < src.nx; ++i) {
                double qx[4], qy[4];
                const int ii[4] = {i, i + 1, i, i + 1}, jj[4] = {j, j, j + 1, j + 1};
                bool ok = true;
                for (int k = 0; k < 4; ++k) {
                    qx[k] = wrapLongitude(src.lonAt(ii[k], jj[k]), centreLon);
                    qy[k] = src.latAt(ii[k], jj[k]);
                    ok = ok && std::isfinite(qx[k]) && std::isfinite(qy[k]);
                }
                if (!ok) continue;
                const double x0 = *std::min_element(qx, qx + 4), x1 = *std::max_element(qx, qx + 4);
                const double y0 = *std::min_element(qy, qy + 4), y1 = *std::max_element(qy, qy + 4);
                if (x1 - x0 > 180.0) continue;  // a quad across the wrap of a global grid
                if (maxSide > 0 && (x1 - x0 > maxSide || y1 - y0 > maxSide)) continue;
                const int ci0 =
                    std::max(0, static_cast<int>(std::ceil((x0 - g.lonMin) / g.dLon - 0.5)));
                const int ci1 = std::min(
                    g.nx - 1, static_cast<int>(std::floor((x1 - g.lonMin) / g.dLon - 0.5)));
                const int cj0 =
                    std::max(0, static_cast<int>(std::ceil((y0 - g.latMin) / g.dLat - 0.5)));
                const int cj1 = std::min(
                    g.ny - 1, static_cast<int>(std::floor((y1 - g.latMin) / g.dLat - 0.5)));
                const double k = std::cos(0.5 * (y0 + y1) * kDegToRad);
                for (int cj = cj0; cj <= cj1; ++cj)
                    for (int ci = ci0; ci <= ci1; ++ci) {
                        const std::size_t c = static_cast<std::size_t>(cj) * g.nx + ci;
                        if (done[c]) continue;
                        const double X = g.lon(ci), Y = g.lat(cj);
                        double s = 0.5, t = 0.5;
                        for (int it = 0; it < 12; ++it) {
                            const double fx = (qx[0] * (1 - s) * (1 - t) + qx[1] * s * (1 - t) +
                                               qx[2] * (1 - s) * t + qx[3] * s * t - X) *
                                              k;
                            const double fy = qy[0] * (1 - s) * (1 - t) + qy[1] * s * (1 - t) +
                                              qy[2] * (1 - s) * t + qy[3] * s * t - Y;
                            const double xs = ((qx[1] - qx[0]) * (1 - t) + (qx[3] - qx[2]) * t) * k;
                            const double xt = ((qx[2] - qx[0]) * (1 - s) + (qx[3] - qx[1]) * s) * k;
                            const double ys = (qy[1] - qy[0]) * (1 - t) + (qy[3] - qy[2]) * t;
                            const double yt = (qy[2] - qy[0]) * (1 - s) + (qy[3] - qy[1]) * s;
                            const double det = xs * yt - xt * ys;
                            if (std::abs(det) < 1e-30) break;
                            s -= (fx * yt - fy * xt) / det;
                            t -= (xs * fy - ys * fx) / det;
                        }
                        constexpr double eps = 1e-6;
                        if (!(s >= -eps && s <= 1 + eps && t >= -eps && t <= 1 + eps)) continue;
                        const std::uint32_t p[4] = {
                            pointIndex(i, j, src.nx), pointIndex(i + 1, j, src.nx),
                            pointIndex(i, j + 1, src.nx), pointIndex(i + 1, j + 1, src.nx)};
                        addBilinear(pending[c], p, std::clamp(s, 0.0, 1.0),
                                    std::clamp(t, 0.0, 1.0));
                        done[c] = true;
                    }
            }
        // Cells holding exactly one point but outside every quad (the grid's edge): that point.
        for (std::size_t c = 0; c < cells; ++c)
            if (!done[c] && inside[c].size() == 1) {
                pending[c].push_back({inside[c][0], 1.0f});
                done[c] = true;
            }
    }

    start_.assign(cells + 1, 0);
    for (std::size_t c = 0; c < cells; ++c)
        start_[c + 1] = start_[c] + static_cast<std::uint32_t>(pending[c].size());
    weights_.reserve(start_[cells]);
    for (auto& row : pending) weights_.insert(weights_.end(), row.begin(), row.end());
}

std::size_t Regridder::coveredCount() const {
    std::size_t n = 0;
    for (std::size_t c = 0; c + 1 < start_.size(); ++c) n += covered(c);
    return n;
}

void Regridder::apply(const std::vector<double>& values, std::vector<double>& out,
                      std::vector<double>* validFraction) const {
    const std::size_t cells = start_.size() - 1;
    out.assign(cells, std::nan(""));
    if (validFraction) validFraction->assign(cells, 0.0);
    for (std::size_t c = 0; c < cells; ++c) {
        double sum = 0, wsum = 0, wall = 0;
        for (std::uint32_t k = start_[c]; k < start_[c + 1]; ++k) {
            const Weight& w = weights_[k];
            wall += w.w;
            const double v = values[w.source];
            if (std::isnan(v)) continue;
            sum += w.w * v;
            wsum += w.w;
        }
        if (wsum > 0) out[c] = sum / wsum;
        if (validFraction && wall > 0) (*validFraction)[c] = wsum / wall;
    }
}

}  // namespace driftlab
