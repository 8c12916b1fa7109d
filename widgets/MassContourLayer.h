#pragma once
// Private to widgets/: the contours of the regions holding 50 % (thick) and 90 % (thin) of a
// density map's mass, exactly the regions the IoU scores (MassRegionField). One map: crimson and
// orange. Comparison: the truth's in black and the prediction's in orange over them. A legend
// says which is which.
#include <vtkActor.h>
#include <vtkContourFilter.h>
#include <vtkImageData.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "MapActors.h"
#include "ocean/Grid.h"

namespace driftlab {

class MassContourLayer {
public:
    // The lines go on `data`, the legend on `decorations`.
    MassContourLayer(vtkRenderer* data, vtkRenderer* decorations);
    void setGrid(const Grid& grid, const std::vector<std::uint8_t>& ocean, double kx);
    // One map's contours; false if the size does not fit the grid.
    bool set(const std::vector<float>& density);
    // The truth's and the prediction's; false if the sizes do not fit the grid.
    // `withAdvection`: the legend also names the advection baseline's centre and spread (blue).
    bool setComparison(const std::vector<float>& truth, const std::vector<float>& predicted,
                       bool withAdvection = false);
    void clear();
    void setVisible(bool on) { visible_ = on; }
    bool visible() const { return visible_; }
    bool comparison() const { return comparison_; }
    void applyVisibility();
    vtkTextActor* legend() const { return legend_; }
    // The drawn line's vertices (lon, lat) of the `fraction` (0.5 or 0.9) region of the truth or
    // the prediction (for tests).
    std::vector<std::pair<double, double>> vertices(double fraction, bool predicted) const;

private:
    // One region's line: the field it is drawn from (MassRegionField), the filter and the actor.
    struct Line {
        Ptr<vtkImageData> field = Ptr<vtkImageData>::New();
        Ptr<vtkContourFilter> filter = Ptr<vtkContourFilter>::New();
        Ptr<vtkActor> actor;
        bool have = false;
    };
    // [0] the 50 % region, [1] the 90 %; the truth's (or the one map's) and the prediction's.
    Line truth_[2], predicted_[2];
    void makeLine(Line& line, vtkRenderer* data, double z);
    void setMap(Line (&lines)[2], const std::vector<float>& density);
    void setStyle(bool comparisonMode, bool withAdvection = false);

    Grid grid_;
    std::vector<std::uint8_t> ocean_;
    double kx_ = 1.0;
    Ptr<vtkTextActor> legend_;
    // A map was given (with or without mass): the legend stays while browsing, so it does not
    // come and go (and the decorations need not be drawn again) with every empty sample.
    bool set_ = false;
    bool visible_ = true, comparison_ = false;
};

}  // namespace driftlab
