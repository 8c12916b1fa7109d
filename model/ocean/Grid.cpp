#include "ocean/Grid.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace driftlab {

Grid Grid::fromExtent(double lonMin, double lonMax, double latMin, double latMax,
                      double resolutionDeg) {
    if (!(resolutionDeg > 0.0) || !(lonMax > lonMin) || !(latMax > latMin)) {
        throw std::invalid_argument("grid: resolution and extent must be positive");
    }
    const double fx = (lonMax - lonMin) / resolutionDeg;
    const double fy = (latMax - latMin) / resolutionDeg;
    const double rx = std::round(fx), ry = std::round(fy);
    if (std::abs(fx - rx) > 1e-6 || std::abs(fy - ry) > 1e-6) {
        throw std::invalid_argument("grid: resolution " + std::to_string(resolutionDeg) +
                                    " deg does not divide the extent into whole cells");
    }
    Grid g;
    g.lonMin = lonMin;
    g.latMin = latMin;
    g.dLon = resolutionDeg;
    g.dLat = resolutionDeg;
    g.nx = static_cast<int>(rx);
    g.ny = static_cast<int>(ry);
    return g;
}

std::vector<double> Grid::lons() const {
    std::vector<double> v(nx);
    for (int i = 0; i < nx; ++i) v[i] = lon(i);
    return v;
}

std::vector<double> Grid::lats() const {
    std::vector<double> v(ny);
    for (int j = 0; j < ny; ++j) v[j] = lat(j);
    return v;
}

double Grid::cellWidthM(int j) const {
    return kEarthRadiusM * std::cos(lat(j) * kDegToRad) * dLon * kDegToRad;
}

double Grid::cellHeightM() const {
    return kEarthRadiusM * dLat * kDegToRad;
}

}  // namespace driftlab
