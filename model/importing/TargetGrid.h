#pragma once
// The regular DriftLab grid an import writes: a box and a cell size, with both sides a multiple
// of 16 cells (the UNet halves them four times), kept centred on the box asked for.
#include <string>
#include <vector>

#include "ocean/Grid.h"

namespace driftlab {

// Box edges west, east, south, north in degrees. Adds a note to `notes` when a side is rounded.
// Throws InputError for an empty box, one past a pole, or one over 4096 cells a side.
Grid importGrid(double west, double east, double south, double north, double resolutionDeg,
                std::vector<std::string>& notes);

}  // namespace driftlab
