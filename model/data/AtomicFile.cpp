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
    if (out_) std::fclose(out_);
    if (!committed_) std::remove(temp_.c_str());
}

std::string writeErrorText(int error) {
    std::string text = std::strerror(error);
    if (error == ENOSPC || error == EDQUOT) text += " (the disk or the quota is full)";
    if (error == EFBIG) text += " (larger than this file system or your limits allow)";
    return text;
}

void AtomicFile::append(const void* data, std::size_t size) {
    if (writeError_ != 0) return;
    if (!out_) {
        out_ = std::fopen(temp_.c_str(), "wb");
        if (!out_) {
            writeError_ = errno ? errno : EIO;
            return;
        }
    }
    if (size == 0) return;
    errno = 0;
    if (std::fwrite(data, 1, size, out_) != size) writeError_ = errno ? errno : EIO;
}

void AtomicFile::commit() {
    if (out_) {
        errno = 0;
        if (std::fclose(out_) != 0 && writeError_ == 0) writeError_ = errno ? errno : EIO;
        out_ = nullptr;
    }
    if (writeError_ != 0)
        throw std::runtime_error(final_ + ": cannot write: " + writeErrorText(writeError_));
    if (std::rename(temp_.c_str(), final_.c_str()) != 0) {
        throw std::runtime_error(final_ + ": cannot rename the finished file into place (" +
                                 std::strerror(errno) + ")");
    }
    committed_ = true;
}

void writeFileAtomically(const std::string& path, const void* data, std::size_t size) {
    AtomicFile file(path);
    file.append(data, size);
    file.commit();
}

}  // namespace driftlab
