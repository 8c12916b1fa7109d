#pragma once
// The depth level imported currents are taken at: --depth-level, else the level nearest
// --depth metres, else the one nearest the surface.
#include "importing/CurrentsLayout.h"
#include "netcdf/NcFile.h"

namespace driftlab {

// Sets the layout's depthVar, depthLevel, depthValue and depthNote for component `c` (read in
// `f`). Throws InputError for a level out of range or --depth on an axis not in
// metres.
void chooseDepthLevel(const ComponentLayout& c, const nc::File& f, const CurrentsOverrides& ov,
                      CurrentsLayout& out);

}  // namespace driftlab
