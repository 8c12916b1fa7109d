#pragma once
// The versions of the file libraries DriftLab was built with, for `driftlab --version`: the
// callers above model/data need not include their C headers.
#include <string>

namespace driftlab {

// HDF5's version as "major.minor.release".
std::string hdf5LibraryVersion();

}  // namespace driftlab
