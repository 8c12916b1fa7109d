#pragma once
// NumPy's .npy format for 2-D maps (format version 1.0, C order, little-endian floats), so that
// `numpy.load("mean.npy")` gives the array with shape (ny, nx) = (lat, lon), row 0 the
// southernmost latitude like the dataset's lat axis. Used for `driftlab mean --npy` and as the
// mean cache's payload.
#include <string>
#include <vector>

namespace driftlab {

enum class NpyType { Float32, Float64 };  // '<f4', '<f8'

struct NpyArray {
    int ny = 0, nx = 0;
    NpyType type = NpyType::Float64;
    std::vector<double> values;  // ny x nx, row-major
};

// Writes `values` (ny x nx, row-major) atomically: the file appears complete or not at all
// (AtomicFile). Float32 rounds each value to nearest. Throws std::runtime_error naming the file
// if it cannot be written, std::invalid_argument if the sizes do not match.
void writeNpy(const std::string& path, const std::vector<double>& values, int ny, int nx,
              NpyType type);

// Reads a 2-D C-order '<f4' or '<f8' .npy file (format 1.0 or 2.0). Throws std::runtime_error
// naming the file and what is wrong with it.
NpyArray readNpy(const std::string& path);

}  // namespace driftlab
