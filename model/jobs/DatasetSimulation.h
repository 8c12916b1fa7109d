#pragma once
// The simulation settings a dataset was made with, so that a new release (a click on the map,
// `driftlab release`) is simulated exactly as the dataset's own releases were.
#include <cstdint>
#include <memory>

#include "drift/AdvectionBaseline.h"
#include "drift/SharpAdvection.h"
#include "drift/Simulator.h"

namespace driftlab {

class DriftDataset;

struct DatasetSimulation {
    SimulationParams params;  // outputDays = the dataset's
    std::uint64_t seed = 1;
    int particles = 1000;  // requested per release (those on land are not placed)
    double radiusKm = 5.0;
};

// Reads the generator_* attributes DriftLab's generator writes (generator_dt_hours,
// generator_kh_m2_s, generator_sigma_cells, generator_seed, generator_particles_per_release,
// generator_release_radius_km); outputDays is always the file's. A file without them (made by
// another tool) gets: dt 6 h, Kh 0, sigma 1 cell, seed 1, particles = the median of the release
// table's release_particles (1000 if it is empty), radius = the median release radius (5 km if
// empty). Values that make no sense (a dt that does not divide 24 h, Kh < 0, ...) fall back too.
DatasetSimulation datasetSimulation(const DriftDataset& dataset);

// The numerical-advection baseline of a dataset: all its currents, RK4 sub-steps of its own dt.
std::shared_ptr<const AdvectionBaseline> advectionBaselineOf(const DriftDataset& dataset);

// The Gaussian smoothing of the dataset's maps, in cells, as its generator or trajectory import
// recorded it (generator_sigma_cells); 0 when the file does not say (maps imported as they
// were, another tool's file): the sharp advection then leaves them as the remap does.
double mapSmoothingOf(const DriftDataset& dataset);
// The advection a model's anchor uses on this dataset, around its baseline `remap`: the sharp
// advection with the maps' smoothing, or (sharp false) the remap itself.
std::shared_ptr<const SharpAdvection> modelAdvectionOf(const DriftDataset& dataset,
                                                       std::shared_ptr<const AdvectionBaseline> remap,
                                                       bool sharp);

}  // namespace driftlab
