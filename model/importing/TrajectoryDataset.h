#pragma once
// The dataset an import of trajectories or density maps writes: its grid and currents (--grid's,
// or none on a box around the particles), the releases' train / val / test split, the
// provenance attributes, and the writing of currents and maps.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/JobControl.h"
#include "data/Attribute.h"
#include "drift/Release.h"
#include "importing/ReleaseGrouping.h"
#include "importing/TrajectoryImporter.h"
#include "ocean/CurrentFields.h"

namespace driftlab {

// The grid, mask and currents the dataset gets: --grid's, or a box around where the groups'
// particles go over `outputDays`, with no currents, when none is given.
CurrentFields trajectoryFields(const TrajectoryImportOptions& o,
                               const std::vector<ImportedParticle>& particles,
                               const std::vector<ParticleGroup>& groups, int outputDays,
                               std::vector<std::string>& notes);

// All ocean, zero velocity, over the days firstDay .. lastDay (days since 1970).
CurrentFields stillOcean(const Grid& g, int firstDay, int lastDay);

// Train / val / test by the options, as the generator draws them.
void splitReleases(std::vector<ReleaseSpec>& specs, const TrajectoryImportOptions& o);

// `smoothed`: DriftLab made the maps from particles with o.sigmaCells, and the file records it
// (generator_sigma_cells); maps imported as they were record no smoothing (the sharp advection
// then leaves them as the remap does).
Attributes importAttributes(const std::string& kind, const std::vector<std::string>& paths,
                            const std::string& grouping, const TrajectoryImportOptions& o,
                            const std::string& history, int outputDays, std::size_t particles,
                            int releases, bool smoothed);

// Release `release`'s map on `day` (cells of the grid), the fraction of its particles in the
// domain and beached.
using ReleaseDayMap = std::function<void(std::size_t release, int day, std::vector<float>& map,
                                         float& mass, float& beached)>;

// Writes the dataset to `path`: the currents, then each release's outputDays + 1 maps from
// `mapOf`. `placed`: particles per release. Progress runs from `progressFrom` to 1.
void writeImportedDataset(const std::string& path, const CurrentFields& fields,
                          const std::vector<ReleaseSpec>& specs, int outputDays,
                          const Attributes& attributes, const std::vector<int>& placed,
                          const ReleaseDayMap& mapOf, double progressFrom,
                          const JobControl& control);

}  // namespace driftlab
