#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <fstream>

#include "data/DatasetError.h"
#include "data/DriftDataset.h"
#include "jobs/DatasetGenerator.h"
#include "model/KnownMaps.h"
#include "model/TestSupport.h"
#include "stats/MeanDensity.h"
#include "support/TinyDataset.h"

using namespace driftlab;

namespace {

// A simulated dataset on a 40 x 20 grid (2-10 E at 0.2 degrees): tiles of 16 do not fit it, and
// the particles reach the last tile column and row.
std::string generated(const std::filesystem::path& dir) {
    const GeneratorConfig c =
        test::tinyConfig({.resolutionDeg = 0.2, .releases = 30, .khM2s = 2.0});
    const std::string path = (dir / "generated.h5").string();
    generateDataset(c, path, "test");
    return path;
}

// The straightforward way: every selected map read whole through HDF5, summed in long double.
std::vector<long double> straightforwardMean(const DriftDataset& ds, const MeanSubset& subset,
                                             std::uint64_t& maps) {
    std::vector<long double> sum(ds.grid().cellCount(), 0.0L);
    std::vector<float> map;
    maps = 0;
    for (int r = 0; r < ds.releaseCount(); ++r) {
        if (subset.split && ds.releases()[r].spec.split != *subset.split) continue;
        for (int d = 0; d <= ds.outputDays(); ++d) {
            if (subset.day && d != *subset.day) continue;
            ds.readDensity(r, d, map);
            for (std::size_t c = 0; c < sum.size(); ++c) sum[c] += map[c];
            ++maps;
        }
    }
    for (auto& v : sum) v /= maps;
    return sum;
}

void expectClose(const std::vector<double>& got, const std::vector<long double>& want,
                 double relative) {
    ASSERT_EQ(got.size(), want.size());
    int nonZero = 0;
    for (std::size_t c = 0; c < got.size(); ++c) {
        const long double tolerance = relative * std::fabs(want[c]) + 1e-300L;
        ASSERT_LE(std::fabs(got[c] - want[c]), tolerance) << "cell " << c;
        nonZero += want[c] != 0;
    }
    EXPECT_GT(nonZero, 10);  // the comparison is not between empty maps
}

std::uint64_t storedTilesOf(const DriftDataset& ds, const MeanSubset& subset) {
    std::uint64_t n = 0;
    const MapSelection s = selectMaps(ds, subset);
    for (int r : s.releases)
        for (int d : s.days) n += ds.storedTiles(r, d).size();
    return n;
}

}  // namespace

TEST(MeanDensity, EqualsAStraightforwardAverageOfEveryMap) {
    const DriftDataset ds = DriftDataset::open(generated(test::tempDir()));
    ASSERT_TRUE(ds.rawTilesReadable());
    const MeanResult r = computeMeanDensity(ds, {}, 2);
    std::uint64_t maps = 0;
    expectClose(r.mean, straightforwardMean(ds, {}, maps), 1e-6);
    EXPECT_EQ(r.maps, maps);
    EXPECT_EQ(r.maps, 30u * 5u);
    EXPECT_EQ(r.nx, 40);
    EXPECT_EQ(r.ny, 20);
    EXPECT_TRUE(r.rawTiles);
    EXPECT_EQ(r.tilesRead, ds.storedTileCount());  // every stored tile, and only those
    EXPECT_GT(r.bytesRead, 0u);
    // The particles reach the cut edge tiles, so they are part of the check.
    double lastColumn = 0, lastRow = 0;
    for (int j = 0; j < r.ny; ++j)
        for (int i = 32; i < r.nx; ++i)
            lastColumn += r.mean[static_cast<std::size_t>(j) * r.nx + i];
    for (int j = 16; j < r.ny; ++j)
        for (int i = 0; i < r.nx; ++i) lastRow += r.mean[static_cast<std::size_t>(j) * r.nx + i];
    EXPECT_GT(lastColumn, 0.0);
    EXPECT_GT(lastRow, 0.0);
}

TEST(MeanDensity, EqualsAStraightforwardAverageOfASubset) {
    const DriftDataset ds = DriftDataset::open(generated(test::tempDir()));
    for (const MeanSubset subset : {MeanSubset{Split::Train, 2}, MeanSubset{Split::Test, {}},
                                    MeanSubset{{}, 4}, MeanSubset{Split::Validation, 0}}) {
        SCOPED_TRACE(subset.describe());
        const MeanResult r = computeMeanDensity(ds, subset, 2);
        std::uint64_t maps = 0;
        expectClose(r.mean, straightforwardMean(ds, subset, maps), 1e-6);
        EXPECT_EQ(r.maps, maps);
        EXPECT_EQ(r.tilesRead, storedTilesOf(ds, subset));  // only the subset's tiles are read
    }
}

TEST(MeanDensity, CutEdgeTilesAndTilesOutOfFileOrder) {
    const test::KnownMaps k = test::writeKnownMaps(test::tempDir(), 40, 3, 11);
    const DriftDataset ds = DriftDataset::open(k.path);
    ASSERT_TRUE(ds.rawTilesReadable());
    const Split test = Split::Test;
    expectClose(computeMeanDensity(ds, {}, 2).mean, k.mean(nullptr, -1), 1e-12);
    expectClose(computeMeanDensity(ds, {Split::Test, 1}, 1).mean, k.mean(&test, 1), 1e-12);
}

TEST(MeanDensity, SameBitsOnOneTwoOrThreeThreadsAndThroughHdf5) {
    const test::KnownMaps k = test::writeKnownMaps(test::tempDir(), 120, 3, 12);
    const DriftDataset ds = DriftDataset::open(k.path);
    for (const MeanSubset subset : {MeanSubset{}, MeanSubset{Split::Train, 2}}) {
        const MeanResult one = computeMeanDensity(ds, subset, 1);
        const MeanResult two = computeMeanDensity(ds, subset, 2);
        const MeanResult three = computeMeanDensity(ds, subset, 3);
        const MeanResult hdf5 = computeMeanDensityDecoded(ds, subset);
        EXPECT_TRUE(one.mean == two.mean);
        EXPECT_TRUE(one.mean == three.mean);
        EXPECT_TRUE(one.mean == hdf5.mean);
        EXPECT_EQ(one.tilesRead, two.tilesRead);
        EXPECT_FALSE(hdf5.rawTiles);
        EXPECT_EQ(hdf5.maps, one.maps);
    }
}

TEST(MeanDensity, CancelStopsWithinAFewMaps) {
    const test::KnownMaps k = test::writeKnownMaps(test::tempDir(), 300, 3, 13);  // 1,200 maps
    const DriftDataset ds = DriftDataset::open(k.path);
    for (int threads : {1, 2, 0}) {  // 0: through HDF5
        SCOPED_TRACE(threads);
        std::atomic<bool> stop{false};
        double last = 0;
        int reportsAfterStop = 0;
        const JobControl control(&stop, [&](double f, const std::string&) {
            if (stop) ++reportsAfterStop;
            last = f;
            if (f > 0) stop = true;  // Cancel pressed at the first sign of progress
        });
        EXPECT_THROW(threads > 0 ? computeMeanDensity(ds, {}, threads, control)
                                 : computeMeanDensityDecoded(ds, {}, control),
                     JobCancelled);
        EXPECT_LT(last, 0.05);  // stopped after a few dozen maps at most, of 1,200
        EXPECT_LE(reportsAfterStop, 6);
    }
}

TEST(MeanDensity, ClearErrorsForSubsetsWithoutMaps) {
    const test::KnownMaps k = test::writeKnownMaps(test::tempDir(), 10, 3, 14);
    const DriftDataset ds = DriftDataset::open(k.path);
    const auto message = [&](const MeanSubset& subset) {
        try {
            computeMeanDensity(ds, subset, 1);
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(message({{}, 4}).find("day 4 is not an output day"), std::string::npos);
    EXPECT_NE(message({{}, 4}).find("(days 0..3)"), std::string::npos);
    EXPECT_NE(message({{}, -1}).find("day -1"), std::string::npos);
    EXPECT_NE(message({Split::Validation, {}}).find("has no val releases"), std::string::npos);
    EXPECT_THROW(parseSplitFilter("validation"), std::invalid_argument);
    EXPECT_EQ(parseSplitFilter("val"), Split::Validation);
    EXPECT_EQ(parseSplitFilter("all"), std::nullopt);
}

TEST(MeanDensity, ADamagedTileIsReportedWithItsPlace) {
    const test::KnownMaps k = test::writeKnownMaps(test::tempDir(), 10, 3, 15);
    std::vector<RawTile> tiles;
    {
        const DriftDataset ds = DriftDataset::open(k.path);
        ds.scanRawTiles(selectMaps(ds, {}), 100, 100, [&](RawTileBatch& b) {
            tiles.insert(tiles.end(), b.tiles.begin(), b.tiles.end());
        });
    }
    ASSERT_GT(tiles.size(), 10u);
    const RawTile victim = tiles[tiles.size() / 2];
    {
        std::fstream f(k.path, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(static_cast<std::streamoff>(victim.fileOffset + 2));
        const std::string junk(victim.size - 2, '\x55');
        f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    const DriftDataset ds = DriftDataset::open(k.path);
    try {
        computeMeanDensity(ds, {}, 2);
        ADD_FAILURE() << "no error for a damaged tile";
    } catch (const DatasetError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(k.path), std::string::npos) << what;
        EXPECT_NE(what.find("release " + std::to_string(victim.release) + ", day " +
                            std::to_string(victim.day)),
                  std::string::npos)
            << what;
        EXPECT_NE(what.find("is damaged"), std::string::npos) << what;
    }
}
