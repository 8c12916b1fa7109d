#pragma once
// A file that appears under its final name only when complete: written under a hidden
// temporary name in the same folder (".NAME.partial-PID"), renamed on commit(), removed if the
// object dies uncommitted (error, cancel). A hard kill leaves only the temporary name, which
// DriftLab never opens as a dataset.
#include <cstddef>
#include <string>

namespace driftlab {

class AtomicFile {
public:
    // Throws std::runtime_error with a clear message if the folder does not exist or is not
    // writable, or if `finalPath` is a folder.
    explicit AtomicFile(std::string finalPath);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    const std::string& tempPath() const { return temp_; }
    const std::string& finalPath() const { return final_; }
    void commit();  // rename over the final path (atomic on POSIX)

private:
    std::string final_, temp_;
    bool committed_ = false;
};

// Writes `size` bytes as the whole file `path`, atomically (an AtomicFile). Throws
// std::runtime_error with the path if the folder is unwritable or the write fails (disk full).
void writeFileAtomically(const std::string& path, const void* data, std::size_t size);
inline void writeFileAtomically(const std::string& path, const std::string& text) {
    writeFileAtomically(path, text.data(), text.size());
}

}  // namespace driftlab
