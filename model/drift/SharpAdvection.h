#pragma once
// The advection a hybrid model's anchor uses (learn/TrainingConfig.h, AdvectionScheme): the
// remap of AdvectionBaseline itself, or the sharp advection, which undoes the maps' smoothing
// before the remap and redoes it after (drift/MapDeconvolution.h). With a smoothing of 0 (maps
// not smoothed, or smoothed by a producer that did not say how) it is the remap. The baseline
// a model is scored beside stays the plain remap (remap()).
#include <memory>
#include <optional>

#include "drift/AdvectionBaseline.h"
#include "drift/MapDeconvolution.h"

namespace driftlab {

class SharpAdvection {
public:
    static constexpr int kIterations = 50;  // Richardson-Lucy steps (docs/training.md)

    SharpAdvection(std::shared_ptr<const AdvectionBaseline> remap, double sigmaCells,
                   int iterations = kIterations);

    // out = `in` (the map on current-field day k) one day later.
    void advect(int k, const float* in, float* out) const;
    std::vector<float> advect(int k, const std::vector<float>& in) const;

    bool sharp() const { return deconvolution_.has_value(); }
    double sigmaCells() const { return sharp() ? deconvolution_->sigmaCells() : 0.0; }
    const std::shared_ptr<const AdvectionBaseline>& remap() const { return remap_; }

private:
    std::shared_ptr<const AdvectionBaseline> remap_;
    std::optional<MapDeconvolution> deconvolution_;
};

}  // namespace driftlab
