#pragma once
// LibTorch 1.13 cannot read the most common PyTorch checkpoint, torch.save(model.state_dict()):
// its unpickler turns every collections.OrderedDict into None (it expects them only as the empty
// backward-hooks argument of a tensor) and then fails on the dict's items. This rewrites the
// pickle program (opcode by opcode, never inside data) so that every OrderedDict() becomes a plain
// dict, and drops each BUILD with the state it would set (for a state dict: its `_metadata`
// attribute, the per-module version numbers, which load_state_dict does not need for the seed's
// UNet). The keys, their order and the tensors are unchanged. Protocols 0-3 (torch.save uses 2).
#include <string>

namespace driftlab {

// Throws std::invalid_argument if `pickle` is not a well-formed pickle program.
std::string rewriteOrderedDictsAsDicts(const std::string& pickle);

}  // namespace driftlab
