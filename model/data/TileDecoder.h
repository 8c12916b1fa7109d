#pragma once
// Decodes stored density tiles (TileCodec's encoding: HDF5's shuffle, then deflate) into floats
// without allocating per tile: it keeps its inflater and scratch buffer between calls, so a
// worker thread decodes tens of thousands of tiles a second with one TileDecoder. Not
// thread-safe: one per thread.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace driftlab {

class TileDecoder {
public:
    explicit TileDecoder(int tileSize);
    ~TileDecoder();
    TileDecoder(const TileDecoder&) = delete;
    TileDecoder& operator=(const TileDecoder&) = delete;

    int tileSize() const { return tile_; }
    // Decodes one tile into tileSize x tileSize floats (row-major). `filterMask` is HDF5's: bit 0
    // set = the shuffle was skipped for this tile, bit 1 = the deflate was. Throws
    // std::runtime_error if the bytes do not decode to exactly one tile.
    void decode(const unsigned char* bytes, std::size_t size, std::uint32_t filterMask, float* out);

private:
    struct Inflater;
    int tile_;
    std::unique_ptr<Inflater> inflater_;
    std::vector<unsigned char> shuffled_;
};

}  // namespace driftlab
