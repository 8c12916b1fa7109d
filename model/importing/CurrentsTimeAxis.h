#pragma once
// The time axis of imported currents: each component's steps over all its files (CF units and
// calendars, CROCO's time since initialisation), then the steps u and v share, the median step
// and the gaps.
#include <vector>

#include "importing/CurrentsLayout.h"
#include "netcdf/NcFile.h"

namespace driftlab {

// One component's time steps over the files `fileIdx` holding it, sorted, one per distinct
// time. Sets the layout's timeVar / timeUnits / timeOrigin from the first file read and adds a
// note for repeated steps. Throws InputError for a missing, unreadable or decreasing
// time axis, or files whose grids differ.
void readTimeAxis(const std::vector<nc::File>& files, const CurrentsOverrides& ov,
                  ComponentLayout& c, const std::vector<int>& fileIdx, CurrentsLayout& out);

// Keeps the steps both u and v have, then measures the median step and notes the gaps.
void shareTimeSteps(CurrentsLayout& out);

}  // namespace driftlab
