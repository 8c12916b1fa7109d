// A check run in a child process: its crash, failure or hang is an outcome, not the end of the
// test process (data/ChildProbe.h, which DriftDataset::open uses against libhdf5's crashes).
#include <gtest/gtest.h>

#include <csignal>
#include <stdexcept>
#include <thread>

#include "data/ChildProbe.h"
#include "data/DatasetError.h"
#include "data/DriftDataset.h"

namespace driftlab {
namespace {

using namespace std::chrono_literals;

TEST(ChildProbe, APassingCheckPasses) {
    int calls = 0;
    const ChildOutcome c = runInChildProcess([&calls] { ++calls; }, 10s);
    EXPECT_EQ(c.kind, ChildOutcome::Kind::Passed);
    EXPECT_EQ(calls, 0) << "the check runs in the child, not here";
}

TEST(ChildProbe, AThrowingCheckFailsWithItsMessage) {
    const ChildOutcome c =
        runInChildProcess([] { throw std::runtime_error("file.h5: missing variable 'u'"); }, 10s);
    EXPECT_EQ(c.kind, ChildOutcome::Kind::Failed);
    EXPECT_EQ(c.message, "file.h5: missing variable 'u'");
}

TEST(ChildProbe, ACrashingCheckIsReportedWithItsSignal) {
    const ChildOutcome c = runInChildProcess([] { std::raise(SIGSEGV); }, 10s);
    EXPECT_EQ(c.kind, ChildOutcome::Kind::Crashed);
    EXPECT_EQ(c.signal, SIGSEGV);
    const ChildOutcome abort = runInChildProcess([] { std::abort(); }, 10s);
    EXPECT_EQ(abort.kind, ChildOutcome::Kind::Crashed);
    EXPECT_EQ(abort.signal, SIGABRT);
}

TEST(ChildProbe, AHangingCheckIsKilledAtTheTimeout) {
    const auto start = std::chrono::steady_clock::now();
    const ChildOutcome c = runInChildProcess([] { std::this_thread::sleep_for(30s); }, 300ms);
    EXPECT_EQ(c.kind, ChildOutcome::Kind::TimedOut);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
}

// A dataset whose damaged attribute message crashes libhdf5 1.10.8 in H5Aiterate2 and
// H5Aopen_by_idx (found by tests/reliability; `DRIFTLAB_NO_CHILD_CHECK=1 driftlab info` on it
// dies with SIGSEGV): DriftDataset::open refuses it with a message naming the file.
TEST(ChildProbe, ADatasetThatCrashesHdf5IsRefusedNotFatal) {
    const std::string path = std::string(DRIFTLAB_RELIABILITY_DATA) + "/hdf5-crash-attribute.h5";
    try {
        DriftDataset::open(path);
        FAIL() << "the damaged file was opened";
    } catch (const DatasetError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(path), std::string::npos) << what;
        EXPECT_NE(what.find("damaged"), std::string::npos) << what;
    }
}

}  // namespace
}  // namespace driftlab
