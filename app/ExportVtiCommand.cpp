// `driftlab export-vti DATASET.h5 --release R --day D [--model M] -o VIEW.vti`: one sample's
// fields as VTK image data for ParaView or Python's vtk: u, v, speed, vorticity, ocean_mask,
// density (day D), density_next (D + 1) and, with a model, prediction (of D + 1 from D) and
// difference (prediction - truth). The writing is the explorer's (widgets/ImageDataExport).
#include <iostream>

#include "ArgParser.h"
#include "CliJob.h"
#include "Commands.h"
#include "ImageDataExport.h"
#include "data/DriftDataset.h"
#include "learn/Predictor.h"

namespace driftlab::cli {

int runExportVti(const std::vector<std::string>& args) {
    const CliJob job("export-vti");
    std::string file, out, model;
    long long release = 0, day = 0;
    const int parsed = job.parse([&] {
        const ArgParser p(args, {"release", "day", "model", "output"}, {});
        if (p.positional().size() != 1)
            throw UsageError("export-vti needs exactly one dataset file");
        file = p.positional()[0];
        out = p.text("output", "");
        if (out.empty()) throw UsageError("export-vti needs -o OUT.vti (--output)");
        release = p.integer("release", 0, 0, 100'000'000);
        day = p.integer("day", 0, 0, 100'000);
        model = p.text("model", "");
    });
    if (parsed != kOk) return parsed;
    return job.run([&] {
        const DriftDataset dataset = DriftDataset::open(file);
        if (release >= dataset.releaseCount())
            throw UsageError("release " + std::to_string(release) + " does not exist (0.." +
                             std::to_string(dataset.releaseCount() - 1) + ")");
        if (day > dataset.outputDays())
            throw UsageError("day " + std::to_string(day) + " does not exist (0.." +
                             std::to_string(dataset.outputDays()) + ")");
        const int r = static_cast<int>(release), d = static_cast<int>(day);
        const bool hasNext = d < dataset.outputDays();
        if (!model.empty() && !hasNext)
            throw UsageError("day " + std::to_string(d) +
                             " is the last output day: there is no day t+1 to predict");
        const Grid& g = dataset.grid();
        std::vector<float> u, v, density, next;
        dataset.readCurrents(dataset.releases()[static_cast<std::size_t>(r)].spec.day + d, u, v);
        dataset.readDensity(r, d, density);
        std::vector<NamedArray> arrays = currentFieldArrays(g, dataset.mask().values(), u, v);
        arrays.push_back({"density", density});
        if (hasNext) {
            dataset.readDensity(r, d + 1, next);
            arrays.push_back({"density_next", next});
        }
        std::string described;
        if (!model.empty()) {
            const Predictor predictor = Predictor::load(model, &dataset);
            std::vector<float> prediction = predictor.predict(
                dataset, density, dataset.releases()[static_cast<std::size_t>(r)].spec.day + d);
            std::vector<float> difference(prediction.size());
            for (std::size_t c = 0; c < difference.size(); ++c)
                difference[c] = prediction[c] - next[c];
            arrays.push_back({"prediction", std::move(prediction)});
            arrays.push_back({"difference", std::move(difference)});
            described = ", model " + predictor.description();
        }
        writeImageData(out, g, arrays);
        std::cout << "wrote " << out << " (" << g.nx << " x " << g.ny << " points, "
                  << arrays.size() << " arrays: ";
        for (std::size_t k = 0; k < arrays.size(); ++k)
            std::cout << (k ? ", " : "") << arrays[k].name;
        std::cout << described << ")\n";
        return kOk;
    });
}

}  // namespace driftlab::cli
