#pragma once
// Which pair of variables holds the velocity a surface drift needs, and in which direction its
// components point. A 3-D or surface velocity comes before a depth-averaged (barotropic) one
// (ROMS writes u/v beside ubar/vbar; MET Norway's files name both by standard_name), and a
// component is grid-relative when its standard name says x/y, whichever way it was chosen.
#include <optional>
#include <string>
#include <vector>

#include "importing/CurrentsLayout.h"
#include "netcdf/NcFile.h"

namespace driftlab {

struct VelocityChoice {
    std::string u, v;              // variable names
    std::string uFoundBy, vFoundBy;
    std::vector<int> uFiles, vFiles;  // indices of the files holding them
    bool depthAveraged = false;       // barotropic / vertically integrated
    std::vector<std::string> notes;   // the depth-averaged pair that was passed over, and why
};

// Throws InputError naming what was found and what is missing.
VelocityChoice chooseVelocity(const std::vector<nc::File>& files, const CurrentsOverrides& ov);

// True when a variable is a depth-averaged (barotropic, vertically integrated) velocity, by its
// standard name, name or long name.
bool isDepthAveragedVelocity(const nc::File& f, const std::string& var);

// The direction a velocity component's names say: true along the grid's axes (x/y), false
// east/north, nothing when they do not say. `why` gets the evidence ("standard_name ...").
std::optional<bool> gridRelativeByName(const nc::File& f, const std::string& var, std::string& why);

// The CF standard names and variable names tried, in order (for messages and docs).
const std::vector<std::pair<const char*, const char*>>& velocityStandardNames();
const std::vector<std::pair<const char*, const char*>>& velocityNames();

}  // namespace driftlab
