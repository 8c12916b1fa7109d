// The numerical-advection baseline (drift/DensityAdvection, drift/AdvectionBaseline): it moves
// maps with the current, keeps their mass on the ocean, never goes negative, and beats
// persistence on a generated dataset.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "data/DriftDataset.h"
#include "drift/AdvectionBaseline.h"
#include "drift/DensityAdvection.h"
#include "jobs/DatasetSimulation.h"
#include "model/TestSupport.h"
#include "stats/DriftMetrics.h"
#include "support/TinyDataset.h"

namespace driftlab {
namespace {

double sum(const std::vector<float>& m) {
    return std::accumulate(m.begin(), m.end(), 0.0);
}

// Mass-weighted mean column and row of a map, in cells.
std::pair<double, double> centroid(const std::vector<float>& m, const Grid& g) {
    double s = 0, sx = 0, sy = 0;
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const double w = m[static_cast<std::size_t>(j) * g.nx + i];
            s += w;
            sx += w * i;
            sy += w * j;
        }
    return {sx / s, sy / s};
}

// A square blob of `side` cells holding mass 1, its lower-left corner at (i0, j0).
std::vector<float> blob(const Grid& g, int i0, int j0, int side) {
    std::vector<float> m(g.cellCount(), 0.0f);
    for (int j = j0; j < j0 + side; ++j)
        for (int i = i0; i < i0 + side; ++i)
            m[static_cast<std::size_t>(j) * g.nx + i] = 1.0f / static_cast<float>(side * side);
    return m;
}

const Grid kGrid = Grid::fromExtent(4.0, 8.0, 42.0, 44.0, 1.0 / 16.0);  // 64 x 32 cells

TEST(DensityAdvection, AUniformCurrentMovesAMapByTheExpectedNumberOfCells) {
    // 2.5 cells east and 1.5 cells north in one day, whatever the latitude of the row.
    const CurrentFields f = test::makeFields(kGrid, 2, [](int, int j, int, double& u, double& v) {
        u = 2.5 * kGrid.cellWidthM(j) / 86400.0;
        v = 1.5 * kGrid.cellHeightM() / 86400.0;
    });
    const AdvectionBaseline baseline(f, {});
    const std::vector<float> in = blob(kGrid, 20, 10, 4);
    const std::vector<float> out = baseline.advect(0, in);
    const auto [x0, y0] = centroid(in, kGrid);
    const auto [x1, y1] = centroid(out, kGrid);
    EXPECT_NEAR(x1 - x0, 2.5, 0.02);
    EXPECT_NEAR(y1 - y0, 1.5, 0.02);
    EXPECT_NEAR(sum(out), 1.0, 1e-5);
    // Still a compact blob: the cells that hold 99 % of the mass are near the moved square.
    for (int j = 0; j < kGrid.ny; ++j)
        for (int i = 0; i < kGrid.nx; ++i)
            if (out[static_cast<std::size_t>(j) * kGrid.nx + i] > 1e-6f) {
                EXPECT_GE(i, 22);
                EXPECT_LE(i, 27);
                EXPECT_GE(j, 11);
                EXPECT_LE(j, 16);
            }
}

TEST(DensityAdvection, ConservesMassInAClosedBasinAndNeverGoesNegative) {
    // A basin with a land rim and a strong eddy that pushes mass against the rim every day.
    std::vector<std::uint8_t> ocean(kGrid.cellCount(), 1);
    for (int j = 0; j < kGrid.ny; ++j)
        for (int i = 0; i < kGrid.nx; ++i)
            if (i < 2 || j < 2 || i >= kGrid.nx - 2 || j >= kGrid.ny - 2 ||
                (i >= 30 && i < 34 && j >= 12 && j < 20))  // and an island
                ocean[static_cast<std::size_t>(j) * kGrid.nx + i] = 0;
    CurrentFields f = test::makeFields(kGrid, 11, [](int i, int j, int k, double& u, double& v) {
        const double dx = i - 32.0, dy = j - 16.0, s = 0.02 * (1 + 0.1 * k);
        u = -s * dy + 0.15;
        v = s * dx;
    });
    f.mask = OceanMask(kGrid, ocean);
    for (std::size_t c = 0; c < kGrid.cellCount(); ++c) {
        if (ocean[c]) continue;
        for (int k = 0; k < f.days; ++k) f.uDay(k)[c] = f.vDay(k)[c] = 0.0f;
    }
    const AdvectionBaseline baseline(f, {});
    std::vector<float> map = blob(kGrid, 10, 6, 6);
    for (int k = 0; k < 10; ++k) {
        map = baseline.advect(k, map);
        EXPECT_NEAR(sum(map), 1.0, 1e-5) << "day " << k + 1;
        for (std::size_t c = 0; c < map.size(); ++c) {
            ASSERT_GE(map[c], 0.0f);
            if (!ocean[c]) {
                ASSERT_EQ(map[c], 0.0f) << "mass on land, cell " << c;
            }
        }
    }
    const auto [x, y] = centroid(map, kGrid);
    EXPECT_GT(std::hypot(x - 12.5, y - 8.5), 3.0) << "the eddy should have moved the blob";
}

TEST(DensityAdvection, PutsNoMassOnLandWhenTheCurrentRunsIntoTheCoast) {
    // Land east of column 40; the current runs east at 4 cells a day straight into it.
    std::vector<std::uint8_t> ocean(kGrid.cellCount(), 1);
    for (int j = 0; j < kGrid.ny; ++j)
        for (int i = 40; i < kGrid.nx; ++i) ocean[static_cast<std::size_t>(j) * kGrid.nx + i] = 0;
    CurrentFields f = test::makeFields(kGrid, 2, [](int i, int j, int, double& u, double& v) {
        u = i < 40 ? 4.0 * kGrid.cellWidthM(j) / 86400.0 : 0.0;
        v = 0;
    });
    f.mask = OceanMask(kGrid, ocean);
    const std::vector<float> in = blob(kGrid, 36, 12, 3);
    const std::vector<float> out = AdvectionBaseline(f, {}).advect(0, in);
    EXPECT_NEAR(sum(out), 1.0, 1e-5);
    double onLand = 0;
    for (std::size_t c = 0; c < out.size(); ++c)
        if (!ocean[c]) onLand += out[c];
    EXPECT_EQ(onLand, 0.0);
    EXPECT_GT(centroid(out, kGrid).first, centroid(in, kGrid).first);  // piled up at the coast
}

TEST(DensityAdvection, MassLeavesOnlyThroughOpenBoundaries) {
    // A current of 3 cells a day to the west, a blob 2 cells from the west edge: about half of
    // it leaves; the rest stays exactly.
    const CurrentFields f = test::makeFields(kGrid, 2, [](int, int j, int, double& u, double& v) {
        u = -3.0 * kGrid.cellWidthM(j) / 86400.0;
        v = 0;
    });
    const std::vector<float> in = blob(kGrid, 1, 10, 4);  // columns 1..4
    const std::vector<float> out = AdvectionBaseline(f, {}).advect(0, in);
    EXPECT_LT(sum(out), 0.8);
    EXPECT_GT(sum(out), 0.2);
    // Columns 1..4 moved by 3: what was in columns 3 and 4 is now in columns 0 and 1.
    EXPECT_NEAR(sum(out), 0.5, 0.1);
}

TEST(DensityAdvection, RejectsAStepThatDoesNotDivideADayAndDaysPastTheCurrents) {
    const CurrentFields f =
        test::makeFields(kGrid, 2, [](int, int, int, double& u, double& v) { u = v = 0; });
    AdvectionOptions bad;
    bad.dtHours = 5;
    EXPECT_THROW(AdvectionBaseline(f, bad), std::invalid_argument);
    const AdvectionBaseline baseline(f, {});
    std::vector<float> m(kGrid.cellCount(), 0.0f);
    EXPECT_NO_THROW(baseline.advect(0, m));
    EXPECT_THROW(baseline.advect(1, m), std::invalid_argument);
    EXPECT_THROW(baseline.advect(-1, m), std::invalid_argument);
}

TEST(DensityAdvection, BeatsPersistenceOnAGeneratedDataset) {
    test::TinyDataset t;
    t.resolutionDeg = 0.125;  // 64 x 32 cells
    t.releases = 16;
    t.particles = 1000;
    t.outputDays = 3;
    static const std::string path =
        test::sharedTinyDataset("model", "advection.h5", "advection test", t);
    const DriftDataset ds = DriftDataset::open(path);
    const auto baseline = advectionBaselineOf(ds);
    DriftMetricAccumulator advection(ds.mask().values()), persistence(ds.mask().values());
    std::vector<float> now, next;
    for (int r = 0; r < ds.releaseCount(); ++r)
        for (int d = 0; d < ds.outputDays(); ++d) {
            ds.readDensity(r, d, now);
            ds.readDensity(r, d + 1, next);
            const int k = ds.releases()[static_cast<std::size_t>(r)].spec.day + d;
            const std::vector<float> moved = baseline->advect(k, now);
            advection.add(now.data(), moved.data(), next.data());
            persistence.add(now.data(), now.data(), next.data());
        }
    const DriftMetricValues a = advection.value(), p = persistence.value();
    EXPECT_LT(a.mae, 0.8 * p.mae) << "advection MAE " << a.mae << ", persistence " << p.mae;
    EXPECT_GT(a.iou50, p.iou50);
}

}  // namespace
}  // namespace driftlab
