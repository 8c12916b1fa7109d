#include "learn/LearningBackend.h"

#include <dlfcn.h>

#include <filesystem>
#include <stdexcept>

namespace driftlab {

namespace fs = std::filesystem;

namespace {

// The module's file name, from the build (libdriftlab_learn.so).
constexpr const char* kModuleName = DRIFTLAB_LEARNING_MODULE;

// Any object of libdriftlab_model.so: dladdr on it names the file this code was loaded from.
const int kAnchor = 0;

using EntryPoint = const LearningBackend* (*)(int abi);

const LearningBackend* loadModule() {
    const std::string path = learningModulePath();
    // RTLD_NODELETE: objects made by the module (predictors, sessions) may outlive any handle.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!handle) {
        const char* why = dlerror();
        throw std::runtime_error(
            "cannot load DriftLab's learning module (" + path +
            "), which training and predictions need: " + (why ? why : "unknown reason"));
    }
    dlerror();
    auto entry = reinterpret_cast<EntryPoint>(dlsym(handle, kLearningBackendEntry));
    if (!entry)
        throw std::runtime_error(path + " is not DriftLab's learning module (no " +
                                 kLearningBackendEntry + ")");
    const LearningBackend* backend = entry(kLearningBackendAbi);
    if (!backend)
        throw std::runtime_error(path + " belongs to another DriftLab build (interface version " +
                                 "mismatch): reinstall DriftLab");
    return backend;
}

}  // namespace

std::string learningModulePath() {
    Dl_info info{};
    if (dladdr(&kAnchor, &info) != 0 && info.dli_fname) {
        const fs::path beside = fs::path(info.dli_fname).parent_path() / kModuleName;
        std::error_code ec;
        if (fs::exists(beside, ec)) return beside.string();
    }
    return kModuleName;
}

const LearningBackend& learningBackend() {
    // A throwing initialiser leaves the static uninitialised: the next call tries again.
    static const LearningBackend* const backend = loadModule();
    return *backend;
}

}  // namespace driftlab
