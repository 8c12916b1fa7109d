#include "MapSplit.h"

#include <algorithm>

namespace driftlab {

QSize halfOf(QSize area, int gap, Qt::Orientation split) {
    return split == Qt::Horizontal
               ? QSize(std::max(1, (area.width() - gap) / 2), area.height())
               : QSize(area.width(), std::max(1, (area.height() - gap) / 2));
}

Qt::Orientation betterSplit(QSize area, int gap, Qt::Orientation now,
                            const std::function<QRectF(QSize)>& mapIn) {
    const Qt::Orientation other = now == Qt::Horizontal ? Qt::Vertical : Qt::Horizontal;
    const auto mapArea = [&](Qt::Orientation split) {
        const QRectF r = mapIn(halfOf(area, gap, split));
        return std::max(0.0, r.width()) * std::max(0.0, r.height());
    };
    return mapArea(other) > 1.1 * mapArea(now) ? other : now;
}

}  // namespace driftlab
