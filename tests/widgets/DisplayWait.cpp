#include "widgets/DisplayWait.h"

#include <X11/Xlib.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

namespace driftlab::test {

bool waitForDisplay(const char* display, double seconds, std::ostream& log) {
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
    auto pause = std::chrono::milliseconds(100);
    for (int attempt = 1;; ++attempt) {
        if (Display* connection = XOpenDisplay(display)) {
            XCloseDisplay(connection);
            if (attempt > 1)
                log << "X display " << display << " accepted a connection at attempt " << attempt
                    << "\n";
            return true;
        }
        if (Clock::now() + pause > deadline) {
            log << "X display " << display << " refused " << attempt
                << " connections; giving up after " << seconds << " s\n";
            return false;
        }
        log << "X display " << display << " refused a connection (attempt " << attempt
            << "), trying again in " << pause.count() << " ms\n";
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(2000));
    }
}

int runConnectedChild(int attempts, std::ostream& log,
                      const std::function<int(const std::function<void()>& connected)>& tests) {
    auto pause = std::chrono::milliseconds(250);
    for (int attempt = 1;; ++attempt) {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) return tests([] {});  // cannot watch: run here
        log.flush();
        std::fflush(nullptr);
        const pid_t parent = ::getpid();
        const pid_t pid = ::fork();
        if (pid < 0) {
            ::close(fds[0]);
            ::close(fds[1]);
            return tests([] {});
        }
        if (pid == 0) {
            ::close(fds[0]);
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent) std::_Exit(1);  // the parent died before prctl
            const int writeEnd = fds[1];
            std::exit(tests([writeEnd] {
                const char byte = 1;
                while (::write(writeEnd, &byte, 1) < 0 && errno == EINTR) {
                }
                ::close(writeEnd);
            }));
        }
        ::close(fds[1]);
        char byte = 0;
        ssize_t n;
        do n = ::read(fds[0], &byte, 1);
        while (n < 0 && errno == EINTR);
        ::close(fds[0]);
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (n != 1 && attempt < attempts) {
            log << "the test process ended before it was connected to its X display ("
                << (WIFSIGNALED(status) ? "signal " + std::to_string(WTERMSIG(status))
                                        : "exit code " + std::to_string(WEXITSTATUS(status)))
                << ", attempt " << attempt << " of " << attempts << "): starting it again in "
                << pause.count() << " ms\n";
            log.flush();
            std::this_thread::sleep_for(pause);
            pause *= 2;
            continue;
        }
        if (WIFSIGNALED(status)) {
            const int sig = WTERMSIG(status);
            std::signal(sig, SIG_DFL);
            std::raise(sig);
            return 128 + sig;
        }
        return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
    }
}

}  // namespace driftlab::test
