#pragma once
// Private to widgets/: in comparison mode, each cloud's centre (a cross) and spread (a circle of
// its rms radius, stats/CloudGeometry): the truth's in black and the prediction's in orange.
#include <vtkActor.h>
#include <vtkPolyData.h>
#include <vtkRenderer.h>

#include <cstdint>
#include <vector>

#include "MapActors.h"
#include "ocean/Grid.h"

namespace driftlab {

struct Cloud;

class CloudMarks {
public:
    explicit CloudMarks(vtkRenderer* data);
    // The two maps' clouds (display x = lon * kx); none unless both hold mass and the ocean
    // mask fits the grid.
    void set(const Grid& grid, const std::vector<std::uint8_t>& ocean, double kx,
             const std::vector<float>& truth, const std::vector<float>& predicted);
    void clear() { have_ = false; }
    void applyVisibility(bool shown);

private:
    void setCloud(int k, const Grid& grid, double kx, const Cloud& c);
    Ptr<vtkPolyData> lines_[2];
    Ptr<vtkActor> actors_[2];
    bool have_ = false;
};

}  // namespace driftlab
