#pragma once
// Private to widgets/: VTK types stay out of the public headers.
#include <vtkLookupTable.h>
#include <vtkSmartPointer.h>

#include "ColorMap.h"

namespace driftlab {

// A VTK lookup table with the colour map's entries over [lo, hi], linear or log10 scale.
vtkSmartPointer<vtkLookupTable> makeLookupTable(const ColorMap& map, double lo, double hi,
                                                bool logScale);

}  // namespace driftlab
