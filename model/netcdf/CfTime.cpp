#include "netcdf/CfTime.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/Text.h"
#include "ocean/CivilDate.h"

namespace driftlab {

namespace {


std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

bool isLeap(CfCalendar c, long long y) {
    switch (c) {
        case CfCalendar::NoLeap:
        case CfCalendar::Day360:
            return false;
        case CfCalendar::AllLeap:
            return true;
        case CfCalendar::Julian:
            return y % 4 == 0;
        default:
            return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    }
}

int monthLength(CfCalendar c, long long y, int m) {
    if (c == CfCalendar::Day360) return 30;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(c, y) ? 29 : days[m - 1];
}

// Days from 0000-03-01 style epochs are awkward for model calendars; these count whole days
// from year 0, January 1st, in the given calendar (years may be negative only in theory).
long long daysBeforeYear(CfCalendar c, long long y) {
    switch (c) {
        case CfCalendar::NoLeap:
            return 365 * y;
        case CfCalendar::AllLeap:
            return 366 * y;
        case CfCalendar::Day360:
            return 360 * y;
        case CfCalendar::Julian:
            return 365 * y + (y + 3) / 4;
        default:
            return 365 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
    }
}

long long dayNumber(CfCalendar c, long long y, int m, int d) {
    long long n = daysBeforeYear(c, y);
    for (int k = 1; k < m; ++k) n += monthLength(c, y, k);
    return n + d - 1;
}

void dateOfDayNumber(CfCalendar c, long long n, long long& y, int& m, int& d) {
    y = c == CfCalendar::Day360 ? n / 360 : n / 366;
    while (daysBeforeYear(c, y + 1) <= n) ++y;
    while (daysBeforeYear(c, y) > n) --y;
    long long rest = n - daysBeforeYear(c, y);
    m = 1;
    while (rest >= monthLength(c, y, m)) rest -= monthLength(c, y, m++);
    d = static_cast<int>(rest) + 1;
}

// Julian Day Number of a date in the Julian calendar (for the mixed standard calendar).
long long julianCalendarToJdn(long long y, int m, int d) {
    const long long a = (14 - m) / 12, yy = y + 4800 - a, mm = m + 12 * a - 3;
    return d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - 32083;
}
constexpr long long kJdn1970 = 2440588;

double unitSecondsOf(const std::string& u) {
    if (u == "d" || u == "day" || u == "days") return 86400.0;
    if (u == "h" || u == "hr" || u == "hrs" || u == "hour" || u == "hours") return 3600.0;
    if (u == "min" || u == "mins" || u == "minute" || u == "minutes") return 60.0;
    if (u == "s" || u == "sec" || u == "secs" || u == "second" || u == "seconds") return 1.0;
    if (u == "ms" || u == "msec" || u == "msecs" || u == "millisecond" || u == "milliseconds")
        return 1e-3;
    return 0.0;
}

}  // namespace

bool CfTime::isBareUnit(const std::string& units) {
    const std::string u = lowerCase(trim(units));
    return u.find(" since ") == std::string::npos && unitSecondsOf(u) > 0;
}

CfTime CfTime::parse(const std::string& unitsIn, const std::string& calendarIn) {
    CfTime t;
    t.units_ = trim(unitsIn);
    const std::string units = lowerCase(t.units_);
    const auto since = units.find(" since ");
    if (since == std::string::npos)
        throw std::invalid_argument("time units '" + unitsIn +
                                    "' are not of the form 'UNITS since DATE'");
    const std::string unit = trim(units.substr(0, since));
    if (unit == "month" || unit == "months" || unit == "year" || unit == "years")
        throw std::invalid_argument("time units '" + unitsIn +
                                    "': months and years have no fixed length (CF advises "
                                    "against them); convert the time axis to days or hours");
    t.unitSeconds_ = unitSecondsOf(unit);
    if (t.unitSeconds_ == 0)
        throw std::invalid_argument("time units '" + unitsIn + "': unknown unit '" + unit + "'");

    std::string ref = trim(units.substr(since + 7));
    long long y = 0;
    int mo = 1, d = 1, h = 0, mi = 0;
    double s = 0;
    int consumed = 0;
    if (std::sscanf(ref.c_str(), "%lld-%d-%d%n", &y, &mo, &d, &consumed) < 3)
        throw std::invalid_argument("time units '" + unitsIn + "': cannot read the date '" + ref +
                                    "'");
    std::string rest = ref.substr(static_cast<std::size_t>(consumed));
    if (!rest.empty() && (rest[0] == 't' || rest[0] == ' ')) rest = rest.substr(1);
    rest = trim(rest);
    if (!rest.empty() && std::isdigit(static_cast<unsigned char>(rest[0]))) {
        int n = 0;
        if (std::sscanf(rest.c_str(), "%d:%d%n", &h, &mi, &n) >= 2) {
            rest = rest.substr(static_cast<std::size_t>(n));
            if (!rest.empty() && rest[0] == ':') {
                double sec = 0;
                int n2 = 0;
                if (std::sscanf(rest.c_str() + 1, "%lf%n", &sec, &n2) >= 1) {
                    s = sec;
                    rest = rest.substr(static_cast<std::size_t>(n2) + 1);
                }
            }
        } else if (std::sscanf(rest.c_str(), "%d%n", &h, &n) >= 1) {
            rest = rest.substr(static_cast<std::size_t>(n));
        }
    }
    rest = trim(rest);
    // A time zone: "Z", "UTC", "GMT", "+00:00", "-0100".
    if (!rest.empty() && rest != "z" && rest != "utc" && rest != "gmt") {
        int zh = 0, zm = 0;
        const char sign = rest[0];
        if ((sign == '+' || sign == '-') &&
            (std::sscanf(rest.c_str() + 1, "%d:%d", &zh, &zm) >= 1)) {
            if (zh >= 100) {  // "+0100"
                zm = zh % 100;
                zh /= 100;
            }
            const double off = (zh * 3600.0 + zm * 60.0) * (sign == '+' ? 1 : -1);
            s -= off;  // local reference time minus its offset = UTC
        } else {
            throw std::invalid_argument("time units '" + unitsIn + "': cannot read '" + rest +
                                        "' after the date");
        }
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 24 || mi < 0 || mi > 59)
        throw std::invalid_argument("time units '" + unitsIn + "': the date is out of range");

    const std::string cal = lowerCase(trim(calendarIn));
    if (cal.empty() || cal == "standard" || cal == "gregorian") {
        t.calendar_ = CfCalendar::Standard;
    } else if (cal == "proleptic_gregorian") {
        t.calendar_ = CfCalendar::ProlepticGregorian;
    } else if (cal == "noleap" || cal == "365_day") {
        t.calendar_ = CfCalendar::NoLeap;
    } else if (cal == "all_leap" || cal == "366_day") {
        t.calendar_ = CfCalendar::AllLeap;
    } else if (cal == "360_day") {
        t.calendar_ = CfCalendar::Day360;
    } else if (cal == "julian") {
        t.calendar_ = CfCalendar::Julian;
    } else if (cal == "none") {
        throw std::invalid_argument("calendar 'none': the time axis has no dates");
    } else {
        throw std::invalid_argument("unknown calendar '" + calendarIn + "'");
    }
    t.calendarName_ = cal.empty() ? "standard" : cal;
    if (d > monthLength(
                t.calendar_ == CfCalendar::Standard ? CfCalendar::ProlepticGregorian : t.calendar_,
                y, mo))
        throw std::invalid_argument("time units '" + unitsIn + "': no such date in the " +
                                    t.calendarName_ + " calendar");
    t.refYear_ = y;
    t.refMonth_ = mo;
    t.refDay_ = d;
    t.refSeconds_ = h * 3600.0 + mi * 60.0 + s;
    return t;
}

double CfTime::toDays(double value) const {
    const double seconds = refSeconds_ + value * unitSeconds_;
    const double wholeDays = std::floor(seconds / 86400.0);
    const double frac = seconds / 86400.0 - wholeDays;
    const long long step = static_cast<long long>(wholeDays);
    switch (calendar_) {
        case CfCalendar::ProlepticGregorian:
            return daysFromCivil(static_cast<int>(refYear_), refMonth_, refDay_) +
                   static_cast<double>(step) + frac;
        case CfCalendar::Standard: {
            // The mixed Julian / Gregorian calendar: a reference before 1582-10-15 counts in
            // the Julian calendar, and the elapsed days are the same real days either way.
            const bool julianRef =
                refYear_ < 1582 ||
                (refYear_ == 1582 && (refMonth_ < 10 || (refMonth_ == 10 && refDay_ < 15)));
            const long long refJdn =
                julianRef
                    ? julianCalendarToJdn(refYear_, refMonth_, refDay_)
                    : daysFromCivil(static_cast<int>(refYear_), refMonth_, refDay_) + kJdn1970;
            return static_cast<double>(refJdn + step - kJdn1970) + frac;
        }
        default: {
            const long long n = dayNumber(calendar_, refYear_, refMonth_, refDay_) + step;
            long long y = 0;
            int m = 1, d = 1;
            dateOfDayNumber(calendar_, n, y, m, d);
            const int gregorianLast = monthLength(CfCalendar::ProlepticGregorian, y, m);
            return daysFromCivil(static_cast<int>(y), m, std::min(d, gregorianLast)) + frac;
        }
    }
}

std::string CfTime::describe() const {
    return units_ + " (" + calendarName_ + " calendar)";
}

std::string formatDateTime(double days) {
    const double whole = std::floor(days + 1e-9);
    const int minutes = static_cast<int>(std::lround((days - whole) * 1440.0));
    std::string s = formatDate(static_cast<int>(whole));
    if (minutes > 0 && minutes < 1440) {
        char buf[16];
        std::snprintf(buf, sizeof buf, " %02d:%02d", minutes / 60, minutes % 60);
        s += buf;
    }
    return s;
}

}  // namespace driftlab
