#include "ocean/FieldDiagnostics.h"

#include <cmath>
#include <cstddef>

namespace driftlab {
namespace {

// Centred difference of f along x (di=1) or y (nx) at (i, j), divided by the index distance.
template <class F>
double diffX(const Grid& g, F f, int i, int j) {
    const int a = i > 0 ? i - 1 : i, b = i < g.nx - 1 ? i + 1 : i;
    return (f(b, j) - f(a, j)) / (b - a);
}
template <class F>
double diffY(const Grid& g, F f, int i, int j) {
    const int a = j > 0 ? j - 1 : j, b = j < g.ny - 1 ? j + 1 : j;
    return (f(i, b) - f(i, a)) / (b - a);
}

}  // namespace

std::vector<double> divergence(const Grid& g, const float* u, const float* v) {
    std::vector<double> out(g.cellCount());
    const double dl = g.dLon * kDegToRad, dp = g.dLat * kDegToRad;
    auto U = [&](int i, int j) {
        return static_cast<double>(u[static_cast<std::size_t>(j) * g.nx + i]);
    };
    auto VC = [&](int i, int j) {
        return v[static_cast<std::size_t>(j) * g.nx + i] * std::cos(g.lat(j) * kDegToRad);
    };
    for (int j = 0; j < g.ny; ++j) {
        const double rc = kEarthRadiusM * std::cos(g.lat(j) * kDegToRad);
        for (int i = 0; i < g.nx; ++i) {
            out[static_cast<std::size_t>(j) * g.nx + i] =
                (diffX(g, U, i, j) / dl + diffY(g, VC, i, j) / dp) / rc;
        }
    }
    return out;
}

std::vector<double> relativeVorticity(const Grid& g, const float* u, const float* v) {
    std::vector<double> out(g.cellCount());
    const double dl = g.dLon * kDegToRad, dp = g.dLat * kDegToRad;
    auto V = [&](int i, int j) {
        return static_cast<double>(v[static_cast<std::size_t>(j) * g.nx + i]);
    };
    auto UC = [&](int i, int j) {
        return u[static_cast<std::size_t>(j) * g.nx + i] * std::cos(g.lat(j) * kDegToRad);
    };
    for (int j = 0; j < g.ny; ++j) {
        const double rc = kEarthRadiusM * std::cos(g.lat(j) * kDegToRad);
        for (int i = 0; i < g.nx; ++i) {
            out[static_cast<std::size_t>(j) * g.nx + i] =
                (diffX(g, V, i, j) / dl - diffY(g, UC, i, j) / dp) / rc;
        }
    }
    return out;
}

std::vector<float> speed(const Grid& g, const float* u, const float* v) {
    std::vector<float> out(g.cellCount());
    for (std::size_t k = 0; k < out.size(); ++k) out[k] = std::hypot(u[k], v[k]);
    return out;
}

}  // namespace driftlab
