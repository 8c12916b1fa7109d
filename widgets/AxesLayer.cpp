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

QString degreeLabel(double v, bool isLon) {
    const QChar hemi = isLon ? (v >= 0 ? 'E' : 'W') : (v >= 0 ? 'N' : 'S');
    const double a = std::abs(v);
    const bool whole = std::abs(a - std::round(a)) < 1e-9;
    return (whole ? QString::number(static_cast<int>(std::round(a))) : QString::number(a, 'f', 1)) +
           QChar(0x00B0) + hemi;
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
    if (frame_) decorations_->RemoveActor(frame_);
    for (auto& l : labels_) decorations_->RemoveActor2D(l);
    labels_.clear();
    auto pts = Ptr<vtkPoints>::New();
    auto lines = Ptr<vtkCellArray>::New();
    const double x0 = g.lonMin * kx, x1 = g.lonMax() * kx, y0 = g.latMin, y1 = g.latMax();
    auto segment = [&](double ax, double ay, double bx, double by) {
        const vtkIdType ids[2] = {pts->InsertNextPoint(ax, ay, 0.06),
                                  pts->InsertNextPoint(bx, by, 0.06)};
        lines->InsertNextCell(2, ids);
    };
    segment(x0, y0, x1, y0);
    segment(x1, y0, x1, y1);
    segment(x1, y1, x0, y1);
    segment(x0, y1, x0, y0);
    const double eps = 1e-9;
    const double span = std::max(g.lonMax() - g.lonMin, g.latMax() - g.latMin);
    const double step = span > 12 ? 2.0 : span > 5 ? 1.0 : span > 2 ? 0.5 : 0.25;
    const double tick = tickOf(g);
    for (double lon = std::ceil(g.lonMin / step) * step; lon <= g.lonMax() + eps; lon += step) {
        segment(lon * kx, y0, lon * kx, y0 - tick);
        labels_.push_back(worldLabel(degreeLabel(lon, true), lon * kx, y0 - 1.6 * tick,
                                     VTK_TEXT_CENTERED, VTK_TEXT_TOP));
    }
    for (double lat = std::ceil(g.latMin / step) * step; lat <= g.latMax() + eps; lat += step) {
        segment(x0, lat, x0 - tick, lat);
        labels_.push_back(worldLabel(degreeLabel(lat, false), x0 - 1.6 * tick, lat,
                                     VTK_TEXT_RIGHT, VTK_TEXT_CENTERED));
    }
    auto frame = Ptr<vtkPolyData>::New();
    frame->SetPoints(pts);
    frame->SetLines(lines);
    frame_ = lineActor(frame, 0.2, 0.2, 0.2, 1.0);
    decorations_->AddActor(frame_);
    for (auto& l : labels_) decorations_->AddActor2D(l);
}

void AxesLayer::applyVisibility() {
    if (frame_) frame_->SetVisibility(visible_);
    for (auto& l : labels_) l->SetVisibility(visible_);
}

}  // namespace driftlab
