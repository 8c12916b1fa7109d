#pragma once
// A trained UNet ready to predict: loaded from a run folder (its best.pt, else last.pt), a
// checkpoint, or a PyTorch weights file (with its .json sidecar for the normalisation, else the
// normalisation computed from a dataset's training split). Works on raw dataset values: density
// maps in fractions of the particles per cell, u and v in m/s, row-major ny x nx; it applies the
// model's normalisation and residual step itself. Predictions are clamped at 0 and are 0 on land
// (a density map is what a user looks at). Thread-safe (calls are serialised); no Torch in this
// header: the widgets and the app use it. The network runs in the learning module, which
// load() loads on first use (LearningBackend.h).
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "learn/InputNormalisation.h"

namespace driftlab {

class DriftDataset;
class JobControl;
class PredictorBackend;

class Predictor {
public:
    // Throws std::runtime_error naming the file and the problem. `dataset` is used only for a
    // weights file without its .json (normalisation from its training split), may be null
    // otherwise.
    static Predictor load(const std::string& path, const DriftDataset* dataset = nullptr);
    ~Predictor();
    Predictor(Predictor&&) noexcept;
    Predictor& operator=(Predictor&&) noexcept;

    // "demo-w8: epoch 3 of 3 (best), width 8, residual"
    const std::string& description() const;
    const std::string& source() const;  // the file the weights came from
    int width() const;
    bool residual() const;
    const InputNormalisation& normalisation() const;
    void setThreads(int threads);  // Torch intra-op threads for inference (default: all cores)

    // Density at day t+1 from the density and currents at day t. `ocean` is the dataset's mask.
    std::vector<float> predict(const std::vector<float>& density, const std::vector<float>& u,
                               const std::vector<float>& v, const std::vector<std::uint8_t>& ocean,
                               int ny, int nx) const;
    // The same for `count` samples laid out one after the other (faster than one by one).
    std::vector<float> predictBatch(const std::vector<float>& density, const std::vector<float>& u,
                                    const std::vector<float>& v, int count,
                                    const std::vector<std::uint8_t>& ocean, int ny, int nx) const;
    // Rollout of a release: day 0 is the simulated map, each later day the model's prediction
    // from its own previous one and that day's currents. Returns days + 1 maps.
    std::vector<std::vector<float>> rollout(const DriftDataset& dataset, int release, int days,
                                            const JobControl& control) const;
    // Rollout from any initial map (ny x nx, e.g. a new release's simulated day 0): maps[0] =
    // day0, maps[d] = the prediction from maps[d - 1] and the currents of current-field day
    // firstCurrentDay + d - 1. onDay(d, maps[d]) is called as soon as each day is ready, day 0
    // included, in order, on the calling thread (so a view can show day 1 before the rest).
    // Reads one current field per day. Throws std::invalid_argument if day0 does not fit the
    // grid or the days run past the currents; JobCancelled if `control` is stopped (checked
    // between days).
    std::vector<std::vector<float>> rolloutFrom(
        const std::vector<float>& day0, const DriftDataset& dataset, int firstCurrentDay, int days,
        const JobControl& control,
        const std::function<void(int day, const std::vector<float>& map)>& onDay = {}) const;

private:
    explicit Predictor(std::unique_ptr<PredictorBackend> backend);
    std::unique_ptr<PredictorBackend> backend_;
};

}  // namespace driftlab
