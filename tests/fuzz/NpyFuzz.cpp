// The .npy reader (mean maps, error maps) on arbitrary bytes: an array or a refusal.
#include <cstdint>
#include <stdexcept>

#include "FuzzSupport.h"
#include "stats/NpyWriter.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = driftlab::fuzz::asFile(data, size, "map.npy");
    try {
        const driftlab::NpyArray a = driftlab::readNpy(path);
        if (a.values.size() != static_cast<std::size_t>(a.ny) * static_cast<std::size_t>(a.nx))
            __builtin_trap();  // the reader's own promise
    } catch (const std::exception&) {
    }
    return 0;
}
