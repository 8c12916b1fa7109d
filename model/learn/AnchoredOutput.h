#pragma once
// The network's output turned into a density map (scaled units): anchor + correction (see
// Anchor in TrainingConfig.h). With the advection anchor the correction is made mass-neutral:
// its mean over the ocean cells is subtracted, so the network moves mass around the numerical
// step but never makes or destroys it (the advection already conserves it). Without that, the
// MAE's constant-size gradients leave a small offset jittering over every empty ocean cell,
// thousands of them, and the map gains or loses tens of percent of its mass (measured: mass
// error 0.13 after one epoch, docs/training.md). Land cells are 0. But the subtracted mean is an
// offset on every ocean cell: clamped at 0 it leaves a faint haze of mass over the basin that
// moves the cloud's centre and widens it (docs/training.md, "In kilometres"). The flux form moves
// mass only between neighbouring cells, across faces, in shares of the donor's mass: conserved
// exactly and locally, never negative, no haze.
#include <torch/types.h>

#include "learn/TrainingConfig.h"

namespace driftlab {

// net: [B, outputChannelsOf(anchor), ny, nx]; anchorMap: the same shape (undefined for Anchor::None); ocean: [1, 1, ny,
// nx], 1 on ocean cells; oceanCells: its sum.
torch::Tensor anchoredOutput(const torch::Tensor& net, const torch::Tensor& anchorMap,
                             Anchor anchor, const torch::Tensor& ocean, double oceanCells);

}  // namespace driftlab
