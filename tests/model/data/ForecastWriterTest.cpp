#include <gtest/gtest.h>

#include <filesystem>

#include "data/DatasetError.h"
#include "data/DriftDataset.h"
#include "data/ForecastWriter.h"
#include "jobs/DatasetGenerator.h"
#include "model/TestSupport.h"
#include "support/TinyDataset.h"

using namespace driftlab;
namespace fs = std::filesystem;

namespace {

std::string smallDataset(const fs::path& dir) {
    const GeneratorConfig c = test::tinyConfig(
        {.currentDays = 8, .releases = 3, .particles = 100, .outputDays = 2, .threads = 1});
    const std::string p = (dir / "small.h5").string();
    generateDataset(c, p, "forecast writer tests");
    return p;
}

ForecastRecord recordOf(const DriftDataset& ds, int release, bool withPrediction) {
    ForecastRecord r;
    r.spec = ds.releases()[static_cast<std::size_t>(release)].spec;
    r.sourceRelease = release;
    r.simulated.resize(static_cast<std::size_t>(ds.outputDays()) + 1);
    for (int d = 0; d <= ds.outputDays(); ++d)
        ds.readDensity(release, d, r.simulated[static_cast<std::size_t>(d)]);
    if (withPrediction) r.predicted = r.simulated;
    return r;
}

std::size_t filesIn(const fs::path& dir) {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), {}));
}

}  // namespace

TEST(ForecastWriter, WritesAFileOnlyOnFinish) {
    const auto dir = test::tempDir();
    const auto ds = DriftDataset::open(smallDataset(dir));
    const std::string out = (dir / "forecast.h5").string();
    {
        ForecastWriter w(out, ds, ds.outputDays(), "rollout", "test model");
        EXPECT_TRUE(w.hasModel());
        w.add(recordOf(ds, 0, true));
        w.add(recordOf(ds, 2, true));
        EXPECT_EQ(w.records(), 2);
        EXPECT_FALSE(fs::exists(out));
        w.finish();
    }
    EXPECT_TRUE(fs::exists(out));
    EXPECT_EQ(filesIn(dir), 2u);  // the dataset and the forecast, no temporary left
    // A forecast is not a dataset, and says so.
    try {
        DriftDataset::open(out);
        FAIL();
    } catch (const DatasetError& e) {
        EXPECT_NE(std::string(e.what()).find("forecast file"), std::string::npos) << e.what();
    }
}

TEST(ForecastWriter, AWriterDestroyedBeforeFinishLeavesNothing) {
    const auto dir = test::tempDir();
    const auto ds = DriftDataset::open(smallDataset(dir));
    const std::string out = (dir / "cancelled.h5").string();
    {
        ForecastWriter w(out, ds, ds.outputDays(), "release", "");
        w.add(recordOf(ds, 1, false));
    }
    EXPECT_FALSE(fs::exists(out));
    EXPECT_EQ(filesIn(dir), 1u);
}

TEST(ForecastWriter, RefusesRecordsThatDoNotFit) {
    const auto dir = test::tempDir();
    const auto ds = DriftDataset::open(smallDataset(dir));
    const std::string out = (dir / "bad.h5").string();
    EXPECT_THROW(ForecastWriter(out, ds, ds.outputDays(), "sideways", ""), std::invalid_argument);
    EXPECT_THROW(ForecastWriter((dir / "no/such/folder/x.h5").string(), ds, 2, "rollout", ""),
                 std::runtime_error);
    ForecastWriter withModel(out, ds, ds.outputDays(), "one-step", "m");
    EXPECT_THROW(withModel.add(recordOf(ds, 0, false)), std::invalid_argument);  // no prediction
    ForecastRecord shortRecord = recordOf(ds, 0, true);
    shortRecord.simulated.pop_back();
    EXPECT_THROW(withModel.add(shortRecord), std::invalid_argument);
    ForecastRecord wrongGrid = recordOf(ds, 0, true);
    wrongGrid.predicted[1].resize(7);
    EXPECT_THROW(withModel.add(wrongGrid), std::invalid_argument);
    ForecastWriter noModel((dir / "b2.h5").string(), ds, ds.outputDays(), "release", "");
    EXPECT_FALSE(noModel.hasModel());
    EXPECT_THROW(noModel.add(recordOf(ds, 0, true)), std::invalid_argument);
    EXPECT_EQ(noModel.records(), 0);
    // The advected forecast: all records of a file have one, or none has.
    ForecastWriter advected((dir / "b3.h5").string(), ds, ds.outputDays(), "rollout", "m");
    ForecastRecord first = recordOf(ds, 0, true);
    first.advected = first.simulated;
    advected.add(first);
    EXPECT_THROW(advected.add(recordOf(ds, 1, true)), std::invalid_argument);
    ForecastRecord shortAdvected = recordOf(ds, 1, true);
    shortAdvected.advected = {shortAdvected.simulated[0]};
    EXPECT_THROW(advected.add(shortAdvected), std::invalid_argument);
    EXPECT_EQ(advected.records(), 1);
}
