#include "importing/DepthLevel.h"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/InputError.h"
#include "core/Text.h"
#include "netcdf/CfNames.h"

namespace driftlab {

void chooseDepthLevel(const ComponentLayout& c, const nc::File& f, const CurrentsOverrides& ov,
                      CurrentsLayout& out) {
    if (c.depthDim < 0) {
        out.depthNote = "surface field (no depth dimension)";
        return;
    }
    const nc::VarInfo v = f.variable(c.var);
    const std::string dim = v.dims[c.depthDim];
    const std::size_t n = v.shape[c.depthDim];
    std::vector<double> z;
    std::string positive;
    std::string units;
    if (f.hasVariable(dim) && f.variable(dim).rank() == 1) {
        out.depthVar = dim;
        z = f.read(f.variable(dim));
        positive = lowerCase(attrText(f, dim, "positive"));
        units = lowerCase(unitsOf(f, dim));
    }
    if (ov.depthLevel) {
        if (*ov.depthLevel < 0 || static_cast<std::size_t>(*ov.depthLevel) >= n)
            throw InputError("--depth-level " + std::to_string(*ov.depthLevel) + ": '" + dim +
                             "' has levels 0.." + std::to_string(n - 1));
        out.depthLevel = *ov.depthLevel;
        out.depthNote = "level " + std::to_string(out.depthLevel) + " (--depth-level)";
    } else if (ov.depthM) {
        const bool metres = units == "m" || units == "meter" || units == "meters" ||
                            units == "metre" || units == "metres";
        if (z.empty() || !metres)
            throw InputError("--depth: the depth axis '" + dim + "' is not in metres (" +
                             (units.empty() ? "no units" : units) +
                             "); choose a level with --depth-level K");
        const double target = positive == "up" ? -*ov.depthM : *ov.depthM;
        int best = 0;
        for (std::size_t k = 1; k < n; ++k)
            if (std::abs(z[k] - target) < std::abs(z[best] - target)) best = static_cast<int>(k);
        out.depthLevel = best;
        out.depthNote = "level " + std::to_string(best) + " nearest " + std::to_string(*ov.depthM) +
                        " m (--depth)";
    } else if (!z.empty()) {
        // The level nearest the surface: the smallest |z| whether positive is up or down.
        int best = 0;
        for (std::size_t k = 1; k < n; ++k)
            if (std::abs(z[k]) < std::abs(z[best])) best = static_cast<int>(k);
        out.depthLevel = best;
        out.depthNote = "level " + std::to_string(best) + " of " + std::to_string(n) +
                        ", the one nearest the surface (positive " +
                        (positive.empty() ? "not given" : positive) + ")";
    } else {
        out.depthLevel = 0;
        out.depthNote =
            "level 0 of " + std::to_string(n) + " (no depth coordinate: assumed to be the surface)";
    }
    if (!z.empty()) out.depthValue = z[out.depthLevel];
}

}  // namespace driftlab
