#pragma once
// Private to widgets/: the map's frame with longitude / latitude ticks and labels, a
// decoration. It frames the part of the grid the map shows: the grid's extent in the fitted
// view, the map's rectangle in a view zoomed into it (the ticks then label what is seen).
#include <vtkActor.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>

#include <QRectF>
#include <vector>

#include "MapActors.h"
#include "ocean/Grid.h"

namespace driftlab {

class AxesLayer {
public:
    explicit AxesLayer(vtkRenderer* decorations) : decorations_(decorations) {}
    // Builds the frame around a grid (display x = lon * kx).
    void setGrid(const Grid& grid, double kx);
    // Frames the box `seen` (display units: what the map's rectangle shows) cut to the grid's
    // extent, nothing if they do not meet. `scale`: display units now per display unit of the
    // fitted map (1 fitted, below 1 zoomed in), so that ticks and labels keep their size and
    // distance in pixels. Builds again only when the frame changes.
    void show(const QRectF& seen, double scale);
    // How far the labels stand off the grid's edges in the fitted view, display units.
    static double labelOffset(const Grid& grid);
    void setVisible(bool on) { visible_ = on; }
    void applyVisibility();

private:
    // Builds the frame around x0..x1 x y0..y1 (display units), ticks `tick` long.
    void build(double x0, double y0, double x1, double y1, double tick);

    vtkRenderer* decorations_;
    Grid grid_;
    double kx_ = 1.0;
    QRectF built_;  // the frame's box (empty: none)
    double builtTick_ = 0;
    Ptr<vtkActor> frame_;
    std::vector<Ptr<vtkTextActor>> labels_;
    bool visible_ = true;
};

}  // namespace driftlab
