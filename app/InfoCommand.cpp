// `driftlab info FILE.h5`: a dataset's summary (grid, currents, releases and splits, maps,
// provenance) on stdout.
#include <algorithm>
#include <iostream>
#include <map>

#include "ArgParser.h"
#include "CliJob.h"
#include "Commands.h"
#include "ProgressBar.h"
#include "data/DriftDataset.h"
#include "ocean/CivilDate.h"

namespace driftlab::cli {
namespace {

void printInfo(const DriftDataset& ds, std::ostream& out) {
    const Grid& g = ds.grid();
    const auto& rel = ds.releases();
    out << "DriftLab dataset " << ds.path() << "\n";
    out << "  format version " << ds.formatVersion() << ", " << formatBytes(ds.fileSizeBytes())
        << " on disk\n";
    out << "Grid\n";
    out << "  " << g.nx << " x " << g.ny << " cells (lon x lat), " << formatFixed(g.dLon, 6)
        << " deg (1/" << formatFixed(1.0 / g.dLon, 2) << ")\n";
    out << "  lon " << formatFixed(g.lonMin, 4) << " .. " << formatFixed(g.lonMax(), 4)
        << " E, lat " << formatFixed(g.latMin, 4) << " .. " << formatFixed(g.latMax(), 4) << " N\n";
    const auto ocean = ds.mask().oceanCellCount();
    out << "  ocean cells " << ocean << " (" << formatFixed(100.0 * ocean / g.cellCount(), 1)
        << " %)\n";
    out << "Currents\n";
    if (ds.currentStepsPerDay() == 1)
        out << "  " << ds.currentDays() << " daily fields, ";
    else
        out << "  " << (ds.currentDays() - 1) * ds.currentStepsPerDay() + 1 << " fields every "
            << 24 / ds.currentStepsPerDay() << " h over " << ds.currentDays() << " days, ";
    out << formatDate(ds.startDay()) << " .. " << formatDate(ds.startDay() + ds.currentDays() - 1)
        << "\n";
    if (rel.empty()) {
        out << "Releases\n  none: currents only (made by import-currents). Generate a dataset on "
               "them:\n  driftlab generate OUT.h5 --currents "
            << ds.path() << " [--releases N --days D ...]\n";
    } else {
        out << "Releases\n";
        std::map<Split, int> perSplit;
        double placed = 0;
        int firstDate = rel.empty() ? 0 : rel.front().date, lastDate = firstDate;
        for (const auto& r : rel) {
            ++perSplit[r.spec.split];
            placed += r.placed;
            firstDate = std::min(firstDate, r.date);
            lastDate = std::max(lastDate, r.date);
        }
        out << "  " << rel.size() << " releases, " << formatDate(firstDate) << " .. "
            << formatDate(lastDate) << ", mean "
            << formatFixed(rel.empty() ? 0.0 : placed / rel.size(), 1) << " particles placed";
        if (!rel.empty()) out << ", radius " << formatFixed(rel.front().spec.radiusKm, 2) << " km";
        out << "\n";
        out << "  output days 0.." << ds.outputDays() << " (" << ds.outputDays() + 1
            << " maps per release, " << ds.outputDays() << " training pairs per release)\n";
        for (Split s : {Split::Train, Split::Validation, Split::Test}) {
            out << "  " << splitName(s) << ": " << perSplit[s] << " releases, "
                << perSplit[s] * ds.outputDays() << " pairs\n";
        }
        const auto mass = ds.mass(), beached = ds.beached();
        if (!rel.empty()) {
            double lastMass = 0, lastBeached = 0;
            const int nd = ds.outputDays() + 1;
            for (std::size_t k = 0; k < rel.size(); ++k) {
                lastMass += mass[k * nd + nd - 1];
                lastBeached += beached[k * nd + nd - 1];
            }
            out << "  on day " << ds.outputDays() << ": "
                << formatFixed(100.0 * lastMass / rel.size(), 1)
                << " % of particles still in the domain, "
                << formatFixed(100.0 * lastBeached / rel.size(), 1) << " % beached\n";
        }
    }
    out << "Density maps\n";
    const auto stored = ds.storedTileCount(), possible = ds.possibleTileCount();
    out << "  " << rel.size() * (ds.outputDays() + 1) << " maps, tiles of " << ds.tileSize()
        << " x " << ds.tileSize() << ", " << stored << " of " << possible << " tiles stored ("
        << formatFixed(possible ? 100.0 * stored / possible : 0.0, 1)
        << " %, the rest are empty)\n";
    out << "Provenance\n";
    for (const auto& [name, value] : ds.attributes()) out << "  " << name << ": " << value << "\n";
}

}  // namespace

int runInfo(const std::vector<std::string>& args) {
    const CliJob job("info");
    std::string path;
    const int parsed = job.parse([&] {
        const ArgParser p(args, {}, {});
        if (p.positional().size() != 1) throw UsageError("info needs exactly one dataset file");
        path = p.positional()[0];
    });
    if (parsed != kOk) return parsed;
    return job.run([&] {
        printInfo(DriftDataset::open(path), std::cout);
        return kOk;
    });
}

}  // namespace driftlab::cli
