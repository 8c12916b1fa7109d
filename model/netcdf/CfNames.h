#pragma once
// What a NetCDF variable says it is, read from its CF attributes (standard_name, long_name,
// units, axis) and the names models usually give: the one place the importers ask "is this a
// longitude, a time, ...". An attribute that is absent reads as "".
#include <string>

#include "netcdf/CfTime.h"
#include "netcdf/NcFile.h"

namespace driftlab {

// A text attribute of `var` ("" = global), "" when absent or not text.
std::string attrText(const nc::File& f, const std::string& var, const char* name);
inline std::string standardName(const nc::File& f, const std::string& var) {
    return attrText(f, var, "standard_name");
}
inline std::string longName(const nc::File& f, const std::string& var) {
    return attrText(f, var, "long_name");
}
inline std::string unitsOf(const nc::File& f, const std::string& var) {
    return attrText(f, var, "units");
}

// CF's units of longitude / latitude (degrees_east, degree_E, ...), any case.
bool isLongitudeUnits(const std::string& units);
bool isLatitudeUnits(const std::string& units);
// A longitude / latitude: its standard_name, else its units, else axis X / Y in degrees, else a
// model's usual name (nav_lon, lon_rho, glamt, ...). Rotated-pole and projected axes are not.
bool isLongitude(const nc::File& f, const std::string& var);
bool isLatitude(const nc::File& f, const std::string& var);

// Units of the form "UNIT since DATE" (any case).
bool hasTimeUnits(const nc::File& f, const std::string& var);
// A time coordinate: time units, standard_name time or axis T.
bool isTimeVariable(const nc::File& f, const std::string& var);
// The CF time axis of a variable, from its units and calendar. Throws std::invalid_argument as
// CfTime::parse does.
CfTime cfTimeOf(const nc::File& f, const std::string& var);

}  // namespace driftlab
