#include "drift/Release.h"

namespace driftlab {

const char* splitName(Split s) {
    switch (s) {
        case Split::Train:
            return "train";
        case Split::Validation:
            return "val";
        case Split::Test:
            return "test";
    }
    return "?";
}

}  // namespace driftlab
