#include "importing/ReleaseGrouping.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "core/InputError.h"
#include "importing/SourcePoints.h"
#include "importing/TrajectoryLayout.h"
#include "ocean/Grid.h"

namespace driftlab {

double distanceKm(double lon1, double lat1, double lon2, double lat2) {
    const double dx = wrapDelta(lon2, lon1) * std::cos(0.5 * (lat1 + lat2) * kDegToRad);
    return 111.195 * std::hypot(dx, lat2 - lat1);
}

int ParticleGroup::releaseDate() const {
    return static_cast<int>(std::floor(startDay + kSameTimeDays));
}

std::vector<ParticleGroup> groupParticles(const std::vector<ImportedParticle>& ps, bool byEnsemble,
                                          double radiusKm) {
    std::vector<ParticleGroup> groups;
    if (byEnsemble) {
        std::map<double, ParticleGroup> byValue;
        for (std::size_t k = 0; k < ps.size(); ++k) byValue[ps[k].ensemble].members.push_back(k);
        for (auto& [value, g] : byValue) groups.push_back(std::move(g));
    } else {
        std::vector<std::size_t> order(ps.size());
        for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return ps[a].startDay < ps[b].startDay - kSameTimeDays;
        });
        std::size_t first = 0;
        while (first < order.size()) {
            std::size_t end = first;
            while (end < order.size() &&
                   ps[order[end]].startDay - ps[order[first]].startDay <= kSameTimeDays)
                ++end;
            // Same start time: one release per cluster of start positions.
            std::vector<ParticleGroup> here;
            for (std::size_t k = first; k < end; ++k) {
                const ImportedParticle& p = ps[order[k]];
                ParticleGroup* g = nullptr;
                for (ParticleGroup& c : here) {
                    const ImportedParticle& seed = ps[c.members.front()];
                    if (distanceKm(seed.lon0, seed.lat0, p.lon0, p.lat0) <= radiusKm) {
                        g = &c;
                        break;
                    }
                }
                if (!g) g = &here.emplace_back();
                g->members.push_back(order[k]);
            }
            for (ParticleGroup& g : here) groups.push_back(std::move(g));
            first = end;
        }
    }
    for (ParticleGroup& g : groups) {
        g.startDay = ps[g.members.front()].startDay;
        g.days = 1 << 30;
        for (std::size_t m : g.members) {
            g.startDay = std::min(g.startDay, ps[m].startDay);
            g.days = std::min(g.days, ps[m].coveredDays());
        }
    }
    return groups;
}

std::vector<ParticleGroup> groupsCovering(std::vector<ParticleGroup> groups,
                                          std::optional<int> given, int& outputDays, int& dropped,
                                          std::vector<std::string>& notes) {
    int D = 0;
    if (given) {
        D = *given;
    } else {
        D = 1 << 30;
        for (const ParticleGroup& g : groups)
            if (g.days >= 1) D = std::min(D, g.days);
        if (D == (1 << 30))
            throw InputError("the trajectories cover less than one day after their start");
    }
    std::vector<ParticleGroup> kept;
    for (ParticleGroup& g : groups)
        if (g.days >= D) kept.push_back(std::move(g));
    dropped = static_cast<int>(groups.size() - kept.size());
    if (dropped > 0)
        notes.push_back(std::to_string(dropped) + " release(s) cover fewer than " +
                        std::to_string(D) + " days and were left out");
    if (kept.empty()) throw InputError("no release covers " + std::to_string(D) + " days");
    std::stable_sort(kept.begin(), kept.end(), [](const ParticleGroup& a, const ParticleGroup& b) {
        return a.startDay < b.startDay - kSameTimeDays;
    });
    outputDays = D;
    return kept;
}

ReleaseSpec releaseOf(const ParticleGroup& g, const std::vector<ImportedParticle>& particles) {
    ReleaseSpec r;
    double sl = 0, sa = 0;
    const double lref = particles[g.members.front()].lon0;
    for (std::size_t m : g.members) {
        sl += wrapLongitude(particles[m].lon0, lref);
        sa += particles[m].lat0;
    }
    r.lon = sl / g.members.size();
    r.lat = sa / g.members.size();
    double radius = 0;
    for (std::size_t m : g.members)
        radius = std::max(radius, distanceKm(r.lon, r.lat, particles[m].lon0, particles[m].lat0));
    r.radiusKm = radius;
    r.particles = static_cast<int>(g.members.size());
    return r;
}

}  // namespace driftlab
