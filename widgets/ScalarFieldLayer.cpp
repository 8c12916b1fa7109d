#include "ScalarFieldLayer.h"

#include <vtkCoordinate.h>
#include <vtkFloatArray.h>
#include <vtkPointData.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>

#include <QStringList>
#include <algorithm>
#include <cmath>

#include "ColorMap.h"
#include "VtkLookupTable.h"

namespace driftlab {

namespace {

// A colour-bar title for a narrow view (half a window, side by side): each line broken at its
// middle space, so the title stays within the view's right margin.
QString wrapTitle(const QString& title) {
    QStringList out;
    for (const QString& line : title.split('\n')) {
        const int middle = line.size() / 2;
        int best = -1;
        for (int k = 0; k < line.size(); ++k)
            if (line[k] == ' ' && (best < 0 || std::abs(k - middle) < std::abs(best - middle)))
                best = k;
        if (line.size() <= 12 || best < 0) {
            out << line;
        } else {
            out << line.left(best) << line.mid(best + 1);
        }
    }
    return out.join('\n');
}

}  // namespace

ScalarFieldLayer::ScalarFieldLayer(vtkRenderer* colourBarLayer) {
    colours_->SetInputData(cells_);
    colours_->SetOutputFormatToRGB();
    colourBar_->SetOrientationToVertical();
    colourBar_->SetNumberOfLabels(5);
    colourBar_->SetLabelFormat("%-#6.3g");
    colourBar_->SetTitleRatio(0.5);
    colourBar_->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    colourBar_->SetVerticalTitleSeparation(12);
    colourBar_->UnconstrainedFontSizeOn();
    for (vtkTextProperty* t :
         {colourBar_->GetTitleTextProperty(), colourBar_->GetLabelTextProperty()}) {
        t->SetColor(0.1, 0.1, 0.1);
        t->SetFontSize(13);
        t->ShadowOff();
        t->ItalicOff();
        t->BoldOff();
    }
    colourBar_->VisibilityOff();
    colourBarLayer->AddActor2D(colourBar_);
    horizontalTitle_->GetTextProperty()->ShallowCopy(colourBar_->GetTitleTextProperty());
    horizontalTitle_->GetTextProperty()->SetJustificationToCentered();
    horizontalTitle_->GetTextProperty()->SetVerticalJustificationToBottom();
    horizontalTitle_->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    horizontalTitle_->VisibilityOff();
    colourBarLayer->AddActor2D(horizontalTitle_);
}

void ScalarFieldLayer::setGrid(const Grid& g, const std::vector<std::uint8_t>& ocean,
                               double kx) {
    grid_ = g;
    ocean_ = ocean;
    kx_ = kx;
    cells_->SetDimensions(g.nx, g.ny, 1);
    cells_->SetOrigin(g.lon(0) * kx, g.lat(0), 0.0);
    cells_->SetSpacing(g.dLon * kx, g.dLat, 1.0);
    have_ = false;
}

bool ScalarFieldLayer::set(const ScalarLayer& layer) {
    if (layer.values.size() != grid_.cellCount()) return false;
    values_ = layer.values;
    auto values = Ptr<vtkFloatArray>::New();
    values->SetName("values");
    values->SetNumberOfValues(static_cast<vtkIdType>(grid_.cellCount()));
    for (std::size_t c = 0; c < grid_.cellCount(); ++c)
        values->SetValue(static_cast<vtkIdType>(c),
                         ocean_.empty() || ocean_[c] ? layer.values[c] : NAN);
    cells_->GetPointData()->SetScalars(values);
    double lo = layer.lo, hi = layer.hi;
    if (layer.logScale) lo = std::max(lo, hi * 1e-6);
    if (!(hi > lo)) hi = lo + (lo == 0 ? 1.0 : std::abs(lo) * 1e-3);
    lo_ = lo;
    hi_ = hi;
    const LutKey key{layer.colorMap, lo, hi, layer.logScale};
    if (!lut_ || !(key == lutKey_)) {
        auto lut = makeLookupTable(ColorMap::builtin(layer.colorMap), lo, hi, layer.logScale);
        lut->SetNanColor(0.80, 0.78, 0.74, 1.0);  // land
        lut->SetUseBelowRangeColor(true);
        const auto first = ColorMap::builtin(layer.colorMap).table().front();
        lut->SetBelowRangeColor(first[0], first[1], first[2], 1.0);
        colours_->SetLookupTable(lut);
        colourBar_->SetLookupTable(lut);
        lut_ = lut;
        lutKey_ = key;
    }
    cells_->Modified();
    title_ = layer.units.isEmpty() ? layer.title : layer.title + "\n(" + layer.units + ")";
    have_ = true;
    return true;
}

void ScalarFieldLayer::applyVisibility() {
    colourBar_->SetVisibility(showingColourBar());
    horizontalTitle_->SetVisibility(showingColourBar() && horizontal_);
}

QString ScalarFieldLayer::title(int viewWidth, bool horizontal) const {
    if (horizontal) return QString(title_).replace('\n', ' ');
    return viewWidth < 900 ? wrapTitle(title_) : title_;
}

void ScalarFieldLayer::placeColourBar(const QRectF& box, QSize view, bool horizontal,
                                      QPointF titleAt) {
    const double W = std::max(1, view.width()), H = std::max(1, view.height());
    horizontal_ = horizontal;
    colourBar_->SetOrientation(horizontal ? VTK_ORIENT_HORIZONTAL : VTK_ORIENT_VERTICAL);
    // Horizontal: the bar on top, the labels under it.
    colourBar_->SetTextPosition(horizontal ? vtkScalarBarActor::PrecedeScalarBar
                                           : vtkScalarBarActor::SucceedScalarBar);
    colourBar_->GetPositionCoordinate()->SetValue(box.left() / W, 1.0 - box.bottom() / H);
    colourBar_->SetWidth(box.width() / W);
    colourBar_->SetHeight(box.height() / H);
    // A bar 16 pixels thick, the labels beside (below) it.
    colourBar_->SetBarRatio(
        std::min(0.5, 16.0 / std::max(1.0, horizontal ? box.height() : box.width())));
    const std::string text = title(view.width(), horizontal).toStdString();
    colourBar_->SetTitle(horizontal ? "" : text.c_str());
    horizontalTitle_->SetInput(text.c_str());
    horizontalTitle_->GetPositionCoordinate()->SetValue(titleAt.x() / W, 1.0 - titleAt.y() / H);
    applyVisibility();
}

std::optional<double> ScalarFieldLayer::valueAt(double lon, double lat) const {
    const Grid& g = grid_;
    if (!have_ || !g.contains(lon, lat)) return std::nullopt;
    const int i = std::min(static_cast<int>((lon - g.lonMin) / g.dLon), g.nx - 1);
    const int j = std::min(static_cast<int>((lat - g.latMin) / g.dLat), g.ny - 1);
    const std::size_t c = static_cast<std::size_t>(j) * g.nx + i;
    if (!ocean_.empty() && !ocean_[c]) return std::nullopt;
    return values_[c];
}

FieldRaster ScalarFieldLayer::raster() {
    FieldRaster field;
    if (!showing()) return field;
    colours_->Update();
    auto* rgb =
        vtkUnsignedCharArray::SafeDownCast(colours_->GetOutput()->GetPointData()->GetScalars());
    if (!rgb || rgb->GetNumberOfComponents() != 3 ||
        rgb->GetNumberOfTuples() != static_cast<vtkIdType>(grid_.cellCount()))
        return field;
    field.rgb = rgb->GetPointer(0);
    field.nx = grid_.nx;
    field.ny = grid_.ny;
    field.dx = grid_.dLon * kx_;
    field.dy = grid_.dLat;
    // Whole cells around the cell centres, the edge cells included.
    field.x0 = grid_.lon(0) * kx_ - 0.5 * field.dx;
    field.y0 = grid_.lat(0) - 0.5 * field.dy;
    return field;
}

}  // namespace driftlab
