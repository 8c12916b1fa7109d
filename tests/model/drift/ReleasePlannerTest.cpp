#include <gtest/gtest.h>

#include <map>

#include "core/InputError.h"
#include "drift/ReleasePlanner.h"

using namespace driftlab;

namespace {
const OceanMask& mask() {
    static const OceanMask m =
        OceanMask::builtinNorthWestMed(Grid::fromExtent(2, 10, 41, 45, 1.0 / 16));
    return m;
}
ReleasePlan plan(SplitMode mode) {
    ReleasePlan p;
    p.count = 1000;
    p.firstDay = 0;
    p.lastDay = 300;
    p.splitMode = mode;
    p.seed = 21;
    return p;
}
}  // namespace

TEST(ReleasePlanner, ReleasesAreInTheOceanSortedByDayWithExactSplits) {
    const auto rel = planReleases(plan(SplitMode::Random), mask());
    ASSERT_EQ(rel.size(), 1000u);
    std::map<Split, int> n;
    for (std::size_t k = 0; k < rel.size(); ++k) {
        EXPECT_TRUE(mask().isOceanAt(rel[k].lon, rel[k].lat));
        EXPECT_GE(rel[k].day, 0);
        EXPECT_LE(rel[k].day, 300);
        if (k > 0) {
            EXPECT_LE(rel[k - 1].day, rel[k].day);
        }
        ++n[rel[k].split];
    }
    EXPECT_EQ(n[Split::Train], 800);
    EXPECT_EQ(n[Split::Validation], 100);
    EXPECT_EQ(n[Split::Test], 100);
}

TEST(ReleasePlanner, ChronologicalSplitKeepsTheFutureOutOfTraining) {
    const auto rel = planReleases(plan(SplitMode::Chronological), mask());
    int lastTrain = -1, firstVal = 1000, lastVal = -1, firstTest = 1000;
    for (const auto& r : rel) {
        if (r.split == Split::Train) lastTrain = std::max(lastTrain, r.day);
        if (r.split == Split::Validation) {
            firstVal = std::min(firstVal, r.day);
            lastVal = std::max(lastVal, r.day);
        }
        if (r.split == Split::Test) firstTest = std::min(firstTest, r.day);
    }
    EXPECT_LE(lastTrain, firstVal);
    EXPECT_LE(lastVal, firstTest);
}

TEST(ReleasePlanner, SameSeedSamePlan) {
    const auto a = planReleases(plan(SplitMode::Random), mask());
    const auto b = planReleases(plan(SplitMode::Random), mask());
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
        EXPECT_EQ(a[k].lon, b[k].lon);
        EXPECT_EQ(a[k].split, b[k].split);
    }
}

TEST(ReleasePlanner, RejectsImpossiblePlans) {
    ReleasePlan p = plan(SplitMode::Random);
    p.lastDay = -1;
    EXPECT_THROW(planReleases(p, mask()), InputError);
    p = plan(SplitMode::Random);
    p.valFraction = 0.6;
    p.testFraction = 0.5;
    EXPECT_THROW(planReleases(p, mask()), InputError);
    EXPECT_THROW(parseSplitMode("by-month"), std::invalid_argument);
}
