#include "ProgressBar.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>

#include "core/Duration.h"

namespace driftlab::cli {

std::string formatBytes(unsigned long long b) {
    char buf[32];
    if (b >= 1000ULL * 1000 * 1000) {
        std::snprintf(buf, sizeof buf, "%.2f GB", b / 1e9);
    } else if (b >= 1000ULL * 1000) {
        std::snprintf(buf, sizeof buf, "%.1f MB", b / 1e6);
    } else if (b >= 1000ULL) {
        std::snprintf(buf, sizeof buf, "%.1f kB", b / 1e3);
    } else {
        std::snprintf(buf, sizeof buf, "%llu B", b);
    }
    return buf;
}

std::string formatFixed(double value, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, value);
    return buf;
}

ProgressBar::ProgressBar(std::string title)
    : title_(std::move(title)), start_(std::chrono::steady_clock::now()), tty_(::isatty(2) != 0) {}

void ProgressBar::update(double fraction, const std::string& stage) {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double eta = fraction > 0.01 ? elapsed * (1.0 - fraction) / fraction : NAN;
    const int pct = static_cast<int>(fraction * 100.0);
    if (tty_) {
        if (drawn_ && now - lastDraw_ < std::chrono::milliseconds(100) && fraction < 1.0) return;
        lastDraw_ = now;
        drawn_ = true;
        constexpr int width = 30;
        const int fill = static_cast<int>(fraction * width);
        std::string bar(static_cast<std::size_t>(fill), '#');
        bar.resize(width, '.');
        std::fprintf(stderr, "\r%s [%s] %3d%% %-10s elapsed %s  ETA %s ", title_.c_str(),
                     bar.c_str(), pct, stage.c_str(), clockDuration(elapsed).c_str(),
                     clockDuration(eta).c_str());
    } else {
        const int decile = pct / 10;
        if (decile == lastDecile_) return;
        lastDecile_ = decile;
        std::fprintf(stderr, "%s: %3d%% %s, elapsed %s, ETA %s\n", title_.c_str(), pct,
                     stage.c_str(), clockDuration(elapsed).c_str(), clockDuration(eta).c_str());
    }
    std::fflush(stderr);
}

void ProgressBar::finish(const std::string& summary) {
    std::lock_guard lock(mutex_);
    if (tty_ && drawn_) std::fprintf(stderr, "\n");
    std::fprintf(stderr, "%s: %s\n", title_.c_str(), summary.c_str());
}

}  // namespace driftlab::cli
