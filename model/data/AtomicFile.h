#pragma once
// A file that appears under its final name only when complete: written under a hidden
// temporary name in the same folder (".NAME.partial-PID"), renamed on commit(), removed if the
// object dies uncommitted (error, cancel). A hard kill leaves only the temporary name, which
// DriftLab never opens as a dataset.
#include <cstddef>
#include <cstdio>
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
    // Appends to the temporary file (created on the first call). A failed write is remembered,
    // not thrown: writers that stream into a callback (LibTorch's archives) cannot take an
    // exception mid-stream. commit() reports it.
    void append(const void* data, std::size_t size);
    // Renames over the final path (atomic on POSIX). Throws std::runtime_error, leaving the
    // final path as it was, if an append() failed ("no space left on the device") or the rename
    // does.
    void commit();

private:
    std::string final_, temp_;
    std::FILE* out_ = nullptr;
    int writeError_ = 0;  // errno of the first failed append
    bool committed_ = false;
};

// "No space left on device (the disk or the quota is full)" for errno values a user can act on.
std::string writeErrorText(int error);

// Writes `size` bytes as the whole file `path`, atomically (an AtomicFile). Throws
// std::runtime_error with the path and the reason if the folder is unwritable or the write
// fails (a full disk); the file under `path`, if any, is left as it was.
void writeFileAtomically(const std::string& path, const void* data, std::size_t size);
inline void writeFileAtomically(const std::string& path, const std::string& text) {
    writeFileAtomically(path, text.data(), text.size());
}

}  // namespace driftlab
