#pragma once
// Private to widgets/: the map's scalar field and its colour bar. One colour per grid cell (the
// lookup table applied on the CPU), scaled up to the view by MapCompositor, nearest-neighbour,
// under everything VTK draws; land (not ocean) cells in a land colour.
#include <vtkImageData.h>
#include <vtkImageMapToColors.h>
#include <vtkLookupTable.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkTextActor.h>

#include <QRectF>
#include <QSize>
#include <QString>
#include <cstdint>
#include <optional>
#include <vector>

#include "MapActors.h"
#include "MapCompositor.h"
#include "MapView.h"
#include "ocean/Grid.h"

namespace driftlab {

class ScalarFieldLayer {
public:
    // The colour bar goes on `colourBarLayer`.
    explicit ScalarFieldLayer(vtkRenderer* colourBarLayer);

    // A new grid (display x = lon * kx): no field until set().
    void setGrid(const Grid& grid, const std::vector<std::uint8_t>& ocean, double kx);
    // False (and nothing changes) when the values do not fit the grid.
    bool set(const ScalarLayer& layer);
    void clear() { have_ = false; }
    void setVisible(bool on) { visible_ = on; }
    void setColourBarVisible(bool on) { colourBarVisible_ = on; }
    bool showing() const { return have_ && visible_; }
    bool showingColourBar() const { return showing() && colourBarVisible_; }
    void applyVisibility();

    // The colour bar's title: on one line under a horizontal bar, else wrapped in a view
    // narrower than 900 pixels.
    QString title(int viewWidth, bool horizontal) const;
    vtkTextProperty* titleProperty() const { return colourBar_->GetTitleTextProperty(); }
    // Puts the colour bar in `box` (pixels, y down) of a view: vertical with its title at the
    // top of the box, or horizontal (bar and labels) with its title centred on `titleAt` (the
    // text's bottom centre, above the box).
    void placeColourBar(const QRectF& box, QSize view, bool horizontal, QPointF titleAt);
    std::pair<double, double> range() const { return {lo_, hi_}; }
    std::optional<double> valueAt(double lon, double lat) const;
    // The cells' colours and where they lie, for the compositor (none when hidden).
    FieldRaster raster();

private:
    Grid grid_;
    std::vector<std::uint8_t> ocean_;
    double kx_ = 1.0;
    Ptr<vtkImageData> cells_ = Ptr<vtkImageData>::New();
    Ptr<vtkImageMapToColors> colours_ = Ptr<vtkImageMapToColors>::New();
    Ptr<vtkScalarBarActor> colourBar_ = Ptr<vtkScalarBarActor>::New();
    // A horizontal bar's title: vtkScalarBarActor puts its own over the labels.
    Ptr<vtkTextActor> horizontalTitle_ = Ptr<vtkTextActor>::New();
    bool horizontal_ = false;
    std::vector<float> values_;
    double lo_ = 0, hi_ = 1;
    // The lookup table drawn and what it was made from: the same colours as the sample before
    // (a range fixed over the dataset) keep the table, or the colour bar lays out and
    // rasterises its labels again for nothing.
    struct LutKey {
        QString colorMap;
        double lo = 0, hi = 0;
        bool logScale = false;
        bool operator==(const LutKey&) const = default;
    };
    Ptr<vtkLookupTable> lut_;
    LutKey lutKey_;
    QString title_;
    bool have_ = false, visible_ = true, colourBarVisible_ = true;
};

}  // namespace driftlab
