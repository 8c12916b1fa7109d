#include "ReleaseLayer.h"

#include <vtkCellArray.h>
#include <vtkPoints.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>

#include <algorithm>

#include "ocean/Grid.h"

namespace driftlab {

ReleaseLayer::ReleaseLayer(vtkRenderer* data) {
    circle_->SetNumberOfSides(72);
    circle_->GeneratePolygonOff();
    circle_->GeneratePolylineOn();
    auto releaseMapper = Ptr<vtkPolyDataMapper>::New();
    releaseMapper->SetInputConnection(circle_->GetOutputPort());
    releaseActor_->SetMapper(releaseMapper);
    releaseActor_->GetProperty()->SetColor(0.0, 0.35, 0.75);
    releaseActor_->GetProperty()->SetLineWidth(2.0);
    releaseActor_->SetPosition(0, 0, 0.04);
    releaseActor_->VisibilityOff();
    data->AddActor(releaseActor_);

    auto particleMapper = Ptr<vtkPolyDataMapper>::New();
    particleMapper->SetInputData(particles_);
    particleMapper->ScalarVisibilityOff();
    particleActor_->SetMapper(particleMapper);
    particleActor_->GetProperty()->SetColor(0.0, 0.75, 0.25);
    particleActor_->GetProperty()->SetPointSize(2.5);
    particleActor_->SetPosition(0, 0, 0.045);
    particleActor_->VisibilityOff();
    data->AddActor(particleActor_);
}

void ReleaseLayer::setRelease(double lon, double lat, double radiusKm, double kx) {
    circle_->SetCenter(lon * kx, lat, 0.0);
    // Radius in degrees of latitude (display y); display x is scaled to match.
    circle_->SetRadius(std::max(radiusKm, 1.0) / (kEarthRadiusM / 1e3 * kDegToRad));
    releaseActor_->VisibilityOn();
}

void ReleaseLayer::clearRelease() {
    releaseActor_->VisibilityOff();
}

void ReleaseLayer::setParticles(const std::vector<float>& lon, const std::vector<float>& lat,
                                double kx) {
    const std::size_t n = std::min(lon.size(), lat.size());
    auto pts = Ptr<vtkPoints>::New();
    pts->SetNumberOfPoints(static_cast<vtkIdType>(n));
    auto verts = Ptr<vtkCellArray>::New();
    for (std::size_t k = 0; k < n; ++k) {
        pts->SetPoint(static_cast<vtkIdType>(k), lon[k] * kx, lat[k], 0.0);
        const vtkIdType id = static_cast<vtkIdType>(k);
        verts->InsertNextCell(1, &id);
    }
    particles_->SetPoints(pts);
    particles_->SetVerts(verts);
    particles_->Modified();
    particleCount_ = static_cast<int>(n);
    particleActor_->SetVisibility(n > 0);
}

}  // namespace driftlab
