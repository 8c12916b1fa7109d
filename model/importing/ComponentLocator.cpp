#include "importing/ComponentLocator.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "core/InputError.h"
#include "core/Text.h"
#include "importing/CoordinatePoints.h"
#include "netcdf/CfNames.h"

namespace driftlab {

using nc::File;
using nc::VarInfo;

namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

const std::vector<std::string> kTimeDimNames = {"time", "time_counter", "ocean_time", "t", "mt"};
const std::vector<std::string> kDepthNames = {
    "depth", "deptht", "depthu", "depthv",  "depthw", "lev",          "level",
    "z",     "s_rho",  "s_w",    "nav_lev", "olevel", "deptht_bounds"};

}  // namespace

void ComponentLocator::classifyDims(ComponentLayout& c, const File& f) {
    const VarInfo v = f.variable(c.var);
    c.rank = v.dims.size();
    c.standardName = standardName(f, c.var);
    if (!nc::isNumericType(v.type))
        throw InputError(fileName(f.path()) + ": '" + c.var + "' is not numeric");
    std::vector<int> rest;
    for (int k = 0; k < v.rank(); ++k) {
        const std::string& d = v.dims[k];
        const bool timeLike =
            (f.hasVariable(d) && isTimeVariable(f, d)) || contains(kTimeDimNames, lowerCase(d));
        if (timeLike && c.timeDim < 0)
            c.timeDim = k;
        else
            rest.push_back(k);
    }
    if (c.timeDim < 0)
        throw InputError(fileName(f.path()) + ": '" + c.var +
                         "' has no time dimension (dimensions: " + dimsText(v) + ")");
    if (rest.size() < 2)
        throw InputError(fileName(f.path()) + ": '" + c.var +
                         "' is not a map (dimensions: " + dimsText(v) + ")");
    if (rest.size() > 3)
        throw InputError(fileName(f.path()) + ": '" + c.var +
                         "' has more dimensions than time, depth, y and x (" + dimsText(v) + ")");
    if (rest.size() == 3) {
        int depth = -1;
        for (int k : rest) {
            const std::string& d = v.dims[k];
            const bool depthLike = contains(kDepthNames, lowerCase(d)) ||
                                   (f.hasVariable(d) && (lowerCase(attrText(f, d, "axis")) == "z" ||
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

void ComponentLocator::locate(ComponentLayout& c, int firstFile, char letter) {
    const File& f = files_[firstFile];
    const VarInfo v = f.variable(c.var);
    PointsRead last;  // the last try's outcome
    auto tryIn = [&](const File& g, const std::string& lo, const std::string& la, bool derived) {
        int y = c.yDim, x = c.xDim;
        SourcePoints p;
        last = readPoints(g, lo, la, v, y, x, p, derived);
        if (!last.found) return false;
        c.yDim = y;
        c.xDim = x;
        c.points = std::move(p);
        c.coordinates = "at " + lo + "/" + la + " in " + fileName(g.path());
        if (last.derived)
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
        for (const File& g : files_) {
            if (tryIn(g, lo, la, false)) return;
            staggeredUnusable_ = staggeredUnusable_ || last.degenerate;
        }
    if (staggeredFromCentres(c, v, letter)) return;
    // 2. The variable's `coordinates` attribute.
    std::istringstream coords(attrText(f, c.var, "coordinates"));
    std::string lo, la, w;
    while (coords >> w) {
        if (!f.hasVariable(w)) continue;
        if (lo.empty() && isLongitude(f, w))
            lo = w;
        else if (la.empty() && isLatitude(f, w))
            la = w;
    }
    if (!lo.empty() && !la.empty() && tryIn(f, lo, la, false)) return;
    // 3. CF coordinate variables named as the dimensions.
    const std::string dy = v.dims[c.yDim], dx = v.dims[c.xDim];
    if (f.hasVariable(dx) && f.hasVariable(dy)) {
        if (isLongitude(f, dx) && isLatitude(f, dy) && tryIn(f, dx, dy, false)) return;
        if (isLongitude(f, dy) && isLatitude(f, dx) && tryIn(f, dy, dx, false)) return;
    }
    // 4. Any longitude / latitude pair of matching shape, in this file and then the others;
    //    then one of rho points half a cell away (ROMS without lon_u).
    for (bool derived : {false, true})
        for (int k = -1; k < static_cast<int>(files_.size()); ++k) {
            const File& g = k < 0 ? f : files_[k];
            std::vector<std::string> lons, lats;
            for (const VarInfo& cand : g.variables()) {
                if (cand.name == c.var || cand.rank() == 0 || cand.rank() > 4) continue;
                if (isLongitude(g, cand.name))
                    lons.push_back(cand.name);
                else if (isLatitude(g, cand.name))
                    lats.push_back(cand.name);
            }
            for (const auto& a : lons)
                for (const auto& b : lats)
                    if (tryIn(g, a, b, derived)) return;
        }
    throw InputError(fileName(f.path()) + ": no longitude / latitude found for '" + c.var +
                     "' (dimensions: " + dimsText(v) +
                     "). DriftLab looks for the variable's `coordinates` attribute, CF coordinate "
                     "variables, and variables with units degrees_east / degrees_north");
}

// A C-grid component without usable staggered coordinates, cut to the shape of the rho / T
// points: its positions by index from theirs (what OpenDrift's ROMS reader does).
bool ComponentLocator::staggeredFromCentres(ComponentLayout& c, const VarInfo& v, char letter) {
    const std::string dy = lowerCase(v.dims[c.yDim]), dx = lowerCase(v.dims[c.xDim]);
    const bool namedStaggered = dx == "xi_u" || dy == "eta_v" || dy == "eta_u" || dx == "xi_v";
    if (!staggeredUnusable_ && !namedStaggered) return false;
    for (const auto& [lo, la] : std::vector<std::pair<std::string, std::string>>{
             {"lon_rho", "lat_rho"}, {"glamt", "gphit"}, {"nav_lon", "nav_lat"}})
        for (const File& g : files_) {
            if (!g.hasVariable(lo) || !g.hasVariable(la)) continue;
            std::vector<std::size_t> ls, as;
            std::vector<std::string> ld, ad;
            const auto lon = readPlane(g, g.variable(lo), ls, ld);
            const auto lat = readPlane(g, g.variable(la), as, ad);
            if (ls.size() != 2 || ls != as || degenerateCoordinates(lon)) continue;
            const int ny = static_cast<int>(ls[0]), nx = static_cast<int>(ls[1]);
            if (static_cast<int>(v.shape[c.yDim]) != ny || static_cast<int>(v.shape[c.xDim]) != nx)
                continue;  // a full C-grid (one fewer point): the usual derivation does it
            halfCellFromCentres(lon, lat, ny, nx, letter == 'v' ? 1 : 0, letter == 'u' ? 1 : 0,
                                c.points);
            c.coordinates = std::string("half a cell ") + (letter == 'u' ? "east" : "north") +
                            " of the " + lo + "/" + la + " points of " + fileName(g.path()) +
                            " (by index: " +
                            (staggeredUnusable_ ? "the staggered coordinates are zero"
                                                : "no staggered coordinates") +
                            ", the component is cut to the centres' shape)";
            return true;
        }
    return false;
}

}  // namespace driftlab
