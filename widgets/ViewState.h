#pragma once
// Where a map's camera looks (VTK-free; MapView.h and MapCamera share it).

namespace driftlab {

// The centre (display units: x = lon * cos(mid latitude), y = lat) and half the visible height
// (display units). Two views with the same state show the same area.
struct ViewState {
    double centreX = 0, centreY = 0, halfHeight = 1;
};

}  // namespace driftlab
