#include "importing/CurrentsDetector.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "netcdf/CfTime.h"
#include "netcdf/CfValues.h"
#include "ocean/Grid.h"

namespace driftlab {

namespace {

using nc::File;
using nc::VarInfo;

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}
std::string baseName(const std::string& p) {
    return std::filesystem::path(p).filename().string();
}
bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

std::string attr(const File& f, const std::string& var, const char* name) {
    return f.text(var, name).value_or("");
}

bool isLonUnits(const std::string& u) {
    const std::string s = lower(u);
    return s == "degrees_east" || s == "degree_east" || s == "degrees_e" || s == "degree_e" ||
           s == "degreese" || s == "degreee";
}
bool isLatUnits(const std::string& u) {
    const std::string s = lower(u);
    return s == "degrees_north" || s == "degree_north" || s == "degrees_n" || s == "degree_n" ||
           s == "degreesn" || s == "degreen";
}

const std::vector<std::string> kLonNames = {"lon",   "longitude",     "nav_lon", "lon_rho",
                                            "glamt", "lon_u",         "lon_v",   "glamu",
                                            "glamv", "nav_lon_grid_t"};
const std::vector<std::string> kLatNames = {"lat",   "latitude",      "nav_lat", "lat_rho",
                                            "gphit", "lat_u",         "lat_v",   "gphiu",
                                            "gphiv", "nav_lat_grid_t"};

bool isLon(const File& f, const std::string& v) {
    const std::string sn = attr(f, v, "standard_name");
    if (sn == "longitude") return true;
    if (sn == "grid_longitude" || sn == "projection_x_coordinate") return false;
    if (isLonUnits(attr(f, v, "units"))) return true;
    if (lower(attr(f, v, "axis")) == "x" && lower(attr(f, v, "units")).rfind("degree", 0) == 0)
        return true;
    return contains(kLonNames, lower(v));
}
bool isLat(const File& f, const std::string& v) {
    const std::string sn = attr(f, v, "standard_name");
    if (sn == "latitude") return true;
    if (sn == "grid_latitude" || sn == "projection_y_coordinate") return false;
    if (isLatUnits(attr(f, v, "units"))) return true;
    if (lower(attr(f, v, "axis")) == "y" && lower(attr(f, v, "units")).rfind("degree", 0) == 0)
        return true;
    return contains(kLatNames, lower(v));
}

bool isTimeVar(const File& f, const std::string& v) {
    const std::string units = lower(attr(f, v, "units"));
    if (units.find(" since ") != std::string::npos) return true;
    const std::string sn = attr(f, v, "standard_name");
    return sn == "time" || lower(attr(f, v, "axis")) == "t";
}
const std::vector<std::string> kTimeDimNames = {"time", "time_counter", "ocean_time", "t", "mt"};
const std::vector<std::string> kDepthNames = {
    "depth", "deptht", "depthu", "depthv",  "depthw", "lev",          "level",
    "z",     "s_rho",  "s_w",    "nav_lev", "olevel", "deptht_bounds"};

// Dimensions of a variable without those of length 1 (what a coordinate or mask really spans).
std::vector<int> nonTrivialDims(const VarInfo& v) {
    std::vector<int> out;
    for (std::size_t k = 0; k < v.shape.size(); ++k)
        if (v.shape[k] > 1) out.push_back(static_cast<int>(k));
    return out;
}

// Reads a variable that really is 2-D (or 1-D) after dropping length-1 dimensions; for more
// (a mask with depth: tmask(t, z, y, x)) the first index of every leading dimension is taken.
std::vector<double> readPlane(const File& f, const VarInfo& v, std::vector<std::size_t>& shape,
                              std::vector<std::string>& dims) {
    std::vector<std::size_t> start(v.shape.size(), 0), count(v.shape.size(), 1);
    const int r = v.rank();
    shape.clear();
    dims.clear();
    // The last two dimensions of size > 1 are kept; everything before them is taken at index 0.
    std::vector<int> keep;
    for (int k = r - 1; k >= 0 && keep.size() < 2; --k)
        if (v.shape[k] > 1) keep.insert(keep.begin(), k);
    for (int k : keep) {
        count[k] = v.shape[k];
        shape.push_back(v.shape[k]);
        dims.push_back(v.dims[k]);
    }
    std::vector<double> values = f.read(v, start, count);
    CfValues(f, v).decode(values);
    return values;
}

struct VelocityFamily {
    const char* u;
    const char* v;
};

}  // namespace

const std::vector<std::pair<const char*, const char*>>& velocityStandardNames() {
    static const std::vector<std::pair<const char*, const char*>> names = {
        {"eastward_sea_water_velocity", "northward_sea_water_velocity"},
        {"surface_eastward_sea_water_velocity", "surface_northward_sea_water_velocity"},
        {"eastward_sea_water_velocity_assuming_no_tide",
         "northward_sea_water_velocity_assuming_no_tide"},
        {"baroclinic_eastward_sea_water_velocity", "baroclinic_northward_sea_water_velocity"},
        {"barotropic_eastward_sea_water_velocity", "barotropic_northward_sea_water_velocity"},
        {"surface_geostrophic_eastward_sea_water_velocity",
         "surface_geostrophic_northward_sea_water_velocity"},
        {"surface_geostrophic_eastward_sea_water_velocity_assuming_sea_level_for_geoid",
         "surface_geostrophic_northward_sea_water_velocity_assuming_sea_level_for_geoid"},
        {"geostrophic_eastward_sea_water_velocity", "geostrophic_northward_sea_water_velocity"},
        {"eastward_sea_water_velocity_due_to_tides", "northward_sea_water_velocity_due_to_tides"},
        {"sea_water_x_velocity", "sea_water_y_velocity"},
        {"sea_water_x_velocity_at_u_location", "sea_water_y_velocity_at_v_location"},
        {"surface_sea_water_x_velocity", "surface_sea_water_y_velocity"},
        {"barotropic_sea_water_x_velocity", "barotropic_sea_water_y_velocity"},
    };
    return names;
}

const std::vector<std::pair<const char*, const char*>>& velocityNames() {
    static const std::vector<std::pair<const char*, const char*>> names = {
        {"uo", "vo"},
        {"water_u", "water_v"},
        {"vozocrtx", "vomecrty"},
        {"uos", "vos"},
        {"u", "v"},
        {"U", "V"},
        {"ssu", "ssv"},
        {"ugos", "vgos"},
        {"uoces", "voces"},
        {"u_surface", "v_surface"},
        {"ubar", "vbar"},
        {"utotal", "vtotal"},
    };
    return names;
}

namespace {

struct Detector {
    const std::vector<File>& files;
    const CurrentsOverrides& ov;
    CurrentsLayout out;
    bool lastDerived = false;  // pointsFrom's last success averaged neighbouring points

    // Files (indices) holding a variable.
    std::vector<int> filesWith(const std::string& var) const {
        std::vector<int> idx;
        for (std::size_t k = 0; k < files.size(); ++k)
            if (files[k].hasVariable(var)) idx.push_back(static_cast<int>(k));
        return idx;
    }
    std::vector<int> filesWithStandardName(const std::string& sn, std::string& name) const {
        std::vector<int> idx;
        for (std::size_t k = 0; k < files.size(); ++k)
            for (const VarInfo& v : files[k].variables())
                if (attr(files[k], v.name, "standard_name") == sn && v.rank() >= 2) {
                    if (name.empty()) name = v.name;
                    if (v.name == name) idx.push_back(static_cast<int>(k));
                    break;
                }
        return idx;
    }
    std::string allVariables() const {
        std::set<std::string> names;
        for (const File& f : files)
            for (const std::string& n : f.variableNames()) names.insert(n);
        std::string s;
        for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
        return s.empty() ? std::string("none at all (a damaged file?)") : s;
    }

    void findVelocity(std::vector<int>& uFiles, std::vector<int>& vFiles) {
        if (!ov.u.empty() || !ov.v.empty()) {
            if (ov.u.empty() || ov.v.empty())
                throw std::invalid_argument("--u and --v go together: name both components");
            uFiles = filesWith(ov.u);
            vFiles = filesWith(ov.v);
            if (uFiles.empty())
                throw std::invalid_argument("--u " + ov.u + ": no such variable in the files (" +
                                            allVariables() + ")");
            if (vFiles.empty())
                throw std::invalid_argument("--v " + ov.v + ": no such variable in the files (" +
                                            allVariables() + ")");
            out.u.var = ov.u;
            out.v.var = ov.v;
            out.u.foundBy = "--u";
            out.v.foundBy = "--v";
            return;
        }
        std::string oneSided;
        for (const auto& [su, sv] : velocityStandardNames()) {
            std::string nu, nv;
            uFiles = filesWithStandardName(su, nu);
            vFiles = filesWithStandardName(sv, nv);
            if (!uFiles.empty() && !vFiles.empty()) {
                out.u.var = nu;
                out.v.var = nv;
                out.u.foundBy = std::string("standard_name ") + su;
                out.v.foundBy = std::string("standard_name ") + sv;
                return;
            }
            if (oneSided.empty() && (!uFiles.empty() || !vFiles.empty()))
                oneSided = uFiles.empty() ? "'" + nv + "' (standard_name " + sv +
                                                ") but no variable with standard_name " + su
                                          : "'" + nu + "' (standard_name " + su +
                                                ") but no variable with standard_name " + sv;
        }
        for (const auto& [nu, nv] : velocityNames()) {
            uFiles = filesWith(nu);
            vFiles = filesWith(nv);
            if (!uFiles.empty() && !vFiles.empty()) {
                out.u.var = nu;
                out.v.var = nv;
                out.u.foundBy = std::string("name ") + nu;
                out.v.foundBy = std::string("name ") + nv;
                return;
            }
            if (oneSided.empty() && (!uFiles.empty() || !vFiles.empty()))
                oneSided = uFiles.empty() ? std::string("'") + nv + "' but no '" + nu + "'"
                                          : std::string("'") + nu + "' but no '" + nv + "'";
        }
        if (!oneSided.empty())
            throw std::invalid_argument("only one velocity component: found " + oneSided +
                                        ". Add the file that holds the other one (NEMO writes "
                                        "U and V in two files), or name both with --u NAME "
                                        "--v NAME");
        throw std::invalid_argument(
            "no velocity found: no variable has a CF standard_name such as "
            "eastward_sea_water_velocity / northward_sea_water_velocity or sea_water_x_velocity "
            "/ sea_water_y_velocity, nor a usual name (uo/vo, water_u/water_v, "
            "vozocrtx/vomecrty, uos/vos, u/v). Variables in the files: " +
            allVariables() + ". Name the components with --u NAME --v NAME");
    }

    // Time, depth and horizontal dimensions of a component, from its first file.
    void classifyDims(ComponentLayout& c, const File& f) {
        const VarInfo v = f.variable(c.var);
        c.rank = v.dims.size();
        c.standardName = attr(f, c.var, "standard_name");
        if (!nc::isNumericType(v.type))
            throw std::invalid_argument(baseName(f.path()) + ": '" + c.var + "' is not numeric");
        std::vector<int> rest;
        for (int k = 0; k < v.rank(); ++k) {
            const std::string& d = v.dims[k];
            const bool timeLike =
                (f.hasVariable(d) && isTimeVar(f, d)) || contains(kTimeDimNames, lower(d));
            if (timeLike && c.timeDim < 0)
                c.timeDim = k;
            else
                rest.push_back(k);
        }
        if (c.timeDim < 0)
            throw std::invalid_argument(baseName(f.path()) + ": '" + c.var +
                                        "' has no time dimension (dimensions: " + dimsText(v) +
                                        ")");
        if (rest.size() < 2)
            throw std::invalid_argument(baseName(f.path()) + ": '" + c.var +
                                        "' is not a map (dimensions: " + dimsText(v) + ")");
        if (rest.size() > 3)
            throw std::invalid_argument(baseName(f.path()) + ": '" + c.var +
                                        "' has more dimensions than time, depth, y and x (" +
                                        dimsText(v) + ")");
        if (rest.size() == 3) {
            int depth = -1;
            for (int k : rest) {
                const std::string& d = v.dims[k];
                const bool depthLike = contains(kDepthNames, lower(d)) ||
                                       (f.hasVariable(d) && (lower(attr(f, d, "axis")) == "z" ||
                                                             f.hasAttribute(d, "positive")));
                if (depthLike) depth = k;
            }
            if (depth < 0) depth = rest.front();  // (z, y, x) is the CF order
            c.depthDim = depth;
            rest.erase(std::find(rest.begin(), rest.end(), depth));
        }
        c.yDim = rest[0];
        c.xDim = rest[1];
    }

    static std::string dimsText(const VarInfo& v) {
        std::string s;
        for (std::size_t k = 0; k < v.dims.size(); ++k)
            s += (k ? ", " : "") + v.dims[k] + " " + std::to_string(v.shape[k]);
        return s;
    }

    // Reads lon/lat named (lonVar, latVar) in file f into points laid out as the component's
    // (y, x); swaps the component's x and y if the coordinates say the order is the other way.
    bool pointsFrom(const File& f, const std::string& lonVar, const std::string& latVar,
                    const VarInfo& comp, int& yDim, int& xDim, SourcePoints& pts,
                    bool allowDerived) {
        if (!f.hasVariable(lonVar) || !f.hasVariable(latVar)) return false;
        const VarInfo lv = f.variable(lonVar), av = f.variable(latVar);
        if (!nc::isNumericType(lv.type) || !nc::isNumericType(av.type)) return false;
        std::vector<std::size_t> ls, as;
        std::vector<std::string> ld, ad;
        const std::size_t ny = comp.shape[yDim], nx = comp.shape[xDim];
        auto lonVals = readPlane(f, lv, ls, ld);
        auto latVals = readPlane(f, av, as, ad);
        lastDerived = false;
        if (ls.size() == 1 && as.size() == 1) {
            // 1-D axes: which one runs along x is told by the dimension names, else the sizes.
            bool swap = false;
            if (ld[0] == comp.dims[yDim] && ad[0] == comp.dims[xDim])
                swap = true;
            else if (!(ld[0] == comp.dims[xDim] && ad[0] == comp.dims[yDim]))
                swap = ls[0] == ny && as[0] == nx && nx != ny;
            if (swap) std::swap(yDim, xDim);
            if (ls[0] != comp.shape[xDim] || as[0] != comp.shape[yDim]) return false;
            pts = SourcePoints::fromAxes(lonVals, latVals);
            return true;
        }
        if (ls.size() != 2 || as.size() != 2 || ls != as) return false;
        if (ld[0] == comp.dims[xDim] && ld[1] == comp.dims[yDim]) {
            std::swap(yDim, xDim);
        }
        const std::size_t cy = comp.shape[yDim], cx = comp.shape[xDim];
        lastDerived = !(ls[0] == cy && ls[1] == cx);
        if (ls[0] == cy && ls[1] == cx) {
            pts.ny = static_cast<int>(cy);
            pts.nx = static_cast<int>(cx);
            pts.lon = std::move(lonVals);
            pts.lat = std::move(latVals);
        } else if (allowDerived && ls[0] == cy && ls[1] == cx + 1) {
            derive(lonVals, latVals, ls, 0, 1, pts);  // u points between rho points along x
        } else if (allowDerived && ls[0] == cy + 1 && ls[1] == cx) {
            derive(lonVals, latVals, ls, 1, 0, pts);  // v points between rho points along y
        } else {
            return false;
        }
        // A 2-D grid that is really a plain lon/lat product.
        bool sep = true;
        for (int j = 0; j < pts.ny && sep; ++j)
            for (int i = 0; i < pts.nx && sep; ++i)
                sep = pts.lonAt(i, j) == pts.lonAt(i, 0) && pts.latAt(i, j) == pts.latAt(0, j);
        pts.separable = sep;
        return true;
    }

    static void derive(const std::vector<double>& lon, const std::vector<double>& lat,
                       const std::vector<std::size_t>& shape, int dj, int di, SourcePoints& pts) {
        pts.ny = static_cast<int>(shape[0]) - dj;
        pts.nx = static_cast<int>(shape[1]) - di;
        pts.lon.resize(pts.size());
        pts.lat.resize(pts.size());
        const std::size_t w = shape[1];
        for (int j = 0; j < pts.ny; ++j)
            for (int i = 0; i < pts.nx; ++i) {
                const std::size_t a = j * w + i, b = (j + dj) * w + (i + di);
                pts.lon[static_cast<std::size_t>(j) * pts.nx + i] =
                    0.5 * (lon[a] + wrapLongitude(lon[b], lon[a]));
                pts.lat[static_cast<std::size_t>(j) * pts.nx + i] = 0.5 * (lat[a] + lat[b]);
            }
    }

    // Where a component's values live.
    void locate(ComponentLayout& c, int firstFile, char letter) {
        const File& f = files[firstFile];
        const VarInfo v = f.variable(c.var);
        std::vector<std::pair<std::string, std::string>> tried;
        auto tryIn = [&](const File& g, const std::string& lo, const std::string& la,
                         bool derived) {
            int y = c.yDim, x = c.xDim;
            SourcePoints p;
            if (!pointsFrom(g, lo, la, v, y, x, p, derived)) return false;
            c.yDim = y;
            c.xDim = x;
            c.points = std::move(p);
            c.coordinates = "at " + lo + "/" + la + " in " + baseName(g.path());
            if (lastDerived)
                c.coordinates =
                    "midway between the " + lo + "/" + la + " points of " + baseName(g.path());
            return true;
        };
        // 1. The staggered grid's own coordinates (NEMO mesh mask, ROMS).
        const std::vector<std::pair<std::string, std::string>> staggeredNames =
            letter == 'u' ? std::vector<std::pair<std::string, std::string>>{{"glamu", "gphiu"},
                                                                             {"lon_u", "lat_u"}}
                          : std::vector<std::pair<std::string, std::string>>{{"glamv", "gphiv"},
                                                                             {"lon_v", "lat_v"}};
        for (const auto& [lo, la] : staggeredNames)
            for (const File& g : files)
                if (tryIn(g, lo, la, false)) return;
        // 2. The variable's `coordinates` attribute.
        std::istringstream coords(attr(f, c.var, "coordinates"));
        std::string lo, la, w;
        while (coords >> w) {
            if (!f.hasVariable(w)) continue;
            if (lo.empty() && isLon(f, w))
                lo = w;
            else if (la.empty() && isLat(f, w))
                la = w;
        }
        if (!lo.empty() && !la.empty() && tryIn(f, lo, la, false)) return;
        // 3. CF coordinate variables named as the dimensions.
        const std::string dy = v.dims[c.yDim], dx = v.dims[c.xDim];
        if (f.hasVariable(dx) && f.hasVariable(dy)) {
            if (isLon(f, dx) && isLat(f, dy) && tryIn(f, dx, dy, false)) return;
            if (isLon(f, dy) && isLat(f, dx) && tryIn(f, dy, dx, false)) return;
        }
        // 4. Any longitude / latitude pair of matching shape, in this file and then the others;
        //    then one of rho points half a cell away (ROMS without lon_u).
        for (bool derived : {false, true})
            for (int k = -1; k < static_cast<int>(files.size()); ++k) {
                const File& g = k < 0 ? f : files[k];
                std::vector<std::string> lons, lats;
                for (const VarInfo& cand : g.variables()) {
                    if (cand.name == c.var || cand.rank() == 0 || cand.rank() > 4) continue;
                    if (isLon(g, cand.name))
                        lons.push_back(cand.name);
                    else if (isLat(g, cand.name))
                        lats.push_back(cand.name);
                }
                for (const auto& a : lons)
                    for (const auto& b : lats)
                        if (tryIn(g, a, b, derived)) return;
            }
        throw std::invalid_argument(
            baseName(f.path()) + ": no longitude / latitude found for '" + c.var +
            "' (dimensions: " + dimsText(v) +
            "). DriftLab looks for the variable's `coordinates` attribute, CF coordinate "
            "variables, and variables with units degrees_east / degrees_north");
    }

    // One component's time steps over all its files.
    void timeAxis(ComponentLayout& c, const std::vector<int>& fileIdx) {
        const VarInfo first = files[fileIdx.front()].variable(c.var);
        const std::string timeDim = first.dims[c.timeDim];
        int overlaps = 0;
        std::vector<TimeStep> steps;
        for (int fi : fileIdx) {
            const File& f = files[fi];
            const VarInfo v = f.variable(c.var);
            if (v.rank() != first.rank() || v.dims != first.dims)
                throw std::invalid_argument(baseName(f.path()) + ": '" + c.var +
                                            "' has dimensions (" + dimsText(v) + "), " +
                                            baseName(files[fileIdx.front()].path()) + " has (" +
                                            dimsText(first) + ")");
            for (int k = 0; k < v.rank(); ++k)
                if (k != c.timeDim && v.shape[k] != first.shape[k])
                    throw std::invalid_argument("mismatched grids: '" + c.var + "' is " +
                                                dimsText(v) + " in " + baseName(f.path()) +
                                                " but " + dimsText(first) + " in " +
                                                baseName(files[fileIdx.front()].path()));
            std::string tv;
            if (f.hasVariable(timeDim) && isTimeVar(f, timeDim)) tv = timeDim;
            for (const VarInfo& cand : f.variables())
                if (tv.empty() && cand.rank() == 1 && cand.dims[0] == timeDim &&
                    isTimeVar(f, cand.name))
                    tv = cand.name;
            if (tv.empty())
                throw std::invalid_argument(baseName(f.path()) + ": no time coordinate for '" +
                                            c.var + "' (dimension " + timeDim + ")");
            const std::string units = attr(f, tv, "units");
            CfTime cf;
            try {
                cf = CfTime::parse(units, attr(f, tv, "calendar"));
            } catch (const std::invalid_argument& e) {
                throw std::invalid_argument(baseName(f.path()) + ": '" + tv + "': " + e.what());
            }
            if (out.timeVar.empty()) {
                out.timeVar = tv;
                out.timeUnits = cf.describe();
            }
            std::vector<double> t = f.read(f.variable(tv));
            CfValues(f, f.variable(tv)).decode(t);
            for (std::size_t k = 0; k < t.size(); ++k) {
                if (std::isnan(t[k]))
                    throw std::invalid_argument(baseName(f.path()) + ": time step " +
                                                std::to_string(k) + " of '" + tv + "' is missing");
                if (k > 0 && !(t[k] > t[k - 1]))
                    throw std::invalid_argument(baseName(f.path()) + ": the time axis '" + tv +
                                                "' is not increasing (step " + std::to_string(k) +
                                                ": " + formatDateTime(cf.toDays(t[k])) + " after " +
                                                formatDateTime(cf.toDays(t[k - 1])) + ")");
                steps.push_back({cf.toDays(t[k]), fi, k});
            }
        }
        std::stable_sort(steps.begin(), steps.end(),
                         [](const TimeStep& a, const TimeStep& b) { return a.days < b.days; });
        constexpr double kSame = 30.0 / 86400.0;
        for (const TimeStep& s : steps) {
            if (!c.steps.empty() && s.days - c.steps.back().days < kSame) {
                ++overlaps;
                continue;
            }
            c.steps.push_back(s);
        }
        if (overlaps > 0)
            out.notes.push_back(std::to_string(overlaps) + " time step(s) of '" + c.var +
                                "' appear in two files or twice: the first was kept");
    }

    void depth(const ComponentLayout& c, const File& f) {
        if (c.depthDim < 0) {
            out.depthNote = "surface field (no depth dimension)";
            return;
        }
        const VarInfo v = f.variable(c.var);
        const std::string dim = v.dims[c.depthDim];
        const std::size_t n = v.shape[c.depthDim];
        std::vector<double> z;
        std::string positive;
        std::string units;
        if (f.hasVariable(dim) && f.variable(dim).rank() == 1) {
            out.depthVar = dim;
            z = f.read(f.variable(dim));
            positive = lower(attr(f, dim, "positive"));
            units = lower(attr(f, dim, "units"));
        }
        if (ov.depthLevel) {
            if (*ov.depthLevel < 0 || static_cast<std::size_t>(*ov.depthLevel) >= n)
                throw std::invalid_argument("--depth-level " + std::to_string(*ov.depthLevel) +
                                            ": '" + dim + "' has levels 0.." +
                                            std::to_string(n - 1));
            out.depthLevel = *ov.depthLevel;
            out.depthNote = "level " + std::to_string(out.depthLevel) + " (--depth-level)";
        } else if (ov.depthM) {
            const bool metres = units == "m" || units == "meter" || units == "meters" ||
                                units == "metre" || units == "metres";
            if (z.empty() || !metres)
                throw std::invalid_argument("--depth: the depth axis '" + dim +
                                            "' is not in metres (" +
                                            (units.empty() ? "no units" : units) +
                                            "); choose a level with --depth-level K");
            const double target = positive == "up" ? -*ov.depthM : *ov.depthM;
            int best = 0;
            for (std::size_t k = 1; k < n; ++k)
                if (std::abs(z[k] - target) < std::abs(z[best] - target))
                    best = static_cast<int>(k);
            out.depthLevel = best;
            out.depthNote = "level " + std::to_string(best) + " nearest " +
                            std::to_string(*ov.depthM) + " m (--depth)";
        } else if (!z.empty()) {
            // The level nearest the surface: the smallest |z| whether positive is up or down.
            int best = 0;
            for (std::size_t k = 1; k < n; ++k)
                if (std::abs(z[k]) < std::abs(z[best])) best = static_cast<int>(k);
            out.depthLevel = best;
            out.depthNote = "level " + std::to_string(best) + " of " + std::to_string(n) +
                            ", the one nearest the surface (positive " +
                            (positive.empty() ? "not given" : positive) + ")";
        } else {
            out.depthLevel = 0;
            out.depthNote = "level 0 of " + std::to_string(n) +
                            " (no depth coordinate: assumed to be the surface)";
        }
        if (!z.empty()) out.depthValue = z[out.depthLevel];
    }

    // The land mask at cell centres, and the centres themselves.
    void landMask() {
        struct Cand {
            const char* name;
            bool landIsOne;
        };
        const Cand names[] = {{"tmask", false},   {"mask_rho", false}, {"mask", false},
                              {"lsm", true},      {"landmask", true},  {"land_mask", true},
                              {"sea_mask", false}};
        for (std::size_t k = 0; k < files.size(); ++k) {
            const File& f = files[k];
            for (const VarInfo& v : f.variables()) {
                const std::string sn = attr(f, v.name, "standard_name");
                bool landIsOne = false, match = false;
                if (sn == "sea_binary_mask") match = true;
                if (sn == "land_binary_mask") match = landIsOne = true;
                for (const Cand& c : names)
                    if (!match && lower(v.name) == c.name) {
                        match = true;
                        landIsOne = c.landIsOne;
                    }
                if (!match || !nc::isNumericType(v.type) || nonTrivialDims(v).size() < 2) continue;
                std::vector<std::size_t> shape;
                std::vector<std::string> dims;
                std::vector<double> m = readPlane(f, v, shape, dims);
                // Centres: the mask's own coordinates, or the velocity's when shapes match.
                SourcePoints centres;
                if (!maskPoints(f, v, shape, dims, centres)) continue;
                for (double& x : m) x = std::isnan(x) ? 0.0 : ((x != 0) != landIsOne ? 1.0 : 0.0);
                out.centreMask = std::move(m);
                out.centres = std::move(centres);
                out.maskFrom = v.name + " in " + baseName(f.path());
                return;
            }
        }
    }

    bool maskPoints(const File& f, const VarInfo& mask, const std::vector<std::size_t>& shape,
                    const std::vector<std::string>& dims, SourcePoints& pts) {
        if (shape.size() != 2) return false;
        const std::vector<std::pair<std::string, std::string>> names = {
            {"glamt", "gphit"}, {"lon_rho", "lat_rho"}, {"nav_lon", "nav_lat"}};
        // A fake variable with the mask's plane as dimensions, for pointsFrom.
        VarInfo plane;
        plane.name = mask.name;
        plane.dims = dims;
        plane.shape = shape;
        for (const auto& [lo, la] : names)
            for (const File& g : files) {
                int y = 0, x = 1;
                if (pointsFrom(g, lo, la, plane, y, x, pts, false) && y == 0) return true;
            }
        for (const ComponentLayout* c : {&out.u, &out.v})
            if (c->points.ny == static_cast<int>(shape[0]) &&
                c->points.nx == static_cast<int>(shape[1]) && !out.staggered) {
                pts = c->points;
                return true;
            }
        int y = 0, x = 1;
        for (const VarInfo& cand : f.variables())
            if (isLon(f, cand.name))
                for (const VarInfo& other : f.variables())
                    if (isLat(f, other.name) &&
                        pointsFrom(f, cand.name, other.name, plane, y, x, pts, false) && y == 0)
                        return true;
        return false;
    }

    void componentMask(ComponentLayout& c, const std::vector<std::string>& names) {
        for (const File& f : files)
            for (const std::string& n : names) {
                if (!f.hasVariable(n)) continue;
                const VarInfo v = f.variable(n);
                std::vector<std::size_t> shape;
                std::vector<std::string> dims;
                std::vector<double> m = readPlane(f, v, shape, dims);
                if (shape.size() != 2 || static_cast<int>(shape[0]) != c.points.ny ||
                    static_cast<int>(shape[1]) != c.points.nx)
                    continue;
                for (double& x : m) x = (!std::isnan(x) && x != 0) ? 1.0 : 0.0;
                c.mask = std::move(m);
                c.maskFrom = n + " in " + baseName(f.path());
                return;
            }
    }

    void run() {
        if (files.empty()) throw std::invalid_argument("no input files");
        for (const File& f : files) {
            out.files.push_back(f.path());
            out.fileFormats.push_back(f.formatName());
        }
        std::vector<int> uFiles, vFiles;
        findVelocity(uFiles, vFiles);
        classifyDims(out.u, files[uFiles.front()]);
        classifyDims(out.v, files[vFiles.front()]);
        locate(out.u, uFiles.front(), 'u');
        locate(out.v, vFiles.front(), 'v');

        double maxDiff = 0;
        if (out.u.points.nx != out.v.points.nx || out.u.points.ny != out.v.points.ny) {
            maxDiff = 1;
        } else {
            for (std::size_t k = 0; k < out.u.points.size(); ++k)
                maxDiff = std::max({maxDiff, std::abs(out.u.points.lon[k] - out.v.points.lon[k]),
                                    std::abs(out.u.points.lat[k] - out.v.points.lat[k])});
        }
        out.staggered = maxDiff > 1e-6;
        const bool separable = out.u.points.separable && out.v.points.separable;
        const auto isGridRelative = [&](const ComponentLayout& c) {
            const std::string& sn = c.standardName;
            if (sn.find("_x_velocity") != std::string::npos) return true;
            if (sn.find("eastward") != std::string::npos) return false;
            return sn.empty() && !separable;
        };
        out.gridRelative = isGridRelative(out.u);

        timeAxis(out.u, uFiles);
        timeAxis(out.v, vFiles);
        // Keep the times both components have.
        std::vector<TimeStep> us, vs;
        std::size_t a = 0, b = 0;
        while (a < out.u.steps.size() && b < out.v.steps.size()) {
            const double d = out.u.steps[a].days - out.v.steps[b].days;
            if (std::abs(d) < 30.0 / 86400.0) {
                us.push_back(out.u.steps[a++]);
                vs.push_back(out.v.steps[b++]);
            } else if (d < 0) {
                ++a;
            } else {
                ++b;
            }
        }
        if (us.size() != out.u.steps.size() || vs.size() != out.v.steps.size())
            out.notes.push_back("u has " + std::to_string(out.u.steps.size()) +
                                " time steps and v " + std::to_string(out.v.steps.size()) +
                                "; the " + std::to_string(us.size()) + " they share are used");
        if (us.empty())
            throw std::invalid_argument("'" + out.u.var + "' and '" + out.v.var +
                                        "' have no time step in common");
        out.u.steps = std::move(us);
        out.v.steps = std::move(vs);

        std::vector<double> diffs;
        for (std::size_t k = 1; k < out.u.steps.size(); ++k)
            diffs.push_back(out.u.steps[k].days - out.u.steps[k - 1].days);
        if (!diffs.empty()) {
            std::vector<double> sorted = diffs;
            std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
            const double step = sorted[sorted.size() / 2];
            out.stepHours = step * 24.0;
            for (std::size_t k = 0; k < diffs.size(); ++k)
                if (diffs[k] > 1.5 * step)
                    out.notes.push_back("gap: nothing between " +
                                        formatDateTime(out.u.steps[k].days) + " and " +
                                        formatDateTime(out.u.steps[k + 1].days));
        }

        depth(out.u, files[uFiles.front()]);
        landMask();
        if (out.centres.size() == 0) {
            out.centres = out.u.points;
            out.maskFrom = "where the velocity has values (first time step)";
        }
        componentMask(out.u, {"umask", "mask_u"});
        componentMask(out.v, {"vmask", "mask_v"});

        if (out.gridRelative) {
            bool found = false;
            for (const File& f : files) {
                if (!f.hasVariable("angle")) continue;
                const VarInfo v = f.variable("angle");
                std::vector<std::size_t> shape;
                std::vector<std::string> dims;
                std::vector<double> a2 = readPlane(f, v, shape, dims);
                if (shape.size() == 2 && static_cast<int>(shape[0]) == out.centres.ny &&
                    static_cast<int>(shape[1]) == out.centres.nx) {
                    const std::string units = lower(attr(f, "angle", "units"));
                    if (units.find("deg") != std::string::npos)
                        for (double& x : a2) x *= kDegToRad;
                    out.angle = std::move(a2);
                    out.angleFrom = "angle in " + baseName(f.path());
                    found = true;
                    break;
                }
            }
            if (!found) {
                out.angle = out.centres.iDirectionAngle();
                out.angleFrom = "the grid's own coordinates";
            }
        }

        // Extent and spacing of the centres.
        bool any = false;
        const double ref = out.centres.lon.empty() ? 0 : out.centres.lon[out.centres.size() / 2];
        for (std::size_t k = 0; k < out.centres.size(); ++k) {
            const double lo = out.centres.lon[k], la = out.centres.lat[k];
            if (!std::isfinite(lo) || !std::isfinite(la)) continue;
            // NEMO's eliminated land tiles sit at lon = lat = 0: not part of the extent.
            if (lo == 0 && la == 0 && (out.centreMask.empty() || out.centreMask[k] == 0)) continue;
            const double w = wrapLongitude(lo, ref);
            if (!any) {
                out.lonMin = out.lonMax = w;
                out.latMin = out.latMax = la;
                any = true;
            }
            out.lonMin = std::min(out.lonMin, w);
            out.lonMax = std::max(out.lonMax, w);
            out.latMin = std::min(out.latMin, la);
            out.latMax = std::max(out.latMax, la);
        }
        // Longitudes about the Greenwich meridian when the grid crosses 0/360 (HYCOM).
        if (0.5 * (out.lonMin + out.lonMax) >= 180.0) {
            out.lonMin -= 360.0;
            out.lonMax -= 360.0;
        }
        out.resolutionDeg = out.centres.medianSpacingDeg();
        // Coordinates stored as float32 (CMEMS): 0.0416665 is 1/24.
        const double inverse = 1.0 / out.resolutionDeg;
        if (std::abs(inverse - std::round(inverse)) < 1e-3 * inverse)
            out.resolutionDeg = 1.0 / std::round(inverse);
        if (out.centres.separable) {
            bool even = true;
            const SourcePoints& p = out.centres;
            const auto dlon = [&](int i) {  // spacing across the 0/360 seam counts as one step
                return wrapLongitude(p.lonAt(i, 0), p.lonAt(i - 1, 0)) - p.lonAt(i - 1, 0);
            };
            for (int i = 2; i < p.nx && even; ++i)
                even = std::abs(dlon(i) - dlon(1)) < 1e-3 * out.resolutionDeg + 1e-9;
            for (int j = 2; j < p.ny && even; ++j)
                even = std::abs((p.latAt(0, j) - p.latAt(0, j - 1)) -
                                (p.latAt(0, 1) - p.latAt(0, 0))) < 1e-3 * out.resolutionDeg + 1e-9;
            out.gridKind = even ? "regular lon/lat" : "non-uniform lon/lat";
        } else {
            out.gridKind = "curvilinear";
        }
        if (out.staggered) out.gridKind += ", Arakawa C (u and v at cell faces)";
    }
};

}  // namespace

CurrentsLayout detectCurrents(const std::vector<nc::File>& files,
                              const CurrentsOverrides& overrides) {
    Detector d{files, overrides, {}};
    d.run();
    return std::move(d.out);
}

std::string CurrentsLayout::summary() const {
    std::ostringstream s;
    s.precision(6);
    for (std::size_t k = 0; k < files.size(); ++k)
        s << "file      " << files[k] << " (" << fileFormats[k] << ")\n";
    s << "u         " << u.var << " (" << u.foundBy << "), " << u.coordinates << "\n";
    s << "v         " << v.var << " (" << v.foundBy << "), " << v.coordinates << "\n";
    s << "grid      " << gridKind << ", " << centres.nx << " x " << centres.ny << " points, ~"
      << resolutionDeg << " deg; lon " << lonMin << " .. " << lonMax << ", lat " << latMin << " .. "
      << latMax << "\n";
    s << "direction "
      << (gridRelative ? "along the grid's axes, rotated to east/north with " + angleFrom
                       : std::string("east / north"))
      << "\n";
    s << "depth     " << depthNote;
    if (depthValue) s << " (" << depthVar << " = " << *depthValue << ")";
    s << "\n";
    s << "time      " << timeSteps() << " steps";
    if (!u.steps.empty())
        s << ", " << formatDateTime(firstDay()) << " .. " << formatDateTime(lastDay());
    if (stepHours > 0) s << ", every " << stepHours << " h";
    s << " (" << timeVar << ": " << timeUnits << ")\n";
    s << "land      " << maskFrom << "\n";
    for (const auto& n : notes) s << "note      " << n << "\n";
    return s.str();
}

}  // namespace driftlab
