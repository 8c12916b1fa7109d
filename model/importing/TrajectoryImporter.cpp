#include "importing/TrajectoryImporter.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "core/Text.h"
#include "DriftLabVersion.h"
#include "data/AtomicFile.h"
#include "data/DatasetWriter.h"
#include "data/DriftDataset.h"
#include "drift/DensityMapper.h"
#include "core/Random.h"
#include "importing/ImportProbe.h"
#include "importing/SourcePoints.h"
#include "importing/TargetGrid.h"
#include "netcdf/CfTime.h"
#include "netcdf/CfValues.h"
#include "netcdf/NcFile.h"
#include "ocean/CivilDate.h"

namespace driftlab {

namespace {

using nc::File;
using nc::VarInfo;

constexpr double kTolDays = 60.0 / 86400.0;  // times within a minute are the same time
constexpr std::size_t kChunk = 2048;         // trajectories read at a time

enum class State : std::uint8_t { Active = 0, Beached = 1, Gone = 2, Unknown = 3 };

double wrapDelta(double a, double b) {
    return wrapLongitude(a, b) - b;
}

// One particle after reading: where it started and where it was 0, 1, 2, ... days later.
struct Particle {
    double startDay = 0;  // days since 1970
    double lon0 = 0, lat0 = 0;
    double ensemble = 0;
    std::vector<float> lon, lat;  // per day after start
    std::vector<State> state;
    int coveredDays() const {  // last day with a known state
        int d = -1;
        for (std::size_t k = 0; k < state.size() && state[k] != State::Unknown; ++k)
            d = static_cast<int>(k);
        return d;
    }
};

// How a trajectory file is laid out.
struct TrajLayout {
    std::string kind;
    VarInfo lon, lat, time;
    int pDim = 0, oDim = 1;  // particle and observation dimensions of lon / lat
    bool time2D = false;
    CfTime cf;
    std::optional<VarInfo> status;
    int strandedValue = -9999;
    std::vector<int> goneValues;
    std::optional<VarInfo> ensemble;
};

bool unitsLike(const File& f, const std::string& v, bool lon) {
    const std::string u = lowerCase(f.text(v, "units").value_or(""));
    const std::string sn = f.text(v, "standard_name").value_or("");
    if (sn == (lon ? "longitude" : "latitude")) return true;
    if (lon)
        return u.rfind("degree", 0) == 0 &&
               (u.find("east") != std::string::npos || u.back() == 'e');
    return u.rfind("degree", 0) == 0 && (u.find("north") != std::string::npos || u.back() == 'n');
}

TrajLayout detectLayout(const File& f, const TrajectoryImportOptions& o) {
    TrajLayout L;
    std::optional<VarInfo> lon, lat;
    for (const VarInfo& v : f.variables()) {
        if (v.rank() != 2 || !nc::isNumericType(v.type)) continue;
        const std::string n = lowerCase(v.name);
        if (!lon && (n == "lon" || n == "longitude" || unitsLike(f, v.name, true))) lon = v;
        if (!lat && (n == "lat" || n == "latitude" || unitsLike(f, v.name, false))) lat = v;
    }
    if (!lon || !lat || lon->dims != lat->dims)
        throw std::invalid_argument(
            fileName(f.path()) +
            ": no particle positions: DriftLab looks for 2-D lon / lat (trajectory x time or "
            "traj x obs, as OpenDrift and OceanParcels write them) with units degrees_east / "
            "degrees_north");
    L.lon = *lon;
    L.lat = *lat;
    // Which dimension is the particle: the one named like it, else the one without a 1-D time.
    const auto isParticleDim = [](const std::string& d) {
        const std::string n = lowerCase(d);
        return n == "trajectory" || n == "traj" || n == "particle" || n == "particles" ||
               n == "drifter";
    };
    L.pDim = isParticleDim(lon->dims[1]) ? 1 : 0;
    L.oDim = 1 - L.pDim;
    // Time: a 1-D variable over the observation dimension (OpenDrift), or 2-D like the positions
    // (Parcels).
    std::optional<VarInfo> time;
    for (const VarInfo& v : f.variables()) {
        const std::string units = lowerCase(f.text(v.name, "units").value_or(""));
        if (units.find(" since ") == std::string::npos) continue;
        if (v.rank() == 1 && v.dims[0] == lon->dims[L.oDim]) time = v;
        if (v.rank() == 2 && v.dims == lon->dims) time = v;
        if (time) break;
    }
    if (!time)
        throw std::invalid_argument(fileName(f.path()) +
                                    ": no time for the positions (a variable with units "
                                    "'seconds since ...' over " +
                                    lon->dims[L.oDim] + ")");
    L.time = *time;
    L.time2D = time->rank() == 2;
    L.cf = CfTime::parse(f.text(time->name, "units").value_or(""),
                         f.text(time->name, "calendar").value_or(""));
    // OpenDrift's status with flag meanings.
    if (f.hasVariable("status")) {
        VarInfo s = f.variable("status");
        if (s.dims == lon->dims) {
            L.status = s;
            std::istringstream meanings(f.text("status", "flag_meanings").value_or(""));
            const auto values = f.numbers("status", "flag_values").value_or(std::vector<double>{});
            std::string m;
            for (std::size_t k = 0; meanings >> m; ++k) {
                const int value =
                    k < values.size() ? static_cast<int>(values[k]) : static_cast<int>(k);
                if (m == "stranded")
                    L.strandedValue = value;
                else if (m != "active")
                    L.goneValues.push_back(value);
            }
        }
    }
    const std::string ens = o.ensembleVar;
    if (!ens.empty()) {
        if (!f.hasVariable(ens))
            throw std::invalid_argument(fileName(f.path()) + ": --ensemble " + ens +
                                        ": no such variable");
        VarInfo e = f.variable(ens);
        if (e.rank() < 1 || e.dims[0] != lon->dims[L.pDim] || e.rank() > 2)
            throw std::invalid_argument(fileName(f.path()) + ": --ensemble " + ens +
                                        " must run over the particles (" + lon->dims[L.pDim] + ")");
        L.ensemble = e;
    } else {
        for (const char* n : {"ensemble_id", "origin_marker"}) {
            if (!f.hasVariable(n)) continue;
            VarInfo e = f.variable(n);
            if (e.rank() >= 1 && e.dims[0] == lon->dims[L.pDim]) {
                L.ensemble = e;
                break;
            }
        }
    }
    const bool parcels = lowerCase(lon->dims[L.oDim]) == "obs";
    const bool opendrift = L.status.has_value() || f.text("", "opendrift_version").has_value();
    L.kind = opendrift ? "OpenDrift" : parcels ? "OceanParcels" : "CF trajectories";
    return L;
}

// Reads the rows [p0, p0 + n) of a (particle, obs) variable as (n x obs), decoded.
std::vector<double> readRows(const File& f, const VarInfo& v, int pDim, std::size_t p0,
                             std::size_t n) {
    std::vector<std::size_t> start(2, 0), count = v.shape;
    start[pDim] = p0;
    count[pDim] = n;
    std::vector<double> raw = f.read(v, start, count);
    CfValues(f, v).decode(raw);
    if (pDim == 0) return raw;
    const std::size_t obs = v.shape[0];
    std::vector<double> out(raw.size());
    for (std::size_t o = 0; o < obs; ++o)
        for (std::size_t p = 0; p < n; ++p) out[p * obs + o] = raw[o * n + p];
    return out;
}

// Positions of one particle 0, 1, 2, ... days after its first valid observation.
void sampleParticle(const double* lon, const double* lat, const double* t, const double* status,
                    std::size_t obs, double fileEnd, const TrajLayout& L, int maxDays, Particle& p,
                    bool& any) {
    std::vector<std::size_t> valid;
    for (std::size_t k = 0; k < obs; ++k)
        if (std::isfinite(lon[k]) && std::isfinite(lat[k]) && std::isfinite(t[k]))
            valid.push_back(k);
    any = !valid.empty();
    if (!any) return;
    p.startDay = t[valid.front()];
    p.lon0 = lon[valid.front()];
    p.lat0 = lat[valid.front()];
    const auto statusAt = [&](std::size_t k) {
        if (!status || !std::isfinite(status[k])) return State::Active;
        const int s = static_cast<int>(status[k]);
        if (s == L.strandedValue) return State::Beached;
        if (std::find(L.goneValues.begin(), L.goneValues.end(), s) != L.goneValues.end())
            return State::Gone;
        return State::Active;
    };
    const std::size_t last = valid.back();
    for (int d = 0; d <= maxDays; ++d) {
        const double T = p.startDay + d;
        State st;
        double lo, la;
        if (T > fileEnd + kTolDays) {
            st = State::Unknown;
            lo = la = 0;
        } else if (T > t[last] + kTolDays) {
            // After its last observation: stranded particles stay on the coast, others left.
            st = statusAt(last) == State::Beached ? State::Beached : State::Gone;
            lo = lon[last];
            la = lat[last];
        } else {
            auto it = std::lower_bound(valid.begin(), valid.end(), T - kTolDays,
                                       [&](std::size_t k, double x) { return t[k] < x; });
            const std::size_t k1 = *it;
            if (std::abs(t[k1] - T) <= kTolDays || it == valid.begin()) {
                lo = lon[k1];
                la = lat[k1];
                st = statusAt(k1);
            } else {
                const std::size_t k0 = *(it - 1);
                const double w = (T - t[k0]) / (t[k1] - t[k0]);
                lo = lon[k0] + w * (wrapDelta(lon[k1], lon[k0]));
                la = lat[k0] + w * (lat[k1] - lat[k0]);
                st = statusAt(k0);
            }
            if (st == State::Gone) lo = la = 0;
        }
        p.lon.push_back(static_cast<float>(lo));
        p.lat.push_back(static_cast<float>(la));
        p.state.push_back(st);
    }
}

double distanceKm(double lon1, double lat1, double lon2, double lat2) {
    const double dx = wrapDelta(lon2, lon1) * std::cos(0.5 * (lat1 + lat2) * kDegToRad);
    return 111.195 * std::hypot(dx, lat2 - lat1);
}

struct Group {
    std::vector<std::size_t> members;
    double startDay = 0;
    int days = 0;
};

std::vector<Group> groupParticles(const std::vector<Particle>& ps, bool byEnsemble,
                                  double radiusKm) {
    std::vector<Group> groups;
    if (byEnsemble) {
        std::map<double, Group> byValue;
        for (std::size_t k = 0; k < ps.size(); ++k) byValue[ps[k].ensemble].members.push_back(k);
        for (auto& [value, g] : byValue) groups.push_back(std::move(g));
    } else {
        std::vector<std::size_t> order(ps.size());
        for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return ps[a].startDay < ps[b].startDay - kTolDays;
        });
        std::size_t first = 0;
        while (first < order.size()) {
            std::size_t end = first;
            while (end < order.size() &&
                   ps[order[end]].startDay - ps[order[first]].startDay <= kTolDays)
                ++end;
            // Same start time: one release per cluster of start positions.
            std::vector<Group> here;
            for (std::size_t k = first; k < end; ++k) {
                const Particle& p = ps[order[k]];
                Group* g = nullptr;
                for (Group& c : here) {
                    const Particle& seed = ps[c.members.front()];
                    if (distanceKm(seed.lon0, seed.lat0, p.lon0, p.lat0) <= radiusKm) {
                        g = &c;
                        break;
                    }
                }
                if (!g) g = &here.emplace_back();
                g->members.push_back(order[k]);
            }
            for (Group& g : here) groups.push_back(std::move(g));
            first = end;
        }
    }
    for (Group& g : groups) {
        g.startDay = ps[g.members.front()].startDay;
        g.days = 1 << 30;
        for (std::size_t m : g.members) {
            g.startDay = std::min(g.startDay, ps[m].startDay);
            g.days = std::min(g.days, ps[m].coveredDays());
        }
    }
    return groups;
}

// The grid, mask and currents the dataset gets: --grid's, or a box around the particles with
// no currents (all ocean, zero velocity) when none is given.
CurrentFields datasetFields(const TrajectoryImportOptions& o, double west, double east,
                            double south, double north, int firstDay, int lastDay,
                            std::vector<std::string>& notes) {
    if (!o.gridPath.empty()) {
        const DriftDataset grid = DriftDataset::open(o.gridPath);
        return grid.readAllCurrents();
    }
    const double res = o.resolutionDeg.value_or(1.0 / 16.0);
    double w = west - 2 * res, e = east + 2 * res, s = south - 2 * res, n = north + 2 * res;
    if (o.lonRange) std::tie(w, e) = *o.lonRange;
    if (o.latRange) std::tie(s, n) = *o.latRange;
    const Grid g = importGrid(w, e, s, n, res, notes);
    CurrentFields f;
    f.mask = OceanMask(g, std::vector<std::uint8_t>(g.cellCount(), 1));
    f.startDay = firstDay;
    f.days = lastDay - firstDay + 1;
    f.u.assign(static_cast<std::size_t>(f.days) * g.cellCount(), 0.0f);
    f.v = f.u;
    notes.push_back(
        "no --grid: the dataset has no currents (zero velocity, all ocean); browse it and take "
        "its mean, or import the currents and give them with --grid CURRENTS.h5 to train on it");
    return f;
}

// Train / val / test by the options, as the generator draws them.
void splitReleases(std::vector<ReleaseSpec>& specs, const TrajectoryImportOptions& o) {
    ReleasePlan plan;
    plan.splitMode = o.splitMode;
    plan.valFraction = o.valFraction;
    plan.testFraction = o.testFraction;
    Random rng(o.seed, 0x5E1EA5E);
    assignSplits(specs, plan, rng);
}

Attributes importAttributes(const std::string& kind, const std::vector<std::string>& paths,
                            const std::string& grouping, const TrajectoryImportOptions& o,
                            const std::string& history, int outputDays, std::size_t particles,
                            int releases) {
    std::string files;
    for (const auto& p : paths) files += (files.empty() ? "" : " ") + p;
    return {
        {"driftlab_version", std::string(kDriftLabVersion)},
        {"history", history},
        {"source", "trajectories simulated by " + kind +
                       ", imported by driftlab "
                       "import-trajectories: " +
                       files},
        {"references", std::string("Jenkins et al. 2022, UncertainDrift, arXiv:2204.05891")},
        {"import_kind", kind},
        {"import_files", files},
        {"import_grouping", grouping},
        {"import_currents", o.gridPath.empty() ? std::string("none") : o.gridPath},
        {"generator_output_days", static_cast<std::int64_t>(outputDays)},
        {"generator_sigma_cells", o.sigmaCells},
        {"generator_releases", static_cast<std::int64_t>(releases)},
        {"generator_particles_per_release",
         static_cast<std::int64_t>(releases > 0 ? particles / static_cast<std::size_t>(releases)
                                                : 0)},
        {"generator_seed", static_cast<std::int64_t>(o.seed)},
        {"generator_split_mode", std::string(splitModeName(o.splitMode))},
        {"generator_val_fraction", o.valFraction},
        {"generator_test_fraction", o.testFraction},
    };
}

TrajectoryImportResult importDensityMaps(const std::vector<File>& files,
                                         const TrajectoryImportOptions& o,
                                         const std::string& outPath, const std::string& history,
                                         const JobControl& control);

}  // namespace

namespace {
TrajectoryFileInfo inspectInProcess(const std::vector<std::string>& paths,
                                    const std::string& ensembleVar);
}  // namespace

TrajectoryImportResult importTrajectories(const std::vector<std::string>& paths,
                                          const TrajectoryImportOptions& o,
                                          const std::string& outPath, const std::string& history,
                                          const JobControl& control) {
    if (paths.empty()) throw std::invalid_argument("no input files");
    if (!(o.sigmaCells >= 0 && o.sigmaCells <= 20))
        throw std::invalid_argument("--sigma must be in 0..20 cells");
    probeImportFiles(paths, [&] { inspectInProcess(paths, o.ensembleVar); });
    std::vector<File> files;
    for (const auto& p : paths) files.push_back(File::open(p));
    if (files.front().hasVariable("density_map"))
        return importDensityMaps(files, o, outPath, history, control);
    AtomicFile out(outPath);  // checks the folder before any work

    TrajectoryImportResult R;
    std::vector<Particle> particles;
    const int maxDays = o.outputDays.value_or(3650);
    bool byEnsemble = false;
    std::string kind;
    for (std::size_t fi = 0; fi < files.size(); ++fi) {
        const File& f = files[fi];
        const TrajLayout L = detectLayout(f, o);
        kind = kind.empty() || kind == L.kind ? L.kind : "several kinds";
        byEnsemble = L.ensemble.has_value();
        const std::size_t P = L.lon.shape[L.pDim], O = L.lon.shape[L.oDim];
        std::vector<double> t1;
        double fileEnd = -1e300;
        if (!L.time2D) {
            t1 = f.read(L.time);
            CfValues(f, L.time).decode(t1);
            for (double& x : t1)
                if (std::isfinite(x)) {
                    x = L.cf.toDays(x);
                    fileEnd = std::max(fileEnd, x);
                }
        } else {
            for (std::size_t p0 = 0; p0 < P; p0 += kChunk) {
                const auto t = readRows(f, L.time, L.pDim, p0, std::min(kChunk, P - p0));
                for (double x : t)
                    if (std::isfinite(x)) fileEnd = std::max(fileEnd, L.cf.toDays(x));
            }
        }
        std::vector<double> ens;
        if (L.ensemble) {
            if (L.ensemble->rank() == 1) {
                ens = f.read(*L.ensemble);
            } else {
                ens.assign(P, std::nan(""));
                for (std::size_t p0 = 0; p0 < P; p0 += kChunk) {
                    const std::size_t n = std::min(kChunk, P - p0);
                    const auto e = readRows(f, *L.ensemble, 0, p0, n);
                    for (std::size_t p = 0; p < n; ++p)
                        for (std::size_t k = 0; k < L.ensemble->shape[1] && std::isnan(ens[p0 + p]);
                             ++k)
                            ens[p0 + p] = e[p * L.ensemble->shape[1] + k];
                }
            }
        }
        std::size_t empty = 0;
        for (std::size_t p0 = 0; p0 < P; p0 += kChunk) {
            control.throwIfStopped();
            const std::size_t n = std::min(kChunk, P - p0);
            const auto lon = readRows(f, L.lon, L.pDim, p0, n);
            const auto lat = readRows(f, L.lat, L.pDim, p0, n);
            std::vector<double> t2, st;
            if (L.time2D) {
                t2 = readRows(f, L.time, L.pDim, p0, n);
                for (double& x : t2)
                    if (std::isfinite(x)) x = L.cf.toDays(x);
            }
            if (L.status) st = readRows(f, *L.status, L.pDim, p0, n);
            for (std::size_t p = 0; p < n; ++p) {
                Particle part;
                bool any = false;
                const double* tp = L.time2D ? t2.data() + p * O : t1.data();
                // Sample only the days this particle's file can cover.
                int days = maxDays;
                for (std::size_t k = 0; k < O; ++k)
                    if (std::isfinite(lon[p * O + k]) && std::isfinite(tp[k])) {
                        days = std::min(days,
                                        static_cast<int>(std::floor(fileEnd - tp[k] + kTolDays)));
                        break;
                    }
                sampleParticle(lon.data() + p * O, lat.data() + p * O, tp,
                               L.status ? st.data() + p * O : nullptr, O, fileEnd, L,
                               std::max(days, 0), part, any);
                if (!any) {
                    ++empty;
                    continue;
                }
                part.ensemble = ens.empty() ? 0.0 : ens[p0 + p];
                particles.push_back(std::move(part));
            }
            control.report(0.5 * (fi + static_cast<double>(p0 + n) / P) / files.size(),
                           "reading trajectories");
        }
        if (empty > 0)
            R.notes.push_back(fileName(f.path()) + ": " + std::to_string(empty) +
                              " trajectories without a single valid position were skipped");
    }
    if (particles.empty()) throw std::invalid_argument("no particle with a valid position");
    R.kind = kind;
    R.particles = particles.size();

    std::vector<Group> groups = groupParticles(particles, byEnsemble, o.groupRadiusKm);
    int D = 0;
    if (o.outputDays) {
        D = *o.outputDays;
    } else {
        D = 1 << 30;
        for (const Group& g : groups)
            if (g.days >= 1) D = std::min(D, g.days);
        if (D == (1 << 30))
            throw std::invalid_argument(
                "the trajectories cover less than one day after their start");
    }
    std::vector<Group> kept;
    for (Group& g : groups)
        if (g.days >= D) kept.push_back(std::move(g));
    R.droppedReleases = static_cast<int>(groups.size() - kept.size());
    if (R.droppedReleases > 0)
        R.notes.push_back(std::to_string(R.droppedReleases) + " release(s) cover fewer than " +
                          std::to_string(D) + " days and were left out");
    if (kept.empty())
        throw std::invalid_argument("no release covers " + std::to_string(D) + " days");
    std::stable_sort(kept.begin(), kept.end(), [](const Group& a, const Group& b) {
        return a.startDay < b.startDay - kTolDays;
    });

    // The box of everything the maps will show, for a dataset without --grid.
    double w = 1e300, e = -1e300, s = 1e300, n = -1e300;
    const double ref = particles.front().lon0;
    for (const Group& g : kept)
        for (std::size_t m : g.members)
            for (int d = 0; d <= D; ++d) {
                const Particle& p = particles[m];
                if (p.state[d] == State::Gone || p.state[d] == State::Unknown) continue;
                const double lo = wrapLongitude(p.lon[d], ref);
                w = std::min(w, lo);
                e = std::max(e, lo);
                s = std::min(s, static_cast<double>(p.lat[d]));
                n = std::max(n, static_cast<double>(p.lat[d]));
            }
    int firstDay = 1 << 30, lastDay = -(1 << 30);
    for (const Group& g : kept) {
        firstDay = std::min(firstDay, static_cast<int>(std::floor(g.startDay + kTolDays)));
        lastDay = std::max(lastDay, static_cast<int>(std::floor(g.startDay + kTolDays)) + D);
    }
    const CurrentFields fields = datasetFields(o, w, e, s, n, firstDay, lastDay, R.notes);
    const Grid& grid = fields.grid();

    // Releases: the groups whose days the currents cover.
    std::vector<ReleaseSpec> specs;
    std::vector<const Group*> used;
    int outside = 0;
    for (const Group& g : kept) {
        ReleaseSpec r;
        r.day = static_cast<int>(std::floor(g.startDay + kTolDays)) - fields.startDay;
        if (r.day < 0 || r.day + D > fields.days - 1) {
            ++outside;
            continue;
        }
        double sl = 0, sa = 0;
        const double lref = particles[g.members.front()].lon0;
        for (std::size_t m : g.members) {
            sl += wrapLongitude(particles[m].lon0, lref);
            sa += particles[m].lat0;
        }
        r.lon = sl / g.members.size();
        r.lat = sa / g.members.size();
        double radius = 0;
        for (std::size_t m : g.members)
            radius =
                std::max(radius, distanceKm(r.lon, r.lat, particles[m].lon0, particles[m].lat0));
        r.radiusKm = radius;
        r.particles = static_cast<int>(g.members.size());
        specs.push_back(r);
        used.push_back(&g);
    }
    if (outside > 0) {
        R.droppedReleases += outside;
        R.notes.push_back(std::to_string(outside) + " release(s) fall outside the days of " +
                          o.gridPath + "'s currents (" + formatDate(fields.startDay) + " .. " +
                          formatDate(fields.startDay + fields.days - 1) + ") and were left out");
    }
    if (specs.empty()) throw std::invalid_argument("no release falls within the currents' days");
    splitReleases(specs, o);

    const std::string grouping =
        byEnsemble ? "by the ensemble variable"
                   : "by start time and place (within " + std::to_string(o.groupRadiusKm) + " km)";
    DatasetWriter writer(out.tempPath(), fields, specs, D,
                         importAttributes(kind, paths, grouping, o, history, D, R.particles,
                                          static_cast<int>(specs.size())));
    writer.writeCurrents(1);
    const DensityMapper mapper(fields.mask, o.sigmaCells);
    const double centre = grid.lonMin + 0.5 * grid.nx * grid.dLon;
    std::vector<double> x, y, counts;
    std::vector<bool> counted;
    std::vector<float> map;
    for (std::size_t k = 0; k < specs.size(); ++k) {
        control.throwIfStopped();
        const Group& g = *used[k];
        EncodedRelease enc;
        enc.placed = static_cast<int>(g.members.size());
        enc.tiles.resize(static_cast<std::size_t>(D) + 1);
        for (int d = 0; d <= D; ++d) {
            x.clear();
            y.clear();
            counted.clear();
            std::size_t onGrid = 0, beached = 0;
            for (std::size_t m : g.members) {
                const Particle& p = particles[m];
                if (p.state[d] != State::Active && p.state[d] != State::Beached) continue;
                const double X = (wrapLongitude(p.lon[d], centre) - grid.lonMin) / grid.dLon;
                const double Y = (p.lat[d] - grid.latMin) / grid.dLat;
                if (X < 0 || Y < 0 || X >= grid.nx || Y >= grid.ny) continue;
                x.push_back(X);
                y.push_back(Y);
                counted.push_back(true);
                ++onGrid;
                beached += p.state[d] == State::Beached;
            }
            const CellBox box = mapper.histogram(x, y, counted, counts);
            mapper.smooth(counts, box, static_cast<double>(g.members.size()), map);
            enc.mass.push_back(static_cast<float>(static_cast<double>(onGrid) / g.members.size()));
            enc.beached.push_back(
                static_cast<float>(static_cast<double>(beached) / g.members.size()));
            writer.codec().encode(map, enc.tiles[d]);
        }
        writer.writeRelease(static_cast<int>(k), enc);
        control.report(0.5 + 0.5 * static_cast<double>(k + 1) / specs.size(), "density maps");
    }
    writer.finish();
    out.commit();
    R.releases = static_cast<int>(specs.size());
    R.outputDays = D;
    return R;
}

namespace {

TrajectoryImportResult importDensityMaps(const std::vector<File>& files,
                                         const TrajectoryImportOptions& o,
                                         const std::string& outPath, const std::string& history,
                                         const JobControl& control) {
    AtomicFile out(outPath);
    TrajectoryImportResult R;
    R.kind = "UncertainDrift maps";
    struct Source {
        const File* f;
        VarInfo map;
        int eDim, oDim, yDim, xDim;
        double startDay;
    };
    std::vector<Source> sources;
    std::vector<double> lons, lats;
    int D = -1;
    for (const File& f : files) {
        if (!f.hasVariable("density_map"))
            throw std::invalid_argument(fileName(f.path()) + ": no density_map variable");
        Source s{&f, f.variable("density_map"), -1, -1, -1, -1, 0};
        if (s.map.rank() != 4)
            throw std::invalid_argument(fileName(f.path()) +
                                        ": density_map should be (ensemble_id, obs, lat, lon)");
        for (int k = 0; k < 4; ++k) {
            const std::string d = lowerCase(s.map.dims[k]);
            if (d.find("ens") != std::string::npos || d == "release" || d == "trajectory")
                s.eDim = k;
            else if (d == "obs" || d == "time" || d == "day")
                s.oDim = k;
            else if (d.rfind("lat", 0) == 0 || d == "y")
                s.yDim = k;
            else if (d.rfind("lon", 0) == 0 || d == "x")
                s.xDim = k;
        }
        if (s.eDim < 0 || s.oDim < 0 || s.yDim < 0 || s.xDim < 0) {
            s.eDim = 0;
            s.oDim = 1;
            s.yDim = 2;
            s.xDim = 3;
        }
        const std::string tname = f.hasVariable("time") ? "time" : s.map.dims[s.oDim];
        if (!f.hasVariable(tname))
            throw std::invalid_argument(fileName(f.path()) + ": no time(obs) for the maps");
        const VarInfo tv = f.variable(tname);
        std::vector<double> t = f.read(tv);
        CfValues(f, tv).decode(t);
        const CfTime cf = CfTime::parse(f.text(tname, "units").value_or(""),
                                        f.text(tname, "calendar").value_or(""));
        s.startDay = cf.toDays(t.at(0));
        const std::string lonName = f.hasVariable("lon") ? "lon" : s.map.dims[s.xDim];
        const std::string latName = f.hasVariable("lat") ? "lat" : s.map.dims[s.yDim];
        auto lo = f.read(f.variable(lonName)), la = f.read(f.variable(latName));
        if (lons.empty()) {
            lons = lo;
            lats = la;
        } else if (lo != lons || la != lats) {
            throw std::invalid_argument(fileName(f.path()) +
                                        ": its lon / lat differ from the first file's");
        }
        const int days = static_cast<int>(s.map.shape[s.oDim]) - 1;
        D = D < 0 ? days : std::min(D, days);
        sources.push_back(s);
    }
    if (D < 1)
        throw std::invalid_argument("the maps need at least two observations (days 0 and 1)");
    if (lons.size() < 2 || lats.size() < 2)
        throw std::invalid_argument("the map grid is too small");
    const double res = lons[1] - lons[0];
    const int nx = static_cast<int>(lons.size()), ny = static_cast<int>(lats.size());
    for (int i = 1; i < nx; ++i)
        if (std::abs(lons[i] - lons[i - 1] - res) > 1e-6 * std::abs(res) + 1e-9)
            throw std::invalid_argument("the maps' longitudes are not evenly spaced");
    const bool latsUp = lats[1] > lats[0];
    CurrentFields fields;
    int firstDay = 1 << 30, lastDay = -(1 << 30);
    for (const Source& s : sources) {
        firstDay = std::min(firstDay, static_cast<int>(std::floor(s.startDay + kTolDays)));
        lastDay = std::max(lastDay, static_cast<int>(std::floor(s.startDay + kTolDays)) + D);
    }
    if (!o.gridPath.empty()) {
        fields = DriftDataset::open(o.gridPath).readAllCurrents();
        const Grid& g = fields.grid();
        if (g.nx != nx || g.ny != ny || std::abs(g.lon(0) - lons[0]) > 1e-6 ||
            std::abs(g.lat(0) - std::min(lats.front(), lats.back())) > 1e-6)
            throw std::invalid_argument("the maps' grid differs from " + o.gridPath + "'s");
    } else {
        Grid g;
        g.nx = nx;
        g.ny = ny;
        g.dLon = res;
        g.dLat = std::abs(lats[1] - lats[0]);
        g.lonMin = lons[0] - 0.5 * res;
        g.latMin = std::min(lats.front(), lats.back()) - 0.5 * g.dLat;
        fields.mask = OceanMask(g, std::vector<std::uint8_t>(g.cellCount(), 1));
        fields.startDay = firstDay;
        fields.days = lastDay - firstDay + 1;
        fields.u.assign(static_cast<std::size_t>(fields.days) * g.cellCount(), 0.0f);
        fields.v = fields.u;
        R.notes.push_back("no --grid: the dataset has no currents (zero velocity, all ocean)");
    }
    const Grid& g = fields.grid();
    const int particles = 10000;
    R.notes.push_back(
        "the maps do not say how many particles made them: 10,000 assumed (the "
        "paper's count); maps are copied as they are, beached fractions unknown (0)");

    // One release per (file, ensemble): centre and spread from the day-0 map.
    std::vector<ReleaseSpec> specs;
    std::vector<std::pair<int, std::size_t>> origin;
    std::vector<float> plane(g.cellCount());
    auto readMap = [&](const Source& s, std::size_t e, std::size_t d, std::vector<float>& map) {
        std::vector<std::size_t> start(4, 0), count = s.map.shape;
        start[s.eDim] = e;
        count[s.eDim] = 1;
        start[s.oDim] = d;
        count[s.oDim] = 1;
        std::vector<double> raw = s.f->read(s.map, start, count);
        CfValues(*s.f, s.map).decode(raw);
        map.assign(g.cellCount(), 0.0f);
        const bool yFirst = s.yDim < s.xDim;
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                const double v = yFirst ? raw[static_cast<std::size_t>(j) * nx + i]
                                        : raw[static_cast<std::size_t>(i) * ny + j];
                const int row = latsUp ? j : ny - 1 - j;
                map[static_cast<std::size_t>(row) * nx + i] =
                    std::isfinite(v) && v > 0 ? static_cast<float>(v) : 0.0f;
            }
    };
    for (std::size_t si = 0; si < sources.size(); ++si) {
        const Source& s = sources[si];
        for (std::size_t e = 0; e < s.map.shape[s.eDim]; ++e) {
            readMap(s, e, 0, plane);
            double m = 0, mx = 0, my = 0;
            for (int j = 0; j < ny; ++j)
                for (int i = 0; i < nx; ++i) {
                    const double v = plane[static_cast<std::size_t>(j) * nx + i];
                    m += v;
                    mx += v * g.lon(i);
                    my += v * g.lat(j);
                }
            if (!(m > 0)) continue;
            ReleaseSpec r;
            r.lon = mx / m;
            r.lat = my / m;
            double r2 = 0;
            for (int j = 0; j < ny; ++j)
                for (int i = 0; i < nx; ++i) {
                    const double km = distanceKm(r.lon, r.lat, g.lon(i), g.lat(j));
                    r2 += plane[static_cast<std::size_t>(j) * nx + i] * km * km;
                }
            r.radiusKm = std::sqrt(2.0 * r2 / m);  // a uniform disc of radius R has <r^2> = R^2/2
            r.particles = particles;
            r.day = static_cast<int>(std::floor(s.startDay + kTolDays)) - fields.startDay;
            if (r.day < 0 || r.day + D > fields.days - 1) {
                ++R.droppedReleases;
                continue;
            }
            specs.push_back(r);
            origin.push_back({static_cast<int>(si), e});
        }
    }
    if (specs.empty())
        throw std::invalid_argument("no ensemble with mass on day 0 within the currents' days");
    splitReleases(specs, o);
    std::vector<std::string> paths;
    for (const File& f : files) paths.push_back(f.path());
    DatasetWriter writer(
        out.tempPath(), fields, specs, D,
        importAttributes(R.kind, paths, "one release per ensemble_id", o, history, D,
                         specs.size() * particles, static_cast<int>(specs.size())));
    writer.writeCurrents(1);
    for (std::size_t k = 0; k < specs.size(); ++k) {
        control.throwIfStopped();
        const Source& s = sources[origin[k].first];
        EncodedRelease enc;
        enc.placed = particles;
        enc.tiles.resize(static_cast<std::size_t>(D) + 1);
        for (int d = 0; d <= D; ++d) {
            readMap(s, origin[k].second, static_cast<std::size_t>(d), plane);
            double m = 0;
            for (float v : plane) m += v;
            enc.mass.push_back(static_cast<float>(m));
            enc.beached.push_back(0.0f);
            writer.codec().encode(plane, enc.tiles[d]);
        }
        writer.writeRelease(static_cast<int>(k), enc);
        control.report(static_cast<double>(k + 1) / specs.size(), "density maps");
    }
    writer.finish();
    out.commit();
    R.releases = static_cast<int>(specs.size());
    R.outputDays = D;
    R.particles = specs.size() * particles;
    return R;
}

}  // namespace

TrajectoryFileInfo inspectTrajectories(const std::vector<std::string>& paths,
                                       const std::string& ensembleVar) {
    probeImportFiles(paths, [&] { inspectInProcess(paths, ensembleVar); });
    return inspectInProcess(paths, ensembleVar);
}

namespace {

TrajectoryFileInfo inspectInProcess(const std::vector<std::string>& paths,
                                    const std::string& ensembleVar) {
    TrajectoryFileInfo info;
    TrajectoryImportOptions o;
    o.ensembleVar = ensembleVar;
    info.firstDay = 1e300;
    info.lastDay = -1e300;
    for (const auto& p : paths) {
        const File f = File::open(p);
        if (f.hasVariable("density_map")) {
            const VarInfo m = f.variable("density_map");
            info.kind = "UncertainDrift maps";
            info.particles += m.rank() == 4 ? m.shape[0] : 0;
            info.observations = std::max(info.observations, m.rank() == 4 ? m.shape[1] : 0);
            info.ensembleVar = "ensemble_id";
            if (f.hasVariable("time")) {
                const CfTime cf = CfTime::parse(f.text("time", "units").value_or(""),
                                                f.text("time", "calendar").value_or(""));
                for (double t : f.read(f.variable("time"))) {
                    info.firstDay = std::min(info.firstDay, cf.toDays(t));
                    info.lastDay = std::max(info.lastDay, cf.toDays(t));
                }
            }
            continue;
        }
        const TrajLayout L = detectLayout(f, o);
        info.kind = info.kind.empty() || info.kind == L.kind ? L.kind : "several kinds";
        const std::size_t P = L.lon.shape[L.pDim];
        info.particles += P;
        info.observations = std::max(info.observations, L.lon.shape[L.oDim]);
        info.hasStatus = info.hasStatus || L.status.has_value();
        if (L.ensemble) info.ensembleVar = L.ensemble->name;
        for (std::size_t p0 = 0; p0 < (L.time2D ? P : 1); p0 += kChunk) {
            std::vector<double> t = L.time2D
                                        ? readRows(f, L.time, L.pDim, p0, std::min(kChunk, P - p0))
                                        : f.read(L.time);
            if (!L.time2D) CfValues(f, L.time).decode(t);
            for (double x : t)
                if (std::isfinite(x)) {
                    info.firstDay = std::min(info.firstDay, L.cf.toDays(x));
                    info.lastDay = std::max(info.lastDay, L.cf.toDays(x));
                }
        }
    }
    if (info.firstDay > info.lastDay) info.firstDay = info.lastDay = 0;
    return info;
}

}  // namespace

std::string TrajectoryFileInfo::summary() const {
    std::ostringstream s;
    s << "kind      " << kind << "\n";
    s << (kind == "UncertainDrift maps" ? "ensembles " : "particles ") << particles << ", "
      << observations << " observations\n";
    s << "time      " << formatDateTime(firstDay) << " .. " << formatDateTime(lastDay) << "\n";
    s << "releases  "
      << (ensembleVar.empty() ? std::string("grouped by start time and place")
                              : "one per value of " + ensembleVar)
      << "\n";
    if (hasStatus) s << "status    stranded particles count as beached, deactivated ones as left\n";
    return s.str();
}

std::string TrajectoryImportResult::summary() const {
    std::ostringstream s;
    s << kind << ": " << particles << " particles in " << releases << " releases, days 0.."
      << outputDays;
    if (droppedReleases > 0) s << " (" << droppedReleases << " releases left out)";
    s << "\n";
    for (const auto& n : notes) s << "note      " << n << "\n";
    return s.str();
}

}  // namespace driftlab
