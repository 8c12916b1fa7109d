#include "importing/VelocityChoice.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/InputError.h"
#include "core/Text.h"
#include "netcdf/CfNames.h"

namespace driftlab {

namespace {

std::vector<std::string> words(const std::string& s, const std::string& separators) {
    std::vector<std::string> out;
    std::string w;
    for (char c : lowerCase(s)) {
        if (separators.find(c) != std::string::npos) {
            if (!w.empty()) out.push_back(w);
            w.clear();
        } else {
            w += c;
        }
    }
    if (!w.empty()) out.push_back(w);
    return out;
}
bool has(const std::vector<std::string>& v, const char* s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

struct Candidate {
    std::string u, v, uFoundBy, vFoundBy;
    std::vector<int> uFiles, vFiles;
};

// Files (indices) holding a variable.
std::vector<int> filesWith(const std::vector<nc::File>& files, const std::string& var) {
    std::vector<int> idx;
    for (std::size_t k = 0; k < files.size(); ++k)
        if (files[k].hasVariable(var)) idx.push_back(static_cast<int>(k));
    return idx;
}
std::vector<int> filesWithStandardName(const std::vector<nc::File>& files, const std::string& sn,
                                       std::string& name) {
    std::vector<int> idx;
    for (std::size_t k = 0; k < files.size(); ++k)
        for (const nc::VarInfo& v : files[k].variables())
            if (standardName(files[k], v.name) == sn && v.rank() >= 2) {
                if (name.empty()) name = v.name;
                if (v.name == name) idx.push_back(static_cast<int>(k));
                break;
            }
    return idx;
}
std::string allVariables(const std::vector<nc::File>& files) {
    std::set<std::string> names;
    for (const nc::File& f : files)
        for (const std::string& n : f.variableNames()) names.insert(n);
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
    return s.empty() ? std::string("none at all (a damaged file?)") : s;
}

}  // namespace

const std::vector<std::pair<const char*, const char*>>& velocityStandardNames() {
    // Full and surface velocities first; depth-averaged ones are taken only when nothing else
    // is there (chooseVelocity).
    static const std::vector<std::pair<const char*, const char*>> names = {
        {"eastward_sea_water_velocity", "northward_sea_water_velocity"},
        {"surface_eastward_sea_water_velocity", "surface_northward_sea_water_velocity"},
        {"eastward_sea_water_velocity_assuming_no_tide",
         "northward_sea_water_velocity_assuming_no_tide"},
        {"sea_water_x_velocity", "sea_water_y_velocity"},
        {"sea_water_x_velocity_at_u_location", "sea_water_y_velocity_at_v_location"},
        {"x_sea_water_velocity", "y_sea_water_velocity"},  // MET Norway's ROMS (not CF's name)
        {"surface_sea_water_x_velocity", "surface_sea_water_y_velocity"},
        {"baroclinic_eastward_sea_water_velocity", "baroclinic_northward_sea_water_velocity"},
        {"surface_geostrophic_eastward_sea_water_velocity",
         "surface_geostrophic_northward_sea_water_velocity"},
        {"surface_geostrophic_eastward_sea_water_velocity_assuming_sea_level_for_geoid",
         "surface_geostrophic_northward_sea_water_velocity_assuming_sea_level_for_geoid"},
        {"geostrophic_eastward_sea_water_velocity", "geostrophic_northward_sea_water_velocity"},
        {"eastward_sea_water_velocity_due_to_tides", "northward_sea_water_velocity_due_to_tides"},
        {"barotropic_eastward_sea_water_velocity", "barotropic_northward_sea_water_velocity"},
        {"barotropic_sea_water_x_velocity", "barotropic_sea_water_y_velocity"},
    };
    return names;
}

const std::vector<std::pair<const char*, const char*>>& velocityNames() {
    static const std::vector<std::pair<const char*, const char*>> names = {
        {"uo", "vo"},         {"water_u", "water_v"}, {"vozocrtx", "vomecrty"}, {"uos", "vos"},
        {"u", "v"},           {"U", "V"},             {"ssu", "ssv"},           {"ugos", "vgos"},
        {"uoces", "voces"},   {"u_surface", "v_surface"}, {"utotal", "vtotal"},
        {"ubar", "vbar"},
    };
    return names;
}

bool isDepthAveragedVelocity(const nc::File& f, const std::string& var) {
    const std::string sn = lowerCase(standardName(f, var));
    if (sn.find("barotropic") != std::string::npos || sn.find("depth_average") != std::string::npos)
        return true;
    const std::string n = lowerCase(var);
    if (n == "ubar" || n == "vbar" || n == "u_bar" || n == "v_bar" || n == "ubaro" ||
        n == "vbaro" || n == "ubt" || n == "vbt")
        return true;
    const std::string ln = lowerCase(longName(f, var));
    for (const char* s : {"vertically integrated", "vertically averaged", "depth-averaged",
                          "depth averaged", "depth-integrated", "barotropic"})
        if (ln.find(s) != std::string::npos) return true;
    return false;
}

std::optional<bool> gridRelativeByName(const nc::File& f, const std::string& var,
                                       std::string& why) {
    const std::string sn = standardName(f, var);
    if (!sn.empty()) {
        const auto w = words(sn, "_");
        if (has(w, "eastward") || has(w, "northward")) {
            why = "standard_name " + sn;
            return false;
        }
        if (has(w, "x") || has(w, "y")) {
            why = "standard_name " + sn;
            return true;
        }
    }
    const std::string ln = longName(f, var);
    const auto w = words(ln, " _-,;:()/");
    if (has(w, "eastward") || has(w, "northward") || has(w, "east") || has(w, "north") ||
        has(w, "zonal") || has(w, "meridional")) {
        why = "long_name '" + ln + "'";
        return false;
    }
    if (has(w, "xi") || has(w, "eta") || has(w, "i") || has(w, "j") ||
        (has(w, "x") && !has(w, "y")) || (has(w, "y") && !has(w, "x"))) {
        why = "long_name '" + ln + "'";
        return true;
    }
    return std::nullopt;
}

VelocityChoice chooseVelocity(const std::vector<nc::File>& files, const CurrentsOverrides& ov) {
    VelocityChoice out;
    if (!ov.u.empty() || !ov.v.empty()) {
        if (ov.u.empty() || ov.v.empty())
            throw InputError("--u and --v go together: name both components");
        out.uFiles = filesWith(files, ov.u);
        out.vFiles = filesWith(files, ov.v);
        if (out.uFiles.empty())
            throw InputError("--u " + ov.u + ": no such variable in the files (" +
                             allVariables(files) + ")");
        if (out.vFiles.empty())
            throw InputError("--v " + ov.v + ": no such variable in the files (" +
                             allVariables(files) + ")");
        out.u = ov.u;
        out.v = ov.v;
        out.uFoundBy = "--u";
        out.vFoundBy = "--v";
        out.depthAveraged = isDepthAveragedVelocity(files[out.uFiles.front()], ov.u);
        if (out.depthAveraged) {
            // Say so when a 3-D or surface velocity was there to be taken.
            VelocityChoice automatic;
            try {
                automatic = chooseVelocity(files, {});
            } catch (const nc::NcError&) {
                throw;
            } catch (const InputError&) {
                automatic.depthAveraged = true;  // nothing else to take
            }
            if (!automatic.depthAveraged)
                out.notes.push_back("--u " + ov.u + " is a depth-averaged (barotropic) velocity; "
                                    "the files also hold " + automatic.u + " / " + automatic.v +
                                    ", whose level nearest the surface is what surface drift "
                                    "follows");
        }
        return out;
    }
    // Every pair present, in the order of the tables.
    std::vector<Candidate> found;
    std::set<std::string> seen;
    std::string oneSided;
    for (const auto& [su, sv] : velocityStandardNames()) {
        Candidate c;
        c.uFiles = filesWithStandardName(files, su, c.u);
        c.vFiles = filesWithStandardName(files, sv, c.v);
        if (!c.uFiles.empty() && !c.vFiles.empty()) {
            c.uFoundBy = std::string("standard_name ") + su;
            c.vFoundBy = std::string("standard_name ") + sv;
            if (seen.insert(c.u).second) found.push_back(c);
        } else if (oneSided.empty() && (!c.uFiles.empty() || !c.vFiles.empty())) {
            oneSided = c.uFiles.empty() ? "'" + c.v + "' (standard_name " + sv +
                                              ") but no variable with standard_name " + su
                                        : "'" + c.u + "' (standard_name " + su +
                                              ") but no variable with standard_name " + sv;
        }
    }
    for (const auto& [nu, nv] : velocityNames()) {
        Candidate c;
        c.uFiles = filesWith(files, nu);
        c.vFiles = filesWith(files, nv);
        if (!c.uFiles.empty() && !c.vFiles.empty()) {
            c.u = nu;
            c.v = nv;
            c.uFoundBy = std::string("name ") + nu;
            c.vFoundBy = std::string("name ") + nv;
            if (seen.insert(c.u).second) found.push_back(c);
        } else if (oneSided.empty() && (!c.uFiles.empty() || !c.vFiles.empty())) {
            oneSided = c.uFiles.empty() ? std::string("'") + nv + "' but no '" + nu + "'"
                                        : std::string("'") + nu + "' but no '" + nv + "'";
        }
    }
    if (found.empty()) {
        if (!oneSided.empty())
            throw InputError("only one velocity component: found " + oneSided +
                             ". Add the file that holds the other one (NEMO writes "
                             "U and V in two files), or name both with --u NAME "
                             "--v NAME");
        throw InputError(
            "no velocity found: no variable has a CF standard_name such as "
            "eastward_sea_water_velocity / northward_sea_water_velocity or sea_water_x_velocity "
            "/ sea_water_y_velocity, nor a usual name (uo/vo, water_u/water_v, "
            "vozocrtx/vomecrty, uos/vos, u/v). Variables in the files: " +
            allVariables(files) + ". Name the components with --u NAME --v NAME");
    }
    const auto averaged = [&](const Candidate& c) {
        return isDepthAveragedVelocity(files[c.uFiles.front()], c.u);
    };
    auto pick = std::find_if(found.begin(), found.end(),
                             [&](const Candidate& c) { return !averaged(c); });
    if (pick == found.end()) {
        pick = found.begin();
        out.depthAveraged = true;
        out.notes.push_back("depth-averaged (barotropic) velocity: the files hold no 3-D or "
                            "surface velocity. A surface drift on it is slower than the real "
                            "one where the current is surface-intensified");
    } else {
        for (const Candidate& c : found)
            if (averaged(c))
                out.notes.push_back(c.u + " / " + c.v +
                                    " (depth-averaged) are also in the files and not used: "
                                    "surface drift follows the level nearest the surface of " +
                                    pick->u + " / " + pick->v);
    }
    out.u = pick->u;
    out.v = pick->v;
    out.uFoundBy = pick->uFoundBy;
    out.vFoundBy = pick->vFoundBy;
    out.uFiles = pick->uFiles;
    out.vFiles = pick->vFiles;
    return out;
}

}  // namespace driftlab
