#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>

#include "model/KnownMaps.h"
#include "model/TestSupport.h"
#include "stats/MeanCache.h"

using namespace driftlab;
namespace fs = std::filesystem;

namespace {

// Every file in the folder, hidden ones (partial writes) included.
std::vector<std::string> filesIn(const fs::path& dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) names.push_back(e.path().filename());
    return names;
}

}  // namespace

TEST(MeanCache, AHitGivesTheSameValuesAsTheComputation) {
    const auto dir = test::tempDir();
    const test::KnownMaps k = test::writeKnownMaps(dir, 20, 3, 31);
    const DriftDataset ds = DriftDataset::open(k.path);
    const MeanCache cache(dir / "cache");
    EXPECT_FALSE(cache.find(ds, {}));
    const MeanResult computed = cache.getOrCompute(ds, {}, 2);
    EXPECT_FALSE(computed.fromCache);
    ASSERT_EQ(filesIn(dir / "cache").size(), 1u);
    EXPECT_TRUE(fs::exists(cache.entryPath(ds, {})));
    const MeanResult hit = cache.getOrCompute(ds, {}, 2);
    EXPECT_TRUE(hit.fromCache);
    EXPECT_TRUE(hit.mean == computed.mean);  // to the bit
    EXPECT_EQ(hit.maps, computed.maps);
    EXPECT_EQ(hit.nx, 40);
    // Another subset is another entry, with its own values.
    const MeanSubset train2{Split::Train, 2};
    EXPECT_FALSE(cache.find(ds, train2));
    const MeanResult sub = cache.getOrCompute(ds, train2, 1);
    EXPECT_FALSE(sub.mean == computed.mean);
    EXPECT_TRUE(cache.find(ds, train2)->mean == sub.mean);
    EXPECT_TRUE(cache.find(ds, {})->mean == computed.mean);
    EXPECT_EQ(filesIn(dir / "cache").size(), 2u);
}

TEST(MeanCache, AFileThatChangesMissesAndItsOldEntryGoes) {
    const auto dir = test::tempDir();
    test::KnownMaps k = test::writeKnownMaps(dir, 20, 3, 32);
    const MeanCache cache(dir / "cache");
    MeanResult first;
    {
        const DriftDataset ds = DriftDataset::open(k.path);
        first = cache.getOrCompute(ds, {}, 2);
        ASSERT_TRUE(cache.find(ds, {}));
        // Touched while open: the open dataset is no longer the file on disk.
        fs::last_write_time(k.path, fs::last_write_time(k.path) + std::chrono::seconds(2));
        EXPECT_FALSE(cache.find(ds, {}));
    }
    {
        const DriftDataset ds = DriftDataset::open(k.path);  // reopened after the touch
        EXPECT_FALSE(cache.find(ds, {}));
        const MeanResult again = cache.getOrCompute(ds, {}, 2);
        EXPECT_FALSE(again.fromCache);
        EXPECT_TRUE(again.mean == first.mean);         // same content, computed again
        EXPECT_EQ(filesIn(dir / "cache").size(), 1u);  // the stale entry was replaced
    }
    k = test::writeKnownMaps(dir, 20, 3, 33);  // rewritten with other maps
    const DriftDataset ds = DriftDataset::open(k.path);
    EXPECT_FALSE(cache.find(ds, {}));
    const MeanResult other = cache.getOrCompute(ds, {}, 2);
    EXPECT_FALSE(other.fromCache);
    EXPECT_FALSE(other.mean == first.mean);
    EXPECT_TRUE(cache.getOrCompute(ds, {}, 2).fromCache);
    EXPECT_EQ(filesIn(dir / "cache").size(), 1u);
}

TEST(MeanCache, ACancelledComputationLeavesNoEntry) {
    const auto dir = test::tempDir();
    const test::KnownMaps k = test::writeKnownMaps(dir, 200, 3, 34);
    const DriftDataset ds = DriftDataset::open(k.path);
    const MeanCache cache(dir / "cache");
    fs::create_directories(dir / "cache");
    std::atomic<bool> stop{false};
    const JobControl control(&stop, [&](double f, const std::string&) { stop = f > 0; });
    EXPECT_THROW(cache.getOrCompute(ds, {}, 2, control), JobCancelled);
    EXPECT_TRUE(filesIn(dir / "cache").empty());
    EXPECT_FALSE(cache.find(ds, {}));
}

TEST(MeanCache, AFolderThatCannotBeWrittenOnlyCostsTheSpeedUp) {
    const auto dir = test::tempDir();
    const test::KnownMaps k = test::writeKnownMaps(dir, 10, 3, 35);
    const DriftDataset ds = DriftDataset::open(k.path);
    std::ofstream(dir / "afile") << "not a folder";
    const MeanCache cache(dir / "afile" / "cache");
    std::string warning;
    const MeanResult r = cache.getOrCompute(ds, {}, 1, {}, &warning);
    EXPECT_EQ(r.maps, 40u);
    EXPECT_NE(warning.find("cannot create the cache folder"), std::string::npos) << warning;
    EXPECT_THROW(cache.store(ds, {}, r), std::runtime_error);
}

TEST(MeanCache, ADamagedEntryIsAMissAndIsReplaced) {
    const auto dir = test::tempDir();
    const test::KnownMaps k = test::writeKnownMaps(dir, 10, 3, 36);
    const DriftDataset ds = DriftDataset::open(k.path);
    const MeanCache cache(dir / "cache");
    const MeanResult computed = cache.getOrCompute(ds, {}, 1);
    std::ofstream(cache.entryPath(ds, {}), std::ios::binary | std::ios::trunc) << "junk";
    EXPECT_FALSE(cache.find(ds, {}));
    EXPECT_FALSE(cache.getOrCompute(ds, {}, 1).fromCache);
    EXPECT_TRUE(cache.find(ds, {})->mean == computed.mean);
}

TEST(MeanCache, DefaultFolderFollowsXdg) {
    const char* old = std::getenv("XDG_CACHE_HOME");
    const std::string saved = old ? old : "";
    ::setenv("XDG_CACHE_HOME", "/some/cache", 1);
    EXPECT_EQ(MeanCache::defaultFolder(), fs::path("/some/cache/driftlab"));
    ::setenv("XDG_CACHE_HOME", "", 1);  // empty: ignored, as the XDG spec says
    EXPECT_EQ(MeanCache::defaultFolder().filename(), "driftlab");
    EXPECT_EQ(MeanCache::defaultFolder().parent_path().filename(), ".cache");
    if (old) {
        ::setenv("XDG_CACHE_HOME", saved.c_str(), 1);
    } else {
        ::unsetenv("XDG_CACHE_HOME");
    }
}
