#include "importing/CurrentsDetector.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/Text.h"
#include "netcdf/CfTime.h"
#include "netcdf/CfValues.h"
#include "importing/GridRotation.h"
#include "ocean/Grid.h"

namespace driftlab {

namespace {

using nc::File;
using nc::VarInfo;

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

std::string attr(const File& f, const std::string& var, const char* name) {
    return f.text(var, name).value_or("");
}

bool isLonUnits(const std::string& u) {
    const std::string s = lowerCase(u);
    return s == "degrees_east" || s == "degree_east" || s == "degrees_e" || s == "degree_e" ||
           s == "degreese" || s == "degreee";
}
bool isLatUnits(const std::string& u) {
    const std::string s = lowerCase(u);
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
    if (lowerCase(attr(f, v, "axis")) == "x" && lowerCase(attr(f, v, "units")).rfind("degree", 0) == 0)
        return true;
    return contains(kLonNames, lowerCase(v));
}
bool isLat(const File& f, const std::string& v) {
    const std::string sn = attr(f, v, "standard_name");
    if (sn == "latitude") return true;
    if (sn == "grid_latitude" || sn == "projection_y_coordinate") return false;
    if (isLatUnits(attr(f, v, "units"))) return true;
    if (lowerCase(attr(f, v, "axis")) == "y" && lowerCase(attr(f, v, "units")).rfind("degree", 0) == 0)
        return true;
    return contains(kLatNames, lowerCase(v));
}

bool isTimeVar(const File& f, const std::string& v) {
    const std::string units = lowerCase(attr(f, v, "units"));
    if (units.find(" since ") != std::string::npos) return true;
    const std::string sn = attr(f, v, "standard_name");
    return sn == "time" || lowerCase(attr(f, v, "axis")) == "t";
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

struct Detector {
    const std::vector<File>& files;
    const CurrentsOverrides& ov;
    CurrentsLayout out;
    bool lastDerived = false;  // pointsFrom's last success averaged neighbouring points
    bool depthAveraged = false;
    bool lastDegenerate = false;     // pointsFrom's last failure: the values are no positions
    bool staggeredUnusable = false;  // lon_u / glamu present but zero or degenerate

    void findVelocity(std::vector<int>& uFiles, std::vector<int>& vFiles) {
        VelocityChoice c = chooseVelocity(files, ov);
        out.u.var = c.u;
        out.v.var = c.v;
        out.u.foundBy = c.uFoundBy;
        out.v.foundBy = c.vFoundBy;
        uFiles = c.uFiles;
        vFiles = c.vFiles;
        depthAveraged = c.depthAveraged;
        for (auto& n : c.notes) out.notes.push_back(std::move(n));
    }

    // Time, depth and horizontal dimensions of a component, from its first file.
    void classifyDims(ComponentLayout& c, const File& f) {
        const VarInfo v = f.variable(c.var);
        c.rank = v.dims.size();
        c.standardName = attr(f, c.var, "standard_name");
        if (!nc::isNumericType(v.type))
            throw std::invalid_argument(fileName(f.path()) + ": '" + c.var + "' is not numeric");
        std::vector<int> rest;
        for (int k = 0; k < v.rank(); ++k) {
            const std::string& d = v.dims[k];
            const bool timeLike =
                (f.hasVariable(d) && isTimeVar(f, d)) || contains(kTimeDimNames, lowerCase(d));
            if (timeLike && c.timeDim < 0)
                c.timeDim = k;
            else
                rest.push_back(k);
        }
        if (c.timeDim < 0)
            throw std::invalid_argument(fileName(f.path()) + ": '" + c.var +
                                        "' has no time dimension (dimensions: " + dimsText(v) +
                                        ")");
        if (rest.size() < 2)
            throw std::invalid_argument(fileName(f.path()) + ": '" + c.var +
                                        "' is not a map (dimensions: " + dimsText(v) + ")");
        if (rest.size() > 3)
            throw std::invalid_argument(fileName(f.path()) + ": '" + c.var +
                                        "' has more dimensions than time, depth, y and x (" +
                                        dimsText(v) + ")");
        if (rest.size() == 3) {
            int depth = -1;
            for (int k : rest) {
                const std::string& d = v.dims[k];
                const bool depthLike = contains(kDepthNames, lowerCase(d)) ||
                                       (f.hasVariable(d) && (lowerCase(attr(f, d, "axis")) == "z" ||
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
        lastDegenerate = false;
        if (!f.hasVariable(lonVar) || !f.hasVariable(latVar)) return false;
        const VarInfo lv = f.variable(lonVar), av = f.variable(latVar);
        if (!nc::isNumericType(lv.type) || !nc::isNumericType(av.type)) return false;
        std::vector<std::size_t> ls, as;
        std::vector<std::string> ld, ad;
        const std::size_t ny = comp.shape[yDim], nx = comp.shape[xDim];
        auto lonVals = readPlane(f, lv, ls, ld);
        auto latVals = readPlane(f, av, as, ad);
        lastDerived = false;
        // Zeros or one repeated value (MET Norway's subsets keep lon_u = 0): not positions.
        lastDegenerate = degenerate(lonVals) && degenerate(latVals);
        if (lastDegenerate) return false;
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

    static bool degenerate(const std::vector<double>& v) {
        double lo = 0, hi = 0;
        bool any = false;
        for (double x : v) {
            if (!std::isfinite(x)) continue;
            lo = any ? std::min(lo, x) : x;
            hi = any ? std::max(hi, x) : x;
            any = true;
        }
        return !any || (v.size() > 1 && hi - lo < 1e-9);
    }

    // C-grid points half a cell from the centres (lon, lat of shape ny x nx), for a component
    // cut to the centres' own shape: u(j, i) between centres i and i + 1 (di = 1), v(j, i)
    // between rows j and j + 1 (dj = 1), as ROMS indexes them; the last one extrapolated.
    static void halfCellFromCentres(const std::vector<double>& lon, const std::vector<double>& lat,
                                    int ny, int nx, int dj, int di, SourcePoints& pts) {
        pts.ny = ny;
        pts.nx = nx;
        pts.lon.resize(pts.size());
        pts.lat.resize(pts.size());
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                const bool last = (di && i + 1 >= nx) || (dj && j + 1 >= ny);
                const int i2 = last ? i - di : i + di, j2 = last ? j - dj : j + dj;
                if (i2 < 0 || j2 < 0) {  // a single row or column: no neighbour to go by
                    pts.lon[static_cast<std::size_t>(j) * nx + i] = lon[j * nx + i];
                    pts.lat[static_cast<std::size_t>(j) * nx + i] = lat[j * nx + i];
                    continue;
                }
                const std::size_t a = static_cast<std::size_t>(j) * nx + i,
                                  b = static_cast<std::size_t>(j2) * nx + i2;
                const double half = last ? -0.5 : 0.5;
                const double lb = wrapLongitude(lon[b], lon[a]);
                pts.lon[a] = lon[a] + half * (lb - lon[a]);
                pts.lat[a] = lat[a] + half * (lat[b] - lat[a]);
            }
        pts.separable = false;
    }

    // A C-grid component without usable staggered coordinates, cut to the shape of the rho / T
    // points: its positions by index from theirs (what OpenDrift's ROMS reader does).
    bool staggeredFromCentres(ComponentLayout& c, const VarInfo& v, char letter) {
        const std::string dy = lowerCase(v.dims[c.yDim]), dx = lowerCase(v.dims[c.xDim]);
        const bool namedStaggered = dx == "xi_u" || dy == "eta_v" || dy == "eta_u" ||
                                    dx == "xi_v";
        if (!staggeredUnusable && !namedStaggered) return false;
        for (const auto& [lo, la] : std::vector<std::pair<std::string, std::string>>{
                 {"lon_rho", "lat_rho"}, {"glamt", "gphit"}, {"nav_lon", "nav_lat"}})
            for (const File& g : files) {
                if (!g.hasVariable(lo) || !g.hasVariable(la)) continue;
                std::vector<std::size_t> ls, as;
                std::vector<std::string> ld, ad;
                const auto lon = readPlane(g, g.variable(lo), ls, ld);
                const auto lat = readPlane(g, g.variable(la), as, ad);
                if (ls.size() != 2 || ls != as || degenerate(lon)) continue;
                const int ny = static_cast<int>(ls[0]), nx = static_cast<int>(ls[1]);
                if (static_cast<int>(v.shape[c.yDim]) != ny || static_cast<int>(v.shape[c.xDim]) != nx)
                    continue;  // a full C-grid (one fewer point): the usual derivation does it
                halfCellFromCentres(lon, lat, ny, nx, letter == 'v' ? 1 : 0,
                                    letter == 'u' ? 1 : 0, c.points);
                c.coordinates = std::string("half a cell ") + (letter == 'u' ? "east" : "north") +
                                " of the " + lo + "/" + la + " points of " + fileName(g.path()) +
                                " (by index: " +
                                (staggeredUnusable ? "the staggered coordinates are zero"
                                                   : "no staggered coordinates") +
                                ", the component is cut to the centres' shape)";
                return true;
            }
        return false;
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
            c.coordinates = "at " + lo + "/" + la + " in " + fileName(g.path());
            if (lastDerived)
                c.coordinates =
                    "midway between the " + lo + "/" + la + " points of " + fileName(g.path());
            return true;
        };
        // 1. The staggered grid's own coordinates (NEMO mesh mask, ROMS).
        const std::vector<std::pair<std::string, std::string>> staggeredNames =
            letter == 'u' ? std::vector<std::pair<std::string, std::string>>{{"glamu", "gphiu"},
                                                                             {"lon_u", "lat_u"}}
                          : std::vector<std::pair<std::string, std::string>>{{"glamv", "gphiv"},
                                                                             {"lon_v", "lat_v"}};
        for (const auto& [lo, la] : staggeredNames)
            for (const File& g : files) {
                if (tryIn(g, lo, la, false)) return;
                staggeredUnusable = staggeredUnusable || lastDegenerate;
            }
        if (staggeredFromCentres(c, v, letter)) return;
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
            fileName(f.path()) + ": no longitude / latitude found for '" + c.var +
            "' (dimensions: " + dimsText(v) +
            "). DriftLab looks for the variable's `coordinates` attribute, CF coordinate "
            "variables, and variables with units degrees_east / degrees_north");
    }

    // The reference date of a time axis in plain seconds (or days) since initialisation:
    // --time-origin, else a date the file carries (`time_origin`, `start_date`, `date`), else
    // 2000-01-01, the origin croco_tools writes its forcing with (Yorig = 2000).
    std::string timeOrigin(const File& f, const std::string& tv, const std::string& units) {
        std::string origin, from;
        if (ov.timeOriginDays) {
            origin = formatDateTime(*ov.timeOriginDays);
            from = "--time-origin";
        }
        const std::pair<std::string, const char*> places[] = {
            {tv, "time_origin"}, {"", "time_origin"}, {"", "start_date"}, {"", "date"}};
        for (const auto& [var, name] : places) {
            if (!origin.empty()) break;
            const std::string value = attr(f, var, name);
            if (value.find_first_not_of(" ") == std::string::npos) continue;
            try {
                CfTime::parse("days since " + value, "");
                origin = value;
                from = (var.empty() ? std::string("the file's :") : "'" + var + ":") + name +
                       (var.empty() ? "" : "'");
            } catch (const std::invalid_argument&) {
            }
        }
        if (origin.empty()) {
            origin = "2000-01-01 00:00:00";
            from = "a default: the file gives none (CROCO's time since initialisation; "
                   "croco_tools' Yorig = 2000). Set the true start with --time-origin DATE";
        }
        if (out.timeOrigin.empty())
            out.timeOrigin = "'" + tv + "' is in " + units + " without a date; origin " + origin +
                             " from " + from;
        return origin;
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
                throw std::invalid_argument(fileName(f.path()) + ": '" + c.var +
                                            "' has dimensions (" + dimsText(v) + "), " +
                                            fileName(files[fileIdx.front()].path()) + " has (" +
                                            dimsText(first) + ")");
            for (int k = 0; k < v.rank(); ++k)
                if (k != c.timeDim && v.shape[k] != first.shape[k])
                    throw std::invalid_argument("mismatched grids: '" + c.var + "' is " +
                                                dimsText(v) + " in " + fileName(f.path()) +
                                                " but " + dimsText(first) + " in " +
                                                fileName(files[fileIdx.front()].path()));
            std::string tv;
            if (f.hasVariable(timeDim) && isTimeVar(f, timeDim)) tv = timeDim;
            for (const VarInfo& cand : f.variables())
                if (tv.empty() && cand.rank() == 1 && cand.dims[0] == timeDim &&
                    isTimeVar(f, cand.name))
                    tv = cand.name;
            if (tv.empty())
                throw std::invalid_argument(fileName(f.path()) + ": no time coordinate for '" +
                                            c.var + "' (dimension " + timeDim + ")");
            std::string units = attr(f, tv, "units");
            if (CfTime::isBareUnit(units)) units += " since " + timeOrigin(f, tv, units);
            CfTime cf;
            try {
                cf = CfTime::parse(units, attr(f, tv, "calendar"));
            } catch (const std::invalid_argument& e) {
                throw std::invalid_argument(fileName(f.path()) + ": '" + tv + "': " + e.what());
            }
            if (out.timeVar.empty()) {
                out.timeVar = tv;
                out.timeUnits = cf.describe();
            }
            std::vector<double> t = f.read(f.variable(tv));
            CfValues(f, f.variable(tv)).decode(t);
            for (std::size_t k = 0; k < t.size(); ++k) {
                if (std::isnan(t[k]))
                    throw std::invalid_argument(fileName(f.path()) + ": time step " +
                                                std::to_string(k) + " of '" + tv + "' is missing");
                if (k > 0 && !(t[k] > t[k - 1]))
                    throw std::invalid_argument(fileName(f.path()) + ": the time axis '" + tv +
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
            positive = lowerCase(attr(f, dim, "positive"));
            units = lowerCase(attr(f, dim, "units"));
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
                // What 1 means, weakest word first: the standard name, the model's own convention
                // for the name (CROCO labels its mask_rho land_binary_mask although 1 is water
                // there), then attributes that say what 0 and 1 are.
                bool match = sn == "sea_binary_mask" || sn == "land_binary_mask";
                bool landIsOne = sn == "land_binary_mask";
                std::string decidedBy;
                for (const Cand& c : names)
                    if (lowerCase(v.name) == c.name) {
                        if (match && landIsOne != c.landIsOne)
                            decidedBy = std::string("as in every ") + c.name;
                        match = true;
                        landIsOne = c.landIsOne;
                    }
                const bool before = landIsOne;  // what the name (or the standard name) says
                const bool saidBySn = !sn.empty() && match && !decidedBy.empty();
                const std::string one = lowerCase(attr(f, v.name, "option_1"));
                const std::string zero = lowerCase(attr(f, v.name, "option_0"));
                const auto wet = [](const std::string& t) {
                    return t.find("water") != std::string::npos ||
                           t.find("sea") != std::string::npos ||
                           t.find("ocean") != std::string::npos;
                };
                if (match && (!one.empty() || !zero.empty())) {
                    landIsOne = one.find("land") != std::string::npos || wet(zero);
                    if (landIsOne != before || saidBySn)
                        decidedBy = "as its option_0 / option_1 say";
                }
                // Said when the meaning taken is not the one the weaker word gave.
                std::string why;
                if (!decidedBy.empty())
                    why = std::string(", 1 = ") + (landIsOne ? "land" : "water") + " " + decidedBy +
                          (sn.empty() ? std::string()
                                      : " (its standard_name " + sn + " says otherwise)");
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
                out.maskFrom = v.name + " in " + fileName(f.path()) + why;
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
                c.maskFrom = n + " in " + fileName(f.path());
                return;
            }
    }

    // Whether the components point along the grid's axes: the user's word, then the names,
    // then the grid (a ROMS `angle`, a projected grid_mapping, a curvilinear grid).
    void direction(const File& uFile) {
        std::string why;
        const std::optional<bool> byName = gridRelativeByName(uFile, out.u.var, why);
        if (ov.gridRelative) {
            out.gridRelative = *ov.gridRelative;
            out.directionWhy = "--direction";
            if (byName && *byName != *ov.gridRelative)
                out.notes.push_back("--direction overrides the file's " + why + ", which says " +
                                    (*byName ? "along the grid's axes" : "east / north"));
            return;
        }
        if (byName) {
            out.gridRelative = *byName;
            out.directionWhy = why;
            return;
        }
        bool hasAngle = false;
        for (const File& f : files) hasAngle = hasAngle || f.hasVariable("angle");
        const std::string gm = gridMappingVariable(uFile, out.u.var);
        const std::string gmName =
            gm.empty() ? "" : lowerCase(attr(uFile, gm, "grid_mapping_name"));
        const bool separable = out.u.points.separable && out.v.points.separable;
        if (hasAngle) {
            out.gridRelative = true;
            out.directionWhy = "no direction in the names; the files carry the grid's angle "
                               "(ROMS): along the grid's axes (--direction east-north if not)";
        } else if (!gmName.empty() && gmName != "latitude_longitude") {
            out.gridRelative = true;
            out.directionWhy = "no direction in the names; grid_mapping " + gmName +
                               ": along the grid's axes (--direction east-north if not)";
        } else if (!separable) {
            out.gridRelative = true;
            out.directionWhy = "no direction in the names, on a curvilinear grid: along the "
                               "grid's axes (--direction east-north if not)";
        } else {
            out.gridRelative = false;
            out.directionWhy = "no direction in the names, on a lon/lat grid: east / north "
                               "(--direction grid if not)";
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
        direction(files[uFiles.front()]);

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
            GridRotation r = gridRotation(files, out.centres, files[uFiles.front()], out.u.var);
            out.angle = std::move(r.angle);
            out.angleFrom = std::move(r.from);
            for (auto& n : r.notes) out.notes.push_back(std::move(n));
        }
        if (depthAveraged)
            out.velocityKind = "depth-averaged (barotropic)";
        else if (out.u.depthDim >= 0)
            out.velocityKind = "3-D";
        else
            out.velocityKind = "a single level";

        measureCentres(out);
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

}  // namespace driftlab
