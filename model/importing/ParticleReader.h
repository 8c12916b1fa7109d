#pragma once
// Particles read from trajectory files and sampled once a day: where each started and where it
// was 0, 1, 2, ... days later, with OpenDrift's status (stranded, deactivated) and the days the
// file no longer covers.
#include <cstdint>
#include <string>
#include <vector>

#include "core/JobControl.h"
#include "importing/TrajectoryImporter.h"
#include "netcdf/NcFile.h"

namespace driftlab {

enum class ParticleState : std::uint8_t { Active = 0, Beached = 1, Gone = 2, Unknown = 3 };

struct ImportedParticle {
    double startDay = 0;  // days since 1970
    double lon0 = 0, lat0 = 0;
    double ensemble = 0;
    std::vector<float> lon, lat;  // per day after start
    std::vector<ParticleState> state;
    int coveredDays() const;  // last day with a known state, -1 for none
};

struct ParticleSet {
    std::vector<ImportedParticle> particles;
    bool byEnsemble = false;  // the files carry an ensemble variable
    std::string kind;         // "OpenDrift", ..., "several kinds"
};

// Reads every particle with a valid position (a note per file for those without). Reports
// progress 0 .. 0.5. Throws JobCancelled if stopped.
ParticleSet readParticles(const std::vector<nc::File>& files, const TrajectoryImportOptions& o,
                          const JobControl& control, std::vector<std::string>& notes);

// Longitude difference a - b, the short way round.
double wrapDelta(double a, double b);

}  // namespace driftlab
