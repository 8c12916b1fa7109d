#include "drift/SharpAdvection.h"

#include <stdexcept>

namespace driftlab {

SharpAdvection::SharpAdvection(std::shared_ptr<const AdvectionBaseline> remap, double sigmaCells,
                               int iterations)
    : remap_(std::move(remap)) {
    if (!remap_) throw std::invalid_argument("the sharp advection needs the remap");
    if (sigmaCells > 0.0) deconvolution_.emplace(remap_->fields().mask, sigmaCells, iterations);
}

void SharpAdvection::advect(int k, const float* in, float* out) const {
    if (!deconvolution_) {
        remap_->advect(k, in, out);
        return;
    }
    const std::size_t cells = remap_->fields().grid().cellCount();
    std::vector<float> histogram(cells), moved(cells);
    deconvolution_->deconvolve(in, histogram.data());
    remap_->advect(k, histogram.data(), moved.data());
    deconvolution_->smooth(moved.data(), out);
}

std::vector<float> SharpAdvection::advect(int k, const std::vector<float>& in) const {
    if (in.size() != remap_->fields().grid().cellCount())
        throw std::invalid_argument("the map does not match the currents' grid");
    std::vector<float> out(in.size());
    advect(k, in.data(), out.data());
    return out;
}

}  // namespace driftlab
