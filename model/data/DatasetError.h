#pragma once
#include <stdexcept>

namespace driftlab {

// A file that cannot be used as a DriftLab dataset; what() says which file and why.
class DatasetError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace driftlab
