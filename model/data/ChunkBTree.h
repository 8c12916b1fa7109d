#pragma once
// Reads the chunk index of a chunked HDF5 dataset (HDF5's version 1 B-tree, what the HDF5 1.10
// library writes by default) straight from the file, with pread and no HDF5 call, so a scan
// over every stored chunk costs one pass over the index. HDF5 1.10's own API can only list
// chunks by position (H5Dget_chunk_info walks the index from the start on each call) or test
// them one by one, which for the density maps costs more than decompressing them.
//
// Only the parts of the file format this needs are read: the version 1 object header, the
// version 3 layout message and the B-tree nodes. Anything else makes locate() return nothing,
// and the caller reads through HDF5 instead. Every node read is checked (signature, type,
// level, keys in order, chunks inside the file); a damaged index throws ChunkBTree::Error.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <vector>

namespace driftlab {

class ChunkBTree {
public:
    // A damaged index or a failed read: what() says where.
    class Error : public std::runtime_error {
    public:
        using std::runtime_error::runtime_error;
    };

    static constexpr int kMaxRank = 6;
    using Offset = std::array<std::uint64_t, kMaxRank>;  // chunk origin, in elements

    struct Entry {
        Offset offset{};
        std::uint64_t address = 0;  // absolute position in the file
        std::uint32_t size = 0;     // stored (filtered) bytes
        std::uint32_t filterMask = 0;
    };

    struct FileLayout {
        int fd = -1;                    // open for reading; not owned
        std::uint64_t fileSize = 0;     // chunks must lie inside
        std::uint64_t baseAddress = 0;  // file addresses are relative to it (the user block)
        int sizeOfAddress = 8;          // superblock's "size of offsets"
        int sizeOfLength = 8;           // superblock's "size of lengths"
    };

    // The index of the dataset whose object header is at `headerAddress` (relative to the base),
    // if it is chunked with rank `rank` and a version 1 B-tree index; `chunkDims` receives the
    // chunk shape. Nothing for another layout (a file rewritten by newer tools).
    static std::optional<ChunkBTree> locate(const FileLayout& file, std::uint64_t headerAddress,
                                            int rank, std::vector<std::uint64_t>& chunkDims);

    int rank() const { return rank_; }
    // Visits the stored chunks in index order (the offsets in row-major order) until `onChunk`
    // returns false. Subtrees whose key range [low, high] (inclusive) makes `wanted` false are
    // skipped unread.
    void visit(const std::function<bool(const Offset& low, const Offset& high)>& wanted,
               const std::function<bool(const Entry&)>& onChunk) const;
    // Reads `size` bytes at absolute position `address` (thread-safe); throws Error.
    void read(std::uint64_t address, std::size_t size, unsigned char* out) const;

private:
    ChunkBTree(const FileLayout& file, int rank, std::uint64_t root);
    bool visitNode(std::uint64_t address, int expectedLevel, int depth,
                   const std::function<bool(const Offset&, const Offset&)>& wanted,
                   const std::function<bool(const Entry&)>& onChunk, Offset& previous,
                   bool& first) const;
    std::uint64_t decodeAddress(const unsigned char* p) const;
    bool undefined(std::uint64_t relativeAddress) const;

    FileLayout file_;
    int rank_ = 0;
    std::uint64_t root_ = 0;  // relative address; undefined when no chunk was ever written
};

}  // namespace driftlab
