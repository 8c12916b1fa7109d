#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "ocean/CivilDate.h"
#include "ocean/Grid.h"

using namespace driftlab;

TEST(Grid, FromExtentCountsCellsAndCentres) {
    const Grid g = Grid::fromExtent(2.0, 10.0, 41.0, 45.0, 1.0 / 16.0);
    EXPECT_EQ(g.nx, 128);
    EXPECT_EQ(g.ny, 64);
    EXPECT_DOUBLE_EQ(g.lon(0), 2.0 + 0.5 / 16.0);
    EXPECT_DOUBLE_EQ(g.lat(63), 45.0 - 0.5 / 16.0);
    EXPECT_DOUBLE_EQ(g.lonMax(), 10.0);
    EXPECT_TRUE(g.contains(9.99, 44.99));
    EXPECT_FALSE(g.contains(10.0, 44.0));
}

TEST(Grid, ResearchResolutionHasSidesDivisibleBy16) {
    const Grid g = Grid::fromExtent(2.0, 10.0, 41.0, 45.0, 1.0 / 64.0);
    EXPECT_EQ(g.nx % 16, 0);
    EXPECT_EQ(g.ny % 16, 0);
}

TEST(Grid, RejectsResolutionThatDoesNotDivideTheExtent) {
    EXPECT_THROW(Grid::fromExtent(2.0, 10.0, 41.0, 45.0, 0.07), std::invalid_argument);
    EXPECT_THROW(Grid::fromExtent(2.0, 10.0, 41.0, 45.0, 0.0), std::invalid_argument);
}

TEST(Grid, CellSizesFollowLatitude) {
    const Grid g = Grid::fromExtent(2.0, 10.0, 41.0, 45.0, 1.0 / 16.0);
    EXPECT_NEAR(g.cellHeightM(), 6949.0, 5.0);     // 1/16 degree of latitude
    EXPECT_GT(g.cellWidthM(0), g.cellWidthM(63));  // narrower towards the pole
    EXPECT_NEAR(g.cellWidthM(0) / g.cellHeightM(), std::cos(g.lat(0) * kDegToRad), 1e-12);
}

TEST(CivilDate, RoundTripsAndValidates) {
    EXPECT_EQ(daysFromCivil(1970, 1, 1), 0);
    EXPECT_EQ(daysFromCivil(2021, 1, 1), 18628);
    EXPECT_EQ(formatDate(18628 + 59), "2021-03-01");
    EXPECT_EQ(parseDate("2024-02-29"), daysFromCivil(2024, 2, 29));
    EXPECT_EQ(dayOfYear(daysFromCivil(2021, 12, 31)), 365);
    EXPECT_THROW(parseDate("2021-02-29"), std::invalid_argument);
    EXPECT_THROW(parseDate("yesterday"), std::invalid_argument);
}
