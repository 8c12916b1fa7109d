// The one accumulator of validation and evaluate (stats/MethodScores): a sample's truth prepared
// once scores the three methods exactly as three accumulators of their own do, and the sums
// data-parallel validation adds up carry every mean.
#include <gtest/gtest.h>

#include <cmath>

#include "stats/CloudGeometry.h"
#include "stats/DriftMetrics.h"
#include "stats/MethodScores.h"

using namespace driftlab;

namespace {

// A blob of mass 1 centred at cell (ci, cj) with radius r cells, on a 40 x 32 grid.
std::vector<float> blob(const Grid& g, double ci, double cj, double r) {
    std::vector<float> m(g.cellCount());
    double sum = 0;
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const double d2 = (i - ci) * (i - ci) + (j - cj) * (j - cj);
            const double v = std::exp(-d2 / (2 * r * r));
            m[static_cast<std::size_t>(j) * g.nx + i] = static_cast<float>(v);
            sum += v;
        }
    for (float& v : m) v = static_cast<float>(v / sum);
    return m;
}

void expectSame(const DriftMetricValues& a, const DriftMetricValues& b) {
    EXPECT_EQ(a.mse, b.mse);
    EXPECT_EQ(a.mae, b.mae);
    EXPECT_EQ(a.iou50, b.iou50);
    EXPECT_EQ(a.iou90, b.iou90);
    EXPECT_EQ(a.massError, b.massError);
    EXPECT_EQ(a.massErrorSigned, b.massErrorSigned);
    EXPECT_EQ(a.km, b.km);
    EXPECT_EQ(a.centreKm, b.centreKm);
    EXPECT_EQ(a.spreadErrorKm, b.spreadErrorKm);
    EXPECT_EQ(a.spreadRatio, b.spreadRatio);
    EXPECT_EQ(a.transportKm, b.transportKm);
    EXPECT_EQ(a.farMass, b.farMass);
}

}  // namespace

TEST(MethodScores, ScoreAsThreeAccumulatorsAndTravelAsSums) {
    const Grid g = Grid::fromExtent(4.0, 5.25, 42.0, 43.0, 1.0 / 32.0);
    std::vector<std::uint8_t> ocean(g.cellCount(), 1);
    for (int i = 0; i < 6; ++i) ocean[static_cast<std::size_t>(i)] = 0;  // a little land
    const CloudGeometry geometry(g, ocean);
    DriftScorer scorer(ocean, &geometry);
    DriftMetricAccumulator model(ocean, &geometry), persistence(ocean, &geometry),
        advection(ocean, &geometry);
    MethodScores scores;
    const std::vector<float> empty(g.cellCount(), 0.0f);
    // Three samples, the last with an empty prediction (no km values for the model).
    const std::vector<std::vector<float>> inputs{blob(g, 10, 10, 2), blob(g, 20, 12, 3),
                                                 blob(g, 30, 20, 2)};
    const std::vector<std::vector<float>> truths{blob(g, 12, 10, 2), blob(g, 21, 14, 3),
                                                 blob(g, 31, 20, 2)};
    const std::vector<std::vector<float>> predicted{blob(g, 12, 11, 3), blob(g, 22, 13, 2), empty};
    const std::vector<std::vector<float>> advected{blob(g, 11, 10, 2), blob(g, 21, 13, 4),
                                                   blob(g, 31, 21, 2)};
    for (std::size_t s = 0; s < inputs.size(); ++s) {
        const MethodValues v = MethodScores::score(scorer, inputs[s].data(), predicted[s].data(),
                                                   advected[s].data(), truths[s].data());
        scores.add(v);
        model.add(inputs[s].data(), predicted[s].data(), truths[s].data());
        persistence.add(inputs[s].data(), inputs[s].data(), truths[s].data());
        advection.add(inputs[s].data(), advected[s].data(), truths[s].data());
        if (s == 2) {
            EXPECT_FALSE(v.model.km);
        }
        EXPECT_TRUE(v.advection.km);
    }
    const MethodValues means = scores.value();
    expectSame(means.model, model.value());
    expectSame(means.persistence, persistence.value());
    expectSame(means.advection, advection.value());
    EXPECT_EQ(scores.samples(), 3u);
    EXPECT_GT(means.persistence.centreKm, means.advection.centreKm);

    // The sums set back give the same means; a wrong count is refused.
    MethodScores copy;
    ASSERT_EQ(scores.sums().size(), MethodScores::kSums);
    copy.setSums(scores.sums());
    expectSame(copy.value().model, means.model);
    expectSame(copy.value().advection, means.advection);
    EXPECT_THROW(copy.setSums({1, 2, 3}), std::invalid_argument);
}

TEST(MethodScores, FarMassInTwoStepsIsTheOneStepShare) {
    const Grid g = Grid::fromExtent(4.0, 5.25, 42.0, 43.0, 1.0 / 32.0);
    const std::vector<std::uint8_t> ocean(g.cellCount(), 1);
    const CloudGeometry geometry(g, ocean);
    const std::vector<float> truth = blob(g, 10, 10, 1.5), hazy = blob(g, 20, 16, 8);
    const std::vector<float> empty(g.cellCount(), 0.0f);
    EXPECT_EQ(geometry.farMassShare(hazy.data(), geometry.nearTruth(truth.data())),
              geometry.farMassShare(hazy.data(), truth.data()));
    EXPECT_GT(geometry.farMassShare(hazy.data(), truth.data()), 0.01);
    EXPECT_TRUE(geometry.nearTruth(empty.data()).empty());
    EXPECT_EQ(geometry.farMassShare(hazy.data(), geometry.nearTruth(empty.data())), 1.0);
    EXPECT_EQ(geometry.farMassShare(empty.data(), geometry.nearTruth(truth.data())), 0.0);
}
