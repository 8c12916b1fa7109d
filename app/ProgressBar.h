#pragma once
// A progress bar with rate-limited redraws and an ETA on stderr. On a terminal it redraws one
// line in place; otherwise (logs, CI) it prints a line every 10 %.
#include <chrono>
#include <mutex>
#include <string>

namespace driftlab::cli {

class ProgressBar {
public:
    explicit ProgressBar(std::string title);
    // Thread-safe; fraction in [0, 1].
    void update(double fraction, const std::string& stage);
    void finish(const std::string& summary);

private:
    std::string title_;
    std::mutex mutex_;
    std::chrono::steady_clock::time_point start_, lastDraw_;
    bool tty_;
    int lastDecile_ = -1;
    bool drawn_ = false;
};

std::string formatBytes(unsigned long long bytes);  // "12.3 MB"
std::string formatFixed(double value, int digits);  // fixed-point, `digits` decimals

}  // namespace driftlab::cli
