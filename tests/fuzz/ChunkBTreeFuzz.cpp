// The chunk index reader on an arbitrary file: the input's first 8 bytes are the object header's
// address (little-endian), the rest is the file. locate() must return nothing or an index whose
// every node and chunk it visits lies inside the file; anything else throws ChunkBTree::Error.
#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "FuzzSupport.h"
#include "data/ChunkBTree.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 8) return 0;
    std::uint64_t header = 0;
    for (int i = 7; i >= 0; --i) header = (header << 8) | data[i];
    const std::string path = driftlab::fuzz::asFile(data + 8, size - 8, "btree.h5");
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) return 0;
    driftlab::ChunkBTree::FileLayout layout;
    layout.fd = fd;
    layout.fileSize = size - 8;
    try {
        std::vector<std::uint64_t> chunk;
        const auto index = driftlab::ChunkBTree::locate(layout, header, 4, chunk);
        if (index) {
            std::vector<unsigned char> bytes;
            int visited = 0;
            index->visit([](const auto&, const auto&) { return true; },
                         [&](const driftlab::ChunkBTree::Entry& e) {
                             bytes.resize(e.size);
                             index->read(e.address, e.size, bytes.data());
                             return ++visited < 10000;
                         });
        }
    } catch (const driftlab::ChunkBTree::Error&) {
    }
    ::close(fd);
    return 0;
}
