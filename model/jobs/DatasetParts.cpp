#include "jobs/DatasetParts.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/InputError.h"
#include "data/AtomicFile.h"
#include "data/DatasetWriter.h"
#include "data/DriftDataset.h"
#include "jobs/DatasetGenerator.h"

namespace driftlab {

std::string attributesToJson(const Attributes& attributes) {
    nlohmann::json list = nlohmann::json::array();
    for (const Attribute& a : attributes) {
        nlohmann::json item = {{"name", a.name}};
        if (const auto* s = std::get_if<std::string>(&a.value)) {
            item["text"] = *s;
        } else if (const auto* d = std::get_if<double>(&a.value)) {
            item["real"] = *d;
        } else {
            item["integer"] = std::get<std::int64_t>(a.value);
        }
        list.push_back(item);
    }
    return list.dump();
}

Attributes attributesFromJson(const std::string& text) {
    Attributes out;
    const nlohmann::json list = nlohmann::json::parse(text);
    if (!list.is_array()) throw InputError("not a list of attributes");
    for (const auto& item : list) {
        Attribute a;
        a.name = item.at("name").get<std::string>();
        if (item.contains("text"))
            a.value = item.at("text").get<std::string>();
        else if (item.contains("real"))
            a.value = item.at("real").get<double>();
        else
            a.value = item.at("integer").get<std::int64_t>();
        out.push_back(std::move(a));
    }
    return out;
}

std::string singleRunHistory(const std::string& commandLine, const std::string& outPath) {
    std::istringstream in(commandLine);
    std::vector<std::string> tokens;
    for (std::string t; in >> t;) tokens.push_back(t);
    std::string out;
    for (std::size_t k = 0; k < tokens.size(); ++k) {
        if (tokens[k] == "--part") {
            ++k;
            continue;
        }
        if (tokens[k].rfind("--part=", 0) == 0) continue;
        out += (out.empty() ? "" : " ") +
               (tokens[k] == outPath ? std::string(parts::kOutToken) : tokens[k]);
    }
    return out;
}

namespace {

struct Part {
    std::unique_ptr<DriftDataset> ds;
    int index = 0, count = 0, total = 0;
    std::string provenance;
};

Part openPart(const std::string& path) {
    Part p;
    p.ds = std::make_unique<DriftDataset>(DriftDataset::open(path));
    std::string part;
    for (const auto& [name, value] : p.ds->attributes()) {
        if (name == parts::kPart) part = value;
        if (name == parts::kProvenance) p.provenance = value;
    }
    const auto total = p.ds->numberAttribute(parts::kReleases);
    if (part.empty() || p.provenance.empty() || !total)
        throw InputError(path + ": not a part file (made by generate --part K/N)");
    if (std::sscanf(part.c_str(), "%d/%d", &p.index, &p.count) != 2 || p.count < 1 || p.index < 0 ||
        p.index >= p.count)
        throw InputError(path + ": a damaged part number '" + part + "'");
    p.total = static_cast<int>(*total);
    const int expected = p.total > p.index ? (p.total - p.index + p.count - 1) / p.count : 0;
    if (p.ds->releaseCount() != expected)
        throw InputError(path + ": part " + part + " should hold " + std::to_string(expected) +
                         " releases, it holds " + std::to_string(p.ds->releaseCount()));
    return p;
}

}  // namespace

GenerationStats mergeDatasetParts(const std::vector<std::string>& paths, const std::string& outPath,
                                  int threads, const JobControl& control) {
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    if (paths.empty()) throw InputError("merge needs the part files");
    std::vector<Part> parts(paths.size());
    for (std::size_t k = 0; k < paths.size(); ++k) parts[k] = openPart(paths[k]);
    const int n = parts.front().count;
    std::vector<const Part*> byIndex(static_cast<std::size_t>(n), nullptr);
    for (std::size_t k = 0; k < parts.size(); ++k) {
        const Part& p = parts[k];
        if (p.count != n || p.total != parts.front().total ||
            p.provenance != parts.front().provenance)
            throw InputError(paths[k] + " is a part of another run than " + paths.front() +
                             " (other options, seed or number of parts)");
        if (byIndex[static_cast<std::size_t>(p.index)])
            throw InputError(paths[k] + ": part " + std::to_string(p.index) + "/" +
                             std::to_string(n) + " is given twice");
        byIndex[static_cast<std::size_t>(p.index)] = &p;
    }
    for (int k = 0; k < n; ++k)
        if (!byIndex[static_cast<std::size_t>(k)])
            throw InputError("part " + std::to_string(k) + "/" + std::to_string(n) + " is missing");
    const DriftDataset& first = *parts.front().ds;
    for (const Part& p : parts)
        if (p.ds->grid().nx != first.grid().nx || p.ds->currentDays() != first.currentDays() ||
            p.ds->outputDays() != first.outputDays())
            throw InputError(p.ds->path() + ": its grid or days differ from " + first.path() +
                             "'s");

    // The single run's provenance, with its history naming this output.
    Attributes provenance = attributesFromJson(parts.front().provenance);
    for (Attribute& a : provenance)
        if (a.name == "history")
            if (auto* h = std::get_if<std::string>(&a.value)) {
                const auto at = h->find(parts::kOutToken);
                if (at != std::string::npos)
                    h->replace(at, std::string(parts::kOutToken).size(), outPath);
            }
    const int total = parts.front().total;
    std::vector<ReleaseSpec> specs(static_cast<std::size_t>(total));
    for (int k = 0; k < total; ++k) {
        const ReleaseRecord& r = byIndex[static_cast<std::size_t>(k % n)]->ds->releases().at(
            static_cast<std::size_t>(k / n));
        specs[static_cast<std::size_t>(k)] = r.spec;
    }

    AtomicFile file(outPath);
    const CurrentFields fields = first.readAllCurrents();
    DatasetWriter writer(file.tempPath(), fields, specs, first.outputDays(), provenance);
    writer.writeCurrents(std::max(1, threads), control.slice(0.0, 0.05));
    const int days = first.outputDays() + 1;
    std::vector<std::vector<float>> masses(parts.size()), beacheds(parts.size());
    std::map<const Part*, std::size_t> slot;
    for (std::size_t k = 0; k < parts.size(); ++k) {
        masses[k] = parts[k].ds->mass();
        beacheds[k] = parts[k].ds->beached();
        slot[&parts[k]] = k;
    }
    GenerationStats stats;
    for (int k = 0; k < total; ++k) {
        control.throwIfStopped();
        const Part& p = *byIndex[static_cast<std::size_t>(k % n)];
        const int local = k / n;
        EncodedRelease e;
        e.placed = p.ds->releases().at(static_cast<std::size_t>(local)).placed;
        const auto& mass = masses[slot.at(&p)];
        const auto& beached = beacheds[slot.at(&p)];
        e.mass.assign(mass.begin() + static_cast<std::ptrdiff_t>(local) * days,
                      mass.begin() + static_cast<std::ptrdiff_t>(local + 1) * days);
        e.beached.assign(beached.begin() + static_cast<std::ptrdiff_t>(local) * days,
                         beached.begin() + static_cast<std::ptrdiff_t>(local + 1) * days);
        e.tiles.resize(static_cast<std::size_t>(days));
        MapSelection maps;
        maps.releases = {local};
        for (int d = 0; d < days; ++d) maps.days.push_back(d);
        p.ds->scanRawTiles(maps, 1u << 20, 1u << 20, [&](RawTileBatch& batch) {
            for (const RawTile& t : batch.tiles) {
                if (t.filterMask != 0)
                    throw InputError(p.ds->path() + ": a tile stored without its filters");
                EncodedTile tile;
                tile.ti = t.ti;
                tile.tj = t.tj;
                tile.bytes.assign(
                    batch.bytes.begin() + static_cast<std::ptrdiff_t>(t.offset),
                    batch.bytes.begin() + static_cast<std::ptrdiff_t>(t.offset + t.size));
                e.tiles[static_cast<std::size_t>(t.day)].push_back(std::move(tile));
            }
        });
        for (auto& day : e.tiles) {
            std::sort(day.begin(), day.end(), [](const EncodedTile& a, const EncodedTile& b) {
                return a.tj != b.tj ? a.tj < b.tj : a.ti < b.ti;
            });
            stats.storedTiles += day.size();
        }
        writer.writeRelease(k, e);
        control.report(0.05 + 0.95 * (k + 1) / total, "releases");
    }
    writer.finish();
    file.commit();
    stats.releases = total;
    stats.maps = total * days;
    stats.totalSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
    std::error_code ec;
    stats.fileBytes = std::filesystem::file_size(outPath, ec);
    return stats;
}

}  // namespace driftlab
