#pragma once
// Where a map's camera looks and the room it keeps around the map (VTK-free: MapView.h,
// MapCamera and MapLayout share them).

namespace driftlab {

// The centre (display units: x = lon * cos(mid latitude), y = lat) and half the visible height
// (display units). Two views with the same state show the same area.
struct ViewState {
    double centreX = 0, centreY = 0, halfHeight = 1;
};

// Room kept free around the map, in pixels, for what is drawn beside it.
struct Margins {
    double left = 0, right = 0, top = 0, bottom = 0;
};

}  // namespace driftlab
