#include "DebiasedEma.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace driftlab {

DebiasedEma::DebiasedEma(double beta) : beta_(std::clamp(beta, 0.0, 0.999999)) {}

double DebiasedEma::add(double x) {
    if (!std::isfinite(x)) return x;
    sum_ = beta_ * sum_ + (1 - beta_) * x;
    weight_ = beta_ * weight_ + (1 - beta_);  // = 1 - b^k
    ++count_;
    return sum_ / weight_;
}

double DebiasedEma::value() const {
    return count_ == 0 ? std::numeric_limits<double>::quiet_NaN() : sum_ / weight_;
}

std::vector<double> DebiasedEma::smooth(const std::vector<double>& values, double beta) {
    DebiasedEma ema(beta);
    std::vector<double> out;
    out.reserve(values.size());
    for (double x : values) out.push_back(ema.add(x));
    return out;
}

}  // namespace driftlab
