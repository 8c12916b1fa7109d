#pragma once
// Private to widgets/: where the particles start (a blue circle of the release's radius) and,
// on demand, the particles themselves as small green dots (apart from the density's purples,
// the truth's black and the model's orange).
#include <vtkActor.h>
#include <vtkPolyData.h>
#include <vtkRegularPolygonSource.h>
#include <vtkRenderer.h>

#include <vector>

#include "MapActors.h"

namespace driftlab {

class ReleaseLayer {
public:
    explicit ReleaseLayer(vtkRenderer* data);
    // (display x = lon * kx)
    void setRelease(double lon, double lat, double radiusKm, double kx);
    void clearRelease();
    // An empty list hides them.
    void setParticles(const std::vector<float>& lon, const std::vector<float>& lat, double kx);
    int particleCount() const { return particleCount_; }

private:
    Ptr<vtkRegularPolygonSource> circle_ = Ptr<vtkRegularPolygonSource>::New();
    Ptr<vtkActor> releaseActor_ = Ptr<vtkActor>::New();
    Ptr<vtkPolyData> particles_ = Ptr<vtkPolyData>::New();
    Ptr<vtkActor> particleActor_ = Ptr<vtkActor>::New();
    int particleCount_ = 0;
};

}  // namespace driftlab
