#pragma once
// Where things go in a map view (VTK-free): the map as large as the view allows at its
// geographic aspect, with the caption above it, the axis labels left of and below it, the colour
// bar beside it (or below it in a view too narrow for that: the map gets the width), and the
// legends below; the whole block centred in the view. Pixels, origin top-left, y down.
#include <QRectF>
#include <QSize>
#include <vector>

#include "ViewState.h"

namespace driftlab {

struct MapLayoutInput {
    QSize view;                  // pixels
    double mapW = 1, mapH = 1;   // the grid's extent, display units
    double labelOffset = 0;      // from the map's edges to its axis labels, display units
    int captionLines = 1;        // caption's lines (0: none)
    double captionWidth = 0;     // its widest line, pixels
    double colourBarTitleWidth = 0;  // the vertical bar's (wrapped) title's widest line, pixels
    // Every legend the view may show (the rows are kept for them whether shown or not, so that
    // the map does not move when a layer is switched), pixels.
    std::vector<double> legendWidths;
};

struct MapLayout {
    QRectF map;                   // where the grid's extent lies
    bool colourBarBelow = false;  // horizontal under the map, else vertical beside it
    QRectF colourBar;             // the colour bar's box (title, bar and labels; below: bar and labels)
    QPointF colourBarTitle;       // below: the title's bottom centre, above the box
    QPointF caption;              // the caption's top-left corner
    QPointF legends;              // the first legend row's top-left corner
    double legendRowWidth = 0;    // room for a row of legends
    // Margins that make MapCamera::fit put the grid's extent on `map`.
    Margins margins(QSize view) const;
};

MapLayout layOutMap(const MapLayoutInput& in);

// Top-left corners of legends `widths` wide (0: not shown, skipped), in rows from `layout`'s
// legend corner, left to right.
std::vector<QPointF> flowLegends(const MapLayout& layout, const std::vector<double>& widths);

}  // namespace driftlab
