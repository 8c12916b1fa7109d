#include "drift/Advector.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <stdexcept>

namespace driftlab {

namespace {
std::atomic<std::uint64_t> gNextAdvectorId{1};
}

Advector::Advector(const CurrentFields& fields, double khM2s)
    : fields_(fields), kh_(khM2s), id_(gNextAdvectorId.fetch_add(1)) {
    const Grid& g = fields.grid();
    invDx_.resize(g.ny);
    for (int j = 0; j < g.ny; ++j) invDx_[j] = 1.0 / g.cellWidthM(j);
    invDy_ = 1.0 / g.cellHeightM();
    if (g.nx < 2 || g.ny < 2 || fields.days < 1) {
        throw std::invalid_argument("advection needs a grid of at least 2 x 2 cells and one day of currents");
    }
    const std::size_t cells = g.cellCount();
    uv_.resize(2 * cells * fields.days);
    for (int k = 0; k < fields.days; ++k) {
        const float* u = fields.uDay(k);
        const float* v = fields.vDay(k);
        float* out = uv_.data() + 2 * cells * k;
        // Stored in grid units per second: the metric factor of each row is applied once here
        // (interpolating u/dx instead of u then /dx differs by ~1e-6 relative at 1/16 degree).
        for (std::size_t c = 0; c < cells; ++c) {
            out[2 * c] = static_cast<float>(u[c] * invDx_[c / g.nx]);
            out[2 * c + 1] = static_cast<float>(v[c] * invDy_);
        }
    }
}

const float* Advector::fieldAt(double t, std::vector<float>& buffer) const {
    const std::size_t n = 2 * fields_.grid().cellCount();
    const int last = fields_.days - 1;
    const double td = t * (1.0 / 86400.0);
    const int k0 = std::clamp(static_cast<int>(std::floor(td)), 0, std::max(last - 1, 0));
    const double wt = last > 0 ? std::clamp(td - k0, 0.0, 1.0) : 0.0;
    const float* a = uv_.data() + n * k0;
    if (wt == 0.0) return a;
    const float* b = uv_.data() + n * (k0 + 1);
    if (wt == 1.0) return b;
    buffer.resize(n);
    const float wb = static_cast<float>(wt), wa = 1.0f - wb;
    for (std::size_t k = 0; k < n; ++k) buffer[k] = wa * a[k] + wb * b[k];
    return buffer.data();
}

inline void Advector::sample(const float* uv, double x, double y, double& dxdt, double& dydt) const {
    const Grid& g = fields_.grid();
    const int nx = g.nx, ny = g.ny;
    // Cell-centre coordinates; clamp so the edge half-cells use the edge values.
    const double cx = std::clamp(x - 0.5, 0.0, nx - 1.0);
    const double cy = std::clamp(y - 0.5, 0.0, ny - 1.0);
    const int i0 = std::min(static_cast<int>(cx), nx - 2);
    const int j0 = std::min(static_cast<int>(cy), ny - 2);
    // Interpolation weights in single precision: the fields are float32, positions stay double.
    const float wx = static_cast<float>(cx - i0), wy = static_cast<float>(cy - j0);
    const float* a = uv + 2 * (static_cast<std::size_t>(j0) * nx + i0);
    const float* b = a + 2 * static_cast<std::size_t>(nx);
    const float u0 = a[0] + wx * (a[2] - a[0]), v0 = a[1] + wx * (a[3] - a[1]);
    const float u1 = b[0] + wx * (b[2] - b[0]), v1 = b[1] + wx * (b[3] - b[1]);
    dxdt = u0 + wy * (u1 - u0);
    dydt = v0 + wy * (v1 - v0);
}

void Advector::velocity(double x, double y, double t, double& dxdt, double& dydt) const {
    std::vector<float> buffer;
    sample(fieldAt(t, buffer), x, y, dxdt, dydt);
}

// Built twice, for AVX2 + FMA machines and for any x86-64, picked at load time.
__attribute__((target_clones("arch=x86-64-v3", "default")))
std::size_t Advector::step(Particles& p, double t, double dt, Random& rng) const {
    const Grid& g = fields_.grid();
    const auto& ocean = fields_.mask.values();
    const double h = 0.5 * dt;
    const double walk = kh_ > 0.0 ? std::sqrt(2.0 * kh_ * dt) : 0.0;  // metres per step, per axis
    // Where a step from (xa, ya) to (xb, yb) ends: off the grid (Gone), across or onto land
    // (Beached; the path is checked every half cell, so a fast particle cannot hop over a
    // narrow cape or island), or in the ocean.
    auto landOrGone = [&](double xa, double ya, double xb, double yb, ParticleState& verdict) {
        if (!(xb >= 0.0 && xb < g.nx && yb >= 0.0 && yb < g.ny)) {
            verdict = ParticleState::Gone;
            return true;
        }
        const double span = std::max(std::abs(xb - xa), std::abs(yb - ya));
        const int samples = span > 0.5 ? static_cast<int>(std::ceil(2.0 * span)) : 1;
        for (int k = 1; k <= samples; ++k) {
            const double f = static_cast<double>(k) / samples;
            const double x = xa + f * (xb - xa), y = ya + f * (yb - ya);
            const std::size_t cell = static_cast<std::size_t>(y) * g.nx + static_cast<std::size_t>(x);
            if (!ocean[cell]) {
                verdict = ParticleState::Beached;
                return true;
            }
        }
        return false;
    };
    // Blended fields per thread; the end of one step is the start of the next, so reuse it.
    thread_local std::vector<float> b0, bh, b1;
    thread_local std::uint64_t lastOwner = 0;
    thread_local double lastEnd = -1.0;
    const float* s0;
    if (lastOwner == id_ && lastEnd == t && !b1.empty()) {
        std::swap(b0, b1);
        s0 = b0.data();
    } else {
        s0 = fieldAt(t, b0);
    }
    const float* sh = fieldAt(t + h, bh);
    const float* s1 = fieldAt(t + dt, b1);
    if (s1 == b1.data()) {
        lastOwner = id_;
        lastEnd = t + dt;
    } else {
        lastOwner = 0;
    }
    // Particles go through the four RK4 stages in batches: within a stage the particles are
    // independent, so the CPU overlaps their interpolations instead of waiting on one chain.
    constexpr int kBatch = 32;
    std::size_t idx[kBatch];
    double x0[kBatch], y0[kBatch], ax[kBatch], ay[kBatch], kx[kBatch], ky[kBatch], px[kBatch], py[kBatch];
    std::size_t active = 0;
    std::size_t n = 0;
    while (n < p.size()) {
        int m = 0;
        for (; n < p.size() && m < kBatch; ++n) {
            if (p.state[n] != ParticleState::Active) continue;
            idx[m] = n;
            x0[m] = p.x[n];
            y0[m] = p.y[n];
            ++m;
        }
        active += static_cast<std::size_t>(m);
        for (int q = 0; q < m; ++q) {  // k1
            sample(s0, x0[q], y0[q], kx[q], ky[q]);
            ax[q] = kx[q];
            ay[q] = ky[q];
            px[q] = x0[q] + h * kx[q];
            py[q] = y0[q] + h * ky[q];
        }
        for (int q = 0; q < m; ++q) {  // k2
            sample(sh, px[q], py[q], kx[q], ky[q]);
            ax[q] += 2.0 * kx[q];
            ay[q] += 2.0 * ky[q];
            px[q] = x0[q] + h * kx[q];
            py[q] = y0[q] + h * ky[q];
        }
        for (int q = 0; q < m; ++q) {  // k3
            sample(sh, px[q], py[q], kx[q], ky[q]);
            ax[q] += 2.0 * kx[q];
            ay[q] += 2.0 * ky[q];
            px[q] = x0[q] + dt * kx[q];
            py[q] = y0[q] + dt * ky[q];
        }
        for (int q = 0; q < m; ++q) {  // k4 and the land / domain rule
            sample(s1, px[q], py[q], kx[q], ky[q]);
            double nxp = x0[q] + dt / 6.0 * (ax[q] + kx[q]);
            double nyp = y0[q] + dt / 6.0 * (ay[q] + ky[q]);
            if (walk > 0.0) {
                const int row = std::clamp(static_cast<int>(nyp), 0, g.ny - 1);
                nxp += walk * rng.normal() * invDx_[row];
                nyp += walk * rng.normal() * invDy_;
            }
            const std::size_t k = idx[q];
            ParticleState verdict;
            if (landOrGone(x0[q], y0[q], nxp, nyp, verdict)) {
                p.state[k] = verdict;  // beached particles keep their last ocean position
            } else {
                p.x[k] = nxp;
                p.y[k] = nyp;
            }
        }
    }
    return active;
}

}  // namespace driftlab
