#include "data/TileDecoder.h"

#include <libdeflate.h>

#include <cstring>
#include <new>
#include <stdexcept>

namespace driftlab {

// libdeflate rather than zlib: the tiles are short streams with long runs of zeros, which
// libdeflate inflates about twice as fast (docs/performance.md).
struct TileDecoder::Inflater {
    libdeflate_decompressor* d = libdeflate_alloc_decompressor();
    Inflater() {
        if (!d) throw std::bad_alloc();
    }
    ~Inflater() { libdeflate_free_decompressor(d); }
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;
};

TileDecoder::TileDecoder(int tileSize)
    : tile_(tileSize),
      inflater_(std::make_unique<Inflater>()),
      shuffled_(static_cast<std::size_t>(tileSize) * tileSize * sizeof(float)) {
    if (tileSize < 1) throw std::invalid_argument("tile size must be positive");
}

TileDecoder::~TileDecoder() = default;

void TileDecoder::decode(const unsigned char* bytes, std::size_t size, std::uint32_t filterMask,
                         float* out) {
    const std::size_t n = static_cast<std::size_t>(tile_) * tile_;
    const std::size_t raw = n * sizeof(float);
    const unsigned char* data = bytes;
    if ((filterMask & 2u) == 0) {
        std::size_t got = 0;
        if (libdeflate_zlib_decompress(inflater_->d, bytes, size, shuffled_.data(), raw, &got) !=
                LIBDEFLATE_SUCCESS ||
            got != raw) {
            throw std::runtime_error("tile does not inflate to " + std::to_string(raw) + " bytes");
        }
        data = shuffled_.data();
    } else if (size != raw) {
        throw std::runtime_error("unfiltered tile of " + std::to_string(size) +
                                 " bytes, expected " + std::to_string(raw));
    }
    // The file's floats are little-endian; the shuffle stores byte k of every element in plane k.
    if ((filterMask & 1u) == 0) {
        for (std::size_t e = 0; e < n; ++e) {
            const std::uint32_t bits = static_cast<std::uint32_t>(data[e]) |
                                       static_cast<std::uint32_t>(data[n + e]) << 8 |
                                       static_cast<std::uint32_t>(data[2 * n + e]) << 16 |
                                       static_cast<std::uint32_t>(data[3 * n + e]) << 24;
            std::memcpy(&out[e], &bits, sizeof bits);
        }
    } else {
        for (std::size_t e = 0; e < n; ++e) {
            const std::uint32_t bits = static_cast<std::uint32_t>(data[4 * e]) |
                                       static_cast<std::uint32_t>(data[4 * e + 1]) << 8 |
                                       static_cast<std::uint32_t>(data[4 * e + 2]) << 16 |
                                       static_cast<std::uint32_t>(data[4 * e + 3]) << 24;
            std::memcpy(&out[e], &bits, sizeof bits);
        }
    }
}

}  // namespace driftlab
