#pragma once
// Where a velocity component's values live: which of its dimensions are time, depth, y and x
// (read from the variable's own dimensions, never assumed), and the position of every point,
// found in the order OpenDrift's generic reader and Parcels use (the staggered grid's own
// coordinates, the `coordinates` attribute, CF coordinate variables, any lon / lat pair).
#include <vector>

#include "importing/CurrentsLayout.h"
#include "netcdf/NcFile.h"

namespace driftlab {

class ComponentLocator {
public:
    explicit ComponentLocator(const std::vector<nc::File>& files) : files_(files) {}

    // Time, depth and horizontal dimensions of a component, from its first file.
    static void classifyDims(ComponentLayout& c, const nc::File& f);
    // The component's points and where they came from; `letter` is 'u' or 'v'.
    void locate(ComponentLayout& c, int firstFile, char letter);

private:
    bool staggeredFromCentres(ComponentLayout& c, const nc::VarInfo& v, char letter);

    const std::vector<nc::File>& files_;
    bool staggeredUnusable_ = false;  // lon_u / glamu present but zero or degenerate
};

}  // namespace driftlab
