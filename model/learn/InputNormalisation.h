#pragma once
// How raw dataset values become network inputs, computed once from the training split and
// stored with the model (checkpoints, exported weights' sidecar):
//   channel 0: (u - uMean) / uStd on ocean cells, 0 on land
//   channel 1: (v - vMean) / vStd on ocean cells, 0 on land
//   channel 2: density(t) * densityScale     (the target density(t+1) is scaled the same way)
// densityScale brings the typical peak of a map to about 1, so a small network's default
// initialisation and learning rate suit every grid resolution and release radius.
namespace driftlab {

struct InputNormalisation {
    double uMean = 0, uStd = 1, vMean = 0, vStd = 1;
    double densityScale = 1;
};

}  // namespace driftlab
