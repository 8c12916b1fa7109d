#pragma once
// Where the values of one field of a model's output live: an ny x nx block of points, each with
// its longitude and latitude (row-major, index j * nx + i). A regular or non-uniform lon/lat grid
// is the case where lon depends on i only and lat on j only; a curvilinear grid (NEMO, ROMS) has
// both vary with i and j.
#include <cstddef>
#include <vector>

namespace driftlab {

struct SourcePoints {
    int nx = 0, ny = 0;
    std::vector<double> lon, lat;  // ny x nx
    bool separable = false;        // lon(j, i) = lon(i) and lat(j, i) = lat(j)

    std::size_t size() const { return static_cast<std::size_t>(nx) * ny; }
    double lonAt(int i, int j) const { return lon[static_cast<std::size_t>(j) * nx + i]; }
    double latAt(int i, int j) const { return lat[static_cast<std::size_t>(j) * nx + i]; }

    // From 1-D axes (any order, any spacing; longitudes may be 0..360).
    static SourcePoints fromAxes(const std::vector<double>& lons, const std::vector<double>& lats);
    // A sub-block [i0, i0 + nx) x [j0, j0 + ny).
    SourcePoints window(int i0, int j0, int wnx, int wny) const;
    // Median distance in degrees between neighbouring points (along i and along j, the smaller).
    double medianSpacingDeg() const;
    // Median distance in km between neighbouring points along j, and along i (each median).
    void medianSpacingKm(double& alongI, double& alongJ) const;
    // Angle (radians, counter-clockwise from east) of the grid's i direction at each point, from
    // the points' own coordinates (centred differences, one-sided at the edges).
    std::vector<double> iDirectionAngle() const;
};

// Longitude moved by whole turns into [centre - 180, centre + 180).
double wrapLongitude(double lon, double centre);

}  // namespace driftlab
