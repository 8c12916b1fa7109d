// import-trajectories on OpenDrift, OceanParcels and UncertainDrift files whose particles and
// maps are known (tests/importing/make_fixtures.py): the known maps, masses and dates come out.
#include <gtest/gtest.h>

#include <cmath>

#include "core/InputError.h"
#include "data/DriftDataset.h"
#include "importing/CurrentsImporter.h"
#include "jobs/DatasetSimulation.h"
#include "importing/TrajectoryImporter.h"
#include "model/ImportFixtures.h"
#include "model/TestSupport.h"
#include "ocean/CivilDate.h"

namespace driftlab {
namespace {

std::string fx(const char* name) {
    return (test::importFixtures() / name).string();
}

// The CMEMS MED fixture's currents as a currents file (the trajectories' --grid).
std::string medCurrents(const std::filesystem::path& dir) {
    const std::string path = (dir / "med_currents.h5").string();
    writeCurrentsFile(importCurrents({fx("cmems_med.nc")}, {}), path, "test");
    return path;
}

// The one cell holding mass, as (i, j); (-1, -1) if the map is empty or spread.
std::pair<int, int> onlyCell(const DriftDataset& ds, int release, int day, double& sum) {
    std::vector<float> map;
    ds.readDensity(release, day, map);
    std::pair<int, int> cell{-1, -1};
    int cells = 0;
    sum = 0;
    for (std::size_t c = 0; c < map.size(); ++c)
        if (map[c] > 0) {
            ++cells;
            sum += map[c];
            cell = {static_cast<int>(c % ds.grid().nx), static_cast<int>(c / ds.grid().nx)};
        }
    return cells == 1 ? cell : std::make_pair(-1, -1);
}

TEST(ImportTrajectories, OpenDriftStrandedAndOutsideParticlesGiveTheKnownMaps) {
    const auto dir = test::tempDir();
    TrajectoryImportOptions o;
    o.gridPath = medCurrents(dir);
    o.sigmaCells = 0;  // the plain histogram: each release's particles share one cell
    const std::string out = (dir / "od.h5").string();
    const TrajectoryImportResult r = importTrajectories({fx("opendrift.nc")}, o, out, "test");
    EXPECT_EQ(r.kind, "OpenDrift");
    EXPECT_EQ(r.particles, 200u);
    EXPECT_EQ(r.releases, 2);
    EXPECT_EQ(r.outputDays, 3);  // 72 hourly steps
    const DriftDataset ds = DriftDataset::open(out);
    ASSERT_EQ(ds.releaseCount(), 2);
    EXPECT_EQ(ds.outputDays(), 3);
    const auto& rel = ds.releases();
    EXPECT_EQ(rel[0].date, parseDate("2022-01-08"));
    EXPECT_EQ(rel[0].placed, 100);
    EXPECT_NEAR(rel[0].spec.lon, 4.5145, 1e-4);  // the mean start position
    EXPECT_NEAR(rel[1].spec.lon, 5.5145, 1e-4);
    EXPECT_NEAR(rel[0].spec.lat, 42.8145, 1e-4);
    // Release A drifts 0.1 deg = 2.4 cells a day east from cell (12, 19): 12, 14, 17, 19.
    // Its particles 0..9 go 'outside' at 28 h: mass 0.9 from day 2.
    const int cellsA[4] = {12, 14, 17, 19};
    const double massA[4] = {1.0, 1.0, 0.9, 0.9};
    for (int d = 0; d <= 3; ++d) {
        double sum = 0;
        const auto cell = onlyCell(ds, 0, d, sum);
        EXPECT_EQ(cell, std::make_pair(cellsA[d], 19)) << "day " << d;
        EXPECT_NEAR(sum, massA[d], 1e-6);
    }
    const auto mass = ds.mass(), beached = ds.beached();
    EXPECT_NEAR(mass[0 * 4 + 2], 0.9, 1e-6);
    EXPECT_NEAR(beached[0 * 4 + 3], 0.0, 1e-6);
    // Release B: particles 100..109 strand at 36 h and stay: beached 0.1 from day 2, mass 1.
    EXPECT_NEAR(mass[1 * 4 + 3], 1.0, 1e-6);
    EXPECT_NEAR(beached[1 * 4 + 1], 0.0, 1e-6);
    EXPECT_NEAR(beached[1 * 4 + 2], 0.1, 1e-6);
    EXPECT_NEAR(beached[1 * 4 + 3], 0.1, 1e-6);
    // With --grid the dataset carries its currents: trainable.
    EXPECT_EQ(ds.currentDays(), 6);
    std::vector<float> u, v;
    ds.readCurrents(0, u, v);
    EXPECT_FLOAT_EQ(u[static_cast<std::size_t>(20) * 48 + 30], 0.3f);
}

TEST(ImportTrajectories, ParcelsNanPaddingAndReleasesAtDifferentTimes) {
    const auto dir = test::tempDir();
    TrajectoryImportOptions o;
    o.gridPath = medCurrents(dir);
    o.sigmaCells = 0;
    const std::string out = (dir / "pc.h5").string();
    const TrajectoryImportResult r = importTrajectories({fx("parcels.nc")}, o, out, "test");
    EXPECT_EQ(r.kind, "OceanParcels");
    EXPECT_EQ(r.releases, 2);
    const DriftDataset ds = DriftDataset::open(out);
    // Same place, one day apart: two releases (by start time), each with its own day 0.
    EXPECT_EQ(ds.releases()[0].date, parseDate("2022-01-08"));
    EXPECT_EQ(ds.releases()[1].date, parseDate("2022-01-09"));
    for (int k = 0; k < 2; ++k)
        for (int d = 0; d <= 3; ++d) {
            double sum = 0;
            const auto cell = onlyCell(ds, k, d, sum);
            const int expected[4] = {12, 14, 17, 19};
            EXPECT_EQ(cell.first, expected[d]) << k << " day " << d;
        }
    // B's particles 0..4 are deleted (NaN) after 30 h: they left; mass 0.9 from day 2.
    const auto mass = ds.mass();
    EXPECT_NEAR(mass[1 * 4 + 1], 1.0, 1e-6);
    EXPECT_NEAR(mass[1 * 4 + 2], 0.9, 1e-6);
    EXPECT_NEAR(mass[0 * 4 + 3], 1.0, 1e-6);
}

TEST(ImportTrajectories, SmoothingKeepsTheMass) {
    const auto dir = test::tempDir();
    TrajectoryImportOptions o;
    o.gridPath = medCurrents(dir);
    o.sigmaCells = 1.0;
    const std::string out = (dir / "od.h5").string();
    importTrajectories({fx("opendrift.nc")}, o, out, "test");
    const DriftDataset ds = DriftDataset::open(out);
    std::vector<float> map;
    ds.readDensity(0, 2, map);
    double sum = 0;
    int cells = 0;
    for (float x : map) {
        sum += x;
        cells += x > 0;
    }
    EXPECT_NEAR(sum, 0.9, 1e-5);
    EXPECT_GT(cells, 9);  // spread over the cell's neighbours
    // The smoothing DriftLab applied is recorded: the sharp advection undoes it.
    EXPECT_DOUBLE_EQ(mapSmoothingOf(ds), 1.0);
}

TEST(ImportTrajectories, UncertainDriftDensityMapsAreCopied) {
    const auto dir = test::tempDir();
    const std::string out = (dir / "ud.h5").string();
    const TrajectoryImportResult r =
        importTrajectories({fx("uncertaindrift_maps.nc")}, {}, out, "test");
    EXPECT_EQ(r.kind, "UncertainDrift maps");
    const DriftDataset ds = DriftDataset::open(out);
    ASSERT_EQ(ds.releaseCount(), 2);
    EXPECT_EQ(ds.outputDays(), 3);
    EXPECT_EQ(ds.releases()[0].date, parseDate("2022-01-09"));
    EXPECT_NEAR(ds.releases()[0].spec.lon, 4.0 + 20.5 / 24, 1e-9);
    for (int d = 0; d <= 3; ++d) {
        double sum = 0;
        EXPECT_EQ(onlyCell(ds, 1, d, sum), std::make_pair(20 + d, 20));
        EXPECT_NEAR(sum, std::pow(0.9, d), 1e-6);
        EXPECT_NEAR(ds.mass()[static_cast<std::size_t>(4 + d)], std::pow(0.9, d), 1e-6);
    }
    // Maps come in as they were: no smoothing is claimed, so the sharp advection is the remap.
    EXPECT_FALSE(ds.numberAttribute("generator_sigma_cells"));
    EXPECT_EQ(mapSmoothingOf(ds), 0.0);
}

TEST(ImportTrajectories, FilesWithoutTrajectoriesAreRefused) {
    const auto dir = test::tempDir();
    const std::string out = (dir / "x.h5").string();
    try {
        importTrajectories({fx("cmems_med.nc")}, {}, out, "test");
        ADD_FAILURE() << "imported currents as trajectories";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("no particle positions"), std::string::npos)
            << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace driftlab
