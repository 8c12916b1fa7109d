#include "ImageDataExport.h"

#include <vtkFloatArray.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkXMLImageDataWriter.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

#include "data/AtomicFile.h"
#include "ocean/FieldDiagnostics.h"

namespace driftlab {

std::vector<NamedArray> currentFieldArrays(const Grid& grid, const std::vector<std::uint8_t>& ocean,
                                           const std::vector<float>& u,
                                           const std::vector<float>& v) {
    const std::size_t cells = grid.cellCount();
    if (ocean.size() != cells || u.size() != cells || v.size() != cells)
        throw std::invalid_argument("current fields do not match the grid");
    const float nan = std::numeric_limits<float>::quiet_NaN();
    // Land shows as NaN (blank in ParaView), as the map leaves it uncoloured.
    auto onOcean = [&](std::vector<float> values) {
        for (std::size_t c = 0; c < cells; ++c)
            if (!ocean[c]) values[c] = nan;
        return values;
    };
    const std::vector<double> vorticity = relativeVorticity(grid, u.data(), v.data());
    std::vector<float> zeta(cells), mask(cells);
    for (std::size_t c = 0; c < cells; ++c) {
        zeta[c] = static_cast<float>(vorticity[c]);
        mask[c] = ocean[c] ? 1.0f : 0.0f;
    }
    std::vector<NamedArray> out;
    out.push_back({"u", onOcean(u)});
    out.push_back({"v", onOcean(v)});
    out.push_back({"speed", onOcean(speed(grid, u.data(), v.data()))});
    out.push_back({"vorticity", onOcean(std::move(zeta))});
    out.push_back({"ocean_mask", std::move(mask)});
    return out;
}

void writeImageData(const std::string& path, const Grid& grid,
                    const std::vector<NamedArray>& arrays) {
    const std::size_t cells = grid.cellCount();
    std::set<std::string> names;
    for (const NamedArray& a : arrays) {
        if (a.values.size() != cells)
            throw std::invalid_argument("array '" + a.name + "' does not match the grid");
        if (a.name.empty() || !names.insert(a.name).second)
            throw std::invalid_argument("array names must be unique and not empty ('" + a.name +
                                        "')");
    }
    vtkNew<vtkImageData> image;
    image->SetDimensions(grid.nx, grid.ny, 1);
    image->SetOrigin(grid.lon(0), grid.lat(0), 0.0);  // points are cell centres
    image->SetSpacing(grid.dLon, grid.dLat, 1.0);
    for (const NamedArray& a : arrays) {
        vtkNew<vtkFloatArray> values;
        values->SetName(a.name.c_str());
        values->SetNumberOfComponents(1);
        values->SetNumberOfTuples(static_cast<vtkIdType>(cells));
        // VTK's point order (x fastest, then y) is the dataset's row-major, row 0 south.
        std::copy(a.values.begin(), a.values.end(), values->GetPointer(0));
        image->GetPointData()->AddArray(values);
    }
    AtomicFile file(path);
    vtkNew<vtkXMLImageDataWriter> writer;
    writer->SetInputData(image);
    // Into memory, then to the file: VTK's file writer reports success on a full disk and
    // leaves a truncated file; AtomicFile reports the failed write (one sample: a few MB).
    writer->WriteToOutputStringOn();
    writer->SetDataModeToAppended();
    writer->EncodeAppendedDataOff();  // raw binary, not base64
    writer->SetCompressorTypeToZLib();
    if (writer->Write() != 1) throw std::runtime_error("cannot write " + path);
    const std::string& bytes = writer->GetOutputString();
    file.append(bytes.data(), bytes.size());
    file.commit();
}

}  // namespace driftlab
