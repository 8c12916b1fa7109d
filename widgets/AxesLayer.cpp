#include "AxesLayer.h"

#include <vtkCellArray.h>
#include <vtkCoordinate.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkTextProperty.h>

#include <QString>
#include <algorithm>
#include <cmath>

namespace driftlab {

namespace {

// `decimals` for values between whole degrees (trailing zeros dropped).
QString degreeLabel(double v, bool isLon, int decimals) {
    const QChar hemi = isLon ? (v >= 0 ? 'E' : 'W') : (v >= 0 ? 'N' : 'S');
    const double a = std::abs(v);
    const bool whole = std::abs(a - std::round(a)) < 1e-9;
    QString number = whole ? QString::number(static_cast<int>(std::round(a)))
                           : QString::number(a, 'f', decimals);
    if (!whole)
        while (number.endsWith('0')) number.chop(1);
    return number + QChar(0x00B0) + hemi;
}

Ptr<vtkTextActor> worldLabel(const QString& text, double x, double y, int justify, int vjustify) {
    auto label = Ptr<vtkTextActor>::New();
    label->SetInput(text.toUtf8().constData());
    label->GetTextProperty()->SetFontSize(13);
    label->GetTextProperty()->SetColor(0.15, 0.15, 0.15);
    label->GetTextProperty()->SetJustification(justify);
    label->GetTextProperty()->SetVerticalJustification(vjustify);
    label->GetPositionCoordinate()->SetCoordinateSystemToWorld();
    label->GetPositionCoordinate()->SetValue(x, y, 0.0);
    return label;
}

// Tick length, display units.
double tickOf(const Grid& g) {
    return 0.012 * std::max(g.lonMax() - g.lonMin, g.latMax() - g.latMin);
}

}  // namespace

double AxesLayer::labelOffset(const Grid& grid) {
    return 1.6 * tickOf(grid);
}

void AxesLayer::setGrid(const Grid& g, double kx) {
    grid_ = g;
    kx_ = kx;
    built_ = {};
    show(QRectF(QPointF(g.lonMin * kx, g.latMin), QPointF(g.lonMax() * kx, g.latMax())), 1.0);
}

void AxesLayer::show(const QRectF& seen, double scale) {
    const Grid& g = grid_;
    const QRectF extent(QPointF(g.lonMin * kx_, g.latMin), QPointF(g.lonMax() * kx_, g.latMax()));
    const QRectF box = seen.normalized().intersected(extent);
    const double tick = tickOf(g) * scale;
    // The same frame (up to rounding: a fitted view's box comes from its camera): kept, or the
    // decorations would be drawn again.
    const double eps = 1e-9 * std::max(extent.width(), extent.height());
    auto near = [eps](double a, double b) { return std::abs(a - b) <= eps; };
    if (box.isEmpty() == built_.isEmpty() &&
        (box.isEmpty() ||
         (near(box.left(), built_.left()) && near(box.right(), built_.right()) &&
          near(box.top(), built_.top()) && near(box.bottom(), built_.bottom()) &&
          near(tick, builtTick_))))
        return;
    if (box.isEmpty()) {
        build(0, 0, 0, 0, 0);
    } else {
        build(box.left(), box.top(), box.right(), box.bottom(), tick);
    }
    built_ = box;
    builtTick_ = tick;
}

void AxesLayer::build(double x0, double y0, double x1, double y1, double tick) {
    if (frame_) decorations_->RemoveActor(frame_);
    for (auto& l : labels_) decorations_->RemoveActor2D(l);
    frame_ = nullptr;
    labels_.clear();
    if (!(x1 > x0 && y1 > y0)) return;
    const double kx = kx_;
    auto pts = Ptr<vtkPoints>::New();
    auto lines = Ptr<vtkCellArray>::New();
    auto segment = [&](double ax, double ay, double bx, double by) {
        const vtkIdType ids[2] = {pts->InsertNextPoint(ax, ay, 0.06),
                                  pts->InsertNextPoint(bx, by, 0.06)};
        lines->InsertNextCell(2, ids);
    };
    segment(x0, y0, x1, y0);
    segment(x1, y0, x1, y1);
    segment(x1, y1, x0, y1);
    segment(x0, y1, x0, y0);
    const double lonMin = x0 / kx, lonMax = x1 / kx;
    const double eps = 1e-9;
    // Steps of whole, half, quarter, tenth... degrees by the span shown.
    const double span = std::max(lonMax - lonMin, y1 - y0);
    const double step = span > 12  ? 2.0
                        : span > 5 ? 1.0
                        : span > 2 ? 0.5
                        : span > 1 ? 0.25
                        : span > 0.4 ? 0.1
                                     : 0.05;
    const int decimals = step == 0.25 || step < 0.1 ? 2 : 1;
    for (double lon = std::ceil(lonMin / step - eps) * step; lon <= lonMax + eps; lon += step) {
        segment(lon * kx, y0, lon * kx, y0 - tick);
        labels_.push_back(worldLabel(degreeLabel(lon, true, decimals), lon * kx, y0 - 1.6 * tick,
                                     VTK_TEXT_CENTERED, VTK_TEXT_TOP));
    }
    for (double lat = std::ceil(y0 / step - eps) * step; lat <= y1 + eps; lat += step) {
        segment(x0, lat, x0 - tick, lat);
        labels_.push_back(worldLabel(degreeLabel(lat, false, decimals), x0 - 1.6 * tick, lat,
                                     VTK_TEXT_RIGHT, VTK_TEXT_CENTERED));
    }
    auto frame = Ptr<vtkPolyData>::New();
    frame->SetPoints(pts);
    frame->SetLines(lines);
    frame_ = lineActor(frame, 0.2, 0.2, 0.2, 1.0);
    decorations_->AddActor(frame_);
    for (auto& l : labels_) decorations_->AddActor2D(l);
    applyVisibility();
}

void AxesLayer::applyVisibility() {
    if (frame_) frame_->SetVisibility(visible_);
    for (auto& l : labels_) l->SetVisibility(visible_);
}

}  // namespace driftlab
