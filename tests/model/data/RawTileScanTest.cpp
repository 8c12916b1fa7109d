#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "data/DriftDataset.h"
#include "data/TileCodec.h"
#include "data/TileDecoder.h"
#include "model/KnownMaps.h"
#include "model/TestSupport.h"

using namespace driftlab;

namespace {

using TileKey = std::tuple<int, int, int, int>;  // release, day, tile column, tile row

std::vector<RawTileBatch> scan(const DriftDataset& ds, const MapSelection& maps,
                               std::size_t maxTiles, std::size_t maxMaps) {
    std::vector<RawTileBatch> batches;
    ds.scanRawTiles(maps, maxTiles, maxMaps, [&](RawTileBatch& b) { batches.push_back(b); });
    return batches;
}

}  // namespace

TEST(RawTileScan, FindsExactlyTheStoredTilesOfTheSelectedMaps) {
    const test::KnownMaps k = test::writeKnownMaps(test::tempDir(), 200, 3, 21);
    const DriftDataset ds = DriftDataset::open(k.path);
    ASSERT_TRUE(ds.rawTilesReadable());
    ASSERT_GT(ds.storedTileCount(), 500u);  // several levels of index nodes
    std::vector<int> someReleases{0, 5, 17};
    for (int r = 100; r <= 120; ++r) someReleases.push_back(r);
    someReleases.push_back(199);
    std::vector<int> everyRelease(200), everyDay{0, 1, 2, 3};
    for (int r = 0; r < 200; ++r) everyRelease[r] = r;
    int oneMap = 57;  // a single map in the middle of the file, with tiles
    while (ds.storedTiles(oneMap, 0).empty()) ++oneMap;
    const int tile = ds.tileSize();
    TileDecoder decoder(tile);
    std::vector<float> block(static_cast<std::size_t>(tile) * tile);
    for (const MapSelection& maps :
         {MapSelection{everyRelease, everyDay}, MapSelection{someReleases, {1, 3}},
          MapSelection{{oneMap}, {0}}, MapSelection{{199}, everyDay}}) {
        std::vector<TileKey> want, got;
        for (int r : maps.releases) {
            for (int d : maps.days) {
                for (const auto& [ti, tj] : ds.storedTiles(r, d)) want.emplace_back(r, d, ti, tj);
            }
        }
        for (const RawTileBatch& b : scan(ds, maps, 64, 8)) {
            for (const RawTile& t : b.tiles) {
                got.emplace_back(t.release, t.day, t.ti, t.tj);
                ASSERT_LE(t.offset + t.size, b.bytes.size());
                decoder.decode(b.bytes.data() + t.offset, t.size, t.filterMask, block.data());
                const auto& map = k.maps[t.release][t.day];
                for (int r = 0; r < tile; ++r) {
                    for (int c = 0; c < tile; ++c) {
                        const int j = t.tj * tile + r, i = t.ti * tile + c;
                        const float expected =
                            j < k.grid.ny && i < k.grid.nx
                                ? map[static_cast<std::size_t>(j) * k.grid.nx + i]
                                : 0.0f;  // outside the grid: the tile's padding
                        ASSERT_EQ(block[static_cast<std::size_t>(r) * tile + c], expected);
                    }
                }
            }
        }
        EXPECT_EQ(got, want) << maps.releases.size() << " releases x " << maps.days.size()
                             << " days";
        EXPECT_FALSE(want.empty());
    }
}

TEST(RawTileScan, BatchesEndOnMapBoundaries) {
    const test::KnownMaps k = test::writeKnownMaps(test::tempDir(), 60, 3, 22);
    const DriftDataset ds = DriftDataset::open(k.path);
    std::vector<int> releases(60);
    for (int r = 0; r < 60; ++r) releases[r] = r;
    const MapSelection maps{releases, {0, 1, 2, 3}};
    const auto batches = scan(ds, maps, 5, 3);
    ASSERT_GT(batches.size(), 10u);
    std::set<std::pair<int, int>> seen;
    std::size_t lastDone = 0;
    for (const RawTileBatch& b : batches) {
        std::set<std::pair<int, int>> inBatch;
        for (const RawTile& t : b.tiles) {
            if (inBatch.insert({t.release, t.day}).second) {
                EXPECT_TRUE(seen.insert({t.release, t.day}).second) << "a map split across batches";
            }
            EXPECT_GE(b.mapsDone, static_cast<std::size_t>(t.release * 4 + t.day + 1));
        }
        EXPECT_LE(inBatch.size(), 3u);
        EXPECT_GT(b.mapsDone, lastDone);
        lastDone = b.mapsDone;
    }
    EXPECT_EQ(lastDone, maps.mapCount());
}

TEST(RawTileScan, RefusesSelectionsOutOfOrderOrRange) {
    const test::KnownMaps k = test::writeKnownMaps(test::tempDir(), 5, 3, 23);
    const DriftDataset ds = DriftDataset::open(k.path);
    const auto none = [](RawTileBatch&) {};
    EXPECT_THROW(ds.scanRawTiles({{2, 1}, {0}}, 8, 8, none), std::invalid_argument);
    EXPECT_THROW(ds.scanRawTiles({{5}, {0}}, 8, 8, none), std::invalid_argument);
    EXPECT_THROW(ds.scanRawTiles({{0}, {4}}, 8, 8, none), std::invalid_argument);
}

TEST(TileDecoder, DecodesWhatTheCodecEncodesWhicheverFiltersWereSkipped) {
    const int tile = 16;
    const std::size_t n = tile * tile;
    std::vector<float> values(n, 0.0f);
    for (std::size_t e = 0; e < n; e += 3) values[e] = 0.001f * static_cast<float>(e) + 1e-7f;
    std::vector<float> out(n);
    TileDecoder decoder(tile);
    const std::vector<unsigned char> stored = encodeChunk(values.data(), n, 4);
    decoder.decode(stored.data(), stored.size(), 0, out.data());
    EXPECT_EQ(out, values);
    // Deflate skipped (filter mask bit 1): the shuffled bytes as they are.
    std::vector<unsigned char> shuffled(n * 4);
    const auto* raw = reinterpret_cast<const unsigned char*>(values.data());
    for (std::size_t e = 0; e < n; ++e)
        for (std::size_t b = 0; b < 4; ++b) shuffled[b * n + e] = raw[e * 4 + b];
    decoder.decode(shuffled.data(), shuffled.size(), 2u, out.data());
    EXPECT_EQ(out, values);
    // Both skipped: the plain little-endian floats.
    decoder.decode(raw, n * 4, 3u, out.data());
    EXPECT_EQ(out, values);
    // Garbage, a truncated stream, a stream of the wrong size.
    const std::vector<unsigned char> junk(100, 0x55);
    EXPECT_THROW(decoder.decode(junk.data(), junk.size(), 0, out.data()), std::runtime_error);
    EXPECT_THROW(decoder.decode(stored.data(), stored.size() / 2, 0, out.data()),
                 std::runtime_error);
    const std::vector<unsigned char> small = encodeChunk(values.data(), n / 2, 4);
    EXPECT_THROW(decoder.decode(small.data(), small.size(), 0, out.data()), std::runtime_error);
    EXPECT_THROW(decoder.decode(shuffled.data(), 10, 2u, out.data()), std::runtime_error);
}

TEST(RawTileScan, EveryMapAloneEvenWhereItsTilesStraddleIndexNodes) {
    const test::KnownMaps k = test::writeKnownMaps(test::tempDir(), 200, 3, 24);
    const DriftDataset ds = DriftDataset::open(k.path);
    for (int r = 0; r < 200; ++r) {
        for (int d = 0; d <= 3; ++d) {
            std::vector<TileKey> want, got;
            for (const auto& [ti, tj] : ds.storedTiles(r, d)) want.emplace_back(r, d, ti, tj);
            for (const RawTileBatch& b : scan(ds, {{r}, {d}}, 64, 8))
                for (const RawTile& t : b.tiles) got.emplace_back(t.release, t.day, t.ti, t.tj);
            ASSERT_EQ(got, want) << "release " << r << ", day " << d;
        }
    }
}
