#pragma once
// Private to widgets/: the currents as arrows on a regular subset of the cells, with a legend
// giving their scale.
#include <vtkActor.h>
#include <vtkGlyph3D.h>
#include <vtkPolyData.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>

#include <cstdint>
#include <vector>

#include "MapActors.h"
#include "ocean/Grid.h"

namespace driftlab {

class ArrowLayer {
public:
    // The arrows go on `data`, the legend on `decorations`.
    ArrowLayer(vtkRenderer* data, vtkRenderer* decorations);
    // u, v in m/s on the grid (display x = lon * kx); false if the sizes do not fit.
    bool set(const Grid& grid, const std::vector<std::uint8_t>& ocean, double kx,
             const std::vector<float>& u, const std::vector<float>& v);
    void clear() { have_ = false; }
    void setVisible(bool on) { visible_ = on; }
    void applyVisibility();
    vtkTextActor* legend() const { return legend_; }

private:
    Ptr<vtkPolyData> points_ = Ptr<vtkPolyData>::New();
    Ptr<vtkGlyph3D> glyphs_ = Ptr<vtkGlyph3D>::New();
    Ptr<vtkActor> actor_ = Ptr<vtkActor>::New();
    Ptr<vtkTextActor> legend_;
    bool have_ = false, visible_ = true;
};

}  // namespace driftlab
