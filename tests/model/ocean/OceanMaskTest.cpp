#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ocean/OceanMask.h"

using namespace driftlab;

TEST(OceanMask, BuiltinCoastlinePutsKnownPlacesOnTheRightSide) {
    const OceanMask m = OceanMask::builtinNorthWestMed(Grid::fromExtent(2, 10, 41, 45, 1.0 / 64));
    // Land: the Cevennes, the middle of Corsica, the Alps near Nice, Sardinia's north.
    EXPECT_FALSE(m.isOceanAt(3.8, 44.3));
    EXPECT_FALSE(m.isOceanAt(9.05, 42.15));
    EXPECT_FALSE(m.isOceanAt(7.3, 44.0));
    EXPECT_FALSE(m.isOceanAt(9.2, 41.05));
    // Sea: the Gulf of Lion, the Ligurian Sea, the Balearic Sea, the strait of Bonifacio's west.
    EXPECT_TRUE(m.isOceanAt(4.5, 42.5));
    EXPECT_TRUE(m.isOceanAt(8.5, 43.6));
    EXPECT_TRUE(m.isOceanAt(3.0, 41.5));
    EXPECT_TRUE(m.isOceanAt(8.0, 41.3));
    // About 55 % of the region is sea.
    const double fraction = static_cast<double>(m.oceanCellCount()) / m.grid().cellCount();
    EXPECT_NEAR(fraction, 0.55, 0.03);
}

TEST(OceanMask, CoarseningKeepsTheOceanFraction) {
    const auto fraction = [](double res) {
        const OceanMask m = OceanMask::builtinNorthWestMed(Grid::fromExtent(2, 10, 41, 45, res));
        return static_cast<double>(m.oceanCellCount()) / m.grid().cellCount();
    };
    EXPECT_NEAR(fraction(1.0 / 16), fraction(1.0 / 128), 0.01);
    EXPECT_NEAR(fraction(1.0 / 4), fraction(1.0 / 128), 0.03);
}

TEST(OceanMask, RejectsGridsOutsideOrFinerThanTheResource) {
    EXPECT_THROW(OceanMask::builtinNorthWestMed(Grid::fromExtent(0, 10, 41, 45, 0.25)),
                 std::invalid_argument);
    EXPECT_THROW(OceanMask::builtinNorthWestMed(Grid::fromExtent(2, 3, 41, 42, 1.0 / 256)),
                 std::invalid_argument);
}

TEST(OceanMask, DistanceToLandMatchesBruteForce) {
    const OceanMask m = OceanMask::builtinNorthWestMed(Grid::fromExtent(6, 10, 41, 45, 1.0 / 8));
    const Grid& g = m.grid();
    const auto d = m.distanceToLandM();
    for (int j = 0; j < g.ny; j += 3) {
        for (int i = 0; i < g.nx; i += 3) {
            double best = std::numeric_limits<double>::infinity();
            for (int q = 0; q < g.ny; ++q) {
                for (int p = 0; p < g.nx; ++p) {
                    if (m.isOcean(p, q)) continue;
                    // The transform's metric: east-west spacing of the target row.
                    const double dx = (i - p) * g.cellWidthM(j), dy = (j - q) * g.cellHeightM();
                    best = std::min(best, std::hypot(dx, dy));
                }
            }
            ASSERT_NEAR(d[static_cast<std::size_t>(j) * g.nx + i], best, 1e-6 * best + 1e-6)
                << i << "," << j;
        }
    }
}
