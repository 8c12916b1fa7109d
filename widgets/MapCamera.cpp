#include "MapCamera.h"

#include <algorithm>
#include <cmath>

namespace driftlab {

void MapCamera::look(double x, double y, double halfHeight) {
    camera_->SetFocalPoint(x, y, 0.0);
    camera_->SetPosition(x, y, 10.0);
    camera_->SetViewUp(0, 1, 0);
    camera_->SetParallelScale(halfHeight);
    camera_->SetClippingRange(1.0, 20.0);
}

ViewState MapCamera::state() const {
    double f[3];
    camera_->GetFocalPoint(f);
    return {f[0], f[1], camera_->GetParallelScale()};
}

void MapCamera::fit(double x0, double y0, double x1, double y1, QSize pixels,
                    const Margins& m) {
    const double w = std::abs(x1 - x0), h = std::abs(y1 - y0);
    const double W = std::max(1, pixels.width()), H = std::max(1, pixels.height());
    // The room left for the box (at least a tenth of the view, however large the margins).
    const double roomW = std::max(0.1 * W, W - m.left - m.right);
    const double roomH = std::max(0.1 * H, H - m.top - m.bottom);
    const double perPixel = std::max({w / roomW, h / roomH, 1e-6});
    // The room's centre, in pixels from the view's centre (x right, y up).
    const double ox = 0.5 * (m.left - m.right), oy = 0.5 * (m.bottom - m.top);
    const double cx = 0.5 * (x0 + x1) - ox * perPixel, cy = 0.5 * (y0 + y1) - oy * perPixel;
    look(cx, cy, std::max(0.5 * H * perPixel, 0.01));
}

QPointF MapCamera::worldAt(QPointF p, QSize pixels) const {
    const ViewState s = state();
    const double perPixel = 2.0 * s.halfHeight / std::max(1, pixels.height());
    return {s.centreX + (p.x() - 0.5 * pixels.width()) * perPixel,
            s.centreY - (p.y() - 0.5 * pixels.height()) * perPixel};
}

void MapCamera::pan(double dx, double dy) {
    const ViewState s = state();
    look(s.centreX + dx, s.centreY + dy, s.halfHeight);
}

void MapCamera::zoomAbout(double factor, QPointF pixel, QSize pixels) {
    const QPointF before = worldAt(pixel, pixels);
    const ViewState s = state();
    look(s.centreX, s.centreY, std::clamp(s.halfHeight * factor, 0.01, 100.0));
    const QPointF after = worldAt(pixel, pixels);
    pan(before.x() - after.x(), before.y() - after.y());
}

}  // namespace driftlab
