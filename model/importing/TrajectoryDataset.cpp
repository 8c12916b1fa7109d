#include "importing/TrajectoryDataset.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "DriftLabVersion.h"
#include "core/Random.h"
#include "data/DatasetWriter.h"
#include "data/DriftDataset.h"
#include "drift/ReleasePlanner.h"
#include "importing/SourcePoints.h"
#include "importing/TargetGrid.h"

namespace driftlab {

CurrentFields trajectoryFields(const TrajectoryImportOptions& o,
                               const std::vector<ImportedParticle>& particles,
                               const std::vector<ParticleGroup>& groups, int D,
                               std::vector<std::string>& notes) {
    if (!o.gridPath.empty()) {
        const DriftDataset grid = DriftDataset::open(o.gridPath);
        return grid.readAllCurrents();
    }
    // The box of everything the maps will show.
    double west = 1e300, east = -1e300, south = 1e300, north = -1e300;
    const double ref = particles.front().lon0;
    for (const ParticleGroup& g : groups)
        for (std::size_t m : g.members)
            for (int d = 0; d <= D; ++d) {
                const ImportedParticle& p = particles[m];
                if (p.state[d] == ParticleState::Gone || p.state[d] == ParticleState::Unknown)
                    continue;
                const double lo = wrapLongitude(p.lon[d], ref);
                west = std::min(west, lo);
                east = std::max(east, lo);
                south = std::min(south, static_cast<double>(p.lat[d]));
                north = std::max(north, static_cast<double>(p.lat[d]));
            }
    int firstDay = 1 << 30, lastDay = -(1 << 30);
    for (const ParticleGroup& g : groups) {
        firstDay = std::min(firstDay, g.releaseDate());
        lastDay = std::max(lastDay, g.releaseDate() + D);
    }
    const double res = o.resolutionDeg.value_or(1.0 / 16.0);
    double w = west - 2 * res, e = east + 2 * res, s = south - 2 * res, n = north + 2 * res;
    if (o.lonRange) std::tie(w, e) = *o.lonRange;
    if (o.latRange) std::tie(s, n) = *o.latRange;
    const Grid g = importGrid(w, e, s, n, res, notes);
    CurrentFields f = stillOcean(g, firstDay, lastDay);
    notes.push_back(
        "no --grid: the dataset has no currents (zero velocity, all ocean); browse it and take "
        "its mean, or import the currents and give them with --grid CURRENTS.h5 to train on it");
    return f;
}

CurrentFields stillOcean(const Grid& g, int firstDay, int lastDay) {
    CurrentFields f;
    f.mask = OceanMask(g, std::vector<std::uint8_t>(g.cellCount(), 1));
    f.startDay = firstDay;
    f.days = lastDay - firstDay + 1;
    f.u.assign(static_cast<std::size_t>(f.days) * g.cellCount(), 0.0f);
    f.v = f.u;
    return f;
}

// Train / val / test by the options, as the generator draws them.
void splitReleases(std::vector<ReleaseSpec>& specs, const TrajectoryImportOptions& o) {
    ReleasePlan plan;
    plan.splitMode = o.splitMode;
    plan.valFraction = o.valFraction;
    plan.testFraction = o.testFraction;
    Random rng(o.seed, 0x5E1EA5E);
    assignSplits(specs, plan, rng);
}

Attributes importAttributes(const std::string& kind, const std::vector<std::string>& paths,
                            const std::string& grouping, const TrajectoryImportOptions& o,
                            const std::string& history, int outputDays, std::size_t particles,
                            int releases, bool smoothed) {
    std::string files;
    for (const auto& p : paths) files += (files.empty() ? "" : " ") + p;
    Attributes a = {
        {"driftlab_version", std::string(kDriftLabVersion)},
        {"history", history},
        {"source", "trajectories simulated by " + kind +
                       ", imported by driftlab "
                       "import-trajectories: " +
                       files},
        {"references", std::string("Jenkins et al. 2022, UncertainDrift, arXiv:2204.05891")},
        {"import_kind", kind},
        {"import_files", files},
        {"import_grouping", grouping},
        {"import_currents", o.gridPath.empty() ? std::string("none") : o.gridPath},
        {"generator_output_days", static_cast<std::int64_t>(outputDays)},
        {"generator_releases", static_cast<std::int64_t>(releases)},
        {"generator_particles_per_release",
         static_cast<std::int64_t>(releases > 0 ? particles / static_cast<std::size_t>(releases)
                                                : 0)},
        {"generator_seed", static_cast<std::int64_t>(o.seed)},
        {"generator_split_mode", std::string(splitModeName(o.splitMode))},
        {"generator_val_fraction", o.valFraction},
        {"generator_test_fraction", o.testFraction},
    };
    if (smoothed) a.push_back({"generator_sigma_cells", o.sigmaCells});
    return a;
}

void writeImportedDataset(const std::string& path, const CurrentFields& fields,
                          const std::vector<ReleaseSpec>& specs, int D,
                          const Attributes& attributes, const std::vector<int>& placed,
                          const ReleaseDayMap& mapOf, double progressFrom,
                          const JobControl& control) {
    DatasetWriter writer(path, fields, specs, D, attributes);
    writer.writeCurrents(1);
    std::vector<float> map;
    for (std::size_t k = 0; k < specs.size(); ++k) {
        control.throwIfStopped();
        EncodedRelease enc;
        enc.placed = placed[k];
        enc.tiles.resize(static_cast<std::size_t>(D) + 1);
        for (int d = 0; d <= D; ++d) {
            float mass = 0, beached = 0;
            mapOf(k, d, map, mass, beached);
            enc.mass.push_back(mass);
            enc.beached.push_back(beached);
            writer.codec().encode(map, enc.tiles[d]);
        }
        writer.writeRelease(static_cast<int>(k), enc);
        control.report(progressFrom + (1.0 - progressFrom) * static_cast<double>(k + 1) /
                                          static_cast<double>(specs.size()),
                       "density maps");
    }
    writer.finish();
}

}  // namespace driftlab
