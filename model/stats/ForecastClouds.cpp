#include "stats/ForecastClouds.h"

#include <limits>

namespace driftlab {

CloudTrack cloudTrack(const CloudGeometry& geometry, const std::vector<std::vector<float>>& maps,
                      const std::vector<std::vector<float>>* truth) {
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    CloudTrack t;
    for (std::size_t d = 0; d < maps.size(); ++d) {
        const Cloud c = geometry.cloud(maps[d].data());
        t.lon.push_back(c.empty() ? kNaN : c.lon);
        t.lat.push_back(c.empty() ? kNaN : c.lat);
        t.spreadKm.push_back(c.empty() ? kNaN : c.spreadKm);
        if (!truth) continue;
        const Cloud s = geometry.cloud((*truth)[d].data());
        t.separationKm.push_back(c.empty() || s.empty()
                                     ? kNaN
                                     : greatCircleKm(c.lon, c.lat, s.lon, s.lat));
    }
    return t;
}

void addCloudTracks(ForecastRecord& record, const CloudGeometry& geometry) {
    record.simulatedCloud = cloudTrack(geometry, record.simulated);
    if (!record.predicted.empty())
        record.predictedCloud = cloudTrack(geometry, record.predicted, &record.simulated);
    if (!record.advected.empty())
        record.advectedCloud = cloudTrack(geometry, record.advected, &record.simulated);
}

}  // namespace driftlab
