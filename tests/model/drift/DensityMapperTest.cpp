#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "core/Random.h"
#include "drift/DensityMapper.h"

using namespace driftlab;

namespace {

const Grid kGrid = Grid::fromExtent(0.0, 2.0, 40.0, 42.0, 1.0 / 16.0);  // 32 x 32

OceanMask maskWithLandBlock() {
    std::vector<std::uint8_t> ocean(kGrid.cellCount(), 1);
    for (int j = 10; j < 20; ++j) {
        for (int i = 14; i < 32; ++i) ocean[static_cast<std::size_t>(j) * kGrid.nx + i] = 0;
    }
    return OceanMask(kGrid, ocean);
}

double sum(const std::vector<float>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0);
}

}  // namespace

TEST(DensityMapper, SmoothingConservesMassAndKeepsItOffLandAndOnTheGrid) {
    const OceanMask mask = maskWithLandBlock();
    const DensityMapper mapper(mask, 1.5);
    // Particles hugging the land block and the grid's corner, where a plain Gaussian leaks.
    std::vector<double> x, y;
    Random rng(5);
    for (int k = 0; k < 3000; ++k) {
        x.push_back(13.0 + rng.uniform());  // the column just west of the land
        y.push_back(10.0 + 10.0 * rng.uniform());
        x.push_back(rng.uniform());  // the south-west corner cell
        y.push_back(rng.uniform());
    }
    std::vector<bool> counted(x.size(), true);
    counted[0] = false;  // a removed particle does not count
    std::vector<double> counts;
    const CellBox box = mapper.histogram(x, y, counted, counts);
    EXPECT_EQ(std::accumulate(counts.begin(), counts.end(), 0.0), x.size() - 1.0);
    std::vector<float> map;
    const double released = 8000.0;  // more released than counted: the rest left the domain
    mapper.smooth(counts, box, released, map);
    EXPECT_NEAR(sum(map), (x.size() - 1.0) / released, 1e-6);
    for (int j = 0; j < kGrid.ny; ++j) {
        for (int i = 0; i < kGrid.nx; ++i) {
            const float v = map[static_cast<std::size_t>(j) * kGrid.nx + i];
            if (!mask.isOcean(i, j)) {
                ASSERT_EQ(v, 0.0f) << "mass on land at " << i << "," << j;
            }
            ASSERT_GE(v, 0.0f);
        }
    }
}

TEST(DensityMapper, OpenOceanSmoothingIsTheNormalisedGaussian) {
    const OceanMask mask(kGrid, std::vector<std::uint8_t>(kGrid.cellCount(), 1));
    const double sigma = 1.0;
    const DensityMapper mapper(mask, sigma);
    std::vector<double> x(100, 16.5), y(100, 16.5);
    std::vector<bool> counted(100, true);
    std::vector<double> counts;
    const CellBox box = mapper.histogram(x, y, counted, counts);
    std::vector<float> map;
    mapper.smooth(counts, box, 100.0, map);
    double norm = 0;
    for (int a = -4; a <= 4; ++a) norm += std::exp(-0.5 * a * a);
    for (int dj = -4; dj <= 4; ++dj) {
        for (int di = -4; di <= 4; ++di) {
            const double expected = std::exp(-0.5 * (di * di + dj * dj)) / (norm * norm);
            EXPECT_NEAR(map[static_cast<std::size_t>(16 + dj) * kGrid.nx + 16 + di], expected,
                        1e-7);
        }
    }
    EXPECT_EQ(map[static_cast<std::size_t>(16) * kGrid.nx + 21], 0.0f);  // beyond 4 sigma
}

TEST(DensityMapper, SigmaZeroIsThePlainHistogram) {
    const OceanMask mask(kGrid, std::vector<std::uint8_t>(kGrid.cellCount(), 1));
    const DensityMapper mapper(mask, 0.0);
    std::vector<double> x{3.2, 3.7, 10.1, -1.0}, y{4.5, 4.1, 30.9, 2.0};
    std::vector<bool> counted(4, true);
    std::vector<double> counts;
    const CellBox box = mapper.histogram(x, y, counted, counts);
    std::vector<float> map;
    mapper.smooth(counts, box, 4.0, map);
    EXPECT_FLOAT_EQ(map[4 * kGrid.nx + 3], 0.5f);
    EXPECT_FLOAT_EQ(map[30 * kGrid.nx + 10], 0.25f);
    EXPECT_NEAR(sum(map), 0.75, 1e-7);  // the particle off the grid is not on the map
}

TEST(DensityMapper, RejectsBadSigma) {
    const OceanMask mask(kGrid, std::vector<std::uint8_t>(kGrid.cellCount(), 1));
    EXPECT_THROW(DensityMapper(mask, -1.0), std::invalid_argument);
    EXPECT_THROW(DensityMapper(mask, std::nan("")), std::invalid_argument);
}
