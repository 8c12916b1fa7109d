#include <gtest/gtest.h>

#include <cmath>
#include <complex>

#include "drift/Advector.h"
#include "model/TestSupport.h"

using namespace driftlab;
using driftlab::test::makeFields;

namespace {

constexpr double kDay = 86400.0;
const Grid kGrid = Grid::fromExtent(0.0, 4.0, 40.0, 44.0, 1.0 / 16.0);  // 64 x 64 cells
constexpr double kXc = 32.0, kYc = 32.0;
const double kOmega = 2.0 * kPi / (2.0 * kDay);  // one turn in two days

// Solid-body rotation about (kXc, kYc) in grid units, written as u, v in m/s.
CurrentFields rotation() {
    return makeFields(kGrid, 3, [](int i, int j, int, double& u, double& v) {
        const double x = i + 0.5 - kXc, y = j + 0.5 - kYc;
        u = -kOmega * y * kGrid.cellWidthM(j);
        v = kOmega * x * kGrid.cellHeightM();
    });
}

std::complex<double> rotate(const CurrentFields& f, double dtHours, int steps) {
    const Advector adv(f);
    Particles p;
    p.x = {kXc + 10.0};
    p.y = {kYc};
    p.state = {ParticleState::Active};
    Random rng(1);
    const double dt = dtHours * 3600.0;
    for (int s = 0; s < steps; ++s) adv.step(p, s * dt, dt, rng);
    EXPECT_EQ(p.state[0], ParticleState::Active);
    return {p.x[0] - kXc, p.y[0] - kYc};
}

}  // namespace

TEST(Advector, Rk4OnSolidBodyRotationMatchesItsAmplificationFactor) {
    // For dz/dt = i w z, one RK4 step multiplies z by R = 1 + q + q^2/2 + q^3/6 + q^4/24, q = i w
    // dt. The advector must reproduce R^n exactly (up to float32 field storage), and R^n stays
    // within RK4's error bound of the true rotation.
    const CurrentFields f = rotation();
    for (double dtHours : {6.0, 3.0, 1.0}) {
        const int steps = static_cast<int>(std::lround(48.0 / dtHours));  // one full turn
        const std::complex<double> q(0.0, kOmega * dtHours * 3600.0);
        const std::complex<double> r =
            1.0 + q + q * q / 2.0 + q * q * q / 6.0 + q * q * q * q / 24.0;
        const std::complex<double> z0(10.0, 0.0);
        const std::complex<double> expected = std::pow(r, steps) * z0;
        const std::complex<double> got = rotate(f, dtHours, steps);
        EXPECT_LT(std::abs(got - expected), 1e-4) << "dt " << dtHours << " h";
        // Global error of RK4 ~ n * |w dt|^5 / 120 * |z0|.
        const double bound =
            steps * std::pow(kOmega * dtHours * 3600.0, 5) / 120.0 * 10.0 * 1.1 + 1e-4;
        EXPECT_LT(std::abs(got - z0), bound) << "dt " << dtHours << " h";
    }
}

TEST(Advector, Rk4ConvergesAtFourthOrder) {
    const CurrentFields f = rotation();
    const std::complex<double> z0(10.0, 0.0);
    const double e6 = std::abs(rotate(f, 6.0, 8) - z0);
    const double e3 = std::abs(rotate(f, 3.0, 16) - z0);
    EXPECT_GT(e6 / e3, 12.0);  // 2^4 = 16 in the limit
    EXPECT_LT(e6 / e3, 40.0);
}

TEST(Advector, LinearInTimeBetweenDays) {
    // u grows linearly from 0.1 to 0.3 m/s over the first day: RK4 integrates that exactly.
    const CurrentFields f = makeFields(kGrid, 2, [](int, int, int k, double& u, double& v) {
        u = k == 0 ? 0.1 : 0.3;
        v = 0.0;
    });
    const Advector adv(f);
    Particles p;
    p.x = {10.0};
    p.y = {20.5};
    p.state = {ParticleState::Active};
    Random rng(1);
    for (int s = 0; s < 4; ++s) adv.step(p, s * 21600.0, 21600.0, rng);
    const double metres = 0.2 * kDay;  // mean speed x one day
    EXPECT_NEAR(p.x[0] - 10.0, metres / kGrid.cellWidthM(20), 1e-5);
    EXPECT_NEAR(p.y[0], 20.5, 1e-12);
}

TEST(Advector, ParticlesStopOnLandAndLeaveAtTheEdge) {
    CurrentFields f = makeFields(kGrid, 2, [](int, int j, int, double& u, double& v) {
        u = j < 32 ? 0.5 : -0.5;  // south half flows east, north half west
        v = 0.0;
    });
    std::vector<std::uint8_t> ocean(kGrid.cellCount(), 1);
    for (int j = 0; j < kGrid.ny; ++j)
        ocean[static_cast<std::size_t>(j) * kGrid.nx + 40] = 0;  // a wall of land
    f.mask = OceanMask(kGrid, ocean);
    const Advector adv(f);
    Particles p;
    p.x = {35.0, 5.0};
    p.y = {10.5, 50.5};
    p.state = {ParticleState::Active, ParticleState::Active};
    Random rng(1);
    std::size_t steps = 0;
    for (int s = 0; s < 4; ++s) steps += adv.step(p, s * 21600.0, 21600.0, rng);
    EXPECT_EQ(p.state[0], ParticleState::Beached);
    EXPECT_LT(p.x[0], 40.0);  // kept at its last ocean position
    EXPECT_GT(p.x[0], 35.0);
    EXPECT_EQ(p.state[1], ParticleState::Gone);
    EXPECT_LT(steps, 8u);  // stopped particles are not stepped any more
}

TEST(Advector, RandomWalkSpreadsAsTwoKhT) {
    const CurrentFields f =
        makeFields(kGrid, 3, [](int, int, int, double& u, double& v) { u = v = 0.0; });
    const double kh = 10.0;
    const Advector adv(f, kh);
    Particles p;
    const int n = 20000;
    p.x.assign(n, 32.0);
    p.y.assign(n, 32.0);
    p.state.assign(n, ParticleState::Active);
    Random rng(3);
    for (int s = 0; s < 4; ++s) adv.step(p, s * 21600.0, 21600.0, rng);
    double sx = 0, sy = 0;
    for (int k = 0; k < n; ++k) {
        const double dx = (p.x[k] - 32.0) * kGrid.cellWidthM(31),
                     dy = (p.y[k] - 32.0) * kGrid.cellHeightM();
        sx += dx * dx;
        sy += dy * dy;
    }
    const double expected = 2.0 * kh * kDay;
    EXPECT_NEAR(sx / n / expected, 1.0, 0.05);
    EXPECT_NEAR(sy / n / expected, 1.0, 0.05);
}

TEST(Advector, VectorisedAndScalarPathsGiveTheSameBits) {
    if (!Advector::simdAvailable()) GTEST_SKIP() << "no AVX2 on this CPU";
    const CurrentFields f = makeFields(kGrid, 3, [](int i, int j, int k, double& u, double& v) {
        u = 0.3 * std::sin(0.2 * i + k) * std::cos(0.1 * j);
        v = 0.2 * std::cos(0.15 * i) * std::sin(0.3 * j - k);
    });
    const Advector simd(f, 0.0, true), scalar(f, 0.0, false);
    Particles a;
    Random place(9);
    for (int k = 0; k < 1003; ++k) {  // not a multiple of 4: the tail goes the scalar way
        a.x.push_back(5.0 + 50.0 * place.uniform());
        a.y.push_back(5.0 + 50.0 * place.uniform());
    }
    a.state.assign(a.x.size(), ParticleState::Active);
    Particles b = a;
    Random ra(1), rb(1);
    for (int s = 0; s < 8; ++s) {
        simd.step(a, s * 21600.0 + 3600.0, 21600.0, ra);
        scalar.step(b, s * 21600.0 + 3600.0, 21600.0, rb);
    }
    EXPECT_EQ(a.x, b.x);
    EXPECT_EQ(a.y, b.y);
}
