#pragma once
// Runs a check in a short-lived child process (fork, no exec), so that a crash in a library the
// check calls becomes an outcome the caller can report instead of the end of the program.
// DriftDataset::open uses it: libhdf5 1.10 crashes (SIGSEGV) on some damaged metadata inside
// calls that no check beforehand or afterwards can make safe (docs/testing.md, "Damaged files").
//
// The child is a copy of the caller at the moment of the fork: only the calling thread goes on
// in it, so the check must not need other threads, and must not wait on a lock another thread
// may hold (callers take the HDF5 lock before; glibc's malloc is safe across fork). The child
// runs `check`, then _exit()s without running destructors or atexit handlers.
#include <chrono>
#include <functional>
#include <string>

namespace driftlab {

struct ChildOutcome {
    enum class Kind { Passed, Failed, Crashed, TimedOut, NotRun };
    Kind kind = Kind::NotRun;
    std::string message;  // Failed: what the check threw; NotRun: why no child could be made
    int signal = 0;       // Crashed: the signal that ended the child
};

// `check` returns normally (Passed) or throws (Failed, with the exception's what()). A child
// that is still running after `timeout` is killed (TimedOut).
ChildOutcome runInChildProcess(const std::function<void()>& check,
                               std::chrono::milliseconds timeout);

}  // namespace driftlab
