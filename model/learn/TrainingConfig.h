#pragma once
// The settings of one training run: what the training panel's form and `driftlab train`'s
// options set. Stored as config.json in the run folder (and inside every checkpoint), so a run
// can be continued with exactly the settings it started with.
#include <cstdint>
#include <string>
#include <vector>

namespace driftlab {

enum class LossKind { Mae, Mse };
const char* lossName(LossKind loss);        // "mae", "mse"
LossKind lossFromName(const std::string&);  // throws std::invalid_argument

// What the network's output is added to (the "residual" form): nothing (it predicts day t+1
// itself), day t's density (persistence; the research's residual), or day t's density moved one
// day by the numerical-advection baseline (the network learns the correction to the numerical
// step and starts from its skill; drift/DensityAdvection.h), or that advected map with mass moved
// between neighbouring cells by fluxes the network predicts across the cell faces (flux form:
// mass conserved exactly and locally, never negative; learn/AnchoredOutput.h).
enum class Anchor { None, Persistence, Advection, Flux };
const char* anchorName(Anchor anchor);      // "none", "persistence", "advection", "flux"
Anchor anchorFromName(const std::string&);  // throws std::invalid_argument
// The network's output channels for an anchor: 2 face fluxes (east, north) for the flux form.
inline int outputChannelsOf(Anchor anchor) {
    return anchor == Anchor::Flux ? 2 : 1;
}
// Whether the anchor is the advected map (advection, flux).
inline bool advectedAnchor(Anchor anchor) {
    return anchor == Anchor::Advection || anchor == Anchor::Flux;
}

// How the anchor's and the `advected` input's map is moved one day (drift/SharpAdvection.h):
// the remap (the advection baseline's own scheme), or the sharp advection, which undoes the
// maps' smoothing before the remap and redoes it after (on the demo it alone takes the remap's
// MAE to 0.63 x; docs/training.md). The baseline scored beside a model is always the remap.
enum class AdvectionScheme { Remap, Sharp };
const char* advectionSchemeName(AdvectionScheme scheme);         // "remap", "sharp"
AdvectionScheme advectionSchemeFromName(const std::string& name);  // throws std::invalid_argument

// Where the network runs: a CUDA GPU when the build and the machine have one (auto), or
// insisted on. Debian's LibTorch has no CUDA; a build against an upstream CUDA LibTorch does
// (docs/scaling.md).
enum class DeviceChoice { Auto, Cpu, Cuda };
const char* deviceName(DeviceChoice device);      // "auto", "cpu", "cuda"
DeviceChoice deviceFromName(const std::string&);  // throws std::invalid_argument

// The network's input channels, in order (learn/InputChannels.h assembles them).
enum class InputChannel { U, V, UNext, VNext, Density, Advected };
const char* channelName(
    InputChannel channel);  // "u", "v", "u_next", "v_next", "density", "advected"
InputChannel channelFromName(const std::string&);  // throws std::invalid_argument
// "u,v,density" <-> the list; throws std::invalid_argument on an unknown or repeated name.
std::vector<InputChannel> channelsFromText(const std::string& text);
std::string channelsText(const std::vector<InputChannel>& channels);

// Named settings of inputs, anchor and loss (docs/training.md):
//   hybrid   (the default) u, v of day t and t+1, density, advected density; anchor flux (the
//            advected map corrected by face fluxes); the sharp advection; MAE (on the flux form
//            it beats MSE on every measure, km included: docs/training.md)
//   research UncertainDrift's code default: u, v of day t and t+1, density; anchor persistence;
//            MAE
//   seed     the seed's three channels u, v, density; anchor persistence; MAE
struct TrainingRecipe {
    std::vector<InputChannel> inputs;
    Anchor anchor = Anchor::Flux;
    LossKind loss = LossKind::Mae;
    AdvectionScheme advection = AdvectionScheme::Remap;
};
TrainingRecipe recipeFromName(const std::string& name);  // throws std::invalid_argument

struct TrainingConfig {
    std::string dataset;  // path of the dataset file
    int epochs = 5;       // target epoch count ("train N more" raises it); docs/training.md
    int batchSize = 16;
    double learningRate = 2e-3;     // peak, after the warm-up
    double weightDecay = 1e-4;      // AdamW
    double warmupFraction = 0.03;   // share of all steps spent warming up (linear from 0)
    double clipNorm = 1.0;          // gradient-norm clipping; 0 = off
    int width = 8;                  // base width of the UNet (the seed uses 64; docs/training.md)
    LossKind loss = LossKind::Mae;  // the hybrid recipe's
    std::vector<InputChannel> inputs = recipeFromName("hybrid").inputs;
    Anchor anchor = Anchor::Flux;  // the network's output corrects this (see Anchor)
    // How the advected map (anchor, input) is made; runs from before this setting: the remap.
    AdvectionScheme advection = AdvectionScheme::Sharp;
    int threads = 0;                    // Torch intra-op threads; 0 = every core
    int loaderThreads = 2;              // background threads that prefetch batches
    DeviceChoice device =
        DeviceChoice::Auto;       // the machine's, not the run's: a resume may change it
    bool mixedPrecision = false;  // bfloat16 autocast of the forward pass (CUDA only)
    std::uint64_t seed = 1;       // initial weights, shuffling: the same seed gives the same run
    int logEveryBatches = 10;     // a training-loss point every N batches
    int maxTrainPairs = 0;        // 0 = all pairs of the training split (else a seeded subset)
    int maxValidationPairs = 0;   // 0 = all pairs of the validation split

    // Throws std::invalid_argument naming the first bad setting.
    void validate() const;
    std::string toJson() const;
    // Throws std::invalid_argument on malformed JSON or bad values; missing keys keep defaults.
    static TrainingConfig fromJson(const std::string& json);
    int resolvedThreads() const;  // threads, or the core count when 0
    int inputChannels() const { return static_cast<int>(inputs.size()); }
    bool residual() const { return anchor != Anchor::None; }
    // Whether the model reads the advected map (an input or the anchor).
    bool usesAdvected() const;
    // The name of the recipe these inputs and anchor are, or "custom".
    std::string recipeName() const;
    // Takes the recipe's inputs, anchor, loss and advection (throws std::invalid_argument for an unknown
    // name).
    void applyRecipe(const std::string& name);
};

}  // namespace driftlab
