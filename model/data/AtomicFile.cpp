#include "data/AtomicFile.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace driftlab {

namespace fs = std::filesystem;

AtomicFile::AtomicFile(std::string finalPath) : final_(std::move(finalPath)) {
    const fs::path p(final_);
    if (p.filename().empty()) throw std::runtime_error(final_ + ": not a file name");
    std::error_code ec;
    if (fs::is_directory(p, ec)) throw std::runtime_error(final_ + ": is a folder");
    const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
    if (!fs::is_directory(dir, ec)) {
        throw std::runtime_error(final_ + ": folder " + dir.string() + " does not exist");
    }
    if (::access(dir.c_str(), W_OK) != 0) {
        throw std::runtime_error(final_ + ": cannot write in folder " + dir.string() + " (" +
                                 std::strerror(errno) + ")");
    }
    temp_ =
        (dir / ("." + p.filename().string() + ".partial-" + std::to_string(::getpid()))).string();
}

AtomicFile::~AtomicFile() {
    if (!committed_) std::remove(temp_.c_str());
}

void AtomicFile::commit() {
    if (std::rename(temp_.c_str(), final_.c_str()) != 0) {
        throw std::runtime_error(final_ + ": cannot rename the finished file into place (" +
                                 std::strerror(errno) + ")");
    }
    committed_ = true;
}

void writeFileAtomically(const std::string& path, const void* data, std::size_t size) {
    AtomicFile file(path);
    {
        std::ofstream s(file.tempPath(), std::ios::binary | std::ios::trunc);
        s.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
        s.close();
        if (!s) throw std::runtime_error(path + ": cannot write (disk full?)");
    }
    file.commit();
}

}  // namespace driftlab
