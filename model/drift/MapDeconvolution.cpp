#include "drift/MapDeconvolution.h"

#include <algorithm>
#include <stdexcept>

namespace driftlab {

MapDeconvolution::MapDeconvolution(const OceanMask& mask, double sigmaCells, int iterations)
    : mask_(mask), sigma_(sigmaCells), iterations_(iterations), mapper_(mask_, sigmaCells) {
    if (!(sigmaCells > 0.0)) throw std::invalid_argument("deconvolution: sigma must be > 0");
    if (iterations < 1) throw std::invalid_argument("deconvolution: iterations must be >= 1");
}

void MapDeconvolution::convolveWithin(const std::vector<double>& in, const CellBox& box,
                                      std::vector<double>& out) const {
    const auto& k = mapper_.kernel();
    const int r = mapper_.radius();
    const int bw = box.i1 - box.i0, bh = box.j1 - box.j0;
    std::vector<double> tmp(in.size(), 0.0);
    for (int j = 0; j < bh; ++j) {
        const double* src = in.data() + static_cast<std::size_t>(j) * bw;
        double* dst = tmp.data() + static_cast<std::size_t>(j) * bw;
        for (int i = 0; i < bw; ++i) {
            const int a = std::max(0, i - r), b = std::min(bw - 1, i + r);
            double s = 0.0;
            for (int q = a; q <= b; ++q) s += k[q - i + r] * src[q];
            dst[i] = s;
        }
    }
    out.assign(in.size(), 0.0);
    for (int j = 0; j < bh; ++j) {
        const int a = std::max(0, j - r), b = std::min(bh - 1, j + r);
        double* dst = out.data() + static_cast<std::size_t>(j) * bw;
        for (int q = a; q <= b; ++q) {
            const double w = k[q - j + r];
            const double* src = tmp.data() + static_cast<std::size_t>(q) * bw;
            for (int i = 0; i < bw; ++i) dst[i] += w * src[i];
        }
    }
}

void MapDeconvolution::deconvolve(const float* map, float* h) const {
    const Grid& g = mask_.grid();
    std::fill(h, h + g.cellCount(), 0.0f);
    const CellBox box = supportOf(map, g);
    if (box.empty()) return;
    const int bw = box.i1 - box.i0, bh = box.j1 - box.j0;
    const std::size_t n = static_cast<std::size_t>(bw) * bh;
    const auto& norm = mapper_.normaliser();
    const auto& ocean = mask_.values();
    // In the box: m the map, est the histogram estimate (starts as the map), invN = 1 / N on
    // the ocean (0 on land), so that S(h) = ocean * K * (h / N) and S'(q) = K * (ocean q) / N.
    std::vector<double> m(n), est(n), invN(n), a(n), sh, q(n), back;
    for (int j = 0; j < bh; ++j)
        for (int i = 0; i < bw; ++i) {
            const std::size_t c = static_cast<std::size_t>(j + box.j0) * g.nx + (i + box.i0);
            const std::size_t b = static_cast<std::size_t>(j) * bw + i;
            m[b] = ocean[c] ? map[c] : 0.0f;
            est[b] = m[b];
            invN[b] = ocean[c] && norm[c] > 0.0 ? 1.0 / norm[c] : 0.0;
        }
    // Cells of the box outside the ocean, or near its edge, lose kernel weight to the cells
    // outside the box; the estimate there is only ever multiplied, so it stays >= 0.
    for (int it = 0; it < iterations_; ++it) {
        for (std::size_t b = 0; b < n; ++b) a[b] = est[b] * invN[b];
        convolveWithin(a, box, sh);
        for (std::size_t b = 0; b < n; ++b)
            q[b] = m[b] > 0.0 && sh[b] > 0.0 ? m[b] / sh[b] : 0.0;
        convolveWithin(q, box, back);
        for (std::size_t b = 0; b < n; ++b) est[b] *= back[b] * invN[b];
    }
    for (int j = 0; j < bh; ++j)
        for (int i = 0; i < bw; ++i)
            h[static_cast<std::size_t>(j + box.j0) * g.nx + (i + box.i0)] =
                static_cast<float>(est[static_cast<std::size_t>(j) * bw + i]);
}

void MapDeconvolution::smooth(const float* h, float* map) const {
    const Grid& g = mask_.grid();
    const CellBox box = supportOf(h, g);
    std::vector<double> counts(g.cellCount(), 0.0);
    if (!box.empty())
        for (int j = box.j0; j < box.j1; ++j)
            for (int i = box.i0; i < box.i1; ++i) {
                const std::size_t c = static_cast<std::size_t>(j) * g.nx + i;
                counts[c] = h[c];
            }
    std::vector<float> out;
    mapper_.smooth(counts, box, 1.0, out);
    std::copy(out.begin(), out.end(), map);
}

}  // namespace driftlab
