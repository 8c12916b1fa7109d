#include "importing/ImportJobs.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "core/InputError.h"
#include "data/DriftDataset.h"
#include "jobs/DatasetGenerator.h"

namespace driftlab {

namespace {

void generateOn(std::shared_ptr<const CurrentFields> fields, Attributes source,
                const GenerateOnCurrents& g, const std::string& datasetPath,
                const std::string& history, const JobControl& control) {
    GeneratorConfig config = GeneratorConfig::fromPreset("demo");
    config.presetName = "imported";
    config.releases.count = g.releases;
    config.releases.particles = g.particles;
    config.releases.radiusKm = g.radiusKm;
    config.simulation.outputDays = std::min(g.outputDays, fields->days - 1);
    if (config.simulation.outputDays < 1)
        throw InputError("the currents cover one day: a dataset needs two or more");
    config.seed = g.seed;
    config.threads = std::max(1, g.threads);
    config.currents = std::move(fields);
    config.currentsSource = std::move(source);
    generateDataset(config, datasetPath, history, control);
}

}  // namespace

Attributes currentsProvenance(const DriftDataset& ds) {
    std::string source = "currents of " + std::filesystem::absolute(ds.path()).string();
    for (const auto& [name, value] : ds.attributes())
        if (name == "source") source += " (" + value + ")";
    Attributes a = {{"source", source}};
    for (const auto& [name, value] : ds.attributes())
        if (name.rfind("import_", 0) == 0 || name == "coastline") a.push_back({name, value});
    return a;
}

std::string importCurrentsAndGenerate(const std::vector<std::string>& paths,
                                      const CurrentsImportOptions& options,
                                      const std::string& currentsPath,
                                      const GenerateOnCurrents& generate,
                                      const std::string& datasetPath, const std::string& history,
                                      const JobControl& control) {
    ImportedCurrents c =
        importCurrents(paths, options, generate.enabled ? control.slice(0.0, 0.5) : control);
    writeCurrentsFile(c, currentsPath, history);
    if (!generate.enabled) return currentsPath;
    Attributes source = importProvenance(c);
    generateOn(std::make_shared<const CurrentFields>(std::move(c.fields)), std::move(source),
               generate, datasetPath, history, control.slice(0.5, 1.0));
    return datasetPath;
}

void generateOnCurrentsFile(const std::string& currentsPath, const GenerateOnCurrents& generate,
                            const std::string& datasetPath, const std::string& history,
                            const JobControl& control) {
    const DriftDataset ds = DriftDataset::open(currentsPath);
    generateOn(std::make_shared<const CurrentFields>(ds.readAllCurrents()), currentsProvenance(ds),
               generate, datasetPath, history, control);
}

}  // namespace driftlab
