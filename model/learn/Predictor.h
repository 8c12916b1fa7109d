#pragma once
// A trained UNet ready to predict: loaded from a run folder (its best.pt, else last.pt), a
// checkpoint, or a PyTorch weights file (with its .json sidecar for the normalisation, else the
// normalisation computed from a dataset's training split). Works on raw dataset values: density
// maps in fractions of the particles per cell, u and v in m/s, row-major ny x nx; it applies the
// model's normalisation and residual step itself, and reads what its inputs need (the currents
// of day t and t+1, the numerical-advection baseline's map) from the dataset it is given.
// Predictions are clamped at 0 and are 0 on land (a density map is what a user looks at).
// Thread-safe (calls are serialised); no Torch in this header: the widgets and the app use it. The
// network runs in the learning module, which load() loads on first use (LearningBackend.h).
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "learn/InputNormalisation.h"
#include "learn/PredictorBackend.h"
#include "learn/TrainingConfig.h"

namespace driftlab {

class AdvectionBaseline;
class SharpAdvection;
class DriftDataset;
class JobControl;

class Predictor {
public:
    // Throws std::runtime_error naming the file and the problem. `dataset` is used only for a
    // weights file without its .json (normalisation from its training split), may be null
    // otherwise. `device`: where the network runs (auto: a CUDA GPU when the build and the
    // machine have one; description() says which); std::invalid_argument if cuda is not there.
    static Predictor load(const std::string& path, const DriftDataset* dataset = nullptr,
                          DeviceChoice device = DeviceChoice::Auto);
    ~Predictor();
    Predictor(Predictor&&) noexcept;
    Predictor& operator=(Predictor&&) noexcept;

    // "demo-w8: epoch 3 of 3 (best), width 8, hybrid"
    const std::string& description() const;
    const std::string& source() const;  // the file the weights came from
    int width() const;
    bool residual() const { return anchor() != Anchor::None; }
    const std::vector<InputChannel>& inputs() const;
    Anchor anchor() const;
    AdvectionScheme advectionScheme() const;  // how the model's advected map is made
    bool needsNextCurrents() const;  // u, v of day t+1
    bool needsAdvected() const;      // the advected map (an input or the anchor)
    const InputNormalisation& normalisation() const;
    void setThreads(int threads);  // Torch intra-op threads for inference (default: all cores)

    // Density at day t+1 from the density of day t on current-field day `currentDay` of the
    // dataset (whose currents of that day and the next, and advection baseline, the model may
    // take as inputs).
    std::vector<float> predict(const DriftDataset& dataset, const std::vector<float>& density,
                               int currentDay) const;
    // The same for density.size() / cells samples, one after the other, sample s on current day
    // currentDays[s] (faster than one by one).
    std::vector<float> predictBatch(const DriftDataset& dataset, const std::vector<float>& density,
                                    const std::vector<int>& currentDays) const;
    // From raw inputs (what needs*() asks for must be filled).
    std::vector<float> predictBatch(const PredictorInputs& inputs,
                                    const std::vector<std::uint8_t>& ocean, int ny, int nx) const;
    // The dataset's numerical-advection baseline (built on first use, kept for the last dataset).
    std::shared_ptr<const AdvectionBaseline> advection(const DriftDataset& dataset) const;
    // The advection the model's anchor and advected input use on the dataset: the sharp
    // advection around that baseline, or the baseline's remap itself (advectionScheme()).
    std::shared_ptr<const SharpAdvection> anchorAdvection(const DriftDataset& dataset) const;
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
    struct Cache;
    std::unique_ptr<Cache> cache_;
};

}  // namespace driftlab
