#include "WorkerLauncher.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <thread>

#include "Commands.h"

namespace driftlab::cli {

namespace {

std::atomic<int> gForward{0};  // the last stop signal received, to pass on to the ranks

extern "C" void onLauncherSignal(int signal) {
    gForward.store(signal);
}

// A port nobody listens on now (the kernel's pick); rank 0 binds it a moment later.
int freePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return 29500;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    int port = 29500;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
        port = ntohs(a.sin_port);
    ::close(fd);
    return port;
}

std::string describeStatus(int status) {
    if (WIFEXITED(status)) return "exited with code " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return "was killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
               strsignal(WTERMSIG(status)) + ")";
    return "ended";
}

struct Rank {
    pid_t pid = -1;
    bool running = false;
    int status = 0;
    std::chrono::steady_clock::time_point ended;
};

}  // namespace

int launchLocalWorkers(int worldSize, const std::vector<std::string>& args) {
    std::error_code ec;
    const std::string exe = std::filesystem::read_symlink("/proc/self/exe", ec).string();
    if (ec) {
        std::cerr << "driftlab: cannot find this program's path (/proc/self/exe): " << ec.message()
                  << "\n";
        return kFailure;
    }
    const int port = freePort();
    std::vector<std::string> argvText{exe};
    argvText.insert(argvText.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argvText) argv.push_back(a.data());
    argv.push_back(nullptr);

    struct sigaction sa {};
    sa.sa_handler = onLauncherSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    const pid_t launcher = ::getpid();

    std::vector<Rank> ranks(static_cast<std::size_t>(worldSize));
    for (int r = 0; r < worldSize; ++r) {
        const pid_t pid = ::fork();
        if (pid < 0) {
            std::cerr << "driftlab: cannot start rank " << r << ": " << std::strerror(errno)
                      << "\n";
            for (auto& k : ranks)
                if (k.running) ::kill(k.pid, SIGTERM);
            break;
        }
        if (pid == 0) {
            // The ranks are in a process group of their own: Ctrl-C reaches the launcher only,
            // which passes it on once. If the launcher dies, each rank is asked to stop.
            ::setpgid(0, 0);
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (::getppid() != launcher) ::_exit(kFailure);
            ::signal(SIGINT, SIG_DFL);
            ::signal(SIGTERM, SIG_DFL);
            ::setenv("RANK", std::to_string(r).c_str(), 1);
            ::setenv("LOCAL_RANK", std::to_string(r).c_str(), 1);
            ::setenv("WORLD_SIZE", std::to_string(worldSize).c_str(), 1);
            ::setenv("LOCAL_WORLD_SIZE", std::to_string(worldSize).c_str(), 1);
            ::setenv("MASTER_ADDR", "127.0.0.1", 1);
            ::setenv("MASTER_PORT", std::to_string(port).c_str(), 1);
            ::setenv("DRIFTLAB_LAUNCHED_BY", "driftlab train --world-size", 1);
            ::unsetenv("TORCHELASTIC_USE_AGENT_STORE");
            ::unsetenv("TORCHELASTIC_RUN_ID");
            ::execv(exe.c_str(), argv.data());
            std::cerr << "driftlab: cannot run " << exe << ": " << std::strerror(errno) << "\n";
            ::_exit(kFailure);
        }
        ranks[static_cast<std::size_t>(r)] = {pid, true, 0, {}};
    }

    int running = 0;
    for (auto& k : ranks) running += k.running ? 1 : 0;
    bool stopping = false;  // a rank failed or a signal came: the others are asked to stop
    std::chrono::steady_clock::time_point stopAsked;
    int forwarded = 0;
    while (running > 0) {
        const int signal = gForward.exchange(0);
        if (signal != 0) {
            for (auto& k : ranks)
                if (k.running) ::kill(k.pid, signal);
            forwarded = signal;
            if (!stopping) stopAsked = std::chrono::steady_clock::now();
            stopping = true;
        }
        int status = 0;
        const pid_t pid = ::waitpid(-1, &status, WNOHANG);
        if (pid > 0) {
            for (auto& k : ranks) {
                if (k.pid != pid || !k.running) continue;
                k.running = false;
                k.status = status;
                k.ended = std::chrono::steady_clock::now();
                --running;
                const bool ok =
                    WIFEXITED(status) && (WEXITSTATUS(status) == kOk ||
                                          (forwarded && WEXITSTATUS(status) == kCancelled));
                if (!ok && !stopping) {
                    stopping = true;
                    stopAsked = k.ended;
                    for (auto& other : ranks)
                        if (other.running) ::kill(other.pid, SIGTERM);
                }
            }
            continue;
        }
        // Ranks that do not stop within 15 s of being asked (a hung collective) are killed.
        if (stopping && std::chrono::steady_clock::now() - stopAsked > std::chrono::seconds(15))
            for (auto& k : ranks)
                if (k.running) ::kill(k.pid, SIGKILL);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);

    // The report names the rank that failed first; a rank killed by a signal is the cause of
    // the others' "a peer left the group".
    int failedRanks = 0, cancelled = 0;
    const Rank* cause = nullptr;
    for (const auto& k : ranks) {
        if (k.pid < 0) {
            ++failedRanks;
            continue;
        }
        if (WIFEXITED(k.status) && WEXITSTATUS(k.status) == kOk) continue;
        if (WIFEXITED(k.status) && WEXITSTATUS(k.status) == kCancelled) {
            ++cancelled;
            continue;
        }
        ++failedRanks;
        const bool signalled = WIFSIGNALED(k.status);
        if (!cause || (signalled && !WIFSIGNALED(cause->status)) ||
            (signalled == WIFSIGNALED(cause->status) && k.ended < cause->ended))
            cause = &k;
    }
    if (failedRanks == 0) return cancelled > 0 ? kCancelled : kOk;
    for (std::size_t r = 0; r < ranks.size(); ++r) {
        const auto& k = ranks[r];
        if (k.pid < 0 || (WIFEXITED(k.status) && WEXITSTATUS(k.status) == kOk)) continue;
        std::cerr << "driftlab train: rank " << r << " (pid " << k.pid << ") "
                  << describeStatus(k.status) << (&k == cause ? "  <- the first to fail" : "")
                  << "\n";
    }
    return kFailure;
}

}  // namespace driftlab::cli
