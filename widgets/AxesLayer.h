#pragma once
// Private to widgets/: the map's frame with longitude / latitude ticks and labels, a
// decoration.
#include <vtkActor.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>

#include <vector>

#include "MapActors.h"
#include "ocean/Grid.h"

namespace driftlab {

class AxesLayer {
public:
    explicit AxesLayer(vtkRenderer* decorations) : decorations_(decorations) {}
    // Builds the frame around a grid (display x = lon * kx).
    void setGrid(const Grid& grid, double kx);
    // How far the labels stand off the grid's edges, display units.
    static double labelOffset(const Grid& grid);
    void setVisible(bool on) { visible_ = on; }
    void applyVisibility();

private:
    vtkRenderer* decorations_;
    Ptr<vtkActor> frame_;
    std::vector<Ptr<vtkTextActor>> labels_;
    bool visible_ = true;
};

}  // namespace driftlab
