// Opening a dataset from arbitrary bytes, as the explorer and every command do (with the child
// process that checks the metadata first, docs/testing.md), then reading what `info` and the map
// read: its attributes, a current field and a density map. A refusal is fine; a crash is not.
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "FuzzSupport.h"
#include "data/DriftDataset.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = driftlab::fuzz::asFile(data, size, "data.h5");
    try {
        const driftlab::DriftDataset d = driftlab::DriftDataset::open(path);
        d.attributes();
        std::vector<float> u, v, map;
        d.readCurrentField(0, u, v);
        if (d.releaseCount() > 0) d.readDensity(0, 0, map);
    } catch (const std::exception&) {
    }
    return 0;
}
