#include <gtest/gtest.h>

#include <set>

#include "LearnTestSupport.h"
#include "core/JobControl.h"
#include "data/DriftDataset.h"
#include "jobs/DatasetSimulation.h"
#include "learn/PairLoader.h"
#include "learn/TrainingConfig.h"

using namespace driftlab;

namespace {

std::vector<PairBatch> epochBatches(PairLoader& loader, std::uint64_t seed, int epoch,
                                    int first = 0) {
    loader.startEpoch(seed, epoch, first);
    std::vector<PairBatch> out;
    while (auto b = loader.next()) out.push_back(std::move(*b));
    return out;
}

}  // namespace

TEST(PairLoader, PairsCoverEveryOutputDayOfTheSplitsReleases) {
    const auto ds = DriftDataset::open(test::tinyTrainingDataset());
    const auto train = PairLoader::pairsOf(ds, Split::Train, 0, 1);
    const auto val = PairLoader::pairsOf(ds, Split::Validation, 0, 1);
    EXPECT_EQ(train.size(), ds.releasesInSplit(Split::Train).size() * 6);
    EXPECT_EQ(val.size(), ds.releasesInSplit(Split::Validation).size() * 6);
    for (const auto& p : val)
        EXPECT_EQ(ds.releases()[static_cast<std::size_t>(p.release)].spec.split, Split::Validation);
    const auto subset = PairLoader::pairsOf(ds, Split::Train, 10, 1);
    EXPECT_EQ(subset.size(), 10u);
    EXPECT_EQ(PairLoader::pairsOf(ds, Split::Train, 10, 1).front().release, subset.front().release);
}

TEST(PairLoader, BatchesHoldNormalisedCurrentsAndScaledDensities) {
    const auto ds = DriftDataset::open(test::tinyTrainingDataset());
    const auto pairs = PairLoader::pairsOf(ds, Split::Train, 0, 1);
    const InputNormalisation norm = PairLoader::computeNormalisation(ds, pairs, JobControl());
    EXPECT_GT(norm.uStd, 0.01);
    EXPECT_GT(norm.densityScale, 1.0);  // peaks are fractions of the particles
    PairLoader loader(ds, pairs, norm, 8, 2);
    const auto batches = epochBatches(loader, 5, 1);
    ASSERT_EQ(static_cast<int>(batches.size()), loader.batchesPerEpoch());
    const std::size_t cells = ds.grid().cellCount();
    const PairBatch& b = batches[1];
    const TrainingPair p = b.pairs[3];
    std::vector<float> u, v, d0, d1;
    ds.readCurrents(ds.releases()[static_cast<std::size_t>(p.release)].spec.day + p.day, u, v);
    ds.readDensity(p.release, p.day, d0);
    ds.readDensity(p.release, p.day + 1, d1);
    const float* in = b.input.data() + 3 * 3 * cells;
    const auto& ocean = ds.mask().values();
    for (std::size_t c = 0; c < cells; c += 7) {
        const double expectU = ocean[c] ? (u[c] - norm.uMean) / norm.uStd : 0.0;
        EXPECT_NEAR(in[c], expectU, 1e-4);
        EXPECT_NEAR(in[2 * cells + c], d0[c] * norm.densityScale, 1e-5);
        EXPECT_NEAR(b.target[3 * cells + c], d1[c] * norm.densityScale, 1e-5);
    }
}

TEST(PairLoader, AnEpochSeesEveryPairOnceInASeededOrderWhateverTheThreads) {
    const auto ds = DriftDataset::open(test::tinyTrainingDataset());
    const auto pairs = PairLoader::pairsOf(ds, Split::Train, 0, 1);
    const InputNormalisation norm = PairLoader::computeNormalisation(ds, pairs, JobControl());
    PairLoader one(ds, pairs, norm, 16, 1), three(ds, pairs, norm, 16, 3);
    const auto a = epochBatches(one, 9, 2), b = epochBatches(three, 9, 2);
    ASSERT_EQ(a.size(), b.size());
    std::set<std::pair<int, int>> seen;
    for (std::size_t k = 0; k < a.size(); ++k) {
        EXPECT_EQ(a[k].input, b[k].input) << "batch " << k;
        for (const auto& p : a[k].pairs) EXPECT_TRUE(seen.insert({p.release, p.day}).second);
    }
    EXPECT_EQ(seen.size(), pairs.size());
    // Another epoch, another order; the same epoch again, the same order.
    const auto c = epochBatches(one, 9, 3);
    EXPECT_NE(a[0].input, c[0].input);
    const auto again = epochBatches(three, 9, 2);
    EXPECT_EQ(again[4].input, a[4].input);
}

TEST(PairLoader, StartingMidEpochGivesTheRemainingBatches) {
    const auto ds = DriftDataset::open(test::tinyTrainingDataset());
    const auto pairs = PairLoader::pairsOf(ds, Split::Train, 0, 1);
    const InputNormalisation norm = PairLoader::computeNormalisation(ds, pairs, JobControl());
    PairLoader loader(ds, pairs, norm, 8, 2);
    const auto all = epochBatches(loader, 1, 1);
    const auto tail = epochBatches(loader, 1, 1, 5);
    ASSERT_EQ(tail.size(), all.size() - 5);
    EXPECT_EQ(tail[0].index, 5);
    EXPECT_EQ(tail[0].input, all[5].input);
    EXPECT_EQ(tail.back().target, all.back().target);
}

// The sharp advection's maps are made in a pair's first epoch and kept: a later epoch (its
// batches built by other threads, in another order) carries the very same maps, the sharp
// map where the model reads it and the baseline's remap beside it for scoring.
TEST(PairLoader, KeptSharpMapsAreTheMapsTheSharpAdvectionMakes) {
    const auto ds = DriftDataset::open(test::tinyTrainingDataset());
    const auto pairs = PairLoader::pairsOf(ds, Split::Train, 40, 1);
    const InputNormalisation norm = PairLoader::computeNormalisation(ds, pairs, JobControl());
    const auto remap = advectionBaselineOf(ds);
    ASSERT_GT(mapSmoothingOf(ds), 0.0);
    const auto sharp = modelAdvectionOf(ds, remap, true);
    PairLoader loader(ds, pairs, norm, 8, 3, recipeFromName("hybrid").inputs, sharp);
    const std::size_t cells = ds.grid().cellCount();
    const auto scale = static_cast<float>(norm.densityScale);
    for (int epoch : {1, 2}) {
        for (const PairBatch& b : epochBatches(loader, 4, epoch)) {
            ASSERT_EQ(b.baseline.size(), b.advected.size());
            for (std::size_t s = 0; s < b.pairs.size(); ++s) {
                const TrainingPair& p = b.pairs[s];
                const int k = ds.releases()[static_cast<std::size_t>(p.release)].spec.day + p.day;
                std::vector<float> d;
                ds.readDensity(p.release, p.day, d);
                const std::vector<float> bySharp = sharp->advect(k, d), byRemap = remap->advect(k, d);
                for (std::size_t c = 0; c < cells; ++c) {
                    ASSERT_EQ(b.advected[s * cells + c], bySharp[c] * scale) << "epoch " << epoch;
                    ASSERT_EQ(b.baseline[s * cells + c], byRemap[c] * scale) << "epoch " << epoch;
                }
            }
        }
    }
}
