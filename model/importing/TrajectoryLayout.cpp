#include "importing/TrajectoryLayout.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "core/InputError.h"
#include "core/Text.h"
#include "netcdf/CfNames.h"
#include "netcdf/CfValues.h"

namespace driftlab {

using nc::File;
using nc::VarInfo;

namespace {

// Positions by their units, loosely: any "degree..." ending in east / e (north / n).
bool unitsLike(const File& f, const std::string& v, bool lon) {
    const std::string u = lowerCase(unitsOf(f, v));
    const std::string sn = standardName(f, v);
    if (sn == (lon ? "longitude" : "latitude")) return true;
    if (lon)
        return u.rfind("degree", 0) == 0 &&
               (u.find("east") != std::string::npos || u.back() == 'e');
    return u.rfind("degree", 0) == 0 && (u.find("north") != std::string::npos || u.back() == 'n');
}

}  // namespace

CfTime trajectoryTimeAxis(const File& f, const std::string& var) {
    try {
        return cfTimeOf(f, var);
    } catch (const std::invalid_argument& e) {  // CfTime's
        throw InputError(fileName(f.path()) + ": '" + var + "': " + e.what());
    }
}

TrajectoryLayout detectTrajectoryLayout(const File& f, const std::string& ensembleVar) {
    TrajectoryLayout L;
    std::optional<VarInfo> lon, lat;
    for (const VarInfo& v : f.variables()) {
        if (v.rank() != 2 || !nc::isNumericType(v.type)) continue;
        const std::string n = lowerCase(v.name);
        if (!lon && (n == "lon" || n == "longitude" || unitsLike(f, v.name, true))) lon = v;
        if (!lat && (n == "lat" || n == "latitude" || unitsLike(f, v.name, false))) lat = v;
    }
    if (!lon || !lat || lon->dims != lat->dims)
        throw InputError(
            fileName(f.path()) +
            ": no particle positions: DriftLab looks for 2-D lon / lat (trajectory x time or "
            "traj x obs, as OpenDrift and OceanParcels write them) with units degrees_east / "
            "degrees_north");
    L.lon = *lon;
    L.lat = *lat;
    // Which dimension is the particle: the one named like it, else the one without a 1-D time.
    const auto isParticleDim = [](const std::string& d) {
        const std::string n = lowerCase(d);
        return n == "trajectory" || n == "traj" || n == "particle" || n == "particles" ||
               n == "drifter";
    };
    L.pDim = isParticleDim(lon->dims[1]) ? 1 : 0;
    L.oDim = 1 - L.pDim;
    // Time: a 1-D variable over the observation dimension (OpenDrift), or 2-D like the positions
    // (Parcels).
    std::optional<VarInfo> time;
    for (const VarInfo& v : f.variables()) {
        if (!hasTimeUnits(f, v.name)) continue;
        if (v.rank() == 1 && v.dims[0] == lon->dims[L.oDim]) time = v;
        if (v.rank() == 2 && v.dims == lon->dims) time = v;
        if (time) break;
    }
    if (!time)
        throw InputError(fileName(f.path()) +
                         ": no time for the positions (a variable with units "
                         "'seconds since ...' over " +
                         lon->dims[L.oDim] + ")");
    L.time = *time;
    L.time2D = time->rank() == 2;
    L.cf = trajectoryTimeAxis(f, time->name);
    // OpenDrift's status with flag meanings.
    if (f.hasVariable("status")) {
        VarInfo s = f.variable("status");
        if (s.dims == lon->dims) {
            L.status = s;
            std::istringstream meanings(attrText(f, "status", "flag_meanings"));
            const auto values = f.numbers("status", "flag_values").value_or(std::vector<double>{});
            std::string m;
            for (std::size_t k = 0; meanings >> m; ++k) {
                const int value =
                    k < values.size() ? static_cast<int>(values[k]) : static_cast<int>(k);
                if (m == "stranded")
                    L.strandedValue = value;
                else if (m != "active")
                    L.goneValues.push_back(value);
            }
        }
    }
    const std::string& ens = ensembleVar;
    if (!ens.empty()) {
        if (!f.hasVariable(ens))
            throw InputError(fileName(f.path()) + ": --ensemble " + ens + ": no such variable");
        VarInfo e = f.variable(ens);
        if (e.rank() < 1 || e.dims[0] != lon->dims[L.pDim] || e.rank() > 2)
            throw InputError(fileName(f.path()) + ": --ensemble " + ens +
                             " must run over the particles (" + lon->dims[L.pDim] + ")");
        L.ensemble = e;
    } else {
        for (const char* n : {"ensemble_id", "origin_marker"}) {
            if (!f.hasVariable(n)) continue;
            VarInfo e = f.variable(n);
            if (e.rank() >= 1 && e.dims[0] == lon->dims[L.pDim]) {
                L.ensemble = e;
                break;
            }
        }
    }
    const bool parcels = lowerCase(lon->dims[L.oDim]) == "obs";
    const bool opendrift = L.status.has_value() || f.text("", "opendrift_version").has_value();
    L.kind = opendrift ? "OpenDrift" : parcels ? "OceanParcels" : "CF trajectories";
    return L;
}

// Reads the rows [p0, p0 + n) of a (particle, obs) variable as (n x obs), decoded.
std::vector<double> readTrajectoryRows(const File& f, const VarInfo& v, int pDim, std::size_t p0,
                                       std::size_t n) {
    std::vector<std::size_t> start(2, 0), count = v.shape;
    start[pDim] = p0;
    count[pDim] = n;
    std::vector<double> raw = f.read(v, start, count);
    CfValues(f, v).decode(raw);
    if (pDim == 0) return raw;
    const std::size_t obs = v.shape[0];
    std::vector<double> out(raw.size());
    for (std::size_t o = 0; o < obs; ++o)
        for (std::size_t p = 0; p < n; ++p) out[p * obs + o] = raw[o * n + p];
    return out;
}

TrajectoryFileInfo inspectTrajectoryFiles(const std::vector<std::string>& paths,
                                          const std::string& ensembleVar) {
    TrajectoryFileInfo info;
    info.firstDay = 1e300;
    info.lastDay = -1e300;
    for (const auto& p : paths) {
        const File f = File::open(p);
        if (f.hasVariable("density_map")) {
            const VarInfo m = f.variable("density_map");
            info.kind = "UncertainDrift maps";
            info.particles += m.rank() == 4 ? m.shape[0] : 0;
            info.observations = std::max(info.observations, m.rank() == 4 ? m.shape[1] : 0);
            info.ensembleVar = "ensemble_id";
            if (f.hasVariable("time")) {
                const CfTime cf = trajectoryTimeAxis(f, "time");
                for (double t : f.read(f.variable("time"))) {
                    info.firstDay = std::min(info.firstDay, cf.toDays(t));
                    info.lastDay = std::max(info.lastDay, cf.toDays(t));
                }
            }
            continue;
        }
        const TrajectoryLayout L = detectTrajectoryLayout(f, ensembleVar);
        info.kind = info.kind.empty() || info.kind == L.kind ? L.kind : "several kinds";
        const std::size_t P = L.lon.shape[L.pDim];
        info.particles += P;
        info.observations = std::max(info.observations, L.lon.shape[L.oDim]);
        info.hasStatus = info.hasStatus || L.status.has_value();
        if (L.ensemble) info.ensembleVar = L.ensemble->name;
        for (std::size_t p0 = 0; p0 < (L.time2D ? P : 1); p0 += kTrajectoryChunk) {
            std::vector<double> t =
                L.time2D
                    ? readTrajectoryRows(f, L.time, L.pDim, p0, std::min(kTrajectoryChunk, P - p0))
                    : f.read(L.time);
            if (!L.time2D) CfValues(f, L.time).decode(t);
            for (double x : t)
                if (std::isfinite(x)) {
                    info.firstDay = std::min(info.firstDay, L.cf.toDays(x));
                    info.lastDay = std::max(info.lastDay, L.cf.toDays(x));
                }
        }
    }
    if (info.firstDay > info.lastDay) info.firstDay = info.lastDay = 0;
    return info;
}

std::string TrajectoryFileInfo::summary() const {
    std::ostringstream s;
    s << "kind      " << kind << "\n";
    s << (kind == "UncertainDrift maps" ? "ensembles " : "particles ") << particles << ", "
      << observations << " observations\n";
    s << "time      " << formatDateTime(firstDay) << " .. " << formatDateTime(lastDay) << "\n";
    s << "releases  "
      << (ensembleVar.empty() ? std::string("grouped by start time and place")
                              : "one per value of " + ensembleVar)
      << "\n";
    if (hasStatus) s << "status    stranded particles count as beached, deactivated ones as left\n";
    return s.str();
}

}  // namespace driftlab
