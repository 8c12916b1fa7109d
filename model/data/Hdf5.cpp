#include "data/Hdf5.h"

#include <hdf5_hl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "data/AtomicFile.h"

namespace driftlab::h5 {
namespace {

// HDF5 closes what is still open when the process exits, and that pass crashes on a file whose
// own close failed (HDF5 1.10's H5F__close_cb after a full disk). DriftLab closes every file it
// opens (Handle) and writes under temporary names, so the library's exit pass is switched off,
// before anything initialises the library (static initialisation of this shared library).
[[maybe_unused]] const herr_t kNoExitPass = H5dont_atexit();

// HDF5's file-driver messages ("file write failed: time = ..., filename = '...', file descriptor
// = 3, errno = 28, error message = 'No space left on device', buf = 0x..., ...") in words:
// "file write failed: No space left on device (the disk or the quota is full)".
std::string plainDriverMessage(const std::string& desc) {
    const auto errnoAt = desc.find("errno = ");
    const auto what = desc.find(": time = ");
    if (errnoAt == std::string::npos || what == std::string::npos) return desc;
    const int error = std::atoi(desc.c_str() + errnoAt + 8);
    return desc.substr(0, what) + ": " + (error > 0 ? writeErrorText(error) : desc);
}

// The innermost (most specific) message of HDF5's current error stack.
std::string currentHdf5Message() {
    std::string message;
    auto walker = [](unsigned n, const H5E_error2_t* err, void* data) -> herr_t {
        auto* out = static_cast<std::string*>(data);
        if (n == 0 && err->desc) *out = err->desc;  // innermost first with H5E_WALK_UPWARD
        return 0;
    };
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, walker, &message);
    H5Eclear2(H5E_DEFAULT);
    return plainDriverMessage(message);
}

[[noreturn]] void fail(const std::string& what) {
    const std::string detail = currentHdf5Message();
    throw Hdf5Error(detail.empty() ? what : what + ": " + detail);
}

Handle makeStringType(std::size_t size) {
    Handle t(check(H5Tcopy(H5T_C_S1), "string type", true));
    check(H5Tset_size(t, std::max<std::size_t>(size, 1)), "string type size");
    check(H5Tset_strpad(t, H5T_STR_NULLTERM), "string type padding");
    check(H5Tset_cset(t, H5T_CSET_ASCII), "string type charset");
    return t;
}

void writeAttr(hid_t obj, const std::string& name, hid_t type, const std::vector<hsize_t>& dims,
               const void* data) {
    if (H5Aexists(obj, name.c_str()) > 0)
        check(H5Adelete(obj, name.c_str()), "replace attribute " + name);
    Handle space(dims.empty()
                     ? check(H5Screate(H5S_SCALAR), "attribute space", true)
                     : check(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                             "attribute space", true));
    Handle attr(check(H5Acreate2(obj, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT),
                      "create attribute " + name, true));
    check(H5Awrite(attr, type, data), "write attribute " + name);
}

}  // namespace

void silenceErrorPrinting() {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

herr_t check(herr_t status, const std::string& what) {
    if (status < 0) fail(what);
    return status;
}

hid_t check(hid_t id, const std::string& what, bool) {
    if (id < 0) fail(what);
    return id;
}

Handle& Handle::operator=(Handle&& o) noexcept {
    if (this != &o) {
        close();
        id_ = o.id_;
        o.id_ = H5I_INVALID_HID;
    }
    return *this;
}

Handle::~Handle() {
    close();
}

void Handle::close() {
    if (id_ < 0) return;
    switch (H5Iget_type(id_)) {
        case H5I_FILE:
            H5Fclose(id_);
            break;
        case H5I_GROUP:
            H5Gclose(id_);
            break;
        case H5I_DATASET:
            H5Dclose(id_);
            break;
        case H5I_DATASPACE:
            H5Sclose(id_);
            break;
        case H5I_DATATYPE:
            H5Tclose(id_);
            break;
        case H5I_ATTR:
            H5Aclose(id_);
            break;
        case H5I_GENPROP_LST:
            H5Pclose(id_);
            break;
        default:
            break;
    }
    id_ = H5I_INVALID_HID;
}

Handle createFile(const std::string& path) {
    silenceErrorPrinting();
    Handle fcpl(check(H5Pcreate(H5P_FILE_CREATE), "file creation properties", true));
    Handle fapl(check(H5Pcreate(H5P_FILE_ACCESS), "file access properties", true));
    return Handle(
        check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl, fapl), "cannot create " + path, true));
}

Handle openFileReadOnly(const std::string& path) {
    silenceErrorPrinting();
    return Handle(
        check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "cannot open " + path, true));
}

bool isHdf5(const std::string& path) {
    silenceErrorPrinting();
    const htri_t r = H5Fis_hdf5(path.c_str());
    H5Eclear2(H5E_DEFAULT);
    return r > 0;
}

Handle createDataset(hid_t loc, const std::string& name, hid_t type,
                     const std::vector<hsize_t>& dims, const ChunkSpec& spec) {
    std::vector<hsize_t> maxDims = dims;
    if (spec.growable) {
        if (spec.chunk.empty() || dims.empty())
            throw Hdf5Error("dataset " + name + ": a growable dataset needs chunks");
        maxDims[0] = H5S_UNLIMITED;
    }
    Handle space(check(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), maxDims.data()),
                       "dataspace for " + name, true));
    Handle dcpl(check(H5Pcreate(H5P_DATASET_CREATE), "dataset properties", true));
    check(H5Pset_obj_track_times(dcpl, false), "object times");  // same input, same bytes
    if (!spec.chunk.empty()) {
        check(H5Pset_chunk(dcpl, static_cast<int>(spec.chunk.size()), spec.chunk.data()),
              "chunking of " + name);
        if (spec.shuffle) check(H5Pset_shuffle(dcpl), "shuffle filter");
        if (spec.deflate > 0)
            check(H5Pset_deflate(dcpl, static_cast<unsigned>(spec.deflate)), "deflate filter");
        // Chunks never written read back as the fill value (zero) and take no space.
        check(H5Pset_alloc_time(dcpl, H5D_ALLOC_TIME_INCR), "allocation time");
    }
    if (H5Tget_class(type) == H5T_FLOAT) {
        const double zero = 0.0;
        check(H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &zero), "fill value");
    }
    check(H5Pset_fill_time(dcpl, H5D_FILL_TIME_IFSET), "fill time");
    return Handle(check(H5Dcreate2(loc, name.c_str(), type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                        "cannot create dataset " + name, true));
}

Handle openDataset(hid_t loc, const std::string& name) {
    return Handle(
        check(H5Dopen2(loc, name.c_str(), H5P_DEFAULT), "missing dataset '" + name + "'", true));
}

void setExtent(hid_t dataset, const std::vector<hsize_t>& dims) {
    check(H5Dset_extent(dataset, dims.data()), "grow dataset");
}

bool exists(hid_t loc, const std::string& name) {
    const htri_t r = H5Lexists(loc, name.c_str(), H5P_DEFAULT);
    H5Eclear2(H5E_DEFAULT);
    return r > 0;
}

std::vector<hsize_t> datasetDims(hid_t dataset) {
    Handle space(check(H5Dget_space(dataset), "dataspace", true));
    const int rank = check(H5Sget_simple_extent_ndims(space), "rank");
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    check(H5Sget_simple_extent_dims(space, dims.data(), nullptr), "dimensions");
    return dims;
}

void writeAll(hid_t dataset, hid_t memType, const void* data) {
    check(H5Dwrite(dataset, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "write dataset");
}

namespace {
// HDF5 1.10 trusts the sizes it finds in a file. A chunk that is read without a filter (a
// dataset whose filter pipeline message is damaged, or a chunk whose filter mask skips them) is
// copied with the chunk's full size out of a buffer of its stored size, and a compact dataset's
// values with the shape's size out of the stored ones: a damaged file makes H5Dread read past a
// buffer (found by fuzz_dataset_open, docs/testing.md). Checked before reading a box of at most
// kCheckedChunks chunks (a current field is one chunk); DriftLab's files never have compact
// variables nor unfiltered chunks, so for them this is a few small calls.
constexpr hsize_t kCheckedChunks = 16;

void checkStoredSizes(hid_t dataset, const std::vector<hsize_t>* offset,
                      const std::vector<hsize_t>* count) {
    Handle dcpl(check(H5Dget_create_plist(dataset), "creation properties", true));
    const H5D_layout_t layout = H5Pget_layout(dcpl);
    if (layout != H5D_COMPACT && layout != H5D_CHUNKED) return;
    Handle space(check(H5Dget_space(dataset), "dataspace", true));
    Handle type(check(H5Dget_type(dataset), "datatype", true));
    const std::size_t typeSize = H5Tget_size(type);
    if (layout == H5D_COMPACT) {
        const hssize_t points = H5Sget_simple_extent_npoints(space);
        const hsize_t stored = H5Dget_storage_size(dataset);
        if (points < 0 || typeSize == 0 ||
            stored < static_cast<hsize_t>(points) * static_cast<hsize_t>(typeSize))
            throw Hdf5Error("damaged: the variable stores " + std::to_string(stored) +
                            " bytes, fewer than its shape needs");
        return;
    }
    const int rank = H5Sget_simple_extent_ndims(space);
    std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0))), chunk(dims.size());
    if (rank <= 0 || H5Sget_simple_extent_dims(space, dims.data(), nullptr) != rank ||
        H5Pget_chunk(dcpl, rank, chunk.data()) != rank)
        throw Hdf5Error("damaged: the variable's chunk shape cannot be read");
    hsize_t chunkBytes = typeSize;
    for (hsize_t c : chunk) chunkBytes *= c;
    const bool filtered = H5Pget_nfilters(dcpl) > 0;
    // The chunks of the box (the whole dataset without one), when they are few.
    std::vector<hsize_t> first(dims.size()), last(dims.size());
    hsize_t chunks = 1;
    for (std::size_t i = 0; i < dims.size(); ++i) {
        if (chunk[i] == 0) throw Hdf5Error("damaged: a chunk dimension is 0");
        const hsize_t lo = offset ? (*offset)[i] : 0;
        const hsize_t n = count ? (*count)[i] : dims[i];
        if (n == 0) return;
        first[i] = lo / chunk[i];
        last[i] = (lo + n - 1) / chunk[i];
        chunks *= last[i] - first[i] + 1;
    }
    if (chunks > kCheckedChunks) return;
    std::vector<hsize_t> at = first, coord(dims.size());
    for (;;) {
        for (std::size_t i = 0; i < dims.size(); ++i) coord[i] = at[i] * chunk[i];
        unsigned mask = 0;
        haddr_t address = HADDR_UNDEF;
        hsize_t size = 0;
        if (H5Dget_chunk_info_by_coord(dataset, coord.data(), &mask, &address, &size) < 0)
            throw Hdf5Error("damaged: the variable's chunk index cannot be read");
        // Stored without its filters: exactly the chunk's bytes, or HDF5 reads past them.
        const bool raw = !filtered || (mask & 0xffffu) == 0xffffu;
        if (address != HADDR_UNDEF && raw && size != chunkBytes)
            throw Hdf5Error("damaged: a chunk stores " + std::to_string(size) +
                            " bytes without compression, its shape needs " +
                            std::to_string(chunkBytes));
        std::size_t i = dims.size();
        while (i > 0 && ++at[i - 1] > last[i - 1]) {
            at[i - 1] = first[i - 1];
            --i;
        }
        if (i == 0) break;
    }
}
}  // namespace

void readAll(hid_t dataset, hid_t memType, void* data) {
    checkStoredSizes(dataset, nullptr, nullptr);
    check(H5Dread(dataset, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "read dataset");
}

namespace {
void transferBox(hid_t dataset, hid_t memType, const std::vector<hsize_t>& offset,
                 const std::vector<hsize_t>& count, void* data, bool write) {
    Handle fileSpace(check(H5Dget_space(dataset), "dataspace", true));
    check(H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, offset.data(), nullptr, count.data(),
                              nullptr),
          "select box");
    Handle memSpace(check(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr),
                          "memory space", true));
    if (write) {
        check(H5Dwrite(dataset, memType, memSpace, fileSpace, H5P_DEFAULT, data), "write box");
    } else {
        checkStoredSizes(dataset, &offset, &count);
        check(H5Dread(dataset, memType, memSpace, fileSpace, H5P_DEFAULT, data), "read box");
    }
}
}  // namespace

void readBox(hid_t dataset, hid_t memType, const std::vector<hsize_t>& offset,
             const std::vector<hsize_t>& count, void* data) {
    transferBox(dataset, memType, offset, count, data, false);
}

void writeBox(hid_t dataset, hid_t memType, const std::vector<hsize_t>& offset,
              const std::vector<hsize_t>& count, const void* data) {
    transferBox(dataset, memType, offset, count, const_cast<void*>(data), true);
}

void writeRawChunk(hid_t dataset, const std::vector<hsize_t>& offset, const void* bytes,
                   std::size_t size) {
    check(H5Dwrite_chunk(dataset, H5P_DEFAULT, 0, offset.data(), size, bytes), "write chunk");
}

std::uint64_t storedChunkCount(hid_t dataset) {
    Handle space(check(H5Dget_space(dataset), "dataspace", true));
    hsize_t n = 0;
    check(H5Dget_num_chunks(dataset, space, &n), "count stored chunks");
    return n;
}

bool chunkStored(hid_t dataset, const std::vector<hsize_t>& offset) {
    hsize_t bytes = 0;
    if (H5Dget_chunk_storage_size(dataset, offset.data(), &bytes) < 0) {
        H5Eclear2(H5E_DEFAULT);
        return false;
    }
    return bytes > 0;
}

RawFileAccess rawFileAccess(hid_t file) {
    RawFileAccess a;
    Handle fcpl(check(H5Fget_create_plist(file), "file creation properties", true));
    size_t sizeOfAddress = 0, sizeOfLength = 0;
    check(H5Pget_sizes(fcpl, &sizeOfAddress, &sizeOfLength), "file address sizes");
    hsize_t userBlock = 0;
    check(H5Pget_userblock(fcpl, &userBlock), "file user block");
    a.sizeOfAddress = static_cast<int>(sizeOfAddress);
    a.sizeOfLength = static_cast<int>(sizeOfLength);
    a.baseAddress = userBlock;
    Handle fapl(check(H5Fget_access_plist(file), "file access properties", true));
    if (H5Pget_driver(fapl) != H5FD_SEC2) return a;
    void* handle = nullptr;
    check(H5Fget_vfd_handle(file, fapl, &handle), "file descriptor");
    if (handle) a.fd = ::dup(*static_cast<int*>(handle));
    return a;
}

std::uint64_t objectHeaderAddress(hid_t object) {
    H5O_info_t info;
    check(H5Oget_info2(object, &info, H5O_INFO_BASIC), "object header");
    return info.addr;
}

std::vector<int> filterIds(hid_t dataset) {
    Handle dcpl(check(H5Dget_create_plist(dataset), "dataset properties", true));
    const int n = check(H5Pget_nfilters(dcpl), "filters");
    std::vector<int> ids;
    for (int k = 0; k < n; ++k) {
        unsigned flags = 0;
        std::size_t nValues = 0;
        unsigned config = 0;
        ids.push_back(check(H5Pget_filter2(dcpl, static_cast<unsigned>(k), &flags, &nValues,
                                           nullptr, 0, nullptr, &config),
                            "filter", true));
    }
    return ids;
}

bool isFloat32LittleEndian(hid_t dataset) {
    Handle type(check(H5Dget_type(dataset), "dataset type", true));
    return check(H5Tequal(type, H5T_IEEE_F32LE), "compare types") > 0;
}

bool hasVersion1BTreeIndex(hid_t dataset) {
    H5D_chunk_index_t index{};
    if (H5Dget_chunk_index_type(dataset, &index) < 0) {
        H5Eclear2(H5E_DEFAULT);
        return false;
    }
    return index == H5D_CHUNK_IDX_BTREE;
}

ChunkInfo firstChunk(hid_t dataset) {
    Handle space(check(H5Dget_space(dataset), "dataspace", true));
    ChunkInfo c;
    c.offset.resize(static_cast<std::size_t>(check(H5Sget_simple_extent_ndims(space), "rank")));
    haddr_t address = 0;
    hsize_t size = 0;
    check(H5Dget_chunk_info(dataset, space, 0, c.offset.data(), &c.filterMask, &address, &size),
          "first chunk");
    c.address = address;
    c.bytes.resize(size);
    std::uint32_t mask = 0;
    check(H5Dread_chunk(dataset, H5P_DEFAULT, c.offset.data(), &mask, c.bytes.data()),
          "read first chunk");
    return c;
}

void makeDimensionScale(hid_t dataset, const std::string& dimName) {
    check(H5DSset_scale(dataset, dimName.c_str()), "dimension scale " + dimName);
}

void attachScale(hid_t dataset, hid_t scale, unsigned axis) {
    check(H5DSattach_scale(dataset, scale, axis), "attach dimension scale");
}

void setAttr(hid_t obj, const std::string& name, const std::string& value) {
    Handle t = makeStringType(value.size());
    const std::string padded = value.empty() ? std::string(1, '\0') : value;
    writeAttr(obj, name, t, {}, padded.c_str());
}
void setAttr(hid_t obj, const std::string& name, const char* value) {
    setAttr(obj, name, std::string(value));
}
void setAttr(hid_t obj, const std::string& name, double value) {
    writeAttr(obj, name, H5T_NATIVE_DOUBLE, {}, &value);
}
void setAttr(hid_t obj, const std::string& name, std::int64_t value) {
    writeAttr(obj, name, H5T_NATIVE_INT64, {}, &value);
}
void setAttr(hid_t obj, const std::string& name, int value) {
    writeAttr(obj, name, H5T_NATIVE_INT, {}, &value);
}
void setAttr(hid_t obj, const std::string& name, const std::vector<double>& values) {
    writeAttr(obj, name, H5T_NATIVE_DOUBLE, {values.size()}, values.data());
}
void setAttr(hid_t obj, const std::string& name, const std::vector<std::uint8_t>& values) {
    writeAttr(obj, name, H5T_NATIVE_UINT8, {values.size()}, values.data());
}

bool hasAttr(hid_t obj, const std::string& name) {
    const htri_t r = H5Aexists(obj, name.c_str());
    H5Eclear2(H5E_DEFAULT);
    return r > 0;
}

namespace {

// The text of an open string attribute (fixed or variable length).
std::string readStringAttr(hid_t attr, const std::string& name) {
    Handle type(check(H5Aget_type(attr), "attribute type", true));
    if (H5Tget_class(type) != H5T_STRING) throw Hdf5Error("attribute '" + name + "' is not text");
    if (H5Tis_variable_str(type) > 0) {
        Handle mem(check(H5Tcopy(H5T_C_S1), "string type", true));
        check(H5Tset_size(mem, H5T_VARIABLE), "variable string");
        char* text = nullptr;
        check(H5Aread(attr, mem, &text), "read attribute " + name);
        std::string out = text ? text : "";
        Handle space(check(H5Aget_space(attr), "attribute space", true));
        H5Dvlen_reclaim(mem, space, H5P_DEFAULT, &text);
        return out;
    }
    const std::size_t size = H5Tget_size(type);
    // A damaged type can claim any size: an attribute's text is small (HDF5 keeps compact
    // attributes under 64 kB), so a huge one is damage, not text.
    if (size == 0 || size > (std::size_t{16} << 20))
        throw Hdf5Error("attribute '" + name + "' has a damaged type (" + std::to_string(size) +
                        " bytes of text)");
    std::string buf(size, '\0');
    Handle mem = makeStringType(size);
    check(H5Aread(attr, mem, buf.data()), "read attribute " + name);
    buf.resize(std::strlen(buf.c_str()));
    return buf;
}

}  // namespace

std::string attrString(hid_t obj, const std::string& name) {
    Handle attr(
        check(H5Aopen(obj, name.c_str(), H5P_DEFAULT), "missing attribute '" + name + "'", true));
    return readStringAttr(attr, name);
}

double attrDouble(hid_t obj, const std::string& name) {
    Handle attr(
        check(H5Aopen(obj, name.c_str(), H5P_DEFAULT), "missing attribute '" + name + "'", true));
    Handle space(check(H5Aget_space(attr), "attribute space", true));
    if (H5Sget_simple_extent_npoints(space) != 1)
        throw Hdf5Error("attribute '" + name + "' is not a single number");
    double v = 0;
    check(H5Aread(attr, H5T_NATIVE_DOUBLE, &v), "attribute '" + name + "' is not a number");
    return v;
}

std::int64_t attrInt(hid_t obj, const std::string& name) {
    Handle attr(
        check(H5Aopen(obj, name.c_str(), H5P_DEFAULT), "missing attribute '" + name + "'", true));
    Handle space(check(H5Aget_space(attr), "attribute space", true));
    if (H5Sget_simple_extent_npoints(space) != 1)
        throw Hdf5Error("attribute '" + name + "' is not a single number");
    std::int64_t v = 0;
    check(H5Aread(attr, H5T_NATIVE_INT64, &v), "attribute '" + name + "' is not an integer");
    return v;
}

std::vector<std::pair<std::string, std::string>> attrsAsText(hid_t obj) {
    // Not H5Aiterate2: on a damaged attribute message HDF5 1.10.8 crashes inside it (SIGSEGV in
    // H5A__close, releasing a half-built attribute table), which no check afterwards can catch.
    // Opening the attributes one by one by index fails cleanly on the same damage
    // (tests/reliability, docs/testing.md).
    H5O_info_t info;
    check(H5Oget_info2(obj, &info, H5O_INFO_NUM_ATTRS), "read the attribute count");
    if (info.num_attrs > 100000)
        throw Hdf5Error("the object header is damaged (it claims " +
                        std::to_string(info.num_attrs) + " attributes)");
    std::vector<std::pair<std::string, std::string>> out;
    for (hsize_t k = 0; k < info.num_attrs; ++k) {
        const std::string which = "attribute " + std::to_string(k + 1) + " of " +
                                  std::to_string(info.num_attrs) + " is damaged";
        Handle attr(
            check(H5Aopen_by_idx(obj, ".", H5_INDEX_NAME, H5_ITER_INC, k, H5P_DEFAULT, H5P_DEFAULT),
                  which, true));
        const ssize_t length = H5Aget_name(attr, 0, nullptr);
        if (length < 0 || length > 65536) throw Hdf5Error(which + " (its name)");
        std::string name(static_cast<std::size_t>(length) + 1, '\0');
        check(static_cast<herr_t>(H5Aget_name(attr, name.size(), name.data()) < 0 ? -1 : 0), which);
        name.resize(static_cast<std::size_t>(length));
        Handle type(check(H5Aget_type(attr), "attribute type", true));
        Handle space(check(H5Aget_space(attr), "attribute space", true));
        const hssize_t n = H5Sget_simple_extent_npoints(space);
        if (n < 0 || n > 1000000) throw Hdf5Error("attribute '" + name + "' has a damaged shape");
        std::ostringstream text;
        switch (H5Tget_class(type)) {
            case H5T_STRING:
                text << readStringAttr(attr, name);
                break;
            case H5T_INTEGER:
            case H5T_FLOAT: {
                std::vector<double> v(static_cast<std::size_t>(std::max<hssize_t>(n, 1)));
                check(H5Aread(attr, H5T_NATIVE_DOUBLE, v.data()), "read attribute " + name);
                for (std::size_t i = 0; i < v.size(); ++i) text << (i ? ", " : "") << v[i];
                break;
            }
            default:
                text << "(unsupported type)";
        }
        out.emplace_back(name, text.str());
    }
    return out;
}

}  // namespace driftlab::h5
