// import-currents on real producers' files (tests/importing/real, see its SOURCE.txt: ROMS
// Nordic-4km, CROCO, NEMO GYRE) and on a fixture in the layout of MET Norway's Arctic20 (polar
// stereographic, x/y velocities beside barotropic ones): what is taken, from where, and why,
// and the numbers that come out. tests/importing/compare_real.py checks the real imports
// against their sources point by point (cli.import_real).
#include <gtest/gtest.h>

#include <cmath>

#include "importing/CurrentsImporter.h"
#include "importing/GridRotation.h"
#include "model/ImportFixtures.h"
#include "model/TestSupport.h"
#include "ocean/CivilDate.h"
#include "ocean/Grid.h"

namespace driftlab {
namespace {

std::string real(const char* name) {
    return std::string(DRIFTLAB_REAL_DATA) + "/" + name;
}
std::string fx(const char* name) {
    return (test::importFixtures() / name).string();
}
bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// Mean of east and north over ocean cells with ocean all around (day 0).
void meanInterior(const CurrentFields& f, double& u, double& v, std::size_t& n) {
    const Grid& g = f.grid();
    u = v = 0;
    n = 0;
    for (int j = 1; j + 1 < g.ny; ++j)
        for (int i = 1; i + 1 < g.nx; ++i) {
            bool ok = true;
            for (int b = -1; b <= 1; ++b)
                for (int a = -1; a <= 1; ++a) ok = ok && f.mask.isOcean(i + a, j + b);
            if (!ok) continue;
            const std::size_t c = static_cast<std::size_t>(j) * g.nx + i;
            u += f.uDay(0)[c];
            v += f.vDay(0)[c];
            ++n;
        }
    if (n) {
        u /= static_cast<double>(n);
        v /= static_cast<double>(n);
    }
}

TEST(ImportRealFiles, NordicSubsetWithZeroStaggeredCoordinatesTakesThemFromTheRhoPoints) {
    const ImportedCurrents c = importCurrents({real("roms-nordic/Nordic_subset_day1.nc")}, {});
    const CurrentsLayout& L = c.plan.layout;
    const std::string s = c.plan.summary();
    EXPECT_EQ(L.u.var, "u") << s;
    EXPECT_TRUE(has(L.u.coordinates, "half a cell east of the lon_rho/lat_rho")) << s;
    EXPECT_TRUE(has(L.v.coordinates, "half a cell north")) << s;
    EXPECT_TRUE(L.staggered);
    EXPECT_EQ(L.depthLevel, 34);  // s_rho positive up, -0.014 is the top level
    EXPECT_EQ(L.velocityKind, "3-D");
    EXPECT_TRUE(has(s, "ubar / vbar (depth-averaged) are also in the files and not used")) << s;
    EXPECT_TRUE(L.gridRelative);
    EXPECT_TRUE(has(L.angleFrom, "angle in Nordic_subset_day1.nc")) << L.angleFrom;
    EXPECT_TRUE(has(L.angleFrom, "agrees within")) << L.angleFrom;
    EXPECT_EQ(c.fields.startDay, parseDate("2016-02-02"));
    EXPECT_EQ(c.fields.days, 1);
    EXPECT_TRUE(has(s, "the file's cells are about 4.1")) << s;  // 8 km cells south-north
    // The box of the summary is the one imported (it used to hold "no point of the grid").
    EXPECT_NEAR(c.fields.grid().lonMin, c.plan.grid.lonMin, 1e-9);
    double u = 0, v = 0;
    std::size_t n = 0;
    meanInterior(c.fields, u, v, n);
    EXPECT_GT(n, 100u);
    EXPECT_GT(std::hypot(u, v), 0.02);  // a real current, not the zeros of land
}

TEST(ImportRealFiles, TheDirectionOptionOverridesWhatTheGridSuggests) {
    CurrentsImportOptions o;
    o.overrides.gridRelative = false;
    const CurrentsImportPlan p = planCurrentsImport({real("roms-nordic/Nordic_subset_day1.nc")}, o);
    EXPECT_FALSE(p.layout.gridRelative);
    EXPECT_EQ(p.layout.directionWhy, "--direction");
    EXPECT_TRUE(has(p.summary(), "direction east / north (--direction)")) << p.summary();
}

TEST(ImportRealFiles, CrocoTimeInSecondsSinceInitialisationTakesAStatedOrigin) {
    const std::vector<std::string> files = {real("croco/croco_his.nc"), real("croco/croco_grd.nc")};
    const ImportedCurrents c = importCurrents(files, {});
    const CurrentsLayout& L = c.plan.layout;
    const std::string s = c.plan.summary();
    EXPECT_EQ(c.fields.startDay, parseDate("2000-01-01")) << s;
    EXPECT_EQ(c.fields.days, 4);  // steps at 0 s and 259200 s: days 0 and 3, 1 and 2 filled
    EXPECT_TRUE(has(s, "origin    'time' is in second without a date; origin 2000-01-01")) << s;
    EXPECT_TRUE(has(s, "--time-origin")) << s;
    EXPECT_TRUE(L.gridRelative);
    EXPECT_TRUE(has(L.directionWhy, "sea_water_x_velocity_at_u_location")) << L.directionWhy;
    EXPECT_TRUE(has(L.u.coordinates, "lon_u")) << L.u.coordinates;
    // CROCO labels mask_rho land_binary_mask, yet 1 is water there (its option_1 says so): the
    // ocean is the ocean, not the land (a quarter of the box is Africa).
    EXPECT_TRUE(has(L.maskFrom, "1 = water as its option_0 / option_1 say")) << L.maskFrom;
    EXPECT_NEAR(c.plan.landFraction, 0.25, 0.05);
    const Grid& g = c.fields.grid();
    const auto ocean = [&](double lon, double lat) {
        return c.fields.mask.isOcean(static_cast<int>((lon - g.lonMin) / g.dLon),
                                     static_cast<int>((lat - g.latMin) / g.dLat));
    };
    EXPECT_TRUE(ocean(10.0, -30.0));   // the South Atlantic off Namibia
    EXPECT_FALSE(ocean(20.0, -28.0));  // South Africa
    // The option sets the true start.
    CurrentsImportOptions o;
    o.overrides.timeOriginDays = parseDate("2012-03-04") + 0.5;
    const CurrentsImportPlan p = planCurrentsImport(files, o);
    EXPECT_EQ(p.firstDay, parseDate("2012-03-04"));
    EXPECT_TRUE(has(p.summary(), "origin 2012-03-04 12:00 from --time-origin")) << p.summary();
}

TEST(ImportRealFiles, NemoGyreIsRotatedByItsCoordinates) {
    const ImportedCurrents c = importCurrents(
        {real("nemo-gyre-4.2/GYRE_1y_00010101_00011230_grid_U.nc"),
         real("nemo-gyre-4.2/GYRE_1y_00010101_00011230_grid_V.nc"),
         real("nemo-gyre-4.2/mesh_mask.nc")},
        {});
    const CurrentsLayout& L = c.plan.layout;
    EXPECT_TRUE(L.gridRelative);
    EXPECT_EQ(L.angleFrom, "the grid's own coordinates");
    EXPECT_TRUE(has(L.u.coordinates, "glamu")) << L.u.coordinates;
    EXPECT_EQ(L.velocityKind, "3-D");
    EXPECT_EQ(L.depthLevel, 0);
}

// MET Norway's Arctic20 layout: u / v (x_sea_water_velocity) on depth levels beside ubar / vbar.
TEST(ImportRealFiles, PolarStereographicSurfaceCurrentIsRotatedAndNotDepthAveraged) {
    const ImportedCurrents c = importCurrents({fx("roms_polar.nc")}, {});
    const CurrentsLayout& L = c.plan.layout;
    const std::string s = c.plan.summary();
    EXPECT_EQ(L.u.var, "u") << s;
    EXPECT_EQ(L.depthLevel, 0);
    EXPECT_TRUE(L.gridRelative);
    EXPECT_TRUE(has(L.directionWhy, "x_sea_water_velocity")) << s;
    EXPECT_TRUE(has(L.angleFrom, "polar_stereographic grid_mapping 'projection_stere'")) << s;
    EXPECT_TRUE(has(s, "ubar / vbar (depth-averaged)")) << s;
    double u = 0, v = 0;
    std::size_t n = 0;
    meanInterior(c.fields, u, v, n);
    EXPECT_GT(n, 500u);
    EXPECT_NEAR(u, 0.3, 0.01) << s;  // the surface level, east / north
    EXPECT_NEAR(v, 0.1, 0.01) << s;
    // Every interior cell, not only on average: the grid turns by 30 degrees across the box.
    const Grid& g = c.fields.grid();
    for (int j = 2; j + 2 < g.ny; j += 3)
        for (int i = 2; i + 2 < g.nx; i += 3) {
            if (!c.fields.mask.isOcean(i, j)) continue;
            const std::size_t k = static_cast<std::size_t>(j) * g.nx + i;
            EXPECT_NEAR(c.fields.uDay(0)[k], 0.3, 0.02) << i << "," << j;
            EXPECT_NEAR(c.fields.vDay(0)[k], 0.1, 0.02) << i << "," << j;
        }
}

TEST(ImportRealFiles, GridRelativeComponentsNamedByTheUserAreRotatedToo) {
    CurrentsImportOptions o;
    o.overrides.u = "u";
    o.overrides.v = "v";
    const ImportedCurrents c = importCurrents({fx("roms_polar.nc")}, o);
    EXPECT_TRUE(c.plan.layout.gridRelative) << c.plan.summary();
    double u = 0, v = 0;
    std::size_t n = 0;
    meanInterior(c.fields, u, v, n);
    EXPECT_NEAR(u, 0.3, 0.01);
    EXPECT_NEAR(v, 0.1, 0.01);
}

TEST(ImportRealFiles, ChoosingTheDepthAveragedVelocityIsSaid) {
    CurrentsImportOptions o;
    o.overrides.u = "ubar";
    o.overrides.v = "vbar";
    const ImportedCurrents c = importCurrents({fx("roms_polar.nc")}, o);
    const std::string s = c.plan.summary();
    EXPECT_EQ(c.plan.layout.velocityKind, "depth-averaged (barotropic)");
    EXPECT_TRUE(has(s, "--u ubar is a depth-averaged (barotropic) velocity; the files also hold "
                       "u / v")) << s;
    double u = 0, v = 0;
    std::size_t n = 0;
    meanInterior(c.fields, u, v, n);
    EXPECT_NEAR(u, 0.1, 0.01);  // what was asked for, rotated
    EXPECT_NEAR(v, 0.0, 0.01);
}

// The projection's own angle against a numerical derivative of its forward formula.
TEST(GridRotation, MappingAnglesMatchTheProjectionsThemselves) {
    const auto bearing = [](double lonA, double latA, double lonB, double latB) {
        const double dLon = std::remainder(lonB - lonA, 360.0);
        return std::atan2(latB - latA, dLon * std::cos(latA * kDegToRad));
    };
    // Polar stereographic, north: a step along +x from (lon, lat).
    GridMapping ps{"polar_stereographic", 58.0, 90.0, 1.0, 0, 90};
    for (double lon : {20.0, 58.0, 100.0, -150.0}) {
        const double lat = 75.0, R = 6371000.0;
        const double rho = 2 * R * std::tan((45 - lat / 2) * kDegToRad);
        const double dl = (lon - 58.0) * kDegToRad;
        const double x = rho * std::sin(dl) + 100.0, y = -rho * std::cos(dl);
        const double lat2 = 90 - 2 * std::atan(std::hypot(x, y) / (2 * R)) / kDegToRad;
        const double lon2 = 58.0 + std::atan2(x, -y) / kDegToRad;
        double a = 0;
        ASSERT_TRUE(mappingAngle(ps, lon, lat, a));
        EXPECT_NEAR(std::remainder(a - bearing(lon, lat, lon2, lat2), 2 * kPi), 0, 1e-3) << lon;
    }
    // Rotated pole (COSMO's Europe): rotated (0, 0) is at 10 E, 50 N, where the rotated longitude
    // runs east; further from it the axis turns.
    GridMapping rp{"rotated_latitude_longitude", 0, 0, 1, -170.0, 40.0};
    double a = 0;
    ASSERT_TRUE(mappingAngle(rp, 10.0, 50.0, a));
    EXPECT_NEAR(a, 0, 1e-6);
    ASSERT_TRUE(mappingAngle(rp, 30.0, 55.0, a));
    EXPECT_GT(std::abs(a), 0.1);
    // Lambert conformal conic (one standard parallel, cone n = sin 45 deg): the direction of east
    // in projected coordinates, from the forward formula, is the x axis turned by -angle.
    const double n = std::sin(45.0 * kDegToRad);
    GridMapping lcc{"lambert_conformal_conic", 10.0, 45.0, n, 0, 90};
    for (double lon : {-20.0, 10.0, 35.0}) {
        const auto forward = [&](double lo, double la, double& x, double& y) {
            const double rho = 1.0 / std::pow(std::tan(kPi / 4 + la * kDegToRad / 2), n);
            const double theta = n * (lo - 10.0) * kDegToRad;
            x = rho * std::sin(theta);
            y = -rho * std::cos(theta);
        };
        double x0 = 0, y0 = 0, x1 = 0, y1 = 0, a2 = 0;
        forward(lon, 50.0, x0, y0);
        forward(lon + 1e-4, 50.0, x1, y1);
        ASSERT_TRUE(mappingAngle(lcc, lon, 50.0, a2));
        EXPECT_NEAR(std::remainder(a2 + std::atan2(y1 - y0, x1 - x0), 2 * kPi), 0, 1e-4) << lon;
    }
    GridMapping unknown{"transverse_mercator", 0, 0, 1, 0, 90};
    EXPECT_FALSE(mappingAngle(unknown, 10.0, 50.0, a));
}

}  // namespace
}  // namespace driftlab
