#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>

#include "ocean/CivilDate.h"
#include "ocean/FieldDiagnostics.h"
#include "ocean/OceanGenerator.h"

using namespace driftlab;

namespace {

OceanGeneratorParams smallParams(double res = 1.0 / 16, int days = 40) {
    OceanGeneratorParams p;
    p.resolutionDeg = res;
    p.days = days;
    p.seed = 11;
    return p;
}

const CurrentFields& demoYear() {
    static const CurrentFields f = OceanGenerator(smallParams(1.0 / 16, 365)).generate(2);
    return f;
}

}  // namespace

TEST(OceanGenerator, SameSeedSameBytesWhateverTheThreads) {
    const CurrentFields a = OceanGenerator(smallParams()).generate(1);
    const CurrentFields b = OceanGenerator(smallParams()).generate(2);
    ASSERT_EQ(a.u.size(), b.u.size());
    EXPECT_EQ(0, std::memcmp(a.u.data(), b.u.data(), a.u.size() * sizeof(float)));
    EXPECT_EQ(0, std::memcmp(a.v.data(), b.v.data(), a.v.size() * sizeof(float)));
    OceanGeneratorParams other = smallParams();
    other.seed = 12;
    const CurrentFields c = OceanGenerator(other).generate(2);
    EXPECT_NE(0, std::memcmp(a.u.data(), c.u.data(), a.u.size() * sizeof(float)));
}

TEST(OceanGenerator, DiscreteDivergenceIsZeroInTheInterior) {
    const CurrentFields& f = demoYear();
    const Grid& g = f.grid();
    for (int k : {0, 100, 200, 364}) {
        const auto div = divergence(g, f.uDay(k), f.vDay(k));
        const auto vort = relativeVorticity(g, f.uDay(k), f.vDay(k));
        double maxDiv = 0, maxVort = 0;
        for (int j = 1; j < g.ny - 1; ++j) {
            for (int i = 1; i < g.nx - 1; ++i) {
                const std::size_t c = static_cast<std::size_t>(j) * g.nx + i;
                maxDiv = std::max(maxDiv, std::abs(div[c]));
                maxVort = std::max(maxVort, std::abs(vort[c]));
            }
        }
        // Exactly zero in exact arithmetic; what is left is float32 rounding of u and v.
        EXPECT_GT(maxVort, 1e-6) << "day " << k;
        EXPECT_LT(maxDiv, 1e-5 * maxVort) << "day " << k;
    }
}

TEST(OceanGenerator, LandCellsHaveExactlyZeroVelocity) {
    const CurrentFields& f = demoYear();
    const Grid& g = f.grid();
    for (int k = 0; k < f.days; k += 30) {
        for (std::size_t c = 0; c < g.cellCount(); ++c) {
            if (f.mask.values()[c]) continue;
            ASSERT_EQ(f.uDay(k)[c], 0.0f);
            ASSERT_EQ(f.vDay(k)[c], 0.0f);
        }
    }
}

TEST(OceanGenerator, NoFlowIntoLand) {
    // At every coastal cell face (ocean cell beside a land cell), the velocity across the face,
    // interpolated as the advector does (mean of the two cell centres), is small next to the
    // boundary current that runs along the same coast.
    const CurrentFields& f = demoYear();
    const Grid& g = f.grid();
    double normal2 = 0, along2 = 0;
    long faces = 0, offshore = 0;
    for (int k = 0; k < f.days; k += 7) {
        const float* u = f.uDay(k);
        const float* v = f.vDay(k);
        for (int j = 1; j < g.ny - 1; ++j) {
            for (int i = 1; i < g.nx - 1; ++i) {
                if (!f.mask.isOcean(i, j)) continue;
                const std::size_t c = static_cast<std::size_t>(j) * g.nx + i;
                const int di[4] = {1, -1, 0, 0}, dj[4] = {0, 0, 1, -1};
                bool coastal = false;
                for (int n = 0; n < 4; ++n) {
                    if (f.mask.isOcean(i + di[n], j + dj[n])) continue;
                    coastal = true;
                    const double across = 0.5 * (di[n] * u[c] + dj[n] * v[c]);  // towards land
                    normal2 += across * across;
                    ++faces;
                }
                if (coastal) {
                    // The flow one cell further offshore: the boundary current's scale here.
                    for (int n = 0; n < 4; ++n) {
                        const int i2 = i - 2 * di[n], j2 = j - 2 * dj[n];
                        if (i2 < 0 || j2 < 0 || i2 >= g.nx || j2 >= g.ny || !f.mask.isOcean(i2, j2))
                            continue;
                        const std::size_t c2 = static_cast<std::size_t>(j2) * g.nx + i2;
                        along2 +=
                            static_cast<double>(u[c2]) * u[c2] + static_cast<double>(v[c2]) * v[c2];
                        ++offshore;
                    }
                }
            }
        }
    }
    ASSERT_GT(faces, 1000);
    const double rmsNormal = std::sqrt(normal2 / faces), rmsOffshore = std::sqrt(along2 / offshore);
    std::printf(
        "coastal faces: rms velocity across %.4f m/s, rms speed two cells offshore %.4f m/s\n",
        rmsNormal, rmsOffshore);
    EXPECT_LT(rmsNormal, 0.03);  // m/s; measured 0.022 on the demo grid
    EXPECT_LT(rmsNormal, 0.1 * rmsOffshore);
}

TEST(OceanGenerator, NorthernCurrentIsCyclonicAndStrongerInWinter) {
    const CurrentFields& f = demoYear();
    const Grid& g = f.grid();
    // Off the Ligurian coast (Genoa to Nice) the Northern Current flows west.
    const auto meanU = [&](int k0, int k1) {
        double s = 0;
        int n = 0;
        for (int k = k0; k < k1; ++k) {
            for (int j = 0; j < g.ny; ++j) {
                for (int i = 0; i < g.nx; ++i) {
                    const double lon = g.lon(i), lat = g.lat(j);
                    if (lon < 7.6 || lon > 8.6 || lat < 43.6 || lat > 44.4 || !f.mask.isOcean(i, j))
                        continue;
                    s += f.uDay(k)[static_cast<std::size_t>(j) * g.nx + i];
                    ++n;
                }
            }
        }
        return s / n;
    };
    EXPECT_LT(meanU(0, 365), -0.03);
    const double winter = meanU(0, 60), summer = meanU(180, 240);
    EXPECT_LT(winter, summer);  // more negative: faster westward flow in winter
    // Speeds an oceanographer would recognise: a few tenths of m/s at most.
    float maxSpeed = 0;
    for (int k = 0; k < f.days; ++k) {
        for (float s : speed(g, f.uDay(k), f.vDay(k))) maxSpeed = std::max(maxSpeed, s);
    }
    EXPECT_GT(maxSpeed, 0.3f);
    EXPECT_LT(maxSpeed, 1.2f);
}

TEST(OceanGenerator, EddiesDriftGrowAndDecay) {
    const OceanGenerator gen(smallParams(1.0 / 16, 200));
    ASSERT_GT(gen.eddies().size(), 20u);
    int cyclones = 0;
    for (const Eddy& e : gen.eddies()) {
        EXPECT_LT(e.driftEastMps, 0.0);  // westward propagation
        EXPECT_GT(e.lifeDays, 0.0);
        cyclones += e.amplitude < 0;
    }
    EXPECT_GT(cyclones, 0);
    EXPECT_LT(cyclones, static_cast<int>(gen.eddies().size()));
    // The stream function changes from day to day (eddies move and evolve).
    const auto a = gen.streamFunction(10.0), b = gen.streamFunction(11.0);
    double diff = 0;
    for (std::size_t c = 0; c < a.size(); ++c) diff = std::max(diff, std::abs(a[c] - b[c]));
    EXPECT_GT(diff, 10.0);  // m^2/s
}
