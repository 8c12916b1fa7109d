#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "ocean/Streamlines.h"

using namespace driftlab;

namespace {

// 4 x 2 degrees at 1/8 degree: 32 x 16 cells, mid-latitude 43 N.
Grid testGrid() {
    return Grid::fromExtent(4.0, 8.0, 42.0, 44.0, 0.125);
}

double kxOf(const Grid& g) {
    return std::cos(0.5 * (g.latMin + g.latMax()) * kDegToRad);
}

struct Field {
    std::vector<float> u, v;
};

// A rotation about (lonC, latC) whose streamlines are circles on the map (x = lon * kx, y = lat).
Field rotation(const Grid& g, double lonC, double latC) {
    Field f{std::vector<float>(g.cellCount()), std::vector<float>(g.cellCount())};
    const double kx = kxOf(g);
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const double dx = (g.lon(i) - lonC) * kx, dy = g.lat(j) - latC;
            const std::size_t c = static_cast<std::size_t>(j) * g.nx + i;
            // Map direction (u * kx / cos(lat), v) = (-dy, dx), at about 0.3 m/s a degree.
            f.u[c] = static_cast<float>(-0.3 * dy * std::cos(g.lat(j) * kDegToRad) / kx);
            f.v[c] = static_cast<float>(0.3 * dx);
        }
    return f;
}

double mapDistance(const Grid& g, double lon1, double lat1, double lon2, double lat2) {
    const double kx = kxOf(g);
    return std::hypot((lon1 - lon2) * kx, lat1 - lat2);
}

}  // namespace

TEST(Streamlines, UniformFlowGivesStraightParallelLinesOneSeparationApart) {
    const Grid g = testGrid();
    const std::vector<float> u(g.cellCount(), 0.2f), v(g.cellCount(), 0.0f);
    StreamlineOptions o;
    o.separationCells = 2.0;
    const auto lines = evenlySpacedStreamlines(g, u, v, {}, o);
    // 16 rows of cells, a line every 2 cells.
    ASSERT_EQ(lines.size(), 8u);
    std::vector<double> lats;
    for (const auto& line : lines) {
        ASSERT_GE(line.lon.size(), 2u);
        for (std::size_t k = 1; k < line.lon.size(); ++k) {
            EXPECT_NEAR(line.lat[k], line.lat[0], 1e-9);  // straight, eastward
            EXPECT_GT(line.lon[k], line.lon[k - 1]);      // in the direction of the flow
        }
        // From one edge of the domain to the other, less a step at each end.
        EXPECT_LT(line.lon.front() - g.lonMin, 0.5 * g.dLon / kxOf(g));
        EXPECT_LT(g.lonMax() - line.lon.back(), 0.5 * g.dLon / kxOf(g));
        EXPECT_NEAR(line.speed[0], 0.2f, 1e-6f);
        lats.push_back(line.lat[0]);
    }
    std::sort(lats.begin(), lats.end());
    for (std::size_t k = 1; k < lats.size(); ++k)
        EXPECT_NEAR(lats[k] - lats[k - 1], 2.0 * g.dLat, 1e-9);
}

TEST(Streamlines, SolidBodyRotationGivesCirclesThatKeepTheirSpacing) {
    const Grid g = testGrid();
    const Field f = rotation(g, 6.0, 43.0);
    StreamlineOptions o;
    o.separationCells = 2.5;
    const auto lines = evenlySpacedStreamlines(g, f.u, f.v, {}, o);
    ASSERT_GE(lines.size(), 4u);
    for (const auto& line : lines) {
        // Each line keeps its distance to the centre (RK2 with a quarter-cell step).
        const double r0 = mapDistance(g, line.lon[0], line.lat[0], 6.0, 43.0);
        for (std::size_t k = 0; k < line.lon.size(); ++k)
            EXPECT_NEAR(mapDistance(g, line.lon[k], line.lat[k], 6.0, 43.0), r0, 0.02 * g.dLat);
        // Anticlockwise: the cross product of radius and step is positive.
        for (std::size_t k = 1; k < line.lon.size(); ++k) {
            const double kx = kxOf(g);
            const double rx = (line.lon[k - 1] - 6.0) * kx, ry = line.lat[k - 1] - 43.0;
            const double sx = (line.lon[k] - line.lon[k - 1]) * kx,
                         sy = line.lat[k] - line.lat[k - 1];
            EXPECT_GT(rx * sy - ry * sx, 0.0);
        }
    }
    // No two lines come closer than half a separation (less a step for the last one traced).
    const double minGap = 0.5 * o.separationCells * g.dLat - o.stepCells * g.dLat;
    for (std::size_t a = 0; a < lines.size(); ++a)
        for (std::size_t b = a + 1; b < lines.size(); ++b)
            for (std::size_t p = 0; p < lines[a].lon.size(); p += 2)
                for (std::size_t q = 0; q < lines[b].lon.size(); q += 2)
                    ASSERT_GE(mapDistance(g, lines[a].lon[p], lines[a].lat[p], lines[b].lon[q],
                                          lines[b].lat[q]),
                              minGap)
                        << "lines " << a << " and " << b;
}

TEST(Streamlines, StayOffLandAndCoverTheOcean) {
    const Grid g = testGrid();
    const std::vector<float> u(g.cellCount(), 0.1f), v(g.cellCount(), 0.05f);
    std::vector<std::uint8_t> ocean(g.cellCount(), 1);
    // An island in the middle, 8 x 6 cells.
    for (int j = 5; j < 11; ++j)
        for (int i = 12; i < 20; ++i) ocean[static_cast<std::size_t>(j) * g.nx + i] = 0;
    const auto lines = evenlySpacedStreamlines(g, u, v, ocean);
    ASSERT_FALSE(lines.empty());
    std::vector<int> near(g.cellCount(), 0);
    for (const auto& line : lines)
        for (std::size_t k = 0; k < line.lon.size(); ++k) {
            ASSERT_TRUE(g.contains(line.lon[k], line.lat[k]));
            const int i = static_cast<int>((line.lon[k] - g.lonMin) / g.dLon);
            const int j = static_cast<int>((line.lat[k] - g.latMin) / g.dLat);
            ASSERT_EQ(ocean[static_cast<std::size_t>(j) * g.nx + i], 1)
                << "a point on land at cell " << i << ", " << j;
            near[static_cast<std::size_t>(j) * g.nx + i] = 1;
        }
    // Every ocean cell is within a separation (3 cells) of some line.
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            if (!ocean[static_cast<std::size_t>(j) * g.nx + i]) continue;
            bool covered = false;
            for (int b = std::max(0, j - 3); b <= std::min(g.ny - 1, j + 3) && !covered; ++b)
                for (int a = std::max(0, i - 3); a <= std::min(g.nx - 1, i + 3) && !covered; ++a)
                    covered = near[static_cast<std::size_t>(b) * g.nx + a] != 0;
            EXPECT_TRUE(covered) << "ocean cell " << i << ", " << j << " far from every line";
        }
}

TEST(Streamlines, StillWaterHasNoLinesAndTheSameFieldTheSameLines) {
    const Grid g = testGrid();
    const std::vector<float> zero(g.cellCount(), 0.0f);
    EXPECT_TRUE(evenlySpacedStreamlines(g, zero, zero, {}).empty());
    const Field f = rotation(g, 5.0, 42.5);
    const auto a = evenlySpacedStreamlines(g, f.u, f.v, {});
    const auto b = evenlySpacedStreamlines(g, f.u, f.v, {});
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
        EXPECT_EQ(a[k].lon, b[k].lon);
        EXPECT_EQ(a[k].lat, b[k].lat);
    }
}

TEST(Streamlines, RefusesMismatchedFieldsAndBadOptions) {
    const Grid g = testGrid();
    const std::vector<float> u(g.cellCount(), 0.1f), shortV(10, 0.0f);
    EXPECT_THROW(evenlySpacedStreamlines(g, u, shortV, {}), std::invalid_argument);
    StreamlineOptions o;
    o.stepCells = 5.0;  // larger than the separation
    EXPECT_THROW(evenlySpacedStreamlines(g, u, u, {}, o), std::invalid_argument);
}
