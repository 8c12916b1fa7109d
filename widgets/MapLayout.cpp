#include "MapLayout.h"

#include <algorithm>
#include <cmath>

namespace driftlab {

namespace {
// Room for what is drawn around the map, pixels (at the fonts' sizes: 15 caption, 13 labels,
// 12 legends). The axis labels stand off the map by a distance that scales with it
// (MapLayoutInput::labelOffset), plus their text.
constexpr double kLatText = 36;     // "44°N" left of the map
constexpr double kLonText = 20;     // "8°E" below it
constexpr double kCaptionLine = 19;
constexpr double kCaptionGap = 12;  // to the map's top (its top label reaches above it)
constexpr double kLegendRow = 17;
constexpr double kLegendGap = 12;   // between legends in a row
constexpr double kPad = 6;          // at the view's edges
constexpr double kRightLabel = 18;  // the last longitude label, centred on the map's edge
constexpr double kBarGap = 18;      // between the map and a colour bar beside it
constexpr double kBarLabels = 62;   // the vertical bar and its labels ("1.51e-05")
constexpr double kBarBelowTitle = 24;   // a horizontal bar's title above it
constexpr double kBarBelowHeight = 64;  // a horizontal bar: title, bar and labels

int rowsFor(const std::vector<double>& widths, double room) {
    int rows = 0;
    double x = room;  // a new row first
    for (double w : widths) {
        if (w <= 0) continue;
        if (x > 0 && x + w > room) {
            ++rows;
            x = 0;
        }
        x += w + kLegendGap;
    }
    return rows;
}

}  // namespace

Margins MapLayout::margins(QSize view) const {
    return {map.left(), view.width() - map.right(), map.top(), view.height() - map.bottom()};
}

MapLayout layOutMap(const MapLayoutInput& in) {
    const double W = std::max(1, in.view.width()), H = std::max(1, in.view.height());
    const double mapW = std::max(in.mapW, 1e-9), mapH = std::max(in.mapH, 1e-9);
    const double o = std::max(0.0, in.labelOffset);
    const double top = kPad + (in.captionLines > 0 ? in.captionLines * kCaptionLine : 0) +
                       kCaptionGap;
    const double barBeside = kBarGap + std::max(kBarLabels, in.colourBarTitleWidth + 4);
    MapLayout l;
    int legendRows = rowsFor(in.legendWidths, W - 2 * kPad);
    // Twice: the legends' rows depend on where the block starts, which depends on the rows.
    for (int pass = 0; pass < 2; ++pass) {
        const double legends = legendRows > 0 ? 4 + legendRows * kLegendRow : 0;
        // Pixels per display unit, the colour bar beside the map or below it: the map and its
        // labels' offset fill the room left by the rest.
        auto scale = [&](double right, double under) {
            return std::min((W - 2 * kPad - kLatText - right) / (mapW + o),
                            (H - top - kLonText - under - legends - kPad) / (mapH + o));
        };
        const double beside = scale(barBeside, 0), underneath = scale(kRightLabel, kBarBelowHeight);
        // Beside unless below makes the map clearly larger (a view taller than the map).
        const bool below = underneath > 1.08 * beside;
        const double s = std::max(1e-9, below ? underneath : beside);
        const double mw = mapW * s, mh = mapH * s;
        const double latLabels = kLatText + o * s, lonLabels = kLonText + o * s;
        const double blockW = latLabels + mw + (below ? kRightLabel : barBeside);
        const double blockH =
            top - kPad + mh + lonLabels + (below ? kBarBelowHeight : 0) + legends;
        const double left = std::max(kPad, 0.5 * (W - blockW));
        const double blockTop = std::max(kPad, 0.5 * (H - blockH));
        l = MapLayout{};
        l.map = QRectF(left + latLabels, blockTop + (top - kPad), mw, mh);
        l.colourBarBelow = below;
        if (below) {
            const double barW = std::min(mw, std::max(0.7 * mw, 260.0));
            const double barTop = l.map.bottom() + lonLabels + kBarBelowTitle;
            l.colourBar = QRectF(l.map.center().x() - 0.5 * barW, barTop, barW,
                                 kBarBelowHeight - kBarBelowTitle - 4);
            l.colourBarTitle = QPointF(l.map.center().x(), barTop - 4);
        } else {
            l.colourBar = QRectF(l.map.right() + kBarGap, l.map.top(), barBeside - kBarGap - 2, mh);
        }
        l.caption = QPointF(std::max(kPad, std::min(left, W - kPad - in.captionWidth)), blockTop);
        l.legends = QPointF(left + 2, l.map.bottom() + lonLabels +
                                          (below ? kBarBelowHeight : 0) + 4);
        l.legendRowWidth = W - kPad - l.legends.x();
        const int rows = rowsFor(in.legendWidths, l.legendRowWidth);
        if (rows <= legendRows) break;
        legendRows = rows;
    }
    return l;
}

std::vector<QPointF> flowLegends(const MapLayout& layout, const std::vector<double>& widths) {
    std::vector<QPointF> out;
    double x = 0, y = layout.legends.y();
    bool first = true;
    for (double w : widths) {
        if (w <= 0) {
            out.push_back(layout.legends);
            continue;
        }
        if (!first && x + w > layout.legendRowWidth) {
            x = 0;
            y += kLegendRow;
        }
        out.emplace_back(layout.legends.x() + x, y);
        x += w + kLegendGap;
        first = false;
    }
    return out;
}

}  // namespace driftlab
