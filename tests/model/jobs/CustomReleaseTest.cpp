#include <gtest/gtest.h>
#include <unistd.h>

#include "core/InputError.h"
#include "data/DriftDataset.h"
#include "jobs/CustomRelease.h"
#include "jobs/DatasetGenerator.h"
#include "jobs/DatasetSimulation.h"
#include "model/TestSupport.h"
#include "support/TinyDataset.h"

using namespace driftlab;

namespace {

// A tiny generated dataset (32 x 16 cells, 24 releases, 4 output days, with random walk), made
// once per test process.
const std::string& tinyDataset() {
    static const std::string path = [] {
        const std::string p =
            (test::testFolder("custom-release") / ("tiny-" + std::to_string(::getpid()) + ".h5"))
                .string();
        const GeneratorConfig c =
            test::tinyConfig({.radiusKm = 12.0, .khM2s = 2.0, .sigmaCells = 0.8});
        generateDataset(c, p, "custom release tests");
        return p;
    }();
    return path;
}

// Centre of the first cell of the mask with the given value.
std::pair<double, double> cellWhere(const OceanMask& mask, bool ocean) {
    const Grid& g = mask.grid();
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i)
            if (mask.isOcean(i, j) == ocean) return {g.lon(i), g.lat(j)};
    ADD_FAILURE() << "no such cell";
    return {0, 0};
}

}  // namespace

TEST(DatasetSimulation, ReadsTheGeneratorsSettings) {
    const auto ds = DriftDataset::open(tinyDataset());
    const DatasetSimulation sim = datasetSimulation(ds);
    EXPECT_EQ(sim.params.outputDays, 4);
    EXPECT_EQ(sim.params.dtHours, 6.0);
    EXPECT_EQ(sim.params.khM2s, 2.0);
    EXPECT_EQ(sim.params.sigmaCells, 0.8);
    EXPECT_EQ(sim.seed, 5u);
    EXPECT_EQ(sim.particles, 300);
    EXPECT_EQ(sim.radiusKm, 12.0);
}

TEST(CustomRelease, ReSimulatingADatasetReleaseGivesItsMapsExactly) {
    const auto ds = DriftDataset::open(tinyDataset());
    const CurrentFields fields = ds.readAllCurrents();
    const DatasetSimulation sim = datasetSimulation(ds);
    const auto mass = ds.mass();
    const int nd = ds.outputDays() + 1;
    std::vector<float> stored;
    for (int k : {0, 7, 23}) {
        ReleaseSpec spec = ds.releases()[static_cast<std::size_t>(k)].spec;
        spec.particles = sim.particles;  // the table holds those placed, not those requested
        const ReleaseResult r =
            simulateCustomRelease(fields, sim, spec, static_cast<std::uint64_t>(k) + 1, false);
        EXPECT_EQ(r.placed, ds.releases()[static_cast<std::size_t>(k)].placed);
        ASSERT_EQ(static_cast<int>(r.maps.size()), nd);
        EXPECT_TRUE(r.snapshots.empty());
        double total = 0;
        for (int d = 0; d < nd; ++d) {
            ds.readDensity(k, d, stored);
            ASSERT_EQ(r.maps[d].size(), stored.size());
            for (std::size_t c = 0; c < stored.size(); ++c) {
                ASSERT_NEAR(r.maps[d][c], stored[c], 1e-7) << "release " << k << " day " << d;
                total += stored[c];
            }
            EXPECT_EQ(r.mass[d], mass[static_cast<std::size_t>(k * nd + d)]);
        }
        EXPECT_GT(total, 0.5);
    }
    // The currents of the release's days alone give the same bits.
    for (int k : {0, 23}) {
        ReleaseSpec spec = ds.releases()[static_cast<std::size_t>(k)].spec;
        spec.particles = sim.particles;
        const CurrentFields some = readCurrentsForRelease(ds, spec.day);
        const ReleaseResult r =
            simulateCustomRelease(some, sim, spec, static_cast<std::uint64_t>(k) + 1, false);
        for (int d = 0; d < nd; ++d) {
            ds.readDensity(k, d, stored);
            ASSERT_EQ(r.maps[d], stored) << "release " << k << " day " << d;
        }
    }
    EXPECT_THROW(readCurrentsForRelease(ds, latestReleaseDay(ds) + 1), InputError);
    // Another stream is another cloud: the test can tell them apart.
    ReleaseSpec spec = ds.releases()[7].spec;
    spec.particles = sim.particles;
    const ReleaseResult other =
        simulateCustomRelease(fields, sim, spec, kCustomReleaseStream, true);
    ds.readDensity(7, nd - 1, stored);
    double diff = 0;
    for (std::size_t c = 0; c < stored.size(); ++c)
        diff += std::abs(other.maps[nd - 1][c] - stored[c]);
    EXPECT_GT(diff, 1e-3);
    ASSERT_EQ(static_cast<int>(other.snapshots.size()), nd);
    EXPECT_EQ(static_cast<int>(other.snapshots[0].size()), other.placed);
}

TEST(CustomRelease, RefusesLandOutsideAndTooLateWithClearMessages) {
    const auto ds = DriftDataset::open(tinyDataset());
    const CurrentFields fields = ds.readAllCurrents();
    const DatasetSimulation sim = datasetSimulation(ds);
    const auto [landLon, landLat] = cellWhere(ds.mask(), false);
    const auto [seaLon, seaLat] = cellWhere(ds.mask(), true);
    EXPECT_EQ(releasePointProblem(ds, seaLon, seaLat), "");
    EXPECT_NE(releasePointProblem(ds, landLon, landLat).find("is on land"), std::string::npos);
    const std::string outside = releasePointProblem(ds, 12.0, 43.0);
    EXPECT_NE(outside.find("outside the domain"), std::string::npos) << outside;
    EXPECT_NE(outside.find("lon 2.000 .. 10.000 E"), std::string::npos) << outside;
    EXPECT_NE(releasePointProblem(ds, std::nan(""), 43.0), "");

    EXPECT_EQ(latestReleaseDay(ds), 20 - 1 - 4);
    EXPECT_EQ(latestReleaseDay(fields, sim), 15);
    ReleaseSpec spec{0, seaLon, seaLat, 10.0, 100, Split::Test};
    auto message = [&](ReleaseSpec s) -> std::string {
        try {
            simulateCustomRelease(fields, sim, s, kCustomReleaseStream, false);
        } catch (const InputError& e) {
            return e.what();
        }
        return "(accepted)";
    };
    EXPECT_EQ(message(spec), "(accepted)");
    spec.day = 15;
    EXPECT_EQ(message(spec), "(accepted)");
    spec.day = 16;
    EXPECT_NE(message(spec).find("out of range"), std::string::npos) << message(spec);
    spec.day = -1;
    EXPECT_NE(message(spec).find("out of range"), std::string::npos);
    spec.day = 0;
    spec.lon = landLon;
    spec.lat = landLat;
    EXPECT_NE(message(spec).find("is on land"), std::string::npos) << message(spec);
    spec.lon = 1.0;
    EXPECT_NE(message(spec).find("outside the domain"), std::string::npos);
    spec.lon = seaLon;
    spec.lat = seaLat;
    spec.radiusKm = 0.0;
    EXPECT_NE(message(spec).find("radius"), std::string::npos);
    spec.radiusKm = 5.0;
    spec.particles = 0;
    EXPECT_NE(message(spec).find("particles"), std::string::npos);
    spec.particles = 10'000'001;
    EXPECT_NE(message(spec).find("particles"), std::string::npos);
}

TEST(CustomRelease, AStoppedControlCancelsBeforeWork) {
    const auto ds = DriftDataset::open(tinyDataset());
    const CurrentFields fields = ds.readAllCurrents();
    const auto [seaLon, seaLat] = cellWhere(ds.mask(), true);
    std::atomic<bool> stop{true};
    EXPECT_THROW(simulateCustomRelease(fields, datasetSimulation(ds),
                                       ReleaseSpec{0, seaLon, seaLat, 10.0, 100, Split::Test},
                                       kCustomReleaseStream, false, JobControl(&stop, {})),
                 JobCancelled);
}
