#include <gtest/gtest.h>

#include "learn/OrderedDictPickle.h"

using namespace driftlab;

namespace {
// The bytes of a literal, NULs included.
template <std::size_t N>
std::string bytes(const char (&literal)[N]) {
    return std::string(literal, N - 1);
}
}  // namespace

// pickle.dumps(OrderedDict(a=1), protocol=2) with a `_metadata` attribute, as torch.save writes
// a state dict (the BUILD sets the attribute).
TEST(OrderedDictPickle, OrderedDictBecomesADictAndBuildIsCutWithItsState) {
    const std::string in = bytes(
        "\x80"
        "\x02"
        "ccollections\nOrderedDict\nq\x00"
        ")Rq\x01"
        "X\x01"
        "\x00"
        "\x00"
        "\x00"
        "aq\x02"
        "K\x01"
        "s}q\x03"
        "X\x09"
        "\x00"
        "\x00"
        "\x00"
        "_metadataq\x04"
        "h\x00"
        ")Rq\x05"
        "sb.");
    const std::string out = rewriteOrderedDictsAsDicts(in);
    // The class's memo slot holds the dict instead; the `_metadata` state and its BUILD are cut.
    const std::string expected = bytes(
        "\x80"
        "\x02"
        "}q\x00"
        "q\x01"
        "X\x01"
        "\x00"
        "\x00"
        "\x00"
        "aq\x02"
        "K\x01"
        "s.");
    EXPECT_EQ(out, expected);
}

TEST(OrderedDictPickle, LeavesOtherProgramsAlone) {
    const std::string plain("\x80\x02}q\x00X\x01\x00\x00\x00xq\x01K\x05s.", 17);
    EXPECT_EQ(rewriteOrderedDictsAsDicts(plain), plain);
}

TEST(OrderedDictPickle, MalformedProgramsAreRefused) {
    EXPECT_THROW(rewriteOrderedDictsAsDicts(bytes("\x80\x02X\xff\x00\x00\x00"
                                                  "ab")),
                 std::invalid_argument);
    EXPECT_THROW(rewriteOrderedDictsAsDicts(bytes("\x80\x02}")), std::invalid_argument);  // no STOP
    EXPECT_THROW(rewriteOrderedDictsAsDicts(bytes("\x80\x04\x95")), std::invalid_argument);
}
