// TileDecoder on arbitrary bytes: the first byte is HDF5's filter mask (bit 0: no shuffle, bit 1:
// no deflate), the rest a stored tile. It must decode exactly one 16 x 16 tile or throw.
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "data/TileDecoder.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    static driftlab::TileDecoder decoder(16);
    std::vector<float> out(16 * 16);
    try {
        decoder.decode(data + 1, size - 1, data[0] & 3u, out.data());
    } catch (const std::runtime_error&) {
    }
    return 0;
}
