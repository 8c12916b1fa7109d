#pragma once
// Proleptic Gregorian calendar dates as whole days since 1970-01-01 (H. Hinnant's algorithms).
#include <string>

namespace driftlab {

struct CivilDate {
    int year = 1970, month = 1, day = 1;
};

int daysFromCivil(int year, int month, int day);
CivilDate civilFromDays(int days);
std::string formatDate(int daysSinceEpoch);  // "YYYY-MM-DD"
// Parses "YYYY-MM-DD"; throws std::invalid_argument with the offending text otherwise.
int parseDate(const std::string& text);
int dayOfYear(int daysSinceEpoch);  // 1..366

}  // namespace driftlab
