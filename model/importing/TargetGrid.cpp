#include "importing/TargetGrid.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/InputError.h"

namespace driftlab {

Grid importGrid(double w, double e, double s, double n, double res,
                std::vector<std::string>& notes) {
    if (!(res > 0) || !std::isfinite(res))
        throw InputError("cannot tell the resolution; give --resolution DEG");
    if (!(e > w)) throw InputError("the box's east edge must be east of its west edge");
    if (!(n > s) || s < -90 || n > 90) throw InputError("the box needs -90 <= south < north <= 90");
    auto sides = [&](double span, const char* what) {
        const int cells = std::max(1, static_cast<int>(std::lround(span / res)));
        const int rounded = std::max(16, static_cast<int>(std::lround(cells / 16.0)) * 16);
        if (rounded > 4096)
            throw InputError(std::string("the grid would be ") + std::to_string(rounded) +
                             " cells " + what + "; choose a smaller box or a coarser --resolution");
        if (rounded != cells)
            notes.push_back(std::string(what) + ": " + std::to_string(cells) + " cells of " +
                            std::to_string(res) + " deg rounded to " + std::to_string(rounded) +
                            " (a multiple of 16, for the UNet), about the box's centre");
        return rounded;
    };
    Grid g;
    g.dLon = g.dLat = res;
    g.nx = sides(e - w, "west-east");
    g.ny = sides(n - s, "south-north");
    // Edges a hair off a multiple of half a cell (float32 coordinates) are put on it.
    const auto snap = [res](double x) {
        const double k = std::round(x / (0.5 * res));
        return std::abs(x - k * 0.5 * res) < 1e-3 * res ? k * 0.5 * res : x;
    };
    g.lonMin = snap(0.5 * (w + e) - 0.5 * g.nx * res);
    g.latMin = snap(0.5 * (s + n) - 0.5 * g.ny * res);
    if (g.latMin < -90 || g.latMax() > 90)
        throw InputError("the box reaches past a pole; choose --lat-range");
    return g;
}

}  // namespace driftlab
