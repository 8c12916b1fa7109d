#pragma once
#include "core/InputError.h"

namespace driftlab {

// A file that cannot be used as a DriftLab dataset; what() says which file and why.
class DatasetError : public InputError {
public:
    using InputError::InputError;
};

}  // namespace driftlab
