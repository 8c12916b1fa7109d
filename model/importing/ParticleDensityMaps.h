#pragma once
// Density maps of imported particles with DriftLab's own histogram and mass-conserving
// smoothing (DensityMapper): a release's map on a day after its start, the fraction of its
// particles still in the domain and the fraction beached.
#include <vector>

#include "drift/DensityMapper.h"
#include "importing/ReleaseGrouping.h"
#include "ocean/CurrentFields.h"

namespace driftlab {

class ParticleDensityMaps {
public:
    // `fields` and `particles` must outlive this.
    ParticleDensityMaps(const CurrentFields& fields, double sigmaCells,
                        const std::vector<ImportedParticle>& particles);

    // Active and beached members on the grid count; gone and unknown ones do not.
    void dayMap(const ParticleGroup& g, int day, std::vector<float>& map, float& mass,
                float& beached);

private:
    const Grid& grid_;
    const std::vector<ImportedParticle>& particles_;
    DensityMapper mapper_;
    double centre_;  // the grid's middle longitude: particles are wrapped around it
    std::vector<double> x_, y_, counts_;
    std::vector<bool> counted_;
};

}  // namespace driftlab
