#include "drift/Simulator.h"

#include <cmath>
#include <string>

#include "core/InputError.h"

namespace driftlab {

Simulator::Simulator(const CurrentFields& fields, SimulationParams params)
    : fields_(fields),
      params_(params),
      advector_(fields, params.khM2s),
      mapper_(fields.mask, params.sigmaCells) {
    checkParams(params_);
}

void Simulator::checkParams(const SimulationParams& params) {
    const double steps = 24.0 / params.dtHours;
    if (!(params.dtHours > 0.0) || std::abs(steps - std::round(steps)) > 1e-9) {
        throw InputError("simulation: the time step (" + std::to_string(params.dtHours) +
                         " h) must divide 24 h");
    }
    if (params.outputDays < 1) throw InputError("simulation: need at least 1 output day");
    if (!(params.khM2s >= 0.0)) throw InputError("simulation: Kh must be >= 0");
}

Particles Simulator::place(const ReleaseSpec& r, Random& rng) const {
    const Grid& g = fields_.grid();
    Particles p;
    p.x.reserve(r.particles);
    p.y.reserve(r.particles);
    const double lat1 = r.lat * kDegToRad, lon1 = r.lon * kDegToRad;
    const double maxAngle = r.radiusKm * 1e3 / kEarthRadiusM;
    for (int n = 0; n < r.particles; ++n) {
        // Uniform in the disc: distance ~ R sqrt(U), bearing uniform; then the great-circle
        // destination from the centre.
        const double delta = maxAngle * std::sqrt(rng.uniform());
        const double bearing = 2.0 * kPi * rng.uniform();
        const double lat2 = std::asin(std::sin(lat1) * std::cos(delta) +
                                      std::cos(lat1) * std::sin(delta) * std::cos(bearing));
        const double lon2 = lon1 + std::atan2(std::sin(bearing) * std::sin(delta) * std::cos(lat1),
                                              std::cos(delta) - std::sin(lat1) * std::sin(lat2));
        const double lonDeg = lon2 / kDegToRad, latDeg = lat2 / kDegToRad;
        if (!fields_.mask.isOceanAt(lonDeg, latDeg)) continue;
        p.x.push_back((lonDeg - g.lonMin) / g.dLon);
        p.y.push_back((latDeg - g.latMin) / g.dLat);
    }
    p.state.assign(p.x.size(), ParticleState::Active);
    return p;
}

ReleaseResult Simulator::simulate(const ReleaseSpec& r, std::uint64_t seed, std::uint64_t stream,
                                  bool keepSnapshots) const {
    if (r.day < 0 || r.day > lastReleaseDay()) {
        throw InputError("release day " + std::to_string(r.day) + " is outside 0.." +
                         std::to_string(lastReleaseDay()) +
                         " (currents must cover every output day)");
    }
    if (!fields_.mask.isOceanAt(r.lon, r.lat)) {
        throw InputError("release centre is on land or outside the domain");
    }
    if (r.particles < 1 || !(r.radiusKm >= 0.0)) {
        throw InputError("release needs at least one particle and a radius >= 0");
    }
    Random rng(seed, stream);
    Particles p = place(r, rng);
    ReleaseResult out;
    out.placed = static_cast<int>(p.size());
    const int days = params_.outputDays;
    out.maps.resize(days + 1);
    out.mass.resize(days + 1);
    out.beached.resize(days + 1);
    const int stepsPerDay = static_cast<int>(std::lround(24.0 / params_.dtHours));
    const double dt = params_.dtHours * 3600.0;
    std::vector<double> counts;
    std::vector<bool> counted(p.size());
    for (int day = 0; day <= days; ++day) {
        if (day > 0) {
            for (int s = 0; s < stepsPerDay; ++s) {
                const double t = (r.day + day - 1) * 86400.0 + s * dt;
                out.particleSteps += advector_.step(p, t, dt, rng);
            }
        }
        int inDomain = 0, beached = 0;
        for (std::size_t n = 0; n < p.size(); ++n) {
            counted[n] = p.state[n] != ParticleState::Gone;
            inDomain += counted[n];
            beached += p.state[n] == ParticleState::Beached;
        }
        const CellBox box = mapper_.histogram(p.x, p.y, counted, counts);
        mapper_.smooth(counts, box, out.placed, out.maps[day]);
        out.mass[day] =
            out.placed ? static_cast<float>(static_cast<double>(inDomain) / out.placed) : 0.0f;
        out.beached[day] =
            out.placed ? static_cast<float>(static_cast<double>(beached) / out.placed) : 0.0f;
        if (keepSnapshots) out.snapshots.push_back(p);
    }
    return out;
}

}  // namespace driftlab
