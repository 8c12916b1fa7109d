#pragma once
// A forecast's day as the side-by-side view shows it: the simulation on the left, the model's
// rollout (fed its own output since day 0) on the right, captions that say which and how far
// the work has come, the release marker and, when asked for, the simulated particles.
#include <QString>

#include "SceneBuilder.h"

namespace driftlab {

struct Forecast;

// "release 12", or "new release at 5.20 E 43.10 N".
QString forecastSubject(const Forecast& forecast);
// Day `day` (0..days) of a forecast whose simulation is ready; the currents are left to the
// caller (they are read from the dataset).
ComparisonScene forecastDayScene(const Forecast& forecast, int day, bool particles);

}  // namespace driftlab
