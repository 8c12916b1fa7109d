#pragma once
// One day of numerical advection of a density map by the currents: the baseline a learned
// drift model must beat beside persistence (docs/training.md).
//
// The scheme is a conservative Lagrangian remap (particle-in-cell with cloud-in-cell
// deposition): every ocean cell is split into parcelsPerSide^2 parcels that carry equal shares
// of its mass; each parcel is moved one day by the dataset's own particle code (Advector: RK4
// sub-steps of dtHours, currents interpolated bilinearly in space and linearly in time between
// day t and day t+1, no diffusion) and deposited bilinearly on the ocean cells around where it
// ends. Why this rather than a semi-Lagrangian scheme:
//   - mass is conserved by construction: a map keeps its mass except what leaves through the
//     open boundaries (parcels the Advector removes), with no global fix-up that would move
//     mass from where it is to where it is not;
//   - the land rule is the simulator's: a parcel that would cross land stays on its last ocean
//     position (beached), and a deposit's land corners give their share to the ocean corners,
//     so nothing lands on land;
//   - it is never negative (all weights are >= 0), and needs no CFL limit (the displacement of
//     a day can be many cells).
// The same currents move every map of a day the same way, so the remap of a day is built once
// as a sparse transfer (source cell -> target cells and weights, a few per cell) and then
// applied to any map of that day in microseconds.
#include <cstdint>
#include <vector>

#include "ocean/OceanMask.h"

namespace driftlab {

struct AdvectionOptions {
    double dtHours = 6.0;    // RK4 sub-step; must divide 24 h
    int parcelsPerSide = 3;  // parcels per cell = parcelsPerSide^2

    void validate() const;  // throws std::invalid_argument
};

// The remap of one day, in compressed rows by source cell: the mass of source cell s goes to
// targets[offsets[s] .. offsets[s+1]) with the matching weights (their sum is the share of the
// cell's mass that stays on the grid, 1 but for the open boundaries).
struct AdvectionTransfer {
    std::vector<std::uint32_t> offsets;  // cells + 1
    std::vector<std::uint32_t> targets;
    std::vector<float> weights;
    std::size_t bytes() const {
        return offsets.size() * 4 + targets.size() * 4 + weights.size() * 4;
    }
};

// Builds the remap from the currents of day t (u0, v0) to day t+1 (u1, v1), in m/s, ny x nx.
AdvectionTransfer buildAdvectionTransfer(const OceanMask& mask, const float* u0, const float* v0,
                                         const float* u1, const float* v1,
                                         const AdvectionOptions& options);
// out = the map `in` moved one day by `transfer` (cells values each; out may not alias in).
void applyAdvectionTransfer(const AdvectionTransfer& transfer, const float* in, float* out,
                            std::size_t cells);

}  // namespace driftlab
