#include "importing/ImportProbe.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>
#include <stdexcept>

#include "core/Hdf5Lock.h"
#include "core/InputError.h"
#include "core/JobControl.h"
#include "data/ChildProbe.h"

namespace driftlab {

void probeImportFiles(const std::vector<std::string>& paths, const std::function<void()>& look) {
    const char* off = std::getenv("DRIFTLAB_NO_CHILD_CHECK");
    if (off && *off && std::string(off) != "0") return;
    std::string names;
    for (const auto& p : paths) names += (names.empty() ? "" : ", ") + p;
    // DRIFTLAB_IMPORT_PROBE_TIMEOUT (seconds) shortens the wait in the reliability tests.
    long seconds = 60;
    if (const char* t = std::getenv("DRIFTLAB_IMPORT_PROBE_TIMEOUT"); t && std::atol(t) > 0)
        seconds = std::atol(t);
    const auto kTimeout = std::chrono::seconds(seconds);
    ChildOutcome c;
    {
        // Nobody else may be inside netCDF / HDF5 while the child is copied.
        std::lock_guard lock(hdf5Mutex());
        c = runInChildProcess(
            [&look] {
                // The copied lock names the parent's thread as its owner: a fresh one.
                new (&hdf5Mutex()) std::recursive_mutex();
                look();
            },
            kTimeout);
    }
    switch (c.kind) {
        case ChildOutcome::Kind::Failed:
            throw InputError(c.message);
        case ChildOutcome::Kind::Crashed:
            // Ctrl-C reaches the child too (same process group): the user stopped, nothing broke.
            if (c.signal == SIGINT || c.signal == SIGTERM) throw JobCancelled();
            throw InputError(names +
                             ": damaged: reading it crashed the NetCDF/HDF5 "
                             "library (signal " +
                             std::to_string(c.signal) + ", " + strsignal(c.signal) +
                             "), so DriftLab does not import it");
        case ChildOutcome::Kind::TimedOut:
            throw InputError(names +
                             ": damaged or unreadable: reading its metadata did not "
                             "finish within " +
                             std::to_string(seconds) + " s, so DriftLab does not import it");
        case ChildOutcome::Kind::Passed:
        case ChildOutcome::Kind::NotRun:
            break;
    }
}

}  // namespace driftlab
