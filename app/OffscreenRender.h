#pragma once
// Draws one map scene into a PNG file without showing a window (`driftlab render`,
// `driftlab mean -o`). It still needs an X display (Xvfb in CI): it checks for one first.
#include <functional>
#include <memory>
#include <string>

#include "data/DriftDataset.h"

namespace driftlab {
class MapView;
class SceneBuilder;
}  // namespace driftlab

namespace driftlab::cli {

// Returns an exit code; says what went wrong on stderr, prefixed with `command`.
int renderPng(const std::shared_ptr<const DriftDataset>& dataset, int width, int height,
              const std::string& out, const std::function<void(SceneBuilder&, MapView&)>& setup,
              const std::string& command);
// The same with two linked views side by side (each half the width), for comparisons.
int renderPairPng(const std::shared_ptr<const DriftDataset>& dataset, int width, int height,
                  const std::string& out,
                  const std::function<void(SceneBuilder&, MapView&, MapView&)>& setup,
                  const std::string& command);

}  // namespace driftlab::cli
