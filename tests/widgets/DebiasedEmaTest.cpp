#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "DebiasedEma.h"

using driftlab::DebiasedEma;

TEST(DebiasedEma, MatchesTheFormulaWithItsBiasCorrection) {
    const std::vector<double> x = {3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0};
    const double b = 0.9;
    const std::vector<double> smoothed = DebiasedEma::smooth(x, b);
    ASSERT_EQ(smoothed.size(), x.size());
    double s = 0;
    for (size_t k = 1; k <= x.size(); ++k) {
        s = b * s + (1 - b) * x[k - 1];
        const double expected = s / (1 - std::pow(b, static_cast<double>(k)));
        EXPECT_NEAR(smoothed[k - 1], expected, 1e-12) << "point " << k;
    }
    // Debiased: the first value is the first input, not (1 - b) times it.
    EXPECT_DOUBLE_EQ(smoothed[0], 3.0);
}

TEST(DebiasedEma, AConstantStaysConstantAndZeroSmoothingIsTheRawSeries) {
    for (double v : DebiasedEma::smooth(std::vector<double>(50, 0.25), 0.99))
        EXPECT_NEAR(v, 0.25, 1e-12);
    const std::vector<double> x = {1, 5, 2, 8};
    EXPECT_EQ(DebiasedEma::smooth(x, 0.0), x);
}

TEST(DebiasedEma, NonFiniteValuesPassThroughWithoutPoisoningTheAverage) {
    DebiasedEma ema(0.5);
    EXPECT_TRUE(std::isnan(ema.value()));
    EXPECT_DOUBLE_EQ(ema.add(2.0), 2.0);
    EXPECT_TRUE(std::isnan(ema.add(std::numeric_limits<double>::quiet_NaN())));
    EXPECT_TRUE(std::isinf(ema.add(std::numeric_limits<double>::infinity())));
    EXPECT_EQ(ema.count(), 1);
    // s = 0.5 * 1 + 0.5 * 4 = 2.5 after two finite inputs... debiased by 1 - 0.25.
    EXPECT_NEAR(ema.add(4.0), (0.5 * 0.5 * 2.0 + 0.5 * 4.0) / 0.75, 1e-12);
}
