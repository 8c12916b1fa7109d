#pragma once
// Shared by the libFuzzer targets: the input as a file, for parsers that read files.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

namespace driftlab::fuzz {

// Writes `size` bytes to a file of this process (the same path each time) and returns its path.
inline std::string asFile(const std::uint8_t* data, std::size_t size, const char* name) {
    const std::string dir = "/tmp/driftlab-fuzz-" + std::to_string(::getpid());
    ::mkdir(dir.c_str(), 0700);
    const std::string path = dir + "/" + name;
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) __builtin_trap();
    if (size > 0) std::fwrite(data, 1, size, f);
    std::fclose(f);
    return path;
}

}  // namespace driftlab::fuzz
