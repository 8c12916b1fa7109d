#pragma once
// A duration as text, "?" for one not known (not finite or negative).
#include <cmath>
#include <cstdio>
#include <string>

namespace driftlab {

// Clock form for progress lines: "0:42", "1:05", "1:02:03".
inline std::string clockDuration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) return "?";
    const long t = std::lround(seconds);
    char buf[32];
    if (t >= 3600)
        std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", t / 3600, (t / 60) % 60, t % 60);
    else
        std::snprintf(buf, sizeof buf, "%ld:%02ld", t / 60, t % 60);
    return buf;
}

// Words for a panel: "42 s", "1 min 05 s", "2 h 03 min".
inline std::string spokenDuration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) return "?";
    const long s = std::lround(seconds);
    char buf[48];
    if (s < 60)
        std::snprintf(buf, sizeof buf, "%ld s", s);
    else if (s < 3600)
        std::snprintf(buf, sizeof buf, "%ld min %02ld s", s / 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%ld h %02ld min", s / 3600, (s % 3600) / 60);
    return buf;
}

}  // namespace driftlab
