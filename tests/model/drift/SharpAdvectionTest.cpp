// The sharp advection (drift/MapDeconvolution, drift/SharpAdvection): it finds the histogram
// behind a smoothed map, keeps mass and sign, keeps off land, and moves a cloud closer to the
// simulator's map than the plain remap does.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/Random.h"
#include "drift/AdvectionBaseline.h"
#include "drift/Advector.h"
#include "drift/DensityMapper.h"
#include "drift/MapDeconvolution.h"
#include "drift/SharpAdvection.h"
#include "model/TestSupport.h"

namespace driftlab {
namespace {

const Grid kGrid = Grid::fromExtent(4.0, 8.0, 42.0, 44.0, 1.0 / 16.0);  // 64 x 32 cells

double sum(const std::vector<float>& m) {
    return std::accumulate(m.begin(), m.end(), 0.0);
}

double l1(const std::vector<float>& a, const std::vector<float>& b) {
    double s = 0;
    for (std::size_t c = 0; c < a.size(); ++c) s += std::abs(static_cast<double>(a[c]) - b[c]);
    return s;
}

// A cloud of particles (grid units) around (x0, y0): a fixed pseudo-random pattern.
void cloud(double x0, double y0, std::vector<double>& x, std::vector<double>& y) {
    std::uint64_t s = 12345;
    auto uniform = [&s] {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<double>(s >> 11) / 9007199254740992.0;
    };
    for (int n = 0; n < 2000; ++n) {
        const double r = 2.5 * std::sqrt(uniform()), a = 6.283185307179586 * uniform();
        x.push_back(x0 + r * std::cos(a) + (n % 3 == 0 ? 2.0 : 0.0));  // a lopsided cloud
        y.push_back(y0 + r * std::sin(a));
    }
}

// The simulator's map of the particles: histogram / particles, smoothed by sigma 1.
std::vector<float> mapOf(const DensityMapper& mapper, const std::vector<double>& x,
                         const std::vector<double>& y) {
    std::vector<double> counts;
    const CellBox box = mapper.histogram(x, y, std::vector<bool>(x.size(), true), counts);
    std::vector<float> map;
    mapper.smooth(counts, box, static_cast<double>(x.size()), map);
    return map;
}

TEST(MapDeconvolution, FindsTheHistogramBehindASmoothedMapKeepingMassSignAndLand) {
    // A land bar through the grid's middle, with the cloud against it.
    std::vector<std::uint8_t> ocean(kGrid.cellCount(), 1);
    for (int j = 0; j < kGrid.ny; ++j) ocean[static_cast<std::size_t>(j) * kGrid.nx + 30] = 0;
    const OceanMask mask(kGrid, ocean);
    const DensityMapper mapper(mask, 1.0);
    std::vector<double> x, y;
    cloud(25.0, 16.0, x, y);
    std::vector<double> counts;
    mapper.histogram(x, y, std::vector<bool>(x.size(), true), counts);
    std::vector<float> truth(counts.size());
    for (std::size_t c = 0; c < counts.size(); ++c)
        truth[c] = static_cast<float>(counts[c] / static_cast<double>(x.size()));
    const std::vector<float> map = mapOf(mapper, x, y);

    const MapDeconvolution deconvolution(mask, 1.0, SharpAdvection::kIterations);
    std::vector<float> h(map.size()), again(map.size());
    deconvolution.deconvolve(map.data(), h.data());
    deconvolution.smooth(h.data(), again.data());

    EXPECT_NEAR(sum(h), sum(map), 1e-4);
    EXPECT_GE(*std::min_element(h.begin(), h.end()), 0.0f);
    for (int j = 0; j < kGrid.ny; ++j) EXPECT_EQ(h[static_cast<std::size_t>(j) * kGrid.nx + 30], 0);
    // Smoothed again it is the map; and it is much closer to the histogram than the map is.
    EXPECT_LT(l1(again, map), 0.05 * sum(map));
    EXPECT_LT(l1(h, truth), 0.6 * l1(map, truth));
}

// The particles moved one day by the simulator's own particle code (no diffusion).
void moveOneDay(const CurrentFields& f, std::vector<double>& x, std::vector<double>& y) {
    const Advector advector(f, 0.0);
    Particles p;
    p.x = x;
    p.y = y;
    p.state.assign(x.size(), ParticleState::Active);
    Random unused(0);
    for (int s = 0; s < 4; ++s) advector.step(p, s * 21600.0, 21600.0, unused);
    x = p.x;
    y = p.y;
}

TEST(SharpAdvection, MovesACloudInAStrainCloserToTheSimulatorsMapThanTheRemap) {
    // A strain about (24, 16): stretched 1.6 times east-west in a day, squeezed north-south.
    // The simulator moves the particles, then smooths; the remap moves the smoothed map, so its
    // kernel is stretched too (too wide east-west, too narrow north-south).
    const double rate = std::log(1.6) / 86400.0;  // per second
    const CurrentFields f = test::makeFields(kGrid, 2, [&](int i, int j, int, double& u, double& v) {
        u = rate * (i + 0.5 - 24.0) * kGrid.cellWidthM(j);
        v = -rate * (j + 0.5 - 16.0) * kGrid.cellHeightM();
    });
    const DensityMapper mapper(f.mask, 1.0);
    std::vector<double> x, y;
    cloud(23.0, 16.0, x, y);
    const std::vector<float> day0 = mapOf(mapper, x, y);
    moveOneDay(f, x, y);
    const std::vector<float> day1 = mapOf(mapper, x, y);

    auto remap = std::make_shared<const AdvectionBaseline>(f, AdvectionOptions{});
    const SharpAdvection sharp(remap, 1.0), plain(remap, 0.0);
    EXPECT_TRUE(sharp.sharp());
    EXPECT_FALSE(plain.sharp());
    const std::vector<float> byRemap = remap->advect(0, day0);
    const std::vector<float> bySharp = sharp.advect(0, day0);
    EXPECT_EQ(plain.advect(0, day0), byRemap);  // smoothing 0: the remap itself
    EXPECT_NEAR(sum(bySharp), sum(day0), 1e-4);
    EXPECT_GE(*std::min_element(bySharp.begin(), bySharp.end()), 0.0f);
    const double remapError = l1(byRemap, day1), sharpError = l1(bySharp, day1);
    EXPECT_LT(sharpError, 0.6 * remapError) << "remap " << remapError << ", sharp " << sharpError;
}

TEST(SharpAdvection, RefusesBadSettings) {
    const CurrentFields f = test::makeFields(kGrid, 2, [](int, int, int, double& u, double& v) {
        u = v = 0.0;
    });
    EXPECT_THROW(MapDeconvolution(f.mask, 0.0, 10), std::invalid_argument);
    EXPECT_THROW(MapDeconvolution(f.mask, 1.0, 0), std::invalid_argument);
    EXPECT_THROW(SharpAdvection(nullptr, 1.0), std::invalid_argument);
}

}  // namespace
}  // namespace driftlab
