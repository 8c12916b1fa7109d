#pragma once
// Every test starts from an empty home: its own HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME,
// XDG_DATA_HOME and XDG_STATE_HOME, made fresh before the test and removed after it. So no test
// reads what another test (or an earlier run, or the developer's own use of DriftLab) left in
// the settings, the mean cache or the data folder, and no test writes into the user's real
// folders. ctest runs each test in a process of its own; the listener also isolates the tests
// of one process run by hand (`driftlab_widget_tests --gtest_filter=...`), in any order.
//
// The folders live under $DRIFTLAB_TEST_TMP/home (the system's temporary folder without it).
// `onEnter` runs after the environment is set, for what a library caches at first use (the
// widget tests point QSettings at the new folder there: Qt reads its paths only once).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <system_error>
#include <utility>

namespace driftlab::test {

class IsolatedHomeListener : public ::testing::EmptyTestEventListener {
public:
    explicit IsolatedHomeListener(
        std::function<void(const std::filesystem::path& config)> onEnter = {})
        : onEnter_(std::move(onEnter)) {}

    void OnTestStart(const ::testing::TestInfo&) override {
        namespace fs = std::filesystem;
        const char* base = std::getenv("DRIFTLAB_TEST_TMP");
        const fs::path root =
            fs::path(base && *base ? base : fs::temp_directory_path().string()) / "home";
        home_ = root / (std::to_string(::getpid()) + "-" + std::to_string(++count_));
        std::error_code ec;
        fs::remove_all(home_, ec);
        const fs::path config = home_ / ".config", cache = home_ / ".cache",
                       data = home_ / ".local" / "share", state = home_ / ".local" / "state";
        for (const auto& dir : {config, cache, data, state}) fs::create_directories(dir);
        ::setenv("HOME", home_.c_str(), 1);
        ::setenv("XDG_CONFIG_HOME", config.c_str(), 1);
        ::setenv("XDG_CACHE_HOME", cache.c_str(), 1);
        ::setenv("XDG_DATA_HOME", data.c_str(), 1);
        ::setenv("XDG_STATE_HOME", state.c_str(), 1);
        if (onEnter_) onEnter_(config);
    }

    void OnTestEnd(const ::testing::TestInfo&) override {
        std::error_code ec;
        std::filesystem::remove_all(home_, ec);
    }

    // Installs the listener for every test of this process.
    static void install(std::function<void(const std::filesystem::path&)> onEnter = {}) {
        ::testing::UnitTest::GetInstance()->listeners().Append(
            new IsolatedHomeListener(std::move(onEnter)));
    }

private:
    std::function<void(const std::filesystem::path&)> onEnter_;
    std::filesystem::path home_;
    int count_ = 0;
};

}  // namespace driftlab::test
