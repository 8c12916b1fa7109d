#include "learn/AnchoredOutput.h"

#include <torch/torch.h>

namespace driftlab {

torch::Tensor anchoredOutput(const torch::Tensor& net, const torch::Tensor& anchorMap,
                             Anchor anchor, const torch::Tensor& ocean, double oceanCells) {
    switch (anchor) {
        case Anchor::None:
            return net;
        case Anchor::Persistence:
            return net + anchorMap;  // the research's residual, as it is
        case Anchor::Advection: {
            const torch::Tensor onOcean = net * ocean;
            const torch::Tensor mean = onOcean.sum({2, 3}, true) / oceanCells;
            return anchorMap + (onOcean - mean * ocean);
        }
    }
    return net;
}

}  // namespace driftlab
