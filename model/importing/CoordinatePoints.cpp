#include "importing/CoordinatePoints.h"

#include <algorithm>
#include <cmath>

#include "netcdf/CfValues.h"

namespace driftlab {

using nc::File;
using nc::VarInfo;

namespace {

// Points midway between neighbouring points of `shape` along j (dj = 1) or i (di = 1).
void midpoints(const std::vector<double>& lon, const std::vector<double>& lat,
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

}  // namespace

std::vector<int> nonTrivialDims(const VarInfo& v) {
    std::vector<int> out;
    for (std::size_t k = 0; k < v.shape.size(); ++k)
        if (v.shape[k] > 1) out.push_back(static_cast<int>(k));
    return out;
}

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

std::string dimsText(const VarInfo& v) {
    std::string s;
    for (std::size_t k = 0; k < v.dims.size(); ++k)
        s += (k ? ", " : "") + v.dims[k] + " " + std::to_string(v.shape[k]);
    return s;
}

bool degenerateCoordinates(const std::vector<double>& v) {
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

PointsRead readPoints(const File& f, const std::string& lonVar, const std::string& latVar,
                      const VarInfo& comp, int& yDim, int& xDim, SourcePoints& pts,
                      bool allowDerived) {
    PointsRead r;
    if (!f.hasVariable(lonVar) || !f.hasVariable(latVar)) return r;
    const VarInfo lv = f.variable(lonVar), av = f.variable(latVar);
    if (!nc::isNumericType(lv.type) || !nc::isNumericType(av.type)) return r;
    std::vector<std::size_t> ls, as;
    std::vector<std::string> ld, ad;
    const std::size_t ny = comp.shape[yDim], nx = comp.shape[xDim];
    auto lonVals = readPlane(f, lv, ls, ld);
    auto latVals = readPlane(f, av, as, ad);
    // Zeros or one repeated value (MET Norway's subsets keep lon_u = 0): not positions.
    r.degenerate = degenerateCoordinates(lonVals) && degenerateCoordinates(latVals);
    if (r.degenerate) return r;
    if (ls.size() == 1 && as.size() == 1) {
        // 1-D axes: which one runs along x is told by the dimension names, else the sizes.
        bool swap = false;
        if (ld[0] == comp.dims[yDim] && ad[0] == comp.dims[xDim])
            swap = true;
        else if (!(ld[0] == comp.dims[xDim] && ad[0] == comp.dims[yDim]))
            swap = ls[0] == ny && as[0] == nx && nx != ny;
        if (swap) std::swap(yDim, xDim);
        if (ls[0] != comp.shape[xDim] || as[0] != comp.shape[yDim]) return r;
        pts = SourcePoints::fromAxes(lonVals, latVals);
        r.found = true;
        return r;
    }
    if (ls.size() != 2 || as.size() != 2 || ls != as) return r;
    if (ld[0] == comp.dims[xDim] && ld[1] == comp.dims[yDim]) {
        std::swap(yDim, xDim);
    }
    const std::size_t cy = comp.shape[yDim], cx = comp.shape[xDim];
    r.derived = !(ls[0] == cy && ls[1] == cx);
    if (ls[0] == cy && ls[1] == cx) {
        pts.ny = static_cast<int>(cy);
        pts.nx = static_cast<int>(cx);
        pts.lon = std::move(lonVals);
        pts.lat = std::move(latVals);
    } else if (allowDerived && ls[0] == cy && ls[1] == cx + 1) {
        midpoints(lonVals, latVals, ls, 0, 1, pts);  // u points between rho points along x
    } else if (allowDerived && ls[0] == cy + 1 && ls[1] == cx) {
        midpoints(lonVals, latVals, ls, 1, 0, pts);  // v points between rho points along y
    } else {
        return r;
    }
    // A 2-D grid that is really a plain lon/lat product.
    bool sep = true;
    for (int j = 0; j < pts.ny && sep; ++j)
        for (int i = 0; i < pts.nx && sep; ++i)
            sep = pts.lonAt(i, j) == pts.lonAt(i, 0) && pts.latAt(i, j) == pts.latAt(0, j);
    pts.separable = sep;
    r.found = true;
    return r;
}

void halfCellFromCentres(const std::vector<double>& lon, const std::vector<double>& lat, int ny,
                         int nx, int dj, int di, SourcePoints& pts) {
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

}  // namespace driftlab
