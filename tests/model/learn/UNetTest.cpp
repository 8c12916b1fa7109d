#include <gtest/gtest.h>
#include <torch/torch.h>

#include <fstream>
#include <map>
#include <sstream>

#include "learn/AnchoredOutput.h"
#include "learn/StateDict.h"
#include "learn/UNet.h"

using namespace driftlab;

namespace {

long parameterCount(UNet& model) {
    long n = 0;
    for (const auto& p : model->parameters()) n += p.numel();
    return n;
}

}  // namespace

TEST(UNet, SeedWidthHasTheSeedsParameterCount) {
    UNet model(3, 1, 64);
    EXPECT_EQ(parameterCount(model), 17262977);
}

TEST(UNet, StateDictKeysAndShapesAreThoseOfThePythonSeed) {
    // The list a PyTorch user's checkpoint of the seed's UNet carries (../shared/seed).
    std::ifstream in(std::string(DRIFTLAB_LEARN_TEST_DATA) + "/unet-state-dict-keys.txt");
    ASSERT_TRUE(in) << "missing key list";
    std::map<std::string, std::string> expected;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto space = line.find(' ');
        expected[line.substr(0, space)] = line.substr(space + 1);
    }
    ASSERT_EQ(expected.size(), 110u);
    UNet model(3, 1, 64);
    const StateDict dict = stateDictOf(model);
    std::map<std::string, std::string> actual;
    for (const auto& entry : dict) {
        std::string shape = "(";
        const auto sizes = entry.value().sizes();
        for (std::size_t i = 0; i < sizes.size(); ++i)
            shape += (i ? ", " : "") + std::to_string(sizes[i]);
        shape += sizes.size() == 1 ? ",)" : ")";
        actual[entry.key()] = shape;
    }
    EXPECT_EQ(actual, expected);
}

TEST(UNet, OutputHasTheInputsSizeWhetherOrNotAMultipleOf16) {
    torch::NoGradGuard noGrad;
    UNet model(3, 1, 4);
    model->eval();
    for (auto [h, w] : {std::pair{64, 128}, {32, 64}, {50, 75}, {17, 33}, {16, 16}}) {
        const auto y = model->forward(torch::randn({2, 3, h, w}));
        EXPECT_EQ(y.sizes(), (std::vector<int64_t>{2, 1, h, w})) << h << " x " << w;
        EXPECT_TRUE(torch::isfinite(y).all().item<bool>());
    }
}

TEST(UNet, RejectsInputsSmallerThan16Cells) {
    UNet model(3, 1, 4);
    EXPECT_THROW(model->forward(torch::randn({1, 3, 15, 64})), std::invalid_argument);
}

TEST(UNet, StateDictRoundTripThroughAFileIsExact) {
    const std::string path = ::testing::TempDir() + "unet_roundtrip.pt";
    torch::manual_seed(3);
    UNet a(3, 1, 8);
    writeStateDictFile(stateDictOf(a), path);
    torch::manual_seed(4);
    UNet b(3, 1, 8);
    const StateDict read = readStateDictFile(path);
    EXPECT_EQ(widthOfStateDict(read), 8);
    loadStateDict(b, read);
    a->eval();
    b->eval();
    torch::NoGradGuard noGrad;
    const auto x = torch::randn({1, 3, 32, 48});
    EXPECT_EQ((a->forward(x) - b->forward(x)).abs().max().item<float>(), 0.0f);
}

TEST(UNet, LoadingWeightsOfAnotherWidthSaysWhy) {
    UNet a(3, 1, 8), b(3, 1, 4);
    try {
        loadStateDict(b, stateDictOf(a));
        FAIL() << "no error";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("inc.double_conv.0.weight"), std::string::npos)
            << e.what();
    }
}

TEST(UNet, ReadingAFileThatIsNoWeightsFileSaysWhich) {
    const std::string path = ::testing::TempDir() + "not_weights.pt";
    std::ofstream(path) << "hello";
    try {
        readStateDictFile(path);
        FAIL() << "no error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
}

// The flux form (Anchor::Flux): mass moves only between neighbouring ocean cells, in shares of
// the donor's mass, so it is conserved exactly per sample, never negative, and never on land;
// at g = 0 the output is the anchor and the gradient is not zero (the model can start there).
TEST(AnchoredOutput, TheFluxFormConservesMassKeepsMapsPositiveAndLearnsFromZero) {
    torch::manual_seed(3);
    const std::int64_t B = 3, ny = 20, nx = 24;
    torch::Tensor ocean = torch::ones({1, 1, ny, nx});
    ocean.index_put_({0, 0, torch::indexing::Slice(0, 6), torch::indexing::Slice(0, 5)}, 0.0);
    ocean.index_put_({0, 0, 10, torch::indexing::Slice()}, 0.0);  // a land bar across the grid
    const torch::Tensor anchor = torch::rand({B, 1, ny, nx}) * ocean;
    const torch::Tensor net = 5.0 * torch::randn({B, 2, ny, nx});
    const double oceanCells = ocean.sum().item<double>();
    const torch::Tensor out = anchoredOutput(net, anchor, Anchor::Flux, ocean, oceanCells);
    ASSERT_EQ(out.sizes(), anchor.sizes());
    EXPECT_GE(out.min().item<float>(), 0.0f);
    EXPECT_EQ((out * (1 - ocean)).abs().max().item<float>(), 0.0f);
    const torch::Tensor before = anchor.sum({1, 2, 3}), after = out.sum({1, 2, 3});
    EXPECT_LT((before - after).abs().max().item<float>(), 1e-4f * before.max().item<float>());
    // No mass crosses the land bar: each side keeps its own.
    const auto south = torch::indexing::Slice(0, 10);
    EXPECT_NEAR(out.index({0, 0, south}).sum().item<double>(),
                anchor.index({0, 0, south}).sum().item<double>(), 1e-3);
    EXPECT_GT((out - anchor).abs().max().item<float>(), 0.01f);  // it does move mass
    // At zero the anchor itself, with a gradient to learn from.
    torch::Tensor zero = torch::zeros({B, 2, ny, nx}, torch::requires_grad());
    const torch::Tensor start = anchoredOutput(zero, anchor, Anchor::Flux, ocean, oceanCells);
    EXPECT_EQ((start - anchor).abs().max().item<float>(), 0.0f);
    (start * torch::rand_like(start)).sum().backward();
    EXPECT_GT(zero.grad().abs().sum().item<float>(), 0.0f);
    EXPECT_EQ(outputChannelsOf(Anchor::Flux), 2);
    EXPECT_EQ(anchorFromName("flux"), Anchor::Flux);
}
