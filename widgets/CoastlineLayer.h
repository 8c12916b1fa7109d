#pragma once
// Private to widgets/: the coastline, a decoration. The GSHHG shoreline shipped as a resource
// where it covers the grid; elsewhere (imported currents) the edges between ocean and land
// cells.
#include <vtkActor.h>
#include <vtkRenderer.h>

#include <cstdint>
#include <vector>

#include "MapActors.h"
#include "ocean/Grid.h"

namespace driftlab {

class CoastlineLayer {
public:
    explicit CoastlineLayer(vtkRenderer* decorations) : decorations_(decorations) {}
    // Builds the lines for a grid (display x = lon * kx).
    void setGrid(const Grid& grid, const std::vector<std::uint8_t>& ocean, double kx);
    void setVisible(bool on) { visible_ = on; }
    void applyVisibility();

private:
    vtkRenderer* decorations_;
    Ptr<vtkActor> actor_;
    bool visible_ = true;
};

}  // namespace driftlab
