#pragma once
// A smooth "distance from the coast" for building currents that follow the coastline.
//
// The plain Euclidean distance has ridges along the medial axis of every bay and cape (its
// gradient jumps there), and a current derived from it shows streaks of vorticity fanning out
// from the coast. Instead DriftLab solves the screened Poisson equation
//     phi - L^2 lap(phi) = 1 in the ocean,   phi = 0 on land and on the first ring of ocean
// cells around it, zero gradient at the open edges of the grid,
// whose solution is 1 - exp(-d / L) along a straight coast and is smooth everywhere else.
#include <vector>

#include "ocean/OceanMask.h"

namespace driftlab {

// Solves for phi (one value per cell, 0 on land) by preconditioned conjugate gradients.
// lengthM: the e-folding length L in metres.
std::vector<double> coastalField(const OceanMask& mask, double lengthM);

// True for ocean cells with a land cell among their four neighbours.
std::vector<bool> coastalRing(const OceanMask& mask);

}  // namespace driftlab
