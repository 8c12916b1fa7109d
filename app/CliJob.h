#pragma once
// One place where a subcommand's failures become a message on stderr ("driftlab COMMAND: why")
// and an exit code (Commands.h):
//   reading the command line (parse): UsageError, or a std::invalid_argument from a model parser
//     of a name or setting given there (an unknown split, a resolution that does not divide the
//     region) -> 2, with a pointer to --help; InputError -> 1;
//   the work (run): JobCancelled -> 130; UsageError (the command line asks for what the file
//     lacks: a release, a day) -> 2; InputError (a bad file or value) and any other failure -> 1.
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "core/JobControl.h"

namespace driftlab::cli {

class ProgressBar;

class CliJob {
public:
    // `command`: "generate", "train (rank 1)"; `leftBehind`: what a stopped or failed job leaves,
    // for its last line ("no file written").
    explicit CliJob(std::string command, std::string leftBehind = "nothing written");

    // Reads the command line with `parse`: kOk, or the exit code once the message is printed.
    int parse(const std::function<void()>& parse) const;
    // Does the work: what `work` returns, or the exit code of what it threw.
    int run(const std::function<int()>& work) const;
    // Inside run(): `work(ProgressBar&, const JobControl&)` as a stoppable job with a progress
    // bar titled `title`; returns what it returns. Its JobControl draws the bar and sees Ctrl-C /
    // SIGTERM (the handlers are installed here). What it throws ends the bar ("interrupted; " /
    // "failed; " + leftBehind) and goes on to run().
    template <class Work>
    auto withProgress(const std::string& title, Work&& work) const {
        using Result = decltype(work(std::declval<ProgressBar&>(), std::declval<JobControl&>()));
        std::optional<Result> result;
        progress(title, [&](ProgressBar& bar, const JobControl& control) {
            result.emplace(work(bar, control));
        });
        return std::move(*result);
    }
    // Prints "driftlab COMMAND: message" and returns `code`.
    int fail(const std::string& message, int code) const;

    // Throws InputError if `out` exists and --force was not given.
    static void refuseToOverwrite(const std::string& out, bool force);

private:
    void progress(const std::string& title,
                  const std::function<void(ProgressBar&, const JobControl&)>& work) const;

    std::string command_, leftBehind_;
    mutable bool barEnded_ = false;  // a bar already said the job was interrupted
};

}  // namespace driftlab::cli
