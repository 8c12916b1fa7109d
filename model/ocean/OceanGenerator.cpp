#include "ocean/OceanGenerator.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/Random.h"
#include "core/ParallelFor.h"
#include "ocean/CivilDate.h"
#include "ocean/CoastalField.h"

namespace driftlab {
namespace {

constexpr double kSpinUpDays = 150.0;           // eddies born before field 0 are alive at the start
constexpr double kGaussianPeakFactor = 0.8578;  // max |grad exp(-r^2/R^2)| * R
constexpr double kGyreLon = 4.8, kGyreLat = 42.2;
constexpr double kGyreRadiusXM = 70e3, kGyreRadiusYM = 45e3;

// +1 in late January, -1 in late July.
double seasonal(int startDay, double day) {
    const double doy = dayOfYear(startDay) - 1 + day;
    return std::cos(2.0 * kPi * (doy - 20.0) / 365.25);
}

}  // namespace

OceanGenerator::OceanGenerator(OceanGeneratorParams params)
    : params_(params), mask_(OceanMask::builtinNorthWestMed(params.grid())) {
    if (params_.days < 1) throw std::invalid_argument("ocean: need at least one day of currents");
    if (mask_.oceanCellCount() == 0) throw std::invalid_argument("ocean: the region has no ocean");
    if (!(params_.boundaryCurrentWidthKm > 0) || !(params_.coastTaperKm > 0)) {
        throw std::invalid_argument(
            "ocean: boundary current width and coastal taper must be positive");
    }
    coastDistanceM_ = mask_.distanceToLandM();
    // Boundary current: widest in summer, narrowest in winter; the two extremes are solved once
    // and blended by season.
    const double w = 1e3 * params_.boundaryCurrentWidthKm, a = 0.5 * params_.seasonalAmplitude;
    widthWinterM_ = w * (1.0 - a);
    widthSummerM_ = w * (1.0 + a);
    coastWinter_ = coastalField(mask_, widthWinterM_);
    coastSummer_ = coastalField(mask_, widthSummerM_);
    const std::vector<double> t = coastalField(mask_, 1e3 * params_.coastTaperKm);
    taper_.resize(t.size());
    for (std::size_t c = 0; c < t.size(); ++c) taper_[c] = t[c] * t[c];
    planEddies();
}

void OceanGenerator::planEddies() {
    Random rng(params_.seed, 0xEDD1E5);
    const Grid& g = mask_.grid();
    for (int day = -static_cast<int>(kSpinUpDays); day < params_.days; ++day) {
        const double rate = params_.eddiesPerDay * (1.0 + 0.4 * seasonal(params_.startDay, day));
        const int births = rng.poisson(std::max(rate, 0.0));
        for (int b = 0; b < births; ++b) {
            Eddy e{};
            e.birthDay = day + rng.uniform();
            e.lifeDays = rng.uniform(params_.eddyLifeDaysMin, params_.eddyLifeDaysMax);
            e.radiusM = 1e3 * rng.uniform(params_.eddyRadiusKmMin, params_.eddyRadiusKmMax);
            const double vmax = rng.uniform(params_.eddySpeedMin, params_.eddySpeedMax);
            const double sign = rng.uniform() < 0.55 ? -1.0 : 1.0;  // slightly more cyclones
            e.amplitude = sign * vmax * e.radiusM / kGaussianPeakFactor;
            e.driftEastMps = -rng.uniform(1.0, 3.0) * 1e3 / 86400.0;  // westward, 1-3 km/day
            e.driftNorthMps = rng.uniform(-1.5, 1.5) * 1e3 / 86400.0;
            // Born in open water: at least one radius from the coast.
            bool placed = false;
            for (int attempt = 0; attempt < 200 && !placed; ++attempt) {
                const int i = rng.uniformInt(g.nx), j = rng.uniformInt(g.ny);
                if (coastDistanceM_[static_cast<std::size_t>(j) * g.nx + i] > e.radiusM) {
                    e.lon0 = g.lon(i) + g.dLon * (rng.uniform() - 0.5);
                    e.lat0 = g.lat(j) + g.dLat * (rng.uniform() - 0.5);
                    placed = true;
                }
            }
            if (placed && e.birthDay + e.lifeDays > 0.0) eddies_.push_back(e);
        }
    }
}

std::vector<double> OceanGenerator::streamFunction(double day) const {
    const Grid& g = mask_.grid();
    const double s = seasonal(params_.startDay, day);
    const double speed = params_.boundaryCurrentSpeed * (1.0 + params_.seasonalAmplitude * s);
    // psi = -Psi0 phi^2 with phi = 1 - exp(-d / L) off a straight coast: no flow at the coast,
    // the peak speed Psi0 / (2 L) at d = L ln 2, decaying offshore over a few L.
    const double winter = 0.5 * (1.0 + s);
    const double width = winter * widthWinterM_ + (1.0 - winter) * widthSummerM_;
    const double psi0 = 2.0 * width * speed;
    const double gyre = params_.gyreSpeed * (1.0 + 0.5 * s) * 55e3 / kGaussianPeakFactor;

    std::vector<double> psi(g.cellCount());
    std::vector<double> interior(g.cellCount(), 0.0);  // gyre + eddies, before the coastal taper
    for (int j = 0; j < g.ny; ++j) {
        const double y = (g.lat(j) - kGyreLat) * kDegToRad * kEarthRadiusM;
        const double cosLat = std::cos(g.lat(j) * kDegToRad);
        for (int i = 0; i < g.nx; ++i) {
            const double x = (g.lon(i) - kGyreLon) * kDegToRad * kEarthRadiusM * cosLat;
            interior[static_cast<std::size_t>(j) * g.nx + i] =
                -gyre * std::exp(-(x * x) / (kGyreRadiusXM * kGyreRadiusXM) -
                                 (y * y) / (kGyreRadiusYM * kGyreRadiusYM));
        }
    }
    for (const Eddy& e : eddies_) {
        const double age = day - e.birthDay;
        if (age <= 0.0 || age >= e.lifeDays) continue;
        const double envelope = std::pow(std::sin(kPi * age / e.lifeDays), 2);
        const double lat = e.lat0 + e.driftNorthMps * age * 86400.0 / kEarthRadiusM / kDegToRad;
        const double cosLat = std::cos(lat * kDegToRad);
        const double lon =
            e.lon0 + e.driftEastMps * age * 86400.0 / (kEarthRadiusM * cosLat) / kDegToRad;
        const double reach = 3.5 * e.radiusM;  // exp(-12) beyond: negligible
        const double reachLat = reach / kEarthRadiusM / kDegToRad;
        const double reachLon = reachLat / cosLat;
        const int i0 =
            std::max(0, static_cast<int>(std::floor((lon - reachLon - g.lonMin) / g.dLon)));
        const int i1 =
            std::min(g.nx - 1, static_cast<int>(std::ceil((lon + reachLon - g.lonMin) / g.dLon)));
        const int j0 =
            std::max(0, static_cast<int>(std::floor((lat - reachLat - g.latMin) / g.dLat)));
        const int j1 =
            std::min(g.ny - 1, static_cast<int>(std::ceil((lat + reachLat - g.latMin) / g.dLat)));
        const double amp = e.amplitude * envelope, inv = 1.0 / (e.radiusM * e.radiusM);
        for (int j = j0; j <= j1; ++j) {
            const double y = (g.lat(j) - lat) * kDegToRad * kEarthRadiusM;
            for (int i = i0; i <= i1; ++i) {
                const double x = (g.lon(i) - lon) * kDegToRad * kEarthRadiusM * cosLat;
                interior[static_cast<std::size_t>(j) * g.nx + i] +=
                    amp * std::exp(-(x * x + y * y) * inv);
            }
        }
    }
    for (std::size_t c = 0; c < psi.size(); ++c) {
        const double phi = winter * coastWinter_[c] + (1.0 - winter) * coastSummer_[c];
        psi[c] = -psi0 * phi * phi + taper_[c] * interior[c];
    }
    return psi;
}

CurrentFields OceanGenerator::generate(int threads, const JobControl& control) const {
    const Grid& g = mask_.grid();
    CurrentFields f;
    f.mask = mask_;
    f.startDay = params_.startDay;
    f.days = params_.days;
    f.u.assign(g.cellCount() * params_.days, 0.0f);
    f.v.assign(g.cellCount() * params_.days, 0.0f);
    const double dy2 = 2.0 * g.cellHeightM();
    std::atomic<int> done{0};
    parallelFor(params_.days, threads, [&](int k) {
        control.throwIfStopped();
        const std::vector<double> psi = streamFunction(k);
        float* u = f.uDay(k);
        float* v = f.vDay(k);
        auto P = [&](int i, int j) { return psi[static_cast<std::size_t>(j) * g.nx + i]; };
        for (int j = 0; j < g.ny; ++j) {
            const int ja = j > 0 ? j - 1 : j, jb = j < g.ny - 1 ? j + 1 : j;
            const double dx2 = 2.0 * g.cellWidthM(j);
            for (int i = 0; i < g.nx; ++i) {
                const int ia = i > 0 ? i - 1 : i, ib = i < g.nx - 1 ? i + 1 : i;
                const std::size_t c = static_cast<std::size_t>(j) * g.nx + i;
                u[c] = static_cast<float>(-(P(i, jb) - P(i, ja)) / (dy2 * 0.5 * (jb - ja)));
                v[c] = static_cast<float>((P(ib, j) - P(ia, j)) / (dx2 * 0.5 * (ib - ia)));
            }
        }
        const int n = ++done;
        if (threads <= 1 || n % 8 == 0)
            control.report(static_cast<double>(n) / params_.days, "currents");
    });
    return f;
}

}  // namespace driftlab
