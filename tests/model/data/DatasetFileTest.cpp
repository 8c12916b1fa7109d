#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "data/DatasetError.h"
#include "data/DatasetWriter.h"
#include "data/DriftDataset.h"
#include "model/TestSupport.h"

using namespace driftlab;

namespace {

const Grid kGrid = Grid::fromExtent(2.0, 4.0, 41.0, 42.0, 1.0 / 16.0);  // 32 x 16

struct Written {
    std::string path;
    CurrentFields fields;
    std::vector<ReleaseSpec> releases;
    std::vector<std::vector<std::vector<float>>> maps;  // release, day
};

Written writeSmall(const std::filesystem::path& dir) {
    Written w;
    w.path = (dir / "small.h5").string();
    w.fields = test::makeFields(kGrid, 6, [](int i, int j, int k, double& u, double& v) {
        u = 0.01 * i + k;
        v = -0.02 * j;
    });
    std::vector<std::uint8_t> ocean(kGrid.cellCount(), 1);
    ocean[5] = 0;
    w.fields.mask = OceanMask(kGrid, ocean);
    w.fields.startDay = 18628;
    for (int r = 0; r < 3; ++r) {
        ReleaseSpec s;
        s.day = r;
        s.lon = 2.5 + r * 0.3;
        s.lat = 41.5;
        s.radiusKm = 5;
        s.particles = 100;
        s.split = static_cast<Split>(r);
        w.releases.push_back(s);
    }
    DatasetWriter writer(w.path, w.fields, w.releases, 2,
                         {{"history", std::string("test")}, {"generator_seed", std::int64_t{7}}});
    writer.writeCurrents(2);
    for (int r = 0; r < 3; ++r) {
        EncodedRelease e;
        e.placed = 90 + r;
        std::vector<std::vector<float>> days;
        for (int d = 0; d < 3; ++d) {
            std::vector<float> map(kGrid.cellCount(), 0.0f);
            // A small blob that moves: one or two tiles of the 2 x 1 tiles are non-empty.
            for (int k = 0; k < 5; ++k)
                map[static_cast<std::size_t>(3 + d) * kGrid.nx + 10 + 4 * r + k] =
                    0.01f * (k + 1) + d;
            days.push_back(map);
            e.tiles.emplace_back();
            writer.codec().encode(map, e.tiles.back());
            e.mass.push_back(1.0f - 0.1f * d);
            e.beached.push_back(0.01f * d);
        }
        w.maps.push_back(days);
        writer.writeRelease(r, e);
    }
    writer.finish();
    return w;
}

}  // namespace

TEST(DatasetFile, RoundTripsEverything) {
    const Written w = writeSmall(test::tempDir());
    const DriftDataset ds = DriftDataset::open(w.path);
    EXPECT_EQ(ds.formatVersion(), 1);
    EXPECT_EQ(ds.grid().nx, kGrid.nx);
    EXPECT_EQ(ds.grid().ny, kGrid.ny);
    EXPECT_NEAR(ds.grid().lonMin, kGrid.lonMin, 1e-12);
    EXPECT_NEAR(ds.grid().dLat, kGrid.dLat, 1e-12);
    EXPECT_EQ(ds.mask().values(), w.fields.mask.values());
    EXPECT_EQ(ds.startDay(), 18628);
    EXPECT_EQ(ds.currentDays(), 6);
    EXPECT_EQ(ds.outputDays(), 2);
    EXPECT_EQ(ds.tileSize(), 16);
    const CurrentFields f = ds.readAllCurrents();
    EXPECT_EQ(f.u, w.fields.u);
    EXPECT_EQ(f.v, w.fields.v);
    ASSERT_EQ(ds.releaseCount(), 3);
    for (int r = 0; r < 3; ++r) {
        const ReleaseRecord& rec = ds.releases()[r];
        EXPECT_EQ(rec.spec.day, r);
        EXPECT_EQ(rec.date, 18628 + r);
        EXPECT_DOUBLE_EQ(rec.spec.lon, w.releases[r].lon);
        EXPECT_EQ(rec.placed, 90 + r);
        EXPECT_EQ(rec.spec.split, static_cast<Split>(r));
        for (int d = 0; d < 3; ++d) {
            std::vector<float> map;
            ds.readDensity(r, d, map);
            EXPECT_EQ(map, w.maps[r][d]) << r << "," << d;
        }
    }
    EXPECT_EQ(ds.releasesInSplit(Split::Test), std::vector<int>{2});
    EXPECT_FLOAT_EQ(ds.mass()[1], 0.9f);
    EXPECT_FLOAT_EQ(ds.beached()[2], 0.02f);
    bool sawSeed = false;
    for (const auto& [name, value] : ds.attributes())
        sawSeed |= name == "generator_seed" && value == "7";
    EXPECT_TRUE(sawSeed);
}

TEST(DatasetFile, WritesOnlyTheTilesThatHoldMass) {
    const Written w = writeSmall(test::tempDir());
    const DriftDataset ds = DriftDataset::open(w.path);
    // Release 0 (cells 10..14) sits in tile column 0, release 1 (14..18) straddles 0 and 1,
    // release 2 (18..22) sits in column 1.
    EXPECT_EQ(ds.storedTiles(0, 0), (std::vector<std::pair<int, int>>{{0, 0}}));
    EXPECT_EQ(ds.storedTiles(2, 1), (std::vector<std::pair<int, int>>{{1, 0}}));
    EXPECT_EQ(ds.storedTileCount(), 12u);  // 1 + 2 + 1 tiles on each of 3 days
    EXPECT_EQ(ds.possibleTileCount(), 18u);
}

TEST(DatasetFile, TileCodecRoundTrips) {
    const TileCodec codec(kGrid, 16, 4);
    std::vector<float> map(kGrid.cellCount(), 0.0f);
    map[20] = 1.5f;
    std::vector<EncodedTile> tiles;
    codec.encode(map, tiles);
    ASSERT_EQ(tiles.size(), 1u);
    EXPECT_EQ(tiles[0].ti, 1);
    const std::vector<float> block = codec.decode(tiles[0]);
    EXPECT_EQ(block[4], 1.5f);
}

TEST(DatasetFile, ClearErrorsForFilesThatAreNotDatasets) {
    const auto dir = test::tempDir();
    const auto expectError = [](const std::string& path, const std::string& fragment) {
        try {
            DriftDataset::open(path);
            ADD_FAILURE() << "no error for " << path;
        } catch (const DatasetError& e) {
            EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
        }
    };
    expectError((dir / "missing.h5").string(), "no such file");
    expectError(dir.string(), "directory");
    const std::string text = (dir / "notes.h5").string();
    std::ofstream(text) << "just some text\n";
    expectError(text, "not an HDF5 file");
    const std::string empty = (dir / "empty.h5").string();
    std::ofstream(empty).close();
    expectError(empty, "not an HDF5 file");
}

TEST(DatasetFile, NaNInACurrentFieldIsAClearError) {
    const auto dir = test::tempDir();
    const std::string path = (dir / "nan.h5").string();
    CurrentFields f =
        test::makeFields(kGrid, 3, [](int, int, int, double& u, double& v) { u = v = 0.1; });
    f.uDay(1)[40] = std::nanf("");
    ReleaseSpec s;
    s.lon = 2.5;
    s.lat = 41.5;
    {
        DatasetWriter writer(path, f, {s}, 1, {});
        writer.writeCurrents(1);
        EncodedRelease e;
        e.tiles.resize(2);
        e.mass = {1.0f, 1.0f};
        e.beached = {0.0f, 0.0f};
        writer.writeRelease(0, e);
        writer.finish();
    }
    const DriftDataset ds = DriftDataset::open(path);
    std::vector<float> u, v;
    EXPECT_NO_THROW(ds.readCurrents(0, u, v));
    try {
        ds.readCurrents(1, u, v);
        ADD_FAILURE() << "no error";
    } catch (const DatasetError& e) {
        EXPECT_NE(std::string(e.what()).find("NaN"), std::string::npos) << e.what();
    }
}
