// `driftlab merge OUT.h5 PART.h5 ...`: the part files of `generate --part K/N` joined into the
// file one `generate` would write (jobs/DatasetParts).
#include "ArgParser.h"
#include "CliJob.h"
#include "Commands.h"
#include "ProgressBar.h"
#include "core/CoreCount.h"
#include "jobs/DatasetGenerator.h"
#include "jobs/DatasetParts.h"

namespace driftlab::cli {

int runMerge(const std::vector<std::string>& args) {
    const CliJob job("merge", "no file written");
    std::vector<std::string> inputs;
    std::string out;
    int threads = 1;
    const int parsed = job.parse([&] {
        const ArgParser p(args, {"threads"}, {"force"});
        if (p.positional().size() < 2) throw UsageError("merge needs OUT.h5 and the part files");
        out = p.positional().front();
        inputs.assign(p.positional().begin() + 1, p.positional().end());
        threads = static_cast<int>(p.integer("threads", coreCount(), 1, 1024));
        CliJob::refuseToOverwrite(out, p.has("force"));
    });
    if (parsed != kOk) return parsed;
    return job.run([&] {
        return job.withProgress("merge " + out, [&](ProgressBar& bar, const JobControl& control) {
            const GenerationStats s = mergeDatasetParts(inputs, out, threads, control);
            bar.finish(std::to_string(s.releases) + " releases from " +
                       std::to_string(inputs.size()) + " parts, " + formatBytes(s.fileBytes) +
                       " in " + formatFixed(s.totalSeconds, 1) + " s");
            return kOk;
        });
    });
}

}  // namespace driftlab::cli
