#pragma once
// Small text helpers every room uses (the readers' name matching, messages that name a file).
#include <cctype>
#include <filesystem>
#include <string>

namespace driftlab {

// ASCII lower case: variable names, units and attribute values are compared without case.
inline std::string lowerCase(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// The file name of a path, for messages ("croco_his.nc").
inline std::string fileName(const std::string& path) {
    return std::filesystem::path(path).filename().string();
}

}  // namespace driftlab
