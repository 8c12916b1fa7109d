// CF time axes and packed values, as DriftLab's importers decode them.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>

#include "model/TestSupport.h"
#include "netcdf/CfTime.h"
#include "netcdf/CfValues.h"
#include "netcdf/NcFile.h"
#include "ocean/CivilDate.h"

namespace driftlab {
namespace {

int day(const char* date) {
    return parseDate(date);
}

TEST(CfTime, DecodesTheUnitsModelsWrite) {
    EXPECT_DOUBLE_EQ(CfTime::parse("days since 1970-01-01", "").toDays(19000.5), 19000.5);
    // CMEMS GLO: hours since 1950; 26298 days after 1950-01-01 is 2022-01-01.
    EXPECT_DOUBLE_EQ(CfTime::parse("hours since 1950-01-01", "gregorian").toDays(26298 * 24.0),
                     day("2022-01-01"));
    // NEMO: seconds since 1900 with a time of day; ISO 'T' and 'Z'.
    EXPECT_DOUBLE_EQ(
        CfTime::parse("seconds since 1900-01-01 00:00:00", "").toDays(86400.0 * 44254 + 43200),
        day("2021-03-01") + 0.5);
    EXPECT_DOUBLE_EQ(CfTime::parse("seconds since 2000-01-01T00:00:00Z", "").toDays(86400.0),
                     day("2000-01-02"));
    // A reference with a time zone is moved to UTC.
    EXPECT_DOUBLE_EQ(CfTime::parse("hours since 2000-01-01 00:00:00 +01:00", "").toDays(1.0),
                     day("2000-01-01"));
    EXPECT_DOUBLE_EQ(CfTime::parse("minutes since 2000-1-1 0:0:0", "").toDays(1440.0 * 3),
                     day("2000-01-04"));
}

TEST(CfTime, ModelCalendarsLabelTheirOwnDates) {
    // noleap: three days after 2004-02-26 is 2004-03-01 (no 29 February).
    const CfTime noleap = CfTime::parse("days since 2004-02-26", "noleap");
    EXPECT_DOUBLE_EQ(noleap.toDays(3), day("2004-03-01"));
    EXPECT_DOUBLE_EQ(CfTime::parse("days since 2001-01-01", "365_day").toDays(365 * 3 + 59),
                     day("2004-03-01"));
    // 360_day: every month has 30 days; 30 February is labelled with February's last day.
    const CfTime d360 = CfTime::parse("days since 2000-01-01", "360_day");
    EXPECT_DOUBLE_EQ(d360.toDays(30), day("2000-02-01"));
    EXPECT_DOUBLE_EQ(d360.toDays(59), day("2000-02-29"));
    EXPECT_DOUBLE_EQ(d360.toDays(60), day("2000-03-01"));
    EXPECT_DOUBLE_EQ(d360.toDays(360), day("2001-01-01"));
    // julian: 1900 is a leap year.
    EXPECT_DOUBLE_EQ(CfTime::parse("days since 1900-02-28", "julian").toDays(1), day("1900-02-28"));
    EXPECT_DOUBLE_EQ(CfTime::parse("days since 1900-02-28", "julian").toDays(2), day("1900-03-01"));
    // all_leap.
    EXPECT_DOUBLE_EQ(CfTime::parse("days since 2001-02-28", "all_leap").toDays(2),
                     day("2001-03-01"));
    // The standard calendar is Julian before 1582-10-15: the day after 4 October is 15 October.
    EXPECT_DOUBLE_EQ(CfTime::parse("days since 1582-10-04", "standard").toDays(1),
                     day("1582-10-15"));
    EXPECT_DOUBLE_EQ(CfTime::parse("days since 1582-10-04", "proleptic_gregorian").toDays(1),
                     day("1582-10-05"));
}

TEST(CfTime, RefusesWhatItCannotDate) {
    EXPECT_THROW(CfTime::parse("months since 2000-01-01", ""), std::invalid_argument);
    EXPECT_THROW(CfTime::parse("days after 2000-01-01", ""), std::invalid_argument);
    EXPECT_THROW(CfTime::parse("fortnights since 2000-01-01", ""), std::invalid_argument);
    EXPECT_THROW(CfTime::parse("days since 2000-01-01", "martian"), std::invalid_argument);
    EXPECT_THROW(CfTime::parse("days since 2001-02-29", "noleap"), std::invalid_argument);
    EXPECT_THROW(CfTime::parse("days since yesterday", ""), std::invalid_argument);
}

// A NetCDF file from CDL text through ncgen.
std::string ncgen(const std::filesystem::path& dir, const std::string& cdl) {
    const auto cdlPath = dir / "f.cdl", ncPath = dir / "f.nc";
    std::ofstream(cdlPath) << cdl;
    const std::string cmd = "ncgen -b -o '" + ncPath.string() + "' '" + cdlPath.string() + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    return ncPath.string();
}

TEST(CfValues, FillValidRangeAndPackingAreAppliedInTheRightDomain) {
    const auto dir = test::tempDir();
    const std::string path = ncgen(dir, R"(netcdf f {
dimensions: n = 7 ;
variables:
  short a(n) ; a:scale_factor = 0.001 ; a:add_offset = 1.0 ; a:_FillValue = -30000s ;
    a:valid_range = -20000s, 20000s ;
  float b(n) ; b:missing_value = 1.e20f ; b:valid_max = 5.0 ;
  short c(n) ;
data:
  a = 0, 1000, -30000, 20001, -20000, 20000, 500 ;
  b = 1, 1.e20, 6, 4.5, NaN, -3, 0 ;
  c = 1, -32767, 3, _, 5, 6, 7 ;
})");
    const nc::File f = nc::File::open(path);
    auto a = f.read(f.variable("a"));
    CfValues(f, f.variable("a")).decode(a);
    EXPECT_DOUBLE_EQ(a[0], 1.0);
    EXPECT_DOUBLE_EQ(a[1], 2.0);
    EXPECT_TRUE(std::isnan(a[2]));  // _FillValue, tested packed
    EXPECT_TRUE(std::isnan(a[3]));  // above valid_range (packed domain: same type as a)
    EXPECT_DOUBLE_EQ(a[4], -19.0);
    EXPECT_DOUBLE_EQ(a[5], 21.0);
    EXPECT_DOUBLE_EQ(a[6], 1.5);
    auto b = f.read(f.variable("b"));
    CfValues(f, f.variable("b")).decode(b);
    EXPECT_DOUBLE_EQ(b[0], 1.0);
    EXPECT_TRUE(std::isnan(b[1]));  // missing_value 1e20: never a current
    EXPECT_TRUE(std::isnan(b[2]));  // above valid_max
    EXPECT_DOUBLE_EQ(b[3], 4.5);
    EXPECT_TRUE(std::isnan(b[4]));
    EXPECT_DOUBLE_EQ(b[5], -3.0);
    // No _FillValue declared: netCDF's default fill for short (-32767) is missing.
    auto c = f.read(f.variable("c"));
    CfValues(f, f.variable("c")).decode(c);
    EXPECT_DOUBLE_EQ(c[0], 1.0);
    EXPECT_TRUE(std::isnan(c[1]));
    EXPECT_TRUE(std::isnan(c[3]));
}

TEST(NcFile, SaysWhatIsWrongWithAFile) {
    const auto dir = test::tempDir();
    std::ofstream(dir / "text.nc") << "not a netcdf file at all\n";
    try {
        nc::File::open((dir / "text.nc").string());
        FAIL() << "opened a text file";
    } catch (const nc::NcError& e) {
        EXPECT_NE(std::string(e.what()).find("not a NetCDF file"), std::string::npos) << e.what();
    }
    EXPECT_THROW(nc::File::open((dir / "missing.nc").string()), nc::NcError);
    std::filesystem::create_directories(dir / "store.zarr");
    std::ofstream(dir / "store.zarr" / ".zgroup") << "{\"zarr_format\": 2}";
    try {
        nc::File::open((dir / "store.zarr").string());
        FAIL() << "opened a Zarr folder";
    } catch (const nc::NcError& e) {
        EXPECT_NE(std::string(e.what()).find("xr.open_zarr"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace driftlab
