#pragma once
// How a CF variable's stored numbers become physical values: _FillValue, missing_value and
// valid_min / valid_max / valid_range are tested on the packed (stored) numbers, then
// scale_factor and add_offset unpack them (CF 1.8 section 2.5.1, 8.1). A valid_* attribute whose
// type differs from the variable's is taken in the unpacked domain, as the NetCDF User Guide
// says. Without a _FillValue, netCDF's default fill value of the variable's type is missing too.
// Missing values come out as NaN, never as a number.
#include <string>
#include <vector>

#include "netcdf/NcFile.h"

namespace driftlab {

class CfValues {
public:
    CfValues(const nc::File& file, const nc::VarInfo& var);

    // Turns raw values (as File::read returns them) into physical values in place.
    void decode(std::vector<double>& values) const;
    bool packed() const { return scale_ != 1.0 || offset_ != 0.0; }
    std::string describe() const;  // "scale 0.001, offset 0, fill -32767"

private:
    bool isMissingPacked(double raw) const;
    std::vector<double> missing_;  // packed-domain missing values
    bool hasPackedMin_ = false, hasPackedMax_ = false;
    double packedMin_ = 0, packedMax_ = 0;
    bool hasMin_ = false, hasMax_ = false;
    double min_ = 0, max_ = 0;  // unpacked-domain limits
    double scale_ = 1.0, offset_ = 0.0;
    int type_ = 0;
};

}  // namespace driftlab
