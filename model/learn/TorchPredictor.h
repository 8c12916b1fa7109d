#pragma once
// The LibTorch side of Predictor: a UNet and its normalisation, loaded from a run folder, a
// checkpoint or a PyTorch weights file (see Predictor.h for what each means). Lives in the
// learning module; no Torch in this header.
#include <memory>
#include <string>

#include "learn/PredictorBackend.h"

namespace driftlab {

class DriftDataset;

class TorchPredictor final : public PredictorBackend {
public:
    // Throws std::runtime_error naming the file and the problem.
    static std::unique_ptr<TorchPredictor> load(const std::string& path,
                                                const DriftDataset* dataset,
                                                DeviceChoice device = DeviceChoice::Auto);
    ~TorchPredictor() override;

    const std::string& description() const override;
    const std::string& source() const override;
    int width() const override;
    const std::vector<InputChannel>& inputs() const override;
    Anchor anchor() const override;
    AdvectionScheme advection() const override;
    const InputNormalisation& normalisation() const override;
    void setThreads(int threads) override;
    std::vector<float> predictBatch(const PredictorInputs& in,
                                    const std::vector<std::uint8_t>& ocean, int ny,
                                    int nx) const override;

private:
    TorchPredictor();
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace driftlab
