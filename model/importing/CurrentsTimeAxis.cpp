#include "importing/CurrentsTimeAxis.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/InputError.h"
#include "core/Text.h"
#include "importing/CoordinatePoints.h"
#include "netcdf/CfNames.h"
#include "netcdf/CfValues.h"

namespace driftlab {

using nc::File;
using nc::VarInfo;

namespace {

// The reference date of a time axis in plain seconds (or days) since initialisation:
// --time-origin, else a date the file carries (`time_origin`, `start_date`, `date`), else
// 2000-01-01, the origin croco_tools writes its forcing with (Yorig = 2000).
std::string timeOrigin(const File& f, const std::string& tv, const std::string& units,
                       const CurrentsOverrides& ov, CurrentsLayout& out) {
    std::string origin, from;
    if (ov.timeOriginDays) {
        origin = formatDateTime(*ov.timeOriginDays);
        from = "--time-origin";
    }
    const std::pair<std::string, const char*> places[] = {
        {tv, "time_origin"}, {"", "time_origin"}, {"", "start_date"}, {"", "date"}};
    for (const auto& [var, name] : places) {
        if (!origin.empty()) break;
        const std::string value = attrText(f, var, name);
        if (value.find_first_not_of(" ") == std::string::npos) continue;
        try {
            CfTime::parse("days since " + value, "");
            origin = value;
            from = (var.empty() ? std::string("the file's :") : "'" + var + ":") + name +
                   (var.empty() ? "" : "'");
        } catch (const std::invalid_argument&) {
        }
    }
    if (origin.empty()) {
        origin = "2000-01-01 00:00:00";
        from =
            "a default: the file gives none (CROCO's time since initialisation; "
            "croco_tools' Yorig = 2000). Set the true start with --time-origin DATE";
    }
    if (out.timeOrigin.empty())
        out.timeOrigin =
            "'" + tv + "' is in " + units + " without a date; origin " + origin + " from " + from;
    return origin;
}

}  // namespace

void readTimeAxis(const std::vector<File>& files, const CurrentsOverrides& ov, ComponentLayout& c,
                  const std::vector<int>& fileIdx, CurrentsLayout& out) {
    const VarInfo first = files[fileIdx.front()].variable(c.var);
    const std::string timeDim = first.dims[c.timeDim];
    int overlaps = 0;
    std::vector<TimeStep> steps;
    for (int fi : fileIdx) {
        const File& f = files[fi];
        const VarInfo v = f.variable(c.var);
        if (v.rank() != first.rank() || v.dims != first.dims)
            throw InputError(fileName(f.path()) + ": '" + c.var + "' has dimensions (" +
                             dimsText(v) + "), " + fileName(files[fileIdx.front()].path()) +
                             " has (" + dimsText(first) + ")");
        for (int k = 0; k < v.rank(); ++k)
            if (k != c.timeDim && v.shape[k] != first.shape[k])
                throw InputError("mismatched grids: '" + c.var + "' is " + dimsText(v) + " in " +
                                 fileName(f.path()) + " but " + dimsText(first) + " in " +
                                 fileName(files[fileIdx.front()].path()));
        std::string tv;
        if (f.hasVariable(timeDim) && isTimeVariable(f, timeDim)) tv = timeDim;
        for (const VarInfo& cand : f.variables())
            if (tv.empty() && cand.rank() == 1 && cand.dims[0] == timeDim &&
                isTimeVariable(f, cand.name))
                tv = cand.name;
        if (tv.empty())
            throw InputError(fileName(f.path()) + ": no time coordinate for '" + c.var +
                             "' (dimension " + timeDim + ")");
        std::string units = unitsOf(f, tv);
        if (CfTime::isBareUnit(units)) units += " since " + timeOrigin(f, tv, units, ov, out);
        CfTime cf;
        try {
            cf = CfTime::parse(units, attrText(f, tv, "calendar"));
        } catch (const std::invalid_argument& e) {  // CfTime's: the file's units
            throw InputError(fileName(f.path()) + ": '" + tv + "': " + e.what());
        }
        if (out.timeVar.empty()) {
            out.timeVar = tv;
            out.timeUnits = cf.describe();
        }
        std::vector<double> t = f.read(f.variable(tv));
        CfValues(f, f.variable(tv)).decode(t);
        for (std::size_t k = 0; k < t.size(); ++k) {
            if (std::isnan(t[k]))
                throw InputError(fileName(f.path()) + ": time step " + std::to_string(k) + " of '" +
                                 tv + "' is missing");
            if (k > 0 && !(t[k] > t[k - 1]))
                throw InputError(fileName(f.path()) + ": the time axis '" + tv +
                                 "' is not increasing (step " + std::to_string(k) + ": " +
                                 formatDateTime(cf.toDays(t[k])) + " after " +
                                 formatDateTime(cf.toDays(t[k - 1])) + ")");
            steps.push_back({cf.toDays(t[k]), fi, k});
        }
    }
    std::stable_sort(steps.begin(), steps.end(),
                     [](const TimeStep& a, const TimeStep& b) { return a.days < b.days; });
    constexpr double kSame = 30.0 / 86400.0;
    for (const TimeStep& s : steps) {
        if (!c.steps.empty() && s.days - c.steps.back().days < kSame) {
            ++overlaps;
            continue;
        }
        c.steps.push_back(s);
    }
    if (overlaps > 0)
        out.notes.push_back(std::to_string(overlaps) + " time step(s) of '" + c.var +
                            "' appear in two files or twice: the first was kept");
}

void shareTimeSteps(CurrentsLayout& out) {
    // Keep the times both components have.
    std::vector<TimeStep> us, vs;
    std::size_t a = 0, b = 0;
    while (a < out.u.steps.size() && b < out.v.steps.size()) {
        const double d = out.u.steps[a].days - out.v.steps[b].days;
        if (std::abs(d) < 30.0 / 86400.0) {
            us.push_back(out.u.steps[a++]);
            vs.push_back(out.v.steps[b++]);
        } else if (d < 0) {
            ++a;
        } else {
            ++b;
        }
    }
    if (us.size() != out.u.steps.size() || vs.size() != out.v.steps.size())
        out.notes.push_back("u has " + std::to_string(out.u.steps.size()) + " time steps and v " +
                            std::to_string(out.v.steps.size()) + "; the " +
                            std::to_string(us.size()) + " they share are used");
    if (us.empty())
        throw InputError("'" + out.u.var + "' and '" + out.v.var + "' have no time step in common");
    out.u.steps = std::move(us);
    out.v.steps = std::move(vs);

    std::vector<double> diffs;
    for (std::size_t k = 1; k < out.u.steps.size(); ++k)
        diffs.push_back(out.u.steps[k].days - out.u.steps[k - 1].days);
    if (!diffs.empty()) {
        std::vector<double> sorted = diffs;
        std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
        const double step = sorted[sorted.size() / 2];
        out.stepHours = step * 24.0;
        for (std::size_t k = 0; k < diffs.size(); ++k)
            if (diffs[k] > 1.5 * step)
                out.notes.push_back("gap: nothing between " + formatDateTime(out.u.steps[k].days) +
                                    " and " + formatDateTime(out.u.steps[k + 1].days));
    }
}

}  // namespace driftlab
