#pragma once
// The land mask of imported currents: a model's mask at the cell centres (tmask, mask_rho, lsm,
// a sea / land binary mask, with what 1 means read from its names and attributes), and the
// masks of a C-grid's u and v points (umask, mask_u, ...).
#include <string>
#include <vector>

#include "importing/CurrentsLayout.h"
#include "netcdf/NcFile.h"

namespace driftlab {

// Sets the layout's centreMask, centres and maskFrom from the first mask found whose points are
// known; leaves them empty when there is none. Needs the components' points and `staggered`.
void findLandMask(const std::vector<nc::File>& files, CurrentsLayout& out);

// A component's own mask, the first of `names` of its points' shape (1 wet, 0 dry).
void findComponentMask(const std::vector<nc::File>& files, ComponentLayout& c,
                       const std::vector<std::string>& names);

}  // namespace driftlab
