#include "importing/ParticleDensityMaps.h"

#include "importing/SourcePoints.h"

namespace driftlab {

using State = ParticleState;

ParticleDensityMaps::ParticleDensityMaps(const CurrentFields& fields, double sigmaCells,
                                         const std::vector<ImportedParticle>& particles)
    : grid_(fields.grid()),
      particles_(particles),
      mapper_(fields.mask, sigmaCells),
      centre_(grid_.lonMin + 0.5 * grid_.nx * grid_.dLon) {}

void ParticleDensityMaps::dayMap(const ParticleGroup& g, int d, std::vector<float>& map,
                                 float& mass, float& beached) {
    x_.clear();
    y_.clear();
    counted_.clear();
    std::size_t onGrid = 0, ashore = 0;
    for (std::size_t m : g.members) {
        const ImportedParticle& p = particles_[m];
        if (p.state[d] != State::Active && p.state[d] != State::Beached) continue;
        const double X = (wrapLongitude(p.lon[d], centre_) - grid_.lonMin) / grid_.dLon;
        const double Y = (p.lat[d] - grid_.latMin) / grid_.dLat;
        if (X < 0 || Y < 0 || X >= grid_.nx || Y >= grid_.ny) continue;
        x_.push_back(X);
        y_.push_back(Y);
        counted_.push_back(true);
        ++onGrid;
        ashore += p.state[d] == State::Beached;
    }
    const CellBox box = mapper_.histogram(x_, y_, counted_, counts_);
    mapper_.smooth(counts_, box, static_cast<double>(g.members.size()), map);
    mass = static_cast<float>(static_cast<double>(onGrid) / g.members.size());
    beached = static_cast<float>(static_cast<double>(ashore) / g.members.size());
}

}  // namespace driftlab
