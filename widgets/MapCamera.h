#pragma once
// Private to widgets/: the map's camera, a parallel projection looking down on display
// coordinates (x = lon * kx, y = lat), and the pixel <-> world mapping of a view. Every way of
// moving it (fit, follow another view, pan, zoom) goes through look().
#include <vtkCamera.h>

#include <QPointF>
#include <QSize>

#include "MapActors.h"
#include "ViewState.h"

namespace driftlab {

class MapCamera {
public:
    explicit MapCamera(vtkCamera* camera) : camera_(camera) {}

    // The one camera setup: looks at (x, y) showing halfHeight above and below.
    void look(double x, double y, double halfHeight);
    void look(const ViewState& s) { look(s.centreX, s.centreY, s.halfHeight); }
    ViewState state() const;
    // Shows the world box x0..x1 x y0..y1 as large as a view of `pixels` allows with `margins`
    // kept free, centred in what remains.
    void fit(double x0, double y0, double x1, double y1, QSize pixels, const Margins& margins);
    // The world point under a pixel of a view of `pixels` (y down).
    QPointF worldAt(QPointF pixel, QSize pixels) const;
    // Moves the view by (dx, dy) world units.
    void pan(double dx, double dy);
    // Scales the visible height by `factor` (clamped), keeping the point under `pixel` put.
    void zoomAbout(double factor, QPointF pixel, QSize pixels);

private:
    vtkCamera* camera_;
};

}  // namespace driftlab
