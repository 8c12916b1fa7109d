#pragma once
// Private to widgets/: in comparison mode, each cloud's centre (a cross) and spread (a circle of
// its rms radius, stats/CloudGeometry): the truth's in black, the prediction's in orange and,
// when given, the numerical-advection baseline's in blue.
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
    // The maps' clouds (display x = lon * kx); none unless truth and prediction hold mass and
    // the ocean mask fits the grid. `advected` (empty: none) adds the advection baseline's.
    void set(const Grid& grid, const std::vector<std::uint8_t>& ocean, double kx,
             const std::vector<float>& truth, const std::vector<float>& predicted,
             const std::vector<float>& advected = {});
    bool showsAdvection() const { return have_ && haveAdvection_; }
    void clear() { have_ = false; }
    void applyVisibility(bool shown);

private:
    void setCloud(int k, const Grid& grid, double kx, const Cloud& c);
    static constexpr int kClouds = 3;  // truth, prediction, advection
    Ptr<vtkPolyData> lines_[kClouds];
    Ptr<vtkActor> actors_[kClouds];
    bool have_ = false, haveAdvection_ = false;
};

}  // namespace driftlab
