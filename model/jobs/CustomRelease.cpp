#include "jobs/CustomRelease.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/InputError.h"
#include "data/DriftDataset.h"
#include "ocean/CivilDate.h"
#include "ocean/CurrentFields.h"

namespace driftlab {

namespace {
constexpr int kMaxParticles = 10'000'000;

std::string point(double lon, double lat) {
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(3);
    s << "(" << lon << ", " << lat << ")";
    return s.str();
}
}  // namespace

std::string releasePointProblem(const OceanMask& mask, double lon, double lat) {
    const Grid& g = mask.grid();
    if (!std::isfinite(lon) || !std::isfinite(lat) || !g.contains(lon, lat)) {
        std::ostringstream s;
        s.setf(std::ios::fixed);
        s.precision(3);
        s << point(lon, lat) << " is outside the domain (lon " << g.lonMin << " .. " << g.lonMax()
          << " E, lat " << g.latMin << " .. " << g.latMax() << " N)";
        return s.str();
    }
    if (!mask.isOceanAt(lon, lat)) return point(lon, lat) + " is on land";
    return {};
}

std::string releasePointProblem(const DriftDataset& dataset, double lon, double lat) {
    return releasePointProblem(dataset.mask(), lon, lat);
}

int latestReleaseDay(const DriftDataset& dataset) {
    return dataset.currentDays() - 1 - dataset.outputDays();
}

int latestReleaseDay(const CurrentFields& fields, const DatasetSimulation& sim) {
    return fields.days - 1 - sim.params.outputDays;
}

CurrentFields readCurrentsForRelease(const DriftDataset& dataset, int releaseDay) {
    const int last = latestReleaseDay(dataset);
    if (releaseDay < 0 || releaseDay > last)
        throw InputError("release day " + std::to_string(releaseDay) + " is outside 0.." +
                         std::to_string(last));
    CurrentFields f;
    f.mask = dataset.mask();
    f.startDay = dataset.startDay();
    f.days = dataset.currentDays();
    f.stepsPerDay = dataset.currentStepsPerDay();
    const std::size_t cells = f.grid().cellCount();
    f.u.assign(cells * static_cast<std::size_t>(f.fieldCount()), 0.0f);
    f.v.assign(f.u.size(), 0.0f);
    std::vector<float> u, v;
    // Every field of the days the release lives through (all of them, at a sub-daily step).
    const int first = std::max(0, releaseDay - 1) * f.stepsPerDay;
    const int end = std::min(f.days - 1, releaseDay + dataset.outputDays() + 1) * f.stepsPerDay;
    for (int k = first; k <= end; ++k) {
        dataset.readCurrentField(k, u, v);
        std::copy(u.begin(), u.end(), f.uField(k));
        std::copy(v.begin(), v.end(), f.vField(k));
    }
    return f;
}

ReleaseResult simulateCustomRelease(const CurrentFields& fields, const DatasetSimulation& sim,
                                    const ReleaseSpec& spec, std::uint64_t stream,
                                    bool keepParticles, const JobControl& control) {
    const int last = latestReleaseDay(fields, sim);
    if (spec.day < 0 || spec.day > last) {
        std::ostringstream s;
        s << "release day " << spec.day << " (" << formatDate(fields.startDay + spec.day)
          << ") is out of range: ";
        if (last < 0)
            s << "the currents (" << fields.days << " days) are too short for "
              << sim.params.outputDays << " output days";
        else
            s << "the currents cover releases from " << formatDate(fields.startDay) << " to "
              << formatDate(fields.startDay + last) << " (day 0 .. " << last << ") for "
              << sim.params.outputDays << " output days";
        throw InputError(s.str());
    }
    if (!(spec.radiusKm > 0.0) || !std::isfinite(spec.radiusKm))
        throw InputError("the release radius must be more than 0 km");
    if (spec.particles < 1 || spec.particles > kMaxParticles)
        throw InputError("a release needs 1 to 10,000,000 particles, not " +
                         std::to_string(spec.particles));
    if (const std::string why = releasePointProblem(fields.mask, spec.lon, spec.lat); !why.empty())
        throw InputError(why);
    control.throwIfStopped();
    control.report(0.0, "simulating");
    const Simulator simulator(fields, sim.params);
    ReleaseResult result = simulator.simulate(spec, sim.seed, stream, keepParticles);
    control.throwIfStopped();
    control.report(1.0, "simulating");
    return result;
}

}  // namespace driftlab
