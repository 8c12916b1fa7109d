#pragma once
// Derived quantities of a current field on the sphere, by centred differences (one-sided at the
// grid edges). These are the operators the ocean generator is exactly divergence-free under.
#include <vector>

#include "ocean/Grid.h"

namespace driftlab {

// Horizontal divergence du/dx + dv/dy (1/s), spherical form.
std::vector<double> divergence(const Grid& grid, const float* u, const float* v);
// Relative vorticity dv/dx - du/dy (1/s), spherical form.
std::vector<double> relativeVorticity(const Grid& grid, const float* u, const float* v);
// Current speed sqrt(u^2 + v^2) (m/s).
std::vector<float> speed(const Grid& grid, const float* u, const float* v);

}  // namespace driftlab
