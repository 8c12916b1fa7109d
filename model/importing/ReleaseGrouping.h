#pragma once
// Imported particles grouped into releases: by the ensemble variable, else by start time and
// place (the particles starting within a minute and within a radius of each other); the output
// days all releases cover; each release's centre and radius.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "drift/Release.h"
#include "importing/ParticleReader.h"

namespace driftlab {

struct ParticleGroup {
    std::vector<std::size_t> members;  // indices into the particles
    double startDay = 0;               // the earliest member's start, days since 1970
    int days = 0;                      // days every member covers
    int releaseDate() const;           // the date of the start, days since 1970
};

std::vector<ParticleGroup> groupParticles(const std::vector<ImportedParticle>& ps, bool byEnsemble,
                                          double radiusKm);

// The groups that cover `outputDays` days (given, else the fewest days any group of a day or
// more covers; set here), sorted by start. `dropped` counts the others; a note says so. Throws
// InputError when none is left.
std::vector<ParticleGroup> groupsCovering(std::vector<ParticleGroup> groups,
                                          std::optional<int> given, int& outputDays, int& dropped,
                                          std::vector<std::string>& notes);

// A release at the members' mean start position, its radius the farthest member's distance;
// its day is left to the caller.
ReleaseSpec releaseOf(const ParticleGroup& g, const std::vector<ImportedParticle>& ps);

// Distance on the sphere, locally flat (releases are small).
double distanceKm(double lon1, double lat1, double lon2, double lat2);

}  // namespace driftlab
