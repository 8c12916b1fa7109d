#pragma once
// Computed mean-density maps kept in a cache folder, so that reopening a dataset shows its mean
// at once. An entry is keyed by the dataset's absolute path, size, modification time and inode,
// and the subset: a file that changes (rewritten, touched, replaced) misses and is computed
// again, and storing its new mean removes the entries of its older versions. Entries are .npy
// files (float64, the exact values computed) written atomically: a cancelled or failed
// computation leaves no entry. docs/mean-density.md describes the folder.
#include <filesystem>
#include <optional>
#include <string>

#include "stats/MeanDensity.h"

namespace driftlab {

class MeanCache {
public:
    // The folder is created when the first entry is stored.
    explicit MeanCache(std::filesystem::path folder);
    const std::filesystem::path& folder() const { return folder_; }

    // $XDG_CACHE_HOME/driftlab, else ~/.cache/driftlab: the command line's folder (the GUI
    // passes Qt's cache location instead).
    static std::filesystem::path defaultFolder();

    // The stored mean for the file as it is now and this subset, if any (fromCache set, maps
    // counted from the dataset). A damaged or mis-shaped entry counts as none.
    std::optional<MeanResult> find(const DriftDataset& ds, const MeanSubset& subset) const;
    // Stores the mean for the file as it is now; replaces entries of older versions of the file.
    // Throws std::runtime_error if the folder cannot be created or written.
    void store(const DriftDataset& ds, const MeanSubset& subset, const MeanResult& result) const;
    // The entry's path for the file as it is now (whether or not it exists).
    std::filesystem::path entryPath(const DriftDataset& ds, const MeanSubset& subset) const;

    // What the GUI and the command line call: the cached mean if there is one, else computes it
    // (computeMeanDensity) and stores it. A cache that cannot be written costs only the speed-up:
    // the result is returned and `warning`, if given, says why it was not stored. Throws what
    // computeMeanDensity throws (JobCancelled leaves no entry).
    MeanResult getOrCompute(const DriftDataset& ds, const MeanSubset& subset, int threads,
                            const JobControl& control = {}, std::string* warning = nullptr) const;

private:
    struct Stamp;
    std::optional<MeanResult> find(const DriftDataset& ds, const MeanSubset& subset,
                                   const Stamp& stamp) const;
    void store(const MeanSubset& subset, const MeanResult& result, const Stamp& stamp) const;
    std::filesystem::path entryPath(const MeanSubset& subset, const Stamp& stamp) const;

    std::filesystem::path folder_;
};

}  // namespace driftlab
