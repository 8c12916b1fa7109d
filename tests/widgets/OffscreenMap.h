#pragma once
// A map view laid out at w x h but never shown on screen, on a dataset's grid: what the
// rendering tests draw into.
#include <QApplication>

#include "MapView.h"
#include "data/DriftDataset.h"

namespace driftlab::test {

inline void prepareOffscreenMap(MapView& view, const DriftDataset& ds, int w, int h) {
    view.setAttribute(Qt::WA_DontShowOnScreen);
    view.resize(w, h);
    view.show();
    QApplication::processEvents();
    view.setGrid(ds.grid(), ds.mask().values());
}

}  // namespace driftlab::test
