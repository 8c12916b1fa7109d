#pragma once
// The Lagrangian simulator: releases a cloud of particles, advects it day by day through the
// current fields and makes one density map per output day (day 0 = release).
#include <cstdint>
#include <vector>

#include "drift/Advector.h"
#include "drift/DensityMapper.h"
#include "drift/Release.h"

namespace driftlab {

struct SimulationParams {
    int outputDays = 10;      // maps on days 0..outputDays
    double dtHours = 6.0;     // RK4 step; must divide 24 h
    double khM2s = 0.0;       // random-walk diffusivity (0: none)
    double sigmaCells = 1.0;  // Gaussian smoothing of the maps
};

struct ReleaseResult {
    int placed = 0;                        // particles actually released (not on land)
    std::vector<std::vector<float>> maps;  // outputDays + 1 maps, ny x nx, sum = mass[day]
    std::vector<float> mass;               // fraction of placed particles still in the domain
    std::vector<float> beached;            // fraction of placed particles beached
    std::vector<Particles> snapshots;      // positions on each output day (only if asked)
    std::uint64_t particleSteps = 0;       // RK4 steps of active particles
};

class Simulator {
public:
    Simulator(const CurrentFields& fields, SimulationParams params);
    // Throws InputError for settings no simulation can run with (a step that does not divide
    // 24 h, no output day, Kh < 0): what the constructor checks, callable before long work.
    static void checkParams(const SimulationParams& params);

    const SimulationParams& params() const { return params_; }
    // Latest release day that still has currents for all output days.
    int lastReleaseDay() const { return fields_.days - 1 - params_.outputDays; }

    // Particles placed uniformly in the geodesic disc; those on land or off the grid are dropped.
    Particles place(const ReleaseSpec& release, Random& rng) const;
    // Simulates one release. `seed` and `stream` fix its random numbers, so the result does not
    // depend on which thread runs it. Throws InputError for an impossible release.
    ReleaseResult simulate(const ReleaseSpec& release, std::uint64_t seed, std::uint64_t stream,
                           bool keepSnapshots = false) const;

private:
    const CurrentFields& fields_;
    SimulationParams params_;
    Advector advector_;
    DensityMapper mapper_;
};

}  // namespace driftlab
