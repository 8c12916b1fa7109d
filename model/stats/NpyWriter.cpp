#include "stats/NpyWriter.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "data/AtomicFile.h"

namespace driftlab {
namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMagicSize = 6;

void putLE(std::uint64_t bits, int bytes, unsigned char* out) {
    for (int b = 0; b < bytes; ++b) out[b] = static_cast<unsigned char>(bits >> (8 * b));
}

std::uint64_t getLE(const unsigned char* p, int bytes) {
    std::uint64_t v = 0;
    for (int b = bytes - 1; b >= 0; --b) v = (v << 8) | p[b];
    return v;
}

[[noreturn]] void bad(const std::string& path, const std::string& why) {
    throw std::runtime_error(path + ": " + why);
}

// The value after `'key':` in NumPy's header dict, up to the next ',' or '}' outside brackets.
std::string headerValue(const std::string& header, const std::string& key,
                        const std::string& path) {
    auto at = header.find("'" + key + "'");
    if (at == std::string::npos) at = header.find("\"" + key + "\"");
    if (at == std::string::npos) bad(path, "the .npy header has no '" + key + "'");
    at = header.find(':', at);
    if (at == std::string::npos) bad(path, "malformed .npy header");
    std::size_t end = at + 1;
    int depth = 0;
    for (; end < header.size(); ++end) {
        const char c = header[end];
        if (c == '(') ++depth;
        if (c == ')') --depth;
        if (depth == 0 && (c == ',' || c == '}')) break;
    }
    std::string v = header.substr(at + 1, end - at - 1);
    const auto first = v.find_first_not_of(" \t");
    const auto last = v.find_last_not_of(" \t");
    return first == std::string::npos ? std::string() : v.substr(first, last - first + 1);
}

}  // namespace

void writeNpy(const std::string& path, const std::vector<double>& values, int ny, int nx,
              NpyType type) {
    if (ny < 0 || nx < 0 || values.size() != static_cast<std::size_t>(ny) * nx) {
        throw std::invalid_argument("npy: " + std::to_string(values.size()) + " values for a " +
                                    std::to_string(ny) + " x " + std::to_string(nx) + " array");
    }
    const int item = type == NpyType::Float64 ? 8 : 4;
    std::string header = std::string("{'descr': '") + (item == 8 ? "<f8" : "<f4") +
                         "', 'fortran_order': False, 'shape': (" + std::to_string(ny) + ", " +
                         std::to_string(nx) + "), }";
    // NumPy pads the header with spaces and a newline so the data starts on a 64-byte boundary.
    const std::size_t prefix = kMagicSize + 2 + 2;
    header.append(63 - (prefix + header.size()) % 64, ' ');
    header.push_back('\n');
    if (header.size() > 65535) throw std::invalid_argument("npy: header too long");
    std::vector<unsigned char> out(prefix + header.size() + values.size() * item);
    std::memcpy(out.data(), kMagic, kMagicSize);
    out[6] = 1;  // format version 1.0
    out[7] = 0;
    putLE(header.size(), 2, &out[8]);
    std::memcpy(&out[prefix], header.data(), header.size());
    unsigned char* data = &out[prefix + header.size()];
    for (std::size_t k = 0; k < values.size(); ++k) {
        if (item == 8) {
            std::uint64_t bits = 0;
            std::memcpy(&bits, &values[k], 8);
            putLE(bits, 8, data + 8 * k);
        } else {
            const float f = static_cast<float>(values[k]);
            std::uint32_t bits = 0;
            std::memcpy(&bits, &f, 4);
            putLE(bits, 4, data + 4 * k);
        }
    }
    writeFileAtomically(path, out.data(), out.size());
}

NpyArray readNpy(const std::string& path) {
    std::ifstream s(path, std::ios::binary);
    if (!s) bad(path, "cannot be opened");
    const std::vector<unsigned char> bytes{std::istreambuf_iterator<char>(s), {}};
    if (bytes.size() < kMagicSize + 4 || std::memcmp(bytes.data(), kMagic, kMagicSize) != 0)
        bad(path, "not a NumPy .npy file");
    const int major = bytes[6];
    std::size_t headerLength = 0, start = 0;
    if (major == 1) {
        headerLength = getLE(&bytes[8], 2);
        start = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12) bad(path, "truncated .npy header");
        headerLength = getLE(&bytes[8], 4);
        start = 12;
    } else {
        bad(path, ".npy format version " + std::to_string(major) + " is not supported");
    }
    if (start + headerLength > bytes.size()) bad(path, "truncated .npy header");
    const std::string header(bytes.begin() + static_cast<std::ptrdiff_t>(start),
                             bytes.begin() + static_cast<std::ptrdiff_t>(start + headerLength));
    NpyArray a;
    const std::string descr = headerValue(header, "descr", path);
    if (descr == "'<f8'" || descr == "\"<f8\"") {
        a.type = NpyType::Float64;
    } else if (descr == "'<f4'" || descr == "\"<f4\"") {
        a.type = NpyType::Float32;
    } else {
        bad(path, "array type " + descr + " is not supported (little-endian float32 or float64)");
    }
    if (headerValue(header, "fortran_order", path) != "False")
        bad(path, "Fortran-ordered arrays are not supported");
    std::string shape = headerValue(header, "shape", path);
    long long dims[2] = {0, 0};
    int n = 0;
    if (shape.size() < 2 || shape.front() != '(' || shape.back() != ')') bad(path, "bad shape");
    shape = shape.substr(1, shape.size() - 2);
    for (std::size_t p = 0; p < shape.size();) {
        const auto comma = shape.find(',', p);
        const std::string part =
            shape.substr(p, comma == std::string::npos ? std::string::npos : comma - p);
        if (part.find_first_not_of(" ") != std::string::npos) {
            std::size_t used = 0;
            long long v = -1;
            try {
                v = std::stoll(part, &used);
            } catch (const std::exception&) {
                bad(path, "bad shape (" + shape + ")");
            }
            if (n == 2 || v < 0 || v > (1LL << 30) ||
                part.find_first_not_of(" ", used) != std::string::npos) {
                bad(path, "shape (" + shape + ") is not that of a 2-D map");
            }
            dims[n++] = v;
        }
        if (comma == std::string::npos) break;
        p = comma + 1;
    }
    if (n != 2) bad(path, "shape (" + shape + ") is not that of a 2-D map");
    a.ny = static_cast<int>(dims[0]);
    a.nx = static_cast<int>(dims[1]);
    const std::size_t count = static_cast<std::size_t>(a.ny) * a.nx;
    const int item = a.type == NpyType::Float64 ? 8 : 4;
    if (bytes.size() - start - headerLength != count * item) {
        bad(path, "holds " + std::to_string(bytes.size() - start - headerLength) +
                      " bytes of data, expected " + std::to_string(count * item));
    }
    a.values.resize(count);
    const unsigned char* data = &bytes[start + headerLength];
    for (std::size_t k = 0; k < count; ++k) {
        if (item == 8) {
            const std::uint64_t bits = getLE(data + 8 * k, 8);
            std::memcpy(&a.values[k], &bits, 8);
        } else {
            const auto bits = static_cast<std::uint32_t>(getLE(data + 4 * k, 4));
            float f = 0;
            std::memcpy(&f, &bits, 4);
            a.values[k] = f;
        }
    }
    return a;
}

}  // namespace driftlab
