#pragma once
// CF time coordinates: "UNITS since REFERENCE" in one of CF's calendars, decoded to DriftLab's
// time axis (days since 1970-01-01 00:00 UTC, proleptic Gregorian, with a fraction).
//
// Model calendars without a Gregorian twin (noleap / 365_day, all_leap / 366_day, 360_day,
// julian) are decoded to their own year-month-day-hour first and that date is labelled with the
// same Gregorian date, as cftime and xarray's CFTimeIndex do. A noleap year therefore has no
// 29 February (a gap the importer reports and fills), and a 360_day calendar's 29 and
// 30 February take the last day of February (duplicates the importer reports and drops).
#include <string>

namespace driftlab {

enum class CfCalendar { Standard, ProlepticGregorian, Julian, NoLeap, AllLeap, Day360 };

class CfTime {
public:
    // Parses e.g. "days since 1970-01-01", "hours since 1950-01-01 00:00:00",
    // "seconds since 2000-01-01T00:00:00Z" and a calendar name (empty = standard). Throws
    // std::invalid_argument with the text it could not read.
    static CfTime parse(const std::string& units, const std::string& calendar);

    // True for units that are a plain duration without a reference date ("second", "days"):
    // CROCO's time since initialisation. The reader must supply the origin.
    static bool isBareUnit(const std::string& units);

    // A coordinate value as days since 1970-01-01 00:00 UTC (Gregorian label, see above).
    double toDays(double value) const;
    CfCalendar calendar() const { return calendar_; }
    const std::string& calendarName() const { return calendarName_; }
    double unitSeconds() const { return unitSeconds_; }
    std::string describe() const;  // "hours since 1950-01-01 00:00:00 (standard calendar)"

private:
    CfCalendar calendar_ = CfCalendar::Standard;
    std::string calendarName_ = "standard", units_;
    double unitSeconds_ = 86400;
    // The reference instant in the calendar's own day count, and its Gregorian label.
    long long refYear_ = 1970;
    int refMonth_ = 1, refDay_ = 1;
    double refSeconds_ = 0;  // seconds into the reference day
};

// Text in "YYYY-MM-DD[ hh:mm[:ss]]" form of a DriftLab time (days since 1970).
std::string formatDateTime(double daysSince1970);

}  // namespace driftlab
