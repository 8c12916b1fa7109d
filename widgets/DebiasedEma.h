#pragma once
// Exponential moving average with the start-up bias removed (TensorBoard's smoothing):
//   s_k = b s_{k-1} + (1 - b) x_k,  s_0 = 0,  shown value s_k / (1 - b^k).
// Without the division the first points would be pulled towards 0. Non-finite inputs (a
// diverged loss) pass through unchanged and do not enter the average.
#include <vector>

namespace driftlab {

class DebiasedEma {
public:
    explicit DebiasedEma(double beta);  // beta in [0, 1); 0 returns the raw values
    double add(double x);               // the smoothed value after x
    double value() const;               // the last smoothed value (NaN before any input)
    int count() const { return count_; }

    static std::vector<double> smooth(const std::vector<double>& values, double beta);

private:
    double beta_;
    double sum_ = 0;     // s_k
    double weight_ = 0;  // 1 - b^k, kept as a running product to avoid pow()
    int count_ = 0;
};

}  // namespace driftlab
