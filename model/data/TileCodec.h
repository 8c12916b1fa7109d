#pragma once
// Encodes the non-empty tiles of a density map exactly as HDF5's shuffle + deflate filter
// pipeline stores a chunk, so the writer can hand finished chunks to HDF5 (direct chunk write)
// and the compression runs in the worker threads. Empty tiles are not encoded: HDF5 returns
// the fill value (0) for chunks never written, and they take no space.
#include <cstdint>
#include <vector>

#include "ocean/Grid.h"

namespace driftlab {

struct EncodedTile {
    int ti = 0, tj = 0;                // tile column and row
    std::vector<unsigned char> bytes;  // shuffled, then zlib-deflated
};

// `n` floats as HDF5's shuffle (4-byte elements) + deflate filters store a chunk of them.
std::vector<unsigned char> encodeChunk(const float* data, std::size_t n, int level);

class TileCodec {
public:
    TileCodec(const Grid& grid, int tileSize, int level);
    int tileSize() const { return tile_; }
    int tilesX() const { return (grid_.nx + tile_ - 1) / tile_; }
    int tilesY() const { return (grid_.ny + tile_ - 1) / tile_; }
    // Appends the encoded non-empty tiles of `map` (ny x nx) to `out`.
    void encode(const std::vector<float>& map, std::vector<EncodedTile>& out) const;
    // Inverse of encode for one tile (tile x tile floats), for tests and checks.
    std::vector<float> decode(const EncodedTile& tile) const;

    // The tile side DriftLab uses for a grid: 16 up to 128 cells on the short side, else 32.
    static int defaultTileSize(const Grid& grid);

private:
    Grid grid_;
    int tile_;
    int level_;
};

}  // namespace driftlab
