#pragma once
// Lays out the network's input channels for one sample, from raw dataset values: u and v in m/s
// of day t (and of day t+1 for u_next, v_next), density maps in fractions of the particles per
// cell (day t, and day t advected one day for `advected`). Currents are normalised with the
// training split's statistics and 0 on land; densities are multiplied by the density scale.
// One function for the trainer's loader and the predictor, so both feed the network alike.
// No Torch here.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "learn/InputNormalisation.h"
#include "learn/TrainingConfig.h"

namespace driftlab {

struct ChannelSources {
    const float* u = nullptr;
    const float* v = nullptr;
    const float* uNext = nullptr;  // needed for InputChannel::UNext / VNext
    const float* vNext = nullptr;
    const float* density = nullptr;   // day t, raw
    const float* advected = nullptr;  // day t advected one day, raw; for InputChannel::Advected
};

// Writes channels.size() x cells values at `out`. Throws std::invalid_argument when a channel's
// source is missing.
void assembleInput(const std::vector<InputChannel>& channels, const InputNormalisation& norm,
                   const std::uint8_t* ocean, std::size_t cells, const ChannelSources& sources,
                   float* out);

// Whether the channels need the currents of day t+1 / the advected map.
bool needsNextCurrents(const std::vector<InputChannel>& channels);
bool needsAdvected(const std::vector<InputChannel>& channels);

}  // namespace driftlab
