#include "importing/GridRotation.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

#include "core/Text.h"
#include "netcdf/CfNames.h"
#include "netcdf/CfValues.h"
#include "ocean/Grid.h"

namespace driftlab {

namespace {

double wrapPi(double a) {
    return std::remainder(a, 2 * kPi);
}

// A variable that is a plane of the centres' shape once length-1 dimensions are dropped.
bool readCentrePlane(const nc::File& f, const std::string& name, const SourcePoints& centres,
                     std::vector<double>& out) {
    const nc::VarInfo v = f.variable(name);
    if (!nc::isNumericType(v.type)) return false;
    std::vector<std::size_t> shape;
    for (std::size_t s : v.shape)
        if (s > 1) shape.push_back(s);
    if (shape.size() != 2 || static_cast<int>(shape[0]) != centres.ny ||
        static_cast<int>(shape[1]) != centres.nx)
        return false;
    out = f.read(v);
    CfValues(f, v).decode(out);
    return true;
}

// Rotated pole (CF): geographic <-> rotated longitude / latitude, radians.
void toRotated(double lon, double lat, double poleLon, double poleLat, double& rlon,
               double& rlat) {
    const double l = lon - poleLon - kPi;
    const double x = std::cos(lat) * std::cos(l), y = std::cos(lat) * std::sin(l),
                 z = std::sin(lat);
    const double sp = std::sin(poleLat), cp = std::cos(poleLat);
    const double x2 = sp * x + cp * z, z2 = -cp * x + sp * z;
    rlon = std::atan2(y, x2);
    rlat = std::asin(std::clamp(z2, -1.0, 1.0));
}
void fromRotated(double rlon, double rlat, double poleLon, double poleLat, double& lon,
                 double& lat) {
    const double x2 = std::cos(rlat) * std::cos(rlon), y = std::cos(rlat) * std::sin(rlon),
                 z2 = std::sin(rlat);
    const double sp = std::sin(poleLat), cp = std::cos(poleLat);
    const double x = sp * x2 - cp * z2, z = cp * x2 + sp * z2;
    lon = std::atan2(y, x) + poleLon + kPi;
    lat = std::asin(std::clamp(z, -1.0, 1.0));
}

double numberOr(const nc::File& f, const std::string& var, const char* name, double fallback) {
    return f.number(var, name).value_or(fallback);
}

}  // namespace

bool mappingAngle(const GridMapping& m, double lon, double lat, double& angle) {
    const double dl = wrapPi((lon - m.lon0) * kDegToRad);
    if (m.name == "latitude_longitude" || m.name == "mercator") {
        angle = 0;
        return true;
    }
    if (m.name == "polar_stereographic") {
        // x = k sin(dl), y = -+k cos(dl): east turns by dl from x, the other way in the south.
        angle = m.lat0 >= 0 ? -dl : dl;
        return true;
    }
    if (m.name == "lambert_conformal_conic") {
        angle = -m.cone * dl;
        return true;
    }
    if (m.name == "rotated_latitude_longitude") {
        const double pl = m.poleLon * kDegToRad, pp = m.poleLat * kDegToRad;
        double rlon = 0, rlat = 0;
        toRotated(lon * kDegToRad, lat * kDegToRad, pl, pp, rlon, rlat);
        // The geographic bearing of a small step along the rotated longitude.
        const double eps = 1e-5;
        double lon1 = 0, lat1 = 0, lon2 = 0, lat2 = 0;
        fromRotated(rlon - eps, rlat, pl, pp, lon1, lat1);
        fromRotated(rlon + eps, rlat, pl, pp, lon2, lat2);
        const double dLon = wrapPi(lon2 - lon1), dLat = lat2 - lat1;
        angle = std::atan2(dLat, dLon * std::cos(lat * kDegToRad));
        return true;
    }
    return false;
}

std::string gridMappingVariable(const nc::File& f, const std::string& velocityVar) {
    const std::string gm = attrText(f, velocityVar, "grid_mapping");
    const std::string name = gm.substr(0, gm.find(':'));
    return !name.empty() && f.hasVariable(name) ? name : std::string();
}

GridRotation gridRotation(const std::vector<nc::File>& files, const SourcePoints& centres,
                          const nc::File& velocityFile, const std::string& velocityVar) {
    GridRotation r;
    const std::vector<double> fromCoordinates = centres.iDirectionAngle();
    // 1. The file's own angle (ROMS, CROCO).
    for (const nc::File& f : files) {
        if (!f.hasVariable("angle")) continue;
        std::vector<double> a;
        if (!readCentrePlane(f, "angle", centres, a)) continue;
        const std::string units = lowerCase(unitsOf(f, "angle"));
        if (units.find("deg") != std::string::npos)
            for (double& x : a) x *= kDegToRad;
        r.angle = std::move(a);
        r.from = "angle in " + fileName(f.path());
        break;
    }
    // 2. The CF grid mapping.
    const std::string mappingName = gridMappingVariable(velocityFile, velocityVar);
    if (r.angle.empty() && !mappingName.empty()) {
        const nc::File& f = velocityFile;
        GridMapping m;
        m.name = lowerCase(attrText(f, mappingName, "grid_mapping_name"));
        m.lat0 = numberOr(f, mappingName, "latitude_of_projection_origin", 90);
        m.lon0 = numberOr(f, mappingName, "straight_vertical_longitude_from_pole",
                          numberOr(f, mappingName, "longitude_of_central_meridian",
                                   numberOr(f, mappingName, "longitude_of_projection_origin", 0)));
        if (m.name == "lambert_conformal_conic") {
            const auto sp = f.numbers(mappingName, "standard_parallel");
            const double p1 = sp && !sp->empty() ? (*sp)[0] * kDegToRad : m.lat0 * kDegToRad;
            const double p2 = sp && sp->size() > 1 ? (*sp)[1] * kDegToRad : p1;
            m.cone = std::abs(p1 - p2) < 1e-9
                         ? std::sin(p1)
                         : std::log(std::cos(p1) / std::cos(p2)) /
                               std::log(std::tan(kPi / 4 + p2 / 2) / std::tan(kPi / 4 + p1 / 2));
        }
        m.poleLon = numberOr(f, mappingName, "grid_north_pole_longitude", 0);
        m.poleLat = numberOr(f, mappingName, "grid_north_pole_latitude", 90);
        std::vector<double> a(centres.size());
        bool ok = true;
        for (std::size_t k = 0; k < a.size() && ok; ++k)
            ok = mappingAngle(m, centres.lon[k], centres.lat[k], a[k]);
        if (ok) {
            r.angle = std::move(a);
            r.from = m.name + " grid_mapping '" + mappingName + "' in " + fileName(f.path());
        } else {
            r.notes.push_back("grid_mapping '" + mappingName + "' (" + m.name +
                              ") is not one DriftLab derives the rotation from: the rotation "
                              "comes from the coordinates");
        }
    }
    // 3. The coordinates.
    if (r.angle.empty()) {
        r.angle = fromCoordinates;
        r.from = "the grid's own coordinates";
        return r;
    }
    // How well the coordinates agree with it (interior points with finite positions).
    std::vector<double> diffs;
    for (int j = 0; j < centres.ny; ++j)
        for (int i = 1; i + 1 < centres.nx; ++i) {
            const std::size_t k = static_cast<std::size_t>(j) * centres.nx + i;
            const double a = r.angle[k], b = fromCoordinates[k];
            if (!std::isfinite(a) || !std::isfinite(b) || !std::isfinite(centres.lon[k - 1]) ||
                !std::isfinite(centres.lon[k + 1]))
                continue;
            diffs.push_back(std::abs(wrapPi(a - b)) / kDegToRad);
        }
    if (!diffs.empty()) {
        std::sort(diffs.begin(), diffs.end());
        r.medianDiffDeg = diffs[diffs.size() / 2];
        r.maxDiffDeg = diffs.back();
        std::ostringstream s;
        s.precision(2);
        s << std::fixed << r.from << " (the coordinates' own angle agrees within "
          << r.medianDiffDeg << " deg median, " << r.maxDiffDeg << " deg max)";
        r.from = s.str();
        if (r.medianDiffDeg > 2.0) {
            std::ostringstream n;
            n.precision(1);
            n << std::fixed << "the grid's angle and its coordinates disagree by "
              << r.medianDiffDeg << " deg (median): look at the arrows before trusting the "
                                    "rotation";
            r.notes.push_back(n.str());
        }
    }
    return r;
}

}  // namespace driftlab
