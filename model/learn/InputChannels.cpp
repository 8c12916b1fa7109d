#include "learn/InputChannels.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace driftlab {

namespace {

void currents(const float* in, double mean, double stddev, const std::uint8_t* ocean,
              std::size_t cells, float* out) {
    for (std::size_t c = 0; c < cells; ++c)
        out[c] = ocean[c] ? static_cast<float>((in[c] - mean) / stddev) : 0.0f;
}

void scaled(const float* in, double scale, std::size_t cells, float* out) {
    const float s = static_cast<float>(scale);
    std::transform(in, in + cells, out, [s](float x) { return x * s; });
}

}  // namespace

void assembleInput(const std::vector<InputChannel>& channels, const InputNormalisation& norm,
                   const std::uint8_t* ocean, std::size_t cells, const ChannelSources& src,
                   float* out) {
    for (std::size_t k = 0; k < channels.size(); ++k) {
        const InputChannel ch = channels[k];
        const float* from = nullptr;
        switch (ch) {
            case InputChannel::U:
                from = src.u;
                break;
            case InputChannel::V:
                from = src.v;
                break;
            case InputChannel::UNext:
                from = src.uNext;
                break;
            case InputChannel::VNext:
                from = src.vNext;
                break;
            case InputChannel::Density:
                from = src.density;
                break;
            case InputChannel::Advected:
                from = src.advected;
                break;
        }
        if (!from)
            throw std::invalid_argument(std::string("the input channel '") + channelName(ch) +
                                        "' has no data");
        float* o = out + k * cells;
        if (ch == InputChannel::U || ch == InputChannel::UNext)
            currents(from, norm.uMean, norm.uStd, ocean, cells, o);
        else if (ch == InputChannel::V || ch == InputChannel::VNext)
            currents(from, norm.vMean, norm.vStd, ocean, cells, o);
        else
            scaled(from, norm.densityScale, cells, o);
    }
}

bool needsNextCurrents(const std::vector<InputChannel>& channels) {
    return std::any_of(channels.begin(), channels.end(), [](InputChannel c) {
        return c == InputChannel::UNext || c == InputChannel::VNext;
    });
}

bool needsAdvected(const std::vector<InputChannel>& channels) {
    return std::find(channels.begin(), channels.end(), InputChannel::Advected) != channels.end();
}

}  // namespace driftlab
