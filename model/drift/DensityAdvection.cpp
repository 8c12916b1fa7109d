#include "drift/DensityAdvection.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "drift/Advector.h"
#include "core/Random.h"
#include "ocean/CurrentFields.h"

namespace driftlab {

void AdvectionOptions::validate() const {
    const double steps = 24.0 / dtHours;
    if (!(dtHours > 0) || std::abs(steps - std::round(steps)) > 1e-9)
        throw std::invalid_argument("the advection step must divide 24 hours");
    if (parcelsPerSide < 1 || parcelsPerSide > 16)
        throw std::invalid_argument("parcels per cell side must be between 1 and 16");
}

AdvectionTransfer buildAdvectionTransfer(const OceanMask& mask, const float* u0, const float* v0,
                                         const float* u1, const float* v1,
                                         const AdvectionOptions& options) {
    options.validate();
    const Grid& g = mask.grid();
    const std::size_t cells = g.cellCount();
    const auto& ocean = mask.values();
    CurrentFields fields;
    fields.mask = mask;
    fields.days = 2;
    fields.u.resize(2 * cells);
    fields.v.resize(2 * cells);
    std::copy(u0, u0 + cells, fields.uDay(0));
    std::copy(u1, u1 + cells, fields.uDay(1));
    std::copy(v0, v0 + cells, fields.vDay(0));
    std::copy(v1, v1 + cells, fields.vDay(1));
    const Advector advector(fields, 0.0);

    const int n = options.parcelsPerSide;
    const std::size_t perCell = static_cast<std::size_t>(n) * static_cast<std::size_t>(n);
    Particles p;
    std::vector<std::uint32_t> source;
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const std::size_t c = static_cast<std::size_t>(j) * g.nx + i;
            if (!ocean[c]) continue;
            for (int b = 0; b < n; ++b)
                for (int a = 0; a < n; ++a) {
                    p.x.push_back(i + (a + 0.5) / n);
                    p.y.push_back(j + (b + 0.5) / n);
                    p.state.push_back(ParticleState::Active);
                    source.push_back(static_cast<std::uint32_t>(c));
                }
        }
    const int steps = static_cast<int>(std::lround(24.0 / options.dtHours));
    const double dt = 86400.0 / steps;
    Random unused(0);  // no diffusion: the walk never draws
    for (int s = 0; s < steps; ++s) advector.step(p, s * dt, dt, unused);

    AdvectionTransfer t;
    t.offsets.assign(cells + 1, 0);
    const float share = 1.0f / static_cast<float>(perCell);
    std::vector<std::pair<std::uint32_t, float>> row;
    std::size_t k = 0;
    for (std::size_t c = 0; c < cells; ++c) {
        row.clear();
        for (; k < source.size() && source[k] == c; ++k) {
            if (p.state[k] == ParticleState::Gone) continue;  // left through an open boundary
            // Cloud-in-cell: bilinear weights on the four cell centres around the parcel, land
            // and off-grid corners left out and their share given to the others. The cell that
            // holds the parcel is always one of them (weight >= 1/4) and is ocean.
            const double cx = p.x[k] - 0.5, cy = p.y[k] - 0.5;
            const int i0 = static_cast<int>(std::floor(cx)), j0 = static_cast<int>(std::floor(cy));
            const double wx = cx - i0, wy = cy - j0;
            std::uint32_t corner[4];
            double w[4];
            int m = 0;
            double sum = 0;
            for (int dj = 0; dj < 2; ++dj)
                for (int di = 0; di < 2; ++di) {
                    const int ii = i0 + di, jj = j0 + dj;
                    if (ii < 0 || jj < 0 || ii >= g.nx || jj >= g.ny) continue;
                    const std::size_t cell = static_cast<std::size_t>(jj) * g.nx + ii;
                    if (!ocean[cell]) continue;
                    const double weight = (di ? wx : 1 - wx) * (dj ? wy : 1 - wy);
                    if (weight <= 0) continue;
                    corner[m] = static_cast<std::uint32_t>(cell);
                    w[m++] = weight;
                    sum += weight;
                }
            for (int q = 0; q < m; ++q) {
                const float weight = share * static_cast<float>(w[q] / sum);
                auto it = std::find_if(row.begin(), row.end(),
                                       [&](const auto& e) { return e.first == corner[q]; });
                if (it == row.end())
                    row.emplace_back(corner[q], weight);
                else
                    it->second += weight;
            }
        }
        std::sort(row.begin(), row.end());  // targets in memory order: applying reads less
        for (const auto& [target, weight] : row) {
            t.targets.push_back(target);
            t.weights.push_back(weight);
        }
        t.offsets[c + 1] = static_cast<std::uint32_t>(t.targets.size());
    }
    return t;
}

void applyAdvectionTransfer(const AdvectionTransfer& t, const float* in, float* out,
                            std::size_t cells) {
    if (t.offsets.size() != cells + 1)
        throw std::invalid_argument("the advection transfer is for another grid");
    std::fill(out, out + cells, 0.0f);
    for (std::size_t c = 0; c < cells; ++c) {
        const float m = in[c];
        if (m == 0.0f) continue;  // maps are mostly empty
        for (std::uint32_t e = t.offsets[c]; e < t.offsets[c + 1]; ++e)
            out[t.targets[e]] += m * t.weights[e];
    }
}

}  // namespace driftlab
