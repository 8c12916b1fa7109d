#pragma once
// Shared helpers for the model tests.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "ocean/CurrentFields.h"

namespace driftlab::test {

// A fresh, empty folder for one test.
inline std::filesystem::path tempDir() {
    const char* base = std::getenv("DRIFTLAB_TEST_TMP");
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::filesystem::path dir =
        std::filesystem::path(base ? base : std::filesystem::temp_directory_path().string()) /
        (std::string(info->test_suite_name()) + "." + info->name());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

// An all-ocean grid with `days` daily fields filled by f(i, j, day, u, v).
template <class F>
CurrentFields makeFields(const Grid& grid, int days, F f) {
    CurrentFields c;
    c.mask = OceanMask(grid, std::vector<std::uint8_t>(grid.cellCount(), 1));
    c.days = days;
    c.startDay = 0;
    c.u.assign(grid.cellCount() * days, 0.0f);
    c.v.assign(grid.cellCount() * days, 0.0f);
    for (int k = 0; k < days; ++k) {
        for (int j = 0; j < grid.ny; ++j) {
            for (int i = 0; i < grid.nx; ++i) {
                double u = 0, v = 0;
                f(i, j, k, u, v);
                const std::size_t c0 = static_cast<std::size_t>(j) * grid.nx + i;
                c.uDay(k)[c0] = static_cast<float>(u);
                c.vDay(k)[c0] = static_cast<float>(v);
            }
        }
    }
    return c;
}

}  // namespace driftlab::test
