#include "importing/CurrentsDetector.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/InputError.h"
#include "core/Text.h"
#include "importing/ComponentLocator.h"
#include "importing/CurrentsTimeAxis.h"
#include "importing/DepthLevel.h"
#include "importing/GridRotation.h"
#include "importing/LandMask.h"
#include "netcdf/CfNames.h"

namespace driftlab {

namespace {

using nc::File;

// One detection: the steps in order, each in its own file (velocity, axes, time, depth, land).
struct Detector {
    const std::vector<File>& files;
    const CurrentsOverrides& ov;
    CurrentsLayout out;
    bool depthAveraged = false;

    void findVelocity(std::vector<int>& uFiles, std::vector<int>& vFiles) {
        VelocityChoice c = chooseVelocity(files, ov);
        out.u.var = c.u;
        out.v.var = c.v;
        out.u.foundBy = c.uFoundBy;
        out.v.foundBy = c.vFoundBy;
        uFiles = c.uFiles;
        vFiles = c.vFiles;
        depthAveraged = c.depthAveraged;
        for (auto& n : c.notes) out.notes.push_back(std::move(n));
    }

    // Whether the components point along the grid's axes: the user's word, then the names,
    // then the grid (a ROMS `angle`, a projected grid_mapping, a curvilinear grid).
    void direction(const File& uFile) {
        std::string why;
        const std::optional<bool> byName = gridRelativeByName(uFile, out.u.var, why);
        if (ov.gridRelative) {
            out.gridRelative = *ov.gridRelative;
            out.directionWhy = "--direction";
            if (byName && *byName != *ov.gridRelative)
                out.notes.push_back("--direction overrides the file's " + why + ", which says " +
                                    (*byName ? "along the grid's axes" : "east / north"));
            return;
        }
        if (byName) {
            out.gridRelative = *byName;
            out.directionWhy = why;
            return;
        }
        bool hasAngle = false;
        for (const File& f : files) hasAngle = hasAngle || f.hasVariable("angle");
        const std::string gm = gridMappingVariable(uFile, out.u.var);
        const std::string gmName =
            gm.empty() ? "" : lowerCase(attrText(uFile, gm, "grid_mapping_name"));
        const bool separable = out.u.points.separable && out.v.points.separable;
        if (hasAngle) {
            out.gridRelative = true;
            out.directionWhy =
                "no direction in the names; the files carry the grid's angle "
                "(ROMS): along the grid's axes (--direction east-north if not)";
        } else if (!gmName.empty() && gmName != "latitude_longitude") {
            out.gridRelative = true;
            out.directionWhy = "no direction in the names; grid_mapping " + gmName +
                               ": along the grid's axes (--direction east-north if not)";
        } else if (!separable) {
            out.gridRelative = true;
            out.directionWhy =
                "no direction in the names, on a curvilinear grid: along the "
                "grid's axes (--direction east-north if not)";
        } else {
            out.gridRelative = false;
            out.directionWhy =
                "no direction in the names, on a lon/lat grid: east / north "
                "(--direction grid if not)";
        }
    }

    void run() {
        if (files.empty()) throw InputError("no input files");
        for (const File& f : files) {
            out.files.push_back(f.path());
            out.fileFormats.push_back(f.formatName());
        }
        std::vector<int> uFiles, vFiles;
        findVelocity(uFiles, vFiles);
        ComponentLocator::classifyDims(out.u, files[uFiles.front()]);
        ComponentLocator::classifyDims(out.v, files[vFiles.front()]);
        ComponentLocator locator(files);
        locator.locate(out.u, uFiles.front(), 'u');
        locator.locate(out.v, vFiles.front(), 'v');

        double maxDiff = 0;
        if (out.u.points.nx != out.v.points.nx || out.u.points.ny != out.v.points.ny) {
            maxDiff = 1;
        } else {
            for (std::size_t k = 0; k < out.u.points.size(); ++k)
                maxDiff = std::max({maxDiff, std::abs(out.u.points.lon[k] - out.v.points.lon[k]),
                                    std::abs(out.u.points.lat[k] - out.v.points.lat[k])});
        }
        out.staggered = maxDiff > 1e-6;
        direction(files[uFiles.front()]);

        readTimeAxis(files, ov, out.u, uFiles, out);
        readTimeAxis(files, ov, out.v, vFiles, out);
        shareTimeSteps(out);

        chooseDepthLevel(out.u, files[uFiles.front()], ov, out);
        findLandMask(files, out);
        if (out.centres.size() == 0) {
            out.centres = out.u.points;
            out.maskFrom = "where the velocity has values (first time step)";
        }
        findComponentMask(files, out.u, {"umask", "mask_u"});
        findComponentMask(files, out.v, {"vmask", "mask_v"});

        if (out.gridRelative) {
            GridRotation r = gridRotation(files, out.centres, files[uFiles.front()], out.u.var);
            out.angle = std::move(r.angle);
            out.angleFrom = std::move(r.from);
            for (auto& n : r.notes) out.notes.push_back(std::move(n));
        }
        if (depthAveraged)
            out.velocityKind = "depth-averaged (barotropic)";
        else if (out.u.depthDim >= 0)
            out.velocityKind = "3-D";
        else
            out.velocityKind = "a single level";

        measureCentres(out);
        if (out.staggered) out.gridKind += ", Arakawa C (u and v at cell faces)";
    }
};

}  // namespace

CurrentsLayout detectCurrents(const std::vector<nc::File>& files,
                              const CurrentsOverrides& overrides) {
    Detector d{files, overrides, {}};
    d.run();
    return std::move(d.out);
}

}  // namespace driftlab
