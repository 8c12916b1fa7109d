// The km measures of model/stats/CloudGeometry on analytic maps: a Gaussian cloud moved by a
// known distance, widened by a known factor, hazed over the basin, and tracks whose skill is
// known.
#include <gtest/gtest.h>

#include <cmath>

#include "stats/CloudGeometry.h"
#include "stats/DayMetrics.h"
#include "stats/DriftMetrics.h"

using namespace driftlab;

namespace {

// 160 x 128 cells of 1/32 deg about 5 E, 43 N (about 2.7 x 3.5 km cells), all ocean.
Grid testGrid() {
    return Grid::fromExtent(2.5, 7.5, 41.0, 45.0, 1.0 / 32.0);
}

// A Gaussian of standard deviation `sigmaKm` in each direction centred `eastKm`, `northKm` from
// 5 E, 43 N, normalised to mass 1.
std::vector<float> gaussian(const Grid& g, double eastKm, double northKm, double sigmaKm) {
    std::vector<float> m(g.cellCount());
    double sum = 0;
    const double kmLat = kEarthRadiusM / 1000.0 * kDegToRad;
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const double x = (g.lon(i) - 5.0) * kmLat * std::cos(g.lat(j) * kDegToRad) - eastKm;
            const double y = (g.lat(j) - 43.0) * kmLat - northKm;
            const double v = std::exp(-(x * x + y * y) / (2 * sigmaKm * sigmaKm));
            m[static_cast<std::size_t>(j) * g.nx + i] = static_cast<float>(v);
            sum += v;
        }
    for (float& v : m) v = static_cast<float>(v / sum);
    return m;
}

}  // namespace

TEST(CloudGeometry, AMovedCloudIsItsDistanceAwayInCentreAndTransport) {
    const Grid g = testGrid();
    const CloudGeometry geo(g, std::vector<std::uint8_t>(g.cellCount(), 1));
    const auto a = gaussian(g, 0, 0, 10), b = gaussian(g, 20, 0, 10), c = gaussian(g, -12, 16, 10);
    const Cloud ca = geo.cloud(a.data()), cb = geo.cloud(b.data()), cc = geo.cloud(c.data());
    EXPECT_NEAR(ca.mass, 1.0, 1e-5);
    EXPECT_NEAR(ca.lon, 5.0, 0.01);
    EXPECT_NEAR(ca.lat, 43.0, 0.01);
    EXPECT_NEAR(greatCircleKm(ca.lon, ca.lat, cb.lon, cb.lat), 20.0, 0.3);
    EXPECT_NEAR(greatCircleKm(ca.lon, ca.lat, cc.lon, cc.lat), 20.0, 0.3);
    // The transport distance of a translation is the translation, in any direction.
    EXPECT_NEAR(geo.transportKm(a.data(), b.data()), 20.0, 1.0);
    EXPECT_NEAR(geo.transportKm(a.data(), c.data()), 20.0, 1.0);
    EXPECT_NEAR(geo.transportKm(a.data(), a.data()), 0.0, 1e-9);
    EXPECT_NEAR(geo.transportKm(b.data(), a.data()), geo.transportKm(a.data(), b.data()), 1e-9);
    const std::vector<float> empty(g.cellCount(), 0.0f);
    EXPECT_TRUE(std::isnan(geo.transportKm(a.data(), empty.data())));
    EXPECT_TRUE(geo.cloud(empty.data()).empty());
}

TEST(CloudGeometry, ASpreadIsTheRmsRadiusAndAWiderCloudHasItsRatio) {
    const Grid g = testGrid();
    const CloudGeometry geo(g, std::vector<std::uint8_t>(g.cellCount(), 1));
    const auto a = gaussian(g, 0, 0, 10), wide = gaussian(g, 0, 0, 15);
    const Cloud ca = geo.cloud(a.data()), cw = geo.cloud(wide.data());
    EXPECT_NEAR(ca.spreadKm, 10.0 * std::sqrt(2.0), 0.2);  // 2-D: sqrt(2) sigma
    EXPECT_NEAR(cw.spreadKm / ca.spreadKm, 1.5, 0.02);
    // Widening moves no mass far on average: transport well under the spreads' difference x 2.
    EXPECT_GT(geo.transportKm(a.data(), wide.data()), 1.0);
}

TEST(CloudGeometry, AFaintHazeOverTheBasinIsFarMassAndWidensTheCloud) {
    const Grid g = testGrid();
    const CloudGeometry geo(g, std::vector<std::uint8_t>(g.cellCount(), 1));
    auto truth = gaussian(g, 0, 0, 5);
    // The truth is a histogram: its support is where it has mass, cut off far out.
    for (float& v : truth)
        if (v < 1e-6f) v = 0.0f;
    std::vector<float> hazy = truth;
    const float haze = 0.01f / static_cast<float>(g.cellCount());  // 1 % spread everywhere
    for (float& v : hazy) v = 0.99f * v + haze;
    const double far = geo.farMassShare(hazy.data(), truth.data());
    EXPECT_GT(far, 0.009);
    EXPECT_LT(far, 0.0101);
    EXPECT_DOUBLE_EQ(geo.farMassShare(truth.data(), truth.data()), 0.0);
    // 1 % of the mass spread over 500 km doubles the spread of a 7 km cloud, and more.
    const Cloud ct = geo.cloud(truth.data()), ch = geo.cloud(hazy.data());
    EXPECT_GT(ch.spreadKm / ct.spreadKm, 2.0);
    EXPECT_LT(greatCircleKm(ct.lon, ct.lat, ch.lon, ch.lat), 1.0);  // centred, so centre is fine
    // A land mask: mass on land is not mass.
    std::vector<std::uint8_t> ocean(g.cellCount(), 1);
    for (int j = 0; j < g.ny; ++j) ocean[static_cast<std::size_t>(j) * g.nx] = 0;
    const CloudGeometry coast(g, ocean);
    std::vector<float> onLand(g.cellCount(), 0.0f);
    onLand[0] = 1.0f;
    EXPECT_TRUE(coast.cloud(onLand.data()).empty());
}

TEST(CloudGeometry, LiuWeisbergSkillOfTracks) {
    std::vector<std::pair<double, double>> observed, still, same, half;
    for (int d = 0; d <= 10; ++d) {
        observed.emplace_back(5.0 + 0.1 * d, 43.0);
        still.emplace_back(5.0, 43.0);
        same.emplace_back(5.0 + 0.1 * d, 43.0);
        half.emplace_back(5.0 + 0.05 * d, 43.0);
    }
    EXPECT_DOUBLE_EQ(liuWeisbergSkill(same, observed), 1.0);
    // Standing still: the separation is the distance travelled each day, so s = 1: no skill.
    EXPECT_NEAR(liuWeisbergSkill(still, observed), 0.0, 1e-5);  // great circle vs parallel
    // Half as fast: separations are half the travelled lengths, s = 0.5, skill 0.5.
    EXPECT_NEAR(liuWeisbergSkill(half, observed), 0.5, 1e-3);
    EXPECT_TRUE(std::isnan(liuWeisbergSkill(still, still)));
}

// The drift metrics' accumulators carry the km metrics when they have the grid, through the
// sums data-parallel validation adds up; a rollout's days carry the track's skill.
TEST(CloudGeometry, AccumulatorsAndDayMetricsScoreInKilometres) {
    const Grid g = testGrid();
    const std::vector<std::uint8_t> ocean(g.cellCount(), 1);
    const CloudGeometry geo(g, ocean);
    const auto day0 = gaussian(g, 0, 0, 8), day1 = gaussian(g, 10, 0, 8),
               moved = gaussian(g, 13, 4, 12), day2 = gaussian(g, 20, 0, 8);
    DriftMetricAccumulator acc(ocean, &geo), plain(ocean);
    acc.add(day0.data(), moved.data(), day1.data());
    plain.add(day0.data(), moved.data(), day1.data());
    const DriftMetricValues v = acc.value();
    ASSERT_TRUE(v.km);
    EXPECT_FALSE(plain.value().km);
    EXPECT_NEAR(v.centreKm, 5.0, 0.2);                       // (3, 4) km off
    EXPECT_NEAR(v.spreadRatio, 1.5, 0.03);                   // 12 km against 8
    EXPECT_NEAR(v.spreadErrorKm, 4.0 * std::sqrt(2.0), 0.3);
    EXPECT_DOUBLE_EQ(v.mae, plain.value().mae);  // the grid metrics are unchanged
    DriftMetricAccumulator copy(ocean, &geo);
    copy.setSums(acc.sums());
    EXPECT_DOUBLE_EQ(copy.value().transportKm, v.transportKm);
    EXPECT_EQ(acc.sums().size(), DriftMetricAccumulator::kSums);
    EXPECT_THROW(copy.setSums({1, 2, 3}), std::invalid_argument);
    // A rollout that moves at the true speed keeps its skill; one that stands still has none.
    DayMetrics days(ocean, 2, g);
    days.add({day0, day1, day2}, {day0, day1, day2}, DayMetrics::Persistence::DayZero,
             nullptr);
    EXPECT_NEAR(days.modelSkill(), 1.0, 1e-6);
    EXPECT_NEAR(days.model(2).centreKm, 0.0, 1e-6);
    EXPECT_NEAR(days.persistence(2).centreKm, 20.0, 0.3);
    DayMetrics still(ocean, 2, g);
    still.add({day0, day1, day2}, {day0, day0, day0}, DayMetrics::Persistence::DayZero, nullptr);
    EXPECT_NEAR(still.modelSkill(), 0.0, 0.02);
}
