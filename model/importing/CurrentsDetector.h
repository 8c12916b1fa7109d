#pragma once
// Finds the velocity, its coordinates, depth, time and land mask in a set of model-output
// files, in the order OpenDrift's generic reader and Parcels use: CF standard_name first, the
// usual names second, the user's --u / --v above both. Never assumes a dimension order: each
// variable's own dimensions are read. Throws InputError with a message that says what
// was found and what is missing.
#include <vector>

#include "importing/CurrentsLayout.h"
#include "importing/VelocityChoice.h"
#include "netcdf/NcFile.h"

namespace driftlab {

CurrentsLayout detectCurrents(const std::vector<nc::File>& files,
                              const CurrentsOverrides& overrides = {});

}  // namespace driftlab
