#include "learn/LearningRateSchedule.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace driftlab {

LearningRateSchedule::LearningRateSchedule(double peak, double warmupFraction, long totalSteps) {
    s_.peak = peak;
    s_.totalSteps = std::max(1L, totalSteps);
    s_.warmupSteps = std::min(s_.totalSteps - 1,
                              std::lround(warmupFraction * static_cast<double>(s_.totalSteps)));
    s_.warmupSteps = std::max(0L, s_.warmupSteps);
    s_.segmentStart = s_.warmupSteps;
    s_.segmentRate = peak;
}

double LearningRateSchedule::at(long step) const {
    if (step < s_.warmupSteps)
        return s_.peak * static_cast<double>(step + 1) / static_cast<double>(s_.warmupSteps);
    const long span = s_.totalSteps - s_.segmentStart;
    if (step >= s_.totalSteps || span <= 0) return floorRate();
    const double t = static_cast<double>(step - s_.segmentStart) / static_cast<double>(span);
    return floorRate() +
           (s_.segmentRate - floorRate()) * 0.5 * (1.0 + std::cos(std::numbers::pi * t));
}

void LearningRateSchedule::extend(long currentStep, long newTotalSteps) {
    newTotalSteps = std::max(newTotalSteps, currentStep + 1);
    if (currentStep >= s_.warmupSteps) {
        s_.segmentRate = std::max(at(currentStep), 0.5 * s_.peak);
        s_.segmentStart = currentStep;
    }
    s_.totalSteps = newTotalSteps;
}

void LearningRateSchedule::replan(long currentStep, long newTotalSteps) {
    newTotalSteps = std::max(newTotalSteps, currentStep + 1);
    if (currentStep >= s_.warmupSteps) {
        s_.segmentRate = at(currentStep);
        s_.segmentStart = currentStep;
    }
    s_.totalSteps = newTotalSteps;
}

}  // namespace driftlab
