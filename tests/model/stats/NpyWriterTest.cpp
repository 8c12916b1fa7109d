#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>

#include "model/TestSupport.h"
#include "stats/NpyWriter.h"

using namespace driftlab;

namespace {

std::string bytesOf(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void writeBytes(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

std::vector<double> someValues(int n) {
    std::vector<double> v(static_cast<std::size_t>(n));
    for (int k = 0; k < n; ++k) v[k] = std::sin(0.37 * k) * std::pow(10.0, -(k % 9)) + 1e-300 * k;
    return v;
}

}  // namespace

TEST(Npy, RoundTripsFloat64ExactlyAndFloat32ToNearest) {
    const auto dir = test::tempDir();
    const auto values = someValues(3 * 5);
    writeNpy((dir / "a.npy").string(), values, 3, 5, NpyType::Float64);
    const NpyArray a = readNpy((dir / "a.npy").string());
    EXPECT_EQ(a.ny, 3);
    EXPECT_EQ(a.nx, 5);
    EXPECT_EQ(a.type, NpyType::Float64);
    EXPECT_TRUE(a.values == values);
    writeNpy((dir / "b.npy").string(), values, 5, 3, NpyType::Float32);
    const NpyArray b = readNpy((dir / "b.npy").string());
    EXPECT_EQ(b.ny, 5);
    EXPECT_EQ(b.type, NpyType::Float32);
    for (std::size_t k = 0; k < values.size(); ++k)
        EXPECT_EQ(b.values[k], static_cast<double>(static_cast<float>(values[k])));
    writeNpy((dir / "empty.npy").string(), {}, 0, 7, NpyType::Float64);
    EXPECT_EQ(readNpy((dir / "empty.npy").string()).nx, 7);
}

TEST(Npy, WritesNumPysVersion1Layout) {
    const auto dir = test::tempDir();
    writeNpy((dir / "m.npy").string(), {1.0, 2.0, 3.0, 4.0, 5.0, 6.0}, 2, 3, NpyType::Float64);
    const std::string s = bytesOf(dir / "m.npy");
    ASSERT_GT(s.size(), 10u);
    EXPECT_EQ(s.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
    const std::size_t headerLength =
        static_cast<unsigned char>(s[8]) | static_cast<unsigned char>(s[9]) << 8;
    EXPECT_EQ((10 + headerLength) % 64, 0u);  // the data is aligned as NumPy aligns it
    const std::string header = s.substr(10, headerLength);
    EXPECT_EQ(header.rfind("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", 0), 0u);
    EXPECT_EQ(header.back(), '\n');
    EXPECT_EQ(s.size(), 10 + headerLength + 6 * 8);
    double first = 0;
    std::memcpy(&first, s.data() + 10 + headerLength, 8);  // little-endian host
    EXPECT_EQ(first, 1.0);
}

TEST(Npy, ClearErrorsForFilesItCannotRead) {
    const auto dir = test::tempDir();
    writeNpy((dir / "good.npy").string(), {1.0, 2.0}, 1, 2, NpyType::Float64);
    const std::string good = bytesOf(dir / "good.npy");
    const auto error = [&](const std::string& name, const std::string& bytes) {
        writeBytes(dir / name, bytes);
        try {
            readNpy((dir / name).string());
        } catch (const std::runtime_error& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find(name), std::string::npos) << what;  // names the file
            return what;
        }
        return std::string("no error");
    };
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string s = good;
        s.replace(s.find(from), from.size(), to);
        return s;
    };
    EXPECT_NE(error("text.npy", "hello\n").find("not a NumPy .npy file"), std::string::npos);
    EXPECT_NE(error("short.npy", good.substr(0, good.size() - 3)).find("bytes of data"),
              std::string::npos);
    EXPECT_NE(error("big.npy", replaced("'<f8'", "'>f8'")).find("not supported"),
              std::string::npos);
    EXPECT_NE(error("ints.npy", replaced("'<f8'", "'<i8'")).find("not supported"),
              std::string::npos);
    EXPECT_NE(error("fortran.npy", replaced("False", "True ")).find("Fortran"), std::string::npos);
    EXPECT_NE(error("cube.npy", replaced("(1, 2)", "(1,1,2)")).find("2-D"), std::string::npos);
    EXPECT_NE(error("flat.npy", replaced("(1, 2)", "(2,)   ")).find("2-D"), std::string::npos);
    EXPECT_THROW(readNpy((dir / "missing.npy").string()), std::runtime_error);
}

TEST(Npy, WritesAtomically) {
    const auto dir = test::tempDir();
    EXPECT_THROW(writeNpy((dir / "no" / "such" / "m.npy").string(), {1.0}, 1, 1, NpyType::Float64),
                 std::runtime_error);
    EXPECT_THROW(writeNpy((dir / "m.npy").string(), {1.0, 2.0}, 1, 1, NpyType::Float64),
                 std::invalid_argument);
    EXPECT_TRUE(std::filesystem::is_empty(dir));  // nothing half-written
    writeNpy((dir / "m.npy").string(), {1.0}, 1, 1, NpyType::Float64);
    writeNpy((dir / "m.npy").string(), {2.0}, 1, 1, NpyType::Float64);  // replaces
    EXPECT_EQ(readNpy((dir / "m.npy").string()).values, std::vector<double>{2.0});
    int files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++files;
    EXPECT_EQ(files, 1);
}
