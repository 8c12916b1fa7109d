// The weights sidecar (WEIGHTS.pt.json) on arbitrary bytes: its settings or a refusal.
#include <cstdint>
#include <stdexcept>

#include "FuzzSupport.h"
#include "learn/WeightsSidecar.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string json = driftlab::fuzz::asFile(data, size, "w.pt.json");
    try {
        driftlab::readWeightsSidecar(json.substr(0, json.size() - 5));
    } catch (const std::exception&) {
    }
    return 0;
}
