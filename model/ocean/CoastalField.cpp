#include "ocean/CoastalField.h"

#include <cmath>
#include <stdexcept>

namespace driftlab {

std::vector<bool> coastalRing(const OceanMask& mask) {
    const Grid& g = mask.grid();
    std::vector<bool> ring(g.cellCount(), false);
    for (int j = 0; j < g.ny; ++j) {
        for (int i = 0; i < g.nx; ++i) {
            if (!mask.isOcean(i, j)) continue;
            ring[static_cast<std::size_t>(j) * g.nx + i] =
                (i > 0 && !mask.isOcean(i - 1, j)) || (i < g.nx - 1 && !mask.isOcean(i + 1, j)) ||
                (j > 0 && !mask.isOcean(i, j - 1)) || (j < g.ny - 1 && !mask.isOcean(i, j + 1));
        }
    }
    return ring;
}

std::vector<double> coastalField(const OceanMask& mask, double lengthM) {
    if (!(lengthM > 0.0)) throw std::invalid_argument("coastal field: length must be positive");
    const Grid& g = mask.grid();
    const int nx = g.nx, ny = g.ny;
    const std::size_t n = g.cellCount();
    const std::vector<bool> ring = coastalRing(mask);
    std::vector<bool> unknown(n);
    for (std::size_t c = 0; c < n; ++c) unknown[c] = mask.values()[c] && !ring[c];
    const double l2 = lengthM * lengthM;
    const double cy = l2 / (g.cellHeightM() * g.cellHeightM());
    std::vector<double> cx(ny);
    for (int j = 0; j < ny; ++j) cx[j] = l2 / (g.cellWidthM(j) * g.cellWidthM(j));

    // A phi = phi + sum over grid neighbours k of coef (phi_c - phi_k); boundary cells (land,
    // ring) have phi = 0, missing neighbours at the grid edge drop out (zero gradient).
    auto apply = [&](const std::vector<double>& x, std::vector<double>& out) {
        for (int j = 0; j < ny; ++j) {
            for (int i = 0; i < nx; ++i) {
                const std::size_t c = static_cast<std::size_t>(j) * nx + i;
                if (!unknown[c]) {
                    out[c] = 0.0;
                    continue;
                }
                double s = x[c];
                if (i > 0) s += cx[j] * (x[c] - x[c - 1]);
                if (i < nx - 1) s += cx[j] * (x[c] - x[c + 1]);
                if (j > 0) s += cy * (x[c] - x[c - nx]);
                if (j < ny - 1) s += cy * (x[c] - x[c + nx]);
                out[c] = s;
            }
        }
    };
    std::vector<double> diag(n, 1.0);
    for (int j = 0; j < ny; ++j) {
        for (int i = 0; i < nx; ++i) {
            const std::size_t c = static_cast<std::size_t>(j) * nx + i;
            diag[c] = 1.0 + cx[j] * ((i > 0) + (i < nx - 1)) + cy * ((j > 0) + (j < ny - 1));
        }
    }
    std::vector<double> x(n, 0.0), r(n, 0.0), z(n), p(n), ap(n);
    for (std::size_t c = 0; c < n; ++c) r[c] = unknown[c] ? 1.0 : 0.0;  // b - A x with x = 0
    double rz = 0, bnorm = 0;
    for (std::size_t c = 0; c < n; ++c) {
        z[c] = r[c] / diag[c];
        p[c] = z[c];
        rz += r[c] * z[c];
        bnorm += r[c] * r[c];
    }
    if (bnorm == 0.0) return x;
    for (int iter = 0; iter < 5000; ++iter) {
        apply(p, ap);
        double pap = 0;
        for (std::size_t c = 0; c < n; ++c) pap += p[c] * ap[c];
        const double alpha = rz / pap;
        double rr = 0;
        for (std::size_t c = 0; c < n; ++c) {
            x[c] += alpha * p[c];
            r[c] -= alpha * ap[c];
            rr += r[c] * r[c];
        }
        if (rr < 1e-20 * bnorm) break;
        double rzNew = 0;
        for (std::size_t c = 0; c < n; ++c) {
            z[c] = r[c] / diag[c];
            rzNew += r[c] * z[c];
        }
        const double beta = rzNew / rz;
        rz = rzNew;
        for (std::size_t c = 0; c < n; ++c) p[c] = z[c] + beta * p[c];
    }
    return x;
}

}  // namespace driftlab
