// Currents with a step shorter than a day (imported hourly or 6-hourly model output): the
// simulation follows what happens within the day, not only the 00:00 snapshots.
#include <gtest/gtest.h>

#include <cmath>

#include "data/DatasetWriter.h"
#include "data/DriftDataset.h"
#include "drift/Simulator.h"
#include "model/TestSupport.h"

namespace driftlab {
namespace {

// A tidal-like current: +0.2 m/s east for the first half of each day, -0.2 for the second.
CurrentFields halfDayFlow(int stepsPerDay) {
    Grid g;
    g.lonMin = 0;
    g.latMin = 40;
    g.dLon = g.dLat = 0.05;
    g.nx = 64;
    g.ny = 32;
    CurrentFields f;
    f.mask = OceanMask(g, std::vector<std::uint8_t>(g.cellCount(), 1));
    f.days = 4;
    f.stepsPerDay = stepsPerDay;
    f.u.assign(static_cast<std::size_t>(f.fieldCount()) * g.cellCount(), 0.0f);
    f.v = f.u;
    for (int n = 0; n < f.fieldCount(); ++n) {
        const double hour = std::fmod(24.0 * n / stepsPerDay, 24.0);
        // Sampled at the middle of its step so the field's linear interpolation averages out.
        const float u = hour < 12.0 ? 0.2f : -0.2f;
        std::fill(f.uField(n), f.uField(n) + g.cellCount(), u);
    }
    return f;
}

double eastwardDriftKm(const CurrentFields& f) {
    SimulationParams p;
    p.outputDays = 2;
    p.dtHours = 1.0;
    const Simulator sim(f, p);
    ReleaseSpec r;
    r.day = 0;
    r.lon = 1.6;
    r.lat = 40.8;
    r.radiusKm = 1.0;
    r.particles = 50;
    const ReleaseResult out = sim.simulate(r, 1, 1, true);
    double x0 = 0, x2 = 0;
    for (double x : out.snapshots.front().x) x0 += x;
    for (double x : out.snapshots.back().x) x2 += x;
    const double cells = (x2 - x0) / out.snapshots.front().x.size();
    return cells * f.grid().cellWidthM(16) / 1000.0;
}

TEST(SubDailyCurrents, TheSimulationSeesTheCurrentTurnWithinTheDay) {
    // With the 00:00 snapshots only, the current is +0.2 m/s all day: 34.6 km in two days.
    EXPECT_NEAR(eastwardDriftKm(halfDayFlow(1)), 2 * 0.2 * 86.4, 1.0);
    // Hourly, it turns at noon: the particles come back (a few km from the ramps at 00 and 12).
    EXPECT_LT(std::abs(eastwardDriftKm(halfDayFlow(24))), 3.0);
}

TEST(SubDailyCurrents, ADatasetKeepsItsStepAndItsReleasesTheirDates) {
    const auto dir = test::tempDir();
    const CurrentFields f = halfDayFlow(4);
    ReleaseSpec r;
    r.day = 1;
    r.lon = 1.6;
    r.lat = 40.8;
    const std::string path = (dir / "six-hourly.h5").string();
    {
        DatasetWriter w(path, f, {r}, 2, {});
        w.writeCurrents(1);
        EncodedRelease e;
        e.placed = 10;
        e.mass.assign(3, 1.0f);
        e.beached.assign(3, 0.0f);
        e.tiles.resize(3);
        w.writeRelease(0, e);
        w.finish();
    }
    const DriftDataset ds = DriftDataset::open(path);
    EXPECT_EQ(ds.formatVersion(), 2);
    EXPECT_EQ(ds.currentStepsPerDay(), 4);
    EXPECT_EQ(ds.currentDays(), 4);
    EXPECT_EQ(ds.releases().at(0).date, f.startDay + 1);
    EXPECT_EQ(ds.releases().at(0).spec.day, 1);
    const CurrentFields back = ds.readAllCurrents();
    EXPECT_EQ(back.fieldCount(), 13);
    EXPECT_EQ(back.u, f.u);
}

}  // namespace
}  // namespace driftlab
