#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "core/InputError.h"
#include "drift/Simulator.h"
#include "ocean/OceanGenerator.h"

using namespace driftlab;

namespace {

const CurrentFields& fields() {
    static const CurrentFields f = [] {
        OceanGeneratorParams p;
        p.resolutionDeg = 1.0 / 16;
        p.days = 30;
        p.seed = 3;
        return OceanGenerator(p).generate(2);
    }();
    return f;
}

double haversineKm(double lon1, double lat1, double lon2, double lat2) {
    const double p1 = lat1 * kDegToRad, p2 = lat2 * kDegToRad;
    const double dp = p2 - p1, dl = (lon2 - lon1) * kDegToRad;
    const double a = std::sin(dp / 2) * std::sin(dp / 2) +
                     std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
    return 2.0 * kEarthRadiusM / 1e3 * std::asin(std::sqrt(a));
}

ReleaseSpec openSea() {
    ReleaseSpec r;
    r.day = 2;
    r.lon = 5.0;
    r.lat = 42.3;
    r.radiusKm = 20.0;
    r.particles = 5000;
    return r;
}

}  // namespace

TEST(Simulator, PlacesParticlesUniformlyInTheGeodesicDisc) {
    const Simulator sim(fields(), {});
    const ReleaseSpec r = openSea();
    Random rng(1);
    const Particles p = sim.place(r, rng);
    ASSERT_EQ(p.size(), 5000u);
    const Grid& g = fields().grid();
    double meanSq = 0, maxD = 0;
    for (std::size_t k = 0; k < p.size(); ++k) {
        const double lon = g.lonMin + p.x[k] * g.dLon, lat = g.latMin + p.y[k] * g.dLat;
        const double d = haversineKm(r.lon, r.lat, lon, lat);
        maxD = std::max(maxD, d);
        meanSq += d * d;
    }
    EXPECT_LE(maxD, r.radiusKm * (1 + 1e-9));
    EXPECT_GT(maxD, 0.98 * r.radiusKm);
    // Uniform in a disc: E[d^2] = R^2 / 2 (in km, not in degrees).
    EXPECT_NEAR(meanSq / p.size() / (r.radiusKm * r.radiusKm), 0.5, 0.02);
}

TEST(Simulator, ParticlesThatWouldStartOnLandAreNotPlaced) {
    const Simulator sim(fields(), {});
    ReleaseSpec r = openSea();
    r.lon = 5.35;  // off Marseille: the disc overlaps the coast
    r.lat = 43.2;
    r.radiusKm = 25.0;
    ASSERT_TRUE(fields().mask.isOceanAt(r.lon, r.lat));
    Random rng(1);
    const Particles p = sim.place(r, rng);
    EXPECT_LT(p.size(), 5000u);
    EXPECT_GT(p.size(), 500u);
    const Grid& g = fields().grid();
    for (std::size_t k = 0; k < p.size(); ++k) {
        ASSERT_TRUE(
            fields().mask.isOceanAt(g.lonMin + p.x[k] * g.dLon, g.latMin + p.y[k] * g.dLat));
    }
}

TEST(Simulator, MapsSumToTheFractionOfParticlesStillInTheDomain) {
    SimulationParams sp;
    sp.outputDays = 12;
    const Simulator sim(fields(), sp);
    // One release in open sea, one near the western edge (particles leave), one at the coast.
    ReleaseSpec a = openSea(), b = openSea(), c = openSea();
    b.lon = 2.1;
    b.lat = 41.2;
    c.lon = 7.3;
    c.lat = 43.55;
    for (const ReleaseSpec& r : {a, b, c}) {
        ASSERT_TRUE(fields().mask.isOceanAt(r.lon, r.lat));
        const ReleaseResult res = sim.simulate(r, 9, 1);
        ASSERT_EQ(res.maps.size(), 13u);
        EXPECT_NEAR(res.mass[0], 1.0f, 1e-6);
        for (std::size_t d = 0; d < res.maps.size(); ++d) {
            const double total = std::accumulate(res.maps[d].begin(), res.maps[d].end(), 0.0);
            EXPECT_NEAR(total, res.mass[d], 2e-5) << "day " << d;
            if (d > 0) {
                EXPECT_LE(res.mass[d], res.mass[d - 1]);
            }
            for (std::size_t cell = 0; cell < res.maps[d].size(); ++cell) {
                if (!fields().mask.values()[cell]) {
                    ASSERT_EQ(res.maps[d][cell], 0.0f);
                }
            }
        }
    }
}

TEST(Simulator, SameSeedAndStreamGiveTheSameMaps) {
    SimulationParams sp;
    sp.khM2s = 5.0;  // random walk on: the stream fixes it too
    const Simulator sim(fields(), sp);
    const ReleaseResult a = sim.simulate(openSea(), 4, 17), b = sim.simulate(openSea(), 4, 17);
    const ReleaseResult c = sim.simulate(openSea(), 4, 18);
    EXPECT_EQ(a.maps, b.maps);
    EXPECT_NE(a.maps, c.maps);
}

TEST(Simulator, RejectsImpossibleReleases) {
    const Simulator sim(fields(), {});
    ReleaseSpec land = openSea();
    land.lon = 3.8;
    land.lat = 44.3;
    EXPECT_THROW(sim.simulate(land, 1, 1), InputError);
    ReleaseSpec late = openSea();
    late.day = sim.lastReleaseDay() + 1;
    EXPECT_THROW(sim.simulate(late, 1, 1), InputError);
    SimulationParams bad;
    bad.dtHours = 5.0;  // does not divide a day
    EXPECT_THROW(Simulator(fields(), bad), InputError);
}
