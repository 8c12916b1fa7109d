#include "VtkLookupTable.h"

namespace driftlab {

vtkSmartPointer<vtkLookupTable> makeLookupTable(const ColorMap& map, double lo, double hi,
                                                bool logScale) {
    auto lut = vtkSmartPointer<vtkLookupTable>::New();
    lut->SetNumberOfTableValues(map.size());
    lut->SetScaleToLinear();
    if (logScale) lut->SetScaleToLog10();
    lut->SetTableRange(lo, hi);
    for (int k = 0; k < map.size(); ++k) {
        const auto& c = map.table()[static_cast<std::size_t>(k)];
        lut->SetTableValue(k, c[0], c[1], c[2], 1.0);
    }
    lut->SetNanColor(0.85, 0.85, 0.85, 1.0);
    lut->Build();
    return lut;
}

}  // namespace driftlab
