#include "learn/StateDict.h"

#include <caffe2/serialize/in_memory_adapter.h>
#include <caffe2/serialize/inline_container.h>
#include <torch/csrc/jit/serialization/unpickler.h>
#include <torch/serialize.h>
#include <torch/torch.h>

#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>

#include "data/AtomicFile.h"
#include "learn/OrderedDictPickle.h"

namespace driftlab {

namespace {

std::string shapeText(at::IntArrayRef sizes) {
    std::string s = "(";
    for (std::size_t i = 0; i < sizes.size(); ++i) s += (i ? ", " : "") + std::to_string(sizes[i]);
    return s + (sizes.size() == 1 ? ",)" : ")");
}

// Reads a torch.save zip archive's pickle with our OrderedDict rewrite, tensors from its records.
c10::IValue unpickleArchive(const std::vector<char>& bytes) {
    caffe2::serialize::PyTorchStreamReader reader(
        std::make_unique<caffe2::serialize::MemoryReadAdapter>(bytes.data(), bytes.size()));
    // The archive's top folder is the file's stem in Python; the reader hides it.
    auto [pickleData, pickleSize] = reader.getRecord("data.pkl");
    const std::string program = rewriteOrderedDictsAsDicts(
        std::string(static_cast<const char*>(pickleData.get()), pickleSize));
    std::size_t pos = 0;
    auto readBytes = [&](char* into, std::size_t n) {
        const std::size_t take = std::min(n, program.size() - pos);
        std::memcpy(into, program.data() + pos, take);
        pos += take;
        return take;
    };
    auto readRecord = [&](const std::string& name) {
        return std::get<0>(reader.getRecord("data/" + name));
    };
    // No type resolver: type tags (Dict[str, Tensor], as LibTorch writes) are parsed as types;
    // TorchScript classes are refused by the unpickler itself.
    torch::jit::Unpickler unpickler(readBytes, nullptr, nullptr, readRecord, at::Device(at::kCPU));
    unpickler.set_version(reader.version());
    return unpickler.parse_ivalue();
}

}  // namespace

StateDict stateDictOf(UNet& model) {
    StateDict dict;
    // On the CPU whatever the model's device: the files are read anywhere.
    for (const auto& p : model->named_parameters())
        dict.insert(p.key(), p.value().detach().to(torch::kCPU).clone());
    for (const auto& b : model->named_buffers())
        dict.insert(b.key(), b.value().detach().to(torch::kCPU).clone());
    return dict;
}

void loadStateDict(UNet& model, const StateDict& dict) {
    torch::NoGradGuard noGrad;
    std::set<std::string> expected;
    auto copyInto = [&](const std::string& key, torch::Tensor& target) {
        expected.insert(key);
        if (!dict.contains(key)) throw std::invalid_argument("the weights have no '" + key + "'");
        const at::Tensor& source = dict.at(key);
        if (source.sizes() != target.sizes())
            throw std::invalid_argument("'" + key + "' has shape " + shapeText(source.sizes()) +
                                        ", the model needs " + shapeText(target.sizes()) +
                                        " (a UNet of another width?)");
        target.copy_(source.to(target.dtype()));
    };
    for (auto& p : model->named_parameters()) copyInto(p.key(), p.value());
    for (auto& b : model->named_buffers()) copyInto(b.key(), b.value());
    for (const auto& entry : dict)
        if (!expected.count(entry.key()))
            throw std::invalid_argument("the weights hold '" + entry.key() +
                                        "', which the seed's UNet has not");
}

int widthOfStateDict(const StateDict& dict) {
    const std::string key = "inc.double_conv.0.weight";
    if (!dict.contains(key) || dict.at(key).dim() != 4)
        throw std::invalid_argument("the weights have no '" + key +
                                    "': not a state dict of the seed's UNet");
    return static_cast<int>(dict.at(key).size(0));
}

int inputChannelsOfStateDict(const StateDict& dict) {
    widthOfStateDict(dict);  // the same checks
    return static_cast<int>(dict.at("inc.double_conv.0.weight").size(1));
}

void writeStateDictFile(const StateDict& dict, const std::string& path) {
    const std::vector<char> bytes = torch::pickle_save(c10::IValue(dict));
    writeFileAtomically(path, bytes.data(), bytes.size());
}

StateDict readStateDictFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open weights file " + path);
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
    c10::IValue value;
    try {
        value = unpickleArchive(bytes);
    } catch (const std::exception& e) {
        throw std::runtime_error(
            path + ": not a PyTorch weights file written by torch.save (zip format): " +
            std::string(e.what()).substr(0, 300));
    }
    if (!value.isGenericDict())
        throw std::runtime_error(path + ": holds a " + value.tagKind() + ", not a state dict");
    StateDict dict;
    for (const auto& entry : value.toGenericDict()) {
        if (!entry.key().isString() || !entry.value().isTensor())
            throw std::runtime_error(path + ": the state dict holds a non-tensor entry");
        dict.insert(entry.key().toStringRef(), entry.value().toTensor());
    }
    return dict;
}

}  // namespace driftlab
