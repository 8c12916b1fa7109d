#include "data/ChildProbe.h"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <exception>

// Sanitizer builds (the fuzz and sanitize presets): a crash in the child is the answer the probe
// is for, not a finding, so the child drops a fuzzer's death hook (it would save the input as a
// "crash" of the parent's).
#if defined(__SANITIZE_ADDRESS__)
#define DRIFTLAB_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DRIFTLAB_SANITIZED 1
#endif
#endif
#ifdef DRIFTLAB_SANITIZED
#include <sanitizer/common_interface_defs.h>
#endif

namespace driftlab {

ChildOutcome runInChildProcess(const std::function<void()>& check,
                               std::chrono::milliseconds timeout) {
    ChildOutcome out;
    int fds[2];
    if (::pipe(fds) != 0) {
        out.message = std::string("pipe: ") + std::strerror(errno);
        return out;
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        out.message = std::string("fork: ") + std::strerror(errno);
        ::close(fds[0]);
        ::close(fds[1]);
        return out;
    }
    if (pid == 0) {  // the child: run the check, send what went wrong, leave at once
        ::close(fds[0]);
#ifdef DRIFTLAB_SANITIZED
        __sanitizer_set_death_callback(nullptr);
#endif
        // A crash is the answer: the default action (death by the signal, which the parent
        // reports), not a handler inherited from the parent (a sanitizer's, a crash reporter's).
        for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) std::signal(sig, SIG_DFL);
        int code = 0;
        std::string message;
        try {
            check();
        } catch (const std::exception& e) {
            message = e.what();
            code = 1;
        } catch (...) {
            message = "unknown error";
            code = 1;
        }
        for (std::size_t done = 0; done < message.size();) {
            const ssize_t n = ::write(fds[1], message.data() + done, message.size() - done);
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
        ::_exit(code);
    }
    ::close(fds[1]);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string message;
    char buffer[4096];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
            ::close(fds[0]);
            out.kind = ChildOutcome::Kind::TimedOut;
            return out;
        }
        pollfd p{fds[0], POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) continue;  // the deadline check above ends it
        const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // the child closed its end: it has ended
        message.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFSIGNALED(status)) {
        out.kind = ChildOutcome::Kind::Crashed;
        out.signal = WTERMSIG(status);
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        out.kind = ChildOutcome::Kind::Passed;
    } else {
        out.kind = ChildOutcome::Kind::Failed;
        out.message = message.empty() ? "the check failed" : message;
    }
    return out;
}

}  // namespace driftlab
