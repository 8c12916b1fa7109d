// C++ half of the UNet weight-interop test (torch_interop_test.sh runs both halves; the Python
// half is torch_interop.py):
//   export DIR --width W       a seeded UNet trained for 3 steps on random data (so BatchNorm's
//                              running statistics are not the defaults), in eval mode: writes
//                              DIR/weights.pt with DriftLab's state-dict writer, DIR/input.pt and
//                              DIR/output.pt (its forward) for Python to compare
//   check-import DIR --width W loads DIR/weights_ordered.pt and DIR/weights_plain.pt (what
//                              Python's make-import wrote) with DriftLab's reader, runs
//                              DIR/input.pt and compares with DIR/output.pt: max |diff| < 1e-5
#include <torch/serialize.h>
#include <torch/torch.h>

#include <fstream>
#include <iostream>
#include <iterator>

#include "learn/StateDict.h"
#include "learn/UNet.h"

using namespace driftlab;

namespace {

void saveTensor(const torch::Tensor& t, const std::string& path) {
    const std::vector<char> bytes = torch::pickle_save(t);
    std::ofstream(path, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

torch::Tensor loadTensor(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
    return torch::pickle_load(bytes).toTensor();
}

int exportWeights(const std::string& dir, int width) {
    torch::manual_seed(5);
    UNet model(3, 1, width);
    torch::optim::AdamW optimizer(model->parameters(), torch::optim::AdamWOptions(1e-3));
    model->train();
    for (int step = 0; step < 3; ++step) {
        const auto loss =
            (model->forward(torch::randn({4, 3, 48, 80})) - torch::randn({4, 1, 48, 80}))
                .abs()
                .mean();
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
    }
    model->eval();
    torch::NoGradGuard noGrad;
    const auto x = torch::randn({2, 3, 48, 80});
    writeStateDictFile(stateDictOf(model), dir + "/weights.pt");
    saveTensor(x, dir + "/input.pt");
    saveTensor(model->forward(x), dir + "/output.pt");
    std::cout << "export: wrote " << dir << "/weights.pt (width " << width
              << "), input.pt, output.pt\n";
    return 0;
}

int checkImport(const std::string& dir, int width) {
    const auto x = loadTensor(dir + "/input.pt");
    const auto want = loadTensor(dir + "/output.pt");
    int failures = 0;
    for (const char* name : {"weights_ordered.pt", "weights_plain.pt"}) {
        UNet model(3, 1, width);
        const StateDict dict = readStateDictFile(dir + "/" + name);
        loadStateDict(model, dict);
        model->eval();
        torch::NoGradGuard noGrad;
        const double diff = (model->forward(x) - want).abs().max().item<double>();
        const bool ok = diff < 1e-5;
        std::cout << "check-import: " << name << ": " << dict.size() << " tensors, max abs diff "
                  << diff << (ok ? "" : "  FAIL") << "\n";
        failures += ok ? 0 : 1;
    }
    return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5 || std::string(argv[3]) != "--width") {
        std::cerr << "usage: driftlab_torch_interop export|check-import DIR --width W\n";
        return 2;
    }
    try {
        const std::string mode = argv[1], dir = argv[2];
        const int width = std::stoi(argv[4]);
        if (mode == "export") return exportWeights(dir, width);
        if (mode == "check-import") return checkImport(dir, width);
        std::cerr << "unknown mode " << mode << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "driftlab_torch_interop: " << e.what() << "\n";
        return 1;
    }
}
