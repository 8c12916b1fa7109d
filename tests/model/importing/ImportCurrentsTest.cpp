// import-currents on files in the exact layouts of CMEMS, HYCOM, NEMO, ROMS and others
// (tests/importing/make_fixtures.py writes them with analytic currents): the numbers that come
// out, not only that it runs.
#include <gtest/gtest.h>

#include <cmath>

#include "core/InputError.h"
#include "data/DriftDataset.h"
#include "importing/CurrentsImporter.h"
#include "model/ImportFixtures.h"
#include "model/TestSupport.h"
#include "ocean/CivilDate.h"

namespace driftlab {
namespace {

constexpr double kU = 0.3, kV = 0.1;  // the fixtures' uniform current

std::string fx(const char* name) {
    return (test::importFixtures() / name).string();
}

ImportedCurrents importOf(std::vector<std::string> files, const CurrentsImportOptions& o = {}) {
    return importCurrents(files, o);
}

// Ocean cells at least `margin` cells from land and from the grid's edge.
std::vector<std::size_t> interior(const OceanMask& m, int margin) {
    const Grid& g = m.grid();
    std::vector<std::size_t> out;
    for (int j = margin; j < g.ny - margin; ++j)
        for (int i = margin; i < g.nx - margin; ++i) {
            bool ok = true;
            for (int b = -margin; b <= margin && ok; ++b)
                for (int a = -margin; a <= margin && ok; ++a) ok = m.isOcean(i + a, j + b);
            if (ok) out.push_back(static_cast<std::size_t>(j) * g.nx + i);
        }
    return out;
}

TEST(ImportCurrents, CmemsMedFillBecomesLandAndDaysAreTheFilesDays) {
    const ImportedCurrents c = importOf({fx("cmems_med.nc")});
    const CurrentFields& f = c.fields;
    const Grid& g = f.grid();
    EXPECT_EQ(g.nx, 48);
    EXPECT_EQ(g.ny, 32);
    EXPECT_NEAR(g.dLon, 1.0 / 24.0, 1e-12);  // float32 coordinates snapped to 1/24
    EXPECT_NEAR(g.lonMin, 4.0, 1e-9);
    EXPECT_NEAR(g.latMin, 42.0, 1e-9);
    EXPECT_EQ(f.startDay, parseDate("2022-01-08"));  // 19000.5 = 12:00 of that day
    EXPECT_EQ(f.days, 6);
    // The 1e20 fill in the south-west corner is land, with exactly zero velocity.
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const bool land = i < 12 && j < 10;
            EXPECT_EQ(f.mask.isOcean(i, j), !land) << i << "," << j;
            const std::size_t c0 = static_cast<std::size_t>(j) * g.nx + i;
            for (int d = 0; d < f.days; ++d) {
                EXPECT_FLOAT_EQ(f.uDay(d)[c0], land ? 0.0f : static_cast<float>(kU));
                EXPECT_FLOAT_EQ(f.vDay(d)[c0], land ? 0.0f : static_cast<float>(kV));
            }
        }
    EXPECT_NEAR(c.landFraction, 120.0 / (48 * 32), 1e-12);
    EXPECT_NEAR(c.plan.landFraction, 120.0 / (48 * 32), 1e-12);  // known before the import
    EXPECT_NE(c.plan.summary().find("land 8 %"), std::string::npos) << c.plan.summary();
    EXPECT_EQ(c.plan.layout.u.var, "uo");
    EXPECT_NE(c.plan.layout.u.foundBy.find("eastward_sea_water_velocity"), std::string::npos);
}

TEST(ImportCurrents, CmemsGloPackedShortsUnpackToMetresPerSecond) {
    const ImportedCurrents c = importOf({fx("cmems_glo.nc")});
    const CurrentFields& f = c.fields;
    const Grid& g = f.grid();
    EXPECT_EQ(f.startDay, parseDate("2022-01-01"));  // hours since 1950
    EXPECT_EQ(f.days, 4);
    // Source point (i, j) is at 5 + i/12 E, 40 + j/12 N with u = 0.5 + 0.01 i,
    // v = -0.25 + 0.01 j, packed with scale 0.00061: within half a packing step.
    int checked = 0;
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const double si = (g.lon(i) - 5.0) * 12.0, sj = (g.lat(j) - 40.0) * 12.0;
            const bool inside = si > -0.01 && si < 36.99 && sj > -0.01 && sj < 20.99;
            if (!inside) continue;  // beyond the source or in its land corner (i, j >= 37, 21)
            ASSERT_TRUE(f.mask.isOcean(i, j)) << i << "," << j;
            const std::size_t c0 = static_cast<std::size_t>(j) * g.nx + i;
            EXPECT_NEAR(f.uDay(2)[c0], 0.5 + 0.01 * si, 0.00031 + 1e-6);
            EXPECT_NEAR(f.vDay(2)[c0], -0.25 + 0.01 * sj, 0.00031 + 1e-6);
            ++checked;
        }
    EXPECT_EQ(checked, 37 * 21);
    // The corner filled with -32767 is land.
    const int li = static_cast<int>(std::lround((5.0 + 38.0 / 12 - g.lonMin) / g.dLon - 0.5));
    const int lj = static_cast<int>(std::lround((40.0 + 22.0 / 12 - g.latMin) / g.dLat - 0.5));
    EXPECT_FALSE(f.mask.isOcean(li, lj));
}

TEST(ImportCurrents, HycomLongitudesFrom0To360AndItsFillAndDepth) {
    CurrentsImportOptions o;
    o.lonRange = {{-3.0, 3.0}};
    const ImportedCurrents c = importOf({fx("hycom.nc")}, o);
    const CurrentFields& f = c.fields;
    const Grid& g = f.grid();
    EXPECT_NEAR(g.lonMin, -2.88, 1e-9);  // 150 cells of 0.04 rounded to 144, centred on 0
    EXPECT_EQ(g.nx, 144);
    EXPECT_EQ(c.plan.layout.depthLevel, 0);  // depth 0 m, not the level at 2 m (0.999 m/s)
    int ocean = 0;
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const std::size_t c0 = static_cast<std::size_t>(j) * g.nx + i;
            if (g.lat(j) < 36.0 + 0.04 * 3.5) {  // the -30000 fill rows are land
                EXPECT_FALSE(f.mask.isOcean(i, j));
                continue;
            }
            if (!f.mask.isOcean(i, j)) continue;
            ++ocean;
            EXPECT_NEAR(f.uDay(0)[c0], 0.2 + 0.05 * g.lon(i), 1e-6) << i;  // east of Greenwich
            EXPECT_NEAR(f.vDay(0)[c0], -0.1, 1e-6);
        }
    EXPECT_GT(ocean, 144 * 25);
}

TEST(ImportCurrents, NemoRotatedCGridComesOutEastAndNorth) {
    const ImportedCurrents c =
        importOf({fx("nemo_grid_U.nc"), fx("nemo_grid_V.nc"), fx("nemo_mesh_mask.nc")});
    const CurrentsLayout& L = c.plan.layout;
    EXPECT_TRUE(L.staggered);
    EXPECT_TRUE(L.gridRelative);
    EXPECT_EQ(L.gridKind.rfind("curvilinear", 0), 0u);
    EXPECT_NE(L.u.coordinates.find("glamu"), std::string::npos) << L.u.coordinates;
    EXPECT_NE(L.maskFrom.find("tmask"), std::string::npos);
    const CurrentFields& f = c.fields;
    EXPECT_EQ(f.startDay, parseDate("2021-03-01"));
    EXPECT_EQ(f.days, 3);
    const auto cells = interior(f.mask, 2);
    ASSERT_GT(cells.size(), 500u);
    for (std::size_t c0 : cells) {
        EXPECT_NEAR(f.uDay(1)[c0], kU, 5e-3);  // the grid is rotated by 30 degrees
        EXPECT_NEAR(f.vDay(1)[c0], kV, 5e-3);
    }
    // The land strip of tmask (i < 6 on the rotated grid) is land: the grid's corner point
    // (i = 0, j = 0) at 6.0 E, 41.5 N.
    const Grid& g = f.grid();
    const int i0 = static_cast<int>((6.0 - g.lonMin) / g.dLon);
    const int j0 = static_cast<int>((41.5 + 0.01 - g.latMin) / g.dLat);
    EXPECT_FALSE(f.mask.isOcean(i0, j0));
    EXPECT_LT(c.landFraction, 0.75);
}

TEST(ImportCurrents, RomsAngleAndStaggeredVelocitiesComeOutEastAndNorth) {
    const ImportedCurrents c = importOf({fx("roms_his.nc")});
    const CurrentsLayout& L = c.plan.layout;
    EXPECT_TRUE(L.staggered);
    EXPECT_TRUE(L.gridRelative);
    EXPECT_NE(L.angleFrom.find("angle"), std::string::npos);
    EXPECT_EQ(L.depthLevel, 3);  // s_rho = -0.125, positive up: the surface
    EXPECT_EQ(c.fields.startDay, parseDate("2020-01-01"));
    const auto cells = interior(c.fields.mask, 2);
    ASSERT_GT(cells.size(), 400u);
    for (std::size_t c0 : cells) {
        EXPECT_NEAR(c.fields.uDay(0)[c0], kU, 1e-5);
        EXPECT_NEAR(c.fields.vDay(0)[c0], kV, 1e-5);
    }
}

TEST(ImportCurrents, NetCdf3NoleapHourlyAndOverlappingFiles) {
    // NetCDF-3 classic, plain names u / v.
    const ImportedCurrents classic = importOf({fx("classic.nc")});
    EXPECT_EQ(classic.plan.layout.fileFormats.at(0), "NetCDF-3 classic");
    EXPECT_EQ(classic.fields.startDay, parseDate("2010-01-01"));
    EXPECT_FLOAT_EQ(classic.fields.uDay(4)[0], static_cast<float>(kU));
    // noleap: 2004-02-26 + 0..4 days skips 29 February; that day is interpolated and reported.
    const ImportedCurrents noleap = importOf({fx("noleap.nc")});
    EXPECT_EQ(noleap.fields.startDay, parseDate("2004-02-26"));
    EXPECT_EQ(noleap.fields.days, 6);
    EXPECT_EQ(noleap.filledDays, 1u);
    // Hourly: u rises 0.00 .. 0.23 m/s through each day. The step is kept (a field an hour,
    // the last at 00:00 of the last day); --daily-mean gives the daily mean, 0.115.
    const ImportedCurrents hourly = importOf({fx("hourly.nc")});
    EXPECT_EQ(hourly.fields.days, 3);
    EXPECT_EQ(hourly.fields.stepsPerDay, 24);
    EXPECT_EQ(hourly.fields.fieldCount(), 49);
    EXPECT_NEAR(hourly.plan.layout.stepHours, 1.0, 1e-9);
    for (int m = 0; m < 49; ++m) EXPECT_NEAR(hourly.fields.uField(m)[17], 0.01 * (m % 24), 1e-6);
    CurrentsImportOptions mean;
    mean.dailyMean = true;
    const ImportedCurrents daily = importOf({fx("hourly.nc")}, mean);
    EXPECT_EQ(daily.fields.stepsPerDay, 1);
    for (int d = 0; d < 3; ++d) EXPECT_NEAR(daily.fields.uDay(d)[17], 0.115, 1e-6);
    // Two files of one run sharing a day: five days, the overlap said.
    const ImportedCurrents parts = importOf({fx("part2.nc"), fx("part1.nc")});
    EXPECT_EQ(parts.fields.startDay, parseDate("2020-01-01"));
    EXPECT_EQ(parts.fields.days, 5);
    bool said = false;
    for (const auto& n : parts.plan.layout.notes)
        said = said || n.find("two files") != std::string::npos;
    EXPECT_TRUE(said);
}

TEST(ImportCurrents, BoxTimeRangeResolutionAndNamesCanBeChosen) {
    CurrentsImportOptions o;
    o.lonRange = {{4.5, 5.5}};
    o.latRange = {{42.5, 43.0}};
    o.resolutionDeg = 1.0 / 32.0;
    o.timeRange = {{parseDate("2022-01-09"), parseDate("2022-01-11")}};
    o.overrides.u = "uo";
    o.overrides.v = "vo";
    const ImportedCurrents c = importOf({fx("cmems_med.nc")}, o);
    const Grid& g = c.fields.grid();
    EXPECT_EQ(g.nx, 32);
    EXPECT_EQ(g.ny, 16);
    EXPECT_NEAR(g.lonMin, 4.5, 1e-9);
    EXPECT_NEAR(g.latMin, 42.5, 1e-9);
    EXPECT_EQ(c.fields.startDay, parseDate("2022-01-09"));
    EXPECT_EQ(c.fields.days, 3);
    EXPECT_EQ(c.plan.layout.u.foundBy, "--u");
}

void expectRefusal(std::vector<std::string> files, const std::string& words) {
    try {
        importOf(files);
        ADD_FAILURE() << "imported " << files.front();
    } catch (const InputError& e) {  // the user's file, not a bug: the CLI's exit 1
        EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
}

TEST(ImportCurrents, BadFilesAreRefusedWithAReason) {
    expectRefusal({fx("no_velocity.nc")}, "no velocity found");
    expectRefusal({fx("no_velocity.nc")}, "thetao");  // lists what the file has
    expectRefusal({fx("one_component.nc")}, "only one velocity component");
    expectRefusal({fx("grid_a.nc"), fx("grid_b.nc")}, "mismatched grids");
    expectRefusal({fx("non_monotonic.nc")}, "not increasing");
    expectRefusal({fx("all_nan.nc")}, "missing");
    expectRefusal({fx("parcels_output.zarr")}, "Zarr");
    expectRefusal({fx("truncated.nc")}, "truncated.nc");
}

TEST(ImportCurrents, TheCurrentsFileOpensAsADatasetWithoutReleases) {
    const auto dir = test::tempDir();
    const ImportedCurrents c = importOf({fx("cmems_med.nc")});
    const std::string path = (dir / "currents.h5").string();
    writeCurrentsFile(c, path, "test");
    const DriftDataset ds = DriftDataset::open(path);
    EXPECT_EQ(ds.releaseCount(), 0);
    EXPECT_EQ(ds.startDay(), c.fields.startDay);
    EXPECT_EQ(ds.currentDays(), 6);
    EXPECT_EQ(ds.grid().nx, c.fields.grid().nx);
    EXPECT_EQ(ds.grid().ny, c.fields.grid().ny);
    EXPECT_NEAR(ds.grid().lonMin, c.fields.grid().lonMin, 1e-9);
    EXPECT_NEAR(ds.grid().latMin, c.fields.grid().latMin, 1e-9);
    EXPECT_NEAR(ds.grid().dLon, c.fields.grid().dLon, 1e-12);
    const CurrentFields back = ds.readAllCurrents();
    EXPECT_EQ(back.u, c.fields.u);
    EXPECT_EQ(back.v, c.fields.v);
    EXPECT_EQ(back.mask.values(), c.fields.mask.values());
    bool tagged = false;
    for (const auto& [name, value] : ds.attributes())
        tagged = tagged || (name == "driftlab_content" && value == "currents");
    EXPECT_TRUE(tagged);
    // Nothing but the final file in the folder (written under a temporary name, renamed).
    int files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) files += e.is_regular_file();
    EXPECT_EQ(files, 1);
}

TEST(ImportCurrents, ASubDailyStepIsKeptInTheFileAndUsedByTheSimulation) {
    const auto dir = test::tempDir();
    const ImportedCurrents c = importOf({fx("hourly.nc")});
    const std::string path = (dir / "hourly.h5").string();
    writeCurrentsFile(c, path, "test");
    const DriftDataset ds = DriftDataset::open(path);
    EXPECT_EQ(ds.formatVersion(), 2);  // a step shorter than a day needs version 2
    EXPECT_EQ(ds.currentStepsPerDay(), 24);
    EXPECT_EQ(ds.currentDays(), 3);
    EXPECT_EQ(ds.startDay(), parseDate("2020-06-01"));
    const CurrentFields back = ds.readAllCurrents();
    EXPECT_EQ(back.stepsPerDay, 24);
    EXPECT_EQ(back.u, c.fields.u);
    std::vector<float> u, v;
    ds.readCurrents(1, u, v);  // day 1 at 00:00 is field 24
    EXPECT_FLOAT_EQ(u[5], 0.0f);
    ds.readCurrentField(30, u, v);
    EXPECT_FLOAT_EQ(u[5], 0.06f);
    // Daily currents are still written as version 1, byte for byte as before.
    const std::string dailyPath = (dir / "daily.h5").string();
    writeCurrentsFile(importOf({fx("classic.nc")}), dailyPath, "test");
    EXPECT_EQ(DriftDataset::open(dailyPath).formatVersion(), 1);
}

}  // namespace
}  // namespace driftlab
