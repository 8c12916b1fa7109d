#pragma once
// What `import-currents` found in a set of model-output files: which variables hold the
// velocity, where their points are, the depth level, the time axis, the land mask. Made by
// detectCurrents (CurrentsDetector.h), shown to the user (CLI and import dialog) and followed
// by the importer.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "importing/SourcePoints.h"

namespace driftlab {

// What the user may set instead of the detection.
struct CurrentsOverrides {
    std::string u, v;               // velocity variable names
    std::optional<int> depthLevel;  // index along the depth dimension
    std::optional<double> depthM;   // metres below the surface (nearest level)
    // The components' direction when the file does not say it (or says it wrong): true along
    // the grid's axes (rotated to east/north), false east / north already.
    std::optional<bool> gridRelative;
    // The reference of a time axis in plain seconds / days since initialisation (CROCO),
    // days since 1970-01-01 00:00 UTC.
    std::optional<double> timeOriginDays;
};

// One time step of one velocity component: which file, which index along its time dimension.
struct TimeStep {
    double days = 0;  // days since 1970-01-01 00:00 UTC
    int file = 0;
    std::size_t index = 0;
};

// Where one velocity component lives.
struct ComponentLayout {
    std::string var;
    std::string foundBy;  // "standard_name eastward_sea_water_velocity", "name uo", "--u"
    std::string standardName;
    int timeDim = -1, depthDim = -1, yDim = -1, xDim = -1;  // indices into the variable's dims
    std::size_t rank = 0;
    std::vector<TimeStep> steps;  // sorted, one per distinct time
    SourcePoints points;          // the whole grid of this component
    std::string coordinates;      // "nav_lon/nav_lat in mesh_mask.nc"
    std::vector<double> mask;     // optional 1 wet / 0 dry per point (umask, mask_u)
    std::string maskFrom;
};

struct CurrentsLayout {
    std::vector<std::string> files;
    std::vector<std::string> fileFormats;
    ComponentLayout u, v;
    bool gridRelative = false;       // x/y components along the grid's axes: rotated to east/north
    std::string directionWhy;        // "standard_name x_sea_water_velocity", "--direction grid"
    std::string velocityKind;        // "3-D", "surface", "depth-averaged (barotropic)"
    bool staggered = false;          // u and v at different points (Arakawa C-grid)
    std::string gridKind;            // "regular lon/lat", "non-uniform lon/lat", "curvilinear"
    SourcePoints centres;            // cell centres (T / rho points): the land mask and the angle
    std::vector<double> centreMask;  // 1 ocean / 0 land at the centres; empty: from the data
    std::string maskFrom;
    std::vector<double> angle;  // radians, grid i direction from east, at the centres
    std::string angleFrom;
    std::string depthVar;
    int depthLevel = 0;
    std::optional<double> depthValue;
    std::string depthNote;
    std::string timeVar, timeUnits;
    std::string timeOrigin;  // where the reference date came from when the units lack one
    std::vector<std::string> notes;                         // gaps, overlaps, assumptions
    double lonMin = 0, lonMax = 0, latMin = 0, latMax = 0;  // of the cell centres
    double resolutionDeg = 0;                               // the grid's own spacing
    double stepHours = 0;                                   // median time step

    std::size_t timeSteps() const { return u.steps.size(); }
    double firstDay() const { return u.steps.empty() ? 0 : u.steps.front().days; }
    double lastDay() const { return u.steps.empty() ? 0 : u.steps.back().days; }
    // Several lines of text for `import-currents` and the import dialog.
    std::string summary() const;
};

// The centres' extent (lonMin .. latMax, about Greenwich when the grid crosses 0/360), spacing
// and grid kind, from `centres` and `centreMask`.
void measureCentres(CurrentsLayout& layout);

}  // namespace driftlab
