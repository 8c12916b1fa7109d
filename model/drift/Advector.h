#pragma once
// Moves particles through current fields: 4th-order Runge-Kutta in time, bilinear
// interpolation in space between cell centres, linear interpolation in time between fields
// (daily, or the fields' own step).
// Positions are kept in grid units: X = (lon - lonMin) / dLon, Y = (lat - latMin) / dLat.
//
// The land rule: a particle whose step (advection, then diffusion) would end in a land cell, or
// cross one on the straight way there, stays where it was and is beached from then on (it no
// longer moves but still counts in the density, on its last ocean cell).
// A particle whose step ends outside the grid has left the domain and is removed.
#include <cstdint>
#include <vector>

#include "core/Random.h"
#include "ocean/CurrentFields.h"

namespace driftlab {

enum class ParticleState : std::uint8_t { Active = 0, Beached = 1, Gone = 2 };

struct Particles {
    std::vector<double> x, y;  // grid units (see above)
    std::vector<ParticleState> state;
    std::size_t size() const { return x.size(); }
};

class Advector {
public:
    // khM2s: horizontal diffusivity of an optional random walk (0: none). allowSimd: use the
    // AVX2 interpolation where the CPU has it (same results; off only to test that).
    Advector(const CurrentFields& fields, double khM2s = 0.0, bool allowSimd = true);
    static bool simdAvailable();

    // Velocity in grid units per second at (x, y) and time t (seconds since field 0).
    void velocity(double x, double y, double t, double& dxdt, double& dydt) const;
    // One RK4 step of length dt (s) from time t for every active particle; returns how many
    // particles were active (the particle-steps done).
    std::size_t step(Particles& p, double t, double dt, Random& rng) const;

    const CurrentFields& fields() const { return fields_; }

private:
    // The interleaved (u, v) field at time t: a stored day when t falls on one, else the blend
    // of the two days around t written into `buffer`. The same for every particle at an RK4
    // stage, so the time interpolation is done once per stage over the grid, not per particle.
    const float* fieldAt(double t, std::vector<float>& buffer) const;
    void sample(const float* uv, double x, double y, double& dxdt, double& dydt) const;
    void sample4(const float* uv, const double* x, const double* y, double* dxdt,
                 double* dydt) const;
    void sampleBatch(const float* uv, const double* x, const double* y, double* dxdt, double* dydt,
                     int n) const;

    const CurrentFields& fields_;
    double kh_;
    std::uint64_t id_;  // unique per advector: keys the per-thread cache of blended fields
    bool simd_;
    std::vector<float> uv_;      // days x cells x (u/dx, v/dy) in grid units per second
    std::vector<double> invDx_;  // per row: 1 / (east-west cell size in m)
    double invDy_;
};

}  // namespace driftlab
