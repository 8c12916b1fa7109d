#include "MassContourLayer.h"

#include <vtkFloatArray.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkTextProperty.h>

#include "MassRegionField.h"

namespace driftlab {

namespace {
constexpr double kFractions[2] = {0.5, 0.9};
}

MassContourLayer::MassContourLayer(vtkRenderer* data, vtkRenderer* decorations) {
    for (Line& line : truth_) makeLine(line, data, 0.03);
    // Over the truth's (drawn thicker), so both show where they coincide.
    for (Line& line : predicted_) makeLine(line, data, 0.035);
    predicted_[0].actor->GetProperty()->SetColor(1.0, 0.45, 0.0);
    predicted_[0].actor->GetProperty()->SetLineWidth(2.2);
    predicted_[1].actor->GetProperty()->SetColor(1.0, 0.45, 0.0);
    predicted_[1].actor->GetProperty()->SetLineWidth(1.2);
    legend_ = legendActor("", 0.4, 0.1, 0.2);
    decorations->AddActor2D(legend_);
    setStyle(false);
}

void MassContourLayer::makeLine(Line& line, vtkRenderer* data, double z) {
    line.filter->SetInputData(line.field);
    auto mapper = Ptr<vtkPolyDataMapper>::New();
    mapper->SetInputConnection(line.filter->GetOutputPort());
    mapper->ScalarVisibilityOff();
    line.actor = Ptr<vtkActor>::New();
    line.actor->SetMapper(mapper);
    line.actor->SetPosition(0, 0, z);
    line.actor->VisibilityOff();
    data->AddActor(line.actor);
}

void MassContourLayer::setGrid(const Grid& g, const std::vector<std::uint8_t>& ocean, double kx) {
    grid_ = g;
    ocean_ = ocean;
    kx_ = kx;
    for (Line* lines : {truth_, predicted_})
        for (int k = 0; k < 2; ++k) {
            lines[k].field->SetDimensions(g.nx, g.ny, 1);
            lines[k].field->SetOrigin(g.lon(0) * kx, g.lat(0), 0.0);
            lines[k].field->SetSpacing(g.dLon * kx, g.dLat, 1.0);
        }
    clear();
}

void MassContourLayer::clear() {
    for (Line* lines : {truth_, predicted_})
        for (int k = 0; k < 2; ++k) lines[k].have = false;
    set_ = false;
}

void MassContourLayer::setMap(Line (&lines)[2], const std::vector<float>& density) {
    for (int k = 0; k < 2; ++k) {
        const MassRegionField region = massRegionField(density, ocean_, kFractions[k]);
        lines[k].have = !region.empty();
        if (!lines[k].have) continue;
        auto values = Ptr<vtkFloatArray>::New();
        values->SetName("region");
        values->SetNumberOfValues(static_cast<vtkIdType>(region.values.size()));
        for (std::size_t c = 0; c < region.values.size(); ++c)
            values->SetValue(static_cast<vtkIdType>(c), region.values[c]);
        lines[k].field->GetPointData()->SetScalars(values);
        lines[k].field->Modified();
        lines[k].filter->SetValue(0, region.level);
    }
}

bool MassContourLayer::set(const std::vector<float>& density) {
    if (density.size() != grid_.cellCount()) return false;
    setStyle(false);
    setMap(truth_, density);
    for (Line& line : predicted_) line.have = false;
    set_ = true;
    return true;
}

bool MassContourLayer::setComparison(const std::vector<float>& truth,
                                     const std::vector<float>& predicted, bool withAdvection) {
    const std::size_t n = grid_.cellCount();
    if (truth.size() != n || predicted.size() != n) return false;
    setStyle(true, withAdvection);
    setMap(truth_, truth);
    setMap(predicted_, predicted);
    set_ = true;
    return true;
}

void MassContourLayer::setStyle(bool comparisonMode, bool withAdvection) {
    comparison_ = comparisonMode;
    vtkProperty* p50 = truth_[0].actor->GetProperty();
    vtkProperty* p90 = truth_[1].actor->GetProperty();
    if (comparisonMode) {
        p50->SetColor(0.0, 0.0, 0.0);
        p50->SetLineWidth(4.0);
        p90->SetColor(0.0, 0.0, 0.0);
        p90->SetLineWidth(2.4);
        // Short enough for a side-by-side half view.
        legend_->SetInput(withAdvection ? "truth black, model orange: 50 % / 90 % contours, "
                                          "centre + spread (advection blue)"
                                        : "truth black, model orange: 50 % / 90 % contours, "
                                          "centre + spread");
        legend_->GetTextProperty()->SetColor(0.1, 0.1, 0.1);
    } else {
        p50->SetColor(0.75, 0.05, 0.35);
        p50->SetLineWidth(2.5);
        p90->SetColor(0.95, 0.5, 0.05);
        p90->SetLineWidth(1.8);
        legend_->SetInput("contours: 50 % (crimson) and 90 % (orange) of the mass");
        legend_->GetTextProperty()->SetColor(0.4, 0.1, 0.2);
    }
}

void MassContourLayer::applyVisibility() {
    for (const Line& line : truth_) line.actor->SetVisibility(line.have && visible_);
    for (const Line& line : predicted_)
        line.actor->SetVisibility(comparison_ && line.have && visible_);
    legend_->SetVisibility(set_ && visible_);
}

std::vector<std::pair<double, double>> MassContourLayer::vertices(double fraction,
                                                                  bool predicted) const {
    std::vector<std::pair<double, double>> out;
    const Line& line = (predicted ? predicted_ : truth_)[fraction > 0.7 ? 1 : 0];
    if (!line.have) return out;
    line.filter->Update();
    vtkPolyData* lines = line.filter->GetOutput();
    for (vtkIdType k = 0; k < lines->GetNumberOfPoints(); ++k) {
        double p[3];
        lines->GetPoint(k, p);
        out.emplace_back(p[0] / kx_, p[1]);
    }
    return out;
}

}  // namespace driftlab
