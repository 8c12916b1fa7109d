#pragma once
// Positions read from a file's coordinate variables, for a velocity component or a mask: 1-D
// lon / lat axes, a 2-D curvilinear grid, or C-grid points half a cell from the centres.
#include <string>
#include <vector>

#include "importing/SourcePoints.h"
#include "netcdf/NcFile.h"

namespace driftlab {

// Dimensions of a variable without those of length 1 (what a coordinate or mask really spans).
std::vector<int> nonTrivialDims(const nc::VarInfo& v);

// Reads a variable that really is 2-D (or 1-D) after dropping length-1 dimensions; for more
// (a mask with depth: tmask(t, z, y, x)) the first index of every leading dimension is taken.
// `shape` and `dims` get the kept dimensions. Values decoded (CfValues).
std::vector<double> readPlane(const nc::File& f, const nc::VarInfo& v,
                              std::vector<std::size_t>& shape, std::vector<std::string>& dims);

// "time 24, lat 100, lon 200", for messages.
std::string dimsText(const nc::VarInfo& v);

// True when the values are no positions: all missing, or one repeated value (MET Norway's
// subsets keep lon_u = 0).
bool degenerateCoordinates(const std::vector<double>& v);

// How readPoints went.
struct PointsRead {
    bool found = false;
    bool derived = false;     // averaged between neighbouring points (C-grid faces)
    bool degenerate = false;  // the values are no positions
};

// Reads lon/lat named (lonVar, latVar) in file f into points laid out as the component's
// (y, x); swaps the component's x and y if the coordinates say the order is the other way.
// With allowDerived, coordinates one point longer along x (or y) give the points midway.
PointsRead readPoints(const nc::File& f, const std::string& lonVar, const std::string& latVar,
                      const nc::VarInfo& comp, int& yDim, int& xDim, SourcePoints& pts,
                      bool allowDerived);

// C-grid points half a cell from the centres (lon, lat of shape ny x nx), for a component
// cut to the centres' own shape: u(j, i) between centres i and i + 1 (di = 1), v(j, i)
// between rows j and j + 1 (dj = 1), as ROMS indexes them; the last one extrapolated.
void halfCellFromCentres(const std::vector<double>& lon, const std::vector<double>& lat, int ny,
                         int nx, int dj, int di, SourcePoints& pts);

}  // namespace driftlab
