// Regridding model grids onto DriftLab's regular grid.
#include <gtest/gtest.h>

#include <cmath>

#include "importing/Regridder.h"
#include "importing/SourcePoints.h"

namespace driftlab {
namespace {

Grid grid(double lonMin, double latMin, double d, int nx, int ny) {
    Grid g;
    g.lonMin = lonMin;
    g.latMin = latMin;
    g.dLon = g.dLat = d;
    g.nx = nx;
    g.ny = ny;
    return g;
}

TEST(Regridder, TheSameGridComesBackUnchanged) {
    const Grid g = grid(3.0, 42.0, 0.1, 16, 12);
    const SourcePoints p = SourcePoints::fromAxes(g.lons(), g.lats());
    std::vector<double> v(p.size()), out;
    for (std::size_t k = 0; k < v.size(); ++k) v[k] = std::sin(0.1 * static_cast<double>(k));
    Regridder(p, g).apply(v, out);
    for (std::size_t k = 0; k < v.size(); ++k) EXPECT_NEAR(out[k], v[k], 1e-6) << k;
}

TEST(Regridder, ALinearFieldOnARotatedCurvilinearGridIsExact) {
    // A grid rotated by 35 degrees (a parallelogram mesh in lon/lat): bilinear interpolation of
    // a field linear in lon and lat is exact, so the inverse map must find the right points.
    const double th = 35.0 * kDegToRad, d = 0.05;
    SourcePoints p;
    p.nx = 40;
    p.ny = 40;
    for (int j = 0; j < p.ny; ++j)
        for (int i = 0; i < p.nx; ++i) {
            p.lon.push_back(5.0 + d * (i * std::cos(th) - j * std::sin(th)));
            p.lat.push_back(40.0 + d * (i * std::sin(th) + j * std::cos(th)));
        }
    auto f = [](double lon, double lat) { return 2.0 * lon - 3.0 * lat + 1.0; };
    std::vector<double> v(p.size()), out;
    for (std::size_t k = 0; k < v.size(); ++k) v[k] = f(p.lon[k], p.lat[k]);
    const Grid g = grid(4.0, 40.2, 0.04, 32, 32);
    const Regridder r(p, g);
    r.apply(v, out);
    int inside = 0;
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const double x = out[static_cast<std::size_t>(j) * g.nx + i];
            // Where the centre is on the source grid (the rotation undone): cells outside it
            // along the edge take the one point they hold, the others are not covered.
            const double e = (g.lon(i) - 5.0) / d, n = (g.lat(j) - 40.0) / d;
            const double si = e * std::cos(th) + n * std::sin(th);
            const double sj = -e * std::sin(th) + n * std::cos(th);
            if (si < 0 || sj < 0 || si > p.nx - 1 || sj > p.ny - 1) continue;
            ASSERT_FALSE(std::isnan(x)) << i << "," << j;
            ++inside;
            EXPECT_NEAR(x, f(g.lon(i), g.lat(j)), 1e-6) << i << "," << j;
        }
    EXPECT_GT(inside, 300);  // the rotated square covers a good part of the box
    EXPECT_LT(inside, 32 * 32);
    EXPECT_GE(r.coveredCount(), static_cast<std::size_t>(inside));
}

TEST(Regridder, NemoLandTilesAtZeroZeroAreNotCells) {
    // A curvilinear grid whose corner block has lon = lat = 0 (NEMO's eliminated land tiles):
    // no cell far from the real points may take a value through the quads joining them to (0, 0).
    const double th = 20.0 * kDegToRad, d = 0.05;
    SourcePoints p;
    p.nx = 30;
    p.ny = 30;
    for (int j = 0; j < p.ny; ++j)
        for (int i = 0; i < p.nx; ++i) {
            const bool eliminated = i < 8 && j < 8;
            p.lon.push_back(eliminated ? 0.0 : 5.0 + d * (i * std::cos(th) - j * std::sin(th)));
            p.lat.push_back(eliminated ? 0.0 : 40.0 + d * (i * std::sin(th) + j * std::cos(th)));
        }
    std::vector<double> v(p.size(), 1.0), out;
    const Grid g = grid(4.0, 39.0, 0.05, 64, 64);
    Regridder(p, g).apply(v, out);
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const double x = out[static_cast<std::size_t>(j) * g.nx + i];
            if (std::isnan(x)) continue;
            // Inside the rotated square of real points (its bounding box, with a cell's margin).
            EXPECT_GT(g.lon(i), 5.0 - 30 * d * std::sin(th) - 0.06) << i << "," << j;
            EXPECT_GT(g.lat(j), 40.0 - 0.06) << i << "," << j;
        }
}

TEST(Regridder, MissingValuesAreNeverUsedAndOthersAreRenormalised) {
    const Grid src = grid(0.0, 0.0, 1.0, 4, 4);
    const SourcePoints p = SourcePoints::fromAxes(src.lons(), src.lats());
    std::vector<double> v(16, 2.0), out, frac;
    v[5] = std::nan("");  // land at (1, 1) and (2, 1)
    v[6] = std::nan("");
    const Grid between = grid(0.5, 0.5, 1.0, 3, 3);  // centres halfway between source points
    Regridder(p, between).apply(v, out, &frac);
    for (double x : out) EXPECT_DOUBLE_EQ(x, 2.0);
    EXPECT_NEAR(frac[0], 0.75, 1e-6);  // one of its four neighbours is land
    EXPECT_NEAR(frac[1], 0.5, 1e-6);   // two are
    EXPECT_NEAR(frac[8], 1.0, 1e-6);
}

TEST(Regridder, ACoarserGridAveragesThePointsInEachCell) {
    const Grid fine = grid(0.0, 0.0, 0.25, 8, 8);
    const SourcePoints p = SourcePoints::fromAxes(fine.lons(), fine.lats());
    std::vector<double> v(p.size()), out;
    for (int j = 0; j < 8; ++j)
        for (int i = 0; i < 8; ++i) v[static_cast<std::size_t>(j) * 8 + i] = i;
    Regridder(p, grid(0.0, 0.0, 1.0, 2, 2)).apply(v, out);
    EXPECT_DOUBLE_EQ(out[0], 1.5);  // mean of 0, 1, 2, 3
    EXPECT_DOUBLE_EQ(out[1], 5.5);
}

TEST(Regridder, LongitudesFrom0To360CrossGreenwich) {
    // HYCOM-style axis 356 .. 359.9, 0 .. 3.9 read onto a grid from -2 to 2 east.
    std::vector<double> lons, lats = {10.0, 10.1, 10.2, 10.3};
    for (double x = 356.0; x < 359.95; x += 0.1) lons.push_back(x);
    for (double x = 0.0; x < 3.95; x += 0.1) lons.push_back(x);
    const SourcePoints p = SourcePoints::fromAxes(lons, lats);
    std::vector<double> v(p.size()), out;
    for (int j = 0; j < p.ny; ++j)
        for (int i = 0; i < p.nx; ++i) {
            const double east = lons[i] > 180 ? lons[i] - 360 : lons[i];
            v[static_cast<std::size_t>(j) * p.nx + i] = east;
        }
    const Grid g = grid(-2.0, 10.0, 0.05, 80, 1);
    Regridder(p, g).apply(v, out);
    for (int i = 0; i < g.nx; ++i) EXPECT_NEAR(out[i], g.lon(i), 1e-9) << i;
}

}  // namespace
}  // namespace driftlab
