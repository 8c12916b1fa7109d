#include "netcdf/CfNames.h"

#include <algorithm>
#include <vector>

#include "core/Text.h"

namespace driftlab {

namespace {

const std::vector<std::string> kLonNames = {"lon",   "longitude",     "nav_lon", "lon_rho",
                                            "glamt", "lon_u",         "lon_v",   "glamu",
                                            "glamv", "nav_lon_grid_t"};
const std::vector<std::string> kLatNames = {"lat",   "latitude",      "nav_lat", "lat_rho",
                                            "gphit", "lat_u",         "lat_v",   "gphiu",
                                            "gphiv", "nav_lat_grid_t"};

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

// One rule for both horizontal axes: `axis` is "x" or "y".
bool isHorizontal(const nc::File& f, const std::string& var, const char* sn, const char* gridSn,
                  const char* projectedSn, bool (*unitsMatch)(const std::string&), const char* axis,
                  const std::vector<std::string>& names) {
    const std::string s = standardName(f, var);
    if (s == sn) return true;
    if (s == gridSn || s == projectedSn) return false;
    const std::string units = unitsOf(f, var);
    if (unitsMatch(units)) return true;
    if (lowerCase(attrText(f, var, "axis")) == axis && lowerCase(units).rfind("degree", 0) == 0)
        return true;
    return contains(names, lowerCase(var));
}

}  // namespace

std::string attrText(const nc::File& f, const std::string& var, const char* name) {
    return f.text(var, name).value_or("");
}

bool isLongitudeUnits(const std::string& u) {
    const std::string s = lowerCase(u);
    return s == "degrees_east" || s == "degree_east" || s == "degrees_e" || s == "degree_e" ||
           s == "degreese" || s == "degreee";
}

bool isLatitudeUnits(const std::string& u) {
    const std::string s = lowerCase(u);
    return s == "degrees_north" || s == "degree_north" || s == "degrees_n" || s == "degree_n" ||
           s == "degreesn" || s == "degreen";
}

bool isLongitude(const nc::File& f, const std::string& var) {
    return isHorizontal(f, var, "longitude", "grid_longitude", "projection_x_coordinate",
                        isLongitudeUnits, "x", kLonNames);
}

bool isLatitude(const nc::File& f, const std::string& var) {
    return isHorizontal(f, var, "latitude", "grid_latitude", "projection_y_coordinate",
                        isLatitudeUnits, "y", kLatNames);
}

bool hasTimeUnits(const nc::File& f, const std::string& var) {
    return lowerCase(unitsOf(f, var)).find(" since ") != std::string::npos;
}

bool isTimeVariable(const nc::File& f, const std::string& var) {
    return hasTimeUnits(f, var) || standardName(f, var) == "time" ||
           lowerCase(attrText(f, var, "axis")) == "t";
}

CfTime cfTimeOf(const nc::File& f, const std::string& var) {
    return CfTime::parse(unitsOf(f, var), attrText(f, var, "calendar"));
}

}  // namespace driftlab
