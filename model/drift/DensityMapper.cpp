#include "drift/DensityMapper.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace driftlab {

DensityMapper::DensityMapper(const OceanMask& mask, double sigmaCells) : mask_(mask) {
    if (!(sigmaCells >= 0.0) || sigmaCells > 20.0) {
        throw std::invalid_argument("density: smoothing sigma must be between 0 and 20 cells");
    }
    radius_ = static_cast<int>(std::ceil(4.0 * sigmaCells));
    kernel_.resize(2 * radius_ + 1);
    for (int k = -radius_; k <= radius_; ++k) {
        kernel_[k + radius_] =
            sigmaCells > 0 ? std::exp(-0.5 * k * k / (sigmaCells * sigmaCells)) : 1.0;
    }
    const Grid& g = mask.grid();
    std::vector<double> ocean(g.cellCount());
    for (std::size_t c = 0; c < ocean.size(); ++c) ocean[c] = mask.values()[c];
    CellBox all{0, g.nx, 0, g.ny}, outBox;
    convolve(ocean, all, norm_, outBox);  // the whole grid: compact == full layout
}

CellBox supportOf(const float* map, const Grid& g) {
    CellBox box{g.nx, 0, g.ny, 0};
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i)
            if (map[static_cast<std::size_t>(j) * g.nx + i] > 0.0f) {
                box.i0 = std::min(box.i0, i);
                box.i1 = std::max(box.i1, i + 1);
                box.j0 = std::min(box.j0, j);
                box.j1 = std::max(box.j1, j + 1);
            }
    return box;
}

CellBox DensityMapper::histogram(const std::vector<double>& x, const std::vector<double>& y,
                                 const std::vector<bool>& counted,
                                 std::vector<double>& counts) const {
    const Grid& g = mask_.grid();
    counts.assign(g.cellCount(), 0.0);
    CellBox box{g.nx, 0, g.ny, 0};
    for (std::size_t n = 0; n < x.size(); ++n) {
        if (!counted[n]) continue;
        if (!(x[n] >= 0.0 && x[n] < g.nx && y[n] >= 0.0 && y[n] < g.ny)) continue;
        const int i = static_cast<int>(x[n]), j = static_cast<int>(y[n]);
        counts[static_cast<std::size_t>(j) * g.nx + i] += 1.0;
        box.i0 = std::min(box.i0, i);
        box.i1 = std::max(box.i1, i + 1);
        box.j0 = std::min(box.j0, j);
        box.j1 = std::max(box.j1, j + 1);
    }
    return box;
}

void DensityMapper::convolve(const std::vector<double>& in, const CellBox& box,
                             std::vector<double>& out, CellBox& outBox) const {
    // `in` is compact over `box` (rows of box width); `out` becomes compact over `outBox`.
    const Grid& g = mask_.grid();
    const int r = radius_;
    outBox = {std::max(0, box.i0 - r), std::min(g.nx, box.i1 + r), std::max(0, box.j0 - r),
              std::min(g.ny, box.j1 + r)};
    const int bw = box.i1 - box.i0, bh = box.j1 - box.j0;
    const int ow = outBox.i1 - outBox.i0, oh = outBox.j1 - outBox.j0;
    // Pass 1, along x: rows of the input box, columns of the output box.
    std::vector<double> tmp(static_cast<std::size_t>(bh) * ow, 0.0);
    for (int jj = 0; jj < bh; ++jj) {
        const double* src = in.data() + static_cast<std::size_t>(jj) * bw;
        double* dst = tmp.data() + static_cast<std::size_t>(jj) * ow;
        for (int io = 0; io < ow; ++io) {
            const int i = outBox.i0 + io;
            const int a = std::max(box.i0, i - r), b = std::min(box.i1 - 1, i + r);
            double s = 0.0;
            for (int q = a; q <= b; ++q) s += kernel_[q - i + r] * src[q - box.i0];
            dst[io] = s;
        }
    }
    // Pass 2, along y.
    out.assign(static_cast<std::size_t>(oh) * ow, 0.0);
    for (int jo = 0; jo < oh; ++jo) {
        const int j = outBox.j0 + jo;
        const int a = std::max(box.j0, j - r), b = std::min(box.j1 - 1, j + r);
        double* dst = out.data() + static_cast<std::size_t>(jo) * ow;
        for (int q = a; q <= b; ++q) {
            const double w = kernel_[q - j + r];
            const double* src = tmp.data() + static_cast<std::size_t>(q - box.j0) * ow;
            for (int io = 0; io < ow; ++io) dst[io] += w * src[io];
        }
    }
}

void DensityMapper::smooth(const std::vector<double>& counts, const CellBox& box, double released,
                           std::vector<float>& map) const {
    const Grid& g = mask_.grid();
    map.assign(g.cellCount(), 0.0f);
    if (box.empty() || released <= 0.0) return;
    const int bw = box.i1 - box.i0, bh = box.j1 - box.j0;
    std::vector<double> ratio(static_cast<std::size_t>(bw) * bh, 0.0);
    for (int j = box.j0; j < box.j1; ++j) {
        for (int i = box.i0; i < box.i1; ++i) {
            const std::size_t c = static_cast<std::size_t>(j) * g.nx + i;
            if (counts[c] == 0.0) continue;
            // Particles only sit on ocean cells, where N >= the kernel's centre weight (1).
            ratio[static_cast<std::size_t>(j - box.j0) * bw + (i - box.i0)] =
                counts[c] / (norm_[c] > 0.0 ? norm_[c] : 1.0) / released;
        }
    }
    std::vector<double> out;
    CellBox outBox;
    convolve(ratio, box, out, outBox);
    const auto& ocean = mask_.values();
    const int ow = outBox.i1 - outBox.i0;
    for (int j = outBox.j0; j < outBox.j1; ++j) {
        for (int i = outBox.i0; i < outBox.i1; ++i) {
            const std::size_t c = static_cast<std::size_t>(j) * g.nx + i;
            if (ocean[c]) {
                map[c] = static_cast<float>(
                    out[static_cast<std::size_t>(j - outBox.j0) * ow + (i - outBox.i0)]);
            }
        }
    }
}
}  // namespace driftlab
