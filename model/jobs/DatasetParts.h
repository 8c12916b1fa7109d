#pragma once
// Split generation (docs/scaling.md): `generate --part K/N` simulates every N-th release,
// starting at release K (0-based, as SLURM_ARRAY_TASK_ID counts with --array=0-(N-1)), into a
// part file, itself a valid dataset of those releases; `merge` joins the N parts into the file a
// single process would have written with the same options: the same bytes (tested). A release
// draws its random numbers from its global index, so a part simulates it exactly as the single
// run does; the merge copies the parts' compressed tiles as they are and rebuilds the file with
// the same writer, in the same order.
#include <string>
#include <vector>

#include "data/Attribute.h"
#include "core/JobControl.h"

namespace driftlab {

struct GenerationStats;

// Names of the part attributes a part file carries.
namespace parts {
inline constexpr const char* kPart = "generator_part";  // "K/N"
inline constexpr const char* kReleases = "generator_part_releases_total";
inline constexpr const char* kProvenance = "generator_part_provenance";  // JSON, see below
inline constexpr const char* kOutToken = "{OUT}";  // the output path in the recorded history
}  // namespace parts

// The single run's provenance (names, types, order) as JSON, and back.
std::string attributesToJson(const Attributes& attributes);
Attributes attributesFromJson(const std::string& json);

// The command line of the single run that `--part` splits: "--part K/N" (or "--part=K/N")
// removed and the output path replaced by {OUT}, which merge fills in.
std::string singleRunHistory(const std::string& commandLine, const std::string& outPath);

// Joins part files (any order) into `outPath`, atomically. Throws InputError naming
// the file for parts that do not belong together, a missing or repeated part, or a file that is
// not a part; JobCancelled if stopped.
GenerationStats mergeDatasetParts(const std::vector<std::string>& partPaths,
                                  const std::string& outPath, int threads = 1,
                                  const JobControl& control = {});

}  // namespace driftlab
