// Durations as text (core/Duration.h): the progress lines' clock form and the panels' words.
#include <gtest/gtest.h>

#include <limits>

#include "core/Duration.h"

namespace driftlab {
namespace {

TEST(Duration, ClockFormHasHoursOnlyPastAnHour) {
    EXPECT_EQ(clockDuration(0), "0:00");
    EXPECT_EQ(clockDuration(42), "0:42");
    EXPECT_EQ(clockDuration(65), "1:05");
    EXPECT_EQ(clockDuration(59.6), "1:00");  // rounded to the second
    EXPECT_EQ(clockDuration(3723), "1:02:03");
}

TEST(Duration, WordsForAPanel) {
    EXPECT_EQ(spokenDuration(42), "42 s");
    EXPECT_EQ(spokenDuration(65), "1 min 05 s");
    EXPECT_EQ(spokenDuration(2 * 3600 + 3 * 60 + 59), "2 h 03 min");
}

TEST(Duration, AnUnknownDurationIsAQuestionMark) {
    for (double s : {-1.0, std::numeric_limits<double>::quiet_NaN(),
                     std::numeric_limits<double>::infinity()}) {
        EXPECT_EQ(clockDuration(s), "?");
        EXPECT_EQ(spokenDuration(s), "?");
    }
}

}  // namespace
}  // namespace driftlab
