#pragma once
// A sample's fields as a VTK image (.vti: XML image data, binary appended, zlib), for ParaView
// and Python's vtk: one point per grid cell centre, origin and spacing in degrees (x = lon,
// y = lat, z = 0). No VTK in this header: the explorer and `driftlab export-vti` both call it.
#include <cstdint>
#include <string>
#include <vector>

#include "ocean/Grid.h"

namespace driftlab {

struct NamedArray {
    std::string name;
    std::vector<float> values;  // ny x nx, row 0 south (the dataset's layout)
};

// The current fields as the map shows them, NaN on land: u, v (m/s), speed (m/s), vorticity
// (relative vorticity, 1/s), and ocean_mask (1 ocean, 0 land).
std::vector<NamedArray> currentFieldArrays(const Grid& grid, const std::vector<std::uint8_t>& ocean,
                                           const std::vector<float>& u,
                                           const std::vector<float>& v);

// Writes the arrays as point data of a vtkImageData of nx x ny x 1 points, atomically (temporary
// name, then rename). Throws std::invalid_argument if an array does not fit the grid or two
// share a name, std::runtime_error (with the path) if the file cannot be written.
void writeImageData(const std::string& path, const Grid& grid,
                    const std::vector<NamedArray>& arrays);

}  // namespace driftlab
