#include "drift/Advector.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <atomic>
#include <cmath>
#include <stdexcept>

namespace driftlab {

namespace {
std::atomic<std::uint64_t> gNextAdvectorId{1};
}

Advector::Advector(const CurrentFields& fields, double khM2s, bool allowSimd)
    : fields_(fields),
      kh_(khM2s),
      id_(gNextAdvectorId.fetch_add(1)),
      simd_(allowSimd && simdAvailable()) {
    const Grid& g = fields.grid();
    invDx_.resize(g.ny);
    for (int j = 0; j < g.ny; ++j) invDx_[j] = 1.0 / g.cellWidthM(j);
    invDy_ = 1.0 / g.cellHeightM();
    if (g.nx < 2 || g.ny < 2 || fields.days < 1) {
        throw std::invalid_argument(
            "advection needs a grid of at least 2 x 2 cells and one day of currents");
    }
    const std::size_t cells = g.cellCount();
    uv_.resize(2 * cells * static_cast<std::size_t>(fields.fieldCount()));
    for (int k = 0; k < fields.fieldCount(); ++k) {
        const float* u = fields.uField(k);
        const float* v = fields.vField(k);
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
    const int last = fields_.fieldCount() - 1;
    const double td = fields_.stepsPerDay == 1 ? t * (1.0 / 86400.0) : t / fields_.stepSeconds();
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

inline void Advector::sample(const float* uv, double x, double y, double& dxdt,
                             double& dydt) const {
    const Grid& g = fields_.grid();
    const int nx = g.nx, ny = g.ny;
    // Cell-centre coordinates; clamp so the edge half-cells use the edge values.
    const double cx = std::clamp(x - 0.5, 0.0, nx - 1.0);
    const double cy = std::clamp(y - 0.5, 0.0, ny - 1.0);
    const int i0 = std::min(static_cast<int>(cx), nx - 2);
    const int j0 = std::min(static_cast<int>(cy), ny - 2);
    // Interpolation weights in single precision: the fields are float32, positions stay double.
    const float wx = static_cast<float>(cx - i0), wy = static_cast<float>(cy - j0);
    const float* a = uv + 2 * (static_cast<std::size_t>(j0) * nx + i0);  // (u, v) at i0, i0 + 1
    const float* b = a + 2 * static_cast<std::size_t>(nx);               // the row above
    const float u0 = a[0] + wy * (b[0] - a[0]), v0 = a[1] + wy * (b[1] - a[1]);
    const float u1 = a[2] + wy * (b[2] - a[2]), v1 = a[3] + wy * (b[3] - a[3]);
    dxdt = u0 + wx * (u1 - u0);
    dydt = v0 + wx * (v1 - v0);
}

#if defined(__x86_64__)
// Four particles at once with AVX2: the same operations as sample(), in the same order and
// precision (no FMA), so both paths give the same bits (tested). Vector index arithmetic, then
// the interpolation two particles per register.
__attribute__((target("avx2"))) void Advector::sample4(const float* uv, const double* x,
                                                       const double* y, double* dxdt,
                                                       double* dydt) const {
    const Grid& g = fields_.grid();
    const __m256d half = _mm256_set1_pd(0.5), zero = _mm256_setzero_pd();
    const __m256d cx = _mm256_min_pd(_mm256_max_pd(_mm256_sub_pd(_mm256_loadu_pd(x), half), zero),
                                     _mm256_set1_pd(g.nx - 1.0));
    const __m256d cy = _mm256_min_pd(_mm256_max_pd(_mm256_sub_pd(_mm256_loadu_pd(y), half), zero),
                                     _mm256_set1_pd(g.ny - 1.0));
    const __m128i i0 = _mm_min_epi32(_mm256_cvttpd_epi32(cx), _mm_set1_epi32(g.nx - 2));
    const __m128i j0 = _mm_min_epi32(_mm256_cvttpd_epi32(cy), _mm_set1_epi32(g.ny - 2));
    alignas(16) float wx[4], wy[4];
    _mm_store_ps(wx, _mm256_cvtpd_ps(_mm256_sub_pd(cx, _mm256_cvtepi32_pd(i0))));
    _mm_store_ps(wy, _mm256_cvtpd_ps(_mm256_sub_pd(cy, _mm256_cvtepi32_pd(j0))));
    alignas(16) int cell[4];
    _mm_store_si128(reinterpret_cast<__m128i*>(cell),
                    _mm_add_epi32(_mm_mullo_epi32(j0, _mm_set1_epi32(g.nx)), i0));
    const std::size_t row = 2 * static_cast<std::size_t>(g.nx);
    // Two particles per 256-bit register: each half holds one particle's (u, v) at its left and
    // right corner, one 16-byte load per grid row (no gathers: they are slow on many CPUs).
    for (int k = 0; k < 4; k += 2) {
        const float* a0 = uv + 2 * static_cast<std::size_t>(cell[k]);
        const float* a1 = uv + 2 * static_cast<std::size_t>(cell[k + 1]);
        const __m256 lo = _mm256_loadu2_m128(a1, a0);              // row j0
        const __m256 hi = _mm256_loadu2_m128(a1 + row, a0 + row);  // row j0 + 1
        const __m256 wyv = _mm256_set_m128(_mm_set1_ps(wy[k + 1]), _mm_set1_ps(wy[k]));
        const __m256 wxv = _mm256_set_m128(_mm_set1_ps(wx[k + 1]), _mm_set1_ps(wx[k]));
        const __m256 cols =
            _mm256_add_ps(lo, _mm256_mul_ps(wyv, _mm256_sub_ps(hi, lo)));         // u0 v0 u1 v1
        const __m256 swapped = _mm256_permute_ps(cols, _MM_SHUFFLE(1, 0, 3, 2));  // u1 v1 u0 v0
        const __m256 out = _mm256_add_ps(cols, _mm256_mul_ps(wxv, _mm256_sub_ps(swapped, cols)));
        alignas(32) float r[8];
        _mm256_store_ps(r, out);
        dxdt[k] = r[0];
        dydt[k] = r[1];
        dxdt[k + 1] = r[4];
        dydt[k + 1] = r[5];
    }
}
#endif

void Advector::sampleBatch(const float* uv, const double* x, const double* y, double* dxdt,
                           double* dydt, int n) const {
    int q = 0;
#if defined(__x86_64__)
    if (simd_) {
        for (; q + 4 <= n; q += 4) sample4(uv, x + q, y + q, dxdt + q, dydt + q);
    }
#endif
    for (; q < n; ++q) sample(uv, x[q], y[q], dxdt[q], dydt[q]);
}

bool Advector::simdAvailable() {
#if defined(__x86_64__)
    static const bool avx2 = __builtin_cpu_supports("avx2");
    return avx2;
#else
    return false;
#endif
}

void Advector::velocity(double x, double y, double t, double& dxdt, double& dydt) const {
    std::vector<float> buffer;
    sample(fieldAt(t, buffer), x, y, dxdt, dydt);
}

// Built twice, with AVX2 and for any x86-64 (the RK4 sums vectorise), picked at load time.
// clang before 16 emits C++ member target_clones under names that do not link from a shared
// library: the fuzz build (clang) takes one plain version.
#if defined(__clang__) && __clang_major__ < 16
#define DRIFTLAB_AVX2_CLONES
#else
#define DRIFTLAB_AVX2_CLONES __attribute__((target_clones("avx2", "default")))
#endif
DRIFTLAB_AVX2_CLONES std::size_t Advector::step(Particles& p, double t, double dt,
                                                Random& rng) const {
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
        if (span <= 0.5) {  // the usual case: one look at the end cell
            if (ocean[static_cast<std::size_t>(yb) * g.nx + static_cast<std::size_t>(xb)])
                return false;
            verdict = ParticleState::Beached;
            return true;
        }
        const int samples = static_cast<int>(std::ceil(2.0 * span));
        const double inv = 1.0 / samples;
        for (int k = 1; k <= samples; ++k) {
            const double f = k * inv;
            const double x = xa + f * (xb - xa), y = ya + f * (yb - ya);
            const std::size_t cell =
                static_cast<std::size_t>(y) * g.nx + static_cast<std::size_t>(x);
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
    constexpr int kBatch = 128;
    std::size_t idx[kBatch];
    double x0[kBatch], y0[kBatch], ax[kBatch], ay[kBatch], kx[kBatch], ky[kBatch], px[kBatch],
        py[kBatch];
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
        sampleBatch(s0, x0, y0, kx, ky, m);
        for (int q = 0; q < m; ++q) {  // k1
            ax[q] = kx[q];
            ay[q] = ky[q];
            px[q] = x0[q] + h * kx[q];
            py[q] = y0[q] + h * ky[q];
        }
        sampleBatch(sh, px, py, kx, ky, m);
        for (int q = 0; q < m; ++q) {  // k2
            ax[q] += 2.0 * kx[q];
            ay[q] += 2.0 * ky[q];
            px[q] = x0[q] + h * kx[q];
            py[q] = y0[q] + h * ky[q];
        }
        sampleBatch(sh, px, py, kx, ky, m);
        for (int q = 0; q < m; ++q) {  // k3
            ax[q] += 2.0 * kx[q];
            ay[q] += 2.0 * ky[q];
            px[q] = x0[q] + dt * kx[q];
            py[q] = y0[q] + dt * ky[q];
        }
        sampleBatch(s1, px, py, kx, ky, m);
        for (int q = 0; q < m; ++q) {  // k4 and the land / domain rule
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
