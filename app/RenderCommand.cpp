// `driftlab render FILE.h5 --release R --day D --layer L -o out.png [--model RUN]`: one view, no
// window on screen (it still needs an X display: under Xvfb in CI). With a model, day t+1 is
// predicted: the prediction and difference layers, and truth vs prediction contours.
// `--side-by-side` (with --model): the simulated day t+1 beside the prediction, one colour range.
#include <iostream>

#include "ArgParser.h"
#include "CliJob.h"
#include "Commands.h"
#include "OffscreenRender.h"
#include "SceneBuilder.h"
#include "drift/AdvectionBaseline.h"
#include "learn/Predictor.h"

namespace driftlab::cli {

int runRender(const std::vector<std::string>& args) {
    const CliJob job("render");
    std::string file, out, model;
    int release = 0, day = 0, width = 1200, height = 700;
    SceneOptions options;
    bool sideBySide = false;
    const int parsed = job.parse([&] {
        const ArgParser p(
            args, {"release", "day", "layer", "width", "height", "output", "range", "model"},
            {"linear", "no-arrows", "no-contours", "no-coastline", "no-axes", "side-by-side",
             "streamlines"});
        if (p.positional().size() != 1) throw UsageError("render needs exactly one dataset file");
        file = p.positional()[0];
        out = p.text("output", "");
        if (out.empty()) throw UsageError("render needs -o OUT.png (--output)");
        release = static_cast<int>(p.integer("release", 0, 0, 100'000'000));
        day = static_cast<int>(p.integer("day", 0, 0, 100'000));
        width = static_cast<int>(p.integer("width", width, 64, 8192));
        height = static_cast<int>(p.integer("height", height, 64, 8192));
        options.layer = parseLayer(QString::fromStdString(p.text("layer", "density")));
        const std::string range = p.text("range", "dataset");
        if (range != "dataset" && range != "sample")
            throw UsageError("--range is dataset or sample");
        options.datasetRange = range == "dataset";
        options.logScale = !p.has("linear");
        options.arrows = !p.has("no-arrows");
        options.streamlines = p.has("streamlines");
        options.contours = !p.has("no-contours");
        options.coastline = !p.has("no-coastline");
        options.axes = !p.has("no-axes");
        model = p.text("model", "");
        if (model.empty() &&
            (options.layer == Layer::Prediction || options.layer == Layer::Difference))
            throw UsageError("the prediction and difference layers need --model RUN");
        sideBySide = p.has("side-by-side");
        if (sideBySide && model.empty())
            throw UsageError("--side-by-side compares with a model's prediction: it needs --model");
    });
    if (parsed != kOk) return parsed;
    return job.run([&] {
        const auto ds = std::make_shared<const DriftDataset>(DriftDataset::open(file));
        if (release >= ds->releaseCount())
            throw UsageError("release " + std::to_string(release) + " does not exist (0.." +
                             std::to_string(ds->releaseCount() - 1) + ")");
        if (day > ds->outputDays())
            throw UsageError("day " + std::to_string(day) + " does not exist (0.." +
                             std::to_string(ds->outputDays()) + ")");
        std::unique_ptr<Predictor> predictor;
        if (!model.empty()) {
            if (day >= ds->outputDays())
                throw UsageError("day " + std::to_string(day) +
                                 " is the last: there is no day t+1 to predict");
            predictor = std::make_unique<Predictor>(Predictor::load(model, ds.get()));
        }
        auto load = [&](SceneBuilder& scene) {
            Sample s = scene.load(release, day);
            if (predictor) {
                const int currentDay = s.date - ds->startDay();
                s.prediction = predictor->predict(*ds, s.density, currentDay);
                s.advected = predictor->advection(*ds)->advect(currentDay, s.density);
            }
            return s;
        };
        if (sideBySide) {
            return renderPairPng(
                ds, width, height, out,
                [&](SceneBuilder& scene, MapView& left, MapView& right) {
                    scene.applyComparison(left, right, scene.comparisonOf(load(scene)), options);
                },
                "driftlab render");
        }
        return renderPng(
            ds, width, height, out,
            [&](SceneBuilder& scene, MapView& view) { scene.apply(view, load(scene), options); },
            "driftlab render");
    });
}

}  // namespace driftlab::cli
