// The pickle rewriter for PyTorch weights (torch.save of an OrderedDict) on arbitrary bytes:
// a rewritten pickle or a refusal.
#include <cstdint>
#include <stdexcept>
#include <string>

#include "learn/OrderedDictPickle.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        driftlab::rewriteOrderedDictsAsDicts(
            std::string(reinterpret_cast<const char*>(data), size));
    } catch (const std::exception&) {
    }
    return 0;
}
