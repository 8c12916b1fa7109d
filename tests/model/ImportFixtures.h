#pragma once
// The NetCDF fixtures of tests/importing/make_fixtures.py (the layouts of CMEMS, HYCOM, NEMO,
// ROMS, OpenDrift, OceanParcels, ...), written once per version of the script into the test
// folder and shared by the test processes: made under a temporary name and renamed, so tests
// running side by side never see a half-written set.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace driftlab::test {

inline std::filesystem::path importFixtures() {
    namespace fs = std::filesystem;
    const fs::path script = fs::path(DRIFTLAB_IMPORT_FIXTURES_SCRIPT);
    const char* base = std::getenv("DRIFTLAB_TEST_TMP");
    const fs::path root = base ? fs::path(base) : fs::temp_directory_path();
    // The script's size and time in the folder's name: a changed script makes a new set.
    const auto stamp = std::to_string(fs::file_size(script)) + "-" +
                       std::to_string(fs::last_write_time(script).time_since_epoch().count());
    const fs::path dir = root / ("import-fixtures-" + stamp);
    if (fs::exists(dir / "done")) return dir;
    fs::create_directories(root);
    const fs::path tmp = root / ("import-fixtures-tmp-" + std::to_string(::getpid()));
    fs::remove_all(tmp);
    const std::string cmd =
        "/usr/bin/python3 '" + script.string() + "' '" + tmp.string() + "' > /dev/null";
    if (std::system(cmd.c_str()) != 0) {
        ADD_FAILURE() << "could not write the NetCDF fixtures: " << cmd;
        return dir;
    }
    std::ofstream(tmp / "done") << "ok\n";
    std::error_code ec;
    fs::rename(tmp, dir, ec);  // another process may have won the race: use its set
    if (ec) fs::remove_all(tmp);
    return dir;
}

}  // namespace driftlab::test
