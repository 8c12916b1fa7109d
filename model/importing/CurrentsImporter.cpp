#include "importing/CurrentsImporter.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include "DriftLabVersion.h"
#include "core/InputError.h"
#include "data/AtomicFile.h"
#include "data/DatasetWriter.h"
#include "importing/CurrentsDetector.h"
#include "importing/ImportProbe.h"
#include "importing/Regridder.h"
#include "importing/TargetGrid.h"
#include "netcdf/CfTime.h"
#include "netcdf/CfValues.h"
#include "ocean/CivilDate.h"

namespace driftlab {

namespace {

constexpr double kImplausibleSpeed = 10.0;  // m/s: no ocean current is faster

// Index window [i0, i1) x [j0, j1) of the points inside the box grown by `margin` degrees.
struct Window {
    int i0 = 0, j0 = 0, nx = 0, ny = 0;
};
Window windowOf(const SourcePoints& p, const Grid& g, double margin) {
    const double centre = g.lonMin + 0.5 * g.nx * g.dLon;
    int i0 = p.nx, i1 = -1, j0 = p.ny, j1 = -1;
    for (int j = 0; j < p.ny; ++j)
        for (int i = 0; i < p.nx; ++i) {
            const double lo = wrapLongitude(p.lonAt(i, j), centre), la = p.latAt(i, j);
            if (!std::isfinite(lo) || !std::isfinite(la)) continue;
            if (lo < g.lonMin - margin || lo > g.lonMax() + margin || la < g.latMin - margin ||
                la > g.latMax() + margin)
                continue;
            i0 = std::min(i0, i);
            i1 = std::max(i1, i);
            j0 = std::min(j0, j);
            j1 = std::max(j1, j);
        }
    if (i1 < 0) return {};
    // One more point on each side so the interpolation has its neighbours.
    i0 = std::max(0, i0 - 1);
    j0 = std::max(0, j0 - 1);
    i1 = std::min(p.nx - 1, i1 + 1);
    j1 = std::min(p.ny - 1, j1 + 1);
    return {i0, j0, i1 - i0 + 1, j1 - j0 + 1};
}

template <class T>
std::vector<T> cut(const std::vector<T>& full, int fullNx, const Window& w) {
    std::vector<T> out(static_cast<std::size_t>(w.nx) * w.ny);
    for (int j = 0; j < w.ny; ++j)
        for (int i = 0; i < w.nx; ++i)
            out[static_cast<std::size_t>(j) * w.nx + i] =
                full[static_cast<std::size_t>(w.j0 + j) * fullNx + w.i0 + i];
    return out;
}

// A velocity component ready to read one step at a time over its window.
struct Component {
    const ComponentLayout* layout = nullptr;
    Window win;
    std::vector<double> mask;  // window, 1 wet / 0 dry; empty: none
    std::unique_ptr<Regridder> regrid;

    std::vector<double> read(const std::vector<nc::File>& files, const TimeStep& step,
                             int depthLevel, std::size_t& implausible) const {
        const nc::File& f = files[step.file];
        const nc::VarInfo v = f.variable(layout->var);
        std::vector<std::size_t> start(v.shape.size(), 0), count(v.shape.size(), 1);
        start[layout->timeDim] = step.index;
        if (layout->depthDim >= 0) start[layout->depthDim] = static_cast<std::size_t>(depthLevel);
        for (std::size_t k = 0; k < v.shape.size(); ++k)
            if (static_cast<int>(k) != layout->timeDim && static_cast<int>(k) != layout->depthDim &&
                static_cast<int>(k) != layout->xDim && static_cast<int>(k) != layout->yDim)
                start[k] = 0;  // a length-1 extra dimension
        start[layout->yDim] = static_cast<std::size_t>(win.j0);
        count[layout->yDim] = static_cast<std::size_t>(win.ny);
        start[layout->xDim] = static_cast<std::size_t>(win.i0);
        count[layout->xDim] = static_cast<std::size_t>(win.nx);
        std::vector<double> raw = f.read(v, start, count);
        CfValues(f, v).decode(raw);
        std::vector<double> out(raw.size());
        const bool yFirst = layout->yDim < layout->xDim;
        for (int j = 0; j < win.ny; ++j)
            for (int i = 0; i < win.nx; ++i) {
                double x = yFirst ? raw[static_cast<std::size_t>(j) * win.nx + i]
                                  : raw[static_cast<std::size_t>(i) * win.ny + j];
                if (std::abs(x) > kImplausibleSpeed) {
                    ++implausible;
                    x = std::nan("");
                }
                const std::size_t k = static_cast<std::size_t>(j) * win.nx + i;
                if (!mask.empty() && mask[k] == 0) x = std::nan("");
                out[k] = x;
            }
        return out;
    }
};

Grid targetGrid(const CurrentsLayout& L, const CurrentsImportOptions& o,
                std::vector<std::string>& notes) {
    const double res = o.resolutionDeg.value_or(L.resolutionDeg);
    // The file's own cells in km against the default grid's: at high latitude a grid in degrees
    // is much coarser south-north than the model (Nordic-4km: 4 km against 8 km).
    double kmI = 0, kmJ = 0;
    L.centres.medianSpacingKm(kmI, kmJ);
    const double fileKm = std::min(kmI > 0 ? kmI : kmJ, kmJ > 0 ? kmJ : kmI);
    if (!o.resolutionDeg && fileKm > 0 && res * 111.195 > 1.5 * fileKm) {
        std::ostringstream n;
        n.precision(3);
        n << "the file's cells are about " << fileKm << " km, the grid's " << res * 111.195
          << " km south-north at " << res << " deg: --resolution " << fileKm / 111.195
          << " keeps the file's detail (more cells)";
        notes.push_back(n.str());
    }
    double w = L.lonMin - 0.5 * res, e = L.lonMax + 0.5 * res;
    double s = L.latMin - 0.5 * res, n = L.latMax + 0.5 * res;
    if (o.lonRange) std::tie(w, e) = *o.lonRange;
    if (o.latRange) std::tie(s, n) = *o.latRange;
    return importGrid(w, e, s, n, res, notes);
}

}  // namespace

std::string CurrentsImportPlan::summary() const {
    std::ostringstream s;
    s << layout.summary();
    s.precision(6);
    s << "output    " << grid.nx << " x " << grid.ny << " cells of " << grid.dLon << " deg, lon "
      << grid.lonMin << " .. " << grid.lonMax() << ", lat " << grid.latMin << " .. "
      << grid.latMax() << "; ";
    if (stepsPerDay == 1)
        s << days << " daily fields ";
    else
        s << (days - 1) * stepsPerDay + 1 << " fields every " << 24 / stepsPerDay << " h over "
          << days << " days ";
    s << formatDate(firstDay) << " .. " << formatDate(firstDay + days - 1) << "; land "
      << static_cast<int>(std::lround(100 * landFraction)) << " % of the file's points in it\n";
    for (const auto& n : notes) s << "note      " << n << "\n";
    return s.str();
}

namespace {

// The share of the source points inside the box that are land: by the mask when the files
// have one, else where the first field of u has no value.
double boxLandFraction(const std::vector<nc::File>& files, const CurrentsLayout& L, const Grid& g) {
    const SourcePoints* points = &L.centres;
    std::vector<double> wet;
    if (!L.centreMask.empty()) {
        wet = L.centreMask;
    } else {
        const ComponentLayout& c = L.u;
        points = &c.points;
        const TimeStep& step = c.steps.front();
        const nc::File& f = files[step.file];
        const nc::VarInfo v = f.variable(c.var);
        std::vector<std::size_t> start(v.shape.size(), 0), count = v.shape;
        start[c.timeDim] = step.index;
        count[c.timeDim] = 1;
        if (c.depthDim >= 0) {
            start[c.depthDim] = static_cast<std::size_t>(L.depthLevel);
            count[c.depthDim] = 1;
        }
        std::vector<double> raw = f.read(v, start, count);
        CfValues(f, v).decode(raw);
        const bool yFirst = c.yDim < c.xDim;
        wet.resize(points->size());
        for (int j = 0; j < points->ny; ++j)
            for (int i = 0; i < points->nx; ++i) {
                const double x = yFirst ? raw[static_cast<std::size_t>(j) * points->nx + i]
                                        : raw[static_cast<std::size_t>(i) * points->ny + j];
                wet[static_cast<std::size_t>(j) * points->nx + i] = std::isnan(x) ? 0.0 : 1.0;
            }
    }
    const double centre = g.lonMin + 0.5 * g.nx * g.dLon;
    std::size_t inside = 0, land = 0;
    for (std::size_t k = 0; k < points->size(); ++k) {
        const double lo = wrapLongitude(points->lon[k], centre), la = points->lat[k];
        if (!g.contains(lo, la)) continue;
        ++inside;
        land += wet[k] == 0;
    }
    return inside > 0 ? static_cast<double>(land) / static_cast<double>(inside) : 0.0;
}

CurrentsImportPlan makePlan(const std::vector<nc::File>& files, const CurrentsImportOptions& o) {
    CurrentsImportPlan plan;
    plan.layout = detectCurrents(files, o.overrides);
    const CurrentsLayout& L = plan.layout;
    plan.grid = targetGrid(L, o, plan.notes);
    plan.landFraction = boxLandFraction(files, L, plan.grid);
    for (std::size_t k = 0; k < L.u.steps.size(); ++k) {
        const int day = static_cast<int>(std::floor(L.u.steps[k].days + 1e-9));
        if (o.timeRange && (day < o.timeRange->first || day > o.timeRange->second)) continue;
        plan.sourceSteps.push_back(static_cast<int>(k));
    }
    if (plan.sourceSteps.empty())
        throw InputError(
            "no time step in " +
            (o.timeRange ? formatDate(o.timeRange->first) + " .. " + formatDate(o.timeRange->second)
                         : std::string("the files")) +
            " (the files cover " + formatDateTime(L.firstDay()) + " .. " +
            formatDateTime(L.lastDay()) + ")");
    const double first = L.u.steps[plan.sourceSteps.front()].days;
    const double last = L.u.steps[plan.sourceSteps.back()].days;
    plan.firstDay = static_cast<int>(std::floor(first + 1e-9));
    plan.days = static_cast<int>(std::floor(last + 1e-9)) - plan.firstDay + 1;
    if (L.stepHours > 0 && L.stepHours < 23.5) {
        const double h = std::round(L.stepHours);
        const bool divides =
            std::abs(L.stepHours - h) < 1.0 / 60 && h >= 1 && 24 % static_cast<int>(h) == 0;
        if (!o.dailyMean && divides) {
            plan.stepsPerDay = 24 / static_cast<int>(h);
            plan.notes.push_back("time step " + std::to_string(static_cast<int>(h)) +
                                 " h kept: " + std::to_string(plan.stepsPerDay) +
                                 " fields a day (--daily-mean averages them per day)");
        } else {
            plan.notes.push_back(std::string("time step ") + std::to_string(L.stepHours) +
                                 " h: averaged to daily means per UTC day" +
                                 (o.dailyMean ? std::string(" (--daily-mean)")
                                              : std::string(" (a step that does not divide a day "
                                                            "cannot be kept)")));
        }
    }
    return plan;
}

// `what` with the files' names in front; empty when it names one of them already.
std::string namedByFiles(const std::vector<std::string>& paths, const std::string& what) {
    std::string names;
    for (const std::string& p : paths) {
        if (what.find(std::filesystem::path(p).filename().string()) != std::string::npos) return {};
        names += (names.empty() ? "" : ", ") + p;
    }
    return names + ": " + what;
}

// Runs `work`; a refusal that names none of the files gets their names (NcError names its own).
template <class Work>
auto withFileNames(const std::vector<std::string>& paths, Work&& work) -> decltype(work()) {
    try {
        return work();
    } catch (const nc::NcError&) {
        throw;
    } catch (const InputError& e) {
        const std::string named = namedByFiles(paths, e.what());
        if (named.empty()) throw;
        throw InputError(named);
    } catch (const std::invalid_argument& e) {  // a precondition below: named, its type kept
        const std::string named = namedByFiles(paths, e.what());
        if (named.empty()) throw;
        throw std::invalid_argument(named);
    }
}

std::vector<nc::File> openAll(const std::vector<std::string>& paths) {
    std::vector<nc::File> files;
    for (const auto& p : paths) files.push_back(nc::File::open(p));
    return files;
}

// Detection and the first field of each component, in a child process first (ImportProbe.h).
void probeCurrents(const std::vector<std::string>& paths, const CurrentsImportOptions& options) {
    probeImportFiles(paths, [&] {
        const std::vector<nc::File> files = openAll(paths);
        const CurrentsImportPlan plan = makePlan(files, options);
        for (const ComponentLayout* c : {&plan.layout.u, &plan.layout.v}) {
            const TimeStep& step = c->steps.at(static_cast<std::size_t>(plan.sourceSteps.front()));
            const nc::File& f = files[step.file];
            const nc::VarInfo v = f.variable(c->var);
            std::vector<std::size_t> start(v.shape.size(), 0), count = v.shape;
            start[c->timeDim] = step.index;
            count[c->timeDim] = 1;
            if (c->depthDim >= 0) {
                start[c->depthDim] = static_cast<std::size_t>(plan.layout.depthLevel);
                count[c->depthDim] = 1;
            }
            f.read(v, start, count);
        }
    });
}

}  // namespace

CurrentsImportPlan planCurrentsImport(const std::vector<std::string>& paths,
                                      const CurrentsImportOptions& options) {
    withFileNames(paths, [&] { probeCurrents(paths, options); });
    return withFileNames(paths, [&] { return makePlan(openAll(paths), options); });
}

namespace {
ImportedCurrents importInProcess(const std::vector<std::string>& paths,
                                 const CurrentsImportOptions& options, const JobControl& control);
}  // namespace

ImportedCurrents importCurrents(const std::vector<std::string>& paths,
                                const CurrentsImportOptions& options, const JobControl& control) {
    return withFileNames(paths, [&] { return importInProcess(paths, options, control); });
}

namespace {

ImportedCurrents importInProcess(const std::vector<std::string>& paths,
                                 const CurrentsImportOptions& options, const JobControl& control) {
    probeCurrents(paths, options);
    const std::vector<nc::File> files = openAll(paths);
    ImportedCurrents result;
    result.plan = makePlan(files, options);
    const CurrentsImportPlan& plan = result.plan;
    const CurrentsLayout& L = plan.layout;
    const Grid& g = plan.grid;
    const std::size_t cells = g.cellCount();
    const double margin = 2.0 * std::max(g.dLon, L.resolutionDeg);

    Component comps[2];
    const ComponentLayout* layouts[2] = {&L.u, &L.v};
    for (int c = 0; c < 2; ++c) {
        comps[c].layout = layouts[c];
        comps[c].win = windowOf(layouts[c]->points, g, margin);
        if (comps[c].win.nx == 0)
            throw InputError("the box lon " + std::to_string(g.lonMin) + " .. " +
                             std::to_string(g.lonMax()) + ", lat " + std::to_string(g.latMin) +
                             " .. " + std::to_string(g.latMax()) +
                             " holds no point of the file's grid");
        const SourcePoints& full = layouts[c]->points;
        const Window& w = comps[c].win;
        comps[c].regrid = std::make_unique<Regridder>(full.window(w.i0, w.j0, w.nx, w.ny), g);
        if (!layouts[c]->mask.empty()) comps[c].mask = cut(layouts[c]->mask, full.nx, w);
    }

    // Cell centres: land mask and grid angle.
    std::vector<double> oceanFraction, cosA, sinA;
    {
        const Window w = windowOf(L.centres, g, margin);
        if (w.nx > 0) {
            const Regridder centres(L.centres.window(w.i0, w.j0, w.nx, w.ny), g);
            if (!L.centreMask.empty())
                centres.apply(cut(L.centreMask, L.centres.nx, w), oceanFraction);
            if (L.gridRelative) {
                std::vector<double> a = cut(L.angle, L.centres.nx, w), c(a.size()), s(a.size());
                for (std::size_t k = 0; k < a.size(); ++k) {
                    c[k] = std::cos(a[k]);
                    s[k] = std::sin(a[k]);
                }
                centres.apply(c, cosA);
                centres.apply(s, sinA);
            }
        }
    }

    CurrentFields& F = result.fields;
    F.startDay = plan.firstDay;
    F.days = plan.days;
    F.stepsPerDay = plan.stepsPerDay;
    const std::size_t fieldCount = static_cast<std::size_t>(F.fieldCount());
    F.u.assign(fieldCount * cells, 0.0f);
    F.v.assign(fieldCount * cells, 0.0f);
    std::vector<std::uint8_t> ocean;

    // One source step on the DriftLab grid: east / north, 0 on land and on dry ocean cells.
    std::vector<double> ut, vt, fu, fv;
    auto regridStep = [&](int idx, std::vector<double>& eu, std::vector<double>& ev) {
        control.throwIfStopped();
        const std::vector<double> uRaw =
            comps[0].read(files, L.u.steps[idx], L.depthLevel, result.implausibleValues);
        const std::vector<double> vRaw =
            comps[1].read(files, L.v.steps[idx], L.depthLevel, result.implausibleValues);
        comps[0].regrid->apply(uRaw, ut, &fu);
        comps[1].regrid->apply(vRaw, vt, &fv);
        if (ocean.empty()) {
            ocean.assign(cells, 0);
            std::size_t anyValid = 0;
            for (std::size_t c = 0; c < cells; ++c) {
                const bool inside = comps[0].regrid->covered(c) && comps[1].regrid->covered(c);
                anyValid += (fu[c] > 0 || fv[c] > 0);
                if (!oceanFraction.empty())
                    ocean[c] = inside && !std::isnan(oceanFraction[c]) && oceanFraction[c] >= 0.5;
                else
                    ocean[c] = inside && fu[c] >= 0.5 && fv[c] >= 0.5;
            }
            if (anyValid == 0)
                throw InputError("every value of '" + L.u.var + "' and '" + L.v.var + "' at " +
                                 formatDateTime(L.u.steps[idx].days) +
                                 " in the box is missing (all NaN or fill)");
        }
        eu.assign(cells, 0.0);
        ev.assign(cells, 0.0);
        for (std::size_t c = 0; c < cells; ++c) {
            if (!ocean[c]) continue;
            double x = ut[c], y = vt[c];
            if (std::isnan(x) || std::isnan(y)) {
                // An ocean cell whose faces are all dry at this step: no flow through it.
                ++result.missingOceanValues;
                x = std::isnan(x) ? 0.0 : x;
                y = std::isnan(y) ? 0.0 : y;
            }
            if (L.gridRelative && !cosA.empty() && !std::isnan(cosA[c])) {
                const double norm = std::hypot(cosA[c], sinA[c]);
                const double ca = norm > 0 ? cosA[c] / norm : 1.0,
                             sa = norm > 0 ? sinA[c] / norm : 0.0;
                const double e = x * ca - y * sa, nn = x * sa + y * ca;
                x = e;
                y = nn;
            }
            eu[c] = x;
            ev[c] = y;
        }
    };
    const std::size_t n = plan.sourceSteps.size();

    if (F.stepsPerDay == 1) {
        // Daily fields: the mean of each UTC day's steps; days without a step are interpolated
        // in time from the nearest days that have one (a gap, or a step longer than a day).
        // The steps come in time order: one day's sums at a time, written out when it ends.
        std::vector<int> have;
        std::vector<double> su(cells, 0.0), sv(cells, 0.0), eu, ev;
        int day = -1, count = 0;
        auto flush = [&] {
            if (count == 0) return;
            const double inv = 1.0 / count;
            float* du = F.u.data() + static_cast<std::size_t>(day) * cells;  // (no mask yet)
            float* dv = F.v.data() + static_cast<std::size_t>(day) * cells;
            for (std::size_t c = 0; c < cells; ++c) {
                du[c] = static_cast<float>(su[c] * inv);
                dv[c] = static_cast<float>(sv[c] * inv);
            }
            have.push_back(day);
            std::fill(su.begin(), su.end(), 0.0);
            std::fill(sv.begin(), sv.end(), 0.0);
            count = 0;
        };
        for (std::size_t k = 0; k < n; ++k) {
            const int idx = plan.sourceSteps[k];
            const int d = static_cast<int>(std::floor(L.u.steps[idx].days + 1e-9)) - F.startDay;
            if (d != day) {
                flush();
                day = d;
            }
            regridStep(idx, eu, ev);
            for (std::size_t c = 0; c < cells; ++c) {
                su[c] += eu[c];
                sv[c] += ev[c];
            }
            ++count;
            control.report(static_cast<double>(k + 1) / static_cast<double>(n), "currents");
        }
        flush();
        for (std::size_t h = 0; h + 1 < have.size(); ++h) {
            const int a = have[h], b = have[h + 1];
            for (int d = a + 1; d < b; ++d) {
                const float t = static_cast<float>(d - a) / static_cast<float>(b - a);
                for (std::size_t c = 0; c < cells; ++c) {
                    const std::size_t ia = static_cast<std::size_t>(a) * cells + c,
                                      ib = static_cast<std::size_t>(b) * cells + c,
                                      id = static_cast<std::size_t>(d) * cells + c;
                    F.u[id] = (1 - t) * F.u[ia] + t * F.u[ib];
                    F.v[id] = (1 - t) * F.v[ia] + t * F.v[ib];
                }
                ++result.filledDays;
            }
        }
        if (result.filledDays > 0 && L.stepHours < 36)
            result.notes.push_back(
                std::to_string(result.filledDays) +
                " day(s) without data interpolated in time from the days around");
        else if (result.filledDays > 0)
            result.notes.push_back("time step " + std::to_string(L.stepHours) +
                                   " h: the days between steps are interpolated linearly");
    } else {
        // The files' own step: field m at startDay + m / stepsPerDay, the source step at that
        // time or the line between the two around it (a gap). Two regridded steps in memory.
        constexpr double kSame = 60.0 / 86400.0;
        int loaded[2] = {-1, -1};
        std::vector<double> eu[2], ev[2];
        auto get = [&](int k) -> int {  // slot holding sourceSteps[k]
            for (int s = 0; s < 2; ++s)
                if (loaded[s] == k) return s;
            const int s = loaded[0] < loaded[1] ? 0 : 1;  // drop the older
            regridStep(plan.sourceSteps[static_cast<std::size_t>(k)], eu[s], ev[s]);
            loaded[s] = k;
            return s;
        };
        std::size_t k = 0, filled = 0;
        const auto timeOf = [&](std::size_t j) { return L.u.steps[plan.sourceSteps[j]].days; };
        for (std::size_t m = 0; m < fieldCount; ++m) {
            const double T = F.startDay + static_cast<double>(m) / F.stepsPerDay;
            while (k + 1 < n && timeOf(k + 1) <= T + kSame) ++k;
            float* du = F.u.data() + m * cells;
            float* dv = F.v.data() + m * cells;
            if (std::abs(timeOf(k) - T) <= kSame || k + 1 >= n || T < timeOf(k)) {
                const int s = get(static_cast<int>(k));  // at T (or the nearest at an end)
                if (std::abs(timeOf(k) - T) > kSame) ++filled;
                for (std::size_t c = 0; c < cells; ++c) {
                    du[c] = static_cast<float>(eu[s][c]);
                    dv[c] = static_cast<float>(ev[s][c]);
                }
            } else {
                const int a = get(static_cast<int>(k)), b = get(static_cast<int>(k + 1));
                const double w = (T - timeOf(k)) / (timeOf(k + 1) - timeOf(k));
                for (std::size_t c = 0; c < cells; ++c) {
                    du[c] = static_cast<float>((1 - w) * eu[a][c] + w * eu[b][c]);
                    dv[c] = static_cast<float>((1 - w) * ev[a][c] + w * ev[b][c]);
                }
                ++filled;
            }
            control.report(static_cast<double>(m + 1) / static_cast<double>(fieldCount),
                           "currents");
        }
        result.filledDays = filled;
        if (filled > 0)
            result.notes.push_back(std::to_string(filled) +
                                   " field(s) between the files' steps interpolated in time");
    }
    if (result.missingOceanValues > 0)
        result.notes.push_back(std::to_string(result.missingOceanValues) +
                               " ocean cell-steps had no wet neighbour in the file and hold 0");
    if (result.implausibleValues > 0)
        result.notes.push_back(std::to_string(result.implausibleValues) +
                               " values faster than 10 m/s (undeclared fill?) taken as missing");

    F.mask = OceanMask(g, ocean);
    const std::size_t oceanCells = F.mask.oceanCellCount();
    result.landFraction = 1.0 - static_cast<double>(oceanCells) / static_cast<double>(cells);
    if (oceanCells == 0) throw InputError("the box holds no ocean cell");
    return result;
}

}  // namespace

Attributes importProvenance(const ImportedCurrents& c) {
    const CurrentsLayout& L = c.plan.layout;
    std::string files, notes;
    for (const auto& f : L.files) files += (files.empty() ? "" : " ") + f;
    for (const auto& n : c.plan.notes) notes += (notes.empty() ? "" : "; ") + n;
    for (const auto& n : c.notes) notes += (notes.empty() ? "" : "; ") + n;
    for (const auto& n : L.notes) notes += (notes.empty() ? "" : "; ") + n;
    Attributes a = {
        {"source", "currents imported from model output by driftlab import-currents: " + files},
        {"coastline", std::string("the land mask of the imported files (") + L.maskFrom + ")"},
        {"import_files", files},
        {"import_u", L.u.var + " (" + L.u.foundBy + ")"},
        {"import_v", L.v.var + " (" + L.v.foundBy + ")"},
        {"import_grid", L.gridKind},
        {"import_direction", (L.gridRelative
                                  ? "grid-relative, rotated to east/north with " + L.angleFrom
                                  : std::string("east / north")) +
                                 (L.directionWhy.empty() ? "" : " (" + L.directionWhy + ")")},
        {"import_velocity", L.velocityKind},
        {"import_depth", L.depthNote},
        {"import_time", L.timeUnits + (L.timeOrigin.empty() ? "" : "; " + L.timeOrigin)},
        {"import_time_step_hours", L.stepHours},
        {"import_land_fraction", c.landFraction},
    };
    if (!notes.empty()) a.push_back({"import_notes", notes});
    return a;
}

void writeCurrentsFile(const ImportedCurrents& c, const std::string& path,
                       const std::string& history) {
    AtomicFile file(path);
    Attributes a = {{"driftlab_version", std::string(kDriftLabVersion)},
                    {"driftlab_content", std::string("currents")},
                    {"history", history}};
    const Attributes p = importProvenance(c);
    a.insert(a.end(), p.begin(), p.end());
    {
        DatasetWriter writer(file.tempPath(), c.fields, {}, 1, a);
        writer.writeCurrents(1);
        writer.finish();
    }
    file.commit();
}

}  // namespace driftlab
