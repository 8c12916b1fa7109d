#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <iterator>

#include "data/DriftDataset.h"
#include "jobs/DatasetGenerator.h"
#include "model/TestSupport.h"
#include "support/TinyDataset.h"

using namespace driftlab;

namespace {

GeneratorConfig tiny(int threads) {
    return test::tinyConfig({.threads = threads, .khM2s = 2.0});  // 32 x 16
}

std::string bytesOf(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST(DatasetGenerator, SameSeedGivesTheSameFileOnOneOrTwoThreads) {
    const auto dir = test::tempDir();
    const std::string a = (dir / "a.h5").string(), b = (dir / "b.h5").string();
    const GenerationStats sa = generateDataset(tiny(1), a, "test");
    const GenerationStats sb = generateDataset(tiny(2), b, "test");
    EXPECT_EQ(sa.particleSteps, sb.particleSteps);
    EXPECT_GT(sa.particleSteps, 0u);
    const std::string ba = bytesOf(a), bb = bytesOf(b);
    ASSERT_GT(ba.size(), 1000u);
    EXPECT_TRUE(ba == bb) << "files differ between 1 and 2 threads";
    GeneratorConfig other = tiny(2);
    other.seed = 6;
    const std::string c = (dir / "c.h5").string();
    generateDataset(other, c, "test");
    EXPECT_FALSE(bytesOf(c) == ba);
}

TEST(DatasetGenerator, TheFileDescribesWhatWasAskedFor) {
    const auto dir = test::tempDir();
    const std::string path = (dir / "d.h5").string();
    const GeneratorConfig c = tiny(2);
    const GenerationStats s = generateDataset(c, path, "driftlab generate d.h5");
    const DriftDataset ds = DriftDataset::open(path);
    EXPECT_EQ(ds.releaseCount(), 24);
    EXPECT_EQ(ds.outputDays(), 4);
    EXPECT_EQ(ds.currentDays(), 20);
    EXPECT_EQ(ds.grid().nx, 32);
    EXPECT_EQ(static_cast<int>(ds.releasesInSplit(Split::Train).size()), 20);
    EXPECT_EQ(static_cast<int>(ds.releasesInSplit(Split::Validation).size()), 2);
    EXPECT_EQ(s.maps, 24 * 5);
    const auto mass = ds.mass();
    std::vector<float> map;
    for (int r = 0; r < ds.releaseCount(); ++r) {
        EXPECT_LE(ds.releases()[r].spec.day, 20 - 1 - 4);
        for (int d = 0; d <= 4; ++d) {
            ds.readDensity(r, d, map);
            double total = 0;
            for (float v : map) total += v;
            EXPECT_NEAR(total, mass[static_cast<std::size_t>(r) * 5 + d], 2e-5);
        }
    }
}

TEST(DatasetGenerator, CancelLeavesNoFileBehind) {
    const auto dir = test::tempDir();
    const std::string path = (dir / "cancelled.h5").string();
    std::atomic<bool> stop{false};
    GeneratorConfig c = tiny(2);
    c.releases.count = 400;
    const JobControl control(&stop, [&](double f, const std::string&) {
        if (f > 0.3) stop = true;
    });
    EXPECT_THROW(generateDataset(c, path, "test", control), JobCancelled);
    EXPECT_TRUE(std::filesystem::is_empty(dir)) << "left a file behind";
}

TEST(DatasetGenerator, RefusesAFolderThatDoesNotExist) {
    const auto dir = test::tempDir();
    try {
        generateDataset(tiny(1), (dir / "no" / "such" / "x.h5").string(), "test");
        ADD_FAILURE() << "no error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
    }
}
