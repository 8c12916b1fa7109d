#include "data/ChunkBTree.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <string>

namespace driftlab {
namespace {

// Little-endian unsigned integer of `n` bytes (HDF5 stores every field little-endian).
std::uint64_t decodeLE(const unsigned char* p, int n) {
    std::uint64_t v = 0;
    for (int b = n - 1; b >= 0; --b) v = (v << 8) | p[b];
    return v;
}

[[noreturn]] void damaged(std::uint64_t at, const std::string& why) {
    throw ChunkBTree::Error("damaged chunk index (at byte " + std::to_string(at) + "): " + why);
}

constexpr std::uint16_t kLayoutMessage = 0x0008;
constexpr std::uint16_t kContinuationMessage = 0x0010;
constexpr int kMaxHeaderBlocks = 1024;
constexpr std::uint64_t kMaxHeaderBlockBytes = 1 << 20;
constexpr int kMaxDepth = 64;

}  // namespace

ChunkBTree::ChunkBTree(const FileLayout& file, int rank, std::uint64_t root)
    : file_(file), rank_(rank), root_(root) {}

std::uint64_t ChunkBTree::decodeAddress(const unsigned char* p) const {
    return decodeLE(p, file_.sizeOfAddress);
}

bool ChunkBTree::undefined(std::uint64_t relativeAddress) const {
    // HDF5's "undefined address" is all bits set, in the file's address size.
    const int bits = 8 * file_.sizeOfAddress;
    const std::uint64_t all = bits >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1;
    return relativeAddress == all;
}

void ChunkBTree::read(std::uint64_t address, std::size_t size, unsigned char* out) const {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n =
            ::pread(file_.fd, out + done, size - done, static_cast<off_t>(address + done));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            throw Error("read error at byte " + std::to_string(address + done) + " (" +
                        std::strerror(errno) + ")");
        }
        if (n == 0) {
            throw Error("unexpected end of file at byte " + std::to_string(address + done));
        }
        done += static_cast<std::size_t>(n);
    }
}

std::optional<ChunkBTree> ChunkBTree::locate(const FileLayout& file, std::uint64_t headerAddress,
                                             int rank, std::vector<std::uint64_t>& chunkDims) {
    if (rank < 1 || rank > kMaxRank || file.sizeOfAddress < 2 || file.sizeOfAddress > 8 ||
        file.sizeOfLength < 2 || file.sizeOfLength > 8) {
        return std::nullopt;
    }
    const ChunkBTree probe(file, rank, 0);
    // Version 1 object header: version, reserved, message count (2), reference count (4),
    // size of the first message block (4), padding to 16; messages follow.
    unsigned char prefix[16];
    const std::uint64_t start = file.baseAddress + headerAddress;
    if (start + sizeof prefix > file.fileSize) return std::nullopt;
    probe.read(start, sizeof prefix, prefix);
    if (prefix[0] != 1) return std::nullopt;  // version 2 headers start with "OHDR"
    std::deque<std::pair<std::uint64_t, std::uint64_t>> blocks{
        {start + sizeof prefix, decodeLE(prefix + 8, 4)}};
    std::vector<unsigned char> block;
    for (int seen = 0; !blocks.empty() && seen < kMaxHeaderBlocks; ++seen) {
        const auto [at, length] = blocks.front();
        blocks.pop_front();
        if (length > kMaxHeaderBlockBytes || at + length > file.fileSize) return std::nullopt;
        block.resize(length);
        probe.read(at, block.size(), block.data());
        // Each message: type (2), size of its data (2), flags (1), reserved (3), data.
        for (std::size_t p = 0; p + 8 <= block.size();) {
            const auto type = static_cast<std::uint16_t>(decodeLE(&block[p], 2));
            const std::size_t size = decodeLE(&block[p + 2], 2);
            const unsigned char* data = &block[p + 8];
            if (p + 8 + size > block.size()) return std::nullopt;
            if (type == kContinuationMessage) {
                if (size < static_cast<std::size_t>(file.sizeOfAddress + file.sizeOfLength))
                    return std::nullopt;
                blocks.emplace_back(file.baseAddress + decodeLE(data, file.sizeOfAddress),
                                    decodeLE(data + file.sizeOfAddress, file.sizeOfLength));
            } else if (type == kLayoutMessage) {
                // Version 3, class 2 (chunked): dimensionality (rank + 1, the last being the
                // element size), the B-tree address, then one 4-byte size per dimension.
                const int dims = size >= 3 ? data[2] : 0;
                if (size < 3 || data[0] != 3 || data[1] != 2 || dims != rank + 1 ||
                    size < static_cast<std::size_t>(3 + file.sizeOfAddress + 4 * dims)) {
                    return std::nullopt;
                }
                chunkDims.clear();
                for (int d = 0; d < dims; ++d)
                    chunkDims.push_back(decodeLE(data + 3 + file.sizeOfAddress + 4 * d, 4));
                return ChunkBTree(file, rank, decodeLE(data + 3, file.sizeOfAddress));
            }
            p += 8 + size;
        }
    }
    return std::nullopt;
}

void ChunkBTree::visit(const std::function<bool(const Offset&, const Offset&)>& wanted,
                       const std::function<bool(const Entry&)>& onChunk) const {
    if (undefined(root_)) return;  // no chunk written
    Offset previous{};
    bool first = true;
    visitNode(root_, -1, 0, wanted, onChunk, previous, first);
}

bool ChunkBTree::visitNode(std::uint64_t address, int expectedLevel, int depth,
                           const std::function<bool(const Offset&, const Offset&)>& wanted,
                           const std::function<bool(const Entry&)>& onChunk, Offset& previous,
                           bool& first) const {
    const std::uint64_t at = file_.baseAddress + address;
    if (depth > kMaxDepth) damaged(at, "too deep");
    // Node: "TREE", type (1 = raw data chunks), level, entries used (2), two sibling addresses,
    // then key 0, child 0, key 1, ..., child n-1, key n.
    const std::size_t headerSize = 8 + 2 * static_cast<std::size_t>(file_.sizeOfAddress);
    const std::size_t keySize = 8 + 8 * static_cast<std::size_t>(rank_ + 1);
    const std::size_t stride = keySize + file_.sizeOfAddress;
    unsigned char header[8 + 2 * 8];
    if (at + headerSize > file_.fileSize) damaged(at, "node outside the file");
    read(at, headerSize, header);
    if (std::memcmp(header, "TREE", 4) != 0 || header[4] != 1) damaged(at, "not a chunk node");
    const int level = header[5];
    if (expectedLevel >= 0 && level != expectedLevel) damaged(at, "unexpected node level");
    const std::size_t used = decodeLE(header + 6, 2);
    if (used == 0) return true;
    std::vector<unsigned char> body(used * stride + keySize);
    if (at + headerSize + body.size() > file_.fileSize) damaged(at, "node outside the file");
    read(at + headerSize, body.size(), body.data());
    const auto keyOffset = [&](std::size_t i) {
        Offset o{};
        for (int d = 0; d < rank_; ++d) o[d] = decodeLE(&body[i * stride + 8 + 8 * d], 8);
        return o;
    };
    Offset low = keyOffset(0);
    for (std::size_t i = 0; i < used; ++i) {
        const Offset high = keyOffset(i + 1);
        const std::uint64_t child = decodeAddress(&body[i * stride + keySize]);
        if (undefined(child)) damaged(at, "undefined child address");
        if (level > 0) {
            if (wanted(low, high) &&
                !visitNode(child, level - 1, depth + 1, wanted, onChunk, previous, first)) {
                return false;
            }
        } else {
            Entry e;
            e.offset = low;
            e.size = static_cast<std::uint32_t>(decodeLE(&body[i * stride], 4));
            e.filterMask = static_cast<std::uint32_t>(decodeLE(&body[i * stride + 4], 4));
            e.address = file_.baseAddress + child;
            if (e.size == 0 || e.address + e.size > file_.fileSize)
                damaged(at, "chunk outside the file");
            if (!first && !std::lexicographical_compare(previous.begin(), previous.end(),
                                                        e.offset.begin(), e.offset.end())) {
                damaged(at, "chunks out of order");
            }
            previous = e.offset;
            first = false;
            if (!onChunk(e)) return false;
        }
        low = high;
    }
    return true;
}

}  // namespace driftlab
