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
        case Anchor::Flux: {
            // g in (-1, 1) on each east face (channel 0: between i and i + 1) and north face
            // (channel 1: between j and j + 1): g > 0 moves g / 4 of the west (south) cell's
            // mass across, g < 0 |g| / 4 of the east (north) cell's. A cell gives at most a
            // quarter per face, so no cell goes negative; faces at land and the grid's edge
            // are shut, so mass is conserved exactly.
            constexpr double kMaxShare = 0.25;
            const std::int64_t ny = anchorMap.size(2), nx = anchorMap.size(3);
            const torch::Tensor gx = torch::tanh(net.slice(1, 0, 1)).slice(3, 0, nx - 1);
            const torch::Tensor gy = torch::tanh(net.slice(1, 1, 2)).slice(2, 0, ny - 1);
            const torch::Tensor openX = ocean.slice(3, 0, nx - 1) * ocean.slice(3, 1, nx);
            const torch::Tensor openY = ocean.slice(2, 0, ny - 1) * ocean.slice(2, 1, ny);
            // The donor is chosen by the sign (at g = 0, the west / south cell: a model that
            // starts at g = 0, as the anchor, still gets a gradient there).
            const torch::Tensor fx =
                kMaxShare * openX * gx *
                torch::where(gx >= 0, anchorMap.slice(3, 0, nx - 1), anchorMap.slice(3, 1, nx));
            const torch::Tensor fy =
                kMaxShare * openY * gy *
                torch::where(gy >= 0, anchorMap.slice(2, 0, ny - 1), anchorMap.slice(2, 1, ny));
            // Out of each cell across its east / north face, into it across its west / south.
            return anchorMap - torch::constant_pad_nd(fx, {0, 1}) +
                   torch::constant_pad_nd(fx, {1, 0}) - torch::constant_pad_nd(fy, {0, 0, 0, 1}) +
                   torch::constant_pad_nd(fy, {0, 0, 1, 0});
        }
    }
    return net;
}

}  // namespace driftlab
