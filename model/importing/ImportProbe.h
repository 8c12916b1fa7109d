#pragma once
// Model output from elsewhere can be damaged, and netCDF-C sits on libhdf5, which crashes or
// loops on some damaged metadata (docs/testing.md, "Damaged files"). The importers therefore
// read each file's metadata (and a first field) once in a short-lived child process
// (data/ChildProbe.h) before they touch it: a crash or a hang there becomes a clear refusal that
// names the files, never the end of the program or a frozen window.
#include <functional>
#include <string>
#include <vector>

namespace driftlab {

// Runs `look` (which reads the files) in a child. Passed (or no child could be made): returns,
// and the caller goes on in this process. `look` threw: throws InputError with its message.
// Crashed or still running after the timeout: throws InputError naming `paths` (a damaged file).
void probeImportFiles(const std::vector<std::string>& paths, const std::function<void()>& look);

}  // namespace driftlab
