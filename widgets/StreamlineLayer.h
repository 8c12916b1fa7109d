#pragma once
// Private to widgets/: streamlines (ocean/Streamlines.h) as thin dark-blue lines with an
// arrowhead in the direction of the flow at the middle of each (and every few separations along
// long ones), under the arrows and contours, with a legend.
#include <vtkActor.h>
#include <vtkPolyData.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>

#include <vector>

#include "MapActors.h"
#include "ocean/Grid.h"
#include "ocean/Streamlines.h"

namespace driftlab {

class StreamlineLayer {
public:
    // The lines go on `data`, the legend on `decorations`.
    StreamlineLayer(vtkRenderer* data, vtkRenderer* decorations);
    void set(const Grid& grid, double kx, const std::vector<Streamline>& lines);
    void clear() { have_ = false; }
    void setVisible(bool on) { visible_ = on; }
    void applyVisibility();
    int shownCount() const { return have_ && visible_ ? count_ : 0; }
    vtkTextActor* legend() const { return legend_; }

private:
    Ptr<vtkPolyData> lines_ = Ptr<vtkPolyData>::New();
    Ptr<vtkActor> actor_;
    Ptr<vtkTextActor> legend_;
    int count_ = 0;
    bool have_ = false, visible_ = false;
};

}  // namespace driftlab
