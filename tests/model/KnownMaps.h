#pragma once
// A dataset with known density maps, for the mean-density tests: a 40 x 20 grid whose tiles of
// 16 do not fit it (the last tile column is 8 cells wide, the last tile row 4 high), random
// values in random tiles (edge tiles included, some maps empty), no validation release, and
// releases written last to first, so that the tiles are not in index order in the file.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "TestSupport.h"
#include "data/DatasetWriter.h"

namespace driftlab::test {

struct KnownMaps {
    std::string path;
    Grid grid;
    int outputDays = 0;
    std::vector<Split> splits;                          // per release
    std::vector<std::vector<std::vector<float>>> maps;  // release, day -> ny x nx

    // Mean over the releases of `split` (all if none) on `day` (all if negative), in long double.
    std::vector<long double> mean(const Split* split, int day) const {
        std::vector<long double> sum(grid.cellCount(), 0.0L);
        long double n = 0;
        for (std::size_t r = 0; r < maps.size(); ++r) {
            if (split && splits[r] != *split) continue;
            for (int d = 0; d <= outputDays; ++d) {
                if (day >= 0 && d != day) continue;
                for (std::size_t c = 0; c < sum.size(); ++c) sum[c] += maps[r][d][c];
                n += 1;
            }
        }
        for (auto& v : sum) v /= n;
        return sum;
    }
};

inline KnownMaps writeKnownMaps(const std::filesystem::path& dir, int releases, int outputDays,
                                std::uint64_t seed) {
    KnownMaps k;
    k.path = (dir / "known.h5").string();
    k.grid = Grid::fromExtent(2.0, 4.5, 41.0, 42.25, 1.0 / 16.0);  // 40 x 20
    k.outputDays = outputDays;
    const Grid& g = k.grid;
    const int days = outputDays + 3;
    const CurrentFields fields = makeFields(g, days, [](int, int, int, double& u, double& v) {
        u = 0.1;
        v = 0.0;
    });
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<ReleaseSpec> specs;
    for (int r = 0; r < releases; ++r) {
        ReleaseSpec s;
        s.day = r % 3;
        s.lon = 3.0;
        s.lat = 41.5;
        s.particles = 100;
        s.split = r % 5 == 3 ? Split::Test : Split::Train;
        specs.push_back(s);
        k.splits.push_back(s.split);
    }
    DatasetWriter writer(k.path, fields, specs, outputDays, {{"history", std::string("test")}});
    writer.writeCurrents(1);
    const int tile = writer.codec().tileSize();
    k.maps.resize(releases);
    for (int r = 0; r < releases; ++r) {
        for (int d = 0; d <= outputDays; ++d) {
            std::vector<float> map(g.cellCount(), 0.0f);
            if (unit(rng) > 0.1) {  // one map in ten stays empty
                for (int tj = 0; tj * tile < g.ny; ++tj) {
                    for (int ti = 0; ti * tile < g.nx; ++ti) {
                        if (unit(rng) > 0.4) continue;
                        for (int j = tj * tile; j < std::min(g.ny, (tj + 1) * tile); ++j) {
                            for (int i = ti * tile; i < std::min(g.nx, (ti + 1) * tile); ++i) {
                                if (unit(rng) < 0.5)
                                    map[static_cast<std::size_t>(j) * g.nx + i] =
                                        static_cast<float>(unit(rng) * 1e-2);
                            }
                        }
                    }
                }
            }
            k.maps[r].push_back(map);
        }
    }
    for (int r = releases - 1; r >= 0; --r) {
        EncodedRelease e;
        e.placed = 100;
        for (int d = 0; d <= outputDays; ++d) {
            double total = 0;
            for (float v : k.maps[r][d]) total += v;
            e.mass.push_back(static_cast<float>(total));
            e.beached.push_back(0.0f);
            e.tiles.emplace_back();
            writer.codec().encode(k.maps[r][d], e.tiles.back());
        }
        writer.writeRelease(r, e);
    }
    writer.finish();
    return k;
}

}  // namespace driftlab::test
