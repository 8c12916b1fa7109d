#include "importing/CurrentsLayout.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "netcdf/CfTime.h"

namespace driftlab {

void measureCentres(CurrentsLayout& L) {
    // Extent and spacing of the centres.
    bool any = false;
    const double ref = L.centres.lon.empty() ? 0 : L.centres.lon[L.centres.size() / 2];
    for (std::size_t k = 0; k < L.centres.size(); ++k) {
        const double lo = L.centres.lon[k], la = L.centres.lat[k];
        if (!std::isfinite(lo) || !std::isfinite(la)) continue;
        // NEMO's eliminated land tiles sit at lon = lat = 0: not part of the extent.
        if (lo == 0 && la == 0 && (L.centreMask.empty() || L.centreMask[k] == 0)) continue;
        const double w = wrapLongitude(lo, ref);
        if (!any) {
            L.lonMin = L.lonMax = w;
            L.latMin = L.latMax = la;
            any = true;
        }
        L.lonMin = std::min(L.lonMin, w);
        L.lonMax = std::max(L.lonMax, w);
        L.latMin = std::min(L.latMin, la);
        L.latMax = std::max(L.latMax, la);
    }
    // Longitudes about the Greenwich meridian when the grid crosses 0/360 (HYCOM).
    if (0.5 * (L.lonMin + L.lonMax) >= 180.0) {
        L.lonMin -= 360.0;
        L.lonMax -= 360.0;
    }
    L.resolutionDeg = L.centres.medianSpacingDeg();
    // Coordinates stored as float32 (CMEMS): 0.0416665 is 1/24.
    const double inverse = 1.0 / L.resolutionDeg;
    if (std::abs(inverse - std::round(inverse)) < 1e-3 * inverse)
        L.resolutionDeg = 1.0 / std::round(inverse);
    if (L.centres.separable) {
        bool even = true;
        const SourcePoints& p = L.centres;
        const auto dlon = [&](int i) {  // spacing across the 0/360 seam counts as one step
            return wrapLongitude(p.lonAt(i, 0), p.lonAt(i - 1, 0)) - p.lonAt(i - 1, 0);
        };
        for (int i = 2; i < p.nx && even; ++i)
            even = std::abs(dlon(i) - dlon(1)) < 1e-3 * L.resolutionDeg + 1e-9;
        for (int j = 2; j < p.ny && even; ++j)
            even = std::abs((p.latAt(0, j) - p.latAt(0, j - 1)) -
                            (p.latAt(0, 1) - p.latAt(0, 0))) < 1e-3 * L.resolutionDeg + 1e-9;
        L.gridKind = even ? "regular lon/lat" : "non-uniform lon/lat";
    } else {
        L.gridKind = "curvilinear";
    }
}

std::string CurrentsLayout::summary() const {
    std::ostringstream s;
    s.precision(6);
    for (std::size_t k = 0; k < files.size(); ++k)
        s << "file      " << files[k] << " (" << fileFormats[k] << ")\n";
    s << "u         " << u.var << " (" << u.foundBy << "), " << u.coordinates << "\n";
    s << "v         " << v.var << " (" << v.foundBy << "), " << v.coordinates << "\n";
    s << "grid      " << gridKind << ", " << centres.nx << " x " << centres.ny << " points, ~"
      << resolutionDeg << " deg; lon " << lonMin << " .. " << lonMax << ", lat " << latMin << " .. "
      << latMax << "\n";
    s << "velocity  " << (velocityKind.empty() ? std::string("?") : velocityKind) << "\n";
    s << "direction "
      << (gridRelative ? "along the grid's axes, rotated to east/north with " + angleFrom
                       : std::string("east / north"));
    if (!directionWhy.empty()) s << " (" << directionWhy << ")";
    s << "\n";
    s << "depth     " << depthNote;
    if (depthValue) s << " (" << depthVar << " = " << *depthValue << ")";
    s << "\n";
    s << "time      " << timeSteps() << " steps";
    if (!u.steps.empty())
        s << ", " << formatDateTime(firstDay()) << " .. " << formatDateTime(lastDay());
    if (stepHours > 0) s << ", every " << stepHours << " h";
    s << " (" << timeVar << ": " << timeUnits << ")\n";
    if (!timeOrigin.empty()) s << "origin    " << timeOrigin << "\n";
    s << "land      " << maskFrom << "\n";
    for (const auto& n : notes) s << "note      " << n << "\n";
    return s.str();
}

}  // namespace driftlab
