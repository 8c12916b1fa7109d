#pragma once
// Weights in PyTorch's format: the state dict of the seed's Python UNet (parameters and
// buffers, num_batches_tracked included, Python's key names). Internal to model/learn.
#include <ATen/core/Dict.h>
#include <ATen/core/Tensor.h>

#include <string>

#include "learn/UNet.h"

namespace driftlab {

using StateDict = c10::Dict<std::string, at::Tensor>;

StateDict stateDictOf(UNet& model);
// Copies every tensor into the model. Throws std::invalid_argument naming the first missing,
// unexpected or wrongly shaped key (strict, like Python's load_state_dict(strict=True)).
void loadStateDict(UNet& model, const StateDict& dict);
// The width of the UNet a state dict belongs to (from inc.double_conv.0.weight).
int widthOfStateDict(const StateDict& dict);
// The number of input channels of the UNet a state dict is for (3 for the seed's).
int inputChannelsOfStateDict(const StateDict& dict);

// File I/O: torch.save-compatible zip files. Writes a plain dict (torch.load gives a dict that
// load_state_dict accepts). Reads a plain dict or the OrderedDict of torch.save(model.state_dict())
// (see docs/training.md). Throws std::runtime_error with the file name on failure.
void writeStateDictFile(const StateDict& dict, const std::string& path);
StateDict readStateDictFile(const std::string& path);

}  // namespace driftlab
