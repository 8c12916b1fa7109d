#pragma once
// A small, portable, seedable random generator (xoshiro256**, seeded by splitmix64), so the same
// seed gives the same numbers on every platform and standard library.
#include <cmath>
#include <cstdint>

namespace driftlab {

inline std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

class Random {
public:
    // Independent streams: Random(seed, stream) for stream = release index, eddy table, ...
    explicit Random(std::uint64_t seed, std::uint64_t stream = 0) {
        std::uint64_t sm = seed ^ (0xd1b54a32d192ed03ULL * (stream + 1));
        for (auto& w : s_) w = splitmix64(sm);
    }
    std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    int uniformInt(int n) { return static_cast<int>(uniform() * n); }  // [0, n)
    double normal() {                       // Box-Muller, one value per call
        const double u1 = 1.0 - uniform();  // (0, 1]
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    int poisson(double mean) {  // Knuth; fine for the small means used here
        const double limit = std::exp(-mean);
        int k = 0;
        double p = uniform();
        while (p > limit) {
            ++k;
            p *= uniform();
        }
        return k;
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4];
};

}  // namespace driftlab
