#pragma once
// How two linked map views share one area (side by side, click-to-release): left | right or one
// above the other, whichever gives each the larger map at the grid's aspect, so that a wide
// basin stacks and a tall one sits side by side. VTK-free.
#include <QRectF>
#include <QSize>
#include <Qt>
#include <functional>

namespace driftlab {

// `mapIn(view)` is where the fitted map lies in a view of that size (MapView::fittedMapRect).
// `gap` is the splitter handle's width. The split shown now is kept unless the other gives
// each map more than 10 % more area, so a size between the two does not flip it to and fro.
Qt::Orientation betterSplit(QSize area, int gap, Qt::Orientation now,
                            const std::function<QRectF(QSize)>& mapIn);

// The size of each half of `area` in that split.
QSize halfOf(QSize area, int gap, Qt::Orientation split);

}  // namespace driftlab
