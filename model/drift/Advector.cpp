#include "drift/Advector.h"

#include <algorithm>
#include <cmath>

namespace driftlab {

Advector::Advector(const CurrentFields& fields, double khM2s) : fields_(fields), kh_(khM2s) {
    const Grid& g = fields.grid();
    invDx_.resize(g.ny);
    for (int j = 0; j < g.ny; ++j) invDx_[j] = 1.0 / g.cellWidthM(j);
    invDy_ = 1.0 / g.cellHeightM();
}

void Advector::velocity(double x, double y, double t, double& dxdt, double& dydt) const {
    const Grid& g = fields_.grid();
    const int nx = g.nx, ny = g.ny;
    // Cell-centre coordinates; clamp so the edge half-cells use the edge values.
    const double cx = std::clamp(x - 0.5, 0.0, nx - 1.0);
    const double cy = std::clamp(y - 0.5, 0.0, ny - 1.0);
    const int i0 = std::min(static_cast<int>(cx), std::max(nx - 2, 0));
    const int j0 = std::min(static_cast<int>(cy), std::max(ny - 2, 0));
    const double wx = nx > 1 ? cx - i0 : 0.0, wy = ny > 1 ? cy - j0 : 0.0;
    const int di = nx > 1 ? 1 : 0;
    const std::size_t dj = ny > 1 ? static_cast<std::size_t>(nx) : 0;

    const double td = t * (1.0 / 86400.0);
    const int last = fields_.days - 1;
    const int k0 = std::clamp(static_cast<int>(std::floor(td)), 0, std::max(last - 1, 0));
    const double wt = last > 0 ? std::clamp(td - k0, 0.0, 1.0) : 0.0;
    const int k1 = last > 0 ? k0 + 1 : k0;

    const std::size_t c = static_cast<std::size_t>(j0) * nx + i0;
    const double w00 = (1 - wx) * (1 - wy), w10 = wx * (1 - wy), w01 = (1 - wx) * wy, w11 = wx * wy;
    auto bilinear = [&](const float* f) {
        return w00 * f[c] + w10 * f[c + di] + w01 * f[c + dj] + w11 * f[c + dj + di];
    };
    const double u = (1 - wt) * bilinear(fields_.uDay(k0)) + wt * bilinear(fields_.uDay(k1));
    const double v = (1 - wt) * bilinear(fields_.vDay(k0)) + wt * bilinear(fields_.vDay(k1));
    const double jy = ny > 1 ? cy - j0 : 0.0;
    const double invDx = invDx_[j0] + jy * (invDx_[j0 + (ny > 1 ? 1 : 0)] - invDx_[j0]);
    dxdt = u * invDx;
    dydt = v * invDy_;
}

std::size_t Advector::step(Particles& p, double t, double dt, Random& rng) const {
    const Grid& g = fields_.grid();
    const auto& ocean = fields_.mask.values();
    const double h = 0.5 * dt;
    const double walk = kh_ > 0.0 ? std::sqrt(2.0 * kh_ * dt) : 0.0;  // metres per step, per axis
    auto landOrGone = [&](double x, double y, ParticleState& verdict) {
        if (!(x >= 0.0 && x < g.nx && y >= 0.0 && y < g.ny)) {
            verdict = ParticleState::Gone;
            return true;
        }
        const std::size_t cell = static_cast<std::size_t>(y) * g.nx + static_cast<std::size_t>(x);
        if (!ocean[cell]) {
            verdict = ParticleState::Beached;
            return true;
        }
        return false;
    };
    std::size_t active = 0;
    for (std::size_t n = 0; n < p.size(); ++n) {
        if (p.state[n] != ParticleState::Active) continue;
        ++active;
        const double x = p.x[n], y = p.y[n];
        double k1x, k1y, k2x, k2y, k3x, k3y, k4x, k4y;
        velocity(x, y, t, k1x, k1y);
        velocity(x + h * k1x, y + h * k1y, t + h, k2x, k2y);
        velocity(x + h * k2x, y + h * k2y, t + h, k3x, k3y);
        velocity(x + dt * k3x, y + dt * k3y, t + dt, k4x, k4y);
        double nxp = x + dt / 6.0 * (k1x + 2.0 * k2x + 2.0 * k3x + k4x);
        double nyp = y + dt / 6.0 * (k1y + 2.0 * k2y + 2.0 * k3y + k4y);
        if (walk > 0.0) {
            const int row = std::clamp(static_cast<int>(nyp), 0, g.ny - 1);
            nxp += walk * rng.normal() * invDx_[row];
            nyp += walk * rng.normal() * invDy_;
        }
        ParticleState verdict;
        if (landOrGone(nxp, nyp, verdict)) {
            p.state[n] = verdict;  // beached particles keep their last ocean position
        } else {
            p.x[n] = nxp;
            p.y[n] = nyp;
        }
    }
    return active;
}

}  // namespace driftlab
