#include "drift/AdvectionBaseline.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace driftlab {

AdvectionBaseline::AdvectionBaseline(CurrentFields fields, AdvectionOptions options,
                                     std::size_t budgetBytes)
    : fields_(std::move(fields)), options_(options), budget_(budgetBytes) {
    options_.validate();
}

std::shared_ptr<const AdvectionTransfer> AdvectionBaseline::transfer(int k) const {
    if (k < 0 || k + 1 >= fields_.days)
        throw std::invalid_argument("advection from current day " + std::to_string(k) +
                                    " needs day " + std::to_string(k + 1) + ", the currents have " +
                                    std::to_string(fields_.days) + " days");
    {
        std::lock_guard lock(mutex_);
        if (auto it = cache_.find(k); it != cache_.end()) return it->second;
    }
    // Built outside the lock, so threads build different days at once; two threads that race
    // for the same day build the same remap and the second one is dropped.
    auto built = std::make_shared<const AdvectionTransfer>(
        buildAdvectionTransfer(fields_.mask, fields_.uDay(k), fields_.vDay(k), fields_.uDay(k + 1),
                               fields_.vDay(k + 1), options_));
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(k); it != cache_.end()) return it->second;
    bytes_ += built->bytes();
    cache_.emplace(k, built);
    order_.push_back(k);
    while (bytes_ > budget_ && order_.size() > 1) {
        const int oldest = order_.front();
        order_.erase(order_.begin());
        bytes_ -= cache_.at(oldest)->bytes();
        cache_.erase(oldest);
    }
    return built;
}

void AdvectionBaseline::advect(int k, const float* in, float* out) const {
    applyAdvectionTransfer(*transfer(k), in, out, fields_.grid().cellCount());
}

std::vector<float> AdvectionBaseline::advect(int k, const std::vector<float>& in) const {
    if (in.size() != fields_.grid().cellCount())
        throw std::invalid_argument("the map does not match the currents' grid");
    std::vector<float> out(in.size());
    advect(k, in.data(), out.data());
    return out;
}

std::vector<std::vector<float>> AdvectionBaseline::rollout(int k, const std::vector<float>& day0,
                                                           int days) const {
    std::vector<std::vector<float>> maps{day0};
    for (int d = 1; d <= days; ++d) maps.push_back(advect(k + d - 1, maps.back()));
    return maps;
}

std::size_t AdvectionBaseline::cachedBytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

}  // namespace driftlab
