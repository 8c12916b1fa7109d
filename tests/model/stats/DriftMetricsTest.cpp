#include <gtest/gtest.h>

#include "stats/DayMetrics.h"
#include "stats/DriftMetrics.h"

using namespace driftlab;

// Hand-computed cases on a 1 x 6 strip (cell 5 is land).
namespace {
const std::vector<std::uint8_t> kOcean{1, 1, 1, 1, 1, 0};
}

TEST(DriftMetrics, TopMassRegionIsTheSmallestDensestSetHoldingTheFraction) {
    const std::vector<float> map{0.1f, 0.4f, 0.2f, 0.3f, 0.0f, 9.0f};  // land mass ignored
    auto r50 = topMassRegion(map.data(), kOcean.data(), 6, 0.5);
    EXPECT_EQ(r50, (std::vector<std::uint8_t>{0, 1, 0, 1, 0, 0}));  // 0.4 + 0.3 = 0.7 >= 0.5
    auto r90 = topMassRegion(map.data(), kOcean.data(), 6, 0.9);
    EXPECT_EQ(r90, (std::vector<std::uint8_t>{0, 1, 1, 1, 0, 0}));  // 0.4 + 0.3 + 0.2 = 0.9 exactly
    auto exact = topMassRegion(map.data(), kOcean.data(), 6, 0.4);
    EXPECT_EQ(exact, (std::vector<std::uint8_t>{0, 1, 0, 0, 0, 0}));  // exactly 0.4: one cell
    const std::vector<float> empty(6, 0.0f);
    EXPECT_EQ(topMassRegion(empty.data(), kOcean.data(), 6, 0.5), std::vector<std::uint8_t>(6, 0));
}

TEST(DriftMetrics, IoUOfTopRegions) {
    const std::vector<float> truth{0.1f, 0.4f, 0.2f, 0.3f, 0.0f, 0.0f};
    const std::vector<float> pred{0.0f, 0.5f, 0.4f, 0.1f, 0.0f, 0.0f};  // top 50 %: cell 1 only
    // truth {1, 3}, pred {1}: 1 / 2
    EXPECT_DOUBLE_EQ(topMassIoU(pred.data(), truth.data(), kOcean.data(), 6, 0.5), 0.5);
    EXPECT_DOUBLE_EQ(topMassIoU(truth.data(), truth.data(), kOcean.data(), 6, 0.9), 1.0);
    const std::vector<float> empty(6, 0.0f);
    EXPECT_DOUBLE_EQ(topMassIoU(empty.data(), empty.data(), kOcean.data(), 6, 0.5), 1.0);
    EXPECT_DOUBLE_EQ(topMassIoU(empty.data(), truth.data(), kOcean.data(), 6, 0.5), 0.0);
}

TEST(DriftMetrics, AccumulatorAveragesErrorsAndMassConservation) {
    DriftMetricAccumulator acc(kOcean);
    const std::vector<float> input{0.0f, 0.5f, 0.5f, 0.0f, 0.0f, 0.0f};  // mass 1.0
    const std::vector<float> truth{0.0f, 0.3f, 0.5f, 0.0f, 0.0f, 0.0f};  // mass 0.8 (0.2 beached)
    const std::vector<float> pred{0.1f,  0.3f, 0.5f,
                                  -0.2f, 0.0f, 7.0f};  // negative -> 0, land ignored
    acc.add(input.data(), pred.data(), truth.data());
    const auto m = acc.value();
    EXPECT_NEAR(m.mse, 0.01 / 5, 1e-9);  // one cell off by 0.1, over 5 ocean cells
    EXPECT_NEAR(m.mae, 0.1 / 5, 1e-9);
    // predicted change 0.9 - 1.0 = -0.1, true change -0.2: error +0.1
    EXPECT_NEAR(m.massError, 0.1, 1e-7);
    EXPECT_NEAR(m.massErrorSigned, 0.1, 1e-7);
    acc.add(input.data(), truth.data(), truth.data());  // a perfect prediction halves the means
    EXPECT_NEAR(acc.value().mae, 0.1 / 10, 1e-9);
    EXPECT_DOUBLE_EQ(acc.value().iou50, 1.0);  // both top-50 % regions are cell 2 alone
    EXPECT_EQ(acc.samples(), 2u);
    EXPECT_THROW(DriftMetricAccumulator(std::vector<std::uint8_t>(4, 0)), std::invalid_argument);
}

TEST(DayMetrics, ScoresEachDayAgainstPersistenceAndSkipsDaysNotReadyYet) {
    const std::vector<std::vector<float>> truth{
        {0.6f, 0.4f, 0, 0, 0, 0}, {0.2f, 0.6f, 0.2f, 0, 0, 0}, {0, 0.2f, 0.6f, 0.2f, 0, 0}};
    // The model's day 1 is perfect, its day 2 not there yet.
    const std::vector<std::vector<float>> partial{truth[0], truth[1], {}};
    DayMetrics metrics(kOcean, 2);
    metrics.add(truth, partial, DayMetrics::Persistence::DayZero);
    EXPECT_EQ(metrics.modelSamples(1), 1u);
    EXPECT_EQ(metrics.modelSamples(2), 0u);
    EXPECT_DOUBLE_EQ(metrics.model(1).mae, 0.0);
    EXPECT_DOUBLE_EQ(metrics.model(1).iou50, 1.0);
    // Persistence holds day 0 on both days: day 2's error is that of day 0 against day 2.
    DriftMetricAccumulator held(kOcean);
    held.add(truth[1].data(), truth[0].data(), truth[2].data());
    EXPECT_DOUBLE_EQ(metrics.persistence(2).mae, held.value().mae);
    EXPECT_DOUBLE_EQ(metrics.persistence(2).iou50, held.value().iou50);
    // One-step persistence holds the day before instead.
    DayMetrics oneStep(kOcean, 2);
    oneStep.add(truth, truth, DayMetrics::Persistence::PreviousDay);
    DriftMetricAccumulator previous(kOcean);
    previous.add(truth[1].data(), truth[1].data(), truth[2].data());
    EXPECT_DOUBLE_EQ(oneStep.persistence(2).mae, previous.value().mae);
    EXPECT_EQ(oneStep.modelSamples(2), 1u);
    EXPECT_EQ(oneStep.releases(), 1u);
}
