// GoogleTest main for the model and learning tests: every test in an empty home of its own
// (support/TestIsolation.h).
#include <gtest/gtest.h>

#include "support/TestIsolation.h"

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    driftlab::test::IsolatedHomeListener::install();
    return RUN_ALL_TESTS();
}
