#include "MapActors.h"

#include <vtkCoordinate.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkTextProperty.h>
#include <vtkTextRenderer.h>

#include <algorithm>

namespace driftlab {

Ptr<vtkActor> lineActor(vtkPolyData* data, double r, double g, double b, double width) {
    auto mapper = Ptr<vtkPolyDataMapper>::New();
    mapper->SetInputData(data);
    mapper->ScalarVisibilityOff();
    auto actor = Ptr<vtkActor>::New();
    actor->SetMapper(mapper);
    actor->GetProperty()->SetColor(r, g, b);
    actor->GetProperty()->SetLineWidth(width);
    return actor;
}

Ptr<vtkTextActor> legendActor(const char* text, double r, double g, double b) {
    auto actor = Ptr<vtkTextActor>::New();
    actor->SetInput(text);
    actor->GetTextProperty()->SetFontSize(12);
    actor->GetTextProperty()->SetColor(r, g, b);
    actor->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    actor->VisibilityOff();
    return actor;
}

void placeText(vtkTextActor* actor, double x, double y, int w, int h) {
    actor->GetPositionCoordinate()->SetValue(x / std::max(1, w), 1.0 - y / std::max(1, h));
}

double textWidth(vtkTextProperty* property, const std::string& text) {
    if (text.empty()) return 0;
    int box[4] = {0, 0, 0, 0};
    // 72 dpi: VTK's font sizes are then pixels, as the render window draws them.
    if (!vtkTextRenderer::GetInstance() ||
        !vtkTextRenderer::GetInstance()->GetBoundingBox(property, text, box, 72))
        return 7.5 * static_cast<double>(text.size());  // about a character's width
    return box[1] - box[0];
}

}  // namespace driftlab
