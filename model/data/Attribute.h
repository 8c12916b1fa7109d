#pragma once
// A named attribute value for provenance (generator parameters, program version, ...).
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace driftlab {

struct Attribute {
    std::string name;
    std::variant<std::string, double, std::int64_t> value;
};
using Attributes = std::vector<Attribute>;

}  // namespace driftlab
