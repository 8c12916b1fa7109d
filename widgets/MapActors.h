#pragma once
// Private to widgets/: small VTK actor makers the map's layers share (VTK types inside).
#include <vtkActor.h>
#include <vtkPolyData.h>
#include <vtkSmartPointer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <string>

namespace driftlab {

template <class T>
using Ptr = vtkSmartPointer<T>;

// Lines of `data` in one colour and width. Opaque, like every layer VTK draws here: VTK's
// translucent pass does not leave premultiplied colours over the transparent background the
// compositor needs.
Ptr<vtkActor> lineActor(vtkPolyData* data, double r, double g, double b, double width);
// A one-line legend (12 px), hidden until its layer shows; MapView places it (MapLayout).
Ptr<vtkTextActor> legendActor(const char* text, double r, double g, double b);
// Places a text actor's anchor at (x, y) pixels from the top-left corner of a w x h view.
void placeText(vtkTextActor* actor, double x, double y, int w, int h);
// The width in pixels of the widest line of `text` drawn with `property` (0 for none).
double textWidth(vtkTextProperty* property, const std::string& text);

}  // namespace driftlab
