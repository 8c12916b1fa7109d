#include "netcdf/CfValues.h"

#include <netcdf.h>

#include <cmath>
#include <limits>
#include <sstream>

namespace driftlab {

namespace {

double defaultFill(int type) {
    switch (type) {
        case NC_BYTE:
            return NC_FILL_BYTE;
        case NC_UBYTE:
            return NC_FILL_UBYTE;
        case NC_SHORT:
            return NC_FILL_SHORT;
        case NC_USHORT:
            return NC_FILL_USHORT;
        case NC_INT:
            return NC_FILL_INT;
        case NC_UINT:
            return NC_FILL_UINT;
        case NC_FLOAT:
            return NC_FILL_FLOAT;
        case NC_DOUBLE:
            return NC_FILL_DOUBLE;
        default:
            return std::numeric_limits<double>::quiet_NaN();
    }
}

// Stored numbers compare as the variable's type: a float fill written as 1e20f is read back as
// the double nearest 1e20f, so compare both at float precision.
bool sameStored(double a, double b, int type) {
    if (type == NC_FLOAT) return static_cast<float>(a) == static_cast<float>(b);
    return a == b;
}

}  // namespace

CfValues::CfValues(const nc::File& file, const nc::VarInfo& var) {
    const int type = var.type;
    if (auto fill = file.numbers(var.name, "_FillValue")) {
        missing_.insert(missing_.end(), fill->begin(), fill->end());
    } else if (!std::isnan(defaultFill(type)) && type != NC_BYTE && type != NC_UBYTE) {
        // netCDF does not treat byte defaults as fill unless declared (NUG).
        missing_.push_back(defaultFill(type));
    }
    if (auto mv = file.numbers(var.name, "missing_value"))
        missing_.insert(missing_.end(), mv->begin(), mv->end());
    scale_ = file.number(var.name, "scale_factor").value_or(1.0);
    offset_ = file.number(var.name, "add_offset").value_or(0.0);

    auto limit = [&](const char* name, int which) {
        auto v = file.numbers(var.name, name);
        if (!v) return;
        const bool packedDomain = file.attributeType(var.name, name) == type;
        auto set = [&](bool isMax, double x) {
            if (packedDomain) {
                (isMax ? hasPackedMax_ : hasPackedMin_) = true;
                (isMax ? packedMax_ : packedMin_) = x;
            } else {
                (isMax ? hasMax_ : hasMin_) = true;
                (isMax ? max_ : min_) = x;
            }
        };
        if (which == 2 && v->size() >= 2) {
            set(false, (*v)[0]);
            set(true, (*v)[1]);
        } else if (which == 0) {
            set(false, v->front());
        } else if (which == 1) {
            set(true, v->front());
        }
    };
    limit("valid_range", 2);
    limit("valid_min", 0);
    limit("valid_max", 1);
    type_ = type;
}

bool CfValues::isMissingPacked(double raw) const {
    if (std::isnan(raw)) return true;
    for (double m : missing_)
        if (sameStored(raw, m, type_)) return true;
    if (hasPackedMin_ && raw < packedMin_) return true;
    if (hasPackedMax_ && raw > packedMax_) return true;
    return false;
}

void CfValues::decode(std::vector<double>& values) const {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    for (double& x : values) {
        if (isMissingPacked(x)) {
            x = nan;
            continue;
        }
        x = x * scale_ + offset_;
        if ((hasMin_ && x < min_) || (hasMax_ && x > max_) || !std::isfinite(x)) x = nan;
    }
}

std::string CfValues::describe() const {
    std::ostringstream s;
    if (packed()) s << "scale_factor " << scale_ << ", add_offset " << offset_ << "; ";
    s << "missing:";
    if (missing_.empty()) s << " NaN only";
    for (double m : missing_) s << ' ' << m;
    if (hasPackedMin_ || hasMin_) s << "; valid_min " << (hasPackedMin_ ? packedMin_ : min_);
    if (hasPackedMax_ || hasMax_) s << "; valid_max " << (hasPackedMax_ ? packedMax_ : max_);
    return s.str();
}

}  // namespace driftlab
