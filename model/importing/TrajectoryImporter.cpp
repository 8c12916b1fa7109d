#include "importing/TrajectoryImporter.h"

#include <sstream>
#include <stdexcept>

#include "core/InputError.h"
#include "data/AtomicFile.h"
#include "importing/DensityMapImport.h"
#include "importing/ImportProbe.h"
#include "importing/ParticleDensityMaps.h"
#include "importing/ParticleReader.h"
#include "importing/ReleaseGrouping.h"
#include "importing/TrajectoryDataset.h"
#include "importing/TrajectoryLayout.h"
#include "netcdf/CfTime.h"
#include "netcdf/NcFile.h"
#include "ocean/CivilDate.h"

namespace driftlab {

using nc::File;

TrajectoryImportResult importTrajectories(const std::vector<std::string>& paths,
                                          const TrajectoryImportOptions& o,
                                          const std::string& outPath, const std::string& history,
                                          const JobControl& control) {
    if (paths.empty()) throw InputError("no input files");
    if (!(o.sigmaCells >= 0 && o.sigmaCells <= 20))
        throw InputError("--sigma must be in 0..20 cells");
    probeImportFiles(paths, [&] { inspectTrajectoryFiles(paths, o.ensembleVar); });
    std::vector<File> files;
    for (const auto& p : paths) files.push_back(File::open(p));
    if (files.front().hasVariable("density_map"))
        return importDensityMaps(files, o, outPath, history, control);
    AtomicFile out(outPath);  // checks the folder before any work

    TrajectoryImportResult R;
    const ParticleSet read = readParticles(files, o, control, R.notes);
    const std::vector<ImportedParticle>& particles = read.particles;
    if (particles.empty()) throw InputError("no particle with a valid position");
    R.kind = read.kind;
    R.particles = particles.size();

    int D = 0;
    const std::vector<ParticleGroup> kept =
        groupsCovering(groupParticles(particles, read.byEnsemble, o.groupRadiusKm), o.outputDays, D,
                       R.droppedReleases, R.notes);
    const CurrentFields fields = trajectoryFields(o, particles, kept, D, R.notes);

    // Releases: the groups whose days the currents cover.
    std::vector<ReleaseSpec> specs;
    std::vector<const ParticleGroup*> used;
    std::vector<int> placed;
    int outside = 0;
    for (const ParticleGroup& g : kept) {
        const int day = g.releaseDate() - fields.startDay;
        if (day < 0 || day + D > fields.days - 1) {
            ++outside;
            continue;
        }
        ReleaseSpec r = releaseOf(g, particles);
        r.day = day;
        specs.push_back(r);
        used.push_back(&g);
        placed.push_back(r.particles);
    }
    if (outside > 0) {
        R.droppedReleases += outside;
        R.notes.push_back(std::to_string(outside) + " release(s) fall outside the days of " +
                          o.gridPath + "'s currents (" + formatDate(fields.startDay) + " .. " +
                          formatDate(fields.startDay + fields.days - 1) + ") and were left out");
    }
    if (specs.empty()) throw InputError("no release falls within the currents' days");
    splitReleases(specs, o);

    const std::string grouping = read.byEnsemble ? "by the ensemble variable"
                                                 : "by start time and place (within " +
                                                       std::to_string(o.groupRadiusKm) + " km)";
    const Attributes attributes = importAttributes(read.kind, paths, grouping, o, history, D,
                                                   R.particles, static_cast<int>(specs.size()),
                                                   true);
    ParticleDensityMaps maps(fields, o.sigmaCells, particles);
    const auto mapOf = [&](std::size_t k, int d, std::vector<float>& map, float& mass,
                           float& beached) { maps.dayMap(*used[k], d, map, mass, beached); };
    writeImportedDataset(out.tempPath(), fields, specs, D, attributes, placed, mapOf, 0.5, control);
    out.commit();
    R.releases = static_cast<int>(specs.size());
    R.outputDays = D;
    return R;
}

TrajectoryFileInfo inspectTrajectories(const std::vector<std::string>& paths,
                                       const std::string& ensembleVar) {
    probeImportFiles(paths, [&] { inspectTrajectoryFiles(paths, ensembleVar); });
    return inspectTrajectoryFiles(paths, ensembleVar);
}

std::string TrajectoryImportResult::summary() const {
    std::ostringstream s;
    s << kind << ": " << particles << " particles in " << releases << " releases, days 0.."
      << outputDays;
    if (droppedReleases > 0) s << " (" << droppedReleases << " releases left out)";
    s << "\n";
    for (const auto& n : notes) s << "note      " << n << "\n";
    return s.str();
}

}  // namespace driftlab
