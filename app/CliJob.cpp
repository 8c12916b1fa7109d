#include "CliJob.h"

#include <filesystem>
#include <iostream>

#include "ArgParser.h"
#include "Commands.h"
#include "ProgressBar.h"
#include "core/InputError.h"

namespace driftlab::cli {

CliJob::CliJob(std::string command, std::string leftBehind)
    : command_(std::move(command)), leftBehind_(std::move(leftBehind)) {}

int CliJob::fail(const std::string& message, int code) const {
    std::cerr << "driftlab " << command_ << ": " << message << "\n";
    return code;
}

int CliJob::parse(const std::function<void()>& parse) const {
    try {
        parse();
        return kOk;
    } catch (const InputError& e) {
        return fail(e.what(), kFailure);
    } catch (const std::invalid_argument& e) {  // UsageError included
        return fail(std::string(e.what()) + "\n(see driftlab --help)", kUsage);
    } catch (const std::exception& e) {
        return fail(e.what(), kFailure);
    }
}

int CliJob::run(const std::function<int()>& work) const {
    try {
        return work();
    } catch (const JobCancelled&) {
        return barEnded_ ? kCancelled : fail("interrupted; " + leftBehind_, kCancelled);
    } catch (const UsageError& e) {
        return fail(e.what(), kUsage);
    } catch (const std::exception& e) {  // InputError, I/O, the learning module, ...
        return fail(e.what(), kFailure);
    } catch (...) {
        return fail("an unknown error", kFailure);
    }
}

void CliJob::progress(const std::string& title,
                      const std::function<void(ProgressBar&, const JobControl&)>& work) const {
    installStopHandlers();
    ProgressBar bar(title);
    const JobControl control(stopFlag(),
                             [&bar](double f, const std::string& stage) { bar.update(f, stage); });
    try {
        work(bar, control);
    } catch (const JobCancelled&) {
        bar.finish("interrupted; " + leftBehind_);
        barEnded_ = true;
        throw;
    } catch (...) {
        bar.finish("failed; " + leftBehind_);
        throw;
    }
}

void CliJob::refuseToOverwrite(const std::string& out, bool force) {
    if (!force && std::filesystem::exists(out))
        throw InputError(out + " exists; use --force to overwrite it");
}

}  // namespace driftlab::cli
