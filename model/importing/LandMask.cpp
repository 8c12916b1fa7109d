#include "importing/LandMask.h"

#include <cmath>

#include "core/Text.h"
#include "importing/CoordinatePoints.h"
#include "netcdf/CfNames.h"

namespace driftlab {

using nc::File;
using nc::VarInfo;

namespace {

// The mask's cell centres: the usual centre coordinates, the velocity's points when shapes
// match, else any longitude / latitude pair of the mask's plane.
bool maskPoints(const std::vector<File>& files, const CurrentsLayout& out, const File& f,
                const VarInfo& mask, const std::vector<std::size_t>& shape,
                const std::vector<std::string>& dims, SourcePoints& pts) {
    if (shape.size() != 2) return false;
    const std::vector<std::pair<std::string, std::string>> names = {
        {"glamt", "gphit"}, {"lon_rho", "lat_rho"}, {"nav_lon", "nav_lat"}};
    // A fake variable with the mask's plane as dimensions, for readPoints.
    VarInfo plane;
    plane.name = mask.name;
    plane.dims = dims;
    plane.shape = shape;
    for (const auto& [lo, la] : names)
        for (const File& g : files) {
            int y = 0, x = 1;
            if (readPoints(g, lo, la, plane, y, x, pts, false).found && y == 0) return true;
        }
    for (const ComponentLayout* c : {&out.u, &out.v})
        if (c->points.ny == static_cast<int>(shape[0]) &&
            c->points.nx == static_cast<int>(shape[1]) && !out.staggered) {
            pts = c->points;
            return true;
        }
    int y = 0, x = 1;
    for (const VarInfo& cand : f.variables())
        if (isLongitude(f, cand.name))
            for (const VarInfo& other : f.variables())
                if (isLatitude(f, other.name) &&
                    readPoints(f, cand.name, other.name, plane, y, x, pts, false).found && y == 0)
                    return true;
    return false;
}

}  // namespace

// The land mask at cell centres, and the centres themselves.
void findLandMask(const std::vector<File>& files, CurrentsLayout& out) {
    struct Cand {
        const char* name;
        bool landIsOne;
    };
    const Cand names[] = {{"tmask", false},   {"mask_rho", false}, {"mask", false},
                          {"lsm", true},      {"landmask", true},  {"land_mask", true},
                          {"sea_mask", false}};
    for (std::size_t k = 0; k < files.size(); ++k) {
        const File& f = files[k];
        for (const VarInfo& v : f.variables()) {
            const std::string sn = standardName(f, v.name);
            // What 1 means, weakest word first: the standard name, the model's own convention
            // for the name (CROCO labels its mask_rho land_binary_mask although 1 is water
            // there), then attributes that say what 0 and 1 are.
            bool match = sn == "sea_binary_mask" || sn == "land_binary_mask";
            bool landIsOne = sn == "land_binary_mask";
            std::string decidedBy;
            for (const Cand& c : names)
                if (lowerCase(v.name) == c.name) {
                    if (match && landIsOne != c.landIsOne)
                        decidedBy = std::string("as in every ") + c.name;
                    match = true;
                    landIsOne = c.landIsOne;
                }
            const bool before = landIsOne;  // what the name (or the standard name) says
            const bool saidBySn = !sn.empty() && match && !decidedBy.empty();
            const std::string one = lowerCase(attrText(f, v.name, "option_1"));
            const std::string zero = lowerCase(attrText(f, v.name, "option_0"));
            const auto wet = [](const std::string& t) {
                return t.find("water") != std::string::npos || t.find("sea") != std::string::npos ||
                       t.find("ocean") != std::string::npos;
            };
            if (match && (!one.empty() || !zero.empty())) {
                landIsOne = one.find("land") != std::string::npos || wet(zero);
                if (landIsOne != before || saidBySn) decidedBy = "as its option_0 / option_1 say";
            }
            // Said when the meaning taken is not the one the weaker word gave.
            std::string why;
            if (!decidedBy.empty())
                why =
                    std::string(", 1 = ") + (landIsOne ? "land" : "water") + " " + decidedBy +
                    (sn.empty() ? std::string() : " (its standard_name " + sn + " says otherwise)");
            if (!match || !nc::isNumericType(v.type) || nonTrivialDims(v).size() < 2) continue;
            std::vector<std::size_t> shape;
            std::vector<std::string> dims;
            std::vector<double> m = readPlane(f, v, shape, dims);
            // Centres: the mask's own coordinates, or the velocity's when shapes match.
            SourcePoints centres;
            if (!maskPoints(files, out, f, v, shape, dims, centres)) continue;
            for (double& x : m) x = std::isnan(x) ? 0.0 : ((x != 0) != landIsOne ? 1.0 : 0.0);
            out.centreMask = std::move(m);
            out.centres = std::move(centres);
            out.maskFrom = v.name + " in " + fileName(f.path()) + why;
            return;
        }
    }
}

void findComponentMask(const std::vector<File>& files, ComponentLayout& c,
                       const std::vector<std::string>& names) {
    for (const File& f : files)
        for (const std::string& n : names) {
            if (!f.hasVariable(n)) continue;
            const VarInfo v = f.variable(n);
            std::vector<std::size_t> shape;
            std::vector<std::string> dims;
            std::vector<double> m = readPlane(f, v, shape, dims);
            if (shape.size() != 2 || static_cast<int>(shape[0]) != c.points.ny ||
                static_cast<int>(shape[1]) != c.points.nx)
                continue;
            for (double& x : m) x = (!std::isnan(x) && x != 0) ? 1.0 : 0.0;
            c.mask = std::move(m);
            c.maskFrom = n + " in " + fileName(f.path());
            return;
        }
}

}  // namespace driftlab
