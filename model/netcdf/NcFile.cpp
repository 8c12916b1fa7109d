#include "netcdf/NcFile.h"

#include <netcdf.h>

#include <filesystem>
#include <mutex>

#include "core/Hdf5Lock.h"
#include "core/Text.h"

namespace driftlab::nc {

namespace {

void check(int status, const std::string& path, const std::string& what) {
    if (status == NC_NOERR) return;
    throw NcError(fileName(path) + ": " + what + ": " + nc_strerror(status));
}

}  // namespace

std::size_t VarInfo::size() const {
    std::size_t n = 1;
    for (std::size_t s : shape) n *= s;
    return n;
}

int VarInfo::dimIndex(const std::string& dim) const {
    for (std::size_t k = 0; k < dims.size(); ++k)
        if (dims[k] == dim) return static_cast<int>(k);
    return -1;
}

bool isNumericType(int t) {
    switch (t) {
        case NC_BYTE:
        case NC_UBYTE:
        case NC_SHORT:
        case NC_USHORT:
        case NC_INT:
        case NC_UINT:
        case NC_INT64:
        case NC_UINT64:
        case NC_FLOAT:
        case NC_DOUBLE:
            return true;
        default:
            return false;
    }
}

bool isIntegerType(int t) {
    return isNumericType(t) && t != NC_FLOAT && t != NC_DOUBLE;
}

File File::open(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) throw NcError(path + ": no such file");
    if (fs::is_directory(st)) {
        if (fs::exists(fs::path(path) / ".zgroup") || fs::exists(fs::path(path) / ".zattrs") ||
            fs::exists(fs::path(path) / "zarr.json")) {
            throw NcError(path +
                          ": a Zarr store (Parcels writes Zarr since version 2.4); DriftLab reads "
                          "NetCDF. Convert it with: python3 -c \"import xarray as xr; "
                          "xr.open_zarr('" +
                          path + "').to_netcdf('" + path + ".nc')\"");
        }
        throw NcError(path + ": a folder, not a NetCDF file");
    }
    std::lock_guard lock(hdf5Mutex());
    int id = -1;
    const int status = nc_open(path.c_str(), NC_NOWRITE, &id);
    if (status != NC_NOERR) {
        std::string why = nc_strerror(status);
        if (status == NC_ENOTNC) why = "not a NetCDF file (or a damaged one)";
        if (status == NC_EHDFERR) why = "a damaged NetCDF-4/HDF5 file";
        throw NcError(path + ": cannot open: " + why);
    }
    return File(path, id);
}

File::~File() {
    if (id_ >= 0) {
        std::lock_guard lock(hdf5Mutex());
        nc_close(id_);
    }
}

File::File(File&& o) noexcept : path_(std::move(o.path_)), id_(o.id_) {
    o.id_ = -1;
}

File& File::operator=(File&& o) noexcept {
    if (this != &o) {
        if (id_ >= 0) {
            std::lock_guard lock(hdf5Mutex());
            nc_close(id_);
        }
        path_ = std::move(o.path_);
        id_ = o.id_;
        o.id_ = -1;
    }
    return *this;
}

std::string File::formatName() const {
    std::lock_guard lock(hdf5Mutex());
    int format = 0;
    check(nc_inq_format(id_, &format), path_, "format");
    switch (format) {
        case NC_FORMAT_CLASSIC:
            return "NetCDF-3 classic";
        case NC_FORMAT_64BIT_OFFSET:
            return "NetCDF-3 64-bit offset";
        case NC_FORMAT_CDF5:
            return "NetCDF-3 CDF5";
        case NC_FORMAT_NETCDF4:
            return "NetCDF-4";
        case NC_FORMAT_NETCDF4_CLASSIC:
            return "NetCDF-4 classic model";
        default:
            return "NetCDF (format " + std::to_string(format) + ")";
    }
}

int File::varId(const std::string& var) const {
    if (var.empty()) return NC_GLOBAL;
    int id = -1;
    if (nc_inq_varid(id_, var.c_str(), &id) != NC_NOERR) return -2;
    return id;
}

std::vector<std::string> File::variableNames() const {
    std::vector<std::string> names;
    for (const VarInfo& v : variables()) names.push_back(v.name);
    return names;
}

bool File::hasVariable(const std::string& name) const {
    std::lock_guard lock(hdf5Mutex());
    return !name.empty() && varId(name) >= 0;
}

std::vector<VarInfo> File::variables() const {
    std::lock_guard lock(hdf5Mutex());
    int n = 0;
    check(nc_inq_nvars(id_, &n), path_, "listing variables");
    std::vector<VarInfo> out;
    for (int id = 0; id < n; ++id) {
        char name[NC_MAX_NAME + 1] = {};
        check(nc_inq_varname(id_, id, name), path_, "variable name");
        out.push_back(variable(name));
    }
    return out;
}

VarInfo File::variable(const std::string& name) const {
    std::lock_guard lock(hdf5Mutex());
    const int id = varId(name);
    if (id < 0) throw NcError(fileName(path_) + ": no variable '" + name + "'");
    VarInfo v;
    v.name = name;
    v.id = id;
    nc_type type = 0;
    int ndims = 0;
    check(nc_inq_var(id_, id, nullptr, &type, &ndims, nullptr, nullptr), path_,
          "variable '" + name + "'");
    if (ndims < 0 || ndims > NC_MAX_VAR_DIMS)
        throw NcError(fileName(path_) + ": variable '" + name + "' has a damaged header");
    std::vector<int> dimIds(static_cast<std::size_t>(ndims));
    check(nc_inq_vardimid(id_, id, dimIds.data()), path_, "dimensions of '" + name + "'");
    v.type = type;
    for (int d : dimIds) {
        char dname[NC_MAX_NAME + 1] = {};
        std::size_t len = 0;
        check(nc_inq_dim(id_, d, dname, &len), path_, "a dimension of '" + name + "'");
        v.dims.emplace_back(dname);
        v.shape.push_back(len);
    }
    return v;
}

std::optional<std::size_t> File::dimension(const std::string& name) const {
    std::lock_guard lock(hdf5Mutex());
    int d = -1;
    if (nc_inq_dimid(id_, name.c_str(), &d) != NC_NOERR) return std::nullopt;
    std::size_t len = 0;
    check(nc_inq_dimlen(id_, d, &len), path_, "dimension '" + name + "'");
    return len;
}

int File::attributeType(const std::string& var, const std::string& attr) const {
    std::lock_guard lock(hdf5Mutex());
    const int vid = varId(var);
    if (vid == -2) return 0;
    nc_type type = 0;
    if (nc_inq_atttype(id_, vid, attr.c_str(), &type) != NC_NOERR) return 0;
    return type;
}

bool File::hasAttribute(const std::string& var, const std::string& attr) const {
    return attributeType(var, attr) != 0;
}

std::vector<std::string> File::attributeNames(const std::string& var) const {
    std::lock_guard lock(hdf5Mutex());
    const int vid = varId(var);
    std::vector<std::string> names;
    if (vid == -2) return names;
    int n = 0;
    if (vid == NC_GLOBAL)
        check(nc_inq_natts(id_, &n), path_, "global attributes");
    else
        check(nc_inq_varnatts(id_, vid, &n), path_, "attributes of '" + var + "'");
    for (int k = 0; k < n; ++k) {
        char name[NC_MAX_NAME + 1] = {};
        check(nc_inq_attname(id_, vid, k, name), path_, "attribute name");
        names.emplace_back(name);
    }
    return names;
}

std::optional<std::string> File::text(const std::string& var, const std::string& attr) const {
    std::lock_guard lock(hdf5Mutex());
    const int vid = varId(var);
    if (vid == -2) return std::nullopt;
    nc_type type = 0;
    std::size_t len = 0;
    if (nc_inq_att(id_, vid, attr.c_str(), &type, &len) != NC_NOERR) return std::nullopt;
    if (type == NC_CHAR) {
        std::string s(len, '\0');
        check(nc_get_att_text(id_, vid, attr.c_str(), s.data()), path_, "attribute " + attr);
        while (!s.empty() && s.back() == '\0') s.pop_back();
        return s;
    }
    if (type == NC_STRING && len >= 1) {
        std::vector<char*> values(len, nullptr);
        check(nc_get_att_string(id_, vid, attr.c_str(), values.data()), path_, "attribute " + attr);
        std::string s = values[0] ? values[0] : "";
        for (std::size_t k = 1; k < len; ++k) s += std::string(" ") + (values[k] ? values[k] : "");
        nc_free_string(len, values.data());
        return s;
    }
    return std::nullopt;
}

std::optional<std::vector<double>> File::numbers(const std::string& var,
                                                 const std::string& attr) const {
    std::lock_guard lock(hdf5Mutex());
    const int vid = varId(var);
    if (vid == -2) return std::nullopt;
    nc_type type = 0;
    std::size_t len = 0;
    if (nc_inq_att(id_, vid, attr.c_str(), &type, &len) != NC_NOERR) return std::nullopt;
    if (!isNumericType(type) || len == 0 || len > (1u << 20)) return std::nullopt;
    std::vector<double> values(len);
    const int status = nc_get_att_double(id_, vid, attr.c_str(), values.data());
    if (status != NC_NOERR && status != NC_ERANGE) check(status, path_, "attribute " + attr);
    return values;
}

std::optional<double> File::number(const std::string& var, const std::string& attr) const {
    auto v = numbers(var, attr);
    if (!v || v->empty()) return std::nullopt;
    return v->front();
}

std::vector<double> File::read(const VarInfo& var, const std::vector<std::size_t>& startIn,
                               const std::vector<std::size_t>& countIn) const {
    if (!isNumericType(var.type))
        throw NcError(fileName(path_) + ": variable '" + var.name + "' is not numeric");
    std::vector<std::size_t> start = startIn, count = countIn;
    if (count.empty()) {
        start.assign(var.shape.size(), 0);
        count = var.shape;
    }
    if (start.size() != var.shape.size() || count.size() != var.shape.size())
        throw NcError(fileName(path_) + ": reading '" + var.name + "' with the wrong rank");
    std::size_t n = 1;
    for (std::size_t k = 0; k < count.size(); ++k) {
        if (start[k] + count[k] > var.shape[k])
            throw NcError(fileName(path_) + ": reading '" + var.name + "' past its end");
        n *= count[k];
    }
    std::vector<double> out(n);
    if (n == 0) return out;
    std::lock_guard lock(hdf5Mutex());
    const int status =
        var.shape.empty() ? nc_get_var_double(id_, var.id, out.data())
                          : nc_get_vara_double(id_, var.id, start.data(), count.data(), out.data());
    // NC_ERANGE: some value did not fit a double (cannot happen from numeric types); keep going.
    if (status != NC_ERANGE) check(status, path_, "reading '" + var.name + "'");
    return out;
}

}  // namespace driftlab::nc
