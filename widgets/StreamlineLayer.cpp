#include "StreamlineLayer.h"

#include <vtkCellArray.h>
#include <vtkPoints.h>

#include <algorithm>
#include <cmath>

namespace driftlab {

StreamlineLayer::StreamlineLayer(vtkRenderer* data, vtkRenderer* decorations) {
    actor_ = lineActor(lines_, 0.05, 0.2, 0.4, 1.3);
    actor_->SetPosition(0, 0, 0.015);
    actor_->VisibilityOff();
    data->AddActor(actor_);
    legend_ = legendActor("streamlines (arrowheads: the flow's direction)", 0.05, 0.2, 0.4);
    decorations->AddActor2D(legend_);
}

void StreamlineLayer::set(const Grid& g, double kx, const std::vector<Streamline>& lines) {
    auto pts = Ptr<vtkPoints>::New();
    auto cells = Ptr<vtkCellArray>::New();
    // Arrowheads one cell long, at the middle of each line and every 12 cells along long ones.
    const double head = g.dLat, headEvery = 12.0 * g.dLat;
    for (const Streamline& line : lines) {
        const auto n = static_cast<vtkIdType>(line.lon.size());
        if (n < 2) continue;
        const vtkIdType first = pts->GetNumberOfPoints();
        for (vtkIdType k = 0; k < n; ++k)
            pts->InsertNextPoint(line.lon[static_cast<std::size_t>(k)] * kx,
                                 line.lat[static_cast<std::size_t>(k)], 0.0);
        cells->InsertNextCell(n);
        for (vtkIdType k = 0; k < n; ++k) cells->InsertCellPoint(first + k);
        if (n < 3) continue;
        const int heads = std::max(1, static_cast<int>(line.length / headEvery));
        for (int h = 0; h < heads; ++h) {
            const auto k = static_cast<std::size_t>(
                std::clamp<vtkIdType>((2 * h + 1) * n / (2 * heads), 1, n - 2));
            const double px = line.lon[k] * kx, py = line.lat[k];
            double tx = (line.lon[k + 1] - line.lon[k - 1]) * kx,
                   ty = line.lat[k + 1] - line.lat[k - 1];
            const double t = std::hypot(tx, ty);
            if (t <= 0) continue;
            tx /= t;
            ty /= t;
            const double tipX = px + 0.5 * head * tx, tipY = py + 0.5 * head * ty;
            const vtkIdType w1 = pts->InsertNextPoint(tipX - head * tx - 0.5 * head * ty,
                                                      tipY - head * ty + 0.5 * head * tx, 0.0);
            const vtkIdType tip = pts->InsertNextPoint(tipX, tipY, 0.0);
            const vtkIdType w2 = pts->InsertNextPoint(tipX - head * tx + 0.5 * head * ty,
                                                      tipY - head * ty - 0.5 * head * tx, 0.0);
            const vtkIdType chevron[3] = {w1, tip, w2};
            cells->InsertNextCell(3, chevron);
        }
    }
    lines_->SetPoints(pts);
    lines_->SetLines(cells);
    lines_->Modified();
    count_ = static_cast<int>(lines.size());
    have_ = true;
}

void StreamlineLayer::applyVisibility() {
    actor_->SetVisibility(have_ && visible_);
    legend_->SetVisibility(have_ && visible_);
}

}  // namespace driftlab
