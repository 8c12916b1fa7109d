#include "importing/DensityMapImport.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/InputError.h"
#include "core/Text.h"
#include "data/AtomicFile.h"
#include "data/DriftDataset.h"
#include "importing/ReleaseGrouping.h"
#include "importing/TrajectoryDataset.h"
#include "importing/TrajectoryLayout.h"
#include "netcdf/CfNames.h"
#include "netcdf/CfValues.h"

namespace driftlab {

using nc::File;
using nc::VarInfo;

TrajectoryImportResult importDensityMaps(const std::vector<File>& files,
                                         const TrajectoryImportOptions& o,
                                         const std::string& outPath, const std::string& history,
                                         const JobControl& control) {
    AtomicFile out(outPath);
    TrajectoryImportResult R;
    R.kind = "UncertainDrift maps";
    struct Source {
        const File* f;
        VarInfo map;
        int eDim, oDim, yDim, xDim;
        double startDay;
    };
    std::vector<Source> sources;
    std::vector<double> lons, lats;
    int D = -1;
    for (const File& f : files) {
        if (!f.hasVariable("density_map"))
            throw InputError(fileName(f.path()) + ": no density_map variable");
        Source s{&f, f.variable("density_map"), -1, -1, -1, -1, 0};
        if (s.map.rank() != 4)
            throw InputError(fileName(f.path()) +
                             ": density_map should be (ensemble_id, obs, lat, lon)");
        for (int k = 0; k < 4; ++k) {
            const std::string d = lowerCase(s.map.dims[k]);
            if (d.find("ens") != std::string::npos || d == "release" || d == "trajectory")
                s.eDim = k;
            else if (d == "obs" || d == "time" || d == "day")
                s.oDim = k;
            else if (d.rfind("lat", 0) == 0 || d == "y")
                s.yDim = k;
            else if (d.rfind("lon", 0) == 0 || d == "x")
                s.xDim = k;
        }
        if (s.eDim < 0 || s.oDim < 0 || s.yDim < 0 || s.xDim < 0) {
            s.eDim = 0;
            s.oDim = 1;
            s.yDim = 2;
            s.xDim = 3;
        }
        const std::string tname = f.hasVariable("time") ? "time" : s.map.dims[s.oDim];
        if (!f.hasVariable(tname))
            throw InputError(fileName(f.path()) + ": no time(obs) for the maps");
        const VarInfo tv = f.variable(tname);
        std::vector<double> t = f.read(tv);
        CfValues(f, tv).decode(t);
        const CfTime cf = trajectoryTimeAxis(f, tname);
        s.startDay = cf.toDays(t.at(0));
        const std::string lonName = f.hasVariable("lon") ? "lon" : s.map.dims[s.xDim];
        const std::string latName = f.hasVariable("lat") ? "lat" : s.map.dims[s.yDim];
        auto lo = f.read(f.variable(lonName)), la = f.read(f.variable(latName));
        if (lons.empty()) {
            lons = lo;
            lats = la;
        } else if (lo != lons || la != lats) {
            throw InputError(fileName(f.path()) + ": its lon / lat differ from the first file's");
        }
        const int days = static_cast<int>(s.map.shape[s.oDim]) - 1;
        D = D < 0 ? days : std::min(D, days);
        sources.push_back(s);
    }
    if (D < 1) throw InputError("the maps need at least two observations (days 0 and 1)");
    if (lons.size() < 2 || lats.size() < 2) throw InputError("the map grid is too small");
    const double res = lons[1] - lons[0];
    const int nx = static_cast<int>(lons.size()), ny = static_cast<int>(lats.size());
    for (int i = 1; i < nx; ++i)
        if (std::abs(lons[i] - lons[i - 1] - res) > 1e-6 * std::abs(res) + 1e-9)
            throw InputError("the maps' longitudes are not evenly spaced");
    const bool latsUp = lats[1] > lats[0];
    CurrentFields fields;
    int firstDay = 1 << 30, lastDay = -(1 << 30);
    for (const Source& s : sources) {
        firstDay = std::min(firstDay, static_cast<int>(std::floor(s.startDay + kSameTimeDays)));
        lastDay = std::max(lastDay, static_cast<int>(std::floor(s.startDay + kSameTimeDays)) + D);
    }
    if (!o.gridPath.empty()) {
        fields = DriftDataset::open(o.gridPath).readAllCurrents();
        const Grid& g = fields.grid();
        if (g.nx != nx || g.ny != ny || std::abs(g.lon(0) - lons[0]) > 1e-6 ||
            std::abs(g.lat(0) - std::min(lats.front(), lats.back())) > 1e-6)
            throw InputError("the maps' grid differs from " + o.gridPath + "'s");
    } else {
        Grid g;
        g.nx = nx;
        g.ny = ny;
        g.dLon = res;
        g.dLat = std::abs(lats[1] - lats[0]);
        g.lonMin = lons[0] - 0.5 * res;
        g.latMin = std::min(lats.front(), lats.back()) - 0.5 * g.dLat;
        fields = stillOcean(g, firstDay, lastDay);
        R.notes.push_back("no --grid: the dataset has no currents (zero velocity, all ocean)");
    }
    const Grid& g = fields.grid();
    const int particles = 10000;
    R.notes.push_back(
        "the maps do not say how many particles made them: 10,000 assumed (the "
        "paper's count); maps are copied as they are, beached fractions unknown (0)");

    // One release per (file, ensemble): centre and spread from the day-0 map.
    std::vector<ReleaseSpec> specs;
    std::vector<std::pair<int, std::size_t>> origin;
    std::vector<float> plane(g.cellCount());
    auto readMap = [&](const Source& s, std::size_t e, std::size_t d, std::vector<float>& map) {
        std::vector<std::size_t> start(4, 0), count = s.map.shape;
        start[s.eDim] = e;
        count[s.eDim] = 1;
        start[s.oDim] = d;
        count[s.oDim] = 1;
        std::vector<double> raw = s.f->read(s.map, start, count);
        CfValues(*s.f, s.map).decode(raw);
        map.assign(g.cellCount(), 0.0f);
        const bool yFirst = s.yDim < s.xDim;
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                const double v = yFirst ? raw[static_cast<std::size_t>(j) * nx + i]
                                        : raw[static_cast<std::size_t>(i) * ny + j];
                const int row = latsUp ? j : ny - 1 - j;
                map[static_cast<std::size_t>(row) * nx + i] =
                    std::isfinite(v) && v > 0 ? static_cast<float>(v) : 0.0f;
            }
    };
    for (std::size_t si = 0; si < sources.size(); ++si) {
        const Source& s = sources[si];
        for (std::size_t e = 0; e < s.map.shape[s.eDim]; ++e) {
            readMap(s, e, 0, plane);
            double m = 0, mx = 0, my = 0;
            for (int j = 0; j < ny; ++j)
                for (int i = 0; i < nx; ++i) {
                    const double v = plane[static_cast<std::size_t>(j) * nx + i];
                    m += v;
                    mx += v * g.lon(i);
                    my += v * g.lat(j);
                }
            if (!(m > 0)) continue;
            ReleaseSpec r;
            r.lon = mx / m;
            r.lat = my / m;
            double r2 = 0;
            for (int j = 0; j < ny; ++j)
                for (int i = 0; i < nx; ++i) {
                    const double km = distanceKm(r.lon, r.lat, g.lon(i), g.lat(j));
                    r2 += plane[static_cast<std::size_t>(j) * nx + i] * km * km;
                }
            r.radiusKm = std::sqrt(2.0 * r2 / m);  // a uniform disc of radius R has <r^2> = R^2/2
            r.particles = particles;
            r.day = static_cast<int>(std::floor(s.startDay + kSameTimeDays)) - fields.startDay;
            if (r.day < 0 || r.day + D > fields.days - 1) {
                ++R.droppedReleases;
                continue;
            }
            specs.push_back(r);
            origin.push_back({static_cast<int>(si), e});
        }
    }
    if (specs.empty()) throw InputError("no ensemble with mass on day 0 within the currents' days");
    splitReleases(specs, o);
    std::vector<std::string> paths;
    for (const File& f : files) paths.push_back(f.path());
    // The maps come in as they were: their smoothing is the producer's, not claimed here.
    const Attributes attributes =
        importAttributes(R.kind, paths, "one release per ensemble_id", o, history, D,
                         specs.size() * particles, static_cast<int>(specs.size()), false);
    const auto mapOf = [&](std::size_t k, int d, std::vector<float>& map, float& mass,
                           float& beached) {
        readMap(sources[origin[k].first], origin[k].second, static_cast<std::size_t>(d), map);
        double m = 0;
        for (float v : map) m += v;
        mass = static_cast<float>(m);
        beached = 0.0f;
    };
    writeImportedDataset(out.tempPath(), fields, specs, D, attributes,
                         std::vector<int>(specs.size(), particles), mapOf, 0.0, control);
    out.commit();
    R.releases = static_cast<int>(specs.size());
    R.outputDays = D;
    R.particles = specs.size() * particles;
    return R;
}

}  // namespace driftlab
