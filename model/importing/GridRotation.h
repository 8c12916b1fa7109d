#pragma once
// The angle of a model grid's i axis from east, at its cell centres, for turning grid-relative
// velocity components to east/north. In the order OpenDrift's readers use: the file's own
// `angle` (ROMS, CROCO), then the CF `grid_mapping` (polar stereographic, Lambert conformal,
// rotated pole: derived from the projection itself), then the points' own coordinates. Whatever
// the source, the coordinate-difference angle is compared with it and the agreement reported,
// so a wrong rotation shows up in the summary rather than in the drift.
#include <string>
#include <vector>

#include "importing/SourcePoints.h"
#include "netcdf/NcFile.h"

namespace driftlab {

struct GridRotation {
    std::vector<double> angle;  // radians, counter-clockwise from east, one per centre
    std::string from;           // "angle in roms.nc", "polar_stereographic grid_mapping ..."
    double medianDiffDeg = 0;   // |angle - the coordinates' angle|, median and max, degrees
    double maxDiffDeg = 0;
    std::vector<std::string> notes;
};

// `velocityVar` in `velocityFile` is read for its `grid_mapping` attribute.
GridRotation gridRotation(const std::vector<nc::File>& files, const SourcePoints& centres,
                          const nc::File& velocityFile, const std::string& velocityVar);

// The variable a velocity's CF `grid_mapping` attribute names (its first word: "crs" of
// "crs: x y"), "" when it has none or the file lacks it.
std::string gridMappingVariable(const nc::File& f, const std::string& velocityVar);

// The angle of the projection's x axis from east at (lon, lat), degrees in, radians out, for the
// grid mappings DriftLab derives itself; false for others. Public for the tests.
struct GridMapping {
    std::string name;  // CF grid_mapping_name
    double lon0 = 0;   // straight_vertical_longitude_from_pole / longitude_of_central_meridian
    double lat0 = 90;  // latitude_of_projection_origin
    double cone = 1;   // Lambert's cone constant n
    double poleLon = 0, poleLat = 90;  // rotated pole
};
bool mappingAngle(const GridMapping& m, double lon, double lat, double& angle);

}  // namespace driftlab
