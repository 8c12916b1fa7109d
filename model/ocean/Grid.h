#pragma once
// A regular longitude/latitude grid of cells (cell-registered: values live at cell centres).
#include <cstddef>
#include <vector>

namespace driftlab {

constexpr double kEarthRadiusM = 6371000.0;
constexpr double kPi = 3.14159265358979323846;
constexpr double kDegToRad = kPi / 180.0;

struct Grid {
    double lonMin = 0.0;  // west edge of the first column, degrees east
    double latMin = 0.0;  // south edge of the first row, degrees north
    double dLon = 1.0;    // cell size, degrees
    double dLat = 1.0;
    int nx = 0;  // columns (longitude), row-major storage: index = j * nx + i
    int ny = 0;  // rows (latitude), row 0 is the southernmost

    // Grid covering [lonMin, lonMax] x [latMin, latMax] with square cells of `resolutionDeg`.
    // Throws std::invalid_argument unless the extent is a whole number of cells.
    static Grid fromExtent(double lonMin, double lonMax, double latMin, double latMax,
                           double resolutionDeg);

    std::size_t cellCount() const { return static_cast<std::size_t>(nx) * ny; }
    double lonMax() const { return lonMin + nx * dLon; }
    double latMax() const { return latMin + ny * dLat; }
    double lon(int i) const { return lonMin + (i + 0.5) * dLon; }  // cell-centre longitude
    double lat(int j) const { return latMin + (j + 0.5) * dLat; }  // cell-centre latitude
    std::vector<double> lons() const;
    std::vector<double> lats() const;
    double cellWidthM(int j) const;  // east-west size of a cell in row j, metres
    double cellHeightM() const;      // north-south size of a cell, metres
    bool contains(double lonDeg, double latDeg) const {
        return lonDeg >= lonMin && lonDeg < lonMax() && latDeg >= latMin && latDeg < latMax();
    }
    bool operator==(const Grid&) const = default;
};

}  // namespace driftlab
