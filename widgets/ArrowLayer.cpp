#include "ArrowLayer.h"

#include <vtkFloatArray.h>
#include <vtkGlyphSource2D.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>

#include <QString>
#include <algorithm>

namespace driftlab {

ArrowLayer::ArrowLayer(vtkRenderer* data, vtkRenderer* decorations) {
    auto arrow = Ptr<vtkGlyphSource2D>::New();
    arrow->SetGlyphTypeToArrow();
    arrow->FilledOff();
    arrow->SetCenter(0.5, 0.0, 0.0);  // the arrow starts at its point
    glyphs_->SetInputData(points_);
    glyphs_->SetSourceConnection(arrow->GetOutputPort());
    glyphs_->SetVectorModeToUseVector();
    glyphs_->SetScaleModeToScaleByVector();
    glyphs_->OrientOn();
    auto mapper = Ptr<vtkPolyDataMapper>::New();
    mapper->SetInputConnection(glyphs_->GetOutputPort());
    mapper->ScalarVisibilityOff();
    actor_->SetMapper(mapper);
    actor_->GetProperty()->SetColor(0.15, 0.15, 0.2);
    actor_->GetProperty()->SetLineWidth(1.2);
    actor_->SetPosition(0, 0, 0.02);
    actor_->VisibilityOff();
    data->AddActor(actor_);
    legend_ = legendActor("", 0.15, 0.15, 0.2);
    decorations->AddActor2D(legend_);
}

bool ArrowLayer::set(const Grid& g, const std::vector<std::uint8_t>& ocean, double kx,
                     const std::vector<float>& u, const std::vector<float>& v) {
    if (u.size() != g.cellCount() || v.size() != g.cellCount()) return false;
    const int stride = std::max(1, g.nx / 32);
    auto pts = Ptr<vtkPoints>::New();
    auto vec = Ptr<vtkFloatArray>::New();
    vec->SetNumberOfComponents(3);
    vec->SetName("velocity");
    for (int j = stride / 2; j < g.ny; j += stride) {
        for (int i = stride / 2; i < g.nx; i += stride) {
            const std::size_t c = static_cast<std::size_t>(j) * g.nx + i;
            if (!ocean.empty() && !ocean[c]) continue;
            pts->InsertNextPoint(g.lon(i) * kx, g.lat(j), 0.0);
            const float w[3] = {u[c], v[c], 0.0f};
            vec->InsertNextTuple(w);
        }
    }
    points_->SetPoints(pts);
    points_->GetPointData()->SetVectors(vec);
    points_->Modified();
    // A 0.5 m/s current draws as long as the spacing between arrows.
    constexpr double kReference = 0.5;
    glyphs_->SetScaleFactor(stride * g.dLat / kReference);
    legend_->SetInput(
        QString("arrows: %1 m/s = %2 cells").arg(kReference).arg(stride).toUtf8().constData());
    have_ = true;
    return true;
}

void ArrowLayer::applyVisibility() {
    actor_->SetVisibility(have_ && visible_);
    legend_->SetVisibility(have_ && visible_);
}

}  // namespace driftlab
