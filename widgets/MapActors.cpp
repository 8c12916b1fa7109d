#include "MapActors.h"

#include <vtkCoordinate.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkTextProperty.h>

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
    // Normalised, so that a render at another size (renderImage) keeps the proportions until
    // the layout is applied again.
    actor->GetPositionCoordinate()->SetValue(x / std::max(1, w), y / std::max(1, h));
}

}  // namespace driftlab
