#pragma once
// Thin RAII wrappers over the HDF5 C API. Every call is checked; a failure becomes an Hdf5Error
// carrying what DriftLab was doing and HDF5's innermost message. HDF5's own printing of its
// error stack to stderr is switched off. Only model/data includes this file.
//
// The default (serial) HDF5 build is not thread-safe: callers serialise all HDF5 calls.
#include <hdf5.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace driftlab::h5 {

class Hdf5Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Silences HDF5's automatic error printing (idempotent, done by every open/create).
void silenceErrorPrinting();
// Throws Hdf5Error("what: <HDF5's message>") if `status` < 0.
herr_t check(herr_t status, const std::string& what);
hid_t check(hid_t id, const std::string& what, bool isId);

// An owned HDF5 identifier, closed with the right H5?close on destruction.
class Handle {
public:
    Handle() = default;
    explicit Handle(hid_t id) : id_(id) {}
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    Handle(Handle&& o) noexcept : id_(o.id_) { o.id_ = H5I_INVALID_HID; }
    Handle& operator=(Handle&& o) noexcept;
    ~Handle();
    hid_t id() const { return id_; }
    operator hid_t() const { return id_; }
    bool valid() const { return id_ >= 0; }
    void close();

private:
    hid_t id_ = H5I_INVALID_HID;
};

// Files.
Handle createFile(const std::string& path);        // truncates; object times off (same bytes)
Handle openFileReadOnly(const std::string& path);  // throws Hdf5Error if not HDF5
bool isHdf5(const std::string& path);

// Datasets.
struct ChunkSpec {
    std::vector<hsize_t> chunk;  // empty: contiguous
    int deflate = 0;             // 0: none
    bool shuffle = false;
    bool growable = false;  // first dimension unlimited (needs chunk): grow it with setExtent
};
Handle createDataset(hid_t loc, const std::string& name, hid_t type,
                     const std::vector<hsize_t>& dims, const ChunkSpec& spec = {});
Handle openDataset(hid_t loc, const std::string& name);
// New current size of a growable dataset.
void setExtent(hid_t dataset, const std::vector<hsize_t>& dims);
bool exists(hid_t loc, const std::string& name);
std::vector<hsize_t> datasetDims(hid_t dataset);
void writeAll(hid_t dataset, hid_t memType, const void* data);
void readAll(hid_t dataset, hid_t memType, void* data);
// Reads/writes the box [offset, offset + count) of a dataset.
void readBox(hid_t dataset, hid_t memType, const std::vector<hsize_t>& offset,
             const std::vector<hsize_t>& count, void* data);
void writeBox(hid_t dataset, hid_t memType, const std::vector<hsize_t>& offset,
              const std::vector<hsize_t>& count, const void* data);
// Writes one already-filtered chunk (bytes as the dataset's filter pipeline would store them).
void writeRawChunk(hid_t dataset, const std::vector<hsize_t>& offset, const void* bytes,
                   std::size_t size);
// Number of chunks of the dataset that have been written.
std::uint64_t storedChunkCount(hid_t dataset);
// True if the chunk at `offset` has been written (storage allocated).
bool chunkStored(hid_t dataset, const std::vector<hsize_t>& offset);

// What reading chunks without HDF5 needs (see ChunkBTree).
struct RawFileAccess {
    // A duplicate of HDF5's descriptor (the caller closes it); -1 if not the POSIX driver.
    int fd = -1;
    std::uint64_t baseAddress = 0;  // the user block: file addresses are relative to it
    int sizeOfAddress = 8, sizeOfLength = 8;
};
RawFileAccess rawFileAccess(hid_t file);
std::uint64_t objectHeaderAddress(hid_t object);
std::vector<int> filterIds(hid_t dataset);  // the filter pipeline, in order
bool isFloat32LittleEndian(hid_t dataset);
bool hasVersion1BTreeIndex(hid_t dataset);
// The first chunk in index order, as HDF5 sees it (for checking a raw reader against HDF5).
struct ChunkInfo {
    std::vector<hsize_t> offset;
    unsigned filterMask = 0;
    std::uint64_t address = 0;  // relative to the base address
    std::vector<unsigned char> bytes;
};
ChunkInfo firstChunk(hid_t dataset);

// Dimension scales (what makes the file a NetCDF-4 file with named dimensions).
void makeDimensionScale(hid_t dataset, const std::string& dimName);
void attachScale(hid_t dataset, hid_t scale, unsigned axis);

// Attributes (strings are fixed-length ASCII, what ncdump shows as text).
void setAttr(hid_t obj, const std::string& name, const std::string& value);
void setAttr(hid_t obj, const std::string& name, const char* value);
void setAttr(hid_t obj, const std::string& name, double value);
void setAttr(hid_t obj, const std::string& name, std::int64_t value);
void setAttr(hid_t obj, const std::string& name, int value);
void setAttr(hid_t obj, const std::string& name, const std::vector<double>& values);
void setAttr(hid_t obj, const std::string& name, const std::vector<std::uint8_t>& values);
bool hasAttr(hid_t obj, const std::string& name);
std::string attrString(hid_t obj, const std::string& name);
double attrDouble(hid_t obj, const std::string& name);
std::int64_t attrInt(hid_t obj, const std::string& name);
// All attributes of `obj` as text, in name order (for `driftlab info`).
std::vector<std::pair<std::string, std::string>> attrsAsText(hid_t obj);

}  // namespace driftlab::h5
