#include "CloudMarks.h"

#include <vtkCellArray.h>
#include <vtkPoints.h>

#include <algorithm>
#include <cmath>

#include "stats/CloudGeometry.h"

namespace driftlab {

CloudMarks::CloudMarks(vtkRenderer* data) {
    constexpr double kColours[kClouds][3] = {{0.0, 0.0, 0.0}, {1.0, 0.45, 0.0}, {0.1, 0.35, 0.95}};
    for (int k = 0; k < kClouds; ++k) {
        lines_[k] = Ptr<vtkPolyData>::New();
        actors_[k] = lineActor(lines_[k], kColours[k][0], kColours[k][1], kColours[k][2], 1.6);
        actors_[k]->SetPosition(0, 0, 0.036);
        actors_[k]->VisibilityOff();
        data->AddActor(actors_[k]);
    }
}

void CloudMarks::set(const Grid& grid, const std::vector<std::uint8_t>& ocean, double kx,
                     const std::vector<float>& truth, const std::vector<float>& predicted,
                     const std::vector<float>& advected) {
    const std::size_t n = grid.cellCount();
    have_ = haveAdvection_ = false;
    if (ocean.size() != n || truth.size() != n || predicted.size() != n) return;
    const CloudGeometry geometry(grid, ocean, 1);
    const Cloud t = geometry.cloud(truth.data()), p = geometry.cloud(predicted.data());
    have_ = !t.empty() && !p.empty();
    if (!have_) return;
    setCloud(0, grid, kx, t);
    setCloud(1, grid, kx, p);
    if (advected.size() == n) {
        const Cloud a = geometry.cloud(advected.data());
        haveAdvection_ = !a.empty();
        if (haveAdvection_) setCloud(2, grid, kx, a);
    }
}

void CloudMarks::setCloud(int k, const Grid& grid, double kx, const Cloud& c) {
    auto pts = Ptr<vtkPoints>::New();
    auto lines = Ptr<vtkCellArray>::New();
    const double r = c.spreadKm / (kEarthRadiusM / 1e3 * kDegToRad);  // degrees of latitude
    const double x0 = c.lon * kx, y0 = c.lat;
    constexpr int kSides = 72;
    for (int s = 0; s < kSides; ++s) {
        const double a = 2 * kPi * s / kSides;
        pts->InsertNextPoint(x0 + r * std::cos(a), y0 + r * std::sin(a), 0.0);
    }
    lines->InsertNextCell(kSides + 1);
    for (int s = 0; s <= kSides; ++s) lines->InsertCellPoint(s % kSides);
    // The centre: a cross a fifth of the radius wide (at least a tenth of a cell).
    const double h = std::max(0.2 * r, 0.1 * grid.dLat);
    const vtkIdType a = pts->InsertNextPoint(x0 - h, y0, 0.0);
    const vtkIdType b = pts->InsertNextPoint(x0 + h, y0, 0.0);
    const vtkIdType p = pts->InsertNextPoint(x0, y0 - h, 0.0);
    const vtkIdType q = pts->InsertNextPoint(x0, y0 + h, 0.0);
    const vtkIdType ab[2] = {a, b}, pq[2] = {p, q};
    lines->InsertNextCell(2, ab);
    lines->InsertNextCell(2, pq);
    lines_[k]->SetPoints(pts);
    lines_[k]->SetLines(lines);
    lines_[k]->Modified();
}

void CloudMarks::applyVisibility(bool shown) {
    for (int k = 0; k < kClouds; ++k)
        actors_[k]->SetVisibility(shown && have_ && (k < 2 || haveAdvection_));
}

}  // namespace driftlab
