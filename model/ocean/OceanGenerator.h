#pragma once
// Synthetic, divergence-free daily surface currents on the real coastline of the north-western
// Mediterranean, from a stream function psi (u = -dpsi/dy, v = dpsi/dx):
//  - a cyclonic boundary current along every coast (the Northern Current: westward along the
//    Ligurian and Provencal coasts, south-westward along the Catalan one), strongest in winter;
//  - a weak cyclonic gyre in the Gulf of Lion;
//  - Gaussian mesoscale eddies of both signs that are born, drift west, grow and decay.
// psi is zero on land and on the first ring of ocean cells around it, so land cells get exactly
// zero velocity; the coastal structure comes from a smooth coastal field (CoastalField.h).
// Seeded: the same parameters give the same bytes.
#include <cstdint>
#include <vector>

#include "core/JobControl.h"
#include "ocean/CurrentFields.h"

namespace driftlab {

struct OceanGeneratorParams {
    double lonMin = 2.0, lonMax = 10.0, latMin = 41.0, latMax = 45.0;
    double resolutionDeg = 1.0 / 16.0;
    int startDay = 18628;  // 2021-01-01
    int days = 365;
    std::uint64_t seed = 1;
    double boundaryCurrentSpeed = 0.45;    // m/s, yearly mean of the peak speed
    double boundaryCurrentWidthKm = 15.0;  // e-folding length offshore (peak at 0.7 of it)
    double seasonalAmplitude = 0.3;        // relative; strongest late January
    double gyreSpeed = 0.08;               // m/s
    double eddiesPerDay = 0.25;
    double eddyRadiusKmMin = 12.0, eddyRadiusKmMax = 35.0;
    double eddySpeedMin = 0.08, eddySpeedMax = 0.30;  // m/s, peak azimuthal speed
    double eddyLifeDaysMin = 20.0, eddyLifeDaysMax = 120.0;
    double coastTaperKm = 15.0;  // eddies and gyre fade out over this distance from the coast

    Grid grid() const { return Grid::fromExtent(lonMin, lonMax, latMin, latMax, resolutionDeg); }
};

struct Eddy {
    double birthDay, lifeDays;  // relative to field 0
    double lon0, lat0;          // centre at birth
    double driftEastMps, driftNorthMps;
    double radiusM;
    double amplitude;  // psi peak, m^2/s; > 0 anticyclonic, < 0 cyclonic
};

class OceanGenerator {
public:
    explicit OceanGenerator(OceanGeneratorParams params);

    const OceanGeneratorParams& params() const { return params_; }
    const OceanMask& mask() const { return mask_; }
    const std::vector<Eddy>& eddies() const { return eddies_; }

    // Stream function (m^2/s) of day k (may be fractional), on the grid's cells.
    std::vector<double> streamFunction(double day) const;
    // All daily fields, computed on `threads` threads; the result does not depend on it.
    CurrentFields generate(int threads, const JobControl& control = {}) const;

private:
    void planEddies();

    OceanGeneratorParams params_;
    OceanMask mask_;
    std::vector<double> coastDistanceM_;             // to the nearest land cell (eddy birth places)
    double widthWinterM_ = 0, widthSummerM_ = 0;     // boundary-current e-folding lengths
    std::vector<double> coastWinter_, coastSummer_;  // coastalField() for those lengths
    std::vector<double> taper_;  // 0 at the coast to 1 offshore: gyre and eddies
    std::vector<Eddy> eddies_;
};

}  // namespace driftlab
