#include "data/TileCodec.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "data/TileDecoder.h"

namespace driftlab {

std::vector<unsigned char> encodeChunk(const float* data, std::size_t n, int level) {
    // HDF5's shuffle filter: byte k of every element, for k = 0..3, one after another.
    std::vector<unsigned char> shuffled(n * sizeof(float));
    const auto* raw = reinterpret_cast<const unsigned char*>(data);
    for (std::size_t e = 0; e < n; ++e) {
        for (std::size_t b = 0; b < sizeof(float); ++b)
            shuffled[b * n + e] = raw[e * sizeof(float) + b];
    }
    uLongf size = compressBound(static_cast<uLong>(shuffled.size()));
    std::vector<unsigned char> out(size);
    if (compress2(out.data(), &size, shuffled.data(), static_cast<uLong>(shuffled.size()), level) !=
        Z_OK) {
        throw std::runtime_error("zlib compression failed");
    }
    out.resize(size);
    return out;
}

TileCodec::TileCodec(const Grid& grid, int tileSize, int level)
    : grid_(grid), tile_(tileSize), level_(level) {
    if (tile_ < 1) throw std::invalid_argument("tile size must be positive");
}

int TileCodec::defaultTileSize(const Grid& grid) {
    return std::min(grid.nx, grid.ny) <= 128 ? 16 : 32;
}

void TileCodec::encode(const std::vector<float>& map, std::vector<EncodedTile>& out) const {
    const std::size_t n = static_cast<std::size_t>(tile_) * tile_;
    std::vector<float> block(n);
    for (int tj = 0; tj < tilesY(); ++tj) {
        for (int ti = 0; ti < tilesX(); ++ti) {
            std::fill(block.begin(), block.end(), 0.0f);
            bool any = false;
            for (int r = 0; r < tile_; ++r) {
                const int j = tj * tile_ + r;
                if (j >= grid_.ny) break;
                for (int c = 0; c < tile_; ++c) {
                    const int i = ti * tile_ + c;
                    if (i >= grid_.nx) break;
                    const float v = map[static_cast<std::size_t>(j) * grid_.nx + i];
                    block[static_cast<std::size_t>(r) * tile_ + c] = v;
                    any |= v != 0.0f;
                }
            }
            if (!any) continue;
            EncodedTile t;
            t.ti = ti;
            t.tj = tj;
            t.bytes = encodeChunk(block.data(), n, level_);
            out.push_back(std::move(t));
        }
    }
}

std::vector<float> TileCodec::decode(const EncodedTile& tile) const {
    std::vector<float> block(static_cast<std::size_t>(tile_) * tile_);
    TileDecoder(tile_).decode(tile.bytes.data(), tile.bytes.size(), 0, block.data());
    return block;
}

}  // namespace driftlab
