#pragma once
// A thin RAII wrapper over the netCDF-C API (NetCDF-3 classic / 64-bit offset / CDF5 and
// NetCDF-4 alike). Every call is checked; a failure becomes an NcError that names the file, the
// variable and what netCDF-C said. netCDF-C applies neither packing nor fill values: readers
// above this do (see CfValues). netCDF-4 files are HDF5 files and Debian's HDF5 is not
// thread-safe, so every call holds DriftLab's one HDF5 lock. Only model/netcdf includes
// <netcdf.h>.
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/InputError.h"

namespace driftlab::nc {

// A NetCDF file that cannot be read (missing, damaged, not NetCDF, lacking a variable).
class NcError : public InputError {
public:
    using InputError::InputError;
};

// What a variable is, as the file declares it.
struct VarInfo {
    std::string name;
    int id = -1;
    int type = 0;                    // nc_type
    std::vector<std::string> dims;   // dimension names, in the variable's own order
    std::vector<std::size_t> shape;  // their lengths
    std::size_t size() const;        // number of values
    int rank() const { return static_cast<int>(dims.size()); }
    // Index of a dimension in this variable, -1 if it does not have it.
    int dimIndex(const std::string& dim) const;
};

class File {
public:
    // Opens read-only. Throws NcError with the path and a reason a user understands (missing,
    // a folder such as a Zarr store, not NetCDF, damaged).
    static File open(const std::string& path);
    ~File();
    File(File&& o) noexcept;
    File& operator=(File&& o) noexcept;
    File(const File&) = delete;
    File& operator=(const File&) = delete;

    const std::string& path() const { return path_; }
    // "NetCDF-3 classic", "NetCDF-3 64-bit offset", "NetCDF-3 CDF5", "NetCDF-4", "NetCDF-4
    // classic".
    std::string formatName() const;

    std::vector<std::string> variableNames() const;
    bool hasVariable(const std::string& name) const;
    VarInfo variable(const std::string& name) const;  // throws NcError if absent
    std::vector<VarInfo> variables() const;
    // Length of a dimension; nothing if the file has no such dimension.
    std::optional<std::size_t> dimension(const std::string& name) const;

    // Attributes of a variable ("" = global). Text attributes come back as text whatever
    // their netCDF type (NC_CHAR or NC_STRING); numbers as doubles. Nothing if absent or of the
    // other kind.
    std::optional<std::string> text(const std::string& var, const std::string& attr) const;
    std::optional<std::vector<double>> numbers(const std::string& var,
                                               const std::string& attr) const;
    std::optional<double> number(const std::string& var, const std::string& attr) const;
    bool hasAttribute(const std::string& var, const std::string& attr) const;
    // The netCDF type of an attribute (nc_type), 0 if absent.
    int attributeType(const std::string& var, const std::string& attr) const;
    std::vector<std::string> attributeNames(const std::string& var) const;

    // Reads the box [start, start + count) of a numeric variable as doubles, raw (packed values,
    // fill values as stored). count.empty(): the whole variable.
    std::vector<double> read(const VarInfo& var, const std::vector<std::size_t>& start = {},
                             const std::vector<std::size_t>& count = {}) const;

private:
    File(std::string path, int id) : path_(std::move(path)), id_(id) {}
    int varId(const std::string& var) const;  // NC_GLOBAL for ""
    std::string path_;
    int id_ = -1;
};

// True for netCDF's numeric types (not char or string).
bool isNumericType(int ncType);
// True for netCDF's integer types (packed data).
bool isIntegerType(int ncType);

}  // namespace driftlab::nc
